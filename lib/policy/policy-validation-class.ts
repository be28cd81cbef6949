/**
 * The validation class of a policy (CalicoObject._validationClass): its manifest with exactly the values that the
 * synth validation treats alike abstracted away, so that the 2,000 fences of 2,000 exposed services (bench/services.ts)
 * share one validation instead of running the CRD schema, its CEL rules and Calico's rules 2,000 times.
 *
 * Abstracted, and why each keeps its validation outcome (lib/validation/rules, the vendored v3 CRDs):
 * - `metadata.name` and `metadata.namespace`: the construct checked them when they were set, and synth validation
 *   skips the metadata rules (`metadataChecked`); no policy rule reads them.
 * - `nets`/`notNets` entries that are canonical, strictly masked CIDRs with a prefix: checkNets reads only their
 *   family and whether the prefix is 0; the CRD types them as plain strings in a set, so the family, the prefix and
 *   which entries repeat are kept.
 * - string literals inside selectors: the selector parser (lib/selector/parser.ts) never reads a literal's contents,
 *   and `usesGlobal`/`isGlobalOnly` depend on the tokens only; tokens and whitespace are kept.
 * - rule annotation values: checkAnnotationsInto reads their type and total size only (the CRD: strings), so string
 *   values of an annotation map well under the 256 KiB limit become one placeholder.
 * Everything else is kept as it is, so any other difference validates on its own.
 */
import { tokenize } from '../selector/tokenizer';
import { formatCidr, parseCidr } from '../model/primitives/cidr';
import { canonicalV4Number, v4Mask } from '../model/primitives/dotted-ipv4';
import type { ValidationClassProbe } from '../validation/synth-validation';

/** checkAnnotationsInto's limit (262,144 bytes) over the UTF-8 bytes a UTF-16 unit can take at most (3). */
const ANNOTATION_UNITS_SURELY_SMALL = Math.floor(262144 / 3);

/** The validation class of a rendered policy manifest (see the file comment). */
export function policyValidationClass(manifest: { metadata?: { [key: string]: unknown }; spec?: unknown }): string {
  const meta = manifest.metadata ?? {};
  const metadata = { ...meta, name: '#', ...(meta.namespace === undefined ? {} : { namespace: '#' }) };
  // Only the fields named in the file comment, where a policy has them; everything else is compared as it is.
  return JSON.stringify({
    ...manifest,
    metadata,
    spec: isPlainObject(manifest.spec) ? specShape(manifest.spec) : manifest.spec,
  });
}

type Json = { [key: string]: unknown };

function isPlainObject(v: unknown): v is Json {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

function specShape(spec: Json): Json {
  const out = selectorsShape(spec, ['selector', 'serviceAccountSelector', 'namespaceSelector']);
  for (const direction of ['ingress', 'egress']) {
    const rules = out[direction];
    if (Array.isArray(rules)) out[direction] = rules.map((r) => (isPlainObject(r) ? ruleShape(r) : r));
  }
  return out;
}

function ruleShape(rule: Json): Json {
  const out = { ...rule };
  for (const side of ['source', 'destination']) {
    const er = out[side];
    if (isPlainObject(er)) out[side] = entityShape(er);
  }
  const metadata = out.metadata;
  if (isPlainObject(metadata) && metadata.annotations !== undefined) {
    out.metadata = { ...metadata, annotations: annotationsShape(metadata.annotations) };
  }
  return out;
}

function entityShape(er: Json): Json {
  const out = selectorsShape(er, ['selector', 'notSelector', 'namespaceSelector']);
  for (const key of ['nets', 'notNets']) {
    const nets = out[key];
    if (Array.isArray(nets)) out[key] = netsShape(nets);
  }
  const sa = out.serviceAccounts;
  if (isPlainObject(sa)) out.serviceAccounts = selectorsShape(sa, ['selector']);
  return out;
}

/** A copy of `o` with its selector strings at `keys` shaped. */
function selectorsShape(o: Json, keys: readonly string[]): Json {
  const out = { ...o };
  for (const key of keys) {
    const v = out[key];
    if (typeof v === 'string') out[key] = selectorShape(v);
  }
  return out;
}

/** Shapes of selectors seen (a few distinct texts repeat across thousands of policies); cleared when large. */
const SELECTOR_SHAPES = new Map<string, string>();

/**
 * The selector with the contents of every string literal replaced; the text itself when it does not tokenize (the
 * prefixes keep the two apart).
 */
function selectorShape(text: string): string {
  let shape = SELECTOR_SHAPES.get(text);
  if (shape === undefined) {
    if (SELECTOR_SHAPES.size >= 10000) SELECTOR_SHAPES.clear();
    shape = computeSelectorShape(text);
    SELECTOR_SHAPES.set(text, shape);
  }
  return shape;
}

function computeSelectorShape(text: string): string {
  let tokens;
  try {
    tokens = tokenize(text);
  } catch {
    return `raw:${text}`;
  }
  let out = '';
  let from = 0;
  for (const t of tokens) {
    if (t.kind !== 'string') continue;
    out += `${text.slice(from, t.start)}"#"`;
    from = t.end;
  }
  return `shape:${out}${text.slice(from)}`;
}

function netsShape(nets: unknown[]): unknown[] {
  const first = new Map<string, number>();
  return nets.map((n, i) => {
    if (typeof n !== 'string') return n;
    const shape = cidrShape(n);
    if (shape === undefined) return `raw:${n}`;
    if (!first.has(n)) first.set(n, i);
    return `${shape}#${first.get(n)}`;
  });
}

/** `cidr:<family>/<prefix>` of CIDRs checkNets treats alike; memoised like the selector shapes. */
const CIDR_SHAPES = new Map<string, string | null>();

function cidrShape(n: string): string | undefined {
  let shape = CIDR_SHAPES.get(n);
  if (shape === undefined) {
    if (CIDR_SHAPES.size >= 10000) CIDR_SHAPES.clear();
    shape = canonicalIpv4CidrShape(n) ?? parsedCidrShape(n);
    CIDR_SHAPES.set(n, shape);
  }
  return shape ?? undefined;
}

/** The shape of any text: `null` unless it parses (Go ParseCIDR), has a prefix, no host bits, and prints as written. */
export function parsedCidrShape(n: string): string | null {
  const c = parseCidr(n);
  return !c || c.prefix === 0 || c.ip !== c.network || formatCidr(c) !== n ? null : `cidr:${c.family}/${c.prefix}`;
}

/** A CIDR prefix as formatCidr prints it: no leading zero. */
const CANONICAL_PREFIX = /^(0|[1-9][0-9]?)$/;

/**
 * {@link parsedCidrShape} of IPv4 text written as formatCidr prints it, in plain arithmetic (the parser's BigInt
 * arithmetic was the cost of thousands of client networks and cluster IPs); `undefined` for any other text. Such
 * text prints as written exactly when it has no host bits, which is all that is left to check.
 */
export function canonicalIpv4CidrShape(n: string): string | null | undefined {
  const slash = n.indexOf('/');
  if (slash < 0 || !CANONICAL_PREFIX.test(n.slice(slash + 1))) return undefined;
  const ip = canonicalV4Number(n.slice(0, slash));
  const prefix = Number(n.slice(slash + 1));
  if (ip === undefined || prefix > 32) return undefined;
  return prefix === 0 || (ip & ~v4Mask(prefix)) >>> 0 !== 0 ? null : `cidr:4/${prefix}`;
}

function annotationsShape(value: unknown): unknown {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return value;
  const entries = Object.entries(value as { [key: string]: unknown });
  let units = 0;
  for (const [k, v] of entries) {
    if (typeof v !== 'string') return value;
    units += k.length + v.length;
  }
  if (units > ANNOTATION_UNITS_SURELY_SMALL) return value;
  return Object.fromEntries(entries.map(([k]) => [k, '\u0000small-string']));
}

/**
 * {@link policyValidationClass} as a probe for the synth validation's cache (synth-validation.ts): a policy whose
 * manifest matches a clean representative of its bucket field by field, with exactly the abstractions listed in the
 * file comment, is recognised without building its class key (a JSON text of about a kilobyte per policy, the
 * largest cost of validating 4,000 exposed-service policies at synth). The comparison answers true only where the
 * two keys would be equal; anything it does not recognise as plain JSON answers false, and the key decides.
 */
export function policyValidationProbe(manifest: {
  metadata?: unknown;
  spec?: unknown;
  kind?: unknown;
}): ValidationClassProbe {
  return new PolicyValidationProbe(manifest);
}

/** One object per policy validated at synth, its methods shared (no closures per policy). */
class PolicyValidationProbe implements ValidationClassProbe {
  public readonly bucket: string;
  private cachedKey?: string;

  public constructor(private readonly manifest: { metadata?: unknown; spec?: unknown; kind?: unknown }) {
    this.bucket = probeBucket(manifest);
  }

  public key(): string {
    return (this.cachedKey ??= policyValidationClass(this.manifest as Parameters<typeof policyValidationClass>[0]));
  }

  public snapshot(): unknown {
    return plainCopy(this.manifest);
  }

  public matches(representative: unknown): boolean {
    return manifestMatches(this.manifest, representative);
  }
}

/**
 * Kind, order and rule counts: policies of one class always share them (the order is kept as it is), so a probe
 * meets few representatives, and none when every policy has an order of its own.
 */
function probeBucket(m: { kind?: unknown; spec?: unknown }): string {
  const spec = m.spec as { ingress?: unknown; egress?: unknown; order?: unknown } | undefined;
  const count = (rules: unknown) => (Array.isArray(rules) ? rules.length : -1);
  if (!isJsonObject(spec)) return String(m.kind);
  const order = typeof spec.order === 'number' ? spec.order : typeof spec.order;
  return `${String(m.kind)}|${order}|${count(spec.ingress)}|${count(spec.egress)}`;
}

/** What the class functions above treat as an object to shape (`isPlainObject`): any non-array object. */
function objectLike(v: unknown): v is Json {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** An object JSON.stringify writes as its own keys: a literal's prototype. Anything else leaves the probe unsure. */
function isJsonObject(v: unknown): v is Json {
  return v !== null && typeof v === 'object' && Object.getPrototypeOf(v) === Object.prototype;
}

function isJsonArray(v: unknown): v is unknown[] {
  return Array.isArray(v) && Object.getPrototypeOf(v) === Array.prototype;
}

/**
 * The keys of a representative's object, in the order JSON.stringify writes them, kept on the copy (a symbol key:
 * JSON.stringify, `Object.keys` and `for...in` do not see it) so that a comparison allocates nothing.
 */
const KEYS = Symbol('keys');

/** A deep copy of plain JSON data (a representative must not change later); undefined for anything else. */
function plainCopy(v: unknown): unknown {
  const bad = {};
  const copy = (x: unknown): unknown => {
    if (x === null || typeof x === 'string' || typeof x === 'number' || typeof x === 'boolean' || x === undefined) {
      return x;
    }
    if (isJsonArray(x)) {
      const out = new Array(x.length);
      for (let i = 0; i < x.length; i++) if (i in x) out[i] = copy(x[i]);
      return out;
    }
    if (!isJsonObject(x)) throw bad;
    const out: Json = {};
    const keys = Object.keys(x);
    for (const k of keys) out[k] = copy(x[k]);
    Object.defineProperty(out, KEYS, { value: keys });
    return out;
  };
  try {
    return copy(v);
  } catch (e) {
    if (e === bad) return undefined;
    throw e;
  }
}

type Field = (key: string, a: unknown, r: unknown) => boolean;

/**
 * Candidate object `a` against representative object `r`: the same keys in the same order (JSON.stringify writes
 * keys in that order), each value compared by `field`. `toJSON` leaves the probe unsure.
 */
function sameFields(a: Json, r: Json, field: Field): boolean {
  const keys = (r as { [KEYS]?: string[] })[KEYS];
  if (keys === undefined) return false;
  let i = 0;
  for (const k in a) {
    if (k !== keys[i] || k === 'toJSON' || !field(k, a[k], r[k])) return false;
    i++;
  }
  return i === keys.length;
}

/** Whether JSON.stringify writes `a` and `r` alike; false when unsure (NaN, class instances, toJSON). */
function sameJson(a: unknown, r: unknown): boolean {
  if (a === r) return true;
  if (a === null || r === null || typeof a !== 'object' || typeof r !== 'object') return false;
  if (isJsonArray(a)) {
    if (!isJsonArray(r) || a.length !== r.length) return false;
    for (let i = 0; i < a.length; i++) if (!sameJson(a[i], r[i])) return false;
    return true;
  }
  return isJsonObject(a) && isJsonObject(r) && sameFields(a, r, sameJsonField);
}

function sameJsonField(_key: string, a: unknown, r: unknown): boolean {
  return sameJson(a, r);
}

/**
 * `a` and `r` written alike once each is shaped by `shape` where the class functions shape it (an object-like
 * value): both must then be plain objects; otherwise both are written as they are.
 */
function sameShaped(a: unknown, r: unknown, shape: Field): boolean {
  if (objectLike(a) || objectLike(r)) return isJsonObject(a) && isJsonObject(r) && sameFields(a, r, shape);
  return sameJson(a, r);
}

function manifestMatches(m: unknown, r: unknown): boolean {
  // policyValidationClass: `{ ...manifest, metadata, spec }`; both without `metadata` or `spec` append alike.
  return isJsonObject(m) && isJsonObject(r) && sameFields(m, r, manifestField);
}

function manifestField(k: string, a: unknown, r: unknown): boolean {
  if (k === 'metadata') {
    // `{ ...(meta ?? {}), name: '#', namespace: '#' when set }`.
    const ma = a ?? {};
    const mr = r ?? { [KEYS]: [] };
    return isJsonObject(ma) && isJsonObject(mr) && sameFields(ma, mr, metadataField);
  }
  if (k === 'spec') return sameShaped(a, r, specField);
  return sameJson(a, r);
}

function metadataField(k: string, a: unknown, r: unknown): boolean {
  if (k === 'name') return true;
  if (k === 'namespace') return (a === undefined) === (r === undefined);
  return sameJson(a, r);
}

function specField(k: string, a: unknown, r: unknown): boolean {
  if (k === 'selector' || k === 'serviceAccountSelector' || k === 'namespaceSelector') return selectorMatches(a, r);
  if (k === 'ingress' || k === 'egress') return rulesMatch(a, r);
  return sameJson(a, r);
}

/** Arrays of rules, each shaped when object-like (`rules.map`); anything else written as it is. */
function rulesMatch(a: unknown, r: unknown): boolean {
  if (!Array.isArray(a) && !Array.isArray(r)) return sameJson(a, r);
  if (!isJsonArray(a) || !isJsonArray(r) || a.length !== r.length) return false;
  for (let i = 0; i < a.length; i++) {
    // `map` keeps a hole a hole (written null); a hole meets only a hole.
    if (!(i in a) || !(i in r)) {
      if (i in a || i in r) return false;
    } else if (!sameShaped(a[i], r[i], ruleField)) return false;
  }
  return true;
}

function selectorMatches(a: unknown, r: unknown): boolean {
  if (typeof a === 'string' && typeof r === 'string') return a === r || selectorShape(a) === selectorShape(r);
  // A shaped string is never written like a value of another type.
  return typeof a !== 'string' && typeof r !== 'string' && sameJson(a, r);
}

function ruleField(k: string, a: unknown, r: unknown): boolean {
  if (k === 'source' || k === 'destination') return sameShaped(a, r, entityField);
  if (k === 'metadata') return ruleMetadataMatches(a, r);
  return sameJson(a, r);
}

function ruleMetadataMatches(a: unknown, r: unknown): boolean {
  // ruleShape shapes `metadata` only when it is object-like with annotations.
  const shapedA = objectLike(a) && a.annotations !== undefined;
  const shapedR = objectLike(r) && r.annotations !== undefined;
  if (shapedA !== shapedR) return false;
  if (!shapedA) return sameJson(a, r);
  return isJsonObject(a) && isJsonObject(r) && sameFields(a, r, ruleMetadataField);
}

function ruleMetadataField(k: string, a: unknown, r: unknown): boolean {
  return k === 'annotations' ? annotationsMatch(a, r) : sameJson(a, r);
}

/** Whether annotationsShape turns `v` into placeholders: a plain map of strings surely under the limit. */
function smallStrings(v: unknown): boolean | undefined {
  if (!objectLike(v)) return false;
  if (!isJsonObject(v)) return undefined;
  let units = 0;
  for (const k in v) {
    const s = v[k];
    if (typeof s !== 'string') return false;
    units += k.length + s.length;
  }
  return units <= ANNOTATION_UNITS_SURELY_SMALL;
}

function annotationsMatch(a: unknown, r: unknown): boolean {
  const sa = smallStrings(a);
  const sr = smallStrings(r);
  if (sa === undefined || sr === undefined || sa !== sr) return false;
  // Placeholders keep only the keys, in order.
  return sa ? sameFields(a as Json, r as Json, anyValue) : sameJson(a, r);
}

function anyValue(): boolean {
  return true;
}

function entityField(k: string, a: unknown, r: unknown): boolean {
  if (k === 'selector' || k === 'notSelector' || k === 'namespaceSelector') return selectorMatches(a, r);
  if (k === 'nets' || k === 'notNets') return netsMatch(a, r);
  if (k === 'serviceAccounts') return sameShaped(a, r, serviceAccountsField);
  return sameJson(a, r);
}

function serviceAccountsField(k: string, a: unknown, r: unknown): boolean {
  return k === 'selector' ? selectorMatches(a, r) : sameJson(a, r);
}

/** netsShape: each string `cidr:<family>/<prefix>#<first index of the same text>`, or `raw:<text>`. */
function netsMatch(a: unknown, r: unknown): boolean {
  if (!Array.isArray(a) && !Array.isArray(r)) return sameJson(a, r);
  if (!isJsonArray(a) || !isJsonArray(r) || a.length !== r.length) return false;
  for (let i = 0; i < a.length; i++) {
    if (!(i in a) || !(i in r)) {
      if (i in a || i in r) return false;
      continue;
    }
    const x = a[i];
    const y = r[i];
    if (typeof x !== 'string' || typeof y !== 'string') {
      if (typeof x === 'string' || typeof y === 'string' || !sameJson(x, y)) return false;
      continue;
    }
    // The same text has the same shape: only its first index is compared.
    if (x === y) {
      if (a.indexOf(x) !== r.indexOf(y)) return false;
      continue;
    }
    const sx = cidrShape(x);
    const sy = cidrShape(y);
    if (sx === undefined || sy === undefined) {
      if (sx !== sy || x !== y) return false;
    } else if (sx !== sy || a.indexOf(x) !== r.indexOf(y)) return false;
  }
  return true;
}

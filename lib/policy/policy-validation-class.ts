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
    const c = parseCidr(n);
    shape = !c || c.prefix === 0 || c.ip !== c.network || formatCidr(c) !== n ? null : `cidr:${c.family}/${c.prefix}`;
    CIDR_SHAPES.set(n, shape);
  }
  return shape ?? undefined;
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

/**
 * What `cdk8s synth` checks: {@link validateObject} (the single home of every per-object rule, shared with
 * `validateManifests` and the CLI) run on each construct's own output, with the problems worded as construct errors
 * (`[path] field: problem; fix: ...`). Calico constructs call {@link calicoSynthProblems} from their memoised
 * validation; constructs that emit Kubernetes built-in objects register {@link addManifestValidation}.
 */
import { ApiObject } from 'cdk8s';
import { Construct, IConstruct } from 'constructs';
import { withDerivedFix } from './problem-fix';
import { objectIdentity, ValidationProblem } from './problem';
import { CalicoSchemaSet } from './schema/crd-schema-validator';
import { CALICO_CRDS_DIR_ENV, resolveCrdsDir } from './schema/crd-loader';
import { validateObjectIn } from './validate-manifests';

let loaded: { env: string | undefined; schemas: CalicoSchemaSet | null } | undefined;
let enabled = true;

/**
 * Turns the synth validation on or off for the process; bench/synth-validation.ts measures its cost with it.
 * Not for applications: off, synth emits whatever the constructs render. @internal
 */
export function setSynthValidation(on: boolean): void {
  enabled = on;
}

let spentNs = 0n;

/** Milliseconds spent in the synth validation since the last call (then reset); for the benchmark. @internal */
export function takeSynthValidationMs(): number {
  const ms = Number(spentNs) / 1e6;
  spentNs = 0n;
  return ms;
}

function timed<T>(fn: () => T): T {
  const start = process.hrtime.bigint();
  try {
    return fn();
  } finally {
    spentNs += process.hrtime.bigint() - start;
  }
}

/**
 * The CRDs synthesis validates against: found as `validateManifests` finds them by default (env `CALICO_CRDS_DIR`,
 * else the vendored `crds/calico/v3` of the package), looked up once per process (again only when the
 * environment variable changes). `null` when none are found: synthesis then runs Calico's rules only, as the README
 * documents, and `validateManifests`/`cdk8s-calico validate` report the missing CRDs.
 */
export function synthCrds(): CalicoSchemaSet | null {
  const env = process.env[CALICO_CRDS_DIR_ENV];
  if (!loaded || loaded.env !== env) {
    const dir = resolveCrdsDir();
    loaded = { env, schemas: dir ? CalicoSchemaSet.of(dir) : null };
  }
  return loaded.schemas;
}

/**
 * A validation class (CalicoObject._validationClass) that can recognise a member without building its key: the
 * key of a policy is a JSON text of about a kilobyte, and building it for each of thousands of policies cost more
 * than the validation it saves (policy-validation-class.ts). @internal
 */
export interface ValidationClassProbe {
  /** A cheap partition of the classes: a probe is compared only with the representatives of its bucket. */
  readonly bucket: string;
  /** The class key, as a string validation class would be: it decides whenever no representative matches. */
  key(): string;
  /** A private copy of what `matches` compares, kept as a representative once the object validated clean. */
  snapshot(): unknown;
  /** True only when this object's key equals the key of the object `representative` was taken from. */
  matches(representative: unknown): boolean;
}

/** Representatives kept per bucket: a probe that matches none of them costs this many comparisons, then its key. */
const REPRESENTATIVES_PER_BUCKET = 8;

let probesEnabled = true;

/**
 * Turns the representatives of validation-class probes on or off (off: every probe builds its key), so tests can
 * show that both paths give the same answers. @internal
 */
export function setValidationProbes(on: boolean): void {
  probesEnabled = on;
}

/**
 * The problems of one Calico object rendered by its construct (`CalicoObject.toManifest()`), as
 * {@link validateObject} finds them; the metadata rules are skipped when `metadataChecked` (the construct checks its
 * name, labels and annotations when they are set). `manifest` may be a function that renders it; `validationClass`
 * (CalicoObject._validationClass) lets objects of one class share a clean result.
 */
export function calicoSynthProblems(
  manifest: unknown,
  metadataChecked: boolean,
  validationClass?: string,
): ValidationProblem[] {
  return synthProblemsOfClass(manifest, metadataChecked, validationClass);
}

/** {@link calicoSynthProblems} of an object whose validation class is a probe (a policy). @internal */
export function probedSynthProblems(
  manifest: unknown,
  metadataChecked: boolean,
  probe: ValidationClassProbe,
): ValidationProblem[] {
  return synthProblemsOfClass(manifest, metadataChecked, probe);
}

function synthProblemsOfClass(
  manifest: unknown,
  metadataChecked: boolean,
  validationClass: string | ValidationClassProbe | undefined,
): ValidationProblem[] {
  if (!enabled) return [];
  const probe = typeof validationClass === 'object' ? validationClass : undefined;
  if (probe && probesEnabled && matchesCleanRepresentative(probe)) return [];
  // Built outside the CRD error handling: a key that cannot be built fails as it did before probes (a TypeError).
  const key = probe ? timed(() => probe.key()) : (validationClass as string | undefined);
  if (key !== undefined && isKnownClean(key)) {
    if (probe && probesEnabled) timed(() => keepRepresentative(probe));
    return [];
  }
  // A function renders the manifest only when it must be validated (a validation-class hit skips the render).
  let rendered: unknown;
  const render = () => (rendered ??= typeof manifest === 'function' ? manifest() : manifest);
  return timed(() =>
    withCrdErrors(render, () => {
      const schemas = synthCrds();
      // Objects of one validation class (CalicoObject._validationClass) validate alike: one clean result stands
      // for all.
      const clean = key === undefined ? undefined : cleanClassesOf(schemas);
      if (clean?.keys.has(key!)) return [];
      const problems = validateObjectIn(render(), { schemas, metadataChecked });
      // A representative is kept when a second member of the class comes (above): most classes have one member.
      if (clean && problems.length === 0) clean.keys.add(key!);
      return problems;
    }),
  );
}

/**
 * Whether objects of this validation class were found clean with the CRDs in use: the hit path of pools that emit
 * thousands of objects of one class, without the closures of the full path (timed like it). A CRD folder that
 * cannot be read answers false, so the full path reports it.
 */
function isKnownClean(validationClass: string): boolean {
  const start = process.hrtime.bigint();
  try {
    return cleanClassesOf(synthCrds()).keys.has(validationClass);
  } catch {
    return false;
  } finally {
    spentNs += process.hrtime.bigint() - start;
  }
}

/** Whether the probe matches a representative of a class found clean with the CRDs in use (timed, as above). */
function matchesCleanRepresentative(probe: ValidationClassProbe): boolean {
  const start = process.hrtime.bigint();
  try {
    const representatives = cleanClassesOf(synthCrds()).representatives.get(probe.bucket);
    if (representatives) for (const r of representatives) if (probe.matches(r)) return true;
    return false;
  } catch {
    return false;
  } finally {
    spentNs += process.hrtime.bigint() - start;
  }
}

/**
 * Keeps the probe's snapshot as a representative of its clean class, while its bucket has room: called for the
 * second member of a class, so a class of one object costs no copy.
 */
function keepRepresentative(probe: ValidationClassProbe): void {
  let clean: CleanClasses;
  try {
    clean = cleanClassesOf(synthCrds());
  } catch {
    return;
  }
  let list = clean.representatives.get(probe.bucket);
  if (!list) clean.representatives.set(probe.bucket, (list = []));
  if (list.length >= REPRESENTATIVES_PER_BUCKET) return;
  const snapshot = probe.snapshot();
  if (snapshot !== undefined) list.push(snapshot);
}

/** Validation classes found clean with one CRD schema set: their keys, and representatives for probes. */
interface CleanClasses {
  readonly keys: Set<string>;
  readonly representatives: Map<string, unknown[]>;
}

/** Validation classes found clean, per CRD schema set (another CRD folder validates afresh). */
const CLEAN_CLASSES = new Map<CalicoSchemaSet | null, CleanClasses>();

function cleanClassesOf(schemas: CalicoSchemaSet | null): CleanClasses {
  let set = CLEAN_CLASSES.get(schemas);
  if (!set) {
    set = { keys: new Set(), representatives: new Map() };
    CLEAN_CLASSES.set(schemas, set);
  }
  return set;
}

/** A CRD folder that is named (CALICO_CRDS_DIR) but cannot be read is a problem of the object, not a crash. */
function withCrdErrors(obj: unknown, check: () => ValidationProblem[]): ValidationProblem[] {
  try {
    return check();
  } catch (e) {
    const { kind, name, namespace } = objectIdentity(typeof obj === 'function' ? obj() : obj);
    const message =
      `cannot read the projectcalico.org/v3 CRDs to validate this object (${e instanceof Error ? e.message : String(e)}); ` +
      `fix: set ${CALICO_CRDS_DIR_ENV} to a folder of the CRD YAML files, or unset it`;
    return [{ kind, name, ...(namespace ? { namespace } : {}), path: '', message, rule: 'schema.crds' }];
  }
}

/** The problems of one rendered object of any kind (`ApiObject.toJson()`), as {@link validateObject} finds them. */
export function objectSynthProblems(json: unknown): ValidationProblem[] {
  if (!enabled) return [];
  return timed(() => untimedObjectProblems(json));
}

function untimedObjectProblems(json: unknown): ValidationProblem[] {
  return withCrdErrors(json, () => validateObjectIn(json, { schemas: synthCrds(), metadataChecked: false }));
}

/**
 * One problem as a construct error line, `field: problem; fix: ...` (cdk8s prefixes `[construct/path] `). Every
 * problem of {@link validateObject} ends in a fix already (problem-fix.ts derives one for schema and CEL messages).
 * @param p the problem
 * @param label how the construct names the field (`spec.logSeverityScreen` -> `extraSpec.logSeverityScreen`)
 */
export function formatSynthProblem(p: ValidationProblem, label: (path: string) => string = (x) => x): string {
  const field = p.path ? label(p.path) : '';
  const message = /; fix: \S/.test(p.message) ? p.message : withDerivedFix(p.message, p.rule, p.path, p.kind);
  return field ? `${field}: ${message}` : message;
}

/**
 * Marks constructs that validate their own objects. A symbol-keyed property, not a WeakSet: a pool of 50,000 host
 * endpoints would otherwise put as many ephemerons in front of every garbage collection.
 */
const SELF_VALIDATED_MARK = Symbol.for('cdk8s-calico.selfValidated');
const SELF_VALIDATED = {
  has: (c: IConstruct): boolean => (c as any)[SELF_VALIDATED_MARK] === true,
  add: (c: IConstruct): void => {
    Object.defineProperty(c, SELF_VALIDATED_MARK, { value: true, configurable: true });
  },
};

/**
 * Marks a construct whose objects are validated by the construct itself (a Calico object), so that
 * {@link addManifestValidation} on an enclosing construct does not validate them twice.
 */
export function markSelfValidated(construct: IConstruct): void {
  SELF_VALIDATED.add(construct);
}

/**
 * Validates what a construct emits at synth with {@link validateObject}: the rendered JSON (`ApiObject.toJson()`,
 * JSON patches included) of each of its objects, built-in kinds against the Kubernetes schema and kube-apiserver's
 * validation. An error reads `[construct/path] Kind/name field: problem; fix: ...`. Registering twice is harmless.
 *
 * @param construct the construct whose synth validation this becomes
 * @param objects its objects; by default every ApiObject below it, except those of constructs that validate
 * themselves (Calico objects, nested constructs that registered)
 */
export function addManifestValidation(construct: Construct, objects?: () => readonly ApiObject[]): void {
  if (SELF_VALIDATED.has(construct)) return;
  SELF_VALIDATED.add(construct);
  const list = objects ?? (() => ownApiObjects(construct));
  construct.node.addValidation({ validate: () => list().flatMap((o) => apiObjectErrors(o)) });
}

/**
 * The last validation of each object, keyed by its rendered JSON: cdk8s validates the app before rendering and again
 * per chart, so an unchanged object is validated once per synth (its render, cheap next to validation, is compared
 * instead). A changed object (a later JSON patch, a new rule) renders differently and is validated again.
 */
const LAST_RESULT = new WeakMap<ApiObject, { readonly fingerprint: string; readonly errors: string[] }>();

function apiObjectErrors(obj: ApiObject): string[] {
  if (!enabled) return [];
  // Timed whole, render included: the validation renders each built-in object once more than synthesis does.
  return timed(() => {
    const rendered = renderForValidation(obj);
    if ('error' in rendered) return [rendered.error];
    const fingerprint = JSON.stringify(rendered.json);
    const last = LAST_RESULT.get(obj);
    if (last && last.fingerprint === fingerprint) return last.errors;
    const errors = untimedObjectProblems(rendered.json).map((p) => `${p.kind}/${p.name} ${formatSynthProblem(p)}`);
    LAST_RESULT.set(obj, { fingerprint, errors });
    return errors;
  });
}

/**
 * `obj.toJson()`, or the construct error for an object that cannot be rendered: a JSON patch whose path does not
 * exist, or a value of the wrong shape that the generated Kubernetes mapping trips over (`obj.verbs?.map is not a
 * function` for `verbs: 'get'`), which synthesis would otherwise report as a bare TypeError.
 */
export function renderForValidation(obj: ApiObject): { json: any } | { error: string } {
  try {
    return { json: obj.toJson() };
  } catch (e) {
    const message = e instanceof Error ? e.message.split('\n')[0] : String(e);
    const field = /\bobj\.([A-Za-z0-9_]+)/.exec(message)?.[1];
    const what = `${obj.kind}/${obj.name}`;
    return field
      ? {
          error:
            `${what} ${field}: has the wrong type for ${obj.kind} (the generated mapping failed: ${message}); ` +
            `fix: give ${field} the type the ${obj.kind} API declares`,
        }
      : {
          error: `${what}: cannot be rendered (${message}); fix: check the JSON patches and escape-hatch values given to this object`,
        };
  }
}

/** The ApiObjects below `construct` that no nested construct validates itself. */
function ownApiObjects(construct: IConstruct): ApiObject[] {
  const out: ApiObject[] = [];
  const visit = (c: IConstruct): void => {
    for (const child of c.node.children) {
      if (SELF_VALIDATED.has(child)) continue;
      if (ApiObject.isApiObject(child)) out.push(child);
      visit(child);
    }
  };
  visit(construct);
  return out;
}

/**
 * Validation of Kubernetes built-in kinds (core/v1 Namespace, Service, ..., rbac, networking.k8s.io, apps, ...)
 * against the Kubernetes OpenAPI schemas that the npm package `kubernetes-models` ships as generated ajv
 * validators (see `generated-validators.ts`).
 *
 * Those schemas check types, enums, required fields and formats, but, like the Kubernetes OpenAPI document they come
 * from, they do not close objects (`additionalProperties: false`). kube-apiserver's strict field validation does
 * reject unknown fields of built-in kinds, so they are found here by watching which properties the generated
 * validator reads: it reads every declared property of every object it checks (and enumerates maps), so an own
 * key of such an object that it never read is a field the schema does not declare. Objects the schema leaves free
 * (`type: object` without properties, like RawExtension) are never read and so never reported.
 */
import * as fs from 'fs';
import * as path from 'path';
import { childPath, indexPath } from './field-path';
import { GeneratedValidator, kubernetesModelsRoot, loadGeneratedValidator } from './generated-validators';
import { describeAjvErrors, FieldIssue } from './schema-errors';

/** Rule id of problems found against the Kubernetes OpenAPI schemas. */
export const K8S_SCHEMA_RULE = 'k8s.schema';

const validatorCache = new Map<string, GeneratedValidator | null>();
let objectMetaValidator: GeneratedValidator | null | undefined;

/**
 * Finds the generated validator of a built-in kind.
 * @param apiVersion e.g. `v1`, `networking.k8s.io/v1`
 * @param kind e.g. `NetworkPolicy`
 * @returns the validator, or `undefined` when `kubernetes-models` has no model for that apiVersion and kind
 * (third-party or misspelt kinds)
 * @throws Error when the model exists but its schema cannot be loaded
 */
export function kubernetesValidatorFor(apiVersion: string, kind: string): GeneratedValidator | undefined {
  const key = `${apiVersion}\u0000${kind}`;
  const cached = validatorCache.get(key);
  if (cached !== undefined) {
    return cached ?? undefined;
  }
  const file = schemaFileFor(apiVersion, kind);
  const validator = file ? loadGeneratedValidator(file) : null;
  validatorCache.set(key, validator);
  return validator ?? undefined;
}

/** Whether `kubernetes-models` knows the kind (a Kubernetes built-in or aggregated API kind). */
export function isKubernetesBuiltinKind(apiVersion: string, kind: string): boolean {
  return schemaFileFor(apiVersion, kind) !== undefined;
}

/**
 * Validates a built-in object against its OpenAPI schema, including unknown fields.
 * @returns the issues (rule `k8s.schema`), or `undefined` when the kind has no known schema
 */
export function validateKubernetesObject(doc: Record<string, unknown>): FieldIssue[] | undefined {
  const apiVersion = doc.apiVersion;
  const kind = doc.kind;
  if (typeof apiVersion !== 'string' || typeof kind !== 'string') {
    return undefined;
  }
  const validate = kubernetesValidatorFor(apiVersion, kind);
  if (!validate) {
    return undefined;
  }
  return runTracked(validate, doc, '').map((i) => ({ ...i, message: withSchemaFix(i.message, i.path) }));
}

/**
 * Validates an ObjectMeta (`metadata` of any object) against the Kubernetes schema, including unknown fields.
 * @param metadata the metadata value
 * @param basePath path of the metadata in its object, normally `metadata`
 */
export function validateObjectMetaSchema(metadata: unknown, basePath: string): FieldIssue[] {
  if (objectMetaValidator === undefined) {
    const root = kubernetesModelsRoot();
    const file = root ? findApimachinerySchema(root, 'IoK8sApimachineryPkgApisMetaV1ObjectMeta') : undefined;
    objectMetaValidator = file ? loadGeneratedValidator(file) : null;
  }
  if (!objectMetaValidator) {
    return [];
  }
  return runTracked(objectMetaValidator, metadata, basePath);
}

// Watching reads through a Proxy costs several times the validation itself. Which keys a generated validator reads
// follows from the keys and value types present (the shape), not from the values, once the object passes; so a shape
// that passed with every key read is checked without the Proxy thereafter (bounded, per validator). Shapes are kept
// in a trie walked along the object (no shape string is built: that cost more than the validation of clean objects).
interface ShapeNode {
  /** After an object's opening: the next key. */
  keys?: Map<string, ShapeNode>;
  /** The next value's type (or the end of an object or array), by TYPE_* code. */
  types?: Array<ShapeNode | undefined>;
  /** A shape ending here passed the slow path. */
  clean?: boolean;
}
const shapeTries = new WeakMap<GeneratedValidator, { root: ShapeNode; nodes: number }>();
const MAX_SHAPE_NODES = 200000;
const TYPE_END = 0;
const TYPE_OBJECT = 1;
const TYPE_ARRAY = 2;
const TYPE_CODES: Record<string, number> = {
  string: 3,
  number: 4,
  boolean: 5,
  undefined: 6,
  bigint: 7,
  symbol: 8,
  function: 9,
};
const TYPE_NULL = 10;

/**
 * Walks `v`'s shape from `node` (type, then for an object each key and its value's shape and an end, for an array
 * each element's shape and an end); returns where it ends, or undefined when the trie has no such path and `trie`
 * (to grow it) is not given.
 */
function walkShape(node: ShapeNode, v: unknown, trie?: { nodes: number }): ShapeNode | undefined {
  const type =
    v === null ? TYPE_NULL : typeof v !== 'object' ? TYPE_CODES[typeof v] : Array.isArray(v) ? TYPE_ARRAY : TYPE_OBJECT;
  let n: ShapeNode | undefined = step(node, type, trie);
  if (n === undefined || type === TYPE_NULL || typeof v !== 'object') return n;
  if (type === TYPE_ARRAY) {
    for (const x of v as unknown[]) {
      n = walkShape(n, x, trie);
      if (n === undefined) return undefined;
    }
  } else {
    for (const k in v as object) {
      if (!Object.prototype.hasOwnProperty.call(v, k)) continue;
      let next: ShapeNode | undefined = n.keys?.get(k);
      if (next === undefined) {
        if (!trie) return undefined;
        next = {};
        trie.nodes++;
        (n.keys ??= new Map()).set(k, next);
      }
      n = walkShape(next, (v as Record<string, unknown>)[k], trie);
      if (n === undefined) return undefined;
    }
  }
  return step(n, TYPE_END, trie);
}

function step(node: ShapeNode, type: number, trie?: { nodes: number }): ShapeNode | undefined {
  let next = node.types?.[type];
  if (next === undefined && trie) {
    next = {};
    trie.nodes++;
    (node.types ??= [])[type] = next;
  }
  return next;
}

function runTracked(validate: GeneratedValidator, data: unknown, basePath: string): FieldIssue[] {
  let trie = shapeTries.get(validate);
  if (!trie) shapeTries.set(validate, (trie = { root: {}, nodes: 0 }));
  if (walkShape(trie.root, data)?.clean && validate(data)) return [];
  const issues = runTrackedSlow(validate, data, basePath);
  if (issues.length === 0 && trie.nodes < MAX_SHAPE_NODES) walkShape(trie.root, data, trie)!.clean = true;
  return issues;
}

function runTrackedSlow(validate: GeneratedValidator, data: unknown, basePath: string): FieldIssue[] {
  const tracked: Tracked[] = [];
  const proxy = track(data, basePath, tracked);
  const ok = validate(proxy);
  const issues: FieldIssue[] = [];
  if (!ok && validate.errors) {
    for (const issue of describeAjvErrors(validate.errors, data, () => K8S_SCHEMA_RULE)) {
      issues.push(basePath ? { ...issue, path: prefixPath(basePath, issue.path) } : issue);
    }
  }
  for (const t of tracked) {
    if (t.accessed.size === 0 || Array.isArray(t.target)) {
      continue;
    }
    for (const key of Object.keys(t.target)) {
      if (!t.accessed.has(key)) {
        const field = childPath(t.path, key);
        issues.push({ path: field, message: `unknown field "${field}"`, rule: K8S_SCHEMA_RULE });
      }
    }
  }
  return issues;
}

/**
 * Appends the house `; fix: ...` to a schema message (kube-apiserver's wording stays first, unchanged).
 * @param message e.g. `Required value`, `Unsupported value: "x": supported values: ...`, `unknown field "spec.x"`
 * @param at the field path, named in the fix
 */
export function withSchemaFix(message: string, at: string): string {
  if (message.includes('; fix: ')) {
    return message;
  }
  const field = at || 'the object';
  let fix: string;
  let m: RegExpExecArray | null;
  if (message.startsWith('unknown field')) {
    fix = 'remove the field, or correct its spelling (`kubectl explain` lists the fields)';
  } else if (message.startsWith('Required value')) {
    fix = `set ${field}`;
  } else if (message.startsWith('Unsupported value')) {
    fix = `use one of the supported values for ${field} (case-sensitive)`;
  } else if ((m = /must be of type ([a-z ]+)/.exec(message)) !== null) {
    fix = `give ${field} a value of type ${m[1]}`;
  } else if ((m = /must be of format ([\w-]+)/.exec(message)) !== null) {
    fix = `give ${field} a valid ${m[1]} value`;
  } else {
    fix = `correct ${field} to what the Kubernetes API accepts`;
  }
  return `${message}; fix: ${fix}`;
}

function prefixPath(base: string, p: string): string {
  if (!p) {
    return base;
  }
  return p.startsWith('[') ? `${base}${p}` : `${base}.${p}`;
}

interface Tracked {
  readonly target: object;
  readonly path: string;
  readonly accessed: Set<string>;
}

function track(value: unknown, p: string, registry: Tracked[]): unknown {
  if (value === null || typeof value !== 'object') {
    return value;
  }
  const entry: Tracked = { target: value, path: p, accessed: new Set() };
  registry.push(entry);
  const isArray = Array.isArray(value);
  const children = new Map<string, unknown>();
  return new Proxy(value, {
    get(target, key) {
      const v = (target as any)[key];
      if (typeof key !== 'string') {
        return v;
      }
      if (!isArray) {
        entry.accessed.add(key);
      }
      if (v === null || typeof v !== 'object' || !Object.prototype.hasOwnProperty.call(target, key)) {
        return v;
      }
      let child = children.get(key);
      if (child === undefined) {
        child = track(v, isArray ? indexPath(p, Number(key)) : childPath(p, key), registry);
        children.set(key, child);
      }
      return child;
    },
  });
}

// apiVersion → kind → schema file (null: none). Two levels, so the per-object lookup builds no key string.
const schemaFileCache = new Map<string, Map<string, string | null>>();

function schemaFileFor(apiVersion: string, kind: string): string | undefined {
  let kinds = schemaFileCache.get(apiVersion);
  if (!kinds) schemaFileCache.set(apiVersion, (kinds = new Map()));
  let file = kinds.get(kind);
  if (file === undefined) {
    file = findSchemaFile(apiVersion, kind) ?? null;
    kinds.set(kind, file);
  }
  return file ?? undefined;
}

function findSchemaFile(apiVersion: string, kind: string): string | undefined {
  const root = kubernetesModelsRoot();
  if (!root || !/^[A-Z][A-Za-z0-9]*$/.test(kind)) {
    return undefined;
  }
  const slash = apiVersion.indexOf('/');
  const group = slash < 0 ? '' : apiVersion.slice(0, slash);
  const version = slash < 0 ? apiVersion : apiVersion.slice(slash + 1);
  if (!/^v[0-9a-z]+$/.test(version) || (group && !/^[a-z0-9]([a-z0-9.-]*[a-z0-9])?$/.test(group))) {
    return undefined;
  }
  const modelFile = path.join(root, group, version, `${kind}.js`);
  let source: string;
  try {
    source = fs.readFileSync(modelFile, 'utf8');
  } catch {
    return undefined;
  }
  // The model module names its GVK (`NetworkPolicy.apiVersion="networking.k8s.io/v1"`) and requires its schema.
  if (
    !source.includes(`.apiVersion=${JSON.stringify(apiVersion)}`) ||
    !source.includes(`.kind=${JSON.stringify(kind)}`)
  ) {
    return undefined;
  }
  const m = /require\("((?:\.\.\/)+_schemas\/[A-Za-z0-9_]+\.js)"\)/.exec(source);
  return m ? path.resolve(path.dirname(modelFile), m[1]) : undefined;
}

function findApimachinerySchema(root: string, name: string): string | undefined {
  for (const base of [path.join(root, 'node_modules'), path.dirname(root), path.join(path.dirname(root), '..')]) {
    const file = path.join(base, '@kubernetes-models', 'apimachinery', '_schemas', `${name}.js`);
    if (fs.existsSync(file)) {
      return file;
    }
  }
  return undefined;
}

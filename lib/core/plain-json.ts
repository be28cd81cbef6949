import { App, ImplicitTokenResolver, LazyResolver, NumberStringUnionResolver } from 'cdk8s';
import { IConstruct } from 'constructs';

/** What {@link sanitizedPlainJson} answers for a value that is not plain JSON (the caller takes cdk8s's own path). */
export const NOT_PLAIN: unique symbol = Symbol('not plain JSON');

/**
 * Whether the app of `c` resolves values with cdk8s's built-in resolvers only (`App` constructor in cdk8s
 * src/app.ts: `[...props.resolvers, LazyResolver, ImplicitTokenResolver, NumberStringUnionResolver]`). Over plain
 * JSON those three change nothing (no `Lazy`, no `resolve()` method, no class instance carrying a `value`), so
 * cdk8s's `resolve` of such a value is a copy of it. @internal
 */
export function resolvesPlainJsonAsIs(c: IConstruct): boolean {
  const resolvers = App.of(c).resolvers;
  return (
    resolvers.length === 3 &&
    resolvers[0] instanceof LazyResolver &&
    resolvers[1] instanceof ImplicitTokenResolver &&
    resolvers[2] instanceof NumberStringUnionResolver
  );
}

/**
 * `value` as cdk8s's `sanitizeValue(resolve(value), { sortKeys })` renders it (cdk8s src/_util.ts, src/resolve.ts)
 * when the app resolves plain JSON as is ({@link resolvesPlainJsonAsIs}): a copy without `null`/`undefined` object
 * values (array items become `undefined`), keys sorted when `sortKeys`. {@link NOT_PLAIN} for anything a resolver
 * or the sanitizer would treat otherwise: a class instance (`Lazy`, a union value), an object with a `resolve`
 * method, an array with a string or number `value`, a function, a symbol, a bigint. @internal
 */
export function sanitizedPlainJson(value: unknown, sortKeys: boolean): unknown {
  if (value === null || value === undefined) return undefined;
  switch (typeof value) {
    case 'string':
    case 'number':
    case 'boolean':
      return value;
    case 'object':
      break;
    default:
      return NOT_PLAIN;
  }
  const v = value as Record<string, unknown>;
  if (typeof v.resolve === 'function') return NOT_PLAIN; // ImplicitTokenResolver calls it
  if (Array.isArray(value)) {
    const t = typeof v.value; // NumberStringUnionResolver replaces anything but a plain object carrying one
    if (t === 'string' || t === 'number') return NOT_PLAIN;
    const out = new Array(value.length);
    for (let i = 0; i < value.length; i++) {
      if (!(i in value)) continue; // a hole stays a hole, as Array.prototype.map leaves it
      const x = sanitizedPlainJson(value[i], sortKeys);
      if (x === NOT_PLAIN) return NOT_PLAIN;
      out[i] = x;
    }
    return out;
  }
  if (Object.getPrototypeOf(value) !== Object.prototype) return NOT_PLAIN;
  const keys = Object.keys(v);
  if (sortKeys) keys.sort();
  const out: Record<string, unknown> = {};
  for (const key of keys) {
    const x = sanitizedPlainJson(v[key], sortKeys);
    if (x === NOT_PLAIN) return NOT_PLAIN;
    if (x !== undefined) out[key] = x;
  }
  return out;
}

/** Options ApiObjectMetadataDefinition.toJson overrides with its own fields: as extra attributes they add nothing. */
const OWN_FIELDS = new Set(['name', 'namespace', 'labels', 'annotations', 'finalizers', 'ownerReferences']);

/**
 * `metadata.toJson()` (cdk8s src/metadata.ts) for the common case, without cdk8s's resolve per value (each looks
 * the App up the construct tree): a string name and namespace, maps of strings, no finalizers, owner references or
 * other attributes, in an app that resolves plain JSON as is ({@link resolvesPlainJsonAsIs}, checked by the caller).
 * cdk8s then sorts the keys and drops empty maps and lists. `undefined` for anything else: the caller asks cdk8s.
 * @internal
 */
export function plainMetadataJson(metadata: unknown): Record<string, unknown> | undefined {
  const md = metadata as {
    name?: unknown;
    namespace?: unknown;
    labels?: unknown;
    annotations?: unknown;
    finalizers?: unknown;
    ownerReferences?: unknown;
    _additionalAttributes?: unknown;
  };
  if (!isEmptyArray(md.finalizers) || !isEmptyArray(md.ownerReferences)) return undefined;
  const extra = md._additionalAttributes;
  if (extra !== undefined && !isPlainObject(extra)) return undefined;
  for (const key in extra) if (!OWN_FIELDS.has(key)) return undefined;
  const { name, namespace } = md;
  if (typeof name !== 'string' || (namespace !== undefined && typeof namespace !== 'string')) return undefined;
  const annotations = sortedStrings(md.annotations);
  const labels = sortedStrings(md.labels);
  if (annotations === NOT_PLAIN || labels === NOT_PLAIN) return undefined;
  // cdk8s sorts: annotations, finalizers, labels, name, namespace, ownerReferences.
  const out: Record<string, unknown> = {};
  if (annotations !== undefined) out.annotations = annotations;
  if (labels !== undefined) out.labels = labels;
  out.name = name;
  if (namespace !== undefined) out.namespace = namespace;
  return out;
}

function isEmptyArray(v: unknown): boolean {
  return Array.isArray(v) && v.length === 0;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && Object.getPrototypeOf(v) === Object.prototype;
}

/**
 * A copy of a map of strings with its keys sorted, `undefined` when empty; {@link NOT_PLAIN} for anything a
 * resolver or the sanitizer could treat otherwise (a non-string value; a `constructor` key, which cdk8s's
 * NumberStringUnionResolver and sanitizer read as the object's constructor).
 */
function sortedStrings(v: unknown): Record<string, string> | undefined | typeof NOT_PLAIN {
  if (!isPlainObject(v)) return NOT_PLAIN;
  const keys = Object.keys(v);
  if (keys.length === 0) return undefined;
  keys.sort();
  const out: Record<string, string> = {};
  for (const key of keys) {
    const value = v[key];
    if (typeof value !== 'string' || key === 'constructor') return NOT_PLAIN;
    out[key] = value;
  }
  return out;
}

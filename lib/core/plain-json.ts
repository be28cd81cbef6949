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

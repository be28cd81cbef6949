/**
 * A text key of a plain JSON value (what YAML and JSON parsers give), for memoising pure functions of such values:
 * two values with the same key are indistinguishable to a function that reads them as JSON (same keys in the same
 * order, same strings, same numbers). Anything else (undefined, NaN, -0, functions, class instances, sparse arrays,
 * symbols...) gets no key (accessor properties are read as the parsers' data properties are), and the caller
 * computes without the memo.
 */

const objectProto = Object.prototype;

/** True when `JSON.stringify` keeps everything of `v` (see the module comment); checked without building strings. */
function isPlainJson(v: unknown, depth: number): boolean {
  if (v === null) return true;
  switch (typeof v) {
    case 'string':
    case 'boolean':
      return true;
    case 'number':
      return Number.isFinite(v) && !Object.is(v, -0);
    case 'object':
      break;
    default:
      return false;
  }
  if (depth > 100) return false;
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) if (!(i in v) || !isPlainJson(v[i], depth + 1)) return false;
    return true;
  }
  const proto = Object.getPrototypeOf(v);
  if (proto !== objectProto && proto !== null) return false;
  if (Object.getOwnPropertySymbols(v as object).length > 0) return false;
  for (const k in v as object) {
    if (!Object.prototype.hasOwnProperty.call(v, k)) return false; // inherited enumerable: not plain
    if (!isPlainJson((v as Record<string, unknown>)[k], depth + 1)) return false;
  }
  return true;
}

/** The key of `v`; `undefined` when `v` is not plain JSON (see the module comment). */
export function jsonKey(v: unknown): string | undefined {
  return isPlainJson(v, 0) ? JSON.stringify(v) : undefined;
}

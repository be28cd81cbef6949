/**
 * Reading fields of untyped JSON documents, once. Go's `encoding/json` semantics for Kubernetes types: `null` and a
 * missing field are both "not set" (a nil pointer, slice or map). What a value of the wrong JSON type means depends on
 * the reader, so there are two named ways to read, and the caller keeps its own wording:
 * - {@link readField} (strict): unset gives `undefined`; a wrong type goes to the caller's `onWrongType`, which throws
 *   (the engine's `FieldReader`, the Kubernetes conversion) or reports and lets the read give `undefined` (the
 *   Calico validator's findings);
 * - {@link lenientField} (lenient): a wrong type reads as unset, never an error (Pod Security checks, lint views,
 *   which look at documents that validation reports on its own).
 */

/** A JSON object (not an array, not null). */
export type JsonObject = Record<string, unknown>;

/** The JSON types a field reader checks for (`integer`: a number without fraction; `number`: a finite number). */
export type JsonFieldKind = 'object' | 'array' | 'string' | 'boolean' | 'number' | 'integer';

/** The TypeScript type a {@link JsonFieldKind} reads as. */
export type JsonFieldType<K extends JsonFieldKind> = K extends 'object'
  ? JsonObject
  : K extends 'array'
    ? unknown[]
    : K extends 'string'
      ? string
      : K extends 'boolean'
        ? boolean
        : number;

/** True for a plain JSON object (not null, not an array). */
export function isJsonObject(v: unknown): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** True for `undefined` and `null`: Go's nil, a field that is not set. */
export function isUnset(v: unknown): v is undefined | null {
  return v === undefined || v === null;
}

/** Whether `v` has the JSON type `kind`. */
export function hasJsonKind<K extends JsonFieldKind>(v: unknown, kind: K): v is JsonFieldType<K> {
  switch (kind) {
    case 'object':
      return isJsonObject(v);
    case 'array':
      return Array.isArray(v);
    case 'string':
      return typeof v === 'string';
    case 'boolean':
      return typeof v === 'boolean';
    case 'number':
      return typeof v === 'number' && Number.isFinite(v);
    default:
      return typeof v === 'number' && Number.isInteger(v);
  }
}

/**
 * Strict read: `undefined` when unset, the value when it has the type, else whatever `onWrongType` does: throw (the
 * read never returns) or report (the read gives `undefined`).
 * @param v the field's value
 * @param kind the JSON type the field must have
 * @param onWrongType called with the value of the wrong type; throws, or reports and returns
 */
export function readField<K extends JsonFieldKind>(
  v: unknown,
  kind: K,
  onWrongType: (got: unknown) => void,
): JsonFieldType<K> | undefined {
  if (isUnset(v)) return undefined;
  if (hasJsonKind(v, kind)) return v;
  onWrongType(v);
  return undefined;
}

/** Lenient read: the value when it has the JSON type `kind`, else `undefined` (a wrong type reads as unset). */
export function lenientField<K extends JsonFieldKind>(v: unknown, kind: K): JsonFieldType<K> | undefined {
  return hasJsonKind(v, kind) ? v : undefined;
}

const EMPTY_OBJECT: Readonly<JsonObject> = Object.freeze({});
const EMPTY_LIST: readonly unknown[] = Object.freeze([]);

/** Lenient object: the value when it is a JSON object, else a frozen empty one. */
export function objectOrEmpty(v: unknown): Readonly<JsonObject> {
  return isJsonObject(v) ? v : EMPTY_OBJECT;
}

/** Lenient list: the value when it is an array, else a frozen empty one (Go ranges over nil as over `[]`). */
export function listOrEmpty(v: unknown): readonly unknown[] {
  return Array.isArray(v) ? v : EMPTY_LIST;
}

/** Lenient `map[string]string`: the string-valued entries of an object (others dropped); `{}` for a non-object. */
export function lenientStringMap(v: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (!isJsonObject(v)) return out;
  for (const [k, val] of Object.entries(v)) if (typeof val === 'string') out[k] = val;
  return out;
}

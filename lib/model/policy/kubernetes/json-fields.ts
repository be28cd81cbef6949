/**
 * Readers for untyped JSON with Go `encoding/json` semantics for Kubernetes types: `null` and a missing field are
 * both "not set" (a nil pointer, slice or map); a value of the wrong JSON type is an error.
 */
import { isUnset, JsonObject, readField } from '../../documents/fields';
import { childOf, FieldLocation, KubernetesConversionError } from './errors';

// The type tests and the strict read have one home, the field kit (lib/model/documents/fields.ts); the wording of the
// conversion's errors stays here.
export { isJsonObject, isUnset } from '../../documents/fields';
export type { JsonObject } from '../../documents/fields';

function describe(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'string') return `the string ${JSON.stringify(v)}`;
  if (typeof v === 'number' || typeof v === 'boolean') return `${typeof v} ${String(v)}`;
  return typeof v;
}

/** Throws the standard "wrong type" error. */
export function wrongType(at: FieldLocation, expected: string, got: unknown): never {
  const fix =
    typeof got === 'string' && expected === 'a list'
      ? `wrap it in a list: [${JSON.stringify(got)}]`
      : typeof got === 'string' && /integer/.test(expected) && /^-?[0-9]+$/.test(got)
        ? `write the number ${got}, not a string`
        : `write ${at.path || 'it'} as ${expected}`;
  throw new KubernetesConversionError(at, `must be ${expected}, got ${describe(got)}`, fix);
}

/** An optional object field: undefined when unset. */
export function optionalObject(v: unknown, at: FieldLocation): JsonObject | undefined {
  return readField(v, 'object', (got) => wrongType(at, 'an object', got));
}

/** An optional list field: `[]` when unset (Go ranges over a nil slice as over an empty one). */
export function optionalList(v: unknown, at: FieldLocation): unknown[] {
  return readField(v, 'array', (got) => wrongType(at, 'a list', got)) ?? [];
}

/** An optional string field: undefined when unset. */
export function optionalString(v: unknown, at: FieldLocation): string | undefined {
  return readField(v, 'string', (got) => wrongType(at, 'a string', got));
}

/**
 * The object's `kind` and `apiVersion`, each either unset or the one the converter reads (a converter is told its
 * kind; a document of another kind is a caller's mistake, named with the field).
 * @throws KubernetesConversionError naming the field and what was expected
 */
export function checkTypeMeta(doc: JsonObject, at: FieldLocation, apiVersion: string, kind: string): void {
  const k = optionalString(doc.kind, childOf(at, 'kind'));
  if (k !== undefined && k !== kind) {
    throw new KubernetesConversionError(childOf(at, 'kind'), `expected kind ${kind}, got ${JSON.stringify(k)}`);
  }
  const v = optionalString(doc.apiVersion, childOf(at, 'apiVersion'));
  if (v !== undefined && v !== apiVersion) {
    throw new KubernetesConversionError(
      childOf(at, 'apiVersion'),
      `expected apiVersion ${apiVersion}, got ${JSON.stringify(v)}`,
    );
  }
}

/** An optional string field with Go's zero value: `''` when unset. */
export function stringOrEmpty(v: unknown, at: FieldLocation): string {
  return optionalString(v, at) ?? '';
}

/** An optional 32-bit integer field (Go `*int32`): undefined when unset. */
export function optionalInt32(v: unknown, at: FieldLocation): number | undefined {
  if (isUnset(v)) return undefined;
  if (typeof v !== 'number' || !Number.isInteger(v) || v < -2147483648 || v > 2147483647) {
    wrongType(at, 'a 32-bit integer', v);
  }
  return v;
}

/** An optional `map[string]string`: undefined when unset. */
export function optionalStringMap(v: unknown, at: FieldLocation): Record<string, string> | undefined {
  const obj = optionalObject(v, at);
  if (obj === undefined) return undefined;
  for (const [k, value] of Object.entries(obj)) {
    if (typeof value !== 'string') wrongType({ object: at.object, path: `${at.path}.${k}` }, 'a string', value);
  }
  return obj as Record<string, string>;
}

/** An optional `[]string`: `[]` when unset. */
export function stringList(v: unknown, at: FieldLocation): string[] {
  const list = optionalList(v, at);
  list.forEach((item, i) => {
    if (typeof item !== 'string') wrongType({ object: at.object, path: `${at.path}[${i}]` }, 'a string', item);
  });
  return list as string[];
}

/** Go's `sort.Strings` order (byte-wise for the ASCII text Kubernetes allows). */
export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

import { isJsonObject, isUnset, readField } from '../../model/documents/fields';
import { CalicoRuleId } from './rule-ids';

/**
 * Small, dependency-free helpers shared by the Calico rule modules: the finding shape, path building and
 * defensive accessors that never throw on malformed input.
 */

/** One problem found inside an object, before the object's identity (kind/name/namespace) is attached. */
export interface RuleFinding {
  /** Field path, dotted with indexes: `spec.ingress[0].destination.ports[1]`. */
  readonly path: string;
  /** `problem; fix: ...`. */
  readonly message: string;
  /** Stable rule id, one of `CALICO_RULE_IDS`. */
  readonly rule: string;
}

/** Collects findings; `add` formats the `problem; fix: ...` message. */
export class Findings {
  public readonly list: RuleFinding[] = [];

  public add(path: string, rule: CalicoRuleId, problem: string, fix?: string): void {
    this.list.push({ path, rule, message: fix ? `${problem}; fix: ${fix}` : problem });
  }

  /** Reports a value of the wrong JSON type under `calico.field.type`. */
  public type(path: string, expected: string, value: unknown): void {
    this.add(
      path,
      'calico.field.type',
      `expected ${expected}, got ${describe(value)}`,
      `set ${leaf(path)} to ${expected}`,
    );
  }
}

/** `spec` + `ingress` → `spec.ingress`; `''` + `spec` → `spec`. */
export function child(path: string, key: string): string {
  return path ? `${path}.${key}` : key;
}

/** `spec.ingress` + 0 → `spec.ingress[0]`. */
export function at(path: string, index: number): string {
  return `${path}[${index}]`;
}

/** Last segment of a path, for messages. */
export function leaf(path: string): string {
  const m = /([^.[\]]+)(\[\d+\])*$/.exec(path);
  return m ? m[1] : path;
}

/** A short description of a JSON value's type for messages. */
export function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  switch (typeof value) {
    case 'string':
      return `string ${JSON.stringify(value.length > 40 ? value.slice(0, 40) + '…' : value)}`;
    case 'number':
      return `number ${value}`;
    case 'boolean':
      return `boolean ${value}`;
    case 'object':
      return 'an object';
    default:
      return typeof value;
  }
}

/** Plain JSON object (not null, not an array): lib/model/documents/fields.ts `isJsonObject`. */
export const isObject = isJsonObject;

/** True when the value is absent in the JSON sense (undefined or null): lib/model/documents/fields.ts `isUnset`. */
export const isAbsent = isUnset;

/** True when the value is "zero" in the Go sense as far as JSON can tell: absent, '', false, 0, [] or {}. */
export function isZero(value: unknown): boolean {
  if (isAbsent(value) || value === '' || value === false || value === 0) return true;
  if (Array.isArray(value)) return value.length === 0;
  if (isObject(value)) return Object.keys(value).every((k) => isZero(value[k]));
  return false;
}

// The readers below are the one field kit's strict read (lib/model/documents/fields.ts `readField`) whose wrong-type
// handler reports a `calico.field.type` finding and lets the read give undefined.

/** Object at `obj[key]`; absent → undefined; wrong type → reported, undefined. */
export function getObject(
  obj: Record<string, unknown>,
  key: string,
  path: string,
  f: Findings,
): Record<string, unknown> | undefined {
  return readField(obj[key], 'object', (v) => f.type(child(path, key), 'an object', v));
}

/** Array at `obj[key]`; absent → []; wrong type → reported, []. */
export function getArray(obj: Record<string, unknown>, key: string, path: string, f: Findings): unknown[] {
  return readField(obj[key], 'array', (v) => f.type(child(path, key), 'an array', v)) ?? [];
}

/** String at `obj[key]`; absent → undefined; wrong type → reported, undefined. */
export function getString(obj: Record<string, unknown>, key: string, path: string, f: Findings): string | undefined {
  return readField(obj[key], 'string', (v) => f.type(child(path, key), 'a string', v));
}

/** Boolean at `obj[key]`; absent → undefined; wrong type → reported, undefined. */
export function getBool(obj: Record<string, unknown>, key: string, path: string, f: Findings): boolean | undefined {
  return readField(obj[key], 'boolean', (v) => f.type(child(path, key), 'a boolean', v));
}

/** Finite number at `obj[key]`; absent → undefined; wrong type → reported, undefined. */
export function getNumber(obj: Record<string, unknown>, key: string, path: string, f: Findings): number | undefined {
  return readField(obj[key], 'number', (v) => f.type(child(path, key), 'a number', v));
}

/** Integer at `obj[key]`; absent → undefined; wrong type (incl. fractional numbers) → reported, undefined. */
export function getInteger(obj: Record<string, unknown>, key: string, path: string, f: Findings): number | undefined {
  return readField(obj[key], 'integer', (v) => f.type(child(path, key), 'an integer', v));
}

/** Quotes a value for messages. */
export function q(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number' || typeof value === 'boolean' || value === null || value === undefined)
    return String(value);
  return describe(value);
}

/**
 * Problem builders worded like kube-apiserver's `field.Error` (k8s.io/apimachinery/pkg/util/validation/field,
 * `ErrorBody`): `Invalid value: 70000: must be between 1 and 65535, inclusive`, `Required value`, `Forbidden: ...`,
 * `Unsupported value: "x": supported values: "A", "B"`, `Duplicate value: "x"`, `Not found: "x"`, `Too long: ...`,
 * each followed by the house `; fix: ...`. Also the defensive accessors the kind checks share: a field of the wrong
 * JSON type is left to the OpenAPI schema check (`k8s.schema`), so these read it as absent instead of reporting it
 * twice.
 */
import type { FieldIssue } from '../schema/schema-errors';

/** Rule id of kube-apiserver's object validation of built-in kinds (this folder). */
export const K8S_VALIDATION_RULE = 'k8s.validation';
/** Rule id of a built-in object (group, kind, namespace, name) defined more than once across the documents. */
export const K8S_DUPLICATE_RULE = 'k8s.duplicate';

/** A value as `field.Error` prints it: strings quoted (`%q`), numbers and booleans bare, the rest as JSON. */
export function show(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value.length > 80 ? `${value.slice(0, 80)}…` : value);
  if (typeof value === 'number' || typeof value === 'boolean' || value === null || value === undefined)
    return String(value);
  const json = JSON.stringify(value) ?? String(value);
  return json.length > 120 ? `${json.slice(0, 120)}…` : json;
}

function issue(path: string, body: string, fix: string): FieldIssue {
  return { path, message: `${body}; fix: ${fix}`, rule: K8S_VALIDATION_RULE };
}

/** `field.Invalid`: `Invalid value: <value>: <detail>`. */
export function invalid(path: string, value: unknown, detail: string, fix: string): FieldIssue {
  return issue(path, `Invalid value: ${show(value)}: ${detail}`, fix);
}

/** `field.Required`: `Required value` or `Required value: <detail>`. */
export function required(path: string, detail: string, fix: string): FieldIssue {
  return issue(path, detail ? `Required value: ${detail}` : 'Required value', fix);
}

/** `field.Forbidden`: `Forbidden: <detail>`. */
export function forbidden(path: string, detail: string, fix: string): FieldIssue {
  return issue(path, `Forbidden: ${detail}`, fix);
}

/** `field.NotSupported`: `Unsupported value: "x": supported values: "A", "B"`. */
export function notSupported(path: string, value: unknown, supported: readonly string[], fix?: string): FieldIssue {
  const list = supported.map((s) => JSON.stringify(s)).join(', ');
  return issue(
    path,
    `Unsupported value: ${show(value)}: supported values: ${list}`,
    fix ?? `use one of ${list} (case-sensitive)`,
  );
}

/** `field.Duplicate`: `Duplicate value: <value>`. */
export function duplicate(path: string, value: unknown, fix: string): FieldIssue {
  return issue(path, `Duplicate value: ${show(value)}`, fix);
}

/** `field.NotFound`: `Not found: <value>`. */
export function notFound(path: string, value: unknown, fix: string): FieldIssue {
  return issue(path, `Not found: ${show(value)}`, fix);
}

/** `field.TooLong` (apimachinery ≥ 1.30 wording): `Too long: may not be more than <n> bytes`. */
export function tooLong(path: string, limit: number, fix: string): FieldIssue {
  return issue(path, `Too long: may not be more than ${limit} bytes`, fix);
}

/** Plain JSON object, or `undefined` (absent or of another type: the schema check reports the type). */
export function objectAt(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

/** Array, or `[]` (absent or of another type). */
export function arrayAt(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

/** String, or `undefined`. */
export function stringAt(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/** Integer, or `undefined`. */
export function integerAt(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isInteger(value) ? value : undefined;
}

/** Whether a field is set in the Go sense (absent, null, `""` and `[]` are not). */
export function isSet(value: unknown): boolean {
  return value !== undefined && value !== null && value !== '' && !(Array.isArray(value) && value.length === 0);
}

/**
 * Defensive readers for plain Kubernetes objects: each returns the typed value or throws a
 * {@link ManifestError} naming the object and the field, so malformed input never becomes a TypeError. They are the
 * one field kit's strict read (lib/model/documents/fields.ts `readField`) with the engine's wording.
 */
import { readField } from '../../../model/documents/fields';
import { ManifestError, ObjectRef } from './errors';

/** A reader bound to one object, for error messages. */
export class FieldReader {
  constructor(readonly ref: ObjectRef) {}

  /** Throws a {@link ManifestError} for `field`. */
  fail(field: string, problem: string, fix?: string): never {
    throw new ManifestError(this.ref, field, problem, fix);
  }

  /** An optional object (plain, non-array); `undefined`/`null` give `undefined`. */
  object(v: unknown, field: string): Record<string, unknown> | undefined {
    return readField(v, 'object', (got) =>
      this.fail(field, `expected an object, got ${describe(got)}`, `write ${field || 'it'} as a mapping (key: value)`),
    );
  }

  /** An optional array; `undefined`/`null` give `[]`. */
  array(v: unknown, field: string): unknown[] {
    return (
      readField(v, 'array', (got) =>
        this.fail(
          field,
          `expected a list, got ${describe(got)}`,
          typeof got === 'string' ? `wrap it in a list: [${JSON.stringify(got)}]` : `write ${field} as a list`,
        ),
      ) ?? []
    );
  }

  /** An optional string. */
  string(v: unknown, field: string): string | undefined {
    return readField(v, 'string', (got) => this.fail(field, `expected a string, got ${describe(got)}`, quoteFix(got)));
  }

  /** A required non-empty string. */
  requiredString(v: unknown, field: string): string {
    const s = this.string(v, field);
    if (s === undefined || s === '') this.fail(field, 'is required', `set ${field}`);
    return s;
  }

  /** An optional boolean. */
  boolean(v: unknown, field: string): boolean | undefined {
    return readField(v, 'boolean', (got) =>
      this.fail(
        field,
        `expected true or false, got ${describe(got)}`,
        got === 'true' || got === 'false' ? `write the boolean ${got}, not a string` : 'write true or false',
      ),
    );
  }

  /** An optional finite number (numeric strings are not accepted). */
  number(v: unknown, field: string): number | undefined {
    return readField(v, 'number', (got) =>
      this.fail(
        field,
        `expected a number, got ${describe(got)}`,
        typeof got === 'string' && /^-?[0-9]+$/.test(got) ? `write the number ${got}, not a string` : 'write a number',
      ),
    );
  }

  /** A string list. */
  stringList(v: unknown, field: string): string[] {
    return this.array(v, field).map((s, i) => {
      if (typeof s !== 'string') this.fail(`${field}[${i}]`, `expected a string, got ${describe(s)}`, quoteFix(s));
      return s;
    });
  }

  /** A label map (string values). */
  labels(v: unknown, field: string): Record<string, string> {
    const o = this.object(v, field);
    const out: Record<string, string> = {};
    if (!o) return out;
    for (const [k, val] of Object.entries(o)) {
      if (typeof val !== 'string')
        this.fail(`${field}.${k}`, `label values must be strings, got ${describe(val)}`, quoteFix(val));
      out[k] = val;
    }
    return out;
  }
}

/** The fix for a non-string where a string belongs: quote a scalar, else write a string. */
function quoteFix(v: unknown): string {
  return typeof v === 'number' || typeof v === 'boolean' ? `quote the value: "${String(v)}"` : 'write a string';
}

/** Short description of a JSON value for messages. */
export function describe(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'an object';
  if (typeof v === 'string') return JSON.stringify(v.length > 60 ? `${v.slice(0, 57)}...` : v);
  return `${typeof v} ${String(v)}`;
}

/** The reference of a raw document (best effort, never throws). */
export function refOf(doc: unknown, where: string): ObjectRef {
  const d = (doc && typeof doc === 'object' ? doc : {}) as Record<string, any>;
  const md = d.metadata && typeof d.metadata === 'object' ? d.metadata : {};
  const kind = typeof d.kind === 'string' ? d.kind : where;
  const name = typeof md.name === 'string' ? md.name : `<unnamed ${where}>`;
  const namespace = typeof md.namespace === 'string' && md.namespace !== '' ? md.namespace : undefined;
  return { kind, name, namespace };
}

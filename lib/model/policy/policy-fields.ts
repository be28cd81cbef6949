/**
 * How {@link readCalicoPolicy} reads a policy's fields. The offline engine reads strictly (its `FieldReader` throws
 * a ManifestError naming the object and field); the lint and DenyLogging read leniently ({@link LENIENT_FIELDS}:
 * a value of the wrong type reads as absent, validation reports it). One reading, two error policies.
 */

/** Field access with an error policy. */
export interface PolicyFieldReader {
  /** An optional object; `undefined` when absent (lenient: also when not an object). */
  object(v: unknown, field: string): Record<string, unknown> | undefined;
  /** An optional list; `[]` when absent (lenient: also when not a list). */
  array(v: unknown, field: string): readonly unknown[];
  /** An optional string (lenient: `undefined` when not a string). */
  string(v: unknown, field: string): string | undefined;
  /** A required non-empty string (lenient: `''` when absent or not a string). */
  requiredString(v: unknown, field: string): string;
  /** An optional finite number (lenient: `undefined` when not one). */
  number(v: unknown, field: string): number | undefined;
  /** An optional boolean (lenient: `undefined` when not one). */
  boolean(v: unknown, field: string): boolean | undefined;
  /** A list of strings (lenient: the list as it is; callers ignore values they do not know). */
  stringList(v: unknown, field: string): readonly unknown[];
  /** Bad input at `field`: strict readers throw, lenient ones ignore it (the caller skips the value). */
  fail(field: string, problem: string, fix?: string): void;
}

const NONE: readonly unknown[] = Object.freeze([]);

/** Reads what has the right type and ignores the rest (allocation-free). */
export const LENIENT_FIELDS: PolicyFieldReader = Object.freeze({
  object: (v: unknown) =>
    v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined,
  array: (v: unknown) => (Array.isArray(v) ? v : NONE),
  string: (v: unknown) => (typeof v === 'string' ? v : undefined),
  requiredString: (v: unknown) => (typeof v === 'string' ? v : ''),
  number: (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : undefined),
  boolean: (v: unknown) => (typeof v === 'boolean' ? v : undefined),
  stringList: (v: unknown) => (Array.isArray(v) ? v : NONE),
  fail: () => undefined,
});

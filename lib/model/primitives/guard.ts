import { Construct } from 'constructs';

/**
 * Runtime shape checks at the public boundary, for callers without TypeScript (plain JavaScript, values read from
 * YAML or JSON config). Every public function, factory, construct prop and method argument goes through these
 * instead of hand-written checks, so each mistake reads the same way:
 *
 *     [App/Chart/Nodes] baseline.sshFrom[0]: expected a CIDR such as 10.0.0.0/8, got "10.0.0.1"; fix: add /32
 *
 * `where` is the construct path (a construct's own props and methods) or the API name (`Port.tcp`) of a value
 * helper; `field` is the prop or argument, dotted with indexes. A guard never changes a value's meaning: it returns
 * its input (typed) or throws.
 */

/** Options shared by every guard. */
export interface GuardOptions {
  /** The fix printed after `; fix: `. Each guard has a sensible default. */
  readonly fix?: string;
}

/** What a guard error carries besides its message, so {@link withField} can re-home it under a prop. */
export interface GuardErrorDetail {
  /** Construct path or API name. */
  readonly where: string;
  /** The field or argument. */
  readonly field: string;
  /** The message after `field: `, fix included. */
  readonly detail: string;
}

const DETAIL = Symbol.for('cdk8s-calico.guard-detail');

/**
 * The library's error for bad input: `[where] field: detail` where detail ends with `; fix: ...`. A plain `Error`
 * (jsii cannot export Error subclasses) with the parts attached for {@link withField}.
 */
export function boundaryError(where: string, field: string, detail: string): Error {
  const err = new Error(`${where ? `[${where}] ` : ''}${field ? `${field}: ` : ''}${detail}`);
  Object.defineProperty(err, DETAIL, { value: { where, field, detail }, enumerable: false });
  return err;
}

/** Throws `[where] field: expected EXPECTED, got DESCRIPTION; fix: FIX`. */
export function rejectInput(where: string, field: string, expected: string, got: unknown, fix: string): never {
  throw boundaryError(where, field, `expected ${expected}, got ${describeValue(got)}; fix: ${fix}`);
}

/** The parts of an error made by {@link boundaryError}, or undefined for any other error. */
export function guardErrorDetail(err: unknown): GuardErrorDetail | undefined {
  return err !== null && typeof err === 'object' ? ((err as any)[DETAIL] as GuardErrorDetail | undefined) : undefined;
}

/** Where a construct's errors are reported: its path, or `Class` (with the id) while it has none yet. */
export function constructWhere(scope: unknown, id?: unknown): string {
  if (Construct.isConstruct(scope)) {
    const base = scope.node.path;
    return typeof id === 'string' ? (base ? `${base}/${id}` : id) : base;
  }
  return typeof id === 'string' ? id : '<no scope>';
}

/**
 * Runs `fn` (typically a value helper such as `Peer.nets` called on behalf of a prop) and re-homes any library error
 * it raises under `where` and `field`, so the user sees their construct path and prop instead of the helper's name.
 * Errors that are not the library's (a bug) propagate unchanged.
 */
export function withField<T>(where: string, field: string, fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    throw rehome(err, where, field);
  }
}

/** The error `err`, re-homed under `where` and `field` (see {@link withField}). */
export function rehome(err: unknown, where: string, field: string): unknown {
  if (!(err instanceof Error) || isJavaScriptFault(err)) return err;
  const detail = guardErrorDetail(err);
  if (detail) {
    // Keep the inner field when it says more than the argument name (`cidrs[1]` -> `sshFrom[1]`).
    const inner = detail.field.match(/(\[\d+\].*)$/);
    const outerField = inner && !/\[\d+\]$/.test(field) ? `${field}${inner[1]}` : field;
    return boundaryError(where, outerField, detail.detail);
  }
  // An older message without structure: keep it whole, prefixed with path and field.
  const text = err.message.replace(/^\[[^\]]*\]\s*/, '');
  return boundaryError(where, field, /fix: /.test(text) ? text : `${text}; fix: correct ${field}`);
}

/** TypeError, RangeError, ReferenceError and SyntaxError are faults of the library's own code, never re-worded. */
function isJavaScriptFault(err: Error): boolean {
  return (
    err instanceof TypeError ||
    err instanceof ReferenceError ||
    err instanceof SyntaxError ||
    (err instanceof RangeError && !guardErrorDetail(err))
  );
}

/**
 * A short, safe description of any value for `got ...`: `undefined`, `"abc"`, `NaN`, `an array (3 items)`, `a Port`.
 */
export function describeValue(v: unknown): string {
  if (v === undefined) return 'undefined';
  if (v === null) return 'null';
  switch (typeof v) {
    case 'string': {
      const s = JSON.stringify(v.length > 60 ? `${v.slice(0, 57)}...` : v);
      return v.length === 0 ? 'an empty string' : `the string ${s}`;
    }
    case 'number':
      return Number.isNaN(v) ? 'NaN' : `${v}`;
    case 'bigint':
      return `the bigint ${v}n`;
    case 'boolean':
      return `${v}`;
    case 'function':
      return `a function${v.name ? ` (${v.name})` : ''}`;
    case 'symbol':
      return 'a symbol';
    default:
      break;
  }
  if (Array.isArray(v)) return `an array (${v.length} item${v.length === 1 ? '' : 's'})`;
  const proto = Object.getPrototypeOf(v);
  if (proto === null || proto === Object.prototype) {
    const keys = Object.keys(v as object);
    return keys.length === 0
      ? 'an empty object'
      : `an object {${keys.slice(0, 4).join(', ')}${keys.length > 4 ? ', ...' : ''}}`;
  }
  const name = proto?.constructor?.name;
  return name ? `a ${name}` : 'an object';
}

/** Throws unless `v` is neither null nor undefined. */
export function guardDefined<T>(
  v: T | null | undefined,
  where: string,
  field: string,
  expected: string,
  opts: GuardOptions = {},
): T {
  if (v === undefined || v === null) rejectInput(where, field, expected, v, opts.fix ?? `pass ${expected}`);
  return v;
}

/** Options of {@link guardString}. */
export interface StringGuardOptions extends GuardOptions {
  /** Accept `''`. @default false */
  readonly allowEmpty?: boolean;
  /** Must match this pattern. @default - any */
  readonly pattern?: RegExp;
  /** What the pattern means, for `expected ...`. @default 'a string' */
  readonly expected?: string;
  /** Longest accepted length. @default - no limit */
  readonly maxLength?: number;
}

/** A required string (non-empty unless `allowEmpty`). */
export function guardString(v: unknown, where: string, field: string, opts: StringGuardOptions = {}): string {
  const expected = opts.expected ?? (opts.allowEmpty ? 'a string' : 'a non-empty string');
  if (typeof v !== 'string' || (!opts.allowEmpty && v.length === 0))
    rejectInput(where, field, expected, v, opts.fix ?? `pass ${expected}`);
  if (opts.maxLength !== undefined && v.length > opts.maxLength) {
    // Not rejectInput: describeValue would quote the length as if it were the string.
    const got = `a string of ${v.length} characters (${describeValue(v).replace(/^the string /, '')})`;
    const fix = opts.fix ?? `shorten it to ${opts.maxLength} characters`;
    throw boundaryError(
      where,
      field,
      `expected ${expected} of at most ${opts.maxLength} characters, got ${got}; fix: ${fix}`,
    );
  }
  if (opts.pattern && !opts.pattern.test(v)) rejectInput(where, field, expected, v, opts.fix ?? `pass ${expected}`);
  return v;
}

/** An optional string: undefined passes through, anything else as {@link guardString}. */
export function guardOptionalString(
  v: unknown,
  where: string,
  field: string,
  opts: StringGuardOptions = {},
): string | undefined {
  return v === undefined ? undefined : guardString(v, where, field, opts);
}

/** Options of {@link guardInteger} and {@link guardNumber}. */
export interface NumberGuardOptions extends GuardOptions {
  /** Smallest accepted value. @default - no limit */
  readonly min?: number;
  /** Largest accepted value. @default - no limit */
  readonly max?: number;
}

function inRange(v: number, opts: NumberGuardOptions): boolean {
  return (opts.min === undefined || v >= opts.min) && (opts.max === undefined || v <= opts.max);
}

function rangeText(opts: NumberGuardOptions): string {
  if (opts.min !== undefined && opts.max !== undefined) return ` ${opts.min}-${opts.max}`;
  if (opts.min !== undefined) return ` >= ${opts.min}`;
  if (opts.max !== undefined) return ` <= ${opts.max}`;
  return '';
}

/** A finite integer within `min`..`max` (NaN, Infinity, fractions, numeric strings and out-of-range values throw). */
export function guardInteger(v: unknown, where: string, field: string, opts: NumberGuardOptions = {}): number {
  // Hot path (every engine query checks its ports): a valid value returns before any message is built.
  if (typeof v === 'number' && Number.isInteger(v) && inRange(v, opts)) return v;
  const expected = `an integer${rangeText(opts)}`;
  if (typeof v !== 'number' || !Number.isInteger(v)) {
    const fix =
      typeof v === 'string' && /^-?\d+$/.test(v.trim())
        ? `pass the number ${v.trim()}, not a string`
        : `pass ${expected}`;
    rejectInput(where, field, expected, v, opts.fix ?? fix);
  }
  if ((opts.min !== undefined && v < opts.min) || (opts.max !== undefined && v > opts.max))
    rejectInput(where, field, expected, v, opts.fix ?? `pass ${expected}`);
  return v;
}

/** An optional integer: undefined passes through. */
export function guardOptionalInteger(
  v: unknown,
  where: string,
  field: string,
  opts: NumberGuardOptions = {},
): number | undefined {
  return v === undefined ? undefined : guardInteger(v, where, field, opts);
}

/** A finite number within `min`..`max`. */
export function guardNumber(v: unknown, where: string, field: string, opts: NumberGuardOptions = {}): number {
  if (typeof v === 'number' && Number.isFinite(v) && inRange(v, opts)) return v;
  const expected = `a finite number${rangeText(opts)}`;
  if (typeof v !== 'number' || !Number.isFinite(v))
    rejectInput(where, field, expected, v, opts.fix ?? `pass ${expected}`);
  if ((opts.min !== undefined && v < opts.min) || (opts.max !== undefined && v > opts.max))
    rejectInput(where, field, expected, v, opts.fix ?? `pass ${expected}`);
  return v;
}

/** A boolean (the strings `"true"`/`"false"` are refused: YAML quoting slips must not flip a setting). */
export function guardBoolean(v: unknown, where: string, field: string, opts: GuardOptions = {}): boolean {
  if (typeof v !== 'boolean') {
    const fix = v === 'true' || v === 'false' ? `pass the boolean ${v}, not a string` : 'pass true or false';
    rejectInput(where, field, 'a boolean', v, opts.fix ?? fix);
  }
  return v;
}

/** An optional boolean: undefined passes through. */
export function guardOptionalBoolean(
  v: unknown,
  where: string,
  field: string,
  opts: GuardOptions = {},
): boolean | undefined {
  return v === undefined ? undefined : guardBoolean(v, where, field, opts);
}

/** Options of {@link guardEnum}. */
export interface EnumGuardOptions extends GuardOptions {
  /** The enum's name for messages (`ExternalTrafficPolicy`). @default - the values only */
  readonly enumName?: string;
}

/** The values of an enum object (numeric enums' reverse-mapping keys left out), per object. */
const ENUM_VALUE_SETS = new WeakMap<object, ReadonlySet<unknown>>();

function enumValueSet(values: Readonly<Record<string, unknown>>): ReadonlySet<unknown> {
  let set = ENUM_VALUE_SETS.get(values);
  if (!set) {
    set = new Set(
      Object.entries(values)
        .filter(([k]) => !/^\d+$/.test(k))
        .map(([, value]) => value),
    );
    ENUM_VALUE_SETS.set(values, set);
  }
  return set;
}

/**
 * One of an enum's values, case-sensitive. A case slip (`'local'` for `'Local'`) gets "did you mean"; any other
 * value lists the accepted ones. `values` is a TypeScript string enum object or a list.
 */
export function guardEnum<T extends string | number>(
  v: unknown,
  values: Readonly<Record<string, T>> | readonly T[],
  where: string,
  field: string,
  opts: EnumGuardOptions = {},
): T {
  // Hot path (every rule's action, every policy type): a set per enum object, built once; the message below is built
  // only for a rejected value.
  if (Array.isArray(values) ? values.includes(v as T) : enumValueSet(values as Readonly<Record<string, T>>).has(v))
    return v as T;
  const entries: Array<[string, T]> = Array.isArray(values)
    ? (values as readonly T[]).map((x) => [String(x), x] as [string, T])
    : Object.entries(values as Record<string, T>).filter(([k]) => !/^\d+$/.test(k));
  const accepted = entries.map(([, value]) => value);
  if (accepted.includes(v as T)) return v as T;
  const list = entries
    .map(([key, value]) =>
      opts.enumName && !Array.isArray(values)
        ? `${opts.enumName}.${key} (${JSON.stringify(value)})`
        : JSON.stringify(value),
    )
    .join(', ');
  let fix = opts.fix ?? `use one of ${list}`;
  if (typeof v === 'string') {
    const slip = entries.find(
      ([key, value]) => String(value).toLowerCase() === v.toLowerCase() || key.toLowerCase() === v.toLowerCase(),
    );
    if (slip)
      fix = `did you mean ${opts.enumName && !Array.isArray(values) ? `${opts.enumName}.${slip[0]} ` : ''}${JSON.stringify(slip[1])}? values are case-sensitive`;
  }
  return rejectInput(where, field, `one of ${accepted.map((a) => JSON.stringify(a)).join(', ')}`, v, fix);
}

/** An optional enum value: undefined passes through. */
export function guardOptionalEnum<T extends string | number>(
  v: unknown,
  values: Readonly<Record<string, T>> | readonly T[],
  where: string,
  field: string,
  opts: EnumGuardOptions = {},
): T | undefined {
  return v === undefined ? undefined : guardEnum(v, values, where, field, opts);
}

/** Options of {@link guardArray}. */
export interface ArrayGuardOptions extends GuardOptions {
  /** Fewest items. @default 0 */
  readonly minLength?: number;
  /** What the items are, for `expected an array of ...`. @default 'values' */
  readonly of?: string;
}

/**
 * An array (a string is refused, never split into characters), each item checked by `each` under `field[i]`.
 * Returns a copy.
 */
export function guardArray<T>(
  v: unknown,
  where: string,
  field: string,
  each: (item: unknown, itemField: string) => T,
  opts: ArrayGuardOptions = {},
): T[] {
  const expected = `an array of ${opts.of ?? 'values'}`;
  if (!Array.isArray(v)) {
    const fix = typeof v === 'string' ? `wrap it in a list: [${JSON.stringify(v)}]` : `pass ${expected}`;
    rejectInput(where, field, expected, v, opts.fix ?? fix);
  }
  if (opts.minLength !== undefined && v.length < opts.minLength) {
    rejectInput(
      where,
      field,
      `${expected} with at least ${opts.minLength} item${opts.minLength === 1 ? '' : 's'}`,
      v,
      opts.fix ?? `give at least ${opts.minLength}`,
    );
  }
  return v.map((item, i) => each(item, `${field}[${i}]`));
}

/** An optional array: undefined passes through. */
export function guardOptionalArray<T>(
  v: unknown,
  where: string,
  field: string,
  each: (item: unknown, itemField: string) => T,
  opts: ArrayGuardOptions = {},
): T[] | undefined {
  return v === undefined ? undefined : guardArray(v, where, field, each, opts);
}

/** Rest parameters (`...ports`) checked as {@link guardArray} checks an array. */
export function guardRest<T>(
  v: readonly unknown[],
  where: string,
  field: string,
  each: (item: unknown, itemField: string) => T,
  opts: ArrayGuardOptions = {},
): T[] {
  return guardArray([...v], where, field, each, opts);
}

/** Options of {@link guardInstance}. */
export interface InstanceGuardOptions extends GuardOptions {
  /** How the expected value is made, for `expected ...` (`a Selector (Selector.parse, Selector.equals, ...)`). */
  readonly expected?: string;
}

/** An instance of `cls` (a string where a Selector, Port, Protocol or Peer is wanted is refused with a hint). */
export function guardInstance<T>(
  v: unknown,
  cls: abstract new (...args: any[]) => T,
  where: string,
  field: string,
  opts: InstanceGuardOptions = {},
): T {
  if (v instanceof cls) return v;
  const expected = opts.expected ?? `a ${cls.name}`;
  return rejectInput(where, field, expected, v, opts.fix ?? `pass ${expected}`);
}

/** An optional instance: undefined passes through. */
export function guardOptionalInstance<T>(
  v: unknown,
  cls: abstract new (...args: any[]) => T,
  where: string,
  field: string,
  opts: InstanceGuardOptions = {},
): T | undefined {
  return v === undefined ? undefined : guardInstance(v, cls, where, field, opts);
}

/** A value that implements an interface, recognised by its methods (structural: `IPeer` has `toEntityRule`). */
export function guardImplements<T>(
  v: unknown,
  methods: readonly string[],
  where: string,
  field: string,
  expected: string,
  opts: GuardOptions = {},
): T {
  const ok =
    v !== null &&
    (typeof v === 'object' || typeof v === 'function') &&
    methods.every((m) => typeof (v as any)[m] === 'function');
  if (!ok) rejectInput(where, field, expected, v, opts.fix ?? `pass ${expected}`);
  return v as T;
}

/** A plain object (a props bag): not null, not an array, not a class instance such as a Date. */
export function guardObject(
  v: unknown,
  where: string,
  field: string,
  opts: GuardOptions & { readonly expected?: string } = {},
): Record<string, unknown> {
  const expected = opts.expected ?? 'an object';
  if (v === null || typeof v !== 'object' || Array.isArray(v))
    rejectInput(where, field, expected, v, opts.fix ?? `pass ${expected}`);
  return v as Record<string, unknown>;
}

/** Optional props: undefined becomes `{}`. */
export function guardProps<T extends object>(v: T | undefined, where: string, field = 'props'): T {
  if (v === undefined) return {} as T;
  guardObject(v, where, field, { expected: 'a props object' });
  return v;
}

/** A map of strings to strings (labels, annotations). */
export function guardStringMap(
  v: unknown,
  where: string,
  field: string,
  opts: GuardOptions = {},
): { [key: string]: string } {
  const obj = guardObject(v, where, field, { expected: 'an object of string values', fix: opts.fix });
  for (const [key, value] of Object.entries(obj)) {
    if (typeof value !== 'string')
      rejectInput(where, `${field}.${key}`, 'a string', value, opts.fix ?? `quote the value: "${String(value)}"`);
  }
  return obj as { [key: string]: string };
}

/** An optional string map: undefined passes through. */
export function guardOptionalStringMap(
  v: unknown,
  where: string,
  field: string,
  opts: GuardOptions = {},
): { [key: string]: string } | undefined {
  return v === undefined ? undefined : guardStringMap(v, where, field, opts);
}

/**
 * Refuses keys of a props object that the props interface does not define (a misspelt prop would otherwise be
 * ignored silently, changing what the construct means), with "did you mean" for near misses.
 */
export function guardKnownKeys(v: object, known: readonly string[], where: string, field = 'props'): void {
  for (const key of Object.keys(v)) {
    if (known.includes(key) || (v as any)[key] === undefined) continue;
    const near = closest(key, known);
    throw boundaryError(
      where,
      field === 'props' ? key : `${field}.${key}`,
      `unknown property${near ? `; fix: did you mean "${near}"?` : `; fix: remove it (known: ${known.join(', ')})`}`,
    );
  }
}

/** The construct scope and id every construct receives, checked before `super(scope, id)` can throw a TypeError. */
export function guardScope(scope: unknown, id: unknown, className: string): Construct {
  if (!Construct.isConstruct(scope))
    rejectInput(
      `${className} ${typeof id === 'string' ? id : ''}`.trim(),
      'scope',
      'a Construct (an App, Chart or construct)',
      scope,
      `pass the chart as the first argument: new ${className}(chart, 'Id', { ... })`,
    );
  guardString(id, constructWhere(scope), 'id', {
    expected: 'a non-empty construct id',
    fix: `pass an id: new ${className}(chart, 'Id', { ... })`,
  });
  return scope;
}

/** The known name closest to `name` (case slips, one or two letters off), if any. */
export function closest(name: string, known: readonly string[]): string | undefined {
  const lower = name.toLowerCase();
  let best: string | undefined;
  let bestDistance = Math.max(2, Math.floor(name.length / 4)) + 1;
  for (const k of known) {
    if (k.toLowerCase() === lower) return k;
    const d = editDistance(lower, k.toLowerCase());
    if (d < bestDistance) {
      best = k;
      bestDistance = d;
    }
  }
  return best;
}

function editDistance(a: string, b: string): number {
  const prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0];
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const up = prev[j];
      prev[j] = Math.min(prev[j] + 1, prev[j - 1] + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = up;
    }
  }
  return prev[b.length];
}

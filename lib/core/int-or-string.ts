/**
 * The one adapter between our values and the int-or-string classes that `cdk8s import` generates
 * (`GlobalNetworkPolicySpecIngressDestinationPorts.fromNumber(...)` and 53 nominal siblings).
 *
 * Why it exists: a raw number forced into such a field renders as `null`, because the generated mapper
 * reads `.value` (../shared/docs/cdk8s-notes.md §3). Every conversion goes through here.
 */
export interface IntOrStringFactory<T> {
  fromNumber(value: number): T;
  fromString(value: string): T;
}

/** Wraps a wire value (number or string) in the generated class for its field. */
export function toIntOrString<T>(factory: IntOrStringFactory<T>, value: number | string): T {
  return typeof value === 'number' ? factory.fromNumber(value) : factory.fromString(value);
}

/** Same as {@link toIntOrString} for an optional value. */
export function toOptionalIntOrString<T>(factory: IntOrStringFactory<T>, value: number | string | undefined): T | undefined {
  return value === undefined ? undefined : toIntOrString(factory, value);
}

/** Same as {@link toIntOrString} for an optional list. */
export function toIntOrStringList<T>(factory: IntOrStringFactory<T>, values: ReadonlyArray<number | string> | undefined): T[] | undefined {
  return values === undefined ? undefined : values.map((v) => toIntOrString(factory, v));
}

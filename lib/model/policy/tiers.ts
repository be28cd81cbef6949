/**
 * Tiers and the order policies are evaluated in: the built-in tiers, and how tiers and the policies inside a tier
 * sort (felix/calc/policy_sorter.go `TierLess`, `PolKVLess`): ascending `order`, a missing order after every
 * ordered one, ties by name.
 */

/** A tier. */
export interface TierInfo {
  readonly name: string;
  /** `spec.order`; `Infinity` when absent (runs last). */
  readonly order: number;
  readonly defaultAction: 'Deny' | 'Pass';
}

/** The tiers that always exist (`kube-admin`, `default`, `kube-baseline`). */
export const BUILTIN_TIERS: readonly TierInfo[] = [
  { name: 'kube-admin', order: 1000, defaultAction: 'Pass' },
  { name: 'default', order: 1_000_000, defaultAction: 'Deny' },
  { name: 'kube-baseline', order: 10_000_000, defaultAction: 'Pass' },
];

/** The tier of a policy without `spec.tier` (the CRD's default). */
export const DEFAULT_TIER = 'default';

/** The built-in tier named `name`, or `undefined`. */
export function builtinTier(name: string): TierInfo | undefined {
  return BUILTIN_TIERS.find((t) => t.name === name);
}

/** The sort key of an `order`: a missing order sorts after every ordered tier or policy. */
export function orderKey(order: number | undefined): number {
  return order ?? Infinity;
}

/** Tier order: ascending order (missing last), ties by name. */
export function compareTiers(a: TierInfo, b: TierInfo): number {
  if (a.order !== b.order) return a.order < b.order ? -1 : 1;
  return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}

/** Policy order inside a tier: ascending order (missing last), ties by name. */
export function comparePolicies(
  a: { order: number; display: string; seq: number },
  b: { order: number; display: string; seq: number },
): number {
  if (a.order !== b.order) return a.order < b.order ? -1 : 1;
  if (a.display !== b.display) return a.display < b.display ? -1 : 1;
  return a.seq - b.seq;
}

/** Tiers: the built-in ones, user Tier objects, and their evaluation order. */

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

/** Tier order: ascending order (missing last), ties by name. */
export function compareTiers(a: TierInfo, b: TierInfo): number {
  if (a.order !== b.order) return a.order < b.order ? -1 : 1;
  return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}

/** Policy order inside a tier: ascending order (missing last), ties by name. */
export function comparePolicies(a: { order: number; display: string; seq: number }, b: { order: number; display: string; seq: number }): number {
  if (a.order !== b.order) return a.order < b.order ? -1 : 1;
  if (a.display !== b.display) return a.display < b.display ? -1 : 1;
  return a.seq - b.seq;
}

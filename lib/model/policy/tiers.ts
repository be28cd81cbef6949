/**
 * Tiers and the order policies are evaluated in: the built-in tiers, and how tiers and the policies inside a tier
 * sort (felix/calc/policy_sorter.go `TierLess`, `PolKVLess`): ascending `order`, a missing order after every
 * ordered one; tiers tie by name, policies by the string `name/namespace/kind` of Felix's policy key.
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

/**
 * The kind Felix keys a policy by (libcalico-go/lib/backend/model/policy.go `PolicyKey.Kind`; since v3.32 the keys
 * carry the plain name and an explicit kind, see `parseLegacyPolicyName` there, which strips the old `knp.default.`,
 * `staged:` and `kcnp.` name prefixes into these kinds).
 * @param inputKind the input kind (`GlobalNetworkPolicy`, `StagedNetworkPolicy`, `ClusterNetworkPolicy`, ...)
 * @param kubernetes true for a converted Kubernetes NetworkPolicy (input kind `NetworkPolicy` or its staged kind)
 */
export function felixPolicyKind(inputKind: string, kubernetes: boolean): string {
  if (inputKind === 'ClusterNetworkPolicy') return 'KubernetesClusterNetworkPolicy';
  if (kubernetes && inputKind === 'NetworkPolicy') return 'KubernetesNetworkPolicy';
  return inputKind;
}

/**
 * Felix's tie-break string of a policy (felix/calc/policy_sorter.go `PolKVLess`): `name + "/" + namespace + "/" +
 * kind`, with the key's plain name (a Kubernetes policy's own name, without `knp.default.`) and `''` as the namespace
 * of a global policy. So `team-deny//...` sorts before `team//...` (`-` is 0x2d, `/` 0x2f), and a
 * GlobalNetworkPolicy before a ClusterNetworkPolicy of the same name and order.
 */
export function felixPolicySortKey(name: string, namespace: string | undefined, kind: string): string {
  return `${name}/${namespace ?? ''}/${kind}`;
}

/**
 * Policy order inside a tier, as Felix's `PolKVLess`: ascending order (missing last), ties by
 * {@link felixPolicySortKey} compared as Go compares strings (bytewise), then input position for exact duplicates.
 */
export function comparePolicies(
  a: { order: number; sortKey: string; seq: number },
  b: { order: number; sortKey: string; seq: number },
): number {
  if (a.order !== b.order) return a.order < b.order ? -1 : 1;
  if (a.sortKey !== b.sortKey) return a.sortKey < b.sortKey ? -1 : 1;
  return a.seq - b.seq;
}

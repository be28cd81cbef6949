/**
 * The tier of a {@link ClusterNetworkPolicy} (`spec.tier`, case-sensitive). Calico 3.32 puts Admin policies in its
 * built-in `kube-admin` tier (order 1,000, before the `default` tier of Kubernetes NetworkPolicies) and Baseline
 * policies in `kube-baseline` (order 10,000,000, after it); both tiers end in Pass
 * (projectcalico/calico `api/pkg/apis/projectcalico/v3/tier.go`, `KubeAdminTierOrder`, `KubeBaselineTierOrder`).
 */
export enum ClusterNetworkPolicyTier {
  /** Evaluated before every NetworkPolicy: an Accept or Deny here is final and namespace owners cannot override it. */
  ADMIN = 'Admin',
  /** Evaluated only for pods no NetworkPolicy selects in that direction: namespace owners override it. */
  BASELINE = 'Baseline',
}

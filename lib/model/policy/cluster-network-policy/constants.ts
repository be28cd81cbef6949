/**
 * Names and numbers of Kubernetes' `ClusterNetworkPolicy` (sigs.k8s.io/network-policy-api v0.2.0, v1alpha2) and of
 * the objects Calico 3.32 turns it into (libcalico-go/lib/names/policy.go, libcalico-go/lib/backend/model).
 */

/** The API version of ClusterNetworkPolicy (network-policy-api v0.2.0 serves only v1alpha2). */
export const CLUSTER_NETWORK_POLICY_API_VERSION = 'policy.networking.k8s.io/v1alpha2';

/** The kind of a ClusterNetworkPolicy. */
export const CLUSTER_NETWORK_POLICY_KIND = 'ClusterNetworkPolicy';

/** Felix's key kind for converted CNPs (felix/calc/policy_sorter.go tie-break, "kcnp" in flow logs). */
export const CLUSTER_NETWORK_POLICY_IDENTITY_KIND = 'KubernetesClusterNetworkPolicy';

/** The short kind Felix shows converted CNPs with (felix/types/policy_id.go: `kcnp/<name>`). */
export const CLUSTER_NETWORK_POLICY_SHORT_KIND = 'kcnp';

/** Calico's tier for `tier: Admin` (libcalico-go/lib/names/policy.go `KubeAdminTierName`). */
export const KUBE_ADMIN_TIER = 'kube-admin';

/** Calico's tier for `tier: Baseline` (libcalico-go/lib/names/policy.go `KubeBaselineTierName`). */
export const KUBE_BASELINE_TIER = 'kube-baseline';

/** The rule-metadata annotation holding a CNP rule's `name` (conversion/constants.go `K8sCNPRuleNameLabel`). */
export const CLUSTER_NETWORK_POLICY_RULE_NAME_ANNOTATION = 'name';

/**
 * Kubernetes `ClusterNetworkPolicy` (policy.networking.k8s.io/v1alpha2) as Calico 3.32.1 enforces it: the
 * conversion into a GlobalNetworkPolicy in the `kube-admin` or `kube-baseline` tier (libcalico-go
 * `K8sClusterNetworkPolicyToCalico`), fail-closed rules, and the normalised view the engine and the lint read.
 * @packageDocumentation
 */
export {
  CLUSTER_NETWORK_POLICY_API_VERSION,
  CLUSTER_NETWORK_POLICY_KIND,
  CLUSTER_NETWORK_POLICY_IDENTITY_KIND,
  CLUSTER_NETWORK_POLICY_SHORT_KIND,
  CLUSTER_NETWORK_POLICY_RULE_NAME_ANNOTATION,
  KUBE_ADMIN_TIER,
  KUBE_BASELINE_TIER,
} from './constants';
export type { FailedClusterRule } from './failed-rule';
export type { ClusterNetworkPolicyConversion } from './convert';
export { clusterNetworkPolicyToCalico } from './convert';
export type { CalicoClusterRule } from './rule';
export { clusterNetworkPolicyTier } from './tier';
export {
  clusterNetworkPolicyDisplay,
  clusterNetworkPolicyView,
  clusterNetworkPolicyViewOf,
  isClusterNetworkPolicy,
} from './policy-view';

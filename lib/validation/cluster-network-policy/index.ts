// ClusterNetworkPolicy (policy.networking.k8s.io/v1alpha2) validation: the vendored CRD (schema and CEL), the
// ObjectMeta of a cluster-scoped custom resource, what Calico 3.32.1 cannot convert, and the retired v1alpha1 kinds.
export { ClusterNetworkPolicyChannel } from './channel';
export { CLUSTER_NETWORK_POLICY_RULES } from './rule-ids';
export type { ClusterNetworkPolicyRuleId } from './rule-ids';
export { clusterNetworkPolicyIssues } from './validate';
export type { ClusterNetworkPolicyCheck } from './validate';
export { isNetworkPolicyApiKind, networkPolicyApiVersionIssue } from './api-version';

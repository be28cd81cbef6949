// ClusterNetworkPolicy (policy.networking.k8s.io/v1alpha2) constructs and the values they take.
export { ClusterNetworkPolicyTier } from './cluster-network-policy-tier';
export { ClusterNetworkPolicyAction } from './cluster-network-policy-action';
export { LabelSelector, LabelSelectorOperator } from './label-selector';
export type { LabelSelectorProps, LabelSelectorRequirement } from './label-selector';
export { ClusterPolicyPort } from './cluster-policy-port';
export { ClusterPolicyPeer, ClusterPolicyPeerKind } from './cluster-policy-peer';
export type { IClusterPolicyPeer } from './cluster-policy-peer';
export { ClusterPolicySubject } from './cluster-policy-subject';
export type { IClusterPolicySubject } from './cluster-policy-subject';
export type { ClusterNetworkPolicyRule } from './cluster-network-policy-rule';
export { ClusterNetworkPolicy } from './cluster-network-policy';
export type { ClusterNetworkPolicyProps } from './cluster-network-policy';

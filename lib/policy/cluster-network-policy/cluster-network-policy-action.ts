/**
 * What a ClusterNetworkPolicy rule does with matching traffic (`action`, the API's words,
 * kubernetes-sigs/network-policy-api `apis/v1alpha2/clusternetworkpolicy_types.go`). Calico maps them to Allow,
 * Deny and Pass (`K8sClusterNetworkPolicyActionToCalico`, libcalico-go
 * `lib/backend/k8s/conversion/clusternetworkpolicy.go`).
 */
export enum ClusterNetworkPolicyAction {
  /**
   * Allows this direction and ends cluster-policy and NetworkPolicy processing for it. An egress Accept does not open
   * the destination's ingress: the destination pod's own policies still run.
   */
  ACCEPT = 'Accept',
  /** Drops the traffic; final. */
  DENY = 'Deny',
  /**
   * Skips the rest of this tier: from Admin, on to the pod's NetworkPolicies (or Baseline when none selects it); from
   * Baseline, on to the default (allow).
   */
  PASS = 'Pass',
}

/**
 * Which channel of the ClusterNetworkPolicy CRD (kubernetes-sigs/network-policy-api v0.2.0,
 * config/crd/{standard,experimental}) objects are validated against; values are the CRD's
 * `policy.networking.k8s.io/channel` annotation.
 */
export enum ClusterNetworkPolicyChannel {
  /** The standard channel, the CRD Calico 3.32.1 installs (libcalico-go/Makefile `NETPOL_CNP_VER = v0.2.0`). */
  STANDARD = 'standard',
  /**
   * The experimental channel: adds the egress peers `nodes` and `domainNames` (and a CEL rule against named ports
   * with them). Calico 3.32 cannot convert those peers: their rules fail closed and are reported as errors.
   */
  EXPERIMENTAL = 'experimental',
}

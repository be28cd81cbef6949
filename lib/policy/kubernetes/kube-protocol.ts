/**
 * Protocol of a Kubernetes NetworkPolicy port: the three values `networking.k8s.io/v1` `NetworkPolicyPort.protocol`
 * takes (k8s.io/api core/v1 `Protocol`). Named `KubeProtocol` so it does not shadow cdk8s-plus's `NetworkProtocol`
 * enum in apps that use both libraries; Calico rules take the {@link Protocol} class instead.
 */
export enum KubeProtocol {
  /** TCP (the Kubernetes default when a port gives none). */
  TCP = 'TCP',
  /** UDP. */
  UDP = 'UDP',
  /** SCTP. */
  SCTP = 'SCTP',
}

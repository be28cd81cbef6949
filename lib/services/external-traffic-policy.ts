/**
 * The Kubernetes Service `externalTrafficPolicy`, which decides how an exposed cluster IP is protected
 * (docs/scenarios.md#002): where the client address survives, ordinary pod policy works; where it does not, the
 * decision has to be made on the node before DNAT.
 */
export enum ExternalTrafficPolicy {
  /**
   * Traffic is balanced over every backend in the cluster and SNATed to the forwarding node's address on the way
   * to a backend on another node, so pod policy cannot tell clients apart: protect with preDNAT policy on the
   * nodes' host endpoints. Kubernetes' default.
   */
  CLUSTER = 'Cluster',
  /**
   * Traffic only goes to backends on the node that received it and keeps the client address, so a policy on the
   * pods can admit the allowed networks. Kubernetes accepts the field only on externally accessible Services
   * (type NodePort or LoadBalancer, or with externalIPs).
   */
  LOCAL = 'Local',
}

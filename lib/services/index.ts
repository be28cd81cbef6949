// Cluster IPs exposed outside the cluster over BGP, and only to whom you say (docs/scenarios.md#002).
export * from './external-traffic-policy';
export { BgpServiceAdvertisement } from './bgp-service-advertisement';
export type { BgpServiceAdvertisementProps } from './bgp-service-advertisement';
export type { ClusterIpServiceAttributes, ExposedServicePort, ServicePortMapping } from './service-description';
export * from './service-exposure-foundation';
export * from './exposed-cluster-ip-service';

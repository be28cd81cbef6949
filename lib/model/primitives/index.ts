/**
 * The ground floor's primitives: Kubernetes and Calico name syntax, CIDR/IP, ports and protocols, API versions and
 * well-known labels. Pure, dependency-free (but for each other); every folder above reads them from here.
 */
export * from './kube-names';
export * from './calico-names';
export * from './calico-constants';
export * from './cidr';
export * from './ip';
export * from './go-cidr';
export * from './ports';
export * from './protocols';
export * from './encapsulation';

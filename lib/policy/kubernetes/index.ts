export * from './kube-protocol';
export * from './kube-port';
export * from './kube-peer';
export * from './kube-network-policy';

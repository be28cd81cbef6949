// The jsii construct surface: the constructs and the values they take (selectors, peers, ports, inventory, enums),
// and nothing of the engines, lint, plugin or CLI. It is the entry point `npm run jsii:check` compiles with jsii
// (ARCHITECTURE.md, "jsii"); TypeScript users keep importing lib/index.ts, which exports all of this and more.
export * from '../selector';
export * from '../core/calico-object';
export { Cluster } from '../core/cluster';
export type { ClusterProps } from '../core/cluster';
export type {
  IKubeResource,
  IKplusResource,
  IKplusServiceAccount,
  KubeSubjectConfiguration,
} from '../core/kube-resource';
export * from '../policy/action';
export * from '../policy/protocol';
export * from '../policy/port';
export * from '../policy/peer';
export * from '../policy/rule';
export * from '../policy/tier';
export * from '../policy/policy-base';
export * from '../policy/global-network-policy';
export * from '../policy/network-policy';
export * from '../policy/kubernetes';
export * from '../policy/cluster-network-policy';
export * from '../policy/deny-logging';
export * from '../nodes/host-endpoint';
export * from '../nodes/kube-controllers-configuration';
// The node constructs, without the lockout proof's engine types (lib/nodes/node-constructs.ts).
export * from '../nodes/node-constructs';
export * from '../network/network-set';
export * from '../network/ip-pool';
export * from '../network/bgp-configuration';
export * from '../network/bgp-peer';
export * from '../network/felix-configuration';
export * from '../network/flannel-network';
export * from '../services';
export * from '../access';
// Named by AccessRole's options; TypeScript users import it from the package root (lib/analysis/access).
export { KubernetesVersion } from '../analysis/access/bootstrap-policy';

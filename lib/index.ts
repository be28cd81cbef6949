// cdk8s-calico: typed, validated cdk8s constructs for clusters that run Calico.
export * from './selector';
export * from './core/calico-object';
export { Cluster } from './core/cluster';
export type { ClusterProps } from './core/cluster';
export type {
  IKubeResource,
  IKplusResource,
  IKplusServiceAccount,
  KubeSubjectConfiguration,
} from './core/kube-resource';
export * from './policy/action';
export * from './policy/protocol';
export * from './policy/port';
export * from './policy/peer';
export * from './policy/rule';
export * from './policy/tier';
export * from './policy/policy-base';
export * from './policy/global-network-policy';
export * from './policy/network-policy';
export * from './policy/kubernetes';
export * from './policy/cluster-network-policy';
export * from './nodes/host-endpoint';
export * from './nodes/kube-controllers-configuration';
export * from './network/network-set';
export * from './network/ip-pool';
export * from './network/bgp-configuration';
export * from './network/bgp-peer';
export * from './network/felix-configuration';
export * from './network/flannel-network';
export * from './policy/deny-logging';
export * from './validation';
export * from './lint';
export * from './analysis';
export { calicoMatchers } from './analysis/network/traffic-matchers';
export { createTrafficMatchers } from './analysis/network/report/matchers';
export type { TrafficMatcherOptions, ModelFactory } from './analysis/network/report/matchers';
export { computeMatrix, matrixTotals } from './analysis/network/report/matrix';
export type { ConnectivityMatrix, MatrixCell, MatrixOptions } from './analysis/network/report/matrix';
export {
  renderMatrixHtml,
  renderMatrixJson,
  renderMatrixMarkdown,
  renderMatrixText,
} from './analysis/network/report/render-matrix';
export type { MatrixHtmlOptions } from './analysis/network/report/render-matrix';
export { diffModels, renderDiffText } from './analysis/network/report/diff';
export type { DiffOptions, FlowChange } from './analysis/network/report/diff';
export { parsePortList, formatPortProtocol } from './analysis/network/report/port-spec';
export type { PortProtocol, QueryableModel, TrafficVerdict } from './analysis/network/report/contract';
export * from './nodes';
export * from './services';
export * from './access';
export * from './plugin';
export * from './analysis/pod-security';
export * from './analysis/access';

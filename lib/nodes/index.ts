// Node protection: inventories, secured node pools with a lockout guard, tunnel host endpoints.
// (HostEndpoint and KubeControllersConfiguration are exported from lib/index.ts directly.)
export * from './node-inventory';
export * from './tunnel-device';
export * from './node-host-endpoints';
export * from './kube-controllers-rbac';
export * from './node-baseline';
export { NODE_POLICY_ORDER, NodePolicyScope } from './node-policy-scope';
export { NodeRuleScope } from './node-rule-scope';
export type { INodePolicyScope } from './node-policy-rules';
export { NodePoolSubset, NodeTrafficDefault, SecuredNodePool } from './secured-node-pool';
export type { NodePoolSubsetOptions, SecuredNodePoolProps } from './secured-node-pool';
export * from './ipip-tunnel-endpoints';
export { NodeFlow, PROBE_NAMESPACE } from './lockout-guard';
export { FailsafeDirection } from './node-failsafe';
export type { FailsafePortNarrowing, FailsafePortReference, NodeFailsafeProps } from './node-failsafe';
export { NODE_ACCESS_LINT_RULES, lintNodeAccess, proveNodeAccess } from './node-access-proof';
export type { NodeAccessProblem, NodeAccessProofOptions } from './node-access-proof';
export type { EssentialFlow, BlockedFlow } from './lockout-guard';

// The node constructs and the values they take: what the package's node face (index.ts) and the jsii construct
// surface (lib/jsii/index.ts) both export. The lockout proof's engine types (EssentialFlow, BlockedFlow,
// NodeAccessProblem, NodeAccessProofOptions) stay out: lint and engine results, TypeScript only (index.ts adds them).
export * from './node-inventory';
export * from './tunnel-device';
export * from './node-host-endpoints';
export * from './kube-controllers-rbac';
export * from './node-baseline';
export { NodePolicyScope } from './node-policy-scope';
export { NodeRuleScope } from './node-rule-scope';
export type { INodePolicyScope } from './node-policy-rules';
export { NodePoolSubset, NodeTrafficDefault, SecuredNodePool } from './secured-node-pool';
export type { NodePoolSubsetOptions, SecuredNodePoolProps } from './secured-node-pool';
export * from './ipip-tunnel-endpoints';
export { NodeFlow } from './lockout-guard';
export { FailsafeDirection } from './node-failsafe';
export type { FailsafePortNarrowing, FailsafePortReference, NodeFailsafeProps } from './node-failsafe';

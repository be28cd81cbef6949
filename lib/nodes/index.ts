// Node protection: inventories, secured node pools with a lockout guard, tunnel host endpoints.
// (HostEndpoint and KubeControllersConfiguration are exported from lib/index.ts directly.)
export * from './node-constructs';
export { NODE_POLICY_ORDER } from './node-policy-scope';
export { PROBE_NAMESPACE } from './lockout-guard';
export { NODE_ACCESS_LINT_RULES, lintNodeAccess, proveNodeAccess } from './node-access-proof';
export type { NodeAccessProblem, NodeAccessProofOptions } from './node-access-proof';
export type { EssentialFlow, BlockedFlow } from './lockout-guard';

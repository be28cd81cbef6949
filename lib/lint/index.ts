export * from './lint-finding';
export * from './network-lint';
export * from './lint-rules';
export * from './lint-registry';
export * from './lint-manifests';
export * from './failsafe-lint';
export { PLATFORM_NAMESPACES } from './default-deny-lint';
export {
  CLUSTER_NETWORK_POLICY_LINT_RULES,
  lintClusterNetworkPolicyRules,
  lintClusterNetworkPolicyTiers,
} from './cluster-network-policy-lint';
export { lintCreatedByLabels } from './created-by-lint';
export { lintNamespacesOnClusterScoped } from './cluster-scoped-namespace-lint';
export { lintExplicitHostEndpoints } from './explicit-host-endpoints-lint';
export { lintNamespacesWithoutDefaultDeny } from './default-deny-lint';
export { lintDnsEgress } from './dns-egress-lint';
export { lintDoNotTrackOnWildcard } from './donottrack-lint';
export { lintForwardedTraffic } from './forward-lint';
export { lintLogOnlyPolicies } from './log-only-lint';
export { lintOrderOverrides } from './order-lint';
export { lintSelectorsMatchingEverything } from './selector-everything-lint';
export { lintSelectorsMatchingNothing } from './selector-nothing-lint';
export { lintPrivilegedNamespaces, PRIVILEGED_PODS_RISK } from './privileged-namespace-lint';

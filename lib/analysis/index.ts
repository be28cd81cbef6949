/**
 * The offline engines. This entry point (`cdk8s-calico/analysis`) is the network engine's face, as it always was;
 * the RBAC and Pod Security engines have their own (`cdk8s-calico/analysis/access`, `/analysis/pod-security`).
 * @packageDocumentation
 */
export * from './network';

/**
 * Policies as Calico sees them, in one place: `spec.types` defaulting, tiers and order, the selector Felix evaluates,
 * and the conversion of Kubernetes NetworkPolicies. The engine, the lint and the constructs all read policies here.
 * @packageDocumentation
 */
export * from './policy-types';
export * from './tiers';
export * from './selector-labels';
export * from './selector-rewrite';
export * from './policy-fields';
export * from './policy-view';
export * from './kubernetes';
export * from './cluster-network-policy';

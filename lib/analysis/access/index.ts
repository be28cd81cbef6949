/**
 * Offline RBAC analysis: `AccessModel.fromManifests(docs).canI({ user, verb, resource, namespace })`, who-can, jest
 * matchers and risky-grant findings.
 * @packageDocumentation
 */
export { AccessModel } from './access-model';
export {
  bootstrapClusterRoleNames,
  bootstrapRbacManifests,
  DEFAULT_KUBERNETES_VERSION,
  KubernetesVersion,
} from './bootstrap-policy';
export type {
  AccessDecision,
  AccessGrant,
  AccessModelOptions,
  WhoCanOptions,
  WhoCanResult,
  WhoCanSubject,
} from './access-model';
export type { AccessQuery, AccessRequestFields } from './access-query';
export type { EffectiveRule } from './aggregation';
export { accessMatchers } from './access-matchers';
export type { AccessMatcherOptions, AccessMatcherResult } from './access-matchers';
export { AccessRisk } from './access-risk';
export type { RbacRiskId } from './access-risk';
export { RBAC_LINT_RULES, rbacRiskFindings, rbacRuleRisks } from './rbac-risks';
export type { RbacRuleInput, RbacRuleRisk, RbacScope } from './rbac-risks';
export type { RbacObjectRef } from './rbac-objects';
export { describeRbacRule, ruleAllows } from './rule-matching';
export type { RbacPolicyRule, RequestAttributes } from './rule-matching';
export { authenticatedUser, serviceAccountUsername } from './subjects';
export type { BindingSubject, UserInfo } from './subjects';

/**
 * Offline Pod Security Admission: upstream's checks (kubernetes/pod-security-admission) over pod templates, per level
 * and policy version, for single workloads, whole apps (against their namespaces' labels), jest and the CLI.
 * @packageDocumentation
 */
export { checkPodSecurity, describePodSecurityResult, podTemplateOf, POD_TEMPLATE_KINDS } from './check-pod-security';
export type {
  PodSecurityCheckOptions,
  PodSecurityDenial,
  PodSecurityResult,
  PodSecurityViolation,
  PodTemplateRef,
} from './check-pod-security';
export {
  evaluateAppPodSecurity,
  podSecurityProblems,
  POD_SECURITY_INVALID_FIELD_RULE,
  POD_SECURITY_LABEL_RULE,
  POD_SECURITY_RULE_PREFIX,
} from './app-pod-security';
export type { AppPodSecurityOptions, WorkloadPodSecurity } from './app-pod-security';
export { podSecurityMatchers } from './pod-security-matchers';
export type { PodSecurityAdmissionMatcherOptions } from './pod-security-matchers';
export {
  comparePodSecurityLevels,
  isPodSecurityLevel,
  parsePodSecurityLevel,
  parsePodSecurityVersion,
  POD_SECURITY_LATEST_MINOR,
  POD_SECURITY_LEVEL_NAMES,
  PodSecurityLevel,
} from './levels';
export type { PodSecurityLevelName, PodSecurityVersion } from './levels';
export {
  formatLevelVersion,
  namespacePodSecurityPolicy,
  POD_SECURITY_LABEL_PREFIX,
  POD_SECURITY_MODES,
} from './namespace-policy';
export type {
  NamespacePodSecurityPolicy,
  PodSecurityLabelError,
  PodSecurityLevelVersion,
  PodSecurityMode,
} from './namespace-policy';
export { podSecurityCheckCatalog } from './catalog';
export type { PodSecurityCheckInfo } from './catalog';
export { addPodSecurityValidation, podSecurityValidationErrors } from './pod-security-validation';

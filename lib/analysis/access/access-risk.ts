/**
 * The risk ids of RBAC grants: one vocabulary for the access engine's findings ({@link rbacRuleRisks}), the
 * `acknowledgeRisks` of the AccessRole and DashboardAdmin constructs, and the acknowledged-risks annotation they
 * write (lib/model/primitives/acknowledged-risks.ts). The values are the annotation's words: never rename one.
 */
export enum AccessRisk {
  /** Binding the built-in `cluster-admin` role, or every verb on every resource: every action on every resource. */
  CLUSTER_ADMIN = 'cluster-admin',
  /** `*` in verbs, resources, API groups or non-resource URLs: covers every current and future one. */
  WILDCARD = 'wildcard',
  /** `escalate`, `bind` or `impersonate`: ways to obtain permissions the subject does not have. */
  PRIVILEGE_ESCALATION = 'privilege-escalation',
  /** `pods/exec` (or attach, portforward): a shell in any pod, with its ServiceAccount token and secrets. */
  POD_EXEC = 'pod-exec',
  /** Reading secrets in every namespace (only a risk for cluster-wide grants). */
  SECRETS_READ_CLUSTER_WIDE = 'secrets-read-cluster-wide',
  /**
   * A ServiceAccount token kept in a Secret (`kubernetes.io/service-account-token`): it never expires and works until
   * the Secret is deleted, unlike the bound tokens of `kubectl create token` (see the DashboardAdmin construct). No
   * RBAC rule carries it; the constructs that write such a Secret ask for it.
   */
  LONG_LIVED_TOKEN = 'long-lived-token',
}

/**
 * The risk ids as strings.
 * @deprecated use the enum {@link AccessRisk} (the same values); this union was the engine's copy of it.
 */
export type RbacRiskId = `${AccessRisk}`;

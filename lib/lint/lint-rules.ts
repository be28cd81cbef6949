import { guardString } from '../model/primitives/guard';
import { EXPLICIT_HOST_ENDPOINTS_SUMMARY } from './explicit-host-endpoints-lint';
import { NETWORK_LINT_RULES } from './network-lint';
import { FAILSAFE_LINT_RULES } from './failsafe-lint';
import { NODE_ACCESS_LINT_RULES } from '../nodes/node-access-proof';
import { CLUSTER_NETWORK_POLICY_LINT_RULES as CNP } from './cnp-lint-rules';

/** How bad a lint finding is: `error` breaks traffic or security, `warning` probably does, `info` is worth a look. */
export type LintSeverity = 'error' | 'warning' | 'info';

/** Severities from worst to mildest. */
export const LINT_SEVERITIES: readonly LintSeverity[] = ['error', 'warning', 'info'];

/** What the catalogue knows about one lint rule. */
export interface LintRuleInfo {
  /** Severity every finding of the rule carries. */
  readonly severity: LintSeverity;
  /** One line: what the rule catches and why it matters. */
  readonly summary: string;
}

/**
 * Every lint rule id with its severity and summary. Rule sets written elsewhere (RBAC, failsafe ports) are listed
 * here by id so their severities are fixed in one place; Pod Security findings use the prefix rule in
 * {@link LINT_RULE_PREFIXES}.
 */
export const LINT_RULES: { readonly [id: string]: LintRuleInfo } = {
  // ---- lintNetworkManifests (network-lint.ts) ------------------------------------------------------------
  'lint.prednat-without-deny': { severity: 'warning', summary: NETWORK_LINT_RULES['lint.prednat-without-deny'] },
  'lint.host-endpoint-unprotected': {
    severity: 'error',
    summary: NETWORK_LINT_RULES['lint.host-endpoint-unprotected'],
  },
  'lint.k8s-policy-types-missing': { severity: 'info', summary: NETWORK_LINT_RULES['lint.k8s-policy-types-missing'] },
  'lint.k8s-port-protocol-missing': {
    severity: 'warning',
    summary: NETWORK_LINT_RULES['lint.k8s-port-protocol-missing'],
  },
  'lint.staged-policy': { severity: 'info', summary: NETWORK_LINT_RULES['lint.staged-policy'] },

  // ---- policy selection ----------------------------------------------------------------------------------
  'lint.selector-matches-nothing': {
    severity: 'warning',
    summary:
      'Given the cluster state in the manifests (pods, pod templates, host endpoints), a policy selects no endpoint, so it has no effect (k8sgpt issue 157).',
  },
  'lint.selector-matches-everything': {
    severity: 'warning',
    summary:
      'A GlobalNetworkPolicy whose selector is all() (every pod of every namespace and every host endpoint) and that drops traffic in some direction: nodes and system pods are cut off unless another policy allows them first.',
  },

  // ---- traffic that breaks ------------------------------------------------------------------------------
  'lint.dns-egress-blocked': {
    severity: 'error',
    summary:
      'Pods whose egress is isolated cannot reach DNS on UDP 53 (cyclonus CheckDNSBlockedOnUDP); with pods and kube-dns in the manifests the engine proves it.',
  },
  'lint.namespace-without-default-deny': {
    severity: 'warning',
    summary:
      'A namespace with workloads or policies in the manifests has no policy isolating ingress for all its pods (kubescape C-0206, kube-linter non-isolated-pod).',
  },
  'lint.log-only-policy': {
    severity: 'error',
    summary:
      'Every rule of a direction is Log, which never decides: the tier becomes active for the selected endpoints and drops what no other policy allows (Calico issue 3801).',
  },

  // ---- host endpoint policy modes -----------------------------------------------------------------------
  'lint.forwarded-traffic-unpoliced': {
    severity: 'warning',
    summary:
      'A host endpoint policy without applyOnForward names pods or service addresses on the host side of its rules: it only sees host-local traffic, so traffic forwarded to pods passes unpoliced.',
  },
  'lint.donottrack-wildcard-hep': {
    severity: 'warning',
    summary: 'A doNotTrack policy that selects only "*" host endpoints, where Felix ignores doNotTrack policy.',
  },

  // ---- ordering and ownership ---------------------------------------------------------------------------
  'lint.order-overrides-kubernetes-policy': {
    severity: 'warning',
    summary:
      'A Calico policy in tier default with order below 1000 decides before the Kubernetes NetworkPolicies (order 1000) selecting the same pods (Calico issue 9292).',
  },
  'lint.namespace-privileged': {
    severity: 'warning',
    summary:
      'A namespace enforces Pod Security level privileged without acknowledging it: any of its pods can take over its node.',
  },
  'lint.namespace-pod-security-unset': {
    severity: 'info',
    summary:
      'A namespace holds workloads but sets no Pod Security enforce level, so Pod Security Admission checks nothing there.',
  },
  'lint.created-by-label': {
    severity: 'warning',
    summary:
      "An object carries projectcalico.org/created-by, the label Calico's controllers put on objects they own (kube-controllers rewrites and deletes host endpoints labelled calico-kube-controllers).",
  },
  'lint.explicit-host-endpoints': { severity: 'info', summary: EXPLICIT_HOST_ENDPOINTS_SUMMARY },
  'lint.namespace-on-cluster-scoped': {
    severity: 'warning',
    summary:
      'A cluster-scoped object (ClusterRoleBinding, ClusterRole, ClusterNetworkPolicy, ...) names a namespace, which kube-apiserver clears: it applies cluster-wide.',
  },

  // ---- RBAC (rule set written separately) ---------------------------------------------------------------
  'lint.rbac-cluster-admin': {
    severity: 'error',
    summary: 'A binding grants cluster-admin (CIS 5.1.1, kube-linter cluster-admin-role-binding).',
  },
  'lint.rbac-wildcard': {
    severity: 'warning',
    summary: 'A role uses "*" in apiGroups, resources or verbs (CIS 5.1.3, kubescape C-0187).',
  },
  'lint.rbac-secrets-cluster-wide': {
    severity: 'error',
    summary: 'A ClusterRole bound cluster-wide reads secrets in every namespace (CIS 5.1.2, kubescape C-0015).',
  },
  'lint.rbac-escalation': {
    severity: 'error',
    summary:
      'A role lets its subjects raise their own rights (bind, escalate, impersonate and the like; kubescape C-0191).',
  },
  'lint.rbac-pod-exec': {
    severity: 'warning',
    summary: 'A role grants pods/exec, pods/attach or pods/portforward (kubescape C-0002, C-0063).',
  },

  // ---- node lockout (rule set written separately) ------------------------------------------------------
  'lint.failsafe-shadows-rule': { severity: 'warning', summary: FAILSAFE_LINT_RULES['lint.failsafe-shadows-rule'] },
  'lint.node-access-blocked': { severity: 'error', summary: NODE_ACCESS_LINT_RULES['lint.node-access-blocked'] },
  'lint.failsafe-ports-disabled': {
    severity: 'error',
    summary:
      'FelixConfiguration disables the failsafe ports ([]) while host endpoints are policed: a policy mistake locks out SSH, the API server and etcd.',
  },

  // ---- ClusterNetworkPolicy (cluster-network-policy-lint.ts) ---------------------------------------------
  'cnp.fails-closed': { severity: 'error', summary: CNP['cnp.fails-closed'] },
  'cnp.shadowed-rule': { severity: 'warning', summary: CNP['cnp.shadowed-rule'] },
  'cnp.priority-tie': { severity: 'warning', summary: CNP['cnp.priority-tie'] },
  'cnp.pass-to-nothing': { severity: 'warning', summary: CNP['cnp.pass-to-nothing'] },
  'cnp.baseline-overridden': { severity: 'warning', summary: CNP['cnp.baseline-overridden'] },
  'cnp.baseline-deny-overridden': { severity: 'info', summary: CNP['cnp.baseline-deny-overridden'] },
  'cnp.preempted-by-tier': { severity: 'warning', summary: CNP['cnp.preempted-by-tier'] },
};

/** Rules known by prefix: every id that starts with the key gets this entry. */
export const LINT_RULE_PREFIXES: { readonly [prefix: string]: LintRuleInfo } = {
  'psa.': {
    severity: 'error',
    summary:
      "A pod (or pod template) fails a check of its namespace's Pod Security Admission level (psa.<checkId>, kubernetes/pod-security-admission).",
  },
};

/** The catalogue entry of a rule id (exact id first, then prefix rules); `undefined` when unknown. */
export function lintRuleInfo(id: string): LintRuleInfo | undefined {
  guardString(id, 'lintRuleInfo', 'id', { expected: 'a rule id such as lint.staged-policy' });
  if (Object.prototype.hasOwnProperty.call(LINT_RULES, id)) return LINT_RULES[id];
  for (const prefix of Object.keys(LINT_RULE_PREFIXES))
    if (id.startsWith(prefix) && id.length > prefix.length) return LINT_RULE_PREFIXES[prefix];
  return undefined;
}

/** True when `id` names a catalogued rule, or is a prefix of {@link LINT_RULE_PREFIXES} (to disable a whole family). */
export function isKnownLintRule(id: string): boolean {
  return lintRuleInfo(id) !== undefined || Object.prototype.hasOwnProperty.call(LINT_RULE_PREFIXES, id);
}

/** True for `error`, `warning` and `info`. */
export function isLintSeverity(s: unknown): s is LintSeverity {
  return typeof s === 'string' && (LINT_SEVERITIES as readonly string[]).includes(s);
}

/** 0 for error, 1 for warning, 2 for info: sorts worst first. */
export function severityRank(s: LintSeverity): number {
  return LINT_SEVERITIES.indexOf(s);
}

/** True when `s` is at least as bad as `threshold`. */
export function isAtLeast(s: LintSeverity, threshold: LintSeverity): boolean {
  return severityRank(s) <= severityRank(threshold);
}

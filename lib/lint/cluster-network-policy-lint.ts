/**
 * The lint of Kubernetes ClusterNetworkPolicies as Calico 3.32.1 enforces them (kube-admin and kube-baseline tiers
 * around the default tier; the conversion in lib/model/policy/cluster-network-policy). Two rule sets, so the one that
 * reads only the policies runs before the model's endpoints are known (lint-registry.ts `MODEL_FREE_RULE_SETS`):
 * - {@link lintClusterNetworkPolicyRules}: `cnp.shadowed-rule`, `cnp.priority-tie`, `cnp.fails-closed`;
 * - {@link lintClusterNetworkPolicyTiers}: `cnp.pass-to-nothing`, `cnp.baseline-overridden`,
 *   `cnp.baseline-deny-overridden`, `cnp.preempted-by-tier` (they ask which pods other tiers select).
 */
import { baselineOverriddenFindings } from './cnp-baseline-overridden-lint';
import { clusterPolicies, clusterPolicyDocs } from './cnp-facts';
import { failsClosedFindings } from './cnp-fails-closed-lint';
import { passToNothingFindings } from './cnp-pass-to-nothing-lint';
import { preemptedByTierFindings } from './cnp-preempted-by-tier-lint';
import { priorityTieFindings } from './cnp-priority-tie-lint';
import { shadowedRuleFindings } from './cnp-shadowed-rule-lint';
import { LintContext } from './lint-context';
export { CLUSTER_NETWORK_POLICY_LINT_RULES } from './cnp-lint-rules';
import { LintFinding } from './lint-finding';
import { guardLintDocs } from './lint-input';

/** `cnp.shadowed-rule`, `cnp.priority-tie` and `cnp.fails-closed`: read the policies only. */
export function lintClusterNetworkPolicyRules(docs: readonly unknown[]): LintFinding[] {
  guardLintDocs(docs, 'lintClusterNetworkPolicyRules');
  const c = LintContext.of(docs);
  const cnpDocs = clusterPolicyDocs(c);
  if (cnpDocs.length === 0) return [];
  const ordered = clusterPolicies(c);
  const calicoInCnpTiers = c.policies.filter(
    (v) =>
      v.origin === 'calico' &&
      v.kind !== 'ClusterNetworkPolicy' &&
      !v.staged &&
      (v.tier === 'kube-admin' || v.tier === 'kube-baseline'),
  );
  return [
    ...failsClosedFindings(cnpDocs),
    ...shadowedRuleFindings(ordered, calicoInCnpTiers),
    ...priorityTieFindings(ordered),
  ];
}

/** `cnp.pass-to-nothing`, `cnp.baseline-overridden`, `cnp.baseline-deny-overridden`, `cnp.preempted-by-tier`. */
export function lintClusterNetworkPolicyTiers(docs: readonly unknown[]): LintFinding[] {
  guardLintDocs(docs, 'lintClusterNetworkPolicyTiers');
  const c = LintContext.of(docs);
  if (clusterPolicies(c).length === 0) return [];
  return [...passToNothingFindings(c), ...baselineOverriddenFindings(c), ...preemptedByTierFindings(c)];
}

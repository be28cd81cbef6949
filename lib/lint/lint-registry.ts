/**
 * The lint rule sets `lintManifests` runs. Each is a pure function of the manifests; rule sets share parsed facts
 * through `LintContext.of(docs)`. Rule sets written elsewhere (RBAC, failsafe ports, Pod Security) are appended here;
 * their rule ids must be in the catalogue (`lint-rules.ts`).
 */
import { lintCreatedByLabels } from './created-by-lint';
import { lintNamespacesWithoutDefaultDeny } from './default-deny-lint';
import { lintDnsEgress } from './dns-egress-lint';
import { lintDoNotTrackOnWildcard } from './donottrack-lint';
import { failsafeLintFindings } from './failsafe-lint';
import { rbacRiskFindings } from '../analysis/access/rbac-risks';
import { podSecurityProblems } from '../analysis/pod-security/app-pod-security';
import { lintForwardedTraffic } from './forward-lint';
import { LintFinding } from './lint-finding';
import { lintLogOnlyPolicies } from './log-only-lint';
import { lintNetworkManifests } from './network-lint';
import { lintOrderOverrides } from './order-lint';
import { lintPrivilegedNamespaces } from './privileged-namespace-lint';
import { lintSelectorsMatchingEverything } from './selector-everything-lint';
import { lintSelectorsMatchingNothing } from './selector-nothing-lint';

/** A lint rule set: findings for a set of manifests (plain objects, `List`s allowed). */
export type LintRuleSet = (docs: any[]) => LintFinding[];

/** Pods their namespace's enforce level would reject (`psa.<check>`). */
function podSecurityRuleSet(docs: any[]): LintFinding[] {
  return podSecurityProblems(docs);
}

/** Every rule set `lintManifests` runs by default, in this order (findings are sorted afterwards). */
export const LINT_RULE_SETS: LintRuleSet[] = [
  lintNetworkManifests,
  lintSelectorsMatchingNothing,
  lintSelectorsMatchingEverything,
  lintDnsEgress,
  lintNamespacesWithoutDefaultDeny,
  lintLogOnlyPolicies,
  lintForwardedTraffic,
  lintDoNotTrackOnWildcard,
  lintOrderOverrides,
  lintCreatedByLabels,
  failsafeLintFindings,
  lintPrivilegedNamespaces,
  rbacRiskFindings,
  podSecurityRuleSet,
];

/**
 * The default rule sets that never read the model's endpoints (workloads, host endpoints, the engine): lintManifests
 * runs them first (see lint-manifests.ts). A speed hint only: any rule set gives the same findings in any order.
 */
export const MODEL_FREE_RULE_SETS: ReadonlySet<LintRuleSet> = new Set<LintRuleSet>([
  lintNetworkManifests, lintSelectorsMatchingEverything, lintLogOnlyPolicies, lintCreatedByLabels, failsafeLintFindings, rbacRiskFindings,
  podSecurityRuleSet,
]);

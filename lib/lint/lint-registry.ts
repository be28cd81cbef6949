/**
 * The lint rule sets `lintManifests` runs. Each is a pure function of the manifests; rule sets share parsed facts
 * through `LintContext.of(docs)`. Rule sets written elsewhere (RBAC, failsafe ports, Pod Security) are appended here;
 * their rule ids must be in the catalogue (`lint-rules.ts`).
 *
 * Adding a rule: write `(docs) => LintFinding[]` (read shared facts through `LintContext.of(docs)`), append it to
 * {@link LINT_RULE_SETS}, put its ids in `LINT_RULES`, and, if it is costly, its ids in {@link RULE_SET_RULES} so
 * `--disable` skips it. It then runs in both paths: the CLI lints compact projections of the documents
 * (lib/lint/lint-projection.ts lists the kinds and fields it drops), so a rule that starts reading a dropped field
 * must keep it there. test/lint/lint-stream.test.ts compares the two paths.
 */
import { lintClusterNetworkPolicyRules, lintClusterNetworkPolicyTiers } from './cluster-network-policy-lint';
import { lintCreatedByLabels } from './created-by-lint';
import { lintNamespacesOnClusterScoped } from './cluster-scoped-namespace-lint';
import { lintExplicitHostEndpoints } from './explicit-host-endpoints-lint';
import { lintNamespacesWithoutDefaultDeny } from './default-deny-lint';
import { lintDnsEgress } from './dns-egress-lint';
import { lintDoNotTrackOnWildcard } from './donottrack-lint';
import { failsafeLintFindings } from './failsafe-lint';
import { lintNodeAccess, NODE_ACCESS_LINT_RULES } from '../nodes/node-access-proof';
import { rbacRiskFindings } from '../analysis/access';
import { podSecurityRuleSet } from './pod-security-rule-set';
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
  lintNamespacesOnClusterScoped,
  lintExplicitHostEndpoints,
  failsafeLintFindings,
  lintNodeAccess,
  lintPrivilegedNamespaces,
  rbacRiskFindings,
  podSecurityRuleSet,
  lintClusterNetworkPolicyRules,
  lintClusterNetworkPolicyTiers,
];

/**
 * The default rule sets that never read the model's endpoints (workloads, host endpoints, the engine): lintManifests
 * runs them first (see lint-manifests.ts). A speed hint only: any rule set gives the same findings in any order.
 */
export const MODEL_FREE_RULE_SETS: ReadonlySet<LintRuleSet> = new Set<LintRuleSet>([
  lintNetworkManifests,
  lintSelectorsMatchingEverything,
  lintLogOnlyPolicies,
  lintCreatedByLabels,
  lintNamespacesOnClusterScoped,
  lintExplicitHostEndpoints,
  failsafeLintFindings,
  rbacRiskFindings,
  podSecurityRuleSet,
  lintClusterNetworkPolicyRules,
]);

/**
 * The rule ids of rule sets that are skipped, not run, when `disable` covers all of them (a speed hint: a
 * disabled rule's findings are dropped either way). Costly rule sets belong here.
 */
export const RULE_SET_RULES: ReadonlyMap<LintRuleSet, readonly string[]> = new Map<LintRuleSet, readonly string[]>([
  [lintNodeAccess, Object.keys(NODE_ACCESS_LINT_RULES)],
]);

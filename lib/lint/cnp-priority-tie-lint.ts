/**
 * `cnp.priority-tie`: two ClusterNetworkPolicies of one tier at the same priority whose subjects may overlap and
 * whose rules may decide the same traffic differently. Upstream leaves the outcome open ("the implementation may
 * apply any of them": network-policy-api apis/v1alpha2/clusternetworkpolicy_types.go, `Priority`); Calico breaks the
 * tie by the string `name/namespace/kind` (felix/calc/policy_sorter.go `PolKVLess`; a CNP has no namespace and kind
 * `KubernetesClusterNetworkPolicy`), so the result rests on the names. Reported on the policy Calico runs second.
 *
 * "May overlap" is denied only when proven disjoint (cnp-containment.ts), so the rule errs on reporting: a tie is
 * cheap to remove.
 */
import { peerListsMayOverlap, podSetsMayOverlap, portsMayOverlap } from './cnp-containment';
import { clusterRules, ClusterPolicyShape, ClusterRuleShape, describeRule } from './cnp-policy-shape';
import { LintFinding } from './lint-finding';
import { lintFinding } from './make-finding';

const RULE = 'cnp.priority-tie';
const DIRECTIONS = ['ingress', 'egress'] as const;

function mayMeet(a: ClusterRuleShape, b: ClusterRuleShape): boolean {
  const peers = a.peers === undefined || b.peers === undefined || peerListsMayOverlap(a.peers, b.peers);
  return peers && (a.ports === undefined || b.ports === undefined || portsMayOverlap(a.ports, b.ports));
}

/** A pair of rules, one of each policy, that may match the same traffic with different actions. */
function conflict(
  first: ClusterPolicyShape,
  second: ClusterPolicyShape,
): { a: ClusterRuleShape; b: ClusterRuleShape } | undefined {
  for (const d of DIRECTIONS) {
    for (const a of clusterRules(first, d)) {
      for (const b of clusterRules(second, d)) if (a.action !== b.action && mayMeet(a, b)) return { a, b };
    }
  }
  return undefined;
}

/**
 * Ties of the ClusterNetworkPolicies `ordered` (evaluation order: Admin by priority and tie-break key, then
 * Baseline).
 */
export function priorityTieFindings(ordered: readonly ClusterPolicyShape[]): LintFinding[] {
  const out: LintFinding[] = [];
  ordered.forEach((second, j) => {
    for (const first of ordered.slice(0, j)) {
      if (first.tier !== second.tier || first.priority !== second.priority) continue;
      if (!first.subject || !second.subject || !podSetsMayOverlap(first.subject, second.subject)) continue;
      const hit = conflict(first, second);
      if (!hit) continue;
      out.push(
        lintFinding(
          second.doc,
          'spec.priority',
          RULE,
          `priority ${second.priority} ties with ${first.ref} in the ${second.tier} tier; their subjects may overlap and ` +
            `their rules may decide the same traffic differently (${first.name} ${describeRule(hit.a)} against ` +
            `this policy's ${describeRule(hit.b)}): upstream lets an implementation apply either, Calico runs ` +
            `${first.name} first because its tie-break key ${JSON.stringify(first.sortKey)} sorts before ` +
            `${JSON.stringify(second.sortKey)} (felix PolKVLess), so renaming a policy changes the outcome`,
          `give the two policies unique priorities, the lower number to the one that must win`,
        ),
      );
    }
  });
  return out;
}

/**
 * `cnp.shadowed-rule`: a ClusterNetworkPolicy rule that can never match, because a rule Calico evaluates before it
 * already decides everything it would match, for the same subject pods. Evaluation order (felix/calc/policy_sorter.go
 * `TierLess`, `PolKVLess`; felix/rules/endpoints.go): kube-admin before kube-baseline, inside a tier ascending
 * priority with ties broken by `name//KubernetesClusterNetworkPolicy`, inside a policy the rules in order.
 *
 * An earlier rule S shadows rule R when, proven from the objects alone (cnp-containment.ts):
 * - S's policy selects every pod R's policy selects (subject ⊇), S's peers match every address R's match, and S's
 *   protocol keys every packet R's match;
 * - S is in the same policy or tier (any action: Accept and Deny decide, Pass leaves the tier, skipping R), or S is in
 *   kube-admin and R in kube-baseline and S Accepts or Denies, with no Pass before S in kube-admin (a Pass there could
 *   hand some of that traffic down to R).
 * A rule that fails closed (Deny everything) shadows what follows it; a dropped one shadows nothing.
 */
import { peerListCovers, podSetCovers, portsCover } from './cnp-containment';
import {
  clusterRules,
  ClusterPolicyShape,
  ClusterRuleShape,
  compareClusterPolicies,
  describeRule,
} from './cnp-policy-shape';
import { felixPolicyKind, felixPolicySortKey } from '../model/policy/tiers';
import { LintFinding } from './lint-finding';
import { lintFinding } from './make-finding';
import { PolicyView, rulesOf } from './policy-view';

const RULE = 'cnp.shadowed-rule';
const DIRECTIONS = ['ingress', 'egress'] as const;

/** How S stands to R. */
type Relation = 'same-policy' | 'same-tier' | 'higher-tier';

function readable(r: ClusterRuleShape): r is ClusterRuleShape & Required<Pick<ClusterRuleShape, 'peers' | 'ports'>> {
  return r.peers !== undefined && r.ports !== undefined;
}

function covers(s: ClusterRuleShape, r: ClusterRuleShape): boolean {
  return readable(s) && readable(r) && peerListCovers(s.peers, r.peers) && portsCover(s.ports, r.ports);
}

/**
 * True when some rule before `s` in `q`'s tier may Pass traffic of `direction` (a CNP rule, or a rule of a Calico
 * policy placed in that tier at an order not after `q`'s priority).
 */
function passBefore(
  q: ClusterPolicyShape,
  s: ClusterRuleShape,
  ordered: readonly ClusterPolicyShape[],
  calicoInTier: readonly PolicyView[],
): boolean {
  const d = s.direction;
  for (const p of ordered) {
    if (p.tier !== q.tier || compareClusterPolicies(p, q) > 0) continue;
    const rules = clusterRules(p, d).filter((r) => p !== q || r.index < s.index);
    if (rules.some((r) => r.action === 'Pass')) return true;
  }
  return calicoInTier.some(
    (v) => v.tier === q.calicoTier && runsBefore(v, q) && rulesOf(v, d).some((r: any) => r?.action === 'Pass'),
  );
}

/** True when Felix orders Calico policy `v` before `q` in their shared tier (a missing order sorts last). */
function runsBefore(v: PolicyView, q: ClusterPolicyShape): boolean {
  if (v.order === undefined || v.order !== q.priority) return v.order !== undefined && v.order < q.priority;
  return felixPolicySortKey(v.name, v.namespace, felixPolicyKind(v.kind, false)) < q.sortKey;
}

const VERB: Record<ClusterRuleShape['action'], string> = {
  Accept: 'accepts',
  Deny: 'denies',
  Pass: 'passes to the next tier',
};

function message(
  p: ClusterPolicyShape,
  r: ClusterRuleShape,
  q: ClusterPolicyShape,
  s: ClusterRuleShape,
  rel: Relation,
) {
  const where =
    rel === 'same-policy'
      ? `the earlier rule ${describeRule(s)} of this policy`
      : rel === 'same-tier'
        ? `rule ${describeRule(s)} of ${q.ref} (${q.tier} tier, priority ${q.priority}${
            q.priority === p.priority ? ", the same priority: Calico's name tie-break runs it first" : ''
          })`
        : `rule ${describeRule(s)} of ${q.ref} in the Admin tier (kube-admin decides before kube-baseline)`;
  const problem =
    `rule ${describeRule(r)} can never match: ${where} already ${s.failed ? 'denies' : VERB[s.action]} all of its ` +
    `${r.direction} traffic for the same pods (its subject, peers and ports cover this rule's)`;
  let fix: string;
  if (s.failed)
    fix = `make ${s.field}${rel === 'same-policy' ? '' : ` of ${q.name}`} convertible (see cnp.fails-closed)`;
  else if (s.action === r.action && rel !== 'higher-tier')
    fix = 'remove this rule: it repeats the decision already made';
  else if (rel === 'same-policy') fix = `move this rule above ${s.field} if it is meant to win, or narrow ${s.field}`;
  else if (rel === 'same-tier')
    fix = `give ${p.name} a priority below ${q.priority} if this rule is meant to win, or narrow that rule of ${q.name}`;
  else
    fix =
      'Baseline cannot override an Admin decision: narrow the Admin rule (or make it Pass this traffic) if Baseline is meant to decide it, otherwise remove this rule';
  return { problem, fix };
}

/** The first rule evaluated before `r` (of `p`) that shadows it, among `earlier` (`p` and the policies before it). */
function shadowOf(
  p: ClusterPolicyShape,
  r: ClusterRuleShape,
  earlier: readonly ClusterPolicyShape[],
  passes: (q: ClusterPolicyShape, s: ClusterRuleShape) => boolean,
): { q: ClusterPolicyShape; s: ClusterRuleShape; rel: Relation } | undefined {
  for (const q of earlier) {
    const rel: Relation = q === p ? 'same-policy' : q.tier === p.tier ? 'same-tier' : 'higher-tier';
    for (const s of clusterRules(q, r.direction)) {
      if (q === p && s.index >= r.index) break;
      if (rel === 'higher-tier' && s.action === 'Pass') continue;
      if (!covers(s, r)) continue;
      if (rel === 'higher-tier' && passes(q, s)) continue;
      return { q, s, rel };
    }
  }
  return undefined;
}

/**
 * Rules of the ClusterNetworkPolicies `ordered` (evaluation order: Admin by priority, then Baseline) that earlier rules
 * shadow.
 * @param calicoInTier Calico policies (their Pass rules in kube-admin keep traffic from being decided there)
 */
export function shadowedRuleFindings(
  ordered: readonly ClusterPolicyShape[],
  calicoInTier: readonly PolicyView[],
): LintFinding[] {
  const out: LintFinding[] = [];
  const passes = (q: ClusterPolicyShape, s: ClusterRuleShape) => passBefore(q, s, ordered, calicoInTier);
  ordered.forEach((p, i) => {
    if (!p.subject) return;
    // The policies evaluated before p that select every pod p selects (subject ⊇), then p itself.
    const earlier = ordered.slice(0, i).filter((q) => q.subject && podSetCovers(q.subject, p.subject!));
    earlier.push(p);
    for (const d of DIRECTIONS) {
      for (const r of clusterRules(p, d)) {
        if (r.failed) continue; // cnp.fails-closed reports it
        const hit = shadowOf(p, r, earlier, passes);
        if (!hit) continue;
        const { problem, fix } = message(p, r, hit.q, hit.s, hit.rel);
        out.push(lintFinding(p.doc, r.field, RULE, problem, fix));
      }
    }
  });
  return out;
}

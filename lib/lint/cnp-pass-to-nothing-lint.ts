/**
 * `cnp.pass-to-nothing`: a ClusterNetworkPolicy Pass rule whose traffic no later tier decides. Pass jumps to the next
 * tier that has a policy selecting the pod for that direction (felix/rules/endpoints.go; a tier with none is
 * skipped, its end-of-tier action included); when there is none the pod's profile decides, and for Kubernetes pods
 * the namespace profile `kns.<namespace>` allows everything. So the Pass means Accept, but stops meaning it as soon
 * as a NetworkPolicy appears.
 *
 * Later tiers: for kube-admin, every tier ordered after 1,000 (user tiers, `default` with the Kubernetes
 * NetworkPolicies, kube-baseline with the Baseline ClusterNetworkPolicies); for kube-baseline, user tiers ordered after
 * 10,000,000 or without order. Reported when:
 * - the manifests hold workloads the policy selects and no later policy selects any of them for that direction; or
 * - no later tier has a policy for that direction at all.
 */
import { KUBE_BASELINE_TIER } from '../model/policy/cluster-network-policy';
import { ClusterPolicyShape, clusterRules, describeRule } from './cnp-policy-shape';
import { clusterPolicies, endpointPolicies, tierOrder, workloadSelections } from './cnp-facts';
import { LintContext, LintWorkload } from './lint-context';
import { LintFinding } from './lint-finding';
import { lintFinding } from './make-finding';
import { PolicyView } from './policy-view';

const RULE = 'cnp.pass-to-nothing';
const DIRECTIONS = ['ingress', 'egress'] as const;

/** The workloads some policy of a tier ordered after `after` selects for `direction`, once per context. */
const decidedCache = new WeakMap<LintContext, Map<string, ReadonlySet<LintWorkload>>>();

function decidedLater(c: LintContext, after: number, direction: 'ingress' | 'egress'): ReadonlySet<LintWorkload> {
  let byKey = decidedCache.get(c);
  if (!byKey) decidedCache.set(c, (byKey = new Map()));
  const key = `${direction}:${after}`;
  let set = byKey.get(key);
  if (!set) {
    const later = (v: PolicyView) => tierOrder(c, v.tier) > after;
    const out = new Set<LintWorkload>(workloadSelections(c, direction, `after ${after}`, later).keys());
    for (const b of laterBaselines(c, after, direction))
      for (const w of c.workloadIndex().filter(b.selector!)) out.add(w);
    byKey.set(key, (set = out));
  }
  return set;
}

/** The ClusterNetworkPolicies of tiers after `after` with rules for `direction`. */
function laterBaselines(c: LintContext, after: number, direction: 'ingress' | 'egress'): ClusterPolicyShape[] {
  return clusterPolicies(c).filter(
    (b) => tierOrder(c, b.calicoTier) > after && b.selector && clusterRules(b, direction).length > 0,
  );
}

/** Why nothing decides, or `undefined` when something may. */
function nothingDecides(c: LintContext, p: ClusterPolicyShape, direction: 'ingress' | 'egress'): string | undefined {
  const after = tierOrder(c, p.calicoTier);
  const next = p.calicoTier === KUBE_BASELINE_TIER ? 'after kube-baseline' : 'after kube-admin';
  const anyLater =
    laterBaselines(c, after, direction).length > 0 ||
    endpointPolicies(c, direction).some((v) => tierOrder(c, v.tier) > after);
  if (!anyLater) return `no policy in a tier ${next} has ${direction} rules`;
  const subjects = p.selector ? c.workloadIndex().filter(p.selector) : [];
  if (subjects.length === 0) return undefined;
  const decided = decidedLater(c, after, direction);
  if (subjects.some((w) => decided.has(w))) return undefined;
  return `no policy in a tier ${next} (NetworkPolicy, Calico policy or Baseline ClusterNetworkPolicy) selects any of the ${subjects.length} workload(s) it applies to for ${direction}`;
}

/** Pass rules of enforced ClusterNetworkPolicies with nothing after them to decide. */
export function passToNothingFindings(c: LintContext): LintFinding[] {
  const out: LintFinding[] = [];
  for (const p of clusterPolicies(c)) {
    for (const d of DIRECTIONS) {
      const passes = clusterRules(p, d).filter((r) => r.action === 'Pass' && !r.failed);
      if (passes.length === 0) continue;
      const why = nothingDecides(c, p, d);
      if (!why) continue;
      for (const r of passes) {
        out.push(
          lintFinding(
            p.doc,
            r.field,
            RULE,
            `rule ${describeRule(r)} passes this traffic on, but ${why}: it ends in the namespace profile's allow, so this Pass accepts it (and silently stops accepting it once a policy there selects these pods)`,
            'write Accept if allowing is the intent (it says so and stays true), or add the NetworkPolicy or Baseline rule meant to decide this traffic',
          ),
        );
      }
    }
  }
  return out;
}

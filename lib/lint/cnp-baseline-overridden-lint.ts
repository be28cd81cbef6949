/**
 * `cnp.baseline-overridden` and `cnp.baseline-deny-overridden`: a Baseline ClusterNetworkPolicy whose rules never run
 * for pods that an earlier tier with default action Deny selects for that direction. Such a tier, once active for a
 * pod (a policy selects it), ends in Deny (felix/rules/endpoints.go end-of-tier drop), so kube-baseline is never
 * reached: above all the `default` tier, where Calico puts every Kubernetes NetworkPolicy (upstream: "a
 * NetworkPolicy always makes a final decision for the pods it selects", network-policy-api api-overview).
 *
 * Two severities, one concept:
 * - `cnp.baseline-deny-overridden` (info): only Deny rules are overridden, the intended "baseline default deny that
 *   namespaces may override" pattern; the finding says who overrides it;
 * - `cnp.baseline-overridden` (warning): Accept or Pass rules are overridden, e.g. a baseline allowance for DNS or
 *   monitoring that a namespace's NetworkPolicy silently drops unless it repeats it.
 *
 * With workloads in the manifests, the pods both select are counted; without, a namespaced policy counts in a
 * namespace the Baseline's subject may cover (as lint.order-overrides-kubernetes-policy judges).
 */
import { globalPolicySelector } from '../model/policy/selector-rewrite';
import { Selector } from '../selector';
import { clusterPolicies, endpointPolicies, tierOrder, workloadSelections } from './cnp-facts';
import { ClusterPolicyShape, clusterRules, describeRule } from './cnp-policy-shape';
import { LintContext } from './lint-context';
import { LintFinding } from './lint-finding';
import { lintFinding, listSome } from './make-finding';
import { PolicyView, rulesOf } from './policy-view';

const WARNING = 'cnp.baseline-overridden';
const INFO = 'cnp.baseline-deny-overridden';
const DIRECTIONS = ['ingress', 'egress'] as const;

/** The subject's namespace part, to judge a namespace without pods (`undefined`: cannot tell). */
function namespacePart(p: ClusterPolicyShape): Selector | undefined {
  const ns = (p.conversion.policy as any)?.spec?.namespaceSelector;
  try {
    return Selector.parse(globalPolicySelector('', typeof ns === 'string' && ns ? ns : undefined));
  } catch {
    return undefined;
  }
}

/** The overriding policies and how many workloads both select (0 when judged by namespace). */
function overriders(
  c: LintContext,
  p: ClusterPolicyShape,
  direction: 'ingress' | 'egress',
  candidates: readonly PolicyView[],
): { names: string[]; pods: number } {
  const keep = new Set(candidates);
  if (c.workloads().length > 0) {
    const names = new Set<string>();
    let pods = 0;
    const selections = workloadSelections(c, direction, 'overrides kube-baseline', (v) => keep.has(v));
    for (const w of c.workloadIndex().filter(p.selector!)) {
      const hit = selections.get(w) ?? [];
      if (hit.length > 0) pods++;
      for (const v of hit) names.add(v.ref);
    }
    return { names: [...names], pods };
  }
  const nsPart = namespacePart(p);
  if (!nsPart) return { names: [], pods: 0 };
  const names = candidates
    .filter((v) => !v.global && v.namespace && nsPart.matches(c.barePodLabels(v.namespace)))
    .map((v) => v.ref);
  return { names, pods: 0 };
}

/** Baseline ClusterNetworkPolicies that Deny-ending tiers before kube-baseline override. */
export function baselineOverriddenFindings(c: LintContext): LintFinding[] {
  const out: LintFinding[] = [];
  const baselineOrder = tierOrder(c, 'kube-baseline');
  // A policy with a Pass rule may hand some traffic down to kube-baseline: not counted.
  const overriding = (d: 'ingress' | 'egress') =>
    endpointPolicies(c, d).filter(
      (v) =>
        tierOrder(c, v.tier) < baselineOrder &&
        c.tierDefaultAction(v.tier) === 'Deny' &&
        !rulesOf(v, d).some((r: any) => r?.action === 'Pass'),
    );
  const byDirection = { ingress: overriding('ingress'), egress: overriding('egress') };
  for (const p of clusterPolicies(c)) {
    if (p.tier !== 'Baseline' || !p.selector) continue;
    for (const d of DIRECTIONS) {
      const rules = clusterRules(p, d);
      const candidates = byDirection[d];
      if (rules.length === 0 || candidates.length === 0) continue;
      const { names, pods } = overriders(c, p, d, candidates);
      if (names.length === 0) continue;
      const scope =
        pods > 0 ? `the ${pods} workload(s) both select` : 'the pods they select in namespaces this policy covers';
      const allowing = rules.filter((r) => r.action !== 'Deny');
      const head = `for ${scope}, ${listSome(names)} decide${names.length === 1 ? 's' : ''} ${d} in a tier that ends in Deny, so kube-baseline is never reached`;
      if (allowing.length > 0) {
        out.push(
          lintFinding(
            p.doc,
            allowing[0].field,
            WARNING,
            `${head}: this Baseline policy's ${allowing.map(describeRule).join(', ')} never apply there, and that traffic is denied unless those policies allow it too`,
            'if the traffic must always flow, Accept it in an Admin ClusterNetworkPolicy instead; otherwise allow it in the overriding policies as well',
          ),
        );
      } else {
        out.push(
          lintFinding(
            p.doc,
            `spec.${d}`,
            INFO,
            `${head}: this Baseline policy's Deny rules are overridden there (the intended "namespaces may override" pattern)`,
            'nothing to do if namespaces are meant to override the baseline; to make the Deny unconditional, move it to an Admin ClusterNetworkPolicy',
          ),
        );
      }
    }
  }
  return out;
}

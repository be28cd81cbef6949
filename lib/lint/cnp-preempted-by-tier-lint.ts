/**
 * `cnp.preempted-by-tier`: a user Tier ordered before kube-admin (order < 1,000: api/pkg/apis/projectcalico/v3/tier.go
 * `KubeAdminTierOrder`; libcalico-go validator `validateTier` pins only the built-in tiers) whose policies select pods
 * an Admin ClusterNetworkPolicy selects. Felix sorts tiers by order (felix/calc/policy_sorter.go `TierLess`), so that
 * tier's Allow and Deny rules, and its end-of-tier Deny when its default action is Deny, decide before the Admin
 * guardrails, which upstream says nothing may override (network-policy-api api-overview: Admin "takes precedence
 * over all other policies").
 *
 * A policy of such a tier counts for a direction it has, when it can decide there (an Allow or Deny rule, or the tier
 * ends in Deny) and the Admin policy has rules for it; "selects the same pods" is judged on the workloads in the
 * manifests, or, without any, on an unlabelled pod of each namespace in play.
 */
import { builtinTier } from '../model/policy/tiers';
import { CALICO_API_VERSION } from '../model/primitives/calico-constants';
import { clusterPolicies, endpointPolicies } from './cnp-facts';
import { ClusterPolicyShape, clusterRules } from './cnp-policy-shape';
import { KUBE_ADMIN_TIER } from '../model/policy/cluster-network-policy';
import { EndpointIndex, Labelled } from './endpoint-index';
import { LintContext } from './lint-context';
import { LintFinding } from './lint-finding';
import { lintFinding, listSome } from './make-finding';
import { PolicyView, rulesOf } from './policy-view';

const RULE = 'cnp.preempted-by-tier';
const DIRECTIONS = ['ingress', 'egress'] as const;
const ADMIN_ORDER = builtinTier(KUBE_ADMIN_TIER)!.order;

/** The endpoints "selects the same pods" is judged on, indexed by label. */
function probes(c: LintContext): EndpointIndex<Labelled> {
  if (c.workloads().length > 0) return c.workloadIndex();
  return c.index('cnp:unlabelled-pods', () => c.namespacesInPlay().map((ns) => ({ labels: c.barePodLabels(ns) })));
}

function decides(c: LintContext, v: PolicyView, d: 'ingress' | 'egress'): boolean {
  return (
    c.tierDefaultAction(v.tier) === 'Deny' ||
    rulesOf(v, d).some((r: any) => r?.action === 'Allow' || r?.action === 'Deny')
  );
}

/** Tiers ordered before kube-admin, with the policies in them that pre-empt Admin ClusterNetworkPolicies. */
export function preemptedByTierFindings(c: LintContext): LintFinding[] {
  const admin = clusterPolicies(c).filter((p) => p.tier === 'Admin' && p.selector);
  if (admin.length === 0) return [];
  const out: LintFinding[] = [];
  for (const t of c.objects) {
    if (t.apiVersion !== CALICO_API_VERSION || t.kind !== 'Tier' || typeof t.metadata?.name !== 'string') continue;
    const order = t.spec?.order;
    if (builtinTier(t.metadata.name) || typeof order !== 'number' || order >= ADMIN_ORDER) continue;
    const policies = new Set<string>();
    const preempted = new Set<string>();
    for (const d of DIRECTIONS) {
      const inTier = endpointPolicies(c, d).filter((v) => v.tier === t.metadata.name && decides(c, v, d));
      const guarded = admin.filter((p: ClusterPolicyShape) => clusterRules(p, d).length > 0);
      const index = probes(c);
      for (const x of inTier) {
        const selected = new Set<Labelled>(index.filter(x.effective!));
        for (const p of guarded) {
          if (!index.filter(p.selector!).some((e) => selected.has(e))) continue;
          policies.add(x.ref);
          preempted.add(p.name);
        }
      }
    }
    if (preempted.size === 0) continue;
    out.push(
      lintFinding(
        t,
        'spec.order',
        RULE,
        `tier ${t.metadata.name} (order ${order}) runs before kube-admin (order ${ADMIN_ORDER}): ${listSome([...policies])} decide traffic of pods that the Admin ClusterNetworkPolicies ${listSome([...preempted])} select, so their Allow/Deny rules (and the tier's end-of-tier Deny) pre-empt those guardrails`,
        `give the tier an order above ${ADMIN_ORDER} (and below 1000000 to stay before the default tier), or have its policies Pass the traffic the Admin policies must decide`,
      ),
    );
  }
  return out;
}

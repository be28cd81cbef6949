/**
 * What the cluster network policy lint rules share about one manifest set, computed once per LintContext: the
 * ClusterNetworkPolicies Calico enforces (their shapes, converted once), tier orders, and the Calico and Kubernetes
 * policies that sit in other tiers.
 */
import { builtinTier } from '../model/policy/tiers';
import { CALICO_API_VERSION } from '../model/primitives/calico-constants';
import { isClusterNetworkPolicy } from '../model/policy/cluster-network-policy';
import { clusterPolicyShape, ClusterPolicyShape, compareClusterPolicies } from './cnp-policy-shape';
import { LintContext, LintWorkload } from './lint-context';
import { hasDirection, isHostOnly, PolicyView } from './policy-view';

const shapes = new WeakMap<LintContext, readonly ClusterPolicyShape[]>();
const selectedBy = new WeakMap<LintContext, Map<string, ReadonlyMap<LintWorkload, readonly PolicyView[]>>>();
const tierOrders = new WeakMap<LintContext, ReadonlyMap<string, number>>();

/** The ClusterNetworkPolicy objects of the manifests (tombstones and malformed ones included), in document order. */
export function clusterPolicyDocs(c: LintContext): any[] {
  return c.objects.filter(isClusterNetworkPolicy);
}

/** The ClusterNetworkPolicies Calico enforces, in evaluation order: Admin by priority, then Baseline. */
export function clusterPolicies(c: LintContext): readonly ClusterPolicyShape[] {
  let list = shapes.get(c);
  if (!list) {
    const all = clusterPolicyDocs(c)
      .map(clusterPolicyShape)
      .filter((p): p is ClusterPolicyShape => p !== undefined);
    const tier = (t: string) => all.filter((p) => p.tier === t).sort(compareClusterPolicies);
    shapes.set(c, (list = [...tier('Admin'), ...tier('Baseline')]));
  }
  return list;
}

/**
 * The order of tier `name`: the built-in tiers' fixed orders (api/pkg/apis/projectcalico/v3/tier.go), else the Tier
 * object's `spec.order`; `Infinity` when unset or unknown (felix/calc/policy_sorter.go `TierLess` sorts it last).
 */
export function tierOrder(c: LintContext, name: string): number {
  let m = tierOrders.get(c);
  if (!m) {
    const orders = new Map<string, number>();
    for (const d of c.objects) {
      if (d.apiVersion !== CALICO_API_VERSION || d.kind !== 'Tier' || typeof d.metadata?.name !== 'string') continue;
      if (typeof d.spec?.order === 'number') orders.set(d.metadata.name, d.spec.order);
    }
    tierOrders.set(c, (m = orders));
  }
  return builtinTier(name)?.order ?? m.get(name) ?? Infinity;
}

/**
 * The enforced Calico and Kubernetes policies (not ClusterNetworkPolicies, not staged, not host-only) that have
 * `direction` in their types and a selector Felix can evaluate.
 */
export function endpointPolicies(c: LintContext, direction: 'ingress' | 'egress'): PolicyView[] {
  return c.policies.filter(
    (p) =>
      p.kind !== 'ClusterNetworkPolicy' && !p.staged && !isHostOnly(p) && p.effective && hasDirection(p, direction),
  );
}

/**
 * For each workload, the policies of {@link endpointPolicies}`(c, direction)` that pass `keep` and select it (each
 * policy's selection asked of the label index once). Cached per context under `key`.
 */
export function workloadSelections(
  c: LintContext,
  direction: 'ingress' | 'egress',
  key: string,
  keep: (v: PolicyView) => boolean,
): ReadonlyMap<LintWorkload, readonly PolicyView[]> {
  let byKey = selectedBy.get(c);
  if (!byKey) selectedBy.set(c, (byKey = new Map()));
  const k = `${direction}:${key}`;
  let m = byKey.get(k);
  if (!m) {
    const out = new Map<LintWorkload, PolicyView[]>();
    for (const v of endpointPolicies(c, direction)) {
      if (!keep(v)) continue;
      for (const w of c.workloadIndex().filter(v.effective!)) {
        let list = out.get(w);
        if (!list) out.set(w, (list = []));
        list.push(v);
      }
    }
    byKey.set(k, (m = out));
  }
  return m;
}

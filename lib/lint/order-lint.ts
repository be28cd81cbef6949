/**
 * `lint.order-overrides-kubernetes-policy` (Calico issue 9292): Calico runs every Kubernetes NetworkPolicy in tier
 * `default` at order 1000, so a Calico policy in that tier with a lower order and Allow, Deny or Pass rules decides
 * first for the pods both select, and the Kubernetes policies never see those packets.
 *
 * Flagged: an enforced Calico (Global)NetworkPolicy in tier default (tier unset or `default`), with `order` set and
 * below 1000 (no order means last), not preDNAT/doNotTrack (host endpoints only), with a deciding rule in an enabled
 * direction, and:
 * - with workloads in the manifests: some workload is selected by it and by an enforced Kubernetes NetworkPolicy;
 * - without: an enforced Kubernetes NetworkPolicy exists in a namespace it may apply to (its own namespace; for a
 *   GlobalNetworkPolicy, any namespace its namespaceSelector admits).
 */
import { K8S_NETWORK_POLICY_ORDER } from '../model/policy/kubernetes';
import { LintContext } from './lint-context';
import { mayApplyToNamespace } from './namespace-scope';
import { LintFinding } from './lint-finding';
import { lintFinding, listSome } from './make-finding';
import { hasDirection, isHostOnly, PolicyView, rulesOf } from './policy-view';
import { guardLintDocs } from './lint-input';

const RULE = 'lint.order-overrides-kubernetes-policy';
const DECIDING = ['Allow', 'Deny', 'Pass'];

function decides(p: PolicyView): boolean {
  return (['ingress', 'egress'] as const).some(
    (d) => hasDirection(p, d) && rulesOf(p, d).some((r) => DECIDING.includes(r?.action)),
  );
}

const grouped = new WeakMap<readonly PolicyView[], Map<string, PolicyView[]>>();

function k8sByNamespace(k8s: readonly PolicyView[]): Map<string, PolicyView[]> {
  let m = grouped.get(k8s);
  if (!m) {
    m = new Map();
    for (const k of k8s) {
      let list = m.get(k.namespace!);
      if (!list) m.set(k.namespace!, (list = []));
      list.push(k);
    }
    grouped.set(k8s, m);
  }
  return m;
}

/** The Kubernetes policies `p` overrides (display names), given the manifests. */
function overridden(p: PolicyView, k8s: readonly PolicyView[], c: LintContext): { names: string[]; pods: number } {
  const workloads = c.workloads();
  if (workloads.length === 0) {
    return { names: k8s.filter((k) => mayApplyToNamespace(p, k.namespace!, c)).map((k) => k.ref), pods: 0 };
  }
  const names = new Set<string>();
  let pods = 0;
  // Only the workloads p selects (label index), and only the Kubernetes policies of a workload's namespace: their
  // effective selector requires projectcalico.org/namespace == their namespace (namespacedPolicySelector).
  const byNs = k8sByNamespace(k8s);
  for (const w of c.workloadIndex().filter(p.effective!)) {
    const hit = (byNs.get(w.namespace) ?? []).filter((k) => k.effective?.matches(w.labels));
    if (hit.length === 0) continue;
    pods++;
    for (const k of hit) names.add(k.ref);
  }
  return { names: [...names], pods };
}

/** Calico policies ordered before the Kubernetes NetworkPolicies of the same pods. */
export function lintOrderOverrides(docs: readonly unknown[]): LintFinding[] {
  guardLintDocs(docs, 'lintOrderOverrides');
  const c = LintContext.of(docs);
  const k8s = c.policies.filter((p) => p.origin === 'kubernetes' && !p.staged);
  if (k8s.length === 0) return [];
  const out: LintFinding[] = [];
  for (const p of c.policies) {
    if (p.origin !== 'calico' || p.staged || isHostOnly(p) || p.tier !== 'default' || !p.effective) continue;
    if (p.order === undefined || p.order >= K8S_NETWORK_POLICY_ORDER || !decides(p)) continue;
    const { names, pods } = overridden(p, k8s, c);
    if (names.length === 0) continue;
    const scope = pods > 0 ? `for the ${pods} workload(s) both select` : 'for the pods both select';
    out.push(
      lintFinding(
        p.doc,
        'spec.order',
        RULE,
        `order ${p.order} in tier default runs before ${listSome(names)}, which Calico puts in tier default at order ${K8S_NETWORK_POLICY_ORDER}: this policy's Allow/Deny/Pass rules decide first ${scope} and silently override them`,
        'if the precedence is intended, move the policy to its own tier ordered before default so it is explicit; otherwise give it an order above 1000 or none (runs last)',
      ),
    );
  }
  return out;
}

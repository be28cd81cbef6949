/**
 * `lint.namespace-without-default-deny`: a Namespace object with no policy isolating ingress for all its pods.
 *
 * Which namespaces: Namespace objects that the manifests populate, i.e. that hold workloads (Pods or workload
 * controllers) or namespaced policies; an empty Namespace has nothing to protect yet and is not flagged. Skipped:
 * the namespaces Kubernetes and Calico manage themselves (kube-system, kube-public, kube-node-lease,
 * calico-system, calico-apiserver, tigera-operator), whose traffic needs are the platform's, not the user's.
 * `default` is checked: stray workloads land there.
 *
 * Isolated means: some enforced, ingress-enabled policy in a tier whose default action is Deny selects a pod of the
 * namespace that has no labels of its own (so every pod, present and future: a Kubernetes NetworkPolicy with
 * `podSelector: {}`, a Calico NetworkPolicy with `all()`, a GlobalNetworkPolicy whose selector covers the
 * namespace) and its ingress rules can drop (no unconditional Allow or Pass first).
 */
import { LintContext } from './lint-context';
import { LintFinding } from './lint-finding';
import { lintFinding } from './make-finding';
import { isHostOnly, PolicyView } from './policy-view';
import { directionDrops } from './rule-shape';
import { guardLintDocs } from './lint-input';

const RULE = 'lint.namespace-without-default-deny';

/** Namespaces managed by Kubernetes or Calico, never flagged. */
export const PLATFORM_NAMESPACES: readonly string[] = [
  'calico-apiserver',
  'calico-system',
  'kube-node-lease',
  'kube-public',
  'kube-system',
  'tigera-operator',
];

/** True when `p` isolates ingress of every pod in namespace `ns`. */
export function isolatesEveryPod(p: PolicyView, ns: string, c: LintContext, dir: 'ingress' | 'egress'): boolean {
  if (p.staged || isHostOnly(p) || !p.effective) return false;
  if (dir === 'ingress' ? !p.ingressEnabled : !p.egressEnabled) return false;
  const action = c.tierDefaultAction(p.tier);
  if (action === 'Pass') return false;
  if (!p.effective.matches(c.barePodLabels(ns))) return false;
  return directionDrops(dir === 'ingress' ? p.ingress : p.egress, action);
}

/** Populated namespaces without an ingress default deny. */
export function lintNamespacesWithoutDefaultDeny(docs: readonly unknown[]): LintFinding[] {
  guardLintDocs(docs, 'lintNamespacesWithoutDefaultDeny');
  const c = LintContext.of(docs);
  const out: LintFinding[] = [];
  for (const [ns, doc] of [...c.namespaceDocs.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    if (PLATFORM_NAMESPACES.includes(ns)) continue;
    const pods = c.workloadsIn(ns).length;
    const policies = c.policies.filter((p) => p.namespace === ns).length;
    if (pods === 0 && policies === 0) continue;
    if (c.policies.some((p) => isolatesEveryPod(p, ns, c, 'ingress'))) continue;
    const what = [pods > 0 ? `${pods} workload(s)` : '', policies > 0 ? `${policies} policy(ies)` : '']
      .filter((s) => s)
      .join(' and ');
    out.push(
      lintFinding(
        doc,
        '',
        RULE,
        `no policy isolates ingress for every pod of namespace ${ns} (the manifests put ${what} in it), so a pod no policy selects accepts connections from anywhere`,
        `add a default deny: a NetworkPolicy in ${ns} with podSelector: {} and policyTypes: [Ingress] (SecureNamespace emits one), then allow what each workload needs`,
      ),
    );
  }
  return out;
}

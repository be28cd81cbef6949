/**
 * `lint.selector-matches-nothing`: a policy that selects no endpoint of the cluster state the manifests carry.
 *
 * The check runs only where the state is complete enough to be sure:
 * - a namespaced policy (Calico or Kubernetes) needs workloads in its namespace (Pods, or pod templates of
 *   Deployments, StatefulSets, DaemonSets, ReplicaSets, Jobs, CronJobs); it is checked against them (a namespace with
 *   none yet is not judged: its policies are written for pods to come, such as SecureNamespace's default deny);
 * - a preDNAT or doNotTrack GlobalNetworkPolicy (host endpoints only) needs host endpoints (explicit, or automatic
 *   from KubeControllersConfiguration and Nodes);
 * - a GlobalNetworkPolicy with namespaceSelector or serviceAccountSelector (pods only) needs workloads;
 * - any other GlobalNetworkPolicy needs both workloads and host endpoints.
 * Selectors are matched as Felix does (namespace scoping, `pcns.`/`pcsa.` profile labels).
 */
import { endpointScope } from './endpoint-scope';
import { LintContext } from './lint-context';
import { LintFinding } from './lint-finding';
import { lintFinding } from './make-finding';
import { guardLintDocs } from './lint-input';

const RULE = 'lint.selector-matches-nothing';

/** Policies whose selector selects none of the endpoints in the manifests' cluster state. */
export function lintSelectorsMatchingNothing(docs: readonly unknown[]): LintFinding[] {
  guardLintDocs(docs, 'lintSelectorsMatchingNothing');
  const c = LintContext.of(docs);
  const out: LintFinding[] = [];
  for (const p of c.policies) {
    if (!p.effective) continue;
    const scope = endpointScope(p, c);
    if (!scope || scope.index.some(p.effective)) continue;
    const written =
      p.origin === 'kubernetes' ? 'podSelector' : `selector ${JSON.stringify(p.doc.spec?.selector ?? '')}`;
    out.push(
      lintFinding(
        p.doc,
        p.selectorField,
        RULE,
        `${written} (as Calico applies it: ${p.effectiveText || 'all()'}) selects none of the ${scope.what} in the manifests, so this policy has no effect`,
        // Never "delete it": a construct may emit it for endpoints still to come (nodes not labelled yet, pods not
        // deployed).
        p.global && !p.workloadOnly
          ? 'give the endpoints it is meant for the labels it expects (for nodes: kubectl label node <name> <label>=), or correct the selector ' +
              '(check spelling, namespace, namespaceSelector)'
          : 'give the pods it is meant for the labels it expects, or correct the selector (check spelling, namespace, namespaceSelector)',
      ),
    );
  }
  return out;
}

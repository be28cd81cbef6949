/**
 * `lint.namespace-on-cluster-scoped`: a built-in cluster-scoped object (ClusterRole, ClusterRoleBinding, Namespace,
 * Node, ...) or a ClusterNetworkPolicy carries `metadata.namespace`. kube-apiserver accepts it and clears the
 * namespace on create (k8s.io/apiserver pkg/registry/rest/create.go `BeforeCreate` ->
 * `EnsureObjectNamespaceMatchesRequestNamespace`, "cluster-scoped, clear namespace"), so the object applies
 * cluster-wide: a ClusterRoleBinding written with `namespace: dev` grants its role in every namespace. (Calico's
 * global kinds are refused instead: validation, `calico.meta.namespace-forbidden`, as calicoctl's client refuses them.)
 */
import { kubernetesScopeOf } from '../validation/kubernetes/duplicates';
import { LintContext } from './lint-context';
import { LintFinding } from './lint-finding';
import { lintFinding } from './make-finding';
import { guardLintDocs } from './lint-input';

const RULE = 'lint.namespace-on-cluster-scoped';

/** The namespaced kind that does what the author may have meant, for the fix. */
const NAMESPACED_COUNTERPART: Readonly<Record<string, string>> = {
  ClusterRole: 'a Role',
  ClusterRoleBinding: 'a RoleBinding',
  ClusterNetworkPolicy: 'a NetworkPolicy',
};

function clusterScoped(doc: any): boolean {
  return (
    typeof doc.apiVersion === 'string' &&
    typeof doc.kind === 'string' &&
    kubernetesScopeOf(doc.apiVersion, doc.kind) === 'cluster'
  );
}

/** Cluster-scoped objects that name a namespace, which kube-apiserver ignores. */
export function lintNamespacesOnClusterScoped(docs: readonly unknown[]): LintFinding[] {
  guardLintDocs(docs, 'lintNamespacesOnClusterScoped');
  const out: LintFinding[] = [];
  const objects = LintContext.of(docs).objects;
  // Indexed: a for-of allocates per step until optimised, and this walks every object.
  for (let i = 0; i < objects.length; i++) {
    const doc = objects[i];
    const ns = doc.metadata?.namespace;
    if (typeof ns !== 'string' || ns === '' || !clusterScoped(doc)) continue;
    const counterpart = NAMESPACED_COUNTERPART[doc.kind];
    out.push(
      lintFinding(
        doc,
        'metadata.namespace',
        RULE,
        `${doc.kind} is cluster-scoped: kube-apiserver clears metadata.namespace ${JSON.stringify(ns)} on create, ` +
          `so the object applies to the whole cluster, not to namespace ${ns}`,
        `remove metadata.namespace${counterpart ? `, or write ${counterpart} to limit it to namespace ${ns}` : ''} ` +
          "(cdk8s writes a Chart's namespace on every object: put cluster-scoped ones in a Chart without one)",
      ),
    );
  }
  return out;
}

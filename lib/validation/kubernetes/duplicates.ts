/**
 * The same built-in object, or ClusterNetworkPolicy, defined twice across the documents: kube-apiserver keys an
 * object by group, kind, namespace and name (the version is only a view of it, so apps/v1 and apps/v1beta2
 * Deployments of one name are one object), and the second create fails with `AlreadyExists`; with `kubectl apply` the
 * second silently replaces the first. A cluster-scoped object's `metadata.namespace` is cleared on create
 * (k8s.io/apiserver pkg/registry/rest/create.go `EnsureObjectNamespaceMatchesRequestNamespace`), so two of them
 * that differ only in it are one object. The Calico kinds have their own check (rules/index.ts
 * `checkCalicoCrossObjectRules`).
 */
import { objectIdentity, ValidationProblem } from '../problem';
import { CLUSTER_NETWORK_POLICY_VERSION, NETWORK_POLICY_API_GROUP } from '../schema/network-policy-api-crds';
import { isKubernetesBuiltinKind } from '../schema/kubernetes-schema';
import { K8S_DUPLICATE_RULE, objectAt, stringAt } from './issues';
import { groupKind, kindRules } from './object-meta';

const CLUSTER_NETWORK_POLICY_API_VERSION = `${NETWORK_POLICY_API_GROUP}/${CLUSTER_NETWORK_POLICY_VERSION}`;

/**
 * The scope of a built-in kind or a v1alpha2 ClusterNetworkPolicy (cluster-scoped); undefined for any other kind.
 * @internal
 */
export function kubernetesScopeOf(apiVersion: string, kind: string): 'namespaced' | 'cluster' | undefined {
  if (kind === 'ClusterNetworkPolicy' && apiVersion === CLUSTER_NETWORK_POLICY_API_VERSION) return 'cluster';
  if (!isKubernetesBuiltinKind(apiVersion, kind)) return undefined;
  return kindRules(apiVersion, kind)?.namespaced === false ? 'cluster' : 'namespaced';
}

/**
 * Reports every built-in object or ClusterNetworkPolicy whose group, kind, namespace and name an earlier document
 * already used.
 * @param docs the objects, in document order (Lists already expanded)
 */
export function checkKubernetesDuplicates(docs: readonly unknown[]): ValidationProblem[] {
  const out: ValidationProblem[] = [];
  const seen = new Map<string, number>();
  docs.forEach((d, index) => {
    const doc = objectAt(d);
    const apiVersion = stringAt(doc?.apiVersion);
    const kind = stringAt(doc?.kind);
    const meta = objectAt(doc?.metadata);
    const name = stringAt(meta?.name);
    if (!doc || !apiVersion || !kind || !name) return;
    const scope = kubernetesScopeOf(apiVersion, kind);
    if (scope === undefined) return;
    const namespace = scope === 'cluster' ? '' : (stringAt(meta?.namespace) ?? '');
    const key = `${groupKind(apiVersion, kind)}/${namespace}/${name}`;
    const first = seen.get(key);
    if (first === undefined) {
      seen.set(key, index);
      return;
    }
    const shown = `${kind} ${namespace ? `${namespace}/` : ''}${name}`;
    out.push({
      ...objectIdentity(doc),
      path: 'metadata.name',
      rule: K8S_DUPLICATE_RULE,
      message:
        `Duplicate value: ${JSON.stringify(name)}: ${shown} is already defined by document #${first} (kube-apiserver answers AlreadyExists, ` +
        'kubectl apply keeps only the last); fix: give each object a unique name, or remove the copy',
    });
  });
  return out;
}

/**
 * Shared cluster state under a set of manifests: the dumps (`kubectl get nodes,pods,namespaces -A -o json`) that
 * the before and after sides of a diff have in common, so neither side needs its own copy. An object of the
 * manifests replaces the cluster's object of the same identity (a manifest that relabels a Namespace wins), as
 * `kubectl apply` of the manifests onto that cluster would.
 */
import { flattenDocs } from '../ingest/ingest';

/** Kinds without a namespace; every other kind defaults to `default` as the API server does. */
const CLUSTER_SCOPED = new Set([
  'Namespace',
  'Node',
  'PersistentVolume',
  'ClusterRole',
  'ClusterRoleBinding',
  'CustomResourceDefinition',
  'StorageClass',
  'GlobalNetworkPolicy',
  'StagedGlobalNetworkPolicy',
  'GlobalNetworkSet',
  'HostEndpoint',
  'Tier',
  'FelixConfiguration',
  'KubeControllersConfiguration',
  'IPPool',
  'BGPConfiguration',
  'BGPPeer',
  'ClusterInformation',
  'IPAMBlock',
  'BlockAffinity',
]);

/** `group/Kind/namespace/name` of an object, or undefined when it has no name (left for ingest to report). */
function identity(doc: unknown): string | undefined {
  if (!doc || typeof doc !== 'object' || Array.isArray(doc)) return undefined;
  const d = doc as Record<string, any>;
  const name = d.metadata?.name;
  if (typeof d.kind !== 'string' || typeof name !== 'string') return undefined;
  const apiVersion = typeof d.apiVersion === 'string' ? d.apiVersion : '';
  const group = apiVersion.includes('/') ? apiVersion.slice(0, apiVersion.indexOf('/')) : '';
  const given =
    typeof d.metadata.namespace === 'string' && d.metadata.namespace !== '' ? d.metadata.namespace : 'default';
  const ns = CLUSTER_SCOPED.has(d.kind) ? '' : given;
  return `${group}/${d.kind}/${ns}/${name}`;
}

/**
 * The cluster's objects (`List`s expanded) that `docs` does not redefine, followed by `docs`: the input of one side
 * of a diff over shared cluster state.
 */
export function overlayClusterState(cluster: readonly unknown[], docs: readonly unknown[]): unknown[] {
  const own = flattenDocs(docs).map((x) => x.doc);
  const mine = new Set(own.map(identity).filter((k): k is string => k !== undefined));
  const shared = flattenDocs(cluster)
    .map((x) => x.doc)
    .filter((d) => {
      const k = identity(d);
      return k === undefined || !mine.has(k);
    });
  return [...shared, ...own];
}

/**
 * What the lint keeps of one document when it reads documents one at a time: the whole object,
 * except for the kinds no rule reads beyond their metadata, of which a skeleton is kept (apiVersion, kind,
 * metadata). A `List` keeps its shape, its items projected, so the lint of the projections meets the same objects at
 * the same positions as the lint of the documents.
 *
 * Who reads what (keep this list in step when a rule starts reading a new kind; the equivalence test in
 * test/lint/lint-stream.test.ts compares the two paths on a varied corpus):
 * - every object: its metadata (identity for findings and their order, the created-by label, acknowledged risks);
 * - every kind the engine reads (lint.node-access-blocked and lint.dns-egress-blocked run it over the manifests:
 *   policies, tiers, endpoints, network sets, nodes, services, configuration, flannel's ConfigMap), Pod Security
 *   (pods, workload controllers, namespaces) and RBAC: whole;
 * - ClusterNetworkPolicies (policy.networking.k8s.io/v1alpha2; the cnp.* rules, cluster-network-policy-lint.ts): whole;
 * - the skeleton kinds below (secrets and endpoint lists, often the bulk of an export): metadata only.
 */
import { isKubeList } from '../model/documents/kube-list';

/** `apiVersion/kind` of the objects no lint rule reads beyond their metadata. */
const SKELETON_KINDS: ReadonlySet<string> = new Set([
  'v1/Secret',
  'v1/Endpoints',
  'discovery.k8s.io/v1/EndpointSlice',
  'v1/Event',
]);
/** {@link SKELETON_KINDS} by kind (no `apiVersion/kind` string made per document: 300,000 of them are read). */
const SKELETON_BY_KIND: ReadonlyMap<string, ReadonlySet<unknown>> = (() => {
  const m = new Map<string, Set<unknown>>();
  for (const key of SKELETON_KINDS) {
    const slash = key.lastIndexOf('/');
    const kind = key.slice(slash + 1);
    if (!m.has(kind)) m.set(kind, new Set());
    m.get(kind)!.add(key.slice(0, slash));
  }
  return m;
})();

function isPlainObject(v: unknown): v is Record<string, any> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** Identity, labels and annotations (created-by, acknowledged risks) live in metadata: kept whole. */
function skeleton(d: Record<string, any>): Record<string, any> {
  const out: Record<string, any> = { apiVersion: d.apiVersion, kind: d.kind };
  if (d.metadata !== undefined) out.metadata = d.metadata;
  return out;
}

/** The projection of one document (see the module comment); anything that is not an object is kept as is. */
export function lintProjection(doc: unknown): unknown {
  if (!isPlainObject(doc)) return doc;
  if (isKubeList(doc)) return { ...doc, items: doc.items.map(lintProjection) };
  // As `${apiVersion}/${kind}` in SKELETON_KINDS: both are strings there (a non-string one never matched either).
  const versions = typeof doc.kind === 'string' ? SKELETON_BY_KIND.get(doc.kind) : undefined;
  if (versions && typeof doc.apiVersion === 'string' && versions.has(doc.apiVersion)) return skeleton(doc);
  return doc;
}

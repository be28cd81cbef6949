/**
 * The bootstrap RBAC objects of a Kubernetes version as manifests, and their merge with a set of manifests: an
 * object of the same kind and name in the manifests (a cluster dump, or the user's own ClusterRole) replaces the
 * bootstrap one, so a dump that already holds them is never counted twice.
 */
import { guardEnum } from '../../model/primitives/guard';
import {
  BootstrapClusterRole,
  CLUSTER_ROLE_BINDINGS,
  CLUSTER_ROLES_1_27,
  CLUSTER_ROLES_1_35,
} from './bootstrap-policy-data';
import { flattenLists } from './rbac-objects';

/** A Kubernetes minor version whose bootstrap RBAC policy the access evaluator knows. */
export enum KubernetesVersion {
  /** Kubernetes 1.27, the version cdk8s-plus-27 targets (its policy is unchanged through 1.34). */
  V1_27 = '1.27',
  /** Kubernetes 1.35: view and edit also cover `events.k8s.io` events and `resource.k8s.io` claims. */
  V1_35 = '1.35',
}

/** The version the library's cdk8s-plus-27 constructs target. */
export const DEFAULT_KUBERNETES_VERSION = KubernetesVersion.V1_27;

const RBAC_V1 = 'rbac.authorization.k8s.io/v1';
const BOOTSTRAP_LABELS = { 'kubernetes.io/bootstrapping': 'rbac-defaults' };
/** Upstream `rbacv1.AutoUpdateAnnotationKey`: the API server reconciles these objects at start-up. */
const AUTOUPDATE = { 'rbac.authorization.kubernetes.io/autoupdate': 'true' };

function roleManifest(r: BootstrapClusterRole): Record<string, unknown> {
  const doc: Record<string, unknown> = {
    apiVersion: RBAC_V1,
    kind: 'ClusterRole',
    metadata: { name: r.name, labels: { ...BOOTSTRAP_LABELS, ...(r.labels ?? {}) }, annotations: { ...AUTOUPDATE } },
    rules: (r.rules ?? []).map((rule) => ({ ...rule })),
  };
  if (r.aggregateFrom) doc.aggregationRule = { clusterRoleSelectors: [{ matchLabels: { [r.aggregateFrom]: 'true' } }] };
  return doc;
}

const cache = new Map<KubernetesVersion, readonly Record<string, unknown>[]>();

/**
 * The bootstrap ClusterRoles and ClusterRoleBindings of `version` as manifests (a fresh copy each call).
 * @throws Error naming the value and the fix when `version` is not a {@link KubernetesVersion}
 */
export function bootstrapRbacManifests(
  version: KubernetesVersion = DEFAULT_KUBERNETES_VERSION,
): Record<string, unknown>[] {
  guardEnum(version, KubernetesVersion, 'bootstrapRbacManifests', 'version', { enumName: 'KubernetesVersion' });
  let docs = cache.get(version);
  if (!docs) {
    const roles = version === KubernetesVersion.V1_35 ? CLUSTER_ROLES_1_35 : CLUSTER_ROLES_1_27;
    const bindings = CLUSTER_ROLE_BINDINGS.map((b) => ({
      apiVersion: RBAC_V1,
      kind: 'ClusterRoleBinding',
      metadata: { name: b.name, labels: { ...BOOTSTRAP_LABELS }, annotations: { ...AUTOUPDATE } },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: b.name },
      subjects: b.groups.map((name) => ({ apiGroup: 'rbac.authorization.k8s.io', kind: 'Group', name })),
    }));
    docs = [...roles.map(roleManifest), ...bindings];
    cache.set(version, docs);
  }
  return JSON.parse(JSON.stringify(docs));
}

/** `ClusterRole/name` of a cluster-scoped RBAC document, else undefined. */
function clusterRbacKey(doc: unknown): string | undefined {
  const d = doc as { apiVersion?: unknown; kind?: unknown; metadata?: { name?: unknown } } | null;
  if (typeof d?.apiVersion !== 'string' || !d.apiVersion.startsWith('rbac.authorization.k8s.io/')) return undefined;
  if (d.kind !== 'ClusterRole' && d.kind !== 'ClusterRoleBinding') return undefined;
  return typeof d.metadata?.name === 'string' ? `${d.kind}/${d.metadata.name}` : undefined;
}

/**
 * `docs` with the bootstrap objects of `version` added in front, except those the documents define themselves (a dump
 * taken from a cluster holds them already; a ClusterRole of the same name replaces the built-in one when applied).
 */
export function withBootstrapPolicy(docs: readonly unknown[], version: KubernetesVersion): unknown[] {
  const own = new Set<string>();
  for (const d of flattenLists(docs)) {
    const key = clusterRbacKey(d);
    if (key) own.add(key);
  }
  const builtIn = cache.get(version) ?? (bootstrapRbacManifests(version), cache.get(version)!);
  return [...builtIn.filter((d) => !own.has(clusterRbacKey(d)!)), ...docs];
}

/** Names of the bootstrap ClusterRoles of `version`. */
export function bootstrapClusterRoleNames(version: KubernetesVersion = DEFAULT_KUBERNETES_VERSION): string[] {
  guardEnum(version, KubernetesVersion, 'bootstrapClusterRoleNames', 'version', { enumName: 'KubernetesVersion' });
  return (version === KubernetesVersion.V1_35 ? CLUSTER_ROLES_1_35 : CLUSTER_ROLES_1_27).map((r) => r.name);
}

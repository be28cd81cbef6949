/**
 * How the HTML matrix groups endpoints: by namespace, then by application. Pure functions of endpoint ids and Pod
 * manifests, so the view needs no model.
 */

/** The group of endpoints that are not pods (`node/<name>`). */
export const NODES_GROUP = '(nodes)';

/** Namespace of an endpoint id: `<namespace>/<pod>`; nodes (`node/<name>`) go to {@link NODES_GROUP}. */
export function endpointNamespace(id: string): string {
  const slash = id.indexOf('/');
  if (slash < 0) return '(other)';
  const head = id.slice(0, slash);
  return head === 'node' ? NODES_GROUP : head;
}

/** The alphabet of generated name suffixes, without vowels (apimachinery pkg/util/rand `alphanums`). */
const SAFE = '[bcdfghjklmnpqrstvwxz2456789]';

/**
 * The application of a pod from its name alone, the way the workload controllers name pods: a Deployment's pod is
 * `<name>-<pod-template-hash>-<5 chars>` and a StatefulSet's `<name>-<ordinal>`
 * (kubernetes pkg/controller/controller_utils.go `getPodsPrefix`, pkg/controller/statefulset `getPodName`).
 */
export function appOfPodName(name: string): string {
  const deployment = new RegExp(`^(.+)-${SAFE}{6,10}-${SAFE}{5}$`).exec(name);
  if (deployment) return deployment[1];
  const generated = new RegExp(`^(.+)-(?:${SAFE}{5}|\\d+)$`).exec(name);
  return generated ? generated[1] : name;
}

/**
 * Application label keys, most specific first
 * (https://kubernetes.io/docs/concepts/overview/working-with-objects/common-labels/).
 */
const APP_LABELS = ['app.kubernetes.io/name', 'app', 'k8s-app'];

/** The application of an endpoint id when no label says it: the pod name's prefix, or the node name. */
export function endpointApp(id: string): string {
  const slash = id.indexOf('/');
  return slash < 0 ? id : appOfPodName(id.slice(slash + 1));
}

/**
 * `<namespace>/<pod>` → application, from the `app.kubernetes.io/name`, `app` or `k8s-app` label of each Pod
 * manifest (a pod without one is left out: {@link endpointApp} names it).
 */
export function appsFromPodManifests(docs: readonly unknown[]): { [endpointId: string]: string } {
  const out: { [endpointId: string]: string } = {};
  for (const doc of docs) {
    const d = doc as { kind?: unknown; metadata?: { name?: unknown; namespace?: unknown; labels?: unknown } };
    if (!d || d.kind !== 'Pod' || typeof d.metadata?.name !== 'string') continue;
    const labels = (d.metadata.labels ?? {}) as Record<string, unknown>;
    const app = APP_LABELS.map((k) => labels[k]).find((v): v is string => typeof v === 'string' && v !== '');
    const namespace = typeof d.metadata.namespace === 'string' ? d.metadata.namespace : 'default';
    if (app) out[`${namespace}/${d.metadata.name}`] = app;
  }
  return out;
}

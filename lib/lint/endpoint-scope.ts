/**
 * The endpoints a policy can select that the manifests fully describe, or `undefined` when the manifests do not
 * carry enough cluster state to judge the policy:
 * - a namespaced policy: the workloads (pods and pod templates) of its namespace, when the manifests put pods in that
 *   namespace (hostNetwork ones count as being there, though no policy selects them). A namespace with none yet is not
 *   judged: its policies (SecureNamespace's default deny and DNS egress, an allow for pods another tool deploys) are
 *   written for pods to come, and telling the user to delete them would contradict the constructs that emit them;
 * - a preDNAT or doNotTrack GlobalNetworkPolicy: the host endpoints, when there are some;
 * - a GlobalNetworkPolicy with namespaceSelector or serviceAccountSelector: the workloads, when there are some;
 * - any other GlobalNetworkPolicy: workloads and host endpoints, when there are both.
 * The lists and their label indexes are built once per manifest set (LintContext), not per policy.
 */
import { mayHavePodTemplate, podTemplateOf } from '../analysis/pod-security/check-pod-security';
import { EndpointIndex } from './endpoint-index';
import { LintContext } from './lint-context';
import { isHostOnly, PolicyView } from './policy-view';

/** One selectable endpoint: `ns/pod`, `ns/Kind/name` (pod template) or `hep:<name>`, with its effective labels. */
export interface ScopedEndpoint {
  readonly id: string;
  readonly labels: Readonly<Record<string, string>>;
}

/** The endpoints in scope and how to describe them in a message. */
export interface EndpointScope {
  readonly endpoints: readonly ScopedEndpoint[];
  /** The same endpoints, indexed by label (shared by every policy of the same scope). */
  readonly index: EndpointIndex<ScopedEndpoint>;
  /** e.g. `3 workload(s) (pods and pod templates) in namespace shop`. */
  readonly what: string;
}

function scopedHeps(c: LintContext): EndpointIndex<ScopedEndpoint> {
  return c.index('scoped-heps', () => c.hostEndpoints().map((h) => ({ id: `hep:${h.name}`, labels: h.labels })));
}

const populatedCache = new WeakMap<LintContext, ReadonlySet<string>>();

/** Namespaces the manifests put pods in: any Pod or workload controller, hostNetwork ones included. */
function populated(c: LintContext): ReadonlySet<string> {
  let set = populatedCache.get(c);
  if (!set) {
    const out = new Set<string>();
    for (const d of c.objectsWhereKind((k) => k !== 'PodTemplate' && mayHavePodTemplate(k))) {
      if (typeof d.apiVersion !== 'string' || d.apiVersion.startsWith('projectcalico.org/')) continue;
      if (!podTemplateOf(d)) continue;
      out.add(typeof d.metadata?.namespace === 'string' && d.metadata.namespace ? d.metadata.namespace : 'default');
    }
    populatedCache.set(c, (set = out));
  }
  return set;
}

/**
 * The scope of every policy of one kind of scope (a namespace, host-only preDNAT or doNotTrack, workloads only,
 * both), made once per context: tens of thousands of policies share a few hundred scopes.
 */
const scopeCache = new WeakMap<LintContext, Map<string, EndpointScope | undefined>[]>();

/** See the module comment. */
export function endpointScope(p: PolicyView, c: LintContext): EndpointScope | undefined {
  let caches = scopeCache.get(c);
  if (!caches) scopeCache.set(c, (caches = [new Map(), new Map()]));
  // Namespaced policies by namespace, global ones by what decides their scope (apart: a namespace may be any text).
  const [cache, key] = !p.global
    ? [caches[0], p.namespace!]
    : [caches[1], isHostOnly(p) ? (p.preDNAT ? 'preDNAT' : 'doNotTrack') : p.workloadOnly ? 'pods' : 'all'];
  let scope = cache.get(key);
  if (scope === undefined && !cache.has(key)) cache.set(key, (scope = computeScope(p, c)));
  return scope;
}

function computeScope(p: PolicyView, c: LintContext): EndpointScope | undefined {
  const workloads = c.workloads();
  const heps = scopedHeps(c);
  const pods = (n: number) => `${n} workload(s) (pods and pod templates)`;
  if (!p.global) {
    if (workloads.length === 0 || !c.knownNamespaces().has(p.namespace!)) return undefined;
    const index = c.index<ScopedEndpoint>(`workloads:${p.namespace}`, () => c.workloadsIn(p.namespace!));
    if (index.endpoints.length === 0 && !populated(c).has(p.namespace!)) return undefined;
    return { endpoints: index.endpoints, index, what: `${pods(index.endpoints.length)} in namespace ${p.namespace}` };
  }
  if (isHostOnly(p)) {
    if (heps.endpoints.length === 0) return undefined;
    return {
      endpoints: heps.endpoints,
      index: heps,
      what: `${heps.endpoints.length} host endpoint(s) (${p.preDNAT ? 'preDNAT' : 'doNotTrack'} policies apply to host endpoints only)`,
    };
  }
  if (p.workloadOnly) {
    if (workloads.length === 0) return undefined;
    return { endpoints: workloads, index: c.workloadIndex(), what: pods(workloads.length) };
  }
  if (workloads.length === 0 || heps.endpoints.length === 0) return undefined;
  // The two indexes joined (workloads first), not every label read a third time.
  const both = c.derivedIndex<ScopedEndpoint>('workloads+heps', () =>
    EndpointIndex.concat<ScopedEndpoint>([c.workloadIndex(), heps]),
  );
  return {
    endpoints: both.endpoints,
    index: both,
    what: `${pods(workloads.length)} and ${heps.endpoints.length} host endpoint(s)`,
  };
}

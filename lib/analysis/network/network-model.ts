/** `NetworkModel`: the offline reachability engine's entry point. */
import { QueryError } from './model/errors';
import { buildModel, BuildOptions, Encapsulation, ModelData } from './build/build';
import type { EndpointRef } from './model/endpoints';
import { overlayClusterState } from './build/cluster-overlay';
import { ingest } from './ingest/ingest';
import { matchContext } from './build/service-backends';
import type { MatchContext } from './policy/rule-matcher';
import { evaluatePair, Flow, pickAddresses } from './evaluate/evaluate';
import { resolveParty } from './evaluate/resolve';
import { evaluateService, NodePortIndex, nodePortIndex, nodePortService } from './evaluate/service-path';
import type { EvalContext } from './evaluate/steps';
import type { EvaluateOptions, EvaluateResult, TrafficQuery } from './model/result';
import { computeFastMatrix, FastMatrix, MatrixRequest } from './matrix/fast-matrix';
import { diffModels, DiffOptions, FlowChange } from './report/diff';
import {
  describeValue,
  guardArray,
  guardInstance,
  guardKnownKeys,
  guardObject,
  guardOptionalBoolean,
} from '../../model/primitives/guard';
import {
  asQueryError,
  checkEncapsulation,
  checkEndpointIds,
  checkEvaluateOptions,
  checkMatrixPort,
  checkPortList,
  checkQuery,
} from './query-guard';

/** Options of {@link NetworkModel.fromManifests}. */
export interface NetworkModelOptions {
  /**
   * How pod traffic crosses nodes; decides which host endpoint sees it (a `tunl0`/`vxlan.calico`/`flannel.1` HEP or
   * the `"*"` HEP when encapsulated, the main interface's HEP otherwise) and the address a node's own traffic to a
   * remote pod leaves from (the tunnel device's: `tunl0`, `vxlan.calico`, or on Canal `flannel.1`, whose address is
   * the network address of the node's podCIDR).
   * @default inferred, in this order: IPPool objects (ipipMode / vxlanMode other than Never); flannel VXLAN (Canal)
   * from flannel's node annotations (`flannel.alpha.coreos.com/backend-type: vxlan`) or a ConfigMap's
   * `net-conf.json`; 'None' when IPPools are given and all say Never; VXLAN or IPIP from the nodes' tunnel addresses
   * (`projectcalico.org/IPv4VXLANTunnelAddr`, `IPv4IPIPTunnelAddr`); else 'None'
   */
  readonly encapsulation?: Encapsulation;
  /**
   * Cluster state shared with other models (dumps of nodes, pods, namespaces, services, ...): read under `docs`,
   * and an object of `docs` replaces the cluster's object of the same kind, namespace and name. Build the before
   * and after models of {@link NetworkModel.diff} with the same `cluster` so neither side needs its own copy.
   * @default - none: `docs` hold the cluster state too
   */
  readonly cluster?: any[];
}

/**
 * A Calico cluster model built from manifests, answering "may A reach B on this port, and which rule decided?"
 * with Calico's semantics (tiers, Pass/Log, end-of-tier deny, profiles, host endpoints with failsafes,
 * preDNAT/applyOnForward/doNotTrack, services with DNAT/SNAT). Kubernetes NetworkPolicies and ClusterNetworkPolicies
 * (policy.networking.k8s.io/v1alpha2, in the kube-admin and kube-baseline tiers) are converted as Calico 3.32.1
 * converts them, fail-closed rules included; traces name a ClusterNetworkPolicy `kcnp/<name>`.
 *
 * Build once with {@link NetworkModel.fromManifests}; selector matches, policy lists per endpoint and rule peer
 * sets are computed lazily on first use and cached, so repeated queries are cheap.
 */
export class NetworkModel {
  /**
   * Every flow (ordered endpoint pair x port) whose verdict changes from `before` to `after`, e.g. the models of
   * the manifests before and after a change, built over the same cluster state.
   */
  static diff(before: NetworkModel, after: NetworkModel, options: DiffOptions): FlowChange[] {
    const where = 'NetworkModel.diff';
    asQueryError(() => {
      guardInstance(before, NetworkModel as any, where, 'before', {
        expected: 'a NetworkModel (NetworkModel.fromManifests)',
      });
      guardInstance(after, NetworkModel as any, where, 'after', {
        expected: 'a NetworkModel (NetworkModel.fromManifests)',
      });
      const o = guardObject(options, where, 'options', {
        expected: "an options object { ports: [{ port: 80, protocol: 'TCP' }], endpoints? }",
      });
      guardKnownKeys(o, ['ports', 'endpoints', 'onProgress'], where, 'options');
      checkOnProgress(o.onProgress, where, 'options.onProgress');
      checkPortList(o.ports, where, 'options.ports');
      (o.ports as unknown[]).forEach((p, i) => checkMatrixPort(p, where, `options.ports[${i}]`));
      if (o.endpoints !== undefined)
        checkEndpointIds(o.endpoints, where, 'options.endpoints').forEach((id, i) =>
          before.check(id, where, `options.endpoints[${i}]`),
        );
    });
    return diffModels(before, after, options);
  }

  /**
   * Builds a model from plain Kubernetes objects (`List` objects are expanded, unknown kinds ignored).
   * @throws ManifestError naming the object and field for malformed input
   */
  static fromManifests(docs: any[], options: NetworkModelOptions = {}): NetworkModel {
    const where = 'NetworkModel.fromManifests';
    const o = guardObject(options, where, 'options', { expected: 'an options object { encapsulation?, cluster? }' });
    guardKnownKeys(o, ['encapsulation', 'cluster'], where, 'options');
    const encapsulation = checkEncapsulation(o.encapsulation, where, 'options.encapsulation');
    if (o.cluster !== undefined)
      guardArray(o.cluster, where, 'options.cluster', (d) => d, { of: 'Kubernetes objects (parsed dumps)' });
    const state = ingest(
      o.cluster !== undefined && Array.isArray(docs) ? overlayClusterState(o.cluster as unknown[], docs) : docs,
    );
    const build: BuildOptions = { encapsulation };
    return new NetworkModel(buildModel(state, build));
  }

  private readonly match: MatchContext;
  private endpointList?: EndpointRef[];
  private nodePorts?: NodePortIndex;

  private constructor(private readonly data: ModelData) {
    this.match = matchContext(data);
  }

  /**
   * Every endpoint a query can name, in a stable order: workloads (`ns/pod`, sorted), hosts (`node/<name>`,
   * sorted), services (`svc/ns/name`, sorted). hostNetwork pods are not listed (they resolve to their node).
   */
  endpoints(): EndpointRef[] {
    if (!this.endpointList) {
      const byId = (a: EndpointRef, b: EndpointRef) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
      const w: EndpointRef[] = [...this.data.workloads.values()]
        .filter((r) => r.pod.ips.length > 0)
        .map((r) => ({
          id: r.entity.id,
          kind: 'workload' as const,
          namespace: r.pod.namespace,
          name: r.pod.name,
          ips: r.pod.ips,
        }))
        .sort(byId);
      const h: EndpointRef[] = [...this.data.nodes.values()]
        .filter((n) => n.ips.length > 0)
        .map((n) => ({ id: `node/${n.name}`, kind: 'host' as const, name: n.name, ips: n.ips }))
        .sort(byId);
      const s: EndpointRef[] = [...this.data.services.values()]
        .filter((x) => x.clusterIps.length > 0)
        .map((x) => ({
          id: `svc/${x.namespace}/${x.name}`,
          kind: 'service' as const,
          namespace: x.namespace,
          name: x.name,
          ips: x.clusterIps,
        }))
        .sort(byId);
      this.endpointList = [...w, ...h, ...s];
    }
    return this.endpointList.map((e) => ({ ...e }));
  }

  /** How pod traffic crosses nodes in this model. */
  get encapsulation(): Encapsulation {
    return this.data.encapsulation;
  }

  /**
   * Why the model uses {@link encapsulation}: the option, an IPPool, or what it was inferred from (node annotations,
   * flannel's configuration).
   */
  get encapsulationReason(): string {
    return this.data.dataplane.reason;
  }

  /**
   * May `from` reach `to`? Returns the verdict, a reason, and every enforcement point crossed with what decided.
   * @throws QueryError for unknown endpoints or a malformed query
   */
  evaluate(query: TrafficQuery, options: EvaluateOptions = {}): EvaluateResult {
    const where = 'NetworkModel.evaluate';
    const q = checkQuery(query, where);
    const { staged } = checkEvaluateOptions(options, where);
    const { protocol } = q;
    const src = resolveParty(this.data, q.from, 'from', { api: where, field: 'query.from' });
    const dst = resolveParty(this.data, q.to, 'to', { api: where, field: 'query.to' });
    const isIcmp = protocol === 1 || protocol === 58;
    const flow: Flow = {
      protocol,
      dstPort: q.port,
      srcPort: q.sourcePort,
      icmpType: isIcmp ? (q.icmp?.type ?? (protocol === 1 ? 8 : 128)) : undefined,
      icmpCode: isIcmp ? (q.icmp?.code ?? 0) : undefined,
    };
    const preview = staged;
    const newContext = (): EvalContext => ({ m: this.data, match: this.match, preview, steps: [] });
    if (dst.kind === 'service')
      return withQueryField(where, 'query.via', () => evaluateService(newContext, src, dst, flow, q.via));
    // From outside to a node's address on a NodePort: kube-proxy DNATs it to the Service's backends (service-path.ts).
    const nodePort =
      src.kind === 'external' && dst.kind === 'host'
        ? nodePortService((this.nodePorts ??= nodePortIndex(this.data.services.values())), flow)
        : undefined;
    const nodeIp = nodePort && pickAddresses(src.ips, dst.ips)?.[1];
    if (nodePort && nodeIp && dst.kind === 'host')
      return evaluateService(newContext, src, nodePort, flow, undefined, { node: dst.node.name, ip: nodeIp });
    const r = evaluatePair(newContext(), src, dst, flow);
    return { allowed: r.allowed, reason: r.reason, steps: r.steps };
  }

  /**
   * The full connectivity matrix of `endpoints` (default: every endpoint except services) on `ports`, with
   * verdicts identical to {@link evaluate} of each ordered pair: each pod's egress and ingress verdicts towards every
   * peer are computed at once by set operations (pairs with a host endpoint on the way: one evaluation per class
   * pair), so a 2,000-endpoint grid costs well under a second, not millions of evaluations.
   * `allowed[p][i * n + j]` is 1 when `endpoints[i]` may reach `endpoints[j]` on `ports[p]` (0 on the diagonal);
   * `explain(p, i, j)` gives the trace of one cell on demand. `onProgress` is called after each row of each port.
   * @throws QueryError for a malformed request or, as {@link evaluate}, unknown endpoints
   */
  matrix(request: MatrixRequest): FastMatrix {
    const where = 'NetworkModel.matrix';
    asQueryError(() => {
      const o = guardObject(request, where, 'request', {
        expected: "a request { ports: [{ port: 80, protocol: 'TCP' }], endpoints?, staged? }",
      });
      guardKnownKeys(o, ['ports', 'endpoints', 'staged', 'onProgress'], where, 'request');
      checkPortList(o.ports, where, 'request.ports');
      (o.ports as unknown[]).forEach((p, i) => checkMatrixPort(p, where, `request.ports[${i}]`));
      guardOptionalBoolean(o.staged, where, 'request.staged');
      checkOnProgress(o.onProgress, where, 'request.onProgress');
      // Every id is a row (a source) too: an unknown id or a service is refused before any work.
      if (o.endpoints !== undefined)
        checkEndpointIds(o.endpoints, where, 'request.endpoints').forEach((id, i) =>
          this.check(id, where, `request.endpoints[${i}]`),
        );
    });
    const ids = request.endpoints
      ? [...request.endpoints]
      : this.endpoints()
          .filter((e) => e.kind !== 'service')
          .map((e) => e.id);
    return computeFastMatrix(this.data, ids, request, (q, o) => this.evaluate(q, o), this.match);
  }

  /** Throws unless `id` names an endpoint that can be a traffic source. */
  private check(id: string, api: string, field: string): void {
    resolveParty(this.data, id, 'from', { api, field });
  }
}

/** Runs `fn`, reporting a plain Error of the service path (an unknown `via` node) as a QueryError at `field`. */
/** An optional progress callback `(done, total) => void` of `matrix` / `connectivityMatrix`. */
function checkOnProgress(v: unknown, where: string, field: string): void {
  if (v !== undefined && typeof v !== 'function')
    throw new QueryError(
      where,
      field,
      `expected a function (done, total) => void, got ${describeValue(v)}`,
      'pass a callback or leave onProgress out',
    );
}

function withQueryField<T>(where: string, field: string, fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    if (e instanceof QueryError || !(e instanceof Error) || e instanceof TypeError) throw e;
    throw new QueryError(where, field, e.message);
  }
}

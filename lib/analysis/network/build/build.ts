/**
 * Turns the ingested cluster state into the indexed model the evaluator uses: labelled entities (workloads,
 * host endpoints, network sets) with Calico's effective labels, address lookups, per-node host endpoints,
 * compiled policies and the per-endpoint policy index.
 */
import { compilePolicy, CompiledPolicy } from '../policy/compiled-policy';
import { PolicyIndex } from '../policy/policy-index';
import { EntityIndex } from '../match/ip-sets';
import { deriveAutoHostEndpoints } from '../model/auto-host-endpoints';
import { Dataplane, Encapsulation, inferDataplane, TunnelSource, tunnelSources } from '../model/dataplane';
import {
  HostEndpointInfo,
  LabeledEntity,
  NodeInfo,
  PodInfo,
  ServiceInfo,
  workloadLabels,
  networkSetLabels,
} from '../model/endpoints';
import type { ClusterState } from '../ingest/ingest';
import { Net, toNet } from '../../../model/primitives/ip';
import { NAMESPACE_NAME_LABEL } from '../../../model/primitives/calico-constants';

export type { Encapsulation } from '../model/dataplane';

/** A workload endpoint: pod + its entity. */
export interface WorkloadRecord {
  readonly pod: PodInfo;
  readonly entity: LabeledEntity;
}

/** A host endpoint + its entity. */
export interface HepRecord {
  readonly hep: HostEndpointInfo;
  readonly entity: LabeledEntity;
}

/** The indexed model. */
export interface ModelData {
  readonly state: ClusterState;
  readonly entities: readonly LabeledEntity[];
  readonly index: EntityIndex;
  readonly policies: readonly CompiledPolicy[];
  readonly policyIndex: PolicyIndex;
  readonly workloads: ReadonlyMap<string, WorkloadRecord>;
  readonly workloadByIp: ReadonlyMap<string, WorkloadRecord>;
  readonly hostNetworkPods: ReadonlyMap<string, PodInfo>;
  readonly nodes: ReadonlyMap<string, NodeInfo>;
  readonly nodeByIp: ReadonlyMap<string, NodeInfo>;
  readonly hepsByNode: ReadonlyMap<string, readonly HepRecord[]>;
  readonly services: ReadonlyMap<string, ServiceInfo>;
  readonly serviceByIp: ReadonlyMap<string, ServiceInfo>;
  readonly encapsulation: Encapsulation;
  /** The encapsulation and why (given, from an IPPool, or inferred from node annotations / flannel's config). */
  readonly dataplane: Dataplane;
  /** Per node, the tunnel device and address its traffic to remote pods leaves from (absent: its main interface). */
  readonly tunnelSources: ReadonlyMap<string, readonly TunnelSource[]>;
}

/** Options of the model build. */
export interface BuildOptions {
  /**
   * How pod traffic crosses nodes.
   * @default inferred: IPPools (ipipMode/vxlanMode not Never), else flannel VXLAN (node annotations or net-conf.json),
   * else node tunnel addresses, else 'None'
   */
  readonly encapsulation?: Encapsulation;
  /**
   * Keep the compiled policies. `false` still compiles every policy (a malformed one throws as usual) but keeps
   * none, so `policies` is empty: for callers that read only endpoints (the lint's summary), whose memory the
   * compiled policies would otherwise double on large inputs.
   * @default true
   */
  readonly keepPolicies?: boolean;
}

function hostNets(ips: readonly string[]): Net[] {
  return ips.map((ip) => toNet(ip)!).filter((n) => n !== undefined);
}

/** Builds the model from ingested state. */
export function buildModel(state: ClusterState, options: BuildOptions = {}): ModelData {
  const entities: LabeledEntity[] = [];
  const workloads = new Map<string, WorkloadRecord>();
  const workloadByIp = new Map<string, WorkloadRecord>();
  const hostNetworkPods = new Map<string, PodInfo>();
  for (const pod of state.pods) {
    const key = `${pod.namespace}/${pod.name}`;
    if (pod.hostNetwork) {
      hostNetworkPods.set(key, pod);
      continue;
    }
    const entity: LabeledEntity = {
      index: entities.length,
      kind: 'workload',
      id: key,
      namespace: pod.namespace,
      labels: workloadLabels(
        pod,
        state.namespaces.get(pod.namespace) ?? { [NAMESPACE_NAME_LABEL]: pod.namespace },
        state.serviceAccounts.get(`${pod.namespace}/${pod.serviceAccount}`) ?? {},
      ),
      nets: hostNets(pod.ips),
      ports: pod.ports,
    };
    entities.push(entity);
    const rec = { pod, entity };
    workloads.set(key, rec);
    for (const ip of pod.ips) workloadByIp.set(ip, rec);
  }
  const dataplane = inferDataplane(state, options.encapsulation);
  const nodes = new Map<string, NodeInfo>();
  const nodeByIp = new Map<string, NodeInfo>();
  const tunnels = new Map<string, readonly TunnelSource[]>();
  for (const n of state.nodes) {
    nodes.set(n.name, n);
    for (const ip of n.ips) if (!nodeByIp.has(ip)) nodeByIp.set(ip, n);
    const t = tunnelSources(n, dataplane.encapsulation, state.flannel);
    if (t.length > 0) tunnels.set(n.name, t);
  }
  // flannel.1 addresses are derived (podCIDR network addresses), never claimed: a pod or node that has one keeps it.
  for (const [name, list] of tunnels) {
    for (const t of list) if (!nodeByIp.has(t.ip) && !workloadByIp.has(t.ip)) nodeByIp.set(t.ip, nodes.get(name)!);
  }
  const heps: HostEndpointInfo[] = [...state.hostEndpoints];
  if (state.autoHeps) {
    const explicit = new Set(heps.map((h) => h.name));
    for (const h of deriveAutoHostEndpoints(state.nodes, state.autoHeps)) if (!explicit.has(h.name)) heps.push(h);
  }
  const hepsByNode = new Map<string, HepRecord[]>();
  for (const hep of heps.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    const entity: LabeledEntity = {
      index: entities.length,
      kind: 'hostendpoint',
      id: `hep:${hep.name}`,
      labels: hep.labels,
      nets: hostNets(hep.expectedIps),
      ports: hep.ports,
    };
    entities.push(entity);
    const list = hepsByNode.get(hep.node) ?? [];
    list.push({ hep, entity });
    hepsByNode.set(hep.node, list);
    // A HEP's expectedIPs that are not node addresses still identify that node.
    const node = nodes.get(hep.node);
    if (node) for (const ip of hep.expectedIps) if (!nodeByIp.has(ip) && !workloadByIp.has(ip)) nodeByIp.set(ip, node);
  }
  for (const set of state.networkSets) {
    const nsLabels = set.namespace !== undefined ? (state.namespaces.get(set.namespace) ?? {}) : {};
    entities.push({
      index: entities.length,
      kind: set.namespace === undefined ? 'globalnetworkset' : 'networkset',
      id: set.namespace === undefined ? `globalnetworkset:${set.name}` : `networkset:${set.namespace}/${set.name}`,
      namespace: set.namespace,
      labels: networkSetLabels(set, nsLabels),
      nets: set.nets,
      ports: [],
    });
  }
  const index = new EntityIndex(entities);
  const policies: CompiledPolicy[] = [];
  for (const p of state.policies) {
    const compiled = compilePolicy(p, index); // throws for a malformed policy, kept or not
    if (options.keepPolicies !== false) policies.push(compiled);
  }
  const services = new Map<string, ServiceInfo>();
  const serviceByIp = new Map<string, ServiceInfo>();
  for (const s of state.services) {
    services.set(`${s.namespace}/${s.name}`, s);
    for (const ip of s.clusterIps) serviceByIp.set(ip, s);
  }
  const encapsulation = dataplane.encapsulation;
  return {
    state,
    entities,
    index,
    policies,
    policyIndex: new PolicyIndex(policies, state.tiers, entities.length),
    workloads,
    workloadByIp,
    hostNetworkPods,
    nodes,
    nodeByIp,
    hepsByNode,
    services,
    serviceByIp,
    encapsulation,
    dataplane,
    tunnelSources: tunnels,
  };
}

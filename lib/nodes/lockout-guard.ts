import { ApiObject } from 'cdk8s';
import { IConstruct } from 'constructs';
import { NetworkModel } from '../analysis/network/network-model';
import type { Encapsulation } from '../analysis/network/build/build';
import type { EvaluateResult } from '../analysis/network/model/result';
import { CalicoObject } from '../core/calico-object';
import { constructsInCluster } from '../core/cluster';
import { manifestsForNodes, representativeNodes } from './guard-groups';
import { guardModelDocs } from './guard-model-docs';
import { Selector } from '../selector';
import { formatIp, parseCidr } from '../model/primitives/cidr';
import { flannelVxlanPortIn } from './canal-vxlan';
import { PodEncapsulation, ResolvedBaseline } from './node-baseline';
import type { InventoryNode, NodeInventory } from './node-inventory';
import { CALICO_API_VERSION } from '../model/primitives/calico-constants';

/**
 * The essential node flows the lockout guard proves, by name: the names `acknowledgeBlockedFlows` (and the
 * acknowledged-risks annotation, as `node-flow:<name>`) take.
 */
export enum NodeFlow {
  /** The control plane reaches every kubelet (TCP 10250). */
  CONTROL_PLANE_TO_KUBELET = 'control-plane-to-kubelet',
  /** The API server reaches the kubelet on its own node, over `lo` (TCP 10250). */
  API_SERVER_TO_OWN_KUBELET = 'api-server-to-own-kubelet',
  /** etcd peers among control-plane nodes (TCP 2380). */
  ETCD_PEERS = 'etcd-peers',
  /** Every kubelet reaches the API server (TCP 6443). */
  KUBELET_TO_API_SERVER = 'kubelet-to-api-server',
  /** BGP between nodes (TCP 179). */
  BGP = 'bgp',
  /** WireGuard between nodes (UDP 51820). */
  WIREGUARD = 'wireguard',
  /** calico-node to Typha (TCP 5473). */
  TYPHA = 'typha',
  /** VXLAN between nodes (UDP 4789). */
  VXLAN = 'vxlan',
  /** A node reaching its own address (kubelet probes of hostNetwork pods). */
  NODE_SELF = 'node-self',
  /** DNS from the node (UDP 53). */
  DNS = 'dns',
  /** ICMP between nodes. */
  ICMP = 'icmp',
  /** SSH from the admin networks (`baseline.sshFrom`). */
  SSH = 'ssh',
  /** NodePorts from `baseline.nodePortsFrom`. */
  NODE_PORTS = 'node-ports',
  /** A node reaching a pod on another node. */
  NODE_TO_POD = 'node-to-pod',
  /** Canal: flannel's VXLAN between nodes (UDP 8472 or net-conf.json `Backend.Port`). */
  FLANNEL_VXLAN = 'flannel-vxlan',
}

/** The acknowledged-risks id of a blocked essential flow: `node-flow:<name>`. */
export function nodeFlowRisk(flow: NodeFlow): string {
  return `node-flow:${flow}`;
}

/** The baseline piece that allows each flow, for the fix of a blocked one. */
const BASELINE_PIECE: { readonly [F in NodeFlow]: string } = {
  [NodeFlow.CONTROL_PLANE_TO_KUBELET]: 'kubernetes',
  [NodeFlow.API_SERVER_TO_OWN_KUBELET]: 'hostLocal',
  [NodeFlow.ETCD_PEERS]: 'kubernetes',
  [NodeFlow.KUBELET_TO_API_SERVER]: 'kubernetes',
  [NodeFlow.BGP]: 'calico',
  [NodeFlow.WIREGUARD]: 'calico',
  [NodeFlow.TYPHA]: 'calico',
  [NodeFlow.VXLAN]: 'calico',
  [NodeFlow.NODE_SELF]: 'hostLocal',
  [NodeFlow.DNS]: 'dns',
  [NodeFlow.ICMP]: 'icmp',
  [NodeFlow.SSH]: 'sshFrom',
  [NodeFlow.NODE_PORTS]: 'nodePortsFrom',
  [NodeFlow.NODE_TO_POD]: 'nodeToPod',
  [NodeFlow.FLANNEL_VXLAN]: 'calico',
};

/** One flow the baseline promises, checked by the guard. */
export interface EssentialFlow {
  /** Its name (what an acknowledgement names). */
  readonly id: NodeFlow;
  /** What it is for, e.g. `control plane → kubelet`. */
  readonly what: string;
  /** Engine endpoint (`node/<name>`, `<ns>/<pod>`). */
  readonly from: string;
  /** Engine endpoint. */
  readonly to: string;
  /** Protocol name. */
  readonly protocol: string;
  /** Destination port. */
  readonly port?: number;
}

/** A blocked essential flow. */
export interface BlockedFlow {
  readonly flow: EssentialFlow;
  readonly result: EvaluateResult;
  /** The specific fix, without `fix:` (callers add how to acknowledge, which differs in code and in manifests). */
  readonly fix: string;
}

/** Where the guard's probe pod lives (a synthetic namespace whose policy admits host endpoints only). */
export const PROBE_NAMESPACE = 'cdk8s-calico-lockout-probe';
const PROBE_POD = 'isolated-pod';
const PROBE_IP = '198.18.0.10';
const PROBE_PORT = 8080;

/** What the guard needs to know about a pool (not exported from the package; public declarations name it). */
export interface GuardInput {
  /** Every manifest the app emits ({@link appManifests}). */
  readonly manifests: readonly any[];
  readonly inventory: NodeInventory;
  /** The pool's nodes (inventory nodes its selector matches). */
  readonly nodes: readonly InventoryNode[];
  /** Effective labels of a node's host endpoints. */
  readonly labelsOf: (n: InventoryNode) => { readonly [k: string]: string };
  readonly baseline: ResolvedBaseline;
  /** The Node objects are already among `manifests` (the manifest-level proof): do not add the inventory's. */
  readonly nodesInManifests?: boolean;
  /** Flows blocked on purpose: left out of the result (see {@link NodeFlow}). */
  readonly acknowledged?: ReadonlySet<NodeFlow>;
}

/**
 * Every object of the cluster `scope` belongs to (lib/core/cluster.ts: its Cluster, else the App's default
 * cluster), as plain manifests, without running cdk8s synthesis (so without recursing into validation): Calico
 * objects through their own renderer, other ApiObjects through `toJson()`. JSON patches made on Calico objects
 * through `ApiObject.of(...)` are not seen.
 */
export function appManifests(scope: IConstruct): any[] {
  const all = constructsInCluster(scope);
  const covered = new Set<IConstruct>();
  const docs: any[] = [];
  for (const c of all) {
    if (c instanceof CalicoObject) {
      covered.add(c.apiObject);
      docs.push(c.toManifest());
    }
  }
  for (const c of all) {
    if (ApiObject.isApiObject(c) && !covered.has(c)) docs.push(c.toJson());
  }
  return docs;
}

/**
 * The first port of the NodePort range no Service in the manifests claims as its `nodePort`: the NodePort flow proves
 * that host policy admits the declared networks, and a claimed port is DNATed to that Service's backends instead
 * (the engine models kube-proxy's KUBE-NODEPORTS), which would prove something else. The range's first port when
 * every port is claimed.
 */
function firstUnclaimedNodePort(range: { readonly from: number; readonly to: number }, docs: readonly any[]): number {
  const claimed = new Set<unknown>();
  for (let i = 0; i < docs.length; i++) {
    const d = docs[i];
    if (d?.kind !== 'Service' || d.apiVersion !== 'v1' || !Array.isArray(d.spec?.ports)) continue;
    for (const p of d.spec.ports) claimed.add(p?.nodePort);
  }
  for (let port = range.from; port <= range.to; port++) if (!claimed.has(port)) return port;
  return range.from;
}

/**
 * The flows the guard proves. `policySelectors` are the selectors of the app's GlobalNetworkPolicies: nodes that
 * the same policies select behave alike, so the per-node checks of the rest of the baseline run on one node of each
 * such group (every node when none are given).
 */
export function essentialFlows(input: GuardInput, policySelectors?: readonly Selector[]): EssentialFlow[] {
  // Every flow is proven whether or not its baseline piece is on: switching a piece off (`kubernetes: false`) must
  // not switch its proof off too. A flow allowed another way passes; one blocked on purpose is acknowledged by name.
  const b = input.baseline;
  const nodes = input.nodes;
  const flows: EssentialFlow[] = [];
  if (nodes.length === 0) return flows;
  const id = (n: InventoryNode) => `node/${n.name}`;
  const flow = (f: NodeFlow, what: string, from: string, to: string, protocol: string, port?: number) => {
    flows.push({ id: f, what, from, to, protocol, port });
  };
  const peerOf = (i: number) => nodes[(i + 1) % nodes.length];
  let unclaimedNodePort: number | undefined;
  const cps = nodes.filter((n) => b.controlPlaneSelector.matches(input.labelsOf(n)));
  const cp = cps[0];
  if (cp) {
    // Every node: the kubelet is how the control plane manages it.
    nodes.forEach((n) =>
      flow(NodeFlow.CONTROL_PLANE_TO_KUBELET, 'control plane → kubelet (TCP 10250)', id(cp), id(n), 'TCP', 10250),
    );
    cps.forEach((c, i) => {
      flow(
        NodeFlow.API_SERVER_TO_OWN_KUBELET,
        'API server → kubelet on its own node, over lo (TCP 10250)',
        id(c),
        id(c),
        'TCP',
        10250,
      );
      flow(
        NodeFlow.ETCD_PEERS,
        'etcd among control-plane nodes (TCP 2380)',
        id(c),
        id(cps[(i + 1) % cps.length]),
        'TCP',
        2380,
      );
    });
  }
  // No node labelled as control plane (a managed control plane): its address is not in the manifests, so the
  // control-plane flows are not proven. An invented stand-in address would be denied by a correct allow of the real
  // control-plane network, a finding no right fix removes.
  // The rest of the baseline is the same for nodes the same policies select: one node of each such group is enough,
  // which keeps the guard under a second at 10,000 nodes. (The kubelet above and node → pod below run on every node.)
  // Every node's address (a client address must not be one), read only when SSH or NodePorts are proven.
  let knownAddresses: Set<string> | undefined;
  const known = (): ReadonlySet<string> =>
    (knownAddresses ??= new Set(
      input.inventory.nodes.flatMap((x) => [...x.internalIps, ...x.bgpIps, ...tunnelIps(x)]),
    ));
  const flannelPort = b.flannelVxlanPort === undefined ? flannelVxlanPortIn(input.manifests) : undefined;
  for (const n of policySelectors ? onePerPolicyGroup(nodes, input.labelsOf, policySelectors) : nodes) {
    const i = nodes.indexOf(n);
    if (cp) flow(NodeFlow.KUBELET_TO_API_SERVER, 'kubelet → API server (TCP 6443)', id(n), id(cp), 'TCP', 6443);
    if (nodes.length > 1) {
      const to = id(peerOf(i));
      if (b.bgp) flow(NodeFlow.BGP, 'BGP between nodes (TCP 179)', id(n), to, 'TCP', 179);
      if (b.wireguard) flow(NodeFlow.WIREGUARD, 'WireGuard between nodes (UDP 51820)', id(n), to, 'UDP', 51820);
      if (b.typha) flow(NodeFlow.TYPHA, 'calico-node → Typha (TCP 5473)', id(n), to, 'TCP', 5473);
      if (b.encapsulation === PodEncapsulation.VXLAN)
        flow(NodeFlow.VXLAN, 'VXLAN between nodes (UDP 4789)', id(n), to, 'UDP', 4789);
      // Canal, declared or seen in the manifests (a FlannelNetwork made after the pool, a dump of flannel's nodes).
      const flannel = b.flannelVxlanPort ?? flannelPort;
      if (flannel !== undefined)
        flow(NodeFlow.FLANNEL_VXLAN, `flannel VXLAN between nodes (UDP ${flannel})`, id(n), to, 'UDP', flannel);
      flow(NodeFlow.ICMP, 'ICMP between nodes', id(n), to, 'ICMP');
    }
    flow(
      NodeFlow.NODE_SELF,
      'a node reaching its own address over lo (kubelet probes of hostNetwork pods)',
      id(n),
      id(n),
      'TCP',
      10256,
    );
    flow(NodeFlow.DNS, 'DNS from the node (UDP 53)', id(n), EXTERNAL_RESOLVER, 'UDP', 53);
    for (const cidr of b.sshFrom) {
      const admin = clientAddress(cidr, n, known());
      if (admin) flow(NodeFlow.SSH, `SSH from the admin network ${cidr} (TCP 22)`, admin, id(n), 'TCP', 22);
    }
    const nodePortSource = b.nodePortsFrom?.toEntityRule().nets?.[0];
    const client = nodePortSource ? clientAddress(nodePortSource, n, known()) : undefined;
    const port = (unclaimedNodePort ??= firstUnclaimedNodePort(b.nodePortRange, input.manifests));
    if (client) flow(NodeFlow.NODE_PORTS, `NodePorts from ${nodePortSource} (TCP ${port})`, client, id(n), 'TCP', port);
  }
  const probe = `${PROBE_NAMESPACE}/${PROBE_POD}`;
  for (const n of nodes)
    flow(NodeFlow.NODE_TO_POD, 'node → pod on another node (an isolated pod)', id(n), probe, 'TCP', PROBE_PORT);
  return flows;
}

/** An address outside the cluster the DNS check sends to (TEST-NET-2, never routed). */
const EXTERNAL_RESOLVER = '198.51.100.53';

function parseOrUndefined(text: string): Selector | undefined {
  try {
    return Selector.parse(text);
  } catch {
    return undefined;
  }
}

function onePerPolicyGroup(
  nodes: readonly InventoryNode[],
  labelsOf: (n: InventoryNode) => { readonly [k: string]: string },
  selectors: readonly Selector[],
): InventoryNode[] {
  const seen = new Map<string, InventoryNode>();
  for (const n of nodes) {
    const labels = labelsOf(n);
    const key = selectors.map((s) => (s.matches(labels) ? '1' : '0')).join('');
    if (!seen.has(key)) seen.set(key, n);
  }
  return [...seen.values()];
}

/**
 * An address inside `cidr` that stands for an outside client of node `n`: of the node's address family, and not an
 * address of any node (which the engine would treat as that node). Undefined when there is none to try.
 */
function clientAddress(cidr: string, n: InventoryNode, known: ReadonlySet<string>): string | undefined {
  const c = parseCidr(cidr);
  if (!c || !n.internalIps.some((ip) => ip.includes(':') === (c.family === 6))) return undefined;
  const size = 1n << BigInt((c.family === 4 ? 32 : 128) - c.prefix);
  for (let k = 1n; k <= 64n && k <= size; k++) {
    const candidate = formatIp(c.family, c.network + (size === 1n ? 0n : k % size));
    if (!known.has(candidate)) return candidate;
  }
  return undefined;
}

function tunnelIps(n: InventoryNode): string[] {
  return [
    n.ipipTunnelAddress,
    n.vxlanTunnelAddress,
    n.vxlanTunnelAddressV6,
    n.wireguardAddress,
    n.wireguardAddressV6,
  ].filter((x): x is string => typeof x === 'string');
}

/** The synthetic cluster state the guard adds: the inventory's Nodes and, for node-to-pod, an isolated probe pod. */
function probeObjects(input: GuardInput): any[] {
  const docs = input.nodesInManifests ? [] : input.inventory.toNodeManifests();
  const flannel = input.baseline.flannelVxlanPort;
  if (flannel !== undefined && flannelVxlanPortIn(input.manifests) === undefined) {
    // Canal declared on the pool, its net-conf.json not in the app: tell the engine flannel's port (and the mode).
    docs.push({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'flannel-net-conf', namespace: PROBE_NAMESPACE },
      data: { 'net-conf.json': JSON.stringify({ Backend: { Type: 'vxlan', Port: flannel } }) },
    });
  }
  if (input.nodes.length > 0) {
    const host = input.nodes[input.nodes.length - 1];
    docs.push(
      { apiVersion: 'v1', kind: 'Namespace', metadata: { name: PROBE_NAMESPACE } },
      {
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: { name: PROBE_POD, namespace: PROBE_NAMESPACE, labels: { app: 'lockout-probe' } },
        spec: {
          nodeName: host.name,
          containers: [{ name: 'probe', image: 'probe', ports: [{ containerPort: PROBE_PORT }] }],
        },
        status: { podIP: PROBE_IP, podIPs: [{ ip: PROBE_IP }] },
      },
    );
    // The probe admits host endpoints and nothing else, as a pod that trusts node traffic (health checks) does: the
    // flow passes when the node's source address is in a host endpoint (docs/scenarios.md#001: with IPIP it leaves from
    // tunl0) and nothing on the hosts blocks it. A pod isolated from nodes on purpose is its own policy's choice, not a
    // lockout, so the pool's and the manifests' proofs ask the same question (`nodeToPod` only widens who gets in).
    docs.push({
      apiVersion: CALICO_API_VERSION,
      kind: 'NetworkPolicy',
      metadata: { name: 'admit-host-endpoints', namespace: PROBE_NAMESPACE },
      spec: {
        selector: 'all()',
        types: ['Ingress'],
        ingress: [{ action: 'Allow', source: { namespaceSelector: 'global()', selector: 'all()' } }],
      },
    });
  }
  return docs;
}

function engineEncapsulation(e: PodEncapsulation): Encapsulation | undefined {
  // One enum for the construct and the engine (lib/model/primitives/encapsulation.ts); NONE lets the engine infer.
  return e === PodEncapsulation.NONE ? undefined : e;
}

/** Runs the essential flows through the reachability engine; returns the blocked ones. */
export function findBlockedFlows(input: GuardInput): BlockedFlow[] {
  // One node of each group of nodes that every policy treats alike, all control-plane nodes (guard-groups.ts); the
  // model holds only their Nodes and host endpoints, so 10,000 alike nodes cost what a few do.
  const isControlPlane = (n: InventoryNode) => input.baseline.controlPlaneSelector.matches(input.labelsOf(n));
  const chosen = representativeNodes(input.nodes, input.labelsOf, input.manifests, { keep: isControlPlane });
  input = { ...input, nodes: chosen };
  const docs = manifestsForNodes([...input.manifests, ...probeObjects(input)], new Set(chosen.map((n) => n.name)));
  const blocked: BlockedFlow[] = [];
  // Distinct selector texts: policies sharing a selector split nodes alike (thousands of policies, a few selectors).
  const texts = new Set(
    docs
      .filter((d) => d?.apiVersion === CALICO_API_VERSION && d.kind === 'GlobalNetworkPolicy')
      .map((d) => (typeof d.spec?.selector === 'string' ? d.spec.selector : '')),
  );
  const selectors = [...texts].map(parseOrUndefined).filter((sel): sel is Selector => sel !== undefined); // a bad selector is reported by validation, not here
  const facts = hostEndpointFacts(docs, input.nodes);
  const flows = essentialFlows(input, selectors);
  // The model holds only what these flows can involve (guard-model-docs.ts): not every pod and namespaced policy.
  const addresses = [PROBE_IP, ...flows.flatMap((f) => [f.from, f.to])];
  const modelDocs = guardModelDocs(docs, addresses, PROBE_NAMESPACE);
  const model = NetworkModel.fromManifests(modelDocs, {
    encapsulation: engineEncapsulation(input.baseline.encapsulation),
  });
  for (const flow of flows) {
    if (input.acknowledged?.has(flow.id)) continue;
    const result = model.evaluate({ from: flow.from, to: flow.to, protocol: flow.protocol, port: flow.port });
    if (!result.allowed) blocked.push({ flow, result, fix: fixFor(flow, input, facts) });
  }
  return blocked;
}

/**
 * The acknowledged flows that are not blocked (a stale acknowledgement would hide the next real lockout), in the
 * order given.
 */
export function staleAcknowledgements(input: GuardInput): NodeFlow[] {
  const acked = [...(input.acknowledged ?? [])];
  if (acked.length === 0) return [];
  const still = findBlockedFlows({ ...input, acknowledged: new Set() });
  const blocked = new Set(still.map((b) => b.flow.id));
  return acked.filter((f) => !blocked.has(f));
}

/**
 * The tunnel address node-originated traffic to remote pods leaves from: the declared encapsulation's, else the one
 * the node's Calico annotations carry (calico-node assigns a tunnel address only while a pool uses that mode).
 */
function tunnelOf(
  n: InventoryNode,
  e: PodEncapsulation,
): { ip: string; device: string; construct: string } | undefined {
  const ipip = { ip: n.ipipTunnelAddress, device: 'tunl0', construct: 'IpipTunnelEndpoints' };
  const vxlan = {
    ip: n.vxlanTunnelAddress,
    device: 'vxlan.calico',
    construct: 'IpipTunnelEndpoints with device: TunnelDevice.VXLAN',
  };
  if (e === PodEncapsulation.FLANNEL_VXLAN) return undefined; // flannel.<VNI>: no Calico tunnel address to list
  const pick = e === PodEncapsulation.IPIP ? ipip : e === PodEncapsulation.VXLAN ? vxlan : ipip.ip ? ipip : vxlan;
  return pick.ip ? { ...pick, ip: pick.ip } : undefined;
}

/**
 * The specific fix for a blocked flow. docs/scenarios.md#001: with IPIP, a node reaches pods on other nodes from its
 * `tunl0` address; when no host endpoint lists that address (explicit `eth0` endpoints only), no policy recognises the
 * node.
 */
/**
 * What {@link fixFor} reads of the host endpoints and nodes: computed once, on first use (not once per blocked flow).
 */
interface FixFacts {
  readonly listed: ReadonlySet<unknown>;
  readonly automatic: boolean;
  /** The first node of each engine id (`node/<name>`). */
  readonly nodeById: ReadonlyMap<string, InventoryNode>;
}

function hostEndpointFacts(docs: readonly any[], nodes: readonly InventoryNode[]): () => FixFacts {
  let facts: FixFacts | undefined;
  return () => {
    if (facts) return facts;
    // One pass: every address a host endpoint lists, and whether kube-controllers creates endpoints.
    const listed = new Set<unknown>();
    let automatic = false;
    for (let i = 0; i < docs.length; i++) {
      const d = docs[i];
      if (d?.kind === 'HostEndpoint') {
        if (Array.isArray(d.spec?.expectedIPs)) for (const ip of d.spec.expectedIPs) listed.add(ip);
      } else if (d?.kind === 'KubeControllersConfiguration') {
        automatic ||= d.spec?.controllers?.node?.hostEndpoint?.autoCreate === 'Enabled';
      }
    }
    const nodeById = new Map<string, InventoryNode>();
    for (const n of nodes) if (!nodeById.has(`node/${n.name}`)) nodeById.set(`node/${n.name}`, n);
    return (facts = { listed, automatic, nodeById });
  };
}

function fixFor(flow: EssentialFlow, input: GuardInput, hepFacts: () => FixFacts): string {
  if (flow.id === NodeFlow.FLANNEL_VXLAN && input.baseline.flannelVxlanPort === undefined) {
    return (
      `the cluster runs Canal (flannel VXLAN on UDP ${flow.port}) and the pool's baseline does not open it: set \`network: ` +
      `{ encapsulation: PodEncapsulation.FLANNEL_VXLAN, flannelVxlanPort: ${flow.port} }\` (a FlannelNetwork created before the pool ` +
      'sets it by itself)'
    );
  }
  if (flow.id === NodeFlow.NODE_TO_POD) {
    const node = hepFacts().nodeById.get(flow.from);
    const t = node ? tunnelOf(node, input.baseline.encapsulation) : undefined;
    const { listed, automatic } = hepFacts();
    if (t && !listed.has(t.ip) && !automatic) {
      return (
        `add ${t.construct}: the node sends to pods on other nodes from its ${t.device} address ${t.ip}, which no host ` +
        `endpoint lists, so no policy recognises it as a node (\`new IpipTunnelEndpoints(chart, 'Tunnels', { pool })\`)`
      );
    }
  }
  return (
    'change the policy that blocks it, or allow the flow another way (the baseline piece ' +
    `\`baseline.${BASELINE_PIECE[flow.id]}\`, or an allow rule evaluated before what blocks it)`
  );
}

/** `CONTROL_PLANE_TO_KUBELET` for `control-plane-to-kubelet`. */
export function nodeFlowKey(flow: NodeFlow): string {
  return Object.entries(NodeFlow).find(([, v]) => v === flow)![0];
}

/**
 * Formats blocked flows: the first one of each kind, with the deciding policy and rule, how many more, and the fix
 * (`ack` says how to acknowledge the flow where the caller is: a pool prop, or an annotation in manifests).
 */
export function formatBlockedFlows(
  blocked: readonly BlockedFlow[],
  ack: (flow: NodeFlow) => string = poolAcknowledgement,
): string[] {
  const byWhat = new Map<string, BlockedFlow[]>();
  for (const b of blocked) {
    const list = byWhat.get(b.flow.what);
    if (list) list.push(b);
    else byWhat.set(b.flow.what, [b]);
  }
  const out: string[] = [];
  for (const [what, list] of byWhat) {
    const { flow, result } = list[0];
    const last = [...result.steps].reverse().find((s) => !s.allowed);
    const d = last?.decision;
    const rule =
      d?.policy !== undefined
        ? ` (blocked by ${d.policyKind ?? 'policy'} ${d.policy} in tier ${d.tier}, rule ${d.ruleIndex})`
        : '';
    const more = list.length > 1 ? ` (and ${list.length - 1} more flow${list.length > 2 ? 's' : ''} like it)` : '';
    const port = flow.port !== undefined ? ` ${flow.port}` : '';
    out.push(
      `lockout guard: ${what} is blocked: ${flow.from} → ${flow.to} ${flow.protocol}${port}: ${result.reason}${rule}${more}; ` +
        `fix: ${list[0].fix}, or ${ack(flow.id)}`,
    );
  }
  return out;
}

/** How a SecuredNodePool acknowledges a blocked flow. */
export function poolAcknowledgement(flow: NodeFlow): string {
  return `acknowledge this exact flow with \`acknowledgeBlockedFlows: [NodeFlow.${nodeFlowKey(flow)}]\` on the pool`;
}

/** Nodes whose labels match, for a selector. @internal */
export function nodesMatching(
  nodes: readonly InventoryNode[],
  selector: Selector,
  labelsOf: (n: InventoryNode) => { readonly [k: string]: string },
): InventoryNode[] {
  return nodes.filter((n) => selector.matches(labelsOf(n)));
}

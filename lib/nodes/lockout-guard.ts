import { ApiObject } from 'cdk8s';
import { IConstruct } from 'constructs';
import { NetworkModel } from '../analysis/network-model';
import type { Encapsulation } from '../analysis/model/build';
import type { EvaluateResult } from '../analysis/result';
import { CalicoObject } from '../core/calico-object';
import { Selector } from '../selector';
import { formatIp, parseCidr } from '../validation/rules/cidr';
import { PodEncapsulation, ResolvedBaseline } from './node-baseline';
import type { InventoryNode, NodeInventory } from './node-inventory';

/** One flow the baseline promises, checked by the guard. */
export interface EssentialFlow {
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
}

/** Where the guard's probe pod lives (a synthetic namespace with a deny-all NetworkPolicy). */
export const PROBE_NAMESPACE = 'cdk8s-calico-lockout-probe';
const PROBE_POD = 'isolated-pod';
const PROBE_IP = '198.18.0.10';
const PROBE_PORT = 8080;

/** What the guard needs to know about a pool. @internal */
export interface GuardInput {
  /** Every manifest the app emits ({@link appManifests}). */
  readonly manifests: readonly any[];
  readonly inventory: NodeInventory;
  /** The pool's nodes (inventory nodes its selector matches). */
  readonly nodes: readonly InventoryNode[];
  /** Effective labels of a node's host endpoints. */
  readonly labelsOf: (n: InventoryNode) => { readonly [k: string]: string };
  readonly baseline: ResolvedBaseline;
}

/**
 * Every object the app defines, as plain manifests, without running cdk8s synthesis (so without recursing into
 * validation): Calico objects through their own renderer, other ApiObjects through `toJson()`. JSON patches made
 * on Calico objects through `ApiObject.of(...)` are not seen.
 */
export function appManifests(root: IConstruct): any[] {
  const all = root.node.findAll();
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

/** The flows the guard checks for a pool's baseline. */
/**
 * The flows the guard proves. `policySelectors` are the selectors of the app's GlobalNetworkPolicies: nodes that
 * the same policies select behave alike, so the per-node checks of the rest of the baseline run on one node of each
 * such group (every node when none are given).
 */
export function essentialFlows(input: GuardInput, policySelectors?: readonly Selector[]): EssentialFlow[] {
  const b = input.baseline;
  const nodes = input.nodes;
  const flows: EssentialFlow[] = [];
  if (nodes.length === 0) return flows;
  const id = (n: InventoryNode) => `node/${n.name}`;
  const peerOf = (i: number) => nodes[(i + 1) % nodes.length];
  const cps = b.kubernetes ? nodes.filter((n) => b.controlPlaneSelector.matches(input.labelsOf(n))) : [];
  const cp = cps[0];
  if (cp) {
    // Every node: the kubelet is how the control plane manages it.
    nodes.forEach((n) => {
      flows.push({ what: 'control plane → kubelet (TCP 10250)', from: id(cp), to: id(n), protocol: 'TCP', port: 10250 });
    });
    cps.forEach((c, i) => {
      flows.push({ what: 'API server → kubelet on its own node, over lo (TCP 10250)', from: id(c), to: id(c), protocol: 'TCP', port: 10250 });
      const other = cps[(i + 1) % cps.length];
      flows.push({ what: 'etcd among control-plane nodes (TCP 2380)', from: id(c), to: id(other), protocol: 'TCP', port: 2380 });
    });
  }
  // The rest of the baseline is the same for nodes the same policies select: one node of each such group is enough,
  // which keeps the guard under a second at 10,000 nodes. (The kubelet above and node → pod below run on every node.)
  const known = new Set(input.inventory.nodes.flatMap((x) => [...x.internalIps, ...x.bgpIps, ...tunnelIps(x)]));
  for (const n of policySelectors ? onePerPolicyGroup(nodes, input.labelsOf, policySelectors) : nodes) {
    const i = nodes.indexOf(n);
    if (cp) flows.push({ what: 'kubelet → API server (TCP 6443)', from: id(n), to: id(cp), protocol: 'TCP', port: 6443 });
    if (b.calico && nodes.length > 1) {
      if (b.bgp) flows.push({ what: 'BGP between nodes (TCP 179)', from: id(n), to: id(peerOf(i)), protocol: 'TCP', port: 179 });
      if (b.wireguard) flows.push({ what: 'WireGuard between nodes (UDP 51820)', from: id(n), to: id(peerOf(i)), protocol: 'UDP', port: 51820 });
      if (b.typha) flows.push({ what: 'calico-node → Typha (TCP 5473)', from: id(n), to: id(peerOf(i)), protocol: 'TCP', port: 5473 });
      if (b.encapsulation === PodEncapsulation.VXLAN) flows.push({ what: 'VXLAN between nodes (UDP 4789)', from: id(n), to: id(peerOf(i)), protocol: 'UDP', port: 4789 });
    }
    if (b.hostLocal) flows.push({ what: 'a node reaching its own address over lo (kubelet probes of hostNetwork pods)', from: id(n), to: id(n), protocol: 'TCP', port: 10256 });
    if (b.dns) flows.push({ what: 'DNS from the node (UDP 53)', from: id(n), to: EXTERNAL_RESOLVER, protocol: 'UDP', port: 53 });
    if (b.icmp && nodes.length > 1) flows.push({ what: 'ICMP between nodes', from: id(n), to: id(peerOf(i)), protocol: 'ICMP' });
    for (const cidr of b.sshFrom) {
      const admin = clientAddress(cidr, n, known);
      if (admin) flows.push({ what: `SSH from the admin network ${cidr} (TCP 22)`, from: admin, to: id(n), protocol: 'TCP', port: 22 });
    }
    const nodePortSource = b.nodePortsFrom?._toEntityRule().nets?.[0];
    const client = nodePortSource ? clientAddress(nodePortSource, n, known) : undefined;
    if (client) flows.push({ what: `NodePorts from ${nodePortSource} (TCP ${b.nodePortRange.from})`, from: client, to: id(n), protocol: 'TCP', port: b.nodePortRange.from });
  }
  if (b.nodeToPod) {
    for (const n of nodes) {
      flows.push({ what: 'node → pod on another node (an isolated pod)', from: id(n), to: `${PROBE_NAMESPACE}/${PROBE_POD}`, protocol: 'TCP', port: PROBE_PORT });
    }
  }
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

function onePerPolicyGroup(nodes: readonly InventoryNode[], labelsOf: (n: InventoryNode) => { readonly [k: string]: string }, selectors: readonly Selector[]): InventoryNode[] {
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
  return [n.ipipTunnelAddress, n.vxlanTunnelAddress, n.vxlanTunnelAddressV6, n.wireguardAddress, n.wireguardAddressV6].filter((x): x is string => typeof x === 'string');
}

/** The synthetic cluster state the guard adds: the inventory's Nodes and, for node-to-pod, an isolated probe pod. */
function probeObjects(input: GuardInput): any[] {
  const docs = input.inventory.toNodeManifests();
  if (input.baseline.nodeToPod && input.nodes.length > 0) {
    const host = input.nodes[input.nodes.length - 1];
    docs.push(
      { apiVersion: 'v1', kind: 'Namespace', metadata: { name: PROBE_NAMESPACE } },
      {
        apiVersion: 'v1', kind: 'Pod', metadata: { name: PROBE_POD, namespace: PROBE_NAMESPACE, labels: { app: 'lockout-probe' } },
        spec: { nodeName: host.name, containers: [{ name: 'probe', image: 'probe', ports: [{ containerPort: PROBE_PORT }] }] },
        status: { podIP: PROBE_IP, podIPs: [{ ip: PROBE_IP }] },
      },
      {
        apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: 'deny-all', namespace: PROBE_NAMESPACE },
        spec: { podSelector: {}, policyTypes: ['Ingress'] },
      },
    );
  }
  return docs;
}

function engineEncapsulation(e: PodEncapsulation): Encapsulation | undefined {
  if (e === PodEncapsulation.IPIP) return 'IPIP';
  if (e === PodEncapsulation.VXLAN) return 'VXLAN';
  return undefined;
}

/** Runs the essential flows through the reachability engine; returns the blocked ones. */
export function findBlockedFlows(input: GuardInput): BlockedFlow[] {
  const docs = [...input.manifests, ...probeObjects(input)];
  const model = NetworkModel.fromManifests(docs, { encapsulation: engineEncapsulation(input.baseline.encapsulation) });
  const blocked: BlockedFlow[] = [];
  const selectors = docs
    .filter((d) => d?.apiVersion === 'projectcalico.org/v3' && d.kind === 'GlobalNetworkPolicy')
    .map((d) => parseOrUndefined(typeof d.spec?.selector === 'string' ? d.spec.selector : ''))
    .filter((sel): sel is Selector => sel !== undefined); // a bad selector is reported by validation, not here
  for (const flow of essentialFlows(input, selectors)) {
    const result = model.evaluate({ from: flow.from, to: flow.to, protocol: flow.protocol, port: flow.port });
    if (!result.allowed) blocked.push({ flow, result });
  }
  return blocked;
}

/** Formats blocked flows: the first one of each kind, with the deciding policy and rule, and how many more. */
export function formatBlockedFlows(blocked: readonly BlockedFlow[]): string[] {
  const byWhat = new Map<string, BlockedFlow[]>();
  for (const b of blocked) byWhat.set(b.flow.what, [...(byWhat.get(b.flow.what) ?? []), b]);
  const out: string[] = [];
  for (const [what, list] of byWhat) {
    const { flow, result } = list[0];
    const last = [...result.steps].reverse().find((s) => !s.allowed);
    const d = last?.decision;
    const rule = d?.policy !== undefined
      ? ` (blocked by ${d.policyKind ?? 'policy'} ${d.policy} in tier ${d.tier}, rule ${d.ruleIndex})`
      : '';
    const more = list.length > 1 ? ` (and ${list.length - 1} more flow${list.length > 2 ? 's' : ''} like it)` : '';
    out.push(`lockout guard: ${what} is blocked: ${flow.from} → ${flow.to} ${flow.protocol}${flow.port !== undefined ? ` ${flow.port}` : ''}: ${result.reason}${rule}${more}`);
  }
  return out;
}

/** Nodes whose labels match, for a selector. @internal */
export function nodesMatching(nodes: readonly InventoryNode[], selector: Selector, labelsOf: (n: InventoryNode) => { readonly [k: string]: string }): InventoryNode[] {
  return nodes.filter((n) => selector.matches(labelsOf(n)));
}

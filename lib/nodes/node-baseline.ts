import { Construct } from 'constructs';
import {
  boundaryError,
  guardArray,
  guardInteger,
  guardObject,
  guardKnownKeys,
  guardOptionalBoolean,
  guardOptionalEnum,
  withField,
} from '../model/primitives/guard';
import { GlobalNetworkPolicy } from '../policy/global-network-policy';
import { IPeer, Peer } from '../policy/peer';
import { Port } from '../policy/port';
import { Protocol } from '../policy/protocol';
import { ITier } from '../policy/tier';
import { Selector } from '../selector';
import { guardOptionalSelector } from '../selector/selector-guard';
import { guardNestedProps, guardOptionalPeer } from '../policy/value-guards';
import { NODE_POLICY_ORDER } from './node-policy-scope';
import { FLANNEL_VXLAN_DEFAULT_PORT } from '../analysis/network/model/dataplane';
import { PodEncapsulation } from '../model/primitives/encapsulation';
import { PORT_RANGE } from '../model/primitives/ports';

/** How pod traffic crosses nodes: one definition with the engine's, in lib/model/primitives/encapsulation.ts. */
export { PodEncapsulation } from '../model/primitives/encapsulation';

/** The Calico network the pool's nodes run: decides which CNI ports the baseline opens. */
export interface NodeNetworkProps {
  /**
   * Pod traffic encapsulation between nodes.
   * @default PodEncapsulation.NONE (the reachability engine then infers it from the app's IPPools)
   */
  readonly encapsulation?: PodEncapsulation;
  /**
   * Nodes peer over BGP (TCP 179).
   * @default - true, except with VXLAN and FLANNEL_VXLAN encapsulation (Canal runs no BGP)
   */
  readonly bgp?: boolean;
  /**
   * flannel's VXLAN UDP port (net-conf.json `Backend.Port`), with FLANNEL_VXLAN encapsulation.
   * @default - the FlannelNetwork's port when one is in the cluster, else 8472 (the Linux kernel's default)
   */
  readonly flannelVxlanPort?: number;
  /**
   * WireGuard encryption between nodes (UDP 51820 for IPv4, 51821 for IPv6).
   * @default false
   */
  readonly wireguard?: boolean;
  /**
   * calico-node talks to Typha (TCP 5473).
   * @default true
   */
  readonly typha?: boolean;
}

/** The NodePort range. */
export interface NodePortRange {
  /** First port. */
  readonly from: number;
  /** Last port. */
  readonly to: number;
}

/** The essential traffic a node pool allows before any of your rules; switch off any piece you do not want. */
export interface NodeBaselineProps {
  /**
   * Kubernetes: the API server (TCP 6443) on control-plane nodes from `apiServerSources`, the kubelet (TCP 10250) on
   * every node from the control plane, etcd (TCP 2379-2380) among control-plane nodes.
   * @default true
   */
  readonly kubernetes?: boolean;
  /**
   * Who may reach the API server.
   * @default Peer.any()
   */
  readonly apiServerSources?: IPeer;
  /**
   * Which of the pool's nodes run the control plane (matched against node labels).
   * @default Selector.has('node-role.kubernetes.io/control-plane')
   */
  readonly controlPlaneSelector?: Selector;
  /**
   * Calico itself between the pool's nodes: BGP, IPIP / VXLAN / WireGuard as configured in `network`, Typha.
   * @default true
   */
  readonly calico?: boolean;
  /**
   * DNS from the nodes (UDP and TCP 53, egress).
   * @default true
   */
  readonly dns?: boolean;
  /**
   * ICMP and ICMPv6 (path MTU discovery, neighbour discovery, ping), both ways.
   * @default true
   */
  readonly icmp?: boolean;
  /**
   * Admin networks (CIDRs) allowed to reach SSH (TCP 22). TCP 22 is a Felix failsafe port, accepted before any policy
   * (`felix/rules/static.go` failsafeInChain), so the pool also narrows that failsafe entry to these networks in the
   * cluster's FelixConfiguration `default` (`{ protocol: TCP, port: 22, net: <cidr> }`): everyone else then meets the
   * pool's policies, and the lockout guard proves these networks still get in.
   * @default - no SSH rule, and the TCP 22 failsafe left open to every address
   */
  readonly sshFrom?: string[];
  /**
   * Who may reach the NodePort range; set it when you expose NodePort services.
   * @default - NodePorts not opened
   */
  readonly nodePortsFrom?: IPeer;
  /**
   * The NodePort range (kube-apiserver `--service-node-port-range`).
   * @default { from: 30000, to: 32767 }
   */
  readonly nodePortRange?: NodePortRange;
  /**
   * Host-local traffic over loopback (127.0.0.0/8, ::1/128), which all-interfaces (`*`) host endpoints police
   * (Calico issue 4478).
   * @default true
   */
  readonly hostLocal?: boolean;
  /**
   * Node-to-pod access: a policy that admits the pool's host endpoints to every workload, so health checks and
   * node-originated traffic reach pods whatever their own policies say (docs/scenarios.md#001). Traffic from a host to
   * its own pods is never policed; this is for pods on other nodes, and needs the tunnel address in a host endpoint
   * when traffic is encapsulated. The lockout guard proves the essential part with or without it: a node reaches a
   * pod on another node that admits host endpoints (its source address is in one, nothing on the hosts blocks it).
   * @default true
   */
  readonly nodeToPod?: boolean;
}

/** The resolved baseline (not exported from the package; public declarations name it). */
export interface ResolvedBaseline {
  readonly kubernetes: boolean;
  readonly controlPlaneSelector: Selector;
  readonly apiServerSources: IPeer;
  readonly calico: boolean;
  readonly dns: boolean;
  readonly icmp: boolean;
  readonly sshFrom: string[];
  readonly nodePortsFrom?: IPeer;
  readonly nodePortRange: NodePortRange;
  readonly hostLocal: boolean;
  readonly nodeToPod: boolean;
  readonly encapsulation: PodEncapsulation;
  /** flannel's VXLAN port, with FLANNEL_VXLAN encapsulation only. */
  readonly flannelVxlanPort?: number;
  readonly bgp: boolean;
  readonly wireguard: boolean;
  readonly typha: boolean;
}

const BASELINE_KEYS = [
  'kubernetes',
  'apiServerSources',
  'controlPlaneSelector',
  'calico',
  'dns',
  'icmp',
  'sshFrom',
  'nodePortsFrom',
  'nodePortRange',
  'hostLocal',
  'nodeToPod',
] as const;
const NETWORK_KEYS = ['encapsulation', 'bgp', 'wireguard', 'typha', 'flannelVxlanPort'] as const;

/**
 * Checks a pool's `baseline` props at `where` (the pool's path), each error under `baseline.<prop>`; value helpers
 * (`Peer.nets` for `sshFrom`, `Port.tcpRange` for `nodePortRange`) report under the prop that fed them.
 * @deprecated internal helper that the package root exported by accident; it will leave the public API (no replacement)
 */
export function guardBaselineProps(
  v: NodeBaselineProps | undefined,
  where: string,
  field = 'baseline',
): NodeBaselineProps {
  const b = guardNestedProps(v, where, field, BASELINE_KEYS);
  for (const key of ['kubernetes', 'calico', 'dns', 'icmp', 'hostLocal', 'nodeToPod'] as const)
    guardOptionalBoolean(b[key], where, `${field}.${key}`);
  guardOptionalPeer(b.apiServerSources, where, `${field}.apiServerSources`);
  guardOptionalPeer(b.nodePortsFrom, where, `${field}.nodePortsFrom`);
  const cp = guardOptionalSelector(b.controlPlaneSelector, where, `${field}.controlPlaneSelector`);
  if (cp?.usesGlobal()) {
    throw boundaryError(
      where,
      `${field}.controlPlaneSelector`,
      `${cp}: global() cannot select nodes; fix: select the control-plane nodes by their labels`,
    );
  }
  if (b.sshFrom !== undefined) {
    // Each CIDR as the SSH rule will hold it (strictly masked, Peer.nets' rules), reported under sshFrom[i].
    const list = guardArray(
      b.sshFrom,
      where,
      `${field}.sshFrom`,
      (cidr, f) => withField(where, f, () => Peer.nets(cidr as string) && (cidr as string)),
      { of: 'CIDRs' },
    );
    // Calico refuses duplicate rule nets (`Duplicate value`), which would otherwise fail later in the Ssh policy.
    const dup = list.findIndex((c, i) => list.indexOf(c) !== i);
    if (dup >= 0)
      throw boundaryError(
        where,
        `${field}.sshFrom[${dup}]`,
        `"${list[dup]}" is listed twice; fix: list each admin network once`,
      );
  }
  if (b.nodePortRange !== undefined) {
    const r = guardObject(b.nodePortRange, where, `${field}.nodePortRange`, { expected: 'a port range { from, to }' });
    guardKnownKeys(r, ['from', 'to'], where, `${field}.nodePortRange`);
    const from = guardInteger(r.from, where, `${field}.nodePortRange.from`, PORT_RANGE);
    const to = guardInteger(r.to, where, `${field}.nodePortRange.to`, PORT_RANGE);
    if (from > to)
      throw boundaryError(
        where,
        `${field}.nodePortRange`,
        `${from}-${to} ends before it starts; fix: { from: ${to}, to: ${from} }`,
      );
  }
  return b;
}

/**
 * Checks a pool's `network` props (`encapsulation` is case-sensitive: `'ipip'` gets "did you mean").
 * @deprecated internal helper that the package root exported by accident; it will leave the public API (no replacement)
 */
export function guardNetworkProps(v: NodeNetworkProps | undefined, where: string, field = 'network'): NodeNetworkProps {
  const n = guardNestedProps(v, where, field, NETWORK_KEYS);
  guardOptionalEnum(n.encapsulation, PodEncapsulation, where, `${field}.encapsulation`, {
    enumName: 'PodEncapsulation',
  });
  for (const key of ['bgp', 'wireguard', 'typha'] as const) guardOptionalBoolean(n[key], where, `${field}.${key}`);
  if (n.flannelVxlanPort !== undefined) {
    guardInteger(n.flannelVxlanPort, where, `${field}.flannelVxlanPort`, PORT_RANGE);
    if (n.encapsulation !== undefined && n.encapsulation !== PodEncapsulation.FLANNEL_VXLAN) {
      throw boundaryError(
        where,
        `${field}.flannelVxlanPort`,
        `is flannel's port, but encapsulation is ${n.encapsulation}; ` +
          'fix: set encapsulation: PodEncapsulation.FLANNEL_VXLAN, or remove flannelVxlanPort',
      );
    }
  }
  return n;
}

/**
 * Fills in the defaults. @deprecated internal helper that the package root exported by accident; it will leave the
 * public API (no replacement)
 */
export function resolveBaseline(b: NodeBaselineProps = {}, n: NodeNetworkProps = {}): ResolvedBaseline {
  guardBaselineProps(b, 'resolveBaseline', 'b');
  guardNetworkProps(n, 'resolveBaseline', 'n');
  const encapsulation =
    n.encapsulation ?? (n.flannelVxlanPort !== undefined ? PodEncapsulation.FLANNEL_VXLAN : PodEncapsulation.NONE);
  const flannel = encapsulation === PodEncapsulation.FLANNEL_VXLAN;
  return {
    kubernetes: b.kubernetes ?? true,
    controlPlaneSelector: b.controlPlaneSelector ?? Selector.has('node-role.kubernetes.io/control-plane'),
    apiServerSources: b.apiServerSources ?? Peer.any(),
    calico: b.calico ?? true,
    dns: b.dns ?? true,
    icmp: b.icmp ?? true,
    sshFrom: Object.freeze([...(b.sshFrom ?? [])]) as string[],
    nodePortsFrom: b.nodePortsFrom,
    nodePortRange: b.nodePortRange ?? { from: 30000, to: 32767 },
    hostLocal: b.hostLocal ?? true,
    nodeToPod: b.nodeToPod ?? true,
    encapsulation,
    flannelVxlanPort: flannel ? (n.flannelVxlanPort ?? FLANNEL_VXLAN_DEFAULT_PORT) : undefined,
    bgp: n.bgp ?? (encapsulation !== PodEncapsulation.VXLAN && !flannel),
    wireguard: n.wireguard ?? false,
    typha: n.typha ?? true,
  };
}

/**
 * Creates the baseline policies of a pool, one GlobalNetworkPolicy per concern, named `<pool>-<concern>`, at
 * order {@link NODE_POLICY_ORDER.baseline} in the pool's tier.
 */
/** A node's name and addresses, for the rules that let a node reach itself. */
export interface NodeSelfAddresses {
  readonly name: string;
  readonly ips: string[];
}

/** What the baseline needs to know about the pool's nodes. */
export interface BaselineNodes {
  /** Each node's addresses, for the rules that let a node reach itself. */
  readonly selves: NodeSelfAddresses[];
  /** Whether egress needs those rules too (only when the pool denies egress by default). */
  readonly selfEgress: boolean;
}

export function createBaseline(
  scope: Construct,
  poolName: string,
  pool: Selector,
  tier: ITier,
  b: ResolvedBaseline,
  poolNodes: BaselineNodes = { selves: [], selfEgress: false },
): GlobalNetworkPolicy[] {
  const out: GlobalNetworkPolicy[] = [];
  const policy = (
    id: string,
    concern: string,
    selector: Selector,
    extra: { namespaceSelector?: Selector; order?: number } = {},
  ) => {
    const p = new GlobalNetworkPolicy(scope, id, {
      name: `${poolName}-${concern}`,
      tier,
      order: NODE_POLICY_ORDER.baseline,
      selector,
      ...extra,
    });
    out.push(p);
    return p;
  };
  const nodes = Peer.selector(pool);

  if (b.kubernetes) {
    const cp = pool.and(b.controlPlaneSelector);
    const k = policy('Kubernetes', 'kubernetes', pool);
    k.allowIngress(Peer.selector(cp), Port.tcp(10250), { description: 'kubelet API from the control plane' });
    k.allowEgress(Peer.selector(cp), Port.tcp(6443), { description: 'kubelet to the API server' });
    const c = policy('ControlPlane', 'control-plane', cp);
    c.allowIngress(b.apiServerSources, Port.tcp(6443), { description: 'Kubernetes API server' });
    c.allowIngress(Peer.selector(cp), Port.tcpRange(2379, 2380), { description: 'etcd among control-plane nodes' });
    c.allowEgress(nodes, Port.tcp(10250), { description: 'API server to the kubelets' });
    c.allowEgress(Peer.selector(cp), Port.tcpRange(2379, 2380), { description: 'etcd among control-plane nodes' });
  }
  if (b.calico) {
    const flows: [Port, string][] = [];
    if (b.bgp) flows.push([Port.tcp(179), 'BGP between nodes']);
    if (b.encapsulation === PodEncapsulation.IPIP) flows.push([Port.ofProtocol(Protocol.ipip()), 'IPIP between nodes']);
    if (b.encapsulation === PodEncapsulation.VXLAN) flows.push([Port.udp(4789), 'VXLAN between nodes']);
    // Canal: flannel's VXLAN packets are host traffic to Felix (it admits only Calico's own tunnels), so the pool's
    // policies police them (lib/analysis/network/evaluate/flannel-path.ts).
    if (b.flannelVxlanPort !== undefined)
      flows.push([Port.udp(b.flannelVxlanPort), 'flannel VXLAN between nodes (Canal)']);
    if (b.wireguard) flows.push([Port.udpRange(51820, 51821), 'WireGuard between nodes']);
    if (b.typha) flows.push([Port.tcp(5473), 'calico-node to Typha']);
    if (flows.length > 0) {
      const c = policy('Calico', 'calico', pool);
      for (const [port, description] of flows) c.allowIngress(nodes, port, { description });
      for (const [port, description] of flows) c.allowEgress(nodes, port, { description });
    }
  }
  if (b.dns) {
    const d = policy('Dns', 'dns', pool);
    d.allowEgress(Peer.any(), Port.udp(53), { description: 'DNS' });
    d.allowEgress(Peer.any(), Port.tcp(53), { description: 'DNS over TCP' });
  }
  if (b.icmp) {
    const i = policy('Icmp', 'icmp', pool);
    i.allowIngress(Peer.any(), Port.ofProtocol(Protocol.icmp()), { description: 'ICMP (path MTU discovery, ping)' });
    i.allowIngress(Peer.any(), Port.ofProtocol(Protocol.icmpv6()), {
      description: 'ICMPv6 (neighbour discovery, path MTU discovery, ping)',
    });
    i.allowEgress(Peer.any(), Port.ofProtocol(Protocol.icmp()), { description: 'ICMP' });
    i.allowEgress(Peer.any(), Port.ofProtocol(Protocol.icmpv6()), { description: 'ICMPv6' });
  }
  if (b.sshFrom.length > 0) {
    const v4 = b.sshFrom.filter((c) => !c.includes(':'));
    const v6 = b.sshFrom.filter((c) => c.includes(':'));
    const s = policy('Ssh', 'ssh', pool);
    if (v4.length > 0) s.allowIngress(Peer.nets(...v4), Port.tcp(22), { description: 'SSH from admin networks' });
    if (v6.length > 0)
      s.allowIngress(Peer.nets(...v6), Port.tcp(22), { description: 'SSH from admin networks (IPv6)' });
  }
  if (b.nodePortsFrom) {
    const { from, to } = b.nodePortRange;
    const np = policy('NodePorts', 'node-ports', pool);
    np.allowIngress(b.nodePortsFrom, Port.tcpRange(from, to), { description: 'NodePort services (TCP)' });
    np.allowIngress(b.nodePortsFrom, Port.udpRange(from, to), { description: 'NodePort services (UDP)' });
  }
  if (b.hostLocal) {
    const h = policy('HostLocal', 'host-local', pool);
    h.allowIngress(Peer.nets('127.0.0.0/8'), undefined, { description: 'host-local traffic over loopback' });
    h.allowIngress(Peer.nets('::1/128'), undefined, { description: 'host-local traffic over loopback (IPv6)' });
    h.allowEgress(Peer.nets('127.0.0.0/8'), undefined, { description: 'host-local traffic over loopback' });
    h.allowEgress(Peer.nets('::1/128'), undefined, { description: 'host-local traffic over loopback (IPv6)' });
  }
  if (b.hostLocal && poolNodes.selves.length > 0) {
    // A node reaching its own addresses also goes over lo, which "*" host endpoints police (Calico issue 4478: the
    // API server calling the kubelet, kubelet probes of hostNetwork pods). Calico has no "same node" selector, so
    // each node gets a rule from its addresses to its addresses (never to another node).
    const self = policy('HostSelf', 'host-self', pool, { order: NODE_POLICY_ORDER.hostSelf });
    for (const node of poolNodes.selves) {
      for (const family of [4, 6]) {
        const nets = node.ips
          .filter((ip) => ip.includes(':') === (family === 6))
          .map((ip) => `${ip}/${family === 6 ? 128 : 32}`);
        if (nets.length === 0) continue;
        const description = `${node.name} reaching its own addresses over lo`;
        self.allowIngress(Peer.nets(...nets), undefined, { localPeer: Peer.nets(...nets), description });
        if (poolNodes.selfEgress)
          self.allowEgress(Peer.nets(...nets), undefined, { localPeer: Peer.nets(...nets), description });
      }
    }
  }
  if (b.nodeToPod) {
    // Selects workloads only (namespaceSelector all()); admits the pool's host endpoints (global endpoints only).
    const n2p = policy('NodeToPod', 'node-to-pod', Selector.all(), { namespaceSelector: Selector.all() });
    n2p.allowIngress(Peer.selector(pool).and(Peer.globalEndpoints()), undefined, {
      description: "the pool's nodes reach every pod (health checks, node-originated traffic)",
    });
  }
  return out;
}

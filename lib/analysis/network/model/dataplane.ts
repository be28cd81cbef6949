/**
 * How pod traffic crosses nodes, and so which address a node's own traffic to a remote pod leaves from: the
 * encapsulation (given, read from IPPools, or inferred from flannel's and Calico's node annotations) and, per
 * node, the tunnel device and its address.
 *
 * - Calico IPIP / VXLAN: routes to remote pod blocks go through `tunl0` / `vxlan.calico`, whose address (the node's
 *   `projectcalico.org/IPv4IPIPTunnelAddr` / `IPv4VXLANTunnelAddr`) is the source of host → remote pod traffic
 *   (calico-node `node/pkg/allocateip/allocateip.go` assigns it for that purpose, and only while an enabled pool
 *   uses that encapsulation: `reconcileTunnelAddrs` removes it otherwise, so its presence implies the mode).
 * - Flannel VXLAN (Canal): `flannel.<VNI>` carries the address `lease.Subnet.IP/32`, the network address of the
 *   node's podCIDR (flannel `pkg/backend/vxlan/vxlan.go` RegisterNetwork: "This IP is just used as a source address
 *   for host to workload traffic"; the lease subnet is the Node's `spec.podCIDR`, `pkg/subnet/kube/kube.go`).
 */
import type { NodeInfo } from './endpoints';
import { toNet } from '../../../model/primitives/ip';
import { isPortNumber } from '../../../model/primitives/ports';
import type { PodEncapsulation, PodEncapsulationName } from '../../../model/primitives/encapsulation';

/**
 * How pod traffic between nodes travels (`FlannelVXLAN`: Canal, Calico policy on flannel's VXLAN overlay): the values
 * of the one enum, lib/model/primitives/encapsulation.ts `PodEncapsulation`, written as the enum or as its text.
 */
export type Encapsulation = PodEncapsulation | PodEncapsulationName;

/**
 * Flannel's node annotations (default prefix `flannel.alpha.coreos.com/`, flannel `pkg/subnet/kube/annotations.go`).
 */
export const FLANNEL_ANNOTATIONS = {
  backendType: 'flannel.alpha.coreos.com/backend-type',
  backendData: 'flannel.alpha.coreos.com/backend-data',
  publicIp: 'flannel.alpha.coreos.com/public-ip',
  kubeSubnetManager: 'flannel.alpha.coreos.com/kube-subnet-manager',
} as const;

/** Flannel's configuration (`net-conf.json` of the `canal-config` / `kube-flannel-cfg` ConfigMap). */
export interface FlannelConfigInfo {
  /** The ConfigMap, `namespace/name`. */
  readonly source: string;
  /** Backend type, lower case (flannel reads it case-insensitively; no `Backend` means `udp`). */
  readonly backendType: string;
  /** VXLAN network identifier: the device is `flannel.<vni>`. */
  readonly vni: number;
  /** `Backend.DirectRouting`: nodes on one subnet route to each other directly, without VXLAN. */
  readonly directRouting: boolean;
  /**
   * UDP port of the VXLAN packets: `Backend.Port`, else the Linux kernel's default 8472 (flannel leaves 0 to the
   * kernel).
   */
  readonly port: number;
}

/** What a node's flannel annotations say. */
export interface FlannelNodeInfo {
  /** `backend-type`, lower case. */
  readonly backendType?: string;
  /** VNI from `backend-data` (`{"VNI":1,"VtepMAC":"..."}`). */
  readonly vni?: number;
  /** `public-ip`: the address other nodes send this node's VXLAN packets to. */
  readonly publicIp?: string;
}

/** flannel's VXLAN port when nothing sets one: the Linux kernel's default (flannel passes Port 0 through). */
export const FLANNEL_VXLAN_DEFAULT_PORT = 8472;

/** flannel's backend as a parsed `net-conf.json` states it (everything of {@link FlannelConfigInfo} but its source). */
export type FlannelBackend = Omit<FlannelConfigInfo, 'source'>;

/**
 * The backend of a parsed `net-conf.json`. Flannel reads `Backend.Type` case-insensitively and runs `udp` when
 * `Backend` is absent (flannel `newBackend`); the VNI defaults to 1 (`pkg/backend/vxlan/vxlan.go` defaultVNI); a
 * `Port` that is not a UDP port number leaves the kernel's default. The engine and the node baseline
 * (lib/nodes/canal-vxlan.ts) both read it here.
 */
export function flannelBackend(conf: unknown): FlannelBackend {
  const backend = conf && typeof conf === 'object' ? (conf as Record<string, unknown>).Backend : undefined;
  const b = backend && typeof backend === 'object' ? (backend as Record<string, unknown>) : undefined;
  const port = b?.Port;
  return {
    backendType: typeof b?.Type === 'string' ? b.Type.toLowerCase() : 'udp',
    vni: typeof b?.VNI === 'number' && Number.isInteger(b.VNI) ? b.VNI : 1,
    directRouting: b?.DirectRouting === true,
    port: isPortNumber(port) ? port : FLANNEL_VXLAN_DEFAULT_PORT,
  };
}

/**
 * Which evidence shows flannel VXLAN, or undefined: a node annotated `backend-type: vxlan`, else (when no node is
 * annotated with another backend, such as host-gw: what flannel actually runs wins over the ConfigMap) a
 * `net-conf.json` with a vxlan backend.
 */
export function flannelVxlanEvidence(
  nodeBackendTypes: readonly (string | undefined)[],
  configBackendType?: string,
): 'node' | 'config' | undefined {
  if (nodeBackendTypes.includes('vxlan')) return 'node';
  if (nodeBackendTypes.some((t) => t !== undefined)) return undefined;
  return configBackendType === 'vxlan' ? 'config' : undefined;
}

/** The device and address a node's traffic to remote pods leaves from. */
export interface TunnelSource {
  readonly ip: string;
  readonly device: string;
}

/** The model's dataplane: encapsulation, why, and each node's tunnel sources. */
export interface Dataplane {
  readonly encapsulation: Encapsulation;
  /** Why this encapsulation, in words (for traces and `NetworkModel.encapsulationReason`). */
  readonly reason: string;
  /** True when read from node annotations or flannel's configuration rather than given or read from an IPPool. */
  readonly inferred: boolean;
}

/**
 * What the dataplane is inferred from; the ingested cluster state has it (a structural type keeps this file below
 * ingest).
 */
export interface DataplaneEvidence {
  readonly ipPools: ReadonlyArray<{ readonly name: string; readonly ipipMode: string; readonly vxlanMode: string }>;
  readonly nodes: readonly NodeInfo[];
  readonly flannel?: FlannelConfigInfo;
}

/**
 * Decides the encapsulation: the option, else IPPools that enable one, else flannel VXLAN, else node tunnel addresses.
 */

export function inferDataplane(state: DataplaneEvidence, option?: Encapsulation): Dataplane {
  const given = (encapsulation: Encapsulation, reason: string): Dataplane => ({
    encapsulation,
    reason,
    inferred: false,
  });
  const inferred = (encapsulation: Encapsulation, reason: string): Dataplane => ({
    encapsulation,
    reason,
    inferred: true,
  });
  if (option !== undefined) return given(option, `encapsulation ${option} (the encapsulation option)`);
  const vx = state.ipPools.find((p) => p.vxlanMode !== 'Never');
  if (vx) return given('VXLAN', `encapsulation VXLAN (IPPool ${vx.name} vxlanMode ${vx.vxlanMode})`);
  const ipip = state.ipPools.find((p) => p.ipipMode !== 'Never');
  if (ipip) return given('IPIP', `encapsulation IPIP (IPPool ${ipip.name} ipipMode ${ipip.ipipMode})`);
  const flannel = flannelEvidence(state);
  if (flannel) {
    // flannel's vxlan_network.go routes a same-subnet peer directly when DirectRouting is on; which nodes share a
    // subnet is not in the manifests, so every pair is modelled through flannel.<VNI> and the reason says so.
    const direct = state.flannel?.directRouting
      ? ' (DirectRouting: nodes on one subnet talk from their main address; modelled as VXLAN for every pair)'
      : '';
    return inferred('FlannelVXLAN', `encapsulation flannel VXLAN (Canal), inferred from ${flannel}${direct}`);
  }
  if (state.ipPools.length > 0)
    return given('None', 'no encapsulation (every IPPool has ipipMode and vxlanMode Never)');
  const noPool = 'no IPPool in the manifests';
  const v = state.nodes.find((n) => n.tunnels.vxlan || n.tunnels.vxlanV6);
  if (v) {
    const key = `projectcalico.org/IPv${v.tunnels.vxlan ? 4 : 6}VXLANTunnelAddr`;
    return inferred(
      'VXLAN',
      `encapsulation VXLAN inferred from node tunnel addresses (${v.name} has ${key}; ${noPool})`,
    );
  }
  const i = state.nodes.find((n) => n.tunnels.ipip);
  if (i) {
    const why = `${i.name} has projectcalico.org/IPv4IPIPTunnelAddr; ${noPool}`;
    return inferred('IPIP', `encapsulation IPIP inferred from node tunnel addresses (${why})`);
  }
  return given('None', 'no encapsulation (no IPPool, flannel configuration or node tunnel address in the manifests)');
}

/**
 * Where flannel VXLAN shows, in words, or undefined: a node's `backend-type: vxlan`, else a `net-conf.json` with a
 * vxlan backend.
 */
function flannelEvidence(state: DataplaneEvidence): string | undefined {
  const cfg = state.flannel;
  switch (
    flannelVxlanEvidence(
      state.nodes.map((x) => x.flannel?.backendType),
      cfg?.backendType,
    )
  ) {
    case 'node': {
      const n = state.nodes.find((x) => x.flannel?.backendType === 'vxlan')!;
      return `flannel node annotations (${n.name}: ${FLANNEL_ANNOTATIONS.backendType}: vxlan)`;
    }
    case 'config':
      return `flannel's net-conf.json (ConfigMap ${cfg!.source}, Backend.Type vxlan)`;
    default:
      return undefined;
  }
}

/**
 * The device and address `node` sends traffic to remote pods from under `encapsulation` (one per IP family), or
 * `[]` when it uses its main interface. A node missing the address (no annotation, no podCIDR) also gets `[]`.
 */
export function tunnelSources(
  node: NodeInfo,
  encapsulation: Encapsulation,
  flannel?: FlannelConfigInfo,
): TunnelSource[] {
  switch (encapsulation) {
    case 'IPIP':
      return node.tunnels.ipip ? [{ ip: node.tunnels.ipip, device: 'tunl0' }] : [];
    case 'VXLAN': {
      const out: TunnelSource[] = [];
      if (node.tunnels.vxlan) out.push({ ip: node.tunnels.vxlan, device: 'vxlan.calico' });
      if (node.tunnels.vxlanV6) out.push({ ip: node.tunnels.vxlanV6, device: 'vxlan-v6.calico' });
      return out;
    }
    case 'FlannelVXLAN': {
      const vni = node.flannel?.vni ?? flannel?.vni ?? 1;
      return flannelVtepAddresses(node).map(({ ip, family }) => ({
        ip,
        device: family === 4 ? `flannel.${vni}` : `flannel-v6.${vni}`,
      }));
    }
    default:
      return [];
  }
}

/** The network address of each podCIDR: flannel's `flannel.<VNI>` (/32) and `flannel-v6.<VNI>` (/128) addresses. */
export function flannelVtepAddresses(node: NodeInfo): Array<{ ip: string; family: 4 | 6 }> {
  const out: Array<{ ip: string; family: 4 | 6 }> = [];
  for (const c of node.podCidrs) {
    const net = toNet(c);
    if (!net || out.some((o) => o.family === net.family)) continue;
    out.push({ ip: net.text.split('/')[0], family: net.family });
  }
  return out;
}

/** Device names of tunnels: a host endpoint on one of them governs tunnelled traffic. */
export function isTunnelDevice(name: string): boolean {
  return TUNNEL_DEVICES.has(name) || /^flannel(-v6)?\.[0-9]+$/.test(name);
}

const TUNNEL_DEVICES = new Set(['tunl0', 'vxlan.calico', 'vxlan-v6.calico', 'wireguard.cali', 'wg-v6.cali']);

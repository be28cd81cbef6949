import * as fs from 'fs';
import { formatIp, parseCidr, parseIp } from '../validation/rules/cidr';
import { isDns1123Subdomain, isQualifiedName, isValidLabelValue } from '../validation/rules/names';

/** One node as the user describes it (or as {@link NodeInventory.fromKubectlObjects} reads it). */
export interface NodeDescription {
  /** The Kubernetes (and Calico) node name. */
  readonly name: string;
  /**
   * The node's labels (they are synced to automatic host endpoints and copied onto explicit ones).
   * @default - none
   */
  readonly labels?: { [key: string]: string };
  /** `InternalIP` addresses (IPv4 and/or IPv6); at least one. */
  readonly internalIps: string[];
  /**
   * Calico's BGP IPv4 address (`projectcalico.org/IPv4Address`), as a CIDR (`10.0.0.5/24`) or a plain IP.
   * @default - none
   */
  readonly bgpIpv4Address?: string;
  /**
   * Calico's BGP IPv6 address (`projectcalico.org/IPv6Address`), as a CIDR or a plain IP.
   * @default - none
   */
  readonly bgpIpv6Address?: string;
  /**
   * The `tunl0` address (`projectcalico.org/IPv4IPIPTunnelAddr`).
   * @default - none
   */
  readonly ipipTunnelAddress?: string;
  /**
   * The `vxlan.calico` address (`projectcalico.org/IPv4VXLANTunnelAddr`).
   * @default - none
   */
  readonly vxlanTunnelAddress?: string;
  /**
   * The `vxlan-v6.calico` address (`projectcalico.org/IPv6VXLANTunnelAddr`).
   * @default - none
   */
  readonly vxlanTunnelAddressV6?: string;
  /**
   * The `wireguard.cali` address (`projectcalico.org/IPv4WireguardInterfaceAddr`).
   * @default - none
   */
  readonly wireguardAddress?: string;
  /**
   * The `wg-v6.cali` address (`projectcalico.org/IPv6WireguardInterfaceAddr`).
   * @default - none
   */
  readonly wireguardAddressV6?: string;
}

/** A node of a {@link NodeInventory}: every address canonical and checked. */
export interface InventoryNode {
  readonly name: string;
  readonly labels: { readonly [key: string]: string };
  /** `InternalIP` addresses, IPv4 first, canonical. */
  readonly internalIps: readonly string[];
  /** BGP addresses without their prefix length. */
  readonly bgpIps: readonly string[];
  readonly ipipTunnelAddress?: string;
  readonly vxlanTunnelAddress?: string;
  readonly vxlanTunnelAddressV6?: string;
  readonly wireguardAddress?: string;
  readonly wireguardAddressV6?: string;
}

/** The Calico node annotations, in the order kube-controllers reads them. */
export const NODE_ANNOTATIONS = {
  bgpIpv4Address: 'projectcalico.org/IPv4Address',
  bgpIpv6Address: 'projectcalico.org/IPv6Address',
  ipipTunnelAddress: 'projectcalico.org/IPv4IPIPTunnelAddr',
  vxlanTunnelAddress: 'projectcalico.org/IPv4VXLANTunnelAddr',
  vxlanTunnelAddressV6: 'projectcalico.org/IPv6VXLANTunnelAddr',
  wireguardAddress: 'projectcalico.org/IPv4WireguardInterfaceAddr',
  wireguardAddressV6: 'projectcalico.org/IPv6WireguardInterfaceAddr',
} as const;

type AddressField = Exclude<keyof typeof NODE_ANNOTATIONS, 'bgpIpv4Address' | 'bgpIpv6Address'>;
const TUNNEL_FIELDS: readonly [AddressField, 4 | 6][] = [
  ['ipipTunnelAddress', 4], ['vxlanTunnelAddress', 4], ['vxlanTunnelAddressV6', 6], ['wireguardAddress', 4], ['wireguardAddressV6', 6],
];

function canonicalIp(text: unknown, node: string, field: string, family?: 4 | 6): string {
  const ip = typeof text === 'string' ? parseIp(text.trim()) : undefined;
  if (!ip) throw new Error(`NodeInventory: node "${node}": ${field}: ${JSON.stringify(text)} is not an IP address`);
  if (family !== undefined && ip.family !== family) {
    throw new Error(`NodeInventory: node "${node}": ${field}: ${JSON.stringify(text)} is not an IPv${family} address`);
  }
  return formatIp(ip.family, ip.value);
}

function bgpIp(text: string, node: string, field: string, family: 4 | 6): string {
  if (text.includes('/')) {
    const c = parseCidr(text.trim());
    if (!c) throw new Error(`NodeInventory: node "${node}": ${field}: ${JSON.stringify(text)} is not a CIDR such as 10.0.0.5/24`);
    if (c.family !== family) throw new Error(`NodeInventory: node "${node}": ${field}: ${JSON.stringify(text)} is not an IPv${family} address`);
    return formatIp(c.family, c.ip);
  }
  return canonicalIp(text, node, field, family);
}

function normalise(d: NodeDescription, where: (field: string) => string): InventoryNode {
  const name = d.name;
  if (typeof name !== 'string' || !isDns1123Subdomain(name)) {
    throw new Error(`NodeInventory: ${where('name')}: ${JSON.stringify(name)} is not a valid node name (DNS-1123 subdomain)`);
  }
  const labels: { [key: string]: string } = {};
  for (const [k, v] of Object.entries(d.labels ?? {})) {
    if (!isQualifiedName(k) || typeof v !== 'string' || !isValidLabelValue(v)) {
      throw new Error(`NodeInventory: node "${name}": ${where(`labels["${k}"]`)}: ${JSON.stringify(v)} is not a valid label`);
    }
    labels[k] = v;
  }
  if (!Array.isArray(d.internalIps) || d.internalIps.length === 0) {
    throw new Error(`NodeInventory: node "${name}": ${where('internalIps')}: the node has no InternalIP address; fix: list at least one`);
  }
  const internal = [...new Set(d.internalIps.map((ip, i) => canonicalIp(ip, name, where(`internalIps[${i}]`))))]
    .sort((a, b) => (a.includes(':') ? 1 : 0) - (b.includes(':') ? 1 : 0));
  const bgp: string[] = [];
  if (d.bgpIpv4Address !== undefined) bgp.push(bgpIp(d.bgpIpv4Address, name, where('bgpIpv4Address'), 4));
  if (d.bgpIpv6Address !== undefined) bgp.push(bgpIp(d.bgpIpv6Address, name, where('bgpIpv6Address'), 6));
  const out: { -readonly [K in keyof InventoryNode]: InventoryNode[K] } = { name, labels, internalIps: internal, bgpIps: bgp };
  for (const [field, family] of TUNNEL_FIELDS) {
    const v = d[field];
    if (v !== undefined) out[field] = canonicalIp(v, name, where(field), family);
  }
  return out;
}

/**
 * The nodes of a cluster: names, labels, InternalIPs and Calico's node and tunnel addresses. Feeds explicit
 * host endpoints, tunnel endpoints and the lockout guard. Build it from a typed list or from the output of
 * `kubectl get nodes -o json`; missing or malformed data throws an error naming the node and the field.
 */
export class NodeInventory {
  /** From a typed list. */
  public static fromNodes(nodes: NodeDescription[]): NodeInventory {
    return new NodeInventory(nodes.map((d, i) => normalise(d, (f) => `nodes[${i}].${f}`)));
  }

  /** From the file `kubectl get nodes -o json` wrote (a `List`, or a JSON array of Node objects). */
  public static fromKubectlJson(file: string): NodeInventory {
    let parsed: unknown;
    try {
      parsed = JSON.parse(fs.readFileSync(file, 'utf8'));
    } catch (e) {
      throw new Error(`NodeInventory.fromKubectlJson(${file}): ${(e as Error).message}`);
    }
    return NodeInventory.fromKubectlObjects(parsed);
  }

  /** From parsed `kubectl get nodes -o json` output: a `List` (or `NodeList`), or an array of Node objects. */
  public static fromKubectlObjects(list: unknown): NodeInventory {
    const items = Array.isArray(list) ? list : (list as any)?.items;
    if (!Array.isArray(items)) {
      throw new Error('NodeInventory.fromKubectlObjects: expected a List with `items` (kubectl get nodes -o json) or an array of Node objects');
    }
    const nodes = items.filter((o: any) => o?.kind === undefined || o.kind === 'Node').map((o: any, i: number) => {
      const name = o?.metadata?.name;
      const label = typeof name === 'string' ? `node "${name}"` : `items[${i}]`;
      if (typeof name !== 'string') throw new Error(`NodeInventory: ${label}: metadata.name is missing`);
      const ann: { [k: string]: unknown } = o.metadata.annotations ?? {};
      const addresses: any[] = Array.isArray(o.status?.addresses) ? o.status.addresses : [];
      const internalIps = addresses.filter((a) => a?.type === 'InternalIP').map((a) => a.address);
      const d: { -readonly [K in keyof NodeDescription]: NodeDescription[K] } = { name, labels: o.metadata.labels ?? {}, internalIps };
      for (const [field, key] of Object.entries(NODE_ANNOTATIONS) as [keyof typeof NODE_ANNOTATIONS, string][]) {
        const v = ann[key];
        if (v === undefined || v === '') continue;
        if (typeof v !== 'string') throw new Error(`NodeInventory: node "${name}": metadata.annotations["${key}"]: expected a string`);
        d[field] = v;
      }
      return normalise(d, (f) => {
        if (f === 'internalIps') return 'status.addresses (type InternalIP)';
        if (f.startsWith('internalIps[')) return `status.addresses InternalIP ${f.slice('internalIps'.length)}`;
        if (f.startsWith('labels')) return `metadata.${f}`;
        const key = (NODE_ANNOTATIONS as Record<string, string>)[f];
        return key ? `metadata.annotations["${key}"]` : f;
      });
    });
    return new NodeInventory(nodes);
  }

  /** The nodes, in input order. */
  public readonly nodes: readonly InventoryNode[];

  private constructor(nodes: InventoryNode[]) {
    const seen = new Set<string>();
    for (const n of nodes) {
      if (seen.has(n.name)) throw new Error(`NodeInventory: node "${n.name}" is listed twice`);
      seen.add(n.name);
    }
    this.nodes = nodes;
  }

  /** Number of nodes. */
  public get size(): number {
    return this.nodes.length;
  }

  /** The node called `name`, or undefined. */
  public find(name: string): InventoryNode | undefined {
    return this.nodes.find((n) => n.name === name);
  }

  /**
   * The nodes as Kubernetes `Node` objects (names, labels, InternalIPs, Calico annotations), for the reachability
   * engine. Not meant to be applied.
   */
  public toNodeManifests(): any[] {
    return this.nodes.map((n) => {
      const annotations: { [k: string]: string } = {};
      const v4 = n.bgpIps.find((ip) => !ip.includes(':'));
      const v6 = n.bgpIps.find((ip) => ip.includes(':'));
      if (v4) annotations[NODE_ANNOTATIONS.bgpIpv4Address] = `${v4}/32`;
      if (v6) annotations[NODE_ANNOTATIONS.bgpIpv6Address] = `${v6}/128`;
      for (const [field] of TUNNEL_FIELDS) {
        const v = n[field];
        if (v) annotations[NODE_ANNOTATIONS[field]] = v;
      }
      return {
        apiVersion: 'v1',
        kind: 'Node',
        metadata: { name: n.name, labels: { ...n.labels }, annotations },
        status: { addresses: n.internalIps.map((address) => ({ type: 'InternalIP', address })) },
      };
    });
  }
}

import * as fs from 'fs';
import {
  boundaryError,
  describeValue,
  guardArray,
  guardKnownKeys,
  guardObject,
  guardString,
} from '../model/primitives/guard';
import { formatIp, parseCidr, parseIp } from '../model/primitives/cidr';
import { isDns1123Subdomain, isQualifiedName, isValidLabelValue } from '../model/primitives';
import { DUMP_FIX } from './inventory-messages';
import { canonicalV4Number } from '../model/primitives/dotted-ipv4';

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
  /** `InternalIP` addresses, IPv4 first, canonical (a frozen array). */
  readonly internalIps: string[];
  /** BGP addresses without their prefix length (a frozen array). */
  readonly bgpIps: string[];
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
  ['ipipTunnelAddress', 4],
  ['vxlanTunnelAddress', 4],
  ['vxlanTunnelAddressV6', 6],
  ['wireguardAddress', 4],
  ['wireguardAddressV6', 6],
];

/** Where an inventory error is reported: the API name and how a field of the current node is named. */
interface Where {
  readonly api: string;
  readonly field: (f: string) => string;
}

function fail(w: Where, field: string, detail: string): never {
  throw boundaryError(w.api, w.field(field), detail);
}

function canonicalIp(text: unknown, w: Where, field: string, family?: 4 | 6): string {
  // The common case without bigints (45,000 nodes read per lockout proof over manifests).
  if (family !== 6 && canonicalV4Number(text) !== undefined) return text as string;
  const ip = typeof text === 'string' ? parseIp(text.trim()) : undefined;
  if (!ip)
    fail(
      w,
      field,
      `${typeof text === 'string' ? JSON.stringify(text) : describeValue(text)} is not an IP address; fix: write a plain address such as 10.0.0.5 or 2001:db8::5`,
    );
  if (family !== undefined && ip.family !== family)
    fail(w, field, `${JSON.stringify(text)} is not an IPv${family} address; fix: give the IPv${family} address`);
  return formatIp(ip.family, ip.value);
}

function bgpIp(text: unknown, w: Where, field: string, family: 4 | 6): string {
  if (typeof text === 'string' && text.includes('/')) {
    const c = parseCidr(text.trim());
    if (!c)
      fail(
        w,
        field,
        `${JSON.stringify(text)} is not a CIDR such as 10.0.0.5/24; fix: write the address with its prefix length, or a plain IP`,
      );
    if (c.family !== family)
      fail(w, field, `${JSON.stringify(text)} is not an IPv${family} address; fix: give the IPv${family} address`);
    return formatIp(c.family, c.ip);
  }
  return canonicalIp(text, w, field, family);
}

const DESCRIPTION_KEYS = [
  'name',
  'labels',
  'internalIps',
  'bgpIpv4Address',
  'bgpIpv6Address',
  'ipipTunnelAddress',
  'vxlanTunnelAddress',
  'vxlanTunnelAddressV6',
  'wireguardAddress',
  'wireguardAddressV6',
];

/** Label pairs already found valid (thousands of nodes share a few labels); bounded, as any input may be read. */
const validLabels = new Map<string, Set<string>>();
const VALID_LABELS_LIMIT = 10_000;
let validLabelCount = 0;

/** Whether `k: v` is a valid label (a qualified key, a string label value). */
function validLabel(k: string, v: unknown): boolean {
  if (typeof v !== 'string') return false;
  if (validLabels.get(k)?.has(v)) return true;
  if (!isQualifiedName(k) || !isValidLabelValue(v)) return false;
  if (validLabelCount < VALID_LABELS_LIMIT) {
    let values = validLabels.get(k);
    if (!values) validLabels.set(k, (values = new Set()));
    values.add(v);
    validLabelCount++;
  }
  return true;
}

function normalise(d: NodeDescription, w: Where): InventoryNode {
  const name = d.name;
  if (typeof name !== 'string' || !isDns1123Subdomain(name)) {
    fail(
      w,
      'name',
      `${typeof name === 'string' ? JSON.stringify(name) : describeValue(name)} is not a valid node name (DNS-1123 subdomain); fix: use the Kubernetes node name (lowercase letters, digits, "-" and ".")`,
    );
  }
  const labels: { [key: string]: string } = {};
  if (d.labels !== undefined && (d.labels === null || typeof d.labels !== 'object' || Array.isArray(d.labels))) {
    fail(
      w,
      'labels',
      `expected an object of string values, got ${describeValue(d.labels)}; fix: pass labels as { key: 'value' }`,
    );
  }
  for (const [k, v] of Object.entries(d.labels ?? {})) {
    if (!validLabel(k, v)) {
      fail(
        w,
        `labels["${k}"]`,
        `${typeof v === 'string' ? JSON.stringify(v) : describeValue(v)} is not a valid label; fix: use a qualified key and a label value (at most 63 characters, alphanumeric at both ends)`,
      );
    }
    labels[k] = v;
  }
  if (!Array.isArray(d.internalIps) || d.internalIps.length === 0) {
    const fix =
      typeof d.internalIps === 'string' ? `wrap it in a list: [${JSON.stringify(d.internalIps)}]` : 'list at least one';
    fail(w, 'internalIps', `the node has no InternalIP address (got ${describeValue(d.internalIps)}); fix: ${fix}`);
  }
  const internal =
    d.internalIps.length === 1 && 0 in d.internalIps
      ? [canonicalIp(d.internalIps[0], w, 'internalIps[0]')] // the common case, without a Set and a sort
      : [...new Set(d.internalIps.map((ip, i) => canonicalIp(ip, w, `internalIps[${i}]`)))].sort(
          (a, b) => (a.includes(':') ? 1 : 0) - (b.includes(':') ? 1 : 0),
        );
  const bgp: string[] = [];
  if (d.bgpIpv4Address !== undefined) bgp.push(bgpIp(d.bgpIpv4Address, w, 'bgpIpv4Address', 4));
  if (d.bgpIpv6Address !== undefined) bgp.push(bgpIp(d.bgpIpv6Address, w, 'bgpIpv6Address', 6));
  const out: { -readonly [K in keyof InventoryNode]: InventoryNode[K] } = {
    name,
    labels,
    internalIps: Object.freeze(internal) as string[],
    bgpIps: Object.freeze(bgp) as string[],
  };
  for (const [field, family] of TUNNEL_FIELDS) {
    const v = d[field];
    if (v !== undefined) out[field] = canonicalIp(v, w, field, family);
  }
  return out;
}

/** `fs` errors as a sentence, never a raw errno. */
function readError(e: unknown): string {
  const code = (e as NodeJS.ErrnoException)?.code;
  switch (code) {
    case 'ENOENT':
      return 'no such file; fix: check the path (write it with kubectl get nodes -o json > nodes.json)';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied; fix: make the file readable';
    case 'EISDIR':
      return 'is a folder, not a file; fix: name the JSON file';
    case 'ELOOP':
      return 'is a symbolic link loop; fix: name the file itself';
    default:
      return `cannot be read (${code ?? 'unknown error'}); fix: check the path`;
  }
}

/**
 * The nodes of a cluster: names, labels, InternalIPs and Calico's node and tunnel addresses. Feeds explicit
 * host endpoints, tunnel endpoints and the lockout guard. Build it from a typed list or from the output of
 * `kubectl get nodes -o json`; missing or malformed data throws an error naming the node and the field.
 */
export class NodeInventory {
  /** From a typed list. */
  public static fromNodes(nodes: NodeDescription[]): NodeInventory {
    const api = 'NodeInventory.fromNodes';
    const list = guardArray(
      nodes,
      api,
      'nodes',
      (d, field) => {
        const o = guardObject(d, api, field, { expected: 'a node { name, internalIps, ... }' });
        guardKnownKeys(o, DESCRIPTION_KEYS, api, field);
        return o as unknown as NodeDescription;
      },
      { of: 'node descriptions' },
    );
    return new NodeInventory(
      list.map((d, i) => normalise(d, { api, field: (f) => `nodes[${i}].${f}` })),
      api,
    );
  }

  /**
   * From the file `kubectl get nodes -o json` wrote (a `List`, or a JSON array of Node objects). A combined dump
   * (`kubectl get nodes,pods -o json`) gives its Nodes; a file with no Node at all (a pods dump) is refused, naming
   * what it holds. An empty `List` is what kubectl prints for a cluster without nodes: it gives an empty inventory.
   */
  public static fromKubectlJson(file: string): NodeInventory {
    const api = 'NodeInventory.fromKubectlJson';
    guardString(file, api, 'file', { expected: 'a file path' });
    let text: string;
    try {
      text = fs.readFileSync(file, 'utf8');
    } catch (e) {
      throw boundaryError(api, 'file', `${file}: ${readError(e)}`);
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (e) {
      throw boundaryError(
        api,
        'file',
        `${file} is not JSON (${(e as Error).message}); fix: write it with kubectl get nodes -o json`,
      );
    }
    return NodeInventory.fromParsed(parsed, api, file);
  }

  /**
   * From parsed `kubectl get nodes -o json` output: a `List` (or `NodeList`), or an array of Node objects. Items of
   * other kinds are skipped when the list has Nodes too (a combined dump); a list with none is refused.
   */
  public static fromKubectlObjects(list: unknown): NodeInventory {
    return NodeInventory.fromParsed(list, 'NodeInventory.fromKubectlObjects');
  }

  private static fromParsed(list: unknown, api: string, file?: string): NodeInventory {
    const items = nodeItems(list, api, file);
    const nodes = items.map(({ o, i }) => {
      const name = o?.metadata?.name;
      const label = typeof name === 'string' ? `node "${name}"` : `items[${i}]`;
      if (typeof name !== 'string')
        throw boundaryError(api, `${label}: metadata.name`, 'missing; fix: give every Node its metadata.name');
      const ann: { [k: string]: unknown } = o.metadata.annotations ?? {};
      const addresses: any[] = Array.isArray(o.status?.addresses) ? o.status.addresses : [];
      const internalIps = addresses.filter((a) => a?.type === 'InternalIP').map((a) => a.address);
      const d: { -readonly [K in keyof NodeDescription]: NodeDescription[K] } = {
        name,
        labels: o.metadata.labels ?? {},
        internalIps,
      };
      for (const [field, key] of Object.entries(NODE_ANNOTATIONS) as [keyof typeof NODE_ANNOTATIONS, string][]) {
        const v = ann[key];
        if (v === undefined || v === '') continue;
        if (typeof v !== 'string') {
          throw boundaryError(
            api,
            `${label}: metadata.annotations["${key}"]`,
            `expected a string, got ${describeValue(v)}; fix: quote the value`,
          );
        }
        d[field] = v;
      }
      return normalise(d, { api, field: (f) => `${label}: ${kubectlField(f)}` });
    });
    return new NodeInventory(nodes, api);
  }

  /** The nodes, in input order (a frozen array). */
  public readonly nodes: InventoryNode[];

  private constructor(nodes: InventoryNode[], api: string) {
    const seen = new Set<string>();
    for (const n of nodes) {
      if (seen.has(n.name))
        throw boundaryError(api, 'nodes', `node "${n.name}" is listed twice; fix: list each node once`);
      seen.add(n.name);
    }
    this.nodes = Object.freeze([...nodes]) as InventoryNode[];
  }

  /** Number of nodes (0 for the empty `List` kubectl prints for a cluster without nodes). */
  public get size(): number {
    return this.nodes.length;
  }

  /** The node called `name`, or undefined. */
  public find(name: string): InventoryNode | undefined {
    guardString(name, 'NodeInventory.find', 'name', { expected: 'a node name' });
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

/**
 * The Node items of a parsed dump, with their positions. Refuses what is not a list of Nodes, naming what it is:
 * a single object (`kubectl get node x -o json`), a list of other kinds (a pods dump), an empty array (kubectl
 * prints an empty `List`, never `[]`). An item without `kind` counts as a Node (typed callers).
 */
function nodeItems(list: unknown, api: string, file?: string): Array<{ o: any; i: number }> {
  const isArray = Array.isArray(list);
  const items: unknown = isArray ? list : (list as any)?.items;
  const fix = file ? `${DUMP_FIX} (${file} is not one)` : DUMP_FIX;
  if (!Array.isArray(items)) {
    const kind = (list as any)?.kind;
    const got = typeof kind === 'string' ? `a single ${kind} object` : describeValue(list);
    throw boundaryError(
      api,
      'list',
      `expected a List with \`items\` (kubectl get nodes -o json) or an array of Node objects, got ${got}; ` +
        `fix: ${fix}`,
    );
  }
  const kind = isArray ? undefined : (list as any).kind;
  if (kind !== undefined && kind !== 'List' && kind !== 'NodeList') {
    throw boundaryError(api, 'kind', `expected List or NodeList, got ${describeValue(kind)}; fix: ${fix}`);
  }
  if (items.length === 0 && isArray) {
    throw boundaryError(
      api,
      'list',
      `expected at least one Node, got an empty array; fix: ${fix} ` +
        '(for a cluster without nodes kubectl prints an empty List)',
    );
  }
  const nodes = items.map((o, i) => ({ o: o as any, i })).filter(({ o }) => o?.kind === undefined || o.kind === 'Node');
  if (nodes.length === 0 && items.length > 0) {
    const first = (items[0] as any)?.kind;
    const kinds = [...new Set(items.map((o) => (o as any)?.kind).filter((k) => typeof k === 'string'))];
    const what =
      `none of the ${items.length} item${items.length === 1 ? ' is a Node' : 's is a Node'}` +
      `${kinds.length > 1 ? `: ${kinds.join(', ')}` : ''}`;
    throw boundaryError(api, 'items[0].kind', `expected Node, got ${describeValue(first)} (${what}); fix: ${fix}`);
  }
  return nodes;
}

/** How a NodeDescription field reads in `kubectl get nodes -o json` output. */
function kubectlField(f: string): string {
  if (f === 'internalIps') return 'status.addresses (type InternalIP)';
  if (f.startsWith('internalIps[')) return `status.addresses InternalIP ${f.slice('internalIps'.length)}`;
  if (f.startsWith('labels')) return `metadata.${f}`;
  const key = (NODE_ANNOTATIONS as Record<string, string>)[f];
  return key ? `metadata.annotations["${key}"]` : f;
}

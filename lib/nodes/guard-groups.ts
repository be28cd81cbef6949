/**
 * Which nodes the lockout guard must prove flows on. Two nodes whose host endpoints look the same to every policy
 * (the same selectors match their labels and their endpoints' labels, the same CIDRs hold their addresses, the same
 * endpoint shapes: interfaces, profiles, which of their addresses each endpoint lists) get the same verdict for
 * every essential flow, so one node per such group stands for all. That keeps the guard's cost independent of the
 * number of alike nodes (10,000 nodes: a handful of groups), and the model it builds small: only the chosen nodes'
 * Nodes and host endpoints go into it.
 */
import { parseCidr, parseIp } from '../model/primitives/cidr';
import { Selector } from '../selector';
import type { InventoryNode } from './node-inventory';
import { CALICO_API_VERSION as CALICO } from '../model/primitives/calico-constants';

const POLICY_KINDS = new Set([
  'GlobalNetworkPolicy',
  'NetworkPolicy',
  'StagedGlobalNetworkPolicy',
  'StagedNetworkPolicy',
]);
const NET_KEYS = new Set(['nets', 'notNets', 'net', 'cidr', 'interfaceCIDRs']);

function parseOrUndefined(text: unknown): Selector | undefined {
  if (typeof text !== 'string') return undefined;
  try {
    return Selector.parse(text);
  } catch {
    return undefined; // a bad selector is reported by validation, not here
  }
}

/** Every selector a policy uses (its own, and its rules' peers): they decide which endpoints and addresses match. */
function selectorsOf(docs: readonly any[]): Selector[] {
  const texts = new Set<string>();
  for (const d of docs) {
    if (d?.apiVersion !== CALICO || !POLICY_KINDS.has(d.kind)) continue;
    const spec = d.spec ?? {};
    if (typeof spec.selector === 'string') texts.add(spec.selector);
    for (const dir of ['ingress', 'egress']) {
      for (const r of Array.isArray(spec[dir]) ? spec[dir] : []) {
        for (const side of [r?.source, r?.destination]) {
          if (typeof side?.selector === 'string') texts.add(side.selector);
          if (typeof side?.notSelector === 'string') texts.add(side.notSelector);
        }
      }
    }
  }
  for (const d of docs) {
    // kube-controllers' templates pick nodes by selector: nodes on either side get different endpoints.
    if (d?.apiVersion !== CALICO || d.kind !== 'KubeControllersConfiguration') continue;
    const templates = d.spec?.controllers?.node?.hostEndpoint?.templates;
    for (const t of Array.isArray(templates) ? templates : [])
      if (typeof t?.nodeSelector === 'string') texts.add(t.nodeSelector);
  }
  return [...texts].map(parseOrUndefined).filter((s): s is Selector => s !== undefined);
}

/** A CIDR as a membership test over address texts (IPv4 without bigints: 10,000 nodes are tested against each). */
type Membership = (ip: string, v4: number | undefined) => boolean;

const V4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;

/** A canonical dotted IPv4 address as an unsigned 32-bit number; undefined for anything else. */
function v4Number(ip: string): number | undefined {
  const m = V4.exec(ip);
  if (!m) return undefined;
  const parts = [m[1], m[2], m[3], m[4]].map(Number);
  if (parts.some((x) => x > 255)) return undefined;
  return ((parts[0] << 24) | (parts[1] << 16) | (parts[2] << 8) | parts[3]) >>> 0;
}

/** Every CIDR text the Calico configuration mentions (policy nets, network sets, failsafe nets, pools, templates). */
function cidrTextsOf(docs: readonly any[]): string[] {
  const texts = new Set<string>();
  const walk = (v: unknown, key: string): void => {
    if (typeof v === 'string') {
      if (NET_KEYS.has(key)) texts.add(v);
    } else if (Array.isArray(v)) {
      for (const x of v) walk(x, key);
    } else if (v !== null && typeof v === 'object') {
      // for-in over own keys: Object.entries would allocate a pair per field of 150,000 policy specs.
      for (const k in v) if (Object.prototype.hasOwnProperty.call(v, k)) walk((v as Record<string, unknown>)[k], k);
    }
  };
  for (const d of docs) {
    if (d?.apiVersion !== CALICO || d.kind === 'HostEndpoint') continue;
    walk(d.spec, '');
  }
  return [...texts];
}

/** A CIDR text parsed (a bare address is its host CIDR); undefined when it is neither. */
function cidrOf(t: string): ReturnType<typeof parseCidr> {
  return parseCidr(t) ?? (parseIp(t) ? parseCidr(`${t}/${t.includes(':') ? 128 : 32}`) : undefined);
}

/** The CIDRs as membership tests, one per parsable text: the plain reference {@link cidrIndex} must agree with. */
function cidrsOf(texts: readonly string[]): Membership[] {
  const out: Membership[] = [];
  for (const t of texts) {
    const c = cidrOf(t);
    if (!c) continue;
    const hostBits = BigInt((c.family === 4 ? 32 : 128) - c.prefix);
    const network = c.network >> hostBits;
    if (c.family === 4) {
      const mask = c.prefix === 0 ? 0 : (0xffffffff << (32 - c.prefix)) >>> 0;
      const net = Number(c.network) >>> 0;
      out.push((ip, v4) => {
        if (v4 !== undefined) return (v4 & mask) >>> 0 === net;
        const a = parseIp(ip); // IPv4 in another spelling (IPv4-mapped IPv6)
        return a !== undefined && a.family === 4 && a.value >> hostBits === network;
      });
    } else {
      out.push((ip) => {
        const a = parseIp(ip);
        return a !== undefined && a.family === 6 && a.value >> hostBits === network;
      });
    }
  }
  return out;
}

/**
 * Which of the CIDRs (numbered as {@link cidrsOf} numbers them) hold an address, by prefix length and masked network:
 * one map lookup per prefix length in use instead of one test per CIDR (300,000-document inputs hold 60,000 CIDRs).
 * Returns the sorted numbers: equal for two addresses exactly when {@link cidrsOf}'s tests all agree on them.
 */
function cidrIndex(texts: readonly string[]): (ip: string) => string {
  const v4 = new Map<number, Map<number, number[]>>();
  const v6 = new Map<number, Map<string, number[]>>();
  let j = 0;
  const add = <K>(buckets: Map<number, Map<K, number[]>>, prefix: number, key: K) => {
    let byNet = buckets.get(prefix);
    if (!byNet) buckets.set(prefix, (byNet = new Map()));
    const list = byNet.get(key);
    if (list) list.push(j);
    else byNet.set(key, [j]);
  };
  for (const t of texts) {
    const c = cidrOf(t);
    if (!c) continue;
    // parseCidr clears host bits, so a masked address equals the network exactly when the CIDR holds it.
    if (c.family === 4) add(v4, c.prefix, Number(c.network) >>> 0);
    else add(v6, c.prefix, (c.network >> BigInt(128 - c.prefix)).toString());
    j++;
  }
  const v4Prefixes = [...v4.keys()];
  const v6Prefixes = [...v6.keys()];
  const memo = new Map<string, string>();
  return (ip) => {
    const hit = memo.get(ip);
    if (hit !== undefined) return hit;
    const found: number[] = [];
    let n = v4Number(ip);
    const a = n === undefined ? parseIp(ip) : undefined;
    if (a?.family === 4) n = Number(a.value) >>> 0;
    if (n !== undefined) {
      for (const p of v4Prefixes) {
        const mask = p === 0 ? 0 : (0xffffffff << (32 - p)) >>> 0;
        const list = v4.get(p)!.get((n & mask) >>> 0);
        if (list) found.push(...list);
      }
    } else if (a?.family === 6) {
      for (const p of v6Prefixes) {
        const list = v6.get(p)!.get((a.value >> BigInt(128 - p)).toString());
        if (list) found.push(...list);
      }
    }
    const key = found.sort((x, y) => x - y).join('.');
    memo.set(ip, key);
    return key;
  };
}

/** Selector verdicts over a label set, memoised by the labels' content (thousands of nodes share a few label sets). */
function selectorIndex(selectors: readonly Selector[]): (labels: { readonly [k: string]: string }) => string {
  const bits = (labels: { readonly [k: string]: string }): string => {
    let out = '';
    for (const sel of selectors) out += sel.matches(labels) ? '1' : '0';
    return out;
  };
  const memo = new Map<string, string>();
  return (labels) => {
    const keys = Object.keys(labels);
    // Only plain string labels are memoised (anything else is malformed input: computed as is).
    if (keys.some((k) => typeof labels[k] !== 'string')) return bits(labels);
    const key = JSON.stringify(keys.sort().map((k) => [k, labels[k]]));
    let hit = memo.get(key);
    if (hit === undefined) memo.set(key, (hit = bits(labels)));
    return hit;
  };
}

let plainSignatures = false;

/**
 * Whether {@link representativeNodes} computes node signatures the plain way (every selector and every CIDR tested
 * per address, no memo): the reference the equivalence tests compare the indexed way with. Returns the previous
 * setting. @internal
 */
export function setPlainGuardSignatures(on: boolean): boolean {
  const before = plainSignatures;
  plainSignatures = on;
  return before;
}

function tunnelAddresses(n: InventoryNode): (string | undefined)[] {
  return [n.ipipTunnelAddress, n.vxlanTunnelAddress, n.vxlanTunnelAddressV6, n.wireguardAddress, n.wireguardAddressV6];
}

/** Options of {@link representativeNodes}. */
export interface RepresentativeOptions {
  /** Nodes that are always kept (the control-plane nodes: the flows between them are checked pairwise). */
  readonly keep?: (n: InventoryNode) => boolean;
}

/**
 * One node of each group of nodes that every policy treats alike, plus the nodes `keep` names, in inventory order.
 * When the pool has several nodes the result has at least two, and ends with a node that is not the only one of its
 * group when there is one (the guard puts its probe pod on the last node, and checks the others reach it across
 * nodes). @internal
 */
export function representativeNodes(
  nodes: readonly InventoryNode[],
  labelsOf: (n: InventoryNode) => { readonly [k: string]: string },
  docs: readonly any[],
  options: RepresentativeOptions = {},
): InventoryNode[] {
  if (nodes.length <= 2) return [...nodes];
  const selectors = selectorsOf(docs);
  const cidrTexts = cidrTextsOf(docs);
  const hepsByNode = new Map<string, any[]>();
  for (const d of docs) {
    if (d?.kind !== 'HostEndpoint' || typeof d.spec?.node !== 'string') continue;
    const list = hepsByNode.get(d.spec.node);
    if (list) list.push(d);
    else hepsByNode.set(d.spec.node, [d]);
  }
  // Which selectors match a label set, and which CIDRs hold an address: the only facts policies decide on.
  // Indexed: the numbers of the CIDRs holding an address, selector verdicts memoised per label set (each computed
  // once per distinct address or label set); plain: a bit per selector and per CIDR, the reference.
  const plain = plainSignatures;
  const cidrs = plain ? cidrsOf(cidrTexts) : [];
  const selBits = plain
    ? (labels: { readonly [k: string]: string }): string => {
        let bits = '';
        for (const sel of selectors) bits += sel.matches(labels) ? '1' : '0';
        return bits;
      }
    : selectorIndex(selectors);
  const ipBits = plain
    ? (ip: string): string => {
        const v4 = v4Number(ip);
        let bits = '';
        for (const m of cidrs) bits += m(ip, v4) ? '1' : '0';
        return bits;
      }
    : cidrIndex(cidrTexts);
  const signature = (n: InventoryNode): string => {
    let sig = `${selBits(labelsOf(n))}/`;
    for (const ip of n.internalIps) sig += `i${ipBits(ip)},`;
    for (const ip of n.bgpIps) sig += `b${ipBits(ip)},`;
    const tunnels = tunnelAddresses(n);
    tunnels.forEach((ip, i) => {
      if (ip) sig += `t${i}${ipBits(ip)},`;
    });
    const role = (ip: string): string => {
      const t = tunnels.indexOf(ip);
      if (t >= 0) return `t${t}`;
      if (n.internalIps.includes(ip)) return 'i';
      return n.bgpIps.includes(ip) ? 'b' : `o${ipBits(ip)}`;
    };
    const heps = hepsByNode.get(n.name);
    if (heps) {
      const parts = heps.map((h) => {
        const ips = Array.isArray(h.spec.expectedIPs) ? h.spec.expectedIPs.map(role).join(',') : '';
        const ports = Array.isArray(h.spec.ports) && h.spec.ports.length > 0 ? JSON.stringify(h.spec.ports) : '';
        return `${h.spec.interfaceName ?? ''}|${(h.spec.profiles ?? []).join(',')}|${selBits(h.metadata?.labels ?? {})}|${ports}|${ips}`;
      });
      sig += `/${parts.sort().join(';')}`;
    }
    return sig;
  };
  const groups = new Map<string, InventoryNode[]>();
  const kept = new Set<InventoryNode>();
  for (const n of nodes) {
    if (options.keep?.(n)) kept.add(n);
    const key = signature(n);
    const g = groups.get(key);
    if (g) g.push(n);
    else groups.set(key, [n]);
  }
  const chosen = new Set<InventoryNode>(kept);
  for (const g of groups.values()) chosen.add(g[0]);
  // The probe pod's host: a second member of a group, so that group's node-to-pod flow is still checked across nodes.
  const spare = [...groups.values()].find((g) => g.length > 1 && !chosen.has(g[1]))?.[1];
  const out = nodes.filter((n) => chosen.has(n) && n !== spare);
  if (spare) out.push(spare);
  return out;
}

/**
 * `docs` without the Nodes and host endpoints of nodes outside `names` (their addresses then read as outside
 * addresses, which no essential flow between the chosen nodes uses). @internal
 */
export function manifestsForNodes(docs: readonly any[], names: ReadonlySet<string>): any[] {
  return docs.filter((d) => {
    if (d?.kind === 'Node' && d.apiVersion === 'v1') return names.has(d.metadata?.name);
    if (d?.kind === 'HostEndpoint' && typeof d.spec?.node === 'string') return names.has(d.spec.node);
    return true;
  });
}

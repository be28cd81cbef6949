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
import { v4CidrOf, v4Mask } from '../model/primitives/dotted-ipv4';

const POLICY_KINDS = new Set([
  'GlobalNetworkPolicy',
  'NetworkPolicy',
  'StagedGlobalNetworkPolicy',
  'StagedNetworkPolicy',
]);
const NET_KEYS = new Set(['nets', 'notNets', 'net', 'cidr', 'interfaceCIDRs']);
const hasOwn = Object.prototype.hasOwnProperty;

function parseOrUndefined(text: unknown): Selector | undefined {
  if (typeof text !== 'string') return undefined;
  try {
    return Selector.parse(text);
  } catch {
    return undefined; // a bad selector is reported by validation, not here
  }
}

/** The selector texts a policy uses (its own, its rules' peers): they decide which endpoints and addresses match. */
function addPolicySelectors(d: any, texts: Set<string>): void {
  const spec = d.spec ?? {};
  if (typeof spec.selector === 'string') texts.add(spec.selector);
  addRuleSelectors(spec.ingress, texts);
  addRuleSelectors(spec.egress, texts);
}

/** The peer selectors of a rule list (no array built per rule: 45,000 policies are read). */
function addRuleSelectors(rules: unknown, texts: Set<string>): void {
  if (!Array.isArray(rules)) return;
  const add = (side: any) => {
    if (typeof side?.selector === 'string') texts.add(side.selector);
    if (typeof side?.notSelector === 'string') texts.add(side.notSelector);
  };
  for (let i = 0; i < rules.length; i++) {
    add(rules[i]?.source);
    add(rules[i]?.destination);
  }
}

/** kube-controllers' templates pick nodes by selector: nodes on either side get different endpoints. */
function addTemplateSelectors(d: any, texts: string[]): void {
  const templates = d.spec?.controllers?.node?.hostEndpoint?.templates;
  for (const t of Array.isArray(templates) ? templates : [])
    if (typeof t?.nodeSelector === 'string') texts.push(t.nodeSelector);
}

/** What the grouping reads of the manifests, in one pass over them (300,000 documents). */
interface Scanned {
  /** Every selector policies and host endpoint templates use. */
  readonly selectors: Selector[];
  /** Every CIDR text the Calico configuration mentions. */
  readonly cidrTexts: string[];
  /** The host endpoints of each node (`spec.node`), in input order. */
  readonly hepsByNode: Map<string, any[]>;
}

function scan(docs: readonly any[]): Scanned {
  const policyTexts = new Set<string>();
  const templateTexts: string[] = [];
  const cidrTexts = new Set<string>();
  const hepsByNode = new Map<string, any[]>();
  for (let i = 0; i < docs.length; i++) {
    const d = docs[i];
    if (d === null || typeof d !== 'object') continue;
    if (d.kind === 'HostEndpoint' && typeof d.spec?.node === 'string') {
      const list = hepsByNode.get(d.spec.node);
      if (list) list.push(d);
      else hepsByNode.set(d.spec.node, [d]);
    }
    if (d.apiVersion !== CALICO) continue;
    if (POLICY_KINDS.has(d.kind)) addPolicySelectors(d, policyTexts);
    else if (d.kind === 'KubeControllersConfiguration') addTemplateSelectors(d, templateTexts);
    if (d.kind !== 'HostEndpoint') addCidrTexts(d.spec, '', cidrTexts);
  }
  // Policy selectors first, then the templates' (the order the numbers of the selectors follow).
  for (const t of templateTexts) policyTexts.add(t);
  const selectors = [...policyTexts].map(parseOrUndefined).filter((sel): sel is Selector => sel !== undefined);
  return { selectors, cidrTexts: [...cidrTexts], hepsByNode };
}

/** A CIDR as a membership test over address texts (IPv4 without bigints: 10,000 nodes are tested against each). */
type Membership = (ip: string, v4: number | undefined) => boolean;

/**
 * A dotted IPv4 address (four groups of one to three digits, each at most 255) as an unsigned 32-bit number;
 * undefined for anything else. Read character by character: 45,000 node addresses are read per proof.
 */
function v4Number(ip: string): number | undefined {
  if (typeof ip !== 'string') return undefined; // a malformed expectedIPs entry
  let value = 0;
  let part = 0;
  let digits = 0;
  let dots = 0;
  for (let i = 0; i < ip.length; i++) {
    const c = ip.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      if (++digits > 3) return undefined;
      part = part * 10 + (c - 48);
    } else if (c === 46 && digits > 0 && dots < 3) {
      if (part > 255) return undefined;
      value = value * 256 + part;
      part = 0;
      digits = 0;
      dots++;
    } else return undefined;
  }
  if (dots !== 3 || digits === 0 || part > 255) return undefined;
  return value * 256 + part;
}

/**
 * Every CIDR text under `v` (policy nets, network sets, failsafe nets, pools, templates): strings under a NET_KEYS key
 * at any depth. Scalars are read in the parent's loop (a call per field of 150,000 policy specs was the cost).
 */
function addCidrTexts(v: unknown, key: string, texts: Set<string>): void {
  if (typeof v === 'string') {
    if (NET_KEYS.has(key)) texts.add(v);
  } else if (Array.isArray(v)) {
    for (const x of v) {
      if (typeof x === 'string') {
        if (NET_KEYS.has(key)) texts.add(x);
      } else if (x !== null && typeof x === 'object') addCidrTexts(x, key, texts);
    }
  } else if (v !== null && typeof v === 'object') {
    // for-in over own keys: Object.entries would allocate a pair per field of 150,000 policy specs.
    for (const k in v) {
      if (!hasOwn.call(v, k)) continue;
      const x = (v as Record<string, unknown>)[k];
      if (typeof x === 'string') {
        if (NET_KEYS.has(k)) texts.add(x);
      } else if (x !== null && typeof x === 'object') addCidrTexts(x, k, texts);
    }
  }
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
    const fast = v4CidrOf(t);
    if (fast) {
      add(v4, fast.prefix, fast.network);
      j++;
      continue;
    }
    const c = cidrOf(t);
    if (!c) continue;
    // parseCidr clears host bits, so a masked address equals the network exactly when the CIDR holds it.
    if (c.family === 4) add(v4, c.prefix, Number(c.network) >>> 0);
    else add(v6, c.prefix, (c.network >> BigInt(128 - c.prefix)).toString());
    j++;
  }
  const v4Buckets = [...v4].map(([prefix, byNet]) => ({ mask: v4Mask(prefix), byNet }));
  const v6Prefixes = [...v6.keys()];
  const key = (found: number[]): string => found.sort((x, y) => x - y).join('.');
  // The key of an IPv4 address, without a memo (each node has its own address): no array unless a CIDR holds it.
  const v4Key = (n: number): string => {
    let found: number[] | undefined;
    for (const b of v4Buckets) {
      const list = b.byNet.get((n & b.mask) >>> 0);
      if (list) (found ??= []).push(...list);
    }
    return found ? key(found) : '';
  };
  const memo = new Map<string, string>();
  return (ip) => {
    const n = v4Number(ip);
    if (n !== undefined) return v4Key(n);
    const hit = memo.get(ip);
    if (hit !== undefined) return hit;
    const a = parseIp(ip);
    let out = '';
    if (a?.family === 4) out = v4Key(Number(a.value) >>> 0);
    else if (a?.family === 6) {
      const found: number[] = [];
      for (const p of v6Prefixes) {
        const list = v6.get(p)!.get((a.value >> BigInt(128 - p)).toString());
        if (list) found.push(...list);
      }
      out = key(found);
    }
    memo.set(ip, out);
    return out;
  };
}

/**
 * Selector verdicts over a label set, memoised by the values of the label keys the selectors name (a verdict reads
 * nothing else: lib/selector/evaluate.ts), and numbered: equal numbers for equal verdicts. Thousands of nodes share
 * a few label sets.
 */
function selectorIndex(selectors: readonly Selector[]): (labels: { readonly [k: string]: string }) => string {
  const bits = (labels: { readonly [k: string]: string }): string => {
    let out = '';
    for (const sel of selectors) out += sel.matches(labels) ? '1' : '0';
    return out;
  };
  const keys = [...new Set(selectors.flatMap((sel) => sel.labelKeys()))];
  const numbers = new Map<string, string>();
  const numbered = (verdicts: string): string => {
    let n = numbers.get(verdicts);
    if (n === undefined) numbers.set(verdicts, (n = String(numbers.size)));
    return n;
  };
  // A tree of maps, one level per key, by value (ABSENT when the label is absent): no key text built per lookup.
  const memo = new Map<unknown, any>();
  return (labels) => {
    // Anything but an object (malformed input) is evaluated as is: Selector.matches refuses it.
    if (labels === null || typeof labels !== 'object') return numbered(bits(labels));
    let level = memo;
    for (let i = 0; i < keys.length; i++) {
      const k = keys[i];
      const v: unknown = labels[k];
      // As the evaluator reads a label: an own property; undefined is absent.
      const value = v === undefined || !hasOwn.call(labels, k) ? ABSENT : v;
      if (value !== ABSENT && typeof value !== 'string') return numbered(bits(labels)); // malformed: computed as is
      let next = level.get(value);
      if (next === undefined) level.set(value, (next = i === keys.length - 1 ? numbered(bits(labels)) : new Map()));
      if (i === keys.length - 1) return next as string;
      level = next;
    }
    // No selector names a label: one verdict for every label set.
    let all = memo.get(ABSENT);
    if (all === undefined) memo.set(ABSENT, (all = numbered(bits(labels))));
    return all as string;
  };
}

/** The memo key of an absent label (distinct from every label value). */
const ABSENT = Symbol('absent');

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
  const { selectors, cidrTexts, hepsByNode } = scan(docs);
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
    for (let i = 0; i < tunnels.length; i++) if (tunnels[i]) sig += `t${i}${ipBits(tunnels[i]!)},`;
    const heps = hepsByNode.get(n.name);
    if (heps) {
      const role = (ip: string): string => {
        const t = tunnels.indexOf(ip);
        if (t >= 0) return `t${t}`;
        if (n.internalIps.includes(ip)) return 'i';
        return n.bgpIps.includes(ip) ? 'b' : `o${ipBits(ip)}`;
      };
      const part = (h: any): string => {
        const ips = Array.isArray(h.spec.expectedIPs) ? h.spec.expectedIPs.map(role).join(',') : '';
        const ports = Array.isArray(h.spec.ports) && h.spec.ports.length > 0 ? JSON.stringify(h.spec.ports) : '';
        return `${h.spec.interfaceName ?? ''}|${(h.spec.profiles ?? []).join(',')}|${selBits(h.metadata?.labels ?? {})}|${ports}|${ips}`;
      };
      sig += `/${heps.length === 1 ? part(heps[0]) : heps.map(part).sort().join(';')}`;
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

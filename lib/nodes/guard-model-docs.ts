/**
 * What the lockout guard's engine model must hold: the objects the essential flows can involve. The flows go
 * between nodes, from nodes to an outside resolver, from admin and NodePort client addresses to nodes, and from
 * nodes to the probe pod (lockout-guard.ts essentialFlows). Host endpoints and the probe pod are the only endpoints
 * whose policies are asked, so a namespaced policy applies only if it lives in the namespace of a pod the flows can
 * meet (the probe's, or a pod holding an address the flows use), and a network set only labels the addresses it
 * holds; any other pod, namespaced policy, Service or network set cannot change a verdict, a deciding rule or a
 * reason, and is left out (at 300,000 documents the full model compiled 75,000 policies and read
 * 90,000 pods for a handful of flows).
 *
 * A left-out object is not read, so a malformed one no longer makes the guard refuse to answer: validation reports
 * it, and the guard still proves the flows over the objects that decide them (before, one bad policy in any
 * namespace silenced the lint rule). Objects the guard reads still make it refuse, as before.
 */
import { canonicalIp, Net, toIpAddr, toNet } from '../model/primitives/ip';
import { formatIp, parseCidr } from '../model/primitives/cidr';
import { CALICO_API_VERSION as CALICO } from '../model/primitives/calico-constants';
import { canonicalV4Number, v4CidrOf, v4Mask } from '../model/primitives/dotted-ipv4';

const NAMESPACED_POLICY_KINDS = new Set(['NetworkPolicy', 'StagedNetworkPolicy', 'StagedKubernetesNetworkPolicy']);

let fullModel = false;

/**
 * Whether the guard's model holds every document (the reference the equivalence tests compare the reduced model
 * with). Returns the previous setting. @internal
 */
export function setFullGuardModel(on: boolean): boolean {
  const before = fullModel;
  fullModel = on;
  return before;
}

/**
 * An address text (a CIDR's address part) as the engine keys addresses (lib/model/primitives/ip.ts canonicalIp); else
 * undefined.
 */
function canonical(text: unknown): string | undefined {
  if (typeof text !== 'string') return undefined;
  const address = text.includes('/') ? text.slice(0, text.indexOf('/')) : text;
  // A canonical dotted IPv4 address is its own canonical text (no bigint parse for 45,000 endpoint addresses).
  return canonicalV4Number(address) !== undefined ? address : canonicalIp(address);
}

/** A namespaced policy's namespace as the engine reads it; undefined when malformed (then it is kept, and refused). */
function namespaceOf(d: any): string | undefined {
  const md = d.metadata;
  if (md === null || typeof md !== 'object' || Array.isArray(md)) return undefined;
  if (md.namespace === undefined || md.namespace === '') return 'default';
  return typeof md.namespace === 'string' ? md.namespace : undefined;
}

function isNamespacedPolicy(d: any): boolean {
  if (d.apiVersion === CALICO) return NAMESPACED_POLICY_KINDS.has(d.kind);
  return d.apiVersion === 'networking.k8s.io/v1' && d.kind === 'NetworkPolicy';
}

function isGlobalPolicy(d: any): boolean {
  return d.apiVersion === CALICO && (d.kind === 'GlobalNetworkPolicy' || d.kind === 'StagedGlobalNetworkPolicy');
}

/** Whether a Calico policy has a rule with a `services` match (its Service's backends then decide: keep everything). */
function usesServices(d: any): boolean {
  for (const dir of ['ingress', 'egress']) {
    const rules = d.spec?.[dir];
    if (!Array.isArray(rules)) continue;
    for (const r of rules) if (r?.source?.services !== undefined || r?.destination?.services !== undefined) return true;
  }
  return false;
}

/**
 * The addresses of an object's address fields, canonical, or undefined when a field is not a readable address
 * (malformed: the object is kept, so the engine refuses it as before).
 */
function addressesOf(values: readonly unknown[]): readonly string[] | undefined {
  const out: string[] = [];
  for (const v of values) {
    if (v === undefined || v === null || v === '' || v === 'None') continue;
    const c = canonical(v);
    if (c === undefined) return undefined;
    out.push(c);
  }
  return out;
}

/** No address (shared: read only). */
const NO_ADDRESSES: readonly string[] = Object.freeze([]);

function podAddresses(d: any): readonly string[] | undefined {
  const s = d.status;
  if (s === undefined) return NO_ADDRESSES;
  if (s === null || typeof s !== 'object') return undefined;
  const list = s.podIPs === undefined ? [] : Array.isArray(s.podIPs) ? s.podIPs : undefined;
  if (!list || list.some((p: any) => p === null || typeof p !== 'object')) return undefined;
  return addressesOf([s.podIP, ...list.map((p: any) => p.ip)]);
}

function serviceAddresses(d: any): readonly string[] | undefined {
  const s = d.spec;
  if (s === undefined) return NO_ADDRESSES;
  if (s === null || typeof s !== 'object') return undefined;
  const list = s.clusterIPs === undefined ? [] : Array.isArray(s.clusterIPs) ? s.clusterIPs : undefined;
  return list ? addressesOf([s.clusterIP, ...list]) : undefined;
}

/** Every address a node or host endpoint document names (a pod or Service holding one would meet the flows). */
function nodeAddressTexts(d: any, out: Set<string>): void {
  const add = (v: unknown) => {
    const c = canonical(v);
    if (c) out.add(c);
  };
  if (d.kind === 'HostEndpoint') {
    const ips = d.spec?.expectedIPs;
    if (Array.isArray(ips)) for (let i = 0; i < ips.length; i++) add(ips[i]);
    return;
  }
  if (Array.isArray(d.status?.addresses)) for (const a of d.status.addresses) add(a?.address);
  const annotations = d.metadata?.annotations;
  if (annotations && typeof annotations === 'object') Object.values(annotations).forEach(add);
  // flannel.1's address is the network address of the node's podCIDR (the engine derives it).
  for (const cidr of [d.spec?.podCIDR, ...(Array.isArray(d.spec?.podCIDRs) ? d.spec.podCIDRs : [])]) {
    const c = typeof cidr === 'string' ? parseCidr(cidr) : undefined;
    if (c) add(formatIp(c.family, c.network));
  }
}

/**
 * The documents of `docs` the guard's model needs for flows between `addresses` (the flows' endpoints that are
 * addresses), the nodes and host endpoints in `docs`, and the probe pod in `probeNamespace`. Everything when the
 * reference is switched on ({@link setFullGuardModel}), a policy matches on `services` or a Service holds such an
 * address. @internal
 */
export function guardModelDocs(docs: readonly any[], addresses: readonly string[], probeNamespace: string): any[] {
  if (fullModel) return [...docs];
  const watched = new Set<string>();
  for (const a of addresses) {
    const c = canonical(a);
    if (c) watched.add(c);
  }
  // One pass sorts out the documents that may be left out (by position: a Set of 200,000 dropped documents cost
  // more than the rest); everything else is kept as is.
  const pods: number[] = [];
  const policies: number[] = [];
  const services: number[] = [];
  const sets: number[] = [];
  for (let i = 0; i < docs.length; i++) {
    const d = docs[i];
    if (d === null || typeof d !== 'object') continue;
    if (d.apiVersion === 'v1') {
      if (d.kind === 'Pod') pods.push(i);
      else if (d.kind === 'Service') services.push(i);
      else if (d.kind === 'Node') nodeAddressTexts(d, watched);
    } else if (d.apiVersion === CALICO && d.kind === 'HostEndpoint') {
      nodeAddressTexts(d, watched);
    } else if (d.apiVersion === CALICO && (d.kind === 'NetworkSet' || d.kind === 'GlobalNetworkSet')) {
      sets.push(i);
    } else if (isNamespacedPolicy(d)) {
      policies.push(i);
    } else if (isGlobalPolicy(d) && usesServices(d)) {
      return [...docs];
    }
  }
  // Pods the flows can meet: the probe's namespace, hostNetwork pods (they stand for their node), pods holding a
  // watched address, and malformed ones (the engine refuses them, as it did).
  const keptPod = (d: any): boolean => {
    if (d.spec?.hostNetwork !== undefined && d.spec?.hostNetwork !== false) return true;
    const ns = namespaceOf(d);
    if (ns === undefined || ns === probeNamespace) return true;
    const ips = podAddresses(d);
    if (ips === undefined) return true;
    for (let i = 0; i < ips.length; i++) if (watched.has(ips[i])) return true;
    return false;
  };
  // A dropped pod or Service holding a kept pod's address would make the engine refuse (one IP, two endpoints).
  for (const i of pods) if (keptPod(docs[i])) podAddresses(docs[i])?.forEach((ip) => watched.add(ip));
  const dropped = new Uint8Array(docs.length);
  const namespaces = new Set<string>([probeNamespace]);
  for (const i of pods) {
    if (keptPod(docs[i])) namespaces.add(namespaceOf(docs[i]) ?? '');
    else dropped[i] = 1;
  }
  for (const i of policies) {
    const d = docs[i];
    const ns = namespaceOf(d);
    if (ns !== undefined && !namespaces.has(ns)) dropped[i] = 1;
    else if (d.apiVersion === CALICO && usesServices(d)) return [...docs];
  }
  for (const i of services) {
    const ips = serviceAddresses(docs[i]);
    // A Service at a flow's address: the flow is DNATed to its backends, pods of any namespace: keep everything.
    if (ips !== undefined && ips.some((ip) => watched.has(ip))) return [...docs];
    if (ips !== undefined) dropped[i] = 1;
  }
  // A network set only gives labels to the addresses it holds: one holding no address a flow uses cannot match.
  const holds = holdsAny(watched);
  for (const i of sets) {
    const d = docs[i];
    const nets = d.spec === undefined ? [] : d.spec?.nets === undefined ? [] : d.spec.nets;
    if (namespaceOf(d) === undefined || !Array.isArray(nets)) continue;
    if (nets.every((n: unknown) => typeof n === 'string' && holds(n) === false)) dropped[i] = 1;
  }
  const out: any[] = [];
  for (let i = 0; i < docs.length; i++) if (dropped[i] === 0) out.push(docs[i]);
  return out;
}

/**
 * Whether a CIDR text holds one of `addresses` (undefined when it is not a CIDR): a binary search over the sorted
 * addresses of its family. Canonical IPv4 texts are read as numbers (45,000 network sets per proof), others as toNet
 * reads them.
 */
function holdsAny(addresses: ReadonlySet<string>): (text: string) => boolean | undefined {
  const v4: number[] = [];
  const v6: bigint[] = [];
  for (const text of addresses) {
    const n = canonicalV4Number(text);
    if (n !== undefined) {
      v4.push(n);
      continue;
    }
    const a = toIpAddr(text);
    if (a?.family === 4) v4.push(Number(a.value));
    else if (a) v6.push(a.value);
  }
  v4.sort((x, y) => x - y);
  v6.sort((x, y) => (x < y ? -1 : x > y ? 1 : 0));
  const holdsV4 = (network: number, mask: number): boolean => {
    // The first address at or above the network; held when it is still inside the CIDR.
    let lo = 0;
    let hi = v4.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (v4[mid] < network) lo = mid + 1;
      else hi = mid;
    }
    return lo < v4.length && (v4[lo] & mask) >>> 0 === network;
  };
  const holdsV6 = (net: Net): boolean => {
    let lo = 0;
    let hi = v6.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (v6[mid] < net.network) lo = mid + 1;
      else hi = mid;
    }
    return lo < v6.length && (v6[lo] & net.mask) === net.network;
  };
  return (text) => {
    const fast = v4CidrOf(text);
    if (fast) return holdsV4(fast.network, v4Mask(fast.prefix));
    const net = toNet(text);
    if (!net) return undefined;
    return net.family === 4 ? holdsV4(Number(net.network), Number(net.mask)) : holdsV6(net);
  };
}

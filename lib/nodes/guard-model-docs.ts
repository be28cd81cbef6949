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
  return canonicalIp(text.includes('/') ? text.slice(0, text.indexOf('/')) : text);
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
function addressesOf(values: readonly unknown[]): string[] | undefined {
  const out: string[] = [];
  for (const v of values) {
    if (v === undefined || v === null || v === '' || v === 'None') continue;
    const c = canonical(v);
    if (c === undefined) return undefined;
    out.push(c);
  }
  return out;
}

function podAddresses(d: any): string[] | undefined {
  const s = d.status;
  if (s === undefined) return [];
  if (s === null || typeof s !== 'object') return undefined;
  const list = s.podIPs === undefined ? [] : Array.isArray(s.podIPs) ? s.podIPs : undefined;
  if (!list || list.some((p: any) => p === null || typeof p !== 'object')) return undefined;
  return addressesOf([s.podIP, ...list.map((p: any) => p.ip)]);
}

function serviceAddresses(d: any): string[] | undefined {
  const s = d.spec;
  if (s === undefined) return [];
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
    if (Array.isArray(d.spec?.expectedIPs)) d.spec.expectedIPs.forEach(add);
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
  // One pass sorts out the documents that may be left out; everything else is kept as is.
  const pods: any[] = [];
  const policies: any[] = [];
  const services: any[] = [];
  const sets: any[] = [];
  for (const d of docs) {
    if (d === null || typeof d !== 'object') continue;
    if (d.apiVersion === 'v1') {
      if (d.kind === 'Pod') pods.push(d);
      else if (d.kind === 'Service') services.push(d);
      else if (d.kind === 'Node') nodeAddressTexts(d, watched);
    } else if (d.apiVersion === CALICO && d.kind === 'HostEndpoint') {
      nodeAddressTexts(d, watched);
    } else if (d.apiVersion === CALICO && (d.kind === 'NetworkSet' || d.kind === 'GlobalNetworkSet')) {
      sets.push(d);
    } else if (isNamespacedPolicy(d)) {
      policies.push(d);
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
    return ips === undefined || ips.some((ip) => watched.has(ip));
  };
  // A dropped pod or Service holding a kept pod's address would make the engine refuse (one IP, two endpoints).
  for (const d of pods) if (keptPod(d)) podAddresses(d)?.forEach((ip) => watched.add(ip));
  const dropped = new Set<any>();
  const namespaces = new Set<string>([probeNamespace]);
  for (const d of pods) {
    if (keptPod(d)) namespaces.add(namespaceOf(d) ?? '');
    else dropped.add(d);
  }
  for (const d of policies) {
    const ns = namespaceOf(d);
    if (ns !== undefined && !namespaces.has(ns)) dropped.add(d);
    else if (d.apiVersion === CALICO && usesServices(d)) return [...docs];
  }
  for (const d of services) {
    const ips = serviceAddresses(d);
    // A Service at a flow's address: the flow is DNATed to its backends, pods of any namespace: keep everything.
    if (ips !== undefined && ips.some((ip) => watched.has(ip))) return [...docs];
    if (ips !== undefined) dropped.add(d);
  }
  // A network set only gives labels to the addresses it holds: one holding no address a flow uses cannot match.
  const holds = holdsAny(watched);
  for (const d of sets) {
    const nets = d.spec === undefined ? [] : d.spec?.nets === undefined ? [] : d.spec.nets;
    if (namespaceOf(d) === undefined || !Array.isArray(nets)) continue;
    const parsed = nets.map((n: unknown) => (typeof n === 'string' ? toNet(n) : undefined));
    if (parsed.every((n: Net | undefined) => n !== undefined && !holds(n))) dropped.add(d);
  }
  return docs.filter((d) => !dropped.has(d));
}

/** Whether a CIDR holds one of `addresses`: a binary search over the sorted addresses of its family. */
function holdsAny(addresses: ReadonlySet<string>): (net: Net) => boolean {
  const byFamily = new Map<number, bigint[]>();
  for (const text of addresses) {
    const a = toIpAddr(text);
    if (!a) continue;
    const list = byFamily.get(a.family) ?? [];
    list.push(a.value);
    byFamily.set(a.family, list);
  }
  for (const list of byFamily.values()) list.sort((x, y) => (x < y ? -1 : x > y ? 1 : 0));
  return (net) => {
    const list = byFamily.get(net.family);
    if (!list) return false;
    // The first address at or above the network; held when it is still inside the CIDR.
    let lo = 0;
    let hi = list.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (list[mid] < net.network) lo = mid + 1;
      else hi = mid;
    }
    return lo < list.length && (list[lo] & net.mask) === net.network;
  };
}

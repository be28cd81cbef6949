/** Resolves the `from`/`to` of a query into a party: a workload, a host, a service or an external address. */
import { QueryError } from '../errors';
import type { ModelData, WorkloadRecord } from '../model/build';
import type { NodeInfo, ServiceInfo } from '../model/endpoints';
import { toIpAddr } from '../model/ip';

/** A resolved query endpoint (addresses not yet chosen). */
export type Party =
  | { readonly kind: 'workload'; readonly id: string; readonly rec: WorkloadRecord; readonly nodeName?: string; readonly ips: readonly string[] }
  | { readonly kind: 'host'; readonly id: string; readonly node: NodeInfo; readonly ips: readonly string[] }
  | { readonly kind: 'service'; readonly id: string; readonly svc: ServiceInfo; readonly ips: readonly string[] }
  | { readonly kind: 'external'; readonly id: string; readonly ips: readonly string[] };

function hostParty(m: ModelData, id: string, nodeName: string | undefined, what: string, preferredIp?: string): Party {
  const node = nodeName ? m.nodes.get(nodeName) : undefined;
  if (!node) throw new QueryError(`${what}: node ${JSON.stringify(nodeName ?? '')} is not in the model (add its Node object)`);
  const ips = preferredIp ? [preferredIp, ...node.ips.filter((i) => i !== preferredIp)] : node.primaryIp ? [node.primaryIp, ...node.ips.filter((i) => i !== node.primaryIp)] : node.ips;
  if (ips.length === 0) throw new QueryError(`${what}: node ${node.name} has no addresses (status.addresses or Calico annotations)`);
  return { kind: 'host', id, node, ips };
}

/** Resolves one query endpoint. */
export function resolveParty(m: ModelData, text: string, what: 'from' | 'to'): Party {
  if (typeof text !== 'string' || text === '') throw new QueryError(`${what}: expected "<namespace>/<pod>", "node/<name>", "svc/<namespace>/<name>" or an IP address`);
  if (text.startsWith('node/')) return hostParty(m, text, text.slice(5), `${what} ${text}`);
  if (text.startsWith('svc/')) {
    const svc = m.services.get(text.slice(4));
    if (!svc) throw new QueryError(`${what}: service ${text.slice(4)} is not in the model`);
    if (what === 'from') throw new QueryError('from: a service cannot be a traffic source; use one of its pods');
    return { kind: 'service', id: text, svc, ips: svc.clusterIps };
  }
  const addr = toIpAddr(text);
  if (addr) {
    const w = m.workloadByIp.get(addr.text);
    if (w) return { kind: 'workload', id: w.entity.id, rec: w, nodeName: w.pod.nodeName, ips: [addr.text] };
    const svc = m.serviceByIp.get(addr.text);
    if (svc && what === 'to') return { kind: 'service', id: `svc/${svc.namespace}/${svc.name}`, svc, ips: [addr.text] };
    const node = m.nodeByIp.get(addr.text);
    if (node) return hostParty(m, `node/${node.name}`, node.name, `${what} ${text}`, addr.text);
    return { kind: 'external', id: addr.text, ips: [addr.text] };
  }
  const w = m.workloads.get(text);
  if (w) {
    if (w.pod.ips.length === 0) throw new QueryError(`${what}: pod ${text} has no IP (status.podIP)`);
    return { kind: 'workload', id: text, rec: w, nodeName: w.pod.nodeName, ips: w.pod.ips };
  }
  const hn = m.hostNetworkPods.get(text);
  if (hn) return hostParty(m, `node/${hn.nodeName ?? ''}`, hn.nodeName, `${what} ${text} (hostNetwork pod)`);
  throw new QueryError(`${what}: unknown endpoint ${JSON.stringify(text)} (expected "<namespace>/<pod>", "node/<name>", "svc/<namespace>/<name>" or an IP address)`);
}

/** The node a party sits on. */
export function nodeOf(p: Party): string | undefined {
  return p.kind === 'workload' ? p.nodeName : p.kind === 'host' ? p.node.name : undefined;
}

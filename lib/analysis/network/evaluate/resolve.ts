/** Resolves the `from`/`to` of a query into a party: a workload, a host, a service or an external address. */
import { QueryError } from '../model/errors';
import type { ModelData, WorkloadRecord } from '../build/build';
import type { NodeInfo, ServiceInfo } from '../model/endpoints';
import { toIpAddr } from '../../../model/primitives/ip';
import { closest, describeValue } from '../../../model/primitives/guard';

/** A resolved query endpoint (addresses not yet chosen). */
export type Party =
  | {
      readonly kind: 'workload';
      readonly id: string;
      readonly rec: WorkloadRecord;
      readonly nodeName?: string;
      readonly ips: readonly string[];
    }
  | { readonly kind: 'host'; readonly id: string; readonly node: NodeInfo; readonly ips: readonly string[] }
  | { readonly kind: 'service'; readonly id: string; readonly svc: ServiceInfo; readonly ips: readonly string[] }
  | { readonly kind: 'external'; readonly id: string; readonly ips: readonly string[] };

/** Where a query endpoint came from, for errors: the API and the argument (`NetworkModel.evaluate`, `query.from`). */
export interface QueryAt {
  readonly api: string;
  readonly field: string;
}

const NAMING =
  'name an endpoint as "<namespace>/<pod>", "node/<name>", "svc/<namespace>/<name>" or an IP address (model.endpoints() lists them)';

function hostParty(
  m: ModelData,
  id: string,
  nodeName: string | undefined,
  at: QueryAt,
  text: string,
  preferredIp?: string,
): Party {
  const node = nodeName ? m.nodes.get(nodeName) : undefined;
  if (!node) {
    throw new QueryError(
      at.api,
      at.field,
      `${text}: node ${JSON.stringify(nodeName ?? '')} is not in the model`,
      `add its Node object to the manifests${suggest(nodeName ?? '', [...m.nodes.keys()], 'node/')}`,
    );
  }
  const ips = preferredIp
    ? [preferredIp, ...node.ips.filter((i) => i !== preferredIp)]
    : node.primaryIp
      ? [node.primaryIp, ...node.ips.filter((i) => i !== node.primaryIp)]
      : node.ips;
  if (ips.length === 0)
    throw new QueryError(
      at.api,
      at.field,
      `${text}: node ${node.name} has no addresses`,
      'give the Node status.addresses or Calico address annotations',
    );
  return { kind: 'host', id, node, ips };
}

/** `; did you mean "x"?` for the closest known name. */
function suggest(name: string, known: readonly string[], prefix = ''): string {
  const near = closest(name, known);
  return near ? `; did you mean ${JSON.stringify(prefix + near)}?` : '';
}

/** Resolves one query endpoint (`at` names the argument in errors). */
export function resolveParty(
  m: ModelData,
  text: string,
  what: 'from' | 'to',
  at: QueryAt = { api: 'NetworkModel.evaluate', field: `query.${what}` },
): Party {
  if (typeof text !== 'string' || text === '')
    throw new QueryError(at.api, at.field, `expected an endpoint id, got ${describeValue(text)}`, NAMING);
  if (text.startsWith('node/')) return hostParty(m, text, text.slice(5), at, text);
  if (text.startsWith('svc/')) {
    const svc = m.services.get(text.slice(4));
    if (!svc)
      throw new QueryError(
        at.api,
        at.field,
        `service ${text.slice(4)} is not in the model`,
        `add its Service object${suggest(text.slice(4), [...m.services.keys()], 'svc/')}`,
      );
    if (what === 'from')
      throw new QueryError(at.api, at.field, `${text}: a service cannot be a traffic source`, 'use one of its pods');
    return { kind: 'service', id: text, svc, ips: svc.clusterIps };
  }
  const addr = toIpAddr(text);
  if (addr) {
    const w = m.workloadByIp.get(addr.text);
    if (w) return { kind: 'workload', id: w.entity.id, rec: w, nodeName: w.pod.nodeName, ips: [addr.text] };
    const svc = m.serviceByIp.get(addr.text);
    if (svc && what === 'to') return { kind: 'service', id: `svc/${svc.namespace}/${svc.name}`, svc, ips: [addr.text] };
    const node = m.nodeByIp.get(addr.text);
    if (node) return hostParty(m, `node/${node.name}`, node.name, at, text, addr.text);
    return { kind: 'external', id: addr.text, ips: [addr.text] };
  }
  const w = m.workloads.get(text);
  if (w) {
    if (w.pod.ips.length === 0)
      throw new QueryError(
        at.api,
        at.field,
        `pod ${text} has no IP`,
        'give the Pod status.podIP (the engine needs its address), or query another pod',
      );
    return { kind: 'workload', id: text, rec: w, nodeName: w.pod.nodeName, ips: w.pod.ips };
  }
  const hn = m.hostNetworkPods.get(text);
  if (hn) return hostParty(m, `node/${hn.nodeName ?? ''}`, hn.nodeName, at, `${text} (hostNetwork pod)`);
  const known = [...m.workloads.keys(), ...m.hostNetworkPods.keys()];
  throw new QueryError(
    at.api,
    at.field,
    `unknown endpoint ${JSON.stringify(text)}`,
    `${NAMING}${suggest(text, known)}`,
  );
}

/** The node a party sits on. */
export function nodeOf(p: Party): string | undefined {
  return p.kind === 'workload' ? p.nodeName : p.kind === 'host' ? p.node.name : undefined;
}

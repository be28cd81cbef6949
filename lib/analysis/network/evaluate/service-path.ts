/**
 * Service destinations: kube-proxy DNATs the cluster IP (or, from outside, a node's address and a NodePort) to each
 * backend. A client pod or host DNATs on its own node (no preDNAT HEP check). Traffic from outside arrives at a
 * node's HEP (doNotTrack, preDNAT against the cluster IP and service port, or the node address and the NodePort), is
 * DNATed, and with `externalTrafficPolicy: Cluster` a backend on another node sees the forwarding node's address
 * (masquerade happens after Calico's checks, so a backend on the receiving node still sees the client); with `Local`
 * only local backends are used and see the client.
 */
import type { IpAddr } from '../../../model/primitives/ip';
import { toIpAddr } from '../../../model/primitives/ip';
import type { Packet } from '../match/packet';
import { protocolName } from '../match/protocols';
import { backendIps, resolveTargetPort, serviceBackendPods } from '../build/service-backends';
import type { BackendResult, EvaluateResult } from '../model/result';
import type { ServiceInfo } from '../model/endpoints';
import { flannelUnderlay } from './flannel-path';
import { arrive, crossNodeClass, evaluatePair, Flow, hostSourceAddress, summarise } from './evaluate';
import { forwardedArrival, forwardedDeparture, governingHep } from './host-endpoint-path';
import { nodeOf, Party, resolveParty } from './resolve';
import { addStep, EvalContext } from './steps';

/** A packet from outside addressed to a node's own address on one of a Service's NodePorts. */
export interface NodePortEntry {
  /** The node that receives it and DNATs it (kube-proxy's KUBE-NODEPORTS chain). */
  readonly node: string;
  /** The node address the client used. */
  readonly ip: IpAddr;
}

/** The Services a packet from outside to a node's address is DNATed for, by `<protocol>/<nodePort>`. */
export type NodePortIndex = ReadonlyMap<string, Party & { kind: 'service' }>;

/**
 * Indexes the NodePorts of NodePort and LoadBalancer Services (kube-proxy's KUBE-NODEPORTS rules match every local
 * address): the first by namespace and name where several claim one (kube-apiserver allocates each NodePort once).
 * Built once per model: every evaluation from outside to a node looks its port up.
 */
export function nodePortIndex(services: Iterable<ServiceInfo>): NodePortIndex {
  const sorted = [...services]
    .filter((svc) => svc.type === 'NodePort' || svc.type === 'LoadBalancer')
    .sort((a, b) => (a.namespace + '/' + a.name < b.namespace + '/' + b.name ? -1 : 1));
  const out = new Map<string, Party & { kind: 'service' }>();
  for (const svc of sorted) {
    const party = { kind: 'service' as const, id: `svc/${svc.namespace}/${svc.name}`, svc, ips: svc.clusterIps };
    for (const p of svc.ports) {
      const key = `${p.protocol}/${p.nodePort}`;
      if (p.nodePort !== undefined && !out.has(key)) out.set(key, party);
    }
  }
  return out;
}

/** The Service `flow`'s port is a NodePort of, if any. */
export function nodePortService(index: NodePortIndex, flow: Flow): (Party & { kind: 'service' }) | undefined {
  return flow.dstPort === undefined ? undefined : index.get(`${flow.protocol}/${flow.dstPort}`);
}

/**
 * Evaluates `src` → service. `newContext` makes a fresh step list per backend.
 * @param entry the packet was addressed to a node's NodePort (from outside), not to the cluster IP
 */
export function evaluateService(
  newContext: () => EvalContext,
  src: Party,
  dst: Party & { kind: 'service' },
  flow: Flow,
  via?: string,
  entry?: NodePortEntry,
): EvaluateResult {
  const svc = dst.svc;
  const c0 = newContext();
  const sp = entry
    ? svc.ports.find((x) => x.nodePort === flow.dstPort && x.protocol === flow.protocol)
    : (svc.ports.find((x) => x.port === flow.dstPort && x.protocol === flow.protocol) ??
      (flow.dstPort === undefined ? svc.ports.find((x) => x.protocol === flow.protocol) : undefined));
  if (!sp) {
    return {
      allowed: false,
      reason: `service ${svc.namespace}/${svc.name} has no port ${flow.dstPort ?? ''}/${protocolName(flow.protocol)}`,
      steps: [],
      backends: [],
    };
  }
  const pods = serviceBackendPods(c0.m, svc);
  if (pods.length === 0)
    return { allowed: false, reason: `service ${svc.namespace}/${svc.name} has no backends`, steps: [], backends: [] };
  const external = src.kind === 'external';
  const receiving = entry ? entry.node : external ? via : nodeOf(src);
  if (external && via !== undefined && !c0.m.nodes.has(via))
    throw new Error(
      `node ${JSON.stringify(via)} is not in the model; fix: name a node of the model (a Node object), or add its Node object`,
    );
  const defaultNode = [...c0.m.nodes.keys()].sort()[0];
  const backends: BackendResult[] = [];
  for (const pod of pods) {
    const c = newContext();
    const backendId = pod.hostNetwork ? `node/${pod.nodeName ?? ''}` : `${pod.namespace}/${pod.name}`;
    const target = resolveTargetPort(sp, pod);
    const b = resolveParty(c.m, backendId.startsWith('node/') ? backendId : `${pod.namespace}/${pod.name}`, 'to');
    const ipText = backendIps(c.m, pod)[0];
    if (target === undefined) {
      backends.push({
        endpoint: backendId,
        ip: ipText,
        seenSource: src.ips[0],
        allowed: false,
        reason: `named target port ${JSON.stringify(sp.targetPort)} not found on the pod`,
        steps: [],
      });
      continue;
    }
    const bFlow: Flow = { ...flow, dstPort: target };
    if (!external) {
      const r = evaluatePair(c, src, b, bFlow, true);
      backends.push({
        endpoint: backendId,
        ip: r.steps[0]?.packet.dst ?? ipText,
        port: target,
        seenSource: r.steps[0]?.packet.src ?? src.ips[0],
        allowed: r.allowed,
        reason: r.reason,
        steps: r.steps,
      });
      continue;
    }
    // From outside the cluster.
    const bNode = nodeOf(b);
    const rNode = receiving ?? (svc.externalTrafficPolicy === 'Local' ? bNode : defaultNode);
    const clientIp = toIpAddr(src.ips[0])!;
    // What the client addressed: the cluster IP, or the node's address for a NodePort.
    const clusterIp = entry
      ? entry.ip.family === clientIp.family
        ? entry.ip
        : undefined
      : svc.clusterIps.map((i) => toIpAddr(i)!).find((a) => a.family === clientIp.family);
    const backendIp = b.ips.map((i) => toIpAddr(i)!).find((a) => a.family === clientIp.family);
    if (!clusterIp || !backendIp) {
      backends.push({
        endpoint: backendId,
        ip: ipText,
        port: target,
        seenSource: clientIp.text,
        allowed: false,
        reason: "no address of the client's IP family",
        steps: [],
      });
      continue;
    }
    if (svc.externalTrafficPolicy === 'Local' && rNode !== bNode) {
      backends.push({
        endpoint: backendId,
        ip: backendIp.text,
        port: target,
        via: rNode,
        seenSource: clientIp.text,
        allowed: false,
        reason: `externalTrafficPolicy Local: ${rNode} has no local endpoint, so kube-proxy never forwards to ${backendId}`,
        steps: [],
      });
      continue;
    }
    const preDnat: Packet = { src: clientIp, dst: clusterIp, ...flow, dstPort: entry ? flow.dstPort : sp.port };
    const post: Packet = { src: clientIp, dst: backendIp, ...bFlow };
    let allowed: boolean;
    let seen: IpAddr = clientIp;
    if (rNode === bNode || rNode === undefined) {
      allowed = arrive(c, b, post, 'main', preDnat);
    } else {
      allowed = externalViaOtherNode(c, rNode, b, preDnat, post, svc.externalTrafficPolicy, (s) => (seen = s));
    }
    backends.push({
      endpoint: backendId,
      ip: backendIp.text,
      port: target,
      via: rNode,
      seenSource: seen.text,
      allowed,
      reason: summarise(allowed, c.steps),
      steps: c.steps,
    });
  }
  const ok = backends.filter((x) => x.allowed);
  const first = ok[0] ?? backends[0];
  const reason =
    ok.length > 0
      ? `${ok.length} of ${backends.length} backends reachable (${ok.map((x) => x.endpoint).join(', ')})`
      : `no backend reachable: ${backends.map((x) => `${x.endpoint}: ${x.reason}`).join(' | ')}`;
  return { allowed: ok.length > 0, reason, steps: first.steps, backends };
}

/** External client → receiving node R → backend on another node (Cluster policy: SNAT to R after the checks on R). */
function externalViaOtherNode(
  c: EvalContext,
  rNode: string,
  b: Party,
  preDnat: Packet,
  post: Packet,
  etp: 'Cluster' | 'Local',
  seen: (s: IpAddr) => void,
): boolean {
  const inHep = governingHep(c.m, rNode, 'main');
  if (inHep && !forwardedArrival(c, inHep, post, preDnat)) return false;
  const cls = crossNodeClass(c, b);
  const outHep = governingHep(c.m, rNode, cls);
  if (outHep && !forwardedDeparture(c, outHep, post)) return false;
  let p2 = post;
  if (etp === 'Cluster') {
    const node = c.m.nodes.get(rNode)!;
    const snat = hostSourceAddress(c.m, { kind: 'host', id: `node/${rNode}`, node, ips: node.ips }, post.dst, cls);
    if (snat) {
      p2 = { ...post, src: snat };
      addStep(c, 'felix', `node/${rNode}`, rNode, p2, true, {
        action: 'Continue',
        default: 'kube-proxy masquerade (SNAT)',
      });
    }
  }
  seen(p2.src);
  if (cls === 'tunnel' && !flannelUnderlay(c, rNode, nodeOf(b), p2)) return false;
  return arrive(c, b, p2, cls);
}

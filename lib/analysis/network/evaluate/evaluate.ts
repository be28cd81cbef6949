/**
 * The path of one connection through Calico's enforcement points, from source to destination, for
 * workloads, hosts and external addresses (services are in `service-path.ts`).
 *
 * Paths: pod → pod on the same node (egress, ingress); across nodes (egress, forward egress on the source
 * node's HEP, doNotTrack/preDNAT/forward ingress on the destination node's HEP, ingress); pod → own node
 * (egress, DefaultEndpointToHostAction); host → local pod (never policed); host → itself (the `"*"` HEP's
 * egress and ingress over `lo`); host → anything else (HEP egress for host-local traffic, failsafes); Felix
 * admits IPIP/VXLAN between Calico hosts.
 */
import type { IpAddr } from '../../../model/primitives/ip';
import { toIpAddr } from '../../../model/primitives/ip';
import type { ModelData } from '../build/build';
import type { Packet } from '../match/packet';
import { PROTO_IPIP, PROTO_UDP, VXLAN_PORT } from '../match/protocols';
import type { Step } from '../model/result';
import { flannelUnderlay } from './flannel-path';
import {
  forwardedArrival,
  forwardedDeparture,
  governingHep,
  hostLocalEgress,
  hostLocalIngress,
  InterfaceClass,
} from './host-endpoint-path';
import { nodeOf, Party } from './resolve';
import { addStep, describeDecision, EvalContext } from './steps';
import { workloadEgress, workloadIngress } from './workload-path';

/** Protocol/ports of a query, before addresses are chosen. */
export interface Flow {
  readonly protocol: number;
  readonly dstPort?: number;
  readonly srcPort?: number;
  readonly icmpType?: number;
  readonly icmpCode?: number;
}

/** Outcome of one path. */
export interface PathResult {
  readonly allowed: boolean;
  readonly reason: string;
  readonly steps: readonly Step[];
}

/** Picks addresses of a common family: the first family (in the destination's order) both sides have. */
export function pickAddresses(src: readonly string[], dst: readonly string[]): [IpAddr, IpAddr] | undefined {
  for (const d of dst) {
    const da = toIpAddr(d)!;
    const s = src.find((x) => toIpAddr(x)!.family === da.family);
    if (s) return [toIpAddr(s)!, da];
  }
  return undefined;
}

/** Interface class a packet uses between nodes. */
export function crossNodeClass(c: EvalContext, dst: Party): InterfaceClass {
  return dst.kind === 'workload' && c.m.encapsulation !== 'None' ? 'tunnel' : 'main';
}

/**
 * The source address a host uses towards `dst`: for a remote pod under encapsulation, the address of its tunnel
 * device (`tunl0`, `vxlan.calico`, `flannel.1`: see model/dataplane.ts), else its main address.
 */
export function hostSourceAddress(
  m: ModelData,
  src: Party & { kind: 'host' },
  dst: IpAddr,
  cls: InterfaceClass,
): IpAddr | undefined {
  const fam = (ips: readonly string[]) => ips.map((i) => toIpAddr(i)!).filter((a) => a.family === dst.family);
  if (cls === 'tunnel') {
    const t = fam((m.tunnelSources.get(src.node.name) ?? []).map((x) => x.ip))[0];
    if (t) return t;
  }
  return fam(src.ips)[0];
}

/**
 * A trace step saying which address and device a node's traffic to a remote pod leaves from, and why (the
 * encapsulation, given or inferred): `evaluate` shows it so a user can see what source the pod's policy matches.
 */
function routeStep(c: EvalContext, src: Party & { kind: 'host' }, p: Packet): void {
  const t = (c.m.tunnelSources.get(src.node.name) ?? []).find((x) => x.ip === p.src.text);
  const dp = c.m.dataplane;
  const via = t
    ? `source ${t.ip}, the address of ${t.device}${t.device.startsWith('flannel') ? " (the network address of the node's podCIDR)" : ''}`
    : `source ${p.src.text} (the main interface: ${src.node.name} has no ` +
      `${dp.encapsulation === 'FlannelVXLAN' ? 'spec.podCIDR' : 'tunnel address'} for it)`;
  addStep(c, 'route', src.id, src.node.name, p, true, {
    action: 'Continue',
    default: 'node source address',
    note: `${via}; ${dp.reason}`,
  });
}

function isEncap(p: Packet): boolean {
  return p.protocol === PROTO_IPIP || (p.protocol === PROTO_UDP && p.dstPort === VXLAN_PORT);
}

/** The packet arriving at the destination side from another node (or from outside). */
export function arrive(c: EvalContext, dst: Party, p: Packet, cls: InterfaceClass, preDnat?: Packet): boolean {
  const dNode = nodeOf(dst);
  switch (dst.kind) {
    case 'workload': {
      const hep = governingHep(c.m, dNode, cls);
      if (hep && !forwardedArrival(c, hep, p, preDnat)) return false;
      return workloadIngress(c, dst.rec, p);
    }
    case 'host': {
      const hep = governingHep(c.m, dNode, 'main');
      if (!hep)
        return addStep(c, 'destination-host-endpoint-ingress', dst.id, dNode, p, true, {
          action: 'Allow',
          default: 'no host endpoint (not policed)',
        });
      return hostLocalIngress(c, hep, p, preDnat);
    }
    default:
      return true;
  }
}

/** Runs the checks of a packet from `src` to `dst` (neither a service). */
export function runPath(c: EvalContext, src: Party, dst: Party, p: Packet): boolean {
  const sNode = nodeOf(src);
  const dNode = nodeOf(dst);
  const sameNode = sNode !== undefined && sNode === dNode;
  if (src.kind === 'workload') {
    if (!workloadEgress(c, src.rec, p)) return false;
    if (sameNode) {
      if (dst.kind === 'workload') return workloadIngress(c, dst.rec, p);
      const action = c.m.state.felix.endpointToHostAction;
      return addStep(c, 'workload-to-host', src.id, sNode, p, action !== 'Drop', {
        action: action === 'Drop' ? 'Deny' : 'Allow',
        default: 'endpoint-to-host action',
      });
    }
    const cls = crossNodeClass(c, dst);
    const hep = governingHep(c.m, sNode, cls);
    if (hep && !forwardedDeparture(c, hep, p)) return false;
    if (cls === 'tunnel' && !flannelUnderlay(c, sNode, dNode, p)) return false;
    return arrive(c, dst, p, cls);
  }
  if (src.kind === 'host') {
    if (sameNode) {
      if (dst.kind === 'workload') {
        return addStep(c, 'felix', dst.id, sNode, p, true, {
          action: 'Allow',
          default: 'host to local pod is never policed',
        });
      }
      const hep = governingHep(c.m, sNode, 'lo');
      if (!hep)
        return addStep(c, 'source-host-endpoint-egress', src.id, sNode, p, true, {
          action: 'Allow',
          default: 'no host endpoint (not policed)',
        });
      return hostLocalEgress(c, hep, p) && hostLocalIngress(c, hep, p);
    }
    if (dst.kind === 'host' && isEncap(p)) {
      addStep(c, 'felix', src.id, sNode, p, true, {
        action: 'Allow',
        default: 'Felix allows IPIP/VXLAN between hosts',
      });
      return addStep(c, 'felix', dst.id, dNode, p, true, {
        action: 'Allow',
        default: 'Felix allows IPIP/VXLAN between hosts',
      });
    }
    const cls = crossNodeClass(c, dst);
    const hep = governingHep(c.m, sNode, cls);
    if (hep && !hostLocalEgress(c, hep, p)) return false;
    if (cls === 'tunnel' && !flannelUnderlay(c, sNode, dNode, p)) return false;
    return arrive(c, dst, p, cls);
  }
  if (dst.kind === 'external') {
    return addStep(c, 'felix', dst.id, undefined, p, true, {
      action: 'Allow',
      default: 'no enforcement point on the path',
    });
  }
  return arrive(c, dst, p, 'main');
}

/** Summarises the steps of a path into a reason. */
export function summarise(allowed: boolean, steps: readonly Step[]): string {
  if (steps.length === 0) return allowed ? 'allowed: no enforcement point on the path' : 'denied';
  if (!allowed) {
    const s = steps[steps.length - 1];
    return `denied at ${s.point} (${s.endpoint}): ${describeDecision(s.decision)}`;
  }
  return `allowed: ${steps
    .filter((s) => s.decision.action !== 'Continue')
    .map((s) => `${s.point} (${s.endpoint}): ${describeDecision(s.decision)}`)
    .join('; ')}`;
}

/**
 * Evaluates a non-service pair.
 * @param viaService the pair is a service backend after DNAT: a pod reaching itself that way is policed
 */
export function evaluatePair(c: EvalContext, src: Party, dst: Party, flow: Flow, viaService = false): PathResult {
  const dstAddrs = dst.ips;
  let pair = pickAddresses(src.ips, dstAddrs);
  let tunnelled = false;
  if (src.kind === 'host' && pair) {
    const cls = nodeOf(src) !== nodeOf(dst) ? crossNodeClass(c, dst) : 'main';
    const s = hostSourceAddress(c.m, src, pair[1], cls);
    if (s) pair = [s, pair[1]];
    tunnelled = cls === 'tunnel';
  }
  if (!pair) return { allowed: false, reason: `no common IP family between ${src.id} and ${dst.id}`, steps: [] };
  const p: Packet = { src: pair[0], dst: pair[1], ...flow };
  // Shown where the source is not evident from the manifests: an inferred encapsulation, or flannel's derived address.
  const dp = c.m.dataplane;
  if (tunnelled && src.kind === 'host' && (dp.inferred || dp.encapsulation === 'FlannelVXLAN')) routeStep(c, src, p);
  // A pod reaching its own IP never leaves its network namespace, so Felix never sees it; through a Service it is
  // policed (the hairpin rule: network-policy-api apis/v1alpha2/clusternetworkpolicy_types.go, main branch).
  const allowed =
    !viaService && src.kind === 'workload' && dst.kind === 'workload' && src.rec === dst.rec
      ? addStep(c, 'felix', src.id, nodeOf(src), p, true, {
          action: 'Allow',
          default: 'pod to its own IP is never policed',
        })
      : runPath(c, src, dst, p);
  return { allowed, reason: summarise(allowed, c.steps), steps: c.steps };
}

/** Workload endpoint checks: the pod's own policy (tiers, then the namespace profile, which allows). */
import type { Packet } from '../match/packet';
import { PROTO_IPIP, PROTO_UDP, VXLAN_PORT } from '../match/protocols';
import type { WorkloadRecord } from '../build/build';
import { addStep, EvalContext } from './steps';
import { walkTiers } from './tier-walk';

/**
 * The pod's egress policy. Felix also drops IPIP and VXLAN packets that pods send (AllowIPIP/VXLANPacketsFromWorkloads
 * off).
 */
export function workloadEgress(c: EvalContext, w: WorkloadRecord, p: Packet): boolean {
  return workloadChain(c, w, p, 'egress');
}

/** The pod's ingress policy. */
export function workloadIngress(c: EvalContext, w: WorkloadRecord, p: Packet): boolean {
  return workloadChain(c, w, p, 'ingress');
}

function workloadChain(c: EvalContext, w: WorkloadRecord, p: Packet, dir: 'ingress' | 'egress'): boolean {
  const point = dir === 'egress' ? 'source-workload-egress' : 'destination-workload-ingress';
  const node = w.pod.nodeName;
  if (dir === 'egress' && (p.protocol === PROTO_IPIP || (p.protocol === PROTO_UDP && p.dstPort === VXLAN_PORT))) {
    return addStep(c, point, w.entity.id, node, p, false, {
      action: 'Deny',
      default: 'Felix drops IPIP/VXLAN packets from workloads',
    });
  }
  const pols = c.m.policyIndex.forEntity(w.entity, c.preview);
  const w2 = walkTiers(dir === 'ingress' ? pols.ingress : pols.egress, dir, p, c.match, 'normal');
  if (w2.outcome !== 'none')
    return addStep(c, point, w.entity.id, node, p, w2.outcome === 'allow', w2.decision!, w2.logs);
  return addStep(
    c,
    point,
    w.entity.id,
    node,
    p,
    true,
    { action: 'Allow', default: 'profile allow', profile: `kns.${w.pod.namespace}` },
    w2.logs,
  );
}

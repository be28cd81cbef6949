/**
 * Host endpoint checks: which HEP governs a node's traffic, and the chains a packet crosses on it
 * (`felix/rules/endpoints.go`, `static.go`, `endpoint_mgr.go`): failsafe ports, doNotTrack (raw), preDNAT
 * (mangle, pre-DNAT destination, no end-of-tier drop), normal policy for host-local traffic (then profiles),
 * applyOnForward policy for forwarded traffic (allowed when none applies).
 */
import type { HepRecord, ModelData } from '../build/build';
import { isTunnelDevice, TunnelSource } from '../model/dataplane';
import type { NodeInfo } from '../model/endpoints';
import type { EffectiveFailsafePort } from '../../../model/primitives/failsafe-ports';
import { netHas } from '../../../model/primitives/ip';
import type { Packet } from '../match/packet';
import type { TierGroup } from '../policy/policy-index';
import { DEFAULT_ALLOW_PROFILE } from '../../../model/primitives/calico-constants';
import type { Decision, EnforcementPoint } from '../model/result';
import { addStep, EvalContext } from './steps';
import { walkTiers } from './tier-walk';

/** Which interface class a packet uses on a node. */
export type InterfaceClass = 'main' | 'tunnel' | 'lo';

function coversClass(
  h: HepRecord,
  cls: 'main' | 'tunnel',
  node: NodeInfo | undefined,
  tunnels: readonly TunnelSource[] | undefined,
): boolean {
  const iface = h.hep.interfaceName;
  if (iface === '*') return false;
  if (iface !== '') return isTunnelDevice(iface) ? cls === 'tunnel' : cls === 'main';
  // An IP-matched HEP governs the interface that has one of its expectedIPs (Felix endpoint_mgr resolveHostEndpoints).
  const tunnel = new Set([...(node?.tunnelIps ?? []), ...(tunnels ?? []).map((t) => t.ip)]);
  return h.hep.expectedIps.some((ip) => (tunnel.has(ip) ? 'tunnel' : 'main') === cls);
}

/**
 * The HEP that governs traffic of class `cls` on `nodeName`: a named or IP-matched HEP for that interface
 * (alphabetically first), else the alphabetically first `"*"` HEP; `lo` is only covered by `"*"` HEPs.
 */
export function governingHep(m: ModelData, nodeName: string | undefined, cls: InterfaceClass): HepRecord | undefined {
  if (!nodeName) return undefined;
  const heps = m.hepsByNode.get(nodeName);
  if (!heps) return undefined;
  if (cls !== 'lo') {
    const node = m.nodes.get(nodeName);
    const named = heps.find((h) => coversClass(h, cls, node, m.tunnelSources.get(nodeName)));
    if (named) return named;
  }
  return heps.find((h) => h.hep.interfaceName === '*');
}

function failsafeMatch(
  list: readonly EffectiveFailsafePort[],
  p: Packet,
  peer: 'src' | 'dst',
): EffectiveFailsafePort | undefined {
  if (p.dstPort === undefined) return undefined;
  return list.find(
    (f) =>
      f.protocol === p.protocol && f.port === p.dstPort && (!f.net || netHas(f.net, peer === 'src' ? p.src : p.dst)),
  );
}

function hasPolicies(groups: readonly TierGroup[]): boolean {
  return groups.length > 0;
}

/** Result of an optional chain (doNotTrack / preDNAT): accepted, dropped, or no verdict. */
type ChainVerdict = 'accept' | 'drop' | 'none';

function optionalChain(
  c: EvalContext,
  point: EnforcementPoint,
  h: HepRecord,
  groups: readonly TierGroup[],
  dir: 'ingress' | 'egress',
  p: Packet,
  chain: 'preDNAT' | 'untracked',
): ChainVerdict {
  if (!hasPolicies(groups)) return 'none';
  const w = walkTiers(groups, dir, p, c.match, chain);
  const ep = `hep:${h.hep.name}`;
  if (w.outcome === 'allow') {
    addStep(c, point, ep, h.hep.node, p, true, w.decision!, w.logs);
    return 'accept';
  }
  if (w.outcome === 'deny') {
    addStep(c, point, ep, h.hep.node, p, false, w.decision!, w.logs);
    return 'drop';
  }
  addStep(c, point, ep, h.hep.node, p, true, { action: 'Continue', default: 'no rule matched (continue)' }, w.logs);
  return 'none';
}

/** Normal chain: tiers, then profiles, then drop. */
function normalChain(
  c: EvalContext,
  point: EnforcementPoint,
  h: HepRecord,
  groups: readonly TierGroup[],
  dir: 'ingress' | 'egress',
  p: Packet,
): boolean {
  const ep = `hep:${h.hep.name}`;
  const w = walkTiers(groups, dir, p, c.match, 'normal');
  if (w.outcome !== 'none') return addStep(c, point, ep, h.hep.node, p, w.outcome === 'allow', w.decision!, w.logs);
  const profile = h.hep.profiles.find((pr) => pr === DEFAULT_ALLOW_PROFILE || pr.startsWith('kns.'));
  const d: Decision = profile
    ? { action: 'Allow', default: 'profile allow', profile }
    : { action: 'Deny', default: 'no profile (deny)' };
  return addStep(c, point, ep, h.hep.node, p, !!profile, d, w.logs);
}

/** Forward chain: tiers (end-of-tier drop); allowed when no applyOnForward policy applies or all tiers passed. */
function forwardChain(
  c: EvalContext,
  point: EnforcementPoint,
  h: HepRecord,
  groups: readonly TierGroup[],
  dir: 'ingress' | 'egress',
  p: Packet,
): boolean {
  const ep = `hep:${h.hep.name}`;
  if (!hasPolicies(groups))
    return addStep(c, point, ep, h.hep.node, p, true, {
      action: 'Allow',
      default: 'no policy selects the endpoint (allow)',
    });
  const w = walkTiers(groups, dir, p, c.match, 'forward');
  if (w.outcome !== 'none') return addStep(c, point, ep, h.hep.node, p, w.outcome === 'allow', w.decision!, w.logs);
  return addStep(c, point, ep, h.hep.node, p, true, { action: 'Allow', default: 'all tiers passed (allow)' }, w.logs);
}

/** A packet arriving on a HEP for a local host process (includes `lo`). `preDnat` is the packet before DNAT. */
export function hostLocalIngress(c: EvalContext, h: HepRecord, p: Packet, preDnat: Packet = p): boolean {
  const ep = `hep:${h.hep.name}`;
  const fs = failsafeMatch(c.m.state.felix.failsafeInbound, preDnat, 'src');
  if (fs)
    return addStep(c, 'destination-host-endpoint-ingress', ep, h.hep.node, p, true, {
      action: 'Allow',
      default: 'failsafe port',
      failsafe: fs.text,
    });
  const pols = c.m.policyIndex.forEntity(h.entity, c.preview);
  if (h.hep.interfaceName !== '*') {
    const u = optionalChain(c, 'untracked-ingress', h, pols.untrackedIngress, 'ingress', preDnat, 'untracked');
    if (u !== 'none') return u === 'accept';
  }
  const d = optionalChain(c, 'pre-dnat', h, pols.preDnatIngress, 'ingress', preDnat, 'preDNAT');
  if (d === 'drop') return false;
  if (d === 'accept') {
    return addStep(c, 'destination-host-endpoint-ingress', ep, h.hep.node, p, true, {
      action: 'Allow',
      default: 'skipped: accepted by preDNAT policy',
    });
  }
  return normalChain(c, 'destination-host-endpoint-ingress', h, pols.ingress, 'ingress', p);
}

/** A packet a local host process sends out through a HEP (includes `lo`). */
export function hostLocalEgress(c: EvalContext, h: HepRecord, p: Packet): boolean {
  const ep = `hep:${h.hep.name}`;
  const fs = failsafeMatch(c.m.state.felix.failsafeOutbound, p, 'dst');
  if (fs)
    return addStep(c, 'source-host-endpoint-egress', ep, h.hep.node, p, true, {
      action: 'Allow',
      default: 'failsafe port',
      failsafe: fs.text,
    });
  const pols = c.m.policyIndex.forEntity(h.entity, c.preview);
  if (h.hep.interfaceName !== '*') {
    const u = optionalChain(c, 'untracked-egress', h, pols.untrackedEgress, 'egress', p, 'untracked');
    if (u !== 'none') return u === 'accept';
  }
  return normalChain(c, 'source-host-endpoint-egress', h, pols.egress, 'egress', p);
}

/** A packet arriving on a HEP that the node forwards (to a local pod or onwards). */
export function forwardedArrival(c: EvalContext, h: HepRecord, p: Packet, preDnat: Packet = p): boolean {
  const ep = `hep:${h.hep.name}`;
  const pols = c.m.policyIndex.forEntity(h.entity, c.preview);
  if (h.hep.interfaceName !== '*') {
    const u = optionalChain(c, 'untracked-ingress', h, pols.untrackedIngress, 'ingress', preDnat, 'untracked');
    if (u !== 'none') return u === 'accept';
  }
  const d = optionalChain(c, 'pre-dnat', h, pols.preDnatIngress, 'ingress', preDnat, 'preDNAT');
  if (d === 'drop') return false;
  if (d === 'accept')
    return addStep(c, 'forward-ingress', ep, h.hep.node, p, true, {
      action: 'Allow',
      default: 'skipped: accepted by preDNAT policy',
    });
  return forwardChain(c, 'forward-ingress', h, pols.forwardIngress, 'ingress', p);
}

/** A forwarded packet leaving through a HEP (from a local pod, or forwarded from another interface). */
export function forwardedDeparture(c: EvalContext, h: HepRecord, p: Packet): boolean {
  const pols = c.m.policyIndex.forEntity(h.entity, c.preview);
  return forwardChain(c, 'forward-egress', h, pols.forwardEgress, 'egress', p);
}

/**
 * Matches a packet against a compiled rule, field by field, with Felix's semantics: every present field must
 * match; selectors match by ipset membership; named ports resolve on the endpoint that owns the address
 * (and must agree with the packet's protocol); `not*` fields exclude.
 */
import type { CompiledEntityRule, CompiledRule, IcmpMatch, PortMatch } from './compiled-rule';
import type { IpAddr } from '../../../model/primitives/ip';
import { netHas } from '../../../model/primitives/ip';
import type { EntityIndex } from '../match/ip-sets';
import type { Packet } from '../match/packet';

/** Service membership, for `services` rule fields. */
export interface ServiceLookup {
  /**
   * True when the (post-DNAT) destination is one of the service's backends on a service target port, or its cluster IP
   * on a service port.
   */
  isServiceDestination(namespace: string, name: string, p: Packet): boolean;
  /** True when `ip` is one of the service's backend addresses. */
  isServiceSource(namespace: string, name: string, ip: IpAddr): boolean;
}

/** What rule matching needs from the model. */
export interface MatchContext {
  readonly index: EntityIndex;
  readonly services: ServiceLookup;
}

/** True when `rule` matches `p`. */
export function ruleMatches(rule: CompiledRule, p: Packet, ctx: MatchContext): boolean {
  if (!ruleHeaderMatches(rule, p)) return false;
  if (!entityMatches(rule.source, p.src, p.srcPort, p, ctx, 'source')) return false;
  if (!entityMatches(rule.destination, p.dst, p.dstPort, p, ctx, 'destination')) return false;
  return true;
}

/**
 * The part of {@link ruleMatches} that reads neither address: IP version (of the destination), protocol, ICMP. The
 * fast matrix splits a rule this way to match one side at a time.
 */
export function ruleHeaderMatches(rule: CompiledRule, p: Packet): boolean {
  if (rule.ipVersion !== undefined && rule.ipVersion !== p.dst.family) return false;
  if (rule.protocol !== undefined && rule.protocol !== p.protocol) return false;
  if (rule.notProtocol !== undefined && rule.notProtocol === p.protocol) return false;
  if (rule.icmp && !icmpMatches(rule.icmp, p)) return false;
  if (rule.notIcmp && icmpMatches(rule.notIcmp, p)) return false;
  return true;
}

function icmpMatches(m: IcmpMatch, p: Packet): boolean {
  if (p.protocol !== 1 && p.protocol !== 58) return false;
  if (m.type !== undefined && m.type !== p.icmpType) return false;
  if (m.code !== undefined && m.code !== p.icmpCode) return false;
  return true;
}

function inNumeric(ports: readonly PortMatch[], port: number): boolean {
  for (const pm of ports) if (pm.name === undefined && port >= pm.min && port <= pm.max) return true;
  return false;
}

/** True when an owner of `ip` (matching the side's selector, if any) has a named port in `ports` equal to `port`. */
function inNamed(
  e: CompiledEntityRule,
  ports: readonly PortMatch[],
  ip: IpAddr,
  port: number,
  protocol: number,
  ctx: MatchContext,
): boolean {
  const owners = ctx.index.ownersOf(ip);
  for (const o of owners) {
    if (e.selector && !e.selector.matches(o)) continue;
    for (const np of o.ports) {
      if (np.port !== port || np.protocol !== protocol) continue;
      for (const pm of ports) if (pm.name === np.name) return true;
    }
  }
  return false;
}

/**
 * True when one side of a rule matches: `ip` is the side's address (`p.src` or `p.dst`) and `port` its port. Reads of
 * the packet besides: `p.protocol` (named ports) and, for a destination `services` match, `p.dst`/`p.dstPort`.
 */
export function entityMatches(
  e: CompiledEntityRule,
  ip: IpAddr,
  port: number | undefined,
  p: Packet,
  ctx: MatchContext,
  side: 'source' | 'destination',
): boolean {
  if (e.nets) {
    let ok = false;
    for (const n of e.nets)
      if (netHas(n, ip)) {
        ok = true;
        break;
      }
    if (!ok) return false;
  }
  if (e.notNets) for (const n of e.notNets) if (netHas(n, ip)) return false;
  if (e.notSelector && ctx.index.inSet(e.notSelector, ip)) return false;
  if (e.services) {
    const ok =
      side === 'destination'
        ? ctx.services.isServiceDestination(e.services.namespace, e.services.name, p)
        : ctx.services.isServiceSource(e.services.namespace, e.services.name, ip);
    if (!ok) return false;
  }
  const selOk = !e.selector || ctx.index.inSet(e.selector, ip);
  if (e.ports) {
    const numOk = port !== undefined && inNumeric(e.ports, port);
    if (!e.hasNamedPorts) {
      if (!(selOk && numOk)) return false;
    } else {
      const namedOk = port !== undefined && inNamed(e, e.ports, ip, port, p.protocol, ctx);
      if (!((selOk && numOk) || namedOk)) return false;
    }
  } else if (!selOk) return false;
  if (e.notPorts && port !== undefined) {
    if (inNumeric(e.notPorts, port)) return false;
    if (e.hasNamedPorts && inNamed(e, e.notPorts, ip, port, p.protocol, ctx)) return false;
  }
  return true;
}

/**
 * Static questions about one Calico v3 rule, without cluster state: does it match every packet, could it match a
 * given protocol and port, and does a direction's rule list drop what it does not allow.
 */
import { protocolNumber } from '../model/primitives/protocols';
import { parsePort } from '../validation/rules/ports';

const hasOwn = Object.prototype.hasOwnProperty;

// Own enumerable string keys, as Object.values and Object.entries list them, walked without making those lists (the
// lint asks about every rule of 75,000 policies in bench/large-input.ts).

function isEmpty(v: unknown): boolean {
  if (v === undefined || v === null || v === '') return true;
  if (Array.isArray(v)) return v.length === 0;
  if (typeof v === 'object') {
    for (const k in v) if (hasOwn.call(v, k) && !isEmpty((v as Record<string, unknown>)[k])) return false;
    return true;
  }
  return false;
}

/** True when the rule has no condition at all (no protocol, ICMP, IP version, HTTP, source or destination field). */
export function isUnconditional(rule: any): boolean {
  if (rule === null || typeof rule !== 'object') return false;
  for (const k in rule) {
    if (hasOwn.call(rule, k) && k !== 'action' && k !== 'metadata' && !isEmpty(rule[k])) return false;
  }
  return true;
}

/** 1 when a port list covers `port`, 0 when it cannot, -1 when only named ports could (unknown without pods). */
function portCoverage(ports: unknown, port: number): 1 | 0 | -1 {
  let named = false;
  for (const p of Array.isArray(ports) ? ports : []) {
    const parsed = parsePort(p);
    if (parsed.port === undefined) continue;
    if (parsed.port.name !== undefined) named = true;
    else if (port >= parsed.port.min && port <= parsed.port.max) return 1;
  }
  return named ? -1 : 0;
}

/**
 * True when the rule could match a packet of `protocol` (number) to destination `port`, whatever the addresses:
 * protocol, notProtocol, ICMP, destination ports and notPorts are checked; named ports count as a possible match.
 */
export function mayMatchPort(rule: any, protocol: number, port: number): boolean {
  if (rule === null || typeof rule !== 'object') return false;
  if (rule.protocol !== undefined && protocolNumber(rule.protocol) !== protocol) return false;
  if (rule.notProtocol !== undefined && protocolNumber(rule.notProtocol) === protocol) return false;
  if (!isEmpty(rule.icmp)) return false; // ICMP fields need protocol ICMP
  const dst = rule.destination !== null && typeof rule.destination === 'object' ? rule.destination : {};
  if (!isEmpty(dst.ports) && portCoverage(dst.ports, port) === 0) return false;
  if (!isEmpty(dst.notPorts) && portCoverage(dst.notPorts, port) === 1) return false;
  return true;
}

/**
 * True when a direction with these rules can drop traffic for the selected endpoints: a Deny comes before any
 * unconditional Allow/Pass, or no rule allows or passes everything and the tier drops at its end.
 */
export function directionDrops(rules: readonly any[], tierDefaultAction: 'Deny' | 'Pass'): boolean {
  for (const r of rules) {
    const action = r?.action;
    if (action === 'Deny') return true;
    if ((action === 'Allow' || action === 'Pass') && isUnconditional(r)) return false;
  }
  return tierDefaultAction === 'Deny';
}

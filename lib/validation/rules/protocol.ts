/**
 * Rule protocols (`numorstring.Protocol`, `validateProtocol`): a name matching
 * `^(TCP|UDP|ICMP|ICMPv6|SCTP|UDPLite)$` exactly, or a number 1–255 (JSON number or all-digit string).
 */
import { PROTOCOL_NAMES, protocolHasPorts } from '../../model/primitives/protocols';
import { Findings, describe } from './util';

/** Protocol names accepted by the validator (case-sensitive); one home in lib/model/primitives/protocols.ts. */
export { PROTOCOL_NAMES };

/** A parsed protocol: a number (from a JSON number or an all-digit string) or a name. */
export type ParsedProtocol =
  { readonly num: number; readonly name?: undefined } | { readonly name: string; readonly num?: undefined };

/**
 * Parses a protocol value the way `Uint8OrString` unmarshals it. Returns undefined for values that cannot be a
 * protocol at all (wrong JSON type, numbers outside 0–255); those are reported by `checkProtocol`.
 */
export function parseProtocol(v: unknown): ParsedProtocol | undefined {
  if (typeof v === 'number') {
    return Number.isInteger(v) && v >= 0 && v <= 255 ? { num: v } : undefined;
  }
  if (typeof v === 'string') {
    if (/^[0-9]+$/.test(v) && Number(v) <= 255) return { num: Number(v) };
    return { name: v };
  }
  return undefined;
}

/** True for TCP (6), UDP (17) and SCTP (132), by name or number. UDPLite and ICMP have no ports. */
export function supportsPorts(p: ParsedProtocol | undefined): boolean {
  if (!p) return false;
  if (p.num !== undefined) return protocolHasPorts(p.num);
  return p.name === 'TCP' || p.name === 'UDP' || p.name === 'SCTP';
}

/** True if the protocol is exactly the given name (upstream compares against the named protocol value). */
export function isNamedProtocol(p: ParsedProtocol | undefined, name: string): boolean {
  return p !== undefined && p.name === name;
}

/** Validates a protocol/notProtocol value; returns the parsed protocol when valid. */
export function checkProtocolInto(v: unknown, path: string, f: Findings): ParsedProtocol | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'number' && typeof v !== 'string') {
    f.type(path, 'a protocol name or number', v);
    return undefined;
  }
  const p = parseProtocol(v);
  if (!p) {
    f.add(
      path,
      'calico.rule.protocol-number',
      `protocol number invalid: ${describe(v)} is not 1–255`,
      'use a protocol number 1–255 or a name: TCP, UDP, ICMP, ICMPv6, SCTP, UDPLite',
    );
    return undefined;
  }
  if (p.num !== undefined) {
    if (p.num === 0) {
      f.add(
        path,
        'calico.rule.protocol-number',
        'protocol number invalid: 0 is not a valid protocol',
        'use a protocol number 1–255 or a name: TCP, UDP, ICMP, ICMPv6, SCTP, UDPLite',
      );
      return undefined;
    }
    return p;
  }
  if (!(PROTOCOL_NAMES as readonly string[]).includes(p.name!)) {
    const fixed = PROTOCOL_NAMES.find((n) => n.toLowerCase() === p.name!.toLowerCase());
    f.add(
      path,
      'calico.rule.protocol-name',
      `protocol name invalid: ${JSON.stringify(p.name)}`,
      fixed
        ? `use ${JSON.stringify(fixed)} (names are case-sensitive)`
        : 'use TCP, UDP, ICMP, ICMPv6, SCTP, UDPLite or a number 1–255',
    );
    return undefined;
  }
  return p;
}

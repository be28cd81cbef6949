/** Protocol names and numbers as Calico's rules and the queries use them. */

/** Protocol numbers by Calico name (`numorstring.Protocol`). */
export const PROTOCOL_NUMBERS: Readonly<Record<string, number>> = {
  TCP: 6,
  UDP: 17,
  ICMP: 1,
  ICMPV6: 58,
  SCTP: 132,
  UDPLITE: 136,
};

const NAMES: Readonly<Record<number, string>> = { 6: 'TCP', 17: 'UDP', 1: 'ICMP', 58: 'ICMPv6', 132: 'SCTP', 136: 'UDPLite', 4: 'IPIP' };

/** IP-in-IP protocol number. */
export const PROTO_IPIP = 4;
/** UDP protocol number. */
export const PROTO_UDP = 17;
/** TCP protocol number. */
export const PROTO_TCP = 6;
/** Felix's default VXLAN port. */
export const VXLAN_PORT = 4789;

/**
 * The protocol number of a name (case-insensitive) or number (1–255, number or digit string);
 * `undefined` when it is neither.
 */
export function protocolNumber(v: unknown): number | undefined {
  if (typeof v === 'number') return Number.isInteger(v) && v >= 1 && v <= 255 ? v : undefined;
  if (typeof v !== 'string') return undefined;
  if (/^[0-9]{1,3}$/.test(v)) return protocolNumber(Number(v));
  return PROTOCOL_NUMBERS[v.toUpperCase()];
}

/** Display name of a protocol number (`TCP`, `UDP`, ... or the number). */
export function protocolName(n: number): string {
  return NAMES[n] ?? String(n);
}

/** True for protocols with ports (TCP, UDP, SCTP). */
export function hasPorts(n: number): boolean {
  return n === 6 || n === 17 || n === 132;
}

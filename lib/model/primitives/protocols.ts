/**
 * Protocol names and numbers as Calico reads them: libcalico-go api/pkg/lib/numorstring/protocol.go
 * (`ProtocolTCP` ... `ProtocolUDPLite`, `ProtocolFromString`, `SupportsPorts`) and the IANA numbers Felix matches.
 */

/** The protocol names Calico's validator accepts, case-sensitive (`validateProtocol`). */
export const PROTOCOL_NAMES = ['TCP', 'UDP', 'ICMP', 'ICMPv6', 'SCTP', 'UDPLite'] as const;

/** Protocols a Kubernetes NetworkPolicy or Service port may name (core/v1 `Protocol`). */
export const KUBERNETES_PROTOCOLS: readonly string[] = ['TCP', 'UDP', 'SCTP'];

/** IANA protocol numbers of the Calico names, keyed by the upper-cased name. */
export const PROTOCOL_NUMBERS: Readonly<Record<string, number>> = {
  TCP: 6,
  UDP: 17,
  ICMP: 1,
  ICMPV6: 58,
  SCTP: 132,
  UDPLITE: 136,
};

/** IP-in-IP protocol number. */
export const PROTO_IPIP = 4;
/** TCP protocol number. */
export const PROTO_TCP = 6;
/** UDP protocol number. */
export const PROTO_UDP = 17;
/** SCTP protocol number. */
export const PROTO_SCTP = 132;

/** The Calico names by number, from the two tables above. */
const CALICO_NAMES: ReadonlyMap<number, string> = new Map(
  PROTOCOL_NAMES.map((n) => [PROTOCOL_NUMBERS[n.toUpperCase()], n]),
);

/**
 * The canonical spelling of a known protocol name, case-insensitively (`udp` → `UDP`), or the text unchanged
 * (`numorstring.ProtocolFromString`).
 */
export function calicoProtocolFromString(p: string): string {
  const lower = p.toLowerCase();
  return PROTOCOL_NAMES.find((n) => n.toLowerCase() === lower) ?? p;
}

/**
 * The protocol number of a name (case-insensitive) or number (1–255, number or digit string); `undefined` when it
 * is neither.
 */
export function protocolNumber(v: unknown): number | undefined {
  if (typeof v === 'number') return Number.isInteger(v) && v >= 1 && v <= 255 ? v : undefined;
  if (typeof v !== 'string') return undefined;
  if (/^[0-9]{1,3}$/.test(v)) return protocolNumber(Number(v));
  return PROTOCOL_NUMBERS[v.toUpperCase()];
}

/** The Calico name of a protocol number (`6` → `TCP`), for the six names numorstring knows; undefined otherwise. */
export function calicoProtocolName(n: number): string | undefined {
  return CALICO_NAMES.get(n);
}

/** Display name of a protocol number (`TCP`, `UDP`, ..., `IPIP`, or the number). */
export function protocolName(n: number): string {
  return CALICO_NAMES.get(n) ?? (n === PROTO_IPIP ? 'IPIP' : String(n));
}

/** Whether a protocol number carries ports: TCP, UDP and SCTP (`Protocol.SupportsPorts`; UDPLite and ICMP do not). */
export function protocolHasPorts(n: number): boolean {
  return n === PROTO_TCP || n === PROTO_UDP || n === PROTO_SCTP;
}

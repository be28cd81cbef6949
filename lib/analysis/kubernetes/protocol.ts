/**
 * Protocol names as Calico's `numorstring.ProtocolFromString` normalises them.
 */

const CANONICAL_PROTOCOLS = ['UDP', 'TCP', 'ICMP', 'ICMPv6', 'SCTP', 'UDPLite'];

/** Protocols a Kubernetes NetworkPolicy port may name. */
export const KUBERNETES_PROTOCOLS: readonly string[] = ['TCP', 'UDP', 'SCTP'];

/**
 * The canonical spelling of a known protocol name (case-insensitive: `udp` → `UDP`), or the text unchanged.
 */
export function calicoProtocolFromString(p: string): string {
  const lower = p.toLowerCase();
  return CANONICAL_PROTOCOLS.find((n) => n.toLowerCase() === lower) ?? p;
}

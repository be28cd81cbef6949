/** The packet a query describes, as the enforcement points see it (after any DNAT/SNAT in front of them). */
import type { IpAddr } from '../../../model/primitives/ip';

/** One packet (the first packet of a connection). */
export interface Packet {
  readonly src: IpAddr;
  readonly dst: IpAddr;
  /** Protocol number. */
  readonly protocol: number;
  /** Destination port, for TCP/UDP/SCTP. */
  readonly dstPort?: number;
  /** Source port, when the query gives one (unknown ephemeral port otherwise). */
  readonly srcPort?: number;
  /** ICMP type and code, for ICMP/ICMPv6. */
  readonly icmpType?: number;
  readonly icmpCode?: number;
}

/** Returns a copy of the packet with a new source and/or destination (NAT). */
export function rewrite(p: Packet, change: { src?: IpAddr; dst?: IpAddr; dstPort?: number }): Packet {
  return { ...p, ...change };
}

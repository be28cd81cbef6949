/**
 * CIDR text as Calico's converter produces it: Go `net.ParseCIDR` followed by `IPNet.String()`, i.e. the network
 * address with the host bits cleared (`10.0.0.1/8` → `10.0.0.0/8`), IPv4-mapped IPv6 networks printed as IPv4.
 */
import { formatCidr, parseCidr } from '../../validation/rules/cidr';

const V4_MAPPED_PREFIX = 0xffffn << 32n;
const TOP_96_BITS = ((1n << 96n) - 1n) << 32n;

/**
 * Parses and normalises a CIDR like upstream's `cnet.ParseCIDR(...)` + `ipNet.String()`.
 * @returns the normalised CIDR, or undefined when Go's `net.ParseCIDR` would fail
 */
export function normaliseGoCidr(text: string): string | undefined {
  const c = parseCidr(text);
  if (c === undefined) return undefined;
  // Go's IPNet.String() prints a network whose address is IPv4-mapped (::ffff:a.b.c.d, only possible with a
  // prefix of at least 96 once masked) as IPv4 with the last 32 bits of the mask.
  if (c.family === 6 && (c.network & TOP_96_BITS) === V4_MAPPED_PREFIX) {
    return formatCidr({ family: 4, ip: c.network & 0xffffffffn, network: c.network & 0xffffffffn, prefix: c.prefix - 96, bare: false });
  }
  return formatCidr(c);
}

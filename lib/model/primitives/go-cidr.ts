/**
 * CIDR text as Calico's converter produces it: Go `net.ParseCIDR` followed by `IPNet.String()`, i.e. the network
 * address with the host bits cleared (`10.0.0.1/8` → `10.0.0.0/8`), IPv4-mapped IPv6 networks printed as IPv4
 * (`::ffff:10.0.0.0/104` → `10.0.0.0/8`). The Go reading itself lives in ./cidr.ts.
 */
import { formatCidr, parseCidr } from './cidr';

/**
 * Parses and normalises a CIDR like upstream's `cnet.ParseCIDR(...)` + `ipNet.String()`.
 * @returns the normalised CIDR, or undefined when Go's `net.ParseCIDR` would fail
 */
export function normaliseGoCidr(text: string): string | undefined {
  const c = parseCidr(text);
  return c === undefined ? undefined : formatCidr(c);
}

/**
 * IP address helpers for the engine: canonical text and CIDR membership, on top of ./cidr.ts (Go's
 * reading: `::ffff:10.0.0.1` is the IPv4 address 10.0.0.1, `::ffff:10.0.0.0/104` the IPv4 network 10.0.0.0/8).
 */
import { formatIp, IpFamily, maskOf, parseCidrOrIp, parseIp, ParsedCidr } from './cidr';

/** A parsed address with its canonical text. */
export interface IpAddr {
  /** Canonical text (`10.0.0.1`, `fd00::1`). */
  readonly text: string;
  /** 4 or 6. */
  readonly family: IpFamily;
  /** Numeric value. */
  readonly value: bigint;
}

const cache = new Map<string, IpAddr | null>();

/** Parses an address (no prefix) and canonicalises it; `undefined` if it is not an IP. Cached. */
export function toIpAddr(text: string): IpAddr | undefined {
  const hit = cache.get(text);
  if (hit !== undefined) return hit ?? undefined;
  const p = parseIp(text);
  const out = p ? { text: formatIp(p.family, p.value), family: p.family, value: p.value } : null;
  if (cache.size > 100000) cache.clear();
  cache.set(text, out);
  return out ?? undefined;
}

/** Canonical text of an IP, or `undefined`. */
export function canonicalIp(text: string): string | undefined {
  return toIpAddr(text)?.text;
}

/** Parses a CIDR or bare IP (bare IP = host prefix), or `undefined`. */
export function toCidr(text: string): ParsedCidr | undefined {
  return parseCidrOrIp(text);
}

/** True when `ip` lies in `cidr`. */
export function cidrHas(cidr: ParsedCidr, ip: IpAddr): boolean {
  if (cidr.family !== ip.family) return false;
  return (ip.value & maskOf(cidr.family, cidr.prefix)) === cidr.network;
}

/** True when the CIDR is a single address (a /32 or /128). */
export function isHostCidr(c: ParsedCidr): boolean {
  return c.prefix === (c.family === 4 ? 32 : 128);
}

/** A network prepared for fast membership tests. */
export interface Net {
  /** Normalised text, e.g. `10.0.0.0/8`. */
  readonly text: string;
  readonly family: IpFamily;
  readonly network: bigint;
  readonly mask: bigint;
  readonly prefix: number;
}

/** Prepares a CIDR (or bare IP) for {@link netHas}; `undefined` if it does not parse. */
export function toNet(text: string): Net | undefined {
  const c = parseCidrOrIp(text);
  if (!c) return undefined;
  const mask = maskOf(c.family, c.prefix);
  return {
    text: `${formatIp(c.family, c.network)}/${c.prefix}`,
    family: c.family,
    network: c.network,
    mask,
    prefix: c.prefix,
  };
}

/** True when `ip` lies in `net`. */
export function netHas(net: Net, ip: IpAddr): boolean {
  return net.family === ip.family && (ip.value & net.mask) === net.network;
}

/** True when the network is a single address. */
export function isHostCidrNet(n: Net): boolean {
  return n.prefix === (n.family === 4 ? 32 : 128);
}

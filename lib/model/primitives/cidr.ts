/**
 * IPv4/IPv6 address and CIDR parsing with Go `net.ParseIP` / `net.ParseCIDR` semantics (IPv4 dotted quads without
 * leading zeros; IPv6 with `::` compression and an optional embedded IPv4 tail; no zones), strict-mask and overlap
 * helpers. Pure functions; values are BigInts (32 or 128 bits); dotted quads are read by dotted-ipv4.ts. This is
 * the one CIDR parser of the library: the engines (lib/analysis), the constructs and the validators all read
 * addresses through it.
 *
 * IPv4-mapped IPv6 (`::ffff:a.b.c.d`) is read as Go reads it, not as an IPv6 value:
 * - an address is IPv4 (`net.IP.To4()` is non-nil, libcalico-go `cnet.IP.Version()` is 4): `::ffff:10.0.0.1` is
 *   10.0.0.1;
 * - a network whose masked address is IPv4-mapped (only possible with a prefix of at least 96) is IPv4 with the last
 *   32 bits of the mask (`net.IPNet.String()` / `Contains` via `networkNumberAndMask`, `cnet.IPNet.Version()`):
 *   `::ffff:10.0.0.0/104` is 10.0.0.0/8, `::ffff:10.0.0.1/128` is 10.0.0.1/32 and `::ffff:0:0/96` is 0.0.0.0/0;
 * - with a shorter prefix the network is IPv6 (`::ffff:10.0.0.0/64` is ::/64), and its address has host bits set.
 */

import { canonicalV4Number } from './dotted-ipv4';

/** Address family. */
export type IpFamily = 4 | 6;

/** A parsed IP address. */
export interface ParsedIp {
  readonly family: IpFamily;
  /** The address as an unsigned integer of 32 (IPv4) or 128 (IPv6) bits. */
  readonly value: bigint;
}

/** A parsed CIDR. */
export interface ParsedCidr {
  readonly family: IpFamily;
  /** The address as written (may have host bits set). */
  readonly ip: bigint;
  /** Prefix length. */
  readonly prefix: number;
  /** The network address (host bits cleared). */
  readonly network: bigint;
  /** True if the text had no `/prefix` (parsed by `parseCidrOrIp` as a full-length prefix). */
  readonly bare: boolean;
}

const IPV6_GROUP = /^[0-9a-fA-F]{1,4}$/;

function bits(family: IpFamily): number {
  return family === 4 ? 32 : 128;
}

/** A dotted quad (no leading zeros, each part at most 255), read by the one dotted-quad reader (dotted-ipv4.ts). */
function parseIPv4(s: string): bigint | undefined {
  const v = canonicalV4Number(s);
  return v === undefined ? undefined : BigInt(v);
}

function parseGroups(text: string, allowV4Tail: boolean): bigint[] | undefined {
  if (text === '') return [];
  const parts = text.split(':');
  const out: bigint[] = [];
  for (let i = 0; i < parts.length; i++) {
    const p = parts[i];
    if (allowV4Tail && i === parts.length - 1 && p.includes('.')) {
      const v4 = parseIPv4(p);
      if (v4 === undefined) return undefined;
      out.push(v4 >> 16n, v4 & 0xffffn);
    } else {
      if (!IPV6_GROUP.test(p)) return undefined;
      out.push(BigInt(parseInt(p, 16)));
    }
  }
  return out;
}

function parseIPv6(s: string): bigint | undefined {
  if (s.length === 0 || s.length > 45) return undefined;
  const ell = s.indexOf('::');
  let groups: bigint[];
  if (ell >= 0) {
    if (s.indexOf('::', ell + 1) >= 0) return undefined;
    const headText = s.slice(0, ell);
    const tailText = s.slice(ell + 2);
    const head = parseGroups(headText, false);
    const tail = parseGroups(tailText, true);
    if (!head || !tail) return undefined;
    const missing = 8 - head.length - tail.length;
    if (missing < 1) return undefined; // "::" must stand for at least one group of zeros
    groups = [...head, ...new Array<bigint>(missing).fill(0n), ...tail];
  } else {
    const all = parseGroups(s, true);
    if (!all || all.length !== 8) return undefined;
    groups = all;
  }
  let v = 0n;
  for (const g of groups) v = (v << 16n) | g;
  return v;
}

const V4_MAPPED_PREFIX = 0xffffn << 32n;
const TOP_96_BITS = ((1n << 96n) - 1n) << 32n;
const LOW_32_BITS = 0xffffffffn;

/** True when a 128-bit value lies in ::ffff:0:0/96, i.e. Go's `IP.To4()` would return its last 4 bytes. */
function isV4Mapped(v: bigint): boolean {
  return (v & TOP_96_BITS) === V4_MAPPED_PREFIX;
}

/**
 * Parses a plain IP address (no prefix, no zone) like Go `net.ParseIP`, with the family Go's `IP.To4()` gives it:
 * an IPv4-mapped IPv6 address is IPv4.
 */
export function parseIp(s: unknown): ParsedIp | undefined {
  if (typeof s !== 'string') return undefined;
  if (s.includes(':')) {
    const v = parseIPv6(s);
    if (v === undefined) return undefined;
    return isV4Mapped(v) ? { family: 4, value: v & LOW_32_BITS } : { family: 6, value: v };
  }
  const v = parseIPv4(s);
  return v === undefined ? undefined : { family: 4, value: v };
}

/** Network mask of `prefix` bits for the family. */
export function maskOf(family: IpFamily, prefix: number): bigint {
  const total = bits(family);
  if (prefix <= 0) return 0n;
  return ((1n << BigInt(total)) - 1n) ^ ((1n << BigInt(total - prefix)) - 1n);
}

function build(family: IpFamily, ip: bigint, prefix: number, bare: boolean): ParsedCidr {
  return { family, ip, prefix, network: ip & maskOf(family, prefix), bare };
}

/**
 * Parses `ip/prefix` like Go `net.ParseCIDR` (a bare IP is NOT a CIDR). The prefix is checked against the length of
 * the address as written (up to 128 for any IPv6 text, `::ffff:a.b.c.d` included); the result's family is the
 * network's (`cnet.IPNet.Version()`): an IPv4-mapped network is returned as the IPv4 network Go prints.
 */
export function parseCidr(s: unknown): ParsedCidr | undefined {
  if (typeof s !== 'string') return undefined;
  const slash = s.indexOf('/');
  if (slash < 0) return undefined;
  const addr = s.slice(0, slash);
  const prefixText = s.slice(slash + 1);
  // Go's dtoi: decimal digits only, and the value must fit the address length.
  if (!/^[0-9]{1,3}$/.test(prefixText)) return undefined;
  const prefix = Number(prefixText);
  if (!addr.includes(':')) {
    const v4 = parseIPv4(addr);
    return v4 === undefined || prefix > 32 ? undefined : build(4, v4, prefix, false);
  }
  const v6 = parseIPv6(addr);
  if (v6 === undefined || prefix > 128) return undefined;
  const network = v6 & maskOf(6, prefix);
  if (isV4Mapped(network)) {
    // The masked network is ::ffff:a.b.c.d (prefix >= 96): Go's networkNumberAndMask reads it as IPv4.
    return build(4, v6 & LOW_32_BITS, prefix - 96, false);
  }
  return build(6, v6, prefix, false);
}

/**
 * Parses a CIDR or a bare IP (a bare IP is a full-length prefix of its Go family, so `::ffff:10.0.0.1` is
 * 10.0.0.1/32), like Calico's `cnet.ParseCIDROrIP`.
 */
export function parseCidrOrIp(s: unknown): ParsedCidr | undefined {
  if (typeof s !== 'string') return undefined;
  if (s.includes('/')) return parseCidr(s);
  const ip = parseIp(s);
  return ip ? build(ip.family, ip.value, bits(ip.family), true) : undefined;
}

/** True if the CIDR has no host bits set (`10.0.0.0/8` yes, `10.0.0.1/8` no). Unparseable text → false. */
export function isStrictlyMasked(c: ParsedCidr | string): boolean {
  const parsed = typeof c === 'string' ? parseCidrOrIp(c) : c;
  return parsed !== undefined && parsed.ip === parsed.network;
}

/** The family of an IP or CIDR text, or undefined if it does not parse. */
export function ipFamily(s: unknown): IpFamily | undefined {
  return parseCidrOrIp(s)?.family;
}

/** True if the two networks share at least one address (same family only). */
export function cidrsOverlap(a: ParsedCidr, b: ParsedCidr): boolean {
  if (a.family !== b.family) return false;
  const p = Math.min(a.prefix, b.prefix);
  const m = maskOf(a.family, p);
  return (a.network & m) === (b.network & m);
}

/** True if `outer` contains every address of `inner`. */
export function cidrContains(outer: ParsedCidr, inner: ParsedCidr): boolean {
  if (outer.family !== inner.family || outer.prefix > inner.prefix) return false;
  const m = maskOf(outer.family, outer.prefix);
  return (inner.network & m) === outer.network;
}

/** Formats an address canonically (IPv6 per RFC 5952: lowercase, longest zero run compressed). */
export function formatIp(family: IpFamily, value: bigint): string {
  if (family === 4) {
    return [24n, 16n, 8n, 0n].map((s) => String((value >> s) & 0xffn)).join('.');
  }
  const groups: number[] = [];
  for (let i = 7; i >= 0; i--) groups.push(Number((value >> BigInt(i * 16)) & 0xffffn));
  let bestStart = -1;
  let bestLen = 0;
  for (let i = 0; i < 8;) {
    if (groups[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLen && j - i >= 2) {
      bestStart = i;
      bestLen = j - i;
    }
    i = j;
  }
  const hex = groups.map((g) => g.toString(16));
  if (bestStart < 0) return hex.join(':');
  return `${hex.slice(0, bestStart).join(':')}::${hex.slice(bestStart + bestLen).join(':')}`;
}

/** The normalised network text, e.g. `10.0.0.1/8` → `10.0.0.0/8`. */
export function formatCidr(c: ParsedCidr): string {
  return `${formatIp(c.family, c.network)}/${c.prefix}`;
}

/** IPv4 link-local range. */
export const IPV4_LINK_LOCAL = parseCidr('169.254.0.0/16')!;
/** IPv6 link-local range. */
export const IPV6_LINK_LOCAL = parseCidr('fe80::/10')!;

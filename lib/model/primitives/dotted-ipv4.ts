/**
 * IPv4 texts as plain numbers instead of bigints, read by the tens of thousands by the lockout guard and the synth
 * validation (node addresses, network set CIDRs, client networks). The one dotted-quad reader: cidr.ts reads IPv4
 * through {@link canonicalV4Number} too. {@link v4CidrOf} takes only what parseCidrOrIp reads the same way (dotted
 * decimal, no leading zero, no blank; a prefix of one to three digits up to 32); every other text is left to the
 * general parsers, so both give one answer.
 */

/** A dotted IPv4 address exactly as parseIp accepts and formatIp prints it. */
const CANONICAL_V4 =
  /^(0|[1-9][0-9]?|1[0-9][0-9]|2[0-4][0-9]|25[0-5])(\.(0|[1-9][0-9]?|1[0-9][0-9]|2[0-4][0-9]|25[0-5])){3}$/;

/** The address as an unsigned 32-bit number when `text` is a canonical dotted IPv4 address; else undefined. */
export function canonicalV4Number(text: unknown): number | undefined {
  if (typeof text !== 'string' || !CANONICAL_V4.test(text)) return undefined;
  let value = 0;
  let part = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 46) {
      value = value * 256 + part;
      part = 0;
    } else part = part * 10 + (c - 48);
  }
  return value * 256 + part;
}

/** The unsigned mask of an IPv4 prefix length. */
export function v4Mask(prefix: number): number {
  return prefix === 0 ? 0 : (0xffffffff << (32 - prefix)) >>> 0;
}

/**
 * A canonical IPv4 CIDR or bare address (a host prefix) as its masked network number and prefix: what parseCidrOrIp
 * (and toNet) give for it. Undefined for any other text.
 */
export function v4CidrOf(text: string): { network: number; prefix: number } | undefined {
  const slash = text.indexOf('/');
  const ip = canonicalV4Number(slash < 0 ? text : text.slice(0, slash));
  if (ip === undefined) return undefined;
  if (slash < 0) return { network: ip, prefix: 32 };
  const p = text.slice(slash + 1);
  if (!/^[0-9]{1,3}$/.test(p) || Number(p) > 32) return undefined;
  const prefix = Number(p);
  return { network: (ip & v4Mask(prefix)) >>> 0, prefix };
}

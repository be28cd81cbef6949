import { boundaryError, guardRest, guardString, rejectInput } from '../model/primitives/guard';
import { formatCidr, parseCidr, parseCidrOrIp } from '../model/primitives/cidr';

/**
 * Rule nets must be strictly masked CIDRs of one address family (Calico rejects bare IPs, host bits and mixed
 * families in one rule: libcalico-go `validateEntityRule`, `net.ParseCIDR`). Throws at once with a fix, the aws-cdk
 * way, as `[Peer.nets] cidrs[1]: ...`. Returns the CIDRs.
 */
export function assertRuleNets(cidrs: readonly unknown[], where: string): string[] {
  const list = guardRest(cidrs, where, 'cidrs', (text, field) => ruleNet(text, where, field), {
    minLength: 1,
    of: 'CIDRs',
    fix: 'give at least one CIDR such as 10.0.0.0/8',
  });
  // The family Go gives the network: ::ffff:10.0.0.0/104 is IPv4 (10.0.0.0/8), as in validateRule's scanNets.
  const families = new Set(list.map((c) => parseCidr(c)?.family));
  if (families.size > 1) {
    throw boundaryError(
      where,
      'cidrs',
      `${list.join(', ')} mixes IPv4 and IPv6, which one Calico rule cannot hold; fix: use one peer per address family`,
    );
  }
  return list;
}

/** One strictly masked CIDR. */
function ruleNet(v: unknown, where: string, field: string): string {
  const text = guardString(v, where, field, { expected: 'a CIDR such as 10.0.0.0/8' });
  const cidr = parseCidr(text);
  if (!cidr) {
    const ip = parseCidrOrIp(text);
    // The full-length prefix of the address as written: /128 for any IPv6 text, ::ffff:a.b.c.d included.
    const hint = ip
      ? `did you mean "${text}/${text.includes(':') ? 128 : 32}"?`
      : 'write a CIDR such as 10.0.0.0/8 or 2001:db8::/32';
    return rejectInput(where, field, 'a CIDR such as 10.0.0.0/8', text, hint);
  }
  if (cidr.ip !== cidr.network) {
    throw boundaryError(
      where,
      field,
      `"${text}" has host bits set (Calico requires strictly masked networks); fix: use "${formatCidr(cidr)}"`,
    );
  }
  return text;
}

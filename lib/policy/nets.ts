import { formatCidr, parseCidr, parseCidrOrIp } from '../validation/rules/cidr';

/**
 * Rule nets must be strictly masked CIDRs of one address family (Calico rejects bare IPs, host bits and mixed
 * families in one rule). Throws at once with a fix, the aws-cdk way.
 */
export function assertRuleNets(cidrs: string[], what: string): void {
  if (cidrs.length === 0) throw new Error(`${what}() needs at least one CIDR`);
  const families = new Set<number>();
  for (const text of cidrs) {
    const cidr = parseCidr(text);
    if (!cidr) {
      const ip = parseCidrOrIp(text);
      const hint = ip ? `did you mean "${text}/${ip.family === 4 ? 32 : 128}"?` : 'write a CIDR such as 10.0.0.0/8 or 2001:db8::/32';
      throw new Error(`${what}: "${text}" is not a CIDR; fix: ${hint}`);
    }
    if (cidr.ip !== cidr.network) {
      throw new Error(`${what}: "${text}" has host bits set (Calico requires strictly masked networks); fix: use "${formatCidr(cidr)}"`);
    }
    families.add(cidr.family);
  }
  if (families.size > 1) {
    throw new Error(`${what}: ${cidrs.join(', ')} mixes IPv4 and IPv6, which one Calico rule cannot hold; fix: use one peer per address family`);
  }
}

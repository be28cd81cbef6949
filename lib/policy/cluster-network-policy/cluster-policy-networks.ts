import { boundaryError, guardString } from '../../model/primitives/guard';
import { formatCidr, parseCidr, parseIp } from '../../model/primitives/cidr';

/** The CRD's limits on one `networks` peer (`minItems: 1`, `maxItems: 25`, `x-kubernetes-list-type: set`). */
export const MAX_NETWORKS = 25;

/**
 * One CIDR of a `networks` peer, as the CRD's CEL rule `isCIDR(self)` reads it: Kubernetes' CEL CIDR library parses
 * with Go `netip.ParsePrefix` (k8s.io/apiserver `pkg/cel/library/cidr.go`), so the prefix length is mandatory and
 * has no leading zeros or sign, IPv4 octets have no leading zeros, there is no zone, and an IPv4-mapped IPv6 address
 * (`::ffff:10.0.0.0/104`) is refused. Host bits are refused too: Calico masks them off (`cnet.ParseCIDR`), so
 * `10.1.2.3/8` would silently mean `10.0.0.0/8`. Returns the text unchanged.
 */
export function guardNetworkCidr(v: unknown, where: string, field: string): string {
  const text = guardString(v, where, field, { expected: 'a CIDR such as 10.0.0.0/8 or fd00::/8' });
  const slash = text.indexOf('/');
  const addressText = slash < 0 ? text : text.slice(0, slash);
  const address = parseIp(addressText);
  if (slash < 0) {
    const hint = address
      ? `did you mean "${text}/${address.family === 4 ? 32 : 128}"?`
      : 'write a CIDR such as 10.0.0.0/8 or fd00::/8';
    throw boundaryError(where, field, `expected a CIDR, got "${text}" (no prefix length); fix: ${hint}`);
  }
  if (addressText.includes(':') && address?.family === 4) {
    throw boundaryError(
      where,
      field,
      `expected an IPv4 or IPv6 CIDR, got the IPv4-mapped IPv6 "${text}" (Kubernetes' isCIDR refuses it); ` +
        'fix: write the IPv4 CIDR',
    );
  }
  const bits = text.slice(slash + 1);
  const parsed = /^(0|[1-9][0-9]{0,2})$/.test(bits) ? parseCidr(text) : undefined;
  if (!address || !parsed) {
    throw boundaryError(
      where,
      field,
      `expected a CIDR such as 10.0.0.0/8 or fd00::/8, got "${text}"; ` +
        'fix: write the address without leading zeros and a prefix length of at most 32 (IPv4) or 128 (IPv6)',
    );
  }
  if (parsed.ip !== parsed.network) {
    throw boundaryError(
      where,
      field,
      `expected a CIDR without host bits, got "${text}" (Calico masks them off); fix: use "${formatCidr(parsed)}"`,
    );
  }
  return text;
}

/**
 * IPReservation: `spec.reservedCIDRs` entries are CIDRs or bare IPs (`cidr` field validator, `cnet.ParseCIDROrIP`).
 * The CRD's `format: cidr` sits on the array, where kube-apiserver strips it (apiextensions `formats.go`), so only
 * Calico's validator checks the entries.
 */
import { parseCidrOrIp } from '../../model/primitives/cidr';
import { Findings, at, getArray, isAbsent, isObject, q } from './util';

/** Checks an IPReservation. */
export function checkIpReservationInto(doc: Record<string, unknown>, f: Findings): void {
  if (isAbsent(doc.spec)) return;
  if (!isObject(doc.spec)) {
    f.type('spec', 'an object', doc.spec);
    return;
  }
  getArray(doc.spec, 'reservedCIDRs', 'spec', f).forEach((c, i) => {
    if (!parseCidrOrIp(c)) {
      f.add(
        at('spec.reservedCIDRs', i),
        'calico.ipreservation.cidr',
        `reservedCIDRs entry ${q(c)} is not a valid CIDR or IP address`,
        'use a CIDR such as 10.244.0.0/30 or an address such as 10.244.0.7',
      );
    }
  });
}

/**
 * GlobalNetworkSet / NetworkSet (`validateNetworkSet`, `validateGlobalNetworkSet`, `cidr` field
 * validator): the reserved namespace label and nets entries (CIDRs or bare IPs; not required to be strictly masked).
 */
import { parseCidrOrIp } from '../../model/primitives/cidr';
import { Findings, at, getArray, isAbsent, isObject, q } from './util';

/** Label key reserved for the namespace of namespaced endpoints; not allowed on network sets. */
export const NAMESPACE_LABEL = 'projectcalico.org/namespace';

/** Checks a (Global)NetworkSet; `meta` is the (already checked) metadata. */
export function checkNetworkSetInto(doc: Record<string, unknown>, meta: Record<string, unknown>, f: Findings): void {
  if (isObject(meta.labels) && Object.prototype.hasOwnProperty.call(meta.labels, NAMESPACE_LABEL)) {
    f.add(
      `metadata.labels.${NAMESPACE_LABEL}`,
      'calico.netset.namespace-label',
      `${NAMESPACE_LABEL} is not a valid label name (it is reserved for Calico's namespace mapping)`,
      'use another label key, e.g. example.com/namespace',
    );
  }
  if (isAbsent(doc.spec)) return;
  if (!isObject(doc.spec)) {
    f.type('spec', 'an object', doc.spec);
    return;
  }
  getArray(doc.spec, 'nets', 'spec', f).forEach((n, i) => {
    if (!parseCidrOrIp(n)) {
      f.add(
        at('spec.nets', i),
        'calico.netset.net-invalid',
        `nets entry ${q(n)} is not a valid CIDR or IP address`,
        'use a CIDR such as 192.0.2.0/24 or an address such as 192.0.2.7',
      );
    }
  });
}

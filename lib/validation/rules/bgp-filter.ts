/**
 * BGPFilter (`validateBGPFilterRuleV4`/`V6` → `validateBGPFilterRule`, and the `netv4`/`netv6`,
 * `bgpFilterInterface`, `bgpFilterPrefixLengthV4`/`V6` field validators of `api/.../v3/bgpfilter.go`).
 */
import { IpFamily, formatCidr, parseCidrOrIp } from '../../model/primitives/cidr';
import { Findings, at, child, getArray, isAbsent, isObject, q } from './util';

const BGP_FILTER_INTERFACE = /^[a-zA-Z0-9_.*-]{1,15}$/; // bgpFilterInterfaceRegex
const LISTS: ReadonlyArray<readonly [string, IpFamily]> = [
  ['exportV4', 4],
  ['importV4', 4],
  ['exportV6', 6],
  ['importV6', 6],
];

/** Checks a BGPFilter's four rule lists. */
export function checkBgpFilterInto(doc: Record<string, unknown>, f: Findings): void {
  if (isAbsent(doc.spec)) return;
  if (!isObject(doc.spec)) {
    f.type('spec', 'an object', doc.spec);
    return;
  }
  const spec = doc.spec;
  for (const [key, family] of LISTS) {
    getArray(spec, key, 'spec', f).forEach((r, i) => {
      const rp = at(`spec.${key}`, i);
      if (!isObject(r)) f.type(rp, 'an object', r);
      else checkFilterRuleInto(r, family, rp, f);
    });
  }
}

function set(v: unknown): boolean {
  return !isAbsent(v) && v !== '';
}

function checkFilterRuleInto(r: Record<string, unknown>, family: IpFamily, rp: string, f: Findings): void {
  const cidrSet = set(r.cidr);
  if (cidrSet) {
    // netv4 / netv6: a strictly masked network (or a bare IP) of the list's family.
    const c = parseCidrOrIp(r.cidr);
    if (!c || c.family !== family) {
      f.add(
        child(rp, 'cidr'),
        'calico.bgpfilter.cidr',
        `cidr ${q(r.cidr)} is not a valid IPv${family} network`,
        `use an IPv${family} CIDR such as ${family === 4 ? '10.0.0.0/8' : 'fd00::/8'}`,
      );
    } else if (c.ip !== c.network) {
      f.add(
        child(rp, 'cidr'),
        'calico.bgpfilter.cidr',
        `cidr ${q(r.cidr)} is not strictly masked`,
        `use ${formatCidr(c)}`,
      );
    }
  }
  if (cidrSet && !set(r.matchOperator)) {
    f.add(
      child(rp, 'matchOperator'),
      'calico.bgpfilter.match',
      'MatchOperator cannot be empty when CIDR is not',
      'set matchOperator: Equal, NotEqual, In or NotIn',
    );
  }
  if (!cidrSet && set(r.matchOperator)) {
    f.add(
      child(rp, 'cidr'),
      'calico.bgpfilter.match',
      'CIDR cannot be empty when MatchOperator is not',
      'set cidr or remove matchOperator',
    );
  }
  if (!cidrSet && !isAbsent(r.prefixLength)) {
    f.add(
      child(rp, 'prefixLength'),
      'calico.bgpfilter.match',
      'CIDR cannot be empty when PrefixLength is not',
      'set cidr or remove prefixLength',
    );
  }
  if (isObject(r.prefixLength)) {
    const max = family === 4 ? 32 : 128;
    for (const k of ['min', 'max']) {
      const v = r.prefixLength[k];
      if (!isAbsent(v) && (typeof v !== 'number' || !Number.isInteger(v) || v < 0 || v > max)) {
        f.add(
          child(child(rp, 'prefixLength'), k),
          'calico.bgpfilter.prefix-length',
          `prefixLength.${k} ${q(v)} is not a prefix length 0–${max}`,
          `use a value between 0 and ${max}`,
        );
      }
    }
  }
  const iface = r.interface;
  if (set(iface) && (typeof iface !== 'string' || !(iface === '*' || BGP_FILTER_INTERFACE.test(iface)))) {
    f.add(
      child(rp, 'interface'),
      'calico.bgpfilter.interface',
      `interface ${q(iface)} is not a valid interface pattern (${BGP_FILTER_INTERFACE.source})`,
      'use an interface name or pattern such as eth* (at most 15 characters)',
    );
  }
}

/**
 * FelixConfiguration (`validateFelixConfigSpec`, `validateProtoPort`,
 * `validateRouteTableRange`, `validateRouteTableIDRange`, `validateHealthTimeoutOverride`, Felix CRD CEL rules; the
 * field validators of the `validate:` tags are in felix-fields.ts).
 */
import { parseCidrOrIp, parseIp } from '../../model/primitives/cidr';
import { parseGoDuration } from './duration';
import { checkFelixFieldsInto } from './felix-fields';
import { isDns1123Label } from './names';
import { parsePort } from './ports';
import { parseSelectorInto } from './selectors';
import { Findings, at, child, getArray, getString, isAbsent, isObject, q } from './util';
import { isUint16Port } from '../../model/primitives/ports';

const LOG_PREFIX = /^([a-zA-Z0-9%: /_-])*$/;
const HTO_NAME = /^[a-zA-Z0-9_ -]+$/;

/** Checks a FelixConfiguration; `name` is metadata.name. */
export function checkFelixConfigurationInto(doc: Record<string, unknown>, name: unknown, f: Findings): void {
  if (isAbsent(doc.spec)) return;
  if (!isObject(doc.spec)) {
    f.type('spec', 'an object', doc.spec);
    return;
  }
  const spec = doc.spec;
  checkFelixFieldsInto(spec, f);

  // ---- route tables
  if (!isAbsent(spec.routeTableRange) && !isAbsent(spec.routeTableRanges)) {
    f.add(
      'spec.routeTableRange',
      'calico.felix.route-table-exclusive',
      'routeTableRange cannot be set when routeTableRanges is also set',
      'use only routeTableRanges',
    );
  }
  if (!isAbsent(spec.routeTableRange)) {
    const r = spec.routeTableRange;
    const ok =
      isObject(r) &&
      Number.isInteger(r.min) &&
      Number.isInteger(r.max) &&
      (r.min as number) >= 1 &&
      (r.max as number) >= (r.min as number) &&
      (r.max as number) <= 250;
    if (!ok) {
      f.add(
        'spec.routeTableRange',
        'calico.felix.route-table-range',
        'routeTableRange must be a range of route table indices within 1..250 (min ≤ max)',
        'use e.g. {min: 1, max: 250}, or routeTableRanges for larger indices',
      );
    }
  }
  let tables = 0;
  getArray(spec, 'routeTableRanges', 'spec', f).forEach((r, i) => {
    const rp = at('spec.routeTableRanges', i);
    if (!isObject(r) || !Number.isInteger(r.min) || !Number.isInteger(r.max)) {
      f.add(
        rp,
        'calico.felix.route-table-range',
        'route table range needs integer min and max',
        'use e.g. {min: 1, max: 250}',
      );
      return;
    }
    const min = r.min as number;
    const max = r.max as number;
    if (min > max)
      f.add(rp, 'calico.felix.route-table-range', 'min value cannot be greater than max value', 'swap min and max');
    if (min <= 0) f.add(rp, 'calico.felix.route-table-range', 'cannot target indices < 1', 'use min ≥ 1');
    if (max > 0xffffffff)
      f.add(rp, 'calico.felix.route-table-range', 'max index too high (limit 4294967295)', 'use a smaller max');
    if (max >= min) tables += max - min + 1;
  });
  if (tables > 0xffff) {
    f.add(
      'spec.routeTableRanges',
      'calico.felix.route-table-range',
      `routeTableRanges targets too many tables (${tables} > 65535)`,
      'narrow the ranges',
    );
  }

  // ---- node port ranges
  const npr = getArray(spec, 'kubeNodePortRanges', 'spec', f);
  if (npr.length > 7) {
    f.add(
      'spec.kubeNodePortRanges',
      'calico.felix.node-port-ranges',
      `node port ranges list is too long (max 7, got ${npr.length})`,
      'merge ranges',
    );
  }
  npr.forEach((p, i) => {
    const r = parsePort(p);
    if (r.error && r.error.rule !== 'calico.rule.port-name') {
      f.add(
        at('spec.kubeNodePortRanges', i),
        'calico.felix.node-port-ranges',
        r.error.message,
        'use a port or range such as "30000:32767"',
      );
    } else if (r.error || r.port?.name !== undefined) {
      f.add(
        at('spec.kubeNodePortRanges', i),
        'calico.felix.node-port-ranges',
        `node port ranges should not contain named ports (${q(p)})`,
        'use a port or range such as "30000:32767"',
      );
    }
  });

  // ---- addresses
  const nat = getString(spec, 'natOutgoingAddress', 'spec', f);
  if (nat !== undefined && nat !== '' && parseIp(nat)?.family !== 4) {
    f.add(
      'spec.natOutgoingAddress',
      'calico.felix.nat-outgoing-address',
      `natOutgoingAddress ${q(nat)} is not a valid IPv4 address`,
      'use an IPv4 address',
    );
  }
  for (const [key, fam] of [
    ['deviceRouteSourceAddress', 4],
    ['deviceRouteSourceAddressIPv6', 6],
  ] as const) {
    const v = getString(spec, key, 'spec', f);
    if (v !== undefined && v !== '' && parseIp(v)?.family !== fam) {
      f.add(
        `spec.${key}`,
        'calico.felix.device-route-source-address',
        `${key} ${q(v)} is not a valid IPv${fam} address`,
        `use an IPv${fam} address`,
      );
    }
  }

  // ---- misc strings
  const lp = getString(spec, 'logPrefix', 'spec', f);
  if (lp !== undefined && !LOG_PREFIX.test(lp)) {
    f.add(
      'spec.logPrefix',
      'calico.felix.log-prefix',
      `logPrefix ${q(lp)} contains characters other than alphanumerics and %:/_- or space`,
      'use only letters, digits, %, :, /, _, - and spaces',
    );
  }
  const region = getString(spec, 'openstackRegion', 'spec', f);
  if (region !== undefined && region !== '') {
    if (region.length > 63 - 'openstack-region-'.length) {
      f.add(
        'spec.openstackRegion',
        'calico.felix.openstack-region',
        'openstackRegion is too long (max 46 characters)',
        'use a shorter region name',
      );
    } else if (!isDns1123Label(region)) {
      f.add(
        'spec.openstackRegion',
        'calico.felix.openstack-region',
        `openstackRegion ${q(region)} must be a valid DNS label`,
        'use lowercase alphanumerics and "-"',
      );
    }
  }
  getArray(spec, 'healthTimeoutOverrides', 'spec', f).forEach((h, i) => {
    const hp = at('spec.healthTimeoutOverrides', i);
    if (!isObject(h)) {
      f.type(hp, 'an object {name, timeout}', h);
      return;
    }
    if (typeof h.name !== 'string' || !HTO_NAME.test(h.name)) {
      f.add(
        child(hp, 'name'),
        'calico.felix.health-timeout-override',
        `name ${q(h.name)} should match regex ${HTO_NAME.source}`,
        'use a health reporter name',
      );
    }
    const d = parseGoDuration(h.timeout);
    if (d === undefined) {
      f.add(
        child(hp, 'timeout'),
        'calico.field.duration',
        `timeout ${q(h.timeout)} is not a valid duration`,
        'use a Go duration such as "30s"',
      );
    } else if (d < 0) {
      f.add(
        child(hp, 'timeout'),
        'calico.felix.health-timeout-override',
        'Timeout should not be negative',
        'use a positive duration',
      );
    }
  });

  // ---- nodeSelector (3.32 tech preview)
  if (!isAbsent(spec.nodeSelector)) {
    if (name === 'default' || (typeof name === 'string' && name.startsWith('node.'))) {
      f.add(
        'spec.nodeSelector',
        'calico.felix.node-selector-forbidden',
        "nodeSelector must not be set on the 'default' or per-node ('node.*') FelixConfiguration",
        'put it on a separately named FelixConfiguration',
      );
    }
    parseSelectorInto(spec.nodeSelector, 'spec.nodeSelector', f);
  }

  // ---- failsafe ports
  for (const key of ['failsafeInboundHostPorts', 'failsafeOutboundHostPorts']) {
    getArray(spec, key, 'spec', f).forEach((pp, i) => checkProtoPortInto(pp, at(`spec.${key}`, i), f));
  }
}

/** Checks one failsafe ProtoPort `{protocol?, port, net?}`. */
export function checkProtoPortInto(pp: unknown, path: string, f: Findings): void {
  if (!isObject(pp)) {
    f.type(path, 'an object {protocol, port, net}', pp);
    return;
  }
  const proto = pp.protocol;
  if (!isAbsent(proto) && proto !== 'TCP' && proto !== 'UDP' && proto !== 'SCTP') {
    const upper = typeof proto === 'string' ? proto.toUpperCase() : '';
    f.add(
      child(path, 'protocol'),
      'calico.felix.failsafe-protocol',
      `protocol must be 'TCP' or 'UDP' or 'SCTP' (got ${q(proto)})`,
      ['TCP', 'UDP', 'SCTP'].includes(upper) ? `use ${q(upper)} (upper case)` : 'use TCP, UDP or SCTP',
    );
  }
  const port = pp.port;
  if (!isUint16Port(port)) {
    f.add(
      child(path, 'port'),
      'calico.felix.failsafe-port',
      isAbsent(port) ? 'port is required' : `port ${q(port)} must be an integer 0–65535`,
      'set port, e.g. {protocol: TCP, port: 22}',
    );
  }
  if (!isAbsent(pp.net) && pp.net !== '' && !parseCidrOrIp(pp.net)) {
    f.add(
      child(path, 'net'),
      'calico.felix.failsafe-net',
      `net ${q(pp.net)} is not a valid CIDR`,
      'use a CIDR such as 10.0.0.0/8, or omit net for any address',
    );
  }
}

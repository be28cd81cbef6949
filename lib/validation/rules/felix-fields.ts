/**
 * FelixConfiguration field validators of libcalico-go's v3 validator (the `validate:` tags of
 * `api/pkg/apis/projectcalico/v3/felixconfig.go`), table-driven: case-sensitive enums, numeric bounds, Go regexps,
 * interface names, the Prometheus host and CIDR lists. `validateFelixConfigSpec` (struct level) is in felix.ts.
 */
import { parseCidrOrIp } from '../../model/primitives/cidr';
import { goRegexError } from './go-regex';
import { Findings, at, child, getArray, getString, isAbsent, isObject, q } from './util';
import { LOG_LEVELS, checkValidatorEnumInto } from './validator-enum';

/** Fields with a case-sensitive validator enum: field → accepted values (the CRD pattern is `(?i)`). */
const ENUMS: ReadonlyArray<readonly [string, readonly string[]]> = [
  ['logSeverityScreen', LOG_LEVELS],
  ['logSeverityFile', LOG_LEVELS],
  ['logSeveritySys', LOG_LEVELS], // logLevel
  ['iptablesBackend', ['Auto', 'NFT', 'Legacy']], // validateIptablesBackend
  ['defaultEndpointToHostAction', ['Drop', 'Accept', 'Return']], // dropAcceptReturn
  ['iptablesFilterAllowAction', ['Accept', 'Return']],
  ['iptablesMangleAllowAction', ['Accept', 'Return']], // acceptReturn
  ['nftablesFilterAllowAction', ['Accept', 'Return']],
  ['nftablesMangleAllowAction', ['Accept', 'Return']],
  ['iptablesFilterDenyAction', ['Drop', 'Reject']],
  ['nftablesFilterDenyAction', ['Drop', 'Reject']], // dropReject
  ['bpfLogLevel', ['Debug', 'Info', 'Off']], // bpfLogLevel
  ['bpfExternalServiceMode', ['Tunnel', 'DSR']], // bpfServiceMode
  ['serviceLoopPrevention', ['Drop', 'Reject', 'Disabled']],
  ['workloadSourceSpoofing', ['Disabled', 'Any']], // oneof
];

/**
 * Integer bounds: the validator's `gte`/`gt`/`lte`/`lt` tags, and the Go field type for the mark masks (`*uint32`:
 * decoding a larger or negative number fails; the CRD's `format: int32` is not enforced, see structural-schema.ts).
 */
const RANGES: ReadonlyArray<readonly [string, number, number]> = [
  ['debugPort', 0, 65535],
  ['wireguardListeningPort', 1, 65535],
  ['wireguardListeningPortV6', 1, 65535],
  ['wireguardRoutingRulePriority', 1, 32765],
  ['bpfExtToServiceConnmark', 0, 0xffffffff],
  ['bpfMapSizeConntrackCleanupQueue', 1, Number.MAX_SAFE_INTEGER],
  ['goGCThreshold', -1, Number.MAX_SAFE_INTEGER],
  ['goMemoryLimitMB', -1, Number.MAX_SAFE_INTEGER],
  ['goMaxProcs', -1, Number.MAX_SAFE_INTEGER],
  ['iptablesMarkMask', 0, 0xffffffff],
  ['nftablesMarkMask', 0, 0xffffffff],
];

/** Fields with the `regexp` tag (Go RE2 must compile them). */
const REGEXPS = [
  'logDebugFilenameRegex',
  'bpfDataIfacePattern',
  'bpfL3IfacePattern',
  'bpfDisableGROForIfaces',
  'mtuIfacePattern',
];

const INTERFACE = /^[a-zA-Z0-9_.-]{1,15}$/; // interfaceRegex
const IFACE_FILTER = /^[a-zA-Z0-9:._+-]{1,15}$/; // ifaceFilterRegex (allows the iptables "+" wildcard)
const PROMETHEUS_HOST = /^[a-zA-Z0-9:._+-]{1,64}$/; // prometheusHostRegexp

/** Runs every field validator of the Felix spec. */
export function checkFelixFieldsInto(spec: Record<string, unknown>, f: Findings): void {
  for (const [key, values] of ENUMS) checkValidatorEnumInto(spec, key, values, 'spec', 'calico.felix.enum', f);
  for (const [key, min, max] of RANGES) checkRange(spec, key, min, max, f);
  for (const key of REGEXPS) checkRegexp(spec, key, f);
  checkInterfaces(spec, f);
  const host = getString(spec, 'prometheusMetricsHost', 'spec', f);
  if (host !== undefined && host !== '' && !PROMETHEUS_HOST.test(host)) {
    f.add(
      'spec.prometheusMetricsHost',
      'calico.felix.prometheus-host',
      `prometheusMetricsHost ${q(host)} must match ${PROMETHEUS_HOST.source}`,
      'use an IP address or a host name of at most 64 characters',
    );
  }
  checkCidrLists(spec, f);
}

function checkRange(spec: Record<string, unknown>, key: string, min: number, max: number, f: Findings): void {
  const v = spec[key];
  if (isAbsent(v) || typeof v !== 'number' || !Number.isInteger(v) || (v >= min && v <= max)) return;
  const bounds = max === Number.MAX_SAFE_INTEGER ? `at least ${min}` : `${min}–${max}`;
  f.add(
    `spec.${key}`,
    'calico.felix.range',
    `${key} ${v} is out of range (${bounds})`,
    `set ${key} to a value ${bounds}`,
  );
}

function checkRegexp(spec: Record<string, unknown>, key: string, f: Findings): void {
  const v = getString(spec, key, 'spec', f);
  const err = v ? goRegexError(v) : undefined;
  if (err) {
    f.add(
      `spec.${key}`,
      'calico.felix.regexp',
      `${key} ${q(v)} is not a valid Go regular expression: ${err}`,
      'use an RE2 pattern such as ^(eth|ens)[0-9]+$',
    );
  }
}

function checkInterfaces(spec: Record<string, unknown>, f: Findings): void {
  const bad = (path: string, v: unknown, rule: string, fix: string) =>
    f.add(path, 'calico.felix.interface', `${q(v)} is not a valid interface name (${rule})`, fix);
  for (const key of ['wireguardInterfaceName', 'wireguardInterfaceNameV6']) {
    const v = getString(spec, key, 'spec', f);
    if (v && v !== '*' && !INTERFACE.test(v)) {
      bad(`spec.${key}`, v, INTERFACE.source, 'use at most 15 characters [a-zA-Z0-9_.-], e.g. wireguard.cali');
    }
  }
  const filter = getString(spec, 'iptablesNATOutgoingInterfaceFilter', 'spec', f);
  if (filter && !IFACE_FILTER.test(filter)) {
    bad(
      'spec.iptablesNATOutgoingInterfaceFilter',
      filter,
      IFACE_FILTER.source,
      'use e.g. eth+ (at most 15 characters)',
    );
  }
  getArray(spec, 'bpfForceTrackPacketsFromIfaces', 'spec', f).forEach((v, i) => {
    if (typeof v !== 'string' || !IFACE_FILTER.test(v)) {
      bad(at('spec.bpfForceTrackPacketsFromIfaces', i), v, IFACE_FILTER.source, 'use e.g. docker+');
    }
  });
  if (isObject(spec.bpfLogFilters)) {
    for (const k of Object.keys(spec.bpfLogFilters)) {
      if (!INTERFACE.test(k)) {
        bad(
          child('spec.bpfLogFilters', k),
          k,
          INTERFACE.source,
          'key the filters by interface name, "all", "weps" or "heps"',
        );
      }
    }
  }
}

function checkCidrLists(spec: Record<string, unknown>, f: Findings): void {
  for (const key of ['bpfDSROptoutCIDRs', 'bpfExcludeCIDRsFromNAT']) {
    getArray(spec, key, 'spec', f).forEach((c, i) => {
      if (!parseCidrOrIp(c)) {
        f.add(
          at(`spec.${key}`, i),
          'calico.felix.cidrs',
          `${key} entry ${q(c)} is not a valid CIDR or IP`,
          'use a CIDR such as 10.0.0.0/8',
        );
      }
    });
  }
  // validateFelixConfigSpec: ExternalNodesCIDRList (JSON externalNodesList) takes IPv4 CIDRs only.
  getArray(spec, 'externalNodesList', 'spec', f).forEach((c, i) => {
    const parsed = parseCidrOrIp(c);
    const path = at('spec.externalNodesList', i);
    if (!parsed)
      f.add(
        path,
        'calico.felix.cidrs',
        `externalNodesList has invalid CIDR(s): ${q(c)}`,
        'use an IPv4 CIDR such as 192.0.2.0/24',
      );
    else if (parsed.family !== 4)
      f.add(path, 'calico.felix.cidrs', `externalNodesList has invalid IPv6 CIDR ${q(c)}`, 'list IPv4 CIDRs only');
  });
}

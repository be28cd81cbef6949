/**
 * BGPConfiguration and BGPPeer (`validateBGPConfigurationSpec`, `validateBGPPeerSpec`,
 * `IP:port`, `ignoredInterface`, `net`, `ipv4`/`ipv6`, `logLevel`, `name` field validators, the CRD CEL rules, and
 * clientv3 `bgpConfigurations.ValidateDefaultOnlyFields`).
 */
import { formatCidr, parseCidrOrIp, parseIp } from '../../model/primitives/cidr';
import { checkDurationInto } from './duration';
import { isDns1123Subdomain } from './names';
import { LOG_LEVELS, checkValidatorEnumInto } from './validator-enum';
import { parseSelectorInto } from './selectors';
import { Findings, at, child, getArray, getBool, getInteger, getString, isAbsent, isObject, q } from './util';
import { isPortNumber } from '../../model/primitives/ports';

/**
 * Fields clientv3 refuses on a BGPConfiguration not named `default` (`ValidateDefaultOnlyFields`: a set pointer, or a
 * non-empty list). Fields with a CRD default (listenPort, logSeverityScreen, serviceLoadBalancerAggregation) are
 * not among them: kube-apiserver fills those on every object.
 */
const DEFAULT_ONLY_FIELDS = [
  'nodeToNodeMeshEnabled',
  'asNumber',
  'serviceLoadBalancerIPs',
  'serviceExternalIPs',
  'serviceClusterIPs',
  'nodeMeshPassword',
  'nodeMeshMaxRestartTime',
] as const;
const STANDARD_COMMUNITY = /^(\d+):(\d+)$/;
const LARGE_COMMUNITY = /^(\d+):(\d+):(\d+)$/;
const IGNORED_INTERFACE = /^[a-zA-Z0-9_.*-]{1,15}$/;
const IPV4_PORT = /^(\d+).(\d+).(\d+).(\d+):(\d+)$/;
const IPV6_PORT = /^\[[0-9a-fA-F:.]+\]:(\d+)$/;

/**
 * Community literal check: `aa:nn` with 16-bit parts or `aa:nn:mm` with 32-bit parts.
 * Returns 'ok', 'format' (not a literal) or 'range' (a literal with a part too large).
 */
export function communityLiteral(v: unknown): 'ok' | 'format' | 'range' {
  if (typeof v !== 'string') return 'format';
  const std = STANDARD_COMMUNITY.exec(v);
  const large = std ? undefined : LARGE_COMMUNITY.exec(v);
  const m = std ?? large;
  if (!m) return 'format';
  const max = std ? 0xffff : 0xffffffff;
  return m.slice(1).every((p) => Number(p) <= max) ? 'ok' : 'range';
}

/** Splits a BGP peer address: `<IP>`, `<IPv4>:<port>` or `[<IPv6>]:<port>`; undefined if invalid. */
export function parsePeerIp(s: unknown): { ip: string; port?: number; family: 4 | 6 } | undefined {
  if (typeof s !== 'string' || s === '') return undefined;
  let host = s;
  let port: number | undefined;
  if (IPV4_PORT.test(s) || IPV6_PORT.test(s)) {
    const idx = s.lastIndexOf(':');
    host = s.slice(0, idx);
    if (host.startsWith('[')) host = host.slice(1, -1);
    const p = Number(s.slice(idx + 1));
    if (!isPortNumber(p)) return undefined;
    port = p;
  }
  const ip = parseIp(host);
  return ip ? { ip: host, port, family: ip.family } : undefined;
}

/** AS number: integer 0–4294967295, or the string forms "<n>" / "<a>.<b>" (16-bit parts). */
export function isValidAsNumber(v: unknown): boolean {
  if (typeof v === 'number') return Number.isInteger(v) && v >= 0 && v <= 0xffffffff;
  if (typeof v !== 'string') return false;
  if (/^[0-9]+$/.test(v)) return Number(v) <= 0xffffffff;
  const m = /^([0-9]+)\.([0-9]+)$/.exec(v);
  return !!m && Number(m[1]) <= 0xffff && Number(m[2]) <= 0xffff;
}

function checkAsNumber(obj: Record<string, unknown>, key: string, path: string, f: Findings): void {
  const v = obj[key];
  if (!isAbsent(v) && !isValidAsNumber(v)) {
    f.add(
      child(path, key),
      'calico.bgp.as-number',
      `${key} ${q(v)} is not a valid AS number (0–4294967295 or a.b)`,
      'use a 32-bit AS number such as 64512',
    );
  }
}

/** Checks a BGPConfiguration; `name` is metadata.name. */
export function checkBgpConfigurationInto(doc: Record<string, unknown>, name: unknown, f: Findings): void {
  if (isAbsent(doc.spec)) return;
  if (!isObject(doc.spec)) {
    f.type('spec', 'an object', doc.spec);
    return;
  }
  const spec = doc.spec;

  // ---- service advertisement
  for (const key of ['serviceClusterIPs', 'serviceExternalIPs', 'serviceLoadBalancerIPs']) {
    getArray(spec, key, 'spec', f).forEach((e, i) => {
      const ep = at(`spec.${key}`, i);
      if (!isObject(e)) {
        f.type(ep, 'an object {cidr}', e);
        return;
      }
      const c = parseCidrOrIp(e.cidr);
      if (!c) {
        f.add(
          child(ep, 'cidr'),
          'calico.bgp.service-cidr',
          `service CIDR ${q(e.cidr)} is not a valid CIDR`,
          'use a CIDR such as 10.96.0.0/12',
        );
      } else if (c.ip !== c.network) {
        f.add(
          child(ep, 'cidr'),
          'calico.bgp.service-cidr',
          `service CIDR ${q(e.cidr)} is not strictly masked`,
          'use the network address of the range',
        );
      }
    });
  }
  if (name !== 'default') {
    const set = DEFAULT_ONLY_FIELDS.filter(
      (k) => !isAbsent(spec[k]) && !(Array.isArray(spec[k]) && (spec[k] as unknown[]).length === 0),
    );
    for (const k of set) {
      f.add(
        `spec.${k}`,
        'calico.bgp.default-only-field',
        `cannot set ${k} on a non default BGP Configuration (${q(name)}); it can only be set on the BGPConfiguration named "default"`,
        `move ${k} to the BGPConfiguration named "default"`,
      );
    }
  }
  checkValidatorEnumInto(spec, 'logSeverityScreen', LOG_LEVELS, 'spec', 'calico.bgp.log-severity', f);

  // ---- communities
  const communities = getArray(spec, 'communities', 'spec', f);
  const defined = new Set<string>();
  communities.forEach((c, i) => {
    const cp = at('spec.communities', i);
    if (!isObject(c)) {
      f.type(cp, 'an object {name, value}', c);
      return;
    }
    if (typeof c.name === 'string') defined.add(c.name);
    // Community.Name is `validate:"required,name"` (the resource-name regex, lowercase DNS subdomain).
    if (typeof c.name !== 'string' || !isDns1123Subdomain(c.name)) {
      f.add(
        child(cp, 'name'),
        'calico.bgp.community-name',
        isAbsent(c.name) || c.name === ''
          ? 'community name is required'
          : `community name ${q(c.name)} is invalid: it must be lowercase alphanumerics, "-" and "."`,
        'name the community, e.g. no-export',
      );
    }
    const lit = communityLiteral(c.value);
    if (lit === 'format') {
      f.add(
        child(cp, 'value'),
        'calico.bgp.community-value',
        `invalid community value or format used: ${q(c.value)}`,
        'use aa:nn (16-bit parts) or aa:nn:mm (32-bit parts)',
      );
    } else if (lit === 'range') {
      f.add(
        child(cp, 'value'),
        'calico.bgp.community-value',
        `invalid community value ${q(c.value)}, expected ${STANDARD_COMMUNITY.test(String(c.value)) ? 16 : 32} bit values`,
        'use aa:nn (16-bit parts) or aa:nn:mm (32-bit parts)',
      );
    }
  });
  const prefixAds = getArray(spec, 'prefixAdvertisements', 'spec', f);
  if (prefixAds.length === 0 && communities.length > 0) {
    f.add(
      'spec.communities',
      'calico.bgp.communities-unused',
      'communities are defined but not used in spec.prefixAdvertisements',
      'reference them from spec.prefixAdvertisements[].communities or remove spec.communities',
    );
  }
  prefixAds.forEach((pa, i) => {
    const pp = at('spec.prefixAdvertisements', i);
    if (!isObject(pa)) {
      f.type(pp, 'an object {cidr, communities}', pa);
      return;
    }
    // PrefixAdvertisement.CIDR is `validate:"required,net"`: a strictly masked CIDR (or a bare IP).
    const cidr = parseCidrOrIp(pa.cidr);
    if (!cidr) {
      f.add(
        child(pp, 'cidr'),
        'calico.bgp.prefix-cidr',
        isAbsent(pa.cidr) || pa.cidr === '' ? 'cidr is required' : `invalid CIDR value ${q(pa.cidr)}`,
        'use a CIDR such as 192.0.2.0/24',
      );
    } else if (cidr.ip !== cidr.network) {
      f.add(
        child(pp, 'cidr'),
        'calico.bgp.prefix-cidr',
        `CIDR ${q(pa.cidr)} is not strictly masked (host bits are set)`,
        `use ${formatCidr(cidr)}`,
      );
    }
    // Communities is `validate:"required"`: the list must be present (an explicit [] passes, as in Go).
    if (isAbsent(pa.communities)) {
      f.add(
        child(pp, 'communities'),
        'calico.bgp.prefix-communities',
        'communities is required for a prefix advertisement',
        'list community names from spec.communities or literals such as 65000:100',
      );
    }
    getArray(pa, 'communities', pp, f).forEach((v, j) => {
      const vp = at(child(pp, 'communities'), j);
      const lit = communityLiteral(v);
      if (lit === 'range') {
        f.add(
          vp,
          'calico.bgp.community-value',
          `invalid community value ${q(v)}, expected ${STANDARD_COMMUNITY.test(String(v)) ? 16 : 32} bit values`,
          'use aa:nn (16-bit parts) or aa:nn:mm (32-bit parts)',
        );
      } else if (lit === 'format' && !(typeof v === 'string' && defined.has(v))) {
        f.add(
          vp,
          'calico.bgp.community-undefined',
          `community used is invalid or not defined: ${q(v)}`,
          'use a literal aa:nn / aa:nn:mm or the name of an entry in spec.communities',
        );
      }
    });
  });

  // ---- mesh
  const mesh = getBool(spec, 'nodeToNodeMeshEnabled', 'spec', f);
  if (mesh === false) {
    for (const k of ['nodeMeshPassword', 'nodeMeshMaxRestartTime']) {
      if (!isAbsent(spec[k])) {
        f.add(
          `spec.${k}`,
          'calico.bgp.mesh-disabled',
          `spec.${k} cannot be set if spec.nodeToNodeMeshEnabled is false`,
          `remove ${k} or enable the node-to-node mesh`,
        );
      }
    }
  }
  checkDurationInto(spec, 'nodeMeshMaxRestartTime', 'spec', f);

  const lp = getInteger(spec, 'listenPort', 'spec', f);
  if (lp !== undefined && !isPortNumber(lp)) {
    f.add(
      'spec.listenPort',
      'calico.bgp.listen-port',
      `listenPort ${lp} is outside 1–65535`,
      'use a port 1–65535 (default 179)',
    );
  }
  checkAsNumber(spec, 'asNumber', 'spec', f);

  getArray(spec, 'ignoredInterfaces', 'spec', f).forEach((s, i) => {
    if (typeof s !== 'string' || s === '*' || !IGNORED_INTERFACE.test(s)) {
      f.add(
        at('spec.ignoredInterfaces', i),
        'calico.bgp.ignored-interface',
        `ignoredInterfaces entry ${q(s)} is invalid`,
        'use an interface name or pattern of at most 15 characters [a-zA-Z0-9_.*-] (not "*" alone)',
      );
    }
  });
  for (const [key, fam] of [
    ['localWorkloadPeeringIPV4', 4],
    ['localWorkloadPeeringIPV6', 6],
  ] as const) {
    const v = getString(spec, key, 'spec', f);
    if (v !== undefined && v !== '' && parseIp(v)?.family !== fam) {
      f.add(
        `spec.${key}`,
        'calico.bgp.local-workload-peering-ip',
        `${key} ${q(v)} is not an IPv${fam} address`,
        `use an IPv${fam} address`,
      );
    }
  }
}

/** Checks a BGPPeer. */
export function checkBgpPeerInto(doc: Record<string, unknown>, f: Findings): void {
  if (isAbsent(doc.spec)) return;
  if (!isObject(doc.spec)) {
    f.type('spec', 'an object', doc.spec);
    return;
  }
  const spec = doc.spec;
  const str = (k: string) => getString(spec, k, 'spec', f) ?? '';
  const node = str('node');
  const peerIP = str('peerIP');
  const reachableBy = str('reachableBy');
  const nodeSelector = str('nodeSelector');
  const peerSelector = str('peerSelector');
  const lws = str('localWorkloadSelector');
  for (const k of ['nodeSelector', 'peerSelector', 'localWorkloadSelector']) parseSelectorInto(spec[k], `spec.${k}`, f);

  if (node !== '' && !isDns1123Subdomain(node)) {
    f.add(
      'spec.node',
      'calico.bgppeer.node-name',
      `node ${q(node)} is not a valid node name`,
      'use the node name exactly as Kubernetes shows it',
    );
  }
  const peer = peerIP !== '' ? parsePeerIp(peerIP) : undefined;
  if (peerIP !== '' && !peer) {
    f.add(
      'spec.peerIP',
      'calico.bgppeer.peer-ip',
      `peerIP ${q(peerIP)} is invalid: it should be "<IP>", "<IPv4>:<port>" or "[<IPv6>]:<port>"`,
      'use e.g. 192.0.2.1, 192.0.2.1:1790 or [2001:db8::1]:1790',
    );
  }
  checkAsNumber(spec, 'asNumber', 'spec', f);
  checkAsNumber(spec, 'localASNumber', 'spec', f);
  const asSet = !isAbsent(spec.asNumber) && spec.asNumber !== 0 && spec.asNumber !== '0';

  if (node !== '' && nodeSelector !== '') {
    f.add(
      'spec.node',
      'calico.bgppeer.node-and-selector',
      'Node field must be empty when NodeSelector is specified',
      'set either node or nodeSelector',
    );
  }
  if (peerIP !== '' && peerSelector !== '') {
    f.add(
      'spec.peerIP',
      'calico.bgppeer.peer-ip-and-selector',
      'PeerIP field must be empty when PeerSelector is specified',
      'set either peerIP or peerSelector',
    );
  }
  if (asSet && peerSelector !== '') {
    f.add(
      'spec.asNumber',
      'calico.bgppeer.as-number-and-selector',
      "ASNumber field must be empty when PeerSelector is specified (the peers' own AS numbers are used)",
      'remove asNumber',
    );
  }
  if (lws !== '') {
    if (!asSet) {
      f.add(
        'spec.asNumber',
        'calico.bgppeer.local-workload-selector',
        'ASNumber field must NOT be empty when LocalWorkloadSelector is specified',
        'set asNumber',
      );
    }
    if (peerIP !== '') {
      f.add(
        'spec.peerIP',
        'calico.bgppeer.local-workload-selector',
        'PeerIP field must be empty when LocalWorkloadSelector is specified',
        'remove peerIP',
      );
    }
    if (peerSelector !== '') {
      f.add(
        'spec.peerSelector',
        'calico.bgppeer.local-workload-selector',
        'PeerSelector field must be empty when LocalWorkloadSelector is specified',
        'remove peerSelector',
      );
    }
  }
  if (reachableBy !== '') {
    const rb = parseIp(reachableBy);
    if (peerIP === '') {
      f.add(
        'spec.reachableBy',
        'calico.bgppeer.reachable-by',
        'ReachableBy field must be empty when PeerIP is empty',
        'set peerIP or remove reachableBy',
      );
    } else if (!rb) {
      f.add(
        'spec.reachableBy',
        'calico.bgppeer.reachable-by',
        `ReachableBy ${q(reachableBy)} is invalid address`,
        'use the gateway IP address',
      );
    } else if (peer && rb.family !== peer.family) {
      f.add(
        'spec.reachableBy',
        'calico.bgppeer.reachable-by',
        'ReachableBy and PeerIP address family mismatched',
        'use a gateway address of the same family as peerIP',
      );
    }
  }
  if (spec.keepOriginalNextHop === true && !isAbsent(spec.nextHopMode)) {
    f.add(
      'spec.keepOriginalNextHop',
      'calico.bgppeer.keep-original-next-hop',
      'The KeepOriginalNextHop field is deprecated. It must not be set to true when NextHopMode is configured.',
      'remove keepOriginalNextHop (use nextHopMode: Keep)',
    );
  }
  getBool(spec, 'keepOriginalNextHop', 'spec', f);
  checkDurationInto(spec, 'keepaliveTime', 'spec', f);
  checkDurationInto(spec, 'maxRestartTime', 'spec', f);
}

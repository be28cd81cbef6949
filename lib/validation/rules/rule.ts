/**
 * Policy rules (`validateRule`, `validateICMPFields`, `validateHTTPRule`, rule-level CEL): action, protocol,
 * ports vs protocol, ICMP, ipVersion, nets, HTTP match, destination services vs ports, rule metadata.
 */
import { checkEntityRuleInto } from './entity-rule';
import { formatCidr, parseCidr } from '../../model/primitives/cidr';
import { checkAnnotationsInto } from './names';
import { checkPortInto, ParsedPort } from './ports';
import { checkProtocolInto, isNamedProtocol, ParsedProtocol, supportsPorts } from './protocol';
import { Findings, at, child, getArray, getObject, isAbsent, isObject, q } from './util';
import { ICMP_CODE_MAX, ICMP_TYPE_MAX } from '../../model/primitives/ports';

const ACTIONS = ['Allow', 'Deny', 'Log', 'Pass'];

/** Checks one rule at `path` (e.g. `spec.ingress[0]`). */
export function checkRuleInto(rule: unknown, path: string, f: Findings): void {
  if (!isObject(rule)) {
    f.type(path, 'a rule object', rule);
    return;
  }

  // ---- action
  const action = rule.action;
  if (isAbsent(action) || action === '') {
    f.add(child(path, 'action'), 'calico.rule.action', 'rule has no action', 'set action to Allow, Deny, Log or Pass');
  } else if (typeof action !== 'string' || !ACTIONS.includes(action)) {
    const fixed =
      typeof action === 'string' ? ACTIONS.find((a) => a.toLowerCase() === action.toLowerCase()) : undefined;
    f.add(
      child(path, 'action'),
      'calico.rule.action',
      `invalid action ${q(action)}`,
      fixed ? `use ${q(fixed)} (actions are case-sensitive)` : 'set action to Allow, Deny, Log or Pass',
    );
  }

  // ---- protocol
  const protocolSet = !isAbsent(rule.protocol);
  const protocol = checkProtocolInto(rule.protocol, child(path, 'protocol'), f);
  const notProtocol = checkProtocolInto(rule.notProtocol, child(path, 'notProtocol'), f);

  // ---- entity rules (selectors, services)
  const source = isObject(rule.source) ? rule.source : undefined;
  const destination = isObject(rule.destination) ? rule.destination : undefined;
  checkEntityRuleInto(rule.source, child(path, 'source'), f);
  checkEntityRuleInto(rule.destination, child(path, 'destination'), f);

  // ---- ports vs protocol
  for (const [side, er] of [
    ['source', source],
    ['destination', destination],
  ] as const) {
    if (!er) continue;
    for (const field of ['ports', 'notPorts'] as const) {
      const fp = child(child(path, side), field);
      const ports = getArray(er, field, child(path, side), f);
      ports.forEach((pv, i) => {
        const pp = at(fp, i);
        const port: ParsedPort | undefined = checkPortInto(pv, pp, f);
        if (!protocolSet) {
          if (port && port.name === undefined) {
            f.add(
              pp,
              'calico.rule.ports-need-protocol',
              'rules with numeric port or port range must set protocol to TCP, UDP or SCTP',
              `use Port.tcp(${port.min === port.max ? port.min : `${port.min}, ${port.max}`}) / set protocol: TCP`,
            );
          }
        } else if (protocol && !supportsPorts(protocol)) {
          f.add(
            pp,
            'calico.rule.protocol-no-ports',
            `rules that specify ports must set protocol to TCP, UDP or SCTP (protocol ${q(rule.protocol)} has no ports)`,
            'remove the ports or change protocol to TCP, UDP or SCTP',
          );
        }
      });
    }
  }

  // ---- ICMP
  const icmp = checkIcmpInto(rule, 'icmp', path, f);
  checkIcmpInto(rule, 'notICMP', path, f);
  if (icmp && !isNamedProtocol(protocol, 'ICMP') && !isNamedProtocol(protocol, 'ICMPv6')) {
    f.add(
      child(path, 'icmp'),
      'calico.rule.icmp-protocol',
      `rules that specify ICMP fields must set protocol to ICMP or ICMPv6${protocol?.num !== undefined ? ' by name (a protocol number does not count)' : ''}`,
      'set protocol: ICMP (IPv4) or ICMPv6 (IPv6)',
    );
  }

  // ---- ipVersion
  let ipVersion: 4 | 6 | undefined;
  if (!isAbsent(rule.ipVersion)) {
    if (rule.ipVersion === 4 || rule.ipVersion === 6) {
      ipVersion = rule.ipVersion;
    } else {
      f.add(
        child(path, 'ipVersion'),
        'calico.rule.ip-version',
        `ipVersion must be 4 or 6, got ${q(rule.ipVersion)}`,
        'set ipVersion: 4 or 6, or omit it',
      );
    }
  }
  checkIcmpVersion(protocol, notProtocol, ipVersion, path, f);

  // ---- nets
  checkNets(source, destination, ipVersion, path, f);

  // ---- HTTP
  const http = getObject(rule, 'http', path, f);
  if (http) checkHttpInto(http, rule, protocolSet ? protocol : undefined, protocolSet, child(path, 'http'), f);

  // ---- destination services with ports
  if (destination && isObject(destination.services)) {
    for (const field of ['ports', 'notPorts'] as const) {
      const v = destination[field];
      if (Array.isArray(v) && v.length > 0) {
        f.add(
          child(child(path, 'destination'), field),
          'calico.rule.services-ports',
          `cannot specify ${field === 'ports' ? 'ports' : 'notports'} with a service selector (service rules use the ports of the service endpoints)`,
          `remove destination.${field} or target the pods with a selector instead of services`,
        );
      }
    }
  }

  // ---- rule metadata
  const md = getObject(rule, 'metadata', path, f);
  if (md) checkAnnotationsInto(md.annotations, child(child(path, 'metadata'), 'annotations'), f);
}

function checkIcmpInto(
  rule: Record<string, unknown>,
  key: 'icmp' | 'notICMP',
  path: string,
  f: Findings,
): Record<string, unknown> | undefined {
  const icmp = getObject(rule, key, path, f);
  if (!icmp) return undefined;
  const ip = child(path, key);
  const type = icmp.type;
  const code = icmp.code;
  for (const [field, v, max] of [
    ['type', type, ICMP_TYPE_MAX],
    ['code', code, ICMP_CODE_MAX],
  ] as const) {
    if (isAbsent(v)) continue;
    if (typeof v !== 'number' || !Number.isInteger(v)) {
      f.type(child(ip, field), 'an integer', v);
    } else if (v < 0 || v > max) {
      f.add(
        child(ip, field),
        'calico.rule.icmp-range',
        `ICMP ${field} ${v} is out of range 0–${max}`,
        `use an ICMP ${field} between 0 and ${max}`,
      );
    }
  }
  if (!isAbsent(code) && isAbsent(type)) {
    f.add(
      child(ip, 'code'),
      'calico.rule.icmp-code-without-type',
      'ICMP code specified without an ICMP type',
      'set the ICMP type too (e.g. type: 3, code: 4) or drop the code',
    );
  }
  return icmp;
}

function checkIcmpVersion(
  protocol: ParsedProtocol | undefined,
  notProtocol: ParsedProtocol | undefined,
  ipVersion: 4 | 6 | undefined,
  path: string,
  f: Findings,
): void {
  if (ipVersion === undefined) return;
  if ((isNamedProtocol(protocol, 'ICMP') || isNamedProtocol(notProtocol, 'ICMP')) && ipVersion !== 4) {
    f.add(
      child(path, 'ipVersion'),
      'calico.rule.icmp-ip-version',
      "must set ipversion to '4' with protocol icmp",
      'use protocol ICMPv6 for IPv6, or set ipVersion: 4',
    );
  }
  if ((isNamedProtocol(protocol, 'ICMPv6') || isNamedProtocol(notProtocol, 'ICMPv6')) && ipVersion !== 6) {
    f.add(
      child(path, 'ipVersion'),
      'calico.rule.icmp-ip-version',
      "must set ipversion to '6' with protocol icmpv6",
      'use protocol ICMP for IPv4, or set ipVersion: 6',
    );
  }
}

function checkNets(
  source: Record<string, unknown> | undefined,
  destination: Record<string, unknown> | undefined,
  ipVersion: 4 | 6 | undefined,
  path: string,
  f: Findings,
): void {
  let seenV4 = false;
  let seenV6 = false;
  for (const [side, er] of [
    ['source', source],
    ['destination', destination],
  ] as const) {
    for (const field of ['nets', 'notNets'] as const) {
      if (!er) continue;
      const fp = child(child(path, side), field);
      const nets = getArray(er, field, child(path, side), f);
      let v4 = false;
      let v6 = false;
      nets.forEach((n, i) => {
        const np = at(fp, i);
        if (typeof n !== 'string') {
          f.type(np, 'a CIDR string', n);
          return;
        }
        const c = parseCidr(n);
        if (!c) {
          f.add(
            np,
            'calico.rule.net-invalid',
            `invalid CIDR ${q(n)}${/\//.test(n) ? '' : ' (a bare IP is not accepted here)'}`,
            /\//.test(n)
              ? 'use a CIDR such as 10.0.0.0/8 or fd00::/64'
              : `write it as a CIDR, e.g. ${n}/${n.includes(':') ? 128 : 32}`,
          );
          return;
        }
        if (c.ip !== c.network) {
          f.add(
            np,
            'calico.rule.net-not-strict',
            `CIDR ${q(n)} is not strictly masked (host bits are set)`,
            `use the network address, e.g. ${formatCidr(c)}`,
          );
        }
        if (field === 'notNets' && c.prefix === 0 && c.network === 0n) {
          f.add(
            np,
            'calico.rule.not-nets-catch-all',
            `catch-all CIDR ${q(n)} in notNets creates a logical contradiction (matches no traffic)`,
            'remove it from notNets (or move it to nets)',
          );
        }
        if (c.family === 4) v4 = true;
        else v6 = true;
      });
      if (ipVersion !== undefined && ((v4 && ipVersion !== 4) || (v6 && ipVersion !== 6))) {
        f.add(
          fp,
          'calico.rule.net-family',
          `rule IP version doesn't match CIDR version (ipVersion is ${ipVersion})`,
          `use IPv${ipVersion} CIDRs only, or change/remove ipVersion`,
        );
      }
      if ((v4 && seenV6) || (v6 && seenV4) || (v4 && v6)) {
        f.add(
          fp,
          'calico.rule.net-mixed-family',
          'rule contains both IPv4 and IPv6 CIDRs',
          'split the rule into one IPv4 rule and one IPv6 rule',
        );
      }
      seenV4 = seenV4 || v4;
      seenV6 = seenV6 || v6;
    }
  }
}

function checkHttpInto(
  http: Record<string, unknown>,
  rule: Record<string, unknown>,
  protocol: ParsedProtocol | undefined,
  protocolSet: boolean,
  hp: string,
  f: Findings,
): void {
  if (!isAbsent(rule.action) && rule.action !== 'Allow') {
    f.add(
      hp,
      'calico.rule.http-action',
      `HTTP match is only valid for Allow rules (action is ${q(rule.action)})`,
      'use action: Allow, or remove the http match',
    );
  }
  if (protocolSet && protocol !== undefined && !isNamedProtocol(protocol, 'TCP')) {
    f.add(
      hp,
      'calico.rule.http-protocol',
      `rules that specify HTTP fields must set protocol to TCP (by name) or leave it empty (protocol is ${q(rule.protocol)})`,
      'set protocol: TCP or remove the protocol',
    );
  }
  const methods = getArray(http, 'methods', hp, f);
  const seen = new Set<string>();
  methods.forEach((m, i) => {
    if (typeof m !== 'string') {
      f.type(at(child(hp, 'methods'), i), 'a string', m);
      return;
    }
    if (seen.has(m)) {
      f.add(
        at(child(hp, 'methods'), i),
        'calico.rule.http-methods-duplicate',
        `invalid methods (duplicates): ${q(m)} is listed more than once`,
        'list each HTTP method once',
      );
    }
    seen.add(m);
  });
  const paths = getArray(http, 'paths', hp, f);
  paths.forEach((p, i) => {
    const pp = at(child(hp, 'paths'), i);
    if (!isObject(p)) {
      f.type(pp, 'an object {exact} or {prefix}', p);
      return;
    }
    const exact = p.exact;
    const prefix = p.prefix;
    for (const [k, v] of [
      ['exact', exact],
      ['prefix', prefix],
    ] as const) {
      if (!isAbsent(v) && typeof v !== 'string') f.type(child(pp, k), 'a string', v);
    }
    const e = typeof exact === 'string' ? exact : '';
    const pr = typeof prefix === 'string' ? prefix : '';
    if (e !== '' && pr !== '') {
      f.add(
        pp,
        'calico.rule.http-path',
        "invalid path match: both 'exact' and 'prefix' are set",
        'set exactly one of exact or prefix',
      );
      return;
    }
    const v = e || pr;
    if (v === '') {
      f.add(
        pp,
        'calico.rule.http-path',
        "invalid path match: either 'exact' or 'prefix' must be set",
        'set exactly one of exact or prefix',
      );
      return;
    }
    if (!v.startsWith('/') || /[? #]/.test(v)) {
      f.add(
        child(pp, e ? 'exact' : 'prefix'),
        'calico.rule.http-path',
        `invalid path ${q(v)}: must start with '/' and must not contain '?', '#' or spaces`,
        'use a path like /api/v1 without query string or fragment',
      );
    }
  });
}

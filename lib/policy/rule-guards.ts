/** Boundary checks for rules: the shorthand arguments (`allowIngress(peer, port, options)`) and {@link RuleProps}. */
import {
  guardEnum,
  guardKnownKeys,
  guardObject,
  guardOptionalArray,
  guardOptionalEnum,
  guardOptionalString,
  guardString,
} from '../model/primitives/guard';
import { Action } from './action';
import type { RuleProps } from './rule';
import { guardOptionalIcmp, guardOptionalPeer, guardOptionalProtocol, guardPeer } from './value-guards';
import { guardOptionalPort } from './port';

const RULE_OPTION_KEYS = ['description', 'ipVersion', 'localPeer', 'exceptPorts', 'http'] as const;
const RULE_PROP_KEYS = [
  'action',
  'protocol',
  'notProtocol',
  'ipVersion',
  'icmp',
  'notIcmp',
  'source',
  'sourcePorts',
  'sourceNotPorts',
  'destination',
  'destinationPorts',
  'destinationNotPorts',
  'http',
  'description',
] as const;
const HTTP_KEYS = ['methods', 'exactPaths', 'pathPrefixes'] as const;

/** `ipVersion` is 4 or 6 (Calico's `ipVersion` validator). */
function guardIpVersion(v: unknown, where: string, field: string): void {
  guardOptionalEnum(v, [4, 6], where, field);
}

function guardHttp(v: unknown, where: string, field: string): void {
  if (v === undefined) return;
  const o = guardObject(v, where, field, { expected: 'an HTTP match { methods?, exactPaths?, pathPrefixes? }' });
  guardKnownKeys(o, HTTP_KEYS, where, field);
  for (const key of HTTP_KEYS) {
    guardOptionalArray(o[key], where, `${field}.${key}`, (item, f) => guardString(item, where, f), { of: 'strings' });
  }
}

/**
 * The arguments of a shorthand such as `allowIngress(peer, port, options)`, checked at the boundary: `peer` is
 * required (undefined or null would otherwise mean "from anywhere"), `port` and `options` are optional.
 */
export function guardShorthandArgs(peer: unknown, port: unknown, options: unknown, where: string): void {
  guardPeer(peer, where, 'peer');
  guardOptionalPort(port, where, 'port');
  if (options === undefined) return;
  const o = guardObject(options, where, 'options');
  guardKnownKeys(o, RULE_OPTION_KEYS, where, 'options');
  guardOptionalString(o.description, where, 'options.description', { allowEmpty: true });
  guardIpVersion(o.ipVersion, where, 'options.ipVersion');
  guardOptionalPeer(o.localPeer, where, 'options.localPeer');
  guardOptionalPort(o.exceptPorts, where, 'options.exceptPorts');
  guardHttp(o.http, where, 'options.http');
}

/** Every field of a {@link RuleProps}, checked at the boundary (`addIngressRule(rule)`). */
export function guardRuleProps(rule: unknown, where: string, field = 'rule'): RuleProps {
  const o = guardObject(rule, where, field, { expected: 'a rule { action, ... }' });
  guardKnownKeys(o, RULE_PROP_KEYS, where, field);
  guardEnum(o.action, Action, where, `${field}.action`, { enumName: 'Action' });
  guardOptionalProtocol(o.protocol, where, `${field}.protocol`);
  guardOptionalProtocol(o.notProtocol, where, `${field}.notProtocol`);
  guardIpVersion(o.ipVersion, where, `${field}.ipVersion`);
  guardOptionalIcmp(o.icmp, where, `${field}.icmp`);
  guardOptionalIcmp(o.notIcmp, where, `${field}.notIcmp`);
  for (const key of ['source', 'destination'] as const) guardOptionalPeer(o[key], where, `${field}.${key}`);
  for (const key of ['sourcePorts', 'sourceNotPorts', 'destinationPorts', 'destinationNotPorts'] as const)
    guardOptionalPort(o[key], where, `${field}.${key}`);
  guardHttp(o.http, where, `${field}.http`);
  guardOptionalString(o.description, where, `${field}.description`, { allowEmpty: true });
  return o as unknown as RuleProps;
}

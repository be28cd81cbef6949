/** A Calico v3 rule compiled for matching: numbers instead of names, parsed networks, shared selector matchers. */
import { SelectorSyntaxError } from '../../../selector';
import { parsePort } from '../../../validation/rules/ports';
import type { FieldReader } from '../model/fields';
import { Net, toNet } from '../../../model/primitives/ip';
import type { EntityIndex, SelectorMatcher } from '../match/ip-sets';
import { protocolNumber } from '../match/protocols';
import { entityRuleSelector } from '../../../model/policy/selector-rewrite';

/** Rule actions. */
export type RuleAction = 'Allow' | 'Deny' | 'Log' | 'Pass';

/** A port condition: a numeric range or a named port. */
export type PortMatch =
  | { readonly min: number; readonly max: number; readonly name?: undefined }
  | { readonly name: string; readonly min?: undefined; readonly max?: undefined };

/** ICMP type/code condition. */
export interface IcmpMatch {
  readonly type?: number;
  readonly code?: number;
}

/** A compiled EntityRule (source or destination). */
export interface CompiledEntityRule {
  readonly nets?: readonly Net[];
  readonly notNets?: readonly Net[];
  /** The composed selector (namespace scoping, namespaceSelector, serviceAccounts, selector). */
  readonly selector?: SelectorMatcher;
  readonly notSelector?: SelectorMatcher;
  readonly ports?: readonly PortMatch[];
  readonly notPorts?: readonly PortMatch[];
  readonly services?: { readonly name: string; readonly namespace: string };
  /** True when the rule names ports (which must then be resolved on the endpoint owning them). */
  readonly hasNamedPorts: boolean;
}

/** A compiled rule. */
export interface CompiledRule {
  /** Position in the policy's ingress or egress list. */
  readonly index: number;
  readonly action: RuleAction;
  readonly protocol?: number;
  readonly notProtocol?: number;
  readonly ipVersion?: 4 | 6;
  readonly icmp?: IcmpMatch;
  readonly notIcmp?: IcmpMatch;
  readonly source: CompiledEntityRule;
  readonly destination: CompiledEntityRule;
  /** True when the rule has an application-layer `http` match (not evaluated: L3/L4 only). */
  readonly hasHttp: boolean;
  /** The rule's name as written (a ClusterNetworkPolicy rule's `name`), for traces. */
  readonly name?: string;
  /** Set when the rule is Calico's fail-closed replacement of a rule it could not convert: why it failed. */
  readonly failClosed?: string;
}

/** Where a compiled rule comes from, when that is not simply its position (ClusterNetworkPolicy rules). */
export interface RuleOrigin {
  /** The index of the rule as written (the CNP rule this Calico rule was converted from). */
  readonly index: number;
  readonly name?: string;
  readonly failClosed?: string;
}

const ACTIONS: readonly string[] = ['Allow', 'Deny', 'Log', 'Pass'];

/** Compiles `spec.ingress[i]` / `spec.egress[i]`. `policyNamespace` is `''` for global policies. */
export function compileRule(
  raw: unknown,
  path: string,
  index: number,
  policyNamespace: string,
  r: FieldReader,
  idx: EntityIndex,
  origin?: RuleOrigin,
): CompiledRule {
  const o = r.object(raw, path) ?? r.fail(path, 'a rule must be an object');
  const action = r.requiredString(o.action, `${path}.action`);
  if (!ACTIONS.includes(action)) r.fail(`${path}.action`, `${JSON.stringify(action)} is not Allow, Deny, Log or Pass`);
  // An absent field reads as absent without its path being built (eight sides and fields per rule, 60,000 rules).
  const protocol = o.protocol === undefined ? undefined : optProtocol(o.protocol, `${path}.protocol`, r);
  const notProtocol = o.notProtocol === undefined ? undefined : optProtocol(o.notProtocol, `${path}.notProtocol`, r);
  let ipVersion: 4 | 6 | undefined;
  const ipv = o.ipVersion === undefined ? undefined : r.number(o.ipVersion, `${path}.ipVersion`);
  if (ipv !== undefined) {
    if (ipv !== 4 && ipv !== 6) r.fail(`${path}.ipVersion`, `must be 4 or 6, got ${ipv}`);
    ipVersion = ipv;
  }
  return {
    index: origin?.index ?? index,
    ...(origin?.name !== undefined ? { name: origin.name } : {}),
    ...(origin?.failClosed !== undefined ? { failClosed: origin.failClosed } : {}),
    action: action as RuleAction,
    protocol,
    notProtocol,
    ipVersion,
    icmp: o.icmp === undefined ? undefined : icmpOf(o.icmp, `${path}.icmp`, r),
    notIcmp: o.notICMP === undefined ? undefined : icmpOf(o.notICMP, `${path}.notICMP`, r),
    source: compileEntityRule(o.source, `${path}.source`, policyNamespace, r, idx),
    destination: compileEntityRule(o.destination, `${path}.destination`, policyNamespace, r, idx),
    hasHttp: o.http !== undefined && o.http !== null,
  };
}

function optProtocol(v: unknown, field: string, r: FieldReader): number | undefined {
  if (v === undefined || v === null) return undefined;
  const n = protocolNumber(v);
  if (n === undefined)
    r.fail(field, `${JSON.stringify(v)} is not a protocol (TCP, UDP, ICMP, ICMPv6, SCTP, UDPLite or 1–255)`);
  return n;
}

function icmpOf(v: unknown, field: string, r: FieldReader): IcmpMatch | undefined {
  const o = r.object(v, field);
  if (!o) return undefined;
  return { type: r.number(o.type, `${field}.type`), code: r.number(o.code, `${field}.code`) };
}

function netsOf(v: unknown, field: string, r: FieldReader): Net[] | undefined {
  const list = r.stringList(v, field);
  if (list.length === 0) return undefined;
  return list.map((s, i) => toNet(s) ?? r.fail(`${field}[${i}]`, `${JSON.stringify(s)} is not a CIDR`));
}

function portsOf(v: unknown, field: string, r: FieldReader): PortMatch[] | undefined {
  const list = r.array(v, field);
  if (list.length === 0) return undefined;
  return list.map((p, i) => {
    const parsed = parsePort(p);
    if (parsed.error) r.fail(`${field}[${i}]`, parsed.error.message);
    return parsed.port as PortMatch;
  });
}

function selectorText(v: unknown, field: string, r: FieldReader): string | undefined {
  const s = r.string(v, field);
  return s === undefined || s.trim() === '' ? undefined : s;
}

/** What an absent source or destination compiles to, whatever the policy (most rules leave one side out). */
const ABSENT_SIDE: CompiledEntityRule = Object.freeze({
  nets: undefined,
  notNets: undefined,
  selector: undefined,
  notSelector: undefined,
  ports: undefined,
  notPorts: undefined,
  services: undefined,
  hasNamedPorts: false,
});

function compileEntityRule(
  raw: unknown,
  path: string,
  policyNamespace: string,
  r: FieldReader,
  idx: EntityIndex,
): CompiledEntityRule {
  // An absent side reads as `{}`: no field, no selector (entityRuleSelector scopes only a side that selects).
  if (raw === undefined) return ABSENT_SIDE;
  const o = r.object(raw, path) ?? {};
  // An absent field reads as absent without its path being built.
  const text = (v: unknown, field: string) => (v === undefined ? undefined : selectorText(v, `${path}.${field}`, r));
  const selector = text(o.selector, 'selector');
  const notSelector = text(o.notSelector, 'notSelector');
  const namespaceSelector = text(o.namespaceSelector, 'namespaceSelector');
  const saRaw = o.serviceAccounts === undefined ? undefined : r.object(o.serviceAccounts, `${path}.serviceAccounts`);
  const serviceAccounts = saRaw
    ? {
        names: r.stringList(saRaw.names, `${path}.serviceAccounts.names`),
        selector: selectorText(saRaw.selector, `${path}.serviceAccounts.selector`, r),
      }
    : undefined;
  const svcRaw = o.services === undefined ? undefined : r.object(o.services, `${path}.services`);
  const services = svcRaw
    ? {
        name: r.requiredString(svcRaw.name, `${path}.services.name`),
        namespace: r.string(svcRaw.namespace, `${path}.services.namespace`) || policyNamespace,
      }
    : undefined;
  if (services && services.namespace === '') r.fail(`${path}.services.namespace`, 'is required in a global policy');
  let composed: string;
  try {
    composed = entityRuleSelector({ selector, notSelector, namespaceSelector, serviceAccounts }, policyNamespace);
  } catch (e) {
    if (e instanceof SelectorSyntaxError) r.fail(path, `invalid selector: ${e.message}`);
    throw e;
  }
  const ports = o.ports === undefined ? undefined : portsOf(o.ports, `${path}.ports`, r);
  const notPorts = o.notPorts === undefined ? undefined : portsOf(o.notPorts, `${path}.notPorts`, r);
  const named = (p: PortMatch) => p.name !== undefined;
  return {
    nets: o.nets === undefined ? undefined : netsOf(o.nets, `${path}.nets`, r),
    notNets: o.notNets === undefined ? undefined : netsOf(o.notNets, `${path}.notNets`, r),
    selector: composed ? matcherOf(idx, composed, `${path}.selector`, r) : undefined,
    notSelector: notSelector ? matcherOf(idx, notSelector, `${path}.notSelector`, r) : undefined,
    ports,
    notPorts,
    services,
    hasNamedPorts: (ports?.some(named) ?? false) || (notPorts?.some(named) ?? false),
  };
}

function matcherOf(idx: EntityIndex, text: string, field: string, r: FieldReader): SelectorMatcher {
  try {
    return idx.matcher(text);
  } catch (e) {
    if (e instanceof SelectorSyntaxError) r.fail(field, `invalid selector ${JSON.stringify(text)}: ${e.message}`);
    throw e;
  }
}

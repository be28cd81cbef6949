import * as v3 from '../../imports/calico-projectcalico.org';
import { IntOrStringFactory, toIntOrStringList, toOptionalIntOrString } from '../core/int-or-string';
import { EntityRuleJson } from './entity-rule';
import { RuleJson } from './rule';

/** The four policy kinds share one rule shape; their generated int-or-string classes differ only by name. */
export type PolicyKindPrefix = 'GlobalNetworkPolicy' | 'StagedGlobalNetworkPolicy' | 'NetworkPolicy' | 'StagedNetworkPolicy';

interface DirectionClasses {
  protocol: IntOrStringFactory<unknown>;
  notProtocol: IntOrStringFactory<unknown>;
  sourcePorts: IntOrStringFactory<unknown>;
  sourceNotPorts: IntOrStringFactory<unknown>;
  destinationPorts: IntOrStringFactory<unknown>;
  destinationNotPorts: IntOrStringFactory<unknown>;
}

function lookup(name: string): IntOrStringFactory<unknown> {
  const cls = (v3 as unknown as { [k: string]: IntOrStringFactory<unknown> | undefined })[name];
  if (!cls || typeof cls.fromNumber !== 'function') {
    // Only possible if imports/ was regenerated from a different CRD set.
    throw new Error(`imports/ has no int-or-string class ${name}; run \`npm run import\``);
  }
  return cls;
}

function directionClasses(prefix: PolicyKindPrefix, dir: 'Ingress' | 'Egress'): DirectionClasses {
  const base = `${prefix}Spec${dir}`;
  return {
    protocol: lookup(`${base}Protocol`),
    notProtocol: lookup(`${base}NotProtocol`),
    sourcePorts: lookup(`${base}SourcePorts`),
    sourceNotPorts: lookup(`${base}SourceNotPorts`),
    destinationPorts: lookup(`${base}DestinationPorts`),
    destinationNotPorts: lookup(`${base}DestinationNotPorts`),
  };
}

const CACHE = new Map<string, DirectionClasses>();
function classesFor(prefix: PolicyKindPrefix, dir: 'Ingress' | 'Egress'): DirectionClasses {
  const key = prefix + dir;
  let c = CACHE.get(key);
  if (!c) {
    c = directionClasses(prefix, dir);
    CACHE.set(key, c);
  }
  return c;
}

function entityToL1(e: EntityRuleJson | undefined, ports: IntOrStringFactory<unknown>, notPorts: IntOrStringFactory<unknown>): any {
  if (!e) return undefined;
  return {
    ...e,
    ports: toIntOrStringList(ports, e.ports),
    notPorts: toIntOrStringList(notPorts, e.notPorts),
  };
}

function ruleToL1(rule: RuleJson, c: DirectionClasses): any {
  return {
    action: rule.action,
    protocol: toOptionalIntOrString(c.protocol, rule.protocol),
    notProtocol: toOptionalIntOrString(c.notProtocol, rule.notProtocol),
    ipVersion: rule.ipVersion,
    icmp: rule.icmp,
    notIcmp: rule.notICMP,
    source: entityToL1(rule.source, c.sourcePorts, c.sourceNotPorts),
    destination: entityToL1(rule.destination, c.destinationPorts, c.destinationNotPorts),
    http: rule.http,
    metadata: rule.metadata,
  };
}

/**
 * Converts a policy spec in wire format (`preDNAT`, numeric ports) into the props of the generated class
 * (`preDnat`, int-or-string instances). The generated `toJson` maps it back to the same wire format.
 */
export function policySpecToL1(prefix: PolicyKindPrefix, spec: any): any {
  const { preDNAT, ingress, egress, ...rest } = spec;
  return {
    ...rest,
    preDnat: preDNAT,
    ingress: ingress?.map((r: RuleJson) => ruleToL1(r, classesFor(prefix, 'Ingress'))),
    egress: egress?.map((r: RuleJson) => ruleToL1(r, classesFor(prefix, 'Egress'))),
  };
}

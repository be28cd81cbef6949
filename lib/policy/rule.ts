import { boundaryError, guardEnum } from '../model/primitives/guard';
import { Action } from './action';
import { EntityRuleJson, isEmptyEntity } from './entity-rule';
import { entityRuleOf, IPeer } from './peer';
import { IcmpMatch, Port } from './port';
import { Protocol } from './protocol';
import { guardRuleProps, guardShorthandArgs } from './rule-guards';

/** HTTP match (application-layer policy; Allow ingress rules only). */
export interface HttpMatch {
  /**
   * HTTP methods, e.g. `['GET', 'HEAD']`.
   * @default - any method
   */
  readonly methods?: string[];
  /**
   * Exact paths.
   * @default - none
   */
  readonly exactPaths?: string[];
  /**
   * Path prefixes.
   * @default - none
   */
  readonly pathPrefixes?: string[];
}

/** Options common to the `allowIngress` / `denyEgress` / ... shorthands. */
export interface RuleOptions {
  /**
   * Why the rule exists; emitted as the rule annotation `description`.
   * @default - none
   */
  readonly description?: string;
  /**
   * Restrict the rule to IPv4 (4) or IPv6 (6).
   * @default - both families
   */
  readonly ipVersion?: number;
  /**
   * Further constrains this side of the rule: the destination of an ingress rule, or the source of an egress
   * rule. For example the exposed cluster IP (`Peer.nets('10.96.0.10/32')`) of a preDNAT policy.
   * @default - unconstrained
   */
  readonly localPeer?: IPeer;
  /**
   * Ports to exclude on the destination (`destination.notPorts`); must use the same protocol as the port.
   * @default - none
   */
  readonly exceptPorts?: Port;
  /**
   * HTTP match (Allow ingress rules only).
   * @default - none
   */
  readonly http?: HttpMatch;
}

/** Full control over one rule. */
export interface RuleProps {
  /** What the rule does. */
  readonly action: Action;
  /**
   * Protocol to match.
   * @default - taken from the ports given; none when there are none
   */
  readonly protocol?: Protocol;
  /**
   * Protocol that must NOT match.
   * @default - none
   */
  readonly notProtocol?: Protocol;
  /**
   * 4 or 6.
   * @default - both families
   */
  readonly ipVersion?: number;
  /**
   * ICMP type/code to match (protocol ICMP or ICMPv6).
   * @default - taken from an ICMP port, else none
   */
  readonly icmp?: IcmpMatch;
  /**
   * ICMP type/code that must NOT match.
   * @default - none
   */
  readonly notIcmp?: IcmpMatch;
  /**
   * Source of the traffic.
   * @default - any source
   */
  readonly source?: IPeer;
  /**
   * Source ports.
   * @default - any
   */
  readonly sourcePorts?: Port;
  /**
   * Source ports that must NOT match.
   * @default - none
   */
  readonly sourceNotPorts?: Port;
  /**
   * Destination of the traffic.
   * @default - any destination
   */
  readonly destination?: IPeer;
  /**
   * Destination ports (and the protocol they imply).
   * @default - any
   */
  readonly destinationPorts?: Port;
  /**
   * Destination ports that must NOT match.
   * @default - none
   */
  readonly destinationNotPorts?: Port;
  /**
   * HTTP match.
   * @default - none
   */
  readonly http?: HttpMatch;
  /**
   * Emitted as the rule annotation `description`.
   * @default - none
   */
  readonly description?: string;
}

/** One `http.paths` entry of a rule in wire format: exactly one of `exact` and `prefix`. */
export interface RuleHttpPathJson {
  /**
   * The path must equal this.
   * @default - not an exact match
   */
  readonly exact?: string;
  /**
   * The path must start with this.
   * @default - not a prefix match
   */
  readonly prefix?: string;
}

/** A rule's `http` match in wire format (Calico `HTTPMatch`). */
export interface RuleHttpJson {
  /**
   * HTTP methods.
   * @default - any method
   */
  readonly methods?: string[];
  /**
   * Paths, exact or by prefix.
   * @default - any path
   */
  readonly paths?: RuleHttpPathJson[];
}

/** A rule's `metadata` in wire format (Calico `RuleMetadata`). */
export interface RuleMetadataJson {
  /** The rule annotations (`description`, `name`, ...). */
  readonly annotations: { [key: string]: string };
}

/**
 * A rule in Calico's wire format (api/pkg/apis/projectcalico/v3 `Rule`), as {@link renderRule} makes it. Read-only
 * (jsii structs are): build a new object to change one.
 */
export interface RuleJson {
  /** `Allow`, `Deny`, `Log` or `Pass`. */
  readonly action: string;
  /**
   * The protocol, by name or number.
   * @default - any protocol
   */
  readonly protocol?: string | number;
  /**
   * A protocol the traffic must not be.
   * @default - none excluded
   */
  readonly notProtocol?: string | number;
  /**
   * 4 or 6.
   * @default - both
   */
  readonly ipVersion?: number;
  /**
   * ICMP type and code.
   * @default - any
   */
  readonly icmp?: IcmpMatch;
  /**
   * ICMP type and code the traffic must not have.
   * @default - none excluded
   */
  readonly notICMP?: IcmpMatch;
  /**
   * What the source must match.
   * @default - any source
   */
  readonly source?: EntityRuleJson;
  /**
   * What the destination must match.
   * @default - any destination
   */
  readonly destination?: EntityRuleJson;
  /**
   * The application-layer match.
   * @default - none
   */
  readonly http?: RuleHttpJson;
  /**
   * Annotations of the rule.
   * @default - none
   */
  readonly metadata?: RuleMetadataJson;
}

/** What {@link renderCheckedRule} fills in, field by field, before it hands out the read-only rule. */
type RuleDraft = { -readonly [K in keyof RuleJson]: RuleJson[K] };

/** Builds the RuleProps for a shorthand such as `allowIngress(peer, port)`. */
export function shorthandRule(
  action: Action,
  direction: 'ingress' | 'egress',
  peer: IPeer,
  port: Port | undefined,
  options: RuleOptions = {},
): RuleProps {
  guardEnum(action, Action, 'shorthandRule', 'action', { enumName: 'Action' });
  guardEnum(direction, ['ingress', 'egress'], 'shorthandRule', 'direction');
  guardShorthandArgs(peer, port, options, 'shorthandRule');
  return checkedShorthandRule(action, direction, peer, port, options);
}

/** {@link shorthandRule} of arguments the caller guarded already (PolicyBase's shorthands). @internal */
export function checkedShorthandRule(
  action: Action,
  direction: 'ingress' | 'egress',
  peer: IPeer,
  port: Port | undefined,
  options: RuleOptions = {},
): RuleProps {
  const remote = direction === 'ingress' ? 'source' : 'destination';
  const local = direction === 'ingress' ? 'destination' : 'source';
  return {
    action,
    ipVersion: options.ipVersion,
    description: options.description,
    http: options.http,
    [remote]: peer,
    [local]: options.localPeer,
    destinationPorts: port,
    destinationNotPorts: options.exceptPorts,
  } as RuleProps;
}

/** Renders one rule to wire format. Throws on combinations that cannot be expressed. */
export function renderRule(props: RuleProps): RuleJson {
  guardRuleProps(props, 'renderRule', 'props');
  return renderCheckedRule(props);
}

/** {@link renderRule} of props the caller guarded already (PolicyBase guards each rule once). @internal */
export function renderCheckedRule(props: RuleProps): RuleJson {
  const ports = [props.sourcePorts, props.sourceNotPorts, props.destinationPorts, props.destinationNotPorts].filter(
    (p): p is Port => p !== undefined,
  );
  const protocol = props.protocol ?? impliedProtocol(ports);
  for (const p of ports) {
    if (p.protocol && protocol && String(p.protocol) !== String(protocol)) {
      throw boundaryError(
        'renderRule',
        'props.protocol',
        `rule protocol ${protocol} conflicts with port ${p}; fix: one protocol per rule`,
      );
    }
  }
  const icmp = props.icmp ?? ports.find((p) => p.icmp)?.icmp;
  const rule: RuleDraft = { action: props.action };
  if (protocol) rule.protocol = protocol.value;
  if (props.notProtocol) rule.notProtocol = props.notProtocol.value;
  if (props.ipVersion !== undefined) rule.ipVersion = props.ipVersion;
  if (icmp) rule.icmp = cleanIcmp(icmp);
  if (props.notIcmp) rule.notICMP = cleanIcmp(props.notIcmp);
  const source = entity(props.source, props.sourcePorts, props.sourceNotPorts);
  const destination = entity(props.destination, props.destinationPorts, props.destinationNotPorts);
  if (source) rule.source = source;
  if (destination) rule.destination = destination;
  if (props.http) rule.http = renderHttp(props.http);
  if (props.description) rule.metadata = { annotations: { description: props.description } };
  return rule;
}

function impliedProtocol(ports: Port[]): Protocol | undefined {
  return ports.find((p) => p.protocol !== undefined)?.protocol;
}

function cleanIcmp(icmp: IcmpMatch): IcmpMatch {
  return {
    ...(icmp.type !== undefined ? { type: icmp.type } : {}),
    ...(icmp.code !== undefined ? { code: icmp.code } : {}),
  };
}

function entity(
  peer: IPeer | undefined,
  ports: Port | undefined,
  notPorts: Port | undefined,
): EntityRuleJson | undefined {
  const e: EntityRuleJson = {
    ...(peer ? entityRuleOf(peer) : {}),
    ...(ports && ports.ports.length > 0 ? { ports: [...ports.ports] } : {}),
    ...(notPorts && notPorts.ports.length > 0 ? { notPorts: [...notPorts.ports] } : {}),
  };
  return isEmptyEntity(e) ? undefined : e;
}

function renderHttp(http: HttpMatch): RuleHttpJson {
  const paths: RuleHttpPathJson[] = [
    ...(http.exactPaths ?? []).map((exact) => ({ exact })),
    ...(http.pathPrefixes ?? []).map((prefix) => ({ prefix })),
  ];
  return {
    ...(http.methods ? { methods: [...http.methods] } : {}),
    ...(paths.length > 0 ? { paths } : {}),
  };
}

import { Construct } from 'constructs';
import * as v3 from '../../imports/calico-projectcalico.org';
import { CalicoKindBinding, CalicoObject, CalicoObjectProps } from '../core/calico-object';
import { compact } from '../core/compact';
import {
  constructWhere,
  guardInteger,
  guardKnownKeys,
  guardObject,
  guardOptionalArray,
  guardOptionalString,
  guardScope,
  guardString,
} from '../model/primitives/guard';
import { globalLabelsRule } from '../policy/construct-peer';
import { EntityRule } from '../policy/entity-rule';
import { IPeer } from '../policy/peer';
import { Protocol } from '../policy/protocol';
import { guardConstructProps, guardOptionalProtocol, METADATA_KEYS } from '../policy/value-guards';
import { formatIp, parseIp } from '../model/primitives/cidr';
import { CREATED_BY_LABEL, isDns1123Subdomain } from '../model/primitives';
import { PORT_RANGE } from '../model/primitives/ports';

/** A canonical dotted-decimal IPv4 address (no leading zeros), as the inventory writes them. */
const CANONICAL_V4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;

/** An IPv6 address in its canonical text form. */
function canonicalV6(ip: string): boolean {
  const a = ip.includes(':') ? parseIp(ip) : undefined;
  return a !== undefined && a.family === 6 && formatIp(6, a.value) === ip;
}

const HOST_ENDPOINT_KEYS = [...METADATA_KEYS, 'node', 'interfaceName', 'expectedIPs', 'profiles', 'ports'];

/** Checks a HostEndpoint's scope, id and props before `super()`; address and name rules are checked by validateNow. */
function guardHostEndpointProps(scope: unknown, id: unknown, props: HostEndpointProps): HostEndpointProps {
  guardScope(scope, id, 'HostEndpoint');
  const where = constructWhere(scope, id);
  const p = guardConstructProps(props, where, HOST_ENDPOINT_KEYS);
  guardString(p.node, where, 'node', {
    expected: 'a node name',
    fix: "pass the Calico node name: { node: 'worker-1' }",
  });
  guardOptionalString(p.interfaceName, where, 'interfaceName');
  const strings = (field: string, v: unknown, what: string) =>
    guardOptionalArray(v, where, field, (x, f) => guardString(x, where, f, { expected: what }), { of: `${what}s` });
  strings('expectedIPs', p.expectedIPs, 'an IP address');
  strings('profiles', p.profiles, 'a profile name');
  guardOptionalArray(
    p.ports,
    where,
    'ports',
    (port, f) => {
      const o = guardObject(port, where, f, { expected: 'a named port { name, port, protocol? }' });
      guardKnownKeys(o, ['name', 'port', 'protocol'], where, f);
      guardString(o.name, where, `${f}.name`, { expected: 'a port name' });
      guardInteger(o.port, where, `${f}.port`, PORT_RANGE);
      guardOptionalProtocol(o.protocol, where, `${f}.protocol`);
      return o;
    },
    { of: 'named ports' },
  );
  return p;
}

/** A named port on a host endpoint, usable as `Port.named(name)` in policy rules. */
export interface HostEndpointPort {
  /** Port name (IANA service name rules). */
  readonly name: string;
  /** Port number, 1-65535. */
  readonly port: number;
  /**
   * TCP, UDP or SCTP.
   * @default Protocol.tcp()
   */
  readonly protocol?: Protocol;
}

/** A host endpoint, owned by this app or not. */
export interface IHostEndpoint {
  /** The HostEndpoint name. */
  readonly hostEndpointName: string;
}

/** Props of {@link HostEndpoint}. */
export interface HostEndpointProps extends CalicoObjectProps {
  /** The Calico node name (normally the Kubernetes node name). */
  readonly node: string;
  /**
   * The interface this endpoint governs: a name such as `eth0` or `tunl0`, or `*` for all of the host's interfaces
   * (including `lo`, so host-local traffic is policed too).
   * @default - the interface that carries one of `expectedIPs`
   */
  readonly interfaceName?: string;
  /**
   * The host's addresses on that interface (plain IPs). They are also what other policies match when they select
   * this endpoint by label, so tunnel addresses belong here for tunnel devices.
   * @default - none (then `interfaceName` is required)
   */
  readonly expectedIPs?: string[];
  /**
   * Profiles applied after all tiers, e.g. `projectcalico-default-allow`.
   * @default - none: traffic no policy allows is denied, except failsafe ports
   */
  readonly profiles?: string[];
  /**
   * Named ports.
   * @default - none
   */
  readonly ports?: HostEndpointPort[];
}

/**
 * What the host endpoints of one plan share (the explicit endpoints of a pool, its tunnel endpoints, a service
 * foundation's endpoints): the validation classes found clean within the plan, so that thousands of endpoints of
 * one shape are validated once per plan. @internal
 */
export interface HostEndpointPlan {
  readonly cleanClasses: Set<string>;
  /**
   * Whether an endpoint of the plan passed the metadata check: every endpoint carries the same labels over its
   * node's (which the NodeInventory checked with the same rules), so later endpoints check their name only.
   */
  labelsChecked: boolean;
}

const BINDING: CalicoKindBinding = { kind: 'HostEndpoint', generated: v3.HostEndpoint };
const LABELS_CHECKED: CalicoKindBinding = { ...BINDING, _labelsChecked: true };

/** One endpoint as a planner made it (a NodeHostEndpointSpec): construct id, name, node, interface... @internal */
export interface PlannedHostEndpoint {
  readonly id: string;
  readonly name: string;
  readonly node: string;
  readonly interfaceName: string;
  readonly expectedIPs: string[];
  readonly labels: { [key: string]: string };
  readonly profiles?: string[];
}

/**
 * Marks props that a planner built from a validated inventory (module-private, so no caller outside this file can
 * set it): their shape is known, so the props guard is skipped. Passed with the props, never held in module state.
 */
const PLANNED = Symbol('cdk8s-calico.plannedHostEndpoint');

type PlannedProps = HostEndpointProps & { readonly [PLANNED]?: HostEndpointPlan };

class ImportedHostEndpoint implements IHostEndpoint {
  constructor(public readonly hostEndpointName: string) {}
}

/** The profile that allows everything; kube-controllers puts it on automatic host endpoints. */
export { DEFAULT_ALLOW_PROFILE } from '../model/primitives/calico-constants';

/**
 * A Calico `HostEndpoint`: one interface (or all of them) of one node, policed by the policies that select its labels.
 * A host endpoint with no policy and no profile denies all traffic but the failsafe ports.
 */
export class HostEndpoint extends CalicoObject implements IHostEndpoint, IPeer {
  /** References a host endpoint this app does not define (for example `<node>-auto-hep`). */
  public static fromHostEndpointName(name: string): IHostEndpoint {
    guardString(name, 'HostEndpoint.fromHostEndpointName', 'name', { expected: 'a HostEndpoint name' });
    return new ImportedHostEndpoint(name);
  }

  /** The HostEndpoint name. */
  public readonly hostEndpointName: string;
  private readonly settings: HostEndpointProps;

  /**
   * An endpoint a planner made from a NodeInventory (node name, labels and addresses already validated there, the
   * props of known shape): the props guard is skipped and endpoints of one validation class validate once per plan.
   * Metadata and Calico's rules are checked as for any endpoint. @internal
   */
  public static _fromPlan(scope: Construct, spec: PlannedHostEndpoint, plan: HostEndpointPlan): HostEndpoint {
    const props: PlannedProps = {
      name: spec.name,
      node: spec.node,
      interfaceName: spec.interfaceName,
      expectedIPs: spec.expectedIPs,
      labels: spec.labels,
      profiles: spec.profiles,
      [PLANNED]: plan,
    };
    return new HostEndpoint(scope, spec.id, props);
  }

  public constructor(scope: Construct, id: string, props: HostEndpointProps) {
    const plan = (props as PlannedProps | undefined)?.[PLANNED];
    if (plan === undefined) props = guardHostEndpointProps(scope, id, props);
    super(scope, id, plan?.labelsChecked ? LABELS_CHECKED : BINDING, props);
    this.hostEndpointName = this.name;
    this.settings = props;
    if (plan === undefined) {
      this.validateNow();
    } else {
      plan.labelsChecked = true;
      // The class names all the validation depends on (see _validationClass): one clean endpoint stands for its class.
      const cls = this._validationClass();
      if (plan.cleanClasses.has(cls)) {
        this._adoptCleanValidation();
      } else {
        this.validateNow();
        plan.cleanClasses.add(cls);
      }
    }
  }

  /** The endpoint as a rule peer: `HostEndpoint <name>`. */
  public get uniqueId(): string {
    return `HostEndpoint ${this.name}`;
  }

  /**
   * The endpoint as a rule peer: `selector` on every one of its labels, `namespaceSelector: global()` (host endpoints
   * are non-namespaced, so pods with the same labels are left out). Other host endpoints with the same labels match
   * too: Calico selects endpoints by labels only. Throws when the endpoint has no labels.
   */
  public toEntityRule(): EntityRule {
    return globalLabelsRule(this.toManifest().metadata.labels ?? {}, this.node.path, 'HostEndpoint');
  }

  /**
   * What validating a HostEndpoint depends on (lib/validation/rules/host-endpoint.ts and the CRD): the node name is a
   * DNS-1123 subdomain or not, each expected IP is a canonical IPv4/IPv6 address or not (and which repeat), the
   * interface, profiles and ports as they are, and the ownership label. Pools emit thousands of endpoints of one
   * shape; they share one validation. @internal
   */
  protected _validationClass(): string {
    const p = this.settings;
    const expected = p.expectedIPs ?? [];
    let ips = '';
    for (const ip of expected) {
      const family = CANONICAL_V4.test(ip) ? 4 : canonicalV6(ip) ? 6 : 0;
      // Anything unusual keeps its own value; a canonical address keeps its family and where it first appears.
      ips += family === 0 ? `${JSON.stringify(ip)},` : `v${family}#${expected.indexOf(ip)},`;
    }
    const node = isDns1123Subdomain(p.node) ? 'dns1123#' : JSON.stringify(p.node);
    // The labels as emitted (the chart's, then the props'): `chart.labels` would copy the chart's labels per call.
    const createdBy = this._label(CREATED_BY_LABEL) ?? '';
    const ports = p.ports?.map((x) => `${x.name}/${x.port}/${(x.protocol ?? Protocol.tcp()).value}`).join(',') ?? '';
    return (
      `HostEndpoint|${this.namespace ?? ''}|${createdBy}|${node}|${p.expectedIPs === undefined ? '-' : ips}|` +
      `${JSON.stringify(p.interfaceName ?? null)}|${JSON.stringify(p.profiles ?? null)}|${ports}`
    );
  }

  protected renderSpec(): any {
    const p = this.settings;
    return compact({
      node: p.node,
      interfaceName: p.interfaceName,
      expectedIPs: p.expectedIPs ? [...p.expectedIPs] : undefined,
      profiles: p.profiles ? [...p.profiles] : undefined,
      ports: p.ports?.map((port) => ({
        name: port.name,
        port: port.port,
        protocol: (port.protocol ?? Protocol.tcp()).value,
      })),
    });
  }
}

import { Construct, IConstruct } from 'constructs';
import * as v3 from '../../imports/calico-projectcalico.org';
import {
  DEFAULT_FAILSAFE_INBOUND,
  DEFAULT_FAILSAFE_OUTBOUND,
  describeFailsafePorts,
  EffectiveFailsafePort,
  FAILSAFE_REMOVED_ANNOTATION,
  missingDefaultFailsafePorts,
  removedFailsafeSummary,
  WireFailsafePort,
} from '../model/primitives/failsafe-ports';
import { CalicoObject, CalicoObjectProps } from '../core/calico-object';
import { compact } from '../core/compact';
import { typedEscapeHatchToWire, WireEscapeHatch } from '../core/escape-hatch';
import { Protocol } from '../policy/protocol';
import { constructWhere, rejectInput } from '../model/primitives/guard';
import { guardFelixProps } from './felix-guards';
import { FailsafeNarrowingEntry, narrowFailsafeList, WireFailsafeEntry } from './failsafe-rules';
import { constructsInCluster } from '../core/cluster';

/** A failsafe port: always open on host endpoints, whatever the policy. */
export interface FailsafePort {
  /** Port number. */
  readonly port: number;
  /**
   * TCP, UDP or SCTP.
   * @default Protocol.tcp()
   */
  readonly protocol?: Protocol;
  /**
   * Only from (inbound) or to (outbound) this CIDR.
   * @default - any address
   */
  readonly net?: string;
}

/** Props of {@link FelixConfiguration}. */
export interface FelixConfigurationProps extends CalicoObjectProps {
  /**
   * Inbound failsafe ports, replacing Calico's list. Leaving out one of Calico's defaults needs
   * `dangerouslyDisableFailsafePorts`; start from {@link FelixConfiguration.defaultFailsafeInboundPorts} to add ports.
   * @default - not set (Calico's defaults: tcp 22, udp 68, tcp 179, 2379, 2380, 5473, 6443, 6666, 6667)
   */
  readonly failsafeInboundHostPorts?: FailsafePort[];
  /**
   * Outbound failsafe ports, replacing Calico's list. Leaving out one of Calico's defaults needs
   * `dangerouslyDisableFailsafePorts`; start from {@link FelixConfiguration.defaultFailsafeOutboundPorts} to add ports.
   * @default - not set (Calico's defaults: udp 53, udp 67, tcp 179, 2379, 2380, 5473, 6443, 6666, 6667)
   */
  readonly failsafeOutboundHostPorts?: FailsafePort[];
  /**
   * Acknowledges that the failsafe lists leave out some of Calico's defaults (`[]` disables them all). The failsafe
   * ports are what keeps SSH, the API server, BGP, etcd, Typha, DHCP and DNS reachable on a node when a host
   * endpoint policy is wrong; without them one bad policy locks the cluster out. The object then carries the
   * annotation {@link FAILSAFE_REMOVED_ANNOTATION} naming what was removed, which `lint.failsafe-ports-disabled`
   * accepts as the acknowledgement. Setting it while nothing is removed throws (a stale acknowledgement would hide
   * the next removal).
   * @default false
   */
  readonly dangerouslyDisableFailsafePorts?: boolean;
  /**
   * Any other FelixConfiguration field, in the generated typed form (escape hatch): camelCase names (`ipipMtu` for
   * the wire field `ipipMTU`) and the generated int-or-string classes. Unknown fields throw ("did you mean"), and the
   * values are checked against the CRD schema and CEL rules like every other field. TypeScript only: the generated
   * `imports/` types are not part of the jsii assembly.
   * @default - none
   * @jsii ignore
   */
  readonly extraSpec?: v3.FelixConfigurationSpec;
}

// The failsafe defaults and their pure helpers live on the ground floor (lib/model/primitives/failsafe-ports.ts), where
// the engine and the failsafe lint read them too; re-exported here, where they were first published.
export {
  describeFailsafePorts,
  FAILSAFE_REMOVED_ANNOTATION,
  missingDefaultFailsafePorts,
  removedFailsafeSummary,
} from '../model/primitives/failsafe-ports';
export type { WireFailsafePort } from '../model/primitives/failsafe-ports';

function toTyped(p: EffectiveFailsafePort): FailsafePort {
  return { port: p.port, protocol: Protocol.number(p.protocol) };
}

/** A Calico `FelixConfiguration` (`default` for the whole cluster, `node.<name>` for one node). */
export class FelixConfiguration extends CalicoObject {
  /** Calico's default inbound failsafe ports (Felix `config_params.go`), typed, to extend rather than replace. */
  public static defaultFailsafeInboundPorts(): FailsafePort[] {
    return DEFAULT_FAILSAFE_INBOUND.map(toTyped);
  }

  /** Calico's default outbound failsafe ports (Felix `config_params.go`), typed, to extend rather than replace. */
  public static defaultFailsafeOutboundPorts(): FailsafePort[] {
    return DEFAULT_FAILSAFE_OUTBOUND.map(toTyped);
  }

  /**
   * The FelixConfiguration `default` of `scope`'s cluster (lib/core/cluster.ts), if one exists yet. Felix reads one
   * `default` per cluster, so constructs that need Felix settings (a SecuredNodePool narrowing failsafe ports) add
   * to this one instead of making a second.
   */
  public static defaultOf(scope: IConstruct): FelixConfiguration | undefined {
    if (!Construct.isConstruct(scope)) {
      rejectInput('FelixConfiguration.defaultOf', 'scope', 'a construct', scope, 'pass a construct of the app');
    }
    return constructsInCluster(scope).find(
      (c): c is FelixConfiguration => c instanceof FelixConfiguration && c.name === 'default',
    );
  }

  /** Default failsafe ports the inbound list leaves out (`tcp:2379` texts), empty when none. */
  public readonly removedInboundFailsafePorts: string[];
  /** Default failsafe ports the outbound list leaves out, empty when none. */
  public readonly removedOutboundFailsafePorts: string[];
  private readonly settings: FelixConfigurationProps;
  /** Failsafe narrowings other constructs added (a SecuredNodePool's `sshFrom`). */
  private readonly narrowings: FailsafeNarrowingEntry[] = [];
  /** `extraSpec` in wire form, converted once (an unknown field throws instead of being dropped). */
  private readonly extra: WireEscapeHatch;

  public constructor(scope: Construct, id: string, props: FelixConfigurationProps = {}) {
    props = guardFelixProps(scope, id, props);
    const name = props.name ?? 'default';
    const existing = name === 'default' ? FelixConfiguration.defaultOf(scope) : undefined;
    if (existing) {
      const made = existing._madeBy ? ` (made by ${existing._madeBy} to narrow failsafe ports)` : '';
      throw new Error(
        `[${constructWhere(scope, id)}] name: FelixConfiguration default is already defined by [${existing.node.path}]${made}; ` +
          'Felix reads one `default` per cluster, so a second would overwrite the first; fix: set these fields on that one' +
          (existing._madeBy
            ? ', or create yours before the pool (the pool then adds its failsafe narrowing to yours)'
            : ''),
      );
    }
    const inbound = missingDefaultFailsafePorts(wire(props.failsafeInboundHostPorts), 'inbound');
    const outbound = missingDefaultFailsafePorts(wire(props.failsafeOutboundHostPorts), 'outbound');
    const removed = inbound.length + outbound.length > 0;
    const annotations =
      removed && props.dangerouslyDisableFailsafePorts
        ? { ...props.annotations, [FAILSAFE_REMOVED_ANNOTATION]: removedFailsafeSummary(inbound, outbound) }
        : props.annotations;
    super(
      scope,
      id,
      {
        kind: 'FelixConfiguration',
        generated: v3.FelixConfiguration,
      },
      { ...props, name, annotations },
    );
    for (const key of ['failsafeInboundHostPorts', 'failsafeOutboundHostPorts'] as const) {
      if (props.extraSpec?.[key] !== undefined) {
        throw new Error(
          `[${this.node.path}] extraSpec.${key}: failsafe ports go through the typed prop, which checks what is removed; fix: pass ${key} instead`,
        );
      }
    }
    this.removedInboundFailsafePorts = inbound;
    this.removedOutboundFailsafePorts = outbound;
    this.settings = props;
    this.extra =
      props.extraSpec === undefined
        ? { wire: {}, typedNames: new Map() }
        : typedEscapeHatchToWire(
            props.extraSpec,
            { typeName: 'FelixConfigurationSpec', toJson: v3.toJson_FelixConfigurationSpec, module: v3 },
            this.node.path,
            'extraSpec',
          );
    this.assertFailsafeAcknowledged(inbound, outbound);
    this.validateNow();
  }

  /** The construct that made this object for its own needs (a SecuredNodePool), when not made by the user. @internal */
  public _madeBy?: string;

  /**
   * Narrows failsafe entry `protocol:port` to `nets` (entries without `net` replaced by one per network; lists not
   * set start from Calico's defaults). Several callers narrowing one port admit the union. @internal
   */
  public _narrowFailsafe(entry: FailsafeNarrowingEntry): void {
    this.narrowings.push(entry);
    this.touch();
  }

  protected renderSpec(): any {
    const p = this.settings;
    const ports = (list?: FailsafePort[]) =>
      list?.map((f) => compact({ protocol: String((f.protocol ?? Protocol.tcp()).value), port: f.port, net: f.net }));
    const narrowed = (dir: 'inbound' | 'outbound', own: WireFailsafeEntry[] | undefined, defaults: FailsafePort[]) => {
      const list = this.narrowings.filter((n) => n.direction === dir);
      return list.length === 0 ? own : narrowFailsafeList(own ?? ports(defaults)!, list);
    };
    return compact({
      ...this.extra.wire,
      failsafeInboundHostPorts: narrowed(
        'inbound',
        ports(p.failsafeInboundHostPorts),
        FelixConfiguration.defaultFailsafeInboundPorts(),
      ),
      failsafeOutboundHostPorts: narrowed(
        'outbound',
        ports(p.failsafeOutboundHostPorts),
        FelixConfiguration.defaultFailsafeOutboundPorts(),
      ),
    });
  }

  /** A problem in a field set through `extraSpec` is named by the typed field the user wrote. */
  protected describeField(path: string): string {
    const m = /^spec\.([A-Za-z0-9]+)(.*)$/.exec(path);
    const typed = m ? this.extra.typedNames.get(m[1]) : undefined;
    return typed === undefined ? path : `extraSpec.${typed}${m![2]} (${path})`;
  }

  private assertFailsafeAcknowledged(inbound: string[], outbound: string[]): void {
    const ack = this.settings.dangerouslyDisableFailsafePorts === true;
    if (inbound.length + outbound.length === 0) {
      if (ack) {
        throw new Error(
          `[${this.node.path}] dangerouslyDisableFailsafePorts: no default failsafe port is removed, so there is nothing to acknowledge; fix: remove dangerouslyDisableFailsafePorts`,
        );
      }
      return;
    }
    if (ack) return;
    const lost = [
      inbound.length > 0
        ? `spec.failsafeInboundHostPorts ${this.settings.failsafeInboundHostPorts!.length === 0 ? 'disables every inbound failsafe port' : 'drops'} ${describeFailsafePorts(inbound)}`
        : '',
      outbound.length > 0
        ? `spec.failsafeOutboundHostPorts ${this.settings.failsafeOutboundHostPorts!.length === 0 ? 'disables every outbound failsafe port' : 'drops'} ${describeFailsafePorts(outbound)}`
        : '',
    ]
      .filter((s) => s !== '')
      .join('; ');
    throw new Error(
      `[${this.node.path}] ${lost}: these keep a node reachable when a host endpoint policy is wrong, so one bad policy can lock the cluster out; ` +
        'fix: keep them (start from FelixConfiguration.defaultFailsafeInboundPorts() / defaultFailsafeOutboundPorts() and add yours), or pass dangerouslyDisableFailsafePorts: true',
    );
  }
}

function wire(list?: FailsafePort[]): WireFailsafePort[] | undefined {
  return list?.map((f) => ({ protocol: (f.protocol ?? Protocol.tcp()).value, port: f.port }));
}

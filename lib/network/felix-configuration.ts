import { Construct } from 'constructs';
import * as v3 from '../../imports/calico-projectcalico.org';
import { CalicoObject, CalicoObjectProps } from '../core/calico-object';
import { compact } from '../core/compact';
import { Protocol } from '../policy/protocol';

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
   * Inbound failsafe ports; `[]` disables them.
   * @default - not set (Calico's defaults: tcp 22, udp 68, tcp 179, 2379, 2380, 5473, 6443, 6666, 6667)
   */
  readonly failsafeInboundHostPorts?: FailsafePort[];
  /**
   * Outbound failsafe ports; `[]` disables them.
   * @default - not set (Calico's defaults: udp 53, udp 67, tcp 179, 2379, 2380, 5473, 6443, 6666, 6667)
   */
  readonly failsafeOutboundHostPorts?: FailsafePort[];
  /**
   * Any other FelixConfiguration field, in the generated typed form (escape hatch).
   * @default - none
   */
  readonly extraSpec?: v3.FelixConfigurationSpec;
}

/** A Calico `FelixConfiguration` (`default` for the whole cluster, `node.<name>` for one node). */
export class FelixConfiguration extends CalicoObject {
  private readonly props: FelixConfigurationProps;

  public constructor(scope: Construct, id: string, props: FelixConfigurationProps = {}) {
    super(scope, id, {
      kind: 'FelixConfiguration',
      generated: v3.FelixConfiguration,
    }, { ...props, name: props.name ?? 'default' });
    this.props = props;
    this.validateNow();
  }

  protected renderSpec(): any {
    const p = this.props;
    const ports = (list?: FailsafePort[]) => list?.map((f) => compact({ protocol: String((f.protocol ?? Protocol.tcp()).value), port: f.port, net: f.net }));
    const extra = this.props.extraSpec ? v3.FelixConfiguration.manifest({ metadata: {}, spec: this.props.extraSpec }).spec : {};
    return compact({
      ...extra,
      failsafeInboundHostPorts: ports(p.failsafeInboundHostPorts),
      failsafeOutboundHostPorts: ports(p.failsafeOutboundHostPorts),
    });
  }
}

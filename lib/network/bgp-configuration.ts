import { Construct } from 'constructs';
import * as v3 from '../../imports/calico-projectcalico.org';
import { CalicoObject, CalicoObjectProps } from '../core/calico-object';
import { compact } from '../core/compact';

/** Props of {@link BgpConfiguration}. */
export interface BgpConfigurationProps extends CalicoObjectProps {
  /**
   * Service cluster IP ranges to advertise (only honoured on the object named `default`).
   * @default - none
   */
  readonly serviceClusterIps?: string[];
  /**
   * Service external IP ranges to advertise (only on `default`).
   * @default - none
   */
  readonly serviceExternalIps?: string[];
  /**
   * LoadBalancer IP ranges to advertise (only on `default`).
   * @default - none
   */
  readonly serviceLoadBalancerIps?: string[];
  /**
   * Full node-to-node BGP mesh.
   * @default - not set (Calico default true)
   */
  readonly nodeToNodeMeshEnabled?: boolean;
  /**
   * Default AS number.
   * @default - not set (Calico default 64512)
   */
  readonly asNumber?: number;
  /**
   * BGP listen port.
   * @default - not set (Calico default 179)
   */
  readonly listenPort?: number;
  /**
   * Log level.
   * @default - not set (Calico default Info)
   */
  readonly logSeverityScreen?: string;
}

/**
 * A Calico `BGPConfiguration`. The service advertisement fields work only on the one named `default`
 * (the default name here).
 */
export class BgpConfiguration extends CalicoObject {
  private readonly props: BgpConfigurationProps;

  public constructor(scope: Construct, id: string, props: BgpConfigurationProps = {}) {
    super(scope, id, {
      kind: 'BGPConfiguration',
      generated: v3.BgpConfiguration,
    }, { ...props, name: props.name ?? 'default' });
    this.props = props;
    this.validateNow();
  }

  protected renderSpec(): any {
    const p = this.props;
    const cidrs = (list?: string[]) => list?.map((cidr) => ({ cidr }));
    return compact({
      asNumber: p.asNumber,
      listenPort: p.listenPort,
      logSeverityScreen: p.logSeverityScreen,
      nodeToNodeMeshEnabled: p.nodeToNodeMeshEnabled,
      serviceClusterIPs: cidrs(p.serviceClusterIps),
      serviceExternalIPs: cidrs(p.serviceExternalIps),
      serviceLoadBalancerIPs: cidrs(p.serviceLoadBalancerIps),
    });
  }
}

import { Construct } from 'constructs';
import * as v3 from '../../imports/calico-projectcalico.org';
import { CalicoObject, CalicoObjectProps } from '../core/calico-object';
import { compact } from '../core/compact';
import {
  constructWhere,
  guardInteger,
  guardOptionalArray,
  guardOptionalBoolean,
  guardOptionalEnum,
  guardScope,
  guardString,
} from '../model/primitives/guard';
import { guardConstructProps, METADATA_KEYS } from '../policy/value-guards';
import { LOG_LEVELS } from '../validation/rules/validator-enum';
import { PORT_RANGE } from '../model/primitives/ports';

const BGP_CONFIGURATION_KEYS = [
  ...METADATA_KEYS,
  'serviceClusterIps',
  'serviceExternalIps',
  'serviceLoadBalancerIps',
  'nodeToNodeMeshEnabled',
  'asNumber',
  'listenPort',
  'logSeverityScreen',
];

/**
 * Checks the scope, id and props before `super()`: shapes, ranges and the case-sensitive log level (`logLevel` tag).
 */
function guardBgpConfigurationProps(
  scope: unknown,
  id: unknown,
  props: BgpConfigurationProps | undefined,
): BgpConfigurationProps {
  guardScope(scope, id, 'BgpConfiguration');
  const where = constructWhere(scope, id);
  const p = guardConstructProps(props, where, BGP_CONFIGURATION_KEYS);
  for (const key of ['serviceClusterIps', 'serviceExternalIps', 'serviceLoadBalancerIps'] as const) {
    guardOptionalArray(
      p[key],
      where,
      key,
      (c, f) => guardString(c, where, f, { expected: 'a CIDR such as 10.96.0.0/12' }),
      { of: 'CIDRs' },
    );
  }
  guardOptionalBoolean(p.nodeToNodeMeshEnabled, where, 'nodeToNodeMeshEnabled');
  // AS numbers are 32-bit unsigned (`numorstring.ASNumber`); the listen port a TCP port.
  if (p.asNumber !== undefined) guardInteger(p.asNumber, where, 'asNumber', { min: 0, max: 4294967295 });
  if (p.listenPort !== undefined) guardInteger(p.listenPort, where, 'listenPort', PORT_RANGE);
  guardOptionalEnum(p.logSeverityScreen, LOG_LEVELS, where, 'logSeverityScreen');
  return p;
}

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
  private readonly settings: BgpConfigurationProps;

  public constructor(scope: Construct, id: string, props: BgpConfigurationProps = {}) {
    props = guardBgpConfigurationProps(scope, id, props);
    super(
      scope,
      id,
      {
        kind: 'BGPConfiguration',
        generated: v3.BgpConfiguration,
      },
      { ...props, name: props.name ?? 'default' },
    );
    this.settings = props;
    this.validateNow();
  }

  protected renderSpec(): any {
    const p = this.settings;
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

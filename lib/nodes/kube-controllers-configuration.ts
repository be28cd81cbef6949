import { Construct } from 'constructs';
import * as v3 from '../../imports/calico-projectcalico.org';
import { CalicoObject, CalicoObjectProps } from '../core/calico-object';
import { compact } from '../core/compact';
import { Selector } from '../selector';

/** A template for extra automatic host endpoints (Calico 3.30+; `interfacePattern` 3.31+). */
export interface AutoHostEndpointTemplate {
  /** Name part: endpoints are named `<node>-<generateName>[-<iface>]-auto-hep`. */
  readonly generateName: string;
  /**
   * Nodes the template applies to.
   * @default Selector.all()
   */
  readonly nodeSelector?: Selector;
  /**
   * Only node IPs inside these CIDRs become `expectedIPs`.
   * @default - none
   */
  readonly interfaceCidrs?: string[];
  /**
   * Go regular expression over interface names: one endpoint per matching interface.
   * @default - one endpoint for the CIDR-filtered IPs
   */
  readonly interfacePattern?: string;
  /**
   * Labels added over the node's labels.
   * @default - none
   */
  readonly labels?: { [key: string]: string };
}

/** Automatic host endpoint settings of the node controller. */
export interface AutoHostEndpointsProps {
  /**
   * Create and maintain host endpoints for every node.
   * @default true
   */
  readonly autoCreate?: boolean;
  /**
   * Create the default all-interfaces `<node>-auto-hep` endpoint.
   * @default - not set (Calico treats it as enabled)
   */
  readonly createDefaultHostEndpoint?: boolean;
  /**
   * Extra templated endpoints.
   * @default - none
   */
  readonly templates?: AutoHostEndpointTemplate[];
}

/** Props of {@link KubeControllersConfiguration}. */
export interface KubeControllersConfigurationProps extends CalicoObjectProps {
  /**
   * Automatic host endpoints.
   * @default - not set
   */
  readonly hostEndpoints?: AutoHostEndpointsProps;
  /**
   * Copy Kubernetes node labels to Calico nodes (and so to automatic host endpoints).
   * @default - not set (Calico default Enabled)
   */
  readonly syncLabels?: boolean;
  /**
   * Node controller reconciler period (Go duration, e.g. `5m`).
   * @default - not set (Calico default 5m)
   */
  readonly nodeReconcilerPeriod?: string;
  /**
   * Log level: Debug, Info, Warning, Error or Fatal.
   * @default - not set (Calico default Info)
   */
  readonly logSeverityScreen?: string;
}

const enabled = (b: boolean | undefined): string | undefined => (b === undefined ? undefined : b ? 'Enabled' : 'Disabled');

/**
 * The `KubeControllersConfiguration` named `default` (the only one kube-controllers reads), emitting only the fields
 * you set, so that `kubectl apply --server-side --field-manager=cdk8s-calico` owns just those fields.
 */
export class KubeControllersConfiguration extends CalicoObject {
  private readonly props: KubeControllersConfigurationProps;

  public constructor(scope: Construct, id: string, props: KubeControllersConfigurationProps = {}) {
    super(scope, id, {
      kind: 'KubeControllersConfiguration',
      generated: v3.KubeControllersConfiguration,
    }, { ...props, name: props.name ?? 'default' });
    this.props = props;
    this.validateNow();
  }

  protected renderSpec(): any {
    const p = this.props;
    const hep = p.hostEndpoints;
    const node = compact({
      reconcilerPeriod: p.nodeReconcilerPeriod,
      syncLabels: enabled(p.syncLabels),
      hostEndpoint: hep ? compact({
        autoCreate: enabled(hep.autoCreate ?? true),
        createDefaultHostEndpoint: enabled(hep.createDefaultHostEndpoint),
        templates: hep.templates?.map((t) => compact({
          generateName: t.generateName,
          nodeSelector: t.nodeSelector?.toString(),
          interfaceCIDRs: t.interfaceCidrs ? [...t.interfaceCidrs] : undefined,
          interfacePattern: t.interfacePattern,
          labels: t.labels ? { ...t.labels } : undefined,
        })),
      }) : undefined,
    });
    return compact({ logSeverityScreen: p.logSeverityScreen, controllers: { node } });
  }
}

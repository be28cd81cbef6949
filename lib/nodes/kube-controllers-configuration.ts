import { Construct } from 'constructs';
import * as v3 from '../../imports/calico-projectcalico.org';
import { CalicoObject, CalicoObjectProps } from '../core/calico-object';
import { compact } from '../core/compact';
import {
  constructWhere,
  guardKnownKeys,
  guardObject,
  guardOptionalArray,
  guardOptionalBoolean,
  guardOptionalEnum,
  guardOptionalString,
  guardOptionalStringMap,
  guardScope,
  guardString,
} from '../model/primitives/guard';
import { guardConstructProps, guardNestedProps, METADATA_KEYS } from '../policy/value-guards';
import { Selector } from '../selector';
import { guardOptionalSelector } from '../selector/selector-guard';

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

const KCC_KEYS = [...METADATA_KEYS, 'hostEndpoints', 'syncLabels', 'nodeReconcilerPeriod', 'logSeverityScreen'];
const TEMPLATE_KEYS = ['generateName', 'nodeSelector', 'interfaceCidrs', 'interfacePattern', 'labels'];
/** Log severities kube-controllers accepts, case-sensitive (`KubeControllersConfigurationSpec.LogSeverityScreen`). */
const SEVERITIES = ['Debug', 'Info', 'Warning', 'Error', 'Fatal'] as const;

/**
 * The automatic host endpoint options (`hostEndpoints`, and NodeHostEndpoints.automatic's).
 * @deprecated internal helper that the package root exported by accident; it will leave the public API (no replacement)
 */
export function guardAutoHostEndpoints(
  v: unknown,
  where: string,
  field: string,
  extraKeys: readonly string[] = [],
): void {
  if (v === undefined) return;
  const o = guardNestedProps(v as object, where, field, [
    'autoCreate',
    'createDefaultHostEndpoint',
    'templates',
    ...extraKeys,
  ]) as Record<string, unknown>;
  guardOptionalBoolean(o.autoCreate, where, `${field}.autoCreate`);
  guardOptionalBoolean(o.createDefaultHostEndpoint, where, `${field}.createDefaultHostEndpoint`);
  guardOptionalArray(
    o.templates,
    where,
    `${field}.templates`,
    (t, f) => {
      const x = guardObject(t, where, f, { expected: 'a template { generateName, ... }' });
      guardKnownKeys(x, TEMPLATE_KEYS, where, f);
      guardString(x.generateName, where, `${f}.generateName`);
      guardOptionalSelector(x.nodeSelector, where, `${f}.nodeSelector`);
      guardOptionalArray(
        x.interfaceCidrs,
        where,
        `${f}.interfaceCidrs`,
        (c, cf) => guardString(c, where, cf, { expected: 'a CIDR' }),
        { of: 'CIDRs' },
      );
      guardOptionalString(x.interfacePattern, where, `${f}.interfacePattern`);
      guardOptionalStringMap(x.labels, where, `${f}.labels`);
      return x;
    },
    { of: 'templates' },
  );
}

/** Checks the scope, id and props before `super()`. */
function guardKccProps(
  scope: unknown,
  id: unknown,
  props: KubeControllersConfigurationProps | undefined,
): KubeControllersConfigurationProps {
  guardScope(scope, id, 'KubeControllersConfiguration');
  const where = constructWhere(scope, id);
  const p = guardConstructProps(props, where, KCC_KEYS);
  guardAutoHostEndpoints(p.hostEndpoints, where, 'hostEndpoints');
  guardOptionalBoolean(p.syncLabels, where, 'syncLabels');
  guardOptionalString(p.nodeReconcilerPeriod, where, 'nodeReconcilerPeriod');
  guardOptionalEnum(p.logSeverityScreen, SEVERITIES, where, 'logSeverityScreen');
  return p;
}

const enabled = (b: boolean | undefined): string | undefined =>
  b === undefined ? undefined : b ? 'Enabled' : 'Disabled';

/**
 * The `KubeControllersConfiguration` named `default` (the only one kube-controllers reads), emitting only the fields
 * you set, so that `kubectl apply --server-side --field-manager=cdk8s-calico` owns just those fields.
 */
export class KubeControllersConfiguration extends CalicoObject {
  private readonly settings: KubeControllersConfigurationProps;

  public constructor(scope: Construct, id: string, props: KubeControllersConfigurationProps = {}) {
    props = guardKccProps(scope, id, props);
    super(
      scope,
      id,
      {
        kind: 'KubeControllersConfiguration',
        generated: v3.KubeControllersConfiguration,
      },
      { ...props, name: props.name ?? 'default' },
    );
    this.settings = props;
    this.validateNow();
  }

  protected renderSpec(): any {
    const p = this.settings;
    const hep = p.hostEndpoints;
    const node = compact({
      reconcilerPeriod: p.nodeReconcilerPeriod,
      syncLabels: enabled(p.syncLabels),
      hostEndpoint: hep
        ? compact({
            autoCreate: enabled(hep.autoCreate ?? true),
            createDefaultHostEndpoint: enabled(hep.createDefaultHostEndpoint),
            templates: hep.templates?.map((t) =>
              compact({
                generateName: t.generateName,
                nodeSelector: t.nodeSelector?.toString(),
                interfaceCIDRs: t.interfaceCidrs ? [...t.interfaceCidrs] : undefined,
                interfacePattern: t.interfacePattern,
                labels: t.labels ? { ...t.labels } : undefined,
              }),
            ),
          })
        : undefined,
    });
    return compact({ logSeverityScreen: p.logSeverityScreen, controllers: { node } });
  }
}

/**
 * What {@link ExposedClusterIpService} writes into the user's own Service, decided from the Service's rendered spec
 * and the props: the cluster IP (`deployment.exposeViaService()` takes none, and the policies must name it) and
 * `externalTrafficPolicy` (cdk8s-plus has no such prop). A value the Service already states is read, never
 * overwritten: a different value in the props is an error naming both.
 */
import { boundaryError } from '../model/primitives/guard';
import { parseIp } from '../model/primitives/cidr';
import { ExternalTrafficPolicy } from './external-traffic-policy';

/** The props that concern the Service. @internal */
export interface ServiceChangeRequest {
  /** The construct path, named in errors. */
  readonly where: string;
  /** @default - the Service's own `clusterIP` */
  readonly clusterIp?: string;
  /** @default - the Service's own `externalTrafficPolicy`, else Cluster */
  readonly externalTrafficPolicy?: ExternalTrafficPolicy;
}

/** The decision. @internal */
export interface ServiceChangePlan {
  /** How the Service routes external traffic, so how it is protected. */
  readonly mode: ExternalTrafficPolicy;
  /** `spec.clusterIP` to add (the Service has none). @default - none */
  readonly clusterIp?: string;
  /** `spec.externalTrafficPolicy` to add (an externally accessible Service that states none). @default - none */
  readonly externalTrafficPolicy?: ExternalTrafficPolicy;
}

const MODES: readonly string[] = Object.values(ExternalTrafficPolicy);

/**
 * Whether Kubernetes lets the Service carry `externalTrafficPolicy`: type NodePort or LoadBalancer, or with
 * externalIPs (k8s.io/kubernetes pkg/apis/core/validation.validateServiceExternalTrafficPolicy, "may only be set
 * for externally-accessible services"). @internal
 */
export function isExternallyAccessible(spec: { type?: unknown; externalIPs?: unknown } | undefined): boolean {
  const type = spec?.type ?? 'ClusterIP';
  return (
    type === 'NodePort' || type === 'LoadBalancer' || (Array.isArray(spec?.externalIPs) && spec!.externalIPs.length > 0)
  );
}

/**
 * Plans the changes to a Service construct whose rendered `spec` is given (`undefined` for plain attributes, which
 * are never changed). Throws `[where] field: ...; fix: ...` on a conflict. @internal
 */
export function planServiceChanges(
  spec: { [key: string]: any } | undefined,
  req: ServiceChangeRequest,
): ServiceChangePlan {
  const where = req.where;
  if (spec === undefined) {
    if (req.clusterIp !== undefined) {
      throw boundaryError(
        where,
        'clusterIp',
        'only for a Service construct; fix: put the cluster IP in the attributes (service.clusterIp)',
      );
    }
    return { mode: req.externalTrafficPolicy ?? ExternalTrafficPolicy.CLUSTER };
  }
  let clusterIp: string | undefined;
  if (req.clusterIp !== undefined) {
    const current = spec.clusterIP;
    if (current !== undefined && current !== req.clusterIp) {
      throw boundaryError(where, 'clusterIp', `the Service already has clusterIP ${current}; fix: remove one of them`);
    }
    if (!parseIp(req.clusterIp)) {
      throw boundaryError(
        where,
        'clusterIp',
        `"${req.clusterIp}" is not an IP address; fix: give an address of the service CIDR`,
      );
    }
    if (current === undefined) clusterIp = req.clusterIp;
  }
  const own: unknown = spec.externalTrafficPolicy;
  if (own !== undefined && !MODES.includes(own as string)) {
    throw boundaryError(
      where,
      'service',
      `the Service's spec.externalTrafficPolicy is ${JSON.stringify(own)}, which Kubernetes ` +
        'does not know; fix: set Cluster or Local (or remove it and pass externalTrafficPolicy)',
    );
  }
  if (own !== undefined && req.externalTrafficPolicy !== undefined && own !== req.externalTrafficPolicy) {
    throw boundaryError(
      where,
      'externalTrafficPolicy',
      `${req.externalTrafficPolicy} differs from the Service's own ` +
        `externalTrafficPolicy ${own}; fix: remove one of them`,
    );
  }
  const mode = req.externalTrafficPolicy ?? (own as ExternalTrafficPolicy | undefined) ?? ExternalTrafficPolicy.CLUSTER;
  // Written only where Kubernetes accepts it; a plain ClusterIP Service behaves as Cluster and gets no field.
  const write = isExternallyAccessible(spec) && own === undefined ? mode : undefined;
  return {
    mode,
    ...(clusterIp === undefined ? {} : { clusterIp }),
    ...(write === undefined ? {} : { externalTrafficPolicy: write }),
  };
}

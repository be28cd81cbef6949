/**
 * API versions and well-known labels, profiles and kinds of Calico and Kubernetes, written once. Upstream names are
 * cited where the constant mirrors one.
 */

/** Calico's user-facing API version, the one every object of this library is emitted with. */
export const CALICO_API_VERSION = 'projectcalico.org/v3';

/**
 * Calico's backing CRD API version (libcalico-go `apiv3` stored as `crd.projectcalico.org/v1`); some tools emit it,
 * and readers that look at Calico objects whatever their storage accept both.
 */
export const CALICO_CRD_API_VERSION = 'crd.projectcalico.org/v1';

/** Whether `apiVersion` is one of Calico's two (`projectcalico.org/v3` or the backing `crd.projectcalico.org/v1`). */
export function isCalicoApiVersion(apiVersion: unknown): boolean {
  return apiVersion === CALICO_API_VERSION || apiVersion === CALICO_CRD_API_VERSION;
}

/** Label kube-controllers puts on the host endpoints it owns (kube-controllers `hostendpoints` controller). */
export const CREATED_BY_LABEL = 'projectcalico.org/created-by';

/** The value of {@link CREATED_BY_LABEL} on automatic host endpoints. */
export const CREATED_BY_VALUE = 'calico-kube-controllers';

/** The profile that allows everything; kube-controllers puts it on automatic host endpoints. */
export const DEFAULT_ALLOW_PROFILE = 'projectcalico-default-allow';

/** Label key holding a policy's tier (libcalico-go `apiv3.LabelTier`). */
export const TIER_LABEL = 'projectcalico.org/tier';

/** Label the API server puts on every Namespace (Kubernetes `LabelMetadataName`, since 1.21). */
export const NAMESPACE_NAME_LABEL = 'kubernetes.io/metadata.name';

/** Kinds of `projectcalico.org/v3` that are namespaced; every other v3 kind is cluster-scoped. */
export const NAMESPACED_KINDS: ReadonlySet<string> = new Set([
  'NetworkPolicy',
  'NetworkSet',
  'StagedNetworkPolicy',
  'StagedKubernetesNetworkPolicy',
]);

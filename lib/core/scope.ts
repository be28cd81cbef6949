import { NAMESPACED_KINDS } from '../model/primitives/calico-constants';

/**
 * True when the Calico kind lives in a namespace. Every other projectcalico.org/v3 kind is cluster-scoped and must
 * never carry `metadata.namespace` (cdk8s puts the chart namespace on everything:
 * https://github.com/cdk8s-team/cdk8s-core/issues/731).
 */
export function isNamespacedCalicoKind(kind: string): boolean {
  return NAMESPACED_KINDS.has(kind);
}

/** The API version every object of this library is emitted with. */
export { CALICO_API_VERSION } from '../model/primitives/calico-constants';

import { NAMESPACED_KINDS } from '../validation/rules/names';

/**
 * True when the Calico kind lives in a namespace. Every other projectcalico.org/v3 kind is cluster-scoped and must
 * never carry `metadata.namespace` (cdk8s puts the chart namespace on everything: cdk8s-notes.md §1).
 */
export function isNamespacedCalicoKind(kind: string): boolean {
  return NAMESPACED_KINDS.has(kind);
}

/** The API version every object of this library is emitted with. */
export const CALICO_API_VERSION = 'projectcalico.org/v3';

/**
 * `spec.policyTypes` → Calico `spec.types`: the Kubernetes API server's defaulting, then upstream's mapping.
 */
import { childOf, FieldLocation, formatAt, indexOf } from './errors';
import { optionalList, stringOrEmpty } from './json-fields';
import { refuse } from './strict';

/** A Calico policy type. */
export type CalicoPolicyType = 'Ingress' | 'Egress';

/**
 * The policy types Kubernetes stores: `policyTypes` as written, or, when it is unset or empty, the API server's
 * default (`SetDefaults_NetworkPolicy`): `Ingress`, plus `Egress` when `spec.egress` has at least one rule.
 */
export function defaultedPolicyTypes(spec: Record<string, unknown>, at: FieldLocation): string[] {
  const typesAt = childOf(at, 'policyTypes');
  const written = optionalList(spec.policyTypes, typesAt).map((t, i) => stringOrEmpty(t, indexOf(typesAt, i)));
  if (written.length > 0) return written;
  const egress = optionalList(spec.egress, childOf(at, 'egress'));
  return egress.length > 0 ? ['Ingress', 'Egress'] : ['Ingress'];
}

/**
 * Upstream's mapping: `Ingress` and/or `Egress` (always in that order), unknown values ignored, and `Ingress`
 * when nothing is left. Egress rules under a policy without the `Egress` type are kept but never enforced.
 */
export function calicoPolicyTypes(
  k8sTypes: readonly string[],
  egressRuleCount: number,
  at: FieldLocation,
  problems: string[],
): CalicoPolicyType[] {
  const typesAt = childOf(at, 'policyTypes');
  k8sTypes.forEach((t, i) => {
    if (t !== 'Ingress' && t !== 'Egress') {
      refuse(
        problems,
        indexOf(typesAt, i),
        `unknown policy type ${JSON.stringify(t)}: Kubernetes rejects it; Calico ignores it`,
        `unknown policy type ${JSON.stringify(t)}`,
        'use "Ingress" or "Egress" (case-sensitive)',
      );
    }
  });
  const types: CalicoPolicyType[] = [];
  if (k8sTypes.includes('Ingress')) types.push('Ingress');
  if (k8sTypes.includes('Egress')) {
    types.push('Egress');
  } else if (egressRuleCount > 0) {
    problems.push(
      formatAt(typesAt, "egress rules are present but policyTypes does not include 'Egress': they are never enforced"),
    );
  }
  return types.length > 0 ? types : ['Ingress'];
}

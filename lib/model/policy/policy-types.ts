/**
 * Calico's `spec.types`: which directions a policy governs, as written or as Calico defaults them when empty
 * (projectcalico/calico api/pkg/defaults/networkpolicy.go, run by the API server before a policy is stored).
 */

/** The directions a policy governs (its `spec.types` after defaulting). */
export interface PolicyDirections {
  /** `Ingress` is in the types. */
  readonly ingress: boolean;
  /** `Egress` is in the types. */
  readonly egress: boolean;
}

// Shared and frozen: the view of every policy points at one of these, so reading types allocates nothing.
const INGRESS: PolicyDirections = Object.freeze({ ingress: true, egress: false });
const EGRESS: PolicyDirections = Object.freeze({ ingress: false, egress: true });
const BOTH: PolicyDirections = Object.freeze({ ingress: true, egress: true });

/**
 * The types Calico stores for a policy written without `spec.types` (api/pkg/defaults/networkpolicy.go): egress
 * rules and no ingress rules give `[Egress]`, rules in both directions give `[Ingress, Egress]`, anything else
 * (ingress rules only, or no rules at all: an ingress deny-all) gives `[Ingress]`.
 */
export function defaultPolicyTypes(hasIngressRules: boolean, hasEgressRules: boolean): PolicyDirections {
  if (!hasEgressRules) return INGRESS;
  return hasIngressRules ? BOTH : EGRESS;
}

/**
 * The directions of a policy: its `types` when they name `Ingress` or `Egress` (other values are ignored here;
 * validation refuses them), otherwise {@link defaultPolicyTypes}.
 */
export function policyDirections(
  types: readonly unknown[],
  hasIngressRules: boolean,
  hasEgressRules: boolean,
): PolicyDirections {
  let ingress = false;
  let egress = false;
  for (let i = 0; i < types.length; i++) {
    if (types[i] === 'Ingress') ingress = true;
    else if (types[i] === 'Egress') egress = true;
  }
  if (ingress) return egress ? BOTH : INGRESS;
  return egress ? EGRESS : defaultPolicyTypes(hasIngressRules, hasEgressRules);
}

/**
 * Rules Calico cannot convert, and what it enforces instead (libcalico-go/lib/backend/k8s/conversion/
 * clusternetworkpolicy.go `k8sClusterNetPolHandleFailedRules`): an Accept rule is dropped (it matches nothing), a
 * Deny or Pass rule is replaced in place by an unconditional `{action: Deny}`. That is the upstream fail-closed
 * wording (network-policy-api apis/v1alpha2/clusternetworkpolicy_types.go).
 */

/** One CNP rule Calico could not convert. */
export interface FailedClusterRule {
  /** The rule's direction. */
  readonly direction: 'ingress' | 'egress';
  /** The rule's index in `spec.ingress` / `spec.egress`. */
  readonly index: number;
  /** The rule's `name`, when it has one. */
  readonly name?: string;
  /** The CNP action as written. */
  readonly action: string;
  /** The field that made the rule fail, e.g. `spec.egress[2].to[1]`. */
  readonly field: string;
  /** Why Calico cannot convert it, e.g. `nodes peers are not supported by Calico 3.32`. */
  readonly reason: string;
  /** `dropped` (Accept, or an unknown action) or `deny-all` (Deny/Pass, replaced in place by `{action: Deny}`). */
  readonly outcome: 'dropped' | 'deny-all';
}

/** Thrown inside the conversion of one rule: the rule fails (upstream returns an error for it). */
export class FailedRuleError extends Error {
  /**
   * @param field the offending field's path
   * @param reason why Calico cannot convert it
   */
  constructor(
    readonly field: string,
    readonly reason: string,
  ) {
    super(`${field}: ${reason}`);
    this.name = 'FailedRuleError';
  }
}

/** The Calico rule that replaces a failed rule with action `action`, or `undefined` when it is dropped. */
export function failClosedRule(action: string): { action: 'Deny' } | undefined {
  return action === 'Deny' || action === 'Pass' ? { action: 'Deny' } : undefined;
}

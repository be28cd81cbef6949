/** What a Calico rule does with a matching packet. */
export enum Action {
  /** Accept; no later tier or profile is evaluated. */
  ALLOW = 'Allow',
  /** Drop. */
  DENY = 'Deny',
  /** Log and carry on with the next rule (non-terminal). */
  LOG = 'Log',
  /** Skip the rest of this tier: continue with the next tier, then the profiles. */
  PASS = 'Pass',
}

/** The policy directions (`spec.types`). */
export enum PolicyType {
  /** Traffic to the selected endpoints. */
  INGRESS = 'Ingress',
  /** Traffic from the selected endpoints. */
  EGRESS = 'Egress',
}

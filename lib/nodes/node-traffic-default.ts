/** What happens to node traffic that neither the baseline nor your rules decided. */
export enum NodeTrafficDefault {
  /** Allow it (a final Allow-all policy in the pool's tier). */
  ALLOW = 'Allow',
  /** Deny it (a final Deny-all policy in the pool's tier). Failsafe ports stay open. */
  DENY = 'Deny',
  /**
   * Leave it to later tiers: the default tier, then the host endpoint's profiles (automatic host endpoints carry
   * `projectcalico-default-allow`, so PASS means allow for them; explicit ones without profiles deny).
   */
  PASS = 'Pass',
}

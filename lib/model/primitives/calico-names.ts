/**
 * Calico's own name rules on top of the Kubernetes ones (libcalico-go lib/validator/v3/validator.go
 * `nameLabelFmt`, `globalNetworkPolicyNameRegex`, `networkPolicyNameRegex`, `validateTier`).
 */
import { DNS1123_LABEL_FMT, DNS1123_SUBDOMAIN_FMT, DNS1123_SUBDOMAIN_MAX, isDns1123Label } from './kube-names';

/** `globalNetworkPolicyNameRegex` as text, for messages. */
export const GLOBAL_NETWORK_POLICY_NAME_FMT = `(${DNS1123_LABEL_FMT}\\.)?${DNS1123_LABEL_FMT}`;
const GNP_NAME = new RegExp(`^${GLOBAL_NETWORK_POLICY_NAME_FMT}$`);
/** `networkPolicyNameRegex`: `L`, `L.L`, or the reserved prefixes of converted policies. */
const NP_NAME = new RegExp(
  `^((${DNS1123_LABEL_FMT})(\\.${DNS1123_LABEL_FMT})?|((?:knp|ossg)\\.default\\.` + `(${DNS1123_SUBDOMAIN_FMT})))$`,
);

/** Whether `name` matches `globalNetworkPolicyNameRegex`, whatever its length. */
export function matchesGlobalNetworkPolicyNamePattern(name: string): boolean {
  return GNP_NAME.test(name);
}

/** Whether `name` matches `networkPolicyNameRegex`, whatever its length. */
export function matchesNetworkPolicyNamePattern(name: string): boolean {
  return NP_NAME.test(name);
}

/** (Staged)GlobalNetworkPolicy name: `^(L\.)?L$`, at most 253 characters. */
export function isGlobalNetworkPolicyName(s: unknown): boolean {
  return typeof s === 'string' && s.length <= DNS1123_SUBDOMAIN_MAX && GNP_NAME.test(s);
}

/** (Staged)NetworkPolicy name: `L`, `L.L`, or `knp.default.<subdomain>` / `ossg.default.<subdomain>`. */
export function isNetworkPolicyName(s: unknown): boolean {
  return typeof s === 'string' && s.length <= DNS1123_SUBDOMAIN_MAX && NP_NAME.test(s);
}

/** Tier name: DNS-1123 label of at most 63 characters (`validateTier`). */
export function isTierName(s: unknown): boolean {
  return isDns1123Label(s);
}

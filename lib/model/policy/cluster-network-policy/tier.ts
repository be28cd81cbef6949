/**
 * CNP `spec.tier` → Calico tier (libcalico-go/lib/backend/k8s/conversion/clusternetworkpolicy.go
 * `clusterNetworkPolicyTier`).
 */
import { KUBE_ADMIN_TIER, KUBE_BASELINE_TIER } from './constants';

/** `kube-admin` for `Admin`, `kube-baseline` for `Baseline` (case-sensitive), `undefined` otherwise (a tombstone). */
export function clusterNetworkPolicyTier(tier: unknown): string | undefined {
  if (tier === 'Admin') return KUBE_ADMIN_TIER;
  if (tier === 'Baseline') return KUBE_BASELINE_TIER;
  return undefined;
}

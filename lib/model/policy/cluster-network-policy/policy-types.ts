/**
 * The `types` of a converted CNP (libcalico-go/lib/backend/k8s/conversion/clusternetworkpolicy.go
 * `clusterNetPolicyTypes`): a direction is listed only when it has rules, since kube-admin and kube-baseline end in
 * Pass and being selected must not isolate a pod ("no implicit isolation").
 */
import { CalicoPolicyType } from '../kubernetes/policy-types';

/** `Ingress` when there are ingress rules, `Egress` when there are egress rules. */
export function clusterNetworkPolicyTypes(ingressRules: number, egressRules: number): CalicoPolicyType[] {
  const types: CalicoPolicyType[] = [];
  if (ingressRules > 0) types.push('Ingress');
  if (egressRules > 0) types.push('Egress');
  return types;
}

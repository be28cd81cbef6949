/**
 * CNP rule action → Calico rule action (libcalico-go/lib/backend/k8s/conversion/clusternetworkpolicy.go
 * `K8sClusterNetworkPolicyActionToCalico`): Accept → Allow, Deny and Pass unchanged, anything else fails the rule.
 */
import { FailedRuleError } from './failed-rule';

/** A Calico rule action a CNP rule converts to. */
export type ClusterRuleCalicoAction = 'Allow' | 'Deny' | 'Pass';

/**
 * The Calico action of a CNP action.
 * @throws FailedRuleError for any other action (upstream: "unsupported cluster network policy action X")
 */
export function clusterNetworkPolicyActionToCalico(action: string, field: string): ClusterRuleCalicoAction {
  switch (action) {
    case 'Accept':
      return 'Allow';
    case 'Deny':
    case 'Pass':
      return action;
    default:
      throw new FailedRuleError(field, `unsupported cluster network policy action ${JSON.stringify(action)}`);
  }
}

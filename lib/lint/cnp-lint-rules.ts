/**
 * The ClusterNetworkPolicy lint rules (cluster-network-policy-lint.ts), by id, with what each catches; severities are
 * in lint-rules.ts.
 */
export const CLUSTER_NETWORK_POLICY_LINT_RULES = {
  'cnp.shadowed-rule':
    "A ClusterNetworkPolicy rule that can never match: an earlier rule of the same policy, an earlier policy of the same tier (lower priority, or equal and first by Calico's name tie-break) or an Admin policy already decides all its traffic for the same pods.",
  'cnp.pass-to-nothing':
    "A ClusterNetworkPolicy Pass that no later tier decides for its pods (no NetworkPolicy, Calico policy or Baseline selects them): it ends in the namespace profile's allow, so Accept would state the intent.",
  'cnp.priority-tie':
    'Two ClusterNetworkPolicies of one tier at the same priority whose subjects and rules may meet with different actions: upstream lets either win, Calico runs the one whose name sorts first (felix PolKVLess).',
  'cnp.fails-closed':
    'What Calico 3.32.1 cannot enforce as written: nodes/domainNames peers and bad named ports (an Accept rule is dropped, a Deny/Pass rule denies everything), selector operators it drops (the selection broadens), tombstones.',
  'cnp.baseline-overridden':
    "A Baseline ClusterNetworkPolicy's Accept or Pass rules never run for pods a NetworkPolicy (or a Calico policy of a tier ending in Deny) selects: that traffic is decided there instead.",
  'cnp.baseline-deny-overridden':
    'A Baseline ClusterNetworkPolicy\'s Deny rules are overridden for pods a NetworkPolicy selects: the intended "namespaces may override" pattern, named for the record.',
  'cnp.preempted-by-tier':
    'A Calico Tier ordered before kube-admin (order < 1000) whose policies select the pods of Admin ClusterNetworkPolicies: its decisions pre-empt the guardrails.',
} as const;

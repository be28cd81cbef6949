/**
 * The rule ids of ClusterNetworkPolicy validation beyond the CRD's schema (`schema.*`) and CEL rules (`cel`), with a
 * one-line description each. Ids are stable: tools and tests match on them.
 */
export const CLUSTER_NETWORK_POLICY_RULES = {
  'cnp.api-version':
    'A ClusterNetworkPolicy whose apiVersion is not policy.networking.k8s.io/v1alpha2 (the only version of ' +
    'network-policy-api v0.2.0, which Calico 3.32.1 installs).',
  'cnp.retired-kind':
    'An AdminNetworkPolicy or BaselineAdminNetworkPolicy (policy.networking.k8s.io/v1alpha1): Calico 3.32 no longer ' +
    'enforces them (projectcalico/calico#11144); rewrite as ClusterNetworkPolicy tier Admin or Baseline.',
  'cnp.calico.unsupported-peer':
    'An egress peer Calico 3.32 cannot convert (nodes, domainNames: experimental channel): the rule fails closed ' +
    '(libcalico-go conversion/clusternetworkpolicy.go combinePortsWithCNPEgressPeers).',
  'cnp.calico.named-port':
    'A destinationNamedPort outside ^[a-zA-Z0-9_.-]{1,128}$ (numorstring.NamedPort): the CRD accepts it, Calico ' +
    'fails the rule closed.',
  'cnp.calico.fail-closed': 'Any other rule Calico 3.32 cannot convert: an Accept rule is dropped, Deny/Pass deny all.',
  'cnp.calico.selector':
    'A label selector Calico converts to something broader or other than written: an unknown operator is dropped, ' +
    'In/NotIn without values matches the empty value (k8sSelectorToCalico).',
  'cnp.calico.conversion': 'Any other finding of the Calico conversion (clusterNetworkPolicyToCalico problems).',
} as const;

/** A ClusterNetworkPolicy rule id. */
export type ClusterNetworkPolicyRuleId = keyof typeof CLUSTER_NETWORK_POLICY_RULES;

/**
 * Every rule id emitted by the Calico rule modules, with a one-line description. Ids are stable: tools and
 * tests match on them. Descriptions name the upstream source where there is one
 * (`libcalico-go/lib/validator/v3/validator.go` unless stated otherwise).
 */
export const CALICO_RULES = {
  // ---- generic -------------------------------------------------------------------------------------------
  'calico.field.type': 'A field has the wrong JSON type (string/number/array/object expected).',
  'calico.field.duration': 'A duration field does not parse as a Go duration (e.g. "90s", "5m", "1h30m").',
  'calico.selector.syntax': 'A selector does not parse (libcalico-go selector parser).',

  // ---- metadata / names (validator.go validateObjectMeta) ---------------------------------------------------
  'calico.meta.name-required': 'metadata.name is missing or empty.',
  'calico.name.too-long': 'metadata.name is longer than 253 characters (validateObjectMeta).',
  'calico.name.invalid': 'metadata.name is not a DNS-1123 subdomain (validateObjectMeta).',
  'calico.name.gnp-dots': '(Staged)GlobalNetworkPolicy name must match ^(L\\.)?L$ (at most one dot).',
  'calico.name.np-format': '(Staged)NetworkPolicy name must be L, L.L, or knp.default./ossg.default. + subdomain.',
  'calico.name.tier': 'Tier name must be a DNS-1123 label of at most 63 characters (validateTier).',
  'calico.name.kcc-default': 'KubeControllersConfiguration must be named "default" (only that object is read).',
  'calico.meta.namespace-forbidden': 'A cluster-scoped kind carries metadata.namespace.',
  'calico.meta.namespace-required': 'A namespaced kind has no metadata.namespace.',
  'calico.meta.namespace-invalid': 'metadata.namespace is not a DNS-1123 label.',
  'calico.meta.label-key': 'A label key is not a Kubernetes qualified name.',
  'calico.meta.label-value': 'A label value is not a valid Kubernetes label value.',
  'calico.meta.annotation-key': 'An annotation key (lowercased) is not a qualified name.',
  'calico.meta.annotations-too-large': 'Annotations keys+values exceed 256 KiB.',

  // ---- policies (validator.go validate*PolicySpec, policy CRD CEL) ------------------------------------------
  'calico.policy.tier-invalid': 'spec.tier is not a valid tier name (DNS-1123 label).',
  'calico.policy.tier-label': 'Label projectcalico.org/tier differs from spec.tier (or "default").',
  'calico.policy.types-invalid': 'A spec.types entry is not Ingress or Egress.',
  'calico.policy.types-duplicate': 'A spec.types entry is given more than once.',
  'calico.policy.performance-hint-invalid': 'A performanceHints entry is not AssumeNeededOnEveryNode.',
  'calico.policy.performance-hint-duplicate': 'A performanceHints entry is given more than once.',
  'calico.policy.selector-global':
    'global() used in spec.selector, spec.serviceAccountSelector or GNP spec.namespaceSelector.',
  'calico.policy.gnp-only-field': 'preDNAT/doNotTrack/applyOnForward set on a namespaced policy (GNP/SGNP only).',
  'calico.policy.prednat-donottrack': 'preDNAT and doNotTrack are both true.',
  'calico.policy.prednat-egress-rules': 'A preDNAT policy has egress rules.',
  'calico.policy.prednat-egress-type': 'A preDNAT policy lists Egress in types.',
  'calico.policy.apply-on-forward': 'applyOnForward is not true although preDNAT or doNotTrack is.',
  'calico.policy.services-egress-source': 'services used in an egress rule source.',
  'calico.policy.services-ingress-destination': 'services used in an ingress rule destination.',
  'calico.policy.gnp-services-namespace': 'services in a (Staged)GlobalNetworkPolicy rule has no namespace.',
  'calico.policy.http-egress': 'HTTP match used in an egress rule.',
  'calico.staged.action': 'spec.stagedAction is not Set, Delete, Learn or Ignore.',
  'calico.staged.delete-not-empty': 'A staged policy with stagedAction Delete has spec fields other than tier.',
  'calico.sknp.conversion':
    'A StagedKubernetesNetworkPolicy cannot be converted (bad ipBlock, label selector or port).',

  // ---- tiers (validator.go validateTier, Tier CRD CEL) ------------------------------------------------------
  'calico.tier.default-action': 'Tier spec.defaultAction is not Deny or Pass.',
  'calico.tier.builtin-action': 'A built-in tier (default, kube-admin, kube-baseline) has the wrong defaultAction.',
  'calico.tier.builtin-order': 'A built-in tier (default, kube-admin, kube-baseline) has the wrong order.',

  // ---- rules (validator.go validateRule, validateEntityRule) ------------------------------------------------
  'calico.rule.action': 'Rule action is missing or not Allow, Deny, Log or Pass.',
  'calico.rule.protocol-name': 'protocol/notProtocol is not TCP, UDP, ICMP, ICMPv6, SCTP, UDPLite or 1–255.',
  'calico.rule.protocol-number': 'protocol/notProtocol number is 0 or outside 1–255.',
  'calico.rule.ports-need-protocol': 'Numeric port or range used without protocol.',
  'calico.rule.protocol-no-ports': 'Ports used with a protocol that has no ports (only TCP, UDP, SCTP do).',
  'calico.rule.port-syntax': 'A port is neither a number, "min:max" nor a port name.',
  'calico.rule.port-range': 'A port number or range is outside 1–65535 or has min > max.',
  'calico.rule.port-name': 'A named port is not a valid IANA service name (1–15 chars, a-z0-9-, one letter).',
  'calico.rule.icmp-protocol': 'icmp set without protocol ICMP or ICMPv6.',
  'calico.rule.icmp-range': 'icmp/notICMP type outside 0–254 or code outside 0–255.',
  'calico.rule.icmp-code-without-type': 'icmp/notICMP code given without a type.',
  'calico.rule.ip-version': 'ipVersion is not 4 or 6.',
  'calico.rule.icmp-ip-version': 'ipVersion contradicts protocol ICMP (4) or ICMPv6 (6).',
  'calico.rule.net-invalid': 'A nets/notNets entry is not a CIDR (bare IPs are rejected).',
  'calico.rule.net-not-strict': 'A nets/notNets CIDR has host bits set (not strictly masked).',
  'calico.rule.net-family': 'A nets/notNets CIDR family differs from ipVersion.',
  'calico.rule.net-mixed-family': 'A rule mixes IPv4 and IPv6 CIDRs.',
  'calico.rule.not-nets-catch-all': 'notNets contains 0.0.0.0/0 or ::/0 (matches nothing).',
  'calico.rule.http-action': 'HTTP match on a rule whose action is not Allow.',
  'calico.rule.http-protocol': 'HTTP match with a protocol other than TCP.',
  'calico.rule.http-methods-duplicate': 'HTTP methods contain duplicates.',
  'calico.rule.http-path': 'HTTP path must set exactly one of exact/prefix, start with / and contain no ?, # or space.',
  'calico.rule.services-ports': 'destination.services combined with destination.ports/notPorts.',
  'calico.rule.selector-global': 'global() used in an EntityRule selector or notSelector.',
  'calico.rule.namespace-selector-global':
    'global() combined with other expressions in an EntityRule namespaceSelector.',
  'calico.rule.services-name-required': 'services without a name.',
  'calico.rule.services-combined':
    'services combined with namespaceSelector, selector/notSelector, serviceAccounts or nets/notNets.',
  'calico.rule.services-name-invalid': 'services name/namespace is not a valid DNS name.',

  // ---- host endpoints (validator.go validateHostEndpointSpec) -----------------------------------------------
  'calico.hep.node-required': 'HostEndpoint spec.node is missing.',
  'calico.hep.node-invalid': 'HostEndpoint spec.node is not a valid node name (DNS subdomain, ≤253).',
  'calico.hep.interface-or-ips': 'HostEndpoint has neither interfaceName nor expectedIPs.',
  'calico.hep.interface-name': 'HostEndpoint interfaceName is not "*" or ^[a-zA-Z0-9_.-]{1,15}$.',
  'calico.hep.expected-ip': 'HostEndpoint expectedIPs entry is not a plain IP address.',
  'calico.hep.port-protocol': 'HostEndpoint port protocol is not TCP, UDP or SCTP.',
  'calico.hep.port-number': 'HostEndpoint port number outside 1–65535.',
  'calico.hep.port-name': 'HostEndpoint port name is not a valid port name.',
  'calico.hep.profile-name': 'HostEndpoint profile name is not a valid name.',
  'calico.hep.created-by-label':
    'User-authored HostEndpoint carries projectcalico.org/created-by=calico-kube-controllers.',

  // ---- network sets (validator.go validate(Global)NetworkSet) -----------------------------------------------
  'calico.netset.namespace-label': '(Global)NetworkSet uses the reserved label key projectcalico.org/namespace.',
  'calico.netset.net-invalid': '(Global)NetworkSet nets entry is not a CIDR or IP address.',

  // ---- IP pools (validator.go validateIPPoolSpec, clientv3 ippool.go) ---------------------------------------
  'calico.ippool.cidr-required': 'IPPool spec.cidr is missing.',
  'calico.ippool.cidr-invalid': 'IPPool spec.cidr does not parse.',
  'calico.ippool.cidr-not-strict': 'IPPool spec.cidr is not strictly masked.',
  'calico.ippool.link-local': 'IPPool CIDR overlaps 169.254.0.0/16 or fe80::/10.',
  'calico.ippool.block-size': 'IPPool blockSize outside 20–32 (IPv4) or 116–128 (IPv6).',
  'calico.ippool.too-small': 'Enabled IPPool prefix is longer than its blockSize.',
  'calico.ippool.ipip-ipv6': 'IPIP enabled on an IPv6 pool.',
  'calico.ippool.ipip-and-vxlan': 'IPIP and VXLAN both enabled.',
  'calico.ippool.lb-encapsulation': 'LoadBalancer pool with IPIP or VXLAN enabled.',
  'calico.ippool.lb-combined-uses': 'LoadBalancer combined with Workload or Tunnel in allowedUses.',
  'calico.ippool.lb-node-selector': 'LoadBalancer pool with a nodeSelector other than all().',
  'calico.ippool.lb-bgp-export': 'LoadBalancer pool with disableBGPExport: true.',
  'calico.ippool.tunnel-namespace-selector': 'Tunnel in allowedUses together with a namespaceSelector.',
  'calico.ippool.selector-global': 'global() in IPPool nodeSelector or namespaceSelector.',
  'calico.ippool.allowed-use': 'Unknown allowedUses value.',
  'calico.ippool.overlap': 'Two IPPools overlap (cross-object).',
  'calico.ipreservation.cidr': 'IPReservation reservedCIDRs entry is not a CIDR or IP address.',
  'calico.object.duplicate': 'Two objects share kind, namespace and name (cross-object).',

  // ---- KubeControllersConfiguration (validator.go, kube-controllers config) ---------------------------------
  'calico.kcc.log-severity': 'logSeverityScreen is not one of Debug, Info, Warning, Error, Fatal.',
  'calico.kcc.port': 'prometheusMetricsPort/debugProfilePort outside 0–65535.',
  'calico.kcc.create-default-hep': 'createDefaultHostEndpoint is not Enabled or Disabled.',
  'calico.kcc.template-generate-name': 'Host endpoint template generateName is not a DNS subdomain ≤253.',
  'calico.kcc.template-cidr': 'Host endpoint template interfaceCIDRs entry is not a CIDR or IP.',
  'calico.kcc.template-interface-pattern': 'Host endpoint template interfacePattern is not a valid (Go RE2) regex.',
  'calico.kcc.template-name-required': 'Host endpoint template has no generateName (clientv3 validateAndFillDefaults).',
  'calico.kcc.template-name-unique': 'Two host endpoint templates share a generateName.',
  'calico.kcc.template-interfaces': 'Host endpoint template has neither interfaceCIDRs nor interfacePattern.',

  // ---- BGP (validator.go validateBGPConfigurationSpec, validateBGPPeerSpec) ---------------------------------
  'calico.bgp.service-cidr': 'BGPConfiguration service CIDR is invalid or not strictly masked.',
  'calico.bgp.default-only-field':
    'nodeToNodeMeshEnabled, asNumber, service CIDRs or node-mesh settings on a BGPConfiguration not named "default".',
  'calico.bgp.log-severity':
    'BGPConfiguration logSeverityScreen is not one of Trace, Debug, Info, Warning, Error, Fatal (case-sensitive).',
  'calico.bgp.community-name': 'A spec.communities entry has no name or a name that is not a lowercase DNS subdomain.',
  'calico.bgp.prefix-communities': 'A prefixAdvertisements entry has no communities list.',
  'calico.bgp.community-value': 'Community value is not aa:nn (16-bit) or aa:nn:mm (32-bit).',
  'calico.bgp.community-undefined': 'prefixAdvertisements community is neither a literal nor a defined name.',
  'calico.bgp.communities-unused': 'communities defined without any prefixAdvertisements.',
  'calico.bgp.prefix-cidr': 'prefixAdvertisements cidr is missing, invalid or not strictly masked.',
  'calico.bgp.mesh-disabled': 'nodeMeshPassword/nodeMeshMaxRestartTime set while nodeToNodeMeshEnabled is false.',
  'calico.bgp.listen-port': 'listenPort outside 1–65535.',
  'calico.bgp.as-number': 'AS number is not a 32-bit unsigned number (or dotted a.b form).',
  'calico.bgp.ignored-interface': 'ignoredInterfaces entry is not a valid interface name pattern.',
  'calico.bgp.local-workload-peering-ip': 'localWorkloadPeeringIPV4/IPV6 is not an address of that family.',
  'calico.bgppeer.peer-ip': 'BGPPeer peerIP is not <IP>, <IPv4>:<port> or [<IPv6>]:<port>.',
  'calico.bgppeer.node-name': 'BGPPeer node is not a valid node name.',
  'calico.bgppeer.node-and-selector': 'BGPPeer sets both node and nodeSelector.',
  'calico.bgppeer.peer-ip-and-selector': 'BGPPeer sets both peerIP and peerSelector.',
  'calico.bgppeer.as-number-and-selector': 'BGPPeer sets asNumber together with peerSelector.',
  'calico.bgppeer.local-workload-selector':
    'BGPPeer localWorkloadSelector with peerIP/peerSelector or without asNumber.',
  'calico.bgppeer.reachable-by': 'BGPPeer reachableBy invalid, without peerIP, or of another family.',
  'calico.bgppeer.keep-original-next-hop': 'BGPPeer keepOriginalNextHop: true together with nextHopMode.',
  'calico.bgpfilter.cidr': "BGPFilter rule cidr is not a strictly masked network of the list's family (netv4/netv6).",
  'calico.bgpfilter.match':
    'BGPFilter rule sets cidr without matchOperator, or matchOperator/prefixLength without cidr.',
  'calico.bgpfilter.prefix-length': 'BGPFilter rule prefixLength min/max outside 0–32 (IPv4) or 0–128 (IPv6).',
  'calico.bgpfilter.interface': 'BGPFilter rule interface is not "*" or ^[a-zA-Z0-9_.*-]{1,15}$.',

  // ---- FelixConfiguration (validator.go validateFelixConfigSpec) --------------------------------------------
  'calico.felix.route-table-exclusive': 'routeTableRange and routeTableRanges are both set.',
  'calico.felix.route-table-range': 'routeTableRange(s) bounds invalid.',
  'calico.felix.node-port-ranges': 'kubeNodePortRanges has more than 7 entries, named ports or bad ranges.',
  'calico.felix.nat-outgoing-address': 'natOutgoingAddress is not an IPv4 address.',
  'calico.felix.device-route-source-address': 'deviceRouteSourceAddress(IPv6) is not an address of the right family.',
  'calico.felix.log-prefix': 'logPrefix contains characters other than alphanumerics, %, :, /, _, - and space.',
  'calico.felix.node-selector-forbidden': 'nodeSelector set on the "default" or a "node.*" FelixConfiguration.',
  'calico.felix.failsafe-protocol': 'Failsafe ProtoPort protocol is not TCP, UDP or SCTP.',
  'calico.felix.failsafe-port': 'Failsafe ProtoPort port missing or outside 0–65535.',
  'calico.felix.failsafe-net': 'Failsafe ProtoPort net is not a CIDR or IP.',
  'calico.felix.openstack-region': 'openstackRegion is not a DNS label of at most 46 characters.',
  'calico.felix.health-timeout-override': 'healthTimeoutOverrides entry has a bad name or a negative timeout.',
  'calico.felix.enum':
    "A Felix enum field (log severities, actions, backends, BPF modes) is not in the validator's exact, case-sensitive set.",
  'calico.felix.range':
    "A Felix integer field is outside the validator's bounds (ports, priorities, GC knobs, uint32 mark masks).",
  'calico.felix.regexp': 'A Felix regexp field (logDebugFilenameRegex, *IfacePattern, ...) is not a valid Go regexp.',
  'calico.felix.interface':
    'A Felix interface name or filter (wireguardInterfaceName, iptablesNATOutgoingInterfaceFilter, ...) is invalid.',
  'calico.felix.prometheus-host': 'prometheusMetricsHost does not match ^[a-zA-Z0-9:._+-]{1,64}$.',
  'calico.felix.cidrs': 'A Felix CIDR list entry is invalid (externalNodesList: IPv4 only).',
} as const;

/** A Calico rule id. */
export type CalicoRuleId = keyof typeof CALICO_RULES;

/** All rule ids, in declaration order. */
export const CALICO_RULE_IDS: readonly CalicoRuleId[] = Object.keys(CALICO_RULES) as CalicoRuleId[];

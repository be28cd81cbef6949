// Calico objects that upstream refuses (libcalico-go v3 validator, clientv3 defaulting-then-validation, the CRD CEL
// rules) and that validateManifests must refuse too, each at the field with a fix. Many were accepted before issue 11
// (case-sensitive enums, default-only BGP fields, host endpoint templates, prefix advertisements, IPv4-mapped CIDRs).
import { validateManifests } from '../../../lib/validation';
import { BadInput, Outcome } from '../harness';

type Obj = Record<string, unknown>;

function calico(kind: string, name: string, spec: Obj, namespace?: string): Obj {
  return { apiVersion: 'projectcalico.org/v3', kind, metadata: namespace ? { name, namespace } : { name }, spec };
}

const felix = (spec: Obj, name = 'default') => calico('FelixConfiguration', name, spec);
const bgp = (spec: Obj, name = 'default') => calico('BGPConfiguration', name, spec);
const peer = (spec: Obj) => calico('BGPPeer', 'rr', spec);
const gnp = (spec: Obj) => calico('GlobalNetworkPolicy', 'allow-web', { selector: 'all()', ...spec });
const ingress = (rule: Obj) => gnp({ ingress: [rule] });
const tier = (name: string, spec: Obj) => calico('Tier', name, spec);
const pool = (spec: Obj) => calico('IPPool', 'pods', { cidr: '10.244.0.0/16', ...spec });
const hep = (spec: Obj) => calico('HostEndpoint', 'node-1-eth0', { node: 'node-1', interfaceName: 'eth0', ...spec });
const kcc = (hostEndpoint: Obj) =>
  calico('KubeControllersConfiguration', 'default', { controllers: { node: { hostEndpoint } } });
const template = (t: Obj) => kcc({ autoCreate: 'Enabled', templates: [t] });
const TEMPLATE = 'spec.controllers.node.hostEndpoint.templates[0]';

/** A PROBLEM row: `validateManifests([doc])` must report `field` at `where`. */
function row(name: string, doc: Obj, where: string, field: string | RegExp, mentions?: string | RegExp): BadInput {
  return { name, outcome: Outcome.PROBLEM, run: () => validateManifests([doc]), where, field, mentions };
}

export const ROWS: BadInput[] = [
  // ---- log severities: the CRD pattern is (?i), the validator's logLevel regex is case-sensitive
  row(
    'Felix logSeverityScreen in lower case',
    felix({ logSeverityScreen: 'debug' }),
    'spec.logSeverityScreen',
    'logSeverityScreen',
    'use "Debug"',
  ),
  row(
    'Felix logSeverityFile in upper case',
    felix({ logSeverityFile: 'WARNING' }),
    'spec.logSeverityFile',
    'logSeverityFile',
    'use "Warning"',
  ),
  row(
    'Felix logSeveritySys "None" (not a validator level)',
    felix({ logSeveritySys: 'none' }),
    'spec.logSeveritySys',
    'logSeveritySys "none" is not accepted',
    'Trace, Debug',
  ),
  row(
    'Felix logSeverityScreen "Warn"',
    felix({ logSeverityScreen: 'Warn' }),
    'spec.logSeverityScreen',
    'logSeverityScreen "Warn" is not accepted',
    'Warning',
  ),
  row(
    'BGPConfiguration logSeverityScreen in lower case',
    bgp({ logSeverityScreen: 'info' }),
    'spec.logSeverityScreen',
    'logSeverityScreen',
    'use "Info"',
  ),
  row(
    'BGPConfiguration logSeverityScreen "Verbose"',
    bgp({ logSeverityScreen: 'Verbose' }),
    'spec.logSeverityScreen',
    'logSeverityScreen "Verbose" is not accepted',
    'case-sensitive',
  ),
  row(
    'KubeControllersConfiguration logSeverityScreen "Panic"',
    calico('KubeControllersConfiguration', 'default', { logSeverityScreen: 'Panic' }),
    'spec.logSeverityScreen',
    'logSeverityScreen',
    'Calico validator',
  ),

  // ---- other case-sensitive Felix validator enums
  row(
    'Felix iptablesBackend "nft"',
    felix({ iptablesBackend: 'nft' }),
    'spec.iptablesBackend',
    'iptablesBackend "nft" is not accepted',
    'use "NFT"',
  ),
  row(
    'Felix defaultEndpointToHostAction "ACCEPT"',
    felix({ defaultEndpointToHostAction: 'ACCEPT' }),
    'spec.defaultEndpointToHostAction',
    'defaultEndpointToHostAction',
    'use "Accept"',
  ),
  row(
    'Felix iptablesFilterAllowAction "return"',
    felix({ iptablesFilterAllowAction: 'return' }),
    'spec.iptablesFilterAllowAction',
    'iptablesFilterAllowAction',
    'use "Return"',
  ),
  row(
    'Felix iptablesFilterDenyAction "REJECT"',
    felix({ iptablesFilterDenyAction: 'REJECT' }),
    'spec.iptablesFilterDenyAction',
    'iptablesFilterDenyAction',
    'use "Reject"',
  ),
  row(
    'Felix nftablesFilterDenyAction "drop"',
    felix({ nftablesFilterDenyAction: 'drop' }),
    'spec.nftablesFilterDenyAction',
    'nftablesFilterDenyAction',
    'use "Drop"',
  ),
  row(
    'Felix nftablesMangleAllowAction "accept"',
    felix({ nftablesMangleAllowAction: 'accept' }),
    'spec.nftablesMangleAllowAction',
    'nftablesMangleAllowAction',
  ),
  row('Felix bpfLogLevel "debug"', felix({ bpfLogLevel: 'debug' }), 'spec.bpfLogLevel', 'bpfLogLevel', 'use "Debug"'),
  row(
    'Felix bpfExternalServiceMode "dsr"',
    felix({ bpfExternalServiceMode: 'dsr' }),
    'spec.bpfExternalServiceMode',
    'bpfExternalServiceMode',
    'use "DSR"',
  ),
  row(
    'Felix serviceLoopPrevention "drop"',
    felix({ serviceLoopPrevention: 'drop' }),
    'spec.serviceLoopPrevention',
    'serviceLoopPrevention',
    'use "Drop"',
  ),
  row(
    'Felix workloadSourceSpoofing "any"',
    felix({ workloadSourceSpoofing: 'any' }),
    'spec.workloadSourceSpoofing',
    'workloadSourceSpoofing',
    'use "Any"',
  ),

  // ---- Felix bounds, regexps, interface names, CIDR lists
  row(
    'Felix iptablesMarkMask beyond uint32',
    felix({ iptablesMarkMask: 4294967296 }),
    'spec.iptablesMarkMask',
    'iptablesMarkMask',
    '0–4294967295',
  ),
  row('Felix negative nftablesMarkMask', felix({ nftablesMarkMask: -1 }), 'spec.nftablesMarkMask', 'nftablesMarkMask'),
  row(
    'Felix wireguardListeningPort 0',
    felix({ wireguardListeningPort: 0 }),
    'spec.wireguardListeningPort',
    'wireguardListeningPort',
    '1–65535',
  ),
  row('Felix debugPort 70000', felix({ debugPort: 70000 }), 'spec.debugPort', 'debugPort', '0–65535'),
  row(
    'Felix wireguardRoutingRulePriority 32766',
    felix({ wireguardRoutingRulePriority: 32766 }),
    'spec.wireguardRoutingRulePriority',
    'wireguardRoutingRulePriority',
  ),
  row('Felix goGCThreshold -2', felix({ goGCThreshold: -2 }), 'spec.goGCThreshold', 'goGCThreshold', 'at least -1'),
  row(
    'Felix logDebugFilenameRegex with a look-ahead',
    felix({ logDebugFilenameRegex: '^(?!vendor)' }),
    'spec.logDebugFilenameRegex',
    'logDebugFilenameRegex',
    'Go regular expression',
  ),
  row(
    'Felix mtuIfacePattern that does not compile',
    felix({ mtuIfacePattern: '^(eth|ens' }),
    'spec.mtuIfacePattern',
    'mtuIfacePattern',
    'Go regular expression',
  ),
  row(
    'Felix wireguardInterfaceName longer than 15',
    felix({ wireguardInterfaceName: 'wireguard-calico0' }),
    'spec.wireguardInterfaceName',
    'wireguardInterfaceName',
  ),
  row(
    'Felix iptablesNATOutgoingInterfaceFilter with a space',
    felix({ iptablesNATOutgoingInterfaceFilter: 'eth 0' }),
    'spec.iptablesNATOutgoingInterfaceFilter',
    'iptablesNATOutgoingInterfaceFilter',
  ),
  row(
    'Felix bpfLogFilters keyed by a bad interface',
    felix({ bpfLogFilters: { 'eth0;rm': 'tcp' } }),
    'spec.bpfLogFilters.eth0;rm',
    'bpfLogFilters',
  ),
  row(
    'Felix prometheusMetricsHost with a scheme',
    felix({ prometheusMetricsHost: 'http://0.0.0.0' }),
    'spec.prometheusMetricsHost',
    'prometheusMetricsHost',
  ),
  row(
    'Felix externalNodesList with an IPv6 CIDR',
    felix({ externalNodesList: ['fd00::/64'] }),
    'spec.externalNodesList[0]',
    'externalNodesList',
    'IPv4',
  ),
  row(
    'Felix bpfExcludeCIDRsFromNAT with garbage',
    felix({ bpfExcludeCIDRsFromNAT: ['169.254.20.10/33'] }),
    'spec.bpfExcludeCIDRsFromNAT[0]',
    'bpfExcludeCIDRsFromNAT',
  ),
  row(
    'Felix nodeSelector on the default FelixConfiguration',
    felix({ nodeSelector: 'all()' }),
    'spec.nodeSelector',
    'nodeSelector',
    'default',
  ),

  // ---- BGPConfiguration: fields clientv3 allows only on "default" (ValidateDefaultOnlyFields)
  row(
    'per-node BGPConfiguration with asNumber',
    bgp({ asNumber: 65001 }, 'node.worker-1'),
    'spec.asNumber',
    'asNumber',
    'named "default"',
  ),
  row(
    'per-node BGPConfiguration with nodeToNodeMeshEnabled',
    bgp({ nodeToNodeMeshEnabled: true }, 'node.worker-1'),
    'spec.nodeToNodeMeshEnabled',
    'nodeToNodeMeshEnabled',
  ),
  row(
    'per-node BGPConfiguration with serviceClusterIPs',
    bgp({ serviceClusterIPs: [{ cidr: '10.96.0.0/12' }] }, 'node.worker-1'),
    'spec.serviceClusterIPs',
    'serviceClusterIPs',
  ),
  row(
    'per-node BGPConfiguration with serviceExternalIPs',
    bgp({ serviceExternalIPs: [{ cidr: '203.0.113.0/24' }] }, 'node.worker-1'),
    'spec.serviceExternalIPs',
    'serviceExternalIPs',
  ),
  row(
    'per-node BGPConfiguration with serviceLoadBalancerIPs',
    bgp({ serviceLoadBalancerIPs: [{ cidr: '198.51.100.0/24' }] }, 'node.worker-1'),
    'spec.serviceLoadBalancerIPs',
    'serviceLoadBalancerIPs',
  ),
  row(
    'per-node BGPConfiguration with nodeMeshMaxRestartTime',
    bgp({ nodeMeshMaxRestartTime: '120s' }, 'node.worker-1'),
    'spec.nodeMeshMaxRestartTime',
    'nodeMeshMaxRestartTime',
  ),

  // ---- BGPConfiguration communities and prefix advertisements (validateBGPConfigurationSpec)
  row(
    'prefix advertisement naming an undefined community',
    bgp({ prefixAdvertisements: [{ cidr: '10.0.0.0/8', communities: ['no-export'] }] }),
    'spec.prefixAdvertisements[0].communities[0]',
    'communities',
    'not defined',
  ),
  row(
    'prefix advertisement with a 16-bit overflow literal',
    bgp({ prefixAdvertisements: [{ cidr: '10.0.0.0/8', communities: ['65536:1'] }] }),
    'spec.prefixAdvertisements[0].communities[0]',
    'communities',
    '16 bit',
  ),
  row(
    'prefix advertisement with a 32-bit overflow large community',
    bgp({ prefixAdvertisements: [{ cidr: '10.0.0.0/8', communities: ['4294967296:1:1'] }] }),
    'spec.prefixAdvertisements[0].communities[0]',
    'communities',
    '32 bit',
  ),
  row(
    'prefix advertisement with host bits in its CIDR',
    bgp({ prefixAdvertisements: [{ cidr: '10.0.0.1/8', communities: ['65000:1'] }] }),
    'spec.prefixAdvertisements[0].cidr',
    'cidr',
    'strictly masked',
  ),
  row(
    'prefix advertisement without a CIDR',
    bgp({ prefixAdvertisements: [{ communities: ['65000:1'] }] }),
    'spec.prefixAdvertisements[0].cidr',
    'cidr',
    'required',
  ),
  row(
    'prefix advertisement without communities',
    bgp({ prefixAdvertisements: [{ cidr: '10.0.0.0/8' }] }),
    'spec.prefixAdvertisements[0].communities',
    'communities',
    'required',
  ),
  row(
    'communities defined but never advertised',
    bgp({ communities: [{ name: 'c', value: '65000:1' }] }),
    'spec.communities',
    'communities',
    'not used',
  ),
  row(
    'community with an upper-case name',
    bgp({
      communities: [{ name: 'NoExport', value: '65535:65281' }],
      prefixAdvertisements: [{ cidr: '10.0.0.0/8', communities: ['NoExport'] }],
    }),
    'spec.communities[0].name',
    'name',
    'lowercase',
  ),
  row(
    'community value with a 16-bit overflow',
    bgp({
      communities: [{ name: 'c', value: '1:65536' }],
      prefixAdvertisements: [{ cidr: '10.0.0.0/8', communities: ['c'] }],
    }),
    'spec.communities[0].value',
    'value',
    '16 bit',
  ),
  row(
    'node mesh password with the mesh disabled',
    bgp({ nodeToNodeMeshEnabled: false, nodeMeshPassword: { secretKeyRef: { name: 's', key: 'k' } } }),
    'spec.nodeMeshPassword',
    'nodeMeshPassword',
    'nodeToNodeMeshEnabled',
  ),
  row('AS number beyond 32 bits', bgp({ asNumber: 4294967296 }), 'spec.asNumber', 'asNumber', '4294967295'),
  row(
    'BGPPeer localASNumber beyond 32 bits',
    peer({ peerIP: '192.0.2.1', asNumber: 64512, localASNumber: 4294967296 }),
    'spec.localASNumber',
    'localASNumber',
  ),
  row(
    'BGPPeer asNumber with a peerSelector',
    peer({ peerSelector: 'rr == "true"', asNumber: 64512 }),
    'spec.asNumber',
    'ASNumber',
    'PeerSelector',
  ),

  // ---- KubeControllersConfiguration host endpoint templates (clientv3 validateAndFillDefaults + tags)
  row(
    'template without generateName',
    template({ interfaceCIDRs: ['10.0.0.0/8'] }),
    `${TEMPLATE}.generateName`,
    'generateName',
    'must be specified',
  ),
  row(
    'template with neither interfaceCIDRs nor interfacePattern',
    template({ generateName: 'internal' }),
    TEMPLATE,
    'InterfaceCIDRs',
    'InterfacePattern',
  ),
  row(
    'two templates with one generateName',
    kcc({
      templates: [
        { generateName: 'a', interfaceCIDRs: ['10.0.0.0/8'] },
        { generateName: 'a', interfacePattern: '^eth1$' },
      ],
    }),
    'spec.controllers.node.hostEndpoint.templates[1].generateName',
    'generateName',
    'unique',
  ),
  row(
    'template generateName in upper case',
    template({ generateName: 'Internal', interfaceCIDRs: ['10.0.0.0/8'] }),
    `${TEMPLATE}.generateName`,
    'generateName',
    'DNS-1123',
  ),
  row(
    'template interfaceCIDRs entry that is not a CIDR',
    template({ generateName: 'internal', interfaceCIDRs: ['10.0.0/8'] }),
    `${TEMPLATE}.interfaceCIDRs[0]`,
    'interfaceCIDRs',
  ),
  row(
    'template interfacePattern with a back-reference',
    template({ generateName: 'data', interfacePattern: '^(eth)\\1$' }),
    `${TEMPLATE}.interfacePattern`,
    'interfacePattern',
    'Go',
  ),
  row(
    'template nodeSelector that does not parse',
    template({ generateName: 'data', interfaceCIDRs: ['10.0.0.0/8'], nodeSelector: 'role = "edge"' }),
    `${TEMPLATE}.nodeSelector`,
    'nodeSelector',
  ),
  row(
    'template label value with a space',
    template({ generateName: 'data', interfaceCIDRs: ['10.0.0.0/8'], labels: { zone: 'eu west' } }),
    `${TEMPLATE}.labels.zone`,
    'zone',
  ),
  row(
    'createDefaultHostEndpoint in lower case',
    kcc({ createDefaultHostEndpoint: 'enabled' }),
    'spec.controllers.node.hostEndpoint.createDefaultHostEndpoint',
    'createDefaultHostEndpoint',
    'Enabled or Disabled',
  ),

  // ---- tiers (validateTier after DefaultTierFields)
  row(
    'kube-admin tier without an order (filled as 1,000,000)',
    tier('kube-admin', { defaultAction: 'Pass' }),
    'spec.order',
    'order',
    '1000',
  ),
  row('default tier with order 100', tier('default', { order: 100 }), 'spec.order', 'order', '1000000'),
  row(
    'default tier with defaultAction Pass',
    tier('default', { order: 1000000, defaultAction: 'Pass' }),
    'spec.defaultAction',
    'defaultAction',
    'Deny',
  ),
  row(
    'kube-baseline tier without defaultAction (filled as Deny)',
    tier('kube-baseline', { order: 10000000 }),
    'spec.defaultAction',
    'defaultAction',
    'Pass',
  ),

  // ---- IPv4-mapped IPv6 CIDRs read as Go's net.ParseCIDR reads them
  row(
    'rule mixing a mapped IPv4 network with IPv6',
    ingress({ action: 'Allow', source: { nets: ['::ffff:10.0.0.0/104', 'fd00::/64'] } }),
    'spec.ingress[0].source.nets',
    'nets',
    'both IPv4 and IPv6',
  ),
  row(
    'mapped network with ipVersion 6',
    ingress({ action: 'Allow', ipVersion: 6, source: { nets: ['::ffff:10.0.0.0/104'] } }),
    'spec.ingress[0].source.nets',
    'nets',
    "doesn't match",
  ),
  row(
    'mapped network with host bits',
    ingress({ action: 'Allow', source: { nets: ['::ffff:10.0.0.1/104'] } }),
    'spec.ingress[0].source.nets[0]',
    'nets',
    '10.0.0.0/8',
  ),
  row(
    'IPPool whose mapped CIDR has host bits (Go reads 10.244.0.1/16)',
    pool({ cidr: '::ffff:10.244.0.1/112' }),
    'spec.cidr',
    'cidr',
    '10.244.0.0/16',
  ),
  row(
    'IPPool ::/80 written as ::ffff:0:0/80 is IPv6 to Go, so IPIP is refused',
    pool({ cidr: '::ffff:0:0/80', ipipMode: 'Always' }),
    'spec.ipipMode',
    'ipipMode',
    'IPv6',
  ),
  row(
    'Felix natOutgoingAddress that is IPv6',
    felix({ natOutgoingAddress: 'fd00::1' }),
    'spec.natOutgoingAddress',
    'natOutgoingAddress',
    'IPv4',
  ),
  row(
    'HostEndpoint expectedIPs entry written as a CIDR',
    hep({ expectedIPs: ['::ffff:10.0.0.5/128'] }),
    'spec.expectedIPs[0]',
    'expectedIPs',
    'CIDRs are not allowed',
  ),

  row(
    'IPReservation entry that is not a CIDR',
    calico('IPReservation', 'reserved', { reservedCIDRs: ['10.244.0.0/16', 'gateway'] }),
    'spec.reservedCIDRs[1]',
    'reservedCIDRs',
    'not a valid CIDR',
  ),

  // ---- BGPFilter (validateBGPFilterRule, netv4/netv6, bgpFilterInterface)
  row(
    'BGPFilter IPv6 CIDR in exportV4',
    calico('BGPFilter', 'f', { exportV4: [{ action: 'Accept', cidr: 'fd00::/8', matchOperator: 'In' }] }),
    'spec.exportV4[0].cidr',
    'cidr',
    'IPv4',
  ),
  row(
    'BGPFilter CIDR with host bits',
    calico('BGPFilter', 'f', { importV6: [{ action: 'Reject', cidr: 'fd00::1/8', matchOperator: 'In' }] }),
    'spec.importV6[0].cidr',
    'cidr',
    'fd00::/8',
  ),
  row(
    'BGPFilter matchOperator without a CIDR',
    calico('BGPFilter', 'f', { importV4: [{ action: 'Reject', matchOperator: 'In' }] }),
    'spec.importV4[0].cidr',
    'CIDR',
    'MatchOperator',
  ),
  row(
    'BGPFilter prefixLength without a CIDR',
    calico('BGPFilter', 'f', { exportV6: [{ action: 'Accept', prefixLength: { min: 48 } }] }),
    'spec.exportV6[0].prefixLength',
    'PrefixLength',
  ),
  row(
    'BGPFilter interface longer than 15',
    calico('BGPFilter', 'f', { exportV4: [{ action: 'Accept', interface: 'ethernet-uplink-0' }] }),
    'spec.exportV4[0].interface',
    'interface',
  ),
  row(
    'mapped deviceRouteSourceAddressIPv6 is IPv4 to Go',
    felix({ deviceRouteSourceAddressIPv6: '::ffff:10.0.0.1' }),
    'spec.deviceRouteSourceAddressIPv6',
    'deviceRouteSourceAddressIPv6',
    'IPv6',
  ),
  row(
    'mapped localWorkloadPeeringIPV6 is IPv4 to Go',
    bgp({ localWorkloadPeeringIPV6: '::ffff:169.254.0.1' }),
    'spec.localWorkloadPeeringIPV6',
    'localWorkloadPeeringIPV6',
    'IPv6',
  ),
  row(
    'BGPPeer reachableBy of another family than a mapped peerIP',
    peer({ peerIP: '::ffff:192.0.2.1', asNumber: 64512, reachableBy: 'fd00::1' }),
    'spec.reachableBy',
    'ReachableBy',
    'family',
  ),

  // ---- deep selectors still report real syntax errors
  row(
    'selector nested 1,000 deep with an unclosed parenthesis',
    gnp({ selector: '('.repeat(1000) + 'a == "b"' + ')'.repeat(999) }),
    'spec.selector',
    'selector',
    'expected )',
  ),
  row(
    'selector nested 1,000 deep with a single "="',
    gnp({ selector: '!('.repeat(1000) + 'a = "b"' + ')'.repeat(1000) }),
    'spec.selector',
    'selector',
  ),
];

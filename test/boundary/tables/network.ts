// Mistakes with the network constructs (IpPool and its presets, NetworkSet, GlobalNetworkSet, BgpConfiguration,
// BgpPeer, FelixConfiguration's typed props, FlannelNetwork and FlannelBackend), as plain-JavaScript and YAML-driven
// callers make them: refused at the construct path and prop with a fix, never read as a default (a mistyped
// encapsulation mode used to give no encapsulation).
import { Chart, Testing } from 'cdk8s';
import {
  BgpConfiguration,
  BgpPeer,
  EncapsulationMode,
  FelixConfiguration,
  FlannelBackend,
  FlannelNetwork,
  GlobalNetworkSet,
  IpPool,
  IpPoolUse,
  NetworkSet,
  Protocol,
  Selector,
} from '../../../lib';
import { BadInput, call, synth } from '../harness';

const x = (v: unknown): any => v;

function chart(): Chart {
  return new Chart(Testing.app(), 'Test', { namespace: 'shop' });
}

const pool = (props: Record<string, unknown>) => () => new IpPool(chart(), 'P', x({ cidr: '10.244.0.0/16', ...props }));
const felix = (props: Record<string, unknown>) => () => new FelixConfiguration(chart(), 'Felix', x(props));
const flannel = (props: Record<string, unknown>) => () =>
  new FlannelNetwork(chart(), 'Flannel', x({ network: '10.244.0.0/16', ...props }));
const bgp = (props: Record<string, unknown>) => () => new BgpConfiguration(chart(), 'Bgp', x(props));
const peer = (props: Record<string, unknown>) => () =>
  new BgpPeer(chart(), 'Peer', x({ peerIp: '10.0.0.1', asNumber: 64512, ...props }));

export const ROWS: BadInput[] = [
  // ---- IpPool
  call(
    'IpPool ipipMode "always" (case slip)',
    pool({ ipipMode: 'always' }),
    'Test/P',
    'ipipMode',
    'did you mean EncapsulationMode.ALWAYS "Always"?',
  ),
  call(
    'IpPool vxlanMode "crosssubnet" (case slip)',
    pool({ vxlanMode: 'crosssubnet' }),
    'Test/P',
    'vxlanMode',
    'EncapsulationMode.CROSS_SUBNET',
  ),
  call('IpPool ipipMode "ipip"', pool({ ipipMode: 'ipip' }), 'Test/P', 'ipipMode', 'EncapsulationMode.NEVER'),
  call('IpPool ipipMode true', pool({ ipipMode: true }), 'Test/P', 'ipipMode', 'got true'),
  call(
    'IpPool allowedUses "Workload" (not a list)',
    pool({ allowedUses: 'Workload' }),
    'Test/P',
    'allowedUses',
    'wrap it in a list: ["Workload"]',
  ),
  call(
    'IpPool allowedUses ["workload"] (case slip)',
    pool({ allowedUses: ['workload'] }),
    'Test/P',
    'allowedUses[0]',
    'did you mean IpPoolUse.WORKLOAD "Workload"?',
  ),
  call(
    'IpPool allowedUses ["LB"]',
    pool({ allowedUses: [IpPoolUse.WORKLOAD, 'LB'] }),
    'Test/P',
    'allowedUses[1]',
    'IpPoolUse.LOAD_BALANCER',
  ),
  call('IpPool allowedUses []', pool({ allowedUses: [] }), 'Test/P', 'spec.allowedUses', 'omit allowedUses'),
  call('IpPool cidr missing', () => new IpPool(chart(), 'P', x({})), 'Test/P', 'cidr', 'got undefined'),
  call('IpPool cidr 10', pool({ cidr: 10 }), 'Test/P', 'cidr', 'got 10'),
  call('IpPool blockSize "26"', pool({ blockSize: '26' }), 'Test/P', 'blockSize', 'pass the number 26'),
  call('IpPool blockSize 26.5', pool({ blockSize: 26.5 }), 'Test/P', 'blockSize', 'got 26.5'),
  call('IpPool natOutgoing "true"', pool({ natOutgoing: 'true' }), 'Test/P', 'natOutgoing', 'not a string'),
  call('IpPool disabled 0', pool({ disabled: 0 }), 'Test/P', 'disabled', 'true or false'),
  call(
    'IpPool disableBGPExport (misspelt case)',
    pool({ disableBGPExport: true }),
    'Test/P',
    'disableBGPExport',
    'did you mean "disableBgpExport"?',
  ),
  call(
    'IpPool nodeSelector text',
    pool({ nodeSelector: 'all()' }),
    'Test/P',
    'nodeSelector',
    'Selector.parse("all()")',
  ),
  call(
    'IpPool namespaceSelector text',
    pool({ namespaceSelector: 'team == "a"' }),
    'Test/P',
    'namespaceSelector',
    'Selector.parse',
  ),
  call('IpPool props undefined', () => new IpPool(chart(), 'P', x(undefined)), 'Test/P', 'cidr', 'got undefined'),
  call(
    'IpPool scope "chart"',
    () => new IpPool(x('chart'), 'P', { cidr: '10.0.0.0/16' }),
    'IpPool P',
    'scope',
    'new IpPool(chart',
  ),
  call('IpPool host bits', pool({ cidr: '10.244.1.0/16' }), 'Test/P', 'spec.cidr'),
  call(
    'IpPool.bgp with ipipMode (preset owns it)',
    () => IpPool.bgp(chart(), 'P', x({ cidr: '10.0.0.0/16', ipipMode: EncapsulationMode.ALWAYS })),
    'Test/P',
    'ipipMode',
    'unknown property',
  ),
  call(
    'IpPool.ipip crossSubnet "yes"',
    () => IpPool.ipip(chart(), 'P', x({ cidr: '10.0.0.0/16', crossSubnet: 'yes' })),
    'Test/P',
    'crossSubnet',
    'true or false',
  ),
  call(
    'IpPool.ipip cidr undefined (was a TypeError)',
    () => IpPool.ipip(chart(), 'P', x({})),
    'Test/P',
    'cidr',
    'got undefined',
  ),
  call(
    'IpPool.ipip IPv6',
    () => IpPool.ipip(chart(), 'P', { cidr: 'fd00::/56' }),
    'Test/P',
    'spec.ipipMode',
    'IpPool.vxlan',
  ),
  call(
    'IpPool.vxlan misspelt crossSubnets',
    () => IpPool.vxlan(chart(), 'P', x({ cidr: '10.0.0.0/16', crossSubnets: true })),
    'Test/P',
    'crossSubnets',
    'did you mean "crossSubnet"?',
  ),
  call(
    'IpPool.loadBalancer natOutgoing (not for LB pools)',
    () => IpPool.loadBalancer(chart(), 'P', x({ cidr: '10.0.0.0/24', natOutgoing: true })),
    'Test/P',
    'natOutgoing',
    'unknown property',
  ),
  synth(
    'two IpPools overlap',
    () => {
      const c = chart();
      new IpPool(c, 'A', { cidr: '10.244.0.0/16' });
      new IpPool(c, 'B', { cidr: '10.244.128.0/17' });
      return Testing.synth(c);
    },
    'Test/B',
    'spec.cidr',
    'non-overlapping',
  ),

  // ---- NetworkSet / GlobalNetworkSet
  call(
    'GlobalNetworkSet nets a string',
    () => new GlobalNetworkSet(chart(), 'G', x({ nets: '10.0.0.0/8' })),
    'Test/G',
    'nets',
    'wrap it in a list: ["10.0.0.0/8"]',
  ),
  call(
    'GlobalNetworkSet nets missing',
    () => new GlobalNetworkSet(chart(), 'G', x({})),
    'Test/G',
    'nets',
    'got undefined',
  ),
  call(
    'GlobalNetworkSet nets [10]',
    () => new GlobalNetworkSet(chart(), 'G', x({ nets: [10] })),
    'Test/G',
    'nets[0]',
    'got 10',
  ),
  call(
    'GlobalNetworkSet namespace (cluster-scoped)',
    () => new GlobalNetworkSet(chart(), 'G', x({ nets: [], namespace: 'shop' })),
    'Test/G',
    'namespace',
    'unknown property',
  ),
  call(
    'GlobalNetworkSet misspelt net',
    () => new GlobalNetworkSet(chart(), 'G', x({ nets: [], net: ['10.0.0.0/8'] })),
    'Test/G',
    'net',
    'did you mean "nets"?',
  ),
  call('NetworkSet nets null', () => new NetworkSet(chart(), 'N', x({ nets: null })), 'Test/N', 'nets', 'got null'),
  call('NetworkSet bad CIDR', () => new NetworkSet(chart(), 'N', { nets: ['10.0.0.0/33'] }), 'Test/N', 'spec.nets[0]'),
  call(
    'addNets("a", 5)',
    () => new GlobalNetworkSet(chart(), 'G', { nets: [] }).addNets('10.0.0.0/8', x(5)),
    'Test/G',
    'addNets(nets)[1]',
    'got 5',
  ),
  call(
    'addNets() (nothing)',
    () => new GlobalNetworkSet(chart(), 'G', { nets: [] }).addNets(),
    'Test/G',
    'addNets(nets)',
    'at least 1',
  ),
  synth(
    'addNets with a bad CIDR',
    () => {
      const c = chart();
      new GlobalNetworkSet(c, 'G', { nets: ['10.0.0.0/8'] }).addNets('10.0.0.0/99');
      return Testing.synth(c);
    },
    'Test/G',
    'spec.nets[1]',
  ),

  // ---- BgpConfiguration / BgpPeer
  call(
    'BGPConfiguration logSeverityScreen "info" (case slip)',
    bgp({ logSeverityScreen: 'info' }),
    'Test/Bgp',
    'logSeverityScreen',
    'did you mean "Info"?',
  ),
  call(
    'BGPConfiguration logSeverityScreen "Verbose"',
    bgp({ logSeverityScreen: 'Verbose' }),
    'Test/Bgp',
    'logSeverityScreen',
    'use one of',
  ),
  call(
    'BGPConfiguration asNumber "64512"',
    bgp({ asNumber: '64512' }),
    'Test/Bgp',
    'asNumber',
    'pass the number 64512',
  ),
  call('BGPConfiguration asNumber -1', bgp({ asNumber: -1 }), 'Test/Bgp', 'asNumber', '0-4294967295'),
  call('BGPConfiguration listenPort 70000', bgp({ listenPort: 70000 }), 'Test/Bgp', 'listenPort', '1-65535'),
  call(
    'BGPConfiguration nodeToNodeMeshEnabled "false"',
    bgp({ nodeToNodeMeshEnabled: 'false' }),
    'Test/Bgp',
    'nodeToNodeMeshEnabled',
    'pass the boolean false',
  ),
  call(
    'BGPConfiguration serviceClusterIps a string',
    bgp({ serviceClusterIps: '10.96.0.0/12' }),
    'Test/Bgp',
    'serviceClusterIps',
    'wrap it in a list',
  ),
  call(
    'BGPConfiguration misspelt serviceClusterIPs',
    bgp({ serviceClusterIPs: ['10.96.0.0/12'] }),
    'Test/Bgp',
    'serviceClusterIPs',
    'did you mean "serviceClusterIps"?',
  ),
  call(
    'BGPPeer peerSelector text',
    peer({ peerIp: undefined, asNumber: undefined, peerSelector: 'rr == "true"' }),
    'Test/Peer',
    'peerSelector',
    'Selector.parse',
  ),
  call('BGPPeer nodeSelector {}', peer({ nodeSelector: {} }), 'Test/Peer', 'nodeSelector', 'an empty object'),
  call('BGPPeer asNumber 4294967296', peer({ asNumber: 4294967296 }), 'Test/Peer', 'asNumber', '0-4294967295'),
  call('BGPPeer peerIp 10', peer({ peerIp: 10 }), 'Test/Peer', 'peerIp', 'got 10'),
  call(
    'BGPPeer misspelt peerIP',
    peer({ peerIp: undefined, peerIP: '10.0.0.1' }),
    'Test/Peer',
    'peerIP',
    'did you mean "peerIp"?',
  ),
  call(
    'BGPPeer props a string',
    () => new BgpPeer(chart(), 'Peer', x('10.0.0.1')),
    'Test/Peer',
    'props',
    'a props object',
  ),
  call('BGPPeer peerIp and peerSelector', peer({ peerSelector: Selector.has('rr') }), 'Test/Peer', /spec\./),

  // ---- FelixConfiguration (typed props; extraSpec has its own checks)
  call(
    'Felix failsafe port "22"',
    felix({ failsafeInboundHostPorts: [{ port: '22' }] }),
    'Test/Felix',
    'failsafeInboundHostPorts[0].port',
    'pass the number 22',
  ),
  call(
    'Felix failsafe protocol "TCP"',
    felix({ failsafeOutboundHostPorts: [{ port: 53, protocol: 'UDP' }] }),
    'Test/Felix',
    'failsafeOutboundHostPorts[0].protocol',
    'Protocol.named("UDP")',
  ),
  call(
    'Felix failsafe list a single object',
    felix({ failsafeInboundHostPorts: { port: 22 } }),
    'Test/Felix',
    'failsafeInboundHostPorts',
    'an array',
  ),
  call(
    'Felix failsafe port 0',
    felix({ failsafeInboundHostPorts: [{ port: 0 }] }),
    'Test/Felix',
    'failsafeInboundHostPorts[0].port',
    '1-65535',
  ),
  call(
    'Felix failsafe misspelt proto',
    felix({ failsafeInboundHostPorts: [{ port: 22, proto: Protocol.tcp() }] }),
    'Test/Felix',
    'failsafeInboundHostPorts[0].proto',
    'unknown property',
  ),
  call(
    'Felix dangerouslyDisableFailsafePorts "yes"',
    felix({ dangerouslyDisableFailsafePorts: 'yes' }),
    'Test/Felix',
    'dangerouslyDisableFailsafePorts',
    'true or false',
  ),
  call(
    'Felix misspelt failsafeInboundPorts',
    felix({ failsafeInboundPorts: [] }),
    'Test/Felix',
    'failsafeInboundPorts',
    'unknown property',
  ),
  call(
    'Felix extraSpec a string',
    felix({ extraSpec: 'logSeverityScreen: Info' }),
    'Test/Felix',
    'extraSpec',
    'an object',
  ),
  call(
    'Felix scope undefined',
    () => new FelixConfiguration(x(undefined), 'Felix'),
    'FelixConfiguration Felix',
    'scope',
    'chart',
  ),

  // ---- FlannelNetwork / FlannelBackend
  call(
    'Flannel network missing',
    () => new FlannelNetwork(chart(), 'Flannel', x({})),
    'Test/Flannel',
    'network',
    'got undefined',
  ),
  call(
    'Flannel backend "vxlan" (text)',
    flannel({ backend: 'vxlan' }),
    'Test/Flannel',
    'backend',
    'FlannelBackend.vxlan()',
  ),
  call('Flannel subnetLen "24"', flannel({ subnetLen: '24' }), 'Test/Flannel', 'subnetLen', 'pass the number 24'),
  call(
    'Flannel masquerade "false"',
    flannel({ masquerade: 'false' }),
    'Test/Flannel',
    'masquerade',
    'pass the boolean false',
  ),
  call('Flannel vethMtu 1450.5', flannel({ vethMtu: 1450.5 }), 'Test/Flannel', 'vethMtu', 'got 1450.5'),
  call('Flannel name "Canal_Config"', flannel({ name: 'Canal_Config' }), 'Test/Flannel', 'name', 'DNS-1123'),
  call(
    'Flannel namespace "Kube-System"',
    flannel({ namespace: 'Kube-System' }),
    'Test/Flannel',
    'namespace',
    'DNS-1123 label',
  ),
  call(
    'Flannel misspelt subnetLength',
    flannel({ subnetLength: 24 }),
    'Test/Flannel',
    'subnetLength',
    'unknown property',
  ),
  call(
    'Flannel VNI 0',
    flannel({ backend: FlannelBackend.vxlan({ vni: 0 }) }),
    'Test/Flannel',
    'Backend.VNI',
    'fix: use e.g. 1',
  ),
  call(
    'FlannelBackend.vxlan({ vni: "1" })',
    () => FlannelBackend.vxlan(x({ vni: '1' })),
    'FlannelBackend.vxlan',
    'options.vni',
    'pass the number 1',
  ),
  call(
    'FlannelBackend.vxlan({ directRouting: "true" })',
    () => FlannelBackend.vxlan(x({ directRouting: 'true' })),
    'FlannelBackend.vxlan',
    'options.directRouting',
    'not a string',
  ),
  call(
    'FlannelBackend.vxlan({ VNI: 1 }) (wire spelling)',
    () => FlannelBackend.vxlan(x({ VNI: 1 })),
    'FlannelBackend.vxlan',
    'options.VNI',
    'did you mean "vni"?',
  ),
  call('FlannelBackend.vxlan(1)', () => FlannelBackend.vxlan(x(1)), 'FlannelBackend.vxlan', 'options', 'got 1'),
];

// Mistakes with node protection (SecuredNodePool and its subsets, NodeInventory, NodeHostEndpoints, HostEndpoint,
// KubeControllersConfiguration, IpipTunnelEndpoints, the kube-controllers RBAC), as plain-JavaScript and YAML-driven
// callers make them: refused at the construct path and prop (value helpers such as Peer.nets re-homed under the prop
// that fed them), with a fix; never an SSH rule open to the world, never a mistyped enum read as the default.
import { Chart, Testing } from 'cdk8s';
import {
  Cluster,
  HostEndpoint,
  IpipTunnelEndpoints,
  KubeControllersConfiguration,
  KubeControllersHostEndpointRbac,
  NodeHostEndpoints,
  NodeInventory,
  NodeTrafficDefault,
  FelixConfiguration,
  Peer,
  PodEncapsulation,
  Port,
  Protocol,
  SecuredNodePool,
  Selector,
  TunnelDevice,
} from '../../../lib';
import { NodeFlow, proveNodeAccess } from '../../../lib/nodes';
import { BadInput, call, synth } from '../harness';

const x = (v: unknown): any => v;
const inventory = NodeInventory.fromNodes([
  {
    name: 'cp-1',
    labels: { 'kubernetes-host': '', 'node-role.kubernetes.io/control-plane': '' },
    internalIps: ['10.0.0.1'],
    ipipTunnelAddress: '192.168.1.1',
  },
  { name: 'w-1', labels: { 'kubernetes-host': '' }, internalIps: ['10.0.0.2'] },
]);

function chart(): Chart {
  return new Chart(Testing.app(), 'Test');
}

/** `Test/Pool` with `props` (automatic host endpoints, no inventory: fine until synth). */
function pool(props: Record<string, unknown> = {}): SecuredNodePool {
  return new SecuredNodePool(chart(), 'Pool', x(props));
}

const baseline = (b: Record<string, unknown>) => () => pool({ baseline: b });
const network = (n: Record<string, unknown>) => () => pool({ network: n });

export const ROWS: BadInput[] = [
  // ---- SecuredNodePool props
  call(
    'scope undefined',
    () => new SecuredNodePool(x(undefined), 'Pool'),
    'SecuredNodePool Pool',
    'scope',
    'new SecuredNodePool(chart',
  ),
  call('id 42', () => new SecuredNodePool(chart(), x(42)), 'Test', 'id', 'pass an id'),
  call('props a string', () => pool(x('nodes')), 'Test/Pool', 'props', 'a props object'),
  call(
    'misspelt prop defaultIngres',
    () => pool({ defaultIngres: NodeTrafficDefault.ALLOW }),
    'Test/Pool',
    'defaultIngres',
    'did you mean "defaultIngress"?',
  ),
  call('misspelt prop baselines', () => pool({ baselines: {} }), 'Test/Pool', 'baselines', 'did you mean "baseline"?'),
  call('name "Nodes" (upper case)', () => pool({ name: 'Nodes' }), 'Test/Pool', 'name', 'DNS-1123 label'),
  call('name 5', () => pool({ name: 5 }), 'Test/Pool', 'name', 'got 5'),
  call('tierName "my_tier"', () => pool({ tierName: 'my_tier' }), 'Test/Pool', 'tierName', 'lowercase'),
  call('policyName "Allow"', () => pool({ policyName: 'Allow' }), 'Test/Pool', 'policyName', 'lowercase'),
  call(
    'selector as text',
    () => pool({ selector: 'has(kubernetes-host)' }),
    'Test/Pool',
    'selector',
    'Selector.parse("has(kubernetes-host)")',
  ),
  call(
    'hostEndpoints "automatic"',
    () => pool({ hostEndpoints: 'automatic' }),
    'Test/Pool',
    'hostEndpoints',
    'NodeHostEndpoints.automatic()',
  ),
  call(
    'inventory a plain list',
    () => pool({ inventory: [{ name: 'a', internalIps: ['10.0.0.1'] }] }),
    'Test/Pool',
    'inventory',
    'NodeInventory.fromNodes',
  ),
  call(
    'hostEndpointLabels with a boolean',
    () => pool({ hostEndpointLabels: { edge: true } }),
    'Test/Pool',
    'hostEndpointLabels.edge',
    'quote the value',
  ),
  call(
    'hostEndpointLabels kube-controllers label',
    () => pool({ hostEndpointLabels: { 'projectcalico.org/created-by': 'x' } }),
    'Test/Pool',
    'hostEndpointLabels',
    'remove it',
  ),
  call('tierOrder "100"', () => pool({ tierOrder: '100' }), 'Test/Pool', 'tierOrder', 'the string "100"'),
  call('tierOrder NaN', () => pool({ tierOrder: NaN }), 'Test/Pool', 'tierOrder', 'got NaN'),
  call(
    'defaultIngress "allow" (case slip)',
    () => pool({ defaultIngress: 'allow' }),
    'Test/Pool',
    'defaultIngress',
    'did you mean NodeTrafficDefault.ALLOW "Allow"?',
  ),
  call(
    'defaultEgress "Drop"',
    () => pool({ defaultEgress: 'Drop' }),
    'Test/Pool',
    'defaultEgress',
    'NodeTrafficDefault.DENY',
  ),
  call('defaultEgress true', () => pool({ defaultEgress: true }), 'Test/Pool', 'defaultEgress', 'got true'),
  call(
    'dangerouslySkipLockoutGuard "true"',
    () => pool({ dangerouslySkipLockoutGuard: 'true' }),
    'Test/Pool',
    'dangerouslySkipLockoutGuard',
    'not a string',
  ),
  call('argoCdSyncWaves 1', () => pool({ argoCdSyncWaves: 1 }), 'Test/Pool', 'argoCdSyncWaves', 'true or false'),

  // ---- baseline: Peer.nets and ranges re-homed under the prop
  call(
    'baseline.sshFrom "10.0.0.0/8" (not a list)',
    baseline({ sshFrom: '10.0.0.0/8' }),
    'Test/Pool',
    'baseline.sshFrom',
    'wrap it in a list: ["10.0.0.0/8"]',
  ),
  call(
    'baseline.sshFrom bare IP',
    baseline({ sshFrom: ['10.0.0.0/8', '10.1.2.3'] }),
    'Test/Pool',
    'baseline.sshFrom[1]',
    'did you mean "10.1.2.3/32"?',
  ),
  call(
    'baseline.sshFrom host bits',
    baseline({ sshFrom: ['10.0.0.1/8'] }),
    'Test/Pool',
    'baseline.sshFrom[0]',
    'use "10.0.0.0/8"',
  ),
  call('baseline.sshFrom a number', baseline({ sshFrom: [10] }), 'Test/Pool', 'baseline.sshFrom[0]', 'got 10'),
  call(
    'baseline.sshFrom "anywhere"',
    baseline({ sshFrom: ['anywhere'] }),
    'Test/Pool',
    'baseline.sshFrom[0]',
    'write a CIDR',
  ),
  call(
    'baseline.nodePortRange.from 0',
    baseline({ nodePortsFrom: Peer.any(), nodePortRange: { from: 0, to: 32767 } }),
    'Test/Pool',
    'baseline.nodePortRange.from',
    '1-65535',
  ),
  call(
    'baseline.nodePortRange.to "32767"',
    baseline({ nodePortRange: { from: 30000, to: '32767' } }),
    'Test/Pool',
    'baseline.nodePortRange.to',
    'not a string',
  ),
  call(
    'baseline.nodePortRange inverted',
    baseline({ nodePortRange: { from: 32767, to: 30000 } }),
    'Test/Pool',
    'baseline.nodePortRange',
    '{ from: 30000, to: 32767 }',
  ),
  call(
    'baseline.nodePortRange "30000-32767"',
    baseline({ nodePortRange: '30000-32767' }),
    'Test/Pool',
    'baseline.nodePortRange',
    'port range',
  ),
  call(
    'baseline.nodePortRange.start (misspelt)',
    baseline({ nodePortRange: { start: 30000, to: 32767 } }),
    'Test/Pool',
    'baseline.nodePortRange.start',
    'unknown property',
  ),
  call(
    'baseline.nodePortsFrom text',
    baseline({ nodePortsFrom: '0.0.0.0/0' }),
    'Test/Pool',
    'baseline.nodePortsFrom',
    'Peer.nets("0.0.0.0/0")',
  ),
  call(
    'baseline.nodePortsFrom null',
    baseline({ nodePortsFrom: null }),
    'Test/Pool',
    'baseline.nodePortsFrom',
    'got null',
  ),
  call(
    'baseline.apiServerSources a Selector',
    baseline({ apiServerSources: Selector.has('a') }),
    'Test/Pool',
    'baseline.apiServerSources',
    'a Selector',
  ),
  call(
    'baseline.controlPlaneSelector text',
    baseline({ controlPlaneSelector: 'has(cp)' }),
    'Test/Pool',
    'baseline.controlPlaneSelector',
    'Selector.parse("has(cp)")',
  ),
  call('baseline.kubernetes "no"', baseline({ kubernetes: 'no' }), 'Test/Pool', 'baseline.kubernetes', 'true or false'),
  call('baseline.dns "false"', baseline({ dns: 'false' }), 'Test/Pool', 'baseline.dns', 'pass the boolean false'),
  call(
    'baseline.ssh (misspelt sshFrom)',
    baseline({ ssh: ['10.0.0.0/8'] }),
    'Test/Pool',
    'baseline.ssh',
    'unknown property',
  ),
  call(
    'baseline.sshfrom (case slip)',
    baseline({ sshfrom: ['10.0.0.0/8'] }),
    'Test/Pool',
    'baseline.sshfrom',
    'did you mean "sshFrom"?',
  ),
  call('baseline a list', () => pool({ baseline: [] }), 'Test/Pool', 'baseline', 'an object'),

  // ---- network
  call(
    'network.encapsulation "ipip" (case slip)',
    network({ encapsulation: 'ipip' }),
    'Test/Pool',
    'network.encapsulation',
    'did you mean PodEncapsulation.IPIP "IPIP"?',
  ),
  call(
    'network.encapsulation "vxlan"',
    network({ encapsulation: 'vxlan' }),
    'Test/Pool',
    'network.encapsulation',
    'PodEncapsulation.VXLAN',
  ),
  call(
    'network.encapsulation "Geneve"',
    network({ encapsulation: 'Geneve' }),
    'Test/Pool',
    'network.encapsulation',
    'PodEncapsulation.NONE',
  ),
  call(
    'network.flannelVxlanPort 0',
    network({ flannelVxlanPort: 0 }),
    'Test/Pool',
    'network.flannelVxlanPort',
    'expected',
  ),
  call(
    'network.flannelVxlanPort "8472"',
    network({ flannelVxlanPort: '8472' }),
    'Test/Pool',
    'network.flannelVxlanPort',
    'expected',
  ),
  call(
    'network.flannelVxlanPort with Calico VXLAN',
    network({ encapsulation: 'VXLAN', flannelVxlanPort: 8472 }),
    'Test/Pool',
    'network.flannelVxlanPort',
    'fix: set encapsulation: PodEncapsulation.FLANNEL_VXLAN, or remove flannelVxlanPort',
  ),
  call('network.wireguard "yes"', network({ wireguard: 'yes' }), 'Test/Pool', 'network.wireguard', 'true or false'),
  call('network.bgp 0', network({ bgp: 0 }), 'Test/Pool', 'network.bgp', 'got 0'),
  call(
    'network.encap (misspelt)',
    network({ encap: PodEncapsulation.IPIP }),
    'Test/Pool',
    'network.encap',
    'unknown property',
  ),

  // ---- pool and subset methods: a missing peer never means "from anywhere"
  call(
    'pool.allowIngress(undefined, port)',
    () => pool().allowIngress(x(undefined), Port.tcp(22)),
    'Test/Pool',
    'peer',
    'Peer.any()',
  ),
  call(
    'pool.allowIngress(null, port)',
    () => pool().allowIngress(x(null), Port.tcp(22)),
    'Test/Pool',
    'peer',
    'got null',
  ),
  call(
    'pool.allowEgress(peer, 443)',
    () => pool().allowEgress(Peer.any(), x(443)),
    'Test/Pool',
    'port',
    'Port.tcp(443)',
  ),
  call(
    'pool.denyIngress(text)',
    () => pool().denyIngress(x('10.0.0.0/8')),
    'Test/Pool',
    'peer',
    'Peer.nets("10.0.0.0/8")',
  ),
  call(
    'pool.denyEgress options.ipVersion 5',
    () => pool().denyEgress(Peer.any(), undefined, { ipVersion: 5 }),
    'Test/Pool',
    'options.ipVersion',
    'one of 4, 6',
  ),
  call(
    'pool.subset selector text',
    () => pool().subset('Dev', x('env == "dev"')),
    'Test/Pool',
    'subset(selector)',
    'Selector.parse',
  ),
  call(
    'pool.subset id undefined',
    () => pool().subset(x(undefined), Selector.has('a')),
    'Test/Pool',
    'subset(id)',
    'got undefined',
  ),
  call(
    'pool.subset options.policyname (misspelt)',
    () => pool().subset('Dev', Selector.has('a'), x({ policyname: 'x' })),
    'Test/Pool',
    'subset(options).policyname',
    'did you mean "policyName"?',
  ),
  call(
    'subset.allowIngress(undefined)',
    () => pool().subset('Dev', Selector.has('a')).allowIngress(x(undefined)),
    'Test/Pool/Policies/Dev',
    'peer',
    'Peer.any()',
  ),
  call(
    'pool.addIngressRule(undefined)',
    () => pool().addIngressRule(x(undefined)),
    'Test/Pool',
    'rule',
    'got undefined',
  ),
  call(
    'subset.addEgressRule action "allow" (the value is "Allow")',
    () =>
      pool()
        .subset('Dev', Selector.has('a'))
        .addEgressRule(x({ action: 'allow' })),
    'Test/Pool/Policies/Dev',
    'rule.action',
    'did you mean Action.ALLOW',
  ),
  call('pool.protect("x")', () => pool().protect(x('x')), 'Test/Pool', 'protect(construct)', 'a construct'),

  // ---- NodeHostEndpoints
  call(
    'explicit({ interfaces: "eth0" })',
    () => NodeHostEndpoints.explicit(x({ interfaces: 'eth0' })),
    'NodeHostEndpoints.explicit',
    'options.interfaces',
    'wrap it in a list',
  ),
  call(
    'explicit({ interfaces: [] })',
    () => NodeHostEndpoints.explicit({ interfaces: [] }),
    'NodeHostEndpoints.explicit',
    'options.interfaces',
    'at least 1',
  ),
  call(
    'explicit({ interface: ["eth0"] }) (misspelt)',
    () => NodeHostEndpoints.explicit(x({ interface: ['eth0'] })),
    'NodeHostEndpoints.explicit',
    'options.interface',
    'did you mean "interfaces"?',
  ),
  call(
    'automatic({ rbac: "true" })',
    () => NodeHostEndpoints.automatic(x({ rbac: 'true' })),
    'NodeHostEndpoints.automatic',
    'options.rbac',
    'not a string',
  ),
  call(
    'automatic({ templates: {} })',
    () => NodeHostEndpoints.automatic(x({ templates: {} })),
    'NodeHostEndpoints.automatic',
    'options.templates',
    'an array',
  ),
  call(
    'automatic template named "addresses" (the pool\'s own)',
    () => NodeHostEndpoints.automatic({ templates: [{ generateName: 'addresses', interfaceCidrs: ['10.0.0.0/8'] }] }),
    'NodeHostEndpoints.automatic',
    'options.templates[0].generateName',
    'pick another generateName',
  ),
  // ---- Cluster (several clusters in one App)
  call(
    'Cluster scope undefined',
    () => new Cluster(x(undefined), 'prod'),
    'Cluster prod',
    'scope',
    'new Cluster(chart',
  ),
  call(
    'Cluster name "Prod EU"',
    () => new Cluster(Testing.app(), 'prod', { name: 'Prod EU' }),
    'prod',
    'name',
    'lowercase letters',
  ),
  call(
    'Cluster misspelt prop',
    () => new Cluster(Testing.app(), 'prod', x({ nmae: 'prod' })),
    'prod',
    'nmae',
    'did you mean "name"?',
  ),
  call(
    'Cluster inside a Cluster',
    () => new Cluster(new Cluster(Testing.app(), 'prod'), 'eu'),
    'prod/eu',
    'scope',
    'create the Cluster in the App',
  ),
  call('Cluster.of a string', () => Cluster.of(x('prod')), 'Cluster.of', 'construct', 'pass a chart'),
  call(
    'automatic template without generateName',
    () => NodeHostEndpoints.automatic(x({ templates: [{ interfacePattern: 'eth.*' }] })),
    'NodeHostEndpoints.automatic',
    'options.templates[0].generateName',
    'got undefined',
  ),
  call(
    'automatic({ autoCreate: true }) (not an option)',
    () => NodeHostEndpoints.automatic(x({ autoCreate: true })),
    'NodeHostEndpoints.automatic',
    'options.autoCreate',
    'unknown property',
  ),

  // ---- NodeInventory
  call(
    'fromNodes("a") (not a list)',
    () => NodeInventory.fromNodes(x('a')),
    'NodeInventory.fromNodes',
    'nodes',
    'wrap it in a list',
  ),
  call(
    'fromNodes internalIps a string',
    () => NodeInventory.fromNodes(x([{ name: 'a', internalIps: '10.0.0.1' }])),
    'NodeInventory.fromNodes',
    'nodes[0].internalIps',
    'wrap it in a list: ["10.0.0.1"]',
  ),
  call(
    'fromNodes bad IP',
    () => NodeInventory.fromNodes([{ name: 'a', internalIps: ['10.0.0.300'] }]),
    'NodeInventory.fromNodes',
    'nodes[0].internalIps[0]',
    'plain address',
  ),
  call(
    'fromNodes name Bad_Name',
    () => NodeInventory.fromNodes([{ name: 'Bad_Name', internalIps: ['10.0.0.1'] }]),
    'NodeInventory.fromNodes',
    'nodes[0].name',
    'DNS-1123',
  ),
  call(
    'fromNodes internalIp (misspelt)',
    () => NodeInventory.fromNodes(x([{ name: 'a', internalIp: ['10.0.0.1'] }])),
    'NodeInventory.fromNodes',
    'nodes[0].internalIp',
    'did you mean "internalIps"?',
  ),
  call(
    'fromNodes label value a number',
    () => NodeInventory.fromNodes(x([{ name: 'a', labels: { zone: 1 }, internalIps: ['10.0.0.1'] }])),
    'NodeInventory.fromNodes',
    'nodes[0].labels["zone"]',
    'not a valid label',
  ),
  call(
    'fromNodes ipipTunnelAddress IPv6',
    () => NodeInventory.fromNodes([{ name: 'a', internalIps: ['10.0.0.1'], ipipTunnelAddress: 'fd00::1' }]),
    'NodeInventory.fromNodes',
    'nodes[0].ipipTunnelAddress',
    'IPv4',
  ),
  call(
    'fromNodes bgpIpv4Address bad CIDR',
    () => NodeInventory.fromNodes([{ name: 'a', internalIps: ['10.0.0.1'], bgpIpv4Address: '10.0.0.1/99' }]),
    'NodeInventory.fromNodes',
    'nodes[0].bgpIpv4Address',
    'prefix length',
  ),
  call(
    'fromNodes the same node twice',
    () =>
      NodeInventory.fromNodes([
        { name: 'a', internalIps: ['10.0.0.1'] },
        { name: 'a', internalIps: ['10.0.0.2'] },
      ]),
    'NodeInventory.fromNodes',
    'nodes',
    'listed twice',
  ),
  call(
    'fromKubectlObjects({ kind: "Node" })',
    () => NodeInventory.fromKubectlObjects({ kind: 'Node' }),
    'NodeInventory.fromKubectlObjects',
    'list',
    'kubectl get nodes',
  ),
  call(
    'fromKubectlObjects node without a name',
    () => NodeInventory.fromKubectlObjects({ items: [{ kind: 'Node', metadata: {} }] }),
    'NodeInventory.fromKubectlObjects',
    'items[0]: metadata.name',
    'metadata.name',
  ),
  call(
    'fromKubectlJson(missing file)',
    () => NodeInventory.fromKubectlJson('/nonexistent/nodes.json'),
    'NodeInventory.fromKubectlJson',
    'file',
    'no such file',
  ),
  call(
    'fromKubectlJson(a folder)',
    () => NodeInventory.fromKubectlJson('/tmp'),
    'NodeInventory.fromKubectlJson',
    'file',
    'is a folder',
  ),
  call(
    'fromKubectlJson(undefined)',
    () => NodeInventory.fromKubectlJson(x(undefined)),
    'NodeInventory.fromKubectlJson',
    'file',
    'got undefined',
  ),
  call('inventory.find(1)', () => inventory.find(x(1)), 'NodeInventory.find', 'name', 'got 1'),
  call(
    'TunnelDevice.IPIP.addressOf(undefined)',
    () => TunnelDevice.IPIP.addressOf(x(undefined)),
    'TunnelDevice.addressOf',
    'node',
    'inventory.nodes',
  ),

  // ---- HostEndpoint
  call(
    'HostEndpoint without node',
    () => new HostEndpoint(chart(), 'H', x({ interfaceName: 'eth0' })),
    'Test/H',
    'node',
    "{ node: 'worker-1' }",
  ),
  call(
    'HostEndpoint props undefined',
    () => new HostEndpoint(chart(), 'H', x(undefined)),
    'Test/H',
    'node',
    'got undefined',
  ),
  call(
    'HostEndpoint expectedIPs a string',
    () => new HostEndpoint(chart(), 'H', x({ node: 'n', expectedIPs: '10.0.0.1' })),
    'Test/H',
    'expectedIPs',
    'wrap it in a list',
  ),
  call(
    'HostEndpoint profiles [1]',
    () => new HostEndpoint(chart(), 'H', x({ node: 'n', interfaceName: '*', profiles: [1] })),
    'Test/H',
    'profiles[0]',
    'got 1',
  ),
  call(
    'HostEndpoint ports[0].port "22"',
    () => new HostEndpoint(chart(), 'H', x({ node: 'n', interfaceName: '*', ports: [{ name: 'ssh', port: '22' }] })),
    'Test/H',
    'ports[0].port',
    'not a string',
  ),
  call(
    'HostEndpoint ports[0].protocol "TCP"',
    () =>
      new HostEndpoint(
        chart(),
        'H',
        x({ node: 'n', interfaceName: '*', ports: [{ name: 'ssh', port: 22, protocol: 'TCP' }] }),
      ),
    'Test/H',
    'ports[0].protocol',
    'Protocol.named("TCP")',
  ),
  call(
    'HostEndpoint misspelt expectedIps',
    () => new HostEndpoint(chart(), 'H', x({ node: 'n', expectedIps: ['10.0.0.1'] })),
    'Test/H',
    'expectedIps',
    'did you mean "expectedIPs"?',
  ),
  call(
    'HostEndpoint expectedIPs a CIDR',
    () => new HostEndpoint(chart(), 'H', { node: 'n', expectedIPs: ['10.0.0.0/24'] }),
    'Test/H',
    'spec.expectedIPs[0]',
  ),
  call(
    'HostEndpoint.fromHostEndpointName(undefined)',
    () => HostEndpoint.fromHostEndpointName(x(undefined)),
    'HostEndpoint.fromHostEndpointName',
    'name',
    'got undefined',
  ),

  // ---- KubeControllersConfiguration
  call(
    'KCC logSeverityScreen "info" (case slip)',
    () => new KubeControllersConfiguration(chart(), 'K', x({ logSeverityScreen: 'info' })),
    'Test/K',
    'logSeverityScreen',
    'did you mean "Info"?',
  ),
  call(
    'KCC syncLabels "Enabled"',
    () => new KubeControllersConfiguration(chart(), 'K', x({ syncLabels: 'Enabled' })),
    'Test/K',
    'syncLabels',
    'true or false',
  ),
  call(
    'KCC hostEndpoints.autoCreate "Enabled"',
    () => new KubeControllersConfiguration(chart(), 'K', x({ hostEndpoints: { autoCreate: 'Enabled' } })),
    'Test/K',
    'hostEndpoints.autoCreate',
    'true or false',
  ),
  call(
    'KCC template nodeSelector text',
    () =>
      new KubeControllersConfiguration(
        chart(),
        'K',
        x({ hostEndpoints: { templates: [{ generateName: 'a', nodeSelector: 'all()' }] } }),
      ),
    'Test/K',
    'hostEndpoints.templates[0].nodeSelector',
    'Selector.parse("all()")',
  ),
  call(
    'KCC misspelt hostEndpoint',
    () => new KubeControllersConfiguration(chart(), 'K', x({ hostEndpoint: {} })),
    'Test/K',
    'hostEndpoint',
    'did you mean "hostEndpoints"?',
  ),

  // ---- kube-controllers RBAC
  call(
    'RBAC serviceAccountName "Calico_KC"',
    () => new KubeControllersHostEndpointRbac(chart(), 'R', { serviceAccountName: 'Calico_KC' }),
    'Test/R',
    'serviceAccountName',
    'lowercase',
  ),
  call(
    'RBAC serviceAccountNamespace "calico.system"',
    () => new KubeControllersHostEndpointRbac(chart(), 'R', { serviceAccountNamespace: 'calico.system' }),
    'Test/R',
    'serviceAccountNamespace',
    'DNS-1123 label',
  ),
  call(
    'RBAC misspelt namespace',
    () => new KubeControllersHostEndpointRbac(chart(), 'R', x({ namespace: 'calico-system' })),
    'Test/R',
    'namespace',
    'unknown property',
  ),
  call(
    'RBAC scope undefined',
    () => new KubeControllersHostEndpointRbac(x(undefined), 'R'),
    'KubeControllersHostEndpointRbac R',
    'scope',
    'chart',
  ),

  // ---- IpipTunnelEndpoints
  call(
    'tunnels without pool or inventory',
    () => new IpipTunnelEndpoints(chart(), 'T', {}),
    'Test/T',
    'inventory',
    'pass `pool`',
  ),
  call(
    'tunnels device "tunl0"',
    () => new IpipTunnelEndpoints(chart(), 'T', x({ inventory, device: 'tunl0' })),
    'Test/T',
    'device',
    'TunnelDevice.IPIP',
  ),
  call(
    'tunnels selector text',
    () => new IpipTunnelEndpoints(chart(), 'T', x({ inventory, selector: 'all()' })),
    'Test/T',
    'selector',
    'Selector.parse',
  ),
  call(
    'tunnels pool a string',
    () => new IpipTunnelEndpoints(chart(), 'T', x({ pool: 'Pool' })),
    'Test/T',
    'pool',
    'a SecuredNodePool',
  ),
  call(
    'tunnels labels with created-by',
    () => new IpipTunnelEndpoints(chart(), 'T', { inventory, labels: { 'projectcalico.org/created-by': 'x' } }),
    'Test/T',
    'labels',
    'remove it',
  ),
  call(
    'tunnels node without a tunnel address',
    () => new IpipTunnelEndpoints(chart(), 'T', { inventory }),
    'Test/T',
    'inventory',
    'has no IPIP tunnel address',
  ),
  call(
    'tunnels misspelt profile',
    () => new IpipTunnelEndpoints(chart(), 'T', x({ inventory, profile: ['a'] })),
    'Test/T',
    'profile',
    'did you mean "profiles"?',
  ),

  // ---- at synth
  synth(
    'pool without inventory: the lockout guard cannot prove anything',
    () => Testing.synth(Chart.of(pool())),
    'Test/Pool',
    'lockout guard',
    'dangerouslySkipLockoutGuard',
  ),
  synth(
    'a deny that blocks the kubelet',
    () => {
      const p = pool({ inventory });
      p.denyIngress(Peer.any(), Port.tcp(10250));
      return Testing.synth(Chart.of(p));
    },
    'Test/Pool',
    'lockout guard',
    'fix: change the policy that blocks it',
  ),
  synth(
    'a deny-all ingress from the control plane',
    () => {
      const p = pool({ inventory });
      p.denyIngress(Peer.selector(Selector.has('node-role.kubernetes.io/control-plane')));
      return Testing.synth(Chart.of(p));
    },
    'Test/Pool',
    'lockout guard',
    'fix:',
  ),

  // ---- NodeInventory: input that is not a list of Nodes (issue 12, item 6)
  call(
    'fromKubectlObjects a pods dump',
    () => NodeInventory.fromKubectlObjects({ kind: 'List', items: [{ kind: 'Pod', metadata: { name: 'web' } }] }),
    'NodeInventory.fromKubectlObjects',
    'items[0].kind',
    'expected Node, got the string "Pod"',
  ),
  call(
    'fromKubectlObjects namespaces and pods, no Node',
    () => NodeInventory.fromKubectlObjects({ kind: 'List', items: [{ kind: 'Namespace' }, { kind: 'Pod' }] }),
    'NodeInventory.fromKubectlObjects',
    'items[0].kind',
    'Namespace, Pod',
  ),
  call(
    'fromKubectlObjects a single Node object',
    () => NodeInventory.fromKubectlObjects({ kind: 'Node', metadata: { name: 'n1' } }),
    'NodeInventory.fromKubectlObjects',
    'list',
    'got a single Node object',
  ),
  call(
    'fromKubectlObjects a PodList',
    () => NodeInventory.fromKubectlObjects({ kind: 'PodList', items: [] }),
    'NodeInventory.fromKubectlObjects',
    'kind',
    'expected List or NodeList',
  ),
  call(
    'fromKubectlObjects an empty array',
    () => NodeInventory.fromKubectlObjects([]),
    'NodeInventory.fromKubectlObjects',
    'list',
    'kubectl prints an empty List',
  ),
  call(
    'explicit pool over the empty List kubectl prints for a cluster without nodes',
    () =>
      pool({
        hostEndpoints: NodeHostEndpoints.explicit(),
        inventory: NodeInventory.fromKubectlObjects({ apiVersion: 'v1', kind: 'List', items: [] }),
      }),
    'Test/Pool',
    'inventory',
    'the inventory is empty',
  ),
  // ---- failsafe ports and acknowledged flows (issue 12, items 1 and 2)
  call(
    'acknowledgeBlockedFlows a string',
    () => pool({ acknowledgeBlockedFlows: 'dns' }),
    'Test/Pool',
    'acknowledgeBlockedFlows',
    'NodeFlow',
  ),
  call(
    'acknowledgeBlockedFlows a misspelt flow',
    () => pool({ acknowledgeBlockedFlows: ['control-plane-kubelet'] }),
    'Test/Pool',
    'acknowledgeBlockedFlows[0]',
    'NodeFlow',
  ),
  call('failsafe a list', () => pool({ failsafe: [] }), 'Test/Pool', 'failsafe', 'got'),
  call(
    'failsafe misspelt narow',
    () => pool({ failsafe: { narow: [] } }),
    'Test/Pool',
    'failsafe',
    'did you mean "narrow"?',
  ),
  call(
    'failsafe.narrow port 0',
    () => pool({ failsafe: { narrow: [{ port: 0, nets: ['10.0.0.0/8'] }] } }),
    'Test/Pool',
    'failsafe.narrow[0].port',
    'got 0',
  ),
  call(
    'failsafe.narrow without nets',
    () => pool({ failsafe: { narrow: [{ port: 22 }] } }),
    'Test/Pool',
    'failsafe.narrow[0].nets',
    'CIDRs',
  ),
  call(
    'failsafe.narrow empty nets',
    () => pool({ failsafe: { narrow: [{ port: 22, nets: [] }] } }),
    'Test/Pool',
    'failsafe.narrow[0].nets',
    'at least one CIDR',
  ),
  call(
    'failsafe.narrow a host address, not masked',
    () => pool({ failsafe: { narrow: [{ port: 22, nets: ['10.0.0.1/8'] }] } }),
    'Test/Pool',
    'failsafe.narrow[0].nets[0]',
  ),
  call(
    'failsafe.narrow ICMP',
    () => pool({ failsafe: { narrow: [{ port: 22, protocol: Protocol.icmp(), nets: ['10.0.0.0/8'] }] } }),
    'Test/Pool',
    'failsafe.narrow[0].protocol',
    'TCP, UDP or SCTP',
  ),
  call(
    'failsafe.keepOpen direction "in"',
    () => pool({ failsafe: { keepOpen: [{ port: 22, direction: 'in' }] } }),
    'Test/Pool',
    'failsafe.keepOpen[0].direction',
    'FailsafeDirection',
  ),
  synth(
    'a deny on the open SSH failsafe port',
    () => {
      const p = pool({ inventory });
      p.denyIngress(Peer.any(), Port.tcp(22));
      return Testing.synth(Chart.of(p));
    },
    'Test/Pool',
    'tcp:22 (SSH), a Felix failsafe port',
    'keepOpen',
  ),
  synth(
    'a stale acknowledgement of a flow that is not blocked',
    () => Testing.synth(Chart.of(pool({ inventory, acknowledgeBlockedFlows: [NodeFlow.DNS] }))),
    'Test/Pool',
    'acknowledgeBlockedFlows names NodeFlow.DNS',
    'remove it',
  ),
  call('proveNodeAccess docs a string', () => proveNodeAccess(x('all.yaml')), 'proveNodeAccess', 'docs'),
  call(
    'proveNodeAccess misspelt option',
    () => proveNodeAccess([], x({ acknowledge: [] })),
    'proveNodeAccess',
    'acknowledge',
    'did you mean "acknowledged"?',
  ),
  call(
    'FelixConfiguration.defaultOf a string',
    () => FelixConfiguration.defaultOf(x('Test')),
    'FelixConfiguration.defaultOf',
    'scope',
    'a construct',
  ),
  call(
    'proveNodeAccess encapsulation "ipip"',
    () => proveNodeAccess([], x({ encapsulation: 'ipip' })),
    'proveNodeAccess',
    'options.encapsulation',
    'PodEncapsulation',
  ),
];

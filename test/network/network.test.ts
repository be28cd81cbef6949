import { Chart, Testing } from 'cdk8s';
import {
  BgpConfiguration,
  BgpPeer,
  EncapsulationMode,
  FelixConfiguration,
  GlobalNetworkSet,
  IpPool,
  IpPoolUse,
  NetworkSet,
  Protocol,
  Selector,
} from '../../lib';

const chart = (ns?: string) => new Chart(Testing.app(), 'test', { namespace: ns });

test('GlobalNetworkSet is cluster-scoped, NetworkSet namespaced; addNets appends', () => {
  const c = chart('apps');
  const g = new GlobalNetworkSet(c, 'Admins', { nets: ['192.168.10.0/24'], labels: { role: 'admins' } });
  g.addNets('10.1.2.3');
  new NetworkSet(c, 'Partners', { nets: ['198.51.100.0/24'] });
  const [gd, nd] = Testing.synth(c);
  expect(gd).toEqual({
    apiVersion: 'projectcalico.org/v3',
    kind: 'GlobalNetworkSet',
    metadata: { name: 'admins', labels: { role: 'admins' } },
    spec: { nets: ['192.168.10.0/24', '10.1.2.3'] },
  });
  expect(nd.metadata).toEqual({ name: 'partners', namespace: 'apps' });
});

test('network sets may not use the projectcalico.org/namespace label', () => {
  expect(
    () => new GlobalNetworkSet(chart(), 'G', { nets: ['10.0.0.0/8'], labels: { 'projectcalico.org/namespace': 'x' } }),
  ).toThrow(/\[test\/G\] metadata.labels.*projectcalico.org\/namespace/);
});

test('IpPool is emitted with Calico defaults filled in', () => {
  const c = chart();
  new IpPool(c, 'Pods', { cidr: '10.244.0.0/16', ipipMode: EncapsulationMode.CROSS_SUBNET, natOutgoing: true });
  new IpPool(c, 'PodsV6', { cidr: 'fd00:10::/64', vxlanMode: EncapsulationMode.ALWAYS });
  const [v4, v6] = Testing.synth(c);
  expect(v4.spec).toEqual({
    cidr: '10.244.0.0/16',
    blockSize: 26,
    ipipMode: 'CrossSubnet',
    vxlanMode: 'Never',
    natOutgoing: true,
    disabled: false,
    nodeSelector: 'all()',
    allowedUses: ['Workload', 'Tunnel'],
    assignmentMode: 'Automatic',
  });
  expect(v6.spec.blockSize).toBe(122);
});

test('IpPool rules: IPIP with VXLAN, IPIP on IPv6, LoadBalancer use with encapsulation, host bits, block size throw at once', () => {
  for (const props of [
    { cidr: '10.0.0.0/16', ipipMode: EncapsulationMode.ALWAYS, vxlanMode: EncapsulationMode.ALWAYS },
    { cidr: 'fd00::/64', ipipMode: EncapsulationMode.ALWAYS },
    { cidr: '10.0.0.0/16', ipipMode: EncapsulationMode.ALWAYS, allowedUses: [IpPoolUse.LOAD_BALANCER] },
    { cidr: '10.0.0.1/16' },
    { cidr: '10.0.0.0/16', blockSize: 19 },
  ]) {
    expect(() => new IpPool(chart(), 'P', props)).toThrow(/\[test\/P\] spec/);
  }
});

test('BgpConfiguration advertises service ranges on default', () => {
  const c = chart();
  new BgpConfiguration(c, 'Bgp', {
    serviceClusterIps: ['10.96.0.0/12'],
    serviceExternalIps: ['203.0.113.0/24'],
    asNumber: 64512,
  });
  const [doc] = Testing.synth(c);
  expect(doc.metadata.name).toBe('default');
  expect(doc.spec).toEqual({
    asNumber: 64512,
    serviceClusterIPs: [{ cidr: '10.96.0.0/12' }],
    serviceExternalIPs: [{ cidr: '203.0.113.0/24' }],
  });
});

test('BgpConfiguration service fields on another name, or non-masked CIDRs, throw at once', () => {
  expect(
    () => new BgpConfiguration(chart(), 'Node', { name: 'node.worker-1', serviceClusterIps: ['10.96.0.0/12'] }),
  ).toThrow(/default/);
  expect(() => new BgpConfiguration(chart(), 'Bgp', { serviceClusterIps: ['10.96.0.1/12'] })).toThrow(
    /serviceClusterIPs/,
  );
});

test('a network set changed after construction is validated again at synth', () => {
  const c = chart();
  const g = new GlobalNetworkSet(c, 'G', { nets: ['10.0.0.0/8'] });
  g.addNets('not-an-ip');
  expect(() => Testing.synth(c)).toThrow(/\[test\/G\] spec.nets\[1\]/);
});

test('BgpPeer renders peerIP', () => {
  const c = chart();
  new BgpPeer(c, 'Tor', { peerIp: '192.0.2.1', asNumber: 64513, nodeSelector: Selector.has('rack') });
  expect(Testing.synth(c)[0].spec).toEqual({ peerIP: '192.0.2.1', asNumber: 64513, nodeSelector: 'has(rack)' });
});

test('FelixConfiguration failsafe ports and extra spec', () => {
  const c = chart();
  new FelixConfiguration(c, 'Felix', {
    failsafeInboundHostPorts: [{ port: 22 }, { port: 68, protocol: Protocol.udp() }, { port: 6443, net: '10.0.0.0/8' }],
    failsafeOutboundHostPorts: [],
    dangerouslyDisableFailsafePorts: true,
    extraSpec: { bpfEnabled: false, logSeverityScreen: 'Info' },
  });
  const [doc] = Testing.synth(c);
  expect(doc.metadata.name).toBe('default');
  expect(doc.metadata.annotations).toEqual({
    'cdk8s-calico.io/failsafe-ports-removed':
      'inbound tcp:179,tcp:2379,tcp:2380,tcp:5473,tcp:6666,tcp:6667; outbound udp:53,udp:67,tcp:179,tcp:2379,tcp:2380,tcp:5473,tcp:6443,tcp:6666,tcp:6667',
  });
  expect(doc.spec).toEqual({
    bpfEnabled: false,
    logSeverityScreen: 'Info',
    failsafeInboundHostPorts: [
      { protocol: 'TCP', port: 22 },
      { protocol: 'UDP', port: 68 },
      { protocol: 'TCP', port: 6443, net: '10.0.0.0/8' },
    ],
    failsafeOutboundHostPorts: [],
  });
});

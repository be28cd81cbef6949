// FlannelNetwork: Canal's canal-config ConfigMap with the net-conf.json backends of docs/scenarios.md#004 (vxlan, vxlan
// with DirectRouting, host-gw). Keys from projectcalico/calico manifests/canal.yaml; rules from flannel
// pkg/subnet/config.go (CheckNetworkConfig) and pkg/backend/vxlan/vxlan.go (VNI, Port, DirectRouting).
import { Chart, Testing } from 'cdk8s';
import { FlannelBackend, FlannelNetwork, FlannelNetworkProps } from '../../lib/network/flannel-network';

const chart = (ns?: string) => new Chart(Testing.app(), 'test', { namespace: ns });

function synthOne(props: FlannelNetworkProps, ns?: string): any {
  const c = chart(ns);
  new FlannelNetwork(c, 'Flannel', props);
  const docs = Testing.synth(c);
  expect(docs).toHaveLength(1);
  return docs[0];
}

describe('the three backends of the handbook', () => {
  test.each([
    ['vxlan (default)', undefined, { Type: 'vxlan' }],
    ['vxlan with DirectRouting', FlannelBackend.vxlan({ directRouting: true }), { Type: 'vxlan', DirectRouting: true }],
    ['host-gw', FlannelBackend.hostGw(), { Type: 'host-gw' }],
    [
      'vxlan with VNI and port',
      FlannelBackend.vxlan({ vni: 4096, port: 4789 }),
      { Type: 'vxlan', VNI: 4096, Port: 4789 },
    ],
  ])('%s', (_name, backend, expected) => {
    const doc = synthOne({ network: '10.244.0.0/16', backend });
    expect(JSON.parse(doc.data['net-conf.json'])).toEqual({ Network: '10.244.0.0/16', Backend: expected });
  });
});

test('the ConfigMap: canal-config in kube-system whatever the chart namespace, every key the Canal DaemonSet reads', () => {
  const doc = synthOne(
    {
      network: '10.244.0.0/16',
      backend: FlannelBackend.hostGw(),
      hostInterface: 'eth1',
      masquerade: false,
      vethMtu: 1450,
    },
    'apps',
  );
  expect(doc.apiVersion).toBe('v1');
  expect(doc.kind).toBe('ConfigMap');
  expect(doc.metadata).toEqual({ name: 'canal-config', namespace: 'kube-system' });
  expect(Object.keys(doc.data).sort()).toEqual([
    'canal_iface',
    'cni_network_config',
    'masquerade',
    'net-conf.json',
    'typha_service_name',
    'veth_mtu',
  ]);
  expect(doc.data).toMatchObject({
    canal_iface: 'eth1',
    masquerade: 'false',
    veth_mtu: '1450',
    typha_service_name: 'none',
  });
  // The seed's host-gw net-conf.json, byte for byte apart from whitespace.
  expect(doc.data['net-conf.json']).toBe(
    '{\n  "Network": "10.244.0.0/16",\n  "Backend": {\n    "Type": "host-gw"\n  }\n}\n',
  );
});

test("cni_network_config is Canal's: calico plugin with host-local IPAM on the pod CIDR, portmap; MTU a bare placeholder", () => {
  const cni: string = synthOne({ network: '10.244.0.0/16' }).data.cni_network_config;
  expect(cni).toContain('"mtu": __CNI_MTU__,');
  const parsed = JSON.parse(cni.replace('__CNI_MTU__', '1450'));
  expect(parsed.plugins.map((p: any) => p.type)).toEqual(['calico', 'portmap']);
  expect(parsed.plugins[0]).toMatchObject({
    datastore_type: 'kubernetes',
    ipam: { type: 'host-local', subnet: 'usePodCidr' },
    policy: { type: 'k8s' },
    mtu: 1450,
  });
});

test('defaults: default-route interface, masquerade on, MTU auto; name and namespace can be changed', () => {
  const doc = synthOne({ network: '10.244.0.0/16', name: 'my-canal', namespace: 'canal' });
  expect(doc.metadata).toEqual({ name: 'my-canal', namespace: 'canal' });
  expect(doc.data).toMatchObject({ canal_iface: '', masquerade: 'true', veth_mtu: '0' });
});

test('deterministic output; SubnetLen written only when given', () => {
  const a = synthOne({
    network: '10.244.0.0/16',
    subnetLen: 24,
    backend: FlannelBackend.vxlan({ directRouting: true }),
  });
  const b = synthOne({
    network: '10.244.0.0/16',
    subnetLen: 24,
    backend: FlannelBackend.vxlan({ directRouting: true }),
  });
  expect(a).toEqual(b);
  expect(JSON.parse(a.data['net-conf.json'])).toEqual({
    Network: '10.244.0.0/16',
    SubnetLen: 24,
    Backend: { Type: 'vxlan', DirectRouting: true },
  });
});

describe('bad input throws at once, naming the construct, the field and the fix', () => {
  test.each<[string, FlannelNetworkProps, RegExp]>([
    [
      'host bits',
      { network: '10.244.1.0/16' },
      /Network: 10\.244\.1\.0\/16 is not strictly masked; fix: use 10\.244\.0\.0\/16/,
    ],
    ['not a CIDR', { network: '10.244.0.0' }, /Network: "10\.244\.0\.0" is not an IPv4 CIDR; fix:/],
    ['IPv6', { network: 'fd00::/48' }, /Network: "fd00::\/48" is not an IPv4 CIDR/],
    ['network smaller than /28', { network: '10.0.0.0/29' }, /Network: \/29 is too small for flannel.*fix:/],
    [
      'SubnetLen above 30',
      { network: '10.244.0.0/16', subnetLen: 31 },
      /SubnetLen: 31 must be an integer from 18 .* to 30; fix: use e\.g\. 24/,
    ],
    [
      'SubnetLen not four subnets',
      { network: '10.244.0.0/16', subnetLen: 17 },
      /SubnetLen: 17 must be an integer from 18/,
    ],
    [
      'VNI 0',
      { network: '10.244.0.0/16', backend: FlannelBackend.vxlan({ vni: 0 }) },
      /Backend\.VNI: 0 is not a VNI flannel can use.*fix:/,
    ],
    [
      'VNI beyond 16 bits',
      { network: '10.244.0.0/16', backend: FlannelBackend.vxlan({ vni: 70000 }) },
      /Backend\.VNI: 70000/,
    ],
    [
      'port 0',
      { network: '10.244.0.0/16', backend: FlannelBackend.vxlan({ port: 0 }) },
      /Backend\.Port: 0 is not a UDP port; fix:.*8472/,
    ],
    [
      'interface name too long',
      { network: '10.244.0.0/16', hostInterface: 'a-very-long-interface' },
      /canal_iface: .*fix:/,
    ],
    ['MTU', { network: '10.244.0.0/16', vethMtu: 20 }, /veth_mtu: 20 is not an MTU; fix:/],
  ])('%s', (_name, props, message) => {
    expect(() => new FlannelNetwork(chart(), 'Flannel', props)).toThrow(/^\[test\/Flannel\] net-conf\.json /);
    expect(() => new FlannelNetwork(chart(), 'Flannel', props)).toThrow(message);
  });

  test('the boundaries flannel accepts construct', () => {
    expect(new FlannelNetwork(chart(), 'A', { network: '10.0.0.0/28' }).netConf).toContain('10.0.0.0/28');
    expect(new FlannelNetwork(chart(), 'B', { network: '10.244.0.0/16', subnetLen: 18 }).netConf).toContain(
      '"SubnetLen": 18',
    );
    expect(
      new FlannelNetwork(chart(), 'C', {
        network: '10.244.0.0/16',
        subnetLen: 30,
        backend: FlannelBackend.vxlan({ vni: 65535, port: 65535 }),
      }).backend.type,
    ).toBe('vxlan');
  });
});

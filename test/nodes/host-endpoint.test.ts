import { Chart, Testing } from 'cdk8s';
import { HostEndpoint, KubeControllersConfiguration, Protocol, Selector } from '../../lib';

const chart = (ns?: string) => new Chart(Testing.app(), 'test', { namespace: ns });

describe('HostEndpoint', () => {
  test('renders node, interface, expected IPs, ports; no namespace even in a namespaced chart', () => {
    const c = chart('apps');
    const hep = new HostEndpoint(c, 'Node1Eth0', {
      node: 'node-1',
      interfaceName: 'eth0',
      expectedIPs: ['10.0.0.11', 'fd00::11'],
      labels: { 'kubernetes-host': '' },
      ports: [
        { name: 'kubelet', port: 10250 },
        { name: 'dns', port: 53, protocol: Protocol.udp() },
      ],
    });
    const [doc] = Testing.synth(c);
    expect(hep.hostEndpointName).toBe('node1-eth0');
    expect(doc.kind).toBe('HostEndpoint');
    expect(doc.metadata).toEqual({ name: 'node1-eth0', labels: { 'kubernetes-host': '' } });
    expect(doc.spec).toEqual({
      node: 'node-1',
      interfaceName: 'eth0',
      expectedIPs: ['10.0.0.11', 'fd00::11'],
      ports: [
        { name: 'kubelet', port: 10250, protocol: 'TCP' },
        { name: 'dns', port: 53, protocol: 'UDP' },
      ],
    });
  });

  test('the kube-controllers ownership label is refused (it would adopt and delete the object)', () => {
    expect(
      () =>
        new HostEndpoint(chart(), 'H', {
          node: 'n',
          interfaceName: 'eth0',
          labels: { 'projectcalico.org/created-by': 'calico-kube-controllers' },
        }),
    ).toThrow(/\[test\/H\] metadata.labels.*created-by/);
  });

  test('a host endpoint with neither interface nor IPs throws with the path and field', () => {
    expect(() => new HostEndpoint(chart(), 'H', { node: 'n' })).toThrow(/\[test\/H\] spec/);
  });

  test('bad expected IPs throw at once', () => {
    expect(() => new HostEndpoint(chart(), 'H', { node: 'n', expectedIPs: ['10.0.0.0/24'] })).toThrow(
      /\[test\/H\] spec.expectedIPs\[0\]/,
    );
  });

  test('fromHostEndpointName references an unowned endpoint', () => {
    expect(HostEndpoint.fromHostEndpointName('node-1-auto-hep').hostEndpointName).toBe('node-1-auto-hep');
  });
});

describe('KubeControllersConfiguration', () => {
  test('is named default and emits only the fields set', () => {
    const c = chart('apps');
    new KubeControllersConfiguration(c, 'Kcc', { hostEndpoints: { autoCreate: true } });
    const [doc] = Testing.synth(c);
    expect(doc.metadata).toEqual({ name: 'default' });
    expect(doc.spec).toEqual({ controllers: { node: { hostEndpoint: { autoCreate: 'Enabled' } } } });
  });

  test('templates render interfaceCIDRs (the wire spelling) and selectors', () => {
    const c = chart();
    new KubeControllersConfiguration(c, 'Kcc', {
      syncLabels: true,
      hostEndpoints: {
        createDefaultHostEndpoint: false,
        templates: [
          {
            generateName: 'uplink',
            nodeSelector: Selector.has('edge'),
            interfaceCidrs: ['10.0.0.0/8'],
            interfacePattern: '^eth[0-9]+$',
            labels: { uplink: 'true' },
          },
        ],
      },
    });
    const [doc] = Testing.synth(c);
    expect(doc.spec.controllers.node).toEqual({
      syncLabels: 'Enabled',
      hostEndpoint: {
        autoCreate: 'Enabled',
        createDefaultHostEndpoint: 'Disabled',
        templates: [
          {
            generateName: 'uplink',
            nodeSelector: 'has(edge)',
            interfaceCIDRs: ['10.0.0.0/8'],
            interfacePattern: '^eth[0-9]+$',
            labels: { uplink: 'true' },
          },
        ],
      },
    });
  });

  test('another name is refused', () => {
    expect(() => new KubeControllersConfiguration(chart(), 'K', { name: 'custom' })).toThrow(/default/);
  });
});

describe('labels and annotations after construction', () => {
  test('addLabel and addAnnotation reach the output and are validated at once', () => {
    const c = chart();
    const hep = new HostEndpoint(c, 'H', { node: 'n', interfaceName: 'eth0' });
    hep.addLabel('environment', 'dev');
    hep.addAnnotation('owner', 'platform');
    expect(() => hep.addLabel('bad key!', 'x')).toThrow(/\[test\/H\] metadata.labels/);
    expect(() => hep.addLabel('projectcalico.org/created-by', 'calico-kube-controllers')).not.toThrow();
    expect(() => Testing.synth(c)).toThrow(/created-by/);
  });
  test('labels set later show up in the synthesized object', () => {
    const c = new Chart(Testing.app(), 'test', { labels: { team: 'net' } });
    const hep = new HostEndpoint(c, 'H', { node: 'n', interfaceName: 'eth0' });
    hep.addLabel('environment', 'dev');
    hep.addAnnotation('owner', 'platform');
    const [doc] = Testing.synth(c);
    expect(doc.metadata).toEqual({
      name: 'h',
      labels: { team: 'net', environment: 'dev' },
      annotations: { owner: 'platform' },
    });
    expect(hep.toManifest().metadata).toEqual(doc.metadata);
  });
});

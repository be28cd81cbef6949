// FelixConfiguration failsafe ports: removing Calico's defaults is refused unless acknowledged, and the
// acknowledgement names what is removed. Defaults: felix/config/config_params.go.
import { Chart, Testing } from 'cdk8s';
import {
  DEFAULT_FAILSAFE_INBOUND,
  DEFAULT_FAILSAFE_OUTBOUND,
  FelixConfiguration,
  NetworkModel,
  Protocol,
} from '../../lib';
import { missingDefaultFailsafePorts } from '../../lib/network/felix-configuration';
import { failsafeLintFindings } from '../../lib/lint/failsafe-lint';
import { gnp, hep, node } from '../analysis/network/fixtures';

const chart = () => new Chart(Testing.app(), 'test');

test("the typed defaults are the engine's lists (one source), and keep every port when passed back", () => {
  const inbound = FelixConfiguration.defaultFailsafeInboundPorts();
  expect(inbound.map((p) => `${String(p.protocol!.value).toLowerCase()}:${p.port}`)).toEqual(
    DEFAULT_FAILSAFE_INBOUND.map((d) => d.text),
  );
  expect(FelixConfiguration.defaultFailsafeOutboundPorts().map((p) => p.port)).toEqual(
    DEFAULT_FAILSAFE_OUTBOUND.map((d) => d.port),
  );
  const c = chart();
  const felix = new FelixConfiguration(c, 'Felix', {
    failsafeInboundHostPorts: [...inbound, { port: 9100 }],
    failsafeOutboundHostPorts: FelixConfiguration.defaultFailsafeOutboundPorts(),
  });
  expect(felix.removedInboundFailsafePorts).toEqual([]);
  const [doc] = Testing.synth(c);
  expect(doc.spec.failsafeInboundHostPorts).toContainEqual({ protocol: 'TCP', port: 9100 });
  expect(doc.spec.failsafeInboundHostPorts).toContainEqual({ protocol: 'UDP', port: 68 });
  expect(doc.metadata.annotations).toBeUndefined();
  expect(failsafeLintFindings([doc])).toEqual([]);
});

test('a default restricted to a net still counts as kept', () => {
  expect(missingDefaultFailsafePorts([{ protocol: 'TCP', port: 22 }], 'inbound')).toEqual([
    'udp:68',
    'tcp:179',
    'tcp:2379',
    'tcp:2380',
    'tcp:5473',
    'tcp:6443',
    'tcp:6666',
    'tcp:6667',
  ]);
  const withNet = FelixConfiguration.defaultFailsafeInboundPorts().map((p) =>
    p.port === 22 ? { ...p, net: '192.168.10.0/24' } : p,
  );
  expect(
    new FelixConfiguration(chart(), 'Felix', { failsafeInboundHostPorts: withNet }).removedInboundFailsafePorts,
  ).toEqual([]);
  // Protocol matters: UDP 22 does not keep TCP 22.
  expect(missingDefaultFailsafePorts([{ protocol: 'UDP', port: 22 }], 'inbound')).toContain('tcp:22');
  expect(missingDefaultFailsafePorts(undefined, 'outbound')).toEqual([]);
});

describe('removing defaults without acknowledgement throws, naming the field, the ports lost and the fix', () => {
  test.each([
    [
      'empty inbound list',
      { failsafeInboundHostPorts: [] },
      /\[test\/Felix\] spec\.failsafeInboundHostPorts disables every inbound failsafe port tcp:22 \(SSH\), udp:68 \(DHCP client\), tcp:179 \(BGP\)/,
    ],
    [
      'dropping etcd and Typha',
      {
        failsafeInboundHostPorts: [{ port: 22 }, { port: 6443 }, { port: 179 }, { port: 68, protocol: Protocol.udp() }],
      },
      /spec\.failsafeInboundHostPorts drops tcp:2379 \(etcd\), tcp:2380 \(etcd peers\), tcp:5473 \(Typha\), tcp:6666 \(etcd self-hosted\), tcp:6667 \(etcd self-hosted\)/,
    ],
    [
      'dropping outbound DNS',
      { failsafeOutboundHostPorts: FelixConfiguration.defaultFailsafeOutboundPorts().filter((p) => p.port !== 53) },
      /spec\.failsafeOutboundHostPorts drops udp:53 \(DNS\): .*lock the cluster out; fix: .*defaultFailsafeOutboundPorts\(\).*dangerouslyDisableFailsafePorts: true/,
    ],
  ])('%s', (_name, props, message) => {
    expect(() => new FelixConfiguration(chart(), 'Felix', props)).toThrow(message);
  });

  test('the extraSpec escape hatch cannot bypass the check', () => {
    expect(() => new FelixConfiguration(chart(), 'Felix', { extraSpec: { failsafeInboundHostPorts: [] } })).toThrow(
      /\[test\/Felix\] extraSpec\.failsafeInboundHostPorts: .*fix: pass failsafeInboundHostPorts instead/,
    );
  });

  test('a stale acknowledgement throws too', () => {
    expect(() => new FelixConfiguration(chart(), 'Felix', { dangerouslyDisableFailsafePorts: true })).toThrow(
      /\[test\/Felix\] dangerouslyDisableFailsafePorts: no default failsafe port is removed.*fix: remove dangerouslyDisableFailsafePorts/,
    );
  });

  test('acknowledged: emitted with the annotation naming what is removed, which the lint accepts', () => {
    const c = chart();
    const felix = new FelixConfiguration(c, 'Felix', {
      name: 'node.worker-1',
      failsafeInboundHostPorts: [],
      dangerouslyDisableFailsafePorts: true,
    });
    const [doc] = Testing.synth(c);
    expect(felix.removedInboundFailsafePorts).toHaveLength(DEFAULT_FAILSAFE_INBOUND.length);
    expect(doc.spec).toEqual({ failsafeInboundHostPorts: [] });
    expect(doc.metadata.annotations).toEqual({
      'cdk8s-calico.io/failsafe-ports-removed':
        'inbound tcp:22,udp:68,tcp:179,tcp:2379,tcp:2380,tcp:5473,tcp:6443,tcp:6666,tcp:6667; outbound none',
    });
    expect(failsafeLintFindings([doc])).toEqual([]);
  });
});

test('the engine shows the lockout: a host endpoint with a deny-all policy keeps SSH only through the failsafes', () => {
  const cluster = [
    node('node-a', '10.0.0.1'),
    hep('node-a-eth0', { node: 'node-a', interfaceName: 'eth0', expectedIPs: ['10.0.0.1'] }, { host: '' }),
    gnp('hosts-deny-all', { selector: 'has(host)', types: ['Ingress'] }),
  ];
  const ssh = (docs: any[]) =>
    NetworkModel.fromManifests([...cluster, ...docs]).evaluate({ from: '203.0.113.5', to: 'node/node-a', port: 22 });
  const kept = chart();
  new FelixConfiguration(kept, 'Felix', {
    failsafeInboundHostPorts: [...FelixConfiguration.defaultFailsafeInboundPorts(), { port: 9100 }],
  });
  const open = ssh(Testing.synth(kept));
  expect(open.allowed).toBe(true);
  expect(open.steps.at(-1)!.decision).toMatchObject({ default: 'failsafe port', failsafe: 'tcp:22' });
  const removed = chart();
  new FelixConfiguration(removed, 'Felix', { failsafeInboundHostPorts: [], dangerouslyDisableFailsafePorts: true });
  const locked = ssh(Testing.synth(removed));
  expect(locked.allowed).toBe(false);
  expect(locked.steps.at(-1)!.decision).toMatchObject({ default: 'end-of-tier deny' });
});

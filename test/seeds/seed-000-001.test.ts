// docs/scenarios.md#000 and docs/scenarios.md#001, written from the README alone (SecuredNodePool, IpipTunnelEndpoints,
// the traffic matchers): SSH from outside the admin network is denied on every node and allowed from inside it (the
// failsafe TCP 22 is narrowed to `sshFrom`), and a missing tunnel endpoint fails synth naming the fix (issue 12).
import { App, Chart } from 'cdk8s';
import { lintManifests, Peer, Port, Selector } from '../../lib';
import {
  IpipTunnelEndpoints,
  NodeHostEndpoints,
  NodeInventory,
  PodEncapsulation,
  SecuredNodePool,
  TunnelDevice,
} from '../../lib/nodes';
import { calicoMatchers } from '../../lib/testing';

expect.extend(calicoMatchers);

const ADMIN = '192.168.10.0/24';
const node = (name: string, ip: string, tunnel: string, labels: Record<string, string> = {}) => ({
  name,
  labels: { 'kubernetes-host': '', ...labels },
  internalIps: [ip],
  bgpIpv4Address: `${ip}/24`,
  ipipTunnelAddress: tunnel,
});

/** docs/scenarios.md#000: five nodes labelled kubernetes-host, two of them dev, automatic host endpoints, IPIP. */
const seed000Nodes = () =>
  NodeInventory.fromNodes([
    node('node1', '172.16.101.147', '192.168.228.128', {
      'environment': 'dev',
      'node-role.kubernetes.io/control-plane': '',
    }),
    node('node2', '172.16.101.54', '192.168.107.128', { environment: 'dev' }),
    node('node3', '172.16.101.79', '192.168.91.64', { environment: 'prod' }),
    node('node4', '172.16.101.9', '192.168.71.192', { environment: 'prod' }),
    node('node5', '172.16.102.63', '192.168.108.192', { environment: 'prod' }),
  ]);

/** docs/scenarios.md#001: three IPIP nodes with explicit eth0 host endpoints. */
const seed001Nodes = () =>
  NodeInventory.fromNodes([
    node('k8s-master', '10.39.0.110', '192.168.40.64', { 'node-role.kubernetes.io/control-plane': '' }),
    node('k8s-node1', '10.39.0.111', '192.168.41.0'),
    node('k8s-node2', '10.39.0.112', '192.168.42.128'),
  ]);

function seed000(): { app: App; chart: Chart; inventory: NodeInventory } {
  const app = new App();
  const chart = new Chart(app, 'nodes');
  const inventory = seed000Nodes();
  const pool = new SecuredNodePool(chart, 'Nodes', {
    selector: Selector.has('kubernetes-host'),
    hostEndpoints: NodeHostEndpoints.automatic(),
    inventory,
    network: { encapsulation: PodEncapsulation.IPIP },
    baseline: { sshFrom: [ADMIN] },
  });
  pool.allowIngress(Peer.nets('172.16.0.0/16'), Port.tcp(9100), { description: 'node-exporter' });
  pool
    .subset('Dev', Selector.eq('environment', 'dev'))
    .allowIngress(Peer.nets('10.0.0.0/8'), Port.tcpRange(30000, 32767), { description: 'NodePorts' });
  return { app, chart, inventory };
}

function seed001(tunnels: boolean): { app: App; chart: Chart; inventory: NodeInventory } {
  const app = new App();
  const chart = new Chart(app, 'nodes');
  const inventory = seed001Nodes();
  const pool = new SecuredNodePool(chart, 'Nodes', {
    hostEndpoints: NodeHostEndpoints.explicit({ interfaces: ['eth0'] }),
    inventory,
    hostEndpointLabels: { 'kubernetes-host': '' },
    network: { encapsulation: PodEncapsulation.IPIP },
    baseline: { sshFrom: [ADMIN] },
  });
  if (tunnels) new IpipTunnelEndpoints(chart, 'Tunnels', { pool, device: TunnelDevice.IPIP });
  return { app, chart, inventory };
}

describe.each([
  ['seed 000 (automatic host endpoints)', () => seed000()],
  ['seed 001 (explicit eth0 + tunl0 host endpoints)', () => seed001(true)],
])('%s', (_name, make) => {
  const { app, chart, inventory } = make();
  const cluster = inventory.toNodeManifests();

  test('synthesizes (the lockout guard proves the essential flows, SSH from the admin network among them)', () => {
    expect(() => app.synthYaml()).not.toThrow();
  });

  test('lint over the output and the cluster agrees with the guard: no node flow blocked, no rule shadowed by a failsafe port', () => {
    const docs = [...app.charts.flatMap((c) => c.toJson()), ...cluster];
    expect(
      lintManifests(docs).filter(
        (f) => f.rule === 'lint.node-access-blocked' || f.rule === 'lint.failsafe-shadows-rule',
      ),
    ).toEqual([]);
  });

  test.each(inventory.nodes.map((n) => n.name))(
    'SSH to %s: denied from outside the admin network, allowed from inside',
    (name) => {
      expect(chart).toDenyTraffic({ from: '203.0.113.9', to: `node/${name}`, protocol: 'TCP', port: 22 }, { cluster });
      expect(chart).toAllowTraffic(
        { from: '192.168.10.5', to: `node/${name}`, protocol: 'TCP', port: 22 },
        { cluster },
      );
    },
  );
});

describe('seed 001 without tunnel endpoints', () => {
  test('synth fails on node → pod traffic and names the fix: add IpipTunnelEndpoints', () => {
    const { app } = seed001(false);
    expect(() => app.synthYaml()).toThrow(
      /lockout guard: node → pod on another node \(an isolated pod\) is blocked: node\/k8s-master → .*fix: add IpipTunnelEndpoints: the node sends to pods on other nodes from its tunl0 address 192\.168\.40\.64, which no host endpoint lists/s,
    );
  });
});

// The lockout guard proves flows on one node per group of nodes that every policy treats alike: a lockout that hits
// a single node of a hundred (by label, by address, by a missing endpoint) is still found, on that node.
import { Chart, Testing } from 'cdk8s';
import { GlobalNetworkPolicy, Peer, Port, Selector } from '../../lib';
import {
  IpipTunnelEndpoints,
  NodeHostEndpoints,
  NodeInventory,
  PodEncapsulation,
  SecuredNodePool,
} from '../../lib/nodes';
import { representativeNodes } from '../../lib/nodes/guard-groups';

const nodes = (n: number) =>
  NodeInventory.fromNodes(
    Array.from({ length: n }, (_, i) => ({
      name: `node-${i}`,
      labels: {
        'kubernetes.io/hostname': `node-${i}`,
        'rack': i === 42 ? 'r42' : 'r0',
        ...(i < 2 ? { 'node-role.kubernetes.io/control-plane': '' } : {}),
      },
      internalIps: [`10.0.0.${i + 1}`],
      ipipTunnelAddress: `192.168.${i}.1`,
    })),
  );

function pool(chart: Chart, count = 100): SecuredNodePool {
  return new SecuredNodePool(chart, 'Nodes', {
    hostEndpoints: NodeHostEndpoints.explicit(),
    inventory: nodes(count),
    hostEndpointLabels: { 'kubernetes-host': '' },
    network: { encapsulation: PodEncapsulation.IPIP },
  });
}

describe('representativeNodes', () => {
  test('alike nodes collapse to a few; control-plane nodes are all kept; the last one is a spare for the probe pod', () => {
    const chart = new Chart(Testing.app(), 'c');
    const p = pool(chart);
    new IpipTunnelEndpoints(chart, 'Tunnels', { pool: p });
    const docs = Testing.synth(chart);
    const reps = representativeNodes(p.nodes, (n) => p.labelsFor(n), docs, {
      keep: (n) => 'node-role.kubernetes.io/control-plane' in n.labels,
    });
    const names = reps.map((n) => n.name);
    expect(names).toEqual(expect.arrayContaining(['node-0', 'node-1', 'node-2']));
    expect(names.length).toBeLessThanOrEqual(5);
    expect(names[names.length - 1]).toBe('node-3'); // a second member of node-2's group
  });

  test('a label some policy selects, an address some rule names, a missing endpoint: each makes its own group', () => {
    const chart = new Chart(Testing.app(), 'c');
    const p = pool(chart);
    new IpipTunnelEndpoints(chart, 'Tunnels', { pool: p });
    p.subset('Rack42', Selector.eq('rack', 'r42')).allowIngress(Peer.nets('172.16.0.0/16'), Port.tcp(9100));
    new GlobalNetworkPolicy(chart, 'One', { name: 'one', selector: Selector.has('kubernetes-host') }).allowIngress(
      Peer.nets('10.0.0.58/32'),
      Port.tcp(9200),
    );
    const docs = Testing.synth(chart).filter((d) => !(d.kind === 'HostEndpoint' && d.spec.node === 'node-77'));
    const reps = representativeNodes(p.nodes, (n) => p.labelsFor(n), docs).map((n) => n.name);
    expect(reps).toEqual(expect.arrayContaining(['node-42', 'node-57', 'node-77']));
  });
});

describe('the guard with groups', () => {
  test('a lockout of one node out of a hundred, by its address alone, fails synth on that node', () => {
    const app = Testing.app();
    const chart = new Chart(app, 'c');
    const p = pool(chart);
    new IpipTunnelEndpoints(chart, 'Tunnels', { pool: p });
    p.denyIngress(Peer.any(), Port.tcp(10250), {
      localPeer: Peer.nets('10.0.0.58/32'),
      description: 'one kubelet locked',
    });
    expect(() => app.synthYaml()).toThrow(
      /control plane → kubelet \(TCP 10250\) is blocked: node\/node-0 → node\/node-57 /,
    );
  });

  test('a node whose endpoint is missing is proven on its own', () => {
    const chart = new Chart(Testing.app(), 'c');
    const p = pool(chart, 20);
    new IpipTunnelEndpoints(chart, 'Tunnels', { pool: p });
    expect(p.checkLockout()).toEqual([]);
  });
});

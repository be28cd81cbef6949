// nodeHostEndpointSpecs: the one place inventory nodes become host endpoint props (SecuredNodePool, tunnel endpoints,
// ServiceExposureFoundation). Each test states the rule it pins down.
import { Selector } from '../../lib';
import { NodeInventory } from '../../lib/nodes';
import {
  hostEndpointName,
  nodeAddresses,
  nodeEndpointLabels,
  nodeHostEndpointSpecs,
  refuseOwnershipLabel,
} from '../../lib/nodes/node-host-endpoint-specs';

const CREATED_BY = 'projectcalico.org/created-by';

const inventory = () =>
  NodeInventory.fromNodes([
    {
      name: 'cp-1',
      labels: { 'role': 'cp', [CREATED_BY]: 'calico-kube-controllers' },
      internalIps: ['10.0.0.1'],
      bgpIpv4Address: '10.0.0.1/24',
    },
    {
      name: 'worker-1',
      labels: { role: 'worker' },
      internalIps: ['10.0.0.2'],
      bgpIpv4Address: '10.9.0.2/16',
      ipipTunnelAddress: '192.168.2.0',
    },
  ]);

describe('hostEndpointName', () => {
  test.each([
    ['worker-1', 'eth0', 'worker-1-eth0'],
    ['worker-1', '*', 'worker-1-all-interfaces'],
    ['Node_A', 'eth0', 'node-a-eth0'],
    ['w1', 'vxlan.calico', 'w1-vxlan.calico'],
    ['w1', 'bond0:1', 'w1-bond0-1'],
  ])('%s + %s -> %s', (node, iface, name) => {
    expect(hostEndpointName(node, iface)).toBe(name);
  });
});

describe('labels', () => {
  test('the ownership label is never copied from the node; extra labels win over node labels', () => {
    const [cp] = inventory().nodes;
    expect(nodeEndpointLabels(cp, { role: 'node', extra: '' })).toEqual({ role: 'node', extra: '' });
    expect(nodeEndpointLabels(cp)).toEqual({ role: 'cp' });
  });

  test('each call is a new object (callers may keep or change it)', () => {
    const [cp] = inventory().nodes;
    expect(nodeEndpointLabels(cp)).not.toBe(nodeEndpointLabels(cp));
  });

  test('the ownership label in extra labels is refused, naming the prop that carried it', () => {
    expect(() => refuseOwnershipLabel({ [CREATED_BY]: 'x' }, 'app/Nodes', 'labels')).toThrow(
      /^\[app\/Nodes\] labels: projectcalico.org\/created-by marks objects kube-controllers owns .*; fix: remove it$/,
    );
    expect(() => refuseOwnershipLabel({ other: 'x' }, 'app/Nodes', 'labels')).not.toThrow();
    expect(() => refuseOwnershipLabel(undefined, 'app/Nodes', 'labels')).not.toThrow();
  });
});

describe('nodeHostEndpointSpecs', () => {
  test('one spec per node and interface, in inventory order, with names, ids and the node addresses', () => {
    const specs = nodeHostEndpointSpecs(inventory(), { where: 'w', interfaces: ['eth0', '*'] });
    expect(specs.map((s) => [s.id, s.name, s.node, s.interfaceName])).toEqual([
      ['cp-1-eth0', 'cp-1-eth0', 'cp-1', 'eth0'],
      ['cp-1-*', 'cp-1-all-interfaces', 'cp-1', '*'],
      ['worker-1-eth0', 'worker-1-eth0', 'worker-1', 'eth0'],
      ['worker-1-*', 'worker-1-all-interfaces', 'worker-1', '*'],
    ]);
    // InternalIP first; a BGP address equal to it is not repeated.
    expect(specs[0].expectedIPs).toEqual(['10.0.0.1']);
    expect(specs[2].expectedIPs).toEqual(['10.0.0.2', '10.9.0.2']);
    expect(specs[2].inventoryNode.name).toBe('worker-1');
  });

  test('eth0 when no interface is given; no profiles unless given', () => {
    const specs = nodeHostEndpointSpecs(inventory(), { where: 'w' });
    expect(specs.map((s) => s.interfaceName)).toEqual(['eth0', 'eth0']);
    expect(specs[0].profiles).toBeUndefined();
    expect(nodeHostEndpointSpecs(inventory(), { where: 'w', profiles: ['p'] })[1].profiles).toEqual(['p']);
  });

  test('the selector sees the endpoint labels (node labels plus extra labels), not the node labels alone', () => {
    const opts = { where: 'w', selector: Selector.has('kubernetes-host') };
    expect(nodeHostEndpointSpecs(inventory(), opts)).toEqual([]);
    const specs = nodeHostEndpointSpecs(inventory(), { ...opts, extraLabels: { 'kubernetes-host': '' } });
    expect(specs.map((s) => s.node)).toEqual(['cp-1', 'worker-1']);
    expect(specs[0].labels).toEqual({ 'role': 'cp', 'kubernetes-host': '' });
    expect(
      nodeHostEndpointSpecs(inventory(), { where: 'w', selector: Selector.eq('role', 'worker') }).map((s) => s.node),
    ).toEqual(['worker-1']);
  });

  test('expectedIPs can come from elsewhere (a tunnel address), empty when a node lacks it', () => {
    const specs = nodeHostEndpointSpecs(inventory(), {
      where: 'w',
      interfaces: ['tunl0'],
      expectedIPs: (n) => (n.ipipTunnelAddress ? [n.ipipTunnelAddress] : []),
    });
    expect(specs.map((s) => s.expectedIPs)).toEqual([[], ['192.168.2.0']]);
  });

  test('takes a list of nodes as well as an inventory', () => {
    const nodes = inventory().nodes.slice(1);
    expect(nodeHostEndpointSpecs(nodes, { where: 'w' }).map((s) => s.node)).toEqual(['worker-1']);
  });

  test('refuses the ownership label in extra labels under labelsField, before any spec', () => {
    expect(() => nodeHostEndpointSpecs(inventory(), { where: 'app/T', extraLabels: { [CREATED_BY]: 'x' } })).toThrow(
      /^\[app\/T\] hostEndpointLabels: projectcalico.org\/created-by/,
    );
    expect(() =>
      nodeHostEndpointSpecs([], { where: 'app/T', extraLabels: { [CREATED_BY]: 'x' }, labelsField: 'labels' }),
    ).toThrow(/^\[app\/T\] labels: /);
  });

  test('nodeAddresses: InternalIPs then BGP addresses, without repeats', () => {
    const [cp, w] = inventory().nodes;
    expect(nodeAddresses(cp)).toEqual(['10.0.0.1']);
    expect(nodeAddresses(w)).toEqual(['10.0.0.2', '10.9.0.2']);
  });
});

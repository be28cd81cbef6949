// jsii has no read-only array, so the construct outputs that TypeScript typed `readonly T[]` are typed `T[]` and hold
// a frozen array (CHANGELOG "Changed"): still read-only at run time, for TypeScript callers and every other language.
import { Chart, Testing } from 'cdk8s';
import {
  AccessRole,
  BgpServiceAdvertisement,
  ExposedClusterIpService,
  IpipTunnelEndpoints,
  NodeHostEndpoints,
  NodeInventory,
  PodEncapsulation,
  Peer,
  resolveBaseline,
  SecuredNodePool,
  ServiceExposureFoundation,
} from '../../lib';

const inventory = () =>
  NodeInventory.fromNodes([
    {
      name: 'cp-1',
      labels: { 'node-role.kubernetes.io/control-plane': '' },
      internalIps: ['10.0.0.1'],
      bgpIpv4Address: '10.0.0.1/24',
      ipipTunnelAddress: '192.168.0.1',
    },
    { name: 'worker-1', labels: {}, internalIps: ['10.0.0.2'], ipipTunnelAddress: '192.168.1.1' },
  ]);

/** Every array, with the name it is reported under, and whether pushing to it throws. */
function frozenness(arrays: Record<string, unknown[]>): Array<[string, number, boolean]> {
  return Object.entries(arrays).map(([name, a]) => {
    let threw = false;
    try {
      (a as unknown[]).push(undefined);
    } catch {
      threw = true;
    }
    return [name, a.length, Object.isFrozen(a) && threw];
  });
}

test('node outputs: pool policies and endpoints, tunnel endpoints, inventory, resolved baseline', () => {
  const chart = new Chart(Testing.app(), 'c');
  const inv = inventory();
  const pool = new SecuredNodePool(chart, 'Nodes', {
    hostEndpoints: NodeHostEndpoints.explicit(),
    inventory: inv,
    hostEndpointLabels: { 'kubernetes-host': '' },
    network: { encapsulation: PodEncapsulation.IPIP },
    baseline: { sshFrom: ['10.9.0.0/16'] },
  });
  const tunnels = new IpipTunnelEndpoints(chart, 'Tunnels', { pool });
  const automatic = new SecuredNodePool(new Chart(Testing.app(), 'auto'), 'Nodes', {});
  const result = frozenness({
    'SecuredNodePool.baselinePolicies': pool.baselinePolicies,
    'SecuredNodePool.hostEndpoints': pool.hostEndpoints,
    'SecuredNodePool.hostEndpoints (automatic)': automatic.hostEndpoints,
    'IpipTunnelEndpoints.hostEndpoints': tunnels.hostEndpoints,
    'NodeInventory.nodes': inv.nodes,
    'InventoryNode.internalIps': inv.nodes[0].internalIps,
    'InventoryNode.bgpIps': inv.nodes[0].bgpIps,
    'ResolvedBaseline.sshFrom': resolveBaseline({ sshFrom: ['10.9.0.0/16'] }).sshFrom,
  });
  expect(result.map(([name, , frozen]) => [name, frozen])).toEqual(result.map(([name]) => [name, true]));
  expect(result.map(([, n]) => n)).toEqual([expect.any(Number), 2, 0, 2, 2, 1, 1, 1]);
  expect(Testing.synth(chart).length).toBeGreaterThan(4); // the frozen arrays still synthesize
});

test('service and access outputs: CIDRs, foundation endpoints, Service ports, role rules', () => {
  const chart = new Chart(Testing.app(), 'c');
  const foundation = new ServiceExposureFoundation(chart, 'F', {
    podCidrs: ['192.168.0.0/16'],
    inventory: inventory(),
  });
  const adv = new BgpServiceAdvertisement(chart, 'Adv', {
    clusterIpCidrs: ['10.96.0.0/12'],
    externalIpCidrs: ['203.0.113.0/24'],
  });
  const web = new ExposedClusterIpService(chart, 'Web', {
    service: {
      name: 'web',
      namespace: 'shop',
      clusterIp: '10.96.0.5',
      ports: [{ port: 80 }],
      podSelector: { app: 'w' },
    },
    allowFrom: [Peer.nets('50.60.0.0/16')],
  });
  const role = AccessRole.podsViewer(chart, 'Viewer', {});
  const result = frozenness({
    'ServiceExposureFoundation.podCidrs': foundation.podCidrs,
    'ServiceExposureFoundation.hostEndpoints': foundation.hostEndpoints,
    'BgpServiceAdvertisement.clusterIpCidrs': adv.clusterIpCidrs,
    'BgpServiceAdvertisement.externalIpCidrs': adv.externalIpCidrs,
    'BgpServiceAdvertisement.loadBalancerIpCidrs': adv.loadBalancerIpCidrs,
    'ExposedClusterIpService.ports': web.ports,
    'AccessRole.rules': role.rules,
  });
  expect(result).toEqual([
    ['ServiceExposureFoundation.podCidrs', 1, true],
    ['ServiceExposureFoundation.hostEndpoints', 2, true],
    ['BgpServiceAdvertisement.clusterIpCidrs', 1, true],
    ['BgpServiceAdvertisement.externalIpCidrs', 1, true],
    ['BgpServiceAdvertisement.loadBalancerIpCidrs', 0, true],
    ['ExposedClusterIpService.ports', 1, true],
    ['AccessRole.rules', 2, true],
  ]);
  expect(web.ports[0]).toEqual({ port: 80, targetPort: 80, protocol: 'TCP' });
});

// ClusterNetworkPolicy with the library's other constructs: a SecureNamespace is a subject and a namespaces peer (by
// its kubernetes.io/metadata.name label), a SecuredNodePool that knows its nodes' addresses is an egress networks
// peer, and one that does not is refused with the fix.
import { Chart, Testing } from 'cdk8s';
import {
  ClusterNetworkPolicy,
  ClusterNetworkPolicyAction,
  ClusterNetworkPolicyTier,
  ClusterPolicyPeer,
  ClusterPolicyPort,
  ClusterPolicySubject,
  NodeDescription,
  NodeHostEndpoints,
  NodeInventory,
  SecuredNodePool,
  SecureNamespace,
} from '../../../lib';

function chart(): Chart {
  return new Chart(Testing.app(), 'Test');
}

const cnps = (c: Chart): any[] => Testing.synth(c).filter((d: any) => d.kind === 'ClusterNetworkPolicy');

const node = (name: string, ip: string, extra: Partial<NodeDescription> = {}): NodeDescription => ({
  name,
  labels: { 'kubernetes-host': '' },
  internalIps: [ip],
  ...extra,
});

describe('SecureNamespace', () => {
  test('is a subject and a peer: every pod of the namespace, by its name label', () => {
    const c = chart();
    const shop = new SecureNamespace(c, 'Shop', { name: 'shop' });
    const ops = new SecureNamespace(c, 'Ops', { name: 'ops' });
    const p = new ClusterNetworkPolicy(c, 'ShopGuard', {
      tier: ClusterNetworkPolicyTier.ADMIN,
      priority: 5,
      subject: shop,
    });
    p.acceptFrom(ops, ClusterPolicyPort.tcp(22));
    p.denyTo(ops);
    const [doc] = cnps(c);
    const byName = (n: string) => ({ matchLabels: { 'kubernetes.io/metadata.name': n } });
    expect(doc.spec.subject).toEqual({ namespaces: byName('shop') });
    expect(doc.spec.ingress[0].from).toEqual([{ namespaces: byName('ops') }]);
    expect(doc.spec.egress[0].to).toEqual([{ namespaces: byName('ops') }]);
    expect(shop.toClusterPolicySubject().description).toBe('namespace shop');
  });
});

describe('SecuredNodePool', () => {
  test('with explicit host endpoints: their expectedIPs, as host prefixes', () => {
    const c = chart();
    const inventory = NodeInventory.fromNodes([
      node('a', '10.0.0.1', { bgpIpv4Address: '10.1.0.1/24' }),
      node('b', '10.0.0.2', { internalIps: ['10.0.0.2', 'fd00::2'] }),
    ]);
    const pool = new SecuredNodePool(c, 'Nodes', {
      hostEndpoints: NodeHostEndpoints.explicit(),
      inventory,
      dangerouslySkipLockoutGuard: true,
    });
    new ClusterNetworkPolicy(c, 'Kubelet', {
      tier: ClusterNetworkPolicyTier.ADMIN,
      priority: 1,
      subject: ClusterPolicySubject.allNamespaces(),
    }).acceptTo(pool, ClusterPolicyPort.tcp(10250));
    const [doc] = cnps(c);
    expect(doc.spec.egress[0].to).toEqual([{ networks: ['10.0.0.1/32', '10.1.0.1/32', '10.0.0.2/32', 'fd00::2/128'] }]);
  });

  test('with automatic host endpoints and an inventory: InternalIPs, BGP and tunnel addresses', () => {
    const c = chart();
    const inventory = NodeInventory.fromNodes([node('a', '10.0.0.1', { ipipTunnelAddress: '10.244.0.1' })]);
    const pool = new SecuredNodePool(c, 'Nodes', { inventory, dangerouslySkipLockoutGuard: true });
    expect(pool.toClusterPolicyPeers().map((p) => p.toJson())).toEqual([
      { networks: ['10.0.0.1/32', '10.244.0.1/32'] },
    ]);
  });

  test('more than 25 addresses become several networks peers of the rule (the CRD allows 25 per peer)', () => {
    const c = chart();
    const nodes = Array.from({ length: 30 }, (_, i) => node(`n${i}`, `10.0.1.${i + 1}`));
    const pool = new SecuredNodePool(c, 'Nodes', {
      inventory: NodeInventory.fromNodes(nodes),
      dangerouslySkipLockoutGuard: true,
    });
    const peers = pool.toClusterPolicyPeers().map((p) => p.toJson().networks as string[]);
    expect(peers.map((n) => n.length)).toEqual([25, 5]);
    expect(peers.flat()).toHaveLength(30);
  });

  test('without addresses (automatic, no inventory): refused at the call, with the fix', () => {
    const c = chart();
    const pool = new SecuredNodePool(c, 'Nodes', { dangerouslySkipLockoutGuard: true });
    const p = new ClusterNetworkPolicy(c, 'P', {
      tier: ClusterNetworkPolicyTier.ADMIN,
      priority: 1,
      subject: ClusterPolicySubject.allNamespaces(),
    });
    expect(() => p.acceptTo(pool)).toThrow(
      /^\[Test\/P\] acceptTo\.peer: expected node addresses .*automatic host endpoints and no inventory.*fix: pass `inventory:/,
    );
    expect(p.egressRuleCount).toBe(0);
  });

  test('an inventory with no node in the pool says so', () => {
    const c = chart();
    const pool = new SecuredNodePool(c, 'Nodes', {
      inventory: NodeInventory.fromNodes([{ name: 'x', internalIps: ['10.0.0.9'] }]),
      dangerouslySkipLockoutGuard: true,
    });
    expect(() => pool.toClusterPolicyPeers()).toThrow(/no node of its inventory is in node pool nodes.*fix: /);
  });

  test('is egress only: a pool in an ingress rule is refused with the fix', () => {
    const c = chart();
    const pool = new SecuredNodePool(c, 'Nodes', {
      inventory: NodeInventory.fromNodes([node('a', '10.0.0.1')]),
      dangerouslySkipLockoutGuard: true,
    });
    const p = new ClusterNetworkPolicy(c, 'P', {
      tier: ClusterNetworkPolicyTier.ADMIN,
      priority: 1,
      subject: ClusterPolicySubject.allNamespaces(),
    });
    expect(() =>
      p.addIngressRule({ action: ClusterNetworkPolicyAction.DENY, peers: [ClusterPolicyPeer.allNamespaces(), pool] }),
    ).toThrow(
      /^\[Test\/P\] addIngressRule\.rule\.peers\[1\]: expected a namespaces or pods peer, got a networks peer.*fix: /,
    );
  });
});

// The raw rule verbs of a node scope (SecuredNodePool, NodePoolSubset): `addIngressRule` / `addEgressRule`, as the
// Calico policies, KubeNetworkPolicy and SecureNamespace have them. Proven with the engine on the synthesized YAML:
// the raw rule takes effect, a Deny goes before the baseline (and the lockout guard checks it), other actions after.
import { App, Chart, Testing } from 'cdk8s';
import { Action, NetworkModel, Peer, Port, Protocol, Selector } from '../../lib';
import { IpipTunnelEndpoints, NodeHostEndpoints, NodeInventory, SecuredNodePool } from '../../lib/nodes';

const inventory = () =>
  NodeInventory.fromNodes([
    {
      name: 'cp-1',
      labels: { 'node-role.kubernetes.io/control-plane': '' },
      internalIps: ['10.0.0.1'],
      ipipTunnelAddress: '192.168.1.0',
    },
    { name: 'worker-1', labels: { environment: 'dev' }, internalIps: ['10.0.0.2'], ipipTunnelAddress: '192.168.2.0' },
    { name: 'worker-2', labels: { environment: 'prod' }, internalIps: ['10.0.0.3'], ipipTunnelAddress: '192.168.3.0' },
  ]);

function pool(): { app: App; pool: SecuredNodePool } {
  const app = Testing.app();
  const chart = new Chart(app, 'c');
  const p = new SecuredNodePool(chart, 'Nodes', {
    hostEndpoints: NodeHostEndpoints.explicit(),
    inventory: inventory(),
    hostEndpointLabels: { 'kubernetes-host': '' },
  });
  new IpipTunnelEndpoints(chart, 'Tunnels', { pool: p });
  return { app, pool: p };
}

const model = (app: App, p: SecuredNodePool) =>
  NetworkModel.fromManifests([...app.charts.flatMap((c) => Testing.synth(c)), ...p.inventory!.toNodeManifests()]);

const metrics = (to: string) => ({ from: '10.1.2.3', to, protocol: 'TCP', port: 9100 });

test('pool.addIngressRule: a raw Allow opens the flow, in the allow policy after the baseline', () => {
  const before = pool();
  expect(model(before.app, before.pool).evaluate(metrics('node/worker-1')).allowed).toBe(false);

  const after = pool();
  after.pool.addIngressRule({
    action: Action.ALLOW,
    source: Peer.nets('10.1.0.0/16'),
    destinationPorts: Port.tcp(9100),
    description: 'metrics',
  });
  expect(after.pool.policies.map((p) => p.name)).toEqual(['nodes-policy']);
  const m = model(after.app, after.pool);
  expect(m.evaluate(metrics('node/worker-1')).allowed).toBe(true);
  expect(m.evaluate({ ...metrics('node/worker-1'), port: 9101 }).allowed).toBe(false);
});

test('subset.addIngressRule: only the subset nodes; a raw Deny goes to the deny policy before the baseline', () => {
  const { app, pool: p } = pool();
  p.addIngressRule({ action: Action.ALLOW, source: Peer.nets('10.1.0.0/16'), destinationPorts: Port.tcp(9100) });
  const dev = p.subset('Dev', Selector.eq('environment', 'dev'));
  dev.addIngressRule({ action: Action.DENY, source: Peer.nets('10.1.2.0/24'), destinationPorts: Port.tcp(9100) });
  expect(dev.policies.map((x) => x.name)).toEqual(['nodes-dev-deny']);
  const m = model(app, p);
  expect(m.evaluate(metrics('node/worker-1')).allowed).toBe(false); // dev: the subset's deny comes first
  expect(m.evaluate(metrics('node/worker-2')).allowed).toBe(true); // prod: only the pool's allow
});

test('addEgressRule: a raw egress Deny takes effect before the baseline; Log goes after it, with the allows', () => {
  const { app, pool: p } = pool();
  const flow = { from: 'node/worker-1', to: '198.51.100.7', protocol: 'UDP', port: 514 };
  expect(model(app, p).evaluate(flow).allowed).toBe(true);
  p.addEgressRule({ action: Action.LOG, destination: Peer.nets('198.51.100.0/24') });
  p.addEgressRule({
    action: Action.DENY,
    protocol: Protocol.udp(),
    destination: Peer.nets('198.51.100.0/24'),
    destinationPorts: Port.udp(514),
  });
  expect(p.policies.map((x) => x.name)).toEqual(['nodes-policy-deny', 'nodes-policy']);
  expect(p.policies[1].toManifest().spec.egress).toEqual([
    { action: 'Log', destination: { nets: ['198.51.100.0/24'] } },
  ]);
  const m = model(app, p);
  expect(m.evaluate(flow).allowed).toBe(false);
  expect(m.evaluate({ ...flow, port: 515 }).allowed).toBe(true);
});

test('a raw Deny that would lock the nodes out is refused by the lockout guard at synth', () => {
  const { app, pool: p } = pool();
  p.addIngressRule({ action: Action.DENY, destinationPorts: Port.tcp(6443) });
  expect(() => app.charts.forEach((c) => Testing.synth(c))).toThrow(/6443|lock/i);
});

test('a bad rule is refused at the scope path, before the lazily created policy exists', () => {
  const { pool: p } = pool();
  expect(() => p.addIngressRule(undefined as never)).toThrow(/^\[c\/Nodes\] rule: expected/);
  expect(() => p.subset('Dev', Selector.eq('environment', 'dev')).addEgressRule({ action: 'allow' } as never)).toThrow(
    /^\[c\/Nodes\/Policies\/Dev\] rule\.action: /,
  );
  expect(p.policies).toEqual([]);
});

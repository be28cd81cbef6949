// Constructs that Calico selects are rule peers (IPeer, as aws-cdk's ISecurityGroup extends IPeer): each is passed to
// allowIngress, synthesized, and the reachability engine says which flows the rule admits: the construct's own
// endpoints and addresses, and nothing that merely shares its labels in another scope.
import { App, Chart, Testing } from 'cdk8s';
import {
  calicoMatchers,
  GlobalNetworkPolicy,
  GlobalNetworkSet,
  HostEndpoint,
  IPeer,
  NetworkModel,
  NetworkPolicy,
  NetworkSet,
  Peer,
  Port,
  SecuredNodePool,
  SecureNamespace,
  Selector,
  TrafficQuery,
} from '../../lib';

expect.extend(calicoMatchers);
declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace jest {
    interface Matchers<R> {
      toAllowTraffic(query: TrafficQuery, options?: { cluster?: any[] }): R;
      toDenyTraffic(query: TrafficQuery, options?: { cluster?: any[] }): R;
    }
  }
}

const node = (name: string, ip: string, labels: Record<string, string> = {}) => ({
  apiVersion: 'v1',
  kind: 'Node',
  metadata: { name, labels },
  status: { addresses: [{ type: 'InternalIP', address: ip }] },
});
const pod = (ns: string, name: string, ip: string, labels: Record<string, string>, nodeName = 'node-d') => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name, namespace: ns, labels },
  spec: { nodeName, containers: [{ name: 'c', image: 'x' }] },
  status: { phase: 'Running', podIP: ip },
});
const namespace = (name: string) => ({ apiVersion: 'v1', kind: 'Namespace', metadata: { name } });
const cluster = [
  node('node-a', '10.0.0.1', { 'kubernetes-host': '', environment: 'dev' }),
  node('node-b', '10.0.0.2', { 'kubernetes-host': '', environment: 'prod' }),
  node('node-c', '10.0.0.3'),
  // The pods run on a node of their own: traffic from a host to its own pods is never policed.
  node('node-d', '10.0.0.4'),
  namespace('prod'),
  namespace('tools'),
  namespace('other'),
  pod('prod', 'db', '10.244.1.5', { app: 'db' }),
  pod('prod', 'web', '10.244.1.6', { app: 'web' }),
  // Pods wearing the labels of the sets and host endpoints: never the construct.
  pod('prod', 'imposter', '10.244.1.7', { role: 'admin-nets', host: 'b' }),
  pod('tools', 'scanner', '10.244.2.5', { app: 'scanner', role: 'scanners' }),
];

/** A chart with a Calico policy on the db pods that allows `peer` on TCP `port`, nothing else. */
function appWith(build: (chart: Chart) => IPeer, port = 22, namespaced = false): App {
  const app = Testing.app();
  const chart = new Chart(app, 'peers', { namespace: 'prod' });
  const peer = build(chart);
  const policy = namespaced
    ? new NetworkPolicy(chart, 'Db', { namespace: 'prod', selector: Selector.eq('app', 'db') })
    : new GlobalNetworkPolicy(chart, 'Db', { selector: Selector.eq('app', 'db') });
  policy.allowIngress(peer, Port.tcp(port));
  return app;
}

const adminNets = (chart: Chart) =>
  new GlobalNetworkSet(chart, 'AdminNets', { nets: ['192.0.2.0/24'], labels: { role: 'admin-nets' } });

describe('GlobalNetworkSet', () => {
  test('renders its labels among non-namespaced endpoints', () => {
    const chart = new Chart(Testing.app(), 'c');
    expect(adminNets(chart).toEntityRule()).toEqual({
      selector: 'role == "admin-nets"',
      namespaceSelector: 'global()',
    });
  });

  test.each([false, true])(
    "a policy (namespaced: %s) allows the set's addresses on the port, nothing else",
    (namespaced) => {
      const app = appWith(adminNets, 22, namespaced);
      expect(app).toAllowTraffic({ from: '192.0.2.10', to: 'prod/db', port: 22 }, { cluster });
      expect(app).toDenyTraffic({ from: '192.0.2.10', to: 'prod/db', port: 80 }, { cluster });
      expect(app).toDenyTraffic({ from: '198.51.100.1', to: 'prod/db', port: 22 }, { cluster });
      // A pod with the set's labels is a namespaced endpoint: global() leaves it out.
      expect(app).toDenyTraffic({ from: 'prod/imposter', to: 'prod/db', port: 22 }, { cluster });
    },
  );

  test('works through Peer.and and in a raw rule', () => {
    const app = Testing.app();
    const chart = new Chart(app, 'c');
    const sets = adminNets(chart);
    const policy = new GlobalNetworkPolicy(chart, 'Db', { selector: Selector.eq('app', 'db') });
    policy.allowIngress(Peer.nets('192.0.2.0/25').and(sets), Port.tcp(22));
    expect(app).toAllowTraffic({ from: '192.0.2.10', to: 'prod/db', port: 22 }, { cluster });
    expect(app).toDenyTraffic({ from: '192.0.2.200', to: 'prod/db', port: 22 }, { cluster });
  });

  test('a set without labels cannot be a peer (it would select every endpoint)', () => {
    const chart = new Chart(Testing.app(), 'c');
    const bare = new GlobalNetworkSet(chart, 'Bare', { nets: ['192.0.2.0/24'] });
    const policy = new GlobalNetworkPolicy(chart, 'Db', {});
    expect(() => policy.allowIngress(bare, Port.tcp(22))).toThrow(
      /^\[c\/Db\] spec\.ingress\[0\]: GlobalNetworkSet c\/Bare has no labels, so it cannot be selected.*fix: give it labels/,
    );
  });
});

describe('NetworkSet', () => {
  const scanners = (chart: Chart) => {
    new NetworkSet(chart, 'Elsewhere', { namespace: 'other', nets: ['198.51.100.0/24'], labels: { role: 'scanners' } });
    return new NetworkSet(chart, 'Scanners', {
      namespace: 'tools',
      nets: ['203.0.113.0/24'],
      labels: { role: 'scanners' },
    });
  };

  test('renders its labels in its own namespace', () => {
    const chart = new Chart(Testing.app(), 'c');
    expect(scanners(chart).toEntityRule()).toEqual({
      selector: 'role == "scanners"',
      namespaceSelector: 'projectcalico.org/name == "tools"',
    });
  });

  test.each([false, true])('a policy (namespaced in another namespace: %s) allows this set only', (namespaced) => {
    const app = appWith(scanners, 443, namespaced);
    expect(app).toAllowTraffic({ from: '203.0.113.5', to: 'prod/db', port: 443 }, { cluster });
    // Same labels, other namespace: not this set.
    expect(app).toDenyTraffic({ from: '198.51.100.7', to: 'prod/db', port: 443 }, { cluster });
    expect(app).toDenyTraffic({ from: '203.0.113.5', to: 'prod/db', port: 22 }, { cluster });
  });
});

describe('HostEndpoint', () => {
  const hepB = (chart: Chart) =>
    new HostEndpoint(chart, 'NodeB', {
      node: 'node-b',
      interfaceName: 'eth0',
      expectedIPs: ['10.0.0.2'],
      labels: { host: 'b' },
      profiles: ['projectcalico-default-allow'],
    });

  test("allows the endpoint's host, not other hosts nor pods with its labels", () => {
    const app = appWith(hepB, 5432);
    expect(app).toAllowTraffic({ from: 'node/node-b', to: 'prod/db', port: 5432 }, { cluster });
    expect(app).toDenyTraffic({ from: 'node/node-a', to: 'prod/db', port: 5432 }, { cluster });
    expect(app).toDenyTraffic({ from: 'prod/imposter', to: 'prod/db', port: 5432 }, { cluster });
  });
});

describe('SecuredNodePool and its subsets', () => {
  // The baseline's node-to-pod rule would allow every pool node into every pod: off, so only the peer rule decides.
  const pool = (chart: Chart) =>
    new SecuredNodePool(chart, 'Nodes', { dangerouslySkipLockoutGuard: true, baseline: { nodeToPod: false } });

  test('the pool allows its nodes (automatic host endpoints), not a node outside it', () => {
    const app = appWith(pool, 9100);
    expect(app).toAllowTraffic({ from: 'node/node-a', to: 'prod/db', port: 9100 }, { cluster });
    expect(app).toAllowTraffic({ from: 'node/node-b', to: 'prod/db', port: 9100 }, { cluster });
    expect(app).toDenyTraffic({ from: 'node/node-c', to: 'prod/db', port: 9100 }, { cluster });
    expect(app).toDenyTraffic({ from: 'prod/web', to: 'prod/db', port: 9100 }, { cluster });
  });

  test('a subset allows its own nodes only', () => {
    const app = appWith((chart) => pool(chart).subset('Dev', Selector.eq('environment', 'dev')), 9100);
    expect(app).toAllowTraffic({ from: 'node/node-a', to: 'prod/db', port: 9100 }, { cluster });
    expect(app).toDenyTraffic({ from: 'node/node-b', to: 'prod/db', port: 9100 }, { cluster });
  });

  test('renders the pool selector among non-namespaced endpoints', () => {
    const chart = new Chart(Testing.app(), 'c');
    expect(pool(chart).toEntityRule()).toEqual({ selector: 'has(kubernetes-host)', namespaceSelector: 'global()' });
  });
});

describe('SecureNamespace', () => {
  // Its own Kubernetes policies would isolate the pods' egress: off, so only the Calico rule decides.
  const tools = (chart: Chart) =>
    new SecureNamespace(chart, 'Tools', { name: 'tools', defaultDenyEgress: false, allowDns: false });

  test('allows every pod of the namespace, not pods of others', () => {
    const app = appWith(tools, 80);
    expect(app).toAllowTraffic({ from: 'tools/scanner', to: 'prod/db', port: 80 }, { cluster });
    expect(app).toDenyTraffic({ from: 'prod/web', to: 'prod/db', port: 80 }, { cluster });
    expect(app).toDenyTraffic({ from: 'tools/scanner', to: 'prod/db', port: 81 }, { cluster });
  });

  test('renders a namespaceSelector on its name', () => {
    const chart = new Chart(Testing.app(), 'c');
    expect(tools(chart).toEntityRule()).toEqual({ namespaceSelector: 'projectcalico.org/name == "tools"' });
    expect(tools(new Chart(Testing.app(), 'd')).uniqueId).toBe('namespace tools');
  });
});

test('the rendered rule is what the engine reads (one synthesized rule per construct peer)', () => {
  const app = appWith(adminNets);
  const docs = app.charts.flatMap((c) => c.toJson());
  const policy = docs.find((d) => d.kind === 'GlobalNetworkPolicy');
  expect(policy.spec.ingress).toEqual([
    {
      action: 'Allow',
      protocol: 'TCP',
      source: { selector: 'role == "admin-nets"', namespaceSelector: 'global()' },
      destination: { ports: [22] },
    },
  ]);
  expect(
    NetworkModel.fromManifests([...docs, ...cluster]).evaluate({ from: '192.0.2.1', to: 'prod/db', port: 22 }).allowed,
  ).toBe(true);
});

// docs/scenarios.md#000 ("protect Kubernetes nodes" with automatic host endpoints), written from the README alone: a
// SecuredNodePool with NodeHostEndpoints.automatic(), the policy on has(kubernetes-host) and the dev subset on
// environment == 'dev'. The runbook's promise: kube-controllers keeps every node protected "as the cluster changes".
// Proven with the traffic matchers: a node that joins after synth (absent from the inventory) keeps working (its
// kubelet probes of its own hostNetwork pods, the control plane reaching its kubelet, its kubelet reaching the API
// server, node to pod) and is protected like the others, with no re-synth.
import { App, Chart, Testing } from 'cdk8s';
import {
  calicoMatchers,
  NodeHostEndpoints,
  NodeInventory,
  PodEncapsulation,
  Peer,
  Port,
  SecuredNodePool,
  Selector,
} from '../../lib';

expect.extend(calicoMatchers);

interface TrafficExpectation {
  toAllowTraffic(
    query: { from: string; to: string; port?: number; protocol?: string },
    options?: { cluster?: any[] },
  ): void;
  toDenyTraffic(
    query: { from: string; to: string; port?: number; protocol?: string },
    options?: { cluster?: any[] },
  ): void;
}
const traffic = (subject: App): TrafficExpectation => expect(subject) as unknown as TrafficExpectation;

const seedNode = (host: string, tunnel: string, labels: Record<string, string>) => ({
  name: `ip-${host.replace(/\./g, '-')}.us-west-2.compute.internal`,
  labels: { 'kubernetes-host': '', ...labels }, // kubectl label nodes --all kubernetes-host=
  internalIps: [host],
  bgpIpv4Address: `${host}/24`,
  ipipTunnelAddress: tunnel,
});

/** The nodes `calicoctl get heps -owide` lists in the seed, known at synth. */
const inventory = NodeInventory.fromNodes([
  seedNode('172.16.101.147', '192.168.228.128', { 'environment': 'dev', 'node-role.kubernetes.io/control-plane': '' }),
  seedNode('172.16.101.54', '192.168.107.128', { environment: 'dev' }),
  seedNode('172.16.101.79', '192.168.91.64', { environment: 'prod' }),
]);
const CP = 'ip-172-16-101-147.us-west-2.compute.internal';
const OLD = 'ip-172-16-101-79.us-west-2.compute.internal';

/**
 * A node that joins after synth: labelled like the others (kubectl label node ... kubernetes-host= environment=dev).
 */
const LATE = 'ip-172-16-102-200.us-west-2.compute.internal';
const lateNode = NodeInventory.fromNodes([
  seedNode('172.16.102.200', '192.168.50.0', { environment: 'dev' }),
]).toNodeManifests();

const ns = (name: string) => ({ apiVersion: 'v1', kind: 'Namespace', metadata: { name } });
/**
 * The cluster at test time: every node, including the late one, a hostNetwork pod on it, an isolated app pod elsewhere.
 */
const cluster = [
  ...inventory.toNodeManifests(),
  ...lateNode,
  ns('kube-system'),
  ns('shop'),
  {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'kube-proxy-late', namespace: 'kube-system', labels: { app: 'kube-proxy' } },
    spec: {
      nodeName: LATE,
      hostNetwork: true,
      containers: [{ name: 'kube-proxy', image: 'kube-proxy', ports: [{ containerPort: 10256 }] }],
    },
    status: { podIP: '172.16.102.200' },
  },
  {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'web', namespace: 'shop', labels: { app: 'web' } },
    spec: { nodeName: OLD, containers: [{ name: 'web', image: 'web' }] },
    status: { podIP: '192.168.91.70' },
  },
  {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata: { name: 'deny-all', namespace: 'shop' },
    spec: { podSelector: {}, policyTypes: ['Ingress'] },
  },
];

/** The README's SecuredNodePool snippet for docs/scenarios.md#000. */
function seedApp(): App {
  const app = Testing.app();
  const chart = new Chart(app, 'protect-nodes');
  const pool = new SecuredNodePool(chart, 'Nodes', {
    selector: Selector.has('kubernetes-host'),
    hostEndpoints: NodeHostEndpoints.automatic(),
    inventory,
    policyName: 'all-nodes-policy',
    network: { encapsulation: PodEncapsulation.IPIP },
    baseline: { sshFrom: ['172.16.0.0/16'] },
  });
  pool.allowIngress(Peer.nets('172.16.0.0/16'), Port.tcp(9100), { description: 'node-exporter' });
  pool
    .subset('Dev', Selector.eq('environment', 'dev'), { policyName: 'dev-nodes-policy' })
    .allowIngress(Peer.nets('10.0.0.0/8'), Port.tcpRange(30000, 32767), { description: 'NodePorts' });
  return app;
}

describe('seed 000: automatic host endpoints stay automatic', () => {
  const app = seedApp();

  test('synth is clean: the lockout guard proves the inventory nodes, and no rule names a node', () => {
    const docs = app.charts.flatMap((c) => Testing.synth(c));
    expect(docs.filter((d) => d.kind === 'HostEndpoint')).toEqual([]);
    expect(JSON.stringify(docs)).not.toContain('172.16.101.147/32'); // no per-node rule baked into any policy
    expect(docs.map((d) => d.metadata.name)).toEqual(
      expect.arrayContaining(['all-nodes-policy', 'dev-nodes-policy', 'default']),
    );
  });

  test('a node that joined after synth probes its own hostNetwork pods and reaches its own address', () => {
    traffic(app).toAllowTraffic({ from: `node/${LATE}`, to: 'kube-system/kube-proxy-late', port: 10256 }, { cluster });
    traffic(app).toAllowTraffic({ from: `node/${LATE}`, to: `node/${LATE}`, port: 8080 }, { cluster });
  });

  test('the control plane manages it, its kubelet reaches the API server, it reaches isolated pods on other nodes', () => {
    traffic(app).toAllowTraffic({ from: `node/${CP}`, to: `node/${LATE}`, port: 10250 }, { cluster });
    traffic(app).toAllowTraffic({ from: `node/${LATE}`, to: `node/${CP}`, port: 6443 }, { cluster });
    traffic(app).toAllowTraffic({ from: `node/${LATE}`, to: 'shop/web', port: 80 }, { cluster });
    traffic(app).toAllowTraffic({ from: `node/${LATE}`, to: `node/${OLD}`, port: 179 }, { cluster });
  });

  test('it is protected like the others at once: kube-controllers gave it an endpoint with its labels', () => {
    traffic(app).toDenyTraffic({ from: '203.0.113.9', to: `node/${LATE}`, port: 9100 }, { cluster });
    traffic(app).toAllowTraffic({ from: '172.16.5.5', to: `node/${LATE}`, port: 9100 }, { cluster });
    // environment == 'dev': the dev subset's NodePorts apply to it; a prod node keeps them closed.
    traffic(app).toAllowTraffic({ from: '10.1.2.3', to: `node/${LATE}`, port: 30080 }, { cluster });
    traffic(app).toDenyTraffic({ from: '10.1.2.3', to: `node/${OLD}`, port: 30080 }, { cluster });
    // Its address endpoint does not police lo, but it does police what reaches it from elsewhere, even other nodes.
    traffic(app).toDenyTraffic({ from: `node/${OLD}`, to: `node/${LATE}`, port: 8080 }, { cluster });
  });
});

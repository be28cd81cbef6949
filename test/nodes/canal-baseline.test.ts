// Issue 12 item 5 on node protection: on Canal, pod traffic between nodes is flannel's VXLAN (UDP 8472, or
// net-conf.json Backend.Port), host traffic to Felix, so a SecuredNodePool must open it between its nodes or pods on
// one node lose pods on the others. Proven with the engine over the synthesized app plus flannel's Nodes and pods.
import { App, Chart, Testing } from 'cdk8s';
import { NetworkModel } from '../../lib';
import { FlannelBackend, FlannelNetwork } from '../../lib/network/flannel-network';
import {
  NodeFlow,
  NodeHostEndpoints,
  NodeInventory,
  PodEncapsulation,
  proveNodeAccess,
  resolveBaseline,
  SecuredNodePool,
} from '../../lib/nodes';
import { appManifests } from '../../lib/nodes/lockout-guard';

const NODES: { name: string; ip: string; podCidr: string; labels: Record<string, string> }[] = [
  { name: 'cp-1', ip: '10.0.0.1', podCidr: '10.244.0.0/24', labels: { 'node-role.kubernetes.io/control-plane': '' } },
  { name: 'node-a', ip: '10.0.0.2', podCidr: '10.244.1.0/24', labels: {} },
  { name: 'node-b', ip: '10.0.0.3', podCidr: '10.244.2.0/24', labels: {} },
];
const inventory = () =>
  NodeInventory.fromNodes(
    NODES.map((n) => ({
      name: n.name,
      labels: { 'kubernetes-host': '', ...n.labels },
      internalIps: [n.ip],
    })),
  );

/**
 * The cluster as flannel runs it: Nodes with their podCIDR and flannel's annotations, a pod on node-a and on node-b.
 */
const cluster = (): any[] => [
  ...NODES.map((n) => ({
    apiVersion: 'v1',
    kind: 'Node',
    metadata: {
      name: n.name,
      labels: { 'kubernetes-host': '', ...n.labels },
      annotations: { 'flannel.alpha.coreos.com/backend-type': 'vxlan', 'flannel.alpha.coreos.com/public-ip': n.ip },
    },
    spec: { podCIDR: n.podCidr },
    status: { addresses: [{ type: 'InternalIP', address: n.ip }] },
  })),
  { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'shop' } },
  ...[
    ['web', 'node-a', '10.244.1.5'],
    ['db', 'node-b', '10.244.2.7'],
  ].map(([name, node, ip]) => ({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: 'shop', labels: { app: name } },
    spec: { nodeName: node, containers: [{ name: 'c', image: 'x' }] },
    status: { podIP: ip, podIPs: [{ ip }] },
  })),
];

type PoolProps = NonNullable<ConstructorParameters<typeof SecuredNodePool>[2]>;
function canalApp(
  port: number | undefined,
  pool: PoolProps = {},
  flannelFirst = true,
): { app: App; pool: () => SecuredNodePool } {
  const app = Testing.app();
  const chart = new Chart(app, 'canal');
  const backend = FlannelBackend.vxlan(port ? { port } : {});
  const flannel = () => new FlannelNetwork(chart, 'Flannel', { network: '10.244.0.0/16', backend });
  if (flannelFirst) flannel();
  const p = new SecuredNodePool(chart, 'Nodes', { inventory: inventory(), ...pool });
  if (!flannelFirst) flannel();
  return { app, pool: () => p };
}

const podToPod = (docs: any[]) =>
  NetworkModel.fromManifests([...docs, ...cluster()]).evaluate({ from: 'shop/web', to: 'shop/db', port: 5432 });

describe.each([
  ['automatic host endpoints', NodeHostEndpoints.automatic()],
  ['explicit host endpoints', NodeHostEndpoints.explicit()],
])('Canal, %s', (_mode, hostEndpoints) => {
  const title = 'FlannelNetwork port %s: the pool opens UDP %i between nodes; pod on node-a reaches pod on node-b';
  test.each([
    [undefined, 8472],
    [4790, 4790],
  ])(title, (port, expected) => {
    const { app } = canalApp(port, { hostEndpoints });
    const docs = app.charts.flatMap((c) => Testing.synth(c)); // the lockout guard runs here and proves the flow
    const calico = docs.find((d) => d.metadata.name === 'nodes-calico');
    const udp = calico.spec.ingress.filter((r: any) => r.protocol === 'UDP').map((r: any) => r.destination.ports);
    expect(udp).toEqual([[expected]]);
    const r = podToPod(docs);
    expect(r.allowed).toBe(true);
    expect(NetworkModel.fromManifests([...docs, ...cluster()]).encapsulation).toBe('FlannelVXLAN');
    const notes = r.steps.map((s) => s.decision.note ?? '').join(' ');
    expect(notes).toMatch(new RegExp(`inside UDP 10\\.0\\.0\\.2 → 10\\.0\\.0\\.3:${expected}`));
    // the manifest proof over the same objects finds flannel's VXLAN open (and no BGP to prove: Canal runs none)
    const flows = proveNodeAccess([...docs, ...inventory().toNodeManifests()]).map((p) => p.flow);
    expect(flows).toEqual([]);
    // With flannel's real Nodes (podCIDR), node-originated traffic leaves from flannel.1 (10.244.1.0), which no
    // host endpoint lists, so a pod admitting "the nodes" does not recognise it (issue 12 item 5): the proof says so.
    expect(proveNodeAccess([...docs, ...cluster()]).map((p) => p.flow)).toEqual([NodeFlow.NODE_TO_POD]);
  });

  test('without the flannel port (a pool that says it runs no encapsulation) the pod is cut off, and the guard says why', () => {
    const { app, pool } = canalApp(undefined, {
      hostEndpoints,
      network: { encapsulation: PodEncapsulation.NONE, bgp: false },
    });
    const docs = appManifests(pool());
    const r = podToPod(docs);
    expect(r.allowed).toBe(false);
    expect(r.reason).toMatch(/nodes-default|end-of-tier/);
    const problems = pool().checkLockout().join('\n');
    expect(problems).toMatch(
      /lockout guard: flannel VXLAN between nodes \(UDP 8472\) is blocked: node\/cp-1 → node\/node-a UDP 8472/,
    );
    expect(problems).toMatch(
      /fix: the cluster runs Canal .*encapsulation: PodEncapsulation\.FLANNEL_VXLAN, flannelVxlanPort: 8472/,
    );
    expect(() => app.synthYaml()).toThrow(/flannel VXLAN between nodes \(UDP 8472\) is blocked/);
  });
});

test('a FlannelNetwork made after the pool is still seen by the guard, which names the fix', () => {
  const { pool } = canalApp(4790, {}, false);
  expect(pool().checkLockout().join('\n')).toMatch(
    /flannel VXLAN between nodes \(UDP 4790\) is blocked.*flannelVxlanPort: 4790/,
  );
});

test('declared without a FlannelNetwork in the app (Canal installed separately): network.flannelVxlanPort', () => {
  const app = Testing.app();
  const chart = new Chart(app, 'c');
  const network = { encapsulation: PodEncapsulation.FLANNEL_VXLAN, flannelVxlanPort: 4790 };
  new SecuredNodePool(chart, 'Nodes', { inventory: inventory(), network });
  const docs = Testing.synth(chart);
  expect(
    docs
      .find((d) => d.metadata.name === 'nodes-calico')
      .spec.ingress.map((r: any) => `${r.protocol}/${r.destination.ports}`),
  ).toEqual(['UDP/4790', 'TCP/5473']); // no BGP on Canal
  expect(
    podToPod([
      ...docs,
      {
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: { name: 'canal-config', namespace: 'kube-system' },
        data: { 'net-conf.json': '{"Network":"10.244.0.0/16","Backend":{"Type":"vxlan","Port":4790}}' },
      },
    ]).allowed,
  ).toBe(true);
  expect(resolveBaseline({}, { flannelVxlanPort: 4790 }).encapsulation).toBe(PodEncapsulation.FLANNEL_VXLAN);
  expect(() => resolveBaseline({}, { encapsulation: PodEncapsulation.VXLAN, flannelVxlanPort: 4790 })).toThrow(
    "[resolveBaseline] n.flannelVxlanPort: is flannel's port, but encapsulation is VXLAN; " +
      'fix: set encapsulation: PodEncapsulation.FLANNEL_VXLAN, or remove flannelVxlanPort',
  );
});

test('the manifest proof finds a Canal cluster whose host policy drops flannel VXLAN', () => {
  const hep = (n: (typeof NODES)[number]) => ({
    apiVersion: 'projectcalico.org/v3',
    kind: 'HostEndpoint',
    metadata: { name: `${n.name}-eth0`, labels: { 'kubernetes-host': '' } },
    spec: { node: n.name, interfaceName: 'eth0', expectedIPs: [n.ip] },
  });
  const tcpOnly = {
    apiVersion: 'projectcalico.org/v3',
    kind: 'GlobalNetworkPolicy',
    metadata: { name: 'hosts-tcp-only' },
    spec: {
      selector: 'has(kubernetes-host)',
      types: ['Ingress'],
      ingress: [
        { action: 'Allow', protocol: 'TCP' },
        { action: 'Allow', protocol: 'ICMP' },
      ],
    },
  };
  const flows = proveNodeAccess([...cluster(), ...NODES.map(hep), tcpOnly]).map((p) => p.flow);
  expect(flows).toContain(NodeFlow.FLANNEL_VXLAN);
  expect(flows).not.toContain(NodeFlow.BGP); // Canal runs no BGP
});

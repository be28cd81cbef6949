// The two node examples, proven with the reachability engine over their synthesized manifests plus the cluster.
import { App, Chart, Testing } from 'cdk8s';
import { NetworkModel, Peer, Port } from '../../lib';
import { NODE_ADDRESS_CIDRS, NodeHostEndpoints, PodEncapsulation, SecuredNodePool } from '../../lib/nodes';
import { IpipTunnelEndpointsChart, buildExample as buildSeed001 } from '../../examples/ipip-tunnel-endpoints/main';
import { ProtectNodes, SEED_000_NODES, buildExample as buildSeed000 } from '../../examples/protect-nodes/main';

const pod = (ns: string, name: string, node: string, ip: string) => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name, namespace: ns, labels: { app: name } },
  spec: { nodeName: node, containers: [{ name: 'c', image: 'x' }] },
  status: { podIP: ip },
});
const ns = (name: string) => ({ apiVersion: 'v1', kind: 'Namespace', metadata: { name } });

function model(app: App, cluster: any[], ipip = false): NetworkModel {
  return NetworkModel.fromManifests(
    [...app.charts.flatMap((c) => Testing.synth(c)), ...cluster],
    ipip ? { encapsulation: 'IPIP' } : {},
  );
}

describe('examples/protect-nodes (seed 000)', () => {
  const names = SEED_000_NODES.nodes.map((n) => n.name);
  const [cp, dev2, prod1, prod2] = names;
  const cluster = [
    ...SEED_000_NODES.toNodeManifests(),
    ns('shop'),
    pod('shop', 'web', prod2, '192.168.108.200'),
    {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata: { name: 'deny-all', namespace: 'shop' },
      spec: { podSelector: {}, policyTypes: ['Ingress'] },
    },
  ];
  const app = () => {
    const a = Testing.app();
    buildSeed000(a);
    return a;
  };

  test('the seed objects: KubeControllersConfiguration default with autoCreate Enabled, all-nodes-policy on has(kubernetes-host), the dev subset', () => {
    const docs = app().charts.flatMap((c) => Testing.synth(c));
    expect(docs.find((d) => d.kind === 'KubeControllersConfiguration')).toEqual({
      apiVersion: 'projectcalico.org/v3',
      kind: 'KubeControllersConfiguration',
      metadata: { name: 'default' },
      spec: {
        controllers: {
          node: {
            hostEndpoint: {
              autoCreate: 'Enabled',
              createDefaultHostEndpoint: 'Disabled',
              templates: [{ generateName: 'addresses', interfaceCIDRs: [...NODE_ADDRESS_CIDRS] }],
            },
          },
        },
      },
    });
    expect(docs.find((d) => d.metadata.name === 'all-nodes-policy').spec.selector).toBe('has(kubernetes-host)');
    expect(docs.find((d) => d.metadata.name === 'dev-nodes-policy').spec.selector).toBe(
      '(has(kubernetes-host) && environment == "dev")',
    );
    expect(docs.filter((d) => d.kind === 'HostEndpoint')).toEqual([]);
  });

  test('control plane reaches every kubelet, including its own over lo; workers do not', () => {
    const m = model(app(), cluster);
    for (const n of names) expect(m.evaluate({ from: `node/${cp}`, to: `node/${n}`, port: 10250 }).allowed).toBe(true);
    const own = m.evaluate({ from: `node/${cp}`, to: `node/${cp}`, port: 10250 });
    // Address endpoints never cover lo: a node's traffic to itself is not policed (no per-node rule needed).
    expect(own.allowed).toBe(true);
    expect(own.steps.map((s) => s.decision.default)).toEqual(['no host endpoint (not policed)']);
    const w = m.evaluate({ from: `node/${prod1}`, to: `node/${dev2}`, port: 10250 });
    expect(w.allowed).toBe(false);
    expect(w.reason).toMatch(/nodes-default/);
  });

  test('BGP between nodes works; nodes reach isolated pods on other nodes (the seed cluster runs IPIP)', () => {
    const m = model(app(), cluster, true);
    const bgp = m.evaluate({ from: `node/${dev2}`, to: `node/${prod1}`, port: 179 });
    expect(bgp.allowed).toBe(true);
    const toPod = m.evaluate({ from: `node/${cp}`, to: 'shop/web', port: 8080 });
    expect(toPod.allowed).toBe(true);
    expect(toPod.steps[0].packet.src).toBe('192.168.228.128'); // the IPIP tunnel address, listed by the auto HEP
    expect(toPod.reason).toMatch(/nodes-node-to-pod/);
  });

  test('what the user did not allow is denied; the dev subset gets NodePorts, prod does not', () => {
    const m = model(app(), cluster);
    expect(m.evaluate({ from: '10.1.2.3', to: `node/${dev2}`, port: 30080 }).allowed).toBe(true);
    expect(m.evaluate({ from: '10.1.2.3', to: `node/${prod1}`, port: 30080 }).allowed).toBe(false);
    expect(m.evaluate({ from: '203.0.113.9', to: `node/${prod1}`, port: 9100 }).allowed).toBe(false);
    expect(m.evaluate({ from: '172.16.5.5', to: `node/${prod1}`, port: 9100 }).allowed).toBe(true);
  });

  test('a deliberately locking policy fails synth with the blocked flow and the rule', () => {
    const a = Testing.app();
    const chart = new ProtectNodes(a, 'protect-nodes');
    chart.pool.denyIngress(Peer.nets('172.16.101.0/24'), Port.tcp(10250), { description: 'lock the kubelets' });
    expect(() => a.synthYaml()).toThrow(
      /\[protect-nodes\/Nodes\] lockout guard: control plane → kubelet \(TCP 10250\) is blocked: .*all-nodes-policy-deny in tier nodes, rule 0/,
    );
  });
});

describe('examples/ipip-tunnel-endpoints (seed 001)', () => {
  const cluster = (chart: IpipTunnelEndpointsChart) => [
    ...chart.pool.inventory!.toNodeManifests(),
    ns('lijiaocn-space'),
    ns('kube-system'),
    ns('other'),
    pod('lijiaocn-space', 'web', '10.39.0.115', '192.168.201.7'),
    pod('kube-system', 'coredns', '10.39.0.114', '192.168.7.70'),
    pod('other', 'client', '10.39.0.114', '192.168.7.71'),
  ];
  const build = () => {
    const a = Testing.app();
    buildSeed001(a);
    return { app: a, chart: a.charts[0] as IpipTunnelEndpointsChart };
  };

  test('three nodes from nodes.json: eth0 and tunl0 endpoints with the node and tunnel addresses', () => {
    const { app } = build();
    const heps = app.charts.flatMap((c) => Testing.synth(c)).filter((d) => d.kind === 'HostEndpoint');
    expect(heps.map((h) => `${h.metadata.name} ${h.spec.interfaceName} ${h.spec.expectedIPs}`)).toEqual([
      '10.39.0.113-eth0 eth0 10.39.0.113',
      '10.39.0.114-eth0 eth0 10.39.0.114',
      '10.39.0.115-eth0 eth0 10.39.0.115',
      '10.39.0.113-tunl0 tunl0 192.168.139.230',
      '10.39.0.114-tunl0 tunl0 192.168.7.64',
      '10.39.0.115-tunl0 tunl0 192.168.201.0',
    ]);
  });

  test('nodes reach pods in the isolated namespace over their tunnel address; other pods stay out', () => {
    const { app, chart } = build();
    const m = model(app, cluster(chart));
    const r = m.evaluate({ from: 'node/10.39.0.113', to: 'lijiaocn-space/web', port: 80 });
    expect(r.allowed).toBe(true);
    expect(r.steps[0].packet.src).toBe('192.168.139.230');
    expect(r.steps[0].endpoint).toBe('hep:10.39.0.113-tunl0');
    expect(r.reason).toMatch(/nodes-node-to-pod/);
    expect(m.evaluate({ from: 'kube-system/coredns', to: 'lijiaocn-space/web', port: 80 }).allowed).toBe(true);
    expect(m.evaluate({ from: 'other/client', to: 'lijiaocn-space/web', port: 80 }).allowed).toBe(false);
  });

  test('control plane reaches kubelets, BGP between nodes works, an unlisted flow is denied', () => {
    const { app, chart } = build();
    const m = model(app, cluster(chart));
    expect(m.evaluate({ from: 'node/10.39.0.113', to: 'node/10.39.0.115', port: 10250 }).allowed).toBe(true);
    expect(m.evaluate({ from: 'node/10.39.0.114', to: 'node/10.39.0.115', port: 179 }).allowed).toBe(true);
    const ssh = m.evaluate({ from: '10.39.0.50', to: 'node/10.39.0.115', port: 22 });
    expect(ssh.allowed).toBe(true);
    const denied = m.evaluate({ from: '203.0.113.9', to: 'node/10.39.0.115', port: 10250 });
    expect(denied.allowed).toBe(false);
    expect(denied.reason).toMatch(/nodes-default/);
  });

  test("without the tunl0 endpoints (the seed's symptom) synth fails: nodes could not reach isolated pods", () => {
    const a = Testing.app();
    const c = new Chart(a, 'c');
    const chart = build().chart;
    new SecuredNodePool(c, 'Nodes', {
      hostEndpoints: NodeHostEndpoints.explicit(),
      inventory: chart.pool.inventory,
      hostEndpointLabels: { 'kubernetes-host': '' },
      network: { encapsulation: PodEncapsulation.IPIP },
    });
    expect(() => a.synthYaml()).toThrow(
      /node → pod on another node \(an isolated pod\) is blocked: node\/10.39.0.113 → cdk8s-calico-lockout-probe\/isolated-pod TCP 8080: denied at destination-workload-ingress/,
    );
  });
});

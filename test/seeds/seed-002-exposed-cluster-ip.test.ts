// docs/scenarios.md#002 (policy for cluster IPs advertised outside the cluster over BGP), written from the README alone
// ("Exposing cluster IPs over BGP: ExposedClusterIpService", the traffic matchers, NodeInventory from a
// `kubectl get nodes -o json` dump). Scenario of the document: 50.60.0.0/16 may reach cluster IP A (10.20.30.40),
// 70.80.90.0/24 cluster IP B (10.20.30.41), pod CIDR 192.168.0.0/16, host endpoints labelled k8s-role: node.
// Proven with the traffic matchers over the app plus the cluster state, in both modes: the allowed network reaches
// its cluster IP (through every node in cluster mode, through the nodes holding a backend in local mode) and nobody
// else does; the NodePort range is closed on the nodes; in cluster mode
// the service's pods admit the nodes (traffic SNATed by the receiving node), in local mode the pod policy alone
// decides (the client address is kept); the nodes stay reachable for the control plane (the lockout proof).
// Every positive expectation has a negative control next to it.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, Chart, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import {
  BgpServiceAdvertisement,
  ExposedClusterIpService,
  ExternalTrafficPolicy,
  NodeHostEndpoints,
  NodeInventory,
  Peer,
  PodEncapsulation,
  proveNodeAccess,
  SecuredNodePool,
  Selector,
  ServiceExposureFoundation,
} from '../../lib';
import { matchers } from '../../lib/testing';

expect.extend(matchers);

const NS = 'shop';
const node = (name: string, ip: string, podCidr: string, controlPlane = false) => ({
  apiVersion: 'v1',
  kind: 'Node',
  metadata: {
    name,
    labels: {
      'kubernetes.io/hostname': name,
      ...(controlPlane ? { 'node-role.kubernetes.io/control-plane': '' } : {}),
    },
  },
  spec: { podCIDR: podCidr, podCIDRs: [podCidr] },
  status: {
    addresses: [
      { type: 'InternalIP', address: ip },
      { type: 'Hostname', address: name },
    ],
  },
});
const pod = (name: string, nodeName: string, ip: string, labels: Record<string, string>) => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name, namespace: NS, labels },
  spec: { nodeName, containers: [{ name: 'c', image: 'nginx' }] },
  status: { phase: 'Running', podIP: ip },
});

/** `kubectl get nodes -o json`: a control-plane node and two workers. */
const NODES = [
  node('master', '10.0.0.10', '192.168.0.0/24', true),
  node('node-1', '10.0.0.11', '192.168.1.0/24'),
  node('node-2', '10.0.0.12', '192.168.2.0/24'),
];
/** The rest of the cluster state: the namespace, svc-a's backends on two nodes, svc-b's on one, an ordinary pod. */
const CLUSTER = [
  ...NODES,
  { apiVersion: 'v1', kind: 'Namespace', metadata: { name: NS, labels: { 'kubernetes.io/metadata.name': NS } } },
  pod('a-1', 'node-1', '192.168.1.10', { 'k8s-svc': 'svc-a' }),
  pod('a-2', 'node-2', '192.168.2.10', { 'k8s-svc': 'svc-a' }),
  pod('b-1', 'node-2', '192.168.2.20', { 'k8s-svc': 'svc-b' }),
  pod('tool', 'node-1', '192.168.1.30', { app: 'tool' }),
];

/** NodeInventory as the README shows it: from a `kubectl get nodes -o json` file. */
function inventory(): NodeInventory {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'seed-002-'));
  try {
    const file = path.join(dir, 'nodes.json');
    fs.writeFileSync(file, JSON.stringify({ apiVersion: 'v1', kind: 'List', items: NODES }));
    return NodeInventory.fromKubectlJson(file);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** The document's app: advertise the service CIDR, the shared foundation, svc-a and svc-b exposed in `mode`. */
function seedApp(mode: ExternalTrafficPolicy): { app: App; chart: Chart } {
  const app = Testing.app();
  const chart = new Chart(app, 'exposed', { namespace: NS });
  new BgpServiceAdvertisement(chart, 'Advertise', { clusterIpCidrs: ['10.20.0.0/16'] });
  new ServiceExposureFoundation(chart, 'Exposure', { podCidrs: ['192.168.0.0/16'], inventory: inventory() });
  const type = mode === ExternalTrafficPolicy.LOCAL ? kplus.ServiceType.NODE_PORT : kplus.ServiceType.CLUSTER_IP;
  const a = new kplus.Service(chart, 'SvcA', {
    metadata: { name: 'svc-a' },
    type,
    clusterIP: '10.20.30.40',
    ports: [{ port: 443, targetPort: 8443 }],
    selector: kplus.Pods.select(chart, 'APods', { labels: { 'k8s-svc': 'svc-a' } }),
  });
  const b = new kplus.Service(chart, 'SvcB', {
    metadata: { name: 'svc-b' },
    type,
    clusterIP: '10.20.30.41',
    ports: [{ port: 80, targetPort: 8080 }],
    selector: kplus.Pods.select(chart, 'BPods', { labels: { 'k8s-svc': 'svc-b' } }),
  });
  new ExposedClusterIpService(chart, 'ExposeA', {
    service: a,
    externalTrafficPolicy: mode,
    allowFrom: [Peer.nets('50.60.0.0/16')],
  });
  new ExposedClusterIpService(chart, 'ExposeB', {
    service: b,
    externalTrafficPolicy: mode,
    allowFrom: [Peer.nets('70.80.90.0/24')],
  });
  return { app, chart };
}

const NODE_NAMES = NODES.map((n) => n.metadata.name);
const IN_A = '50.60.7.8'; // inside 50.60.0.0/16, svc-a's clients
const IN_B = '70.80.90.5'; // inside 70.80.90.0/24, svc-b's clients
const OUTSIDER = '203.0.113.9';
const SVC_A = `svc/${NS}/svc-a`;
const SVC_B = `svc/${NS}/svc-b`;

/** The app's manifests without the per-service preDNAT fences on the nodes (an ablation: who decides without them?). */
const withoutFences = (chart: Chart) =>
  chart
    .toJson()
    .filter((d: any) => !(d.kind === 'GlobalNetworkPolicy' && d.spec.preDNAT && d.metadata.name.startsWith('expose-')));

/** A hand-written deny-all on the nodes' host endpoints, evaluated first: the lockout proof must catch it. */
const HOST_DENY_ALL = {
  apiVersion: 'projectcalico.org/v3',
  kind: 'GlobalNetworkPolicy',
  metadata: { name: 'deny-all-hosts' },
  spec: { order: 1, selector: "k8s-role == 'node'", types: ['Ingress'], ingress: [{ action: 'Deny' }] },
};

/** svc-a alone as a NodePort Service (nodePort 30443) exposed in `mode`. */
function nodePortApp(mode: ExternalTrafficPolicy): Chart {
  const app = Testing.app();
  const c = new Chart(app, 'nodeport', { namespace: NS });
  new BgpServiceAdvertisement(c, 'Advertise', { clusterIpCidrs: ['10.20.0.0/16'] });
  new ServiceExposureFoundation(c, 'Exposure', { podCidrs: ['192.168.0.0/16'], inventory: inventory() });
  const a = new kplus.Service(c, 'SvcA', {
    metadata: { name: 'svc-a' },
    type: kplus.ServiceType.NODE_PORT,
    clusterIP: '10.20.30.40',
    ports: [{ port: 443, targetPort: 8443, nodePort: 30443 }],
    selector: kplus.Pods.select(c, 'APods', { labels: { 'k8s-svc': 'svc-a' } }),
  });
  new ExposedClusterIpService(c, 'ExposeA', {
    service: a,
    externalTrafficPolicy: mode,
    allowFrom: [Peer.nets('50.60.0.0/16')],
  });
  return c;
}

describe.each([
  ['cluster mode (externalTrafficPolicy Cluster)', ExternalTrafficPolicy.CLUSTER],
  ['local mode (externalTrafficPolicy Local)', ExternalTrafficPolicy.LOCAL],
])('seed 002, %s', (_name, mode) => {
  const { app, chart } = seedApp(mode);

  test('synthesizes, and the nodes stay reachable for the control plane (the lockout proof over the output and the nodes)', () => {
    expect(() => app.synthYaml()).not.toThrow();
    expect(proveNodeAccess([...chart.toJson(), ...NODES])).toEqual([]);
    expect(chart).toAllowTraffic({ from: 'node/master', to: 'node/node-1', port: 10250 }, { cluster: CLUSTER });
    // Negative control: the same proof catches a host deny-all added to the output.
    const blocked = proveNodeAccess([...chart.toJson(), HOST_DENY_ALL, ...NODES]);
    expect(blocked.map((p) => p.flow)).toContain('control-plane-to-kubelet');
    expect([...chart.toJson(), HOST_DENY_ALL]).toDenyTraffic(
      { from: 'node/master', to: 'node/node-1', port: 10250 },
      { cluster: CLUSTER },
    );
  });

  test('each external network reaches only its own cluster IP, on its port, through the node holding a backend', () => {
    // node-1 holds a backend of svc-a, node-2 one of svc-b and svc-a, so both modes deliver there.
    expect(chart).toAllowTraffic({ from: IN_A, to: SVC_A, port: 443, via: 'node-1' }, { cluster: CLUSTER });
    expect(chart).toAllowTraffic({ from: IN_A, to: '10.20.30.40', port: 443, via: 'node-2' }, { cluster: CLUSTER });
    expect(chart).toAllowTraffic({ from: IN_B, to: SVC_B, port: 80, via: 'node-2' }, { cluster: CLUSTER });
    // Negative controls: another external address, the other service's network, each on every node.
    for (const via of NODE_NAMES) {
      expect(chart).toDenyTraffic({ from: OUTSIDER, to: SVC_A, port: 443, via }, { cluster: CLUSTER });
      expect(chart).toDenyTraffic({ from: IN_B, to: SVC_A, port: 443, via }, { cluster: CLUSTER });
      expect(chart).toDenyTraffic({ from: IN_A, to: SVC_B, port: 80, via }, { cluster: CLUSTER });
    }
  });

  test.each(NODE_NAMES)('the NodePort range of %s is closed from outside; the ports next to it are not', (name) => {
    for (const protocol of ['TCP', 'UDP']) {
      for (const port of [30000, 30443, 32767]) {
        expect(chart).toDenyTraffic({ from: OUTSIDER, to: `node/${name}`, protocol, port }, { cluster: CLUSTER });
        // Cluster mode opens no NodePort. In local mode svc-a names no nodePort (kube-apiserver picks one): its fence
        // opens the TCP range to its listed network, and kube-proxy answers there only on svc-a's NodePort, where
        // svc-a's pods decide.
        const opened = mode === ExternalTrafficPolicy.LOCAL && protocol === 'TCP';
        const query = { from: IN_A, to: `node/${name}`, protocol, port };
        if (opened) expect(chart).toAllowTraffic(query, { cluster: CLUSTER });
        else expect(chart).toDenyTraffic(query, { cluster: CLUSTER });
      }
      // Negative controls: the policy closes the range only (host traffic is otherwise allowed, docs/scenarios.md#002
      // step 2).
      for (const port of [29999, 32768]) {
        expect(chart).toAllowTraffic({ from: IN_A, to: `node/${name}`, protocol, port }, { cluster: CLUSTER });
      }
    }
  });

  test("the service's pods admit nothing else inside the cluster (no allowInCluster given)", () => {
    expect(chart).toDenyTraffic({ from: `${NS}/tool`, to: SVC_A, port: 443 }, { cluster: CLUSTER });
    expect(chart).toDenyTraffic({ from: `${NS}/tool`, to: `${NS}/a-2`, port: 8443 }, { cluster: CLUSTER });
    // Negative control: directly to the pod, the allowed network is admitted on the target port.
    expect(chart).toAllowTraffic({ from: IN_A, to: `${NS}/a-2`, port: 8443 }, { cluster: CLUSTER });
    expect(chart).toDenyTraffic({ from: OUTSIDER, to: `${NS}/a-2`, port: 8443 }, { cluster: CLUSTER });
  });
});

describe('seed 002, cluster mode: the nodes decide before DNAT, the pods admit the nodes', () => {
  const { chart } = seedApp(ExternalTrafficPolicy.CLUSTER);

  test('an allowed client reaches the service through every node, even one without a backend (forwarded and SNATed)', () => {
    for (const via of NODE_NAMES)
      expect(chart).toAllowTraffic({ from: IN_A, to: SVC_A, port: 443, via }, { cluster: CLUSTER });
    expect(chart).toAllowTraffic({ from: IN_B, to: SVC_B, port: 80, via: 'master' }, { cluster: CLUSTER });
  });

  test("the service's pods admit the nodes on the target ports (forwarded traffic from another node)", () => {
    expect(chart).toAllowTraffic({ from: 'node/node-1', to: `${NS}/a-2`, port: 8443 }, { cluster: CLUSTER });
    expect(chart).toAllowTraffic({ from: 'node/master', to: `${NS}/b-1`, port: 8080 }, { cluster: CLUSTER });
    // Negative controls: only the target ports; and in local mode (below) the nodes are not admitted at all.
    expect(chart).toDenyTraffic({ from: 'node/node-1', to: `${NS}/a-2`, port: 9999 }, { cluster: CLUSTER });
    expect(chart).toDenyTraffic({ from: 'node/node-1', to: `${NS}/a-2`, port: 8080 }, { cluster: CLUSTER });
  });

  // kube-proxy DNATs <node>:<nodePort> before normal host policy could close it (and the pods admit the nodes, SNAT),
  // so only the foundation's preDNAT `deny-node-ports` closes it; a cluster-mode fence opens no NodePort.
  test('a NodePort Service in cluster mode: its NodePort is closed from outside, to its own clients too', () => {
    const c = nodePortApp(ExternalTrafficPolicy.CLUSTER);
    expect(c).toDenyTraffic({ from: OUTSIDER, to: 'node/node-1', port: 30443 }, { cluster: CLUSTER });
    expect(c).toDenyTraffic({ from: IN_A, to: 'node/master', port: 30443 }, { cluster: CLUSTER });
    // Negative control: the cluster IP of the same Service stays open to its network.
    expect(c).toAllowTraffic({ from: IN_A, to: SVC_A, port: 443, via: 'master' }, { cluster: CLUSTER });
  });

  test('the preDNAT fence is what keeps others out: without it, every external address gets in through the nodes', () => {
    const ablated = withoutFences(chart);
    expect(chart.toJson().length - ablated.length).toBe(2); // svc-a's and svc-b's fences
    expect(ablated).toAllowTraffic({ from: OUTSIDER, to: SVC_A, port: 443, via: 'master' }, { cluster: CLUSTER });
    expect(chart).toDenyTraffic({ from: OUTSIDER, to: SVC_A, port: 443, via: 'master' }, { cluster: CLUSTER });
  });
});

describe('seed 002, local mode: the client address is kept and the pod policy decides', () => {
  const { chart } = seedApp(ExternalTrafficPolicy.LOCAL);

  test('only nodes holding a backend deliver (kube-proxy never forwards Local traffic)', () => {
    expect(chart).toAllowTraffic({ from: IN_A, to: SVC_A, port: 443, via: 'node-1' }, { cluster: CLUSTER });
    expect(chart).toDenyTraffic({ from: IN_A, to: SVC_A, port: 443, via: 'master' }, { cluster: CLUSTER });
    expect(chart).toDenyTraffic({ from: IN_B, to: SVC_B, port: 80, via: 'node-1' }, { cluster: CLUSTER });
  });

  test('the pods do not admit the nodes (nothing is SNATed, so there is no reason to)', () => {
    expect(chart).toDenyTraffic({ from: 'node/node-1', to: `${NS}/a-2`, port: 8443 }, { cluster: CLUSTER });
    expect(chart).toDenyTraffic({ from: 'node/master', to: `${NS}/b-1`, port: 8080 }, { cluster: CLUSTER });
    // Negative control: the listed network is admitted by the same pods on the same port.
    expect(chart).toAllowTraffic({ from: IN_A, to: `${NS}/a-2`, port: 8443 }, { cluster: CLUSTER });
  });

  test('the pod policy alone decides: without the fence on the nodes the verdicts are the same', () => {
    const ablated = withoutFences(chart);
    expect(chart.toJson().length - ablated.length).toBe(2); // the nodes keep the same fence in local mode (README)
    expect(ablated).toAllowTraffic({ from: IN_A, to: SVC_A, port: 443, via: 'node-1' }, { cluster: CLUSTER });
    expect(ablated).toDenyTraffic({ from: OUTSIDER, to: SVC_A, port: 443, via: 'node-1' }, { cluster: CLUSTER });
    expect(ablated).toDenyTraffic({ from: IN_B, to: SVC_A, port: 443, via: 'node-2' }, { cluster: CLUSTER });
  });

  // kube-proxy DNATs <node>:<nodePort> to the local backend, and "normal host endpoint policy is not enforced for
  // traffic going to a local pod", only preDNAT (and applyOnForward) policy is (Calico docs, protect-hosts tutorial and
  // https://docs.tigera.io/calico/latest/reference/host-endpoints/pre-dnat); the pod policy then admits the allowed
  // network and denies the outsider.
  test('an allowed client reaches a Local NodePort on a node holding a backend (the pod policy decides)', () => {
    const c = nodePortApp(ExternalTrafficPolicy.LOCAL);
    expect(c).toDenyTraffic({ from: OUTSIDER, to: 'node/node-1', port: 30443 }, { cluster: CLUSTER });
    expect(c).toAllowTraffic({ from: IN_A, to: 'node/node-1', port: 30443 }, { cluster: CLUSTER });
    // The Service names its NodePort: the fence opens that one only, the rest of the range stays closed to it too.
    expect(c).toDenyTraffic({ from: IN_A, to: 'node/node-1', port: 30444 }, { cluster: CLUSTER });
    // Local: only a node holding a backend delivers.
    expect(c).toDenyTraffic({ from: IN_A, to: 'node/master', port: 30443 }, { cluster: CLUSTER });
  });
});

describe('seed 002 on a SecuredNodePool (foundation { nodePool }): the lockout guard runs at synth', () => {
  function poolApp(kubernetesBaseline: boolean): { app: App; chart: Chart } {
    const app = Testing.app();
    const chart = new Chart(app, 'exposed', { namespace: NS });
    const pool = new SecuredNodePool(chart, 'Nodes', {
      selector: Selector.eq('k8s-role', 'node'),
      hostEndpoints: NodeHostEndpoints.explicit({ interfaces: ['eth0'] }),
      hostEndpointLabels: { 'k8s-role': 'node' },
      inventory: inventory(),
      network: { encapsulation: PodEncapsulation.NONE },
      baseline: { sshFrom: ['192.168.10.0/24'], kubernetes: kubernetesBaseline },
    });
    new BgpServiceAdvertisement(chart, 'Advertise', { clusterIpCidrs: ['10.20.0.0/16'] });
    new ServiceExposureFoundation(chart, 'Exposure', { podCidrs: ['192.168.0.0/16'], nodePool: pool });
    const a = new kplus.Service(chart, 'SvcA', {
      metadata: { name: 'svc-a' },
      clusterIP: '10.20.30.40',
      ports: [{ port: 443, targetPort: 8443 }],
      selector: kplus.Pods.select(chart, 'APods', { labels: { 'k8s-svc': 'svc-a' } }),
    });
    new ExposedClusterIpService(chart, 'ExposeA', { service: a, allowFrom: [Peer.nets('50.60.0.0/16')] });
    return { app, chart };
  }

  test('synth succeeds and the service is exposed to its network only; NodePorts stay closed', () => {
    const { app, chart } = poolApp(true);
    expect(() => app.synthYaml()).not.toThrow();
    expect(chart).toAllowTraffic({ from: 'node/master', to: 'node/node-1', port: 10250 }, { cluster: CLUSTER });
    expect(chart).toAllowTraffic({ from: IN_A, to: SVC_A, port: 443, via: 'node-2' }, { cluster: CLUSTER });
    expect(chart).toDenyTraffic({ from: OUTSIDER, to: SVC_A, port: 443, via: 'node-2' }, { cluster: CLUSTER });
    expect(chart).toDenyTraffic({ from: OUTSIDER, to: 'node/node-1', port: 30443 }, { cluster: CLUSTER });
  });

  test('negative control: the pool without its Kubernetes baseline fails synth on control plane → kubelet', () => {
    const { app } = poolApp(false);
    expect(() => app.synthYaml()).toThrow(/lockout guard: control plane → kubelet \(TCP 10250\) is blocked/);
  });
});

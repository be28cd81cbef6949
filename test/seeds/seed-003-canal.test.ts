// docs/scenarios.md#003 (Calico policy on flannel, "Canal", and its Kubernetes NetworkPolicy walkthrough), written from
// the README alone: FlannelNetwork for canal-config (VXLAN on 172.16.0.0/16), SecureNamespace for dev-linuxea (ingress
// denied, then 172.16.0.0/16 except 172.16.8.0/24 admitted to app=linuxea.com on TCP 80 and 81) and prod-linuxea
// (egress denied, then allowed again). Proven with the traffic matchers over a Canal cluster dump, including what the
// walkthrough does from a node: `curl 172.16.4.8` works because a node reaches a remote pod from its flannel.1 address
// (the network address of its podCIDR, inside 172.16.0.0/16), not from its InternalIP.
import { App, Chart, Testing } from 'cdk8s';
import {
  calicoMatchers,
  FlannelBackend,
  FlannelNetwork,
  NetworkModel,
  NetworkPeer,
  NetworkPort,
  SecureNamespace,
} from '../../lib';

expect.extend(calicoMatchers);

interface Query {
  from: string;
  to: string;
  port?: number;
  protocol?: string;
}
interface TrafficExpectation {
  toAllowTraffic(query: Query, options?: { cluster?: any[] }): void;
  toDenyTraffic(query: Query, options?: { cluster?: any[] }): void;
}
const traffic = (subject: App): TrafficExpectation => expect(subject) as unknown as TrafficExpectation;

const FLANNEL = 'flannel.alpha.coreos.com';
/** A node of `kubectl get nodes -o json` on Canal: flannel's annotations and the podCIDR flannel leases. */
const canalNode = (name: string, ip: string, podCidr: string, annotate = true) => ({
  apiVersion: 'v1',
  kind: 'Node',
  metadata: {
    name,
    labels: { 'kubernetes.io/hostname': name },
    annotations: annotate
      ? {
          [`${FLANNEL}/backend-type`]: 'vxlan',
          [`${FLANNEL}/backend-data`]: '{"VNI":1,"VtepMAC":"f2:4b:2b:7e:4c:10"}',
          [`${FLANNEL}/kube-subnet-manager`]: 'true',
          [`${FLANNEL}/public-ip`]: ip,
        }
      : {},
  },
  spec: { podCIDR: podCidr, podCIDRs: [podCidr] },
  status: {
    addresses: [
      { type: 'InternalIP', address: ip },
      { type: 'Hostname', address: name },
    ],
  },
});
const ns = (name: string) => ({
  apiVersion: 'v1',
  kind: 'Namespace',
  metadata: { name, labels: { 'kubernetes.io/metadata.name': name } },
});
const pod = (namespace: string, name: string, node: string, ip: string, labels: Record<string, string> = {}) => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name, namespace, labels },
  spec: {
    nodeName: node,
    containers: [{ name: 'linuxeaapp', image: 'marksugar/nginx:1.14.a', ports: [{ name: 'http', containerPort: 80 }] }],
  },
  status: { phase: 'Running', podIP: ip },
});

const MASTER = 'linuxea.master.com';
/** The walkthrough's cluster: pods 172.16.4.8 (dev, node-2), 172.16.5.11 (prod, node-3), 172.16.3.46 (node-1). */
const dump = (annotate = true) => [
  canalNode(MASTER, '10.10.240.161', '172.16.0.0/24', annotate),
  canalNode('linuxea.node-1.com', '10.10.240.202', '172.16.3.0/24', annotate),
  canalNode('linuxea.node-2.com', '10.10.240.203', '172.16.4.0/24', annotate),
  canalNode('linuxea.node-3.com', '10.10.240.146', '172.16.5.0/24', annotate),
  canalNode('linuxea.node-8.com', '10.10.240.208', '172.16.8.0/24', annotate),
  ns('dev-linuxea'),
  ns('prod-linuxea'),
  ns('default'),
  pod('dev-linuxea', 'pod-linuxea-1', 'linuxea.node-2.com', '172.16.4.8', { app: 'linuxea.com' }),
  pod('prod-linuxea', 'pod-linuxea-1', 'linuxea.node-3.com', '172.16.5.11'),
  pod('default', 'other', 'linuxea.node-1.com', '172.16.3.46'),
  pod('default', 'from-excluded', 'linuxea.node-8.com', '172.16.8.9'),
];
const cluster = dump();

/** The README's constructs for the seed: Canal's network, then the walkthrough's end state (egress open or not). */
function seedApp(egressAllowedAgain: boolean): App {
  const app = Testing.app();
  const chart = new Chart(app, 'canal-netpol');
  new FlannelNetwork(chart, 'Canal', { network: '172.16.0.0/16', backend: FlannelBackend.vxlan() });
  const dev = new SecureNamespace(chart, 'Dev', {
    name: 'dev-linuxea',
    defaultDenyEgress: false,
    allowDns: false,
  });
  dev.allowIngressFrom('linuxea', NetworkPeer.ipBlock('172.16.0.0/16', ['172.16.8.0/24']), {
    podLabels: { app: 'linuxea.com' },
    ports: [NetworkPort.tcp(80), NetworkPort.tcp(81)],
  });
  const prod = new SecureNamespace(chart, 'Prod', { name: 'prod-linuxea', defaultDenyIngress: false, allowDns: false });
  if (egressAllowedAgain) prod.allowEgressTo('all', []); // the walkthrough's `egress: [{}]`
  return app;
}

describe('seed 003: Calico NetworkPolicy on Canal (flannel VXLAN)', () => {
  const app = seedApp(false);

  test('synth is clean and carries canal-config with the VXLAN backend', () => {
    const docs = app.charts.flatMap((c) => Testing.synth(c));
    const conf = docs.find((d) => d.kind === 'ConfigMap' && d.metadata.name === 'canal-config');
    expect(JSON.parse(conf.data['net-conf.json'])).toEqual({ Network: '172.16.0.0/16', Backend: { Type: 'vxlan' } });
    const model = NetworkModel.fromManifests([...docs, ...cluster]);
    expect(model.encapsulation).toBe('FlannelVXLAN');
  });

  test('curl 172.16.4.8 from a node works: node → remote pod leaves flannel.1 (172.16.0.0), inside the admitted block', () => {
    traffic(app).toAllowTraffic({ from: `node/${MASTER}`, to: 'dev-linuxea/pod-linuxea-1', port: 80 }, { cluster });
    traffic(app).toAllowTraffic({ from: `node/${MASTER}`, to: 'dev-linuxea/pod-linuxea-1', port: 81 }, { cluster });
    const r = NetworkModel.fromManifests([...app.charts.flatMap((c) => Testing.synth(c)), ...cluster]).evaluate({
      from: `node/${MASTER}`,
      to: 'dev-linuxea/pod-linuxea-1',
      port: 80,
    });
    expect(r.steps.map((s) => s.packet.src)).toEqual(r.steps.map(() => '172.16.0.0'));
    expect(r.steps[0].text).toContain('the address of flannel.1');
  });

  test('only the admitted ports, and never from 172.16.8.0/24 (a pod there, or the node whose flannel.1 is 172.16.8.0)', () => {
    traffic(app).toDenyTraffic({ from: `node/${MASTER}`, to: 'dev-linuxea/pod-linuxea-1', port: 8080 }, { cluster });
    traffic(app).toDenyTraffic(
      { from: 'default/from-excluded', to: 'dev-linuxea/pod-linuxea-1', port: 80 },
      { cluster },
    );
    traffic(app).toDenyTraffic(
      { from: 'node/linuxea.node-8.com', to: 'dev-linuxea/pod-linuxea-1', port: 80 },
      { cluster },
    );
    traffic(app).toAllowTraffic({ from: 'default/other', to: 'dev-linuxea/pod-linuxea-1', port: 80 }, { cluster });
    traffic(app).toDenyTraffic({ from: '203.0.113.9', to: 'dev-linuxea/pod-linuxea-1', port: 80 }, { cluster });
    // The pod's own node reaches it whatever the policy (Calico never polices host → local pod).
    traffic(app).toAllowTraffic(
      { from: 'node/linuxea.node-2.com', to: 'dev-linuxea/pod-linuxea-1', port: 8080 },
      { cluster },
    );
  });

  test('prod-linuxea has no ingress policy: curl 172.16.5.11 works; its pods cannot reach out until egress is allowed', () => {
    traffic(app).toAllowTraffic({ from: `node/${MASTER}`, to: 'prod-linuxea/pod-linuxea-1', port: 80 }, { cluster });
    traffic(app).toDenyTraffic(
      { from: 'prod-linuxea/pod-linuxea-1', to: 'default/other', protocol: 'ICMP' },
      { cluster },
    );
    const open = seedApp(true);
    traffic(open).toAllowTraffic(
      { from: 'prod-linuxea/pod-linuxea-1', to: 'default/other', protocol: 'ICMP' },
      { cluster },
    );
    traffic(open).toAllowTraffic(
      { from: 'prod-linuxea/pod-linuxea-1', to: 'dev-linuxea/pod-linuxea-1', port: 80 },
      { cluster },
    );
  });

  test("a dump without flannel annotations still models Canal: the app's canal-config says VXLAN", () => {
    traffic(app).toAllowTraffic(
      { from: `node/${MASTER}`, to: 'dev-linuxea/pod-linuxea-1', port: 80 },
      { cluster: dump(false) },
    );
    traffic(app).toDenyTraffic(
      { from: 'node/linuxea.node-8.com', to: 'dev-linuxea/pod-linuxea-1', port: 80 },
      { cluster: dump(false) },
    );
  });
});

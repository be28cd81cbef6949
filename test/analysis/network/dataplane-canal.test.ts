// Canal (Calico policy on flannel VXLAN, docs/scenarios.md#003): a node's traffic to a remote pod leaves flannel.<VNI>,
// whose address is the network address of the node's podCIDR (flannel pkg/backend/vxlan/vxlan.go RegisterNetwork:
// `dev.Configure(ip.IP4Net{IP: lease.Subnet.IP, PrefixLen: 32}, ...)`, "used as a source address for host to workload
// traffic"). The model detects Canal from flannel's node annotations or net-conf.json, picks that source address,
// and evaluates host endpoints and the pod's policy with it.
import { NetworkModel } from '../../../lib/analysis';
import { gnp, hep, knp, namespace, pod, service } from './fixtures';

const FLANNEL = 'flannel.alpha.coreos.com';

/** A Canal node as `kubectl get nodes -o json` shows it: InternalIP, podCIDR, flannel's annotations. */
interface NodeOptions {
  vni?: number;
  backend?: string;
  annotate?: boolean;
  labels?: Record<string, string>;
}
function canalNode(name: string, ip: string, podCidr: string, o: NodeOptions = {}): any {
  const annotations: Record<string, string> =
    o.annotate === false
      ? {}
      : {
          [`${FLANNEL}/backend-type`]: o.backend ?? 'vxlan',
          [`${FLANNEL}/backend-data`]: JSON.stringify({ VNI: o.vni ?? 1, VtepMAC: '6e:2f:1c:aa:bb:cc' }),
          [`${FLANNEL}/kube-subnet-manager`]: 'true',
          [`${FLANNEL}/public-ip`]: ip,
        };
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name, labels: o.labels ?? {}, annotations },
    spec: { podCIDR: podCidr, podCIDRs: [podCidr] },
    status: { addresses: [{ type: 'InternalIP', address: ip }] },
  };
}

/** canal-config as the upstream manifest (and FlannelNetwork) writes it. */
const canalConfig = (backend: Record<string, unknown>) => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name: 'canal-config', namespace: 'kube-system' },
  data: {
    'canal_iface': '',
    'masquerade': 'true',
    'net-conf.json': JSON.stringify({ Network: '172.16.0.0/16', Backend: backend }),
  },
});

/**
 * docs/scenarios.md#003's walkthrough: pod 172.16.4.8 on node-2 admits 172.16.0.0/16 except 172.16.8.0/24 on port 80.
 */
const allowIngress = knp('dev-linuxea', 'allow-ingress', {
  podSelector: { matchLabels: { app: 'linuxea.com' } },
  ingress: [
    {
      from: [{ ipBlock: { cidr: '172.16.0.0/16', except: ['172.16.8.0/24'] } }],
      ports: [{ protocol: 'TCP', port: 80 }],
    },
  ],
  policyTypes: ['Ingress'],
});
const cluster = (nodeOptions: { vni?: number; backend?: string; annotate?: boolean } = {}) => [
  canalNode('node-1', '192.168.10.11', '172.16.1.0/24', nodeOptions),
  canalNode('node-2', '192.168.10.12', '172.16.4.0/24', nodeOptions),
  canalNode('node-8', '192.168.10.18', '172.16.8.0/24', nodeOptions),
  namespace('dev-linuxea'),
  pod('dev-linuxea', 'pod-linuxea-1', {
    ip: '172.16.4.8',
    node: 'node-2',
    labels: { app: 'linuxea.com' },
    ports: [{ name: 'http', containerPort: 80 }],
  }),
  pod('dev-linuxea', 'other', { ip: '172.16.1.9', node: 'node-1', labels: { app: 'other' } }),
];

/** Every cell of the fast matrix (port 80) equals `evaluate` of the pair. */
function expectMatrixAgrees(m: NetworkModel) {
  const ids = m
    .endpoints()
    .filter((e) => e.kind !== 'service')
    .map((e) => e.id);
  const grid = m.matrix({ ports: [{ port: 80, protocol: 'TCP' }] });
  const n = ids.length;
  const bad: string[] = [];
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      if (i === j) continue;
      const want = m.evaluate({ from: ids[i], to: ids[j], port: 80 }).allowed ? 1 : 0;
      if (grid.allowed[0][i * n + j] !== want)
        bad.push(`${ids[i]} -> ${ids[j]}: matrix ${grid.allowed[0][i * n + j]}, evaluate ${want}`);
    }
  }
  expect(bad).toEqual([]);
  return { ids, n, grid };
}

const nodeToPod = { from: 'node/node-1', to: 'dev-linuxea/pod-linuxea-1', port: 80 };

describe('Canal: node-originated traffic to a remote pod leaves flannel.1', () => {
  test('detected from flannel node annotations; the source is the podCIDR network address, and the trace says why', () => {
    const m = NetworkModel.fromManifests([...cluster(), allowIngress]);
    expect(m.encapsulation).toBe('FlannelVXLAN');
    expect(m.encapsulationReason).toBe(
      'encapsulation flannel VXLAN (Canal), inferred from flannel node annotations (node-1: flannel.alpha.coreos.com/backend-type: vxlan)',
    );
    const r = m.evaluate({ from: 'node/node-1', to: 'dev-linuxea/pod-linuxea-1', port: 80 });
    // Without the flannel source the pod's ipBlock sees 192.168.10.11 and denies: the walkthrough's curl from a node
    // works.
    expect(r.allowed).toBe(true);
    expect(r.steps[0]).toMatchObject({
      point: 'route',
      packet: { src: '172.16.1.0', dst: '172.16.4.8' },
      decision: { action: 'Continue', default: 'node source address' },
    });
    expect(r.steps[0].text).toContain(
      "source 172.16.1.0, the address of flannel.1 (the network address of the node's podCIDR); encapsulation flannel VXLAN",
    );
    const last = r.steps[r.steps.length - 1];
    expect(last).toMatchObject({ point: 'destination-workload-ingress', packet: { src: '172.16.1.0' }, allowed: true });
    expect(m.evaluate({ from: 'node/node-1', to: 'dev-linuxea/pod-linuxea-1', port: 81 }).allowed).toBe(false);
  });

  test("ipBlock except applies to the flannel address: podCIDR 172.16.8.0/24's node is denied; the local node is not policed", () => {
    const m = NetworkModel.fromManifests([...cluster(), allowIngress]);
    const r = m.evaluate({ from: 'node/node-8', to: 'dev-linuxea/pod-linuxea-1', port: 80 });
    expect(r.allowed).toBe(false);
    expect(r.steps[r.steps.length - 1].packet.src).toBe('172.16.8.0');
    expect(m.evaluate({ from: 'node/node-2', to: 'dev-linuxea/pod-linuxea-1', port: 81 }).allowed).toBe(true);
    // Node to node stays on the main interface: no flannel source, no route step.
    const hostToHost = m.evaluate({ from: 'node/node-1', to: 'node/node-2', port: 10250 });
    expect(hostToHost.steps.every((s) => s.point !== 'route' && s.packet.src === '192.168.10.11')).toBe(true);
  });

  test('the flannel address names its node in queries', () => {
    const m = NetworkModel.fromManifests([...cluster(), allowIngress]);
    const r = m.evaluate({ from: '172.16.1.0', to: 'dev-linuxea/pod-linuxea-1', port: 80 });
    expect(r.allowed).toBe(true);
    expect(r.steps[0].endpoint).toBe('node/node-1');
  });

  test('host endpoints: a flannel.1 HEP (by name, or by its address) governs the traffic; an eth0 HEP does not', () => {
    const denyOut = gnp('no-host-egress', {
      selector: 'host == "n1"',
      types: ['Egress'],
      egress: [{ action: 'Deny' }],
    });
    const byName = hep('node-1-flannel', { node: 'node-1', interfaceName: 'flannel.1' }, { host: 'n1' });
    const byIp = hep('node-1-vtep', { node: 'node-1', expectedIPs: ['172.16.1.0'] }, { host: 'n1' });
    const eth0 = hep(
      'node-1-eth0',
      { node: 'node-1', interfaceName: 'eth0', expectedIPs: ['192.168.10.11'] },
      { host: 'n1' },
    );
    for (const h of [byName, byIp]) {
      const r = NetworkModel.fromManifests([...cluster(), allowIngress, denyOut, h]).evaluate(nodeToPod);
      expect(r.allowed).toBe(false);
      expect(r.steps[r.steps.length - 1]).toMatchObject({
        point: 'source-host-endpoint-egress',
        endpoint: `hep:${h.metadata.name}`,
        packet: { src: '172.16.1.0' },
      });
    }
    // eth0's endpoint never sees the inner packet (172.16.1.0 → 172.16.4.8:80); it polices the outer VXLAN packet.
    const viaEth0 = NetworkModel.fromManifests([...cluster(), allowIngress, denyOut, eth0]);
    const r = viaEth0.evaluate({ from: 'node/node-1', to: 'dev-linuxea/pod-linuxea-1', port: 80 });
    expect(r.allowed).toBe(false);
    const onEth0 = r.steps.filter((st) => st.endpoint === 'hep:node-1-eth0');
    expect(onEth0.map((st) => `${st.packet.src} ${st.packet.protocol} ${st.packet.port}`)).toEqual([
      '192.168.10.11 UDP 8472',
    ]);
    expect(viaEth0.evaluate({ from: 'node/node-1', to: 'node/node-2', port: 10250 }).allowed).toBe(false);
  });

  test('the outer VXLAN packet (UDP 8472 between the nodes) is host traffic: node policy that omits it cuts pods off', () => {
    const eth = (n: string, ip: string) =>
      hep(`${n}-eth0`, { node: n, interfaceName: 'eth0', expectedIPs: [ip] }, { 'kubernetes-host': '' });
    const heps = [eth('node-1', '192.168.10.11'), eth('node-2', '192.168.10.12'), eth('node-8', '192.168.10.18')];
    const hostsTcpOnly = gnp('hosts', {
      selector: 'has(kubernetes-host)',
      types: ['Ingress', 'Egress'],
      ingress: [{ action: 'Allow', protocol: 'TCP' }],
      egress: [{ action: 'Allow', protocol: 'TCP' }],
    });
    const withoutVxlan = NetworkModel.fromManifests([...cluster(), allowIngress, ...heps, hostsTcpOnly]);
    const r = withoutVxlan.evaluate({ from: 'dev-linuxea/other', to: 'dev-linuxea/pod-linuxea-1', port: 80 });
    expect(r.allowed).toBe(false);
    const outer = r.steps.find((st) => st.decision.default === 'flannel VXLAN encapsulation')!;
    expect(outer.text).toContain(
      'flannel.1 sends 172.16.1.9 → 172.16.4.8 inside UDP 192.168.10.11 → 192.168.10.12:8472',
    );
    expect(r.steps[r.steps.length - 1]).toMatchObject({
      point: 'source-host-endpoint-egress',
      endpoint: 'hep:node-1-eth0',
      packet: { protocol: 'UDP', port: 8472 },
    });
    // The node itself is cut off from remote pods the same way (its flannel.1 packet is wrapped too).
    expect(withoutVxlan.evaluate({ from: 'node/node-1', to: 'dev-linuxea/pod-linuxea-1', port: 80 }).allowed).toBe(
      false,
    );
    const vxlan = gnp('flannel-vxlan', {
      selector: 'has(kubernetes-host)',
      order: 10,
      types: ['Ingress', 'Egress'],
      ingress: [
        {
          action: 'Allow',
          protocol: 'UDP',
          source: { selector: 'has(kubernetes-host)' },
          destination: { ports: [8472] },
        },
      ],
      egress: [{ action: 'Allow', protocol: 'UDP', destination: { selector: 'has(kubernetes-host)', ports: [8472] } }],
    });
    const withVxlan = NetworkModel.fromManifests([...cluster(), allowIngress, ...heps, hostsTcpOnly, vxlan]);
    expect(withVxlan.evaluate({ from: 'dev-linuxea/other', to: 'dev-linuxea/pod-linuxea-1', port: 80 }).allowed).toBe(
      true,
    );
    expect(withVxlan.evaluate({ from: 'node/node-1', to: 'dev-linuxea/pod-linuxea-1', port: 80 }).allowed).toBe(true);
    // Backend.Port moves it: the 8472 rule no longer matches.
    const moved = NetworkModel.fromManifests([
      ...cluster(),
      allowIngress,
      ...heps,
      hostsTcpOnly,
      vxlan,
      canalConfig({ Type: 'vxlan', Port: 4790 }),
    ]);
    expect(moved.evaluate({ from: 'dev-linuxea/other', to: 'dev-linuxea/pod-linuxea-1', port: 80 }).allowed).toBe(
      false,
    );
    // Calico's own VXLAN is admitted by Felix: the same node policy does not matter there.
    expect(
      NetworkModel.fromManifests([...cluster(), allowIngress, ...heps, hostsTcpOnly], {
        encapsulation: 'VXLAN',
      }).evaluate({ from: 'dev-linuxea/other', to: 'dev-linuxea/pod-linuxea-1', port: 80 }).allowed,
    ).toBe(true);
    expectMatrixAgrees(withoutVxlan);
    expectMatrixAgrees(
      NetworkModel.fromManifests([
        ...cluster(),
        allowIngress,
        ...heps,
        hostsTcpOnly,
        gnp('only-node-1', {
          selector: 'has(kubernetes-host)',
          order: 10,
          types: ['Egress'],
          egress: [{ action: 'Allow', protocol: 'UDP', source: { nets: ['192.168.10.11/32'] } }],
        }),
      ]),
    );
  });

  test("fast matrix: twin pods on two nodes differ by their node's underlay address alone", () => {
    const eth = (n: string, ip: string) =>
      hep(`${n}-eth0`, { node: n, interfaceName: 'eth0', expectedIPs: [ip] }, { 'kubernetes-host': '' });
    const docs = [
      ...cluster(),
      canalNode('node-3', '192.168.10.13', '172.16.3.0/24'),
      namespace('open'),
      pod('open', 'twin-a', { ip: '172.16.1.20', node: 'node-1', labels: { app: 'twin' } }),
      pod('open', 'twin-b', { ip: '172.16.3.20', node: 'node-3', labels: { app: 'twin' } }),
      pod('open', 'target', { ip: '172.16.4.20', node: 'node-2', labels: { app: 'target' } }),
      eth('node-1', '192.168.10.11'),
      eth('node-2', '192.168.10.12'),
      eth('node-3', '192.168.10.13'),
      eth('node-8', '192.168.10.18'),
      gnp('hosts', {
        selector: 'has(kubernetes-host)',
        types: ['Ingress', 'Egress'],
        ingress: [{ action: 'Allow' }],
        egress: [{ action: 'Allow', protocol: 'UDP', source: { nets: ['192.168.10.11/32'] } }],
      }),
    ];
    const m = NetworkModel.fromManifests(docs);
    expect(m.evaluate({ from: 'open/twin-a', to: 'open/target', port: 80 }).allowed).toBe(true);
    expect(m.evaluate({ from: 'open/twin-b', to: 'open/target', port: 80 }).allowed).toBe(false);
    expectMatrixAgrees(m);
  });

  test("a service reached through another node: SNAT to that node's flannel.1 address, and the outer packet is policed", () => {
    const svc = service('dev-linuxea', 'web', {
      clusterIP: '10.96.0.10',
      selector: { app: 'linuxea.com' },
      ports: [{ port: 80, targetPort: 80 }],
    });
    const eth = (n: string, ip: string) =>
      hep(`${n}-eth0`, { node: n, interfaceName: 'eth0', expectedIPs: [ip] }, { 'kubernetes-host': '' });
    const heps = [eth('node-1', '192.168.10.11'), eth('node-2', '192.168.10.12')];
    const tcpOnly = gnp('hosts', {
      selector: 'has(kubernetes-host)',
      types: ['Ingress', 'Egress'],
      applyOnForward: true,
      ingress: [{ action: 'Allow', protocol: 'TCP' }],
      egress: [{ action: 'Allow', protocol: 'TCP' }],
    });
    const q = { from: '203.0.113.9', to: 'svc/dev-linuxea/web', port: 80, via: 'node-1' };
    const open = NetworkModel.fromManifests([...cluster(), allowIngress, svc]).evaluate(q);
    // kube-proxy masquerades to the address of the interface towards the pod: flannel.1's, inside 172.16.0.0/16.
    expect(open.backends?.[0]).toMatchObject({ seenSource: '172.16.1.0', allowed: true });
    const fenced = NetworkModel.fromManifests([...cluster(), allowIngress, svc, ...heps, tcpOnly]).evaluate(q);
    expect(fenced.allowed).toBe(false);
    expect(fenced.backends?.[0].steps.slice(-1)[0]).toMatchObject({
      point: 'source-host-endpoint-egress',
      packet: { protocol: 'UDP', port: 8472 },
    });
  });

  test('the VNI names the device (flannel.<VNI>, from backend-data)', () => {
    const m = NetworkModel.fromManifests([...cluster({ vni: 4 }), allowIngress]);
    const r = m.evaluate({ from: 'node/node-1', to: 'dev-linuxea/pod-linuxea-1', port: 80 });
    expect(r.steps[0].text).toContain('the address of flannel.4');
    const named = hep('node-1-flannel4', { node: 'node-1', interfaceName: 'flannel.4' }, { host: 'n1' });
    const deny = gnp('d', { selector: 'host == "n1"', types: ['Egress'], egress: [{ action: 'Deny' }] });
    expect(
      NetworkModel.fromManifests([...cluster({ vni: 4 }), allowIngress, named, deny]).evaluate(nodeToPod).allowed,
    ).toBe(false);
  });

  test('detected from canal-config net-conf.json when the nodes carry no flannel annotations; host-gw is not VXLAN', () => {
    const fromConfig = NetworkModel.fromManifests([
      ...cluster({ annotate: false }),
      allowIngress,
      canalConfig({ Type: 'vxlan' }),
    ]);
    expect(fromConfig.encapsulation).toBe('FlannelVXLAN');
    expect(fromConfig.encapsulationReason).toContain('ConfigMap kube-system/canal-config, Backend.Type vxlan');
    expect(fromConfig.evaluate({ from: 'node/node-1', to: 'dev-linuxea/pod-linuxea-1', port: 80 }).allowed).toBe(true);
    const direct = NetworkModel.fromManifests([
      ...cluster({ annotate: false }),
      canalConfig({ Type: 'vxlan', DirectRouting: true }),
    ]);
    expect(direct.encapsulationReason).toContain(
      'DirectRouting: nodes on one subnet talk from their main address; modelled as VXLAN for every pair',
    );
    const hostGw = NetworkModel.fromManifests([
      ...cluster({ annotate: false }),
      allowIngress,
      canalConfig({ Type: 'host-gw' }),
    ]);
    expect(hostGw.encapsulation).toBe('None');
    expect(hostGw.evaluate({ from: 'node/node-1', to: 'dev-linuxea/pod-linuxea-1', port: 80 }).allowed).toBe(false);
    // What flannel runs (the node annotation) wins over the ConfigMap.
    const annotatedHostGw = NetworkModel.fromManifests([
      ...cluster({ backend: 'host-gw' }),
      allowIngress,
      canalConfig({ Type: 'vxlan' }),
    ]);
    expect(annotatedHostGw.encapsulation).toBe('None');
  });

  test('an IPPool that enables IPIP or the encapsulation option wins over flannel evidence', () => {
    const pool = {
      apiVersion: 'projectcalico.org/v3',
      kind: 'IPPool',
      metadata: { name: 'p' },
      spec: { cidr: '10.99.0.0/16', ipipMode: 'Always' },
    };
    expect(NetworkModel.fromManifests([...cluster(), pool]).encapsulation).toBe('IPIP');
    const none = NetworkModel.fromManifests([...cluster(), allowIngress], { encapsulation: 'None' });
    expect(none.evaluate({ from: 'node/node-1', to: 'dev-linuxea/pod-linuxea-1', port: 80 }).allowed).toBe(false);
    const given = NetworkModel.fromManifests([...cluster({ annotate: false }), allowIngress], {
      encapsulation: 'FlannelVXLAN',
    });
    expect(given.encapsulationReason).toBe('encapsulation FlannelVXLAN (the encapsulation option)');
    expect(given.evaluate({ from: 'node/node-1', to: 'dev-linuxea/pod-linuxea-1', port: 80 }).allowed).toBe(true);
  });

  test('the fast matrix agrees with evaluate on a Canal cluster', () => {
    const m = NetworkModel.fromManifests([...cluster(), allowIngress]);
    const { ids, n, grid } = expectMatrixAgrees(m);
    expect(grid.allowed[0][ids.indexOf('node/node-1') * n + ids.indexOf('dev-linuxea/pod-linuxea-1')]).toBe(1);
    expect(grid.allowed[0][ids.indexOf('node/node-8') * n + ids.indexOf('dev-linuxea/pod-linuxea-1')]).toBe(0);
  });

  test('malformed flannel input is refused naming the object and field', () => {
    const badConf = { ...canalConfig({ Type: 'vxlan' }), data: { 'net-conf.json': '{"Network": ' } };
    expect(() => NetworkModel.fromManifests([badConf])).toThrow(
      /^\[ConfigMap kube-system\/canal-config\] data\["net-conf.json"\]: is not JSON/,
    );
    const badCidr = canalNode('node-x', '192.168.10.30', '172.16.300.0/24');
    expect(() => NetworkModel.fromManifests([badCidr])).toThrow(
      /^\[Node node-x\] spec.podCIDRs\[0\]: "172.16.300.0\/24" is not a CIDR/,
    );
    const badData = canalNode('node-y', '192.168.10.31', '172.16.9.0/24');
    badData.metadata.annotations[`${FLANNEL}/backend-data`] = '{VNI';
    expect(() => NetworkModel.fromManifests([badData])).toThrow(
      /^\[Node node-y\] metadata.annotations\["flannel.alpha.coreos.com\/backend-data"\]: "\{VNI" is not JSON/,
    );
  });
});

// docs/scenarios.md#002 proven with the reachability engine over the example's synthesized manifests plus the cluster
// state: who reaches which cluster IP in both modes, the hole of the upstream guide's Allow-only preDNAT policy, the
// host services an advertised cluster IP exposes (Calico issue 7049), pod traffic through the nodes (issue 873),
// and why pod ipBlock rules cannot see external clients in cluster mode (issue 2660).
import { Testing } from 'cdk8s';
import { Kplus, KPLUS_LINES } from '../kplus/lines';
import { lintNetworkManifests, Peer, validateManifests } from '../../lib';
import { ExposedClusterIpService, ExternalTrafficPolicy } from '../../lib/services';
import { SEED_002 } from '../../examples/exposed-cluster-ip/main';
import {
  everyBackend,
  FELIX_SSH_FROM_ADMIN,
  fromOutside,
  ipvsHostOwnsClusterIp,
  modelOf,
  noBackend,
  NODE_NAMES,
  synthExample,
  withoutFenceDenies,
} from './fixtures';

const A = SEED_002.a;
const B = SEED_002.b;
const IN_A = '50.60.7.8';
const IN_B = '70.80.90.5';
const OTHERS = ['8.8.8.8', '50.61.0.1', '70.80.91.5', '10.0.0.99'];

/**
 * docs/scenarios.md#002's own YAML (step 3 with the `ingress:` key it lacks, step 4 for both Services), on the
 * example's nodes.
 */
function documentSet(docs: any[]): any[] {
  const gnp = (name: string, spec: any) => ({
    apiVersion: 'projectcalico.org/v3',
    kind: 'GlobalNetworkPolicy',
    metadata: { name },
    spec,
  });
  const nodes = "k8s-role == 'node'";
  const podsOf = (svc: string, tcp: number[], udp: number[]) =>
    gnp(`allow-nodes-${svc}`, {
      selector: `k8s-svc == '${svc}'`,
      types: ['Ingress'],
      ingress: [
        { action: 'Allow', protocol: 'TCP', source: { selector: nodes }, destination: { ports: tcp } },
        ...(udp.length
          ? [{ action: 'Allow', protocol: 'UDP', source: { selector: nodes }, destination: { ports: udp } }]
          : []),
      ],
    });
  return [
    ...docs.filter((d) => d.kind === 'HostEndpoint' || d.kind === 'Service' || d.kind === 'BGPConfiguration'),
    gnp('allow-cluster-ips', {
      selector: nodes,
      types: ['Ingress'],
      applyOnForward: true,
      preDNAT: true,
      ingress: [
        { action: 'Allow', source: { nets: [A.clients] }, destination: { nets: [`${A.clusterIp}/32`] } },
        { action: 'Allow', source: { nets: [B.clients] }, destination: { nets: [`${B.clusterIp}/32`] } },
      ],
    }),
    gnp('allow-to-pods', {
      selector: nodes,
      types: ['Ingress'],
      applyOnForward: true,
      preDNAT: true,
      ingress: [{ action: 'Allow', destination: { nets: [SEED_002.podCidr] } }],
    }),
    gnp('allow-traffic-hostendpoints', {
      selector: nodes,
      types: ['Ingress'],
      ingress: [
        { action: 'Allow', protocol: 'TCP', destination: { selector: nodes, notPorts: ['30000:32767'] } },
        { action: 'Allow', protocol: 'UDP', destination: { selector: nodes, notPorts: ['30000:32767'] } },
      ],
    }),
    podsOf(A.name, [8080, 8443], []),
    podsOf(B.name, [8080], [5353]),
  ];
}

describe('cluster mode (externalTrafficPolicy Cluster)', () => {
  const { docs } = synthExample(ExternalTrafficPolicy.CLUSTER);
  const m = modelOf(docs);

  test('everything validates against the CRDs, CEL and Calico rules; every fence has its Deny', () => {
    expect(validateManifests(docs)).toEqual([]);
    // Nothing of ours is flagged (allow-to-pods admits every source on purpose, so no source is left to pass through);
    // the document's own set, with Allow rules for chosen sources only, is.
    expect(
      lintNetworkManifests(docs)
        .filter((f) => f.rule === 'lint.prednat-without-deny')
        .map((f) => f.name),
    ).toEqual([]);
    expect(lintNetworkManifests(documentSet(docs)).map((f) => `${f.name}: ${f.rule}`)).toContain(
      'allow-cluster-ips: lint.prednat-without-deny',
    );
  });

  test(`${IN_A} (in ${A.clients}) reaches A on its ports through every node, every backend; not B`, () => {
    expect(everyBackend(fromOutside(m, IN_A, A.name, 80))).toBe(true);
    expect(everyBackend(fromOutside(m, IN_A, A.name, 443))).toBe(true);
    expect(noBackend(fromOutside(m, IN_A, B.name, 80))).toBe(true);
    expect(noBackend(fromOutside(m, IN_A, B.name, 53, 'UDP'))).toBe(true);
  });

  test(`${IN_B} (in ${B.clients}) reaches B (TCP 80, UDP 53) and not A`, () => {
    expect(everyBackend(fromOutside(m, IN_B, B.name, 80))).toBe(true);
    expect(everyBackend(fromOutside(m, IN_B, B.name, 53, 'UDP'))).toBe(true);
    expect(noBackend(fromOutside(m, IN_B, A.name, 80))).toBe(true);
    expect(noBackend(fromOutside(m, IN_B, A.name, 443))).toBe(true);
  });

  test.each(OTHERS)('%s reaches neither, stopped on the node by the fence Deny', (ip) => {
    for (const [svc, port] of [
      [A.name, 80],
      [A.name, 443],
      [B.name, 80],
    ] as const) {
      const rs = fromOutside(m, ip, svc, port);
      expect(noBackend(rs)).toBe(true);
      for (const r of rs)
        expect(
          r.backends!.every((b) =>
            b.steps.some(
              (s) =>
                s.point === 'pre-dnat' && s.decision.action === 'Deny' && s.decision.policy === `expose-shop-${svc}`,
            ),
          ),
        ).toBe(true);
    }
  });

  test("without the Deny (the upstream guide's Allow-only set) clients outside the lists get through: the hole", () => {
    const hole = modelOf(withoutFenceDenies(docs));
    expect(noBackend(fromOutside(hole, '8.8.8.8', A.name, 80))).toBe(false);
    expect(noBackend(fromOutside(hole, IN_A, B.name, 80))).toBe(false);
    const guide = modelOf(documentSet(docs));
    const r = guide.evaluate({ from: '8.8.8.8', to: `svc/shop/${A.name}`, port: 80, via: 'node-1' });
    expect(r.allowed).toBe(true);
    // The backend on another node admits the SNATed packet because it comes from a node.
    expect(r.backends!.find((b) => b.endpoint === 'shop/a-2')).toMatchObject({
      allowed: true,
      seenSource: '10.0.0.11',
    });
  });

  describe('host services bound to 0.0.0.0 through the cluster IP (Calico issue 7049)', () => {
    const ipvs = ipvsHostOwnsClusterIp(docs, A.clusterIp);
    const fenced = modelOf(ipvs.docs, [FELIX_SSH_FROM_ADMIN], ipvs.nodes);

    test('sshd on 22 via the cluster IP: not reachable from the allowed network or anyone else', () => {
      for (const from of [IN_A, IN_B, '8.8.8.8']) {
        const r = fenced.evaluate({ from, to: A.clusterIp, port: 22 });
        expect(r.allowed).toBe(false);
        expect(r.steps.at(-1)).toMatchObject({
          point: 'pre-dnat',
          endpoint: 'hep:node-1-eth0',
          decision: { action: 'Deny', policy: 'expose-shop-svc-a' },
        });
      }
    });

    test('every other host port of the cluster IP is fenced as well (kubelet 10250, node-exporter 9100, UDP)', () => {
      for (const [port, protocol] of [
        [10250, 'TCP'],
        [9100, 'TCP'],
        [111, 'UDP'],
      ] as const) {
        expect(fenced.evaluate({ from: IN_A, to: A.clusterIp, port, protocol }).allowed).toBe(false);
      }
    });

    test("the node's own address still serves SSH to the admin network (the fence matches the cluster IP only)", () => {
      expect(fenced.evaluate({ from: '10.99.0.5', to: 'node/node-1', port: 22 }).allowed).toBe(true);
      expect(fenced.evaluate({ from: '10.99.0.5', to: 'node/node-1', port: 10250 }).allowed).toBe(true);
    });

    test("the upstream guide's Allow rule (no ports) hands the allowed network every host port of the cluster IP", () => {
      const guide = ipvsHostOwnsClusterIp(documentSet(docs), A.clusterIp);
      const r = modelOf(guide.docs, [FELIX_SSH_FROM_ADMIN], guide.nodes).evaluate({
        from: IN_A,
        to: A.clusterIp,
        port: 22,
      });
      expect(r.allowed).toBe(true);
      expect(r.steps.map((s) => s.decision.policy)).toContain('allow-cluster-ips');
    });

    test("with Felix's default failsafe ports, TCP 22 stays open on every address of the node whatever the policy: restrict failsafeInboundHostPorts", () => {
      const r = modelOf(ipvs.docs, [], ipvs.nodes).evaluate({ from: '8.8.8.8', to: A.clusterIp, port: 22 });
      expect(r.allowed).toBe(true);
      expect(r.steps.at(-1)!.decision.default).toBe('failsafe port');
    });
  });

  describe('pods still talk to each other through the nodes (issue 873)', () => {
    const forwardDeny = {
      apiVersion: 'projectcalico.org/v3',
      kind: 'GlobalNetworkPolicy',
      metadata: { name: 'nodes-forward-deny' },
      spec: {
        selector: "k8s-role == 'node'",
        order: 900,
        applyOnForward: true,
        types: ['Ingress'],
        ingress: [{ action: 'Deny' }],
      },
    };
    test('pod to pod on other nodes, also under an applyOnForward deny on the nodes', () => {
      expect(m.evaluate({ from: 'shop/tool', to: 'shop/db', port: 5432 }).allowed).toBe(true);
      const r = modelOf(docs, [forwardDeny]).evaluate({ from: 'shop/tool', to: 'shop/db', port: 5432 });
      expect(r.allowed).toBe(true);
      expect(r.steps.find((s) => s.point === 'pre-dnat')!.decision.policy).toBe('allow-to-pods');
    });
    test('without the pod-CIDR allowance that applyOnForward deny drops forwarded pod traffic', () => {
      const r = modelOf(
        docs.filter((d) => d.metadata.name !== 'allow-to-pods'),
        [forwardDeny],
      ).evaluate({ from: 'shop/tool', to: 'shop/db', port: 5432 });
      expect(r.allowed).toBe(false);
      expect(r.reason).toContain('nodes-forward-deny');
    });
  });

  test('in-cluster clients: the pod policy isolates the backends, allowInCluster admits the frontend', () => {
    expect(
      m.evaluate({ from: 'shop/frontend', to: `svc/shop/${A.name}`, port: 80 }).backends!.every((b) => b.allowed),
    ).toBe(true);
    expect(m.evaluate({ from: 'shop/tool', to: `svc/shop/${A.name}`, port: 80 }).allowed).toBe(false);
  });

  test('pod ipBlock rules cannot see external clients in cluster mode (issue 2660): a backend on another node sees the node', () => {
    const ipBlockOnly = {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata: { name: 'svc-a-clients', namespace: 'shop' },
      spec: {
        podSelector: { matchLabels: { 'k8s-svc': A.name } },
        policyTypes: ['Ingress'],
        ingress: [{ from: [{ ipBlock: { cidr: A.clients } }] }],
      },
    };
    const svcOnly = docs.filter((d) => d.kind === 'Service' || d.kind === 'HostEndpoint');
    const r = modelOf([...svcOnly, ipBlockOnly]).evaluate({
      from: IN_A,
      to: `svc/shop/${A.name}`,
      port: 80,
      via: 'node-1',
    });
    const remote = r.backends!.find((b) => b.endpoint === 'shop/a-2')!;
    expect(remote).toMatchObject({ allowed: false, seenSource: '10.0.0.11' });
  });
});

describe('local mode (externalTrafficPolicy Local)', () => {
  const { docs } = synthExample(ExternalTrafficPolicy.LOCAL);
  const m = modelOf(docs);
  const local = (from: string, svc: string, port: number, protocol = 'TCP') =>
    fromOutside(m, from, svc, port, protocol, [undefined]);

  test('the Services carry externalTrafficPolicy Local (cdk8s-plus-27 has no such field) and everything validates', () => {
    expect(
      docs.filter((d) => d.kind === 'Service').map((d) => [d.metadata.name, d.spec.type, d.spec.externalTrafficPolicy]),
    ).toEqual([
      [A.name, 'NodePort', 'Local'],
      [B.name, 'NodePort', 'Local'],
    ]);
    expect(
      docs.filter((d) => d.kind === 'NetworkPolicy').map((d) => `${d.metadata.namespace}/${d.metadata.name}`),
    ).toEqual(['shop/expose-shop-svc-a', 'shop/expose-shop-svc-b']);
    expect(validateManifests(docs)).toEqual([]);
  });

  test('each client network reaches its Service on every backend (seen with its own address), not the other', () => {
    const a = local(IN_A, A.name, 443);
    expect(everyBackend(a)).toBe(true);
    expect(a[0].backends!.map((b) => b.seenSource)).toEqual([IN_A, IN_A]);
    expect(everyBackend(local(IN_B, B.name, 53, 'UDP'))).toBe(true);
    expect(noBackend(local(IN_A, B.name, 80))).toBe(true);
    expect(noBackend(local(IN_B, A.name, 80))).toBe(true);
    for (const ip of OTHERS) expect(noBackend([...local(ip, A.name, 80), ...local(ip, B.name, 80)])).toBe(true);
  });

  test('sshd via the cluster IP is fenced on the nodes in local mode too', () => {
    const ipvs = ipvsHostOwnsClusterIp(docs, B.clusterIp, 'node-3');
    expect(
      modelOf(ipvs.docs, [FELIX_SSH_FROM_ADMIN], ipvs.nodes).evaluate({ from: IN_B, to: B.clusterIp, port: 22 })
        .allowed,
    ).toBe(false);
  });

  test.each(KPLUS_LINES)(
    'without host endpoints the pod policy alone decides, since the client address survives (%s)',
    (_line, kplus: Kplus) => {
      const chart = Testing.chart();
      const svc = new kplus.Service(chart, 'A', {
        metadata: { name: A.name, namespace: 'shop' },
        type: kplus.ServiceType.NODE_PORT,
        clusterIP: A.clusterIp,
        selector: kplus.Pods.select(chart, 'P', { labels: { 'k8s-svc': A.name } }),
        ports: [{ port: 80, targetPort: 8080 }],
      });
      new ExposedClusterIpService(chart, 'Expose', {
        service: svc,
        externalTrafficPolicy: ExternalTrafficPolicy.LOCAL,
        allowFrom: [Peer.nets(A.clients)],
      });
      const solo = Testing.synth(chart);
      expect(solo.map((d) => d.kind)).toEqual(['Service', 'NetworkPolicy']);
      const mm = modelOf(solo);
      expect(everyBackend(fromOutside(mm, IN_A, A.name, 80, 'TCP', [undefined]))).toBe(true);
      const r = fromOutside(mm, '8.8.8.8', A.name, 80, 'TCP', [undefined])[0];
      expect(r.allowed).toBe(false);
      expect(r.backends!.every((b) => b.steps.at(-1)!.point === 'destination-workload-ingress')).toBe(true);
    },
  );
});

test('the fixture nodes are the example inventory', () => {
  expect(NODE_NAMES).toEqual(['node-1', 'node-2', 'node-3']);
});

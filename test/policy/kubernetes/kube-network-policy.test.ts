// KubeNetworkPolicy and SecureNamespace take rules with the verbs of Calico policies: allowIngress(peer, port?) for
// one peer, addIngressRule({ peers, ports }) for a whole rule; what they render, what they refuse, and what the
// reachability engine says the rendered policies allow.
import { Chart, Testing } from 'cdk8s';
import { KubeNetworkPolicy, KubePeer, KubePort, NetworkModel, SecureNamespace } from '../../../lib';

const pod = (ns: string, name: string, ip: string, labels: Record<string, string>) => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name, namespace: ns, labels },
  spec: { nodeName: 'node-a', containers: [{ name: 'c', image: 'x' }] },
  status: { phase: 'Running', podIP: ip },
});
const cluster = [
  { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'dev' } },
  { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'ops' } },
  pod('dev', 'db', '10.244.1.5', { app: 'db' }),
  pod('dev', 'web', '10.244.1.6', { app: 'web' }),
  pod('dev', 'batch', '10.244.1.7', { app: 'batch' }),
  pod('ops', 'probe', '10.244.2.5', { app: 'probe' }),
];

function policy(): { chart: Chart; p: KubeNetworkPolicy } {
  const chart = new Chart(Testing.app(), 'c');
  return { chart, p: new KubeNetworkPolicy(chart, 'Db', { name: 'db', namespace: 'dev', podLabels: { app: 'db' } }) };
}

describe('KubeNetworkPolicy verbs', () => {
  test('allowIngress: one rule per call, peers with the same port merged, KubePeer.any() as a rule without from', () => {
    const { chart, p } = policy();
    p.allowIngress(KubePeer.pods({ app: 'web' }), KubePort.tcp(5432));
    p.allowIngress(KubePeer.namespaceNamed('ops'), KubePort.tcp(5432));
    p.allowIngress(KubePeer.any(), KubePort.tcp(9187));
    p.allowEgress(KubePeer.ipBlock('10.0.0.0/8'));
    expect(Testing.synth(chart)[0].spec).toEqual({
      podSelector: { matchLabels: { app: 'db' } },
      ingress: [
        {
          from: [
            { podSelector: { matchLabels: { app: 'web' } } },
            { namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'ops' } }, podSelector: {} },
          ],
          ports: [{ protocol: 'TCP', port: 5432 }],
        },
        { ports: [{ protocol: 'TCP', port: 9187 }] },
      ],
      egress: [{ to: [{ ipBlock: { cidr: '10.0.0.0/8' } }] }],
      policyTypes: ['Ingress', 'Egress'],
    });
  });

  test('addIngressRule: several peers and ports in one rule; KubePeer.any() among them admits anyone', () => {
    const { chart, p } = policy();
    p.addIngressRule({
      peers: [KubePeer.pods({ app: 'web' }), KubePeer.pods({ app: 'batch' })],
      ports: [KubePort.tcp(5432), KubePort.tcp(5433)],
    });
    p.addEgressRule({ peers: [KubePeer.pods({ app: 'web' }), KubePeer.any()], ports: [KubePort.udp(53)] });
    const spec = Testing.synth(chart)[0].spec;
    expect(spec.ingress).toEqual([
      {
        from: [{ podSelector: { matchLabels: { app: 'web' } } }, { podSelector: { matchLabels: { app: 'batch' } } }],
        ports: [
          { protocol: 'TCP', port: 5432 },
          { protocol: 'TCP', port: 5433 },
        ],
      },
    ]);
    expect(spec.egress).toEqual([{ ports: [{ protocol: 'UDP', port: 53 }] }]);
  });

  test('the engine: the peer on the port, nothing else', () => {
    const { chart, p } = policy();
    p.allowIngress(KubePeer.pods({ app: 'web' }), KubePort.tcp(5432));
    p.addIngressRule({ peers: [KubePeer.namespaceNamed('ops')], ports: [KubePort.tcpRange(9000, 9100)] });
    const model = NetworkModel.fromManifests([...Testing.synth(chart), ...cluster]);
    const allowed = (from: string, port: number) => model.evaluate({ from, to: 'dev/db', port }).allowed;
    expect(allowed('dev/web', 5432)).toBe(true);
    expect(allowed('dev/web', 5433)).toBe(false);
    expect(allowed('dev/batch', 5432)).toBe(false);
    expect(allowed('ops/probe', 9050)).toBe(true);
    expect(allowed('ops/probe', 5432)).toBe(false);
  });

  test.each([
    [
      'a peer as a string',
      (p: KubeNetworkPolicy) => p.allowIngress('app=web' as any),
      /\[c\/Db\] allowIngress\.peer: expected a KubePeer/,
    ],
    [
      'no peer (undefined is not "anyone")',
      (p: KubeNetworkPolicy) => p.allowEgress(undefined as any),
      /\[c\/Db\] allowEgress\.peer: expected a KubePeer.*KubePeer\.any\(\)/,
    ],
    [
      'a port as a number',
      (p: KubeNetworkPolicy) => p.allowIngress(KubePeer.any(), 80 as any),
      /\[c\/Db\] allowIngress\.port: expected a KubePort/,
    ],
    [
      'a rule with an unknown key',
      (p: KubeNetworkPolicy) => p.addIngressRule({ peer: [] } as any),
      /\[c\/Db\] addIngressRule\.rule.*peer/,
    ],
    [
      'a lone peer where a list is wanted',
      (p: KubeNetworkPolicy) => p.addEgressRule({ peers: KubePeer.any() } as any),
      /\[c\/Db\] addEgressRule\.rule\.peers: expected/,
    ],
  ])('refuses %s', (_what, call, message) => {
    const { p } = policy();
    expect(() => call(p)).toThrow(message);
  });
});

describe('SecureNamespace verbs', () => {
  const ns = () => {
    const chart = new Chart(Testing.app(), 'c');
    return { chart, dev: new SecureNamespace(chart, 'Dev', { name: 'dev' }) };
  };

  test('rules of one policy name join one policy; the default is allow-ingress for every pod', () => {
    const { chart, dev } = ns();
    const a = dev.allowIngress(KubePeer.namespaceNamed('ops'), KubePort.tcp(9100));
    const b = dev.allowIngress(KubePeer.namespaceNamed('ops'), KubePort.tcp(9187));
    const db = dev.addIngressRule(
      { peers: [KubePeer.pods({ app: 'web' })], ports: [KubePort.tcp(5432)] },
      { policyName: 'db-ingress', podLabels: { app: 'db' } },
    );
    dev.allowEgress(KubePeer.ipBlock('192.0.2.0/24'), KubePort.tcp(443));
    expect(a).toBe(b);
    expect(db).not.toBe(a);
    const policies = Testing.synth(chart).filter((d) => d.kind === 'NetworkPolicy');
    expect(policies.map((d) => d.metadata.name)).toEqual(
      expect.arrayContaining(['allow-ingress', 'db-ingress', 'allow-egress']),
    );
    expect(policies.find((d) => d.metadata.name === 'allow-ingress').spec).toEqual({
      podSelector: {},
      ingress: [
        {
          from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'ops' } }, podSelector: {} }],
          ports: [{ protocol: 'TCP', port: 9100 }],
        },
        {
          from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'ops' } }, podSelector: {} }],
          ports: [{ protocol: 'TCP', port: 9187 }],
        },
      ],
      policyTypes: ['Ingress'],
    });
  });

  test('the engine: the namespace admits what its rules allow, over its default deny', () => {
    const { chart, dev } = ns();
    dev.allowIngress(KubePeer.pods({ app: 'web' }), KubePort.tcp(5432), {
      policyName: 'db-ingress',
      podLabels: { app: 'db' },
    });
    const model = NetworkModel.fromManifests([...Testing.synth(chart), ...cluster]);
    expect(model.evaluate({ from: 'dev/web', to: 'dev/db', port: 5432 }).allowed).toBe(false); // web's egress: default deny
    dev.allowEgress(KubePeer.pods({ app: 'db' }), KubePort.tcp(5432), {
      policyName: 'web-egress',
      podLabels: { app: 'web' },
    });
    const after = NetworkModel.fromManifests([...Testing.synth(chart), ...cluster]);
    expect(after.evaluate({ from: 'dev/web', to: 'dev/db', port: 5432 }).allowed).toBe(true);
    expect(after.evaluate({ from: 'dev/web', to: 'dev/db', port: 5433 }).allowed).toBe(false);
    expect(after.evaluate({ from: 'dev/batch', to: 'dev/db', port: 5432 }).allowed).toBe(false);
  });

  test('refuses pods without a policy name, other pods under a name in use, and names the library does not own', () => {
    const { dev } = ns();
    expect(() => dev.allowIngress(KubePeer.any(), undefined, { podLabels: { app: 'db' } })).toThrow(
      /^\[c\/Dev\] allowIngress\.options\.policyName: .*needs a policy of its own.*fix: pass policyName/,
    );
    dev.allowIngress(KubePeer.any(), KubePort.tcp(80), { policyName: 'web', podLabels: { app: 'web' } });
    expect(() =>
      dev.allowEgress(KubePeer.any(), KubePort.tcp(80), { policyName: 'web', podLabels: { app: 'db' } }),
    ).toThrow(
      /^\[c\/Dev\] allowEgress\.options\.podLabels: policy "web" applies to the pods with .*fix: pass another policyName/,
    );
    expect(() => dev.allowIngress(KubePeer.any(), KubePort.tcp(80), { policyName: 'default-deny-ingress' })).toThrow(
      /a policy named "default-deny-ingress" already exists/,
    );
    expect(() => dev.allowIngress(KubePeer.any(), KubePort.tcp(80), { policyName: 'Bad_Name' })).toThrow(
      /\[c\/Dev\] allowIngress\.options\.policyName: expected/,
    );
  });
});

// ClusterNetworkPolicy as Calico 3.32.1 enforces it together with everything else: Kubernetes NetworkPolicies, Calico
// tiers and policies, Felix's tie-break, fail-closed rules, named ports, and the readers of the engine (diff, the
// traffic matchers, the node lockout proof). Facts: Calico's tiered-policy docs ("Policy endpoint matching across
// tiers"), felix/rules/endpoints.go (end-of-tier drop unless the tier passes), felix/calc/policy_sorter.go
// (`PolKVLess`: order, then "name/namespace/kind"), libcalico-go conversion/clusternetworkpolicy.go.
import { ManifestError, NetworkModel } from '../../../../lib/analysis';
import { createTrafficMatchers } from '../../../../lib/analysis/network/report/matchers';
import { NodeFlow, proveNodeAccess } from '../../../../lib/nodes';
import { cnp, gnp, hep, knp, namespace, netset, node, np, pod, tier } from '../fixtures';

const world = (): any[] => [
  node('node-a', '10.0.0.1'),
  node('node-b', '10.0.0.2'),
  namespace('shop', { team: 'shop', env: 'prod' }),
  namespace('dev', { team: 'dev', env: 'dev' }),
  pod('shop', 'web', {
    ip: '192.168.1.10',
    node: 'node-a',
    labels: { app: 'web' },
    ports: [
      { name: 'http', containerPort: 8080, protocol: 'TCP' },
      { name: 'dns', containerPort: 53, protocol: 'UDP' },
    ],
  }),
  pod('shop', 'db', { ip: '192.168.2.20', node: 'node-b', labels: { app: 'db' } }),
  pod('dev', 'tool', { ip: '192.168.2.30', node: 'node-b', labels: { app: 'tool' } }),
  pod('dev', 'hostnet', { ip: '10.0.0.2', node: 'node-b', labels: { app: 'tool' }, hostNetwork: true }),
];
const model = (...extra: any[]) => NetworkModel.fromManifests([...world(), ...extra]);
const ask = (m: NetworkModel, from: string, to: string, port = 8080, protocol = 'TCP') =>
  m.evaluate({ from, to, port, protocol });
const allowed = (extra: any[], from: string, to: string, port = 8080, protocol = 'TCP') =>
  ask(model(...extra), from, to, port, protocol).allowed;
const admin = (name: string, priority: number, rest: Record<string, unknown>, subject: any = { namespaces: {} }) =>
  cnp(name, { tier: 'Admin', priority, subject, ...rest });
const baseline = (name: string, priority: number, rest: Record<string, unknown>, subject: any = { namespaces: {} }) =>
  cnp(name, { tier: 'Baseline', priority, subject, ...rest });
const fromAll = { from: [{ namespaces: {} }] };
const toAll = { to: [{ namespaces: {} }] };
const decisionAt = (r: ReturnType<typeof ask>, point: string) => r.steps.find((s) => s.point === point)?.decision;

describe('Kubernetes NetworkPolicy and the Baseline tier', () => {
  const baselineAcceptIngress = baseline('open', 10, { ingress: [{ action: 'Accept', ...fromAll }] });
  const npWebFromDbOnly = knp('shop', 'web-from-db', {
    podSelector: { matchLabels: { app: 'web' } },
    policyTypes: ['Ingress'],
    ingress: [{ from: [{ podSelector: { matchLabels: { app: 'db' } } }] }],
  });

  test('a NetworkPolicy isolates the direction: kube-baseline is never reached for it', () => {
    const m = model(baselineAcceptIngress, npWebFromDbOnly);
    const r = ask(m, 'dev/tool', 'shop/web');
    expect(r.allowed).toBe(false);
    expect(decisionAt(r, 'destination-workload-ingress')).toMatchObject({
      default: 'end-of-tier deny',
      tier: 'default',
    });
    // Without the NetworkPolicy the Baseline Accept decides.
    expect(
      decisionAt(ask(model(baselineAcceptIngress), 'dev/tool', 'shop/web'), 'destination-workload-ingress'),
    ).toMatchObject({ action: 'Allow', tier: 'kube-baseline', policy: 'kcnp/open' });
  });

  test('an Ingress-only NetworkPolicy leaves the pod egress to kube-baseline', () => {
    const denyEgress = baseline('deny-out', 10, { egress: [{ action: 'Deny', ...toAll }] });
    const r = ask(model(denyEgress, npWebFromDbOnly), 'shop/web', 'shop/db');
    expect(r.allowed).toBe(false);
    expect(decisionAt(r, 'source-workload-egress')).toMatchObject({ tier: 'kube-baseline', policy: 'kcnp/deny-out' });
  });

  test('Admin Pass goes on to the NetworkPolicy; with no NetworkPolicy, to Baseline', () => {
    const pass = admin('pass', 10, { ingress: [{ action: 'Pass', ...fromAll }] });
    const baselineDeny = baseline('deny', 10, { ingress: [{ action: 'Deny', ...fromAll }] });
    expect(allowed([pass, npWebFromDbOnly, baselineDeny], 'shop/db', 'shop/web')).toBe(true);
    expect(allowed([pass, npWebFromDbOnly, baselineDeny], 'dev/tool', 'shop/web')).toBe(false);
    const r = ask(model(pass, baselineDeny), 'shop/db', 'shop/web');
    expect(r.allowed).toBe(false);
    expect(decisionAt(r, 'destination-workload-ingress')).toMatchObject({ tier: 'kube-baseline', policy: 'kcnp/deny' });
  });

  test('Baseline Pass ends at the namespace profile, which allows', () => {
    const r = ask(model(baseline('pass', 10, { ingress: [{ action: 'Pass', ...fromAll }] })), 'dev/tool', 'shop/web');
    expect(r.allowed).toBe(true);
    expect(decisionAt(r, 'destination-workload-ingress')).toMatchObject({
      default: 'profile allow',
      profile: 'kns.shop',
    });
  });

  test('Accept allows one direction only: an egress Accept does not open the destination ingress', () => {
    const acceptOut = admin('accept-out', 10, { egress: [{ action: 'Accept', ...toAll }] });
    const denyIn = admin('deny-in', 20, { ingress: [{ action: 'Deny', ...fromAll }] });
    const r = ask(model(acceptOut, denyIn), 'dev/tool', 'shop/web');
    expect(decisionAt(r, 'source-workload-egress')).toMatchObject({ action: 'Allow', policy: 'kcnp/accept-out' });
    expect(r.allowed).toBe(false);
  });
});

describe('Calico tiers and policies around the CNP tiers', () => {
  const adminDeny = admin('deny', 10, { ingress: [{ action: 'Deny', ...fromAll }] });

  test('a user tier with order < 1000 pre-empts kube-admin', () => {
    const early = [
      tier('platform', 500, 'Deny'),
      gnp('allow', { tier: 'platform', selector: 'all()', ingress: [{ action: 'Allow' }], types: ['Ingress'] }),
    ];
    expect(allowed([adminDeny], 'dev/tool', 'shop/web')).toBe(false);
    expect(allowed([adminDeny, ...early], 'dev/tool', 'shop/web')).toBe(true);
    // order 1500 runs after kube-admin: the CNP decides.
    const late = [tier('platform', 1500, 'Deny'), early[1]];
    expect(allowed([adminDeny, ...late], 'dev/tool', 'shop/web')).toBe(false);
  });

  test('a GlobalNetworkPolicy in kube-admin at order 50 runs between CNP priorities 10 and 100', () => {
    const docs = [
      admin('early', 10, {
        ingress: [{ action: 'Accept', from: [{ namespaces: { matchLabels: { team: 'shop' } } }] }],
      }),
      gnp('middle', {
        tier: 'kube-admin',
        order: 50,
        selector: 'app == "web"',
        types: ['Ingress'],
        ingress: [{ action: 'Deny', source: { namespaceSelector: 'team == "dev"' } }],
      }),
      admin('late', 100, { ingress: [{ action: 'Accept', ...fromAll }] }),
    ];
    const m = model(...docs);
    expect(decisionAt(ask(m, 'shop/db', 'shop/web'), 'destination-workload-ingress')).toMatchObject({
      policy: 'kcnp/early',
    });
    expect(decisionAt(ask(m, 'dev/tool', 'shop/web'), 'destination-workload-ingress')).toMatchObject({
      action: 'Deny',
      policy: 'middle',
      policyKind: 'GlobalNetworkPolicy',
      tier: 'kube-admin',
    });
  });

  test('equal priority ties by "name/namespace/kind": team-deny runs before team (- < /)', () => {
    const team = admin('team', 50, { ingress: [{ action: 'Accept', ...fromAll }] });
    const teamDeny = admin('team-deny', 50, { ingress: [{ action: 'Deny', ...fromAll }] });
    const teamz = admin('teamz', 50, { ingress: [{ action: 'Deny', ...fromAll }] });
    for (const order of [
      [team, teamDeny],
      [teamDeny, team],
    ]) {
      const r = ask(model(...order), 'dev/tool', 'shop/web');
      expect(decisionAt(r, 'destination-workload-ingress')).toMatchObject({ action: 'Deny', policy: 'kcnp/team-deny' });
    }
    // Plain name order elsewhere: "team/" < "teamz/".
    expect(allowed([teamz, team], 'dev/tool', 'shop/web')).toBe(true);
  });

  test('a GlobalNetworkPolicy and a CNP of one name and order: the GlobalNetworkPolicy runs first', () => {
    const c = admin('same', 50, { ingress: [{ action: 'Deny', ...fromAll }] });
    const g = gnp('same', {
      tier: 'kube-admin',
      order: 50,
      selector: 'all()',
      types: ['Ingress'],
      ingress: [{ action: 'Allow' }],
    });
    const r = ask(model(c, g), 'dev/tool', 'shop/web');
    expect(decisionAt(r, 'destination-workload-ingress')).toMatchObject({
      action: 'Allow',
      policyKind: 'GlobalNetworkPolicy',
    });
  });

  test('the tie-break for every kind: a Kubernetes NetworkPolicy sorts by its own name, not knp.default.<name>', () => {
    // Calico NetworkPolicy "m" (Deny) and Kubernetes NetworkPolicy "z" (allow), both order 1000 in tier default:
    // "m/shop/NetworkPolicy" < "z/shop/KubernetesNetworkPolicy", so the Deny runs first (by display name,
    // "shop/knp.default.z" < "shop/m", the allow would have).
    const calicoDeny = np('shop', 'm', {
      order: 1000,
      selector: 'app == "web"',
      types: ['Ingress'],
      ingress: [{ action: 'Deny' }],
    });
    const k8sAllow = knp('shop', 'z', { podSelector: { matchLabels: { app: 'web' } }, ingress: [{}] });
    const d = decisionAt(ask(model(k8sAllow, calicoDeny), 'dev/tool', 'shop/web'), 'destination-workload-ingress');
    expect(d).toMatchObject({ action: 'Deny', policy: 'shop/m' });
  });

  test('an inactive tier is skipped: a CNP that selects other pods does not end kube-admin in anything', () => {
    const other = admin(
      'other',
      10,
      { ingress: [{ action: 'Deny', ...fromAll }] },
      { pods: { podSelector: { matchLabels: { app: 'db' } } } },
    );
    const r = ask(
      model(other, np('shop', 'deny-web', { selector: 'app == "web"', types: ['Ingress'], ingress: [] })),
      'dev/tool',
      'shop/web',
    );
    expect(decisionAt(r, 'destination-workload-ingress')).toMatchObject({
      default: 'end-of-tier deny',
      tier: 'default',
    });
  });
});

describe('what Calico cannot convert fails closed', () => {
  test('a Deny rule with a named port outside Calico pattern denies everything, and the trace says why', () => {
    const bad = admin('bad', 10, {
      ingress: [
        {
          name: 'metrics',
          action: 'Deny',
          from: [{ namespaces: { matchLabels: { team: 'nobody' } } }],
          protocols: [{ destinationNamedPort: 'web port' }],
        },
      ],
    });
    const r = ask(model(bad), 'shop/db', 'shop/web', 9999);
    expect(r.allowed).toBe(false);
    const d = decisionAt(r, 'destination-workload-ingress')!;
    expect(d).toMatchObject({ action: 'Deny', policy: 'kcnp/bad', ruleIndex: 0, ruleName: 'metrics' });
    expect(d.failClosed).toMatch(/spec.ingress\[0\].protocols\[0\].destinationNamedPort: named port "web port"/);
    expect(r.reason).toMatch(/fail-closed replacement by Calico/);
  });

  test('an Accept rule that fails is dropped: the next rule decides', () => {
    const bad = admin('bad', 10, {
      ingress: [
        { action: 'Accept', ...fromAll, protocols: [{ destinationNamedPort: 'web port' }] },
        { action: 'Deny', ...fromAll },
      ],
    });
    const d = decisionAt(ask(model(bad), 'shop/db', 'shop/web'), 'destination-workload-ingress');
    expect(d).toMatchObject({ action: 'Deny', ruleIndex: 1 });
    expect(d?.failClosed).toBeUndefined();
  });
});

describe('named ports without a protocol (Felix ProtocolAny)', () => {
  const denyNamed = (name: string) =>
    admin(`deny-${name}`, 10, {
      ingress: [{ action: 'Deny', ...fromAll, protocols: [{ destinationNamedPort: name }] }],
    });
  test.each([
    ['dns', 53, 'UDP', false],
    ['dns', 53, 'TCP', true],
    ['http', 8080, 'TCP', false],
    ['http', 8080, 'UDP', true],
    ['http', 8081, 'TCP', true],
  ])('named port %s matches %i/%s only with the container port protocol: allowed=%s', (name, port, protocol, want) => {
    expect(allowed([denyNamed(name as string)], 'shop/db', 'shop/web', port as number, protocol as string)).toBe(want);
  });

  test('egress: the peer pod port names count', () => {
    const out = admin(
      'out',
      10,
      { egress: [{ action: 'Deny', ...toAll, protocols: [{ destinationNamedPort: 'dns' }] }] },
      { pods: { podSelector: { matchLabels: { app: 'db' } } } },
    );
    expect(allowed([out], 'shop/db', 'shop/web', 53, 'UDP')).toBe(false);
    expect(allowed([out], 'shop/db', 'dev/tool', 53, 'UDP')).toBe(true);
  });
});

describe('subjects and peers', () => {
  test('a hostNetwork pod is never a subject nor a pod/namespace peer', () => {
    const denyAll = admin('deny', 10, {
      ingress: [{ action: 'Deny', ...fromAll }],
      egress: [{ action: 'Deny', ...toAll }],
    });
    const m = model(denyAll);
    expect(ask(m, 'dev/hostnet', 'node/node-a').allowed).toBe(true);
    // A pod peer: the hostNetwork pod's traffic comes from its node, which no namespaces peer matches.
    expect(ask(m, 'dev/hostnet', 'shop/web').allowed).toBe(true);
    expect(ask(m, 'shop/db', 'shop/web').allowed).toBe(false);
  });

  test('a namespaces peer also matches the namespaced NetworkSets of those namespaces; a pods peer does not', () => {
    const set = netset('shop', 'partners', ['203.0.113.0/24']);
    const nsPeer = admin('ns', 10, {
      egress: [{ action: 'Deny', to: [{ namespaces: { matchLabels: { team: 'shop' } } }] }],
    });
    const podPeer = admin('pods', 10, {
      egress: [
        { action: 'Deny', to: [{ pods: { namespaceSelector: { matchLabels: { team: 'shop' } }, podSelector: {} } }] },
      ],
    });
    expect(allowed([set, nsPeer], 'dev/tool', '203.0.113.5')).toBe(false);
    expect(allowed([set, podPeer], 'dev/tool', '203.0.113.5')).toBe(true);
    expect(allowed([nsPeer], 'dev/tool', '203.0.113.5')).toBe(true);
  });

  test('networks matches pod addresses too (0.0.0.0/0 denies pod-to-pod)', () => {
    const out = admin('out', 10, { egress: [{ action: 'Deny', to: [{ networks: ['0.0.0.0/0'] }] }] });
    expect(allowed([out], 'dev/tool', 'shop/web')).toBe(false);
  });

  test('a pod reaching its own IP is not policed', () => {
    const denyAll = admin('deny', 10, {
      ingress: [{ action: 'Deny', ...fromAll }],
      egress: [{ action: 'Deny', ...toAll }],
    });
    const r = ask(model(denyAll), 'shop/web', '192.168.1.10');
    expect(r.allowed).toBe(true);
    expect(r.steps.map((s) => s.decision.default)).toEqual(['pod to its own IP is never policed']);
  });

  test('an unknown selector operator (the CRD accepts it) is dropped as Calico drops it: the selection widens', () => {
    const widened = admin('widened', 10, {
      ingress: [
        {
          action: 'Deny',
          from: [{ namespaces: { matchExpressions: [{ key: 'team', operator: 'Contains', values: ['x'] }] } }],
        },
      ],
    });
    expect(allowed([widened], 'shop/db', 'shop/web')).toBe(false);
  });

  test('a tombstone (a tier the CRD refuses: only reachable past the API server) is refused first', () => {
    expect(() => model(cnp('bad', { tier: 'admin', priority: 1, subject: { namespaces: {} } }))).toThrow(ManifestError);
  });

  test.each([
    ['priority out of range', { priority: 1001 }, /spec.priority/],
    [
      'tcp without destinationPort',
      { ingress: [{ action: 'Deny', ...fromAll, protocols: [{ tcp: {} }] }] },
      /protocols\[0\].tcp/,
    ],
    [
      'range with start = end',
      {
        ingress: [
          { action: 'Deny', ...fromAll, protocols: [{ tcp: { destinationPort: { range: { start: 5, end: 5 } } } }] },
        ],
      },
      /start < self.end|range/,
    ],
    ['a nodes peer (experimental channel only)', { egress: [{ action: 'Deny', to: [{ nodes: {} }] }] }, /nodes/],
    ['an unknown action', { ingress: [{ action: 'Log', ...fromAll }] }, /action/],
  ])('the standard CRD refuses %s: a ManifestError, never a guess', (_n, rest, field) => {
    expect(() => model(admin('x', 10, rest as Record<string, unknown>))).toThrow(ManifestError);
    expect(() => model(admin('x', 10, rest as Record<string, unknown>))).toThrow(field);
  });
});

describe('the readers of the engine see CNPs', () => {
  const denyDev = admin('deny-dev', 10, {
    ingress: [{ action: 'Deny', from: [{ namespaces: { matchLabels: { team: 'dev' } } }] }],
  });

  test('NetworkModel.diff lists the flows a CNP changes', () => {
    const changes = NetworkModel.diff(model(), model(denyDev), {
      ports: [{ port: 8080, protocol: 'TCP' }],
      endpoints: ['dev/tool', 'shop/web', 'shop/db'],
    });
    expect(changes.map((c) => `${c.from}->${c.to}:${c.before.allowed}->${c.after.allowed}`).sort()).toEqual([
      'dev/tool->shop/db:true->false',
      'dev/tool->shop/web:true->false',
    ]);
    expect(changes[0].after.reason).toMatch(/kcnp\/deny-dev/);
  });

  test('the traffic matchers evaluate CNPs', () => {
    const m = createTrafficMatchers(NetworkModel.fromManifests as any);
    const ctx = { isNot: false } as any;
    const q = { from: 'dev/tool', to: 'shop/web', port: 8080 };
    expect((m.toDenyTraffic as any).call(ctx, [denyDev], q, { cluster: world() }).pass).toBe(true);
    expect((m.toAllowTraffic as any).call(ctx, [denyDev], q, { cluster: world() }).pass).toBe(false);
    expect((m.toAllowTraffic as any).call(ctx, [denyDev], q, { cluster: world() }).message()).toMatch(/kcnp\/deny-dev/);
  });

  test('the node lockout proof sees a fail-closed CNP that cuts nodes off pods', () => {
    const nodes = [
      node('cp-1', '10.0.0.1', { labels: { 'node-role.kubernetes.io/control-plane': '' } }),
      node('node-a', '10.0.0.2'),
    ];
    const heps = ['cp-1', 'node-a'].map((n, i) =>
      hep(`${n}-all`, {
        node: n,
        interfaceName: '*',
        expectedIPs: [`10.0.0.${i + 1}`],
        profiles: ['projectcalico-default-allow'],
      }),
    );
    const peersOnly = admin('pods-only', 10, { ingress: [{ action: 'Deny', ...fromAll }] });
    const failClosed = admin('bad-port', 10, {
      ingress: [{ action: 'Deny', ...fromAll, protocols: [{ destinationNamedPort: 'no way' }] }],
    });
    expect(proveNodeAccess([...nodes, ...heps]).map((p) => p.flow)).toEqual([]);
    // A namespaces peer never matches a node: nodes still reach pods.
    expect(proveNodeAccess([...nodes, ...heps, peersOnly]).map((p) => p.flow)).toEqual([]);
    const problems = proveNodeAccess([...nodes, ...heps, failClosed]);
    expect(problems.map((p) => p.flow)).toEqual([NodeFlow.NODE_TO_POD]);
    expect(problems[0].message).toMatch(/kcnp\/bad-port/);
  });
});

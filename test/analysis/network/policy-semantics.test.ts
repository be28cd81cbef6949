// Calico policy-evaluation semantics: each case would fail if the rule it names were ignored.
import { NetworkModel } from '../../../lib/analysis';
import { baseCluster, gnp, gns, namespace, netset, np, pod, serviceAccount, sgnp, snp, tier } from './fixtures';

const q = (from: string, to: string, port = 80, protocol = 'TCP') => ({ from, to, port, protocol });
function verdict(extra: any[], query: ReturnType<typeof q> | any, staged = false): boolean {
  return NetworkModel.fromManifests([...baseCluster(), ...extra]).evaluate(query, { staged }).allowed;
}
const ingressTo = (sel: string, rules: any[], extra: Record<string, unknown> = {}) => ({
  selector: sel,
  types: ['Ingress'],
  ingress: rules,
  ...extra,
});
const webToDb = q('prod/web', 'prod/db', 5432);

describe('tiers and order', () => {
  test.each([
    ['no policy: namespace profile allows', [], true],
    [
      'policy selecting the endpoint without a matching rule: end-of-tier deny',
      [gnp('p', ingressTo('app == "db"', []))],
      false,
    ],
    ['policy not selecting the endpoint: no effect', [gnp('p', ingressTo('app == "nothing"', []))], true],
    [
      'lower order runs first (Deny 10 beats Allow 20)',
      [
        gnp('b-allow', ingressTo('app == "db"', [{ action: 'Allow' }], { order: 20 })),
        gnp('a-deny', ingressTo('app == "db"', [{ action: 'Deny' }], { order: 10 })),
      ],
      false,
    ],
    [
      'missing order runs last',
      [
        gnp('a-noorder', ingressTo('app == "db"', [{ action: 'Deny' }])),
        gnp('z-allow', ingressTo('app == "db"', [{ action: 'Allow' }], { order: 500 })),
      ],
      true,
    ],
    [
      'equal order: by name',
      [
        gnp('a-allow', ingressTo('app == "db"', [{ action: 'Allow' }], { order: 1 })),
        gnp('b-deny', ingressTo('app == "db"', [{ action: 'Deny' }], { order: 1 })),
      ],
      true,
    ],
    [
      'tiers by order: security (100) before default',
      [
        tier('security', 100),
        gnp('sec-deny', ingressTo('app == "db"', [{ action: 'Deny' }], { tier: 'security' })),
        gnp('allow', ingressTo('app == "db"', [{ action: 'Allow' }], { order: 1 })),
      ],
      false,
    ],
    [
      'tier without order runs after default',
      [
        tier('late'),
        gnp('late-deny', ingressTo('app == "db"', [{ action: 'Deny' }], { tier: 'late' })),
        gnp('allow', ingressTo('app == "db"', [{ action: 'Pass' }])),
      ],
      false,
    ],
    [
      'equal tier order: by tier name',
      [
        tier('aaa', 50),
        tier('bbb', 50),
        gnp('b', ingressTo('app == "db"', [{ action: 'Deny' }], { tier: 'bbb' })),
        gnp('a', ingressTo('app == "db"', [{ action: 'Allow' }], { tier: 'aaa' })),
      ],
      true,
    ],
    [
      'Pass skips the rest of the tier and goes to the next',
      [
        tier('security', 100),
        gnp('sec-pass', ingressTo('app == "db"', [{ action: 'Pass' }], { tier: 'security', order: 1 })),
        gnp('sec-deny', ingressTo('app == "db"', [{ action: 'Deny' }], { tier: 'security', order: 2 })),
      ],
      true,
    ],
    [
      'Pass out of the last tier reaches the profile (allow)',
      [gnp('p', ingressTo('app == "db"', [{ action: 'Pass' }]))],
      true,
    ],
    ['Log is not terminal', [gnp('p', ingressTo('app == "db"', [{ action: 'Log' }, { action: 'Allow' }]))], true],
    ['Log alone then end-of-tier deny', [gnp('p', ingressTo('app == "db"', [{ action: 'Log' }]))], false],
    [
      'tier defaultAction Pass: no end-of-tier deny',
      [
        tier('soft', 100, 'Pass'),
        gnp('s', ingressTo('app == "db"', [{ action: 'Allow', protocol: 'UDP' }], { tier: 'soft' })),
      ],
      true,
    ],
    [
      'kube-admin tier (Pass default, order 1000) runs before default',
      [
        gnp('adm', ingressTo('app == "db"', [{ action: 'Deny' }], { tier: 'kube-admin' })),
        gnp('allow', ingressTo('app == "db"', [{ action: 'Allow' }], { order: 1 })),
      ],
      false,
    ],
    [
      'kube-baseline (Pass) after default: default tier Allow wins',
      [
        gnp('base', ingressTo('app == "db"', [{ action: 'Deny' }], { tier: 'kube-baseline' })),
        gnp('allow', ingressTo('app == "db"', [{ action: 'Allow' }])),
      ],
      true,
    ],
    [
      'end-of-tier deny is per direction: egress-only policy does not isolate ingress',
      [gnp('p', { selector: 'app == "db"', types: ['Egress'], egress: [] })],
      true,
    ],
    [
      'types defaulting: egress rules only → Egress only',
      [gnp('p', { selector: 'app == "db"', egress: [{ action: 'Deny' }] })],
      true,
    ],
    ['types defaulting: no rules → Ingress deny-all', [gnp('p', { selector: 'app == "db"' })], false],
  ])('%s', (_name, extra, expected) => {
    expect(verdict(extra as any[], webToDb)).toBe(expected);
  });

  test('egress isolation of the source applies too', () => {
    expect(
      verdict(
        [gnp('p', { selector: 'app == "web"', types: ['Egress'], egress: [{ action: 'Allow', protocol: 'UDP' }] })],
        webToDb,
      ),
    ).toBe(false);
  });
});

describe('staged policies', () => {
  const stagedDeny = sgnp('st', ingressTo('app == "db"', [{ action: 'Deny' }]));
  test('never enforce', () => expect(verdict([stagedDeny], webToDb)).toBe(true));
  test('staged: true previews them', () => {
    const m = NetworkModel.fromManifests([...baseCluster(), stagedDeny]);
    expect(m.evaluate(webToDb).allowed).toBe(true);
    const r = m.evaluate(webToDb, { staged: true });
    expect(r.allowed).toBe(false);
    expect(r.steps[r.steps.length - 1].decision).toMatchObject({ policy: 'st', staged: true, action: 'Deny' });
  });
  test('a staged policy alone does not make a tier end-of-tier-deny', () => {
    expect(verdict([sgnp('st', ingressTo('app == "db"', []))], webToDb)).toBe(true);
  });
  test('staged Delete removes the enforced counterpart in the preview', () => {
    const docs = [
      ...baseCluster(),
      np('prod', 'deny', ingressTo('app == "db"', [])),
      snp('prod', 'deny', { stagedAction: 'Delete' }),
    ];
    const m = NetworkModel.fromManifests(docs);
    expect(m.evaluate(webToDb).allowed).toBe(false);
    expect(m.evaluate(webToDb, { staged: true }).allowed).toBe(true);
  });
  test('staged Set replaces the enforced counterpart in the preview', () => {
    const docs = [
      ...baseCluster(),
      gnp('p', ingressTo('app == "db"', [])),
      sgnp('p', ingressTo('app == "db"', [{ action: 'Allow' }])),
    ];
    const m = NetworkModel.fromManifests(docs);
    expect(m.evaluate(webToDb).allowed).toBe(false);
    expect(m.evaluate(webToDb, { staged: true }).allowed).toBe(true);
  });
});

describe('rule fields', () => {
  const dbOnly = (rule: any) => [gnp('p', ingressTo('app == "db"', [rule]))];
  test.each([
    ['protocol TCP matches TCP', { action: 'Allow', protocol: 'TCP' }, webToDb, true],
    ['protocol UDP does not match TCP', { action: 'Allow', protocol: 'UDP' }, webToDb, false],
    ['protocol by number 6', { action: 'Allow', protocol: 6 }, webToDb, true],
    ['notProtocol TCP excludes TCP', { action: 'Allow', notProtocol: 'TCP' }, webToDb, false],
    ['notProtocol UDP allows TCP', { action: 'Allow', notProtocol: 'UDP' }, webToDb, true],
    ['ports number', { action: 'Allow', protocol: 'TCP', destination: { ports: [5432] } }, webToDb, true],
    ['ports other number', { action: 'Allow', protocol: 'TCP', destination: { ports: [5433] } }, webToDb, false],
    ['ports range', { action: 'Allow', protocol: 'TCP', destination: { ports: ['5000:6000'] } }, webToDb, true],
    [
      'notPorts range excludes',
      { action: 'Allow', protocol: 'TCP', destination: { notPorts: ['5000:6000'] } },
      webToDb,
      false,
    ],
    [
      'named port on destination pod',
      { action: 'Allow', protocol: 'TCP', destination: { ports: ['pg'] } },
      webToDb,
      true,
    ],
    [
      'named port of another pod does not match',
      { action: 'Allow', protocol: 'TCP', destination: { ports: ['http'] } },
      webToDb,
      false,
    ],
    [
      'named port protocol must match (UDP rule)',
      { action: 'Allow', protocol: 'UDP', destination: { ports: ['pg'] } },
      q('prod/web', 'prod/db', 5432, 'UDP'),
      false,
    ],
    ['source nets', { action: 'Allow', source: { nets: ['192.168.1.0/24'] } }, webToDb, true],
    ['source nets miss', { action: 'Allow', source: { nets: ['10.9.0.0/16'] } }, webToDb, false],
    ['source notNets', { action: 'Allow', source: { notNets: ['192.168.1.0/24'] } }, webToDb, false],
    ['destination nets', { action: 'Allow', destination: { nets: ['192.168.2.20/32'] } }, webToDb, true],
    ['source selector', { action: 'Allow', source: { selector: 'app == "web"' } }, webToDb, true],
    ['source selector miss', { action: 'Allow', source: { selector: 'app == "api"' } }, webToDb, false],
    ['source notSelector', { action: 'Allow', source: { notSelector: 'app == "web"' } }, webToDb, false],
    [
      'GNP selector with projectcalico.org/namespace pseudo-label',
      { action: 'Allow', source: { selector: 'projectcalico.org/namespace == "prod"' } },
      webToDb,
      true,
    ],
    [
      'orchestrator pseudo-label',
      { action: 'Allow', source: { selector: 'projectcalico.org/orchestrator == "k8s"' } },
      webToDb,
      true,
    ],
    [
      'namespaceSelector on namespace labels',
      { action: 'Allow', source: { namespaceSelector: 'env == "prod"' } },
      webToDb,
      true,
    ],
    ['namespaceSelector miss', { action: 'Allow', source: { namespaceSelector: 'env == "dev"' } }, webToDb, false],
    [
      'namespaceSelector kubernetes.io/metadata.name',
      { action: 'Allow', source: { namespaceSelector: 'kubernetes.io/metadata.name == "prod"' } },
      webToDb,
      true,
    ],
    [
      'namespaceSelector projectcalico.org/name',
      { action: 'Allow', source: { namespaceSelector: 'projectcalico.org/name == "prod"' } },
      webToDb,
      true,
    ],
    [
      'namespaceSelector all() matches namespaced pods',
      { action: 'Allow', source: { namespaceSelector: 'all()' } },
      webToDb,
      true,
    ],
    [
      'namespaceSelector global() excludes pods',
      { action: 'Allow', source: { namespaceSelector: 'global()' } },
      webToDb,
      false,
    ],
    [
      'serviceAccounts names',
      { action: 'Allow', source: { serviceAccounts: { names: ['api-sa'] } } },
      q('prod/api', 'prod/db', 5432),
      true,
    ],
    [
      'serviceAccounts names miss',
      { action: 'Allow', source: { serviceAccounts: { names: ['api-sa'] } } },
      webToDb,
      false,
    ],
    [
      'serviceaccount pseudo-label',
      { action: 'Allow', source: { selector: 'projectcalico.org/serviceaccount == "default"' } },
      webToDb,
      true,
    ],
    ['ipVersion 6 does not match IPv4', { action: 'Allow', ipVersion: 6 }, webToDb, false],
    ['ipVersion 4 matches IPv4', { action: 'Allow', ipVersion: 4 }, webToDb, true],
    [
      'icmp type matches echo request',
      { action: 'Allow', protocol: 'ICMP', icmp: { type: 8 } },
      { from: 'prod/web', to: 'prod/db', protocol: 'ICMP' },
      true,
    ],
    [
      'icmp type 0 does not match echo request',
      { action: 'Allow', protocol: 'ICMP', icmp: { type: 0 } },
      { from: 'prod/web', to: 'prod/db', protocol: 'ICMP' },
      false,
    ],
    [
      'notICMP excludes',
      { action: 'Allow', protocol: 'ICMP', notICMP: { type: 8, code: 0 } },
      { from: 'prod/web', to: 'prod/db', protocol: 'ICMP' },
      false,
    ],
    [
      'source ports do not match an unknown ephemeral port',
      { action: 'Allow', protocol: 'TCP', source: { ports: [1234] } },
      webToDb,
      false,
    ],
    [
      'source ports match a given source port',
      { action: 'Allow', protocol: 'TCP', source: { ports: [1234] } },
      { ...webToDb, sourcePort: 1234 },
      true,
    ],
  ])('%s', (_n, rule, query, expected) => {
    expect(verdict(dbOnly(rule), query)).toBe(expected);
  });

  test('serviceAccounts selector uses ServiceAccount labels', () => {
    const extra = [
      serviceAccount('prod', 'api-sa', { team: 'core' }),
      ...dbOnly({ action: 'Allow', source: { serviceAccounts: { selector: 'team == "core"' } } }),
    ];
    expect(verdict(extra, q('prod/api', 'prod/db', 5432))).toBe(true);
    expect(verdict(extra, webToDb)).toBe(false);
  });

  test('GlobalNetworkSet matched by selector (external source)', () => {
    const extra = [
      gns('partners', ['203.0.113.0/24'], { kind: 'partner' }),
      ...dbOnly({ action: 'Allow', source: { selector: 'kind == "partner"' } }),
    ];
    expect(verdict(extra, q('203.0.113.7', 'prod/db', 5432))).toBe(true);
    expect(verdict(extra, q('198.51.100.7', 'prod/db', 5432))).toBe(false);
  });

  test('destination services match the service backends', () => {
    const svc = {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'db', namespace: 'prod' },
      spec: { clusterIP: '10.96.0.50', selector: { app: 'db' }, ports: [{ port: 5432 }] },
    };
    const extra = [
      svc,
      gnp('p', {
        selector: 'app == "web"',
        types: ['Egress'],
        egress: [{ action: 'Allow', destination: { services: { name: 'db', namespace: 'prod' } } }],
      }),
    ];
    expect(verdict(extra, webToDb)).toBe(true);
    expect(verdict(extra, q('prod/web', 'dev/tool', 5432))).toBe(false);
  });
});

describe('namespaced policy scoping', () => {
  test('rule selector in a NetworkPolicy only matches its own namespace', () => {
    // dev/tool has no app=web; give it one to show the implicit namespace scope.
    const docs = [
      ...baseCluster(),
      pod('dev', 'web2', { ip: '192.168.2.31', node: 'node-b', labels: { app: 'web' } }),
      np('prod', 'p', ingressTo('app == "db"', [{ action: 'Allow', source: { selector: 'app == "web"' } }])),
    ];
    const m = NetworkModel.fromManifests(docs);
    expect(m.evaluate(webToDb).allowed).toBe(true);
    expect(m.evaluate(q('dev/web2', 'prod/db', 5432)).allowed).toBe(false);
  });
  test('NetworkPolicy selects only endpoints of its namespace', () => {
    expect(verdict([np('dev', 'p', ingressTo('app == "db"', []))], webToDb)).toBe(true);
    expect(verdict([np('prod', 'p', ingressTo('app == "db"', []))], webToDb)).toBe(false);
  });
  test('notSelector alone in a NetworkPolicy still scopes to the namespace', () => {
    const extra = [
      np('prod', 'p', ingressTo('app == "db"', [{ action: 'Allow', source: { notSelector: 'app == "api"' } }])),
    ];
    expect(verdict(extra, webToDb)).toBe(true);
    expect(verdict(extra, q('dev/tool', 'prod/db', 5432))).toBe(false);
  });
  test('GlobalNetworkSet is reachable from a NetworkPolicy only with namespaceSelector: global()', () => {
    const set = gns('partners', ['203.0.113.0/24'], { kind: 'partner' });
    const plain = [
      set,
      np('prod', 'p', ingressTo('app == "db"', [{ action: 'Allow', source: { selector: 'kind == "partner"' } }])),
    ];
    const global = [
      set,
      np(
        'prod',
        'p',
        ingressTo('app == "db"', [
          { action: 'Allow', source: { selector: 'kind == "partner"', namespaceSelector: 'global()' } },
        ]),
      ),
    ];
    expect(verdict(plain, q('203.0.113.7', 'prod/db', 5432))).toBe(false);
    expect(verdict(global, q('203.0.113.7', 'prod/db', 5432))).toBe(true);
  });
  test('namespaced NetworkSet matches from its namespace', () => {
    const extra = [
      netset('prod', 'office', ['198.51.100.0/24'], { kind: 'office' }),
      np('prod', 'p', ingressTo('app == "db"', [{ action: 'Allow', source: { selector: 'kind == "office"' } }])),
    ];
    expect(verdict(extra, q('198.51.100.9', 'prod/db', 5432))).toBe(true);
  });
  test('GNP namespaceSelector and serviceAccountSelector on the policy itself', () => {
    const byNs = [gnp('p', { selector: 'all()', namespaceSelector: 'env == "prod"', types: ['Ingress'], ingress: [] })];
    expect(verdict(byNs, webToDb)).toBe(false);
    expect(verdict(byNs, q('prod/web', 'dev/tool', 80))).toBe(true);
    const bySa = [
      serviceAccount('prod', 'api-sa', { locked: 'yes' }),
      gnp('p', { selector: 'all()', serviceAccountSelector: 'locked == "yes"', types: ['Egress'], egress: [] }),
    ];
    expect(verdict(bySa, q('prod/api', 'prod/db', 5432))).toBe(false);
    expect(verdict(bySa, webToDb)).toBe(true);
  });
  test('namespace labels are prefixed pcns. internally (a pod label of the same key does not match)', () => {
    const docs = [
      ...baseCluster(),
      pod('dev', 'fake', { ip: '192.168.2.40', node: 'node-b', labels: { env: 'prod' } }),
      gnp('p', ingressTo('app == "db"', [{ action: 'Allow', source: { namespaceSelector: 'env == "prod"' } }])),
    ];
    const m = NetworkModel.fromManifests(docs);
    expect(m.evaluate(q('dev/fake', 'prod/db', 5432)).allowed).toBe(false);
  });
  test('namespace without a Namespace object still gets kubernetes.io/metadata.name', () => {
    const docs = [
      pod('solo', 'a', { ip: '192.168.9.1' }),
      pod('solo', 'b', { ip: '192.168.9.2' }),
      {
        apiVersion: 'v1',
        kind: 'Node',
        metadata: { name: 'node-a' },
        status: { addresses: [{ type: 'InternalIP', address: '10.0.0.1' }] },
      },
      gnp(
        'p',
        ingressTo('all()', [
          { action: 'Allow', source: { namespaceSelector: 'kubernetes.io/metadata.name == "solo"' } },
        ]),
      ),
    ];
    expect(NetworkModel.fromManifests(docs).evaluate(q('solo/a', 'solo/b')).allowed).toBe(true);
  });
  test('namespace objects given after pods still count', () => {
    expect(verdict([namespace('extra')], webToDb)).toBe(true);
  });
});

describe('explanations', () => {
  test('steps name tier, policy, rule index and action', () => {
    const m = NetworkModel.fromManifests([
      ...baseCluster(),
      gnp('p', ingressTo('app == "db"', [{ action: 'Log' }, { action: 'Deny', source: { selector: 'app == "web"' } }])),
    ]);
    const r = m.evaluate(webToDb);
    expect(r.allowed).toBe(false);
    const last = r.steps[r.steps.length - 1];
    expect(last.point).toBe('destination-workload-ingress');
    expect(last.decision).toMatchObject({ tier: 'default', policy: 'p', ruleIndex: 1, action: 'Deny' });
    expect(last.logs).toEqual([{ tier: 'default', policy: 'p', ruleIndex: 0 }]);
    expect(r.reason).toContain('Deny by rule 1');
    expect(r.steps[0]).toMatchObject({
      point: 'source-workload-egress',
      decision: { default: 'profile allow', profile: 'kns.prod' },
    });
  });
  test('end-of-tier deny names the tier', () => {
    const r = NetworkModel.fromManifests([...baseCluster(), gnp('p', ingressTo('app == "db"', []))]).evaluate(webToDb);
    expect(r.steps[r.steps.length - 1].decision).toEqual({
      action: 'Deny',
      tier: 'default',
      default: 'end-of-tier deny',
    });
    expect(r.reason).toContain('end-of-tier deny in tier default');
  });
  test('namespaced policies are shown as ns/name', () => {
    const r = NetworkModel.fromManifests([
      ...baseCluster(),
      np('prod', 'p', ingressTo('app == "db"', [{ action: 'Deny' }])),
    ]).evaluate(webToDb);
    expect(r.steps[r.steps.length - 1].decision).toMatchObject({ policy: 'prod/p', policyKind: 'NetworkPolicy' });
  });
  test('each step has text', () => {
    const r = NetworkModel.fromManifests(baseCluster()).evaluate(webToDb);
    for (const s of r.steps) expect(typeof s.text).toBe('string');
  });
});

describe('Kubernetes NetworkPolicies in the Calico model', () => {
  const knpDeny = {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata: { name: 'deny', namespace: 'prod' },
    spec: { podSelector: { matchLabels: { app: 'db' } }, policyTypes: ['Ingress'] },
  };
  test('converted into the default tier at order 1000: a GNP Deny at 999 wins, at 1001 comes too late', () => {
    const knpAllow = {
      ...knpDeny,
      metadata: { name: 'allow', namespace: 'prod' },
      spec: { podSelector: { matchLabels: { app: 'db' } }, ingress: [{}] },
    };
    const deny = (order: number) => gnp('deny', ingressTo('app == "db"', [{ action: 'Deny' }], { order }));
    expect(verdict([knpAllow, deny(999)], webToDb)).toBe(false);
    expect(verdict([knpAllow, deny(1001)], webToDb)).toBe(true);
  });
  test('a higher tier Pass still meets the Kubernetes policy in the default tier', () => {
    expect(
      verdict([knpDeny, tier('sec', 10), gnp('p', ingressTo('all()', [{ action: 'Pass' }], { tier: 'sec' }))], webToDb),
    ).toBe(false);
  });
  test('the step names the converted policy', () => {
    const r = NetworkModel.fromManifests([...baseCluster(), knpDeny]).evaluate(webToDb);
    expect(r.steps[r.steps.length - 1].decision).toMatchObject({ tier: 'default', default: 'end-of-tier deny' });
  });
});

import fc from 'fast-check';
import { CALICO_RULE_IDS, checkCalicoRuleSet, checkCalicoRules } from '../../../lib/validation/rules';
import { egressRule, gnp, hep, ingressRule, pool } from './fixtures';

const KINDS = [
  'GlobalNetworkPolicy',
  'StagedGlobalNetworkPolicy',
  'NetworkPolicy',
  'StagedNetworkPolicy',
  'StagedKubernetesNetworkPolicy',
  'Tier',
  'HostEndpoint',
  'GlobalNetworkSet',
  'NetworkSet',
  'IPPool',
  'KubeControllersConfiguration',
  'BGPConfiguration',
  'BGPPeer',
  'FelixConfiguration',
  'IPReservation',
  'Profile',
];
const ids = new Set<string>(CALICO_RULE_IDS);

function assertWellFormed(problems: ReturnType<typeof checkCalicoRules>): void {
  for (const p of problems) {
    expect(ids.has(p.rule)).toBe(true);
    expect(typeof p.path).toBe('string');
    expect(typeof p.message).toBe('string');
    expect(p.message).not.toMatch(/could not be fully validated/);
  }
}

// A JSON value generator biased towards the shapes the checkers look at.
const leaf = fc.oneof(
  fc.constantFrom(
    'TCP',
    'ICMP',
    'Allow',
    'global()',
    '10.0.0.0/8',
    'fd00::1',
    '80:90',
    'http',
    'Delete',
    'LoadBalancer',
    'all()',
    '5m',
    '',
  ),
  fc.string(),
  fc.integer({ min: -5, max: 70000 }),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
);
const fieldNames = fc.constantFrom(
  'action',
  'protocol',
  'notProtocol',
  'source',
  'destination',
  'ports',
  'notPorts',
  'nets',
  'notNets',
  'selector',
  'notSelector',
  'namespaceSelector',
  'services',
  'serviceAccounts',
  'icmp',
  'notICMP',
  'ipVersion',
  'http',
  'methods',
  'paths',
  'exact',
  'prefix',
  'ingress',
  'egress',
  'types',
  'preDNAT',
  'doNotTrack',
  'applyOnForward',
  'tier',
  'stagedAction',
  'node',
  'interfaceName',
  'expectedIPs',
  'cidr',
  'blockSize',
  'allowedUses',
  'ipipMode',
  'vxlanMode',
  'controllers',
  'hostEndpoint',
  'templates',
  'communities',
  'prefixAdvertisements',
  'peerIP',
  'failsafeInboundHostPorts',
  'routeTableRanges',
  'kubeNodePortRanges',
  'name',
  'namespace',
  'labels',
  'metadata',
  'annotations',
  'type',
  'code',
  'port',
  'from',
  'to',
  'ipBlock',
  'podSelector',
  'matchExpressions',
  'performanceHints',
);
const { tree } = fc.letrec((tie) => ({
  tree: fc.oneof({ depthSize: 'small', withCrossShrink: true }, leaf, tie('arr'), tie('obj')),
  arr: fc.array(tie('tree'), { maxLength: 4 }),
  obj: fc.dictionary(fieldNames, tie('tree'), { maxKeys: 6 }),
}));

describe('never throws on malformed input', () => {
  test('random specs and metadata for every kind', () => {
    fc.assert(
      fc.property(fc.constantFrom(...KINDS), tree, tree, (kind, spec, metadata) => {
        const problems = checkCalicoRules({ apiVersion: 'projectcalico.org/v3', kind, metadata, spec });
        assertWellFormed(problems);
      }),
      { numRuns: 3000 },
    );
  });

  test('random rules inside a valid policy', () => {
    fc.assert(
      fc.property(tree, tree, (a, b) => {
        assertWellFormed(checkCalicoRules(ingressRule(a as any)));
        assertWellFormed(checkCalicoRules(egressRule({ action: 'Allow', source: a, destination: b } as any)));
      }),
      { numRuns: 2000 },
    );
  });

  test('random documents and sets', () => {
    fc.assert(
      fc.property(fc.array(tree, { maxLength: 5 }), (docs) => {
        assertWellFormed(checkCalicoRuleSet(docs as any[]));
      }),
      { numRuns: 500 },
    );
  });

  test.each([
    undefined,
    null,
    0,
    'x',
    [],
    {},
    { apiVersion: 'projectcalico.org/v3' },
    { apiVersion: 'projectcalico.org/v3', kind: 5, metadata: 'm', spec: 7 },
  ])('odd top-level value %j', (doc) => {
    expect(() => checkCalicoRules(doc)).not.toThrow();
    assertWellFormed(checkCalicoRules(doc));
  });
});

describe('scope', () => {
  test('objects of other API groups yield no problems', () => {
    expect(checkCalicoRules({ ...gnp({}, { name: 'A.B.C' }), apiVersion: 'crd.projectcalico.org/v1' })).toEqual([]);
    expect(
      checkCalicoRules({
        apiVersion: 'networking.k8s.io/v1',
        kind: 'NetworkPolicy',
        metadata: { name: 'x' },
        spec: {},
      }),
    ).toEqual([]);
  });

  test('other v3 kinds still get metadata checks', () => {
    const problems = checkCalicoRules({
      apiVersion: 'projectcalico.org/v3',
      kind: 'IPReservation',
      metadata: { name: 'Bad', namespace: 'x' },
      spec: {},
    });
    expect(problems.map((p) => p.rule).sort()).toEqual(['calico.meta.namespace-forbidden', 'calico.name.invalid']);
  });

  test('checkCalicoRuleSet runs the per-object rules and ignores other documents', () => {
    const docs = [
      { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'prod' } },
      gnp({}, { name: 'a.b.c' }),
      'junk',
      null,
    ];
    expect(checkCalicoRuleSet(docs as any[]).map((p) => p.rule)).toEqual(['calico.name.gnp-dots']);
    expect(checkCalicoRuleSet('nope' as any)).toEqual([]);
  });

  test('overlap is reported once per later pool, on spec.cidr, with identity', () => {
    const problems = checkCalicoRuleSet([
      pool({}, 'a'),
      pool({ cidr: '10.0.0.0/8' }, 'b'),
      pool({ cidr: '10.244.0.0/24', blockSize: 26 }, 'c'),
    ]);
    const overlaps = problems.filter((p) => p.rule === 'calico.ippool.overlap');
    expect(overlaps.map((p) => [p.name, p.path])).toEqual([
      ['b', 'spec.cidr'],
      ['c', 'spec.cidr'],
    ]);
  });

  test('duplicates are keyed by kind, namespace and name', () => {
    const problems = checkCalicoRuleSet([
      hep(),
      hep({ interfaceName: 'eth1' }),
      { ...hep(), kind: 'HostEndpoint', metadata: { name: 'other' } },
    ]);
    expect(problems.filter((p) => p.rule === 'calico.object.duplicate').map((p) => p.name)).toEqual(['node1-eth0']);
  });
});

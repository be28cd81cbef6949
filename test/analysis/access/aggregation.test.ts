// Aggregated ClusterRoles. The first table ports TestSyncClusterRole from kubernetes/kubernetes
// pkg/controller/clusterroleaggregation/clusterroleaggregation_controller_test.go
// (@04791b4906602ffda5ccf9bc4c84d3329f1d7080): the expected rules of "combined" after a sync. The rest pins the fixed
// point this library computes explicitly.
import { AccessModel } from '../../../lib/analysis/access';
import { RBAC_V1 } from './rbac-fixtures';

const hammerRules = () => [
  { verbs: ['hammer'], resources: ['nails'] },
  { verbs: ['hammer'], resources: ['wedges'] },
];
const chiselRules = () => [{ verbs: ['chisel'], resources: ['mortises'] }];
const sawRules = () => [{ verbs: ['saw'], resources: ['boards'] }];
const role = (name: string, labels: Record<string, string>, rules: any[]): any => ({
  apiVersion: RBAC_V1,
  kind: 'ClusterRole',
  metadata: { name, labels },
  rules,
});
const combinedRole = (selectors: Array<Record<string, string>>, ...rules: any[][]): any => ({
  apiVersion: RBAC_V1,
  kind: 'ClusterRole',
  metadata: { name: 'combined' },
  aggregationRule: { clusterRoleSelectors: selectors.map((matchLabels) => ({ matchLabels })) },
  rules: rules.flat(),
});
const rulesOf = (docs: any[], name = 'combined'): any[] =>
  (AccessModel.fromManifests(docs, { bootstrapPolicy: false }).effectiveRules('ClusterRole', name) ?? []).map((e) => ({
    verbs: e.rule.verbs,
    resources: e.rule.resources,
  }));
const plain = (rules: any[]): any[] => rules.map((r) => ({ verbs: r.verbs, resources: r.resources }));

describe('TestSyncClusterRole (clusterroleaggregation_controller_test.go)', () => {
  test.each([
    [
      'remove dead rules',
      [role('hammer', { foo: 'bar' }, hammerRules()), combinedRole([{ foo: 'bar' }], sawRules())],
      hammerRules(),
    ],
    [
      'strip rules',
      [role('hammer', { foo: 'not-bar' }, hammerRules()), combinedRole([{ foo: 'bar' }], hammerRules())],
      [],
    ],
    [
      'select properly and put in order',
      [
        role('hammer', { foo: 'bar' }, hammerRules()),
        role('chisel', { foo: 'bar' }, chiselRules()),
        role('saw', { foo: 'not-bar' }, sawRules()),
        combinedRole([{ foo: 'bar' }]),
      ],
      [...chiselRules(), ...hammerRules()],
    ],
    [
      'select properly with multiple selectors',
      [
        role('hammer', { foo: 'bar' }, hammerRules()),
        role('chisel', { foo: 'bar' }, chiselRules()),
        role('saw', { foo: 'not-bar' }, sawRules()),
        combinedRole([{ foo: 'bar' }, { foo: 'not-bar' }]),
      ],
      [...chiselRules(), ...hammerRules(), ...sawRules()],
    ],
    [
      'select properly remove duplicates',
      [
        role('hammer', { foo: 'bar' }, hammerRules()),
        role('chisel', { foo: 'bar' }, chiselRules()),
        role('saw', { foo: 'bar' }, sawRules()),
        role('other-saw', { foo: 'not-bar' }, sawRules()),
        combinedRole([{ foo: 'bar' }, { foo: 'not-bar' }]),
      ],
      [...chiselRules(), ...hammerRules(), ...sawRules()],
    ],
    [
      'no diff skip',
      [role('hammer', { foo: 'bar' }, hammerRules()), combinedRole([{ foo: 'bar' }], hammerRules())],
      hammerRules(),
    ],
  ])('%s', (_name, docs, expected) => {
    expect(rulesOf(docs as any[])).toEqual(plain(expected as any[]));
  });
});

describe('aggregation fixed point', () => {
  const leaf = (name: string, labels: Record<string, string>, verb: string): any =>
    role(name, labels, [{ apiGroups: [''], resources: ['pods'], verbs: [verb] }]);
  const agg = (name: string, labels: Record<string, string>, selectors: any[], written: any[] = []): any => ({
    apiVersion: RBAC_V1,
    kind: 'ClusterRole',
    metadata: { name, labels },
    aggregationRule: { clusterRoleSelectors: selectors },
    rules: written,
  });

  test('a chain: an aggregated role selected by another contributes its aggregated rules, not its written ones', () => {
    const docs = [
      leaf('view-extra', { 'agg-to-view': 'true' }, 'get'),
      agg(
        'view',
        { 'agg-to-edit': 'true' },
        [{ matchLabels: { 'agg-to-view': 'true' } }],
        [{ apiGroups: [''], resources: ['secrets'], verbs: ['get'] }],
      ),
      leaf('edit-extra', { 'agg-to-edit': 'true' }, 'create'),
      agg('edit', {}, [{ matchLabels: { 'agg-to-edit': 'true' } }]),
    ];
    expect(rulesOf(docs, 'edit').map((r) => r.verbs[0])).toEqual(['create', 'get']); // edit-extra, then view (by name)
    const model = AccessModel.fromManifests(docs, { bootstrapPolicy: false });
    expect(model.effectiveRules('ClusterRole', 'edit')!.map((e) => e.aggregatedFrom)).toEqual([
      { name: 'edit-extra', ruleIndex: 0 },
      { name: 'view-extra', ruleIndex: 0 },
    ]);
    // view's written secrets rule is gone everywhere
    expect(rulesOf(docs, 'view').map((r) => r.resources)).toEqual([['pods']]);
  });

  test('a chain is resolved whatever the order of the documents and of the names', () => {
    const docs = [
      agg('a-top', {}, [{ matchLabels: { level: 'mid' } }]),
      agg('b-mid', { level: 'mid' }, [{ matchLabels: { level: 'low' } }]),
      agg('c-low', { level: 'low' }, [{ matchLabels: { level: 'leaf' } }]),
      leaf('z-leaf', { level: 'leaf' }, 'watch'),
    ];
    for (const order of [docs, [...docs].reverse()])
      expect(rulesOf(order, 'a-top').map((r) => r.verbs)).toEqual([['watch']]);
  });

  test('a cycle settles on the smallest fixed point: the union of the leaves both reach, never written rules', () => {
    const docs = [
      agg(
        'ring-a',
        { ring: 'a' },
        [{ matchLabels: { ring: 'b' } }, { matchLabels: { leaf: 'a' } }],
        [{ apiGroups: [''], resources: ['secrets'], verbs: ['*'] }],
      ),
      agg('ring-b', { ring: 'b' }, [{ matchLabels: { ring: 'a' } }, { matchLabels: { leaf: 'b' } }]),
      leaf('leaf-a', { leaf: 'a' }, 'get'),
      leaf('leaf-b', { leaf: 'b' }, 'list'),
    ];
    const verbs = (name: string) =>
      rulesOf(docs, name)
        .map((r) => r.verbs[0])
        .sort();
    expect(verbs('ring-a')).toEqual(['get', 'list']);
    expect(verbs('ring-b')).toEqual(['get', 'list']);
  });

  test('a role never aggregates itself, and an empty aggregationRule leaves no rules', () => {
    expect(
      rulesOf(
        [agg('self', { x: 'y' }, [{ matchLabels: { x: 'y' } }], [{ verbs: ['get'], resources: ['pods'] }])],
        'self',
      ),
    ).toEqual([]);
    expect(
      rulesOf(
        [
          {
            apiVersion: RBAC_V1,
            kind: 'ClusterRole',
            metadata: { name: 'e' },
            aggregationRule: {},
            rules: [{ verbs: ['get'], resources: ['pods'] }],
          },
        ],
        'e',
      ),
    ).toEqual([]);
  });

  test('matchExpressions: In, NotIn (absent label matches), Exists, DoesNotExist; an empty selector matches every role', () => {
    const roles = [leaf('r1', { tier: 'a' }, 'v1'), leaf('r2', { tier: 'b' }, 'v2'), leaf('r3', {}, 'v3')];
    const verbsFor = (sel: any) => rulesOf([...roles, agg('combined', {}, [sel])]).map((r) => r.verbs[0]);
    expect(verbsFor({ matchExpressions: [{ key: 'tier', operator: 'In', values: ['a', 'c'] }] })).toEqual(['v1']);
    expect(verbsFor({ matchExpressions: [{ key: 'tier', operator: 'NotIn', values: ['a'] }] })).toEqual(['v2', 'v3']);
    expect(verbsFor({ matchExpressions: [{ key: 'tier', operator: 'Exists' }] })).toEqual(['v1', 'v2']);
    expect(verbsFor({ matchExpressions: [{ key: 'tier', operator: 'DoesNotExist' }] })).toEqual(['v3']);
    expect(verbsFor({ matchLabels: { tier: 'b' }, matchExpressions: [{ key: 'tier', operator: 'Exists' }] })).toEqual([
      'v2',
    ]);
    expect(verbsFor({})).toEqual(['v1', 'v2', 'v3']);
  });

  test('a malformed selector is an error naming the role, the field and the fix', () => {
    expect(() =>
      AccessModel.fromManifests([
        agg('bad', {}, [{ matchExpressions: [{ key: 'a', operator: 'Equals', values: ['x'] }] }]),
      ]),
    ).toThrow(
      /^\[ClusterRole bad\] aggregationRule\.clusterRoleSelectors\[0\]\.matchExpressions\[0\]\.operator: "Equals" .*; fix: use In, NotIn, Exists or DoesNotExist$/,
    );
    expect(() =>
      AccessModel.fromManifests([agg('bad', {}, [{ matchExpressions: [{ key: 'a', operator: 'In', values: [] }] }])]),
    ).toThrow(/matchExpressions\[0\]\.values: In needs at least one value; fix:/);
  });

  test('a binding to an aggregated role grants the aggregated rules and names where they came from', () => {
    const docs = [
      leaf('pods-reader', { 'rbac.example.com/aggregate-to-monitoring': 'true' }, 'list'),
      agg(
        'monitoring',
        {},
        [{ matchLabels: { 'rbac.example.com/aggregate-to-monitoring': 'true' } }],
        [{ apiGroups: [''], resources: ['secrets'], verbs: ['get'] }],
      ),
      {
        apiVersion: RBAC_V1,
        kind: 'ClusterRoleBinding',
        metadata: { name: 'prometheus' },
        roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'monitoring' },
        subjects: [{ kind: 'ServiceAccount', name: 'prometheus', namespace: 'monitoring' }],
      },
    ];
    const model = AccessModel.fromManifests(docs, { bootstrapPolicy: false });
    const ok = model.canI({ serviceAccount: 'monitoring/prometheus', verb: 'list', resource: 'pods' });
    expect(ok.allowed).toBe(true);
    expect(ok.reason).toBe(
      'ClusterRoleBinding prometheus -> ClusterRole monitoring rule 0 aggregated from ClusterRole pods-reader rule 0 (list pods), subject ServiceAccount "monitoring/prometheus"',
    );
    expect(
      model.canI({ serviceAccount: 'monitoring/prometheus', verb: 'get', resource: 'secrets', namespace: 'x' }).allowed,
    ).toBe(false);
  });
});

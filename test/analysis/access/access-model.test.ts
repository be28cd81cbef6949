// AccessModel.canI / whoCan: the semantics checklist of the RBAC authorizer (kubernetes/kubernetes
// plugin/pkg/auth/authorizer/rbac, pkg/registry/rbac/validation/rule.go) on manifests, and docs/scenarios.md#004's
// cases.
import { AccessModel } from '../../../lib/analysis/access';
import { newClusterRole, newRole, podsViewerCluster, RBAC_V1, wangInDev } from './rbac-fixtures';

const RBAC = 'rbac.authorization.k8s.io';
const binding = (
  kind: 'RoleBinding' | 'ClusterRoleBinding',
  name: string,
  namespace: string | undefined,
  roleKind: string,
  roleName: string,
  subjects: any[],
): any => ({
  apiVersion: RBAC_V1,
  kind,
  metadata: namespace ? { name, namespace } : { name },
  roleRef: { apiGroup: RBAC, kind: roleKind, name: roleName },
  subjects,
});
const user = (name: string) => ({ kind: 'User', apiGroup: RBAC, name });
const group = (name: string) => ({ kind: 'Group', apiGroup: RBAC, name });
const sa = (name: string, namespace?: string) =>
  namespace ? { kind: 'ServiceAccount', name, namespace } : { kind: 'ServiceAccount', name };

describe('handbook (seed 004): ClusterRole pods-viewer-cluster bound by RoleBinding to wang in dev', () => {
  const model = AccessModel.fromManifests([podsViewerCluster, wangInDev]);

  test('wang can list pods in dev, and the reason names the binding and the rule', () => {
    const d = model.canI({ user: 'wang', verb: 'list', resource: 'pods', namespace: 'dev' });
    expect(d.allowed).toBe(true);
    expect(d.reason).toBe(
      'RoleBinding dev/wang-pods-reader-in-dev -> ClusterRole pods-viewer-cluster rule 0 (get,list,watch pods,services), subject User "wang"',
    );
    expect(d.grant).toMatchObject({
      binding: { kind: 'RoleBinding', name: 'wang-pods-reader-in-dev', namespace: 'dev' },
      role: { kind: 'ClusterRole', name: 'pods-viewer-cluster' },
      ruleIndex: 0,
    });
  });

  test('wang can get deployments in dev (kubectl resolves deployments to deployments.apps), through rule 1', () => {
    for (const resource of ['deployments', 'deployments.apps', 'deployments.v1.apps']) {
      const d = model.canI({ user: 'wang', verb: 'get', resource, namespace: 'dev' });
      expect([resource, d.allowed, d.grant?.ruleIndex]).toEqual([resource, true, 1]);
    }
    expect(
      model.canI({ user: 'wang', verb: 'get', resource: 'deployments', apiGroup: '', namespace: 'dev' }).allowed,
    ).toBe(false);
  });

  test('wang cannot list pods in staging; the reason says who, what, where, and the near miss', () => {
    const d = model.canI({ user: 'wang', verb: 'list', resource: 'pods', namespace: 'staging' });
    expect(d.allowed).toBe(false);
    expect(d.reason).toBe(
      'no binding of user "wang" (groups system:authenticated) grants list pods in namespace staging; ' +
        'near miss: RoleBinding dev/wang-pods-reader-in-dev -> ClusterRole pods-viewer-cluster allows it in namespace dev only',
    );
  });

  test('wang cannot list nodes (cluster-scoped), even when asking in dev', () => {
    const d = model.canI({ user: 'wang', verb: 'list', resource: 'nodes' });
    expect(d.allowed).toBe(false);
    expect(d.reason).toMatch(
      /^no binding of user "wang" \(groups system:authenticated\) grants list nodes \(cluster-scoped\)$/,
    );
    const inDev = model.canI({ user: 'wang', verb: 'list', resource: 'nodes', namespace: 'dev' });
    expect(inDev.allowed).toBe(false);
    expect(inDev.request.namespace).toBe('');
    expect(inDev.notes).toContain(
      'nodes is cluster-scoped: namespace "dev" is ignored and only ClusterRoleBindings apply',
    );
  });

  test('wang cannot list pods across all namespaces', () => {
    const d = model.canI({ user: 'wang', verb: 'list', resource: 'pods' });
    expect(d.allowed).toBe(false);
    expect(d.reason).toContain(
      'grants list pods in all namespaces; near miss: RoleBinding dev/wang-pods-reader-in-dev -> ClusterRole pods-viewer-cluster allows it in namespace dev only, not across all namespaces',
    );
  });

  test('wang cannot delete pods in dev, nor read pods/log (a resource does not cover its subresources)', () => {
    expect(model.canI({ user: 'wang', verb: 'delete', resource: 'pods', namespace: 'dev' }).allowed).toBe(false);
    expect(model.canI({ user: 'wang', verb: 'get', resource: 'pods/log', namespace: 'dev', name: 'web' }).allowed).toBe(
      false,
    );
    expect(model.canI({ user: 'Wang', verb: 'list', resource: 'pods', namespace: 'dev' }).allowed).toBe(false); // names are exact
  });

  test('who can list pods in dev: wang through the RoleBinding, system:masters always', () => {
    const r = model.whoCan('list', 'pods', { namespace: 'dev' });
    // system:masters (bound to cluster-admin by the bootstrap policy) is listed once, in alwaysAllowed
    expect(r.subjects.map((s) => [s.kind, s.name])).toEqual([['User', 'wang']]);
    expect(r.subjects[0].grants[0].description).toMatch(
      /^RoleBinding dev\/wang-pods-reader-in-dev -> ClusterRole pods-viewer-cluster rule 0/,
    );
    expect(r.alwaysAllowed).toEqual([{ kind: 'Group', name: 'system:masters' }]);
    expect(model.whoCan('list', 'pods', { namespace: 'staging' }).subjects).toEqual([]);
    expect(model.whoCan('list', 'pods').subjects).toEqual([]);
    // the raw upstream AllowedSubjects does list the bootstrap binding
    expect(model.allowedSubjects(model.whoCan('list', 'pods').request).subjects.map((s) => s.name)).toEqual([
      'system:masters',
    ]);
  });
});

describe('bindings and scopes', () => {
  test('a ClusterRoleBinding applies in every namespace and to cluster-scoped resources', () => {
    const model = AccessModel.fromManifests([
      podsViewerCluster,
      newClusterRole('nodes-reader', { apiGroups: [''], resources: ['nodes'], verbs: ['list'] }),
      binding('ClusterRoleBinding', 'ops-pods', undefined, 'ClusterRole', 'pods-viewer-cluster', [group('ops')]),
      binding('ClusterRoleBinding', 'ops-nodes', undefined, 'ClusterRole', 'nodes-reader', [group('ops')]),
    ]);
    for (const namespace of ['dev', 'staging', undefined]) {
      expect(model.canI({ user: 'li', groups: ['ops'], verb: 'watch', resource: 'services', namespace }).allowed).toBe(
        true,
      );
    }
    expect(model.canI({ user: 'li', groups: ['ops'], verb: 'list', resource: 'nodes' }).allowed).toBe(true);
  });

  test('a RoleBinding resolves a Role in its own namespace only', () => {
    const docs = [
      newRole('reader', 'dev', { apiGroups: [''], resources: ['configmaps'], verbs: ['get'] }),
      newRole('reader', 'prod', { apiGroups: [''], resources: ['secrets'], verbs: ['get'] }),
      binding('RoleBinding', 'r', 'dev', 'Role', 'reader', [user('wang')]),
    ];
    const model = AccessModel.fromManifests(docs);
    expect(model.canI({ user: 'wang', verb: 'get', resource: 'configmaps', namespace: 'dev' }).allowed).toBe(true);
    expect(model.canI({ user: 'wang', verb: 'get', resource: 'secrets', namespace: 'dev' }).allowed).toBe(false);
    expect(model.canI({ user: 'wang', verb: 'get', resource: 'secrets', namespace: 'prod' }).allowed).toBe(false);
  });

  test('a RoleBinding to a ClusterRole with nodes and non-resource URLs grants neither', () => {
    const model = AccessModel.fromManifests(
      [
        newClusterRole(
          'wide',
          { apiGroups: [''], resources: ['nodes', 'pods'], verbs: ['get'] },
          { nonResourceURLs: ['/healthz'], verbs: ['get'] },
        ),
        binding('RoleBinding', 'wide', 'dev', 'ClusterRole', 'wide', [user('wang')]),
      ],
      { bootstrapPolicy: false },
    ); // without system:discovery, which lets every authenticated user get /healthz
    expect(model.canI({ user: 'wang', verb: 'get', resource: 'pods', namespace: 'dev', name: 'p' }).allowed).toBe(true);
    const nodes = model.canI({ user: 'wang', verb: 'get', resource: 'nodes', name: 'n1', namespace: 'dev' });
    expect(nodes.allowed).toBe(false);
    expect(nodes.notes).toContain(
      'near miss: RoleBinding dev/wide -> ClusterRole wide matches it, but a RoleBinding never grants cluster-scoped resources',
    );
    expect(model.canI({ user: 'wang', verb: 'get', nonResourceURL: '/healthz' }).allowed).toBe(false);
  });

  test('get namespace dev is authorised in namespace dev; list namespaces is cluster-wide', () => {
    const model = AccessModel.fromManifests([
      newClusterRole('ns-reader', { apiGroups: [''], resources: ['namespaces'], verbs: ['get', 'list'] }),
      binding('RoleBinding', 'ns', 'dev', 'ClusterRole', 'ns-reader', [user('wang')]),
    ]);
    const d = model.canI({ user: 'wang', verb: 'get', resource: 'namespaces', name: 'dev' });
    expect([d.allowed, d.request.namespace]).toEqual([true, 'dev']);
    expect(model.canI({ user: 'wang', verb: 'get', resource: 'namespaces', name: 'prod' }).allowed).toBe(false);
    expect(model.canI({ user: 'wang', verb: 'list', resource: 'namespaces', namespace: 'dev' }).allowed).toBe(false);
  });

  test('a binding to a missing role grants nothing and is reported; other bindings still count', () => {
    const model = AccessModel.fromManifests([
      podsViewerCluster,
      binding('RoleBinding', 'a-missing', 'dev', 'ClusterRole', 'no-such-role', [user('wang')]),
      binding('RoleBinding', 'b-missing-role', 'dev', 'Role', 'no-such-role', [user('wang')]),
      binding('ClusterRoleBinding', 'c-role-ref', undefined, 'Role', 'reader', [user('wang')]),
      binding('RoleBinding', 'z-ok', 'dev', 'ClusterRole', 'pods-viewer-cluster', [user('wang')]),
    ]);
    const ok = model.canI({ user: 'wang', verb: 'get', resource: 'pods', namespace: 'dev' });
    expect(ok.allowed).toBe(true);
    expect(ok.errors).toEqual([
      'ClusterRoleBinding c-role-ref refers to a Role, which a ClusterRoleBinding cannot use (grants nothing)',
      'RoleBinding dev/a-missing refers to ClusterRole no-such-role, which does not exist (grants nothing)',
      'RoleBinding dev/b-missing-role refers to Role dev/no-such-role, which does not exist in its namespace (grants nothing)',
    ]);
    const denied = model.canI({ user: 'wang', verb: 'delete', resource: 'pods', namespace: 'dev' });
    expect(denied.allowed).toBe(false);
    expect(denied.reason).toContain(
      'RoleBinding dev/a-missing refers to ClusterRole no-such-role, which does not exist (grants nothing)',
    );
    expect(model.whoCan('get', 'pods', { namespace: 'dev' }).errors).toHaveLength(3);
  });

  test('ClusterRoleBindings are tried first, then RoleBindings, each by name (deterministic reason)', () => {
    const model = AccessModel.fromManifests([
      podsViewerCluster,
      binding('RoleBinding', 'a', 'dev', 'ClusterRole', 'pods-viewer-cluster', [user('wang')]),
      binding('ClusterRoleBinding', 'z', undefined, 'ClusterRole', 'pods-viewer-cluster', [
        group('viewers'),
        user('wang'),
      ]),
    ]);
    expect(model.canI({ user: 'wang', verb: 'get', resource: 'pods', namespace: 'dev' }).grant?.binding).toEqual({
      kind: 'ClusterRoleBinding',
      name: 'z',
    });
    // the first subject that applies is reported, as upstream appliesTo does
    expect(
      model.canI({ user: 'wang', groups: ['viewers'], verb: 'get', resource: 'pods', namespace: 'dev' }).grant?.subject,
    ).toEqual({ kind: 'Group', name: 'viewers' });
  });
});

describe('subjects and groups', () => {
  const viewer = newClusterRole('viewer', { apiGroups: [''], resources: ['pods'], verbs: ['get'] });

  test('system:authenticated is every authenticated user; system:unauthenticated only the anonymous one', () => {
    const model = AccessModel.fromManifests([
      viewer,
      binding('ClusterRoleBinding', 'auth', undefined, 'ClusterRole', 'viewer', [group('system:authenticated')]),
    ]);
    expect(model.canI({ user: 'anyone', verb: 'get', resource: 'pods', namespace: 'x' }).allowed).toBe(true);
    expect(model.canI({ user: 'system:anonymous', verb: 'get', resource: 'pods', namespace: 'x' }).allowed).toBe(false);
    const anon = AccessModel.fromManifests([
      viewer,
      binding('ClusterRoleBinding', 'anon', undefined, 'ClusterRole', 'viewer', [group('system:unauthenticated')]),
    ]);
    expect(anon.canI({ user: 'system:anonymous', verb: 'get', resource: 'pods', namespace: 'x' }).allowed).toBe(true);
    expect(anon.canI({ user: 'anyone', verb: 'get', resource: 'pods', namespace: 'x' }).allowed).toBe(false);
  });

  test('ServiceAccounts: by name, by system:serviceaccounts, by system:serviceaccounts:<ns>', () => {
    const model = AccessModel.fromManifests([
      viewer,
      binding('RoleBinding', 'by-name', 'a', 'ClusterRole', 'viewer', [sa('workload', 'dev')]),
      binding('RoleBinding', 'all-sa', 'b', 'ClusterRole', 'viewer', [group('system:serviceaccounts')]),
      binding('RoleBinding', 'dev-sa', 'c', 'ClusterRole', 'viewer', [group('system:serviceaccounts:dev')]),
      { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'workload', namespace: 'dev' } },
    ]);
    const can = (who: any, namespace: string) =>
      model.canI({ ...who, verb: 'get', resource: 'pods', namespace }).allowed;
    expect([
      can({ serviceAccount: 'dev/workload' }, 'a'),
      can({ serviceAccount: 'dev/workload' }, 'b'),
      can({ serviceAccount: 'dev/workload' }, 'c'),
    ]).toEqual([true, true, true]);
    expect([
      can({ serviceAccount: 'prod/workload' }, 'a'),
      can({ serviceAccount: 'prod/workload' }, 'b'),
      can({ serviceAccount: 'prod/workload' }, 'c'),
    ]).toEqual([false, true, false]);
    expect([can({ user: 'wang' }, 'b'), can({ user: 'wang' }, 'c')]).toEqual([false, false]);
    // The user name of the ServiceAccount gets the same groups (as impersonation adds them).
    expect(can({ user: 'system:serviceaccount:dev:workload' }, 'c')).toBe(true);
    const d = model.canI({ serviceAccount: 'dev/workload', verb: 'get', resource: 'pods', namespace: 'a' });
    expect(d.user).toEqual({
      name: 'system:serviceaccount:dev:workload',
      groups: ['system:authenticated', 'system:serviceaccounts', 'system:serviceaccounts:dev'],
    });
    expect(d.notes).toEqual([]);
    expect(
      model.canI({ serviceAccount: 'prod/workload', verb: 'get', resource: 'pods', namespace: 'b' }).notes,
    ).toEqual(['ServiceAccount prod/workload is not in the manifests']);
  });

  test("a ServiceAccount subject without namespace means the RoleBinding's; in a ClusterRoleBinding it matches nobody", () => {
    const model = AccessModel.fromManifests(
      [
        viewer,
        binding('RoleBinding', 'local', 'dev', 'ClusterRole', 'viewer', [sa('builder')]),
        binding('ClusterRoleBinding', 'nobody', undefined, 'ClusterRole', 'viewer', [sa('builder')]),
      ],
      { bootstrapPolicy: false },
    );
    const d = model.canI({ serviceAccount: 'dev/builder', verb: 'get', resource: 'pods', namespace: 'dev' });
    expect(d.allowed).toBe(true);
    expect(d.grant?.subject).toEqual({ kind: 'ServiceAccount', name: 'builder', namespace: 'dev' });
    expect(
      model.canI({ serviceAccount: 'dev/builder', verb: 'get', resource: 'pods', namespace: 'prod' }).allowed,
    ).toBe(false);
    const who = model.whoCan('get', 'pods', { namespace: 'dev' });
    expect(who.subjects.map((s) => [s.kind, s.namespace, s.name])).toEqual([['ServiceAccount', 'dev', 'builder']]);
    expect(who.notes).toEqual([
      'ClusterRoleBinding nobody: ServiceAccount "builder" has no namespace and matches nobody',
    ]);
  });

  test('a User subject named * is no wildcard; system:masters is allowed everything before RBAC', () => {
    const model = AccessModel.fromManifests([
      viewer,
      binding('ClusterRoleBinding', 'star', undefined, 'ClusterRole', 'viewer', [user('*')]),
    ]);
    expect(model.canI({ user: 'wang', verb: 'get', resource: 'pods', namespace: 'x' }).allowed).toBe(false);
    const root = model.canI({ user: 'admin', groups: ['system:masters'], verb: 'delete', resource: 'nodes' });
    expect([root.allowed, root.reason]).toEqual([
      true,
      'group system:masters is allowed everything (the API server checks it before RBAC)',
    ]);
  });
});

describe('requests', () => {
  const model = AccessModel.fromManifests([
    newClusterRole(
      'ops',
      { apiGroups: [''], resources: ['pods/log', 'secrets'], resourceNames: ['web', 'db'], verbs: ['get'] },
      { apiGroups: ['*'], resources: ['*/scale'], verbs: ['update'] },
      { nonResourceURLs: ['/healthz', '/metrics/*'], verbs: ['get'] },
    ),
    binding('ClusterRoleBinding', 'ops', undefined, 'ClusterRole', 'ops', [user('li')]),
    {
      apiVersion: 'apiextensions.k8s.io/v1',
      kind: 'CustomResourceDefinition',
      metadata: { name: 'widgets.example.com' },
      spec: { group: 'example.com', scope: 'Cluster', names: { plural: 'widgets' } },
    },
  ]);
  const can = (q: any) => model.canI({ user: 'li', ...q }).allowed;

  test('subresources written as pods/log or with subresource; resourceNames need the name', () => {
    expect(can({ verb: 'get', resource: 'pods/log', name: 'web', namespace: 'dev' })).toBe(true);
    expect(can({ verb: 'get', resource: 'pods', subresource: 'log', name: 'db', namespace: 'dev' })).toBe(true);
    expect(can({ verb: 'get', resource: 'pods/log', name: 'other', namespace: 'dev' })).toBe(false);
    expect(can({ verb: 'get', resource: 'pods/log', namespace: 'dev' })).toBe(false);
    expect(can({ verb: 'list', resource: 'secrets', namespace: 'dev' })).toBe(false);
    expect(can({ verb: 'update', resource: 'deployments.apps/scale', name: 'x', namespace: 'dev' })).toBe(true);
    expect(can({ verb: 'update', resource: 'deployments/scale', name: 'x', namespace: 'dev' })).toBe(true);
    expect(can({ verb: 'update', resource: 'deployments', name: 'x', namespace: 'dev' })).toBe(false);
  });

  test('non-resource URLs: exact and trailing * prefix', () => {
    expect(can({ verb: 'get', nonResourceURL: '/healthz' })).toBe(true);
    expect(can({ verb: 'get', nonResourceURL: '/metrics/cadvisor' })).toBe(true);
    expect(can({ verb: 'get', nonResourceURL: '/metrics' })).toBe(false);
    expect(can({ verb: 'post', nonResourceURL: '/healthz' })).toBe(false);
  });

  test('CRDs in the manifests tell which custom resources are cluster-scoped', () => {
    const crdModel = AccessModel.fromManifests(
      [
        newClusterRole('w', { apiGroups: ['example.com'], resources: ['widgets', 'gadgets'], verbs: ['list'] }),
        binding('RoleBinding', 'w', 'dev', 'ClusterRole', 'w', [user('wang')]),
        {
          apiVersion: 'apiextensions.k8s.io/v1',
          kind: 'CustomResourceDefinition',
          metadata: { name: 'widgets.example.com' },
          spec: { group: 'example.com', scope: 'Cluster', names: { plural: 'widgets' } },
        },
      ],
      { clusterScopedResources: [] },
    );
    expect(
      crdModel.canI({ user: 'wang', verb: 'list', resource: 'gadgets.example.com', namespace: 'dev' }).allowed,
    ).toBe(true);
    expect(
      crdModel.canI({ user: 'wang', verb: 'list', resource: 'widgets.example.com', namespace: 'dev' }).allowed,
    ).toBe(false);
    const optionModel = AccessModel.fromManifests(
      [
        newClusterRole('w', { apiGroups: ['example.com'], resources: ['gadgets'], verbs: ['list'] }),
        binding('RoleBinding', 'w', 'dev', 'ClusterRole', 'w', [user('wang')]),
      ],
      { clusterScopedResources: ['gadgets.example.com'] },
    );
    expect(
      optionModel.canI({ user: 'wang', verb: 'list', resource: 'gadgets.example.com', namespace: 'dev' }).allowed,
    ).toBe(false);
  });

  test('Calico cluster-scoped kinds are cluster-scoped; Calico networkpolicies need their group', () => {
    const calico = AccessModel.fromManifests([
      newClusterRole('calico', {
        apiGroups: ['projectcalico.org'],
        resources: ['globalnetworkpolicies', 'networkpolicies'],
        verbs: ['list'],
      }),
      binding('RoleBinding', 'c', 'dev', 'ClusterRole', 'calico', [user('wang')]),
    ]);
    expect(
      calico.canI({ user: 'wang', verb: 'list', resource: 'networkpolicies.projectcalico.org', namespace: 'dev' })
        .allowed,
    ).toBe(true);
    expect(calico.canI({ user: 'wang', verb: 'list', resource: 'networkpolicies', namespace: 'dev' }).allowed).toBe(
      false,
    ); // networking.k8s.io
    expect(
      calico.canI({ user: 'wang', verb: 'list', resource: 'globalnetworkpolicies', namespace: 'dev' }).allowed,
    ).toBe(false);
  });

  test('malformed queries are errors naming the field and the fix', () => {
    expect(() => model.canI({ user: 'li', verb: '', resource: 'pods' })).toThrow(
      '[AccessQuery] verb: is required; fix: set verb, e.g. "list"',
    );
    expect(() => model.canI({ verb: 'get', resource: 'pods' })).toThrow(
      '[AccessQuery] user: no identity given; fix: set user, groups or serviceAccount',
    );
    expect(() => model.canI({ user: 'li', verb: 'get' })).toThrow(
      /\[AccessQuery\] resource: is required; fix: set exactly one of resource and nonResourceURL/,
    );
    expect(() => model.canI({ user: 'li', verb: 'get', resource: 'pods', nonResourceURL: '/x' })).toThrow(
      /resource: and nonResourceURL are both set/,
    );
    expect(() => model.canI({ serviceAccount: 'workload', verb: 'get', resource: 'pods' })).toThrow(
      /serviceAccount: "workload" is not namespace\/name; fix:/,
    );
    expect(() => model.canI({ user: 'li', serviceAccount: 'dev/x', verb: 'get', resource: 'pods' })).toThrow(
      /user: "li" contradicts serviceAccount/,
    );
    expect(() => model.canI({ user: 'li', verb: 'get', resource: 'deployments.apps', apiGroup: 'batch' })).toThrow(
      /apiGroup: "batch" contradicts resource/,
    );
    expect(() => model.canI({ user: 'li', verb: 'get', nonResourceURL: 'healthz' })).toThrow(
      /nonResourceURL: "healthz" does not start with \//,
    );
  });
});

describe('manifests', () => {
  test('malformed RBAC objects are errors naming the object, the field and the fix', () => {
    expect(() =>
      AccessModel.fromManifests([
        {
          apiVersion: RBAC_V1,
          kind: 'ClusterRole',
          metadata: { name: 'x' },
          rules: [{ apiGroups: [''], resources: ['pods'] }],
        },
      ]),
    ).toThrow('[ClusterRole x] rules[0].verbs: is required; fix: list at least one value');
    expect(() =>
      AccessModel.fromManifests([
        { apiVersion: RBAC_V1, kind: 'Role', metadata: { name: 'x', namespace: 'a' }, rules: [{ verbs: 'get' }] },
      ]),
    ).toThrow('[Role a/x] rules[0].verbs: must be a list of strings, got the string "get"; fix: write verbs: ["get"]');
    expect(() =>
      AccessModel.fromManifests([
        { apiVersion: RBAC_V1, kind: 'RoleBinding', metadata: { name: 'b', namespace: 'a' }, subjects: [] },
      ]),
    ).toThrow(/^\[RoleBinding a\/b\] roleRef: needs kind and name; fix:/);
    expect(() =>
      AccessModel.fromManifests([
        binding('ClusterRoleBinding', 'b', undefined, 'ClusterRole', 'x', [{ kind: 'User' }]),
      ]),
    ).toThrow(/^\[ClusterRoleBinding b\] subjects\[0\]: needs kind and name; fix:/);
    expect(() => AccessModel.fromManifests([{ apiVersion: RBAC_V1, kind: 'ClusterRole', metadata: {} }])).toThrow(
      /\[ClusterRole <unnamed>\] metadata.name: is missing .*; fix:/,
    );
  });

  test('Lists are flattened, namespaces default, later duplicates replace earlier ones (with warnings)', () => {
    const model = AccessModel.fromManifests(
      [
        {
          apiVersion: 'v1',
          kind: 'List',
          items: [
            podsViewerCluster,
            binding('RoleBinding', 'wang', undefined, 'ClusterRole', 'pods-viewer-cluster', [user('li')]),
            binding('RoleBinding', 'wang', undefined, 'ClusterRole', 'pods-viewer-cluster', [user('wang')]),
          ],
        },
      ],
      { defaultNamespace: 'team' },
    );
    expect(model.canI({ user: 'wang', verb: 'get', resource: 'pods', namespace: 'team' }).allowed).toBe(true);
    expect(model.canI({ user: 'li', verb: 'get', resource: 'pods', namespace: 'team' }).allowed).toBe(false);
    expect(model.warnings).toEqual([
      'RoleBinding wang has no metadata.namespace; taken as namespace "team" (where kubectl apply would put it)',
      'RoleBinding wang has no metadata.namespace; taken as namespace "team" (where kubectl apply would put it)',
      'RoleBinding team/wang appears twice; the later document replaces the earlier one',
    ]);
  });
});

describe('explanations', () => {
  test('reason, question and notes are computed on read and serialise with JSON', () => {
    const model = AccessModel.fromManifests([podsViewerCluster, wangInDev]);
    const d = model.canI({ user: 'wang', verb: 'list', resource: 'pods', namespace: 'staging' });
    const json = JSON.parse(JSON.stringify(d));
    expect(json).toEqual({
      allowed: false,
      reason: d.reason,
      user: { name: 'wang', groups: ['system:authenticated'] },
      request: {
        verb: 'list',
        resourceRequest: true,
        apiGroup: '',
        resource: 'pods',
        subresource: '',
        name: '',
        namespace: 'staging',
        path: '',
      },
      question: 'list pods in namespace staging',
      errors: [],
      notes: [d.notes[0]],
    });
    const ok = JSON.parse(
      JSON.stringify(model.canI({ user: 'wang', verb: 'list', resource: 'pods', namespace: 'dev' })),
    );
    expect(ok.grant.description).toBe(ok.reason);
    expect(model.authorize({ name: 'wang', groups: [] }, d.request).reason).toBe(
      'no RBAC rule allows user "wang" (groups none) to list pods in namespace staging',
    );
  });

  test('wrongly typed query fields are errors, not TypeErrors', () => {
    const model = AccessModel.fromManifests([]);
    expect(() => model.canI({ user: 'x', verb: 'get', resource: 42 as any })).toThrow(
      '[AccessQuery] resource: must be a string, got 42; fix: write resource: "..."',
    );
    expect(() => model.whoCan('get', undefined as any)).toThrow(
      '[AccessQuery] resource: is required; fix: set exactly one of resource and nonResourceURL',
    );
  });
});

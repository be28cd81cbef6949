// Ports of the upstream RBAC authorizer tables:
// - TestAuthorizer, TestRuleMatches: kubernetes/kubernetes plugin/pkg/auth/authorizer/rbac/rbac_test.go
//   (@90d6cfcf171c057ad95e62eff091e3d13d3bfed5)
// - TestSubjectLocator: plugin/pkg/auth/authorizer/rbac/subject_locator_test.go
//   (@008b3652959ca58af8be3fb5b6ecfe9ae7638282)
// - TestAppliesTo, TestDefaultRuleResolver: pkg/registry/rbac/validation/rule_test.go
//   (@fde22c3f9aacfd260225a9741de123a41157b7c0)
// Raw attributes go through AccessModel.authorize / allowedSubjects / rulesFor, which (like upstream) add no groups.
import { AccessModel } from '../../../lib/analysis/access';
import {
  nonResourceRequest,
  RbacPolicyRule,
  RequestAttributes,
  resourceRequest,
  ruleAllows,
} from '../../../lib/analysis/access/rule-matching';
import { BindingSubject, firstApplyingSubject, UserInfo } from '../../../lib/analysis/access/subjects';
/** Upstream's tables define the whole cluster: no bootstrap policy is added. */
const NO_BOOTSTRAP = { bootstrapPolicy: false };
import {
  bindToClusterRole,
  bindToRole,
  newClusterRole,
  newClusterRoleBinding,
  newRole,
  newRoleBinding,
  newRule,
} from './rbac-fixtures';

/**
 * upstream `defaultAttributes{user, groups, verb, resource, subresource, namespace, apiGroup}` (groups split on ',').
 */
function attrs(
  user: string,
  groups: string,
  verb: string,
  resource: string,
  subresource: string,
  namespace: string,
  apiGroup: string,
): [UserInfo, RequestAttributes] {
  return [
    { name: user, groups: groups.split(',') },
    resourceRequest({ verb, resource, subresource, namespace, apiGroup }),
  ];
}

/** upstream `authorizer.AttributesRecord{User, Verb, Path}` for non-resource requests. */
function url(user: Partial<UserInfo>, verb: string, path: string): [UserInfo, RequestAttributes] {
  return [{ name: user.name ?? '', groups: user.groups ?? [] }, nonResourceRequest(verb, path)];
}

describe('TestAuthorizer (rbac_test.go)', () => {
  const cases: Array<{
    name: string;
    docs: any[];
    shouldPass: Array<[UserInfo, RequestAttributes]>;
    shouldFail: Array<[UserInfo, RequestAttributes]>;
  }> = [
    {
      name: 'RoleBinding to a * ClusterRole: only its namespace, never cluster-scoped',
      docs: [
        newClusterRole('admin', newRule('*', '*', '*', '*')),
        newRoleBinding('ns1', 'admin', bindToClusterRole, 'User:admin', 'Group:admins'),
      ],
      shouldPass: [
        attrs('admin', '', 'get', 'Pods', '', 'ns1', ''),
        attrs('admin', '', 'watch', 'Pods', '', 'ns1', ''),
        attrs('admin', 'group1', 'watch', 'Foobar', '', 'ns1', ''),
        attrs('joe', 'admins', 'watch', 'Foobar', '', 'ns1', ''),
        attrs('joe', 'group1,admins', 'watch', 'Foobar', '', 'ns1', ''),
      ],
      shouldFail: [
        attrs('admin', '', 'GET', 'Pods', '', 'ns2', ''),
        attrs('admin', '', 'GET', 'Nodes', '', '', ''),
        attrs('admin', 'admins', 'GET', 'Pods', '', 'ns2', ''),
        attrs('admin', 'admins', 'GET', 'Nodes', '', '', ''),
      ],
    },
    {
      name: 'non-resource URLs',
      docs: [
        newClusterRole('non-resource-url-getter', newRule('get', '', '', '/apis')),
        newClusterRole('non-resource-url', newRule('*', '', '', '/apis')),
        newClusterRole('non-resource-url-prefix', newRule('get', '', '', '/apis/*')),
        newClusterRoleBinding('non-resource-url-getter', 'User:foo', 'Group:bar'),
        newClusterRoleBinding('non-resource-url', 'User:admin', 'Group:admin'),
        newClusterRoleBinding('non-resource-url-prefix', 'User:prefixed', 'Group:prefixed'),
      ],
      shouldPass: [
        url({ name: 'foo' }, 'get', '/apis'),
        url({ groups: ['bar'] }, 'get', '/apis'),
        url({ name: 'admin' }, 'get', '/apis'),
        url({ groups: ['admin'] }, 'get', '/apis'),
        url({ name: 'admin' }, 'watch', '/apis'),
        url({ groups: ['admin'] }, 'watch', '/apis'),
        url({ name: 'prefixed' }, 'get', '/apis/v1'),
        url({ groups: ['prefixed'] }, 'get', '/apis/v1'),
        url({ name: 'prefixed' }, 'get', '/apis/v1/foobar'),
        url({ groups: ['prefixed'] }, 'get', '/apis/v1/foorbar'),
      ],
      shouldFail: [
        // wrong verb
        url({ name: 'foo' }, 'watch', '/apis'),
        url({ groups: ['bar'] }, 'watch', '/apis'),
        // wrong path
        url({ name: 'foo' }, 'get', '/api/v1'),
        url({ groups: ['bar'] }, 'get', '/api/v1'),
        url({ name: 'admin' }, 'get', '/api/v1'),
        url({ groups: ['admin'] }, 'get', '/api/v1'),
        // not covered by prefix
        url({ name: 'prefixed' }, 'get', '/api/v1'),
        url({ groups: ['prefixed'] }, 'get', '/api/v1'),
      ],
    },
    {
      name: 'subresource resolution: pods does not cover pods/status',
      docs: [
        newClusterRole('admin', newRule('*', '*', 'pods', '*')),
        newRoleBinding('ns1', 'admin', bindToClusterRole, 'User:admin', 'Group:admins'),
      ],
      shouldPass: [attrs('admin', '', 'get', 'pods', '', 'ns1', '')],
      shouldFail: [attrs('admin', '', 'get', 'pods', 'status', 'ns1', '')],
    },
    {
      name: 'subresource resolution: pods/status and */scale',
      docs: [
        newClusterRole('admin', newRule('*', '*', 'pods/status', '*'), newRule('*', '*', '*/scale', '*')),
        newRoleBinding('ns1', 'admin', bindToClusterRole, 'User:admin', 'Group:admins'),
      ],
      shouldPass: [
        attrs('admin', '', 'get', 'pods', 'status', 'ns1', ''),
        attrs('admin', '', 'get', 'pods', 'scale', 'ns1', ''),
        attrs('admin', '', 'get', 'deployments', 'scale', 'ns1', ''),
        attrs('admin', '', 'get', 'anything', 'scale', 'ns1', ''),
      ],
      shouldFail: [attrs('admin', '', 'get', 'pods', '', 'ns1', '')],
    },
  ];
  for (const c of cases) {
    test(c.name, () => {
      const model = AccessModel.fromManifests(c.docs, NO_BOOTSTRAP);
      for (const [user, req] of c.shouldPass)
        expect([user, req, model.authorize(user, req).allowed]).toEqual([user, req, true]);
      for (const [user, req] of c.shouldFail)
        expect([user, req, model.authorize(user, req).allowed]).toEqual([user, req, false]);
    });
  }
});

describe('TestRuleMatches (rbac_test.go)', () => {
  const res = (verb: string, group: string, resource: string, subresource = ''): RequestAttributes =>
    resourceRequest({ verb, apiGroup: group, resource, subresource });
  const nonres = (verb: string, path: string): RequestAttributes => nonResourceRequest(verb, path);
  const cases: Array<{ name: string; rule: RbacPolicyRule; requests: Array<[RequestAttributes, boolean]> }> = [
    {
      name: 'star verb, exact match other',
      rule: { verbs: ['*'], apiGroups: ['group1'], resources: ['resource1'] },
      requests: [
        [res('verb1', 'group1', 'resource1'), true],
        [res('verb1', 'group2', 'resource1'), false],
        [res('verb1', 'group1', 'resource2'), false],
        [res('verb1', 'group2', 'resource2'), false],
        [res('verb2', 'group1', 'resource1'), true],
        [res('verb2', 'group2', 'resource1'), false],
        [res('verb2', 'group1', 'resource2'), false],
        [res('verb2', 'group2', 'resource2'), false],
      ],
    },
    {
      name: 'star group, exact match other',
      rule: { verbs: ['verb1'], apiGroups: ['*'], resources: ['resource1'] },
      requests: [
        [res('verb1', 'group1', 'resource1'), true],
        [res('verb1', 'group2', 'resource1'), true],
        [res('verb1', 'group1', 'resource2'), false],
        [res('verb1', 'group2', 'resource2'), false],
        [res('verb2', 'group1', 'resource1'), false],
        [res('verb2', 'group2', 'resource1'), false],
        [res('verb2', 'group1', 'resource2'), false],
        [res('verb2', 'group2', 'resource2'), false],
      ],
    },
    {
      name: 'star resource, exact match other',
      rule: { verbs: ['verb1'], apiGroups: ['group1'], resources: ['*'] },
      requests: [
        [res('verb1', 'group1', 'resource1'), true],
        [res('verb1', 'group2', 'resource1'), false],
        [res('verb1', 'group1', 'resource2'), true],
        [res('verb1', 'group2', 'resource2'), false],
        [res('verb2', 'group1', 'resource1'), false],
        [res('verb2', 'group2', 'resource1'), false],
        [res('verb2', 'group1', 'resource2'), false],
        [res('verb2', 'group2', 'resource2'), false],
      ],
    },
    {
      name: 'tuple expansion',
      rule: { verbs: ['verb1', 'verb2'], apiGroups: ['group1', 'group2'], resources: ['resource1', 'resource2'] },
      requests: [
        [res('verb1', 'group1', 'resource1'), true],
        [res('verb1', 'group2', 'resource1'), true],
        [res('verb1', 'group1', 'resource2'), true],
        [res('verb1', 'group2', 'resource2'), true],
        [res('verb2', 'group1', 'resource1'), true],
        [res('verb2', 'group2', 'resource1'), true],
        [res('verb2', 'group1', 'resource2'), true],
        [res('verb2', 'group2', 'resource2'), true],
      ],
    },
    {
      name: 'subresource expansion',
      rule: { verbs: ['*'], apiGroups: ['*'], resources: ['resource1/subresource1'] },
      requests: [
        [res('verb1', 'group1', 'resource1', 'subresource1'), true],
        [res('verb1', 'group2', 'resource1', 'subresource2'), false],
        [res('verb1', 'group1', 'resource2', 'subresource1'), false],
        [res('verb1', 'group2', 'resource2', 'subresource1'), false],
        [res('verb2', 'group1', 'resource1', 'subresource1'), true],
        [res('verb2', 'group2', 'resource1', 'subresource2'), false],
        [res('verb2', 'group1', 'resource2', 'subresource1'), false],
        [res('verb2', 'group2', 'resource2', 'subresource1'), false],
      ],
    },
    {
      name: 'star nonresource, exact match other',
      rule: { verbs: ['verb1'], nonResourceURLs: ['*'] },
      requests: [
        [nonres('verb1', '/foo'), true],
        [nonres('verb1', '/foo/bar'), true],
        [nonres('verb1', '/foo/baz'), true],
        [nonres('verb1', '/foo/bar/one'), true],
        [nonres('verb1', '/foo/baz/one'), true],
        [nonres('verb2', '/foo'), false],
        [nonres('verb2', '/foo/bar'), false],
        [nonres('verb2', '/foo/baz'), false],
        [nonres('verb2', '/foo/bar/one'), false],
        [nonres('verb2', '/foo/baz/one'), false],
      ],
    },
    {
      name: 'star nonresource subpath',
      rule: { verbs: ['verb1'], nonResourceURLs: ['/foo/*'] },
      requests: [
        [nonres('verb1', '/foo'), false],
        [nonres('verb1', '/foo/bar'), true],
        [nonres('verb1', '/foo/baz'), true],
        [nonres('verb1', '/foo/bar/one'), true],
        [nonres('verb1', '/foo/baz/one'), true],
        [nonres('verb1', '/notfoo'), false],
        [nonres('verb1', '/notfoo/bar'), false],
        [nonres('verb1', '/notfoo/baz'), false],
        [nonres('verb1', '/notfoo/bar/one'), false],
        [nonres('verb1', '/notfoo/baz/one'), false],
      ],
    },
    {
      name: 'star verb, exact nonresource',
      rule: { verbs: ['*'], nonResourceURLs: ['/foo', '/foo/bar/one'] },
      requests: [
        [nonres('verb1', '/foo'), true],
        [nonres('verb1', '/foo/bar'), false],
        [nonres('verb1', '/foo/baz'), false],
        [nonres('verb1', '/foo/bar/one'), true],
        [nonres('verb1', '/foo/baz/one'), false],
        [nonres('verb2', '/foo'), true],
        [nonres('verb2', '/foo/bar'), false],
        [nonres('verb2', '/foo/baz'), false],
        [nonres('verb2', '/foo/bar/one'), true],
        [nonres('verb2', '/foo/baz/one'), false],
      ],
    },
  ];
  for (const c of cases) {
    test(c.name, () => {
      for (const [req, want] of c.requests) expect([req, ruleAllows(req, c.rule)]).toEqual([req, want]);
    });
  }
});

describe('TestSubjectLocator (subject_locator_test.go)', () => {
  // Upstream's superUser is an API server flag, not a manifest: its expected "User foo" entry is left out here.
  const label = (s: BindingSubject): string => `${s.kind}:${s.name}`;
  const allowed = (model: AccessModel, verb: string, resource: string, namespace: string): string[] => {
    const r = model.allowedSubjects(resourceRequest({ verb, resource, namespace }));
    return [...r.alwaysAllowed, ...r.subjects].map(label).sort();
  };

  test('no super user, star matches star', () => {
    const model = AccessModel.fromManifests(
      [
        newClusterRole('admin', newRule('*', '*', '*', '*')),
        newClusterRoleBinding('admin', 'User:super-admin', 'Group:super-admins'),
        newRoleBinding('ns1', 'admin', bindToClusterRole, 'User:admin', 'Group:admins'),
      ],
      NO_BOOTSTRAP,
    );
    expect(allowed(model, 'get', 'Pods', 'ns1')).toEqual(
      ['Group:super-admins', 'Group:system:masters', 'User:admin', 'User:super-admin', 'Group:admins'].sort(),
    );
    // cluster role matches star in namespace
    expect(allowed(model, '*', 'Pods', '*')).toEqual(
      ['Group:super-admins', 'Group:system:masters', 'User:super-admin'].sort(),
    );
    // empty ns
    expect(allowed(model, '*', 'Pods', '')).toEqual(
      ['Group:super-admins', 'Group:system:masters', 'User:super-admin'].sort(),
    );
  });

  test('super user, local roles work', () => {
    const model = AccessModel.fromManifests(
      [
        newClusterRole('admin', newRule('*', '*', '*', '*')),
        newClusterRoleBinding('admin', 'User:super-admin', 'Group:super-admins'),
        newRole('admin', 'ns1', newRule('get', '*', 'Pods', '*')),
        newRoleBinding('ns1', 'admin', bindToRole, 'User:admin', 'Group:admins'),
      ],
      NO_BOOTSTRAP,
    );
    expect(allowed(model, 'get', 'Pods', 'ns1')).toEqual(
      ['Group:system:masters', 'User:super-admin', 'Group:super-admins', 'User:admin', 'Group:admins'].sort(),
    );
    // verb matches correctly
    expect(allowed(model, 'create', 'Pods', 'ns1')).toEqual(
      ['Group:system:masters', 'User:super-admin', 'Group:super-admins'].sort(),
    );
    // binding only works in correct ns
    expect(allowed(model, 'get', 'Pods', 'ns2')).toEqual(
      ['Group:system:masters', 'User:super-admin', 'Group:super-admins'].sort(),
    );
  });
});

describe('TestAppliesTo (rule_test.go)', () => {
  const cases: Array<{
    testCase: string;
    subjects: BindingSubject[];
    user: UserInfo;
    namespace?: string;
    appliesTo: boolean;
    index?: number;
  }> = [
    {
      testCase: 'single subject that matches username',
      subjects: [{ kind: 'User', name: 'foobar' }],
      user: { name: 'foobar', groups: [] },
      appliesTo: true,
      index: 0,
    },
    {
      testCase: 'multiple subjects, one that matches username',
      subjects: [
        { kind: 'User', name: 'barfoo' },
        { kind: 'User', name: 'foobar' },
      ],
      user: { name: 'foobar', groups: [] },
      appliesTo: true,
      index: 1,
    },
    {
      testCase: 'multiple subjects, none that match username',
      subjects: [
        { kind: 'User', name: 'barfoo' },
        { kind: 'User', name: 'foobar' },
      ],
      user: { name: 'zimzam', groups: [] },
      appliesTo: false,
    },
    {
      testCase: 'multiple subjects, one that match group',
      subjects: [
        { kind: 'User', name: 'barfoo' },
        { kind: 'Group', name: 'foobar' },
      ],
      user: { name: 'zimzam', groups: ['foobar'] },
      appliesTo: true,
      index: 1,
    },
    {
      testCase: 'multiple subjects, one that match group, should ignore namespace',
      subjects: [
        { kind: 'User', name: 'barfoo' },
        { kind: 'Group', name: 'foobar' },
      ],
      user: { name: 'zimzam', groups: ['foobar'] },
      namespace: 'namespace1',
      appliesTo: true,
      index: 1,
    },
    {
      testCase: 'multiple subjects with a service account that matches',
      subjects: [
        { kind: 'User', name: 'barfoo' },
        { kind: 'Group', name: 'foobar' },
        { kind: 'ServiceAccount', namespace: 'kube-system', name: 'default' },
      ],
      user: { name: 'system:serviceaccount:kube-system:default', groups: [] },
      namespace: 'default',
      appliesTo: true,
      index: 2,
    },
    {
      testCase: "* user subject name doesn't match all users",
      subjects: [{ kind: 'User', name: '*' }],
      user: { name: 'foobar', groups: [] },
      namespace: 'default',
      appliesTo: false,
    },
    {
      testCase: 'binding to all authenticated and unauthenticated subjects matches authenticated user',
      subjects: [
        { kind: 'Group', name: 'system:authenticated' },
        { kind: 'Group', name: 'system:unauthenticated' },
      ],
      user: { name: 'foobar', groups: ['system:authenticated'] },
      namespace: 'default',
      appliesTo: true,
      index: 0,
    },
    {
      testCase: 'binding to all authenticated and unauthenticated subjects matches anonymous user',
      subjects: [
        { kind: 'Group', name: 'system:authenticated' },
        { kind: 'Group', name: 'system:unauthenticated' },
      ],
      user: { name: 'system:anonymous', groups: ['system:unauthenticated'] },
      namespace: 'default',
      appliesTo: true,
      index: 1,
    },
  ];
  for (const c of cases) {
    test(c.testCase, () => {
      const index = firstApplyingSubject(c.user, c.subjects, c.namespace ?? '');
      expect(index >= 0).toBe(c.appliesTo);
      if (c.appliesTo) expect(index).toBe(c.index);
    });
  }
});

describe('TestDefaultRuleResolver (rule_test.go)', () => {
  const ruleReadPods = { verbs: ['GET', 'WATCH'], apiGroups: ['v1'], resources: ['pods'] };
  const ruleReadServices = { verbs: ['GET', 'WATCH'], apiGroups: ['v1'], resources: ['services'] };
  const ruleWriteNodes = { verbs: ['PUT', 'CREATE', 'UPDATE'], apiGroups: ['v1'], resources: ['nodes'] };
  const ruleAdmin = { verbs: ['*'], apiGroups: ['*'], resources: ['*'] };
  const RBAC = 'rbac.authorization.k8s.io';
  const staticRoles1 = [
    {
      apiVersion: `${RBAC}/v1`,
      kind: 'Role',
      metadata: { namespace: 'namespace1', name: 'readthings' },
      rules: [ruleReadPods, ruleReadServices],
    },
    { apiVersion: `${RBAC}/v1`, kind: 'ClusterRole', metadata: { name: 'cluster-admin' }, rules: [ruleAdmin] },
    { apiVersion: `${RBAC}/v1`, kind: 'ClusterRole', metadata: { name: 'write-nodes' }, rules: [ruleWriteNodes] },
    {
      apiVersion: `${RBAC}/v1`,
      kind: 'RoleBinding',
      metadata: { namespace: 'namespace1', name: 'rb' },
      subjects: [
        { kind: 'User', name: 'foobar' },
        { kind: 'Group', name: 'group1' },
      ],
      roleRef: { apiGroup: RBAC, kind: 'Role', name: 'readthings' },
    },
    {
      apiVersion: `${RBAC}/v1`,
      kind: 'ClusterRoleBinding',
      metadata: { name: 'crb' },
      subjects: [
        { kind: 'User', name: 'admin' },
        { kind: 'Group', name: 'admin' },
      ],
      roleRef: { apiGroup: RBAC, kind: 'ClusterRole', name: 'cluster-admin' },
    },
  ];
  const model = AccessModel.fromManifests(staticRoles1, NO_BOOTSTRAP);
  const normal = (r: any): any => ({ resourceNames: [], nonResourceURLs: [], ...r });
  const cases: Array<{ user: UserInfo; namespace: string; effectiveRules: any[] }> = [
    { user: { name: 'foobar', groups: [] }, namespace: 'namespace1', effectiveRules: [ruleReadPods, ruleReadServices] },
    { user: { name: 'foobar', groups: [] }, namespace: 'namespace2', effectiveRules: [] },
    // Same as above but without a namespace. Only cluster rules should apply.
    { user: { name: 'foobar', groups: ['admin'] }, namespace: '', effectiveRules: [ruleAdmin] },
    { user: { name: '', groups: [] }, namespace: '', effectiveRules: [] },
  ];
  cases.forEach((c, i) => {
    test(`case ${i}`, () => {
      const got = model.rulesFor(c.user, c.namespace);
      expect(got.errors).toEqual([]);
      expect(got.rules.map(normal)).toEqual(c.effectiveRules.map(normal));
    });
  });
});

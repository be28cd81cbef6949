// pkg/apis/rbac/validation truth table.
import { clusterRole, clusterRoleBinding, ROLE_REF, role, roleBinding, RULE } from './fixtures';
import { k8sProblems, problemPaths } from './helpers';

describe('valid RBAC objects pass', () => {
  test.each([
    ['wildcards', clusterRole([{ apiGroups: ['*'], resources: ['*'], verbs: ['*'] }])],
    ['nonResourceURLs in a ClusterRole', clusterRole([{ nonResourceURLs: ['/healthz', '/metrics'], verbs: ['get'] }])],
    [
      'an aggregated ClusterRole without rules',
      clusterRole([], {
        aggregationRule: { clusterRoleSelectors: [{ matchLabels: { 'example.com/aggregate': 'true' } }] },
      }),
    ],
    ['a name with a colon', clusterRole([RULE], {}, { name: 'system:aggregate-to-view' })],
    [
      'User and Group subjects without apiGroup (defaulted)',
      roleBinding(ROLE_REF, [
        { kind: 'User', name: 'jane' },
        { kind: 'Group', name: 'devs' },
      ]),
    ],
    ['a RoleBinding to a ClusterRole', roleBinding({ ...ROLE_REF, kind: 'ClusterRole', name: 'view' })],
    [
      'a ServiceAccount subject without namespace in a RoleBinding',
      roleBinding(ROLE_REF, [{ kind: 'ServiceAccount', name: 'ci-bot' }]),
    ],
    [
      'a ClusterRoleBinding of a ServiceAccount',
      clusterRoleBinding(undefined, [{ kind: 'ServiceAccount', name: 'ci-bot', namespace: 'shop' }]),
    ],
    ['a Role with resourceNames', role([{ ...RULE, resourceNames: ['web'] }])],
  ])('%s', (_name, doc) => {
    expect(problemPaths(doc)).toEqual([]);
  });
});

test('a ClusterRoleBinding to a Role says to use a RoleBinding', () => {
  expect(k8sProblems(clusterRoleBinding({ ...ROLE_REF, kind: 'Role' }))).toEqual([
    'roleRef.kind: Unsupported value: "Role": supported values: "ClusterRole"; fix: a ClusterRoleBinding can only grant a ClusterRole: use a RoleBinding for a Role',
  ]);
});

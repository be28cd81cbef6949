// AccessRole as a namespaced Role (docs/scenarios.md#004's `kubectl create role pods-viewer --namespace dev`): emitted
// as a Role, bound by RoleBindings in its own namespace only, evaluated by can-i.
import * as path from 'path';
import { Chart, Testing } from 'cdk8s';
import { AccessRole, ClusterUser, SecureNamespace, Subject } from '../../lib/access';
import { AccessModel } from '../../lib/analysis/access';
import { lintManifests } from '../../lib/lint';

function devChart(): { chart: Chart; role: AccessRole } {
  const chart = new Chart(Testing.app(), 'rbac');
  const role = AccessRole.podsViewer(chart, 'PodsViewer', { namespace: 'dev' });
  return { chart, role };
}

test('emitted as a Role in its namespace, bound by a RoleBinding whose roleRef is the Role', () => {
  const { chart, role } = devChart();
  role.grant(Subject.user('wang'), 'dev');
  const docs = Testing.synth(chart);
  expect(docs.map((d) => [d.kind, d.metadata.namespace, d.metadata.name])).toEqual([
    ['Role', 'dev', 'pods-viewer'],
    ['RoleBinding', 'dev', 'pods-viewer-user-wang'],
  ]);
  expect(docs[0].rules).toEqual([
    { apiGroups: [''], resources: ['pods', 'services'], verbs: ['get', 'list', 'watch'] },
    { apiGroups: ['apps'], resources: ['deployments'], verbs: ['get', 'list', 'watch'] },
  ]);
  expect(docs[1].roleRef).toEqual({ apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'pods-viewer' });
  expect(role.namespace).toBe('dev');
  expect(lintManifests(docs)).toEqual([]);
});

test('can-i evaluates it: granted in dev, nowhere else, never cluster-scoped', () => {
  const { chart, role } = devChart();
  role.grant(Subject.user('wang'), 'dev');
  const model = AccessModel.fromManifests(Testing.synth(chart));
  const d = model.canI({ user: 'wang', verb: 'list', resource: 'pods', namespace: 'dev' });
  expect(d.reason).toBe(
    'RoleBinding dev/pods-viewer-user-wang -> Role dev/pods-viewer rule 0 (get,list,watch pods,services), subject User "wang"',
  );
  expect(
    model.canI({ user: 'wang', verb: 'get', resource: 'deployments', namespace: 'dev', name: 'web' }).allowed,
  ).toBe(true);
  expect(model.canI({ user: 'wang', verb: 'list', resource: 'pods', namespace: 'staging' }).allowed).toBe(false);
  expect(model.canI({ user: 'wang', verb: 'list', resource: 'nodes' }).allowed).toBe(false);
});

test('through SecureNamespace.grant and ClusterUser.grant, and with its own rules', () => {
  const chart = new Chart(Testing.app(), 'rbac');
  const dev = new SecureNamespace(chart, 'Dev', { name: 'dev' });
  const logs = new AccessRole(chart, 'LogReader', {
    namespace: 'dev',
    rules: [{ apiGroups: [''], resources: ['pods/log'], verbs: ['get'] }],
  });
  dev.grant(logs, Subject.group('dev-team'));
  // the example's CSR: CN=wang, O=dev-team
  const wang = ClusterUser.fromCsrFile(chart, 'Wang', {
    name: 'wang',
    groups: ['dev-team'],
    csrFile: path.join(__dirname, '../../examples/secure-namespace/wang.csr'),
  });
  wang.grant(AccessRole.podsViewer(chart, 'Viewer', { namespace: 'dev' }), 'dev');
  const model = AccessModel.fromManifests(Testing.synth(chart));
  expect(
    model.canI({ user: 'li', groups: ['dev-team'], verb: 'get', resource: 'pods/log', name: 'web', namespace: 'dev' })
      .grant?.role,
  ).toEqual({ kind: 'Role', name: 'log-reader', namespace: 'dev' });
  expect(model.canI({ user: 'wang', verb: 'list', resource: 'services', namespace: 'dev' }).grant?.binding).toEqual({
    kind: 'RoleBinding',
    name: 'pods-viewer-user-wang',
    namespace: 'dev',
  });
  expect(
    model.canI({ user: 'li', groups: ['dev-team'], verb: 'list', resource: 'services', namespace: 'dev' }).allowed,
  ).toBe(false);
});

test('refused: a grant in another namespace, a cluster-wide grant, clusterRole of a Role, a bad namespace', () => {
  const { chart, role } = devChart();
  expect(() => role.grant(Subject.user('wang'), 'staging')).toThrow(
    '[rbac/PodsViewer] grant.namespace: the Role dev/pods-viewer can only be granted in namespace dev, ' +
      'got "staging"; fix: grant it in dev, or define the rules as a ClusterRole (no namespace) to grant them in any namespace',
  );
  expect(() => role.grantClusterWide(Subject.user('wang'), { acknowledgeClusterWide: true })).toThrow(
    /^\[rbac\/PodsViewer\] grantClusterWide: the Role dev\/pods-viewer is namespaced and a ClusterRoleBinding cannot refer to a Role; fix: grant\(subject, 'dev'\)/,
  );
  expect(() => role.clusterRole).toThrow(
    '[rbac/PodsViewer] clusterRole: this AccessRole is the Role dev/pods-viewer, not a ClusterRole; fix: use role',
  );
  expect(
    () =>
      new AccessRole(chart, 'Bad', {
        namespace: 'Dev',
        rules: [{ apiGroups: [''], resources: ['pods'], verbs: ['get'] }],
      }),
  ).toThrow(/^\[rbac\/Bad\] namespace: .*did you mean "dev"/);
});

test('a ClusterRole keeps working as before: clusterRole and role are the same object', () => {
  const chart = new Chart(Testing.app(), 'rbac');
  const viewer = AccessRole.podsViewer(chart, 'Viewer');
  expect(viewer.namespace).toBeUndefined();
  expect(viewer.clusterRole).toBe(viewer.role);
});

// AccessRole.builtIn: the bootstrap view/edit/admin ClusterRoles referenced (never emitted), risk-checked on their real
// aggregated rules, granted per namespace and evaluated by can-i without a dump.
import { Chart, Testing } from 'cdk8s';
import { AccessRisk, AccessRole, BuiltInClusterRole, Subject } from '../../lib/access';
import { ACKNOWLEDGED_RISKS_ANNOTATION } from '../../lib/model/primitives/acknowledged-risks';
import { AccessModel, KubernetesVersion } from '../../lib/analysis/access';

test('view: referenced, not emitted; the RoleBinding grants what the bootstrap view grants', () => {
  const chart = new Chart(Testing.app(), 'team');
  const view = AccessRole.builtIn(chart, 'View', { role: BuiltInClusterRole.VIEW });
  view.grant(Subject.group('dev-team'), 'dev');
  const docs = Testing.synth(chart);
  expect(docs.map((d) => [d.kind, d.metadata.name, d.roleRef?.name])).toEqual([
    ['RoleBinding', 'view-group-dev-team', 'view'],
  ]);
  expect(docs[0].metadata.annotations).toBeUndefined(); // view carries no risk
  const model = AccessModel.fromManifests(docs);
  expect(
    model.canI({ user: 'li', groups: ['dev-team'], verb: 'list', resource: 'deployments', namespace: 'dev' }).allowed,
  ).toBe(true);
  expect(
    model.canI({ user: 'li', groups: ['dev-team'], verb: 'get', resource: 'secrets', namespace: 'dev', name: 's' })
      .allowed,
  ).toBe(false);
  // the rules the reference carries are the aggregated ones
  expect(
    view.rules.some(
      (r) => r.apiGroups?.includes('apps') && r.resources?.includes('deployments') && r.verbs.includes('list'),
    ),
  ).toBe(true);
  expect(view.rules.some((r) => r.resources?.includes('secrets'))).toBe(false);
});

test('edit and admin carry pods/exec and ServiceAccount impersonation: refused unless acknowledged, then recorded on the binding', () => {
  const chart = new Chart(Testing.app(), 'team');
  expect(() => AccessRole.builtIn(chart, 'Edit', { role: BuiltInClusterRole.EDIT })).toThrow(
    "[team/Edit] options.acknowledgeRisks: the built-in edit role's " +
      'rule 0 grants pods/exec, pods/attach, pods/portforward, a shell in or a tunnel into pods in its namespace with their ServiceAccount tokens and secrets; ' +
      'fix: use a narrower role, or acknowledge with acknowledgeRisks: [AccessRisk.POD_EXEC, AccessRisk.PRIVILEGE_ESCALATION]',
  );
  const edit = AccessRole.builtIn(chart, 'Edit2', {
    role: BuiltInClusterRole.EDIT,
    acknowledgeRisks: [AccessRisk.POD_EXEC, AccessRisk.PRIVILEGE_ESCALATION],
  });
  const binding = edit.grant(Subject.user('wang'), 'dev');
  const json = Testing.synth(chart).find((d) => d.metadata.name === binding.name)!;
  expect(json.metadata.annotations[ACKNOWLEDGED_RISKS_ANNOTATION]).toBe('pod-exec,privilege-escalation');
  expect(
    AccessModel.fromManifests(Testing.synth(chart)).canI({
      user: 'wang',
      verb: 'create',
      resource: 'pods/exec',
      namespace: 'dev',
      name: 'web',
    }).allowed,
  ).toBe(true);
  AccessRole.builtIn(chart, 'Admin', {
    role: BuiltInClusterRole.ADMIN,
    acknowledgeRisks: [AccessRisk.POD_EXEC, AccessRisk.PRIVILEGE_ESCALATION],
  }).grant(Subject.user('lead'), 'dev');
  expect(
    AccessModel.fromManifests(Testing.synth(chart)).canI({
      user: 'lead',
      verb: 'create',
      resource: 'rolebindings.rbac.authorization.k8s.io',
      namespace: 'dev',
    }).allowed,
  ).toBe(true);
});

test('per Kubernetes version: the 1.35 view includes events.k8s.io events', () => {
  const chart = new Chart(Testing.app(), 'team');
  const v127 = AccessRole.builtIn(chart, 'V127', { role: BuiltInClusterRole.VIEW });
  const v135 = AccessRole.builtIn(chart, 'V135', {
    role: BuiltInClusterRole.VIEW,
    kubernetesVersion: KubernetesVersion.V1_35,
  });
  const events = (r: AccessRole) => r.rules.some((x) => x.apiGroups?.includes('events.k8s.io'));
  expect([events(v127), events(v135)]).toEqual([false, true]);
});

test('bad options name the field and the fix', () => {
  const chart = new Chart(Testing.app(), 'team');
  expect(() => AccessRole.builtIn(chart, 'A', { role: 'View' as any })).toThrow(
    /^\[team\/A\] options.role: .*did you mean BuiltInClusterRole.VIEW "view"/,
  );
  expect(() => AccessRole.builtIn(chart, 'B', { role: 'cluster-admin' as any })).toThrow(
    /^\[team\/B\] options.role: expected one of "view", "edit", "admin"/,
  );
  expect(() =>
    AccessRole.builtIn(chart, 'C', { role: BuiltInClusterRole.VIEW, kubernetesVersion: '1.99' as any }),
  ).toThrow(/options.kubernetesVersion/);
  expect(() => AccessRole.builtIn(chart, 'D', undefined as any)).toThrow(/^\[team\/D\] options: expected an object/);
});

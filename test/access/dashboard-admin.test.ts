// docs/scenarios.md#004's Dashboard admin: ServiceAccount + long-lived token Secret + ClusterRoleBinding to
// cluster-admin, refused unless both risks are acknowledged, the risks recorded on the objects.
import { Chart, Testing } from 'cdk8s';
import { AccessRisk, DashboardAdmin } from '../../lib/access';
import { ACKNOWLEDGED_RISKS_ANNOTATION } from '../../lib/model/primitives/acknowledged-risks';
import { AccessModel } from '../../lib/analysis/access';
import { lintManifests } from '../../lib/lint';

const BOTH = [AccessRisk.CLUSTER_ADMIN, AccessRisk.LONG_LIVED_TOKEN];

test("emits the handbook's three objects, the account first, with the risks annotated", () => {
  const chart = new Chart(Testing.app(), 'dashboard', { namespace: 'kubernetes-dashboard' });
  new DashboardAdmin(chart, 'Admin', { acknowledgeRisks: BOTH });
  const docs = Testing.synth(chart);
  expect(docs.map((d) => [d.kind, d.metadata.namespace, d.metadata.name])).toEqual([
    ['ServiceAccount', 'kube-system', 'dashboard-admin'],
    ['Secret', 'kube-system', 'dashboard-admin-secret'],
    ['ClusterRoleBinding', undefined, 'dashboard-admin'],
  ]);
  const [sa, secret, crb] = docs;
  expect(secret).toEqual({
    apiVersion: 'v1',
    kind: 'Secret',
    type: 'kubernetes.io/service-account-token',
    metadata: {
      name: 'dashboard-admin-secret',
      namespace: 'kube-system',
      annotations: {
        'kubernetes.io/service-account.name': 'dashboard-admin',
        [ACKNOWLEDGED_RISKS_ANNOTATION]: 'long-lived-token',
      },
    },
  });
  expect(sa.metadata.annotations[ACKNOWLEDGED_RISKS_ANNOTATION]).toBe('cluster-admin,long-lived-token');
  expect(sa.automountServiceAccountToken).toBe(false);
  expect(crb.roleRef).toEqual({ apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'cluster-admin' });
  expect(crb.subjects).toEqual([
    { apiGroup: '', kind: 'ServiceAccount', name: 'dashboard-admin', namespace: 'kube-system' },
  ]);
  expect(crb.metadata.annotations[ACKNOWLEDGED_RISKS_ANNOTATION]).toBe('cluster-admin');
  // acknowledged, so the lint does not report the cluster-admin binding again
  expect(lintManifests(docs)).toEqual([]);
});

test('the account may do anything, evaluated without a cluster dump (bootstrap cluster-admin)', () => {
  const chart = new Chart(Testing.app(), 'dashboard');
  const admin = new DashboardAdmin(chart, 'Admin', {
    acknowledgeRisks: BOTH,
    name: 'dash',
    namespace: 'kubernetes-dashboard',
  });
  expect(admin.subject.toJson()).toEqual({ kind: 'ServiceAccount', name: 'dash', namespace: 'kubernetes-dashboard' });
  const model = AccessModel.fromManifests(Testing.synth(chart));
  const d = model.canI({ serviceAccount: 'kubernetes-dashboard/dash', verb: 'delete', resource: 'nodes', name: 'n1' });
  expect([d.allowed, d.grant?.binding.name, d.notes]).toEqual([true, 'dash', []]);
  expect(
    model.canI({ serviceAccount: 'kubernetes-dashboard/other', verb: 'get', resource: 'pods', namespace: 'dev' })
      .allowed,
  ).toBe(false);
});

test('refused unless both risks are acknowledged, naming the missing one and the ways out', () => {
  const chart = new Chart(Testing.app(), 'dashboard');
  expect(() => new DashboardAdmin(chart, 'A', { acknowledgeRisks: [] })).toThrow(
    '[dashboard/A] acknowledgeRisks: the dashboard admin account is a master key: ' +
      'the account is bound to cluster-admin: every action on every resource; fix: give the Dashboard a narrower role and a short-lived token (kubectl create token), ' +
      'or acknowledge with acknowledgeRisks: [AccessRisk.CLUSTER_ADMIN, AccessRisk.LONG_LIVED_TOKEN] (AccessRisk.CLUSTER_ADMIN is missing)',
  );
  expect(() => new DashboardAdmin(chart, 'B', { acknowledgeRisks: [AccessRisk.CLUSTER_ADMIN] })).toThrow(
    /its token is stored in a Secret and never expires; .*\(AccessRisk.LONG_LIVED_TOKEN is missing\)$/,
  );
  expect(() => new DashboardAdmin(chart, 'C', undefined as any)).toThrow(
    /^\[dashboard\/C\] props: expected a props object/,
  );
  expect(() => new DashboardAdmin(chart, 'D', { acknowledgeRisks: 'cluster-admin' as any })).toThrow(
    /^\[dashboard\/D\] acknowledgeRisks: expected/,
  );
  expect(() => new DashboardAdmin(chart, 'E', { acknowledgeRisks: BOTH, namespace: 'Kube-System' })).toThrow(
    /^\[dashboard\/E\] namespace: .*did you mean "kube-system"/,
  );
  expect(() => new DashboardAdmin(chart, 'F', { acknowledgeRisks: BOTH, secretName: 'Bad_Name' })).toThrow(
    /^\[dashboard\/F\] secretName: /,
  );
  expect(() => new DashboardAdmin(chart, 'G', { acknowledgeRisks: BOTH, nmae: 'x' } as any)).toThrow(
    /did you mean "name"/,
  );
  expect(Testing.synth(chart)).toEqual([]); // nothing half-built was left in the chart
});

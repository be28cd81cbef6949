// AccessRole: the RBAC objects it emits, asserted field by field, and the risky grants it refuses.
import { Chart, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { AccessRisk, AccessRole, Subject } from '../../lib/access';
import { AccessModel, AccessQuery, accessMatchers, rbacRiskFindings } from '../../lib/analysis/access';
import { ACKNOWLEDGED_RISKS_ANNOTATION } from '../../lib/model/primitives/acknowledged-risks';
import { buildExample } from '../../examples/secure-namespace/main';

function chart(ns?: string): Chart {
  return new Chart(Testing.app(), 'test', { namespace: ns });
}

expect.extend(accessMatchers);
declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace jest {
    interface Matchers<R> {
      toPermit(query: AccessQuery): R;
      toForbid(query: AccessQuery): R;
    }
  }
}

describe('the handbook example', () => {
  const app = Testing.app();
  buildExample(app);
  const docs = app.charts.flatMap((c) => Testing.synth(c));

  test('one ClusterRole pods-viewer-cluster, cluster-scoped, without resourceNames noise', () => {
    const roles = docs.filter((d) => d.kind === 'ClusterRole');
    expect(roles).toHaveLength(1);
    expect(roles[0].metadata).toEqual({ name: 'pods-viewer-cluster' });
    expect(roles[0].rules).toEqual([
      { apiGroups: [''], resources: ['pods', 'services'], verbs: ['get', 'list', 'watch'] },
      { apiGroups: ['apps'], resources: ['deployments'], verbs: ['get', 'list', 'watch'] },
    ]);
  });

  test('wang is bound in dev only, through a RoleBinding to the ClusterRole; no ClusterRoleBinding exists', () => {
    const wang = docs.filter((d) => d.kind === 'RoleBinding' && d.subjects.some((s: any) => s.name === 'wang'));
    expect(wang).toEqual([
      {
        apiVersion: 'rbac.authorization.k8s.io/v1',
        kind: 'RoleBinding',
        metadata: { name: 'pods-viewer-cluster-user-wang', namespace: 'dev' },
        roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'pods-viewer-cluster' },
        subjects: [{ apiGroup: 'rbac.authorization.k8s.io', kind: 'User', name: 'wang' }],
      },
    ]);
    expect(docs.filter((d) => d.kind === 'ClusterRoleBinding')).toEqual([]);
  });

  test('the access evaluator: wang can list pods and deployments in dev, not in staging, cannot list nodes or delete pods', () => {
    // wang's certificate says CN=wang, O=dev-team: both his user and group bindings count.
    const wang = { user: 'wang', groups: ['dev-team'] };
    expect(docs).toPermit({ ...wang, verb: 'list', resource: 'pods', namespace: 'dev' });
    expect(docs).toPermit({ ...wang, verb: 'watch', resource: 'deployments.apps', namespace: 'dev' });
    expect(docs).toForbid({ ...wang, verb: 'list', resource: 'pods', namespace: 'staging' });
    expect(docs).toForbid({ ...wang, verb: 'list', resource: 'pods' }); // all namespaces
    expect(docs).toForbid({ ...wang, verb: 'list', resource: 'nodes' });
    expect(docs).toForbid({ ...wang, verb: 'delete', resource: 'pods', namespace: 'dev' });
    expect(docs).toForbid({ ...wang, verb: 'get', resource: 'secrets', namespace: 'dev' });
    const decision = AccessModel.fromManifests(docs).canI({
      user: 'wang',
      verb: 'list',
      resource: 'pods',
      namespace: 'dev',
    });
    expect(decision.reason).toMatch(/RoleBinding dev\/pods-viewer-cluster-user-wang.*ClusterRole pods-viewer-cluster/);
    // The group binding alone, for a teammate.
    expect(docs).toPermit({ user: 'li', groups: ['dev-team'], verb: 'get', resource: 'services', namespace: 'dev' });
    expect(docs).toForbid({ user: 'li', verb: 'get', resource: 'services', namespace: 'dev' });
  });
});

describe('objects', () => {
  test('grants per namespace and to groups and ServiceAccounts; cluster-scoped objects drop the chart namespace', () => {
    const c = chart('apps');
    const sa = new kplus.ServiceAccount(c, 'Sa', {
      metadata: { name: 'ci', namespace: 'build' },
      automountToken: false,
    });
    const role = AccessRole.podsViewer(c, 'Viewer');
    role.grant(Subject.group('dev-team'), 'dev');
    role.grant(Subject.group('dev-team'), 'staging');
    role.grant(Subject.serviceAccount(sa), 'dev');
    role.grant(Subject.serviceAccount('deployer', 'tools'), 'dev', { bindingName: 'deployer-views-pods' });
    role.grantClusterWide(Subject.user('auditor'), { acknowledgeClusterWide: true });
    const docs = Testing.synth(c);
    expect(docs.find((d) => d.kind === 'ClusterRole').metadata).toEqual({ name: 'pods-viewer' });
    const bindings = docs
      .filter((d) => d.kind === 'RoleBinding')
      .map((d) => `${d.metadata.namespace}/${d.metadata.name}`);
    expect(bindings).toEqual([
      'dev/pods-viewer-group-dev-team',
      'staging/pods-viewer-group-dev-team',
      'dev/pods-viewer-sa-build-ci',
      'dev/deployer-views-pods',
    ]);
    expect(docs.find((d) => d.metadata.name === 'pods-viewer-sa-build-ci').subjects).toEqual([
      { apiGroup: '', kind: 'ServiceAccount', name: 'ci', namespace: 'build' },
    ]);
    const crb = docs.find((d) => d.kind === 'ClusterRoleBinding');
    expect(crb.metadata).toEqual({ name: 'pods-viewer-user-auditor' });
    expect(crb.roleRef).toEqual({ apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'pods-viewer' });
  });

  test('Calico policy viewer and editor per tier use Calico tiered RBAC', () => {
    const c = chart();
    AccessRole.calicoPolicyViewer(c, 'V', { tier: 'security' });
    AccessRole.calicoPolicyEditor(c, 'E', { tier: 'security' });
    const roles = Testing.synth(c).filter((d) => d.kind === 'ClusterRole');
    expect(roles.map((r) => r.metadata.name)).toEqual([
      'calico-security-policy-viewer',
      'calico-security-policy-editor',
    ]);
    expect(roles[0].rules).toEqual([
      { apiGroups: ['projectcalico.org'], resources: ['tiers'], verbs: ['get'], resourceNames: ['security'] },
      {
        apiGroups: ['projectcalico.org'],
        resources: [
          'tier.networkpolicies',
          'tier.globalnetworkpolicies',
          'tier.stagednetworkpolicies',
          'tier.stagedglobalnetworkpolicies',
        ],
        verbs: ['get', 'list', 'watch'],
        resourceNames: ['security.*'],
      },
    ]);
    expect(roles[1].rules[0].verbs).toEqual(['get']);
    expect(roles[1].rules[1].verbs).toEqual(['get', 'list', 'watch', 'create', 'update', 'patch', 'delete']);
  });

  test('duplicate bindings and bad names throw', () => {
    const role = AccessRole.podsViewer(chart(), 'V');
    role.grant(Subject.user('wang'), 'dev');
    expect(() => role.grant(Subject.user('wang'), 'dev')).toThrow(
      /binding "pods-viewer-user-wang" in dev exists already/,
    );
    expect(() => role.grant(Subject.user('wang'), 'Dev')).toThrow(
      /grant.namespace: expected a namespace name: a DNS-1123 label, got the string "Dev"/,
    );
    expect(() => Subject.serviceAccount('ci')).toThrow(
      /\[Subject.serviceAccount\] namespace: expected the ServiceAccount's namespace, got undefined/,
    );
    expect(() => new AccessRole(chart(), 'R', { rules: [] })).toThrow(/at least one rule/);
  });
});

describe('risky grants are refused unless acknowledged, with the reason', () => {
  const rule = (verbs: string[], resources: string[], apiGroups = ['']) => ({ apiGroups, resources, verbs });

  test.each([
    ['wildcard verbs', [rule(['*'], ['pods'])], /wildcard verbs.*AccessRisk\.WILDCARD/],
    ['wildcard resources', [rule(['get'], ['*'])], /wildcard resources.*including secrets.*AccessRisk\.WILDCARD/],
    [
      'escalate',
      [rule(['escalate'], ['clusterroles'], ['rbac.authorization.k8s.io'])],
      /escalate.*permissions it does not have.*PRIVILEGE_ESCALATION/,
    ],
    ['bind', [rule(['bind'], ['roles'], ['rbac.authorization.k8s.io'])], /grants bind.*PRIVILEGE_ESCALATION/],
    ['impersonate', [rule(['impersonate'], ['users'])], /impersonate.*PRIVILEGE_ESCALATION/],
    ['pods/exec', [rule(['create'], ['pods/exec'])], /pods\/exec, a shell in pods.*POD_EXEC/],
  ])('%s', (_what, rules, message) => {
    expect(() => new AccessRole(chart(), 'Risky', { rules })).toThrow(message);
  });

  test('acknowledged risks are emitted as asked', () => {
    const c = chart();
    new AccessRole(c, 'Debugger', {
      rules: [rule(['create'], ['pods/exec'])],
      acknowledgeRisks: [AccessRisk.POD_EXEC],
    });
    expect(Testing.synth(c)[0].rules).toEqual([{ apiGroups: [''], resources: ['pods/exec'], verbs: ['create'] }]);
  });

  test('acknowledging one risk does not cover another', () => {
    expect(
      () =>
        new AccessRole(chart(), 'R', { rules: [rule(['*'], ['pods/exec'])], acknowledgeRisks: [AccessRisk.POD_EXEC] }),
    ).toThrow(/WILDCARD/);
  });

  test('cluster-wide grants need acknowledgeClusterWide; reading secrets cluster-wide needs its own acknowledgement', () => {
    const reader = new AccessRole(chart(), 'SecretReader', { rules: [rule(['get', 'list'], ['secrets'])] });
    expect(() => reader.grantClusterWide(Subject.user('x'), { acknowledgeClusterWide: false })).toThrow(
      /applies in every namespace.*grant\(subject, namespace\)/,
    );
    expect(() => reader.grantClusterWide(Subject.user('x'), { acknowledgeClusterWide: true })).toThrow(
      /grants get, list on secrets in every namespace.*every ServiceAccount token.*SECRETS_READ_CLUSTER_WIDE/,
    );
    expect(reader.grant(Subject.user('x'), 'dev').kind).toBe('RoleBinding');
    expect(
      reader.grantClusterWide(Subject.user('x'), {
        acknowledgeClusterWide: true,
        acknowledgeRisks: [AccessRisk.SECRETS_READ_CLUSTER_WIDE],
      }).kind,
    ).toBe('ClusterRoleBinding');
  });

  test('cluster-admin: refused, or the dashboard recipe with the acknowledgement (built-in role, not emitted)', () => {
    expect(() => AccessRole.clusterAdmin(chart(), 'Admin', { acknowledgeRisks: [] })).toThrow(
      /every action on every resource.*CLUSTER_ADMIN/,
    );
    expect(() => new AccessRole(chart(), 'Admin', { name: 'cluster-admin', rules: [rule(['get'], ['pods'])] })).toThrow(
      /CLUSTER_ADMIN/,
    );
    const c = chart('kubernetes-dashboard');
    const sa = new kplus.ServiceAccount(c, 'Admin', { metadata: { name: 'dashboard-admin' } });
    new kplus.Secret(c, 'Token', {
      type: 'kubernetes.io/service-account-token',
      metadata: {
        name: 'dashboard-admin-token',
        annotations: { 'kubernetes.io/service-account.name': 'dashboard-admin' },
      },
    });
    AccessRole.clusterAdmin(c, 'ClusterAdmin', { acknowledgeRisks: [AccessRisk.CLUSTER_ADMIN] }).grantClusterWide(
      Subject.serviceAccount(sa, 'kubernetes-dashboard'),
      { acknowledgeClusterWide: true, acknowledgeRisks: [AccessRisk.SECRETS_READ_CLUSTER_WIDE] },
    );
    const docs = Testing.synth(c);
    expect(docs.filter((d) => d.kind === 'ClusterRole')).toEqual([]);
    const crb = docs.find((d) => d.kind === 'ClusterRoleBinding');
    expect(crb.metadata).toEqual({
      name: 'cluster-admin-sa-kubernetes-dashboard-dashboard-admin',
      annotations: { 'cdk8s-calico.io/acknowledged-risks': 'cluster-admin' },
    });
    expect(crb.roleRef.name).toBe('cluster-admin');
    expect(crb.subjects).toEqual([
      { apiGroup: '', kind: 'ServiceAccount', name: 'dashboard-admin', namespace: 'kubernetes-dashboard' },
    ]);
  });
});

describe('acknowledged risks are recorded on the objects, and the RBAC lint honours exactly those', () => {
  test('the dashboard recipe is lint-clean once acknowledged; the same YAML written by hand is flagged', () => {
    const c = chart('kubernetes-dashboard');
    const sa = new kplus.ServiceAccount(c, 'Admin', { metadata: { name: 'dashboard-admin' } });
    AccessRole.clusterAdmin(c, 'ClusterAdmin', { acknowledgeRisks: [AccessRisk.CLUSTER_ADMIN] }).grantClusterWide(
      Subject.serviceAccount(sa, 'kubernetes-dashboard'),
      { acknowledgeClusterWide: true },
    );
    const docs = Testing.synth(c);
    const crb = docs.find((d) => d.kind === 'ClusterRoleBinding');
    expect(crb.metadata.annotations).toEqual({ [ACKNOWLEDGED_RISKS_ANNOTATION]: 'cluster-admin' });
    expect(rbacRiskFindings(docs)).toEqual([]);
    const handWritten = docs.map((d) =>
      d.kind === 'ClusterRoleBinding' ? { ...d, metadata: { name: d.metadata.name } } : d,
    );
    expect(rbacRiskFindings(handWritten).map((f) => f.rule)).toEqual(['lint.rbac-cluster-admin']);
  });

  test('a role records the risks it carries; a cluster-wide secrets grant records its own', () => {
    const rule = (verbs: string[], resources: string[]) => ({ apiGroups: [''], resources, verbs });
    const c = chart();
    const debug = new AccessRole(c, 'Debugger', {
      rules: [rule(['create'], ['pods/exec'])],
      acknowledgeRisks: [AccessRisk.POD_EXEC, AccessRisk.WILDCARD],
    });
    const reader = new AccessRole(c, 'SecretReader', { rules: [rule(['get'], ['secrets'])] });
    debug.grant(Subject.group('sre'), 'dev');
    reader.grantClusterWide(Subject.group('auditors'), {
      acknowledgeClusterWide: true,
      acknowledgeRisks: [AccessRisk.SECRETS_READ_CLUSTER_WIDE],
    });
    const docs = Testing.synth(c);
    const annotation = (kind: string, name: string) =>
      docs.find((d) => d.kind === kind && d.metadata.name === name).metadata.annotations;
    // Only risks the rules carry are recorded (WILDCARD was acknowledged but does not apply).
    expect(annotation('ClusterRole', 'debugger')).toEqual({ [ACKNOWLEDGED_RISKS_ANNOTATION]: 'pod-exec' });
    expect(annotation('ClusterRole', 'secret-reader')).toBeUndefined();
    expect(annotation('ClusterRoleBinding', 'secret-reader-group-auditors')).toEqual({
      [ACKNOWLEDGED_RISKS_ANNOTATION]: 'secrets-read-cluster-wide',
    });
    expect(rbacRiskFindings(docs)).toEqual([]);
    // Drop the acknowledgements and both risks are reported again.
    const bare = docs.map((d) => ({ ...d, metadata: { ...d.metadata, annotations: undefined } }));
    expect(
      rbacRiskFindings(bare)
        .map((f) => `${f.rule} ${f.kind}/${f.name}`)
        .sort(),
    ).toEqual([
      'lint.rbac-pod-exec ClusterRole/debugger',
      'lint.rbac-secrets-cluster-wide ClusterRoleBinding/secret-reader-group-auditors',
    ]);
  });
});

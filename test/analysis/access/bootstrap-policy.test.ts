// The bootstrap RBAC policy every cluster starts with (kubernetes/kubernetes bootstrappolicy/policy.go and its golden
// testdata/cluster-roles.yaml, cluster-role-bindings.yaml): known to AccessModel without a dump, per Kubernetes
// version, replaced by a dump's own copies (never counted twice), and switched off on request.
import { Chart, Testing } from 'cdk8s';
import { AccessRisk, AccessRole, Subject } from '../../../lib/access';
import {
  AccessModel,
  bootstrapClusterRoleNames,
  bootstrapRbacManifests,
  DEFAULT_KUBERNETES_VERSION,
  KubernetesVersion,
} from '../../../lib/analysis/access';
import { newClusterRole, RBAC_V1 } from './rbac-fixtures';

const RBAC = 'rbac.authorization.k8s.io';
const roleBinding = (name: string, namespace: string, role: string, subject: any): any => ({
  apiVersion: RBAC_V1,
  kind: 'RoleBinding',
  metadata: { name, namespace },
  roleRef: { apiGroup: RBAC, kind: 'ClusterRole', name: role },
  subjects: [subject],
});
const user = (name: string) => ({ kind: 'User', apiGroup: RBAC, name });

describe('the roles and bindings of a new cluster', () => {
  const model = AccessModel.fromManifests([]);

  test('cluster-admin exists: AccessRole.clusterAdmin granted cluster-wide is evaluated, not "does not exist"', () => {
    const chart = new Chart(Testing.app(), 'admin');
    const admin = AccessRole.clusterAdmin(chart, 'Admin', { acknowledgeRisks: [AccessRisk.CLUSTER_ADMIN] });
    admin.grantClusterWide(Subject.user('ops'), { acknowledgeClusterWide: true });
    const docs = Testing.synth(chart);
    const d = AccessModel.fromManifests(docs).canI({ user: 'ops', verb: 'delete', resource: 'nodes', name: 'n1' });
    expect([d.allowed, d.errors]).toEqual([true, []]);
    expect(d.reason).toBe(
      'ClusterRoleBinding cluster-admin-user-ops -> ClusterRole cluster-admin rule 0 (* *.*), subject User "ops"',
    );
    // cluster-admin also covers every non-resource URL (its rule 1)
    expect(
      AccessModel.fromManifests(docs).canI({ user: 'ops', verb: 'get', nonResourceURL: '/metrics' }).grant?.ruleIndex,
    ).toBe(1);
    const without = AccessModel.fromManifests(docs, { bootstrapPolicy: false }).canI({
      user: 'ops',
      verb: 'delete',
      resource: 'nodes',
      name: 'n1',
    });
    expect([without.allowed, without.errors]).toEqual([
      false,
      [
        'ClusterRoleBinding cluster-admin-user-ops refers to ClusterRole cluster-admin, which does not exist (grants nothing)',
      ],
    ]);
  });

  test('every authenticated user may discover the API and review itself; anonymous users only the public info', () => {
    for (const url of ['/api', '/apis/apps/v1', '/healthz', '/livez', '/readyz', '/version', '/openapi/v3']) {
      expect([url, model.canI({ user: 'wang', verb: 'get', nonResourceURL: url }).allowed]).toEqual([url, true]);
    }
    expect(model.canI({ user: 'wang', verb: 'get', nonResourceURL: '/metrics' }).allowed).toBe(false);
    expect(model.canI({ user: 'wang', verb: 'post', nonResourceURL: '/api' }).allowed).toBe(false);
    expect(
      model.canI({ user: 'wang', verb: 'create', resource: 'selfsubjectaccessreviews.authorization.k8s.io' }).grant
        ?.binding,
    ).toEqual({ kind: 'ClusterRoleBinding', name: 'system:basic-user' });
    expect(
      model.canI({ user: 'wang', verb: 'create', resource: 'selfsubjectreviews.authentication.k8s.io' }).allowed,
    ).toBe(true);
    expect(model.canI({ user: 'wang', verb: 'list', resource: 'pods', namespace: 'dev' }).allowed).toBe(false);
    // system:anonymous is in system:unauthenticated: public-info-viewer only
    expect(model.canI({ user: 'system:anonymous', verb: 'get', nonResourceURL: '/version' }).grant?.binding.name).toBe(
      'system:public-info-viewer',
    );
    expect(model.canI({ user: 'system:anonymous', verb: 'get', nonResourceURL: '/api' }).allowed).toBe(false);
    expect(
      model.canI({
        user: 'system:anonymous',
        verb: 'create',
        resource: 'selfsubjectaccessreviews.authorization.k8s.io',
      }).allowed,
    ).toBe(false);
  });

  test("the certificate group system:masters is bound to cluster-admin (the handbook's O=system:masters)", () => {
    const who = model.allowedSubjects(model.whoCan('delete', 'nodes').request);
    expect(who.subjects.map((s) => [s.kind, s.name, s.grants[0].binding.name])).toEqual([
      ['Group', 'system:masters', 'cluster-admin'],
    ]);
    // whoCan lists it once, in alwaysAllowed (it bypasses RBAC anyway)
    expect([model.whoCan('delete', 'nodes').subjects, model.whoCan('delete', 'nodes').alwaysAllowed]).toEqual([
      [],
      [{ kind: 'Group', name: 'system:masters' }],
    ]);
  });

  test('view, edit and admin granted per namespace: aggregated as the clusterrole-aggregation controller leaves them', () => {
    const docs = [
      roleBinding('v', 'dev', 'view', user('v')),
      roleBinding('e', 'dev', 'edit', user('e')),
      roleBinding('a', 'dev', 'admin', user('a')),
    ];
    const m = AccessModel.fromManifests(docs);
    const can = (who: string, verb: string, resource: string) =>
      m.canI({ user: who, verb, resource, namespace: 'dev' }).allowed;
    expect(['v', 'e', 'a'].map((u) => can(u, 'list', 'pods'))).toEqual([true, true, true]);
    expect(['v', 'e', 'a'].map((u) => can(u, 'get', 'secrets'))).toEqual([false, true, true]); // view never reads secrets
    expect(['v', 'e', 'a'].map((u) => can(u, 'create', 'deployments'))).toEqual([false, true, true]);
    expect(['v', 'e', 'a'].map((u) => can(u, 'create', 'rolebindings.rbac.authorization.k8s.io'))).toEqual([
      false,
      false,
      true,
    ]);
    expect(['v', 'e', 'a'].map((u) => can(u, 'create', 'resourcequotas'))).toEqual([false, false, false]); // quota is the cluster admin's
    expect(m.canI({ user: 'e', verb: 'create', resource: 'pods/exec', namespace: 'dev', name: 'web' }).allowed).toBe(
      true,
    );
    // the grant names the aggregated role and where the rule came from
    const g = m.canI({ user: 'a', verb: 'list', resource: 'pods', namespace: 'dev' }).grant!;
    expect([g.role.name, g.aggregatedFrom?.name]).toEqual(['admin', 'system:aggregate-to-view']);
    // a RoleBinding stays in its namespace
    expect(m.canI({ user: 'a', verb: 'list', resource: 'pods', namespace: 'prod' }).allowed).toBe(false);
  });

  test('a ClusterRole of an add-on labelled aggregate-to-view joins view, edit and admin', () => {
    const widgets = {
      ...newClusterRole('widgets-view', { apiGroups: ['example.com'], resources: ['widgets'], verbs: ['get', 'list'] }),
    };
    widgets.metadata.labels = { 'rbac.authorization.k8s.io/aggregate-to-view': 'true' };
    const m = AccessModel.fromManifests([widgets, roleBinding('a', 'dev', 'admin', user('a'))]);
    expect(
      m.canI({ user: 'a', verb: 'list', resource: 'widgets.example.com', namespace: 'dev' }).grant?.aggregatedFrom
        ?.name,
    ).toBe('widgets-view');
  });
});

describe('Kubernetes versions', () => {
  test('the default is the version cdk8s-plus-27 targets', () => {
    expect(DEFAULT_KUBERNETES_VERSION).toBe(KubernetesVersion.V1_27);
    expect(bootstrapClusterRoleNames().sort()).toEqual([
      'admin',
      'cluster-admin',
      'edit',
      'system:aggregate-to-admin',
      'system:aggregate-to-edit',
      'system:aggregate-to-view',
      'system:basic-user',
      'system:discovery',
      'system:public-info-viewer',
      'view',
    ]);
  });

  test('1.35 (kubernetes PR #133740, DRA GA): view reads events.k8s.io events and resource claims; 1.27 does not', () => {
    const docs = [roleBinding('v', 'dev', 'view', user('v')), roleBinding('e', 'dev', 'edit', user('e'))];
    const ask = (version: KubernetesVersion, who: string, verb: string, resource: string) =>
      AccessModel.fromManifests(docs, { kubernetesVersion: version }).canI({
        user: who,
        verb,
        resource,
        namespace: 'dev',
      }).allowed;
    expect(ask(KubernetesVersion.V1_27, 'v', 'list', 'events.events.k8s.io')).toBe(false);
    expect(ask(KubernetesVersion.V1_35, 'v', 'list', 'events.events.k8s.io')).toBe(true);
    expect(ask(KubernetesVersion.V1_27, 'v', 'list', 'events')).toBe(true); // core events in both
    expect(ask(KubernetesVersion.V1_35, 'v', 'list', 'events')).toBe(true);
    expect(ask(KubernetesVersion.V1_27, 'e', 'create', 'resourceclaims.resource.k8s.io')).toBe(false);
    expect(ask(KubernetesVersion.V1_35, 'e', 'create', 'resourceclaims.resource.k8s.io')).toBe(true);
    expect(ask(KubernetesVersion.V1_35, 'v', 'create', 'resourceclaims.resource.k8s.io')).toBe(false);
  });

  test("the manifests are the golden file's shape: labels, autoupdate annotation, aggregation rules", () => {
    const docs = bootstrapRbacManifests(KubernetesVersion.V1_27);
    const edit = docs.find((d: any) => d.kind === 'ClusterRole' && d.metadata.name === 'edit') as any;
    expect(edit.metadata.labels).toEqual({
      'kubernetes.io/bootstrapping': 'rbac-defaults',
      'rbac.authorization.k8s.io/aggregate-to-admin': 'true',
    });
    expect(edit.metadata.annotations).toEqual({ 'rbac.authorization.kubernetes.io/autoupdate': 'true' });
    expect(edit.aggregationRule).toEqual({
      clusterRoleSelectors: [{ matchLabels: { 'rbac.authorization.k8s.io/aggregate-to-edit': 'true' } }],
    });
    const crb = docs
      .filter((d: any) => d.kind === 'ClusterRoleBinding')
      .map((d: any) => [d.metadata.name, d.subjects.map((s: any) => s.name)]);
    expect(crb).toEqual([
      ['cluster-admin', ['system:masters']],
      ['system:basic-user', ['system:authenticated']],
      ['system:discovery', ['system:authenticated']],
      ['system:public-info-viewer', ['system:authenticated', 'system:unauthenticated']],
    ]);
    // a fresh copy each call: callers may edit it
    (docs[0] as any).metadata.name = 'changed';
    expect((bootstrapRbacManifests(KubernetesVersion.V1_27)[0] as any).metadata.name).toBe('admin');
  });
});

describe('a cluster dump that already holds them', () => {
  test('is not counted twice: no duplicate warnings, one grant per binding', () => {
    const dump = { apiVersion: 'v1', kind: 'List', items: bootstrapRbacManifests() };
    const m = AccessModel.fromManifests([dump]);
    expect(m.warnings).toEqual([]);
    const grants = (model: AccessModel) =>
      model
        .allowedSubjects(model.whoCan('get', '/healthz').request)
        .subjects.map((s) => [s.name, s.grants.map((g) => g.binding.name)]);
    // system:discovery and system:public-info-viewer for authenticated users, each once
    expect(grants(m)).toEqual([
      ['system:authenticated', ['system:discovery', 'system:public-info-viewer']],
      ['system:masters', ['cluster-admin']],
      ['system:unauthenticated', ['system:public-info-viewer']],
    ]);
    expect(grants(m)).toEqual(grants(AccessModel.fromManifests([])));
  });

  test("a dump's own copy replaces the built-in one (here a cluster whose view was narrowed)", () => {
    const narrowed = {
      ...newClusterRole('system:aggregate-to-view', { apiGroups: [''], resources: ['pods'], verbs: ['get'] }),
    };
    narrowed.metadata.labels = { 'rbac.authorization.k8s.io/aggregate-to-view': 'true' };
    const m = AccessModel.fromManifests([narrowed, roleBinding('v', 'dev', 'view', user('v'))]);
    expect(m.canI({ user: 'v', verb: 'get', resource: 'pods', namespace: 'dev', name: 'p' }).allowed).toBe(true);
    expect(m.canI({ user: 'v', verb: 'list', resource: 'pods', namespace: 'dev' }).allowed).toBe(false);
    expect(m.effectiveRules('ClusterRole', 'view')).toHaveLength(1);
  });

  test('bootstrapPolicy: false evaluates exactly the manifests given', () => {
    const m = AccessModel.fromManifests([], { bootstrapPolicy: false });
    expect(m.canI({ user: 'wang', verb: 'get', nonResourceURL: '/healthz' }).allowed).toBe(false);
    expect(m.effectiveRules('ClusterRole', 'cluster-admin')).toBeUndefined();
  });
});

// toPermit / toForbid on charts, apps, manifest arrays and models; failure messages carry the reason.
import { App, Chart, Testing } from 'cdk8s';
import { AccessRole, Subject } from '../../../lib/access';
import {
  AccessMatcherOptions,
  AccessModel,
  AccessQuery,
  accessMatchers,
  KubernetesVersion,
} from '../../../lib/analysis/access';
import { podsViewerCluster, wangInDev } from './rbac-fixtures';

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace jest {
    interface Matchers<R> {
      toPermit(query: AccessQuery, options?: AccessMatcherOptions): R;
      toForbid(query: AccessQuery, options?: AccessMatcherOptions): R;
    }
  }
}

expect.extend(accessMatchers);

function handbookChart(app = Testing.app()): Chart {
  const chart = new Chart(app, 'rbac');
  const viewer = AccessRole.podsViewer(chart, 'Viewer', { name: 'pods-viewer-cluster' });
  viewer.grant(Subject.user('wang'), 'dev');
  viewer.grant(Subject.serviceAccount('workload', 'dev'), 'dev');
  return chart;
}

describe('accessMatchers', () => {
  test('on a chart: the handbook grants', () => {
    const chart = handbookChart();
    Testing.synth(chart); // the synthesized RBAC objects are valid
    expect(chart).toPermit({ user: 'wang', verb: 'list', resource: 'pods', namespace: 'dev' });
    expect(chart).toPermit({ user: 'wang', verb: 'watch', resource: 'deployments.apps', namespace: 'dev' });
    expect(chart).toForbid({ user: 'wang', verb: 'list', resource: 'pods', namespace: 'staging' });
    expect(chart).toForbid({ user: 'wang', verb: 'list', resource: 'nodes' });
    expect(chart).toForbid({ user: 'wang', verb: 'list', resource: 'pods' });
    expect(chart).toPermit({ serviceAccount: 'dev/workload', verb: 'get', resource: 'services', namespace: 'dev' });
    expect(chart).toForbid({ serviceAccount: 'dev/workload', verb: 'get', resource: 'secrets', namespace: 'dev' });
  });

  test('on an App, an array of manifests and an AccessModel', () => {
    const app = Testing.app();
    handbookChart(app);
    expect(app as App).toPermit({ user: 'wang', verb: 'get', resource: 'pods', namespace: 'dev' });
    const docs = [podsViewerCluster, wangInDev];
    expect(docs).toPermit({ user: 'wang', verb: 'get', resource: 'pods', namespace: 'dev' });
    expect(AccessModel.fromManifests(docs)).toForbid({
      user: 'wang',
      verb: 'get',
      resource: 'pods',
      namespace: 'prod',
    });
  });

  test('a failing toPermit prints why nothing allowed it; a failing toForbid prints the grant', () => {
    const docs = [podsViewerCluster, wangInDev];
    const denied = accessMatchers.toPermit(docs, {
      user: 'wang',
      verb: 'list',
      resource: 'pods',
      namespace: 'staging',
    });
    expect(denied.pass).toBe(false);
    expect(denied.message()).toBe(
      'expected user "wang" to be permitted to list pods in namespace staging, but it is forbidden\n' +
        '  reason: no binding of user "wang" (groups system:authenticated) grants list pods in namespace staging; ' +
        'near miss: RoleBinding dev/wang-pods-reader-in-dev -> ClusterRole pods-viewer-cluster allows it in namespace dev only',
    );
    const allowed = accessMatchers.toForbid(docs, { user: 'wang', verb: 'list', resource: 'pods', namespace: 'dev' });
    expect(allowed.pass).toBe(false);
    expect(allowed.message()).toBe(
      'expected user "wang" to be forbidden to list pods in namespace dev, but it is permitted\n' +
        '  reason: RoleBinding dev/wang-pods-reader-in-dev -> ClusterRole pods-viewer-cluster rule 0 (get,list,watch pods,services), subject User "wang"',
    );
    expect(() => expect(docs).toPermit({ user: 'wang', verb: 'list', resource: 'pods', namespace: 'staging' })).toThrow(
      /near miss/,
    );
  });

  test('anything else is an error saying what is expected', () => {
    expect(() => accessMatchers.toPermit(42, { user: 'wang', verb: 'get', resource: 'pods' })).toThrow(
      'toPermit/toForbid: expected a cdk8s Chart, an App, an array of manifests or an AccessModel, got number',
    );
  });
});

describe('accessMatchers with cluster state (as toAllowTraffic takes it)', () => {
  const RBAC = 'rbac.authorization.k8s.io';
  // A Role that exists in the cluster already (kubectl get roles -n dev -o json), bound by the chart.
  const clusterRole = {
    apiVersion: `${RBAC}/v1`,
    kind: 'Role',
    metadata: { name: 'log-reader', namespace: 'dev' },
    rules: [{ apiGroups: [''], resources: ['pods/log'], verbs: ['get'] }],
  };
  const chartBinding = {
    apiVersion: `${RBAC}/v1`,
    kind: 'RoleBinding',
    metadata: { name: 'wang-logs', namespace: 'dev' },
    roleRef: { apiGroup: RBAC, kind: 'Role', name: 'log-reader' },
    subjects: [{ kind: 'User', apiGroup: RBAC, name: 'wang' }],
  };
  const q: AccessQuery = { user: 'wang', verb: 'get', resource: 'pods/log', namespace: 'dev', name: 'web' };

  test("options.cluster adds the cluster's objects; without it the binding refers to nothing", () => {
    expect([chartBinding]).toPermit(q, { cluster: [clusterRole] });
    expect([chartBinding]).toForbid(q);
    expect(accessMatchers.toPermit([chartBinding], q).message()).toContain(
      'refers to Role dev/log-reader, which does not exist in its namespace',
    );
    // a kubectl List is flattened
    expect([chartBinding]).toPermit(q, { cluster: [{ apiVersion: 'v1', kind: 'List', items: [clusterRole] }] });
  });

  test("the manifests replace the cluster's objects of the same identity (they are applied over it)", () => {
    const narrowed = { ...clusterRole, rules: [{ apiGroups: [''], resources: ['pods'], verbs: ['get'] }] };
    expect([chartBinding, narrowed]).toForbid(q, { cluster: [clusterRole] });
    expect([chartBinding, clusterRole]).toPermit(q, { cluster: [narrowed] });
  });

  test('bootstrap policy without a dump, per version, or off', () => {
    const view = {
      apiVersion: `${RBAC}/v1`,
      kind: 'RoleBinding',
      metadata: { name: 'v', namespace: 'dev' },
      roleRef: { apiGroup: RBAC, kind: 'ClusterRole', name: 'view' },
      subjects: [{ kind: 'User', apiGroup: RBAC, name: 'wang' }],
    };
    expect([view]).toPermit({ user: 'wang', verb: 'list', resource: 'pods', namespace: 'dev' });
    expect([view]).toForbid(
      { user: 'wang', verb: 'list', resource: 'pods', namespace: 'dev' },
      { bootstrapPolicy: false },
    );
    const events = { user: 'wang', verb: 'list', resource: 'events.events.k8s.io', namespace: 'dev' };
    expect([view]).toForbid(events);
    expect([view]).toPermit(events, { kubernetesVersion: KubernetesVersion.V1_35 });
  });

  test('bad options are refused naming the matcher and the field', () => {
    expect(() => accessMatchers.toPermit([], q, { cluster: 'dump.json' as any })).toThrow(
      /^\[toPermit\] options.cluster: expected .*got the string "dump.json"/,
    );
    expect(() => accessMatchers.toForbid([], q, { clustr: [] } as any)).toThrow(
      /^\[toForbid\] options.clustr: .*did you mean "cluster"/,
    );
    expect(() => accessMatchers.toPermit([], q, { kubernetesVersion: 'v1.27' as any })).toThrow(
      /^\[toPermit\] options.kubernetesVersion: .*KubernetesVersion.V1_27/,
    );
    expect(() => accessMatchers.toPermit(AccessModel.fromManifests([]), q, { cluster: [] })).toThrow(
      /^\[toPermit\] options: an AccessModel is already built with its cluster state and options; fix: pass the manifests/,
    );
  });
});

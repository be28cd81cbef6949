// toPermit / toForbid on charts, apps, manifest arrays and models; failure messages carry the reason.
import { App, Chart, Testing } from 'cdk8s';
import { AccessRole, Subject } from '../../../lib/access';
import { AccessModel, AccessQuery, accessMatchers } from '../../../lib/analysis/access';
import { podsViewerCluster, wangInDev } from './rbac-fixtures';

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace jest {
    interface Matchers<R> {
      toPermit(query: AccessQuery): R;
      toForbid(query: AccessQuery): R;
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
    expect(AccessModel.fromManifests(docs)).toForbid({ user: 'wang', verb: 'get', resource: 'pods', namespace: 'prod' });
  });

  test('a failing toPermit prints why nothing allowed it; a failing toForbid prints the grant', () => {
    const docs = [podsViewerCluster, wangInDev];
    const denied = accessMatchers.toPermit(docs, { user: 'wang', verb: 'list', resource: 'pods', namespace: 'staging' });
    expect(denied.pass).toBe(false);
    expect(denied.message()).toBe('expected user "wang" to be permitted to list pods in namespace staging, but it is forbidden\n'
      + '  reason: no binding of user "wang" (groups system:authenticated) grants list pods in namespace staging; '
      + 'near miss: RoleBinding dev/wang-pods-reader-in-dev -> ClusterRole pods-viewer-cluster allows it in namespace dev only');
    const allowed = accessMatchers.toForbid(docs, { user: 'wang', verb: 'list', resource: 'pods', namespace: 'dev' });
    expect(allowed.pass).toBe(false);
    expect(allowed.message()).toBe('expected user "wang" to be forbidden to list pods in namespace dev, but it is permitted\n'
      + '  reason: RoleBinding dev/wang-pods-reader-in-dev -> ClusterRole pods-viewer-cluster rule 0 (get,list,watch pods,services), subject User "wang"');
    expect(() => expect(docs).toPermit({ user: 'wang', verb: 'list', resource: 'pods', namespace: 'staging' })).toThrow(/near miss/);
  });

  test('anything else is an error saying what is expected', () => {
    expect(() => accessMatchers.toPermit(42, { user: 'wang', verb: 'get', resource: 'pods' })).toThrow('toPermit/toForbid: expected a cdk8s Chart, an App, an array of manifests or an AccessModel, got number');
  });
});

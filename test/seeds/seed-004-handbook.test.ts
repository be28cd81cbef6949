// docs/scenarios.md#004, the Kubernetes security docs/scenarios.md#004, written as a new user would from the README
// alone: its users (X509 CN/O, static-token users), its roles (a Role, a ClusterRole reused through per-namespace
// RoleBindings, cluster-admin bound per namespace to a ServiceAccount, the built-in view), its ServiceAccounts and
// dashboard admin, and its `kubectl auth can-i` answers, proven with the access matchers and no cluster dump (the
// bootstrap policy of the Kubernetes version is known); then its Pod Security labels admitting or rejecting its pods.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, Chart, Testing } from 'cdk8s';
import {
  AccessMatcherOptions,
  accessMatchers,
  AccessQuery,
  AccessRisk,
  AccessRole,
  BuiltInClusterRole,
  ClusterUser,
  DashboardAdmin,
  generateClientCredentials,
  PodSecurityAdmissionMatcherOptions,
  podSecurityMatchers,
  SecureNamespace,
  Subject,
} from '../../lib';

expect.extend({ ...accessMatchers, ...podSecurityMatchers });

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace jest {
    interface Matchers<R> {
      toPermit(query: AccessQuery, options?: AccessMatcherOptions): R;
      toForbid(query: AccessQuery, options?: AccessMatcherOptions): R;
      toBeAdmittedByPodSecurity(options?: PodSecurityAdmissionMatcherOptions): R;
      toBeRejectedByPodSecurity(options?: PodSecurityAdmissionMatcherOptions): R;
    }
  }
}

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'seed-004-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));
// 1.1 X509: `openssl req -new -key test.key -subj "/CN=test/O=ops"`, done with the README's helper; the key stays on
// disk.
const testCsr = generateClientCredentials({ user: 'test', groups: ['ops'], keyFile: path.join(tmp, 'test.key') });

/** docs/scenarios.md#004's cluster as one cdk8s app. */
function handbookApp(): { app: App; chart: Chart } {
  const app = Testing.app();
  const chart = new Chart(app, 'handbook');

  // 1.1 X509: user test in group ops (CN=test, O=ops), signed through the certificates API.
  new ClusterUser(chart, 'Test', { name: 'test', groups: ['ops'], csr: testCsr });

  // Chapter 2, case 1: a Role in dev (kubectl create role pods-viewer --verb=get,list,watch
  // --resource=pods,services,deployments -n dev) bound to wang (RoleBinding wang-pod-reader).
  const dev = new SecureNamespace(chart, 'Dev', { name: 'dev', serviceAccountName: 'my-sa' });
  AccessRole.podsViewer(chart, 'PodsViewer', { namespace: 'dev' }).grant(Subject.user('wang'), 'dev', {
    bindingName: 'wang-pod-reader',
  });

  // Case 2: the ClusterRole pods-viewer-cluster defined once, reused through RoleBindings in dev and staging.
  const viewer = AccessRole.podsViewer(chart, 'PodsViewerCluster', { name: 'pods-viewer-cluster' });
  dev.grant(viewer, Subject.user('wang'), { bindingName: 'wang-pods-reader-in-dev' });
  viewer.grant(Subject.user('wang'), 'staging', { bindingName: 'wang-pods-reader-in-staging' });

  // kubectl create rolebinding -n demo rolebinding-demo-admin --clusterrole cluster-admin
  // --serviceaccount=demo:prometheus
  const admin = AccessRole.clusterAdmin(chart, 'ClusterAdmin', { acknowledgeRisks: [AccessRisk.CLUSTER_ADMIN] });
  admin.grant(Subject.serviceAccount('prometheus', 'demo'), 'demo', { bindingName: 'rolebinding-demo-admin' });

  // Best practice 2: manage people through groups; the built-in view role for dev-team in dev
  // (kubectl create rolebinding dev-team-view --clusterrole view --group dev-team -n dev).
  AccessRole.builtIn(chart, 'View', { role: BuiltInClusterRole.VIEW }).grant(Subject.group('dev-team'), 'dev', {
    bindingName: 'dev-team-view',
  });

  // Dashboard: the dashboard-admin ServiceAccount with a long-lived token, bound to cluster-admin.
  new DashboardAdmin(chart, 'DashboardAdmin', {
    acknowledgeRisks: [AccessRisk.CLUSTER_ADMIN, AccessRisk.LONG_LIVED_TOKEN],
  });
  return { app, chart };
}

describe('seed 004: users and roles evaluate without a cluster dump', () => {
  const { app, chart } = handbookApp();

  test('the app synthesizes and validates (test/setup validates every synth)', () => {
    expect(app.charts.flatMap((c) => Testing.synth(c)).length).toBeGreaterThan(10);
  });

  test('1.1 X509 user test (O=ops) has no permissions ("测试（无权限）"), only what every user has', () => {
    expect(app).toForbid({ user: 'test', groups: ['ops'], verb: 'list', resource: 'pods', namespace: 'dev' });
    expect(app).toForbid({ user: 'test', groups: ['ops'], verb: 'get', nonResourceURL: '/' }); // curl https://kubeapi:6443 → 403
    expect(app).toPermit({ user: 'test', groups: ['ops'], verb: 'get', nonResourceURL: '/version' }); // system:public-info-viewer
    expect(app).toPermit({ user: 'test', groups: ['ops'], verb: 'get', nonResourceURL: '/apis' }); // system:discovery
  });

  test('1.1 re-signed with O=system:masters (and the static-token user wang,1001,system:masters): everything', () => {
    expect(app).toPermit({ user: 'test', groups: ['system:masters'], verb: 'delete', resource: 'nodes', name: 'n1' });
    expect(app).toPermit({ user: 'kubernetes-admin', groups: ['system:masters'], verb: 'list', resource: 'pods' }); // admin.conf
  });

  test('case 1: the Role pods-viewer in dev, bound to wang', () => {
    expect(chart).toPermit({ user: 'wang', verb: 'list', resource: 'pods', namespace: 'dev' });
    expect(chart).toPermit({ user: 'wang', verb: 'watch', resource: 'services', namespace: 'dev' });
    // the reason names the Role (its binding sorts first among wang's RoleBindings in dev, the authorizer's order)
    expect(
      accessMatchers
        .toForbid(chart, { user: 'wang', verb: 'get', resource: 'deployments', namespace: 'dev', name: 'web' })
        .message(),
    ).toContain(
      'reason: RoleBinding dev/wang-pod-reader -> Role dev/pods-viewer rule 1 (get,list,watch deployments.apps), subject User "wang"',
    );
  });

  test('case 2 and "如何验证权限": the ClusterRole reused in dev and staging, and the can-i answers', () => {
    expect(chart).toPermit({ user: 'wang', verb: 'list', resource: 'pods', namespace: 'staging' });
    expect(chart).toForbid({ user: 'wang', verb: 'list', resource: 'pods', namespace: 'prod' }); // never leaks to other namespaces
    // kubectl auth can-i list pods --namespace=dev / get deployments --namespace=dev / list nodes ("应该返回 no")
    expect(chart).toPermit({ user: 'wang', verb: 'list', resource: 'pods', namespace: 'dev' });
    expect(chart).toPermit({ user: 'wang', verb: 'get', resource: 'deployments', namespace: 'dev' });
    expect(chart).toForbid({ user: 'wang', verb: 'list', resource: 'nodes' });
    // kubectl auth can-i create deployments --as=wang --namespace=dev
    expect(chart).toForbid({ user: 'wang', verb: 'create', resource: 'deployments', namespace: 'dev' });
  });

  test('cluster-admin bound by a RoleBinding to ServiceAccount demo/prometheus: admin of demo only', () => {
    const prometheus = { serviceAccount: 'demo/prometheus' };
    expect(chart).toPermit({ ...prometheus, verb: 'delete', resource: 'secrets', namespace: 'demo', name: 'x' });
    expect(chart).toForbid({ ...prometheus, verb: 'get', resource: 'secrets', namespace: 'default', name: 'x' });
    expect(chart).toForbid({ ...prometheus, verb: 'list', resource: 'nodes' });
  });

  test('ServiceAccounts: my-sa of the dev pods may do nothing; the dashboard admin may do everything', () => {
    expect(chart).toForbid({
      serviceAccount: 'dev/my-sa',
      verb: 'get',
      resource: 'pods',
      namespace: 'dev',
      name: 'my-app',
    });
    expect(chart).toPermit({
      serviceAccount: 'kube-system/dashboard-admin',
      verb: 'delete',
      resource: 'namespaces',
      name: 'dev',
    });
  });

  test('the built-in view role (kubectl describe clusterrole view) bound to the group dev-team', () => {
    expect(app).toPermit({ user: 'li', groups: ['dev-team'], verb: 'list', resource: 'pods', namespace: 'dev' });
    expect(app).toForbid({
      user: 'li',
      groups: ['dev-team'],
      verb: 'get',
      resource: 'secrets',
      namespace: 'dev',
      name: 's',
    });
    // with the bootstrap policy off (a dump that holds it would be passed as cluster instead) view does not exist
    expect(app).toForbid(
      { user: 'li', groups: ['dev-team'], verb: 'list', resource: 'pods', namespace: 'dev' },
      { bootstrapPolicy: false },
    );
  });
});

describe('seed 004 chapter 3: Pod Security Admission labels on dev', () => {
  const { chart } = handbookApp();
  const pod = (
    name: string,
    securityContext: Record<string, unknown>,
    podSecurityContext: Record<string, unknown> = {},
  ) => ({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: 'dev' },
    spec: {
      serviceAccountName: 'my-sa',
      securityContext: podSecurityContext,
      containers: [{ name: 'nginx', image: 'nginx', securityContext }],
    },
  });
  const badPod = pod('bad-pod', { privileged: true });
  const myApp = pod(
    'my-app',
    { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } },
    { runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } },
  );

  test('dev carries enforce=restricted and warn=restricted', () => {
    const ns = Testing.synth(chart).find((d) => d.kind === 'Namespace' && d.metadata.name === 'dev');
    expect(ns.metadata.labels).toMatchObject({
      'pod-security.kubernetes.io/enforce': 'restricted',
      'pod-security.kubernetes.io/warn': 'restricted',
    });
  });

  test('bad-pod (privileged: true) is rejected: violates PodSecurity "restricted:latest"; a restricted-compliant pod is admitted', () => {
    const cluster = Testing.synth(chart);
    expect(badPod).toBeRejectedByPodSecurity({ cluster });
    expect(badPod).toBeRejectedByPodSecurity({ cluster, mode: 'warn' });
    expect(myApp).toBeAdmittedByPodSecurity({ cluster });
    // docs/scenarios.md#004's plain `nginx` pod-with-sa does not meet restricted either
    expect(pod('pod-with-sa', {})).toBeRejectedByPodSecurity({ cluster });
  });

  test('回退: with the labels removed, dev is privileged again and bad-pod is admitted', () => {
    const relabelled = Testing.synth(chart).map((d) =>
      d.kind === 'Namespace' ? { ...d, metadata: { ...d.metadata, labels: {} } } : d,
    );
    expect(badPod).toBeAdmittedByPodSecurity({ cluster: relabelled });
  });
});

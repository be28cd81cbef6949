// Objects of the cdk8s-plus line a `cdk8s init typescript-app` project gets (cdk8s-plus-33) pass to the library's
// signatures as they are typed: no cast anywhere in this file, so `tsc` (npm run typecheck) proves the structural
// interface (IKubeResource) accepts them, and the assertions prove what is read from them.
import { Chart, Testing } from 'cdk8s';
import * as kplus33 from 'cdk8s-plus-33';
import { Peer } from '../../lib';
import { AccessRole, PodSecurityLevel, SecureNamespace, Subject } from '../../lib/access';
import { IKubeResource } from '../../lib/core/kube-resource';
import { ExposedClusterIpService, ExternalTrafficPolicy } from '../../lib/services';

test('a kplus-33 Service (what deployment.exposeViaService() returns) is exposed, typed as it is', () => {
  const chart = new Chart(Testing.app(), 'c', { namespace: 'shop' });
  const deployment = new kplus33.Deployment(chart, 'Web', { containers: [{ image: 'nginx', portNumber: 8080 }] });
  const service: kplus33.Service = deployment.exposeViaService({
    serviceType: kplus33.ServiceType.NODE_PORT,
    ports: [{ port: 80, targetPort: 8080 }],
  });
  const e = new ExposedClusterIpService(chart, 'E', {
    service,
    clusterIp: '10.20.30.40',
    externalTrafficPolicy: ExternalTrafficPolicy.LOCAL,
    allowFrom: [Peer.nets('50.60.0.0/16')],
  });
  const docs = Testing.synth(chart);
  const svc = docs.find((d) => d.kind === 'Service');
  expect(svc.spec).toMatchObject({ clusterIP: '10.20.30.40', externalTrafficPolicy: 'Local', type: 'NodePort' });
  expect(e.podLabels).toEqual(docs.find((d) => d.kind === 'Deployment').spec.template.metadata.labels);
  const policy = docs.find((d) => d.kind === 'NetworkPolicy');
  expect(policy.metadata).toMatchObject({ name: `expose-shop-${svc.metadata.name}`, namespace: 'shop' });
});

test('a kplus-33 ServiceAccount is a Subject, typed as it is', () => {
  const chart = new Chart(Testing.app(), 'c');
  const sa: kplus33.ServiceAccount = new kplus33.ServiceAccount(chart, 'Ci', {
    metadata: { name: 'ci', namespace: 'build' },
  });
  const resource: IKubeResource = sa;
  AccessRole.podsViewer(chart, 'Viewer').grant(Subject.serviceAccount(resource), 'dev');
  const binding = Testing.synth(chart).find((d) => d.kind === 'RoleBinding');
  expect(binding.subjects).toEqual([
    expect.objectContaining({ kind: 'ServiceAccount', name: 'ci', namespace: 'build' }),
  ]);
});

test('a kplus-33 workload in a SecureNamespace is checked against its Pod Security level at synth', () => {
  const app = Testing.app();
  const chart = new Chart(app, 'c');
  new SecureNamespace(chart, 'Dev', { name: 'dev' });
  new kplus33.Deployment(chart, 'Root', {
    metadata: { namespace: 'dev' },
    containers: [{ image: 'nginx', securityContext: { privileged: true, ensureNonRoot: false } }],
  });
  expect(() => app.synth()).toThrow(/Deployment\/c-root-.*securityContext\.privileged.*\[psa\.privileged\]/s);
});

test('the deprecated access handles pass to kplus-33 APIs as they are typed: a RoleBinding, a subject, a workload', () => {
  const chart = new Chart(Testing.app(), 'c');
  const ns = new SecureNamespace(chart, 'Dev', {
    name: 'dev',
    serviceAccountName: 'app',
    podSecurity: { enforce: PodSecurityLevel.BASELINE },
  });
  const viewer = AccessRole.podsViewer(chart, 'Viewer');
  const role: kplus33.IClusterRole = viewer.clusterRole;
  const account: kplus33.IServiceAccount = ns.serviceAccount;
  const user: kplus33.ISubject = Subject.user('li').toKplus(chart, 'Li');
  new kplus33.RoleBinding(chart, 'Bind', { metadata: { name: 'view', namespace: 'dev' }, role }).addSubjects(
    account,
    user,
  );
  new kplus33.Deployment(chart, 'Web', {
    metadata: { namespace: 'dev' },
    serviceAccount: account,
    containers: [{ image: 'nginx', portNumber: 8080 }],
  });
  const docs = Testing.synth(chart);
  expect(docs.find((d) => d.metadata.name === 'view')).toMatchObject({
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'pods-viewer' },
    subjects: [
      { apiGroup: '', kind: 'ServiceAccount', name: 'app', namespace: 'dev' },
      { apiGroup: 'rbac.authorization.k8s.io', kind: 'User', name: 'li' },
    ],
  });
  expect(docs.find((d) => d.kind === 'Deployment').spec.template.spec.serviceAccountName).toBe('app');
});

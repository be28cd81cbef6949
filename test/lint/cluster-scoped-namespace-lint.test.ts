// lint.namespace-on-cluster-scoped: kube-apiserver clears metadata.namespace on a cluster-scoped object
// (k8s.io/apiserver rest.BeforeCreate -> EnsureObjectNamespaceMatchesRequestNamespace), so validation accepts it as
// the API server does, and the lint says the object applies cluster-wide. Calico's global kinds stay refused
// (calicoctl's client refuses them).
import { Chart, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { lintManifests, lintNamespacesOnClusterScoped } from '../../lib/lint';
import { validateManifests } from '../../lib/validation';
import { gnp } from './fixtures';

const RULE = 'lint.namespace-on-cluster-scoped';
const binding = {
  apiVersion: 'rbac.authorization.k8s.io/v1',
  kind: 'ClusterRoleBinding',
  metadata: { name: 'dev-admins', namespace: 'dev' },
  roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'admin' },
  subjects: [{ kind: 'Group', apiGroup: 'rbac.authorization.k8s.io', name: 'dev-team' }],
};
const namespaceDoc = { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'shop', namespace: 'default' } };
const nodeDoc = { apiVersion: 'v1', kind: 'Node', metadata: { name: 'node-1', namespace: 'kube-system' } };
const cnp = {
  apiVersion: 'policy.networking.k8s.io/v1alpha2',
  kind: 'ClusterNetworkPolicy',
  metadata: { name: 'deny-all', namespace: 'dev' },
  spec: {
    tier: 'Admin',
    priority: 10,
    subject: { namespaces: {} },
    ingress: [{ action: 'Deny', from: [{ namespaces: {} }] }],
  },
};
const role = {
  apiVersion: 'rbac.authorization.k8s.io/v1',
  kind: 'Role',
  metadata: { name: 'reader', namespace: 'dev' },
  rules: [{ apiGroups: [''], resources: ['pods'], verbs: ['get'] }],
};

test('kube-apiserver accepts a namespace on a cluster-scoped built-in kind: validation reports nothing', () => {
  for (const doc of [binding, namespaceDoc, nodeDoc, cnp]) {
    expect([doc.kind, validateManifests([doc]).filter((p) => p.path === 'metadata.namespace')]).toEqual([doc.kind, []]);
  }
});

test('the lint warns that it is cleared and the object applies cluster-wide, naming the namespaced kind to use', () => {
  const found = lintManifests([binding, namespaceDoc, nodeDoc, cnp, role]).filter((f) => f.rule === RULE);
  expect(found.map((f) => `${f.severity} ${f.kind}/${f.name} ${f.path}`)).toEqual([
    'warning ClusterRoleBinding/dev-admins metadata.namespace',
    'warning Namespace/shop metadata.namespace',
    'warning Node/node-1 metadata.namespace',
    'warning ClusterNetworkPolicy/deny-all metadata.namespace',
  ]);
  expect(found[0].message).toBe(
    'ClusterRoleBinding is cluster-scoped: kube-apiserver clears metadata.namespace "dev" on create, so the object ' +
      'applies to the whole cluster, not to namespace dev; fix: remove metadata.namespace, or write a RoleBinding to ' +
      "limit it to namespace dev (cdk8s writes a Chart's namespace on every object: put cluster-scoped ones in a " +
      'Chart without one)',
  );
  expect(found[1].message).toMatch(/; fix: remove metadata\.namespace \(cdk8s writes/);
});

test('not flagged: namespaced kinds, cluster-scoped objects without a namespace, unknown kinds', () => {
  const { namespace: _n, ...bare } = binding.metadata;
  const custom = { apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w', namespace: 'dev' } };
  expect(lintNamespacesOnClusterScoped([role, { ...binding, metadata: bare }, custom])).toEqual([]);
});

test("Calico's global kinds stay refused by validation (calicoctl's client refuses them), not only linted", () => {
  const doc = { ...gnp('global', { selector: 'all()' }), metadata: { name: 'global', namespace: 'dev' } };
  expect(validateManifests([doc]).map((p) => p.rule)).toContain('calico.meta.namespace-forbidden');
  expect(lintNamespacesOnClusterScoped([doc])).toEqual([]);
});

test('a cdk8s-plus ClusterRole in a Chart with a namespace synthesizes (validated), and the lint names the cause', () => {
  const chart = new Chart(Testing.app(), 'team', { namespace: 'dev' });
  new kplus.ClusterRole(chart, 'Reader');
  const docs = Testing.synth(chart); // test/setup/validate-every-synth.ts: validateManifests finds nothing
  expect(docs.map((d) => `${d.kind} ${d.metadata.namespace}`)).toEqual(['ClusterRole dev']);
  expect(lintNamespacesOnClusterScoped(docs).map((f) => f.message)).toEqual([
    expect.stringMatching(/cdk8s writes a Chart's namespace on every object/),
  ]);
});

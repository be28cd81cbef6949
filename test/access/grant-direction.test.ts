// One grant direction: the role is the receiver (`role.grant(subject, namespace?)`, as cdk8s-plus `role.bind`);
// SecureNamespace.grant and ClusterUser.grant are conveniences that render the same binding. And the built-in roles
// are imported-role objects (a subclass), not a module-level flag.
import { ApiObject, Chart, Testing } from 'cdk8s';
import { AccessRisk, AccessRole, BuiltInClusterRole, ClusterUser, SecureNamespace, Subject } from '../../lib/access';
import { generateClientCredentials } from '../../lib/access/credentials/client-credentials';
import { ACKNOWLEDGED_RISKS_ANNOTATION } from '../../lib/model/primitives/acknowledged-risks';
import { tempDir } from './credentials/helpers';

const tmp = tempDir();
const csr = generateClientCredentials({ user: 'wang', groups: ['dev-team'], keyFile: tmp.path('wang.key') });

/** A binding as emitted, without what differs between apps. */
const rendered = (binding: ApiObject) => binding.toJson();

describe('role.grant is the one direction; the conveniences render the same binding', () => {
  test('SecureNamespace.grant(role, subject) = role.grant(subject, namespace), ordered after the Namespace', () => {
    const a = new Chart(Testing.app(), 'a');
    const viaRole = AccessRole.podsViewer(a, 'Viewer').grant(Subject.group('dev-team'), 'dev');
    const b = new Chart(Testing.app(), 'b');
    const dev = new SecureNamespace(b, 'Dev', { name: 'dev' });
    const viaNamespace = dev.grant(AccessRole.podsViewer(b, 'Viewer'), Subject.group('dev-team'));
    expect(rendered(viaNamespace)).toEqual(rendered(viaRole));
    expect(viaNamespace.node.dependencies).toContain(dev.namespaceObject);
  });

  test('ClusterUser.grant(role, namespace) and grantViaGroup = role.grant with the user or the group', () => {
    const chart = new Chart(Testing.app(), 'c');
    const role = AccessRole.podsViewer(chart, 'Viewer');
    const user = new ClusterUser(chart, 'Wang', { name: 'wang', groups: ['dev-team'], csr });
    const other = new Chart(Testing.app(), 'o');
    const otherRole = AccessRole.podsViewer(other, 'Viewer');
    expect(rendered(user.grant(role, 'dev'))).toEqual(rendered(otherRole.grant(Subject.user('wang'), 'dev')));
    expect(rendered(user.grantViaGroup(role, 'dev-team', 'prod'))).toEqual(
      rendered(otherRole.grant(Subject.group('dev-team'), 'prod')),
    );
  });

  test('a namespaced Role is granted in its own namespace without repeating it; a ClusterRole needs one', () => {
    const chart = new Chart(Testing.app(), 'c');
    const role = AccessRole.podsViewer(chart, 'Local', { name: 'local-viewer', namespace: 'dev' });
    expect(role.grant(Subject.user('li')).toJson()).toMatchObject({
      kind: 'RoleBinding',
      metadata: { namespace: 'dev' },
      roleRef: { kind: 'Role', name: 'local-viewer' },
    });
    const cluster = AccessRole.podsViewer(chart, 'Cluster');
    expect(() => cluster.grant(Subject.user('li'))).toThrow(
      /^\[c\/Cluster\] grant\.namespace: expected a namespace \(the ClusterRole pods-viewer is granted per namespace\), got undefined; fix: grant\(subject, 'dev'\)/,
    );
  });
});

describe('built-in roles are imported-role objects', () => {
  test('clusterAdmin and builtIn: AccessRoles that emit nothing and annotate their bindings with the acknowledged risks', () => {
    const chart = new Chart(Testing.app(), 'c');
    const admin = AccessRole.clusterAdmin(chart, 'Admin', { acknowledgeRisks: [AccessRisk.CLUSTER_ADMIN] });
    const edit = AccessRole.builtIn(chart, 'Edit', {
      role: BuiltInClusterRole.EDIT,
      acknowledgeRisks: Object.values(AccessRisk),
    });
    expect(admin).toBeInstanceOf(AccessRole);
    expect([admin.roleObject, edit.roleObject]).toEqual([undefined, undefined]);
    admin.grant(Subject.user('root'), 'ops');
    edit.grant(Subject.user('li'), 'dev');
    const docs = Testing.synth(chart);
    expect(docs.map((d) => d.kind)).toEqual(['RoleBinding', 'RoleBinding']);
    expect(docs[0].metadata.annotations[ACKNOWLEDGED_RISKS_ANNOTATION]).toBe('cluster-admin');
    expect(docs[1].metadata.annotations[ACKNOWLEDGED_RISKS_ANNOTATION].split(',')).toEqual(
      expect.arrayContaining(['pod-exec']),
    );
  });

  test('a role made after a built-in one (or after a refused one) is an ordinary emitted role: no state leaks', () => {
    const chart = new Chart(Testing.app(), 'c');
    expect(() => AccessRole.builtIn(chart, 'Edit', { role: BuiltInClusterRole.EDIT })).toThrow(/acknowledgeRisks/);
    AccessRole.clusterAdmin(chart, 'Admin', { acknowledgeRisks: [AccessRisk.CLUSTER_ADMIN] });
    const mine = new AccessRole(chart, 'Mine', { rules: [{ apiGroups: [''], resources: ['pods'], verbs: ['get'] }] });
    expect(mine.roleObject).toBeDefined();
    const binding = mine.grant(Subject.user('li'), 'dev').toJson();
    expect(binding.metadata.annotations).toBeUndefined();
    expect(Testing.synth(chart).map((d) => `${d.kind}/${d.metadata.name}`)).toEqual([
      'ClusterRole/mine',
      'RoleBinding/mine-user-li',
    ]);
  });
});

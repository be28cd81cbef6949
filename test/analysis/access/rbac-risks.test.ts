// Risky RBAC rules and findings. Risk classes follow kube-linter's CIS 5.1.1-5.1.3 checks
// (https://github.com/stackrox/kube-linter/issues/187) and kubescape C-0002/C-0035/C-0065/C-0187/C-0191; coverage
// uses the authorizer's own matching, so the checkov pitfall (`*/*` is no wildcard, bridgecrewio/checkov#2938)
// cannot happen.
import { rbacRiskFindings, rbacRuleRisks } from '../../../lib/analysis/access';
import { newClusterRole, newRole, podsViewerCluster, RBAC_V1 } from './rbac-fixtures';

const ids = (rule: any, scope: 'namespace' | 'cluster' = 'namespace') =>
  rbacRuleRisks(rule, scope).map((r) => `${r.risk}:${r.field}`);

describe('rbacRuleRisks', () => {
  test('the handbook pods-viewer rules carry no risk at either scope', () => {
    for (const rule of podsViewerCluster.rules) {
      expect(ids(rule, 'namespace')).toEqual([]);
      expect(ids(rule, 'cluster')).toEqual([]);
    }
  });

  test('* on * in * is cluster-admin, plus one wildcard per field', () => {
    expect(ids({ apiGroups: ['*'], resources: ['*'], verbs: ['*'] })).toEqual([
      'cluster-admin:resources',
      'wildcard:verbs',
      'wildcard:resources',
      'wildcard:apiGroups',
      'privilege-escalation:verbs',
      'pod-exec:resources',
    ]);
    expect(ids({ apiGroups: ['*'], resources: ['*'], verbs: ['*'] }, 'cluster')).toContain(
      'secrets-read-cluster-wide:resources',
    );
    // resourceNames limit it to named objects: not cluster-admin any more
    expect(ids({ apiGroups: ['*'], resources: ['*'], verbs: ['*'], resourceNames: ['x'] })).not.toContain(
      'cluster-admin:resources',
    );
  });

  test('wildcards per field, including non-resource URLs; */* is no wildcard', () => {
    expect(ids({ apiGroups: [''], resources: ['pods'], verbs: ['*'] })).toEqual(['wildcard:verbs']);
    expect(ids({ apiGroups: ['*'], resources: ['deployments'], verbs: ['get'] })).toEqual(['wildcard:apiGroups']);
    expect(ids({ nonResourceURLs: ['*'], verbs: ['get'] })).toEqual(['wildcard:nonResourceURLs']);
    // `*/*` is no `*` (the authorizer reads it literally), but the risk check reads it as every subresource: pods/exec.
    expect(ids({ apiGroups: [''], resources: ['*/*'], verbs: ['get'] })).toEqual(['pod-exec:resources']);
  });

  test('escalate, bind and impersonate, written or through * verbs on roles or identities', () => {
    expect(
      rbacRuleRisks(
        { apiGroups: [RBAC_V1.split('/')[0]], resources: ['clusterroles'], verbs: ['bind', 'escalate'] },
        'namespace',
      ),
    ).toEqual([
      {
        risk: 'privilege-escalation',
        field: 'verbs',
        reason: 'grants bind, escalate, which lets the subject obtain permissions it does not have',
      },
    ]);
    expect(ids({ apiGroups: [''], resources: ['users'], verbs: ['impersonate'] })).toEqual([
      'privilege-escalation:verbs',
    ]);
    const star = rbacRuleRisks(
      { apiGroups: ['rbac.authorization.k8s.io'], resources: ['roles'], verbs: ['*'] },
      'namespace',
    );
    expect(star.map((r) => r.risk)).toEqual(['wildcard', 'privilege-escalation']);
    expect(star[1].reason).toBe(
      'grants escalate roles, bind roles through "*" verbs, which lets the subject obtain permissions it does not have',
    );
    expect(ids({ apiGroups: [''], resources: ['pods'], verbs: ['*'] })).not.toContain('privilege-escalation:verbs');
  });

  test('pods/exec and pods/attach, also through * resources and */exec; never for read-only verbs', () => {
    expect(ids({ apiGroups: [''], resources: ['pods/exec'], verbs: ['create'] })).toEqual(['pod-exec:resources']);
    expect(ids({ apiGroups: [''], resources: ['pods/attach'], verbs: ['get'] })).toEqual(['pod-exec:resources']);
    expect(ids({ apiGroups: [''], resources: ['*/exec'], verbs: ['create'] })).toEqual(['pod-exec:resources']);
    expect(ids({ apiGroups: [''], resources: ['*'], verbs: ['create'] })).toEqual([
      'wildcard:resources',
      'pod-exec:resources',
    ]);
    expect(ids({ apiGroups: ['apps'], resources: ['pods/exec'], verbs: ['create'] })).toEqual([]); // wrong group
    expect(ids({ apiGroups: [''], resources: ['pods/exec'], verbs: ['list'] })).toEqual([]);
    expect(rbacRuleRisks({ apiGroups: [''], resources: ['pods/exec'], verbs: ['create'] }, 'cluster')[0].reason).toBe(
      'grants pods/exec, a shell in pods in every namespace and on cluster-scoped resources with their ServiceAccount tokens and secrets',
    );
  });

  test('wildcard subresources cover what they are written to cover: pods/*, */exec, * (issue 11)', () => {
    expect(ids({ apiGroups: [''], resources: ['pods/*'], verbs: ['create'] })).toEqual(['pod-exec:resources']);
    expect(rbacRuleRisks({ apiGroups: [''], resources: ['pods/*'], verbs: ['create'] }, 'namespace')[0].reason).toBe(
      'grants pods/exec, pods/attach, pods/portforward (through "pods/*", read as every subresource), a shell in or a tunnel into pods in its namespace with their ServiceAccount tokens and secrets',
    );
    expect(ids({ apiGroups: [''], resources: ['*/exec'], verbs: ['create'] })).toEqual(['pod-exec:resources']);
    expect(ids({ apiGroups: [''], resources: ['pods/portforward'], verbs: ['create'] })).toEqual([
      'pod-exec:resources',
    ]);
    expect(ids({ apiGroups: [''], resources: ['*'], verbs: ['create'] })).toEqual([
      'wildcard:resources',
      'pod-exec:resources',
    ]);
    // Read-only verbs on pods/* are no shell (exec needs create or get of the websocket; list and watch never).
    expect(ids({ apiGroups: [''], resources: ['pods/*'], verbs: ['list', 'watch'] })).toEqual([]);
    // Another group's pods/* is not the core group's pods.
    expect(ids({ apiGroups: ['metrics.k8s.io'], resources: ['pods/*'], verbs: ['create'] })).toEqual([]);
    // The authorizer itself stays upstream's: AccessModel does not grant pods/exec through pods/* (tested in
    // access-model).
  });

  test('reading secrets is a risk at cluster scope only, and not when limited by resourceNames', () => {
    const read = { apiGroups: [''], resources: ['secrets'], verbs: ['get', 'list'] };
    expect(ids(read, 'namespace')).toEqual([]);
    expect(rbacRuleRisks(read, 'cluster')).toEqual([
      {
        risk: 'secrets-read-cluster-wide',
        field: 'resources',
        reason:
          'grants get, list on secrets in every namespace: every ServiceAccount token and credential in the cluster',
      },
    ]);
    expect(ids({ ...read, resourceNames: ['tls'] }, 'cluster')).toEqual([]);
    expect(ids({ apiGroups: [''], resources: ['secrets'], verbs: ['create'] }, 'cluster')).toEqual([]);
  });
});

describe('rbacRiskFindings', () => {
  const RBAC = 'rbac.authorization.k8s.io';
  const crb = (name: string, role: string) => ({
    apiVersion: RBAC_V1,
    kind: 'ClusterRoleBinding',
    metadata: { name },
    roleRef: { apiGroup: RBAC, kind: 'ClusterRole', name: role },
    subjects: [{ kind: 'Group', name: 'ops', apiGroup: RBAC }],
  });
  const rb = (ns: string, name: string, role: string) => ({
    apiVersion: RBAC_V1,
    kind: 'RoleBinding',
    metadata: { name, namespace: ns },
    roleRef: { apiGroup: RBAC, kind: 'ClusterRole', name: role },
    subjects: [{ kind: 'ServiceAccount', name: 'prometheus', namespace: 'demo' }],
  });

  test('risky rules on the role that writes them, cluster-admin on the binding, secrets on the ClusterRoleBinding', () => {
    const docs = [
      podsViewerCluster,
      newClusterRole('secret-reader', { apiGroups: [''], resources: ['secrets'], verbs: ['get', 'list', 'watch'] }),
      newRole(
        'debugger',
        'dev',
        { apiGroups: [''], resources: ['pods'], verbs: ['get'] },
        { apiGroups: [''], resources: ['pods/exec'], verbs: ['create'] },
      ),
      rb('dev', 'readers-in-dev', 'secret-reader'), // namespace scope: fine
      crb('readers-everywhere', 'secret-reader'),
      rb('demo', 'rolebinding-demo-admin', 'cluster-admin'), // docs/scenarios.md#004: kubectl create rolebinding --clusterrole cluster-admin
      crb('root', 'cluster-admin'),
    ];
    expect(rbacRiskFindings(docs)).toEqual([
      {
        kind: 'ClusterRoleBinding',
        name: 'readers-everywhere',
        path: 'roleRef',
        rule: 'lint.rbac-secrets-cluster-wide',
        message:
          'makes ClusterRole secret-reader rule 0 cluster-wide: it grants get, list, watch on secrets in every namespace: every ServiceAccount token and credential in the cluster; fix: grant it per namespace with RoleBindings, or limit the rule with resourceNames',
      },
      {
        kind: 'ClusterRoleBinding',
        name: 'root',
        path: 'roleRef.name',
        rule: 'lint.rbac-cluster-admin',
        message:
          'binds the built-in cluster-admin role in the whole cluster; fix: grant only the verbs and resources needed (or the built-in admin/edit/view roles per namespace)',
      },
      {
        kind: 'Role',
        name: 'debugger',
        namespace: 'dev',
        path: 'rules[1].resources',
        rule: 'lint.rbac-pod-exec',
        message:
          'rule 1 grants pods/exec, a shell in pods in its namespace with their ServiceAccount tokens and secrets; fix: remove pods/exec and pods/attach, or grant them per namespace to operators only',
      },
      {
        kind: 'RoleBinding',
        name: 'rolebinding-demo-admin',
        namespace: 'demo',
        path: 'roleRef.name',
        rule: 'lint.rbac-cluster-admin',
        message:
          'binds the built-in cluster-admin role in namespace demo (every object there, including Roles, RoleBindings and secrets); fix: grant only the verbs and resources needed (or the built-in admin/edit/view roles per namespace)',
      },
    ]);
  });

  test('aggregated roles: findings point at the rules where written and at the binding that makes them cluster-wide', () => {
    const docs = [
      {
        ...newClusterRole('reads-secrets', { apiGroups: [''], resources: ['secrets'], verbs: ['list'] }),
        metadata: { name: 'reads-secrets', labels: { agg: 'yes' } },
      },
      {
        apiVersion: RBAC_V1,
        kind: 'ClusterRole',
        metadata: { name: 'combined' },
        aggregationRule: { clusterRoleSelectors: [{ matchLabels: { agg: 'yes' } }] },
        rules: [{ apiGroups: ['*'], resources: ['*'], verbs: ['*'] }],
      },
      crb('everyone', 'combined'),
    ];
    const found = rbacRiskFindings(docs);
    expect(found.map((f) => `${f.kind}/${f.name} ${f.path} ${f.rule}`)).toEqual([
      'ClusterRoleBinding/everyone roleRef lint.rbac-secrets-cluster-wide',
    ]);
    expect(found[0].message).toMatch(
      /^makes ClusterRole combined rule 0 \(aggregated from ClusterRole reads-secrets rule 0\) cluster-wide/,
    );
  });

  test('wildcards and escalation: one finding per field, sorted; malformed objects are skipped (validation reports them)', () => {
    const docs = [
      newClusterRole('star', { apiGroups: ['apps'], resources: ['*'], verbs: ['get', 'escalate'] }),
      { apiVersion: RBAC_V1, kind: 'ClusterRole', metadata: { name: 'broken' }, rules: 'nope' },
      { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x' } },
    ];
    expect(rbacRiskFindings(docs).map((f) => `${f.path} ${f.rule}`)).toEqual([
      'rules[0].resources lint.rbac-wildcard',
      'rules[0].verbs lint.rbac-escalation',
    ]);
    for (const f of rbacRiskFindings(docs)) expect(f.message).toMatch(/; fix: .+/);
  });
});

// Builders for RBAC manifests in the shape of the upstream test helpers (newRule, newRole, newClusterRole,
// newRoleBinding, newClusterRoleBinding in kubernetes/kubernetes plugin/pkg/auth/authorizer/rbac/rbac_test.go).
export const RBAC_V1 = 'rbac.authorization.k8s.io/v1';
const RBAC = 'rbac.authorization.k8s.io';

/**
 * upstream `newRule(verbs, apiGroups, resources, nonResourceURLs)`: comma-separated lists, split like strings.Split.
 */
export function newRule(verbs: string, apiGroups: string, resources: string, nonResourceURLs: string): any {
  return {
    verbs: verbs.split(','),
    apiGroups: apiGroups.split(','),
    resources: resources.split(','),
    nonResourceURLs: nonResourceURLs.split(','),
  };
}

export function newClusterRole(name: string, ...rules: any[]): any {
  return { apiVersion: RBAC_V1, kind: 'ClusterRole', metadata: { name }, rules };
}

export function newRole(name: string, namespace: string, ...rules: any[]): any {
  return { apiVersion: RBAC_V1, kind: 'Role', metadata: { name, namespace }, rules };
}

/** `Kind:name` strings as upstream writes them (`User:admin`, `Group:admins`, `ServiceAccount:name`). */
function subjects(list: string[]): any[] {
  return list.map((s) => {
    const i = s.indexOf(':');
    const kind = s.slice(0, i);
    const name = s.slice(i + 1);
    return kind === 'ServiceAccount' ? { kind, name } : { kind, apiGroup: RBAC, name };
  });
}

let counter = 0;

/** Upstream bindings have no names; ours need one, so each gets a fresh `crb-N`/`rb-N`. */
export function newClusterRoleBinding(roleName: string, ...subjectList: string[]): any {
  return {
    apiVersion: RBAC_V1,
    kind: 'ClusterRoleBinding',
    metadata: { name: `crb-${counter++}` },
    roleRef: { apiGroup: RBAC, kind: 'ClusterRole', name: roleName },
    subjects: subjects(subjectList),
  };
}

export const bindToRole = 'Role';
export const bindToClusterRole = 'ClusterRole';

export function newRoleBinding(namespace: string, roleName: string, bindType: string, ...subjectList: string[]): any {
  return {
    apiVersion: RBAC_V1,
    kind: 'RoleBinding',
    metadata: { name: `rb-${counter++}`, namespace },
    roleRef: { apiGroup: RBAC, kind: bindType, name: roleName },
    subjects: subjects(subjectList),
  };
}

/** A ClusterRole as docs/scenarios.md#004 writes `pods-viewer-cluster`. */
export const podsViewerCluster = {
  apiVersion: RBAC_V1,
  kind: 'ClusterRole',
  metadata: { name: 'pods-viewer-cluster' },
  rules: [
    { apiGroups: [''], resources: ['pods', 'services'], verbs: ['get', 'list', 'watch'] },
    { apiGroups: ['apps'], resources: ['deployments'], verbs: ['get', 'list', 'watch'] },
  ],
};

/**
 * docs/scenarios.md#004's RoleBinding of wang to it in dev (docs/scenarios.md#004 writes `apiGroup: ""` on the User
 * subject).
 */
export const wangInDev = {
  apiVersion: RBAC_V1,
  kind: 'RoleBinding',
  metadata: { name: 'wang-pods-reader-in-dev', namespace: 'dev' },
  subjects: [{ kind: 'User', name: 'wang', apiGroup: '' }],
  roleRef: { kind: 'ClusterRole', name: 'pods-viewer-cluster', apiGroup: RBAC },
};

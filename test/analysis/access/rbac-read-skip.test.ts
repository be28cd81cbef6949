// rbacRiskFindings reads the documents one at a time and skips, unread, those mayHoldRolesOrBindings rules out (most
// of a large export): reading such a document must give no role and no binding, whatever it holds.
import { mayHoldRolesOrBindings, readRbacObjects } from '../../../lib/analysis/access/rbac-objects';
import { newClusterRole, newClusterRoleBinding, newRole, RBAC_V1 } from './rbac-fixtures';

const role = newRole('r', 'ns', { apiGroups: [''], resources: ['pods'], verbs: ['get'] });
const docs: unknown[] = [
  role,
  newClusterRole('c', { apiGroups: ['*'], resources: ['*'], verbs: ['*'] }),
  newClusterRoleBinding('c', 'User:alice'),
  { ...role, apiVersion: 'v1' }, // a Role of another group is no RBAC role
  { ...role, kind: 'RoleList' }, // not a List without items
  { apiVersion: 'v1', kind: 'List', items: [role] },
  { apiVersion: 'v1', kind: 'RoleList', items: [] },
  { apiVersion: RBAC_V1, kind: 'Other', metadata: { name: 'x' } },
  { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'sa', namespace: 'ns' } },
  { apiVersion: 'v1', kind: 'ServiceAccount', metadata: {} }, // read as an error
  { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' } },
  { metadata: { name: 'kindless' } },
  { kind: 7 },
  'text',
  42,
  0,
  '',
  false,
  null,
  undefined,
  [role],
];

test.each(docs.map((d, i) => [i, d]))(
  'document %i: skipped only when its read gives no role and no binding',
  (_, d) => {
    let read: { roles: number; bindings: number } | 'error';
    try {
      const o = readRbacObjects([d], 'default');
      read = { roles: o.roles.length, bindings: o.bindings.length };
    } catch {
      read = 'error';
    }
    if (!mayHoldRolesOrBindings(d)) expect(read === 'error' || read.roles + read.bindings === 0).toBe(true);
  },
);

test('the RBAC objects themselves are read', () => {
  expect(docs.slice(0, 3).every(mayHoldRolesOrBindings)).toBe(true);
  expect(mayHoldRolesOrBindings(docs[5])).toBe(true); // a List is read for its items
});

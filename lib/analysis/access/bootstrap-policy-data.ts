/**
 * The Kubernetes bootstrap RBAC policy the API server creates at start-up (the RBAC storage's PostStartHook), for the
 * user-facing roles only: cluster-admin, admin, edit, view with the `system:aggregate-to-*` roles they aggregate,
 * system:discovery, system:basic-user, system:public-info-viewer, and their ClusterRoleBindings.
 *
 * Source: kubernetes/kubernetes plugin/pkg/auth/authorizer/rbac/bootstrappolicy/policy.go (`ClusterRoles`,
 * `ClusterRoleBindings`), as rendered in its golden files testdata/cluster-roles.yaml and
 * testdata/cluster-role-bindings.yaml (rules in that order, lists sorted as there):
 * - 1.27: that file at https://github.com/kubernetes/kubernetes/commit/025f2834a128798cef30018a5e6a6ae82b5ad885
 *   (these roles are identical from v1.27, where APISelfSubjectReview went beta and `selfsubjectreviews` joined
 *   system:basic-user, until v1.34);
 * - 1.35: the same file after kubernetes/kubernetes PR #133740 (v1.35: `events.k8s.io` events in view and edit next to
 *   core events) and with DynamicResourceAllocation on by default (GA in v1.34: `resource.k8s.io` claims in view and
 *   edit), as that file reads at https://github.com/aks-lts/kubernetes/commit/ec451e29abeced580a69170d5e4633da583964a6
 * Bindings (unchanged since v1.14): cluster-admin to group system:masters; system:basic-user and system:discovery to
 * system:authenticated; system:public-info-viewer to system:authenticated and system:unauthenticated.
 *
 * Plain data, read at run time: no network access and no file read.
 */

/** One rule as the golden file writes it. */
export interface BootstrapRule {
  readonly apiGroups?: readonly string[];
  readonly resources?: readonly string[];
  readonly verbs: readonly string[];
  readonly nonResourceURLs?: readonly string[];
}

/** One bootstrap ClusterRole. */
export interface BootstrapClusterRole {
  readonly name: string;
  /** Labels besides `kubernetes.io/bootstrapping: rbac-defaults`. */
  readonly labels?: Readonly<Record<string, string>>;
  /** `aggregationRule.clusterRoleSelectors[].matchLabels`, one label each. */
  readonly aggregateFrom?: string;
  readonly rules?: readonly BootstrapRule[];
}

/** One bootstrap ClusterRoleBinding: `name` binds the ClusterRole of the same name to groups. */
export interface BootstrapBinding {
  readonly name: string;
  readonly groups: readonly string[];
}

const READ = ['get', 'list', 'watch'];
const WRITE = ['create', 'delete', 'deletecollection', 'patch', 'update'];
const READ_WRITE = ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'];
const TO_ADMIN = 'rbac.authorization.k8s.io/aggregate-to-admin';
const TO_EDIT = 'rbac.authorization.k8s.io/aggregate-to-edit';
const TO_VIEW = 'rbac.authorization.k8s.io/aggregate-to-view';

const rule = (apiGroups: string[], resources: string[], verbs: string[]): BootstrapRule => ({
  apiGroups,
  resources,
  verbs,
});

/** Roles the same in every version covered. */
const COMMON_ROLES: readonly BootstrapClusterRole[] = [
  { name: 'admin', aggregateFrom: TO_ADMIN },
  { name: 'cluster-admin', rules: [rule(['*'], ['*'], ['*']), { nonResourceURLs: ['*'], verbs: ['*'] }] },
  { name: 'edit', labels: { [TO_ADMIN]: 'true' }, aggregateFrom: TO_EDIT },
  {
    name: 'system:aggregate-to-admin',
    labels: { [TO_ADMIN]: 'true' },
    rules: [
      rule(['authorization.k8s.io'], ['localsubjectaccessreviews'], ['create']),
      rule(['rbac.authorization.k8s.io'], ['rolebindings', 'roles'], READ_WRITE),
    ],
  },
  {
    name: 'system:basic-user',
    rules: [
      rule(['authorization.k8s.io'], ['selfsubjectaccessreviews', 'selfsubjectrulesreviews'], ['create']),
      rule(['authentication.k8s.io'], ['selfsubjectreviews'], ['create']),
    ],
  },
  {
    name: 'system:discovery',
    rules: [
      {
        nonResourceURLs: [
          '/api',
          '/api/*',
          '/apis',
          '/apis/*',
          '/healthz',
          '/livez',
          '/openapi',
          '/openapi/*',
          '/readyz',
          '/version',
          '/version/',
        ],
        verbs: ['get'],
      },
    ],
  },
  {
    name: 'system:public-info-viewer',
    rules: [{ nonResourceURLs: ['/healthz', '/livez', '/readyz', '/version', '/version/'], verbs: ['get'] }],
  },
  { name: 'view', labels: { [TO_EDIT]: 'true' }, aggregateFrom: TO_VIEW },
];

/** system:aggregate-to-edit; `newer` adds the v1.35 events rule and the DRA rule. */
function aggregateToEdit(newer: boolean): BootstrapClusterRole {
  const core = [
    'configmaps',
    ...(newer ? [] : ['events']),
    'persistentvolumeclaims',
    'replicationcontrollers',
    'replicationcontrollers/scale',
    'secrets',
    'serviceaccounts',
    'services',
    'services/proxy',
  ];
  return {
    name: 'system:aggregate-to-edit',
    labels: { [TO_EDIT]: 'true' },
    rules: [
      rule([''], ['pods/attach', 'pods/exec', 'pods/portforward', 'pods/proxy', 'secrets', 'services/proxy'], READ),
      rule([''], ['serviceaccounts'], ['impersonate']),
      rule([''], ['pods', 'pods/attach', 'pods/exec', 'pods/portforward', 'pods/proxy'], WRITE),
      rule([''], ['pods/eviction'], ['create']),
      rule([''], core, WRITE),
      rule([''], ['serviceaccounts/token'], ['create']),
      ...(newer ? [rule(['', 'events.k8s.io'], ['events'], WRITE)] : []),
      rule(
        ['apps'],
        [
          'daemonsets',
          'deployments',
          'deployments/rollback',
          'deployments/scale',
          'replicasets',
          'replicasets/scale',
          'statefulsets',
          'statefulsets/scale',
        ],
        WRITE,
      ),
      rule(['autoscaling'], ['horizontalpodautoscalers'], WRITE),
      rule(['batch'], ['cronjobs', 'jobs'], WRITE),
      rule(
        ['extensions'],
        [
          'daemonsets',
          'deployments',
          'deployments/rollback',
          'deployments/scale',
          'ingresses',
          'networkpolicies',
          'replicasets',
          'replicasets/scale',
          'replicationcontrollers/scale',
        ],
        WRITE,
      ),
      rule(['policy'], ['poddisruptionbudgets'], WRITE),
      rule(['networking.k8s.io'], ['ingresses', 'networkpolicies'], WRITE),
      rule(['coordination.k8s.io'], ['leases'], READ_WRITE),
      ...(newer ? [rule(['resource.k8s.io'], ['resourceclaims', 'resourceclaimtemplates'], WRITE)] : []),
    ],
  };
}

/** system:aggregate-to-view; `newer` adds the v1.35 events rule and the DRA rule. */
function aggregateToView(newer: boolean): BootstrapClusterRole {
  return {
    name: 'system:aggregate-to-view',
    labels: { [TO_VIEW]: 'true' },
    rules: [
      rule(
        [''],
        [
          'configmaps',
          'endpoints',
          'persistentvolumeclaims',
          'persistentvolumeclaims/status',
          'pods',
          'replicationcontrollers',
          'replicationcontrollers/scale',
          'serviceaccounts',
          'services',
          'services/status',
        ],
        READ,
      ),
      rule(
        [''],
        [
          'bindings',
          ...(newer ? [] : ['events']),
          'limitranges',
          'namespaces/status',
          'pods/log',
          'pods/status',
          'replicationcontrollers/status',
          'resourcequotas',
          'resourcequotas/status',
        ],
        READ,
      ),
      rule([''], ['namespaces'], READ),
      ...(newer ? [rule(['', 'events.k8s.io'], ['events'], READ)] : []),
      rule(['discovery.k8s.io'], ['endpointslices'], READ),
      rule(
        ['apps'],
        [
          'controllerrevisions',
          'daemonsets',
          'daemonsets/status',
          'deployments',
          'deployments/scale',
          'deployments/status',
          'replicasets',
          'replicasets/scale',
          'replicasets/status',
          'statefulsets',
          'statefulsets/scale',
          'statefulsets/status',
        ],
        READ,
      ),
      rule(['autoscaling'], ['horizontalpodautoscalers', 'horizontalpodautoscalers/status'], READ),
      rule(['batch'], ['cronjobs', 'cronjobs/status', 'jobs', 'jobs/status'], READ),
      rule(
        ['extensions'],
        [
          'daemonsets',
          'daemonsets/status',
          'deployments',
          'deployments/scale',
          'deployments/status',
          'ingresses',
          'ingresses/status',
          'networkpolicies',
          'replicasets',
          'replicasets/scale',
          'replicasets/status',
          'replicationcontrollers/scale',
        ],
        READ,
      ),
      rule(['policy'], ['poddisruptionbudgets', 'poddisruptionbudgets/status'], READ),
      rule(['networking.k8s.io'], ['ingresses', 'ingresses/status', 'networkpolicies'], READ),
      ...(newer
        ? [rule(['resource.k8s.io'], ['resourceclaims', 'resourceclaims/status', 'resourceclaimtemplates'], READ)]
        : []),
    ],
  };
}

/** The bootstrap ClusterRoles of Kubernetes 1.27 (through 1.34). */
export const CLUSTER_ROLES_1_27: readonly BootstrapClusterRole[] = [
  ...COMMON_ROLES,
  aggregateToEdit(false),
  aggregateToView(false),
];

/** The bootstrap ClusterRoles of Kubernetes 1.35. */
export const CLUSTER_ROLES_1_35: readonly BootstrapClusterRole[] = [
  ...COMMON_ROLES,
  aggregateToEdit(true),
  aggregateToView(true),
];

/** The bootstrap ClusterRoleBindings (the same in every version covered). */
export const CLUSTER_ROLE_BINDINGS: readonly BootstrapBinding[] = [
  { name: 'cluster-admin', groups: ['system:masters'] },
  { name: 'system:basic-user', groups: ['system:authenticated'] },
  { name: 'system:discovery', groups: ['system:authenticated'] },
  { name: 'system:public-info-viewer', groups: ['system:authenticated', 'system:unauthenticated'] },
];

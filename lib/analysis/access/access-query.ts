/**
 * A `kubectl auth can-i` question in plain data, and its translation into what the API server's authorizer would
 * see: the user with the groups the server adds, and the request attributes (group, resource, subresource, name and
 * the namespace the request path really carries: none for cluster-scoped resources, the name for `namespaces/<name>`).
 */
import { boundaryError, describeValue, guardKnownKeys } from '../../model/primitives/guard';
import { parseResourceArg, ResourceCatalog } from './resource-catalog';
import { qualify, RequestAttributes } from './rule-matching';
import { authenticatedUser, serviceAccountUsername, UserInfo } from './subjects';

/** One access question: may this identity do this verb on this resource (or non-resource URL)? */
export interface AccessQuery {
  /**
   * The user name (`wang`; a ServiceAccount's is `system:serviceaccount:<ns>:<name>`).
   * @default - from `serviceAccount`; with neither, only `groups` identify the caller
   */
  readonly user?: string;
  /**
   * Groups the user is in (`system:authenticated` and ServiceAccount groups are added automatically).
   * @default []
   */
  readonly groups?: string[];
  /**
   * Ask as a ServiceAccount, `namespace/name`: user `system:serviceaccount:<ns>:<name>` with groups
   * `system:serviceaccounts` and `system:serviceaccounts:<ns>`.
   * @default - not a ServiceAccount
   */
  readonly serviceAccount?: string;
  /** The verb: `get`, `list`, `watch`, `create`, `update`, `patch`, `delete`, `deletecollection`, `escalate`, ... */
  readonly verb: string;
  /**
   * The resource as kubectl takes it: `pods`, `pods/log`, `deployments.apps`, `deployments.apps/scale`. An unqualified
   * well-known name gets its group (`deployments` is `deployments.apps`); unknown names are core.
   * @default - none: set `nonResourceURL` instead
   */
  readonly resource?: string;
  /**
   * The API group, when not written in `resource`.
   * @default - from `resource`
   */
  readonly apiGroup?: string;
  /**
   * The subresource, when not written in `resource`.
   * @default - from `resource`, else none
   */
  readonly subresource?: string;
  /**
   * The namespace; leave it out for cluster-scoped resources and all-namespace requests.
   * @default '' (all namespaces / cluster-wide)
   */
  readonly namespace?: string;
  /**
   * The object name (`get pods web`); list, watch of all, create and deletecollection have none.
   * @default '' (no name)
   */
  readonly name?: string;
  /**
   * A non-resource URL (`/healthz`, `/metrics`) instead of a resource.
   * @default - a resource request
   */
  readonly nonResourceURL?: string;
}

/** A query as the authorizer sees it. */
export interface ResolvedQuery extends ResolvedRequest {
  /** The user with every group the API server adds. */
  readonly user: UserInfo;
}

function fail(field: string, problem: string, fix: string): never {
  throw boundaryError('AccessQuery', field, `${problem}; fix: ${fix}`);
}

/**
 * The identity of a query, with the groups the API server adds.
 * @throws Error naming the field and the fix when no identity is given or `serviceAccount` is malformed
 */
export function resolveUser(q: AccessQuery): UserInfo {
  let name = q.user;
  const groups = q.groups ?? [];
  if (!Array.isArray(groups) || groups.some((g) => typeof g !== 'string'))
    fail('groups', 'must be a list of strings', 'write groups: ["dev-team"]');
  if (q.serviceAccount !== undefined) {
    const m = /^([^/:]+)\/([^/:]+)$/.exec(q.serviceAccount);
    if (!m) fail('serviceAccount', `"${q.serviceAccount}" is not namespace/name`, 'write it as "dev/workload"');
    const saUser = serviceAccountUsername(m[1], m[2]);
    if (name !== undefined && name !== saUser)
      fail('user', `"${name}" contradicts serviceAccount "${q.serviceAccount}"`, 'give only one of them');
    name = saUser;
  }
  if (name === undefined && groups.length === 0)
    fail('user', 'no identity given', 'set user, groups or serviceAccount');
  if (name !== undefined && typeof name !== 'string') fail('user', 'must be a string', 'write user: "wang"');
  return authenticatedUser(name ?? '', groups);
}

/** The request half of a query: everything but the identity. */
export type AccessRequestFields = Omit<AccessQuery, 'user' | 'groups' | 'serviceAccount'>;

/** A request as the authorizer sees it. */
export interface ResolvedRequest {
  /** The request attributes. */
  readonly attributes: RequestAttributes;
  /** True when the resource is cluster-scoped (so only ClusterRoleBindings can grant it). */
  readonly clusterScoped: boolean;
  /** Notes about how the request was read (a namespace ignored for a cluster-scoped resource, ...). */
  readonly notes: readonly string[];
}

const REQUEST_FIELDS = ['verb', 'resource', 'apiGroup', 'subresource', 'namespace', 'name', 'nonResourceURL'];
const QUERY_FIELDS = ['user', 'groups', 'serviceAccount', ...REQUEST_FIELDS];

/**
 * Translates a query into authorizer input.
 * @throws Error naming the field and the fix when the query is malformed
 */
export function resolveQuery(q: AccessQuery, catalog: ResourceCatalog): ResolvedQuery {
  if (q === null || typeof q !== 'object' || Array.isArray(q))
    fail('query', 'is not an object', 'pass { user, verb, resource, namespace }');
  // A misspelt field (`namespce`) would silently ask another question: refused with "did you mean".
  guardKnownKeys(q, QUERY_FIELDS, 'AccessQuery', 'query');
  return { user: resolveUser(q), ...resolveRequest(q, catalog) };
}

/**
 * Translates the request half of a query into authorizer attributes.
 * @throws Error naming the field and the fix when the request is malformed
 */
export function resolveRequest(q: AccessRequestFields, catalog: ResourceCatalog): ResolvedRequest {
  if (q?.verb !== undefined && q.verb !== null && typeof q.verb !== 'string')
    fail('verb', `must be a string, got ${describeValue(q.verb)}`, 'set verb, e.g. "list"');
  if (typeof q?.verb !== 'string' || q.verb === '') fail('verb', 'is required', 'set verb, e.g. "list"');
  for (const field of ['resource', 'apiGroup', 'subresource', 'namespace', 'name', 'nonResourceURL'] as const) {
    if (q[field] !== undefined && typeof q[field] !== 'string')
      fail(field, `must be a string, got ${describeValue(q[field])}`, `write ${field}: "..."`);
  }
  const hasResource = q.resource !== undefined && q.resource !== '';
  const hasUrl = q.nonResourceURL !== undefined && q.nonResourceURL !== '';
  if (hasResource === hasUrl)
    fail(
      'resource',
      hasResource ? 'and nonResourceURL are both set' : 'is required',
      'set exactly one of resource and nonResourceURL',
    );
  const notes: string[] = [];
  if (hasUrl) {
    if (!q.nonResourceURL!.startsWith('/'))
      fail('nonResourceURL', `"${q.nonResourceURL}" does not start with /`, 'write a path such as /healthz');
    if (q.namespace)
      notes.push('non-resource URLs have no namespace: the namespace is ignored and only ClusterRoleBindings apply');
    return {
      clusterScoped: true,
      notes,
      attributes: {
        verb: q.verb,
        resourceRequest: false,
        apiGroup: '',
        resource: '',
        subresource: '',
        name: '',
        namespace: '',
        path: q.nonResourceURL!,
      },
    };
  }
  const parsed = parseResourceArg(q.resource!);
  if (parsed.resource === '')
    fail('resource', `"${q.resource}" names no resource`, 'write e.g. "pods" or "deployments.apps"');
  if (q.apiGroup !== undefined && parsed.apiGroup !== undefined && q.apiGroup !== parsed.apiGroup) {
    fail('apiGroup', `"${q.apiGroup}" contradicts resource "${q.resource}"`, 'give the group in one place');
  }
  if (q.subresource !== undefined && parsed.subresource !== '' && q.subresource !== parsed.subresource) {
    fail('subresource', `"${q.subresource}" contradicts resource "${q.resource}"`, 'give the subresource in one place');
  }
  const apiGroup = q.apiGroup ?? parsed.apiGroup ?? catalog.defaultGroup(parsed.resource);
  const subresource = q.subresource ?? parsed.subresource;
  const name = q.name ?? '';
  const clusterScoped = catalog.isClusterScoped(parsed.resource, apiGroup);
  let namespace = q.namespace ?? '';
  if (clusterScoped) {
    // The request path of a cluster-scoped object has no namespace, except /api/v1/namespaces/<name>, which the API
    // server's RequestInfo gives the namespace <name>.
    const own = apiGroup === '' && parsed.resource === 'namespaces' ? name : '';
    if (namespace !== '' && namespace !== own) {
      notes.push(
        `${qualify(parsed.resource, apiGroup)} is cluster-scoped: namespace "${namespace}" is ignored and only ClusterRoleBindings apply`,
      );
    }
    namespace = own;
  }
  return {
    clusterScoped: clusterScoped && namespace === '',
    notes,
    attributes: {
      verb: q.verb,
      resourceRequest: true,
      apiGroup,
      resource: parsed.resource,
      subresource,
      name,
      namespace,
      path: '',
    },
  };
}

/**
 * `list pods in namespace dev`, `get pods/log "web" in namespace dev`, `list nodes (cluster-scoped)`, `get /healthz`.
 */
export function describeRequest(a: RequestAttributes, clusterScoped: boolean): string {
  if (!a.resourceRequest) return `${a.verb} ${a.path}`;
  const what = qualify(a.subresource ? `${a.resource}/${a.subresource}` : a.resource, a.apiGroup);
  const named = a.name ? ` "${a.name}"` : '';
  const where = a.namespace
    ? ` in namespace ${a.namespace}`
    : clusterScoped
      ? ' (cluster-scoped)'
      : ' in all namespaces';
  return `${a.verb} ${what}${named}${where}`;
}

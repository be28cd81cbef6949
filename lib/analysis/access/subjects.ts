/**
 * Who is asking (upstream `user.Info`) and which binding subjects apply to them (`appliesToUser` in
 * kubernetes/kubernetes pkg/registry/rbac/validation/rule.go), plus the groups the API server adds on its own.
 */

/** The authenticated identity of a request: user name and groups (upstream `user.Info`). */
export interface UserInfo {
  /** The user name (`wang`, `system:serviceaccount:dev:workload`). */
  readonly name: string;
  /** Every group the user is in, including the ones the API server adds (`system:authenticated`, ...). */
  readonly groups: readonly string[];
}

/** A `subjects[]` entry of a RoleBinding or ClusterRoleBinding. */
export interface BindingSubject {
  /** `User`, `Group` or `ServiceAccount` (any other kind applies to nobody). */
  readonly kind: string;
  /** The name. */
  readonly name: string;
  /**
   * The ServiceAccount's namespace.
   * @default the RoleBinding's namespace (a ClusterRoleBinding's ServiceAccount without one applies to nobody)
   */
  readonly namespace?: string;
}

/** Every authenticated user is in this group (added by the API server's authenticator). */
export const ALL_AUTHENTICATED = 'system:authenticated';
/** The anonymous user's group. */
export const ALL_UNAUTHENTICATED = 'system:unauthenticated';
/** The anonymous user. */
export const ANONYMOUS = 'system:anonymous';
/** Every ServiceAccount is in this group. */
export const ALL_SERVICE_ACCOUNTS = 'system:serviceaccounts';
/** Members bypass authorization altogether (the API server's privileged group, checked before RBAC). */
export const PRIVILEGED_GROUP = 'system:masters';

const SA_PREFIX = 'system:serviceaccount:';

/** `system:serviceaccount:<namespace>:<name>`, the user name of a ServiceAccount token. */
export function serviceAccountUsername(namespace: string, name: string): string {
  return `${SA_PREFIX}${namespace}:${name}`;
}

/** The namespace and name in a ServiceAccount user name, or undefined for other users (upstream `SplitUsername`). */
export function splitServiceAccountUsername(user: string): { namespace: string; name: string } | undefined {
  if (!user.startsWith(SA_PREFIX)) return undefined;
  const parts = user.slice(SA_PREFIX.length).split(':');
  if (parts.length !== 2 || parts[0] === '' || parts[1] === '') return undefined;
  return { namespace: parts[0], name: parts[1] };
}

/** The groups of a ServiceAccount: `system:serviceaccounts` and `system:serviceaccounts:<namespace>`. */
export function serviceAccountGroups(namespace: string): string[] {
  return [ALL_SERVICE_ACCOUNTS, `${ALL_SERVICE_ACCOUNTS}:${namespace}`];
}

/**
 * The identity the API server would see for `user` in `groups`: a ServiceAccount user name gets its ServiceAccount
 * groups, and every user but `system:anonymous` gets `system:authenticated` (anonymous gets
 * `system:unauthenticated`), as the authenticators and impersonation filter add them. Groups are deduplicated and
 * sorted.
 */
export function authenticatedUser(user: string, groups: readonly string[] = []): UserInfo {
  const all = new Set(groups);
  const sa = splitServiceAccountUsername(user);
  if (sa) for (const g of serviceAccountGroups(sa.namespace)) all.add(g);
  all.add(user === ANONYMOUS ? ALL_UNAUTHENTICATED : ALL_AUTHENTICATED);
  return { name: user, groups: [...all].sort() };
}

/**
 * Upstream `appliesToUser`: a User subject by exact name (`*` is no wildcard), a Group by membership, a
 * ServiceAccount by its user name, its namespace defaulting to `bindingNamespace` (`''` for ClusterRoleBindings).
 */
export function subjectAppliesTo(user: UserInfo, subject: BindingSubject, bindingNamespace: string): boolean {
  switch (subject.kind) {
    case 'User':
      return user.name === subject.name;
    case 'Group':
      return user.groups.includes(subject.name);
    case 'ServiceAccount': {
      const ns = subject.namespace || bindingNamespace;
      return ns !== '' && user.name === serviceAccountUsername(ns, subject.name);
    }
    default:
      return false;
  }
}

/** Upstream `appliesTo`: the index of the first subject that applies, or -1. */
export function firstApplyingSubject(
  user: UserInfo,
  subjects: readonly BindingSubject[],
  bindingNamespace: string,
): number {
  return subjects.findIndex((s) => subjectAppliesTo(user, s, bindingNamespace));
}

/**
 * The index keys under which a binding subject is found: `User:<name>`, `Group:<name>` and, for a ServiceAccount,
 * `User:system:serviceaccount:<ns>:<name>` (it matches by user name). Undefined when it applies to nobody.
 */
export function subjectKey(subject: BindingSubject, bindingNamespace: string): string | undefined {
  switch (subject.kind) {
    case 'User':
      return `User:${subject.name}`;
    case 'Group':
      return `Group:${subject.name}`;
    case 'ServiceAccount': {
      const ns = subject.namespace || bindingNamespace;
      return ns === '' ? undefined : `User:${serviceAccountUsername(ns, subject.name)}`;
    }
    default:
      return undefined;
  }
}

/** The index keys of a user: their name and each group. */
export function userKeys(user: UserInfo): string[] {
  return [`User:${user.name}`, ...user.groups.map((g) => `Group:${g}`)];
}

/** `User "wang"`, `Group "dev-team"`, `ServiceAccount "dev/workload"`. */
export function describeSubject(subject: BindingSubject, bindingNamespace: string): string {
  if (subject.kind === 'ServiceAccount')
    return `ServiceAccount "${subject.namespace || bindingNamespace}/${subject.name}"`;
  return `${subject.kind} "${subject.name}"`;
}

/** `user "wang" (groups dev-team, system:authenticated)`. */
export function describeUser(user: UserInfo): string {
  const sa = splitServiceAccountUsername(user.name);
  const who = sa ? `ServiceAccount "${sa.namespace}/${sa.name}"` : `user "${user.name}"`;
  return `${who} (groups ${user.groups.join(', ') || 'none'})`;
}

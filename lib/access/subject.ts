import * as kplus from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import { guardScope, guardString, rejectInput } from '../core/guard';
import { guardDnsLabel, guardDnsSubdomain } from '../core/kube-name-guards';

const RBAC_GROUP = 'rbac.authorization.k8s.io';

/** Who an {@link AccessRole} is granted to: a user, a group or a ServiceAccount. Plain data, no scope needed. */
export class Subject {
  /** A user: the CN of a client certificate, or the name a token or OIDC authenticator reports. */
  public static user(name: string): Subject {
    return new Subject('User', subjectName(name, 'Subject.user', 'a user name'));
  }

  /**
   * A group: the O of a client certificate, or a group an authenticator reports. Granting to groups rather than
   * users keeps grants stable while people come and go.
   */
  public static group(name: string): Subject {
    return new Subject('Group', subjectName(name, 'Subject.group', 'a group name'));
  }

  /** A ServiceAccount, by name and namespace, or a cdk8s-plus ServiceAccount (its namespace must be set). */
  public static serviceAccount(account: string | kplus.ServiceAccount, namespace?: string): Subject {
    const where = 'Subject.serviceAccount';
    // Upstream: pkg/apis/rbac/validation.ValidateRoleBindingSubject (ValidateServiceAccountName: a DNS-1123 subdomain).
    if (typeof account === 'string') {
      guardDnsSubdomain(account, where, 'account', 'ServiceAccount name');
      if (namespace === undefined) rejectInput(where, 'namespace', 'the ServiceAccount\'s namespace', namespace, `pass it as the second argument: Subject.serviceAccount(${JSON.stringify(account)}, 'dev')`);
      return new Subject('ServiceAccount', account, guardDnsLabel(namespace, where, 'namespace', 'namespace name'));
    }
    if (!(account instanceof kplus.ServiceAccount)) {
      rejectInput(where, 'account', 'a ServiceAccount name or a cdk8s-plus-27 ServiceAccount', account, 'pass the name and the namespace: Subject.serviceAccount(\'ci\', \'dev\')');
    }
    const ns = namespace ?? account.metadata.namespace;
    if (ns === undefined) rejectInput(where, 'namespace', 'the ServiceAccount\'s namespace', ns, 'pass it as the second argument, or give the ServiceAccount metadata.namespace');
    return new Subject('ServiceAccount', account.name, guardDnsLabel(ns, where, 'namespace', 'namespace name'));
  }

  private constructor(
    /** `User`, `Group` or `ServiceAccount`. */
    public readonly kind: 'User' | 'Group' | 'ServiceAccount',
    /** The name. */
    public readonly name: string,
    /** The namespace (ServiceAccounts only). */
    public readonly namespace?: string,
  ) {}

  /** A short readable form for binding names: `user-wang`, `group-dev-team`, `sa-dev-workload`. */
  public get slug(): string {
    const raw = this.kind === 'ServiceAccount' ? `sa-${this.namespace}-${this.name}` : `${this.kind.toLowerCase()}-${this.name}`;
    return raw.toLowerCase().replace(/[^a-z0-9.-]+/g, '-').replace(/-+/g, '-').replace(/^[-.]+|[-.]+$/g, '');
  }

  /** The same subject as a cdk8s-plus-27 subject, created under `scope` (kplus subjects are constructs). */
  public toKplus(scope: Construct, id: string): kplus.ISubject {
    guardScope(scope, id, 'Subject.toKplus');
    if (this.kind === 'User') return kplus.User.fromName(scope, id, this.name);
    if (this.kind === 'Group') return kplus.Group.fromName(scope, id, this.name);
    return kplus.ServiceAccount.fromServiceAccountName(scope, id, this.name, { namespaceName: this.namespace });
  }

  /** The subject as it appears in a binding. */
  public toJson(): Record<string, string> {
    if (this.kind === 'ServiceAccount') return { kind: 'ServiceAccount', name: this.name, namespace: this.namespace! };
    return { apiGroup: RBAC_GROUP, kind: this.kind, name: this.name };
  }
}

/**
 * A user or group name: any non-empty string, as the API server accepts (pkg/apis/rbac/validation
 * .ValidateRoleBindingSubject requires only a name), but not padded: an authenticator never reports " wang".
 */
function subjectName(v: unknown, where: string, expected: string): string {
  const name = guardString(v, where, 'name', { expected: `${expected} (non-empty)` });
  if (name.trim() !== name) rejectInput(where, 'name', `${expected} without surrounding spaces`, name, `use ${JSON.stringify(name.trim())}`);
  return name;
}

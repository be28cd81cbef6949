import * as kplus from 'cdk8s-plus-27';
import { Construct } from 'constructs';

const RBAC_GROUP = 'rbac.authorization.k8s.io';

/** Who an {@link AccessRole} is granted to: a user, a group or a ServiceAccount. Plain data, no scope needed. */
export class Subject {
  /** A user: the CN of a client certificate, or the name a token or OIDC authenticator reports. */
  public static user(name: string): Subject {
    return new Subject('User', name);
  }

  /**
   * A group: the O of a client certificate, or a group an authenticator reports. Granting to groups rather than
   * users keeps grants stable while people come and go.
   */
  public static group(name: string): Subject {
    return new Subject('Group', name);
  }

  /** A ServiceAccount, by name and namespace, or a cdk8s-plus ServiceAccount (its namespace must be set). */
  public static serviceAccount(account: string | kplus.ServiceAccount, namespace?: string): Subject {
    if (typeof account === 'string') {
      if (!namespace) throw new Error(`Subject.serviceAccount("${account}"): a namespace is required; fix: pass it as the second argument`);
      return new Subject('ServiceAccount', account, namespace);
    }
    const ns = namespace ?? account.metadata.namespace;
    if (!ns) throw new Error(`Subject.serviceAccount(${account.name}): the ServiceAccount has no namespace; fix: pass it as the second argument`);
    return new Subject('ServiceAccount', account.name, ns);
  }

  private constructor(
    /** `User`, `Group` or `ServiceAccount`. */
    public readonly kind: 'User' | 'Group' | 'ServiceAccount',
    /** The name. */
    public readonly name: string,
    /** The namespace (ServiceAccounts only). */
    public readonly namespace?: string,
  ) {
    if (name.length === 0) throw new Error(`Subject: a ${kind} needs a name`);
  }

  /** A short readable form for binding names: `user-wang`, `group-dev-team`, `sa-dev-workload`. */
  public get slug(): string {
    const raw = this.kind === 'ServiceAccount' ? `sa-${this.namespace}-${this.name}` : `${this.kind.toLowerCase()}-${this.name}`;
    return raw.toLowerCase().replace(/[^a-z0-9.-]+/g, '-').replace(/-+/g, '-').replace(/^[-.]+|[-.]+$/g, '');
  }

  /** The same subject as a cdk8s-plus-27 subject, created under `scope` (kplus subjects are constructs). */
  public toKplus(scope: Construct, id: string): kplus.ISubject {
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

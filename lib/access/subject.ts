import { Construct, IConstruct } from 'constructs';
import { guardScope, guardString, rejectInput } from '../model/primitives/guard';
import { guardDnsLabel, guardDnsSubdomain } from '../model/primitives/kube-name-guards';
import { IKubeResource, KubeSubjectConfiguration, kubeObjectOf } from '../core/kube-resource';

const RBAC_GROUP = 'rbac.authorization.k8s.io';

/**
 * A subject construct any cdk8s-plus 2.x line's `RoleBinding.addSubjects` takes: the members of cdk8s-plus's
 * `ISubject` (cdk8s-team/cdk8s-plus src/role-binding.ts), declared here so no cdk8s-plus line is needed to use it.
 */
export interface IKplusSubject extends IConstruct {
  /** The subject as the binding renders it. */
  toSubjectConfiguration(): KubeSubjectConfiguration;
}

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

  /**
   * A ServiceAccount, by name and namespace, or a ServiceAccount construct of any cdk8s-plus 2.x line (or a cdk8s
   * ApiObject of kind ServiceAccount), whose namespace must be set.
   */
  public static serviceAccount(account: string | IKubeResource, namespace?: string): Subject {
    const where = 'Subject.serviceAccount';
    // Upstream: pkg/apis/rbac/validation.ValidateRoleBindingSubject (ValidateServiceAccountName: a DNS-1123 subdomain).
    if (typeof account === 'string') {
      guardDnsSubdomain(account, where, 'account', 'ServiceAccount name');
      if (namespace === undefined)
        rejectInput(
          where,
          'namespace',
          "the ServiceAccount's namespace",
          namespace,
          `pass it as the second argument: Subject.serviceAccount(${JSON.stringify(account)}, 'dev')`,
        );
      return new Subject('ServiceAccount', account, guardDnsLabel(namespace, where, 'namespace', 'namespace name'));
    }
    // Read structurally, never `instanceof` one kplus line's class: a cdk8s init project gets cdk8s-plus-33.
    const api = kubeObjectOf(account, where, 'account', {
      apiVersion: 'v1',
      kind: 'ServiceAccount',
      fix: "pass the name and the namespace: Subject.serviceAccount('ci', 'dev'), or a ServiceAccount construct",
    });
    const ns = namespace ?? api.metadata.namespace;
    if (ns === undefined)
      rejectInput(
        where,
        'namespace',
        "the ServiceAccount's namespace",
        ns,
        'pass it as the second argument, or give the ServiceAccount metadata.namespace',
      );
    return new Subject('ServiceAccount', api.name, guardDnsLabel(ns, where, 'namespace', 'namespace name'));
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
    const raw =
      this.kind === 'ServiceAccount' ? `sa-${this.namespace}-${this.name}` : `${this.kind.toLowerCase()}-${this.name}`;
    return raw
      .toLowerCase()
      .replace(/[^a-z0-9.-]+/g, '-')
      .replace(/-+/g, '-')
      .replace(/^[-.]+|[-.]+$/g, '');
  }

  /**
   * The same subject as a construct under `scope` that the `RoleBinding` of any cdk8s-plus 2.x line (27 to 33) takes
   * in `addSubjects` (kplus subjects are constructs). It renders as {@link toJson} does; it needs no cdk8s-plus line.
   */
  public toKplus(scope: Construct, id: string): IKplusSubject {
    guardScope(scope, id, 'Subject.toKplus');
    return new SubjectConstruct(scope, id, this._toBindingSubject());
  }

  /** The subject as it appears in a binding. */
  public toJson(): Record<string, string> {
    if (this.kind === 'ServiceAccount') return { kind: 'ServiceAccount', name: this.name, namespace: this.namespace! };
    return { apiGroup: RBAC_GROUP, kind: this.kind, name: this.name };
  }

  /**
   * The subject as the library's bindings render it: as cdk8s-plus rendered it (so manifests stay byte-identical), a
   * ServiceAccount with `apiGroup: ''`, the core group, which the API server treats as no group. @internal
   */
  public _toBindingSubject(): KubeSubjectConfiguration {
    if (this.kind === 'ServiceAccount')
      return { apiGroup: '', kind: 'ServiceAccount', name: this.name, namespace: this.namespace! };
    return { apiGroup: RBAC_GROUP, kind: this.kind, name: this.name };
  }
}

/** The construct {@link Subject.toKplus} returns. */
class SubjectConstruct extends Construct implements IKplusSubject {
  public constructor(
    scope: Construct,
    id: string,
    private readonly config: KubeSubjectConfiguration,
  ) {
    super(scope, id);
  }

  public toSubjectConfiguration(): KubeSubjectConfiguration {
    return { ...this.config };
  }
}

/**
 * A user or group name: any non-empty string, as the API server accepts (pkg/apis/rbac/validation
 * .ValidateRoleBindingSubject requires only a name), but not padded: an authenticator never reports " wang".
 */
function subjectName(v: unknown, where: string, expected: string): string {
  const name = guardString(v, where, 'name', { expected: `${expected} (non-empty)` });
  if (name.trim() !== name)
    rejectInput(where, 'name', `${expected} without surrounding spaces`, name, `use ${JSON.stringify(name.trim())}`);
  return name;
}

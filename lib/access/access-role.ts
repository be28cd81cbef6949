import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { addManifestValidation } from '../validation/synth-validation';
import { dropChartNamespace } from '../core/cluster-scoped';
import {
  boundaryError,
  constructWhere,
  guardArray,
  guardBoolean,
  guardEnum,
  guardInstance,
  guardKnownKeys,
  guardObject,
  guardOptionalArray,
  guardOptionalString,
  guardProps,
  guardOptionalEnum,
  guardScope,
  guardString,
  rejectInput,
} from '../model/primitives/guard';
import { guardDnsLabel } from '../model/primitives/kube-name-guards';
import { DNS1123_SUBDOMAIN_MAX, isDns1123Subdomain } from '../model/primitives/kube-names';
import { dnsNameFromId } from '../core/names';
import { acknowledgedRisksAnnotation } from '../model/primitives/acknowledged-risks';
import { IKplusResource, KubeObjectHandle, kubeObjectHandle } from '../core/kube-resource';
import {
  AccessModel,
  AccessRisk,
  DEFAULT_KUBERNETES_VERSION,
  KubernetesVersion,
  rbacRuleRisks,
  RbacScope,
} from '../analysis/access';
import { Subject } from './subject';

/**
 * One rule of an {@link AccessRole}: the shape of the access engine's `RbacPolicyRule` (`rbac.authorization.k8s.io/v1`
 * PolicyRule), checked as upstream's pkg/apis/rbac/validation.ValidatePolicyRule checks it. A resource rule needs
 * `verbs`, `apiGroups` (`''` is the core group) and `resources`; a non-resource rule (a ClusterRole only) needs
 * `verbs` and `nonResourceURLs` and nothing else, and takes effect only through {@link AccessRole.grantClusterWide}
 * (the RBAC authorizer ignores non-resource rules reached through a RoleBinding).
 */
export interface AccessRule {
  /**
   * API groups: `''` is the core group, `*` every group.
   * @default [] (matches no resource request)
   */
  readonly apiGroups?: string[];
  /**
   * Resources, `resource/subresource` for subresources; `*` is every resource and subresource, and `*` followed by
   * `/scale` is the `scale` subresource of every resource.
   * @default [] (matches no resource request)
   */
  readonly resources?: string[];
  /** Verbs: `get`, `list`, `watch`, `create`, ... or `*`. */
  readonly verbs: string[];
  /**
   * Object names the rule is limited to; empty means every object. A request without a name (list, watch of all,
   * create, deletecollection) never matches a non-empty list.
   * @default [] (every object)
   */
  readonly resourceNames?: string[];
  /**
   * Non-resource URL paths (`/healthz`, `/apis/*`): exact, `*`, or a prefix ending in `*`.
   * @default [] (matches no non-resource request)
   */
  readonly nonResourceURLs?: string[];
}

/** Risky grants, refused unless acknowledged in {@link AccessRoleProps.acknowledgeRisks}: the access engine's enum. */
export { AccessRisk } from '../analysis/access/access-risk';

/** Props of {@link AccessRole}. */
export interface AccessRoleProps {
  /**
   * Name of the ClusterRole (or of the Role, with `namespace`).
   * @default derived from the construct id (`PodsViewer` -> `pods-viewer`)
   */
  readonly name?: string;
  /** The rules. */
  readonly rules: AccessRule[];
  /**
   * Make it a namespaced Role in this namespace (`kubectl create role ... --namespace dev`), bound by RoleBindings in
   * that namespace only. Prefer a ClusterRole granted per namespace when several namespaces need the same rules.
   * @default - a ClusterRole, defined once and granted per namespace
   */
  readonly namespace?: string;
  /**
   * Risks accepted knowingly; any risk the rules carry that is not listed here makes the constructor throw.
   * @default [] (no risky rule accepted)
   */
  readonly acknowledgeRisks?: AccessRisk[];
}

/** Options of {@link AccessRole.grant} (and of the conveniences `SecureNamespace.grant`, `ClusterUser.grant`). */
export interface GrantOptions {
  /**
   * Name of the RoleBinding.
   * @default `<role>-<subject>`, such as `pods-viewer-user-wang`
   */
  readonly bindingName?: string;
}

/** Options of {@link AccessRole.grantClusterWide}: the explicit request. */
export interface GrantClusterWideOptions {
  /** Must be true: the grant applies in every namespace, present and future, and to cluster-scoped resources. */
  readonly acknowledgeClusterWide: boolean;
  /**
   * Risks of a cluster-wide grant accepted knowingly (reading secrets everywhere).
   * @default []
   */
  readonly acknowledgeRisks?: AccessRisk[];
  /**
   * Name of the ClusterRoleBinding.
   * @default `<role>-<subject>`
   */
  readonly bindingName?: string;
}

/** Options of {@link AccessRole.clusterAdmin}. */
export interface ClusterAdminRoleOptions {
  /** Must include `AccessRisk.CLUSTER_ADMIN`: cluster-admin grants every action on every resource. */
  readonly acknowledgeRisks: AccessRisk[];
}

/** Options of the Calico tier roles. */
export interface CalicoTierRoleOptions {
  /** The tier. */
  readonly tier: string;
  /**
   * Name of the ClusterRole.
   * @default `calico-<tier>-policy-viewer` or `calico-<tier>-policy-editor`
   */
  readonly name?: string;
}

/**
 * The user-facing ClusterRoles of the Kubernetes bootstrap policy (plugin/pkg/auth/authorizer/rbac/bootstrappolicy).
 */
export enum BuiltInClusterRole {
  /** Read-only access to most objects of a namespace, secrets and roles excluded. */
  VIEW = 'view',
  /**
   * `view` plus writing most objects of a namespace, reading secrets, exec into pods, impersonating ServiceAccounts.
   */
  EDIT = 'edit',
  /** `edit` plus Roles and RoleBindings of the namespace. */
  ADMIN = 'admin',
}

/** Options of {@link AccessRole.builtIn}. */
export interface BuiltInRoleOptions {
  /** Which built-in role. */
  readonly role: BuiltInClusterRole;
  /**
   * Risks the role's rules carry, accepted knowingly (`edit` and `admin`: pods/exec, impersonating ServiceAccounts).
   * @default [] (only `view` passes)
   */
  readonly acknowledgeRisks?: AccessRisk[];
  /**
   * The Kubernetes version whose bootstrap policy gives the rules.
   * @default KubernetesVersion.V1_27
   */
  readonly kubernetesVersion?: KubernetesVersion;
}

/** Options of the ready-made roles. */
export interface ReadyRoleOptions {
  /**
   * Name of the ClusterRole (or Role).
   * @default the role's usual name (`pods-viewer`)
   */
  readonly name?: string;
  /**
   * Make it a namespaced Role in this namespace, as `kubectl create role pods-viewer --namespace dev` in
   * docs/scenarios.md#004.
   * @default - a ClusterRole
   */
  readonly namespace?: string;
}

const PROPS = ['name', 'rules', 'acknowledgeRisks', 'namespace'];
const RULE_KEYS = ['apiGroups', 'resources', 'verbs', 'resourceNames', 'nonResourceURLs'];
const SUBJECT_EXPECTED = 'a Subject (Subject.user, Subject.group, Subject.serviceAccount)';
/**
 * Role and binding names. Upstream only requires a path segment (pkg/apis/rbac/validation.ValidateRBACName =
 * path.IsValidPathSegmentName); the library keeps to ':'-separated DNS-1123 subdomains (`system:aggregate-to-view`,
 * `pods-viewer-user-wang`), at most 253 characters: lowercase letters, digits, '-', '.' and ':', which every tool
 * reads the same way. The name syntax is the one of lib/model/primitives/kube-names.ts.
 */
function isRbacName(name: string): boolean {
  return name.length <= DNS1123_SUBDOMAIN_MAX && name.split(':').every(isDns1123Subdomain);
}

/** Risks to acknowledge: a list of AccessRisk values (a string is refused, never split into characters). */
function guardRisks(v: unknown, where: string, field: string): AccessRisk[] | undefined {
  return guardOptionalArray(v, where, field, (r, f) => guardEnum(r, AccessRisk, where, f, { enumName: 'AccessRisk' }), {
    of: 'AccessRisk values',
  });
}

/**
 * The rules' runtime shape, as upstream pkg/apis/rbac/validation.ValidatePolicyRule: verbs required; a rule with
 * nonResourceURLs is a ClusterRole's and names no resource; any other rule needs apiGroups and resources.
 */
function guardRules(v: unknown, where: string, namespaced: boolean): AccessRule[] {
  return guardArray(v, where, 'rules', (r, f) => guardRule(r, where, f, namespaced), {
    minLength: 1,
    of: 'rules',
    fix: Array.isArray(v) ? 'give at least one rule { apiGroups, resources, verbs }' : undefined,
  });
}

function guardRule(r: unknown, where: string, f: string, namespaced: boolean): AccessRule {
  const rule = guardObject(r, where, f, { expected: 'a rule { apiGroups, resources, verbs, resourceNames? }' });
  guardKnownKeys(rule, RULE_KEYS, where, f);
  const list = (key: string, allowEmpty: boolean, example: string): string[] =>
    guardArray(
      rule[key],
      where,
      `${f}.${key}`,
      (x, xf) =>
        guardString(x, where, xf, {
          allowEmpty,
          expected: allowEmpty ? "a string ('' is the core group)" : 'a non-empty string',
        }),
      {
        minLength: 1,
        of: 'strings',
        fix: Array.isArray(rule[key]) ? `list at least one, e.g. ${example}` : undefined,
      },
    );
  if (rule.nonResourceURLs !== undefined) {
    const verbs = list('verbs', false, "['get']");
    const nonResourceURLs = list('nonResourceURLs', false, "['/healthz']");
    const field = `${f}.nonResourceURLs`;
    if (namespaced) {
      throw boundaryError(
        where,
        field,
        'namespaced rules cannot apply to non-resource URLs; fix: define the rules as a ClusterRole (no namespace)',
      );
    }
    if (['apiGroups', 'resources', 'resourceNames'].some((k) => rule[k] !== undefined)) {
      throw boundaryError(
        where,
        field,
        'rules cannot apply to both regular resources and non-resource URLs; ' +
          'fix: split it into one rule for resources and one for nonResourceURLs',
      );
    }
    return { nonResourceURLs, verbs };
  }
  const apiGroups = list('apiGroups', true, "[''] for the core group");
  const resources = list('resources', false, "['pods']");
  const verbs = list('verbs', false, "['get', 'list', 'watch']");
  const resourceNames = guardOptionalArray(
    rule.resourceNames,
    where,
    `${f}.resourceNames`,
    (x, xf) => guardString(x, where, xf),
    { of: 'object names' },
  );
  return { apiGroups, resources, verbs, ...(resourceNames !== undefined ? { resourceNames } : {}) };
}

const READ = ['get', 'list', 'watch'];
const WRITE = ['create', 'update', 'patch', 'delete'];
const CALICO_TIERED = [
  'tier.networkpolicies',
  'tier.globalnetworkpolicies',
  'tier.stagednetworkpolicies',
  'tier.stagedglobalnetworkpolicies',
];

/**
 * A ClusterRole defined once and granted per namespace through RoleBindings ({@link grant}), or cluster-wide only
 * when asked explicitly ({@link grantClusterWide}). Risky rules are refused unless acknowledged, with the reason.
 * The role ({@link roleObject}) and the bindings the grants return are cdk8s `ApiObject`s (no cdk8s-plus line is
 * needed): readable binding names, cluster-scoped objects without the chart namespace, rules without
 * `resourceNames: []` and grouped as written rather than one per resource.
 */
export class AccessRole extends Construct {
  /** get/list/watch on pods, services and deployments: `pods-viewer` of docs/scenarios.md#004. */
  public static podsViewer(scope: Construct, id: string, options: ReadyRoleOptions = {}): AccessRole {
    const opts = guardProps(options, constructWhere(scope, id), 'options');
    guardKnownKeys(opts, ['name', 'namespace'], constructWhere(scope, id), 'options');
    return new AccessRole(scope, id, {
      name: opts.name ?? 'pods-viewer',
      namespace: opts.namespace,
      rules: [
        { apiGroups: [''], resources: ['pods', 'services'], verbs: READ },
        { apiGroups: ['apps'], resources: ['deployments'], verbs: READ },
      ],
    });
  }

  /** Read Calico policies of one tier (Calico's tiered RBAC: the tier itself, then `tier.*` kinds named `<tier>.*`). */
  public static calicoPolicyViewer(scope: Construct, id: string, options: CalicoTierRoleOptions): AccessRole {
    const tier = guardTierOptions(scope, id, options);
    return new AccessRole(scope, id, {
      name: options.name ?? `calico-${tier}-policy-viewer`,
      rules: tierRules(tier, READ),
    });
  }

  /** Read and write Calico policies of one tier (the tier itself stays read-only). */
  public static calicoPolicyEditor(scope: Construct, id: string, options: CalicoTierRoleOptions): AccessRole {
    const tier = guardTierOptions(scope, id, options);
    return new AccessRole(scope, id, {
      name: options.name ?? `calico-${tier}-policy-editor`,
      rules: tierRules(tier, [...READ, ...WRITE]),
    });
  }

  /**
   * The built-in `cluster-admin` ClusterRole (not emitted: it exists in every cluster), for recipes that really need
   * it, such as the dashboard admin account. Refused unless `AccessRisk.CLUSTER_ADMIN` is acknowledged.
   */
  public static clusterAdmin(scope: Construct, id: string, options: ClusterAdminRoleOptions): AccessRole {
    const where = constructWhere(guardScope(scope, id, 'AccessRole.clusterAdmin'), id);
    const opts = guardObject(options, where, 'options', {
      expected: 'an object { acknowledgeRisks: [AccessRisk.CLUSTER_ADMIN] }',
    });
    guardKnownKeys(opts, ['acknowledgeRisks'], where, 'options');
    const risks = guardRisks(opts.acknowledgeRisks, where, 'options.acknowledgeRisks') ?? [];
    if (!risks.includes(AccessRisk.CLUSTER_ADMIN)) {
      throw boundaryError(
        where,
        'options.acknowledgeRisks',
        'cluster-admin grants every action on every resource in the cluster; ' +
          'fix: use a narrower role, or acknowledge with acknowledgeRisks: [AccessRisk.CLUSTER_ADMIN]',
      );
    }
    const everything = [{ apiGroups: ['*'], resources: ['*'], verbs: ['*'] }];
    return new BuiltInAccessRole(scope, id, 'cluster-admin', everything, [AccessRisk.CLUSTER_ADMIN]);
  }

  /**
   * One of the user-facing ClusterRoles every cluster has (`view`, `edit`, `admin`; not emitted), to grant per
   * namespace like any AccessRole: `AccessRole.builtIn(chart, 'View', { role: BuiltInClusterRole.VIEW }).grant(...)`.
   * Its rules are the bootstrap policy's aggregated ones for the Kubernetes version, checked for risks like any role:
   * `edit` and `admin` include `pods/exec` and impersonating ServiceAccounts, so they need those risks acknowledged.
   */
  public static builtIn(scope: Construct, id: string, options: BuiltInRoleOptions): AccessRole {
    const where = constructWhere(guardScope(scope, id, 'AccessRole.builtIn'), id);
    const opts = guardObject(options, where, 'options', {
      expected: 'an object { role: BuiltInClusterRole.VIEW, acknowledgeRisks?, kubernetesVersion? }',
    });
    guardKnownKeys(opts, ['role', 'acknowledgeRisks', 'kubernetesVersion'], where, 'options');
    const name = guardEnum(opts.role, BuiltInClusterRole, where, 'options.role', { enumName: 'BuiltInClusterRole' });
    const version = guardOptionalEnum(opts.kubernetesVersion, KubernetesVersion, where, 'options.kubernetesVersion', {
      enumName: 'KubernetesVersion',
    });
    const acknowledged = guardRisks(opts.acknowledgeRisks, where, 'options.acknowledgeRisks') ?? [];
    const rules = builtInRules(name, version ?? DEFAULT_KUBERNETES_VERSION);
    const risks = roleRisks(rules, 'namespace');
    for (const [risk, reason] of risks) {
      if (!acknowledged.includes(risk)) {
        throw boundaryError(
          where,
          'options.acknowledgeRisks',
          `the built-in ${name} role's ${reason}; fix: use a narrower role, or acknowledge with ` +
            `acknowledgeRisks: [${risks.map(([r]) => `AccessRisk.${riskKey(r)}`).join(', ')}]`,
        );
      }
    }
    return new BuiltInAccessRole(
      scope,
      id,
      name,
      rules,
      risks.map(([risk]) => risk),
    );
  }

  /** The ClusterRole (or Role) name. */
  public readonly name: string;
  /** The rules (a frozen array). */
  public readonly rules: AccessRule[];
  /**
   * The namespace of a namespaced Role.
   * @default - a ClusterRole
   */
  public readonly namespace?: string;
  /**
   * The Role or ClusterRole object, for JSON patches and dependencies.
   * @default - none for the built-in roles ({@link clusterAdmin}, {@link builtIn}): they exist in every cluster and are
   * not emitted
   */
  public readonly roleObject?: ApiObject;
  /**
   * The Role or ClusterRole: {@link roleObject}, or for a built-in role a reference that is not emitted.
   * @deprecated use {@link roleObject} (or {@link name} and {@link namespace} for a built-in role). This was a
   * cdk8s-plus-27 `IRole` until the library stopped depending on cdk8s-plus; it now carries the members cdk8s-plus's
   * `IRole` has on every line, so a `RoleBinding` of any line can still reference it.
   */
  public readonly role: IKplusResource;
  private readonly bindingNames = new Set<string>();

  public constructor(scope: Construct, id: string, props: AccessRoleProps) {
    super(guardScope(scope, id, 'AccessRole'), id);
    addManifestValidation(this); // its built-in objects get validateObject at synth
    // A reference to a built-in role (AccessRole.clusterAdmin / builtIn) is checked like any role, never emitted.
    const builtIn = this instanceof BuiltInAccessRole;
    const where = this.node.path;
    guardObject(props, where, 'props', { expected: 'a props object { rules, name?, acknowledgeRisks? }' });
    guardKnownKeys(props, PROPS, where);
    const named = guardOptionalString(props.name, where, 'name', { expected: 'a ClusterRole name' });
    this.name = named ?? dnsNameFromId(id);
    if (!isRbacName(this.name)) {
      rejectInput(
        where,
        'name',
        "a ClusterRole name of lowercase letters, digits, '-', '.' and ':'",
        this.name,
        named === undefined
          ? 'pass name (the one derived from the construct id is not valid)'
          : "use lowercase letters, digits, '-', '.' and ':'",
      );
    }
    this.rules = Object.freeze(guardRules(props.rules, where, props.namespace !== undefined)) as AccessRule[];
    // Upstream: a Role's namespace is a DNS-1123 label (pkg/apis/core/validation.ValidateNamespaceName).
    if (props.namespace !== undefined)
      this.namespace = guardDnsLabel(props.namespace, where, 'namespace', 'namespace name');
    const acknowledged = new Set(guardRisks(props.acknowledgeRisks, where, 'acknowledgeRisks') ?? []);
    if (this.name === 'cluster-admin' && !acknowledged.has(AccessRisk.CLUSTER_ADMIN)) {
      throw boundaryError(
        where,
        'name',
        'cluster-admin grants every action on every resource in the cluster; ' +
          'fix: use a narrower role, or acknowledge with acknowledgeRisks: [AccessRisk.CLUSTER_ADMIN]',
      );
    }
    const risks = roleRisks(this.rules, 'namespace');
    for (const [risk, reason, index] of risks) {
      if (!acknowledged.has(risk)) {
        throw boundaryError(
          where,
          `rules[${index}]`,
          `${reason}; fix: narrow the rule, or acknowledge with acknowledgeRisks: [AccessRisk.${riskKey(risk)}]`,
        );
      }
    }
    if (builtIn) {
      this.role = new KubeObjectHandle(this, 'Resource', {
        apiVersion: RBAC_API_VERSION,
        kind: 'ClusterRole',
        name: this.name,
        resourceType: 'clusterroles',
      });
      return;
    }
    const annotations = acknowledgedRisksAnnotation(risks.map(([risk]) => risk));
    const role = kubeObjectHandle(this, 'Resource', this.namespace !== undefined ? 'roles' : 'clusterroles', {
      apiVersion: RBAC_API_VERSION,
      kind: this.namespace !== undefined ? 'Role' : 'ClusterRole',
      metadata: { name: this.name, namespace: this.namespace, annotations },
      rules: groupRules(this.rules.flatMap(endpointRules)),
    });
    this.roleObject = role.apiObject;
    if (this.namespace === undefined) dropChartNamespace(this.roleObject);
    this.role = role;
  }

  /**
   * The ClusterRole: {@link roleObject}, or for a built-in role a reference that is not emitted.
   * @throws Error when this is a namespaced Role (use {@link roleObject})
   * @deprecated use {@link roleObject} (or {@link name} for a built-in role). This was a cdk8s-plus-27
   * `IClusterRole` until the library stopped depending on cdk8s-plus; it is now read structurally.
   */
  public get clusterRole(): IKplusResource {
    if (this.namespace !== undefined) {
      throw boundaryError(
        this.node.path,
        'clusterRole',
        `this AccessRole is the Role ${this.namespace}/${this.name}, not a ClusterRole; fix: use roleObject`,
      );
    }
    return this.role;
  }

  /**
   * Grant the role to `subject` in `namespace` only: a RoleBinding to the role in that namespace. The role is the
   * receiver of every grant, as in cdk8s-plus (`role.bind(subject)`); `SecureNamespace.grant(role, subject)` and
   * `ClusterUser.grant(role, namespace)` are conveniences that call this.
   * @param namespace the namespace of the RoleBinding; optional for a namespaced Role (its own namespace)
   * @returns the RoleBinding object (a cdk8s `ApiObject`; a cdk8s-plus-27 `RoleBinding` before the library stopped
   * depending on cdk8s-plus)
   */
  public grant(subject: Subject, namespace?: string, options: GrantOptions = {}): ApiObject {
    const where = this.node.path;
    guardInstance(subject, Subject as unknown as abstract new () => Subject, where, 'grant.subject', {
      expected: SUBJECT_EXPECTED,
    });
    if (namespace === undefined && this.namespace === undefined) {
      throw boundaryError(
        where,
        'grant.namespace',
        `expected a namespace (the ClusterRole ${this.name} is granted per ` +
          "namespace), got undefined; fix: grant(subject, 'dev'), or grantClusterWide(subject, " +
          '{ acknowledgeClusterWide: true }) for every namespace',
      );
    }
    namespace =
      namespace === undefined ? this.namespace! : guardDnsLabel(namespace, where, 'grant.namespace', 'namespace name');
    const opts = guardProps(options, where, 'grant.options');
    guardKnownKeys(opts, ['bindingName'], where, 'grant.options');
    guardOptionalString(opts.bindingName, where, 'grant.options.bindingName', { expected: 'a RoleBinding name' });
    if (this.namespace !== undefined && namespace !== this.namespace) {
      // Upstream: a RoleBinding's roleRef of kind Role names a Role in the binding's own namespace (rbac
      // GetRoleReferenceRules).
      throw boundaryError(
        where,
        'grant.namespace',
        `the Role ${this.namespace}/${this.name} can only be granted in namespace ${this.namespace}, ` +
          `got "${namespace}"; fix: grant it in ${this.namespace}, or define the rules as a ClusterRole (no namespace) to grant them in any namespace`,
      );
    }
    const name = this.bindingName(
      opts.bindingName ?? `${this.name}-${subject.slug}`,
      namespace,
      'grant.options.bindingName',
    );
    const id = `RoleBinding-${namespace}-${name}`;
    const annotations = acknowledgedRisksAnnotation(this._bindingRisks());
    const binding = kubeObjectHandle(this, id, 'rolebindings', {
      apiVersion: RBAC_API_VERSION,
      kind: 'RoleBinding',
      metadata: { name, namespace, annotations },
      roleRef: this.roleRef(),
      subjects: [{ ...subject._toBindingSubject() }],
    }).apiObject;
    this.orderAfterRole(binding);
    return binding;
  }

  /**
   * Grant the role to `subject` in every namespace and on cluster-scoped resources: a ClusterRoleBinding. Only with
   * `acknowledgeClusterWide: true`; reading secrets this way also needs `AccessRisk.SECRETS_READ_CLUSTER_WIDE`.
   * @returns the ClusterRoleBinding object (a cdk8s `ApiObject`; a cdk8s-plus-27 `ClusterRoleBinding` before the
   * library stopped depending on cdk8s-plus)
   */
  public grantClusterWide(subject: Subject, options: GrantClusterWideOptions): ApiObject {
    const where = this.node.path;
    guardInstance(subject, Subject as unknown as abstract new () => Subject, where, 'grantClusterWide.subject', {
      expected: SUBJECT_EXPECTED,
    });
    guardObject(options, where, 'grantClusterWide.options', {
      expected: 'an object { acknowledgeClusterWide: true, ... }',
    });
    guardKnownKeys(
      options,
      ['acknowledgeClusterWide', 'acknowledgeRisks', 'bindingName'],
      where,
      'grantClusterWide.options',
    );
    if (this.namespace !== undefined) {
      throw boundaryError(
        where,
        'grantClusterWide',
        `the Role ${this.namespace}/${this.name} is namespaced and a ClusterRoleBinding cannot refer to a Role; ` +
          `fix: grant(subject, '${this.namespace}'), or define the rules as a ClusterRole (no namespace)`,
      );
    }
    const field = 'grantClusterWide.options.acknowledgeClusterWide';
    if (guardBoolean(options.acknowledgeClusterWide, where, field) !== true) {
      throw boundaryError(
        where,
        field,
        'a cluster-wide grant applies in every namespace, present and future; ' +
          'fix: grant per namespace with grant(subject, namespace), or pass acknowledgeClusterWide: true',
      );
    }
    guardOptionalString(options.bindingName, where, 'grantClusterWide.options.bindingName', {
      expected: 'a ClusterRoleBinding name',
    });
    const acknowledged = new Set(
      guardRisks(options.acknowledgeRisks, where, 'grantClusterWide.options.acknowledgeRisks') ?? [],
    );
    const risks = [...this._bindingRisks()];
    // cluster-admin, acknowledged as such, already covers secrets; other roles' risks were checked on the role.
    const builtInAdmin = risks.includes(AccessRisk.CLUSTER_ADMIN);
    for (const [risk, reason] of builtInAdmin ? [] : roleRisks(this.rules, 'cluster')) {
      if (risk !== AccessRisk.SECRETS_READ_CLUSTER_WIDE) continue;
      if (!acknowledged.has(risk)) {
        throw boundaryError(
          where,
          'grantClusterWide.options.acknowledgeRisks',
          `${reason}; fix: grant per namespace, or acknowledge with ` +
            'acknowledgeRisks: [AccessRisk.SECRETS_READ_CLUSTER_WIDE]',
        );
      }
      risks.push(risk);
    }
    const name = this.bindingName(
      options.bindingName ?? `${this.name}-${subject.slug}`,
      '',
      'grantClusterWide.options.bindingName',
    );
    const annotations = acknowledgedRisksAnnotation(risks);
    const binding = kubeObjectHandle(this, `ClusterRoleBinding-${name}`, 'clusterrolebindings', {
      apiVersion: RBAC_API_VERSION,
      kind: 'ClusterRoleBinding',
      metadata: { name, annotations },
      roleRef: this.roleRef(),
      subjects: [{ ...subject._toBindingSubject() }],
    }).apiObject;
    dropChartNamespace(binding);
    this.orderAfterRole(binding);
    return binding;
  }

  /**
   * Risks every binding of this role carries, acknowledged with the role and recorded on each binding: none for a
   * role this app defines (its risks are on the role). @internal
   */
  protected _bindingRisks(): readonly AccessRisk[] {
    return [];
  }

  /** The binding's `roleRef` (k8s.io/api rbac/v1 RoleRef). */
  private roleRef(): Record<string, string> {
    return { apiGroup: RBAC_GROUP, kind: this.namespace !== undefined ? 'Role' : 'ClusterRole', name: this.name };
  }

  /** Bindings come after the role they reference (built-in roles exist already). */
  private orderAfterRole(binding: Construct): void {
    if (this.roleObject) binding.node.addDependency(this.roleObject);
  }

  private bindingName(name: string, namespace: string, field: string): string {
    if (!isRbacName(name)) {
      rejectInput(
        this.node.path,
        field,
        "a binding name of lowercase letters, digits, '-', '.' and ':'",
        name,
        'pass bindingName',
      );
    }
    const key = `${namespace}/${name}`;
    if (this.bindingNames.has(key)) {
      throw boundaryError(
        this.node.path,
        field,
        `binding "${name}"${namespace ? ` in ${namespace}` : ''} exists already; fix: pass another bindingName`,
      );
    }
    this.bindingNames.add(key);
    return name;
  }
}

/**
 * A reference to a ClusterRole every cluster has (`cluster-admin`, `view`, `edit`, `admin`): checked and granted like
 * any AccessRole, never emitted, its bindings annotated with the risks acknowledged when it was referenced. The
 * imported-role idiom of cdk8s-plus (`ImportedRole`, plus/role.ts) and aws-cdk (`Role.fromRoleName`): state travels
 * in the object, not through a module-level flag.
 */
class BuiltInAccessRole extends AccessRole {
  /** The risks every binding carries (the lint reports every binding of cluster-admin): acknowledged by the caller. */
  private readonly risksOfBindings: readonly AccessRisk[];

  public constructor(scope: Construct, id: string, name: string, rules: AccessRule[], bindingRisks: AccessRisk[]) {
    // The caller of clusterAdmin / builtIn acknowledged the role's risks; its rules pass the checks with all of them.
    super(scope, id, { name, rules, acknowledgeRisks: Object.values(AccessRisk) });
    this.risksOfBindings = [...bindingRisks];
  }

  /** @internal */
  protected _bindingRisks(): readonly AccessRisk[] {
    return this.risksOfBindings;
  }
}

const RBAC_GROUP = 'rbac.authorization.k8s.io';
const RBAC_API_VERSION = `${RBAC_GROUP}/v1`;

/**
 * One rule per API group, resource and name of `rule`, in that order (as the cdk8s-plus roles the library was built
 * on expanded them), regrouped by {@link groupRules}: the rendered rules stay byte-identical.
 */
function endpointRules(rule: AccessRule): Array<Record<string, any>> {
  if (rule.nonResourceURLs && rule.nonResourceURLs.length > 0) {
    return [{ nonResourceURLs: [...rule.nonResourceURLs], verbs: [...rule.verbs] }];
  }
  const names: ReadonlyArray<string | undefined> =
    rule.resourceNames && rule.resourceNames.length > 0 ? rule.resourceNames : [undefined];
  return (rule.apiGroups ?? []).flatMap((apiGroup) =>
    (rule.resources ?? []).flatMap((resource) =>
      names.map((resourceName) => ({
        apiGroups: [apiGroup],
        resources: [resource],
        ...(resourceName !== undefined ? { resourceNames: [resourceName] } : {}),
        verbs: [...rule.verbs],
      })),
    ),
  );
}

/**
 * Merge consecutive rules that differ only in one list (resource names, then resources, then API groups): a rule
 * grants the cross product of its lists, so the merged rule grants exactly what the separate ones did. Empty
 * `resourceNames` lists are dropped (no names means every object).
 */
function groupRules(rules: Array<Record<string, any>>): Array<Record<string, any>> {
  const cleaned = rules.map((r) => {
    const { resourceNames, ...rest } = r;
    return Array.isArray(resourceNames) && resourceNames.length > 0 ? { ...rest, resourceNames } : rest;
  });
  return mergeOn(mergeOn(mergeOn(cleaned, 'resourceNames'), 'resources'), 'apiGroups');
}

function mergeOn(rules: Array<Record<string, any>>, key: string): Array<Record<string, any>> {
  const out: Array<Record<string, any>> = [];
  for (const rule of rules) {
    const last = out[out.length - 1];
    if (last && Array.isArray(last[key]) && Array.isArray(rule[key]) && sameExcept(last, rule, key)) {
      out[out.length - 1] = { ...last, [key]: [...new Set([...last[key], ...rule[key]])] };
    } else {
      out.push(rule);
    }
  }
  return out;
}

function sameExcept(a: Record<string, any>, b: Record<string, any>, key: string): boolean {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  keys.delete(key);
  return [...keys].every((k) => JSON.stringify(a[k]) === JSON.stringify(b[k]));
}

/** The risks of the rules (one reason per risk, the first rule's), through the same analysis the RBAC lint uses. */
function roleRisks(rules: readonly AccessRule[], scope: RbacScope): Array<[AccessRisk, string, number]> {
  const found = new Map<AccessRisk, [string, number]>();
  rules.forEach((r, i) => {
    for (const { risk, reason } of rbacRuleRisks(r, scope)) {
      if (!found.has(risk)) found.set(risk, [`rule ${i} ${reason}`, i]);
    }
  });
  return [...found.entries()].map(([risk, [reason, i]]) => [risk, reason, i]);
}

function riskKey(risk: AccessRisk): string {
  return Object.entries(AccessRisk).find(([, v]) => v === risk)![0];
}

/** Options of the tier roles: `tier` a Calico tier name (a DNS-1123 label, libcalico-go validator), `name` optional. */
function guardTierOptions(scope: unknown, id: unknown, options: unknown): string {
  const where = constructWhere(scope, id);
  const opts = guardObject(options, where, 'options', { expected: 'an object { tier, name? }' });
  guardKnownKeys(opts, ['tier', 'name'], where, 'options');
  return guardDnsLabel(opts.tier, where, 'options.tier', 'tier name');
}

function tierRules(tier: string, verbs: string[]): AccessRule[] {
  return [
    { apiGroups: ['projectcalico.org'], resources: ['tiers'], verbs: ['get'], resourceNames: [tier] },
    { apiGroups: ['projectcalico.org'], resources: CALICO_TIERED, verbs, resourceNames: [`${tier}.*`] },
  ];
}

/** The effective (aggregated) rules of a built-in role, as AccessRules (the user-facing roles have no URL rules). */
function builtInRules(name: string, version: KubernetesVersion): AccessRule[] {
  const rules = AccessModel.fromManifests([], { kubernetesVersion: version }).effectiveRules('ClusterRole', name) ?? [];
  return rules.map(({ rule }) => ({
    apiGroups: [...(rule.apiGroups ?? [])],
    resources: [...(rule.resources ?? [])],
    verbs: [...rule.verbs],
    ...(rule.resourceNames && rule.resourceNames.length > 0 ? { resourceNames: [...rule.resourceNames] } : {}),
  }));
}

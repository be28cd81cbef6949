/**
 * Offline RBAC: `kubectl auth can-i` and who-can over manifests, with the Kubernetes RBAC authorizer's exact
 * semantics (kubernetes/kubernetes plugin/pkg/auth/authorizer/rbac: `RBACAuthorizer.Authorize`,
 * `SubjectAccessEvaluator.AllowedSubjects`; pkg/registry/rbac/validation/rule.go: `VisitRulesFor`).
 */
import {
  guardArray,
  guardBoolean,
  guardKnownKeys,
  guardObject,
  guardOptionalArray,
  guardOptionalBoolean,
  guardOptionalEnum,
  guardOptionalString,
  guardString,
} from '../../model/primitives/guard';
import { DEFAULT_KUBERNETES_VERSION, KubernetesVersion, withBootstrapPolicy } from './bootstrap-policy';
import { AccessQuery, describeRequest, resolveQuery, resolveRequest } from './access-query';
import { aggregateClusterRoles, EffectiveRule } from './aggregation';
import { BindingRecord, describeRef, RbacObjectRef, readRbacObjects, RoleRecord } from './rbac-objects';
import { ResourceCatalog, parseResourceArg } from './resource-catalog';
import { describeRbacRule, RbacPolicyRule, RequestAttributes } from './rule-matching';
import { prepareRequest, PreparedRequest, RuleSet } from './rule-set';
import {
  BindingSubject,
  describeSubject,
  describeUser,
  firstApplyingSubject,
  PRIVILEGED_GROUP,
  subjectKey,
  UserInfo,
  userKeys,
} from './subjects';

/** Options of {@link AccessModel.fromManifests}. */
export interface AccessModelOptions {
  /**
   * The namespace of namespaced objects (Role, RoleBinding, ServiceAccount) written without one.
   * @default 'default'
   */
  readonly defaultNamespace?: string;
  /**
   * More cluster-scoped resources than the built-in table and the CRDs in the manifests, as `resource.group`
   * (`widgets.example.com`) or `resource` for the core group.
   * @default []
   */
  readonly clusterScopedResources?: string[];
  /**
   * Add the ClusterRoles and ClusterRoleBindings every cluster has from its first start (cluster-admin, admin, edit,
   * view, system:discovery, system:basic-user, system:public-info-viewer and their bindings to system:masters,
   * system:authenticated and system:unauthenticated), as the API server of `kubernetesVersion` creates them. An object
   * of the same kind and name in the manifests replaces the built-in one, so a cluster dump is never counted twice;
   * turn this off to evaluate exactly the manifests given.
   * @default true
   */
  readonly bootstrapPolicy?: boolean;
  /**
   * The Kubernetes version whose bootstrap policy is added.
   * @default KubernetesVersion.V1_27 (the version cdk8s-plus-27 targets)
   */
  readonly kubernetesVersion?: KubernetesVersion;
}

/** The option names of {@link AccessModelOptions}, for callers that pass them through. */
export const ACCESS_MODEL_OPTION_KEYS: readonly string[] = [
  'defaultNamespace',
  'clusterScopedResources',
  'bootstrapPolicy',
  'kubernetesVersion',
];

/** Which binding, subject, role and rule granted a request. */
export interface AccessGrant {
  /** The RoleBinding or ClusterRoleBinding. */
  readonly binding: RbacObjectRef;
  /** The binding's subject that matched the user (a ServiceAccount's namespace filled in). */
  readonly subject: BindingSubject;
  /** The role the binding refers to. */
  readonly role: RbacObjectRef;
  /** Index of the rule in the role's effective rules. */
  readonly ruleIndex: number;
  /** The rule. */
  readonly rule: RbacPolicyRule;
  /**
   * For an aggregated ClusterRole, the ClusterRole the rule was aggregated from and its index there.
   * @default - the role's own rule
   */
  readonly aggregatedFrom?: { readonly name: string; readonly ruleIndex: number };
  /** `RoleBinding dev/x -> ClusterRole y rule 0 (get,list,watch pods,services)`. */
  readonly description: string;
}

/**
 * The answer to {@link AccessModel.canI}. `reason`, `question`, `notes` and `grant.description` are computed when first
 * read (bulk checks of `allowed` stay fast); `JSON.stringify` includes them, object spread does not.
 */
export interface AccessDecision {
  /** Whether RBAC allows the request. */
  readonly allowed: boolean;
  /** Which binding and rule allowed it, or why nothing did. */
  readonly reason: string;
  /**
   * The grant that allowed it (the first one in the authorizer's order: ClusterRoleBindings, then RoleBindings, by
   * name).
   * @default - none when denied or allowed by the privileged group
   */
  readonly grant?: AccessGrant;
  /** The user as the authorizer saw them (with the groups the API server adds). */
  readonly user: UserInfo;
  /** The request as the authorizer saw it. */
  readonly request: RequestAttributes;
  /** The request in words: `list pods in namespace dev`, `list nodes (cluster-scoped)`. */
  readonly question: string;
  /** Bindings that apply to the user but refer to a missing role (they grant nothing), as upstream reports them. */
  readonly errors: readonly string[];
  /** Near misses and notes: a binding that allows this in another namespace, a namespace ignored, ... */
  readonly notes: readonly string[];
}

/** Options of {@link AccessModel.whoCan}. */
export interface WhoCanOptions {
  /**
   * The namespace; leave it out for cluster-scoped resources and all-namespace requests.
   * @default '' (only ClusterRoleBindings count)
   */
  readonly namespace?: string;
  /**
   * The object name.
   * @default '' (no name)
   */
  readonly name?: string;
  /**
   * The API group, when not written in the resource.
   * @default - from the resource
   */
  readonly apiGroup?: string;
  /**
   * The subresource, when not written in the resource.
   * @default - from the resource
   */
  readonly subresource?: string;
}

/** One subject that may do it, with every grant that lets it. */
export interface WhoCanSubject {
  /** `User`, `Group` or `ServiceAccount`. */
  readonly kind: string;
  /** The name. */
  readonly name: string;
  /**
   * The ServiceAccount's namespace.
   * @default - not a ServiceAccount
   */
  readonly namespace?: string;
  /** The grants, in the authorizer's order. */
  readonly grants: readonly AccessGrant[];
}

/** The answer to {@link AccessModel.whoCan}. */
export interface WhoCanResult {
  /** The request as the authorizer sees it. */
  readonly request: RequestAttributes;
  /** The request in words: `get secrets in namespace dev`. */
  readonly question: string;
  /**
   * Subjects bound to a rule that allows the request, sorted by kind, namespace, name ({@link AccessModel.whoCan}
   * lists the `system:masters` group in `alwaysAllowed` only).
   */
  readonly subjects: readonly WhoCanSubject[];
  /** Subjects allowed whatever RBAC says: the `system:masters` group. */
  readonly alwaysAllowed: readonly BindingSubject[];
  /** Bindings whose role is missing (they grant nothing). */
  readonly errors: readonly string[];
  /** Notes: a namespace ignored, ServiceAccount subjects that match nobody. */
  readonly notes: readonly string[];
}

/** A binding with its role resolved once at indexing time. */
interface ResolvedBinding {
  readonly record: BindingRecord;
  readonly ref: RbacObjectRef;
  readonly roleRef: RbacObjectRef;
  /** Undefined when the role is missing. */
  readonly rules?: RuleSet;
  readonly missing?: string;
  readonly ordinal: number;
  /** Identity of the resolved rule list, to memoise rule checks per query. */
  readonly roleKey: string;
}

const NEAR_MISS_LIMIT = 3;

/**
 * The RBAC objects of a set of manifests, indexed for fast questions:
 *
 * ```ts
 * const model = AccessModel.fromManifests(chart.toJson());
 * model.canI({ user: 'wang', verb: 'list', resource: 'pods', namespace: 'dev' }).allowed;  // true
 * model.whoCan('get', 'secrets', { namespace: 'dev' }).subjects;
 * ```
 *
 * Semantics are the RBAC authorizer's: deny by default, additive; ClusterRoleBindings apply everywhere, RoleBindings
 * only in their namespace (so never to cluster-scoped resources or all-namespace requests); a binding to a missing
 * role grants nothing; aggregated ClusterRoles get the union of the rules of the roles they select.
 */
export class AccessModel {
  /**
   * Reads Role, ClusterRole, RoleBinding, ClusterRoleBinding, ServiceAccount and CustomResourceDefinition
   * documents (other documents are ignored; `kind: List` is flattened) and indexes them.
   * @throws Error naming the object, the field and the fix when an RBAC object is malformed
   */
  public static fromManifests(docs: readonly unknown[], options: AccessModelOptions = {}): AccessModel {
    const where = 'AccessModel.fromManifests';
    guardArray(docs, where, 'docs', (d) => d, {
      of: 'Kubernetes objects',
      fix: 'pass the parsed documents as a list, e.g. chart.toJson()',
    });
    checkModelOptions(options, where);
    return new AccessModel(docs, options);
  }

  /** Notes about the input: replaced duplicates, namespaces defaulted. */
  public readonly warnings: readonly string[];
  private readonly catalog = ResourceCatalog.builtIn();
  private readonly roles = new Map<string, RoleRecord>();
  private readonly clusterRoleRules: Map<string, EffectiveRule[]>;
  private readonly bindingsByNamespace = new Map<string, ResolvedBinding[]>();
  /** subject key → binding namespace (`''` for ClusterRoleBindings) → candidates in authorizer order. */
  private readonly index = new Map<string, Map<string, ResolvedBinding[]>>();
  private readonly serviceAccounts: ReadonlySet<string>;
  /** One RuleSet per role, shared by its bindings. */
  private readonly ruleSets = new Map<string, RuleSet>();

  private constructor(docs: readonly unknown[], options: AccessModelOptions) {
    const all =
      options.bootstrapPolicy === false
        ? docs
        : withBootstrapPolicy(docs, options.kubernetesVersion ?? DEFAULT_KUBERNETES_VERSION);
    const objects = readRbacObjects(all, options.defaultNamespace ?? 'default');
    this.warnings = objects.warnings;
    this.serviceAccounts = objects.serviceAccounts;
    for (const doc of objects.others) this.catalog.addCustomResourceDefinition(doc);
    for (const r of options.clusterScopedResources ?? []) {
      const p = parseResourceArg(r);
      this.catalog.register(p.resource, p.apiGroup ?? '', false);
    }
    for (const role of objects.roles) this.roles.set(roleKeyOf(role.kind, role.namespace, role.name), role);
    this.clusterRoleRules = aggregateClusterRoles(objects.roles.filter((r) => r.kind === 'ClusterRole'));
    objects.bindings.forEach((record, ordinal) => this.addBinding(record, ordinal));
  }

  /**
   * `kubectl auth can-i`: may this identity do this? The query is read as the API server would see the request
   * (groups it adds, the group of a well-known resource, no namespace for cluster-scoped resources).
   * @throws Error naming the field and the fix when the query is malformed
   */
  public canI(query: AccessQuery): AccessDecision {
    const q = resolveQuery(query, this.catalog);
    const notes = [...q.notes];
    const sa = query.serviceAccount;
    if (sa !== undefined && !this.serviceAccounts.has(sa)) notes.push(`ServiceAccount ${sa} is not in the manifests`);
    if (q.user.groups.includes(PRIVILEGED_GROUP)) {
      // The API server's privileged-group authorizer runs before RBAC.
      const reason = `group ${PRIVILEGED_GROUP} is allowed everything (the API server checks it before RBAC)`;
      return {
        allowed: true,
        reason,
        user: q.user,
        request: q.attributes,
        question: this.describe(q.attributes),
        errors: [],
        notes,
      };
    }
    return this.decide(q.user, q.attributes, notes, q.clusterScoped);
  }

  /**
   * The RBAC authorizer itself, on raw attributes: no groups are added and the namespace is taken as given (upstream
   * `RBACAuthorizer.Authorize`). Prefer {@link canI}.
   */
  public authorize(user: UserInfo, request: RequestAttributes): AccessDecision {
    checkUser(user, 'AccessModel.authorize');
    checkAttributes(request, 'AccessModel.authorize');
    return this.decide(user, request, undefined, false);
  }

  /**
   * Every rule that applies to the user in `namespace` (`''`: ClusterRoleBindings only), in the authorizer's order, and
   * the bindings whose role is missing (upstream `RulesFor`; `kubectl auth can-i --list`). No groups are added.
   */
  public rulesFor(
    user: UserInfo,
    namespace: string,
  ): { readonly rules: readonly RbacPolicyRule[]; readonly errors: readonly string[] } {
    checkUser(user, 'AccessModel.rulesFor');
    guardString(namespace, 'AccessModel.rulesFor', 'namespace', {
      allowEmpty: true,
      fix: "pass a namespace, or '' for ClusterRoleBindings only",
    });
    const rules: RbacPolicyRule[] = [];
    const errors: string[] = [];
    for (const b of this.candidates(user, namespace)) {
      if (b.rules === undefined) errors.push(b.missing!);
      else for (const r of b.rules.rules) rules.push(r.rule);
    }
    return { rules, errors };
  }

  /**
   * Who may do `verb` on `resource` (`pods`, `pods/log`, `deployments.apps`, or a non-resource URL starting with `/`)?
   * Lists the subjects of every binding whose role allows it (upstream `AllowedSubjects`): ClusterRoleBindings, and
   * RoleBindings of `namespace` when one is given.
   * @throws Error naming the field and the fix when the question is malformed
   */
  public whoCan(verb: string, resource: string, options: WhoCanOptions = {}): WhoCanResult {
    const o = guardObject(options, 'AccessModel.whoCan', 'options', {
      expected: 'an options object { namespace?, name?, apiGroup?, subresource? }',
    });
    guardKnownKeys(o, ['namespace', 'name', 'apiGroup', 'subresource'], 'AccessModel.whoCan', 'options');
    const isUrl = typeof resource === 'string' && resource.startsWith('/');
    const q = resolveRequest(
      { verb, ...options, ...(isUrl ? { nonResourceURL: resource } : { resource }) },
      this.catalog,
    );
    const result = this.allowedSubjects(q.attributes);
    // system:masters is allowed before RBAC (alwaysAllowed); its bootstrap cluster-admin binding would list it again.
    const subjects = result.subjects.filter((s) => !(s.kind === 'Group' && s.name === PRIVILEGED_GROUP));
    return { ...result, subjects, notes: [...q.notes, ...result.notes] };
  }

  /** Upstream `AllowedSubjects` on raw attributes (the namespace taken as given). Prefer {@link whoCan}. */
  public allowedSubjects(request: RequestAttributes): WhoCanResult {
    const errors: string[] = [];
    const notes: string[] = [];
    const prepared = prepareRequest(request);
    const memo = new Map<string, EffectiveRule | null>();
    const bySubject = new Map<string, { subject: BindingSubject; grants: AccessGrant[] }>();
    const scan = (bindings: readonly ResolvedBinding[]): void => {
      for (const b of bindings) {
        if (b.rules === undefined) {
          errors.push(b.missing!);
          continue;
        }
        let hit = memo.get(b.roleKey);
        if (hit === undefined) {
          hit = b.rules.firstAllowing(prepared) ?? null;
          memo.set(b.roleKey, hit);
        }
        if (hit === null) continue;
        for (const s of b.record.subjects) {
          const subject =
            s.kind === 'ServiceAccount' ? { ...s, namespace: s.namespace ?? (b.record.namespace || undefined) } : s;
          if (subject.kind === 'ServiceAccount' && subject.namespace === undefined) {
            notes.push(`${describeRef(b.ref)}: ServiceAccount "${s.name}" has no namespace and matches nobody`);
            continue;
          }
          const key = `${subject.kind}\u0000${subject.namespace ?? ''}\u0000${subject.name}`;
          let entry = bySubject.get(key);
          if (!entry) bySubject.set(key, (entry = { subject, grants: [] }));
          entry.grants.push(new Grant(b, subject, hit));
        }
      }
    };
    scan(this.bindingsByNamespace.get('') ?? []);
    if (request.namespace !== '') scan(this.bindingsByNamespace.get(request.namespace) ?? []);
    const subjects = [...bySubject.entries()]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([, e]) => ({ ...e.subject, grants: e.grants }));
    return {
      request,
      question: this.describe(request),
      subjects,
      alwaysAllowed: [{ kind: 'Group', name: PRIVILEGED_GROUP }],
      errors: [...new Set(errors)],
      notes,
    };
  }

  /**
   * The rules a role really grants: written rules, or for an aggregated ClusterRole the aggregated union.
   * @returns undefined when there is no such role
   */
  public effectiveRules(
    kind: 'Role' | 'ClusterRole',
    name: string,
    namespace?: string,
  ): readonly EffectiveRule[] | undefined {
    if (kind === 'ClusterRole') return this.clusterRoleRules.get(name);
    const role = this.roles.get(roleKeyOf('Role', namespace ?? '', name));
    return role?.rules.map((rule, index) => ({ rule, index }));
  }

  /** The request in words, cluster-scoped resources named as such. */
  private describe(request: RequestAttributes): string {
    const clusterScoped =
      request.resourceRequest &&
      request.namespace === '' &&
      this.catalog.isClusterScoped(request.resource, request.apiGroup);
    return describeRequest(request, clusterScoped);
  }

  private addBinding(record: BindingRecord, ordinal: number): void {
    const ref: RbacObjectRef = record.namespace
      ? { kind: record.kind, name: record.name, namespace: record.namespace }
      : { kind: record.kind, name: record.name };
    const { kind, name } = record.roleRef;
    const roleRef: RbacObjectRef =
      kind === 'Role' ? { kind, name, namespace: record.namespace || undefined } : { kind, name };
    let effective: readonly EffectiveRule[] | undefined;
    let missing: string | undefined;
    if (kind === 'ClusterRole') {
      effective = this.clusterRoleRules.get(name);
      if (!effective)
        missing = `${describeRef(ref)} refers to ClusterRole ${name}, which does not exist (grants nothing)`;
    } else if (kind === 'Role' && record.kind === 'RoleBinding') {
      effective = this.effectiveRules('Role', name, record.namespace);
      if (!effective)
        missing = `${describeRef(ref)} refers to Role ${record.namespace}/${name}, which does not exist in its namespace (grants nothing)`;
    } else {
      missing =
        kind === 'Role'
          ? `${describeRef(ref)} refers to a Role, which a ClusterRoleBinding cannot use (grants nothing)`
          : `${describeRef(ref)} refers to unsupported role kind "${kind}" (grants nothing)`;
    }
    const roleKey = roleKeyOf(roleRef.kind, roleRef.namespace ?? '', name);
    let rules = this.ruleSets.get(roleKey);
    if (!rules && effective) this.ruleSets.set(roleKey, (rules = RuleSet.of(effective)));
    const binding: ResolvedBinding = { record, ref, roleRef, rules, missing, ordinal, roleKey };
    const list = this.bindingsByNamespace.get(record.namespace);
    if (list) list.push(binding);
    else this.bindingsByNamespace.set(record.namespace, [binding]);
    const seen = new Set<string>();
    for (const s of record.subjects) {
      const key = subjectKey(s, record.namespace);
      if (key === undefined || seen.has(key)) continue;
      seen.add(key);
      let byNs = this.index.get(key);
      if (!byNs) this.index.set(key, (byNs = new Map()));
      const l = byNs.get(record.namespace);
      if (l) l.push(binding);
      else byNs.set(record.namespace, [binding]);
    }
  }

  /**
   * Decides, and explains on demand: `reason`, `question`, `notes` and the grant's `description` are computed when
   * first read, so bulk callers that only read `allowed` never pay for strings or the near-miss search.
   * @param notes canI's notes (near misses are added when denied), or undefined for the raw authorizer
   */
  private decide(
    user: UserInfo,
    request: RequestAttributes,
    notes: string[] | undefined,
    clusterScoped: boolean,
  ): AccessDecision {
    const { hit, errors } = this.firstGrant(user, prepareRequest(request));
    const grant = hit
      ? new Grant(
          hit.binding,
          hit.binding.record.subjects[
            firstApplyingSubject(user, hit.binding.record.subjects, hit.binding.record.namespace)
          ],
          hit.rule,
        )
      : undefined;
    return new Decision(user, request, grant, errors, notes, {
      describe: (r) => this.describe(r),
      nearMisses: () => this.nearMisses(user, request, clusterScoped),
    });
  }

  /**
   * The first grant in the authorizer's order (ClusterRoleBindings, then RoleBindings, by name) without sorting every
   * candidate: each per-key list is already in that order, so each list is walked only up to its first hit and only
   * below the best hit so far. Every applying binding to a missing role is still reported.
   */
  private firstGrant(
    user: UserInfo,
    p: PreparedRequest,
  ): { hit?: { binding: ResolvedBinding; rule: EffectiveRule }; errors: string[] } {
    let best: { binding: ResolvedBinding; rule: EffectiveRule } | undefined;
    let missing: ResolvedBinding[] | undefined;
    const namespace = p.attributes.namespace;
    const keys = userKeys(user);
    for (const ns of namespace === '' ? [''] : ['', namespace]) {
      for (const key of keys) {
        const list = this.index.get(key)?.get(ns);
        if (!list) continue;
        for (const binding of list) {
          if (binding.rules === undefined) {
            (missing ??= []).push(binding);
            continue;
          }
          if (best && binding.ordinal >= best.binding.ordinal) continue; // keep scanning for missing roles only
          const rule = binding.rules.firstAllowing(p);
          if (rule) best = { binding, rule };
        }
      }
    }
    const errors = missing
      ? [...new Map(missing.map((b) => [b.ordinal, b])).values()]
          .sort((a, b) => a.ordinal - b.ordinal)
          .map((b) => b.missing!)
      : [];
    return { hit: best, errors };
  }

  /** Bindings that apply to the user in `namespace`, in the authorizer's order. */
  private candidates(user: UserInfo, namespace: string): ResolvedBinding[] {
    const found = new Map<number, ResolvedBinding>();
    for (const key of userKeys(user)) {
      const byNs = this.index.get(key);
      if (!byNs) continue;
      for (const ns of namespace === '' ? [''] : ['', namespace])
        for (const b of byNs.get(ns) ?? []) found.set(b.ordinal, b);
    }
    return [...found.values()].sort((a, b) => a.ordinal - b.ordinal);
  }

  /** RoleBindings of the user in other namespaces whose role matches the request. */
  private nearMisses(user: UserInfo, request: RequestAttributes, clusterScoped: boolean): string[] {
    if (!request.resourceRequest) return [];
    const hits: ResolvedBinding[] = [];
    const seen = new Set<number>();
    const prepared = prepareRequest(request);
    for (const key of userKeys(user)) {
      for (const [ns, list] of this.index.get(key) ?? []) {
        if (ns === '' || ns === request.namespace) continue;
        for (const b of list) {
          if (seen.has(b.ordinal) || !b.rules?.firstAllowing(prepared)) continue;
          seen.add(b.ordinal);
          hits.push(b);
        }
      }
    }
    hits.sort((a, b) => a.ordinal - b.ordinal);
    const why = (b: ResolvedBinding): string =>
      clusterScoped
        ? 'matches it, but a RoleBinding never grants cluster-scoped resources'
        : request.namespace === ''
          ? `allows it in namespace ${b.record.namespace} only, not across all namespaces`
          : `allows it in namespace ${b.record.namespace} only`;
    const shown = hits
      .slice(0, NEAR_MISS_LIMIT)
      .map((b) => `near miss: ${describeRef(b.ref)} -> ${describeRef(b.roleRef)} ${why(b)}`);
    if (hits.length > NEAR_MISS_LIMIT)
      shown.push(`and ${hits.length - NEAR_MISS_LIMIT} more RoleBindings in other namespaces`);
    return shown;
  }
}

function roleKeyOf(kind: string, namespace: string, name: string): string {
  return `${kind}\u0000${namespace}\u0000${name}`;
}

/** A grant whose `description` is built when first read. */
class Grant implements AccessGrant {
  public readonly binding: RbacObjectRef;
  public readonly subject: BindingSubject;
  public readonly role: RbacObjectRef;
  public readonly ruleIndex: number;
  public readonly rule: RbacPolicyRule;
  public readonly aggregatedFrom?: { readonly name: string; readonly ruleIndex: number };
  private text?: string;

  constructor(
    private readonly b: ResolvedBinding,
    subject: BindingSubject,
    hit: EffectiveRule,
  ) {
    this.binding = b.ref;
    this.subject =
      subject.kind === 'ServiceAccount' && !subject.namespace && b.record.namespace
        ? { ...subject, namespace: b.record.namespace }
        : subject;
    this.role = b.roleRef;
    this.ruleIndex = hit.index;
    this.rule = hit.rule;
    if (hit.aggregatedFrom) this.aggregatedFrom = hit.aggregatedFrom;
  }

  get description(): string {
    if (this.text === undefined) {
      const a = this.aggregatedFrom;
      const from = a ? ` aggregated from ClusterRole ${a.name} rule ${a.ruleIndex}` : '';
      this.text =
        `${describeRef(this.binding)} -> ${describeRef(this.role)} rule ${this.ruleIndex}${from} (${describeRbacRule(this.rule)}), ` +
        `subject ${describeSubject(this.subject, this.b.record.namespace)}`;
    }
    return this.text;
  }

  toJSON(): AccessGrant {
    const { binding, subject, role, ruleIndex, rule, aggregatedFrom, description } = this;
    return aggregatedFrom
      ? { binding, subject, role, ruleIndex, rule, aggregatedFrom, description }
      : { binding, subject, role, ruleIndex, rule, description };
  }
}

/** A decision whose explanation (`reason`, `question`, `notes`) is built when first read. */
class Decision implements AccessDecision {
  public readonly allowed: boolean;
  private cachedQuestion?: string;
  private cachedNotes?: readonly string[];
  private cachedReason?: string;

  constructor(
    public readonly user: UserInfo,
    public readonly request: RequestAttributes,
    public readonly grant: Grant | undefined,
    public readonly errors: readonly string[],
    /** canI's notes, or undefined for the raw authorizer. */
    private readonly baseNotes: readonly string[] | undefined,
    private readonly explain: { describe(r: RequestAttributes): string; nearMisses(): string[] },
  ) {
    this.allowed = grant !== undefined;
  }

  get question(): string {
    return (this.cachedQuestion ??= this.explain.describe(this.request));
  }

  get notes(): readonly string[] {
    if (this.cachedNotes === undefined) {
      const base = this.baseNotes ?? [];
      this.cachedNotes = this.grant || this.baseNotes === undefined ? base : [...base, ...this.explain.nearMisses()];
    }
    return this.cachedNotes;
  }

  get reason(): string {
    if (this.cachedReason === undefined) {
      if (this.grant) {
        this.cachedReason = this.grant.description;
      } else if (this.baseNotes === undefined) {
        this.cachedReason = `no RBAC rule allows ${describeUser(this.user)} to ${this.question}`;
      } else {
        this.cachedReason =
          `no binding of ${describeUser(this.user)} grants ${this.question}` +
          (this.errors.length > 0 ? `; ${this.errors.join('; ')}` : '') +
          (this.notes.length > 0 ? `; ${this.notes.join('; ')}` : '');
      }
    }
    return this.cachedReason;
  }

  toJSON(): AccessDecision {
    const { allowed, reason, grant, user, request, question, errors, notes } = this;
    return grant
      ? { allowed, reason, grant: grant.toJSON(), user, request, question, errors, notes }
      : { allowed, reason, user, request, question, errors, notes };
  }
}

/**
 * The options of {@link AccessModel.fromManifests}: an object of known, typed keys.
 * @throws Error naming the field and the fix
 */
export function checkModelOptions(options: unknown, where: string): AccessModelOptions {
  const o = guardObject(options, where, 'options', {
    expected: 'an options object { defaultNamespace?, clusterScopedResources?, bootstrapPolicy?, kubernetesVersion? }',
  });
  guardKnownKeys(o, ACCESS_MODEL_OPTION_KEYS, where, 'options');
  guardOptionalString(o.defaultNamespace, where, 'options.defaultNamespace');
  guardOptionalArray(
    o.clusterScopedResources,
    where,
    'options.clusterScopedResources',
    (v, f) => guardString(v, where, f),
    { of: 'resource names' },
  );
  guardOptionalBoolean(o.bootstrapPolicy, where, 'options.bootstrapPolicy');
  guardOptionalEnum(o.kubernetesVersion, KubernetesVersion, where, 'options.kubernetesVersion', {
    enumName: 'KubernetesVersion',
  });
  return o as AccessModelOptions;
}

/** A UserInfo `{ name, groups }` as the authorizer takes it. */
function checkUser(user: unknown, where: string): void {
  const u = guardObject(user, where, 'user', {
    expected: 'a UserInfo { name, groups }',
    fix: "pass { name: 'wang', groups: ['system:authenticated'] }",
  });
  guardString(u.name, where, 'user.name', { allowEmpty: true });
  guardArray(u.groups, where, 'user.groups', (g, f) => guardString(g, where, f, { allowEmpty: true }), {
    of: 'group names',
  });
}

/** RequestAttributes as the authorizer takes them: every field present and typed. */
function checkAttributes(request: unknown, where: string): void {
  const r = guardObject(request, where, 'request', {
    expected: 'RequestAttributes (see resourceRequest() and nonResourceRequest())',
  });
  guardBoolean(r.resourceRequest, where, 'request.resourceRequest');
  for (const k of ['verb', 'apiGroup', 'resource', 'subresource', 'name', 'namespace', 'path']) {
    guardString(r[k], where, `request.${k}`, {
      allowEmpty: k !== 'verb',
      fix: `set request.${k} (a string, '' when not used)`,
    });
  }
}

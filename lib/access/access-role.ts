import { ApiObject } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import { addManifestValidation } from '../validation/synth-validation';
import { dropChartNamespace } from '../core/cluster-scoped';
import {
  boundaryError, constructWhere, guardArray, guardBoolean, guardEnum, guardInstance, guardKnownKeys, guardObject, guardOptionalArray, guardOptionalString, guardProps,
  guardScope, guardString, rejectInput,
} from '../core/guard';
import { guardDnsLabel } from '../core/kube-name-guards';
import { dnsNameFromId } from '../core/names';
import { acknowledgedRisksAnnotation } from '../core/acknowledged-risks';
import { polishOutput } from '../core/polish-output';
import { rbacRuleRisks, RbacScope } from '../analysis/access/rbac-risks';
import { Subject } from './subject';

/** One rule of an {@link AccessRole}. */
export interface AccessRule {
  /** API groups: `''` is the core group (pods, services, secrets, ...), `apps`, `projectcalico.org`, ... */
  readonly apiGroups: string[];
  /** Resources, with `resource/subresource` for subresources (`pods/log`). */
  readonly resources: string[];
  /** Verbs: get, list, watch, create, update, patch, delete, deletecollection, ... */
  readonly verbs: string[];
  /**
   * Restrict the rule to these object names (never matches list, watch, create or deletecollection of all objects).
   * @default every object (the field is left out, never emitted as `[]`)
   */
  readonly resourceNames?: string[];
}

/** Risky grants that are refused unless acknowledged in {@link AccessRoleProps.acknowledgeRisks}. */
export enum AccessRisk {
  /** Binding the built-in `cluster-admin` role: every action on every resource. */
  CLUSTER_ADMIN = 'cluster-admin',
  /** `*` in verbs or resources: covers every current and future verb or resource. */
  WILDCARD = 'wildcard',
  /** `escalate`, `bind` or `impersonate`: ways to obtain permissions the subject does not have. */
  PRIVILEGE_ESCALATION = 'privilege-escalation',
  /** `pods/exec`: a shell in any pod, with its ServiceAccount token and secrets. */
  POD_EXEC = 'pod-exec',
  /** Reading secrets in every namespace (only refused for cluster-wide grants). */
  SECRETS_READ_CLUSTER_WIDE = 'secrets-read-cluster-wide',
}

/** Props of {@link AccessRole}. */
export interface AccessRoleProps {
  /**
   * Name of the ClusterRole.
   * @default derived from the construct id (`PodsViewer` -> `pods-viewer`)
   */
  readonly name?: string;
  /** The rules. */
  readonly rules: AccessRule[];
  /**
   * Risks accepted knowingly; any risk the rules carry that is not listed here makes the constructor throw.
   * @default [] (no risky rule accepted)
   */
  readonly acknowledgeRisks?: AccessRisk[];
}

/** Options of {@link AccessRole.grant}. */
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

/** Options of the ready-made roles. */
export interface ReadyRoleOptions {
  /**
   * Name of the ClusterRole.
   * @default the role's usual name (`pods-viewer`)
   */
  readonly name?: string;
}

const PROPS = ['name', 'rules', 'acknowledgeRisks'];
const RULE_KEYS = ['apiGroups', 'resources', 'verbs', 'resourceNames'];
const SUBJECT_EXPECTED = 'a Subject (Subject.user, Subject.group, Subject.serviceAccount)';
/**
 * Role and binding names: upstream only requires a path segment (pkg/apis/rbac/validation.ValidateRBACName =
 * path.IsValidPathSegmentName); the library keeps to lowercase letters, digits, '-', '.' and ':' (at most 253), which
 * every tool reads the same way.
 */
const RBAC_NAME = /^[a-z0-9]([-a-z0-9.:]*[a-z0-9])?$/;

/** Risks to acknowledge: a list of AccessRisk values (a string is refused, never split into characters). */
function guardRisks(v: unknown, where: string, field: string): AccessRisk[] | undefined {
  return guardOptionalArray(v, where, field, (r, f) => guardEnum(r, AccessRisk, where, f, { enumName: 'AccessRisk' }), { of: 'AccessRisk values' });
}

/**
 * The rules' runtime shape. Upstream: pkg/apis/rbac/validation.ValidatePolicyRule: verbs required; a resource rule
 * needs apiGroups and resources.
 */
function guardRules(v: unknown, where: string): AccessRule[] {
  return guardArray(v, where, 'rules', (r, f) => {
    const rule = guardObject(r, where, f, { expected: 'a rule { apiGroups, resources, verbs, resourceNames? }' });
    guardKnownKeys(rule, RULE_KEYS, where, f);
    const list = (key: string, allowEmpty: boolean, example: string) => guardArray(rule[key], where, `${f}.${key}`,
      (x, xf) => guardString(x, where, xf, { allowEmpty, expected: allowEmpty ? 'a string (\'\' is the core group)' : 'a non-empty string' }),
      { minLength: 1, of: 'strings', fix: Array.isArray(rule[key]) ? `list at least one, e.g. ${example}` : undefined });
    list('apiGroups', true, "[''] for the core group");
    list('resources', false, "['pods']");
    list('verbs', false, "['get', 'list', 'watch']");
    guardOptionalArray(rule.resourceNames, where, `${f}.resourceNames`, (x, xf) => guardString(x, where, xf), { of: 'object names' });
    return rule as unknown as AccessRule;
  }, { minLength: 1, of: 'rules', fix: Array.isArray(v) ? 'give at least one rule { apiGroups, resources, verbs }' : undefined });
}

/** Set only while {@link AccessRole.clusterAdmin} constructs the reference to the built-in role (not emitted). */
let constructingBuiltIn = false;

const READ = ['get', 'list', 'watch'];
const WRITE = ['create', 'update', 'patch', 'delete'];
const CALICO_TIERED = ['tier.networkpolicies', 'tier.globalnetworkpolicies', 'tier.stagednetworkpolicies', 'tier.stagedglobalnetworkpolicies'];

/**
 * A ClusterRole defined once and granted per namespace through RoleBindings ({@link grant}), or cluster-wide only
 * when asked explicitly ({@link grantClusterWide}). Risky rules are refused unless acknowledged, with the reason.
 * Built on the cdk8s-plus-27 `ClusterRole`, `RoleBinding` and `ClusterRoleBinding` (exposed as {@link clusterRole}
 * and returned by the grants), with their rough edges fixed: readable binding names, cluster-scoped objects without
 * the chart namespace, rules without `resourceNames: []` and grouped as written rather than one per resource.
 */
export class AccessRole extends Construct {
  /** get/list/watch on pods, services and deployments: the handbook's `pods-viewer`. */
  public static podsViewer(scope: Construct, id: string, options: ReadyRoleOptions = {}): AccessRole {
    const opts = guardProps(options, constructWhere(scope, id), 'options');
    guardKnownKeys(opts, ['name'], constructWhere(scope, id), 'options');
    return new AccessRole(scope, id, {
      name: opts.name ?? 'pods-viewer',
      rules: [
        { apiGroups: [''], resources: ['pods', 'services'], verbs: READ },
        { apiGroups: ['apps'], resources: ['deployments'], verbs: READ },
      ],
    });
  }

  /** Read Calico policies of one tier (Calico's tiered RBAC: the tier itself, then `tier.*` kinds named `<tier>.*`). */
  public static calicoPolicyViewer(scope: Construct, id: string, options: CalicoTierRoleOptions): AccessRole {
    const tier = guardTierOptions(scope, id, options);
    return new AccessRole(scope, id, { name: options.name ?? `calico-${tier}-policy-viewer`, rules: tierRules(tier, READ) });
  }

  /** Read and write Calico policies of one tier (the tier itself stays read-only). */
  public static calicoPolicyEditor(scope: Construct, id: string, options: CalicoTierRoleOptions): AccessRole {
    const tier = guardTierOptions(scope, id, options);
    return new AccessRole(scope, id, { name: options.name ?? `calico-${tier}-policy-editor`, rules: tierRules(tier, [...READ, ...WRITE]) });
  }

  /**
   * The built-in `cluster-admin` ClusterRole (not emitted: it exists in every cluster), for recipes that really need
   * it, such as the dashboard admin account. Refused unless `AccessRisk.CLUSTER_ADMIN` is acknowledged.
   */
  public static clusterAdmin(scope: Construct, id: string, options: { readonly acknowledgeRisks: AccessRisk[] }): AccessRole {
    const where = constructWhere(guardScope(scope, id, 'AccessRole.clusterAdmin'), id);
    const opts = guardObject(options, where, 'options', { expected: 'an object { acknowledgeRisks: [AccessRisk.CLUSTER_ADMIN] }' });
    guardKnownKeys(opts, ['acknowledgeRisks'], where, 'options');
    const risks = guardRisks(opts.acknowledgeRisks, where, 'options.acknowledgeRisks') ?? [];
    if (!risks.includes(AccessRisk.CLUSTER_ADMIN)) {
      throw boundaryError(where, 'options.acknowledgeRisks', 'cluster-admin grants every action on every resource in the cluster; '
        + 'fix: use a narrower role, or acknowledge with acknowledgeRisks: [AccessRisk.CLUSTER_ADMIN]');
    }
    constructingBuiltIn = true;
    try {
      return new AccessRole(scope, id, { name: 'cluster-admin', rules: [{ apiGroups: ['*'], resources: ['*'], verbs: ['*'] }], acknowledgeRisks: Object.values(AccessRisk) });
    } finally {
      constructingBuiltIn = false;
    }
  }

  /** The ClusterRole name. */
  public readonly name: string;
  /** The rules. */
  public readonly rules: readonly AccessRule[];
  /** The cdk8s-plus ClusterRole (a reference only, not emitted, for built-in roles such as cluster-admin). */
  public readonly clusterRole: kplus.IClusterRole;
  private readonly bindingNames = new Set<string>();
  /** Risks every binding of this role carries, acknowledged with the role (recorded on each binding). */
  private readonly bindingRisks: AccessRisk[] = [];

  public constructor(scope: Construct, id: string, props: AccessRoleProps) {
    super(guardScope(scope, id, 'AccessRole'), id);
    addManifestValidation(this); // its built-in objects get validateObject at synth
    const builtIn = constructingBuiltIn;
    constructingBuiltIn = false;
    const where = this.node.path;
    guardObject(props, where, 'props', { expected: 'a props object { rules, name?, acknowledgeRisks? }' });
    guardKnownKeys(props, PROPS, where);
    const named = guardOptionalString(props.name, where, 'name', { expected: 'a ClusterRole name' });
    this.name = named ?? dnsNameFromId(id);
    if (this.name.length > 253 || !RBAC_NAME.test(this.name)) {
      rejectInput(where, 'name', 'a ClusterRole name of lowercase letters, digits, \'-\', \'.\' and \':\'',
        this.name, named === undefined ? 'pass name (the one derived from the construct id is not valid)' : 'use lowercase letters, digits, \'-\', \'.\' and \':\'');
    }
    this.rules = guardRules(props.rules, where).map((r) => ({ ...r }));
    const acknowledged = new Set(guardRisks(props.acknowledgeRisks, where, 'acknowledgeRisks') ?? []);
    if (this.name === 'cluster-admin' && !acknowledged.has(AccessRisk.CLUSTER_ADMIN)) {
      throw boundaryError(where, 'name', 'cluster-admin grants every action on every resource in the cluster; '
        + 'fix: use a narrower role, or acknowledge with acknowledgeRisks: [AccessRisk.CLUSTER_ADMIN]');
    }
    const risks = roleRisks(this.rules, 'namespace');
    for (const [risk, reason, index] of risks) {
      if (!acknowledged.has(risk)) {
        throw boundaryError(where, `rules[${index}]`, `${reason}; fix: narrow the rule, or acknowledge with acknowledgeRisks: [AccessRisk.${riskKey(risk)}]`);
      }
    }
    if (builtIn) {
      this.clusterRole = kplus.ClusterRole.fromClusterRoleName(this, 'Resource', this.name);
      // The lint reports every binding of cluster-admin; these were acknowledged when the reference was made.
      this.bindingRisks = [AccessRisk.CLUSTER_ADMIN];
      return;
    }
    const annotations = acknowledgedRisksAnnotation(risks.map(([risk]) => risk));
    const role = new kplus.ClusterRole(this, 'Resource', { metadata: { name: this.name, annotations } });
    for (const rule of this.rules) {
      for (const endpoint of ruleEndpoints(rule)) role.allow([...rule.verbs], endpoint);
    }
    const api = ApiObject.of(role);
    dropChartNamespace(api);
    polishOutput(api, (json) => ({ ...json, rules: groupRules(json.rules ?? []) }));
    this.clusterRole = role;
  }

  /** Grant the role to `subject` in `namespace` only: a RoleBinding to the ClusterRole in that namespace. */
  public grant(subject: Subject, namespace: string, options: GrantOptions = {}): kplus.RoleBinding {
    const where = this.node.path;
    guardInstance(subject, Subject as unknown as abstract new () => Subject, where, 'grant.subject', { expected: SUBJECT_EXPECTED });
    guardDnsLabel(namespace, where, 'grant.namespace', 'namespace name');
    const opts = guardProps(options, where, 'grant.options');
    guardKnownKeys(opts, ['bindingName'], where, 'grant.options');
    guardOptionalString(opts.bindingName, where, 'grant.options.bindingName', { expected: 'a RoleBinding name' });
    const name = this.bindingName(opts.bindingName ?? `${this.name}-${subject.slug}`, namespace, 'grant.options.bindingName');
    const id = `RoleBinding-${namespace}-${name}`;
    const annotations = acknowledgedRisksAnnotation(this.bindingRisks);
    const binding = new kplus.RoleBinding(this, id, { metadata: { name, namespace, annotations }, role: this.clusterRole });
    binding.addSubjects(subject.toKplus(binding, 'Subject'));
    this.orderAfterRole(binding);
    return binding;
  }

  /**
   * Grant the role to `subject` in every namespace and on cluster-scoped resources: a ClusterRoleBinding. Only with
   * `acknowledgeClusterWide: true`; reading secrets this way also needs `AccessRisk.SECRETS_READ_CLUSTER_WIDE`.
   */
  public grantClusterWide(subject: Subject, options: GrantClusterWideOptions): kplus.ClusterRoleBinding {
    const where = this.node.path;
    guardInstance(subject, Subject as unknown as abstract new () => Subject, where, 'grantClusterWide.subject', { expected: SUBJECT_EXPECTED });
    guardObject(options, where, 'grantClusterWide.options', { expected: 'an object { acknowledgeClusterWide: true, ... }' });
    guardKnownKeys(options, ['acknowledgeClusterWide', 'acknowledgeRisks', 'bindingName'], where, 'grantClusterWide.options');
    const field = 'grantClusterWide.options.acknowledgeClusterWide';
    if (guardBoolean(options.acknowledgeClusterWide, where, field) !== true) {
      throw boundaryError(where, field, 'a cluster-wide grant applies in every namespace, present and future; '
        + 'fix: grant per namespace with grant(subject, namespace), or pass acknowledgeClusterWide: true');
    }
    guardOptionalString(options.bindingName, where, 'grantClusterWide.options.bindingName', { expected: 'a ClusterRoleBinding name' });
    const acknowledged = new Set(guardRisks(options.acknowledgeRisks, where, 'grantClusterWide.options.acknowledgeRisks') ?? []);
    const risks = [...this.bindingRisks];
    // cluster-admin, acknowledged as such, already covers secrets; other roles' risks were checked on the role.
    const builtInAdmin = this.bindingRisks.includes(AccessRisk.CLUSTER_ADMIN);
    for (const [risk, reason] of builtInAdmin ? [] : roleRisks(this.rules, 'cluster')) {
      if (risk !== AccessRisk.SECRETS_READ_CLUSTER_WIDE) continue;
      if (!acknowledged.has(risk)) {
        throw boundaryError(where, 'grantClusterWide.options.acknowledgeRisks', `${reason}; fix: grant per namespace, or acknowledge with `
          + 'acknowledgeRisks: [AccessRisk.SECRETS_READ_CLUSTER_WIDE]');
      }
      risks.push(risk);
    }
    const name = this.bindingName(options.bindingName ?? `${this.name}-${subject.slug}`, '', 'grantClusterWide.options.bindingName');
    const annotations = acknowledgedRisksAnnotation(risks);
    const binding = new kplus.ClusterRoleBinding(this, `ClusterRoleBinding-${name}`, { metadata: { name, annotations }, role: this.clusterRole });
    binding.addSubjects(subject.toKplus(binding, 'Subject'));
    dropChartNamespace(ApiObject.of(binding));
    this.orderAfterRole(binding);
    return binding;
  }

  /** Bindings come after the role they reference (built-in roles exist already). */
  private orderAfterRole(binding: Construct): void {
    if (this.clusterRole instanceof kplus.ClusterRole) binding.node.addDependency(this.clusterRole);
  }

  private bindingName(name: string, namespace: string, field: string): string {
    if (name.length > 253 || !RBAC_NAME.test(name)) {
      rejectInput(this.node.path, field, 'a binding name of lowercase letters, digits, \'-\', \'.\' and \':\'', name, 'pass bindingName');
    }
    const key = `${namespace}/${name}`;
    if (this.bindingNames.has(key)) {
      throw boundaryError(this.node.path, field, `binding "${name}"${namespace ? ` in ${namespace}` : ''} exists already; fix: pass another bindingName`);
    }
    this.bindingNames.add(key);
    return name;
  }
}

/** The kplus endpoints of one rule: one per API group, resource and name (kplus takes one of each per endpoint). */
function ruleEndpoints(rule: AccessRule): kplus.IApiEndpoint[] {
  const names: Array<string | undefined> = rule.resourceNames && rule.resourceNames.length > 0 ? rule.resourceNames : [undefined];
  return rule.apiGroups.flatMap((apiGroup) => rule.resources.flatMap((resourceType) => names.map((resourceName) => {
    const resource: kplus.IApiResource = { apiGroup, resourceType, resourceName };
    return { asApiResource: () => resource, asNonApiResource: () => undefined };
  })));
}

/**
 * kplus renders one rule per endpoint with `resourceNames: []` when there is no name. Drop the empty list and merge
 * consecutive rules that differ only in one list (resources, then API groups): a rule grants the cross product of
 * its lists, so the merged rule grants exactly what the separate ones did.
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
      if (!found.has(risk as AccessRisk)) found.set(risk as AccessRisk, [`rule ${i} ${reason}`, i]);
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

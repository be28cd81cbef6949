import { ApiObject } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import { dropChartNamespace } from '../core/cluster-scoped';
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
    return new AccessRole(scope, id, {
      name: options.name ?? 'pods-viewer',
      rules: [
        { apiGroups: [''], resources: ['pods', 'services'], verbs: READ },
        { apiGroups: ['apps'], resources: ['deployments'], verbs: READ },
      ],
    });
  }

  /** Read Calico policies of one tier (Calico's tiered RBAC: the tier itself, then `tier.*` kinds named `<tier>.*`). */
  public static calicoPolicyViewer(scope: Construct, id: string, options: CalicoTierRoleOptions): AccessRole {
    return new AccessRole(scope, id, { name: options.name ?? `calico-${assertTier(options.tier)}-policy-viewer`, rules: tierRules(options.tier, READ) });
  }

  /** Read and write Calico policies of one tier (the tier itself stays read-only). */
  public static calicoPolicyEditor(scope: Construct, id: string, options: CalicoTierRoleOptions): AccessRole {
    return new AccessRole(scope, id, { name: options.name ?? `calico-${assertTier(options.tier)}-policy-editor`, rules: tierRules(options.tier, [...READ, ...WRITE]) });
  }

  /**
   * The built-in `cluster-admin` ClusterRole (not emitted: it exists in every cluster), for recipes that really need
   * it, such as the dashboard admin account. Refused unless `AccessRisk.CLUSTER_ADMIN` is acknowledged.
   */
  public static clusterAdmin(scope: Construct, id: string, options: { readonly acknowledgeRisks: AccessRisk[] }): AccessRole {
    if (!options.acknowledgeRisks.includes(AccessRisk.CLUSTER_ADMIN)) {
      throw new Error('AccessRole cluster-admin: grants every action on every resource in the cluster; '
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
    super(scope, id);
    const builtIn = constructingBuiltIn;
    constructingBuiltIn = false;
    this.name = props.name ?? dnsNameFromId(id);
    if (!/^[a-z0-9]([-a-z0-9.:]*[a-z0-9])?$/.test(this.name)) {
      throw new Error(`AccessRole: "${this.name}" is not a valid role name; fix: use lowercase letters, digits, '-', '.' and ':'`);
    }
    if (props.rules.length === 0) throw new Error(`AccessRole ${this.name}: needs at least one rule`);
    this.rules = props.rules.map((r) => ({ ...r }));
    const acknowledged = new Set(props.acknowledgeRisks ?? []);
    if (this.name === 'cluster-admin' && !acknowledged.has(AccessRisk.CLUSTER_ADMIN)) {
      throw new Error('AccessRole cluster-admin: grants every action on every resource in the cluster; '
        + 'fix: use a narrower role, or acknowledge with acknowledgeRisks: [AccessRisk.CLUSTER_ADMIN]');
    }
    const risks = roleRisks(this.rules, 'namespace');
    for (const [risk, reason] of risks) {
      if (!acknowledged.has(risk)) {
        throw new Error(`AccessRole ${this.name}: ${reason}; fix: narrow the rule, or acknowledge with acknowledgeRisks: [AccessRisk.${riskKey(risk)}]`);
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
    if (!/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(namespace)) {
      throw new Error(`AccessRole ${this.name}.grant: "${namespace}" is not a namespace name`);
    }
    const name = this.bindingName(options.bindingName ?? `${this.name}-${subject.slug}`, namespace);
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
    if (options.acknowledgeClusterWide !== true) {
      throw new Error(`AccessRole ${this.name}.grantClusterWide: a cluster-wide grant applies in every namespace, present and future; `
        + 'fix: grant per namespace with grant(subject, namespace), or pass acknowledgeClusterWide: true');
    }
    const acknowledged = new Set(options.acknowledgeRisks ?? []);
    const risks = [...this.bindingRisks];
    // cluster-admin, acknowledged as such, already covers secrets; other roles' risks were checked on the role.
    const builtInAdmin = this.bindingRisks.includes(AccessRisk.CLUSTER_ADMIN);
    for (const [risk, reason] of builtInAdmin ? [] : roleRisks(this.rules, 'cluster')) {
      if (risk !== AccessRisk.SECRETS_READ_CLUSTER_WIDE) continue;
      if (!acknowledged.has(risk)) {
        throw new Error(`AccessRole ${this.name}.grantClusterWide: ${reason}; fix: grant per namespace, or acknowledge with `
          + 'acknowledgeRisks: [AccessRisk.SECRETS_READ_CLUSTER_WIDE]');
      }
      risks.push(risk);
    }
    const name = this.bindingName(options.bindingName ?? `${this.name}-${subject.slug}`, '');
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

  private bindingName(name: string, namespace: string): string {
    if (name.length > 253 || !/^[a-z0-9]([-a-z0-9.:]*[a-z0-9])?$/.test(name)) {
      throw new Error(`AccessRole ${this.name}: binding name "${name}" is invalid; fix: pass bindingName`);
    }
    const key = `${namespace}/${name}`;
    if (this.bindingNames.has(key)) {
      throw new Error(`AccessRole ${this.name}: binding "${name}"${namespace ? ` in ${namespace}` : ''} exists already; fix: pass another bindingName`);
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
function roleRisks(rules: readonly AccessRule[], scope: RbacScope): Array<[AccessRisk, string]> {
  const found = new Map<AccessRisk, string>();
  rules.forEach((r, i) => {
    for (const { risk, reason } of rbacRuleRisks(r, scope)) {
      if (!found.has(risk as AccessRisk)) found.set(risk as AccessRisk, `rule ${i} ${reason}`);
    }
  });
  return [...found.entries()];
}

function riskKey(risk: AccessRisk): string {
  return Object.entries(AccessRisk).find(([, v]) => v === risk)![0];
}

function assertTier(tier: string): string {
  if (!/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(tier)) throw new Error(`AccessRole: "${tier}" is not a tier name`);
  return tier;
}

function tierRules(tier: string, verbs: string[]): AccessRule[] {
  assertTier(tier);
  return [
    { apiGroups: ['projectcalico.org'], resources: ['tiers'], verbs: ['get'], resourceNames: [tier] },
    { apiGroups: ['projectcalico.org'], resources: CALICO_TIERED, verbs, resourceNames: [`${tier}.*`] },
  ];
}

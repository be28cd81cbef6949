/**
 * Risky RBAC grants (the CIS 5.1.x / kubescape / KubiScan classics): cluster-admin, wildcards, reading secrets
 * cluster-wide, privilege escalation (escalate, bind, impersonate) and a shell in pods (pods/exec, pods/attach).
 * Coverage is decided with the authorizer's own rule matching, so `*` verbs and resources and `*` + `/exec` count.
 */
import { acknowledgedRisksOf } from '../../model/primitives/acknowledged-risks';
import { LintFinding, objectIdentity } from '../../validation/problem';
import { aggregateClusterRoles } from './aggregation';
import { BindingRecord, describeRef, mayHoldRolesOrBindings, readRbacObjects, RoleRecord } from './rbac-objects';
import { AccessRisk } from './access-risk';
import { RbacPolicyRule, RequestAttributes, resourceRequest, ruleAllows } from './rule-matching';

/** Where a rule applies: one namespace (Role, or ClusterRole through a RoleBinding) or the whole cluster. */
export type RbacScope = 'namespace' | 'cluster';

/**
 * The fields of a PolicyRule that {@link rbacRuleRisks} reads: the same shape as {@link RbacPolicyRule}.
 * @deprecated use {@link RbacPolicyRule}, the one RBAC rule type of the access engine.
 */
export interface RbacRuleInput extends RbacPolicyRule {}

/** One risk of one rule. */
export interface RbacRuleRisk {
  /** The risk. */
  readonly risk: AccessRisk;
  /** Why, in a sentence that names what the rule grants. */
  readonly reason: string;
  /** The rule field that carries the risk (`verbs`, `resources`, `apiGroups`, `nonResourceURLs`). */
  readonly field: 'verbs' | 'resources' | 'apiGroups' | 'nonResourceURLs';
}

/** Lint rule ids with what they catch. */
export const RBAC_LINT_RULES = {
  'lint.rbac-cluster-admin':
    'A binding to the built-in cluster-admin role, or a rule granting every verb on every resource in every group (CIS 5.1.1, kubescape C-0035).',
  'lint.rbac-wildcard':
    'A `*` in verbs, resources, apiGroups or nonResourceURLs: covers every current and future one (CIS 5.1.3, kubescape C-0187).',
  'lint.rbac-secrets-cluster-wide':
    'get/list/watch on secrets through a ClusterRoleBinding: every ServiceAccount token and credential in the cluster (CIS 5.1.2).',
  'lint.rbac-escalation':
    'escalate, bind or impersonate: ways to obtain permissions the subject does not have (kubescape C-0191, C-0065).',
  'lint.rbac-pod-exec':
    'pods/exec, pods/attach or pods/portforward (also through pods/*): a shell in or a tunnel into pods, with their ServiceAccount tokens and mounted secrets (kubescape C-0002, C-0063).',
} as const;

/** The lint rule of each risk a rule or binding can carry (a long-lived token is a Secret, never a rule). */
const RISK_RULE: Record<AccessRisk, keyof typeof RBAC_LINT_RULES | undefined> = {
  [AccessRisk.CLUSTER_ADMIN]: 'lint.rbac-cluster-admin',
  [AccessRisk.WILDCARD]: 'lint.rbac-wildcard',
  [AccessRisk.SECRETS_READ_CLUSTER_WIDE]: 'lint.rbac-secrets-cluster-wide',
  [AccessRisk.PRIVILEGE_ESCALATION]: 'lint.rbac-escalation',
  [AccessRisk.POD_EXEC]: 'lint.rbac-pod-exec',
  [AccessRisk.LONG_LIVED_TOKEN]: undefined,
};

const RISK_FIX: Record<AccessRisk, string> = {
  [AccessRisk.CLUSTER_ADMIN]:
    'grant only the verbs and resources needed (or the built-in admin/edit/view roles per namespace)',
  [AccessRisk.WILDCARD]: 'list the verbs, resources and groups explicitly',
  [AccessRisk.SECRETS_READ_CLUSTER_WIDE]:
    'grant it per namespace with RoleBindings, or limit the rule with resourceNames',
  [AccessRisk.PRIVILEGE_ESCALATION]: 'remove escalate, bind and impersonate unless this subject administers RBAC',
  [AccessRisk.POD_EXEC]: 'remove pods/exec and pods/attach, or grant them per namespace to operators only',
  [AccessRisk.LONG_LIVED_TOKEN]: 'use a bound token (kubectl create token) instead of a token kept in a Secret',
};

const RBAC = 'rbac.authorization.k8s.io';
const READ = ['get', 'list', 'watch'];
const probe = (verb: string, apiGroup: string, resource: string, subresource = ''): RequestAttributes =>
  resourceRequest({ verb, apiGroup, resource, subresource });

/** Requests that obtain permissions: escalate/bind on roles, impersonate identities. */
const ESCALATION_PROBES: ReadonlyArray<[string, RequestAttributes]> = [
  ...['escalate', 'bind'].flatMap((v) =>
    ['roles', 'clusterroles'].map((r): [string, RequestAttributes] => [`${v} ${r}`, probe(v, RBAC, r)]),
  ),
  ...['users', 'groups', 'serviceaccounts'].map((r): [string, RequestAttributes] => [
    `impersonate ${r}`,
    probe('impersonate', '', r),
  ]),
  ...['uids', 'userextras'].map((r): [string, RequestAttributes] => [
    `impersonate ${r}.authentication.k8s.io`,
    probe('impersonate', 'authentication.k8s.io', r),
  ]),
];

/** A shell in a pod (exec, attach) or a tunnel into it (portforward), over POST (create) or the websocket GET. */
const EXEC_PROBES: ReadonlyArray<[string, RequestAttributes]> = ['exec', 'attach', 'portforward'].flatMap((sub) =>
  ['create', 'get'].map((v): [string, RequestAttributes] => [`pods/${sub}`, probe(v, '', 'pods', sub)]),
);

const SECRET_PROBES: ReadonlyArray<[string, RequestAttributes]> = READ.map((v): [string, RequestAttributes] => [
  v,
  probe(v, '', 'secrets'),
]);

function covered(rule: RbacPolicyRule, probes: ReadonlyArray<[string, RequestAttributes]>): string[] {
  return [
    ...new Set(
      probes.filter(([, p]) => ruleAllows(p, rule) || wildcardSubresourceAllows(p, rule)).map(([label]) => label),
    ),
  ];
}

/**
 * A risk is read generously where a rule is read literally: `pods/*` (and `*` + `/*`) is written to mean every
 * subresource of pods. The RBAC authorizer (`ResourceMatches`, pkg/apis/rbac/v1/evaluation_helpers.go) matches it
 * only against a subresource literally named `*`, so AccessModel does not grant pods/exec through it; but a risk
 * check must not wave through a rule whose author meant pods/exec, nor one a future or webhook authorizer widens.
 */
function wildcardSubresourceAllows(request: RequestAttributes, rule: RbacPolicyRule): boolean {
  if (!request.resourceRequest || request.subresource === '') return false;
  const widened = (rule.resources ?? []).filter((r) => r === `${request.resource}/*` || r === '*/*');
  return (
    widened.length > 0 && ruleAllows(request, { ...rule, resources: [`${request.resource}/${request.subresource}`] })
  );
}

/** The `x/*` entries of a rule, for the reason text. */
function wildcardSubresources(rule: RbacPolicyRule): string[] {
  return (rule.resources ?? []).filter((r) => /\/\*$/.test(r));
}

/**
 * The risks of one RbacPolicyRule granted at `scope`: `cluster-admin` (every verb on every resource in every group),
 * `wildcard` (one entry per field holding `*`), `privilege-escalation` (escalate, bind, impersonate, written or through
 * `*`), `pod-exec` (pods/exec or pods/attach, also through `*` resources or `*` + `/exec`) and, at cluster scope only,
 * `secrets-read-cluster-wide` (get/list/watch on every secret). Rules limited by resourceNames never read all secrets.
 */
export function rbacRuleRisks(rule: RbacPolicyRule, scope: RbacScope): RbacRuleRisk[] {
  return ruleRisks(
    rule,
    scope,
    scope === 'cluster' ? 'in every namespace and on cluster-scoped resources' : 'in its namespace',
  );
}

/** What a `*` grants, per rule field, in the order the fields are reported. */
const WILDCARD_REASONS: ReadonlyArray<[RbacRuleRisk['field'], string]> = [
  ['verbs', 'grants wildcard verbs ("*"), every current and future verb including escalate and delete'],
  [
    'resources',
    'grants wildcard resources ("*"), every current and future resource and subresource including secrets and pods/exec',
  ],
  ['apiGroups', 'grants wildcard API groups ("*"), the resources named in every current and future group'],
  ['nonResourceURLs', 'grants wildcard non-resource URLs ("*"), every API server path outside the resource API'],
];

/** {@link rbacRuleRisks} with the scope in words (`wherever it is bound` for a ClusterRole on its own). */
function ruleRisks(rule: RbacPolicyRule, scope: RbacScope, where: string): RbacRuleRisk[] {
  const r: RbacPolicyRule = { ...rule };
  const out: RbacRuleRisk[] = [];
  const has = (list: readonly string[] | undefined): boolean => (list ?? []).includes('*');
  if (has(r.verbs) && has(r.apiGroups) && has(r.resources) && (r.resourceNames ?? []).length === 0) {
    out.push({
      risk: AccessRisk.CLUSTER_ADMIN,
      field: 'resources',
      reason: `grants every verb on every resource of every API group ${where}, as cluster-admin does`,
    });
  }
  for (const [field, reason] of WILDCARD_REASONS) {
    if (has(r[field])) out.push({ risk: AccessRisk.WILDCARD, field, reason });
  }
  const written = r.verbs.filter((v) => v === 'escalate' || v === 'bind' || v === 'impersonate');
  const escalation = covered(r, ESCALATION_PROBES);
  if (written.length > 0) {
    out.push({
      risk: AccessRisk.PRIVILEGE_ESCALATION,
      field: 'verbs',
      reason: `grants ${written.join(', ')}, which lets the subject obtain permissions it does not have`,
    });
  } else if (escalation.length > 0) {
    out.push({
      risk: AccessRisk.PRIVILEGE_ESCALATION,
      field: 'verbs',
      reason: `grants ${escalation.join(', ')} through "*" verbs, which lets the subject obtain permissions it does not have`,
    });
  }
  const exec = covered(r, EXEC_PROBES);
  if (exec.length > 0) {
    const through = wildcardSubresources(r);
    const via =
      through.length > 0
        ? ` (through ${through.map((x) => JSON.stringify(x)).join(', ')}, read as every subresource)`
        : '';
    const what = exec.includes('pods/portforward')
      ? exec.length > 1
        ? 'a shell in or a tunnel into pods'
        : 'a tunnel into pods'
      : 'a shell in pods';
    out.push({
      risk: AccessRisk.POD_EXEC,
      field: 'resources',
      reason: `grants ${exec.join(', ')}${via}, ${what} ${where} with their ServiceAccount tokens and secrets`,
    });
  }
  const secrets = covered(r, SECRET_PROBES);
  if (scope === 'cluster' && secrets.length > 0) {
    out.push({
      risk: AccessRisk.SECRETS_READ_CLUSTER_WIDE,
      field: 'resources',
      reason: `grants ${secrets.join(', ')} on secrets in every namespace: every ServiceAccount token and credential in the cluster`,
    });
  }
  return out;
}

function finding(doc: unknown, path: string, risk: AccessRisk, message: string): LintFinding[] {
  const rule = RISK_RULE[risk];
  // Risks acknowledged in code (AccessRole's acknowledgeRisks) are recorded on the object and not reported again.
  if (rule === undefined || acknowledgedRisksOf(doc).has(risk)) return [];
  return [{ ...objectIdentity(doc), path, rule, message: `${message}; fix: ${RISK_FIX[risk]}` }];
}

/** Reads what can be read: a malformed object is skipped here (validateManifests reports it). */
function readTolerant(docs: readonly unknown[]): {
  roles: Array<[RoleRecord, unknown]>;
  bindings: Array<[BindingRecord, unknown]>;
} {
  const roles: Array<[RoleRecord, unknown]> = [];
  const bindings: Array<[BindingRecord, unknown]> = [];
  // Indexed: a for-of allocates per step until optimised, and most of a large export holds no RBAC.
  for (let i = 0; i < docs.length; i++) {
    const doc = docs[i];
    if (!mayHoldRolesOrBindings(doc)) continue;
    try {
      const o = readRbacObjects([doc], 'default');
      for (const r of o.roles) roles.push([r, doc]);
      for (const b of o.bindings) bindings.push([b, doc]);
    } catch {
      // reported by validation
    }
  }
  return { roles, bindings };
}

/**
 * Risky RBAC in a set of manifests, as lint findings: risky rules on the Role/ClusterRole that writes them
 * (`rules[2].verbs`), bindings to cluster-admin on the binding (`roleRef.name`), and reading secrets cluster-wide on
 * the ClusterRoleBinding that makes a ClusterRole's rule cluster-wide (aggregated roles included). Sorted by kind,
 * namespace, name, path, rule.
 */
export function rbacRiskFindings(docs: readonly unknown[]): LintFinding[] {
  const { roles, bindings } = readTolerant(docs);
  const out: LintFinding[] = [];
  for (const [role, doc] of roles) {
    if (role.aggregation) continue; // its written rules are replaced by the aggregated ones, flagged where written
    const where = role.kind === 'Role' ? 'in its namespace' : 'wherever it is bound';
    role.rules.forEach((rule, i) => {
      for (const risk of ruleRisks(rule, 'namespace', where))
        out.push(...finding(doc, `rules[${i}].${risk.field}`, risk.risk, `rule ${i} ${risk.reason}`));
    });
  }
  const effective = aggregateClusterRoles(roles.map(([r]) => r).filter((r) => r.kind === 'ClusterRole'));
  for (const [b, doc] of bindings) {
    if (b.roleRef.kind === 'ClusterRole' && b.roleRef.name === 'cluster-admin') {
      const scope =
        b.kind === 'ClusterRoleBinding'
          ? 'in the whole cluster'
          : `in namespace ${b.namespace} (every object there, including Roles, RoleBindings and secrets)`;
      out.push(
        ...finding(doc, 'roleRef.name', AccessRisk.CLUSTER_ADMIN, `binds the built-in cluster-admin role ${scope}`),
      );
      continue;
    }
    if (b.kind !== 'ClusterRoleBinding' || b.roleRef.kind !== 'ClusterRole') continue;
    for (const e of effective.get(b.roleRef.name) ?? []) {
      const risk = rbacRuleRisks(e.rule, 'cluster').find((x) => x.risk === AccessRisk.SECRETS_READ_CLUSTER_WIDE);
      if (!risk) continue;
      const from = e.aggregatedFrom
        ? ` (aggregated from ${describeRef({ kind: 'ClusterRole', name: e.aggregatedFrom.name })} rule ${e.aggregatedFrom.ruleIndex})`
        : '';
      out.push(
        ...finding(
          doc,
          'roleRef',
          risk.risk,
          `makes ClusterRole ${b.roleRef.name} rule ${e.index}${from} cluster-wide: it ${risk.reason}`,
        ),
      );
    }
  }
  return out.sort(compareFindings);
}

function compareFindings(a: LintFinding, b: LintFinding): number {
  const ka = [a.kind, a.namespace ?? '', a.name, a.path, a.rule];
  const kb = [b.kind, b.namespace ?? '', b.name, b.path, b.rule];
  for (let i = 0; i < ka.length; i++) if (ka[i] !== kb[i]) return ka[i] < kb[i] ? -1 : 1;
  return 0;
}

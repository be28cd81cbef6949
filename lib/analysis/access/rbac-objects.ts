/**
 * Reads RBAC manifests (Role, ClusterRole, RoleBinding, ClusterRoleBinding, ServiceAccount) into checked, typed
 * records. Shapes the API server would reject are errors naming the object, the field and the fix; later documents
 * replace earlier ones with the same identity (as `kubectl apply` in order would), with a warning.
 */
import { boundaryError, describeValue } from '../../model/primitives/guard';
import { LabelSelectorMatcher } from './label-selector';
import { RbacPolicyRule } from './rule-matching';
import { BindingSubject } from './subjects';

const RBAC_GROUP = 'rbac.authorization.k8s.io';

/** A reference to one object: `ClusterRole admin`, `RoleBinding dev/readers`. */
export interface RbacObjectRef {
  /** The kind. */
  readonly kind: string;
  /** The name. */
  readonly name: string;
  /**
   * The namespace.
   * @default - cluster-scoped
   */
  readonly namespace?: string;
}

/** A Role or ClusterRole as written. */
export interface RoleRecord {
  /** `Role` or `ClusterRole`. */
  readonly kind: 'Role' | 'ClusterRole';
  /** The name. */
  readonly name: string;
  /** The namespace (`''` for ClusterRoles). */
  readonly namespace: string;
  /** `metadata.labels`. */
  readonly labels: { readonly [key: string]: string };
  /** `rules` as written. */
  readonly rules: readonly RbacPolicyRule[];
  /** Parsed `aggregationRule.clusterRoleSelectors`; undefined when the role has no aggregationRule. */
  readonly aggregation?: readonly LabelSelectorMatcher[];
}

/** A RoleBinding or ClusterRoleBinding. */
export interface BindingRecord {
  /** `RoleBinding` or `ClusterRoleBinding`. */
  readonly kind: 'RoleBinding' | 'ClusterRoleBinding';
  /** The name. */
  readonly name: string;
  /** The namespace (`''` for ClusterRoleBindings). */
  readonly namespace: string;
  /** `roleRef.kind` and `roleRef.name`. */
  readonly roleRef: { readonly kind: string; readonly name: string };
  /** `subjects`. */
  readonly subjects: readonly BindingSubject[];
}

/** Everything RBAC in a set of manifests. */
export interface RbacObjects {
  /** Roles and ClusterRoles, sorted by namespace then name. */
  readonly roles: readonly RoleRecord[];
  /** RoleBindings and ClusterRoleBindings, ClusterRoleBindings first, each sorted by namespace then name. */
  readonly bindings: readonly BindingRecord[];
  /** ServiceAccounts present, as `namespace/name`. */
  readonly serviceAccounts: ReadonlySet<string>;
  /** The documents that are not RBAC or ServiceAccounts (CRDs are read from them). */
  readonly others: readonly unknown[];
  /** Non-fatal notes: replaced duplicates, defaulted namespaces. */
  readonly warnings: readonly string[];
}

/** `ClusterRole admin`, `Role dev/reader`. */
export function describeRef(ref: {
  readonly kind: string;
  readonly name: string;
  readonly namespace?: string;
}): string {
  return ref.namespace ? `${ref.kind} ${ref.namespace}/${ref.name}` : `${ref.kind} ${ref.name}`;
}

/** Flattens `kind: List` (and `*List`) documents, as `kubectl get -o yaml` writes them. */
export function flattenLists(docs: readonly unknown[]): unknown[] {
  const out: unknown[] = [];
  for (const d of docs) {
    const doc = d as { kind?: unknown; items?: unknown };
    if (doc && typeof doc.kind === 'string' && doc.kind.endsWith('List') && Array.isArray(doc.items))
      out.push(...flattenLists(doc.items));
    else out.push(d);
  }
  return out;
}

function isRbac(doc: any): boolean {
  return typeof doc?.apiVersion === 'string' && doc.apiVersion.startsWith(`${RBAC_GROUP}/`);
}

const ROLE_AND_BINDING_KINDS: ReadonlySet<unknown> = new Set([
  'Role',
  'ClusterRole',
  'RoleBinding',
  'ClusterRoleBinding',
]);

/**
 * False when {@link readRbacObjects} of `[doc]` gives no role and no binding whatever else `doc` holds (it is neither
 * a List nor a Role, ClusterRole, RoleBinding or ClusterRoleBinding): callers that read documents one at a time skip
 * it without the cost of a read (most documents of a large export).
 */
export function mayHoldRolesOrBindings(doc: unknown): boolean {
  const d = doc as { kind?: unknown; items?: unknown } | null | undefined;
  if (d === null || d === undefined) return false;
  if (typeof d.kind === 'string' && d.kind.endsWith('List') && Array.isArray(d.items)) return true;
  return ROLE_AND_BINDING_KINDS.has(d.kind) && isRbac(d);
}

/**
 * A list of strings, as Go decodes `[]string`: a string where a list belongs (`verbs: get`) is refused, never read as
 * absent or split into characters; `null` is absent.
 */
function stringList(value: unknown, object: string, field: string, required: boolean): string[] {
  if (value === undefined || value === null) {
    if (required) throw boundaryError(object, field, 'is required; fix: list at least one value');
    return [];
  }
  if (!Array.isArray(value)) {
    throw boundaryError(
      object,
      field,
      `must be a list of strings, got ${describeValue(value)}; fix: ${typeof value === 'string' ? `write ${field.split('.').pop()}: [${JSON.stringify(value)}]` : 'write ["a", "b"]'}`,
    );
  }
  const bad = value.findIndex((v) => typeof v !== 'string');
  if (bad >= 0)
    throw boundaryError(
      object,
      `${field}[${bad}]`,
      `must be a string, got ${describeValue(value[bad])}; fix: quote it`,
    );
  return value as string[];
}

function readRule(r: unknown, object: string, where: string): RbacPolicyRule {
  if (r === null || typeof r !== 'object' || Array.isArray(r))
    throw boundaryError(
      object,
      where,
      `must be an object, got ${describeValue(r)}; fix: write { apiGroups, resources, verbs }`,
    );
  const o = r as Record<string, unknown>;
  const rule: RbacPolicyRule = {
    apiGroups: stringList(o.apiGroups, object, `${where}.apiGroups`, false),
    resources: stringList(o.resources, object, `${where}.resources`, false),
    verbs: stringList(o.verbs, object, `${where}.verbs`, true),
    resourceNames: stringList(o.resourceNames, object, `${where}.resourceNames`, false),
    nonResourceURLs: stringList(o.nonResourceURLs, object, `${where}.nonResourceURLs`, false),
  };
  return rule;
}

interface Identity {
  readonly kind: string;
  readonly name: string;
  readonly namespace: string;
  readonly label: string;
}

function identity(doc: any, namespaced: boolean, defaultNamespace: string, warnings: string[]): Identity {
  const kind = String(doc.kind);
  const name = doc.metadata?.name;
  if (typeof name !== 'string' || name === '')
    throw boundaryError(
      `${kind} <unnamed>`,
      'metadata.name',
      `is missing (got ${describeValue(name)}); fix: name the object`,
    );
  let namespace = '';
  if (namespaced) {
    const ns = doc.metadata?.namespace;
    if (typeof ns === 'string' && ns !== '') {
      namespace = ns;
    } else {
      namespace = defaultNamespace;
      warnings.push(
        `${kind} ${name} has no metadata.namespace; taken as namespace "${defaultNamespace}" (where kubectl apply would put it)`,
      );
    }
  }
  return { kind, name, namespace, label: namespaced ? `${kind} ${namespace}/${name}` : `${kind} ${name}` };
}

function readRole(doc: any, id: Identity): RoleRecord {
  const rules = doc.rules ?? [];
  if (!Array.isArray(rules))
    throw boundaryError(
      id.label,
      'rules',
      `must be a list, got ${describeValue(rules)}; fix: write rules: [{ apiGroups, resources, verbs }]`,
    );
  const labels: Record<string, string> = {};
  // A label value of another type is refused (the API server would), never dropped: aggregation selects by labels.
  for (const [k, v] of Object.entries((doc.metadata?.labels ?? {}) as Record<string, unknown>)) {
    if (typeof v !== 'string')
      throw boundaryError(
        id.label,
        `metadata.labels.${k}`,
        `must be a string, got ${describeValue(v)}; fix: quote the value`,
      );
    labels[k] = v;
  }
  let aggregation: LabelSelectorMatcher[] | undefined;
  if (id.kind === 'ClusterRole' && doc.aggregationRule !== undefined && doc.aggregationRule !== null) {
    const selectors = doc.aggregationRule.clusterRoleSelectors ?? [];
    if (!Array.isArray(selectors)) {
      throw boundaryError(
        id.label,
        'aggregationRule.clusterRoleSelectors',
        `must be a list, got ${describeValue(selectors)}; fix: write a list of label selectors`,
      );
    }
    aggregation = selectors.map((s: unknown, i: number) =>
      LabelSelectorMatcher.parse(s, `${id.label}: aggregationRule.clusterRoleSelectors[${i}]`),
    );
  }
  return {
    kind: id.kind as 'Role' | 'ClusterRole',
    name: id.name,
    namespace: id.namespace,
    labels,
    rules: rules.map((r: unknown, i: number) => readRule(r, id.label, `rules[${i}]`)),
    aggregation,
  };
}

function readBinding(doc: any, id: Identity): BindingRecord {
  const ref = doc.roleRef;
  if (
    ref === null ||
    typeof ref !== 'object' ||
    typeof ref.kind !== 'string' ||
    typeof ref.name !== 'string' ||
    ref.name === ''
  ) {
    throw boundaryError(
      id.label,
      'roleRef',
      `needs kind and name; fix: write roleRef: { apiGroup: ${RBAC_GROUP}, kind: ClusterRole, name: ... }`,
    );
  }
  // rbac validation ValidateRoleBinding: roleRef.kind is Role or ClusterRole. (A ClusterRoleBinding to a Role is left
  // to the authorizer, which reports it and grants nothing, as upstream's GetRoleReferenceRules does.)
  const kinds = ['Role', 'ClusterRole'];
  if (!kinds.includes(ref.kind)) {
    throw boundaryError(
      id.label,
      'roleRef.kind',
      `Unsupported value: ${JSON.stringify(ref.kind)}: supported values: ${kinds.map((k) => `"${k}"`).join(', ')}; fix: use ${kinds.join(' or ')} (case-sensitive)`,
    );
  }
  const subjects = doc.subjects ?? [];
  if (!Array.isArray(subjects))
    throw boundaryError(
      id.label,
      'subjects',
      `must be a list, got ${describeValue(subjects)}; fix: write subjects: [{ kind: User, name: ... }]`,
    );
  return {
    kind: id.kind as 'RoleBinding' | 'ClusterRoleBinding',
    name: id.name,
    namespace: id.namespace,
    roleRef: { kind: ref.kind, name: ref.name },
    subjects: subjects.map((s: any, i: number) => {
      if (
        s === null ||
        typeof s !== 'object' ||
        typeof s.kind !== 'string' ||
        typeof s.name !== 'string' ||
        s.name === ''
      ) {
        throw boundaryError(id.label, `subjects[${i}]`, 'needs kind and name; fix: write { kind: User, name: ... }');
      }
      // rbac validation ValidateRoleBindingSubject: User, Group or ServiceAccount; an unknown kind would bind no one.
      if (!['User', 'Group', 'ServiceAccount'].includes(s.kind)) {
        const near = ['User', 'Group', 'ServiceAccount'].find((k) => k.toLowerCase() === String(s.kind).toLowerCase());
        throw boundaryError(
          id.label,
          `subjects[${i}].kind`,
          `Unsupported value: ${JSON.stringify(s.kind)}; fix: ${near ? `did you mean "${near}"? kinds are case-sensitive` : 'use User, Group or ServiceAccount'}`,
        );
      }
      const namespace = typeof s.namespace === 'string' && s.namespace !== '' ? s.namespace : undefined;
      return namespace === undefined ? { kind: s.kind, name: s.name } : { kind: s.kind, name: s.name, namespace };
    }),
  };
}

const byPlace = (a: { namespace: string; name: string }, b: { namespace: string; name: string }): number =>
  a.namespace < b.namespace ? -1 : a.namespace > b.namespace ? 1 : a.name < b.name ? -1 : a.name > b.name ? 1 : 0;

/**
 * Reads the RBAC objects and ServiceAccounts out of `docs` (already flattened or not).
 * @param defaultNamespace the namespace of namespaced objects written without one
 * @throws Error naming the object and field when an RBAC object has a shape the API server would reject
 */
export function readRbacObjects(docs: readonly unknown[], defaultNamespace: string): RbacObjects {
  const warnings: string[] = [];
  const roles = new Map<string, RoleRecord>();
  const bindings = new Map<string, BindingRecord>();
  const serviceAccounts = new Set<string>();
  const others: unknown[] = [];
  const keep = <T>(map: Map<string, T>, id: Identity, value: T): void => {
    if (map.has(id.label)) warnings.push(`${id.label} appears twice; the later document replaces the earlier one`);
    map.set(id.label, value);
  };
  for (const doc of flattenLists(docs) as any[]) {
    if (isRbac(doc)) {
      switch (doc.kind) {
        case 'Role':
        case 'ClusterRole': {
          const id = identity(doc, doc.kind === 'Role', defaultNamespace, warnings);
          keep(roles, id, readRole(doc, id));
          continue;
        }
        case 'RoleBinding':
        case 'ClusterRoleBinding': {
          const id = identity(doc, doc.kind === 'RoleBinding', defaultNamespace, warnings);
          keep(bindings, id, readBinding(doc, id));
          continue;
        }
      }
    } else if (doc?.apiVersion === 'v1' && doc?.kind === 'ServiceAccount') {
      const id = identity(doc, true, defaultNamespace, warnings);
      serviceAccounts.add(`${id.namespace}/${id.name}`);
      continue;
    }
    others.push(doc);
  }
  const all = [...bindings.values()];
  return {
    roles: [...roles.values()].sort(byPlace),
    bindings: [
      ...all.filter((b) => b.kind === 'ClusterRoleBinding').sort(byPlace),
      ...all.filter((b) => b.kind === 'RoleBinding').sort(byPlace),
    ],
    serviceAccounts,
    others,
    warnings,
  };
}

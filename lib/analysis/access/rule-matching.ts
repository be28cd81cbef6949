/**
 * RBAC rule matching, exactly as the Kubernetes RBAC authorizer does it: `RuleAllows` in
 * kubernetes/kubernetes plugin/pkg/auth/authorizer/rbac/rbac.go and `VerbMatches`, `APIGroupMatches`,
 * `ResourceMatches`, `ResourceNameMatches`, `NonResourceURLMatches` in pkg/apis/rbac/v1/evaluation_helpers.go.
 * Pure functions over plain data; no normalisation (matching is case-sensitive, as upstream).
 */

/** One `rules[]` entry of a Role or ClusterRole (fields as in `rbac.authorization.k8s.io/v1` PolicyRule). */
export interface RbacPolicyRule {
  /**
   * API groups: `''` is the core group, `*` every group.
   * @default [] (matches no resource request)
   */
  readonly apiGroups?: readonly string[];
  /**
   * Resources, `resource/subresource` for subresources; `*` is every resource and subresource, and `*` followed by
   * `/scale` is the `scale` subresource of every resource.
   * @default [] (matches no resource request)
   */
  readonly resources?: readonly string[];
  /** Verbs: `get`, `list`, `watch`, `create`, ... or `*`. */
  readonly verbs: readonly string[];
  /**
   * Object names the rule is limited to; empty means every object. A request without a name (list, watch of all,
   * create, deletecollection) never matches a non-empty list.
   * @default [] (every object)
   */
  readonly resourceNames?: readonly string[];
  /**
   * Non-resource URL paths (`/healthz`, `/apis/*`): exact, `*`, or a prefix ending in `*`.
   * @default [] (matches no non-resource request)
   */
  readonly nonResourceURLs?: readonly string[];
}

/** The attributes of one request as the authorizer sees them (upstream `authorizer.Attributes`). */
export interface RequestAttributes {
  /** The verb: `get`, `list`, ... */
  readonly verb: string;
  /** True for API resource requests, false for non-resource URLs. */
  readonly resourceRequest: boolean;
  /** API group (`''` for core). Resource requests only. */
  readonly apiGroup: string;
  /** Resource (`pods`). Resource requests only. */
  readonly resource: string;
  /** Subresource (`log`), or `''`. */
  readonly subresource: string;
  /** Object name, or `''` (list, create, deletecollection...). */
  readonly name: string;
  /** Namespace, or `''` for cluster-scoped and all-namespace requests. */
  readonly namespace: string;
  /** URL path of a non-resource request. */
  readonly path: string;
}

const ALL = '*';

/** Upstream `VerbMatches`: the rule lists the verb or `*`. */
export function verbMatches(rule: RbacPolicyRule, verb: string): boolean {
  return rule.verbs.some((v) => v === ALL || v === verb);
}

/** Upstream `APIGroupMatches`: the rule lists the group or `*`. */
export function apiGroupMatches(rule: RbacPolicyRule, group: string): boolean {
  return (rule.apiGroups ?? []).some((g) => g === ALL || g === group);
}

/**
 * Upstream `ResourceMatches`: `*`, the exact `resource/subresource`, or `*` + `/subresource` when the request has that
 * subresource. A rule resource `pods/` + `*` is literal, as upstream.
 */
export function resourceMatches(rule: RbacPolicyRule, combinedResource: string, subresource: string): boolean {
  for (const r of rule.resources ?? []) {
    if (r === ALL || r === combinedResource) return true;
    if (subresource.length > 0 && r.length === subresource.length + 2 && r.startsWith('*/') && r.endsWith(subresource))
      return true;
  }
  return false;
}

/**
 * Upstream `ResourceNameMatches`: no names means every object; otherwise the exact name, so a request without a name
 * never matches a named rule.
 */
export function resourceNameMatches(rule: RbacPolicyRule, name: string): boolean {
  const names = rule.resourceNames ?? [];
  return names.length === 0 || names.includes(name);
}

/**
 * Upstream `NonResourceURLMatches`: `*`, exact, or a trailing `*` prefix (`/apis/*` matches `/apis/v1`, not `/apis`).
 */
export function nonResourceURLMatches(rule: RbacPolicyRule, path: string): boolean {
  for (const u of rule.nonResourceURLs ?? []) {
    if (u === ALL || u === path) return true;
    // Go's strings.TrimRight(u, "*") strips every trailing '*'.
    if (u.endsWith('*') && path.startsWith(u.replace(/\*+$/, ''))) return true;
  }
  return false;
}

/** Upstream `RuleAllows`: whether one rule allows the request. */
export function ruleAllows(request: RequestAttributes, rule: RbacPolicyRule): boolean {
  if (request.resourceRequest) {
    const combined = request.subresource.length > 0 ? `${request.resource}/${request.subresource}` : request.resource;
    return (
      verbMatches(rule, request.verb) &&
      apiGroupMatches(rule, request.apiGroup) &&
      resourceMatches(rule, combined, request.subresource) &&
      resourceNameMatches(rule, request.name)
    );
  }
  return verbMatches(rule, request.verb) && nonResourceURLMatches(rule, request.path);
}

/** Upstream `RulesAllow`: the index of the first rule that allows the request, or -1. */
export function firstAllowingRule(request: RequestAttributes, rules: readonly RbacPolicyRule[]): number {
  for (let i = 0; i < rules.length; i++) if (ruleAllows(request, rules[i])) return i;
  return -1;
}

/** A resource request with defaults for the fields not given (for tests and probes). */
export function resourceRequest(fields: Partial<RequestAttributes> & { readonly verb: string }): RequestAttributes {
  return {
    resourceRequest: true,
    apiGroup: '',
    resource: '',
    subresource: '',
    name: '',
    namespace: '',
    path: '',
    ...fields,
  };
}

/** A non-resource request for `path`. */
export function nonResourceRequest(verb: string, path: string): RequestAttributes {
  return { resourceRequest: false, verb, apiGroup: '', resource: '', subresource: '', name: '', namespace: '', path };
}

/**
 * A short readable form of a rule for reasons: `get,list,watch pods,services`, `get deployments.apps`,
 * `get secrets [db-password]`, `get /healthz,/readyz`.
 */
export function describeRbacRule(rule: RbacPolicyRule): string {
  const parts: string[] = [rule.verbs.join(',')];
  const resources = rule.resources ?? [];
  if (resources.length > 0) {
    const groups = rule.apiGroups ?? [];
    if (groups.length === 1) {
      parts.push(resources.map((r) => qualify(r, groups[0])).join(','));
    } else {
      parts.push(`${resources.join(',')} in apiGroups ${groups.map((g) => JSON.stringify(g)).join(',') || '(none)'}`);
    }
    if ((rule.resourceNames ?? []).length > 0) parts.push(`[${rule.resourceNames!.join(',')}]`);
  }
  if ((rule.nonResourceURLs ?? []).length > 0) parts.push(rule.nonResourceURLs!.join(','));
  return parts.join(' ');
}

/** `deployments` + `apps` → `deployments.apps`; `pods/log` + `''` → `pods/log`; `*` group → `deployments.*`. */
export function qualify(resource: string, group: string): string {
  if (group === '') return resource;
  const slash = resource.indexOf('/');
  return slash < 0 ? `${resource}.${group}` : `${resource.slice(0, slash)}.${group}${resource.slice(slash)}`;
}

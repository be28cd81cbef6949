/**
 * Kubernetes `metav1.LabelSelector` matching for aggregation rules, as `metav1.LabelSelectorAsSelector` builds it
 * (k8s.io/apimachinery/pkg/apis/meta/v1/helpers.go): `matchLabels` and `matchExpressions` ANDed, an empty selector
 * matches everything; a malformed selector is an error (the aggregation controller then leaves the role alone).
 */
import { boundaryError } from '../../model/primitives/guard';
import { labelRequirementMatches } from '../../model/primitives/label-requirement';

/** Throws `[Kind name] field: detail` from a `where` of the form `Kind name: field`. */
function fail(where: string, sub: string, detail: string): never {
  const i = where.indexOf(': ');
  const [object, field] = i < 0 ? ['', where] : [where.slice(0, i), where.slice(i + 2)];
  throw boundaryError(object, `${field}${sub}`, detail);
}

/** One `matchExpressions` entry. */
interface Requirement {
  readonly key: string;
  readonly operator: 'In' | 'NotIn' | 'Exists' | 'DoesNotExist';
  readonly values: readonly string[];
}

/** A parsed label selector: call {@link LabelSelectorMatcher.matches}. */
export class LabelSelectorMatcher {
  /**
   * Parses a selector object; `where` names it in errors (`ClusterRole admin:
   * aggregationRule.clusterRoleSelectors[0]`).
   * @throws Error when a field has the wrong shape or an operator/values combination upstream rejects
   */
  public static parse(selector: unknown, where: string): LabelSelectorMatcher {
    if (selector === null || typeof selector !== 'object' || Array.isArray(selector)) {
      fail(
        where,
        ``,
        `must be a label selector object; fix: use { matchLabels: {...} } or { matchExpressions: [...] }`,
      );
    }
    const s = selector as { matchLabels?: unknown; matchExpressions?: unknown };
    const labels: Array<[string, string]> = [];
    if (s.matchLabels !== undefined && s.matchLabels !== null) {
      if (typeof s.matchLabels !== 'object' || Array.isArray(s.matchLabels))
        fail(where, `.matchLabels`, `must be a map of strings; fix: write key: value pairs`);
      for (const [k, v] of Object.entries(s.matchLabels as Record<string, unknown>)) {
        if (typeof v !== 'string') fail(where, `.matchLabels.${k}`, `must be a string; fix: quote the value`);
        labels.push([k, v]);
      }
    }
    const exprs = s.matchExpressions ?? [];
    if (!Array.isArray(exprs))
      fail(where, `.matchExpressions`, `must be a list; fix: write a list of { key, operator, values }`);
    const requirements = exprs.map((e, i) => requirement(e, `${where}.matchExpressions[${i}]`));
    return new LabelSelectorMatcher(labels, requirements);
  }

  private constructor(
    private readonly labels: ReadonlyArray<[string, string]>,
    private readonly requirements: readonly Requirement[],
  ) {}

  /** Whether an object with these labels is selected. */
  public matches(objectLabels: { readonly [key: string]: string }): boolean {
    for (const [k, v] of this.labels) if (objectLabels[k] !== v) return false;
    return this.requirements.every((r) => labelRequirementMatches(objectLabels, r.key, r.operator, r.values));
  }
}

function requirement(e: unknown, where: string): Requirement {
  if (e === null || typeof e !== 'object' || Array.isArray(e))
    fail(where, ``, `must be an object; fix: write { key, operator, values }`);
  const { key, operator, values } = e as { key?: unknown; operator?: unknown; values?: unknown };
  if (typeof key !== 'string' || key === '') fail(where, `.key`, `must be a non-empty string; fix: name the label`);
  const vals = values ?? [];
  if (!Array.isArray(vals) || vals.some((v) => typeof v !== 'string'))
    fail(where, `.values`, `must be a list of strings; fix: quote each value`);
  switch (operator) {
    case 'In':
    case 'NotIn':
      if (vals.length === 0) fail(where, `.values`, `${operator} needs at least one value; fix: list the values`);
      return { key, operator, values: vals };
    case 'Exists':
    case 'DoesNotExist':
      if (vals.length > 0) fail(where, `.values`, `${operator} takes no values; fix: remove values`);
      return { key, operator, values: [] };
    default:
      fail(
        where,
        `.operator`,
        `${JSON.stringify(operator)} is not a label selector operator; fix: use In, NotIn, Exists or DoesNotExist`,
      );
  }
}

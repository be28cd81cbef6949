import {
  guardArray,
  guardEnum,
  guardKnownKeys,
  guardObject,
  guardOptionalArray,
  guardString,
  rejectInput,
} from '../../model/primitives/guard';
import { guardLabels } from '../../model/primitives/kube-name-guards';
import { isQualifiedName, isValidLabelValue, qualifiedNameErrors } from '../../model/primitives/kube-names';

/**
 * The operator of a {@link LabelSelectorRequirement}: the four that Kubernetes defines (apimachinery
 * `metav1.LabelSelectorOperator`). The ClusterNetworkPolicy CRD takes any string, and Calico silently drops an
 * expression with any other operator, which widens the selection (libcalico-go `k8sSelectorToCalico`); an enum
 * leaves no way to write one.
 */
export enum LabelSelectorOperator {
  /** The label's value is one of `values`. */
  IN = 'In',
  /** The label is missing, or its value is none of `values`. */
  NOT_IN = 'NotIn',
  /** The label is present (any value). */
  EXISTS = 'Exists',
  /** The label is missing. */
  DOES_NOT_EXIST = 'DoesNotExist',
}

/** One `matchExpressions` entry of a {@link LabelSelector}. */
export interface LabelSelectorRequirement {
  /** The label key (a qualified name such as `team` or `example.com/team`). */
  readonly key: string;
  /** How the label is compared. */
  readonly operator: LabelSelectorOperator;
  /**
   * The values: at least one for `In` / `NotIn`, none for `Exists` / `DoesNotExist`.
   * @default [] (right for Exists and DoesNotExist only)
   */
  readonly values?: string[];
}

/** Props of {@link LabelSelector.of}. */
export interface LabelSelectorProps {
  /**
   * Labels that must all be present with these values.
   * @default {} (no label condition)
   */
  readonly matchLabels?: { [key: string]: string };
  /**
   * Expressions that must all hold (ANDed with `matchLabels`).
   * @default [] (no expression)
   */
  readonly matchExpressions?: LabelSelectorRequirement[];
}

const PROPS = ['matchLabels', 'matchExpressions'];
const REQUIREMENT_KEYS = ['key', 'operator', 'values'];

/**
 * A Kubernetes label selector (`metav1.LabelSelector`: `matchLabels` and `matchExpressions`, all ANDed), as plain
 * data, for ClusterNetworkPolicy subjects and peers. An empty selector selects everything. Checked as kube-apiserver
 * checks label selectors (apimachinery `pkg/apis/meta/v1/validation.ValidateLabelSelector`), which the
 * ClusterNetworkPolicy CRD itself does not do.
 */
export class LabelSelector {
  /** Everything (`{}`): every namespace, or every pod. */
  public static all(): LabelSelector {
    return new LabelSelector({}, []);
  }

  /** Objects carrying all of these labels (`matchLabels`). An empty map selects everything. */
  public static matchLabels(labels: { [key: string]: string }): LabelSelector {
    return new LabelSelector({ ...guardLabels(labels, 'LabelSelector.matchLabels', 'labels') }, []);
  }

  /** A selector with labels and expressions. */
  public static of(props: LabelSelectorProps): LabelSelector {
    const where = 'LabelSelector.of';
    const p = guardObject(props, where, 'props', { expected: 'a props object { matchLabels?, matchExpressions? }' });
    guardKnownKeys(p, PROPS, where);
    const labels = p.matchLabels === undefined ? {} : guardLabels(p.matchLabels, where, 'matchLabels');
    const expressions =
      guardOptionalArray(p.matchExpressions, where, 'matchExpressions', (e, f) => guardRequirement(e, where, f), {
        of: 'requirements { key, operator, values? }',
      }) ?? [];
    return new LabelSelector({ ...labels }, expressions);
  }

  private constructor(
    private readonly labels: { readonly [key: string]: string },
    private readonly expressions: readonly LabelSelectorRequirement[],
  ) {}

  /** Whether the selector has no condition, so it selects everything. */
  public get isEmpty(): boolean {
    return Object.keys(this.labels).length === 0 && this.expressions.length === 0;
  }

  /**
   * This selector with one more expression (ANDed), e.g. `.withExpression('team', LabelSelectorOperator.NOT_IN,
   * 'platform')`.
   */
  public withExpression(key: string, operator: LabelSelectorOperator, ...values: string[]): LabelSelector {
    const req = guardRequirement({ key, operator, values }, 'LabelSelector.withExpression', 'expression');
    return new LabelSelector(this.labels, [...this.expressions, req]);
  }

  /** The selector as it appears in the manifest: `{}` when empty, no empty `matchLabels` or `matchExpressions`. */
  public toJson(): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    if (Object.keys(this.labels).length > 0) out.matchLabels = { ...this.labels };
    if (this.expressions.length > 0) {
      out.matchExpressions = this.expressions.map((e) =>
        e.values && e.values.length > 0 ? { key: e.key, operator: e.operator, values: [...e.values] } : e,
      );
    }
    return out;
  }
}

/**
 * One requirement, as apimachinery `ValidateLabelSelectorRequirement` checks it: In/NotIn need values,
 * Exists/DoesNotExist take none, the key is a qualified name and each value a label value. Returns a copy.
 */
function guardRequirement(v: unknown, where: string, field: string): LabelSelectorRequirement {
  const o = guardObject(v, where, field, { expected: 'a requirement { key, operator, values? }' });
  guardKnownKeys(o, REQUIREMENT_KEYS, where, field);
  const key = guardString(o.key, where, `${field}.key`, { expected: 'a label key such as "team"' });
  if (!isQualifiedName(key)) {
    rejectInput(where, `${field}.key`, 'a label key such as "team" or "example.com/team"', key, fixKey(key));
  }
  const operator = guardEnum(o.operator, LabelSelectorOperator, where, `${field}.operator`, {
    enumName: 'LabelSelectorOperator',
  });
  const values =
    o.values === undefined
      ? []
      : guardArray(o.values, where, `${field}.values`, (x, f) => guardLabelValue(x, where, f), { of: 'label values' });
  const wantsValues = operator === LabelSelectorOperator.IN || operator === LabelSelectorOperator.NOT_IN;
  if (wantsValues && values.length === 0) {
    // Calico would turn `In` with no values into `key in { '' }` (libcalico-go k8sSelectorToCalico).
    rejectInput(where, `${field}.values`, `at least one value for ${operator}`, values, 'list the label values');
  }
  if (!wantsValues && values.length > 0) {
    rejectInput(where, `${field}.values`, `no values for ${operator}`, values, 'remove the values');
  }
  return values.length > 0 ? { key, operator, values } : { key, operator };
}

function guardLabelValue(v: unknown, where: string, field: string): string {
  const s = guardString(v, where, field, { allowEmpty: true, expected: 'a label value' });
  if (!isValidLabelValue(s)) {
    rejectInput(
      where,
      field,
      "a label value (at most 63 letters, digits, '-', '_' and '.', alphanumeric at both ends)",
      s,
      'use the label value exactly as the objects carry it',
    );
  }
  return s;
}

function fixKey(key: string): string {
  return `fix the key: ${qualifiedNameErrors(key).join('; ') || 'invalid'}`;
}

/** A LabelSelector argument, checked (a plain object or string is refused with the factory to use). @internal */
export function guardLabelSelector(v: unknown, where: string, field: string): LabelSelector {
  if (v instanceof LabelSelector) return v;
  const expected = 'a LabelSelector (LabelSelector.matchLabels({...}), LabelSelector.of({...}), LabelSelector.all())';
  return rejectInput(where, field, expected, v, 'build it with a LabelSelector factory');
}

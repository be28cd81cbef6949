/**
 * Labels, annotations and label selectors as k8s.io/apimachinery validates them: pkg/apis/meta/v1/validation
 * `ValidateLabels`, `ValidateLabelName`, `ValidateLabelSelector`, `ValidateLabelSelectorRequirement`, and
 * pkg/api/validation `ValidateAnnotations`. Paths are upstream's: every label problem is reported at the map
 * (`metadata.labels`), the offending key or value being the invalid value. The syntax has one home,
 * lib/model/primitives/kube-names.ts.
 */
import type { FieldIssue } from '../schema/schema-errors';
import { ANNOTATIONS_MAX_BYTES, DNS1123_LABEL_MAX, qualifiedNameErrors } from '../../model/primitives';
import { labelRequirementMatches } from '../../model/primitives/label-requirement';
import { arrayAt, forbidden, invalid, objectAt, required, stringAt, tooLong } from './issues';

const QUALIFIED_NAME_SUFFIX =
  " (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";
const LABEL_VALUE_MSG =
  "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an " +
  "alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')";

/** `IsQualifiedName`, upstream wording (the regex example appended to the name-part message). */
export function qualifiedNameMessages(key: string): string[] {
  return qualifiedNameErrors(key).map((m) =>
    m.startsWith('name part must consist') ? `${m}${QUALIFIED_NAME_SUFFIX}` : m,
  );
}

/** `IsValidLabelValue`: empty, or a qualified name part (at most 63 characters). */
export function labelValueMessages(value: string): string[] {
  if (value === '') return [];
  if (value.includes('/'))
    return value.length > DNS1123_LABEL_MAX
      ? ['must be no more than 63 characters', LABEL_VALUE_MSG]
      : [LABEL_VALUE_MSG];
  // A label value has the syntax of a qualified name without prefix: reuse its checks, reword them.
  return qualifiedNameErrors(value).map((m) =>
    m.includes('63') ? 'must be no more than 63 characters' : LABEL_VALUE_MSG,
  );
}

/** `ValidateLabelName`: a qualified name, reported at `path`. */
export function validateLabelName(key: string, path: string): FieldIssue[] {
  return qualifiedNameMessages(key).map((m) =>
    invalid(path, key, m, 'use a label key like "app" or "example.com/app"'),
  );
}

/** `ValidateLabels`: keys qualified names, values valid label values. */
export function validateLabels(labels: unknown, path: string): FieldIssue[] {
  const map = objectAt(labels);
  if (!map) return [];
  const out: FieldIssue[] = [];
  for (const [k, v] of Object.entries(map)) {
    out.push(...validateLabelName(k, path));
    if (typeof v === 'string') {
      for (const m of labelValueMessages(v)) {
        out.push(
          invalid(
            path,
            v,
            m,
            `shorten or rewrite the value of label ${JSON.stringify(k)} (at most 63 of [A-Za-z0-9-_.], alphanumeric at both ends)`,
          ),
        );
      }
    }
  }
  return out;
}

/** `ValidateAnnotations`: keys qualified names after lowercasing, keys plus values at most 256 KiB. */
export function validateAnnotations(annotations: unknown, path: string): FieldIssue[] {
  const map = objectAt(annotations);
  if (!map) return [];
  const out: FieldIssue[] = [];
  let total = 0;
  for (const [k, v] of Object.entries(map)) {
    for (const m of qualifiedNameMessages(k.toLowerCase())) {
      out.push(invalid(path, k, m, 'use an annotation key like "example.com/note"'));
    }
    total += Buffer.byteLength(k, 'utf8') + (typeof v === 'string' ? Buffer.byteLength(v, 'utf8') : 0);
  }
  if (total > ANNOTATIONS_MAX_BYTES) {
    out.push(tooLong(path, ANNOTATIONS_MAX_BYTES, 'move large data out of annotations (e.g. into a ConfigMap)'));
  }
  return out;
}

const OPERATORS = ['In', 'NotIn', 'Exists', 'DoesNotExist'];

/** `ValidateLabelSelector`: matchLabels as labels, each matchExpressions requirement. */
export function validateLabelSelector(selector: unknown, path: string): FieldIssue[] {
  const sel = objectAt(selector);
  if (!sel) return [];
  const out = validateLabels(sel.matchLabels, `${path}.matchLabels`);
  arrayAt(sel.matchExpressions).forEach((expr, i) =>
    out.push(...validateRequirement(expr, `${path}.matchExpressions[${i}]`)),
  );
  return out;
}

/** `ValidateLabelSelectorRequirement`. */
function validateRequirement(expr: unknown, path: string): FieldIssue[] {
  const req = objectAt(expr);
  if (!req) return [];
  const out: FieldIssue[] = [];
  const values = arrayAt(req.values);
  const op = req.operator;
  if (op === 'In' || op === 'NotIn') {
    if (values.length === 0) {
      out.push(
        required(
          `${path}.values`,
          "must be specified when `operator` is 'In' or 'NotIn'",
          'list at least one value, or use operator Exists',
        ),
      );
    }
  } else if (op === 'Exists' || op === 'DoesNotExist') {
    if (values.length > 0) {
      out.push(
        forbidden(
          `${path}.values`,
          "may not be specified when `operator` is 'Exists' or 'DoesNotExist'",
          'remove values, or use operator In',
        ),
      );
    }
  } else if (typeof op === 'string' || op === undefined) {
    out.push(
      invalid(
        `${path}.operator`,
        op ?? '',
        'not a valid selector operator',
        `use one of ${OPERATORS.map((o) => JSON.stringify(o)).join(', ')} (case-sensitive)`,
      ),
    );
  }
  const key = stringAt(req.key);
  if (key !== undefined) out.push(...validateLabelName(key, `${path}.key`));
  values.forEach((v, i) => {
    if (typeof v !== 'string') return;
    for (const m of labelValueMessages(v)) out.push(invalid(`${path}.values[${i}]`, v, m, 'use a valid label value'));
  });
  return out;
}

/**
 * Whether a label selector matches a label set (`metav1.LabelSelectorAsSelector` + `Matches`); an empty selector
 * matches everything. `undefined` when the selector is malformed (it is reported on its own).
 */
export function selectorMatches(selector: unknown, labels: Record<string, unknown>): boolean | undefined {
  const sel = objectAt(selector);
  if (!sel) return undefined;
  for (const [k, v] of Object.entries(objectAt(sel.matchLabels) ?? {})) {
    if (labels[k] !== v) return false;
  }
  for (const expr of arrayAt(sel.matchExpressions)) {
    const req = objectAt(expr);
    const key = stringAt(req?.key);
    if (!req || key === undefined) return undefined;
    const matched = labelRequirementMatches(labels, key, req.operator, arrayAt(req.values));
    if (matched !== true) return matched;
  }
  return true;
}

/** Whether a selector selects nothing in particular (no matchLabels, no matchExpressions). */
export function isEmptySelector(selector: unknown): boolean {
  const sel = objectAt(selector);
  return (
    !sel || (Object.keys(objectAt(sel.matchLabels) ?? {}).length === 0 && arrayAt(sel.matchExpressions).length === 0)
  );
}

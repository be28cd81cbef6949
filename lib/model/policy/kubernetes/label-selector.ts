/**
 * Kubernetes `metav1.LabelSelector` → Calico selector text, exactly as libcalico-go's `k8sSelectorToCalico`
 * (`libcalico-go/lib/backend/k8s/conversion/conversion.go`) renders it.
 */
import { Selector } from '../../../selector';
import { childOf, FieldLocation, indexOf, KubernetesConversionError } from './errors';
import { isStrict, refuse } from './strict';
import {
  compareStrings,
  isJsonObject,
  optionalList,
  optionalObject,
  optionalStringMap,
  stringList,
  stringOrEmpty,
  wrongType,
} from './json-fields';

/** The label every Kubernetes pod's WorkloadEndpoint carries; pod selectors are ANDed with it. */
export const ORCHESTRATOR_LABEL = 'projectcalico.org/orchestrator';

/** Upstream's leading term of every converted pod selector. */
export const K8S_ORCHESTRATOR_TERM = `${ORCHESTRATOR_LABEL} == 'k8s'`;

/**
 * Which kind of selector is converted (upstream's `SelectorPod` / `SelectorNamespace`):
 * - `pod`: ANDed with `projectcalico.org/orchestrator == 'k8s'`; an unset or empty selector gives just that term.
 * - `namespace`: no prefix; an unset selector gives `''` (no namespace selector) and an empty one `all()`.
 */
export type LabelSelectorKind = 'pod' | 'namespace';

/** Options of {@link kubernetesLabelSelectorToCalico}. */
export interface LabelSelectorToCalicoOptions {
  /**
   * Pod or namespace selector semantics.
   * @default 'pod'
   */
  readonly kind?: LabelSelectorKind;
  /**
   * Receives the non-fatal findings (an unknown operator Calico silently drops, a result Calico's parser rejects).
   * @default - findings are discarded
   */
  readonly problems?: string[];
  /**
   * Where the selector is, for error and problem messages.
   * @default - `{ object: 'LabelSelector', path: '' }`
   */
  readonly at?: FieldLocation;
}

/**
 * Converts a Kubernetes label selector (`{ matchLabels, matchExpressions }`) to Calico selector text exactly as
 * Calico does when it converts a Kubernetes NetworkPolicy: `matchLabels` sorted by key as `key == 'value'`, then
 * `matchExpressions` in order as `key in { 'a', 'b' }`, `key not in { 'a' }`, `has(key)`, `! has(key)`, all joined
 * with ` && `; pod selectors are prefixed with `projectcalico.org/orchestrator == 'k8s'`.
 *
 * Like upstream, an expression with an unknown operator is dropped (which widens the selector; reported in
 * `problems`), and values are quoted verbatim (a value containing `'` yields text Calico cannot parse; reported).
 *
 * @param sel the selector object; `undefined`/`null` is an unset selector
 * @returns Calico selector text (possibly `''` for an unset namespace selector)
 * @throws KubernetesConversionError when `sel` does not have the LabelSelector shape (naming the field)
 *
 * @example
 * kubernetesLabelSelectorToCalico({ matchLabels: { app: 'web' } });
 * // "projectcalico.org/orchestrator == 'k8s' && app == 'web'"
 * kubernetesLabelSelectorToCalico({}, { kind: 'namespace' }); // 'all()'
 */
export function kubernetesLabelSelectorToCalico(sel: unknown, options: LabelSelectorToCalicoOptions = {}): string {
  const at = options.at ?? { object: 'LabelSelector', path: '' };
  const problems = options.problems ?? [];
  const text = renderLabelSelector(sel, options.kind ?? 'pod', at, problems);
  const err = Selector.validate(text);
  if (err !== undefined) {
    refuse(
      problems,
      at,
      `the converted selector ${JSON.stringify(text)} is not valid Calico selector syntax (${err.message}); Calico would reject it`,
      `does not convert to a valid Calico selector (${JSON.stringify(text)}: ${plainSelectorError(err.message)})`,
      'use label keys and values Kubernetes accepts (letters, digits, "-", "_", "."; no quotes or spaces)',
    );
  }
  return text;
}

/** The operators Calico converts (`k8sSelectorToCalico` has no case for any other). */
export type LabelOperator = 'In' | 'NotIn' | 'Exists' | 'DoesNotExist';

/** One `matchExpressions` requirement as Calico reads it. */
export interface LabelRequirement {
  readonly key: string;
  readonly op: LabelOperator;
  /** The values of `In`/`NotIn` as written (`['']` when none: Calico renders `key in { '' }`); empty otherwise. */
  readonly values: readonly string[];
}

/** A label selector as Calico reads it, before it is rendered as text. */
export interface ReadLabelSelector {
  /** `matchLabels`, sorted by key (each rendered `key == 'value'`). */
  readonly labels: ReadonlyArray<readonly [string, string]>;
  /** `matchExpressions` in order, without those of an operator Calico drops. */
  readonly expressions: readonly LabelRequirement[];
  /**
   * Nothing written: no label and no expression, before any is dropped (an empty namespace selector is `all()`; one
   * whose expressions were all dropped is `''`, as upstream checks the selector as written).
   */
  readonly empty: boolean;
}

/**
 * Reads a Kubernetes label selector as `k8sSelectorToCalico` does: `matchLabels` sorted by key, `matchExpressions` in
 * order, an expression with an unknown operator dropped (reported in `problems`: the selector widens).
 * @returns `undefined` for an unset selector
 * @throws KubernetesConversionError when `sel` does not have the LabelSelector shape (naming the field)
 */
export function readLabelSelector(
  sel: unknown,
  at: FieldLocation = { object: 'LabelSelector', path: '' },
  problems: string[] = [],
): ReadLabelSelector | undefined {
  const obj = optionalObject(sel, at);
  if (obj === undefined) return undefined;
  const matchLabels = optionalStringMap(obj.matchLabels, childOf(at, 'matchLabels')) ?? {};
  const labels = Object.keys(matchLabels)
    .sort(compareStrings)
    .map((key) => [key, matchLabels[key]] as const);
  const expressions: LabelRequirement[] = [];
  const written = optionalList(obj.matchExpressions, childOf(at, 'matchExpressions'));
  written.forEach((e, i) => {
    const requirement = readExpression(e, indexOf(childOf(at, 'matchExpressions'), i), problems);
    if (requirement !== undefined) expressions.push(requirement);
  });
  return { labels, expressions, empty: labels.length === 0 && written.length === 0 };
}

function renderLabelSelector(sel: unknown, kind: LabelSelectorKind, at: FieldLocation, problems: string[]): string {
  const terms: string[] = kind === 'pod' ? [K8S_ORCHESTRATOR_TERM] : [];
  const read = readLabelSelector(sel, at, problems);
  if (read === undefined) return terms.join(' && ');
  if (kind === 'namespace' && read.empty) return 'all()';
  for (const [key, value] of read.labels) terms.push(`${key} == '${value}'`);
  for (const r of read.expressions) terms.push(renderRequirement(r));
  return terms.join(' && ');
}

function renderRequirement(r: LabelRequirement): string {
  const valueList = r.values.join("', '");
  switch (r.op) {
    case 'In':
      return `${r.key} in { '${valueList}' }`;
    case 'NotIn':
      return `${r.key} not in { '${valueList}' }`;
    case 'Exists':
      return `has(${r.key})`;
    case 'DoesNotExist':
      return `! has(${r.key})`;
  }
}

function readExpression(e: unknown, at: FieldLocation, problems: string[]): LabelRequirement | undefined {
  if (!isJsonObject(e)) wrongType(at, 'an object', e);
  const key = stringOrEmpty(e.key, childOf(at, 'key'));
  const operator = stringOrEmpty(e.operator, childOf(at, 'operator'));
  const values = stringList(e.values, childOf(at, 'values'));
  if (isStrict(problems)) checkRequirement(operator, values.length, at);
  switch (operator) {
    case 'In':
    case 'NotIn':
      return { key, op: operator, values: values.length > 0 ? values : [''] };
    case 'Exists':
    case 'DoesNotExist':
      return { key, op: operator, values: [] };
    default:
      // Upstream k8sSelectorToCalico drops it (the selector widens); metav1 ValidateLabelSelectorRequirement refuses
      // it.
      refuse(
        problems,
        childOf(at, 'operator'),
        `unknown operator ${JSON.stringify(operator)}: Calico drops this expression, so the selector matches more than written (Kubernetes accepts only In, NotIn, Exists, DoesNotExist)`,
        `unknown operator ${JSON.stringify(operator)}: the engine never reads an unknown operator as matching`,
        `use In, NotIn, Exists or DoesNotExist${closeOperator(operator)}`,
      );
      return undefined;
  }
}

const OPERATORS = ['In', 'NotIn', 'Exists', 'DoesNotExist'];

/** ` (did you mean "In"?)` for a case slip, else nothing. */
function closeOperator(op: string): string {
  const hit = OPERATORS.find((o) => o.toLowerCase() === op.toLowerCase());
  return hit ? ` (did you mean ${JSON.stringify(hit)}? operators are case-sensitive)` : '';
}

/**
 * metav1 `ValidateLabelSelectorRequirement`: In/NotIn need values, Exists/DoesNotExist take none (strict mode only).
 */
function checkRequirement(operator: string, valueCount: number, at: FieldLocation): void {
  if ((operator === 'In' || operator === 'NotIn') && valueCount === 0) {
    throw new KubernetesConversionError(
      childOf(at, 'values'),
      `must be specified when \`operator\` is '${operator}'`,
      'list at least one value',
    );
  }
  if ((operator === 'Exists' || operator === 'DoesNotExist') && valueCount > 0) {
    throw new KubernetesConversionError(
      childOf(at, 'values'),
      `may not be specified when \`operator\` is '${operator}'`,
      'remove values',
    );
  }
}

/** A selector parse error without its `[Selector.parse] text: ` prefix and its fix. */
function plainSelectorError(message: string): string {
  return message.replace(/^\[[^\]]+\] [\w.]+: /, '').split('; fix: ')[0];
}

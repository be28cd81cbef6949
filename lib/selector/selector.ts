/** The `Selector` value object: parse, build, match and render Calico selectors. */
import { checkKey, checkValue, checkValues } from './arguments';
import {
  ALL_NODE,
  compareNode,
  GLOBAL_NODE,
  groupNode,
  hasNode,
  notNode,
  setNode,
  type CompareOp,
  type SelectorNode,
  type SetOp,
} from './ast';
import { boundaryError, guardString, rejectInput } from '../model/primitives/guard';
import { BoundedCache } from './cache';
import { SelectorSyntaxError } from './errors';
import { evaluate } from './evaluate';
import { collectLabelKeys, containsGlobal } from './inspect';
import { parseSelector } from './parser';
import { render } from './render';

const PARSE_CACHE_SIZE = 2048;
const MAX_CACHED_TEXT_LENGTH = 16384;
const parseCache = new BoundedCache<string, Selector>(PARSE_CACHE_SIZE);

/**
 * A Calico label selector (`projectcalico.org/v3` `selector`, `namespaceSelector`, `nodeSelector`,
 * ...), with the exact syntax and semantics of Calico v3.32's `libcalico-go/lib/selector`.
 *
 * Immutable value object. Create one with {@link Selector.parse} or the static builders; builders
 * validate their arguments eagerly. {@link Selector.toString} gives Calico's canonical form, which
 * is also what {@link Selector.sameAs} compares.
 *
 * @example
 * const sel = Selector.eq('app', 'web').and(Selector.has('tier'));
 * sel.toString(); // '(app == "web" && has(tier))'
 * sel.matches({ app: 'web', tier: 'fe' }); // true
 */
export class Selector {
  private static readonly ALL: Selector = new Selector(ALL_NODE);
  private static readonly GLOBAL: Selector = new Selector(GLOBAL_NODE);

  /**
   * Parses Calico selector text. `""` and whitespace-only text mean `all()`.
   * Results are cached (bounded), so repeated parses of the same text are cheap.
   * @throws SelectorSyntaxError when Calico's parser would reject the text
   */
  static parse(text: string): Selector {
    guardString(text, 'Selector.parse', 'text', {
      allowEmpty: true,
      expected: 'selector text (a string)',
      fix: 'pass the selector as a string, e.g. Selector.parse(\'app == "web"\')',
    });
    const cached = parseCache.get(text);
    if (cached !== undefined) return cached;
    const root = parseSelector(text);
    const sel = new Selector(root);
    if (text.length <= MAX_CACHED_TEXT_LENGTH) parseCache.set(text, sel);
    return sel;
  }

  /**
   * True when Calico's parser accepts the text (`""` included). Use {@link Selector.validate} for the error itself.
   */
  static isValid(text: string): boolean {
    guardString(text, 'Selector.isValid', 'text', { allowEmpty: true, expected: 'selector text (a string)' });
    return Selector.syntaxError(text) === undefined;
  }

  /**
   * Checks selector text without throwing: the syntax error, or `undefined` when the text is valid.
   *
   * TypeScript only: jsii has no Error subclasses, so this stays outside the jsii assembly (see
   * {@link Selector.isValid}).
   * @jsii ignore
   */
  static validate(text: string): SelectorSyntaxError | undefined {
    guardString(text, 'Selector.validate', 'text', { allowEmpty: true, expected: 'selector text (a string)' });
    return Selector.syntaxError(text);
  }

  private static syntaxError(text: string): SelectorSyntaxError | undefined {
    try {
      Selector.parse(text);
      return undefined;
    } catch (e) {
      if (e instanceof SelectorSyntaxError) return e;
      throw e;
    }
  }

  /** `all()`: matches every endpoint (in its scope). Also what an empty selector means. */
  static all(): Selector {
    return Selector.ALL;
  }

  /**
   * `global()`: in an EntityRule `namespaceSelector` it selects only non-namespaced endpoints
   * (HostEndpoints, GlobalNetworkSets); Calico rewrites it to `!has(projectcalico.org/namespace)`
   * there. Like upstream's parser, {@link matches} evaluates a bare `global()` node as `true`: apply
   * that rewrite yourself when evaluating a namespaceSelector against endpoint labels.
   */
  static global(): Selector {
    return Selector.GLOBAL;
  }

  /** `has(key)`: the label is present, with any value. */
  static has(key: string): Selector {
    return Selector.leaf(hasNode(checkKey('has', key)));
  }

  /** `key == "value"`: the label is present and equal to `value`. */
  static eq(key: string, value: string): Selector {
    return Selector.compare('eq', 'eq', key, value);
  }

  /** `key != "value"`: the label is absent or differs from `value`. */
  static notEq(key: string, value: string): Selector {
    return Selector.compare('notEq', 'ne', key, value);
  }

  /** `key in {...}`: the label is present and one of `values` (an empty set matches nothing). */
  static in(key: string, values: string[]): Selector {
    return Selector.set('in', 'in', key, values);
  }

  /** `key not in {...}`: the label is absent or none of `values`. */
  static notIn(key: string, values: string[]): Selector {
    return Selector.set('notIn', 'notIn', key, values);
  }

  /** `key contains "value"`: the label is present and contains `value` as a substring. */
  static contains(key: string, value: string): Selector {
    return Selector.compare('contains', 'contains', key, value);
  }

  /** `key starts with "value"`: the label is present and starts with `value`. */
  static startsWith(key: string, value: string): Selector {
    return Selector.compare('startsWith', 'startsWith', key, value);
  }

  /** `key ends with "value"`: the label is present and ends with `value`. */
  static endsWith(key: string, value: string): Selector {
    return Selector.compare('endsWith', 'endsWith', key, value);
  }

  /**
   * Logical AND. With no arguments returns `all()` (the identity of AND); with one, that selector.
   * Nested AND groups are flattened: `allOf(allOf(a, b), c)` renders `(a && b && c)`.
   */
  static allOf(...selectors: Selector[]): Selector {
    return Selector.group('and', selectors, 'allOf');
  }

  /**
   * Logical OR. Needs at least one selector (an empty OR would match nothing; write
   * `Selector.all().not()`, i.e. `!all()`, if that is really wanted). With one, returns it.
   * Nested OR groups are flattened.
   */
  static anyOf(...selectors: Selector[]): Selector {
    return Selector.anyOfAt('anyOf', selectors);
  }

  /** Logical NOT. `negate(negate(x))` is `x`. */
  static negate(selector: Selector): Selector {
    return Selector.negateAt('negate', selector);
  }

  // The static and/or/not share their names with the instance methods, which jsii refuses (JSII5013: Python, Java
  // and C# cannot have both): they stay for TypeScript callers, outside the jsii assembly (`@jsii ignore`).

  /**
   * Logical AND (see {@link Selector.allOf}).
   * @deprecated use {@link Selector.allOf} (same result); the instance method `a.and(b)` stays.
   * @jsii ignore
   */
  static and(...selectors: Selector[]): Selector {
    return Selector.group('and', selectors, 'and');
  }

  /**
   * Logical OR (see {@link Selector.anyOf}).
   * @deprecated use {@link Selector.anyOf} (same result); the instance method `a.or(b)` stays.
   * @jsii ignore
   */
  static or(...selectors: Selector[]): Selector {
    return Selector.anyOfAt('or', selectors);
  }

  /**
   * Logical NOT (see {@link Selector.negate}).
   * @deprecated use {@link Selector.negate} (same result); the instance method `a.not()` stays.
   * @jsii ignore
   */
  static not(selector: Selector): Selector {
    return Selector.negateAt('not', selector);
  }

  private static anyOfAt(fn: string, selectors: readonly Selector[]): Selector {
    if (selectors.length === 0) {
      throw boundaryError(
        `Selector.${fn}`,
        'selectors',
        'needs at least one selector: an empty OR matches nothing; ' +
          'fix: pass a selector, or use Selector.all().not() (renders "!all()") if a selector that matches nothing is intended',
      );
    }
    return Selector.group('or', selectors, fn);
  }

  private static negateAt(fn: string, selector: Selector): Selector {
    const s = checkSelector(fn, selector, 'selector');
    if (s.root.kind === 'not') return new Selector(s.root.operand);
    return new Selector(notNode(s.root));
  }

  private static leaf(node: SelectorNode): Selector {
    return new Selector(node);
  }

  private static compare(fn: string, op: CompareOp, key: string, value: string): Selector {
    const k = checkKey(fn, key);
    return Selector.leaf(compareNode(op, k, checkValue(fn, k, value)));
  }

  private static set(fn: string, op: SetOp, key: string, values: readonly string[]): Selector {
    const k = checkKey(fn, key);
    return Selector.leaf(setNode(op, k, checkValues(fn, k, values)));
  }

  private static group(kind: 'and' | 'or', selectors: readonly Selector[], fn: string): Selector {
    if (selectors.length === 0) return Selector.ALL;
    const checked = selectors.map((s, i) => checkSelector(fn, s, `selectors[${i}]`));
    if (checked.length === 1) return checked[0];
    const operands: SelectorNode[] = [];
    for (const s of checked) {
      if (s.root.kind === kind) for (const op of s.root.operands) operands.push(op);
      else operands.push(s.root);
    }
    // No depth limit: upstream has none, and parsing, matching and rendering do not recurse without bound.
    return new Selector(groupNode(kind, operands));
  }

  /** Rendered on first use: a chain of builder calls then costs linear, not quadratic, time. */
  private canonicalCache: string | undefined;
  private keysCache: readonly string[] | undefined;

  private constructor(private readonly root: SelectorNode) {}

  /** `this && others...` (see {@link Selector.allOf}). */
  and(...others: Selector[]): Selector {
    return Selector.group('and', [this, ...others], 'and');
  }

  /** `this || others...` (see {@link Selector.anyOf}). */
  or(...others: Selector[]): Selector {
    return Selector.anyOfAt('or', [this, ...others]);
  }

  /** `!this` (see {@link Selector.negate}). */
  not(): Selector {
    return Selector.negateAt('not', this);
  }

  /**
   * Evaluates the selector against a label map with Calico semantics: an absent label makes `!=`
   * and `not in` true and every other comparison false; `has` tests presence; `all()` and
   * `global()` are true. Only own properties of `labels` count. Does not allocate.
   */
  matches(labels: Readonly<Record<string, string>>): boolean {
    if (labels === null || typeof labels !== 'object') {
      rejectInput(
        'Selector.matches',
        'labels',
        'a map of label keys to values',
        labels,
        'pass an object such as { app: "web" }',
      );
    }
    return evaluate(this.root, labels);
  }

  private get canonical(): string {
    if (this.canonicalCache === undefined) this.canonicalCache = render(this.root);
    return this.canonicalCache;
  }

  /** Calico's canonical form, exactly as upstream `Selector.String()` renders it. */
  toString(): string {
    return this.canonical;
  }

  /** The canonical form, so that `JSON.stringify` writes the selector as a string. */
  toJSON(): string {
    return this.canonical;
  }

  /** True when the two selectors have the same canonical form. */
  sameAs(other: Selector): boolean {
    return other instanceof Selector && other.canonical === this.canonical;
  }

  /**
   * True when the two selectors have the same canonical form.
   * @deprecated use {@link Selector.sameAs} (same result): jsii reserves `equals` (JSII5016, it clashes with
   * Java's and C#'s `equals`).
   * @jsii ignore
   */
  equals(other: Selector): boolean {
    return this.sameAs(other);
  }

  /** True when the whole expression is `all()` (this includes the empty selector). */
  isAll(): boolean {
    return this.root.kind === 'all';
  }

  /** True when the whole expression is `global()` (possibly written with spaces or parentheses). */
  isGlobalOnly(): boolean {
    return this.root.kind === 'global';
  }

  /** True when `global()` appears anywhere in the expression. */
  usesGlobal(): boolean {
    return containsGlobal(this.root);
  }

  /** The label keys the expression refers to, sorted and de-duplicated. */
  labelKeys(): string[] {
    if (this.keysCache === undefined) {
      const keys = new Set<string>();
      collectLabelKeys(this.root, keys);
      this.keysCache = Object.freeze([...keys].sort());
    }
    return [...this.keysCache];
  }
}

function checkSelector(fn: string, s: unknown, field: string): Selector {
  if (s instanceof Selector) return s;
  const fix =
    typeof s === 'string'
      ? `pass Selector.parse(${JSON.stringify(s)}) instead of the text (selector text is never parsed implicitly)`
      : 'pass Selector instances (Selector.parse("..."), Selector.eq(...), ...)';
  return rejectInput(`Selector.${fn}`, field, 'a Selector', s, fix);
}

/**
 * Evaluation of a CRD schema's CEL validation rules (`x-kubernetes-validations`) as kube-apiserver does on create:
 *
 * - every rule is evaluated with `self` bound to the value at the rule's schema location, at every nesting level:
 *   for each element of an array whose `items` carry rules and each value of an `additionalProperties` map;
 * - rules are only evaluated where a value is present (and has the schema's shape); fields absent from the object
 *   are absent in CEL too (`has(self.x)` is false), `null`s of non-nullable fields having been pruned and defaults
 *   applied before (see `defaulting.ts`);
 * - integers (`type: integer`, and the integer side of `x-kubernetes-int-or-string`) are CEL `int`, other numbers
 *   `double`; only fields declared by the schema are visible (unknown fields are pruned), except under
 *   `x-kubernetes-preserve-unknown-fields`;
 * - transition rules (those that refer to `oldSelf`) are skipped: there is no old object on create;
 * - a failed rule yields its `message`, else the result of its `messageExpression`, else `failed rule: <rule>`; the
 *   problem's path is the schema location followed by the rule's `fieldPath`.
 *
 * Programs are compiled once per expression text and shared by all schemas. Not modelled: the CEL cost budget
 * and the static type check against the schema (a reference to an undeclared field fails at evaluation instead).
 */
import { celList, celMap, CelResult, CelValue, isCelError, isCelList, isCelMap, parse, plan } from '@bufbuild/cel';
import { kubernetesCelEnv } from './cel-library';
import { PresenceVerdict, presenceVerdict } from './cel-presence';
import { appendCelFieldPath, childPath, indexPath } from './field-path';
import { FieldIssue } from './schema-errors';

/** Rule id of CEL validation failures. */
export const CEL_RULE = 'cel';

type Program = (bindings: { self: CelValue }) => CelResult;

/** A CEL expression compiled for the Kubernetes environment. */
export interface CompiledCelExpression {
  /** The expression text. */
  readonly source: string;
  /** The compilation error, when the expression does not compile. */
  readonly error?: string;
  /** Whether the expression refers to `oldSelf` (a transition rule). */
  readonly usesOldSelf: boolean;
  /** The program, when the expression compiles. */
  readonly program?: Program;
  /** Decides the expression from field presence alone where it can (`cel-presence.ts`), when it compiles. */
  readonly presence?: PresenceVerdict;
}

/** One `x-kubernetes-validations` entry and where it sits in a schema. */
export interface CelRuleLocation {
  /** Schema location as a field path, with `[*]` for array items and `[*]` for map values. */
  readonly schemaPath: string;
  /** The rule text. */
  readonly rule: string;
  /** The rule's message, if any. */
  readonly message?: string;
  /** The rule's messageExpression, if any. */
  readonly messageExpression?: string;
  /** The rule's fieldPath, if any. */
  readonly fieldPath?: string;
  /** The rule's reason, if any. */
  readonly reason?: string;
  /** Whether the rule is evaluated on create only with `optionalOldSelf`. */
  readonly optionalOldSelf?: boolean;
}

const compiled = new Map<string, CompiledCelExpression>();

/**
 * Compiles a CEL expression for the Kubernetes CEL environment, cached per expression text. Besides parsing,
 * every function and method call is checked against the environment's overloads (name and arity) and every
 * free identifier must be `self` or `oldSelf`, so that a rule using an unsupported function fails here rather
 * than at evaluation.
 */
export function compileCelExpression(source: string): CompiledCelExpression {
  let c = compiled.get(source);
  if (!c) {
    c = compile(source);
    compiled.set(source, c);
  }
  return c;
}

function compile(source: string): CompiledCelExpression {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(source);
  } catch (e) {
    return { source, error: (e as Error).message, usesOldSelf: false };
  }
  const check = checkExpression(parsed.expr);
  if (check.error) {
    return { source, error: check.error, usesOldSelf: check.usesOldSelf };
  }
  try {
    const program = plan(kubernetesCelEnv(), parsed) as unknown as Program;
    return { source, program, usesOldSelf: check.usesOldSelf, presence: presenceVerdict(parsed.expr) };
  } catch (e) {
    return { source, error: (e as Error).message, usesOldSelf: check.usesOldSelf };
  }
}

const PLANNER_OPERATORS = new Set([
  '_&&_',
  '_||_',
  '_?_:_',
  '_[_]',
  '_[?_]',
  '_?._',
  '@not_strictly_false',
  '__not_strictly_false__',
]);
const TYPE_IDENTS = new Set([
  'int',
  'uint',
  'double',
  'bool',
  'string',
  'bytes',
  'list',
  'map',
  'null_type',
  'type',
  'dyn',
]);

function checkExpression(root: any): { error?: string; usesOldSelf: boolean } {
  const env = kubernetesCelEnv();
  let usesOldSelf = false;
  let error: string | undefined;
  const qualifiedName = (e: any): string | undefined => {
    if (e?.exprKind?.case === 'identExpr') {
      return e.exprKind.value.name;
    }
    if (e?.exprKind?.case === 'selectExpr' && !e.exprKind.value.testOnly) {
      const base = qualifiedName(e.exprKind.value.operand);
      return base === undefined ? undefined : `${base}.${e.exprKind.value.field}`;
    }
    return undefined;
  };
  const hasOverload = (name: string, isMethod: boolean, arity: number): boolean => {
    const group = env.funcs.find(name);
    if (!group) {
      return false;
    }
    for (const f of group) {
      if ((f.target !== undefined) === isMethod && f.arguments.length === arity) {
        return true;
      }
    }
    return false;
  };
  const visit = (e: any, scope: ReadonlySet<string>): void => {
    if (error || !e || !e.exprKind) {
      return;
    }
    const v = e.exprKind.value;
    switch (e.exprKind.case) {
      case 'identExpr':
        if (v.name === 'oldSelf') {
          usesOldSelf = true;
        } else if (v.name !== 'self' && !scope.has(v.name) && !TYPE_IDENTS.has(v.name)) {
          error = `undeclared reference to '${v.name}'`;
        }
        return;
      case 'selectExpr':
        visit(v.operand, scope);
        return;
      case 'callExpr': {
        const fn: string = v.function;
        if (v.target) {
          const qual = qualifiedName(v.target);
          if (
            qual !== undefined &&
            !scope.has(qual.split('.')[0]) &&
            qual !== 'self' &&
            qual !== 'oldSelf' &&
            hasOverload(`${qual}.${fn}`, false, v.args.length)
          ) {
            v.args.forEach((a: any) => visit(a, scope));
            return;
          }
          visit(v.target, scope);
        }
        v.args.forEach((a: any) => visit(a, scope));
        if (!PLANNER_OPERATORS.has(fn) && !hasOverload(fn, Boolean(v.target), v.args.length)) {
          error = `found no matching overload for '${fn}' with ${v.args.length} argument(s)${v.target ? ' (as a method)' : ''}`;
        }
        return;
      }
      case 'listExpr':
        v.elements.forEach((x: any) => visit(x, scope));
        return;
      case 'structExpr':
        for (const entry of v.entries) {
          if (entry.keyKind?.case === 'mapKey') {
            visit(entry.keyKind.value, scope);
          }
          visit(entry.value, scope);
        }
        return;
      case 'comprehensionExpr': {
        visit(v.iterRange, scope);
        visit(v.accuInit, scope);
        const inner = new Set(scope);
        for (const name of [v.iterVar, v.iterVar2, v.accuVar]) {
          if (name) {
            inner.add(name);
          }
        }
        visit(v.loopCondition, inner);
        visit(v.loopStep, inner);
        visit(v.result, inner);
        return;
      }
      default:
        return;
    }
  };
  visit(root, new Set());
  return { error, usesOldSelf };
}

/**
 * Lists every CEL rule of a schema with its location, in schema order (properties in declaration order).
 * @param schema a structural schema (a CRD version's `openAPIV3Schema`)
 */
export function listCelRules(schema: any): CelRuleLocation[] {
  const out: CelRuleLocation[] = [];
  const walk = (s: any, p: string): void => {
    if (!s || typeof s !== 'object') {
      return;
    }
    const rules = s['x-kubernetes-validations'];
    if (Array.isArray(rules)) {
      for (const r of rules) {
        if (r && typeof r.rule === 'string') {
          out.push({
            schemaPath: p,
            rule: r.rule,
            message: typeof r.message === 'string' ? r.message : undefined,
            messageExpression: typeof r.messageExpression === 'string' ? r.messageExpression : undefined,
            fieldPath: typeof r.fieldPath === 'string' ? r.fieldPath : undefined,
            reason: typeof r.reason === 'string' ? r.reason : undefined,
            optionalOldSelf: r.optionalOldSelf === true ? true : undefined,
          });
        }
      }
    }
    if (s.properties && typeof s.properties === 'object') {
      for (const [k, c] of Object.entries(s.properties)) {
        walk(c, childPath(p, k));
      }
    }
    if (s.items && typeof s.items === 'object') {
      walk(s.items, `${p}[*]`);
    }
    if (s.additionalProperties && typeof s.additionalProperties === 'object') {
      walk(s.additionalProperties, `${p}[*]`);
    }
  };
  walk(schema, '');
  return out;
}

/**
 * One rule of the tree; its expressions are compiled on first evaluation, not when the tree is built: a CRD has
 * dozens of rules on fields most objects never set (compiling all of FelixConfiguration's and GlobalNetworkPolicy's
 * took about 40 ms of a synth). Compilation errors are values, not exceptions, so when they surface is unchanged.
 */
class CompiledRule {
  private compiledExpr?: CompiledCelExpression;
  private compiledMessageExpr?: CompiledCelExpression;

  public constructor(
    public readonly rule: string,
    public readonly message: string | undefined,
    private readonly messageExpression: string | undefined,
    public readonly fieldPath: string | undefined,
  ) {}

  public get expr(): CompiledCelExpression {
    return (this.compiledExpr ??= compileCelExpression(this.rule));
  }

  public get messageExpr(): CompiledCelExpression | undefined {
    if (this.messageExpression === undefined) return undefined;
    return (this.compiledMessageExpr ??= compileCelExpression(this.messageExpression));
  }
}

interface RuleNode {
  readonly schema: any;
  readonly rules: readonly CompiledRule[];
  readonly properties?: ReadonlyArray<readonly [string, RuleNode]>;
  readonly additional?: RuleNode;
  readonly items?: RuleNode;
}

const validators = new WeakMap<object, CelSchemaValidator>();

/** Evaluates the CEL rules of one structural schema against objects. */
export class CelSchemaValidator {
  /**
   * The validator of a schema, built once per schema object.
   * @param schema a structural schema (a CRD version's `openAPIV3Schema`)
   */
  public static forSchema(schema: any): CelSchemaValidator {
    let v = validators.get(schema);
    if (!v) {
      v = new CelSchemaValidator(schema);
      validators.set(schema, v);
    }
    return v;
  }

  /** Number of CEL rules in the schema. */
  public readonly ruleCount: number;
  private readonly root: RuleNode | undefined;

  private constructor(schema: any) {
    let count = 0;
    const build = (s: any): RuleNode | undefined => {
      if (!s || typeof s !== 'object') {
        return undefined;
      }
      const rules: CompiledRule[] = [];
      for (const r of Array.isArray(s['x-kubernetes-validations']) ? s['x-kubernetes-validations'] : []) {
        if (!r || typeof r.rule !== 'string') {
          continue;
        }
        count++;
        rules.push(
          new CompiledRule(
            r.rule,
            typeof r.message === 'string' && r.message.trim() ? r.message : undefined,
            typeof r.messageExpression === 'string' ? r.messageExpression : undefined,
            typeof r.fieldPath === 'string' && r.fieldPath ? r.fieldPath : undefined,
          ),
        );
      }
      const properties: Array<readonly [string, RuleNode]> = [];
      if (s.properties && typeof s.properties === 'object') {
        for (const [k, c] of Object.entries(s.properties)) {
          const n = build(c);
          if (n) {
            properties.push([k, n]);
          }
        }
      }
      const additional =
        s.additionalProperties && typeof s.additionalProperties === 'object'
          ? build(s.additionalProperties)
          : undefined;
      const items = s.items && typeof s.items === 'object' ? build(s.items) : undefined;
      if (rules.length === 0 && properties.length === 0 && !additional && !items) {
        return undefined;
      }
      return { schema: s, rules, properties: properties.length ? properties : undefined, additional, items };
    };
    this.root = build(schema);
    this.ruleCount = count;
  }

  /**
   * Evaluates every applicable rule against `value` (already pruned and defaulted).
   * @param value the object
   * @param basePath field path of `value`, empty for a whole object
   */
  public validate(value: unknown, basePath = ''): FieldIssue[] {
    const out: FieldIssue[] = [];
    if (this.root) {
      walk(this.root, value, undefined, basePath, out);
    }
    return out;
  }
}

/**
 * Walks the data along the rule tree. `raw` is the JSON value, `cel` its CEL form once a rule above (or here)
 * needed it: converted once per subtree and then shared by the rules below.
 */
function walk(node: RuleNode, raw: unknown, cel: CelValue | undefined, path: string, out: FieldIssue[]): void {
  if (raw === null || raw === undefined || !shapeMatches(node.schema, raw)) {
    return;
  }
  if (node.rules.length > 0) {
    const plain = typeof raw === 'object' && !Array.isArray(raw);
    for (const r of node.rules) {
      // A rule that presence alone makes true yields nothing when evaluated: skip it, and the CEL conversion with it.
      if (plain && r.expr.presence?.(raw as Record<string, unknown>, node.schema) === true) {
        continue;
      }
      if (cel === undefined) {
        cel = toCelValue(raw, node.schema) as CelValue;
      }
      evaluate(r, cel, path, out);
    }
  }
  if (Array.isArray(raw)) {
    if (node.items) {
      const list = cel !== undefined && isCelList(cel) ? cel : undefined;
      for (let i = 0; i < raw.length; i++) {
        walk(node.items, raw[i], list ? list.get(i) : undefined, indexPath(path, i), out);
      }
    }
    return;
  }
  if (typeof raw !== 'object') {
    return;
  }
  const obj = raw as Record<string, unknown>;
  const map = cel !== undefined && isCelMap(cel) ? cel : undefined;
  if (node.properties) {
    for (const [k, child] of node.properties) {
      const v = obj[k];
      if (v !== undefined) {
        walk(child, v, map ? map.get(k) : undefined, childPath(path, k), out);
      }
    }
  }
  if (node.additional) {
    for (const k of Object.keys(obj)) {
      walk(node.additional, obj[k], map ? map.get(k) : undefined, childPath(path, k), out);
    }
  }
}

function shapeMatches(schema: any, value: unknown): boolean {
  switch (schema.type) {
    case 'object':
      return typeof value === 'object' && !Array.isArray(value);
    case 'array':
      return Array.isArray(value);
    default:
      return true;
  }
}

function evaluate(r: CompiledRule, self: CelValue, path: string, out: FieldIssue[]): void {
  if (r.expr.usesOldSelf) {
    return; // transition rule: not evaluated on create
  }
  const at = r.fieldPath ? appendCelFieldPath(path, r.fieldPath) : path;
  if (!r.expr.program) {
    out.push({
      path: at,
      message: `compilation failed for rule ${JSON.stringify(r.rule)}: ${r.expr.error}`,
      rule: CEL_RULE,
    });
    return;
  }
  const result = r.expr.program({ self });
  if (result === true) {
    return;
  }
  if (isCelError(result)) {
    out.push({
      path: at,
      message: `error evaluating rule ${JSON.stringify(r.rule)}: ${result.message}`,
      rule: CEL_RULE,
    });
    return;
  }
  if (result !== false) {
    out.push({ path: at, message: `rule ${JSON.stringify(r.rule)} did not evaluate to a bool`, rule: CEL_RULE });
    return;
  }
  out.push({ path: at, message: failureMessage(r, self), rule: CEL_RULE });
}

function failureMessage(r: CompiledRule, self: CelValue): string {
  if (r.messageExpr?.program && !r.messageExpr.usesOldSelf) {
    const m = r.messageExpr.program({ self });
    if (typeof m === 'string' && m.trim() && !/[\r\n]/.test(m)) {
      return m;
    }
  }
  return r.message ?? `failed rule: ${r.rule}`;
}

/**
 * Converts a JSON value to the value CEL sees under `schema`: integers become `bigint` where the schema says
 * `integer` (or int-or-string, or no type at all), fields the schema does not declare are dropped unless unknown
 * fields are preserved; objects and arrays become CEL maps and lists up front (cheaper than letting the engine
 * convert plain objects on every access).
 */
export function toCelValue(value: unknown, schema: any): unknown {
  if (value === null || value === undefined) {
    return value;
  }
  if (typeof value === 'number') {
    if (!Number.isInteger(value)) {
      return value;
    }
    const t = schema?.type;
    if (t === 'integer' || schema?.['x-kubernetes-int-or-string'] === true || t === undefined) {
      return BigInt(value);
    }
    return value;
  }
  if (typeof value !== 'object') {
    return value;
  }
  if (Array.isArray(value)) {
    const items = schema?.items;
    return celList(value.map((v) => toCelValue(v, items)) as CelValue[]);
  }
  const obj = value as Record<string, unknown>;
  const props = schema?.properties;
  const additional =
    schema?.additionalProperties && typeof schema.additionalProperties === 'object'
      ? schema.additionalProperties
      : undefined;
  const keepUnknown = !schema || schema['x-kubernetes-preserve-unknown-fields'] === true || (!props && !additional);
  const out = new Map<string, CelValue>();
  for (const k of Object.keys(obj)) {
    const v = obj[k];
    if (v === undefined) {
      continue;
    }
    if (props && Object.prototype.hasOwnProperty.call(props, k)) {
      out.set(k, toCelValue(v, props[k]) as CelValue);
    } else if (additional) {
      out.set(k, toCelValue(v, additional) as CelValue);
    } else if (keepUnknown) {
      out.set(k, toCelValue(v, undefined) as CelValue);
    }
  }
  return celMap(out);
}

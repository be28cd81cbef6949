/**
 * Deciding a CEL validation rule from field presence alone, without converting the object to CEL values or running
 * the program. Most CRD rules are guarded by `has()`: `!has(self.http) || self.action == 'Allow'` holds whenever
 * `http` is absent. kube-apiserver still runs them; their result, though, is fixed by the absent fields, because CEL's
 * logical operators absorb errors and unknowns on either side (`true || x` is true and `false && x` is false whatever
 * `x` is; cel-spec "Logical Operators", evaluated so by cel-go's `evalOr`/`evalAnd`). So when presence alone makes a
 * rule true, skipping it gives exactly the API server's outcome (no problem), and saves most of the validation time of
 * clean objects. Anything the presence test cannot decide is evaluated as before.
 */

/**
 * The rule's value from the presence of fields of `self`: `true` or `false` when `has()` tests decide it, `undefined`
 * when evaluation is needed.
 * @param self the value the rule is evaluated on (a plain object: the caller checks)
 * @param schema the structural schema of `self`
 */
export type PresenceVerdict = (self: Record<string, unknown>, schema: any) => boolean | undefined;

/**
 * Builds the presence test of a parsed CEL expression, or `undefined` when nothing in it can be decided by presence.
 * Understood: `has(self.a)`, `has(self.a.b...)` (every step but the last a declared property), `!`, `&&`, `||`, and
 * comparisons of string fields with string constants and of `size()` of string or list fields with int constants.
 * @param expr the parsed expression (`parse(source).expr` of `@bufbuild/cel`)
 */
export function presenceVerdict(expr: any): PresenceVerdict | undefined {
  const test = build(expr);
  return test === UNKNOWN ? undefined : test;
}

const UNKNOWN: PresenceVerdict = () => undefined;

function build(e: any): PresenceVerdict {
  const kind = e?.exprKind?.case;
  const v = e?.exprKind?.value;
  if (kind === 'selectExpr' && v.testOnly) {
    const path = selfPath(v.operand);
    return path ? hasTest(path, v.field) : UNKNOWN;
  }
  if (kind !== 'callExpr' || v.target) {
    return UNKNOWN;
  }
  const compare = COMPARISONS[v.function as string];
  if (compare && v.args?.length === 2) {
    return comparisonTest(compare, term(v.args[0]), term(v.args[1]));
  }
  const args: PresenceVerdict[] = (v.args ?? []).map(build);
  switch (v.function) {
    case '!_':
      return args[0] === UNKNOWN ? UNKNOWN : notTest(args[0]);
    case '_||_':
      return args.every((a) => a === UNKNOWN) ? UNKNOWN : orTest(args[0], args[1]);
    case '_&&_':
      return args.every((a) => a === UNKNOWN) ? UNKNOWN : andTest(args[0], args[1]);
    default:
      return UNKNOWN;
  }
}

/** The field names from `self` to `e` (`self.a.b` -> [a, b]), or undefined when `e` is not such a chain. */
function selfPath(e: any): string[] | undefined {
  const kind = e?.exprKind?.case;
  const v = e?.exprKind?.value;
  if (kind === 'identExpr') {
    return v.name === 'self' ? [] : undefined;
  }
  if (kind === 'selectExpr' && !v.testOnly) {
    const base = selfPath(v.operand);
    return base ? [...base, v.field] : undefined;
  }
  return undefined;
}

/**
 * `has(self.<path>.<field>)`: false when the field is absent, true when it is a declared property set to a non-null
 * (CEL sees exactly the declared properties, `toCelValue`), undefined otherwise. Each step of `path` must be a declared
 * property holding an object, or the evaluation (which may fail with "no such key") decides.
 */
function hasTest(path: readonly string[], field: string): PresenceVerdict {
  return (self, schema) => {
    let cur: Record<string, unknown> = self;
    let s = schema;
    for (const step of path) {
      const props = s?.properties;
      if (!props || !Object.prototype.hasOwnProperty.call(props, step)) return undefined;
      const next = cur[step];
      if (next === null || typeof next !== 'object' || Array.isArray(next)) return undefined;
      cur = next as Record<string, unknown>;
      s = props[step];
    }
    const value = cur[field];
    if (value === undefined) return false;
    if (value === null) return undefined; // a kept null (nullable field): left to the evaluation
    const props = s?.properties;
    return props && Object.prototype.hasOwnProperty.call(props, field) ? true : undefined;
  };
}

function notTest(a: PresenceVerdict): PresenceVerdict {
  return (self, schema) => {
    const x = a(self, schema);
    return x === undefined ? undefined : !x;
  };
}

function orTest(a: PresenceVerdict, b: PresenceVerdict): PresenceVerdict {
  return (self, schema) => {
    const x = a(self, schema);
    if (x === true) return true;
    const y = b(self, schema);
    if (y === true) return true;
    return x === false && y === false ? false : undefined;
  };
}

function andTest(a: PresenceVerdict, b: PresenceVerdict): PresenceVerdict {
  return (self, schema) => {
    const x = a(self, schema);
    if (x === false) return false;
    const y = b(self, schema);
    if (y === false) return false;
    return x === true && y === true ? true : undefined;
  };
}

/** A value known without evaluation (a string, an int as bigint, a list), or NONE. */
type Term = (self: Record<string, unknown>, schema: any) => unknown;
const NONE = Symbol('none');
const NO_TERM: Term = () => NONE;

/** CEL comparison operators on two values of one type (strings, or ints); cross-type comparisons are not decided. */
const COMPARISONS: Record<string, (a: any, b: any) => boolean> = {
  '_==_': (a, b) => a === b,
  '_!=_': (a, b) => a !== b,
  '_<_': (a, b) => a < b,
  '_<=_': (a, b) => a <= b,
  '_>_': (a, b) => a > b,
  '_>=_': (a, b) => a >= b,
};

function comparisonTest(compare: (a: any, b: any) => boolean, a: Term, b: Term): PresenceVerdict {
  if (a === NO_TERM || b === NO_TERM) return UNKNOWN;
  return (self, schema) => {
    const x = a(self, schema);
    const y = b(self, schema);
    if (x === NONE || y === NONE || typeof x !== typeof y || (typeof x !== 'string' && typeof x !== 'bigint'))
      return undefined;
    return compare(x, y);
  };
}

/** A constant, a field of `self` reached through declared properties, or `size()` of one. */
function term(e: any): Term {
  const kind = e?.exprKind?.case;
  const v = e?.exprKind?.value;
  if (kind === 'constExpr') {
    const c = v.constantKind;
    if (c?.case === 'stringValue' || c?.case === 'int64Value') {
      const value = c.value;
      return () => value;
    }
    return NO_TERM;
  }
  if (kind === 'selectExpr' && !v.testOnly) {
    const path = selfPath(e);
    return path && path.length > 0 ? fieldTerm(path) : NO_TERM;
  }
  if (kind === 'callExpr' && v.function === 'size') {
    const of =
      v.target && v.args.length === 0 ? term(v.target) : !v.target && v.args.length === 1 ? term(v.args[0]) : NO_TERM;
    return of === NO_TERM ? NO_TERM : sizeTerm(of);
  }
  return NO_TERM;
}

/** `self.a.b`: the field's value when every step is a declared property and it is a string or a list. */
function fieldTerm(path: readonly string[]): Term {
  return (self, schema) => {
    let cur: unknown = self;
    let s = schema;
    for (const step of path) {
      const props = s?.properties;
      if (
        cur === null ||
        typeof cur !== 'object' ||
        Array.isArray(cur) ||
        !props ||
        !Object.prototype.hasOwnProperty.call(props, step)
      ) {
        return NONE;
      }
      cur = (cur as Record<string, unknown>)[step];
      s = props[step];
    }
    return typeof cur === 'string' || Array.isArray(cur) ? cur : NONE;
  };
}

/** CEL `size()`: code points of a string, elements of a list, as an int. */
function sizeTerm(of: Term): Term {
  return (self, schema) => {
    const x = of(self, schema);
    if (typeof x === 'string') return BigInt(codePoints(x));
    return Array.isArray(x) ? BigInt(x.length) : NONE;
  };
}

function codePoints(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0xd800 || c > 0xdbff || i + 1 >= s.length) n++;
    else {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) i++;
      n++;
    }
  }
  return n;
}

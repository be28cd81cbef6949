/**
 * Parser for Calico selectors, a faithful port of upstream `libcalico-go/lib/selector/parser/parser.go` (v3.32):
 *
 * ```
 * selector  := <empty> | or
 * or        := and ('||' and)*
 * and       := operation ('&&' operation)*
 * operation := '!'* ( has(k) | all() | global() | '(' or ')'
 *                   | k ('=='|'!='|contains|starts with|ends with) string
 *                   | k ('in'|'not in') '{' [string (',' string)* [',']] '}' )
 * ```
 *
 * Leading `!`s collapse to a single negation of the whole following operation (`!!x` is `x`, and
 * `!a == "x"` is NOT(a == "x")). `!(!x)` keeps both negations, as upstream does. A group with one
 * operand is not wrapped. Runs in linear time.
 *
 * Upstream recurses once per `(` and has no depth limit (Go stacks grow on demand), so any nesting
 * parses there. This port keeps the same grammar and error order but holds the open parentheses in an
 * explicit stack instead of the JavaScript call stack, so 10,000 nested parentheses parse too.
 */
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
} from './ast';
import * as hints from './diagnostics';
import { SelectorSyntaxError } from './errors';
import type { Token, TokenKind } from './tokens';
import { tokenize } from './tokenizer';

interface ParseState {
  readonly text: string;
  readonly tokens: readonly Token[];
  pos: number;
}

/**
 * One `or` expression being read: the root, or the inside of a `(`. Upstream's `parseOrExpression` and
 * `parseAndExpression` locals, kept on the heap.
 */
interface OpenGroup {
  /** The `(` that opened it; `undefined` for the whole selector. */
  readonly open: Token | undefined;
  /** Whether `!`s before the `(` negate the group (upstream `negated` in `parseOperation`). */
  readonly negated: boolean;
  /** Finished `&&` terms of this `||` expression. */
  readonly orOperands: SelectorNode[];
  /** Operations of the `&&` term being read. */
  andOperands: SelectorNode[];
}

const COMPARE_OPS: Partial<Record<TokenKind, CompareOp>> = {
  eq: 'eq',
  ne: 'ne',
  contains: 'contains',
  startsWith: 'startsWith',
  endsWith: 'endsWith',
};

/** Parses selector text into a syntax tree, or throws {@link SelectorSyntaxError}. */
export function parseSelector(text: string): SelectorNode {
  const state: ParseState = { text, tokens: tokenize(text), pos: 0 };
  if (peek(state).kind === 'eof') return ALL_NODE;
  const groups: OpenGroup[] = [openGroup(undefined, false)];
  for (;;) {
    // parseOperation: collapse leading '!'s, then either open a group or read one operation.
    const negated = skipNots(state);
    const tok = peek(state);
    if (tok.kind === 'lparen') {
      state.pos++;
      groups.push(openGroup(tok, negated));
      continue;
    }
    const operation = parseLeaf(state, tok);
    const done = reduce(state, groups, negated ? notNode(operation) : operation);
    if (done !== undefined) return done;
  }
}

function openGroup(open: Token | undefined, negated: boolean): OpenGroup {
  return { open, negated, orOperands: [], andOperands: [] };
}

function skipNots(state: ParseState): boolean {
  let negated = false;
  while (peek(state).kind === 'not') {
    negated = !negated;
    state.pos++;
  }
  return negated;
}

/**
 * Adds a finished operation to the innermost group and consumes what may follow it: `&&` or `||` (then the caller
 * reads the next operation), or the end of one or more groups. Returns the whole tree once the root group ends.
 */
function reduce(state: ParseState, groups: OpenGroup[], operation: SelectorNode): SelectorNode | undefined {
  let node = operation;
  for (;;) {
    const group = groups[groups.length - 1];
    group.andOperands.push(node);
    const next = peek(state);
    if (next.kind === 'and') {
      state.pos++;
      return undefined;
    }
    group.orOperands.push(collapse('and', group.andOperands));
    group.andOperands = [];
    if (next.kind === 'or') {
      state.pos++;
      return undefined;
    }
    const expression = collapse('or', group.orOperands);
    if (group.open === undefined) {
      if (next.kind !== 'eof')
        fail(state, next, 'unexpected content at end of selector', hints.trailingContentHint(next.kind));
      return expression;
    }
    if (next.kind !== 'rparen') fail(state, next, 'expected )', hints.expectedRParenHint(group.open.start));
    state.pos++;
    groups.pop();
    node = group.negated ? notNode(expression) : expression;
  }
}

/** A group with one operand is that operand (upstream does not wrap it). */
function collapse(kind: 'and' | 'or', operands: SelectorNode[]): SelectorNode {
  return operands.length === 1 ? operands[0] : groupNode(kind, operands);
}

function peek(state: ParseState, ahead = 0): Token {
  const { tokens } = state;
  return tokens[Math.min(state.pos + ahead, tokens.length - 1)];
}

function fail(state: ParseState, at: Token, reason: string, hint: string): never {
  throw new SelectorSyntaxError(state.text, at.start, at.end, reason, hint);
}

/** An operation other than a parenthesised group. */
function parseLeaf(state: ParseState, tok: Token): SelectorNode {
  switch (tok.kind) {
    case 'has':
      state.pos++;
      return hasNode(tok.value);
    case 'all':
      state.pos++;
      return ALL_NODE;
    case 'global':
      state.pos++;
      return GLOBAL_NODE;
    case 'label':
      return parseLabelOperation(state, tok);
    default:
      return fail(state, tok, 'unexpected token', hints.unexpectedTokenHint(tok.kind));
  }
}

function parseLabelOperation(state: ParseState, label: Token): SelectorNode {
  const key = label.value;
  const op = peek(state, 1);
  if (op.kind === 'eof') {
    fail(state, op, 'unexpected end of string looking for op', hints.labelAtEndHint(key));
  }
  const operand = peek(state, 2);
  const opText = state.text.slice(op.start, op.end);
  const compareOp = COMPARE_OPS[op.kind];
  if (compareOp !== undefined) {
    if (operand.kind !== 'string') {
      fail(state, operand, 'expected string', hints.expectedStringHint(key, opText, operand.kind));
    }
    state.pos += 3;
    return compareNode(compareOp, key, operand.value);
  }
  if (op.kind === 'in' || op.kind === 'notIn') {
    if (operand.kind !== 'lbrace') fail(state, operand, 'expected set literal', hints.expectedSetHint(key, opText));
    state.pos += 3;
    return setNode(op.kind, key, parseSetMembers(state));
  }
  return fail(state, op, 'expected == or !=', hints.labelOperatorHint(key));
}

/** Parses `"a", "b", }` (the `{` already consumed); a trailing comma and `{}` are allowed. */
function parseSetMembers(state: ParseState): string[] {
  const values: string[] = [];
  while (peek(state).kind === 'string') {
    values.push(peek(state).value);
    state.pos++;
    if (peek(state).kind !== 'comma') break;
    state.pos++;
  }
  const close = peek(state);
  if (close.kind !== 'rbrace') fail(state, close, 'expected }', hints.expectedRBraceHint());
  state.pos++;
  return values;
}

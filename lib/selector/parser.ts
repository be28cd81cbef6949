/**
 * Recursive-descent parser for Calico selectors, a faithful port of upstream
 * `libcalico-go/lib/selector/parser/parser.go` (v3.32):
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
 */
import { ALL_NODE, compareNode, GLOBAL_NODE, groupNode, hasNode, notNode, setNode, type CompareOp, type SelectorNode } from './ast';
import * as hints from './diagnostics';
import { SelectorSyntaxError } from './errors';
import type { Token, TokenKind } from './tokens';
import { tokenize } from './tokenizer';

/**
 * Maximum nesting of parentheses accepted by {@link parseSelector}. Upstream has no limit; this one
 * keeps parsing, matching and rendering well inside the JavaScript call stack.
 */
export const MAX_PAREN_DEPTH = 500;

interface ParseState {
  readonly text: string;
  readonly tokens: readonly Token[];
  pos: number;
  depth: number;
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
  const state: ParseState = { text, tokens: tokenize(text), pos: 0, depth: 0 };
  if (peek(state).kind === 'eof') return ALL_NODE;
  const node = parseOr(state);
  const rest = peek(state);
  if (rest.kind !== 'eof') {
    fail(state, rest, 'unexpected content at end of selector', hints.trailingContentHint(rest.kind));
  }
  return node;
}

function peek(state: ParseState, ahead = 0): Token {
  const { tokens } = state;
  return tokens[Math.min(state.pos + ahead, tokens.length - 1)];
}

function fail(state: ParseState, at: Token, reason: string, hint: string): never {
  throw new SelectorSyntaxError(state.text, at.start, at.end, reason, hint);
}

function parseOr(state: ParseState): SelectorNode {
  const operands = [parseAnd(state)];
  while (peek(state).kind === 'or') {
    state.pos++;
    operands.push(parseAnd(state));
  }
  return operands.length === 1 ? operands[0] : groupNode('or', operands);
}

function parseAnd(state: ParseState): SelectorNode {
  const operands = [parseOperation(state)];
  while (peek(state).kind === 'and') {
    state.pos++;
    operands.push(parseOperation(state));
  }
  return operands.length === 1 ? operands[0] : groupNode('and', operands);
}

function parseOperation(state: ParseState): SelectorNode {
  let negated = false;
  while (peek(state).kind === 'not') {
    negated = !negated;
    state.pos++;
  }
  const node = parseUnnegated(state);
  return negated ? notNode(node) : node;
}

function parseUnnegated(state: ParseState): SelectorNode {
  const tok = peek(state);
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
    case 'lparen':
      return parseParenthesised(state, tok);
    default:
      return fail(state, tok, 'unexpected token', hints.unexpectedTokenHint(tok.kind));
  }
}

function parseParenthesised(state: ParseState, open: Token): SelectorNode {
  if (state.depth >= MAX_PAREN_DEPTH) {
    fail(state, open, 'parentheses nested too deeply', hints.tooDeepHint(MAX_PAREN_DEPTH));
  }
  state.pos++;
  state.depth++;
  const node = parseOr(state);
  state.depth--;
  const close = peek(state);
  if (close.kind !== 'rparen') fail(state, close, 'expected )', hints.expectedRParenHint(open.start));
  state.pos++;
  return node;
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

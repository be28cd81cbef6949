/** Fix-it hints attached to {@link SelectorSyntaxError}s. Pure functions of the failure context. */
import { MAX_LABEL_KEY_LENGTH } from './labels';
import type { TokenKind } from './tokens';

const KEY_CHARSET = "A-Z, a-z, 0-9, '_', '.', '/' and '-'";
const OPERATORS = '==, !=, in {...}, not in {...}, contains, starts with or ends with';
const WHITESPACE =
  'only spaces and tabs count as whitespace in a Calico selector; put the selector on one line ' +
  "(in YAML use a plain or quoted string or '>-', not a '|' block) and replace other whitespace with spaces";

/** True for whitespace characters other than space and tab (newline, CR, NBSP, ...). */
function isOtherWhitespace(ch: string): boolean {
  return ch !== ' ' && ch !== '\t' && /\s/u.test(ch);
}

/** Hint for a character that cannot start any token. */
export function unexpectedCharHint(ch: string | undefined): string {
  if (ch === undefined) return 'the selector ends too early';
  if (isOtherWhitespace(ch)) return WHITESPACE;
  if (ch === '<' || ch === '>')
    return 'selectors have no ordering comparisons; use ==, !=, in, starts with or ends with';
  return (
    `${JSON.stringify(ch)} cannot appear here: label keys may only use ${KEY_CHARSET}, ` +
    `and values must be quoted with '...' or "..."`
  );
}

/** Hint for a label that is not followed by an operator. */
export function expectedOperatorHint(key: string, next: string | undefined): string {
  if (next !== undefined && isOtherWhitespace(next)) return WHITESPACE;
  const advice = `follow label '${key}' with ${OPERATORS}; use has(${key}) to test only for presence`;
  if (next !== undefined && !/^[A-Za-z]$/.test(next)) {
    return `${JSON.stringify(next)} cannot appear in a label key (keys may only use ${KEY_CHARSET}); otherwise ${advice}`;
  }
  return advice;
}

/** Hint for an unterminated string literal opened with `quote`. */
export function unterminatedStringHint(quote: string): string {
  const other = quote === '"' ? "'" : '"';
  return (
    `close the string with a matching ${quote}; selector strings have no escape sequences, ` +
    `so a value containing ${quote} must be quoted with ${other} instead`
  );
}

/** Hint for a lone `=`, `&` or `|`. */
export function doubledOperatorHint(ch: '=' | '&' | '|'): string {
  if (ch === '=') return "use '==' for equality ('=' alone is not an operator)";
  if (ch === '&') return "use '&&' for logical AND";
  return "use '||' for logical OR";
}

/** Hint for `has(` without a valid label key. */
export function hasKeyHint(): string {
  return `write has(<label key>), e.g. has(app); the key may only use ${KEY_CHARSET}`;
}

/** Hint for a label key over the length limit. */
export function labelTooLongHint(length: number): string {
  return `label keys are limited to ${MAX_LABEL_KEY_LENGTH} characters (this one has ${length})`;
}

/** Hint for `has(`, `all(` or `global(` without its closing parenthesis. */
export function closingParenHint(fn: 'has' | 'all' | 'global'): string {
  if (fn === 'has') return "close has( with ')' directly after the label key, e.g. has(app)";
  return `write ${fn}() with nothing but spaces between the parentheses`;
}

/** Hint for a label at the very end of the selector. */
export function labelAtEndHint(key: string): string {
  return `label '${key}' must be followed by an operator and a value, e.g. ${key} == "value", or use has(${key})`;
}

/** Hint for a comparison operator not followed by a string literal. */
export function expectedStringHint(key: string, op: string, found: TokenKind): string {
  const extra =
    found === 'label' ? '; did you forget the quotes around the value? comparing two labels is not supported' : '';
  return `'${op}' must be followed by a quoted string, e.g. ${key} ${op} "value"${extra}`;
}

/** Hint for `in`/`not in` not followed by `{`. */
export function expectedSetHint(key: string, op: string): string {
  return `'${op}' must be followed by a set literal in braces, e.g. ${key} ${op} {"a", "b"}`;
}

/** Hint for a malformed set literal. */
export function expectedRBraceHint(): string {
  return "set members must be quoted strings separated by commas, and the set must be closed with '}'";
}

/** Hint for a label followed by a token that is not an operator. */
export function labelOperatorHint(key: string): string {
  return `follow label '${key}' with ${OPERATORS}`;
}

/** Hint for an unclosed parenthesis. */
export function expectedRParenHint(openedAt: number): string {
  return `add ')' to close the '(' at offset ${openedAt}`;
}

/** Hint for a token that cannot start an operation. */
export function unexpectedTokenHint(kind: TokenKind): string {
  switch (kind) {
    case 'eof':
      return "the selector ends too early: '&&', '||', '!' and '(' must be followed by an expression";
    case 'rparen':
      return "unbalanced or empty parentheses: '(' ... ')' must contain an expression";
    case 'and':
    case 'or':
      return "'&&' and '||' need an expression on both sides";
    case 'string':
      return 'a quoted value must follow a label and an operator, e.g. app == "web"';
    case 'lbrace':
    case 'rbrace':
    case 'comma':
      return 'set literals are only allowed after \'in\' or \'not in\', e.g. app in {"a", "b"}';
    default:
      return 'an operator must be preceded by a label key, e.g. app == "web"';
  }
}

/** Hint for tokens left over after a complete expression. */
export function trailingContentHint(kind: TokenKind): string {
  if (kind === 'rparen') return "unbalanced ')': remove it or add a matching '('";
  return "combine expressions with '&&' or '||'";
}

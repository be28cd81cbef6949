/**
 * Tokenizer for Calico's selector language, a faithful port of upstream
 * `libcalico-go/lib/selector/tokenizer` (v3.32): only space and tab are whitespace, strings are
 * `'...'` or `"..."` without escapes, operators after a label are matched as words with a word
 * boundary (`startswith`, `endswith`, `notin` accepted), and `has(`/`all(`/`global(` are single
 * tokens that allow spaces inside the parentheses. Runs in linear time.
 */
import * as hints from './diagnostics';
import { SelectorSyntaxError } from './errors';
import { isLabelKeyChar, MAX_LABEL_KEY_LENGTH, scanLabelKey } from './labels';
import type { Token, TokenKind } from './tokens';

const SINGLE_CHAR_TOKENS: Readonly<Record<string, TokenKind>> = {
  '(': 'lparen',
  ')': 'rparen',
  '{': 'lbrace',
  '}': 'rbrace',
  ',': 'comma',
};

/** Splits `text` into tokens (always ending with an `eof` token) or throws {@link SelectorSyntaxError}. */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  for (;;) {
    i = skipWhitespace(text, i);
    if (i >= text.length) {
      tokens.push({ kind: 'eof', value: '', start: text.length, end: text.length });
      return tokens;
    }
    const last = tokens.length > 0 ? tokens[tokens.length - 1] : undefined;
    const token = nextToken(text, i, last);
    tokens.push(token);
    i = token.end;
  }
}

/** Index of the first character at or after `from` that is not a space or tab. */
function skipWhitespace(text: string, from: number): number {
  let i = from;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (c !== 0x20 && c !== 0x09) break;
    i++;
  }
  return i;
}

function nextToken(text: string, i: number, last: Token | undefined): Token {
  const ch = text[i];
  const single = SINGLE_CHAR_TOKENS[ch];
  if (single !== undefined) return { kind: single, value: '', start: i, end: i + 1 };
  switch (ch) {
    case '"':
    case "'":
      return stringLiteral(text, i, ch);
    case '=':
      return doubled(text, i, '=', 'eq');
    case '&':
      return doubled(text, i, '&', 'and');
    case '|':
      return doubled(text, i, '|', 'or');
    case '!':
      return text[i + 1] === '='
        ? { kind: 'ne', value: '', start: i, end: i + 2 }
        : { kind: 'not', value: '', start: i, end: i + 1 };
    default:
      if (last?.kind === 'label') return operatorAfterLabel(text, i, last.value);
      return wordToken(text, i);
  }
}

function stringLiteral(text: string, i: number, quote: string): Token {
  const close = text.indexOf(quote, i + 1);
  if (close < 0) {
    throw new SelectorSyntaxError(text, i, text.length, 'unterminated string', hints.unterminatedStringHint(quote));
  }
  return { kind: 'string', value: text.slice(i + 1, close), start: i, end: close + 1 };
}

function doubled(text: string, i: number, ch: '=' | '&' | '|', kind: TokenKind): Token {
  if (text[i + 1] === ch) return { kind, value: '', start: i, end: i + 2 };
  throw new SelectorSyntaxError(text, i, i + 1, `expected ${ch}${ch}`, hints.doubledOperatorHint(ch));
}

/** True when position `i` is a word boundary (end of input or not a label character). */
function isWordBoundary(text: string, i: number): boolean {
  return i >= text.length || !isLabelKeyChar(text.charCodeAt(i));
}

/**
 * Matches `words` at `i`, allowing spaces/tabs (or nothing) between them and requiring a word
 * boundary after the last one, as upstream `cutMultiWordPrefixCheckBreak`. Returns the index just
 * past the last word, or -1.
 */
function matchWords(text: string, i: number, ...words: string[]): number {
  let pos = i;
  let end = i;
  for (const word of words) {
    if (!text.startsWith(word, pos)) return -1;
    end = pos + word.length;
    pos = skipWhitespace(text, end);
  }
  return isWordBoundary(text, pos) ? end : -1;
}

const OPERATOR_WORDS: ReadonlyArray<readonly [TokenKind, readonly string[]]> = [
  ['contains', ['contains']],
  ['startsWith', ['starts', 'with']],
  ['endsWith', ['ends', 'with']],
  ['notIn', ['not', 'in']],
  ['in', ['in']],
];

function operatorAfterLabel(text: string, i: number, key: string): Token {
  for (const [kind, words] of OPERATOR_WORDS) {
    // Single words are checked for a boundary directly after the word (`cutPrefixCheckBreak`).
    const end = words.length === 1 ? singleWord(text, i, words[0]) : matchWords(text, i, ...words);
    if (end >= 0) return { kind, value: '', start: i, end };
  }
  const wordEnd = Math.max(scanLabelKey(text, i), i + 1);
  throw new SelectorSyntaxError(
    text,
    i,
    wordEnd,
    `expected operator after label '${key}'`,
    hints.expectedOperatorHint(key, text[i]),
  );
}

function singleWord(text: string, i: number, word: string): number {
  return text.startsWith(word, i) && isWordBoundary(text, i + word.length) ? i + word.length : -1;
}

function wordToken(text: string, i: number): Token {
  if (text.startsWith('has(', i)) return hasToken(text, i);
  if (text.startsWith('all(', i)) return emptyCall(text, i, 'all');
  if (text.startsWith('global(', i)) return emptyCall(text, i, 'global');
  const end = cutIdentifier(text, i);
  return { kind: 'label', value: text.slice(i, end), start: i, end };
}

/** Index past the label key at `i`; throws when there is none or it is too long (upstream `cutIdentifier`). */
function cutIdentifier(text: string, i: number): number {
  const end = scanLabelKey(text, i);
  if (end === i) {
    throw new SelectorSyntaxError(text, i, i + 1, 'expected identifier', hints.unexpectedCharHint(text[i]));
  }
  if (end - i > MAX_LABEL_KEY_LENGTH) {
    throw new SelectorSyntaxError(text, i, end, 'label too long', hints.labelTooLongHint(end - i));
  }
  return end;
}

function hasToken(text: string, start: number): Token {
  const keyStart = skipWhitespace(text, start + 'has('.length);
  const keyEnd = scanLabelKey(text, keyStart);
  if (keyEnd === keyStart) {
    throw new SelectorSyntaxError(text, keyStart, keyStart + 1, 'no label name in has( expression', hints.hasKeyHint());
  }
  if (keyEnd - keyStart > MAX_LABEL_KEY_LENGTH) {
    throw new SelectorSyntaxError(text, keyStart, keyEnd, 'label too long', hints.labelTooLongHint(keyEnd - keyStart));
  }
  const close = skipWhitespace(text, keyEnd);
  if (text[close] !== ')') {
    throw new SelectorSyntaxError(text, close, close + 1, "no closing ')' after has(", hints.closingParenHint('has'));
  }
  return { kind: 'has', value: text.slice(keyStart, keyEnd), start, end: close + 1 };
}

function emptyCall(text: string, start: number, fn: 'all' | 'global'): Token {
  const close = skipWhitespace(text, start + fn.length + 1);
  if (text[close] !== ')') {
    throw new SelectorSyntaxError(text, close, close + 1, `no closing ')' after ${fn}(`, hints.closingParenHint(fn));
  }
  return { kind: fn, value: '', start, end: close + 1 };
}

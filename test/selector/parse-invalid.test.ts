import { guardErrorDetail, withField } from '../../lib/model/primitives/guard';
import { MAX_LABEL_KEY_LENGTH, Selector, SelectorSyntaxError } from '../../lib/selector';

function syntaxError(text: string): SelectorSyntaxError {
  try {
    Selector.parse(text);
  } catch (e) {
    if (e instanceof SelectorSyntaxError) return e;
    throw e;
  }
  throw new Error(`expected ${JSON.stringify(text)} to be rejected`);
}

/** Upstream parser_test.go `badSelectors`. */
const UPSTREAM_BAD = [
  'b == b',
  'b contains b',
  'b starts with b',
  'b ends with b',
  "'b1' == b",
  'b',
  'a b',
  '!',
  'foo == "bar" &',
  'foo == "bar" |',
  'foo != ||',
  'foo in {"", ||',
  'foo in ""',
  '"FOO',
  `"FOO'`,
  "'FOO",
  '(',
  '(a == "foo"',
  ')',
  '()',
  '%',
  'a == "b" && %',
  'a == "b" || %',
  'a ',
  'has(foo) &&',
];

/** [input, offset, reason (substring), hint (substring)]. */
type Bad = readonly [string, number, string, string];

const BAD: readonly Bad[] = [
  // Whitespace other than space/tab.
  ['a == "x"\n', 8, 'expected identifier', 'only spaces and tabs'],
  ['a == "x" &&\nb == "y"', 11, 'expected identifier', 'only spaces and tabs'],
  ['a\n== "x"', 1, "expected operator after label 'a'", 'only spaces and tabs'],
  ['\na == "x"', 0, 'expected identifier', 'only spaces and tabs'],
  ['a == "x"\r\n', 8, 'expected identifier', 'only spaces and tabs'],
  ['a ==\u00a0"x"', 4, 'expected identifier', 'only spaces and tabs'],
  ['has(\na)', 4, 'no label name in has( expression', 'has(<label key>)'],
  // Strings.
  ['a == "x', 5, 'unterminated string', 'matching "'],
  [`a == 'x"`, 5, 'unterminated string', "matching '"],
  ['a == "x\\"y"', 10, 'unterminated string', 'no escape sequences'],
  // Comparisons.
  ['a ==', 4, 'expected string', `a == "value"`],
  ['a == b', 5, 'expected string', 'forget the quotes'],
  ['a != && b', 5, 'expected string', "'!=' must be followed by a quoted string"],
  ['a contains', 10, 'expected string', 'a contains "value"'],
  ['a starts with', 13, 'expected string', 'a starts with "value"'],
  ['a = "x"', 2, 'expected ==', "use '=='"],
  ['a === "x"', 4, 'expected ==', "use '=='"],
  ['"x" == a', 0, 'unexpected token', 'quoted value must follow a label'],
  ['== "x"', 0, 'unexpected token', 'preceded by a label'],
  ['!= "x"', 0, 'unexpected token', 'preceded by a label'],
  ['a', 1, 'unexpected end of string looking for op', "label 'a' must be followed by an operator"],
  ['a b', 2, "expected operator after label 'a'", "follow label 'a' with =="],
  ['a equals "x"', 2, 'expected operator after label', 'starts with'],
  ['a containsx "y"', 2, 'expected operator after label', "follow label 'a'"],
  ['a startswithx "y"', 2, 'expected operator after label', "follow label 'a'"],
  ['a starts wit "y"', 2, 'expected operator after label', "follow label 'a'"],
  ['a not "x"', 2, 'expected operator after label', "follow label 'a'"],
  ['a inx {}', 2, 'expected operator after label', "follow label 'a'"],
  ['a (', 2, 'expected == or !=', "follow label 'a'"],
  ['a && b == "x"', 2, 'expected == or !=', "follow label 'a'"],
  ['a !has(b)', 2, 'expected == or !=', "follow label 'a'"],
  // Sets.
  ['a in "x"', 5, 'expected set literal', 'a in {"a", "b"}'],
  ['a not in ("x")', 9, 'expected set literal', 'a not in {"a", "b"}'],
  ['a notin "x"', 8, 'expected set literal', 'a notin {"a", "b"}'],
  ['a in', 4, 'expected set literal', 'set literal'],
  ['a in ["x"]', 5, 'expected identifier', '"[" cannot appear here'],
  ['a in {"x" "y"}', 10, 'expected }', 'separated by commas'],
  ['a in {"x",,}', 10, 'expected }', 'separated by commas'],
  ['a in {,}', 6, 'expected }', 'separated by commas'],
  ['a in {"x"', 9, 'expected }', "closed with '}'"],
  ['a in {x}', 6, 'expected }', 'quoted strings'],
  ['a in {"x"}}', 10, 'unexpected content at end of selector', 'combine expressions'],
  ['{"x"}', 0, 'unexpected token', "only allowed after 'in'"],
  [',', 0, 'unexpected token', "only allowed after 'in'"],
  // has(), all(), global().
  ['has(a', 5, "no closing ')' after has(", "close has( with ')'"],
  ['has(a b)', 6, "no closing ')' after has(", "close has( with ')'"],
  ['has(a!)', 5, "no closing ')' after has(", "close has( with ')'"],
  ['has()', 4, 'no label name in has( expression', 'has(app)'],
  ['has( )', 5, 'no label name in has( expression', 'has(app)'],
  ['has("a")', 4, 'no label name in has( expression', 'has(app)'],
  ['has (a)', 4, 'expected == or !=', "follow label 'has'"],
  ['has(a) b', 7, 'unexpected content at end of selector', 'combine expressions'],
  ['global(', 7, "no closing ')' after global(", 'global() with nothing'],
  ['global(x)', 7, "no closing ')' after global(", 'global() with nothing'],
  ['global (', 7, 'expected == or !=', "follow label 'global'"],
  ['global() x', 9, 'unexpected content at end of selector', 'combine expressions'],
  ['all(x)', 4, "no closing ')' after all(", 'all() with nothing'],
  ['all', 3, 'unexpected end of string looking for op', "label 'all'"],
  // Boolean structure.
  ['a == "x" &&', 11, 'unexpected token', 'ends too early'],
  ['a == "x" ||', 11, 'unexpected token', 'ends too early'],
  ['a == "x" && ', 12, 'unexpected token', 'ends too early'],
  ['&& a == "x"', 0, 'unexpected token', 'both sides'],
  ['a == "x" && || b == "y"', 12, 'unexpected token', 'both sides'],
  ['a == "x" & b == "y"', 9, 'expected &&', "use '&&'"],
  ['a == "x" | b == "y"', 9, 'expected ||', "use '||'"],
  ['(a == "x"', 9, 'expected )', "close the '(' at offset 0"],
  ['a == "x" && (b == "y" || c == "z"', 33, 'expected )', "close the '(' at offset 12"],
  ['a == "x")', 8, 'unexpected content at end of selector', "unbalanced ')'"],
  ['()', 1, 'unexpected token', 'parentheses'],
  ['!', 1, 'unexpected token', 'ends too early'],
  ['!!', 2, 'unexpected token', 'ends too early'],
  ['a == "x" !', 9, 'unexpected content at end of selector', 'combine expressions'],
  ['a == "x" b == "y"', 9, 'unexpected content at end of selector', 'combine expressions'],
  ['(a == "x") (b == "y")', 11, 'unexpected content at end of selector', 'combine expressions'],
  // Label characters.
  ['app:name == "x"', 3, "expected operator after label 'app'", '":" cannot appear in a label key'],
  ['app@x == "y"', 3, "expected operator after label 'app'", 'cannot appear in a label key'],
  ['ünicode == "x"', 0, 'expected identifier', 'label keys may only use'],
  ['a == "x" && ü == "y"', 12, 'expected identifier', 'label keys may only use'],
  ['a > "1"', 2, 'expected operator after label', 'cannot appear in a label key'],
  ['> "1"', 0, 'expected identifier', 'no ordering comparisons'],
  ['*', 0, 'expected identifier', '"*" cannot appear here'],
  [
    `${'k'.repeat(MAX_LABEL_KEY_LENGTH + 1)} == "x"`,
    0,
    'label too long',
    'limited to 512 characters (this one has 513)',
  ],
  [`has(${'k'.repeat(MAX_LABEL_KEY_LENGTH + 1)})`, 4, 'label too long', 'limited to 512'],
  [`a == "x" || ${'k'.repeat(600)} == "x"`, 12, 'label too long', 'this one has 600'],
];

describe('invalid selectors', () => {
  test.each(UPSTREAM_BAD)('upstream bad selector %j is rejected', (text) => {
    const err = syntaxError(text);
    expect(err.selector).toBe(text);
    expect(err.offset).toBeGreaterThanOrEqual(0);
    expect(err.offset).toBeLessThanOrEqual(text.length);
    expect(err.hint.length).toBeGreaterThan(10);
  });

  test.each(BAD)('%j fails at offset %d: %s', (text, offset, reason, hint) => {
    const err = syntaxError(text);
    expect({ offset: err.offset, reason: err.reason }).toEqual({ offset, reason: expect.stringContaining(reason) });
    expect(err.hint).toContain(hint);
    expect(err.message).toContain(`${err.reason} at offset ${offset} (`);
    expect(err.message).toContain(`; fix: ${err.hint}`);
  });

  test.each([
    [
      'an unclosed parenthesis 10,000 deep',
      '('.repeat(10_000) + 'a == "x"' + ')'.repeat(9_999),
      'expected )',
      20_007,
      "')'",
    ],
    [
      'an extra closing parenthesis after 10,000',
      '('.repeat(10_000) + 'a == "x"' + ')'.repeat(10_001),
      'unexpected content at end of selector',
      20_008,
      "unbalanced ')'",
    ],
    [
      'an empty group at depth 1,000',
      '('.repeat(1_000) + ')'.repeat(1_000),
      'unexpected token',
      1_000,
      'empty parentheses',
    ],
    ['a bad operator at depth 1,000', '!('.repeat(1_000) + 'a = "x"' + ')'.repeat(1_000), 'expected ==', 2_002, '=='],
  ])('deep nesting keeps real syntax errors: %s', (_name, text, reason, offset, hint) => {
    const err = syntaxError(text);
    expect({ offset: err.offset, reason: err.reason }).toEqual({ offset, reason });
    expect(err.hint).toContain(hint);
  });

  test('Selector.validate returns the error instead of throwing', () => {
    expect(Selector.validate('a == "x"')).toBeUndefined();
    expect(Selector.validate('')).toBeUndefined();
    const err = Selector.validate('a ==');
    expect(err).toBeInstanceOf(SelectorSyntaxError);
    expect(err?.offset).toBe(4);
  });

  test('Selector.parse rejects non-string input with the library error, not a TypeError', () => {
    expect(() => Selector.parse(undefined as unknown as string)).toThrow(
      /^\[Selector\.parse\] text: expected selector text \(a string\), got undefined; fix: /,
    );
    expect(() => Selector.parse(42 as unknown as string)).toThrow(
      '[Selector.parse] text: expected selector text (a string), got 42',
    );
  });
});

describe('SelectorSyntaxError', () => {
  test('is an Error with selector, offset, reason and hint', () => {
    const err = syntaxError('a == "b" && && c');
    expect(err).toBeInstanceOf(Error);
    expect(err).toBeInstanceOf(SelectorSyntaxError);
    expect(err.name).toBe('SelectorSyntaxError');
    expect(err.selector).toBe('a == "b" && && c');
    expect(err.offset).toBe(12);
    expect(err.reason).toBe('unexpected token');
    expect(err.message).toBe(
      `[Selector.parse] text: invalid selector "a == \\"b\\" && && c": unexpected token at offset 12 ('&&'); fix: ${err.hint}`,
    );
  });

  test('reports end of input and escapes control characters', () => {
    expect(syntaxError('has(a) &&').message).toContain('at offset 9 (end of input)');
    expect(syntaxError('a == "x"\nb').message).toContain(`at offset 8 ('\\n')`);
    expect(syntaxError('a == "x"\nb').message).not.toContain('\n');
  });

  test('truncates very long selectors in the message but keeps the full text', () => {
    const text = `${'a == "x" && '.repeat(100)}%`;
    const err = syntaxError(text);
    expect(err.selector).toBe(text);
    expect(err.offset).toBe(text.length - 1);
    expect(err.message.length).toBeLessThan(600);
    expect(err.message).toContain('…');
  });
});

describe('SelectorSyntaxError at the boundary', () => {
  test('reads as the library error and re-homes under a construct path and prop', () => {
    const err = syntaxError('a ==');
    expect(err.message).toMatch(
      /^\[Selector\.parse\] text: invalid selector "a ==": .* at offset 4 \(end of input\); fix: \S/,
    );
    expect(guardErrorDetail(err)).toEqual({
      where: 'Selector.parse',
      field: 'text',
      detail: err.message.replace('[Selector.parse] text: ', ''),
    });
    let rehomed: unknown;
    try {
      withField('App/Pool', 'baseline.controlPlaneSelector', () => Selector.parse('a =='));
    } catch (e) {
      rehomed = e;
    }
    expect((rehomed as Error).message).toBe(
      `[App/Pool] baseline.controlPlaneSelector: ${err.message.replace('[Selector.parse] text: ', '')}`,
    );
  });
});

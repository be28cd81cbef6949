import { Selector } from '../../lib/selector';

type Labels = Record<string, string>;

/** [input, canonical form, label sets that match, label sets that do not]. */
type Case = readonly [string, string, readonly Labels[], readonly Labels[]];

// Upstream parser_test.go `selectorTests` and `canonicalisationTests`, with the canonical forms
// produced by upstream String().
const UPSTREAM: readonly Case[] = [
  ['a == "b"', 'a == "b"', [{ a: 'b' }, { a: 'b', c: 'd' }], [{}, { a: 'c' }, { c: 'd' }]],
  [
    'a == "b" && c == "d"',
    '(a == "b" && c == "d")',
    [{ a: 'b', c: 'd' }],
    [{}, { a: 'b', c: 'e' }, { a: 'c', c: 'd' }, { c: 'd' }, { a: 'b' }],
  ],
  [
    'a == "b" || c == "d"',
    '(a == "b" || c == "d")',
    [{ a: 'b', c: 'd' }, { a: 'b' }, { c: 'd' }],
    [{}, { a: 'e', c: 'e' }, { c: 'e' }, { a: 'e' }],
  ],
  [`a in {"'", '"', "c"}`, `a in {'"', "'", "c"}`, [{ a: 'c' }, { a: '"' }, { a: "'" }], [{}, { a: 'e' }]],
  [`a not in {"'", '"', "c"}`, `a not in {'"', "'", "c"}`, [{}, { a: 'e' }], [{ a: 'c' }, { a: '"' }, { a: "'" }]],
  ["a == 'a'", 'a == "a"', [{ a: 'a' }], [{ a: 'b' }, {}]],
  ['a != "b"', 'a != "b"', [{ a: 'a' }], []],
  ['a != "a"', 'a != "a"', [{}], [{ a: 'a' }]],
  ["a != 'a'", 'a != "a"', [], [{ a: 'a' }]],
  [
    'a contains "a"',
    'a contains "a"',
    [{ a: 'a' }, { a: 'bab' }, { a: 'aaa', b: 'c' }],
    [{}, { a: 'b' }, { b: 'aaa' }],
  ],
  [
    'a starts with "a"',
    'a starts with "a"',
    [{ a: 'a' }, { a: 'abb' }, { a: 'aaa', b: 'c' }],
    [{}, { a: 'b' }, { a: 'baa' }, { b: 'aaa' }],
  ],
  [
    'a ends with "a"',
    'a ends with "a"',
    [{ a: 'a' }, { a: 'bba' }, { a: 'aaa', b: 'c' }],
    [{}, { a: 'b' }, { a: 'aab' }, { b: 'aaa' }],
  ],
  ['a in {"a"}', 'a in {"a"}', [{ a: 'a' }], [{ a: 'b' }]],
  ['!a in {"a"}', '!a in {"a"}', [{ a: 'b' }, {}], [{ a: 'a' }]],
  ['a in {"a", "b"}', 'a in {"a", "b"}', [{ a: 'a' }, { a: 'b' }], [{ a: 'c' }]],
  ['a not in {"d", "e"}', 'a not in {"d", "e"}', [{ a: 'a' }], []],
  ['a not in {"a"}', 'a not in {"a"}', [], [{ a: 'a' }]],
  ['has(a)', 'has(a)', [{ a: 'b' }], []],
  ['has(b)', 'has(b)', [], [{ a: 'b' }]],
  ['!has(a)', '!has(a)', [{ b: 'b' }], [{ a: 'b' }]],
  ['', 'all()', [{}, { a: 'b' }], []],
  [' ', 'all()', [{}], []],
  ['all()', 'all()', [{}], []],
  [' all()', 'all()', [{}, { a: 'b' }], []],
  [' all() ', 'all()', [{}], []],
  [' (all() )', 'all()', [{}], []],
  ['global()', 'global()', [{}], []],
  [' global()', 'global()', [{}, { a: 'b' }], []],
  ['!!has(b)', 'has(b)', [], [{ a: 'b' }]],
  ['! has(a)', '!has(a)', [], [{ a: 'b' }]],
  ['!!! has(a)', '!has(a)', [], [{ a: 'b' }]],
  ['!!!has(a)', '!has(a)', [], [{ a: 'b' }]],
  ['!! ! has(a)', '!has(a)', [], [{ a: 'b' }]],
  ['! !!has(a)', '!has(a)', [], [{ a: 'b' }]],
  ["a == 'a1' && b == 'b1'", '(a == "a1" && b == "b1")', [{ a: 'a1', b: 'b1' }], []],
  ["a == 'a1' && b != 'b1'", '(a == "a1" && b != "b1")', [], [{ a: 'a1', b: 'b1' }]],
  ["a != 'a1' && b == 'b1'", '(a != "a1" && b == "b1")', [], [{ a: 'a1', b: 'b1' }]],
  ["a != 'a1' && b != 'b1'", '(a != "a1" && b != "b1")', [], [{ a: 'a1', b: 'b1' }]],
  ["a != 'a1' && !b == 'b1'", '(a != "a1" && !b == "b1")', [], [{ a: 'a1', b: 'b1' }]],
  ["!a == 'a1' && b == 'b1'", '(!a == "a1" && b == "b1")', [], [{ a: 'a1', b: 'b1' }]],
  ['has(a) && !has(b)', '(has(a) && !has(b))', [{ a: 'a' }], []],
  ['!has(b) && has(a)', '(!has(b) && has(a))', [{ a: 'a' }], []],
  ['!(!has(a) || has(b))', '!(!has(a) || has(b))', [{ a: 'a' }], []],
  ['!(has(b) || !has(a))', '!(has(b) || !has(a))', [{ a: 'a' }], []],
  ["a == 'a1' || b == 'b1'", '(a == "a1" || b == "b1")', [{ a: 'a1', b: 'b1' }], []],
  ["a == 'a1' || b != 'b1'", '(a == "a1" || b != "b1")', [{ a: 'a1', b: 'b1' }], []],
  ["a != 'a1' || b == 'b1'", '(a != "a1" || b == "b1")', [{ a: 'a1', b: 'b1' }], []],
  ["a != 'a1' || b != 'b1'", '(a != "a1" || b != "b1")', [], [{ a: 'a1', b: 'b1' }]],
  ["! a == 'a1' || ! b == 'b1'", '(!a == "a1" || !b == "b1")', [], [{ a: 'a1', b: 'b1' }]],
  ['! (has( b)||! has(a ))', '!(has(b) || !has(a))', [{ a: 'x' }], [{ b: 'x' }, {}]],
  ['! (a == "b"&&! c != "d")', '!(a == "b" && !c != "d")', [{}, { a: 'b' }], [{ a: 'b', c: 'd' }]],
  [`a == "'"`, `a == "'"`, [{ a: "'" }], [{ a: '"' }]],
  [`a == '"'`, `a == '"'`, [{ a: '"' }], [{ a: "'" }]],
  [`a contains '"'`, `a contains '"'`, [{ a: 'x"y' }], [{ a: 'xy' }]],
  [`a contains "'"`, `a contains "'"`, [{ a: "x'y" }], [{ a: 'xy' }]],
  [`a startswith '"'`, `a starts with '"'`, [{ a: '"x' }], [{ a: 'x"' }]],
  [`a endswith "'"`, `a ends with "'"`, [{ a: "x'" }], [{ a: "'x" }]],
  [`a!='"'`, `a != '"'`, [{}, { a: 'x' }], [{ a: '"' }]],
  ['a in {"d"}', 'a in {"d"}', [{ a: 'd' }], []],
  ['a in {"d", "a", "b"}', 'a in {"a", "b", "d"}', [{ a: 'b' }], [{ a: 'c' }]],
  ['a in {"z", "x", "y", "a"}', 'a in {"a", "x", "y", "z"}', [{ a: 'z' }], [{ a: 'b' }]],
  ['a in {"z", "z", "x", "y", "x", "a"}', 'a in {"a", "x", "y", "z"}', [{ a: 'x' }], [{ a: 'b' }]],
];

const EXTRA: readonly Case[] = [
  // Precedence: && binds tighter than ||; parentheses are kept as written (no flattening).
  [
    'a == "1" || b == "2" && c == "3"',
    '(a == "1" || (b == "2" && c == "3"))',
    [{ a: '1' }, { b: '2', c: '3' }],
    [{ b: '2' }],
  ],
  [
    'a == "1" && b == "2" || c == "3"',
    '((a == "1" && b == "2") || c == "3")',
    [{ c: '3' }, { a: '1', b: '2' }],
    [{ a: '1' }],
  ],
  [
    '(a == "1" || b == "2") && c == "3"',
    '((a == "1" || b == "2") && c == "3")',
    [{ a: '1', c: '3' }],
    [{ a: '1' }, { c: '3' }],
  ],
  [
    'a == "1" && b == "2" || c == "3" && d == "4"',
    '((a == "1" && b == "2") || (c == "3" && d == "4"))',
    [
      { a: '1', b: '2' },
      { c: '3', d: '4' },
    ],
    [{ a: '1', d: '4' }],
  ],
  [
    '(a == "1" && b == "2") && c == "3"',
    '((a == "1" && b == "2") && c == "3")',
    [{ a: '1', b: '2', c: '3' }],
    [{ a: '1', b: '2' }],
  ],
  [
    'a == "1" && (b == "2" && c == "3")',
    '(a == "1" && (b == "2" && c == "3"))',
    [{ a: '1', b: '2', c: '3' }],
    [{ a: '1' }],
  ],
  ['((a == "1"))', 'a == "1"', [{ a: '1' }], [{}]],
  ['((((has(x)))))', 'has(x)', [{ x: '' }], [{}]],
  // ! negates the whole following operation.
  ['!a == "x"', '!a == "x"', [{}, { a: 'y' }], [{ a: 'x' }]],
  ['!(a == "x")', '!a == "x"', [{}, { a: 'y' }], [{ a: 'x' }]],
  ['!a == "x" && b == "y"', '(!a == "x" && b == "y")', [{ b: 'y' }], [{ a: 'x', b: 'y' }]],
  ['!(a == "x" && b == "y")', '!(a == "x" && b == "y")', [{ a: 'x' }, {}], [{ a: 'x', b: 'y' }]],
  ['!a in {"x", "y"}', '!a in {"x", "y"}', [{}, { a: 'z' }], [{ a: 'y' }]],
  ['!a not in {"x"}', '!a not in {"x"}', [{ a: 'x' }], [{}, { a: 'y' }]],
  ['!a != "x"', '!a != "x"', [{ a: 'x' }], [{}, { a: 'y' }]],
  // Upstream keeps both negations of !(!x) and renders them as "!!", which re-parses to x.
  ['!(!has(a))', '!!has(a)', [{ a: '' }], [{}]],
  ['!(!a == "x")', '!!a == "x"', [{ a: 'x' }], [{ a: 'y' }, {}]],
  ['!all()', '!all()', [], [{}, { a: 'b' }]],
  ['!global()', '!global()', [], [{}]],
  ['global() && has(a)', '(global() && has(a))', [{ a: 'x' }], [{}]],
  ['global() || all()', '(global() || all())', [{}], []],
  // Alternative spellings and whitespace.
  ['a notin {"x"}', 'a not in {"x"}', [{}, { a: 'y' }], [{ a: 'x' }]],
  ['a  not \t in{"x"}', 'a not in {"x"}', [{ a: 'y' }], [{ a: 'x' }]],
  ['a starts\t with "x"', 'a starts with "x"', [{ a: 'xa' }], [{ a: 'ax' }]],
  ['a ends  with "x"', 'a ends with "x"', [{ a: 'ax' }], [{ a: 'xa' }]],
  ['a startswith"x"', 'a starts with "x"', [{ a: 'x' }], [{}]],
  ['a contains"x"', 'a contains "x"', [{ a: 'axa' }], [{ a: 'a' }]],
  ['\ta == "b"\t&&\thas(c)\t', '(a == "b" && has(c))', [{ a: 'b', c: '' }], [{ a: 'b' }]],
  ['a=="b"&&c!="d"||!has(e)', '((a == "b" && c != "d") || !has(e))', [{}, { a: 'b', e: '1' }], [{ e: '1' }]],
  ['has( a )', 'has(a)', [{ a: 'x' }], [{}]],
  ['has(\ta\t)', 'has(a)', [{ a: 'x' }], [{}]],
  ['all( )', 'all()', [{}], []],
  ['global(\t)', 'global()', [{}], []],
  // Sets: {} and a trailing comma are accepted.
  ['a in {}', 'a in {}', [], [{}, { a: '' }]],
  ['a not in {}', 'a not in {}', [{}, { a: '' }], []],
  ['a in {"x",}', 'a in {"x"}', [{ a: 'x' }], [{ a: 'y' }]],
  ['a in {"x", "y" , }', 'a in {"x", "y"}', [{ a: 'y' }], [{ a: 'z' }]],
  ['a in{"x","y"}', 'a in {"x", "y"}', [{ a: 'x' }], [{}]],
  [`a in {'a"b', "a'b"}`, `a in {'a"b', "a'b"}`, [{ a: 'a"b' }, { a: "a'b" }], [{ a: 'ab' }]],
  // Set members sort by code point (Go string order), not by UTF-16 code unit.
  ['a in {"ü", "z", "a"}', 'a in {"a", "z", "ü"}', [{ a: 'ü' }], [{ a: 'u' }]],
  ['a in {"😀", "！"}', 'a in {"！", "😀"}', [{ a: '😀' }], [{ a: '!' }]],
  // Values: empty, spaces, operators, non-ASCII and even a newline inside the quotes.
  ['a == ""', 'a == ""', [{ a: '' }], [{}, { a: 'x' }]],
  ['a contains ""', 'a contains ""', [{ a: '' }, { a: 'x' }], [{}]],
  ['a starts with ""', 'a starts with ""', [{ a: 'x' }], [{}]],
  ['a != ""', 'a != ""', [{}, { a: 'x' }], [{ a: '' }]],
  ["a == 'x && y || !has(z)'", 'a == "x && y || !has(z)"', [{ a: 'x && y || !has(z)' }], [{ a: 'x' }]],
  ['a == "ü ✓"', 'a == "ü ✓"', [{ a: 'ü ✓' }], [{ a: 'u' }]],
  ['a == "line1\nline2"', 'a == "line1\nline2"', [{ a: 'line1\nline2' }], [{ a: 'line1' }]],
  ['a == \'say "hi"\'', `a == 'say "hi"'`, [{ a: 'say "hi"' }], [{ a: 'say hi' }]],
  // Label keys: any of [A-Za-z0-9_./-], including keyword-like words.
  ['calico/k8s_NS-.1/role == "x"', 'calico/k8s_NS-.1/role == "x"', [{ 'calico/k8s_NS-.1/role': 'x' }], [{}]],
  [
    'app.kubernetes.io/name in {"web"}',
    'app.kubernetes.io/name in {"web"}',
    [{ 'app.kubernetes.io/name': 'web' }],
    [{}],
  ],
  [
    '-a == "x" && 9 != "y" && ./- == "z"',
    '(-a == "x" && 9 != "y" && ./- == "z")',
    [{ '-a': 'x', './-': 'z' }],
    [{ '-a': 'x' }],
  ],
  ['contains contains "contains"', 'contains contains "contains"', [{ contains: 'xcontainsx' }], [{ contains: 'x' }]],
  ['in in {"in"}', 'in in {"in"}', [{ in: 'in' }], [{ in: 'x' }]],
  ['not not in {"x"}', 'not not in {"x"}', [{}, { not: 'y' }], [{ not: 'x' }]],
  [
    'has == "x" && all != "y" && global == "z"',
    '(has == "x" && all != "y" && global == "z")',
    [{ has: 'x', global: 'z' }],
    [{ has: 'x' }],
  ],
  ['startswith starts with "s"', 'startswith starts with "s"', [{ startswith: 'so' }], [{ startswith: 'os' }]],
  ['has(has) && has(in)', '(has(has) && has(in))', [{ has: '', in: '' }], [{ has: '' }]],
  [
    'projectcalico.org/namespace == "default"',
    'projectcalico.org/namespace == "default"',
    [{ 'projectcalico.org/namespace': 'default' }],
    [{}],
  ],
  [
    `has(${'k'.repeat(512)}) && ${'v'.repeat(512)} == "x"`,
    `(has(${'k'.repeat(512)}) && ${'v'.repeat(512)} == "x")`,
    [{ ['k'.repeat(512)]: '', ['v'.repeat(512)]: 'x' }],
    [{}],
  ],
];

describe.each([
  ['upstream parser_test.go', UPSTREAM],
  ['additional cases', EXTRA],
])('valid selectors: %s', (_name, cases) => {
  test.each(cases)('%j canonicalises to %j', (input, canonical) => {
    expect(Selector.parse(input).toString()).toBe(canonical);
  });

  test.each(cases)('%j matches the expected label sets', (input, _canonical, yes, no) => {
    const sel = Selector.parse(input);
    for (const labels of yes) expect([labels, sel.matches(labels)]).toEqual([labels, true]);
    for (const labels of no) expect([labels, sel.matches(labels)]).toEqual([labels, false]);
  });

  test.each(cases)('%j evaluates the same after canonicalising', (_input, canonical, yes, no) => {
    const reparsed = Selector.parse(canonical);
    for (const labels of yes) expect(reparsed.matches(labels)).toBe(true);
    for (const labels of no) expect(reparsed.matches(labels)).toBe(false);
  });
});

describe('canonical form round trip', () => {
  const all = [...UPSTREAM, ...EXTRA];

  test.each(all.filter(([, c]) => !c.includes('!!')))('%j: canonical form is a fixed point', (_input, canonical) => {
    expect(Selector.parse(canonical).toString()).toBe(canonical);
  });

  test('upstream quirk: "!!" in a canonical form collapses on the next parse', () => {
    const once = Selector.parse('!(!has(a))');
    expect(once.toString()).toBe('!!has(a)');
    const twice = Selector.parse(once.toString());
    expect(twice.toString()).toBe('has(a)');
    expect(Selector.parse(twice.toString()).toString()).toBe('has(a)');
    expect(once.equals(twice)).toBe(false);
  });
});

describe('nesting', () => {
  test.each([500, 1_000, 10_000])('accepts parentheses nested %i deep, as upstream does (no depth limit)', (depth) => {
    const text = '('.repeat(depth) + 'a == "x"' + ')'.repeat(depth);
    expect(Selector.parse(text).toString()).toBe('a == "x"');
  });

  test.each([1_000, 10_000])(
    'negations and groups nested %i deep parse, evaluate and render without recursion',
    (depth) => {
      const negated = Selector.parse('!('.repeat(depth) + 'a == "x"' + ')'.repeat(depth));
      expect(negated.toString()).toBe('!'.repeat(depth) + 'a == "x"');
      expect(negated.matches({ a: 'x' })).toBe(depth % 2 === 0);
      expect(negated.labelKeys()).toEqual(['a']);
      const groups = Selector.parse('(has(a) && ('.repeat(depth) + 'has(b) || global()' + '))'.repeat(depth));
      expect(groups.matches({ a: '' })).toBe(true);
      expect(groups.matches({ b: '' })).toBe(false);
      expect(groups.usesGlobal()).toBe(true);
      expect(Selector.parse(groups.toString()).toString()).toBe(groups.toString());
    },
  );

  test('deeply nested negations and groups evaluate and render', () => {
    const depth = 500;
    const text = '!('.repeat(depth) + 'a == "x"' + ')'.repeat(depth);
    const sel = Selector.parse(text);
    expect(sel.toString()).toBe('!'.repeat(depth) + 'a == "x"');
    expect(sel.matches({ a: 'x' })).toBe(true);
    const groups = Selector.parse('(has(a) && '.repeat(depth) + 'has(b)' + ')'.repeat(depth));
    expect(groups.matches({ a: '', b: '' })).toBe(true);
    expect(groups.matches({ a: '' })).toBe(false);
    expect(Selector.parse(groups.toString()).toString()).toBe(groups.toString());
  });
});

// The jsii-friendly static builders (allOf/anyOf/negate) and their deprecated aliases (and/or/not): jsii refuses a
// static and an instance member with one name (JSII5013), so the statics were renamed; TypeScript callers keep both.
import { Selector } from '../../lib/selector';

const [a, b, c] = ['a', 'b', 'c'].map((k) => Selector.has(k));

describe('Selector.allOf / anyOf / negate', () => {
  test.each([
    ['allOf(a, b)', () => Selector.allOf(a, b), '(has(a) && has(b))'],
    ['allOf(allOf(a, b), c) flattens', () => Selector.allOf(Selector.allOf(a, b), c), '(has(a) && has(b) && has(c))'],
    [
      'allOf(anyOf(a, b), c) keeps the OR',
      () => Selector.allOf(Selector.anyOf(a, b), c),
      '((has(a) || has(b)) && has(c))',
    ],
    ['anyOf(a, b, c)', () => Selector.anyOf(a, b, c), '(has(a) || has(b) || has(c))'],
    ['negate(a)', () => Selector.negate(a), '!has(a)'],
    ['negate(allOf(a, b))', () => Selector.negate(Selector.allOf(a, b)), '!(has(a) && has(b))'],
  ])('%s renders %s', (_name, build, text) => {
    expect(build().toString()).toBe(text);
  });

  test('allOf() is all(), allOf(x) and anyOf(x) are x, negate(negate(x)) is x', () => {
    expect(Selector.allOf().isAll()).toBe(true);
    expect(Selector.allOf(a)).toBe(a);
    expect(Selector.anyOf(a)).toBe(a);
    expect(Selector.negate(Selector.negate(a)).toString()).toBe('has(a)');
  });

  test('anyOf() with no selector is refused under its own name', () => {
    expect(() => Selector.anyOf()).toThrow(/^\[Selector\.anyOf\] selectors: needs at least one selector/);
  });

  test('the deprecated statics give the same selectors as their replacements', () => {
    const pairs: Array<[Selector, Selector]> = [
      [Selector.and(a, b, c), Selector.allOf(a, b, c)],
      [Selector.and(), Selector.allOf()],
      [Selector.or(a, Selector.and(b, c)), Selector.anyOf(a, Selector.allOf(b, c))],
      [Selector.not(Selector.or(a, b)), Selector.negate(Selector.anyOf(a, b))],
    ];
    for (const [old, replacement] of pairs) expect(old.toString()).toBe(replacement.toString());
    expect(() => Selector.or()).toThrow(/^\[Selector\.or\] selectors:/);
  });

  test('the instance methods keep their names and errors', () => {
    expect(a.and(b).or(c).not().toString()).toBe('!((has(a) && has(b)) || has(c))');
    expect(() => a.or(undefined as unknown as Selector)).toThrow(/^\[Selector\.or\] selectors\[1\]: /);
    expect(() => a.and('b' as unknown as Selector)).toThrow(/^\[Selector\.and\] selectors\[1\]: /);
  });

  test('sameAs compares canonical forms, as the deprecated equals does', () => {
    const built = Selector.eq('app', 'web').and(b);
    const parsed = Selector.parse("(has(b)) && app=='web'");
    expect(built.sameAs(Selector.parse('app == "web" && has(b)'))).toBe(true);
    expect(built.sameAs(parsed)).toBe(false); // operand order is kept: Calico renders what was written
    expect(built.sameAs(Selector.eq('app', 'db').and(b))).toBe(false);
    expect(built.sameAs('app == "web"' as unknown as Selector)).toBe(false);
    for (const other of [parsed, Selector.parse('app == "web" && has(b)'), a]) {
      expect(built.equals(other)).toBe(built.sameAs(other));
    }
  });

  test('isValid tells whether Calico parses the text, as validate() does', () => {
    for (const text of ['', '  ', 'app == "web"', 'has(a) && !all()', 'app in {"a", "b"}']) {
      expect(Selector.isValid(text)).toBe(true);
      expect(Selector.validate(text)).toBeUndefined();
    }
    for (const text of ['a ==', 'app = web', 'has(a', 'app in (a, b)']) {
      expect(Selector.isValid(text)).toBe(false);
      expect(Selector.validate(text)).toBeDefined();
    }
    expect(() => Selector.isValid(42 as unknown as string)).toThrow(
      /^\[Selector\.isValid\] text: expected selector text/,
    );
  });
});

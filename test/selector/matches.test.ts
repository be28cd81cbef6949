import { Selector } from '../../lib/selector';
import { BoundedCache } from '../../lib/selector/cache';
import { parseSelector } from '../../lib/selector/parser';
import { render } from '../../lib/selector/render';
import { mapLeaves } from '../../lib/selector/transform';

describe('matches: absent labels', () => {
  const absent = {};
  test.each([
    ['a == "x"', false],
    ['a != "x"', true],
    ['a in {"x"}', false],
    ['a not in {"x"}', true],
    ['a contains ""', false],
    ['a starts with ""', false],
    ['a ends with ""', false],
    ['has(a)', false],
    ['!has(a)', true],
    ['!a == "x"', true],
    ['!a != "x"', false],
    ['all()', true],
    ['global()', true],
  ])('%j on {} is %s', (text, expected) => {
    expect(Selector.parse(text).matches(absent)).toBe(expected);
  });
});

describe('matches: label lookup', () => {
  test('an empty value is present', () => {
    expect(Selector.has('a').matches({ a: '' })).toBe(true);
    expect(Selector.eq('a', '').matches({ a: '' })).toBe(true);
    expect(Selector.notEq('a', '').matches({ a: '' })).toBe(false);
  });

  test('keys are case-sensitive and matched exactly', () => {
    expect(Selector.eq('App', 'web').matches({ app: 'web' })).toBe(false);
    expect(Selector.eq('app', 'Web').matches({ app: 'web' })).toBe(false);
    expect(Selector.has('app.kubernetes.io/name').matches({ 'app.kubernetes.io/name': 'x' })).toBe(true);
  });

  test('inherited Object.prototype properties are not labels', () => {
    for (const key of ['constructor', 'toString', 'hasOwnProperty', '__proto__', 'valueOf']) {
      expect(Selector.has(key).matches({})).toBe(false);
      expect(Selector.notEq(key, 'x').matches({})).toBe(true);
      expect(Selector.notIn(key, ['x']).matches({})).toBe(true);
    }
  });

  test('own properties named like prototype members are labels', () => {
    const labels = JSON.parse('{"constructor": "c", "__proto__": "p"}') as Record<string, string>;
    expect(Selector.eq('constructor', 'c').matches(labels)).toBe(true);
    expect(Selector.eq('__proto__', 'p').matches(labels)).toBe(true);
    expect(Selector.has('toString').matches(labels)).toBe(false);
  });

  test('null-prototype label maps work', () => {
    const labels = Object.assign(Object.create(null) as Record<string, string>, { a: 'x' });
    expect(Selector.parse('a == "x" && !has(b) && c != "1"').matches(labels)).toBe(true);
  });

  test('string operators work on the whole value, including non-ASCII', () => {
    expect(Selector.contains('a', 'ü✓').matches({ a: 'xü✓y' })).toBe(true);
    expect(Selector.startsWith('a', '😀').matches({ a: '😀x' })).toBe(true);
    expect(Selector.endsWith('a', '😀').matches({ a: 'x😀' })).toBe(true);
    expect(Selector.contains('a', 'A').matches({ a: 'abc' })).toBe(false);
  });
});

describe('matches: global()', () => {
  test('evaluates as true like upstream GlobalNode, even on namespaced labels', () => {
    expect(Selector.global().matches({})).toBe(true);
    expect(Selector.global().matches({ 'projectcalico.org/namespace': 'default' })).toBe(true);
    expect(Selector.global().not().matches({})).toBe(false);
  });

  test('the namespaceSelector rewrite Calico applies can be expressed explicitly', () => {
    const rewritten = Selector.has('projectcalico.org/namespace').not();
    expect(rewritten.toString()).toBe('!has(projectcalico.org/namespace)');
    expect(rewritten.matches({ 'projectcalico.org/namespace': 'default' })).toBe(false);
    expect(rewritten.matches({ 'kubernetes.io/hostname': 'n1' })).toBe(true);
  });
});

describe('BoundedCache', () => {
  test('evicts the least recently used entry', () => {
    const cache = new BoundedCache<string, number>(2);
    cache.set('a', 1);
    cache.set('b', 2);
    expect(cache.get('a')).toBe(1); // a is now most recent
    cache.set('c', 3); // evicts b
    expect(cache.get('b')).toBeUndefined();
    expect(cache.get('a')).toBe(1);
    expect(cache.get('c')).toBe(3);
    expect(cache.size).toBe(2);
    cache.clear();
    expect(cache.size).toBe(0);
  });

  test('overwriting a key does not evict others', () => {
    const cache = new BoundedCache<string, number>(2);
    cache.set('a', 1);
    cache.set('b', 2);
    cache.set('a', 3);
    expect([cache.get('a'), cache.get('b'), cache.size]).toEqual([3, 2, 2]);
  });

  test('rejects a non-positive capacity', () => {
    expect(() => new BoundedCache(0)).toThrow(RangeError);
    expect(() => new BoundedCache(1.5)).toThrow(/positive integer/);
  });
});

describe('mapLeaves (tree rewriting without recursion)', () => {
  const upper = (text: string) =>
    render(
      mapLeaves(parseSelector(text), (leaf) => (leaf.kind === 'has' ? { ...leaf, key: leaf.key.toUpperCase() } : leaf)),
    );

  test('rewrites leaves and keeps negations and groups', () => {
    expect(upper('has(a) && !(has(b) || c == "x")')).toBe('(has(A) && !(has(B) || c == "x"))');
    expect(upper('all()')).toBe('all()');
  });

  test('rewrites a tree 20,000 levels deep', () => {
    const depth = 20_000;
    expect(upper('!('.repeat(depth) + 'has(a)' + ')'.repeat(depth))).toBe('!'.repeat(depth) + 'has(A)');
    expect(
      upper('(has(a) && ('.repeat(depth) + 'has(b) || has(c)' + '))'.repeat(depth)).endsWith(
        '(has(B) || has(C))' + ')'.repeat(depth),
      ),
    ).toBe(true);
  });
});

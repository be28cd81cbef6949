import { Selector } from '../../lib/selector';

describe('Selector builders render canonical text', () => {
  test.each([
    [Selector.all(), 'all()'],
    [Selector.global(), 'global()'],
    [Selector.has('app'), 'has(app)'],
    [Selector.eq('app', 'web'), 'app == "web"'],
    [Selector.notEq('app', 'web'), 'app != "web"'],
    [Selector.in('env', ['prod', 'dev', 'prod']), 'env in {"dev", "prod"}'],
    [Selector.notIn('env', ['b', 'a']), 'env not in {"a", "b"}'],
    [Selector.in('env', []), 'env in {}'],
    [Selector.contains('name', 'db'), 'name contains "db"'],
    [Selector.startsWith('name', 'db-'), 'name starts with "db-"'],
    [Selector.endsWith('name', '-db'), 'name ends with "-db"'],
    [Selector.eq('q', 'say "hi"'), `q == 'say "hi"'`],
    [Selector.eq('q', "it's"), `q == "it's"`],
    [Selector.eq('q', ''), 'q == ""'],
    [Selector.eq('q', 'a\nb'), 'q == "a\nb"'],
    [Selector.in('q', ['"', "'"]), `q in {'"', "'"}`],
    [Selector.not(Selector.has('a')), '!has(a)'],
    [Selector.has('a').not(), '!has(a)'],
    [Selector.not(Selector.eq('a', 'b')), '!a == "b"'],
    [Selector.and(Selector.has('a'), Selector.has('b')), '(has(a) && has(b))'],
    [Selector.or(Selector.has('a'), Selector.has('b')), '(has(a) || has(b))'],
    [Selector.has('a').and(Selector.has('b')).not(), '!(has(a) && has(b))'],
    [Selector.has('a').or(Selector.has('b').and(Selector.has('c'))), '(has(a) || (has(b) && has(c)))'],
    [Selector.has('a').and(Selector.has('b').or(Selector.has('c'))), '(has(a) && (has(b) || has(c)))'],
    [Selector.global().and(Selector.has('a')), '(global() && has(a))'],
    [Selector.all().not(), '!all()'],
  ])('%s', (sel, text) => {
    expect(sel.toString()).toBe(text);
    expect(Selector.parse(text).toString()).toBe(text);
  });

  test('and() with no arguments is all(); with one argument it is that selector', () => {
    expect(Selector.and().toString()).toBe('all()');
    expect(Selector.and().isAll()).toBe(true);
    const a = Selector.has('a');
    expect(Selector.and(a)).toBe(a);
    expect(a.and()).toBe(a);
  });

  test('or() with no arguments throws; with one argument it is that selector', () => {
    expect(() => Selector.or()).toThrow(/^\[Selector\.or\] selectors: needs at least one selector.*fix: .*!all\(\)/);
    const a = Selector.has('a');
    expect(Selector.or(a)).toBe(a);
    expect(a.or()).toBe(a);
  });

  test('nested groups of the same kind are flattened, other kinds are kept', () => {
    const [a, b, c, d] = ['a', 'b', 'c', 'd'].map((k) => Selector.has(k));
    expect(a.and(b).and(c).toString()).toBe('(has(a) && has(b) && has(c))');
    expect(Selector.and(a.and(b), c.and(d)).toString()).toBe('(has(a) && has(b) && has(c) && has(d))');
    expect(a.or(b).or(c, d).toString()).toBe('(has(a) || has(b) || has(c) || has(d))');
    expect(a.and(b).or(c).toString()).toBe('((has(a) && has(b)) || has(c))');
    expect(Selector.and(a.or(b), c).toString()).toBe('((has(a) || has(b)) && has(c))');
  });

  test('not(not(x)) is x', () => {
    const x = Selector.eq('a', 'b');
    expect(x.not().not().toString()).toBe('a == "b"');
    expect(x.not().not().not().toString()).toBe('!a == "b"');
    const group = Selector.has('a').and(Selector.has('b'));
    expect(group.not().not().equals(group)).toBe(true);
  });

  test('builders do not mutate their operands', () => {
    const a = Selector.has('a').and(Selector.has('b'));
    const before = a.toString();
    a.and(Selector.has('c'));
    a.or(Selector.has('d'));
    a.not();
    expect(a.toString()).toBe(before);
  });

  test('builder results behave like parsed selectors', () => {
    const built = Selector.eq('app', 'web').and(Selector.in('tier', ['fe', 'be']), Selector.has('debug').not());
    const parsed = Selector.parse('app == "web" && tier in {"be", "fe"} && !has(debug)');
    expect(built.equals(parsed)).toBe(true);
    const sets: Record<string, string>[] = [
      {},
      { app: 'web', tier: 'fe' },
      { app: 'web', tier: 'fe', debug: '1' },
      { app: 'web', tier: 'x' },
    ];
    for (const labels of sets) {
      expect(built.matches(labels)).toBe(parsed.matches(labels));
    }
    expect(built.matches({ app: 'web', tier: 'be' })).toBe(true);
  });
});

describe('Selector builders validate eagerly', () => {
  test.each([
    ['', /invalid label key "": it is empty/],
    ['a b', /invalid label key "a b": it contains " " at index 1/],
    ['app:name', /it contains ":" at index 3/],
    ['ünicode', /it contains "ü" at index 0/],
    ['a\n', /it contains "\\n" at index 1/],
    ['k'.repeat(513), /it is 513 characters long \(the limit is 512\)/],
  ])('rejects label key %j', (key, message) => {
    expect(() => Selector.has(key)).toThrow(message);
    expect(() => Selector.eq(key, 'v')).toThrow(/^\[Selector\.eq\] key: invalid label key/);
    expect(() => Selector.in(key, ['v'])).toThrow(/A-Z, a-z, 0-9, '_', '\.', '\/' and '-'/);
  });

  test('accepts the longest allowed key and every allowed character', () => {
    expect(Selector.has('k'.repeat(512)).labelKeys()).toEqual(['k'.repeat(512)]);
    expect(Selector.eq('AZaz09_./-', 'x').toString()).toBe('AZaz09_./- == "x"');
  });

  test('rejects values that contain both quote characters', () => {
    const bad = `it's "quoted"`;
    for (const make of [Selector.eq, Selector.notEq, Selector.contains, Selector.startsWith, Selector.endsWith]) {
      expect(() => make('a', bad)).toThrow(/contains both ' and "/);
    }
    expect(() => Selector.in('a', ['ok', bad])).toThrow(
      /^\[Selector\.in\] values\[1\]: value .* for label 'a' cannot be written.*; fix: /,
    );
    expect(() => Selector.notIn('a', [bad])).toThrow(/no escape sequences/);
  });

  test('rejects non-string arguments from untyped callers with the library error, not a TypeError', () => {
    expect(() => Selector.has(1 as unknown as string)).toThrow(
      /^\[Selector\.has\] key: expected a label key \(a string\), got 1; fix: /,
    );
    expect(() => Selector.eq('a', undefined as unknown as string)).toThrow(
      /^\[Selector\.eq\] value: expected a string .*, got undefined; fix: /,
    );
    expect(() => Selector.in('a', 'x' as unknown as string[])).toThrow(
      /^\[Selector\.in\] values: expected an array of strings.*; fix: wrap it in a list: \["x"\]/,
    );
    expect(() => Selector.and('a' as unknown as Selector)).toThrow(
      /^\[Selector\.and\] selectors\[0\]: expected a Selector, got the string "a"; fix: pass Selector\.parse\("a"\)/,
    );
    expect(() => Selector.not({} as Selector)).toThrow(
      /^\[Selector\.not\] selector: expected a Selector, got an empty object; fix: /,
    );
    expect(() => Selector.has(1 as unknown as string)).not.toThrow(TypeError);
  });

  test('builds, matches and renders trees 10,000 levels deep (upstream has no depth limit)', () => {
    // Alternating OR/AND adds one level per step (no flattening possible).
    let sel = Selector.has('x');
    const step = (s: Selector, i: number): Selector => (i % 2 ? s.and(Selector.has('y')) : s.or(Selector.has('z')));
    for (let levels = 1; levels < 10_000; levels++) sel = step(sel, levels);
    expect(sel.matches({ x: '', y: '' })).toBe(true);
    expect(sel.matches({ x: '' })).toBe(false);
    expect(sel.toString().startsWith('(('.repeat(100))).toBe(true);
    expect(Selector.parse(sel.toString()).equals(sel)).toBe(true);
  });
});

describe('Selector queries', () => {
  test('labelKeys() lists referenced keys sorted and unique, and returns a copy', () => {
    const sel = Selector.parse('z == "1" && (has(a) || b in {"x"}) && !z != "2" && all() && global()');
    expect(sel.labelKeys()).toEqual(['a', 'b', 'z']);
    sel.labelKeys().push('mutated');
    expect(sel.labelKeys()).toEqual(['a', 'b', 'z']);
    expect(Selector.all().labelKeys()).toEqual([]);
  });

  test.each([
    ['global()', true, true],
    [' ( global( ) ) ', true, true],
    ['global() && has(a)', true, false],
    ['!global()', true, false],
    ['has(a) || !(b == "x" && global())', true, false],
    ['all()', false, false],
    ['global == "x"', false, false],
    ['a == "global()"', false, false],
  ])('%j: usesGlobal=%s isGlobalOnly=%s', (text, uses, only) => {
    const sel = Selector.parse(text);
    expect(sel.usesGlobal()).toBe(uses);
    expect(sel.isGlobalOnly()).toBe(only);
  });

  test.each([
    ['', true],
    ['  ', true],
    ['all()', true],
    ['(all())', true],
    ['!!all()', true],
    ['all() && all()', false],
    ['!all()', false],
    ['global()', false],
  ])('%j: isAll=%s', (text, expected) => {
    expect(Selector.parse(text).isAll()).toBe(expected);
  });

  test('equals compares canonical forms', () => {
    expect(Selector.parse("a=='b'").equals(Selector.eq('a', 'b'))).toBe(true);
    expect(Selector.parse('a in {"y","x","x"}').equals(Selector.in('a', ['x', 'y']))).toBe(true);
    expect(Selector.parse('').equals(Selector.all())).toBe(true);
    expect(Selector.eq('a', 'b').equals(Selector.eq('a', 'c'))).toBe(false);
    expect(
      Selector.has('a')
        .and(Selector.has('b'))
        .equals(Selector.has('b').and(Selector.has('a'))),
    ).toBe(false);
    expect(Selector.has('a').equals('has(a)' as unknown as Selector)).toBe(false);
  });

  test('toJSON and template literals give the canonical string', () => {
    const sel = Selector.eq('app', 'web').and(Selector.has('tier'));
    expect(JSON.stringify({ selector: sel })).toBe('{"selector":"(app == \\"web\\" && has(tier))"}');
    expect(`${sel}`).toBe('(app == "web" && has(tier))');
  });

  test('has no resolve() method (cdk8s would treat it as a token)', () => {
    expect('resolve' in Selector.all()).toBe(false);
  });

  test('parse results are cached by text', () => {
    const text = 'cache-test == "1" && has(x)';
    expect(Selector.parse(text)).toBe(Selector.parse(text));
    expect(Selector.parse(text)).not.toBe(Selector.parse(`${text} `));
  });
});

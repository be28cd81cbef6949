import fc from 'fast-check';
import { Selector, SelectorSyntaxError } from '../../lib/selector';

type Labels = Record<string, string>;
type Model = (labels: Labels) => boolean;

/** A selector together with an independent model of what it should match. */
interface Built {
  readonly sel: Selector;
  readonly model: Model;
  readonly keys: readonly string[];
  readonly global: boolean;
}

const has = (l: Labels, k: string): boolean => Object.prototype.hasOwnProperty.call(l, k);

const KEY_POOL = ['a', 'b', 'app', 'in', 'has', 'all', 'global', 'not', 'contains', 'starts', 'x.y/z-1', '9', '-'];
const VALUE_POOL = ['', 'x', 'y', 'web', 'we', 'eb', '"', "'", 'a b', 'ü', '😀', '！', 'x\ny', 'all()', '&&', '{}'];

const keyArb = fc.oneof(fc.constantFrom(...KEY_POOL), fc.stringMatching(/^[A-Za-z0-9_./-]{1,12}$/));
const writable = (v: string): string => (v.includes('"') && v.includes("'") ? v.replace(/'/g, '') : v);
const valueArb = fc
  .oneof(
    { weight: 3, arbitrary: fc.constantFrom(...VALUE_POOL) },
    { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 6 }) },
    {
      weight: 1,
      arbitrary: fc.string({ unit: fc.constantFrom('x', 'y', ' ', '"', "'", '\t', '(', '!'), maxLength: 5 }),
    },
  )
  .map(writable);
const labelsArb: fc.Arbitrary<Labels> = fc.dictionary(
  fc.constantFrom(...KEY_POOL),
  fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...VALUE_POOL) }, { weight: 1, arbitrary: valueArb }),
  { maxKeys: 6 },
);

const leaf = (sel: Selector, model: Model, keys: string[] = [], global = false): Built => ({
  sel,
  model,
  keys,
  global,
});

const leafArb: fc.Arbitrary<Built> = fc.oneof(
  fc.constant(leaf(Selector.all(), () => true)),
  fc.constant(leaf(Selector.global(), () => true, [], true)),
  keyArb.map((k) => leaf(Selector.has(k), (l) => has(l, k), [k])),
  fc.tuple(keyArb, valueArb).map(([k, v]) => leaf(Selector.eq(k, v), (l) => has(l, k) && l[k] === v, [k])),
  fc.tuple(keyArb, valueArb).map(([k, v]) => leaf(Selector.notEq(k, v), (l) => !has(l, k) || l[k] !== v, [k])),
  fc
    .tuple(keyArb, valueArb)
    .map(([k, v]) => leaf(Selector.contains(k, v), (l) => has(l, k) && l[k].indexOf(v) >= 0, [k])),
  fc
    .tuple(keyArb, valueArb)
    .map(([k, v]) => leaf(Selector.startsWith(k, v), (l) => has(l, k) && l[k].slice(0, v.length) === v, [k])),
  fc
    .tuple(keyArb, valueArb)
    .map(([k, v]) =>
      leaf(
        Selector.endsWith(k, v),
        (l) => has(l, k) && l[k].length >= v.length && l[k].slice(l[k].length - v.length) === v,
        [k],
      ),
    ),
  fc
    .tuple(keyArb, fc.array(valueArb, { maxLength: 4 }))
    .map(([k, vs]) => leaf(Selector.in(k, vs), (l) => has(l, k) && vs.includes(l[k]), [k])),
  fc
    .tuple(keyArb, fc.array(valueArb, { maxLength: 4 }))
    .map(([k, vs]) => leaf(Selector.notIn(k, vs), (l) => !has(l, k) || !vs.includes(l[k]), [k])),
);

const combine = (parts: readonly Built[], kind: 'and' | 'or'): Built => ({
  sel: kind === 'and' ? Selector.and(...parts.map((p) => p.sel)) : Selector.or(...parts.map((p) => p.sel)),
  model: kind === 'and' ? (l) => parts.every((p) => p.model(l)) : (l) => parts.some((p) => p.model(l)),
  keys: parts.flatMap((p) => p.keys),
  global: parts.some((p) => p.global),
});

const builtArb: fc.Arbitrary<Built> = fc.letrec<{ node: Built; not: Built; and: Built; or: Built; pair: Built }>(
  (tie) => ({
    node: fc.oneof({ maxDepth: 5, depthSize: 'small' }, leafArb, tie('not'), tie('and'), tie('or'), tie('pair')),
    not: tie('node').map((b) => ({ ...b, sel: b.sel.not(), model: (l: Labels) => !b.model(l) })),
    and: fc.array(tie('node'), { maxLength: 4 }).map((parts) => combine(parts, 'and')),
    or: fc.array(tie('node'), { minLength: 1, maxLength: 4 }).map((parts) => combine(parts, 'or')),
    pair: fc.tuple(tie('node'), tie('node'), fc.boolean()).map(([a, b, isAnd]) => ({
      ...combine([a, b], isAnd ? 'and' : 'or'),
      sel: isAnd ? a.sel.and(b.sel) : a.sel.or(b.sel),
    })),
  }),
).node;

const RUNS = { numRuns: 400 };

describe('properties of built selectors', () => {
  test('parse(toString()) round-trips to the same canonical string', () => {
    fc.assert(
      fc.property(builtArb, ({ sel }) => {
        expect(Selector.parse(sel.toString()).toString()).toBe(sel.toString());
      }),
      RUNS,
    );
  });

  test('built and re-parsed selectors match the same labels as the model', () => {
    fc.assert(
      fc.property(builtArb, fc.array(labelsArb, { minLength: 1, maxLength: 5 }), (b, labelSets) => {
        const parsed = Selector.parse(b.sel.toString());
        for (const labels of labelSets) {
          const expected = b.model(labels);
          expect(b.sel.matches(labels)).toBe(expected);
          expect(parsed.matches(labels)).toBe(expected);
        }
      }),
      RUNS,
    );
  });

  test('toString is idempotent: parse . toString is a fixed point', () => {
    fc.assert(
      fc.property(builtArb, ({ sel }) => {
        const once = Selector.parse(sel.toString()).toString();
        expect(Selector.parse(once).toString()).toBe(once);
        expect(Selector.parse(once).equals(sel)).toBe(true);
      }),
      RUNS,
    );
  });

  test('labelKeys and usesGlobal agree with the model', () => {
    fc.assert(
      fc.property(builtArb, (b) => {
        expect(b.sel.labelKeys()).toEqual([...new Set(b.keys)].sort());
        expect(b.sel.usesGlobal()).toBe(b.global);
        expect(Selector.parse(b.sel.toString()).labelKeys()).toEqual(b.sel.labelKeys());
      }),
      RUNS,
    );
  });

  test('a newline before or after any selector makes it invalid', () => {
    fc.assert(
      fc.property(builtArb, ({ sel }) => {
        const text = sel.toString();
        expect(() => Selector.parse(`${text}\n`)).toThrow(SelectorSyntaxError);
        expect(Selector.validate(`\n${text}`)?.offset).toBe(0);
        expect(Selector.validate(`${text}\n`)?.offset).toBe(text.length);
        expect(Selector.parse(` \t${text}\t `).equals(sel)).toBe(true);
      }),
      RUNS,
    );
  });

  test('set members are rendered in UTF-8 byte order without duplicates', () => {
    fc.assert(
      fc.property(keyArb, fc.array(valueArb, { maxLength: 8 }), (k, values) => {
        const expected = [...new Set(values)].sort((x, y) =>
          Buffer.compare(Buffer.from(x, 'utf8'), Buffer.from(y, 'utf8')),
        );
        const quoted = expected.map((v) => (v.includes('"') ? `'${v}'` : `"${v}"`));
        expect(Selector.in(k, values).toString()).toBe(`${k} in {${quoted.join(', ')}}`);
      }),
      RUNS,
    );
  });
});

/** Selector text written with random but valid spacing, quoting and spellings, plus its model. */
interface Written {
  readonly text: string;
  readonly model: Model;
}

const ws = fc.constantFrom('', ' ', '\t', '  ', ' \t ');
const ws1 = fc.constantFrom(' ', '\t', '   ', '\t ');
const quoteArb = (v: string): fc.Arbitrary<string> => {
  const options = [];
  if (!v.includes('"')) options.push(`"${v}"`);
  if (!v.includes("'")) options.push(`'${v}'`);
  return fc.constantFrom(...options);
};
const spelling = {
  eq: fc.constant('=='),
  ne: fc.constant('!='),
  contains: fc.constant('contains'),
  startsWith: fc.constantFrom('starts with', 'startswith', 'starts \t with'),
  endsWith: fc.constantFrom('ends with', 'endswith', 'ends  with'),
  in: fc.constant('in'),
  notIn: fc.constantFrom('not in', 'notin', 'not\tin'),
};
const cmpModels: Record<
  'eq' | 'ne' | 'contains' | 'startsWith' | 'endsWith',
  (l: Labels, k: string, v: string) => boolean
> = {
  eq: (l, k, v) => has(l, k) && l[k] === v,
  ne: (l, k, v) => !has(l, k) || l[k] !== v,
  contains: (l, k, v) => has(l, k) && l[k].includes(v),
  startsWith: (l, k, v) => has(l, k) && l[k].startsWith(v),
  endsWith: (l, k, v) => has(l, k) && l[k].endsWith(v),
};

const compareText: fc.Arbitrary<Written> = fc
  .tuple(
    keyArb,
    fc.constantFrom('eq', 'ne', 'contains', 'startsWith', 'endsWith') as fc.Arbitrary<keyof typeof cmpModels>,
    valueArb,
  )
  .chain(([k, op, v]) =>
    fc.tuple(op === 'eq' || op === 'ne' ? ws : ws1, spelling[op], ws, quoteArb(v)).map(([s1, opText, s2, q]) => ({
      text: `${k}${s1}${opText}${s2}${q}`,
      model: (l: Labels) => cmpModels[op](l, k, v),
    })),
  );

const setText: fc.Arbitrary<Written> = fc
  .tuple(keyArb, fc.boolean(), fc.array(valueArb, { maxLength: 4 }))
  .chain(([k, isIn, vs]) =>
    fc
      .tuple(
        ws1,
        isIn ? spelling.in : spelling.notIn,
        ws,
        fc.tuple(...vs.map(quoteArb), fc.constant('')),
        ws,
        vs.length > 0 ? fc.constantFrom('', ',', ' , ') : fc.constant(''),
      )
      .map(([s1, opText, s2, quoted, s3, trailing]) => ({
        text: `${k}${s1}${opText}${s2}{${s3}${quoted.slice(0, -1).join(`${s3},${s3}`)}${trailing}${s3}}`,
        model: (l: Labels) => (isIn ? has(l, k) && vs.includes(l[k]) : !has(l, k) || !vs.includes(l[k])),
      })),
  );

const leafText: fc.Arbitrary<Written> = fc.oneof(
  fc.tuple(keyArb, ws, ws).map(([k, a, b]) => ({ text: `has(${a}${k}${b})`, model: (l: Labels) => has(l, k) })),
  ws.map((s) => ({ text: `all(${s})`, model: () => true })),
  ws.map((s) => ({ text: `global(${s})`, model: () => true })),
  compareText,
  setText,
);

const writtenArb: fc.Arbitrary<Written> = fc.letrec<{ node: Written; op: Written; group: Written }>((tie) => ({
  node: fc.oneof({ maxDepth: 4, depthSize: 'small' }, tie('op'), tie('group')),
  // An operation with any number of leading "!" (negating it when the count is odd) and redundant parentheses.
  op: fc
    .tuple(
      fc.oneof(leafText, tie('group')),
      fc.array(
        ws.map((s) => `!${s}`),
        { maxLength: 3 },
      ),
      fc.nat({ max: 2 }),
      ws,
    )
    .map(([inner, bangs, parens, s]) => ({
      text: `${bangs.join('')}${'('.repeat(parens)}${s}${inner.text}${s}${')'.repeat(parens)}`,
      model: bangs.length % 2 === 1 ? (l: Labels) => !inner.model(l) : inner.model,
    })),
  group: fc.tuple(fc.array(tie('node'), { minLength: 1, maxLength: 4 }), fc.boolean(), ws).map(([parts, isAnd, s]) => ({
    text: `(${s}${parts.map((p) => p.text).join(`${s}${isAnd ? '&&' : '||'}${s}`)}${s})`,
    model: isAnd ? (l: Labels) => parts.every((p) => p.model(l)) : (l: Labels) => parts.some((p) => p.model(l)),
  })),
})).node;

describe('properties of hand-written selector text', () => {
  test('parses, and matches exactly what the model says', () => {
    fc.assert(
      fc.property(writtenArb, fc.array(labelsArb, { minLength: 1, maxLength: 5 }), (w, labelSets) => {
        const sel = Selector.parse(w.text);
        for (const labels of labelSets) expect(sel.matches(labels)).toBe(w.model(labels));
      }),
      RUNS,
    );
  });

  test('canonical form preserves meaning and reaches a fixed point after one re-parse', () => {
    fc.assert(
      fc.property(writtenArb, fc.array(labelsArb, { minLength: 1, maxLength: 5 }), (w, labelSets) => {
        const s1 = Selector.parse(w.text).toString();
        const p1 = Selector.parse(s1);
        const s2 = p1.toString();
        expect(Selector.parse(s2).toString()).toBe(s2);
        for (const labels of labelSets) expect(p1.matches(labels)).toBe(w.model(labels));
      }),
      RUNS,
    );
  });
});

describe('robustness on arbitrary input', () => {
  const noise = fc.string({
    unit: fc.constantFrom(
      'a',
      'b',
      ' ',
      '\t',
      '\n',
      '(',
      ')',
      '{',
      '}',
      ',',
      '"',
      "'",
      '=',
      '!',
      '&',
      '|',
      'in',
      'not',
      'has(',
      'all(',
      'global(',
      'contains',
      'starts',
      'with',
      '%',
      'ü',
    ),
    maxLength: 30,
  });

  test('parse either succeeds with a re-parseable result or throws SelectorSyntaxError within bounds', () => {
    fc.assert(
      fc.property(fc.oneof(noise, fc.string({ unit: 'binary', maxLength: 20 })), (text) => {
        let sel: Selector | undefined;
        try {
          sel = Selector.parse(text);
        } catch (e) {
          expect(e).toBeInstanceOf(SelectorSyntaxError);
          const err = e as SelectorSyntaxError;
          expect(err.offset).toBeGreaterThanOrEqual(0);
          expect(err.offset).toBeLessThanOrEqual(text.length);
          expect(err.message.startsWith('[Selector.parse] text: invalid selector ')).toBe(true);
          expect(err.hint.length).toBeGreaterThan(0);
          return;
        }
        const again = Selector.parse(sel.toString());
        expect(Selector.parse(again.toString()).toString()).toBe(again.toString());
      }),
      { numRuns: 2000 },
    );
  });
});

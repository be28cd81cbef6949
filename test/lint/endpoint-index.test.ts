// EndpointIndex answers "which endpoints does this selector select" through label indexes; it must answer exactly
// what matching every endpoint answers, for any selector (negations, sets, string operators, nesting).
import * as fc from 'fast-check';
import { EndpointIndex } from '../../lib/lint/endpoint-index';
import { Selector } from '../../lib/selector';

const KEYS = ['app', 'tier', 'rack'];
const VALUES = ['a', 'b', 'c', ''];

const labels = fc.dictionary(fc.constantFrom(...KEYS), fc.constantFrom(...VALUES), { maxKeys: 3 });

const leaf = fc.oneof(
  fc.tuple(fc.constantFrom(...KEYS), fc.constantFrom(...VALUES)).map(([k, v]) => `${k} == "${v}"`),
  fc.tuple(fc.constantFrom(...KEYS), fc.constantFrom(...VALUES)).map(([k, v]) => `${k} != "${v}"`),
  fc
    .tuple(fc.constantFrom(...KEYS), fc.subarray(VALUES))
    .map(([k, vs]) => `${k} in {${vs.map((v) => `"${v}"`).join(', ')}}`),
  fc
    .tuple(fc.constantFrom(...KEYS), fc.subarray(VALUES))
    .map(([k, vs]) => `${k} not in {${vs.map((v) => `"${v}"`).join(', ')}}`),
  fc.constantFrom(...KEYS).map((k) => `has(${k})`),
  fc
    .tuple(
      fc.constantFrom(...KEYS),
      fc.constantFrom('contains', 'starts with', 'ends with'),
      fc.constantFrom(...VALUES),
    )
    .map(([k, op, v]) => `${k} ${op} "${v}"`),
  fc.constantFrom('all()', 'global()'),
);
const selector: fc.Arbitrary<string> = fc.letrec((tie) => ({
  expr: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    leaf,
    fc.tuple(tie('expr'), fc.constantFrom('&&', '||'), tie('expr')).map(([a, op, b]) => `(${a}) ${op} (${b})`),
    tie('expr').map((e) => `!(${e})`),
  ),
})).expr as fc.Arbitrary<string>;

test('some and filter answer as a scan does', () => {
  fc.assert(
    fc.property(
      fc.array(labels, { maxLength: 25 }),
      fc.array(selector, { minLength: 1, maxLength: 5 }),
      (all, texts) => {
        const endpoints = all.map((l, i) => ({ id: `e${i}`, labels: l }));
        const index = new EndpointIndex(endpoints);
        for (const text of texts) {
          const sel = Selector.parse(text);
          const scan = endpoints.filter((e) => sel.matches(e.labels));
          expect(index.filter(sel)).toEqual(scan);
          expect(index.some(sel)).toBe(scan.length > 0);
        }
      },
    ),
    { numRuns: 400 },
  );
});

test('an index joined from others (EndpointIndex.concat) answers as a scan of the joined list does', () => {
  const lists = fc.array(fc.array(labels, { maxLength: 12 }), { minLength: 1, maxLength: 3 });
  fc.assert(
    fc.property(lists, fc.array(selector, { minLength: 1, maxLength: 5 }), (parts, texts) => {
      const endpointLists = parts.map((all, p) => all.map((l, i) => ({ id: `p${p}e${i}`, labels: l })));
      const partIndexes = endpointLists.map((endpoints) => new EndpointIndex(endpoints));
      // Some parts answer first (their indexes built), others not: the join must not depend on it.
      if (partIndexes.length > 1) partIndexes[0].some(Selector.parse('has(app)'));
      const joined = EndpointIndex.concat(partIndexes);
      const endpoints = endpointLists.flat();
      expect(joined.endpoints).toEqual(endpoints);
      for (const text of texts) {
        const sel = Selector.parse(text);
        const scan = endpoints.filter((e) => sel.matches(e.labels));
        expect(joined.filter(sel)).toEqual(scan);
        expect(joined.some(sel)).toBe(scan.length > 0);
      }
    }),
    { numRuns: 300 },
  );
});

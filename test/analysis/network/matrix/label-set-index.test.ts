// Selectors over every label set at once (the fast matrix's peer sets) must give what the selector language's own
// evaluation gives, set by set: random label sets and random selectors with every operator, absent labels and nesting.
import { Selector } from '../../../../lib/selector';
import { parseSelector } from '../../../../lib/selector/parser';
import { LabelSetIndex } from '../../../../lib/analysis/network/match/label-set-index';
import { rng } from '../../../../bench/reachability';

const KEYS = ['app', 'tier', 'env', 'a/b'];
const VALUES = ['web', 'db', 'webapp', 'prod', ''];

function randomLabels(r: () => number): Record<string, string> {
  const out: Record<string, string> = {};
  for (const k of KEYS) if (r() < 0.6) out[k] = VALUES[Math.floor(r() * VALUES.length)];
  return out;
}

function randomSelector(r: () => number, depth = 0): string {
  const key = KEYS[Math.floor(r() * KEYS.length)];
  const value = JSON.stringify(VALUES[Math.floor(r() * VALUES.length)]);
  const t = r();
  if (depth < 3 && t < 0.25) {
    const op = r() < 0.5 ? ' && ' : ' || ';
    return `(${randomSelector(r, depth + 1)}${op}${randomSelector(r, depth + 1)})`;
  }
  if (depth < 3 && t < 0.32) return `!(${randomSelector(r, depth + 1)})`;
  const leaves = [
    'all()',
    'global()',
    `has(${key})`,
    `!has(${key})`,
    `${key} == ${value}`,
    `${key} != ${value}`,
    `${key} in {${value}, "db"}`,
    `${key} not in {${value}}`,
    `${key} contains "eb"`,
    `${key} starts with "we"`,
    `${key} ends with "b"`,
  ];
  return leaves[Math.floor(r() * leaves.length)];
}

describe('LabelSetIndex.matching equals Selector.matches on every label set', () => {
  test.each([1, 2, 3, 4, 5, 6, 7, 8])('seed %i', (seed) => {
    const r = rng(seed);
    const sets = Array.from({ length: 70 }, () => randomLabels(r));
    sets.push({});
    const index = new LabelSetIndex(sets);
    let hits = 0;
    for (let q = 0; q < 300; q++) {
      const text = randomSelector(r);
      const bits = index.matching(parseSelector(text));
      const sel = Selector.parse(text);
      sets.forEach((labels, s) => {
        const got = (bits[s >>> 5] & (1 << (s & 31))) !== 0;
        if (got) hits++;
        if (got !== sel.matches(labels)) throw new Error(`${text} on ${JSON.stringify(labels)}: index ${got}`);
      });
    }
    // Both verdicts occur, so the comparison is not vacuous.
    expect(hits).toBeGreaterThan(1000);
    expect(hits).toBeLessThan(300 * sets.length - 1000);
  });

  test('a selector nested deeper than the index walks is evaluated set by set, with the same verdicts', () => {
    const sets: Array<Record<string, string>> = [{ app: 'web' }, { app: 'db' }, {}];
    let text = 'app == "web"';
    for (let i = 0; i < 150; i++) text = `!(${text})`;
    const bits = new LabelSetIndex(sets).matching(parseSelector(text));
    const sel = Selector.parse(text);
    expect(sets.map((_l, s) => (bits[0] & (1 << s)) !== 0)).toEqual(sets.map((l) => sel.matches(l)));
  });
});

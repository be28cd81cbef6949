// checkKubernetesObject never throws on malformed input, and every problem it reports names a fix: each field of
// every valid fixture (and each container of each list) is replaced in turn by values of the wrong shape.
import { checkKubernetesObject } from '../../../lib/validation';
import { VALID } from './fixtures';

const WEIRD: unknown[] = [null, undefined, 0, -1, 70000, 1.5, '', 'Bad_Value', [], [null], {}, true];

function* paths(value: unknown, at: (string | number)[] = []): Generator<(string | number)[]> {
  if (value === null || typeof value !== 'object') return;
  for (const key of Object.keys(value)) {
    const p = [...at, Array.isArray(value) ? Number(key) : key];
    yield p;
    yield* paths((value as any)[key], p);
  }
}

function replaced(doc: any, path: (string | number)[], v: unknown): any {
  const copy = JSON.parse(JSON.stringify(doc));
  let node = copy;
  for (const k of path.slice(0, -1)) node = node[k];
  node[path[path.length - 1]] = v;
  return copy;
}

test.each(VALID)('%s: every field replaced by a malformed value', (_kind, doc) => {
  let checked = 0;
  for (const p of paths(doc)) {
    if (p[0] === 'apiVersion' || p[0] === 'kind') continue;
    for (const v of WEIRD) {
      const issues = checkKubernetesObject(replaced(doc, p, v));
      for (const i of issues) expect(i.message).toMatch(/; fix: \S/);
      checked++;
    }
  }
  expect(checked).toBeGreaterThan(20);
});

test('non-objects give no problems', () => {
  for (const v of [null, undefined, 1, 'x', [], {}, { kind: 'Pod' }, { apiVersion: 'v1' }])
    expect(checkKubernetesObject(v)).toEqual([]);
});

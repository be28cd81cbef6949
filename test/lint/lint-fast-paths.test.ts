// The lint's shortcuts over large inputs (issue 11, item 7) answer as the plain computations they replace: objects
// grouped by kind (LintContext.positionsWhereKind), scopes shared per namespace (endpointScope), the three smallest
// names of a message (listSome), endpoint indexes built per label key and memoised per Selector object.
import * as fc from 'fast-check';
import { EndpointIndex } from '../../lib/lint/endpoint-index';
import { endpointScope } from '../../lib/lint/endpoint-scope';
import { LintContext } from '../../lib/lint/lint-context';
import { listSome } from '../../lib/lint/make-finding';
import { Selector } from '../../lib/selector';
import { seededRandom as random } from '../support/seeded-random';
import { autoHeps, deployment, gnp, hep, knp, namespace, node, np, pod } from './fixtures';

const CALICO = 'projectcalico.org/v3';

/** Documents of many kinds, some without a kind or with one of another type, some in Lists. */
function mixed(n: number, seed: number): unknown[] {
  const rnd = random(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)];
  const nss = ['a', 'b', 'c'];
  const make = (i: number): unknown =>
    pick<() => unknown>([
      () => pod(pick(nss), `p${i}`, { labels: { app: pick(['web', 'db']) }, ip: `10.1.0.${i % 250}` }),
      () => deployment(pick(nss), `d${i}`, { app: pick(['web', 'db', 'cache']) }),
      () => np(pick(nss), `np${i}`, { selector: pick(['app == "web"', 'app == "nope"', 'all()', '']) }),
      () => knp(pick(nss), `knp${i}`, { podSelector: { matchLabels: { app: pick(['web', 'x']) } } }),
      () => gnp(`g${i}`, { selector: pick(['has(host)', 'app == "web"', 'all()']), preDNAT: rnd() < 0.2 }),
      () => hep(`h${i}`, { node: `n${i}`, interfaceName: 'eth0' }, { host: '' }),
      () => namespace(pick(nss)),
      () => node(`n${i}`, `10.0.0.${i % 250}`),
      () => ({ apiVersion: CALICO, kind: 'Tier', metadata: { name: `t${i}` }, spec: { order: i } }),
      () => ({ apiVersion: 'v1', metadata: { name: `kindless${i}` }, spec: { containers: [] } }),
      () => ({ apiVersion: 'v1', kind: 7, metadata: { name: `odd${i}` } }),
      () => ({ apiVersion: 'v1', kind: 'List', items: [pod('a', `l${i}`, { ip: `10.2.0.${i % 250}` }), 'text'] }),
      () => autoHeps(),
    ])();
  return Array.from({ length: n }, (_, i) => make(i));
}

describe('LintContext by kind', () => {
  const tests: Array<(k: unknown) => boolean> = [
    (k) => k === 'Pod',
    (k) => k === 'NetworkPolicy' || k === 'GlobalNetworkPolicy' || k === 'Tier',
    (k) => typeof k !== 'string',
    (k) => typeof k === 'string' && k.startsWith('N'),
    () => true,
    () => false,
  ];
  for (const seed of [1, 2, 3]) {
    test(`positionsWhereKind and objectsWhereKind give the filter over the objects, seed ${seed}`, () => {
      const c = LintContext.of(mixed(300, seed));
      for (const t of tests) {
        const expected = c.objects.map((d, i) => [d, i] as const).filter(([d]) => t(d.kind));
        expect(c.positionsWhereKind(t)).toEqual(expected.map(([, i]) => i));
        expect(c.objectsWhereKind(t)).toEqual(expected.map(([d]) => d));
      }
      expect(c.ofKind('Pod')).toEqual(c.objects.filter((d) => d.kind === 'Pod'));
    });
  }

  test('a policy scope shared by the policies of a namespace is the scope computed for that policy alone', () => {
    const docs = mixed(400, 4);
    const shared = LintContext.of(docs);
    const summary = (s: ReturnType<typeof endpointScope>) =>
      s && { what: s.what, ids: s.endpoints.map((e) => e.id), same: s.index.endpoints === s.endpoints };
    let judged = 0;
    shared.policies.forEach((p, i) => {
      const alone = LintContext.of([...docs]); // a fresh context: nothing cached
      const scope = endpointScope(p, shared);
      expect(summary(scope)).toEqual(summary(endpointScope(alone.policies[i], alone)));
      if (scope) judged++;
    });
    expect(judged).toBeGreaterThan(20); // not a comparison of undefined scopes
  });
});

test('listSome names the smallest items of the whole sort', () => {
  const reference = (items: readonly string[], max: number): string => {
    const sorted = [...new Set(items)].sort();
    if (sorted.length <= max) return sorted.join(', ');
    return `${sorted.slice(0, max).join(', ')} and ${sorted.length - max} more`;
  };
  fc.assert(
    fc.property(fc.array(fc.string({ maxLength: 3 }), { maxLength: 30 }), fc.integer({ min: 0, max: 5 }), (xs, max) => {
      expect(listSome(xs, max)).toBe(reference(xs, max));
      expect(listSome(xs)).toBe(reference(xs, 3));
    }),
    { numRuns: 500 },
  );
});

test('EndpointIndex answers a Selector object asked again, or an equal one, as the first time', () => {
  const endpoints: Array<{ labels: Record<string, string> }> = [
    { labels: { app: 'web' } },
    { labels: { app: 'db', tier: 'x' } },
    { labels: {} },
  ];
  const index = new EndpointIndex(endpoints);
  for (const text of ['app == "web"', 'tier == "y"', 'has(tier)', '!has(app)', 'app in {"a", "db"}']) {
    const expected = endpoints.some((e) => Selector.parse(text).matches(e.labels));
    const sel = Selector.parse(text);
    expect(index.some(sel)).toBe(expected);
    expect(index.some(sel)).toBe(expected);
    expect(index.some(Selector.parse(` ${text} `))).toBe(expected);
  }
});

// A CEL rule is skipped when field presence alone decides it (cel-presence.ts). Every such decision must be what the
// rule evaluates to: checked here for every rule of every Calico CRD, on random objects of the rule's schema.
import { compileCelExpression, loadCalicoCrds } from '../../../lib/validation';
import { toCelValue } from '../../../lib/validation/schema/cel-rules';
import { presenceVerdict } from '../../../lib/validation/schema/cel-presence';
import { parse } from '@bufbuild/cel';
import { crdsDir } from './helpers';
import { seededRandom as rng } from '../../support/seeded-random';

interface RuleSite {
  readonly kind: string;
  readonly schema: any;
  readonly rule: string;
}

function ruleSites(): RuleSite[] {
  const out: RuleSite[] = [];
  const walk = (kind: string, s: any): void => {
    if (!s || typeof s !== 'object') return;
    for (const r of s['x-kubernetes-validations'] ?? []) out.push({ kind, schema: s, rule: r.rule });
    for (const c of Object.values(s.properties ?? {})) walk(kind, c);
    if (s.items) walk(kind, s.items);
    if (s.additionalProperties && typeof s.additionalProperties === 'object') walk(kind, s.additionalProperties);
  };
  for (const crd of loadCalicoCrds(crdsDir())) {
    for (const v of crd.spec.versions) walk(crd.spec.names.kind, v.schema.openAPIV3Schema);
  }
  return out;
}

const STRINGS = ['', 'TCP', 'UDP', 'Allow', 'Deny', 'Egress', 'Ingress', 'x', 'node-1', 'é😀', '6'];

/** A random value for `schema`: some declared properties set, some absent, some of the wrong type. */
function sample(schema: any, r: () => number, depth = 0): unknown {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];
  if (r() < 0.08) return pick<unknown>([null, 6, 'TCP', true, [], {}]); // a value of another type
  const type = schema?.type ?? (schema?.['x-kubernetes-int-or-string'] ? pick(['string', 'integer']) : 'string');
  switch (type) {
    case 'object': {
      const out: Record<string, unknown> = {};
      if (depth > 3) return out;
      for (const [k, c] of Object.entries<any>(schema.properties ?? {}))
        if (r() < 0.4) out[k] = sample(c, r, depth + 1);
      if (schema.additionalProperties && typeof schema.additionalProperties === 'object' && r() < 0.5) {
        out[pick(STRINGS) || 'k'] = sample(schema.additionalProperties, r, depth + 1);
      }
      if (r() < 0.1) out.undeclared = 'x';
      return out;
    }
    case 'array':
      return depth > 3 ? [] : Array.from({ length: Math.floor(r() * 3) }, () => sample(schema.items, r, depth + 1));
    case 'integer':
      return pick([0, 1, 6, 17, 255]);
    case 'number':
      return pick([0, 1.5]);
    case 'boolean':
      return r() < 0.5;
    default:
      return schema?.enum && r() < 0.7 ? pick(schema.enum) : pick(STRINGS);
  }
}

const SITES = ruleSites();

test('the Calico CRDs have rules that presence decides', () => {
  const decided = SITES.filter((s) => presenceVerdict(parse(s.rule).expr) !== undefined);
  expect(decided.length).toBeGreaterThan(10);
});

test('whenever presence decides a rule, evaluating the rule gives the same result', () => {
  const r = rng(11);
  let decisions = 0;
  for (const site of SITES) {
    const compiled = compileCelExpression(site.rule);
    if (!compiled.presence || !compiled.program || compiled.usesOldSelf) continue;
    for (let i = 0; i < 150; i++) {
      const self = sample({ ...site.schema, type: 'object' }, r) as Record<string, unknown>;
      if (self === null || typeof self !== 'object' || Array.isArray(self)) continue;
      const verdict = compiled.presence(self, site.schema);
      if (verdict === undefined) continue;
      decisions++;
      const evaluated = compiled.program({ self: toCelValue(self, site.schema) as any });
      if (evaluated !== verdict)
        throw new Error(
          `${site.kind}: ${site.rule} on ${JSON.stringify(self)}: presence ${verdict}, evaluated ${String(evaluated)}`,
        );
    }
  }
  expect(decisions).toBeGreaterThan(500);
});

describe('presenceVerdict', () => {
  const schema = {
    type: 'object',
    properties: {
      a: { type: 'object', properties: { b: { type: 'string' } } },
      s: { type: 'string' },
      l: { type: 'array' },
    },
  };
  const verdict = (rule: string, self: Record<string, unknown>): boolean | undefined =>
    presenceVerdict(parse(rule).expr)?.(self, schema);

  test.each<[string, Record<string, unknown>, boolean | undefined]>([
    ['!has(self.s) || self.s == "x"', {}, true],
    ['!has(self.s) || self.s == "x"', { s: 'x' }, true],
    ['!has(self.s) || self.s == "x"', { s: 'y' }, false],
    ['has(self.s) && size(self.s) > 0', { s: '' }, false],
    ['has(self.s) && size(self.s) > 0', { s: 'é😀' }, true],
    ['size(self.s) == 2', { s: 'é😀' }, true], // code points, as CEL counts them
    ['size(self.l) == 2', { l: [1, 2] }, true],
    ['!has(self.a) || !has(self.a.b) || self.a.b == "x"', { a: {} }, true],
    ['self.s == "x" || self.other()', { s: 'y' }, undefined], // the rest needs evaluation
    ['has(self.undeclared)', { undeclared: 1 }, undefined], // CEL does not see undeclared fields: not claimed present
    ['!has(self.undeclared.b)', {}, undefined], // a step through an undeclared field fails at evaluation
    ['self.s == 6', { s: '6' }, undefined], // a string against an int: left to CEL
  ])('%s on %j is %s', (rule, self, expected) => {
    expect(verdict(rule, self)).toBe(expected);
  });

  test('an expression with no presence test gets none', () => {
    expect(presenceVerdict(parse('self.x.startsWith("a")').expr)).toBeUndefined();
  });
});

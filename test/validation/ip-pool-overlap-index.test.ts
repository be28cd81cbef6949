// checkIpPoolOverlaps finds each pool's first overlapping earlier pool by hashing prefixes (issue 11, item 7: no
// quadratic cross-object rule); it must report exactly what trying every earlier pool reports.
import * as fc from 'fast-check';
import { checkIpPoolOverlaps } from '../../lib/validation/rules/ip-pool';
import { cidrsOverlap, formatCidr, parseCidr } from '../../lib/model/primitives/cidr';

const pool = (cidr: string) => ({
  apiVersion: 'projectcalico.org/v3',
  kind: 'IPPool',
  metadata: { name: cidr },
  spec: { cidr },
});

function bruteForce(cidrs: string[]): Array<[number, string]> {
  const out: Array<[number, string]> = [];
  const parsed = cidrs.map((c) => parseCidr(c));
  for (let i = 0; i < cidrs.length; i++) {
    const a = parsed[i];
    if (!a) continue;
    const j = parsed.findIndex((b, k) => k < i && b !== undefined && cidrsOverlap(a, b));
    if (j >= 0)
      out.push([
        i,
        `IPPool(${cidrs[i]}) CIDR ${formatCidr(a)} overlaps with IPPool(${cidrs[j]}) CIDR ${formatCidr(parsed[j]!)}; fix: use non-overlapping pool ranges`,
      ]);
  }
  return out;
}

function indexed(cidrs: string[]): Array<[number, string]> {
  const out: Array<[number, string]> = [];
  checkIpPoolOverlaps(
    cidrs.map((c) => ({ doc: pool(c), name: c })),
    (i, m) => out.push([i, m]),
  );
  return out;
}

test('the hashed search reports what the pairwise search reports', () => {
  const v4 = fc
    .tuple(
      fc.constantFrom(10, 192),
      fc.integer({ min: 0, max: 3 }),
      fc.integer({ min: 0, max: 3 }),
      fc.constantFrom(8, 16, 24, 25, 26, 32),
    )
    .map(([a, b, c, len]) => `${a}.${b}.${c}.0/${len}`);
  const v6 = fc
    .tuple(fc.integer({ min: 0, max: 3 }), fc.constantFrom(48, 64, 96, 122, 128))
    .map(([a, len]) => `fd00:${a}::/${len}`);
  fc.assert(
    fc.property(fc.array(fc.oneof(v4, v6, fc.constant('not-a-cidr')), { maxLength: 30 }), (cidrs) => {
      expect(indexed(cidrs)).toEqual(bruteForce(cidrs));
    }),
    { numRuns: 500 },
  );
});

test('20,000 disjoint pools are checked without trying every pair', () => {
  const cidrs = Array.from({ length: 20000 }, (_, i) => `10.${i >> 8}.${i & 255}.0/24`);
  cidrs.push('10.3.0.0/16');
  const found = indexed(cidrs);
  expect(found).toHaveLength(1);
  expect(found[0][1]).toContain('overlaps with IPPool(10.3.0.0/24)');
});

// Issue 11 item 7: the lockout proof reads tens of thousands of IPv4 texts as plain numbers (lib/nodes/dotted-ipv4.ts)
// instead of through the bigint parsers. The fast path must accept only texts the general parsers read the same way,
// and give what they give: compared here on generated and hand-picked tricky texts (leading zeros, blanks, out of
// range groups, IPv4-mapped IPv6, prefixes out of range or with a sign).
import { formatIp, parseCidrOrIp, parseIp } from '../../../lib/model/primitives/cidr';
import { canonicalIp, toNet } from '../../../lib/model/primitives/ip';
import { canonicalV4Number, v4CidrOf, v4Mask } from '../../../lib/model/primitives/dotted-ipv4';
import { seededRandom as random } from '../../support/seeded-random';

const TRICKY = [
  '10.0.0.1',
  '0.0.0.0',
  '255.255.255.255',
  '256.0.0.1',
  '10.0.0.01',
  '010.0.0.1',
  '00.0.0.0',
  ' 10.0.0.1',
  '10.0.0.1 ',
  '10.0.0',
  '10.0.0.1.5',
  '10..0.1',
  '1e1.0.0.1',
  '+1.0.0.1',
  '::ffff:10.0.0.1',
  'fd00::1',
  '',
  '10.0.0.1/8',
  '10.0.0.0/24',
  '10.0.0.0/0',
  '10.0.0.0/32',
  '10.0.0.0/33',
  '10.0.0.0/024',
  '10.0.0.0/+8',
  '10.0.0.0/',
  '10.0.0.0/0008',
  '::ffff:10.0.0.0/104',
  '192.168.1.7/31',
];

/** Random dotted texts: groups of 1 to 4 digits (some with a leading zero), some with a prefix. */
function generated(seed: number, n: number): string[] {
  const r = random(seed);
  const group = () => {
    const v = Math.floor(r() * 300);
    return r() < 0.1 ? `0${v}` : r() < 0.05 ? `${v}${Math.floor(r() * 10)}` : String(v);
  };
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    const ip = [group(), group(), group(), group()].join('.');
    out.push(r() < 0.5 ? ip : `${ip}/${Math.floor(r() * 36)}`);
  }
  return out;
}

const TEXTS = [...TRICKY, ...generated(1, 3000)];

test('the fast path agrees with the general parsers on addresses and CIDRs', () => {
  let fast = 0;
  for (const text of TEXTS) {
    const n = canonicalV4Number(text);
    if (n !== undefined) {
      fast++;
      const ip = parseIp(text)!;
      expect(ip.family).toBe(4);
      expect(BigInt(n)).toBe(ip.value);
      // A canonical text is its own canonical form (the guard keeps it as is).
      expect(canonicalIp(text)).toBe(text);
      expect(formatIp(4, ip.value)).toBe(text);
    }
    const c = v4CidrOf(text);
    if (c !== undefined) {
      const general = parseCidrOrIp(text)!;
      const net = toNet(text)!;
      expect(general.family).toBe(4);
      expect([c.prefix, BigInt(c.network)]).toEqual([general.prefix, general.network]);
      expect(BigInt(v4Mask(c.prefix))).toBe(net.mask);
    }
  }
  expect(fast).toBeGreaterThan(300); // the comparison is not vacuous
});

test('texts the general parsers read differently never take the fast path', () => {
  for (const text of ['010.0.0.1', ' 10.0.0.1', '::ffff:10.0.0.1', '256.0.0.1', '10.0.0.0/33', '10.0.0.0/+8']) {
    expect(canonicalV4Number(text.split('/')[0]) === undefined || v4CidrOf(text) === undefined).toBe(true);
  }
  expect(canonicalV4Number('010.0.0.1')).toBeUndefined();
  expect(canonicalV4Number(10)).toBeUndefined();
  expect(v4CidrOf('10.0.0.0/33')).toBeUndefined();
  expect(v4CidrOf('10.0.0.7/24')).toEqual({ network: 0x0a000000, prefix: 24 });
  expect(v4CidrOf('10.0.0.7')).toEqual({ network: 0x0a000007, prefix: 32 });
  expect(v4Mask(0)).toBe(0);
  expect(v4Mask(32)).toBe(0xffffffff);
});

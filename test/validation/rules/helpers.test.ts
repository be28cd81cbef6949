import {
  checkAnnotations,
  checkLabels,
  cidrContains,
  cidrsOverlap,
  communityLiteral,
  formatCidr,
  goRegexError,
  ipFamily,
  isDns1123Label,
  isDns1123Subdomain,
  isGlobalNetworkPolicyName,
  isGoDuration,
  isNetworkPolicyName,
  isQualifiedName,
  isStrictlyMasked,
  isValidAsNumber,
  isValidInterfaceName,
  isValidLabelValue,
  isValidPortName,
  parseCidr,
  parseCidrOrIp,
  parseGoDuration,
  parseIp,
  parsePeerIp,
  parsePort,
  parseProtocol,
  supportsPorts,
} from '../../../lib/validation/rules';

describe('cidr helpers', () => {
  test.each([
    ['10.0.0.1', 4, 0x0a000001n],
    ['255.255.255.255', 4, 0xffffffffn],
    ['::', 6, 0n],
    ['::1', 6, 1n],
    ['1::', 6, 1n << 112n],
    ['2001:db8::8a2e:370:7334', 6, 0x20010db8000000000000_8a2e03707334n],
    ['2001:DB8:0:0:0:0:0:1', 6, 0x20010db8000000000000000000000001n],
    ['::ffff:10.0.0.1', 4, 0x0a000001n], // Go's IP.To4(): an IPv4-mapped address is IPv4
    ['::FFFF:a00:1', 4, 0x0a000001n],
    ['::fffe:10.0.0.1', 6, 0xfffe0a000001n],
    ['64:ff9b::192.0.2.33', 6, (0x64ff9bn << 96n) | 0xc0000221n],
    ['1:2:3:4:5:6:7:8', 6, 0x00010002000300040005000600070008n],
    ['1:2:3:4:5:6:1.2.3.4', 6, 0x00010002000300040005000601020304n],
  ])('parseIp(%s)', (text, family, value) => {
    expect(parseIp(text)).toEqual({ family, value });
  });

  test.each([
    '',
    '1.2.3',
    '1.2.3.4.5',
    '256.0.0.1',
    '01.2.3.4',
    '1.2.3.-4',
    ' 1.2.3.4',
    'a.b.c.d',
    ':',
    ':::',
    '1:::2',
    '1::2::3',
    ':1::',
    '1::2:',
    '12345::',
    '1:2:3:4:5:6:7:8:9',
    '1:2:3:4:5:6:7',
    '1:2:3:4:5:6:7:8::',
    '::1.2.3',
    '1.2.3.4::',
    'fe80::1%eth0',
    'g::1',
    '1:2:3:4:5:6:7:1.2.3.4',
  ])('parseIp rejects %j', (text) => {
    expect(parseIp(text)).toBeUndefined();
  });

  test('parseCidr requires a prefix; parseCidrOrIp accepts bare IPs', () => {
    expect(parseCidr('10.0.0.1')).toBeUndefined();
    expect(parseCidr('10.0.0.0/8')).toMatchObject({ family: 4, prefix: 8, network: 0x0a000000n, bare: false });
    expect(parseCidr('10.0.0.0/33')).toBeUndefined();
    expect(parseCidr('fd00::/129')).toBeUndefined();
    expect(parseCidr('10.0.0.0/')).toBeUndefined();
    expect(parseCidr('10.0.0.0/-1')).toBeUndefined();
    expect(parseCidrOrIp('fd00::5')).toMatchObject({ family: 6, prefix: 128, bare: true });
    expect(parseCidr(42 as any)).toBeUndefined();
  });

  test.each([
    // text, Go's IPNet.String(), family — net.ParseCIDR + networkNumberAndMask
    ['::ffff:10.0.0.0/104', '10.0.0.0/8', 4],
    ['::ffff:10.0.0.1/128', '10.0.0.1/32', 4],
    ['::ffff:10.1.2.3/112', '10.1.0.0/16', 4],
    ['::ffff:0:0/96', '0.0.0.0/0', 4],
    ['::ffff:10.0.0.0/95', '::fffe:0:0/95', 6],
    ['::ffff:10.0.0.0/64', '::/64', 6],
  ])('parseCidr(%s) reads IPv4-mapped networks as Go does: %s', (text, canonical, family) => {
    const c = parseCidr(text)!;
    expect(c.family).toBe(family);
    expect(formatCidr(c)).toBe(canonical);
  });

  test('IPv4-mapped CIDRs: strict masking, containment and bare addresses follow Go', () => {
    expect(isStrictlyMasked('::ffff:10.0.0.1/104')).toBe(false);
    expect(isStrictlyMasked('::ffff:10.0.0.0/64')).toBe(false); // the mapped bits are host bits below /96
    expect(cidrContains(parseCidr('::ffff:10.0.0.0/104')!, parseCidr('10.20.0.0/16')!)).toBe(true);
    expect(cidrsOverlap(parseCidr('::ffff:10.0.0.0/104')!, parseCidr('fd00::/8')!)).toBe(false);
    expect(parseCidrOrIp('::ffff:10.0.0.1')).toMatchObject({ family: 4, prefix: 32, network: 0x0a000001n, bare: true });
    expect(parseCidr('::ffff:10.0.0.0/129')).toBeUndefined();
    expect(parseCidr('::ffff:10.0.0.0/40')).toMatchObject({ family: 6, prefix: 40 });
  });

  test('strict masking', () => {
    expect(isStrictlyMasked('10.0.0.0/8')).toBe(true);
    expect(isStrictlyMasked('10.0.0.1/8')).toBe(false);
    expect(isStrictlyMasked('0.0.0.0/0')).toBe(true);
    expect(isStrictlyMasked('10.0.0.1')).toBe(true);
    expect(isStrictlyMasked('fd00::/8')).toBe(true);
    expect(isStrictlyMasked('fd00::1/127')).toBe(false);
    expect(isStrictlyMasked('fd00::2/127')).toBe(true);
    expect(isStrictlyMasked('::ffff:10.0.0.0/104')).toBe(true);
    expect(isStrictlyMasked('nonsense')).toBe(false);
  });

  test('overlap, containment, family and formatting', () => {
    const a = parseCidr('10.0.0.0/8')!;
    const b = parseCidr('10.20.0.0/16')!;
    const c = parseCidr('11.0.0.0/8')!;
    expect(cidrsOverlap(a, b)).toBe(true);
    expect(cidrsOverlap(b, a)).toBe(true);
    expect(cidrsOverlap(a, c)).toBe(false);
    expect(cidrsOverlap(parseCidr('::/0')!, a)).toBe(false);
    expect(cidrContains(a, b)).toBe(true);
    expect(cidrContains(b, a)).toBe(false);
    expect(ipFamily('fd00::/8')).toBe(6);
    expect(ipFamily('x')).toBeUndefined();
    expect(formatCidr(parseCidr('10.1.2.3/8')!)).toBe('10.0.0.0/8');
    expect(formatCidr(parseCidr('2001:0db8:0000:0000:0001:0000:0000:0001/128')!)).toBe('2001:db8::1:0:0:1/128');
    expect(formatCidr(parseCidr('fd00:0:0:1::5/64')!)).toBe('fd00:0:0:1::/64');
    expect(formatCidr(parseCidr('::/0')!)).toBe('::/0');
  });
});

describe('ports and protocols', () => {
  test('parsePort', () => {
    expect(parsePort(80)).toEqual({ port: { min: 80, max: 80 } });
    expect(parsePort('80')).toEqual({ port: { min: 80, max: 80 } });
    expect(parsePort('30000:32767')).toEqual({ port: { min: 30000, max: 32767 } });
    expect(parsePort('http')).toEqual({ port: { name: 'http' } });
    expect(parsePort(0).error?.rule).toBe('calico.rule.port-range');
    expect(parsePort(65536).error?.rule).toBe('calico.rule.port-range');
    expect(parsePort('0:10').error?.rule).toBe('calico.rule.port-range');
    expect(parsePort('10:5').error?.rule).toBe('calico.rule.port-range');
    expect(parsePort('a:b').error?.rule).toBe('calico.rule.port-syntax');
    expect(parsePort(null).error?.rule).toBe('calico.rule.port-syntax');
    expect(parsePort('Http').error?.rule).toBe('calico.rule.port-name');
  });

  test.each(['http', 'h2c', 'metrics-9090', 'a', 'x-y-z', '123a'])('valid port name %s', (n) =>
    expect(isValidPortName(n)).toBe(true),
  );
  test.each(['', '123', '-http', 'http-', 'ht--tp', 'HTTP', 'http_alt', 'sixteen-chars-xx', 7])(
    'invalid port name %j',
    (n) => expect(isValidPortName(n)).toBe(false),
  );

  test('parseProtocol and supportsPorts', () => {
    expect(parseProtocol('TCP')).toEqual({ name: 'TCP' });
    expect(parseProtocol('6')).toEqual({ num: 6 });
    expect(parseProtocol(17)).toEqual({ num: 17 });
    expect(parseProtocol(300)).toBeUndefined();
    expect(parseProtocol({})).toBeUndefined();
    for (const p of ['TCP', 'UDP', 'SCTP', 6, 17, 132, '132']) expect(supportsPorts(parseProtocol(p))).toBe(true);
    for (const p of ['UDPLite', 'ICMP', 'ICMPv6', 1, 58, 136, 'tcp'])
      expect(supportsPorts(parseProtocol(p))).toBe(false);
  });
});

describe('names and metadata helpers', () => {
  test('DNS names', () => {
    expect(isDns1123Subdomain('a.b-c.d')).toBe(true);
    expect(isDns1123Subdomain('a'.repeat(254))).toBe(false);
    expect(isDns1123Subdomain('-a')).toBe(false);
    expect(isDns1123Subdomain('a..b')).toBe(false);
    expect(isDns1123Label('abc-1')).toBe(true);
    expect(isDns1123Label('a.b')).toBe(false);
    expect(isDns1123Label('a'.repeat(64))).toBe(false);
  });

  test('policy name formats', () => {
    expect(isGlobalNetworkPolicyName('allow')).toBe(true);
    expect(isGlobalNetworkPolicyName('tier.allow')).toBe(true);
    expect(isGlobalNetworkPolicyName('a.b.c')).toBe(false);
    expect(isNetworkPolicyName('a.b')).toBe(true);
    expect(isNetworkPolicyName('a.b.c')).toBe(false);
    expect(isNetworkPolicyName('knp.default.a.b.c')).toBe(true);
    expect(isNetworkPolicyName('ossg.default.x')).toBe(true);
    expect(isNetworkPolicyName('knp.other.a.b')).toBe(false);
  });

  test('qualified names and label values', () => {
    for (const k of ['app', 'App_Name', 'example.com/app', 'a.b/c-d.e', 'x'.repeat(63)])
      expect(isQualifiedName(k)).toBe(true);
    for (const k of [
      '',
      '/app',
      'example.com/',
      'Example.com/app',
      'a/b/c',
      '_app',
      'app_',
      'x'.repeat(64),
      `${'a'.repeat(254)}/x`,
    ]) {
      expect(isQualifiedName(k)).toBe(false);
    }
    for (const v of ['', 'a', 'a-b_c.d', 'v'.repeat(63)]) expect(isValidLabelValue(v)).toBe(true);
    for (const v of ['-a', 'a-', 'a b', 'v'.repeat(64), 5]) expect(isValidLabelValue(v)).toBe(false);
  });

  test('checkLabels / checkAnnotations return findings with paths', () => {
    expect(checkLabels({ ok: 'yes' })).toEqual([]);
    expect(checkLabels({ 'bad key': 'x' }).map((f) => f.rule)).toEqual(['calico.meta.label-key']);
    expect(checkLabels({ app: 'bad value' }, 'spec.labels')[0]).toMatchObject({
      path: 'spec.labels.app',
      rule: 'calico.meta.label-value',
    });
    expect(checkLabels('nope')[0].rule).toBe('calico.field.type');
    expect(checkLabels({ app: 5 })[0].rule).toBe('calico.field.type');
    expect(checkAnnotations({ 'Example.COM/Note': 'x' })).toEqual([]);
    expect(checkAnnotations({ 'a b': 'x' })[0].rule).toBe('calico.meta.annotation-key');
  });
});

describe('durations, regexes and BGP helpers', () => {
  test.each(['0', '5m', '1h30m', '1.5s', '-2m', '+3h', '300ms', '10us', '10µs', '.5s', '5.s'])('Go duration %s', (d) =>
    expect(isGoDuration(d)).toBe(true),
  );
  test.each(['', '5', '5 m', '1d', 'm', '1h-5m', '.s', '-', 'forever', 5])('not a Go duration %j', (d) =>
    expect(isGoDuration(d)).toBe(false),
  );
  test('duration value', () => {
    expect(parseGoDuration('1h30m')).toBe(5400);
    expect(parseGoDuration('-90s')).toBe(-90);
  });

  test('Go regexes', () => {
    for (const p of [
      '^eth[0-9]+$',
      '(?i)ETH',
      '(?P<n>x)',
      '\\Aeth\\z',
      '[[:alpha:]]+',
      '\\pL',
      '\\Q.*\\E',
      'a{2,1000}',
    ])
      expect(goRegexError(p)).toBeUndefined();
    for (const p of ['(', '[a-', 'a{1001}', '(?=x)', '(?<!x)y', '(a)\\1', '*a']) expect(goRegexError(p)).toBeDefined();
  });

  test('communities, AS numbers, peer IPs and interfaces', () => {
    expect(communityLiteral('65535:65535')).toBe('ok');
    expect(communityLiteral('65536:1')).toBe('range');
    expect(communityLiteral('4294967295:0:1')).toBe('ok');
    expect(communityLiteral('4294967296:0:1')).toBe('range');
    expect(communityLiteral('no-export')).toBe('format');
    expect(isValidAsNumber(64512)).toBe(true);
    expect(isValidAsNumber('1.10')).toBe(true);
    expect(isValidAsNumber(-1)).toBe(false);
    expect(isValidAsNumber(1.5)).toBe(false);
    expect(parsePeerIp('192.0.2.1')).toEqual({ ip: '192.0.2.1', port: undefined, family: 4 });
    expect(parsePeerIp('192.0.2.1:1790')).toEqual({ ip: '192.0.2.1', port: 1790, family: 4 });
    expect(parsePeerIp('[fd00::1]:179')).toEqual({ ip: 'fd00::1', port: 179, family: 6 });
    expect(parsePeerIp('fd00::1')).toMatchObject({ family: 6 });
    expect(parsePeerIp('[fd00::1]')).toBeUndefined();
    expect(parsePeerIp('192.0.2.1:70000')).toBeUndefined();
    expect(isValidInterfaceName('*')).toBe(true);
    expect(isValidInterfaceName('vxlan.calico')).toBe(true);
    expect(isValidInterfaceName('wireguard.cali')).toBe(true);
    expect(isValidInterfaceName('a'.repeat(16))).toBe(false);
    expect(isValidInterfaceName('eth 0')).toBe(false);
  });
});

// The Kubernetes CEL extension functions, evaluated through compileCelExpression.
import { compileCelExpression } from '../../../lib/validation';

function evaluate(expr: string, self: unknown = {}): unknown {
  const c = compileCelExpression(expr);
  if (!c.program) {
    throw new Error(`does not compile: ${expr}: ${c.error}`);
  }
  return c.program({ self: self as any });
}

function isError(v: unknown): boolean {
  return v instanceof Error;
}

describe('standard library and strings extension', () => {
  test.each([
    ["'abc'.startsWith('a') && 'abc'.endsWith('c') && 'abc'.contains('b')", true],
    ["'Hello'.lowerAscii() == 'hello' && 'a'.upperAscii() == 'A'", true],
    ["'a,b,c'.split(',').size() == 3 && 'a,b,c'.split(',')[1] == 'b'", true],
    ["'abcabc'.indexOf('c') == 2 && 'abcabc'.lastIndexOf('c') == 5", true],
    ["' x '.trim() == 'x' && 'abc'.substring(1) == 'bc' && 'aXa'.replace('X', 'b') == 'aba'", true],
    ["['a', 'b'].join('-') == 'a-b'", true],
    ["'%s-%d'.format(['a', 1]) == 'a-1'", true],
    ["'x1'.matches('^x[0-9]$')", true],
    ['[1, 2, 3].all(x, x > 0) && [1, 2].exists(x, x == 2) && [1, 2].exists_one(x, x == 2)', true],
    ['[1, 2, 3].map(x, x * 2) == [2, 4, 6] && [1, 2, 3].filter(x, x > 1) == [2, 3]', true],
  ])('%s', (expr, expected) => {
    expect(evaluate(expr)).toBe(expected);
  });
});

describe('Kubernetes list library', () => {
  test.each([
    ['[1, 2, 3].isSorted() && !["b", "a"].isSorted()', true],
    ['[1, 2, 3].sum() == 6 && [1.5, 2.5].sum() == 4.0 && [].sum() == 0', true],
    ['[3, 1, 2].min() == 1 && [3, 1, 2].max() == 3', true],
    ['[1, 2, 3, 2].indexOf(2) == 1 && [1, 2, 3, 2].lastIndexOf(2) == 3 && [1].indexOf(5) == -1', true],
  ])('%s', (expr, expected) => {
    expect(evaluate(expr)).toBe(expected);
  });

  test('min of an empty list is an error', () => {
    expect(isError(evaluate('[].min()'))).toBe(true);
  });
});

describe('Kubernetes regex library', () => {
  test.each([
    ["'abc 123 def 456'.find('[0-9]+') == '123'", true],
    ["'abc'.find('[0-9]+') == ''", true],
    ["'abc 123 def 456'.findAll('[0-9]+') == ['123', '456']", true],
    ["'a1b2c3'.findAll('[0-9]', 2) == ['1', '2']", true],
    ["'ABC'.find('(?i)b') == 'B'", true],
  ])('%s', (expr, expected) => {
    expect(evaluate(expr)).toBe(expected);
  });
});

describe('sets extension', () => {
  test.each([
    ['sets.contains([1, 2, 3], [2, 3]) && !sets.contains([1], [2])', true],
    ['sets.equivalent([1, 2], [2, 1, 1]) && !sets.equivalent([1], [1, 2])', true],
    ['sets.intersects([1, 2], [2, 5]) && !sets.intersects([1], [3])', true],
  ])('%s', (expr, expected) => {
    expect(evaluate(expr)).toBe(expected);
  });
});

describe('Kubernetes IP and CIDR libraries', () => {
  test.each([
    [
      "isIP('10.0.0.1') && isIP('fd00::1') && !isIP('10.0.0.256') && !isIP('010.0.0.1') && !isIP('::ffff:10.0.0.1') && !isIP('fe80::1%eth0')",
      true,
    ],
    ["ip('10.0.0.1').family() == 4 && ip('2001:db8::1').family() == 6", true],
    ["ip('::1') == ip('0:0:0:0:0:0:0:1') && string(ip('2001:DB8:0:0:0:0:0:1')) == '2001:db8::1'", true],
    ["ip.isCanonical('2001:db8::1') && !ip.isCanonical('2001:DB8::1')", true],
    ["ip('127.0.0.1').isLoopback() && ip('::1').isLoopback() && ip('0.0.0.0').isUnspecified()", true],
    [
      "ip('169.254.1.1').isLinkLocalUnicast() && ip('fe80::1').isLinkLocalUnicast() && ip('224.0.0.1').isLinkLocalMulticast()",
      true,
    ],
    ["ip('8.8.8.8').isGlobalUnicast() && !ip('255.255.255.255').isGlobalUnicast()", true],
    ["isCIDR('10.0.0.0/8') && isCIDR('10.1.2.3/8') && !isCIDR('10.0.0.0/33') && !isCIDR('10.0.0.0')", true],
    ["cidr('10.0.0.0/8').containsIP('10.1.2.3') && !cidr('10.0.0.0/8').containsIP(ip('11.0.0.1'))", true],
    ["cidr('10.0.0.0/8').containsCIDR('10.1.0.0/16') && !cidr('10.1.0.0/16').containsCIDR('10.0.0.0/8')", true],
    ["cidr('10.1.2.3/8').masked() == cidr('10.0.0.0/8') && cidr('10.1.2.3/8').ip() == ip('10.1.2.3')", true],
    ["cidr('fd00::/64').prefixLength() == 64 && string(cidr('fd00:0::/64')) == 'fd00::/64'", true],
  ])('%s', (expr, expected) => {
    expect(evaluate(expr)).toBe(expected);
  });

  test('parsing an invalid address is an error', () => {
    expect(isError(evaluate("ip('nope')"))).toBe(true);
    expect(isError(evaluate("cidr('10.0.0.0/40')"))).toBe(true);
  });

  test('IP methods on a plain map are errors, not crashes', () => {
    expect(isError(evaluate('self.family()', { a: 1 }))).toBe(true);
  });
});

describe('Kubernetes URL library', () => {
  test.each([
    ["isURL('https://example.com:8443/a/b?x=1&x=2') && !isURL('not a url') && isURL('/relative/path')", true],
    ["url('https://example.com:8443/a/b').getScheme() == 'https'", true],
    ["url('https://example.com:8443/a/b').getHost() == 'example.com:8443'", true],
    ["url('https://[::1]:80/').getHostname() == '::1' && url('https://example.com:8443/').getPort() == '8443'", true],
    ["url('https://example.com/a%20b').getEscapedPath() == '/a%20b'", true],
    ["url('https://example.com/?x=1&x=2&y=3').getQuery() == {'x': ['1', '2'], 'y': ['3']}", true],
  ])('%s', (expr, expected) => {
    expect(evaluate(expr)).toBe(expected);
  });
});

describe('Kubernetes quantity library', () => {
  test.each([
    [
      "isQuantity('100m') && isQuantity('1Gi') && isQuantity('1e3') && !isQuantity('1.2.3') && !isQuantity('10Gb')",
      true,
    ],
    ["quantity('1') == quantity('1000m') && quantity('1Ki') == quantity('1024')", true],
    ["quantity('1.5').isGreaterThan(quantity('1')) && quantity('500m').isLessThan(quantity('1'))", true],
    ["quantity('1Gi').compareTo(quantity('1G')) == 1 && quantity('1k').compareTo(quantity('1000')) == 0", true],
    [
      "quantity('2').asInteger() == 2 && quantity('1500m').isInteger() == false && quantity('1500m').asApproximateFloat() == 1.5",
      true,
    ],
    ["quantity('-1').sign() == -1 && quantity('0').sign() == 0", true],
    ["quantity('1').add(quantity('500m')) == quantity('1.5') && quantity('2').sub(1) == quantity('1')", true],
  ])('%s', (expr, expected) => {
    expect(evaluate(expr)).toBe(expected);
  });

  test('asInteger of a fraction is an error', () => {
    expect(isError(evaluate("quantity('1500m').asInteger()"))).toBe(true);
  });
});

describe('Kubernetes semver library', () => {
  test.each([
    ["isSemver('1.2.3') && !isSemver('v1.2.3') && isSemver('v1.2', true)", true],
    ["semver('1.2.3').major() == 1 && semver('1.2.3').minor() == 2 && semver('1.2.3').patch() == 3", true],
    ["semver('1.10.0').isGreaterThan(semver('1.9.0')) && semver('1.0.0-alpha').isLessThan(semver('1.0.0'))", true],
    ["semver('1.0.0').compareTo(semver('1.0.0+build.1')) == 0", true],
  ])('%s', (expr, expected) => {
    expect(evaluate(expr)).toBe(expected);
  });
});

describe('compilation', () => {
  test('syntax errors and unknown functions do not compile; the result is cached per text', () => {
    expect(compileCelExpression('self.a +').error).toBeDefined();
    expect(compileCelExpression('frobnicate(self)').error).toMatch(/frobnicate/);
    expect(compileCelExpression("'a'.frobnicate()").error).toMatch(/frobnicate/);
    expect(compileCelExpression('other.x == 1').error).toMatch(/undeclared reference to 'other'/);
    expect(compileCelExpression('self.all(x, x > 0)').error).toBeUndefined();
    expect(compileCelExpression('self == oldSelf').usesOldSelf).toBe(true);
    expect(compileCelExpression('size(self) > 0')).toBe(compileCelExpression('size(self) > 0'));
  });
});

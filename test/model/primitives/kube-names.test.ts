// The one home of Kubernetes name syntax against apimachinery's own test vectors
// (k8s.io/apimachinery/pkg/util/validation/validation_test.go: TestIsDNS1123Label, TestIsDNS1123Subdomain,
// TestIsDNS1035Label, TestIsQualifiedName, TestIsValidLabelValue, TestIsValidPortName).
import {
  ianaSvcNameErrors,
  isDns1035Label,
  isDns1123Label,
  isDns1123Subdomain,
  isQualifiedName,
  isValidLabelValue,
  isValidPortName,
  qualifiedNameErrors,
} from '../../../lib/model/primitives';

const a = (n: number) => 'a'.repeat(n);

const LABEL_GOOD = ['a', 'ab', 'abc', 'a1', 'a-1', 'a--1--2--b', '0', '01', '012', '1a', '1-a', '1--a--b--2', a(63)];
const LABEL_BAD = [
  '',
  'A',
  'ABC',
  'aBc',
  'A1',
  'A-1',
  '1-A',
  '-',
  'a-',
  '-a',
  '1-',
  '-1',
  '_',
  'a_',
  '_a',
  'a_b',
  '1_',
  '_1',
  '1_2',
  '.',
  'a.',
  '.a',
  'a.b',
  '1.',
  '.1',
  '1.2',
  ' ',
  'a ',
  ' a',
  'a b',
  '1 ',
  ' 1',
  '1 2',
  a(64),
];

describe('isDns1123Label (IsDNS1123Label)', () => {
  test.each(LABEL_GOOD.map((s) => [s]))('accepts %j', (s) => expect(isDns1123Label(s)).toBe(true));
  test.each(LABEL_BAD.map((s) => [s]))('refuses %j', (s) => expect(isDns1123Label(s)).toBe(false));
  test('refuses non-strings', () => {
    expect([undefined, null, 1, {}].map(isDns1123Label)).toEqual([false, false, false, false]);
  });
});

describe('isDns1123Subdomain (IsDNS1123Subdomain)', () => {
  const good = [
    ...LABEL_GOOD.slice(0, -1),
    'a.a',
    'ab.a',
    'a--1--2--b.a',
    'a.1',
    '0.a',
    '01.a',
    'a.b.c.d.e',
    '1.2.3.4.5',
    '11.22.33.44.55',
    a(253),
    `${a(63)}.${a(63)}`,
  ];
  const bad = [
    '',
    'A',
    '-',
    'a-',
    '-a',
    '_',
    '.',
    'a.',
    '.a',
    'a..b',
    '1..2',
    ' ',
    'a b',
    'A.a',
    'aB.a',
    'ab.A',
    '0.A',
    'A.B.C.D.E',
    'a.B.c.d.e',
    'a@b',
    'a,b',
    'a_b',
    'a;b',
    'a:b',
    'a%b',
    'a?b',
    'a$b',
    a(254),
  ];
  test.each(good.map((s) => [s]))('accepts %j', (s) => expect(isDns1123Subdomain(s)).toBe(true));
  test.each(bad.map((s) => [s]))('refuses %j', (s) => expect(isDns1123Subdomain(s)).toBe(false));
});

describe('isDns1035Label (IsDNS1035Label)', () => {
  const good = ['a', 'ab', 'abc', 'a1', 'a-1', 'a--1--2--b', a(63)];
  const bad = ['0', '01', '012', '1a', '1-a', '1--a--b--2', '', 'A', 'aBc', '-', 'a-', 'a_b', 'a.b', a(64)];
  test.each(good.map((s) => [s]))('accepts %j', (s) => expect(isDns1035Label(s)).toBe(true));
  test.each(bad.map((s) => [s]))('refuses %j', (s) => expect(isDns1035Label(s)).toBe(false));
});

describe('isQualifiedName (IsQualifiedName)', () => {
  const good = [
    'simple',
    'now-with-dashes',
    '1-starts-with-num',
    '1234',
    'simple/simple',
    'now-with-dashes/simple',
    'now.with.dots/simple',
    'now-with.dashes-and.dots/simple',
    '1-num.2-num/3-num',
    '1234/5678',
    '1.2.3.4/5678',
    'Uppercase_Is_OK_123',
    'example.com/Uppercase_Is_OK_123',
    'requests.storage-foo',
    a(63),
    `${a(253)}/${'b'.repeat(63)}`,
  ];
  const bad = [
    'nospecialchars%^=@',
    'cantendwithadash-',
    '-cantstartwithadash-',
    'only/one/slash',
    'Example.com/abc',
    'example_com/abc',
    'example.com/',
    '/simple',
    a(64),
    `${a(254)}/abc`,
  ];
  test.each(good.map((s) => [s]))('accepts %j', (s) => expect(isQualifiedName(s)).toBe(true));
  test.each(bad.map((s) => [s]))('refuses %j', (s) => expect(isQualifiedName(s)).toBe(false));
  test('names the failing part, as upstream does', () => {
    expect(qualifiedNameErrors('/simple')).toEqual(['prefix part must be non-empty']);
    expect(qualifiedNameErrors('example.com/')).toEqual(['name part must be non-empty']);
    expect(qualifiedNameErrors(a(64))).toEqual(['name part must be no more than 63 characters']);
  });
});

describe('isValidLabelValue (IsValidLabelValue)', () => {
  const good = [
    'simple',
    'now-with-dashes',
    '1-starts-with-num',
    'end-with-num-1',
    '1234',
    a(63),
    '',
    'A',
    'AbC',
    'Upper-Case',
    'UPPER_UNDERSCORE',
    'a.b',
  ];
  const bad = [
    'nospecialchars%^=@',
    'Tama-nui-te-rā.is.Māori.sun',
    '\\backslashes\\are\\bad',
    '-starts-with-dash',
    'ends-with-dash-',
    '.starts.with.dot',
    'ends.with.dot.',
    a(64),
  ];
  test.each(good.map((s) => [s]))('accepts %j', (s) => expect(isValidLabelValue(s)).toBe(true));
  test.each(bad.map((s) => [s]))('refuses %j', (s) => expect(isValidLabelValue(s)).toBe(false));
});

describe('isValidPortName (IsValidPortName, IANA_SVC_NAME)', () => {
  const good = ['telnet', 're-mail-ck', 'pop3', 'a', 'a-1', '1-a', 'a-1-b-2-c', '1-a-2-b-3', a(15)];
  const bad = ['longerthan15characters', '', a(16), '12345', '1-2-3-4', '-begin', 'end-', 'two--hyphens', 'whois++'];
  test.each(good.map((s) => [s]))('accepts %j', (s) => expect(isValidPortName(s)).toBe(true));
  test.each(bad.map((s) => [s]))('refuses %j', (s) => expect(isValidPortName(s)).toBe(false));
  test('upstream messages, in upstream order', () => {
    expect(ianaSvcNameErrors('1-2')).toEqual(['must contain at least one letter (a-z)']);
    expect(ianaSvcNameErrors('whois++')).toEqual([
      'must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)',
    ]);
    expect(ianaSvcNameErrors('-a--')).toEqual([
      'must not contain consecutive hyphens',
      'must not begin or end with a hyphen',
    ]);
  });
});

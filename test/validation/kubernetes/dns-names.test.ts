import {
  configMapKeyErrors,
  dns1035LabelErrors,
  dns1123LabelErrors,
  dns1123SubdomainErrors,
  nameIsDns1035Label,
  nameIsDnsLabel,
  nameIsDnsSubdomain,
  nameIsPathSegment,
  suggestName,
  portNumErrors,
} from '../../../lib/model/primitives/kube-name-errors';

// Truth tables of apimachinery's name functions (pkg/util/validation): value → number of messages.
const L63 = 'a'.repeat(63);
const DASH_AT_63 = `${'a'.repeat(62)}-${'b'.repeat(10)}`; // too long, but the pattern itself is fine

describe('IsDNS1123Label', () => {
  test.each([
    ['a', 0],
    ['my-name', 0],
    ['123-abc', 0],
    [L63, 0],
    ['', 1],
    ['A', 1],
    ['a.b', 1],
    ['-a', 1],
    ['a-', 1],
    ['a_b', 1],
    [`${L63}a`, 1],
    [DASH_AT_63, 1],
    [`${L63}_`, 2],
  ])('%j → %d message(s)', (value, n) => {
    expect(dns1123LabelErrors(value)).toHaveLength(n);
  });
  test('a long value with a bad character gets both messages', () => {
    expect(dns1123LabelErrors(`${'a'.repeat(40)}_${'a'.repeat(40)}`)).toEqual([
      'must be no more than 63 characters',
      expect.stringContaining('RFC 1123 label'),
    ]);
  });
});

describe('IsDNS1123Subdomain', () => {
  test.each([
    ['example.com', 0],
    ['a', 0],
    ['a-b.c-d', 0],
    [`${L63}a.b`, 0],
    ['a'.repeat(253), 0],
    ['', 1],
    ['a..b', 1],
    ['.a', 1],
    ['a.', 1],
    ['Example.com', 1],
    ['a_b', 1],
    ['a'.repeat(254), 1],
    [`${'a'.repeat(254)}_`, 2],
  ])('%j → %d message(s)', (value, n) => {
    expect(dns1123SubdomainErrors(value)).toHaveLength(n);
  });
});

describe('IsDNS1035Label', () => {
  test.each([
    ['web', 0],
    ['w-1', 0],
    ['1web', 1],
    ['web.api', 1],
    ['Web', 1],
    [`w${L63}`, 1],
  ])('%j → %d message(s)', (value, n) => {
    expect(dns1035LabelErrors(value)).toHaveLength(n);
  });
});

describe('name functions', () => {
  test('a generateName prefix may end in a dash', () => {
    expect(nameIsDnsSubdomain('web-', true)).toEqual([]);
    expect(nameIsDnsSubdomain('web-', false)).toHaveLength(1);
  });
  test.each([
    ['reader', []],
    ['system:aggregate-to-admin', []],
    ['.', ["may not be '.'"]],
    ['..', ["may not be '..'"]],
    ['a/b', ["may not contain '/'"]],
    ['a%b', ["may not contain '%'"]],
    ['a/%', ["may not contain '/'", "may not contain '%'"]],
  ])('path segment %j', (value, messages) => {
    expect(nameIsPathSegment(value, false)).toEqual(messages);
  });
  test.each([
    [1, 0],
    [65535, 0],
    [0, 1],
    [65536, 1],
    [-1, 1],
  ])('port %d → %d message(s)', (port, n) => {
    expect(portNumErrors(port)).toHaveLength(n);
  });
  test.each([
    ['key.name', 0],
    ['KEY_NAME', 0],
    ['key-name', 0],
    ['.env', 0],
    ['a..b', 0],
    ['.', 1],
    ['..', 1],
    ['..data', 1],
    ['a/b', 1],
    ['', 1],
    ['a b', 1],
  ])('config key %j → %d message(s)', (key, n) => {
    expect(configMapKeyErrors(key)).toHaveLength(n);
  });
});

describe('suggestName', () => {
  test.each([
    ['Bad_Name', nameIsDnsSubdomain, 'bad-name'],
    ['My..App__', nameIsDnsSubdomain, 'my.app'],
    ['Team A', nameIsDnsLabel, 'team-a'],
    ['team.a', nameIsDnsLabel, 'team-a'],
    ['1web', nameIsDns1035Label, 'x-1web'],
    ['___', nameIsDnsSubdomain, undefined],
  ])('%j → %j', (name, fn, expected) => {
    expect(suggestName(name, fn)).toBe(expected);
  });
});

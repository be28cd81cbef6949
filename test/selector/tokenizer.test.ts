import { tokenize } from '../../lib/selector/tokenizer';
import { SelectorSyntaxError } from '../../lib/selector';

type Expected = ReadonlyArray<readonly [string, string?]>;

/** Upstream tokenizer_test.go table (kinds renamed), plus extra cases. */
const TOKEN_CASES: ReadonlyArray<readonly [string, Expected]> = [
  ['a=="b"', [['label', 'a'], ['eq'], ['string', 'b'], ['eof']]],
  ['label == "value"', [['label', 'label'], ['eq'], ['string', 'value'], ['eof']]],
  ['label contains "value"', [['label', 'label'], ['contains'], ['string', 'value'], ['eof']]],
  ['contains contains "contains"', [['label', 'contains'], ['contains'], ['string', 'contains'], ['eof']]],
  ["contains contains 'contains'", [['label', 'contains'], ['contains'], ['string', 'contains'], ['eof']]],
  ['label contains"value"', [['label', 'label'], ['contains'], ['string', 'value'], ['eof']]],
  ['label startswith "value"', [['label', 'label'], ['startsWith'], ['string', 'value'], ['eof']]],
  ['label endswith "value"', [['label', 'label'], ['endsWith'], ['string', 'value'], ['eof']]],
  ['label starts with "value"', [['label', 'label'], ['startsWith'], ['string', 'value'], ['eof']]],
  ['startswith starts with "value"', [['label', 'startswith'], ['startsWith'], ['string', 'value'], ['eof']]],
  ['label ends with "value"', [['label', 'label'], ['endsWith'], ['string', 'value'], ['eof']]],
  ['endswith ends with "value"', [['label', 'endswith'], ['endsWith'], ['string', 'value'], ['eof']]],
  ['label starts  with "value"', [['label', 'label'], ['startsWith'], ['string', 'value'], ['eof']]],
  ['label ends  with "value"', [['label', 'label'], ['endsWith'], ['string', 'value'], ['eof']]],
  ['label starts\twith "value"', [['label', 'label'], ['startsWith'], ['string', 'value'], ['eof']]],
  [
    'a not in "bar" && !has(foo) || b in c',
    [
      ['label', 'a'],
      ['notIn'],
      ['string', 'bar'],
      ['and'],
      ['not'],
      ['has', 'foo'],
      ['or'],
      ['label', 'b'],
      ['in'],
      ['label', 'c'],
      ['eof'],
    ],
  ],
  ['has(calico/k8s_ns)', [['has', 'calico/k8s_ns'], ['eof']]],
  ['has(calico/k8s_ns/role)', [['has', 'calico/k8s_ns/role'], ['eof']]],
  ['has(calico/k8s_NS-.1/role)', [['has', 'calico/k8s_NS-.1/role'], ['eof']]],
  [
    'calico/k8s_ns == "kube-system" && k8s-app == "kube-dns"',
    [
      ['label', 'calico/k8s_ns'],
      ['eq'],
      ['string', 'kube-system'],
      ['and'],
      ['label', 'k8s-app'],
      ['eq'],
      ['string', 'kube-dns'],
      ['eof'],
    ],
  ],
  [
    'a  not  in  "bar"  &&  ! has( foo )  ||  b  in  c ',
    [
      ['label', 'a'],
      ['notIn'],
      ['string', 'bar'],
      ['and'],
      ['not'],
      ['has', 'foo'],
      ['or'],
      ['label', 'b'],
      ['in'],
      ['label', 'c'],
      ['eof'],
    ],
  ],
  [
    'a notin"bar"&&!has(foo)||b in"c"',
    [
      ['label', 'a'],
      ['notIn'],
      ['string', 'bar'],
      ['and'],
      ['not'],
      ['has', 'foo'],
      ['or'],
      ['label', 'b'],
      ['in'],
      ['string', 'c'],
      ['eof'],
    ],
  ],
  ['a not in {}', [['label', 'a'], ['notIn'], ['lbrace'], ['rbrace'], ['eof']]],
  ['a not in {"a"}', [['label', 'a'], ['notIn'], ['lbrace'], ['string', 'a'], ['rbrace'], ['eof']]],
  [
    'a not in {"a","B"}',
    [['label', 'a'], ['notIn'], ['lbrace'], ['string', 'a'], ['comma'], ['string', 'B'], ['rbrace'], ['eof']],
  ],
  ['global()', [['global'], ['eof']]],
  ['all()', [['all'], ['eof']]],
  ['all( \t)', [['all'], ['eof']]],
  ['global( )', [['global'], ['eof']]],
  ['has(\ta\t)', [['has', 'a'], ['eof']]],
  ['has (a)', [['label', 'has'], ['lparen'], ['label', 'a'], ['rparen'], ['eof']]],
  ['a != "x"', [['label', 'a'], ['ne'], ['string', 'x'], ['eof']]],
  ['!a', [['not'], ['label', 'a'], ['eof']]],
  ['a == "x\ny"', [['label', 'a'], ['eq'], ['string', 'x\ny'], ['eof']]],
  ['a == \'say "hi"\'', [['label', 'a'], ['eq'], ['string', 'say "hi"'], ['eof']]],
  ['', [['eof']]],
  [' \t ', [['eof']]],
];

const TOKEN_ERRORS: ReadonlyArray<readonly [string, number, string]> = [
  ['label starts foo "value"', 6, 'expected operator'],
  ['label ends foo "value"', 6, 'expected operator'],
  ['label squiggles "value"', 6, 'expected operator'],
  ['a containsx "y"', 2, 'expected operator'],
  ['a inx {}', 2, 'expected operator'],
  ['a not inx {}', 2, 'expected operator'],
  ['a not in x', 2, 'expected operator'],
  ['a = "x"', 2, 'expected =='],
  ['a & b', 2, 'expected &&'],
  ['a | b', 2, 'expected ||'],
  ['"abc', 0, 'unterminated string'],
  ["x == 'abc", 5, 'unterminated string'],
  ['%', 0, 'expected identifier'],
  ['\n', 0, 'expected identifier'],
  ['has()', 4, 'no label name'],
  ['has(a', 5, "no closing ')' after has("],
  ['all(a)', 4, "no closing ')' after all("],
  ['global(a)', 7, "no closing ')' after global("],
];

describe('tokenizer (upstream tokenizer_test.go table)', () => {
  test.each(TOKEN_CASES)('tokenizes %j', (input, expected) => {
    const got = tokenize(input).map((t) => (t.value === '' ? [t.kind] : [t.kind, t.value]));
    expect(got).toEqual(expected.map((e) => (e[1] === undefined ? [e[0]] : [e[0], e[1]])));
  });

  test.each(TOKEN_ERRORS)('rejects %j at offset %d', (input, offset, reason) => {
    let caught: unknown;
    try {
      tokenize(input);
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(SelectorSyntaxError);
    const err = caught as SelectorSyntaxError;
    expect(err.offset).toBe(offset);
    expect(err.reason).toContain(reason);
  });

  test('token spans cover the source text', () => {
    const text = 'a  not  in {"x" , \'y\'} && !has( b )';
    const slices = tokenize(text).map((t) => text.slice(t.start, t.end));
    expect(slices).toEqual(['a', 'not  in', '{', '"x"', ',', "'y'", '}', '&&', '!', 'has( b )', '']);
  });
});

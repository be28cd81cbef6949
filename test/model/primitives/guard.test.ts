import { App, Chart } from 'cdk8s';
import {
  boundaryError,
  closest,
  describeValue,
  guardArray,
  guardBoolean,
  guardEnum,
  guardInteger,
  guardKnownKeys,
  guardNumber,
  guardScope,
  guardString,
  guardStringMap,
  rehome,
  withField,
} from '../../../lib/model/primitives/guard';

enum Mode {
  LOCAL = 'Local',
  CLUSTER = 'Cluster',
}

function messageOf(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(Error);
    expect(e).not.toBeInstanceOf(TypeError);
    return (e as Error).message;
  }
  throw new Error('expected a throw');
}

describe('describeValue', () => {
  test.each([
    [undefined, 'undefined'],
    [null, 'null'],
    [NaN, 'NaN'],
    [Infinity, 'Infinity'],
    [1.5, '1.5'],
    ['', 'an empty string'],
    ['abc', 'the string "abc"'],
    [[1, 2], 'an array (2 items)'],
    [{}, 'an empty object'],
    [{ a: 1 }, 'an object {a}'],
    [new Date(0), 'a Date'],
    [true, 'true'],
  ])('%p reads %s', (value, text) => {
    expect(describeValue(value)).toBe(text);
  });
});

describe('guards', () => {
  test('integer: NaN, Infinity, fractions, numeric strings and range', () => {
    expect(guardInteger(22, 'Port.tcp', 'port', { min: 1, max: 65535 })).toBe(22);
    expect(messageOf(() => guardInteger(NaN, 'Port.tcp', 'port', { min: 1, max: 65535 }))).toBe(
      '[Port.tcp] port: expected an integer 1-65535, got NaN; fix: pass an integer 1-65535',
    );
    expect(messageOf(() => guardInteger(Infinity, 'W', 'f'))).toContain('got Infinity');
    expect(messageOf(() => guardInteger(1.5, 'W', 'f'))).toContain('got 1.5');
    expect(messageOf(() => guardInteger('22', 'W', 'f'))).toContain('fix: pass the number 22, not a string');
    expect(messageOf(() => guardInteger(70000, 'W', 'f', { max: 65535 }))).toContain(
      'expected an integer <= 65535, got 70000',
    );
  });

  test('number refuses non-finite values', () => {
    expect(guardNumber(0.5, 'W', 'f')).toBe(0.5);
    expect(messageOf(() => guardNumber(-Infinity, 'W', 'f'))).toContain('got -Infinity');
  });

  test('string: empty, wrong type, pattern and length', () => {
    expect(guardString('a', 'W', 'f')).toBe('a');
    expect(guardString('', 'W', 'f', { allowEmpty: true })).toBe('');
    expect(messageOf(() => guardString('', 'W', 'f'))).toBe(
      '[W] f: expected a non-empty string, got an empty string; fix: pass a non-empty string',
    );
    expect(messageOf(() => guardString(3, 'W', 'f'))).toContain('got 3');
    expect(
      messageOf(() => guardString('B', 'W', 'f', { pattern: /^[a-z]+$/, expected: 'a lowercase word' })),
    ).toContain('expected a lowercase word');
    expect(messageOf(() => guardString('abcd', 'W', 'f', { maxLength: 3 }))).toContain('at most 3 characters');
  });

  test('boolean: the strings "true" and "false" are refused with a hint', () => {
    expect(guardBoolean(false, 'W', 'f')).toBe(false);
    expect(messageOf(() => guardBoolean('true', 'W', 'f'))).toContain('fix: pass the boolean true, not a string');
    expect(messageOf(() => guardBoolean(1, 'W', 'f'))).toContain('fix: pass true or false');
  });

  test('enum: case-sensitive, did-you-mean for case slips, list otherwise', () => {
    expect(guardEnum('Local', Mode, 'W', 'policy', { enumName: 'Mode' })).toBe(Mode.LOCAL);
    expect(messageOf(() => guardEnum('local', Mode, 'W', 'policy', { enumName: 'Mode' }))).toContain(
      'fix: did you mean Mode.LOCAL "Local"? values are case-sensitive',
    );
    expect(messageOf(() => guardEnum('nope', Mode, 'W', 'policy', { enumName: 'Mode' }))).toContain(
      'use one of Mode.LOCAL ("Local"), Mode.CLUSTER ("Cluster")',
    );
    expect(messageOf(() => guardEnum('x', ['a', 'b'] as const, 'W', 'f'))).toContain('expected one of "a", "b"');
  });

  test('array: a string is never split into characters', () => {
    expect(guardArray(['a'], 'W', 'f', (v, f) => guardString(v, 'W', f))).toEqual(['a']);
    expect(messageOf(() => guardArray('10.0.0.0/8', 'W', 'sshFrom', (v) => v))).toContain(
      'fix: wrap it in a list: ["10.0.0.0/8"]',
    );
    expect(messageOf(() => guardArray([1, 'b'], 'W', 'names', (v, f) => guardString(v, 'W', f)))).toContain(
      '[W] names[0]: expected a non-empty string, got 1',
    );
    expect(messageOf(() => guardArray([], 'W', 'f', (v) => v, { minLength: 1 }))).toContain('at least 1 item');
  });

  test('string map: non-string values name their key', () => {
    expect(messageOf(() => guardStringMap({ a: 1 }, 'W', 'labels'))).toContain(
      '[W] labels.a: expected a string, got 1',
    );
  });

  test('known keys: a misspelt prop is refused with did-you-mean', () => {
    expect(() => guardKnownKeys({ sshFrom: [] }, ['sshFrom'], 'W')).not.toThrow();
    expect(messageOf(() => guardKnownKeys({ sshFom: [] }, ['sshFrom', 'kubernetes'], 'W', 'baseline'))).toBe(
      '[W] baseline.sshFom: unknown property; fix: did you mean "sshFrom"?',
    );
    expect(closest('xyz', ['sshFrom'])).toBeUndefined();
  });

  test('scope: not a construct, or no id, before super can throw a TypeError', () => {
    const chart = new Chart(new App(), 'Test');
    expect(guardScope(chart, 'Pool', 'SecuredNodePool')).toBe(chart);
    expect(messageOf(() => guardScope({}, 'Pool', 'SecuredNodePool'))).toContain(
      '[SecuredNodePool Pool] scope: expected a Construct',
    );
    expect(messageOf(() => guardScope(chart, '', 'SecuredNodePool'))).toContain(
      '[Test] id: expected a non-empty construct id',
    );
  });
});

describe('re-homing a value helper error under a construct prop', () => {
  test('a guard error keeps its detail and takes the construct path and prop', () => {
    const inner = boundaryError('Peer.nets', 'cidrs[1]', 'expected a CIDR, got "x"; fix: add /32');
    const outer = rehome(inner, 'Test/Pool', 'baseline.sshFrom') as Error;
    expect(outer.message).toBe('[Test/Pool] baseline.sshFrom[1]: expected a CIDR, got "x"; fix: add /32');
  });

  test('an older message is kept whole, prefixed, and gets a fix if it had none', () => {
    expect(
      messageOf(() =>
        withField('Test/Pool', 'podCidrs', () => {
          throw new Error('bad CIDR');
        }),
      ),
    ).toBe('[Test/Pool] podCidrs: bad CIDR; fix: correct podCidrs');
  });

  test('faults of the library code (TypeError) are never re-worded', () => {
    const fault = new TypeError('x is not a function');
    expect(rehome(fault, 'W', 'f')).toBe(fault);
  });
});

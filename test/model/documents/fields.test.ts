// The one field kit (lib/model/documents/fields.ts): Go's nil reading (null and missing are unset), a strict read
// that hands a wrong type to the caller, a lenient read that treats it as unset; and its three callers keep their
// wording (the Calico validator reports, the engine throws a ManifestError, the Pod Security view reads it as absent).
import { ManifestError } from '../../../lib/analysis/network/model/errors';
import { FieldReader } from '../../../lib/analysis/network/model/fields';
import { obj, str } from '../../../lib/analysis/pod-security/checks/pod-view';
import {
  JsonFieldKind,
  lenientField,
  lenientStringMap,
  listOrEmpty,
  objectOrEmpty,
  readField,
} from '../../../lib/model/documents/fields';
import { Findings, getArray, getInteger } from '../../../lib/validation/rules/util';

const VALUES: Array<[string, unknown]> = [
  ['undefined', undefined],
  ['null', null],
  ['object', { a: 1 }],
  ['array', [1]],
  ['string', 'x'],
  ['empty string', ''],
  ['true', true],
  ['integer', 3],
  ['fraction', 1.5],
  ['NaN', NaN],
  ['Infinity', Infinity],
];
const EXPECTED: Record<JsonFieldKind, string[]> = {
  object: ['object'],
  array: ['array'],
  string: ['string', 'empty string'],
  boolean: ['true'],
  number: ['integer', 'fraction'],
  integer: ['integer'],
};

describe.each(Object.keys(EXPECTED) as JsonFieldKind[])('kind %s', (kind) => {
  test.each(VALUES)('strict read of %s', (label, v) => {
    const wrong: unknown[] = [];
    const got = readField(v, kind, (x) => wrong.push(x));
    if (label === 'undefined' || label === 'null') {
      expect([got, wrong]).toEqual([undefined, []]);
    } else if (EXPECTED[kind].includes(label)) {
      expect([got, wrong.length]).toEqual([v, 0]);
    } else {
      expect([got, wrong.length]).toEqual([undefined, 1]);
      expect(wrong[0]).toBe(v);
    }
  });
  test.each(VALUES)('lenient read of %s', (label, v) => {
    expect(lenientField(v, kind)).toBe(EXPECTED[kind].includes(label) ? v : undefined);
  });
});

test('lenient containers: a wrong type reads as empty, string maps drop non-strings', () => {
  expect(objectOrEmpty([1])).toEqual({});
  expect(listOrEmpty('x')).toEqual([]);
  expect(lenientStringMap({ a: 'x', b: 1, c: null })).toEqual({ a: 'x' });
  expect(lenientStringMap('x')).toEqual({});
});

test('the Calico validator reports a wrong type and reads on', () => {
  const f = new Findings();
  expect(getArray({ ports: 'x' }, 'ports', 'spec', f)).toEqual([]);
  expect(getInteger({ n: 1.5 }, 'n', 'spec', f)).toBeUndefined();
  expect(f.list.map((x) => [x.path, x.rule, x.message])).toEqual([
    ['spec.ports', 'calico.field.type', 'expected an array, got string "x"; fix: set ports to an array'],
    ['spec.n', 'calico.field.type', 'expected an integer, got number 1.5; fix: set n to an integer'],
  ]);
});

test('the engine throws a ManifestError naming the object and the field', () => {
  const r = new FieldReader({ kind: 'Pod', name: 'web', namespace: 'prod' });
  expect(r.array(null, 'spec.containers')).toEqual([]);
  expect(() => r.array('c', 'spec.containers')).toThrow(ManifestError);
  expect(() => r.array('c', 'spec.containers')).toThrow(
    /spec\.containers.*expected a list, got "c".*wrap it in a list: \["c"\]/,
  );
  expect(() => r.boolean('true', 'spec.hostNetwork')).toThrow(/write the boolean true, not a string/);
});

test('the Pod Security view reads a wrong type as absent', () => {
  expect(obj('x')).toEqual({});
  expect(str(3)).toBeUndefined();
  expect(str('a')).toBe('a');
});

import { markdownCell } from '../../../lib/model/primitives/markdown';
import { splitFix } from '../../../lib/validation/problem';

test('markdownCell keeps a cell one cell: pipes and backslashes escaped, line breaks flattened', () => {
  expect(markdownCell('a|b')).toBe('a\\|b');
  expect(markdownCell('c:\\x')).toBe('c:\\\\x');
  expect(markdownCell('one\r\ntwo\nthree')).toBe('one two three');
  expect(markdownCell('plain')).toBe('plain');
});

test('splitFix splits the house message form at the first "; fix: "', () => {
  expect(splitFix('port has no protocol; fix: set protocol: TCP')).toEqual({
    problem: 'port has no protocol',
    fix: 'set protocol: TCP',
  });
  expect(splitFix('no fix here')).toEqual({ problem: 'no fix here', fix: '' });
  expect(splitFix('a; fix: b; fix: c')).toEqual({ problem: 'a', fix: 'b; fix: c' });
});

// readCsvRecords against Go's encoding/csv, the reader behind --token-auth-file. The table is upstream's
// (golang/go src/encoding/csv/reader_test.go, TestRead), every case that runs with the options the API server uses:
// Comma ',', no Comment, FieldsPerRecord -1, LazyQuotes false, TrimLeadingSpace false.
import { CsvError, readCsvRecords } from '../../../lib/access/credentials/csv-records';

const OK: Array<[string, string, string[][]]> = [
  ['Simple', 'a,b,c\n', [['a', 'b', 'c']]],
  [
    'CRLF',
    'a,b\r\nc,d\r\n',
    [
      ['a', 'b'],
      ['c', 'd'],
    ],
  ],
  ['BareCR', 'a,b\rc,d\r\n', [['a', 'b\rc', 'd']]],
  [
    'RFC4180test',
    '#field1,field2,field3\n"aaa","bb\nb","ccc"\n"a,a","b""bb","ccc"\nzzz,yyy,xxx\n',
    [
      ['#field1', 'field2', 'field3'],
      ['aaa', 'bb\nb', 'ccc'],
      ['a,a', 'b"bb', 'ccc'],
      ['zzz', 'yyy', 'xxx'],
    ],
  ],
  ['NoEOLTest', 'a,b,c', [['a', 'b', 'c']]],
  ['MultiLine', '"two\nline","one line","three\nline\nfield"', [['two\nline', 'one line', 'three\nline\nfield']]],
  [
    'BlankLine',
    'a,b,c\n\nd,e,f\n\n',
    [
      ['a', 'b', 'c'],
      ['d', 'e', 'f'],
    ],
  ],
  ['LeadingSpace', ' a,  b,   c\n', [[' a', '  b', '   c']]],
  [
    'NoComment',
    '#1,2,3\na,b,c',
    [
      ['#1', '2', '3'],
      ['a', 'b', 'c'],
    ],
  ],
  [
    'FieldCount',
    'a,b,c\nd,e',
    [
      ['a', 'b', 'c'],
      ['d', 'e'],
    ],
  ],
  ['TrailingCommaEOF', 'a,b,c,', [['a', 'b', 'c', '']]],
  ['TrailingCommaEOL', 'a,b,c,\n', [['a', 'b', 'c', '']]],
  ['NotTrailingComma3', 'a,b,c, \n', [['a', 'b', 'c', ' ']]],
  [
    'CommaFieldTest',
    'x,y,z,w\nx,y,z,\nx,y,,\nx,,,\n,,,\n"x","y","z","w"\n"x","y","z",""\n"x","y","",""\n"x","","",""\n"","","",""\n',
    [
      ['x', 'y', 'z', 'w'],
      ['x', 'y', 'z', ''],
      ['x', 'y', '', ''],
      ['x', '', '', ''],
      ['', '', '', ''],
      ['x', 'y', 'z', 'w'],
      ['x', 'y', 'z', ''],
      ['x', 'y', '', ''],
      ['x', '', '', ''],
      ['', '', '', ''],
    ],
  ],
  ['CRLFInQuotedField', 'A,"Hello\r\nHi",B\r\n', [['A', 'Hello\nHi', 'B']]],
  ['TrailingCR', 'field1,field2\r', [['field1', 'field2']]],
  ['QuotedTrailingCR', '"field"\r', [['field']]],
  ['FieldCR', 'field\rfield\r', [['field\rfield']]],
  ['FieldCRCR', 'field\r\rfield\r\r', [['field\r\rfield\r']]],
  ['FieldCRCRLF', 'field\r\r\nfield\r\r\n', [['field\r'], ['field\r']]],
  ['FieldCRCRLFCR', 'field\r\r\n\rfield\r\r\n\r', [['field\r'], ['\rfield\r']]],
  ['FieldCRCRLFCRCR', 'field\r\r\n\r\rfield\r\r\n\r\r', [['field\r'], ['\r\rfield\r'], ['\r']]],
  [
    'MultiFieldCRCRLFCRCR',
    'field1,field2\r\r\n\r\rfield1,field2\r\r\n\r\r,',
    [
      ['field1', 'field2\r'],
      ['\r\rfield1', 'field2\r'],
      ['\r\r', ''],
    ],
  ],
  ['QuotedFieldMultipleLF', '"\n\n\n\n"', [['\n\n\n\n']]],
  ['MultipleCRLF', '\r\n\r\n\r\n\r\n', []],
  ['DoubleQuoteWithTrailingCRLF', '"foo""bar"\r\n', [['foo"bar']]],
  ['EvenQuotes', '""""""""', [['"""']]],
];

// [name, input, error text, start line]
const ERRORS: Array<[string, string, RegExp, number]> = [
  ['BadDoubleQuotes', 'a""b,c', /bare " in non-quoted-field/, 1],
  ['BadBareQuote', 'a "word","b"', /bare " in non-quoted-field/, 1],
  ['BadTrailingQuote', '"a word",b"', /bare " in non-quoted-field/, 1],
  ['ExtraneousQuote', '"a "word","b"', /extraneous or missing " in quoted-field/, 1],
  ['StartLine1', 'a,"b\nc"d,e', /extraneous or missing " in quoted-field/, 1],
  ['StartLine2', 'a,b\n"d\n\n,e', /extraneous or missing " in quoted-field/, 2],
  ['QuoteWithTrailingCRLF', '"foo"bar"\r\n', /extraneous or missing " in quoted-field/, 1],
  ['OddQuotes', '"""""""', /extraneous or missing " in quoted-field/, 1],
];

describe('readCsvRecords reads what Go encoding/csv reads', () => {
  test.each(OK)('%s', (_name, input, want) => {
    expect(readCsvRecords(input).map((r) => r.fields)).toEqual(want);
  });

  test.each(ERRORS)('%s is an error', (_name, input, message, startLine) => {
    let error: unknown;
    try {
      readCsvRecords(input);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(CsvError);
    expect((error as CsvError).message).toMatch(message);
    expect((error as CsvError).startLine).toBe(startLine);
  });

  test('StartLine1 reports the error on line 2, inside the record that starts on line 1', () => {
    expect(() => readCsvRecords('a,"b\nc"d,e')).toThrow('line 2 (record starting on line 1)');
  });

  test('records carry the line they start on, multi-line quoted fields included', () => {
    expect(readCsvRecords('a,b\n\n"c\nd",e\nf,g\n').map((r) => r.line)).toEqual([1, 3, 5]);
  });
});

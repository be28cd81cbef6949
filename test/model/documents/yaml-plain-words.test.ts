// The fast path resolves some plain scalars without the YAML 1.1 tag loop (yaml-fast-path.ts resolvePlain):
// letter-first words that cannot be null, bool or an exponent, plain decimals, and text with `/` or two dots. Each must
// read as the `yaml` package reads it.
import { parse } from 'yaml';
import { parseFastDocument } from '../../../lib/model/documents/yaml-fast-path';

const WORDS = [
  'n',
  'N',
  'no',
  'No',
  'NO',
  'null',
  'Null',
  'NULL',
  'nulls',
  'None',
  'y',
  'Y',
  'yes',
  'Yes',
  'YES',
  'yess',
  'true',
  'True',
  'TRUE',
  'truest',
  'f',
  'false',
  'False',
  'FALSE',
  'falsey',
  'on',
  'On',
  'ON',
  'off',
  'Off',
  'OFF',
  'offset',
  'online',
  'e',
  'E',
  'e5',
  'E5',
  'e+5',
  'E-12',
  'e5x',
  'eth0',
  'Egress',
  'e_5',
  'e55555555',
  'namespace',
  'node-1',
  'TCP',
  'Tier',
  'oFF',
  'tRUE',
  '~',
  '~~',
  '~abcdef',
  'Nan',
  'ones',
  'yesterday',
  'nonexistent',
  'FalseFalse',
  'name',
  'node',
  'nets',
  'types',
  'order',
  'tier',
  'to',
  'ok',
  'NOPE',
  'Nul',
  'nUll',
  'yES',
  'tRue',
  'oN',
  'OfF',
  'O',
  'T',
  'F',
  'NULLx',
  'Yess',
  // Numbers and addresses: plain decimals are ints, anything with `/` or two dots a string.
  '0',
  '7',
  '443',
  '30000',
  '123456789012345',
  '1234567890123456',
  '007',
  '1_000',
  '10.0.0.1',
  '10.0.0.0/8',
  '1.5',
  '1.2.3',
  '0.1',
  '1/2',
  '-1',
  '+5',
  '.5',
  '1.',
  '2001-12-14',
  '2001-12-14t21:59:43.10-05:00',
  '1:20',
  '1:20.5',
  '0x1f',
  '0b101',
  '0o17',
  '1e5',
  '1.e5',
];

/** The fast path's reading, or 'declined' when it leaves the text to the `yaml` package (timestamps, odd keys). */
function fast(text: string): unknown {
  try {
    return parseFastDocument(text);
  } catch {
    return 'declined';
  }
}

test.each(WORDS)('%s as a value and as a key reads as in the yaml package', (word) => {
  for (const text of [`a: ${word}\nb: [${word}]\n`, `${word}: 1\n`]) {
    const value = fast(text);
    if (value !== 'declined') expect(value).toEqual(parse(text, { version: '1.1' }));
  }
  // Words and numbers are taken by the fast path (timestamps go to the yaml package).
  if (!word.startsWith('2001')) expect(fast(`a: ${word}\n`)).not.toBe('declined');
});

// Input nested deeper than MAX_YAML_NESTING is refused before a recursive parser sees it: a stack overflow inside
// V8's regexp compiler aborts the process instead of throwing.
import { assertYamlNesting, MAX_YAML_NESTING, parseYamlDocuments } from '../../../lib/model/documents/yaml-file';

const N = MAX_YAML_NESTING;

test.each([
  ['flow sequences', `a: ${'['.repeat(N + 1)}${']'.repeat(N + 1)}\n`],
  ['flow mappings', `${'{a: '.repeat(N + 1)}1${'}'.repeat(N + 1)}\n`],
  ['JSON', `${'['.repeat(N + 1)}${']'.repeat(N + 1)}`],
  ['compact sequences', `${'- '.repeat(N + 1)}a\n`],
  ['flow across lines', `a: [\n${'[\n'.repeat(N)}${']\n'.repeat(N)}]\n`],
])('%s nested deeper than the limit are refused with the line', (_name, text) => {
  expect(() => assertYamlNesting(text)).toThrow(new RegExp(`^nested more than ${N} levels deep at line \\d+$`));
  expect(() => parseYamlDocuments(text)).toThrow(/^nested more than/);
});

test.each([
  ['exactly the limit', `a: ${'['.repeat(N)}${']'.repeat(N)}\n`],
  ['brackets in quoted scalars inside flow', `a: ["${'['.repeat(N + 5)}", '${'{'.repeat(N + 5)}']\n`],
  ['brackets in plain block scalars', `command: echo ${'['.repeat(N + 5)}\n`],
  ['brackets in comments', `# ${'['.repeat(N + 5)}\na: 1\n`],
  ['many sibling collections', `a: [${'[1], '.repeat(N * 2)}[1]]\n`],
  ['many lines of list items', `${'- a\n'.repeat(N * 2)}`],
])('%s are read', (_name, text) => {
  expect(() => assertYamlNesting(text)).not.toThrow();
  expect(() => parseYamlDocuments(text)).not.toThrow();
});

test('the line of the too-deep nesting counts from the start of the whole stream', () => {
  const text = `a: 1\n---\nb: 2\n---\nc: ${'['.repeat(N + 1)}${']'.repeat(N + 1)}\n`;
  expect(() => parseYamlDocuments(text)).toThrow('nested more than 1000 levels deep at line 5');
});

// Mistakes with the Selector API (parse, validate, the builders, and/or/not, matches) as plain-JavaScript callers
// make them: the library's error with the API name, the argument and a fix, never a TypeError, never text parsed
// behind the caller's back.
import { Selector } from '../../../lib';
import { BadInput, call } from '../harness';

const x = (v: unknown): any => v;

export const ROWS: BadInput[] = [
  call('parse(undefined)', () => Selector.parse(x(undefined)), 'Selector.parse', 'text', 'got undefined'),
  call('parse(42)', () => Selector.parse(x(42)), 'Selector.parse', 'text', 'got 42'),
  call('parse({app: "web"}) (a label map)', () => Selector.parse(x({ app: 'web' })), 'Selector.parse', 'text', 'an object {app}'),
  call('parse(["a"]) (an array)', () => Selector.parse(x(['a'])), 'Selector.parse', 'text', 'an array'),
  call('parse("a ==") (incomplete)', () => Selector.parse('a =='), 'Selector.parse', 'text', 'at offset 4 (end of input)'),
  call('parse("app = web") (single =)', () => Selector.parse('app = web'), 'Selector.parse', 'text', 'invalid selector'),
  call('parse("a == \'x\' &&")', () => Selector.parse("a == 'x' &&"), 'Selector.parse', 'text', 'end of input'),
  call('parse("has(a")', () => Selector.parse('has(a'), 'Selector.parse', 'text', 'invalid selector'),
  call('parse("app in (a, b)") (parentheses for a set)', () => Selector.parse('app in (a, b)'), 'Selector.parse', 'text', 'invalid selector'),
  call('validate(null)', () => Selector.validate(x(null)), 'Selector.validate', 'text', 'got null'),
  call('has(1)', () => Selector.has(x(1)), 'Selector.has', 'key', 'got 1'),
  call('has("")', () => Selector.has(''), 'Selector.has', 'key', 'it is empty'),
  call('has("a b")', () => Selector.has('a b'), 'Selector.has', 'key', 'at index 1'),
  call('eq("app:name", "x")', () => Selector.eq('app:name', 'x'), 'Selector.eq', 'key', 'at index 3'),
  call('eq("app", undefined)', () => Selector.eq('app', x(undefined)), 'Selector.eq', 'value', 'got undefined'),
  call('eq("app", 5)', () => Selector.eq('app', x(5)), 'Selector.eq', 'value', 'got 5'),
  call('notEq("app", both quotes)', () => Selector.notEq('app', `it's "x"`), 'Selector.notEq', 'value', 'only one kind of quote'),
  call('contains(null, "x")', () => Selector.contains(x(null), 'x'), 'Selector.contains', 'key', 'got null'),
  call('startsWith("a", true)', () => Selector.startsWith('a', x(true)), 'Selector.startsWith', 'value', 'got true'),
  call('endsWith(undefined, "x")', () => Selector.endsWith(x(undefined), 'x'), 'Selector.endsWith', 'key', 'got undefined'),
  call('in("app", "web") (a string, not a list)', () => Selector.in('app', x('web')), 'Selector.in', 'values', 'wrap it in a list: ["web"]'),
  call('in("app", ["a", 1])', () => Selector.in('app', x(['a', 1])), 'Selector.in', 'values[1]', 'got 1'),
  call('notIn("app", undefined)', () => Selector.notIn('app', x(undefined)), 'Selector.notIn', 'values', 'got undefined'),
  call('notIn("app", [both quotes])', () => Selector.notIn('app', [`a'"b`]), 'Selector.notIn', 'values[0]', 'only one kind of quote'),
  call('and("a") (text)', () => Selector.and(x('a')), 'Selector.and', 'selectors[0]', 'Selector.parse("a")'),
  call('and(sel, undefined)', () => Selector.and(Selector.has('a'), x(undefined)), 'Selector.and', 'selectors[1]', 'got undefined'),
  call('or() (empty)', () => Selector.or(), 'Selector.or', 'selectors', '!all()'),
  call('or(sel, {})', () => Selector.or(Selector.has('a'), x({})), 'Selector.or', 'selectors[1]', 'an empty object'),
  call('not("a")', () => Selector.not(x('a')), 'Selector.not', 'selector', 'Selector.parse("a")'),
  call('sel.and("b")', () => Selector.has('a').and(x('b')), 'Selector.and', 'selectors[1]', 'Selector.parse("b")'),
  call('sel.or(null)', () => Selector.has('a').or(x(null)), 'Selector.or', 'selectors[1]', 'got null'),
  call('sel.matches(undefined)', () => Selector.has('a').matches(x(undefined)), 'Selector.matches', 'labels', 'got undefined'),
  call('sel.matches("app=web")', () => Selector.has('a').matches(x('app=web')), 'Selector.matches', 'labels', 'the string "app=web"'),
];

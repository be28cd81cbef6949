// One home for the syntax of a Calico port string (numorstring.PortFromString): the Calico model's parser
// (parseCalicoPort) and the validator's (parsePort) tell number, range and name apart through portTextSyntax, and
// each keeps its limits and messages.
import { portTextSyntax } from '../../../lib/model/primitives/ports';
import { parseCalicoPort } from '../../../lib/model/policy/kubernetes';
import { parsePort } from '../../../lib/validation/rules/ports';

test.each([
  ['80', { kind: 'number', value: 80 }],
  ['0', { kind: 'number', value: 0 }],
  ['70000', { kind: 'number', value: 70000 }],
  ['80:90', { kind: 'range', min: 80, max: 90 }],
  ['90:80', { kind: 'range', min: 90, max: 80 }],
  ['http', { kind: 'name', name: 'http' }],
  ['-5', { kind: 'name', name: '-5' }], // upstream: not digits, so a name
  ['80-90', { kind: 'name', name: '80-90' }],
  ['a'.repeat(128), { kind: 'name', name: 'a'.repeat(128) }],
  ['a'.repeat(129), { kind: 'invalid' }],
  ['80:90:100', { kind: 'invalid' }],
  ['', { kind: 'invalid' }],
  ['a b', { kind: 'invalid' }],
])('portTextSyntax(%j)', (text, expected) => {
  expect(portTextSyntax(text)).toEqual(expected);
});

test.each([
  ['443', { min: 443, max: 443 }],
  ['0', { min: 0, max: 0 }], // a uint16 to the parser; the validator refuses it
  ['70000', { error: 'invalid port format (70000)' }],
  ['70000:1', { error: 'invalid minimum port number in range (70000:1)' }],
  ['1:70000', { error: 'invalid maximum port number in range (1:70000)' }],
  ['9:8', { error: 'minimum port number (9) is greater than maximum port number (8) in port range' }],
  ['metrics', { name: 'metrics' }],
  ['a b', { error: 'invalid name for named port (a b)' }],
])('parseCalicoPort(%j) keeps upstream messages', (text, expected) => {
  expect(parseCalicoPort(text)).toEqual(expected);
});

test.each([
  ['443', 'port', undefined],
  ['0', 'calico.rule.port-range', 'port number must be between 1 and 65535 (got 0)'],
  ['9:8', 'calico.rule.port-range', 'minimum port number (9) is greater than maximum port number (8)'],
  ['a b', 'calico.rule.port-syntax', 'invalid port format ("a b")'],
  ['Http_', 'calico.rule.port-name', 'invalid port name "Http_"'],
])('parsePort(%j) keeps the validator messages', (text, rule, message) => {
  const r = parsePort(text);
  if (rule === 'port') expect(r.port).toEqual({ min: 443, max: 443 });
  else {
    expect(r.error?.rule).toBe(rule);
    expect(r.error?.message).toContain(message);
  }
});

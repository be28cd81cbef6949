// The Kubernetes name and label guards: valid names pass unchanged; invalid ones are refused with where, field, the
// value and a fix (a cleaned-up suggestion when one exists), as kube-apiserver would refuse them.
import {
  guardDnsLabel,
  guardDnsSubdomain,
  guardLabels,
  guardOptionalLabels,
} from '../../../lib/model/primitives/kube-name-guards';

describe('guardDnsLabel (namespace names: IsDNS1123Label)', () => {
  test.each(['dev', 'a', 'team-1', '0', 'a'.repeat(63)])('accepts %s', (name) => {
    expect(guardDnsLabel(name, 'w', 'name')).toBe(name);
  });
  test.each([
    ['Dev', /did you mean "dev"/],
    ['dev_1', /did you mean "dev-1"/],
    ['dev.team', /did you mean "dev-team"/],
    ['-dev', /starting and ending with a letter or digit/],
    ['a'.repeat(64), /DNS-1123 label/],
    ['', /got an empty string/],
  ])('refuses %j', (name, message) => {
    expect(() => guardDnsLabel(name, 'c/Ns', 'name', 'namespace name')).toThrow(
      /^\[c\/Ns\] name: expected a namespace name/,
    );
    expect(() => guardDnsLabel(name, 'c/Ns', 'name', 'namespace name')).toThrow(message);
  });
  test('refuses a non-string without a TypeError', () => {
    expect(() => guardDnsLabel(5, 'w', 'name')).toThrow(
      /^\[w\] name: expected a name \(a DNS-1123 label\), got 5; fix: /,
    );
  });
});

describe('guardDnsSubdomain (most object names: IsDNS1123Subdomain)', () => {
  test.each(['ci', 'ci.runner', 'a-b.c-d', 'a'.repeat(253)])('accepts %s', (name) => {
    expect(guardDnsSubdomain(name, 'w', 'name')).toBe(name);
  });
  test.each(['Bad_SA', 'ci/runner', 'ci..runner', '.ci', 'a'.repeat(254)])('refuses %j', (name) => {
    expect(() => guardDnsSubdomain(name, 'c/Ns', 'serviceAccountName')).toThrow(
      /^\[c\/Ns\] serviceAccountName: expected a name: a DNS-1123 subdomain, got .*; fix: /,
    );
  });
  test('suggests the cleaned name', () => {
    expect(() => guardDnsSubdomain('Bad_SA', 'w', 'f')).toThrow(/did you mean "bad-sa"/);
  });
});

describe('guardLabels (ValidateLabels: IsQualifiedName keys, IsValidLabelValue values)', () => {
  test('accepts labels, the empty value and prefixed keys', () => {
    const labels = { 'app': 'web', 'example.com/team': '', 'k8s-role': 'node' };
    expect(guardLabels(labels, 'w', 'labels')).toBe(labels);
    expect(guardOptionalLabels(undefined, 'w', 'labels')).toBeUndefined();
  });
  test.each([
    [{ 'my app': 'web' }, 'labels["my app"]', /label key/],
    [{ app: 'my web' }, 'labels["app"]', /label value/],
    [{ app: 'v'.repeat(64) }, 'labels["app"]', /at most 63/],
    [{ app: 1 }, 'labels["app"]', /quote the value: "1"/],
    ['app=web', 'labels', /the string "app=web"/],
    [['app'], 'labels', /an array/],
    [null, 'labels', /got null/],
  ])('refuses %j', (labels, field, message) => {
    expect(() => guardLabels(labels, 'c/P', 'labels')).toThrow(`[c/P] ${field}: `);
    expect(() => guardLabels(labels, 'c/P', 'labels')).toThrow(message);
  });
});

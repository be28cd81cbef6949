import { dnsNameFromId } from '../../lib/core/names';

test.each([
  ['AllowSsh', 'allow-ssh'],
  ['NodeBaseline', 'node-baseline'],
  ['web_tier', 'web-tier'],
  ['HTTPRoutes', 'http-routes'],
  ['allow.dns', 'allow.dns'],
  ['--Weird__Id--', 'weird-id'],
])('dnsNameFromId(%s) = %s', (id, name) => {
  expect(dnsNameFromId(id)).toBe(name);
});

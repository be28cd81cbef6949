// Bad input gives a ManifestError naming the object and the field, never a TypeError.
import { ManifestError, NetworkModel, QueryError } from '../../lib/analysis';
import { baseCluster, gnp, hep, np } from './fixtures';

const build = (docs: any[]) => () => NetworkModel.fromManifests(docs);

test.each([
  ['not an array', 'x' as any, /array/],
  ['null document', [null, 5], /document\[1\]/],
  ['missing kind', [{ metadata: { name: 'x' } }], /kind: is required/],
  ['missing name', [{ apiVersion: 'v1', kind: 'Pod', metadata: {} }], /metadata.name: is required/],
  ['bad action', [gnp('p', { selector: 'all()', ingress: [{ action: 'Drop' }] })], /GlobalNetworkPolicy p: spec.ingress\[0\].action: "Drop"/],
  ['bad selector', [gnp('p', { selector: 'a ==', ingress: [] })], /GlobalNetworkPolicy p: spec.selector: invalid selector/],
  ['bad rule selector', [np('prod', 'p', { selector: 'all()', ingress: [{ action: 'Allow', source: { selector: 'x = ' } }] })], /NetworkPolicy prod\/p: spec.ingress\[0\].source/],
  ['bad nets', [gnp('p', { selector: 'all()', ingress: [{ action: 'Allow', source: { nets: ['10.0.0/8'] } }] })], /spec.ingress\[0\].source.nets\[0\]/],
  ['bad port', [gnp('p', { selector: 'all()', ingress: [{ action: 'Allow', protocol: 'TCP', destination: { ports: ['1-2'] } }] })], /destination.ports\[0\]/],
  ['bad protocol', [gnp('p', { selector: 'all()', ingress: [{ action: 'Allow', protocol: 'TCPX' }] })], /spec.ingress\[0\].protocol/],
  ['rules not a list', [gnp('p', { selector: 'all()', ingress: { action: 'Allow' } })], /spec.ingress: expected a list/],
  ['HEP without node', [hep('h', { interfaceName: 'eth0' })], /HostEndpoint h: spec.node: is required/],
  ['HEP bad expectedIP', [hep('h', { node: 'n', expectedIPs: ['10.0.0.300'] })], /spec.expectedIPs\[0\]/],
  ['pod bad IP', [{ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', namespace: 'x' }, status: { podIP: 'nope' } }], /Pod x\/p: status.podIP/],
  ['label value not a string', [{ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'n', labels: { a: 1 } } }], /Namespace n: metadata.labels.a/],
  ['service bad port', [{ apiVersion: 'v1', kind: 'Service', metadata: { name: 's', namespace: 'x' }, spec: { ports: [{ port: 'x' }] } }], /Service x\/s: spec.ports\[0\].port/],
  ['bad Kubernetes policy', [{ apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: 'k', namespace: 'x' }, spec: { podSelector: 5 } }], /k/],
])('%s', (_n, docs, message) => {
  let err: unknown;
  try {
    build(docs as any[])();
  } catch (e) {
    err = e;
  }
  expect(err).toBeInstanceOf(ManifestError);
  expect((err as Error).message).toMatch(message);
});

test('List objects are expanded and unknown kinds ignored', () => {
  const m = NetworkModel.fromManifests([{ apiVersion: 'v1', kind: 'List', items: baseCluster() }, { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'd' } }]);
  expect(m.endpoints().length).toBe(6);
});

test.each([
  [{ from: 'prod/nope', to: 'prod/db' }, /unknown endpoint/],
  [{ from: 'node/zzz', to: 'prod/db' }, /node "zzz"/],
  [{ from: 'prod/web', to: 'prod/db', protocol: 'XYZ' }, /protocol/],
  [{ from: 'prod/web', to: 'prod/db', port: 70000 }, /port/],
  [{ from: 'svc/prod/x', to: 'prod/db' }, /service/],
])('query errors %#', (query, message) => {
  const m = NetworkModel.fromManifests(baseCluster());
  expect(() => m.evaluate(query as any)).toThrow(QueryError);
  expect(() => m.evaluate(query as any)).toThrow(message);
});

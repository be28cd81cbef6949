// Bad input gives a ManifestError naming the object and the field, never a TypeError.
import { ManifestError, NetworkModel, QueryError } from '../../../lib/analysis';
import { baseCluster, gnp, hep, np } from './fixtures';

const build = (docs: any[]) => () => NetworkModel.fromManifests(docs);

test.each([
  ['not an array', 'x' as any, /array/],
  ['null document', [null, 5], /document\[1\]/],
  ['missing kind', [{ metadata: { name: 'x' } }], /kind: is required; fix: /],
  ['missing name', [{ apiVersion: 'v1', kind: 'Pod', metadata: {} }], /metadata.name: is required; fix: /],
  [
    'bad action',
    [gnp('p', { selector: 'all()', ingress: [{ action: 'Drop' }] })],
    /^\[GlobalNetworkPolicy p\] spec.ingress\[0\].action: invalid action "Drop"; fix: /,
  ],
  [
    'bad selector',
    [gnp('p', { selector: 'a ==', ingress: [] })],
    /^\[GlobalNetworkPolicy p\] spec.selector: invalid selector "a ==".*; fix: /,
  ],
  [
    'bad rule selector',
    [np('prod', 'p', { selector: 'all()', ingress: [{ action: 'Allow', source: { selector: 'x = ' } }] })],
    /^\[NetworkPolicy prod\/p\] spec.ingress\[0\].source.selector: invalid selector/,
  ],
  [
    'bad nets',
    [gnp('p', { selector: 'all()', ingress: [{ action: 'Allow', source: { nets: ['10.0.0/8'] } }] })],
    /spec.ingress\[0\].source.nets\[0\]/,
  ],
  [
    'bad port',
    [gnp('p', { selector: 'all()', ingress: [{ action: 'Allow', protocol: 'TCP', destination: { ports: ['1-2'] } }] })],
    /destination.ports\[0\]/,
  ],
  [
    'bad protocol',
    [gnp('p', { selector: 'all()', ingress: [{ action: 'Allow', protocol: 'TCPX' }] })],
    /spec.ingress\[0\].protocol/,
  ],
  [
    'rules not a list',
    [gnp('p', { selector: 'all()', ingress: { action: 'Allow' } })],
    /\[GlobalNetworkPolicy p\] spec.ingress: expected an array/,
  ],
  [
    'HEP without node',
    [hep('h', { interfaceName: 'eth0' })],
    /\[HostEndpoint h\] spec.node: no node has been specified; fix: /,
  ],
  ['HEP bad expectedIP', [hep('h', { node: 'n', expectedIPs: ['10.0.0.300'] })], /spec.expectedIPs\[0\]/],
  [
    'pod bad IP',
    [{ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', namespace: 'x' }, status: { podIP: 'nope' } }],
    /\[Pod x\/p\] status.podIP: "nope" is not an IP address; fix: /,
  ],
  [
    'label value not a string',
    [{ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'n', labels: { a: 1 } } }],
    /\[Namespace n\] metadata.labels.a: .*; fix: quote the value/,
  ],
  [
    'service bad port',
    [{ apiVersion: 'v1', kind: 'Service', metadata: { name: 's', namespace: 'x' }, spec: { ports: [{ port: 'x' }] } }],
    /\[Service x\/s\] spec.ports\[0\].port: expected a number/,
  ],
  [
    'bad Kubernetes policy',
    [
      {
        apiVersion: 'networking.k8s.io/v1',
        kind: 'NetworkPolicy',
        metadata: { name: 'k', namespace: 'x' },
        spec: { podSelector: 5 },
      },
    ],
    /k/,
  ],
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
  const m = NetworkModel.fromManifests([
    { apiVersion: 'v1', kind: 'List', items: baseCluster() },
    { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'd' } },
  ]);
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

describe('the engine never guesses (issue 11)', () => {
  const pod = (ns: string, name: string, status: Record<string, unknown>, spec: Record<string, unknown> = {}): any => ({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: ns },
    spec: { nodeName: 'node-a', containers: [], ...spec },
    status: { phase: 'Running', ...status },
  });

  test('one IP, two pods: an error naming both pods and the field, whichever comes first', () => {
    const a = pod('prod', 'a', { podIP: '10.1.0.9' });
    const b = pod('prod', 'b', { podIPs: [{ ip: '10.1.0.9' }] });
    expect(() => NetworkModel.fromManifests([a, b])).toThrow(
      '[Pod prod/b] status.podIPs[0].ip: 10.1.0.9 is also the address of Pod prod/a (status.podIP)',
    );
    expect(() => NetworkModel.fromManifests([b, a])).toThrow(
      '[Pod prod/a] status.podIP: 10.1.0.9 is also the address of Pod prod/b (status.podIPs[0].ip)',
    );
  });

  test('what is not ambiguous stays accepted: ended pods, hostNetwork pods, podIP repeated in podIPs, IPv6 spellings', () => {
    const ended = pod('prod', 'old', { phase: 'Succeeded', podIP: '10.1.0.9' });
    const host = pod('kube-system', 'agent', { podIP: '192.168.1.10' }, { hostNetwork: true });
    const both = pod('prod', 'new', { podIP: '10.1.0.9', podIPs: [{ ip: '10.1.0.9' }, { ip: 'fd00::9' }] });
    const m = NetworkModel.fromManifests([...baseCluster(), ended, host, both]);
    expect(m.endpoints().find((e) => e.id === 'prod/new')?.ips).toEqual(['10.1.0.9', 'fd00::9']);
    // fd00::0009 is fd00::9: the same address, however written.
    expect(() => NetworkModel.fromManifests([both, pod('prod', 'v6', { podIP: 'fd00::0009' })])).toThrow(
      /\[Pod prod\/v6\] status.podIP: fd00::9 is also the address of Pod prod\/new/,
    );
  });

  test('a Kubernetes NetworkPolicy with an unknown operator is refused, where the lenient converter widened it to match', () => {
    const k = {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata: { name: 'k', namespace: 'prod' },
      spec: { podSelector: { matchExpressions: [{ key: 'app', operator: 'Equals', values: ['db'] }] }, ingress: [] },
    };
    expect(() => NetworkModel.fromManifests([...baseCluster(), k])).toThrow(ManifestError);
    expect(() => NetworkModel.fromManifests([...baseCluster(), k])).toThrow(
      /^\[NetworkPolicy prod\/k\] spec.podSelector.matchExpressions\[0\].operator: unknown operator "Equals"/,
    );
  });

  test('valid ICMP and port queries are answered; invalid ones are QueryErrors naming the argument', () => {
    const m = NetworkModel.fromManifests(baseCluster());
    expect(m.evaluate({ from: 'prod/web', to: 'prod/db', protocol: 'ICMP', icmp: { type: 0, code: 0 } }).allowed).toBe(
      true,
    );
    expect(m.evaluate({ from: 'prod/web', to: 'prod/db', protocol: 'UDP', port: 65535, sourcePort: 1 }).allowed).toBe(
      true,
    );
    expect(() => m.evaluate({ from: 'prod/web', to: 'prod/db', port: 0 })).toThrow(QueryError);
    expect(() => m.evaluate({ from: 'prod/web', to: 'prod/db', protocol: 'ICMP', port: 8 })).toThrow(
      '[NetworkModel.evaluate] query.port: ICMP has no ports',
    );
  });
});

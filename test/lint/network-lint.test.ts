import { lintNetworkManifests, NETWORK_LINT_RULES } from '../../lib/lint';

const gnp = (name: string, spec: any) => ({
  apiVersion: 'projectcalico.org/v3',
  kind: 'GlobalNetworkPolicy',
  metadata: { name },
  spec,
});
const hep = (name: string, labels: any, extra: any = {}) => ({
  apiVersion: 'projectcalico.org/v3',
  kind: 'HostEndpoint',
  metadata: { name, labels },
  spec: { node: 'n1', interfaceName: 'eth0', ...extra },
});
const knp = (spec: any) => ({
  apiVersion: 'networking.k8s.io/v1',
  kind: 'NetworkPolicy',
  metadata: { name: 'p', namespace: 'x' },
  spec,
});
const rules = (docs: any[]) => lintNetworkManifests(docs).map((f) => `${f.kind}/${f.name} ${f.path} ${f.rule}`);

test('every rule id has a description and fires below', () => {
  expect(Object.keys(NETWORK_LINT_RULES).sort()).toEqual([
    'lint.host-endpoint-unprotected',
    'lint.k8s-policy-types-missing',
    'lint.k8s-port-protocol-missing',
    'lint.prednat-without-deny',
    'lint.staged-policy',
  ]);
});

test('preDNAT with allows only is flagged; with a deny it is not', () => {
  const allowOnly = gnp('expose', {
    selector: 'has(h)',
    preDNAT: true,
    applyOnForward: true,
    types: ['Ingress'],
    ingress: [{ action: 'Allow', source: { nets: ['10.0.0.0/8'] } }],
  });
  expect(rules([allowOnly])).toEqual(['GlobalNetworkPolicy/expose spec.ingress lint.prednat-without-deny']);
  const withDeny = gnp('expose', { ...allowOnly.spec, ingress: [...allowOnly.spec.ingress, { action: 'Deny' }] });
  expect(rules([withDeny])).toEqual([]);
  const everySource = gnp('to-pods', {
    selector: 'has(h)',
    preDNAT: true,
    applyOnForward: true,
    types: ['Ingress'],
    ingress: [{ action: 'Allow', destination: { nets: ['192.168.0.0/16'] } }],
  });
  expect(rules([everySource])).toEqual([]);
  const notPreDnat = gnp('plain', { selector: 'has(h)', ingress: [{ action: 'Allow' }] });
  expect(rules([notPreDnat, hep('h1', { h: '' })])).toEqual([]);
});

test('a host endpoint nothing selects and without profile is flagged', () => {
  expect(rules([hep('n1-eth0', { role: 'node' })])).toEqual([
    'HostEndpoint/n1-eth0 metadata.labels lint.host-endpoint-unprotected',
  ]);
  expect(rules([hep('n1-eth0', { role: 'node' }), gnp('nodes', { selector: "role == 'node'" })])).toEqual([]);
  expect(rules([hep('n1-eth0', { role: 'node' }, { profiles: ['projectcalico-default-allow'] })])).toEqual([]);
});

test('Kubernetes policies without policyTypes or port protocols are flagged', () => {
  const doc = knp({ podSelector: {}, egress: [{ ports: [{ port: 53 }, { port: 53, protocol: 'UDP' }] }] });
  const found = lintNetworkManifests([doc]);
  expect(found.map((f) => `${f.path} ${f.rule}`)).toEqual([
    'spec.policyTypes lint.k8s-policy-types-missing',
    'spec.egress[0].ports[0] lint.k8s-port-protocol-missing',
  ]);
  expect(found[1].message).toMatch(/DNS over UDP stays blocked/);
  expect(
    rules([knp({ podSelector: {}, policyTypes: ['Ingress'], ingress: [{ ports: [{ port: 80, protocol: 'TCP' }] }] })]),
  ).toEqual([]);
});

test('staged policies are flagged; List items are linted; junk is ignored', () => {
  const staged = {
    apiVersion: 'projectcalico.org/v3',
    kind: 'StagedGlobalNetworkPolicy',
    metadata: { name: 's' },
    spec: {},
  };
  expect(rules([{ apiVersion: 'v1', kind: 'List', items: [staged] }, null, 'junk', 42])).toEqual([
    'StagedGlobalNetworkPolicy/s  lint.staged-policy',
  ]);
});

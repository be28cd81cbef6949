// Secret, ConfigMap, Namespace, CSR and duplicates: valid variants pass; the schema's own problems carry a fix.
import { validateManifests } from '../../../lib/validation';
import { configMap, csr, deployment, meta, namespace, netpol, secret, service } from './fixtures';
import { problemPaths } from './helpers';

describe('valid objects pass', () => {
  test.each([
    ['a TLS Secret', secret({ type: 'kubernetes.io/tls', data: { 'tls.crt': 'eA==', 'tls.key': 'eA==' } })],
    [
      'a basic-auth Secret with only a password',
      secret({ type: 'kubernetes.io/basic-auth', stringData: { password: 'x' } }),
    ],
    [
      'a Secret of a custom type',
      secret({ type: 'example.com/token', stringData: { TOKEN_VALUE: 'x', '.hidden': 'y' } }),
    ],
    [
      'a service-account-token Secret with its annotation',
      secret(
        { type: 'kubernetes.io/service-account-token' },
        meta('ci-token', 'shop', { annotations: { 'kubernetes.io/service-account.name': 'ci-bot' } }),
      ),
    ],
    [
      'a ConfigMap with data and binaryData',
      configMap({ data: { 'app.yaml': 'x', 'KEY_1': 'y' }, binaryData: { logo: 'eA==' } }),
    ],
    [
      'a Namespace with the well-known labels',
      namespace('shop', {
        labels: { 'kubernetes.io/metadata.name': 'shop', 'pod-security.kubernetes.io/enforce': 'restricted' },
      }),
    ],
    [
      'a CSR with expirationSeconds 600 and two usages',
      csr({ expirationSeconds: 600, usages: ['digital signature', 'client auth'] }),
    ],
    ['a CSR to a custom signer', csr({ signerName: 'example.com/my-signer' })],
    [
      'annotations with upper-case keys (checked lowercased)',
      namespace('shop', { annotations: { 'Example.com/Owner': 'Team A' } }),
    ],
  ])('%s', (_name, doc) => {
    expect(problemPaths(doc)).toEqual([]);
  });
});

describe('duplicates', () => {
  test.each([
    ['the same name in two namespaces', [deployment({}, meta('web', 'a')), deployment({}, meta('web', 'b'))]],
    ['the same name for two kinds', [service(), deployment()]],
    [
      'a Kubernetes and a Calico NetworkPolicy of one name',
      [
        netpol({}, meta('allow-web', 'shop')),
        {
          apiVersion: 'projectcalico.org/v3',
          kind: 'NetworkPolicy',
          metadata: meta('allow-web', 'shop'),
          spec: { selector: 'all()' },
        },
      ],
    ],
  ])('%s are different objects', (_name, docs) => {
    expect(problemPaths(...docs).filter((p) => p.includes('duplicate'))).toEqual([]);
  });
  test('a List item and a top-level document of one identity are one object twice', () => {
    const docs = [namespace(), { apiVersion: 'v1', kind: 'List', items: [namespace()] }];
    expect(problemPaths(...docs)).toEqual(['metadata.name [k8s.duplicate]']);
  });
});

test('every problem of the OpenAPI schema check (k8s.schema) carries a fix', () => {
  const docs = [
    service({ type: 'Internal', ports: [{ port: '80' }], extra: true }),
    { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'RoleBinding', metadata: meta('r', 'shop'), subjects: [] },
  ];
  const schema = validateManifests(docs).filter((p) => p.rule === 'k8s.schema');
  expect(schema.map((p) => p.path)).toEqual(['spec.extra', 'spec.ports[0].port', 'spec.type', 'roleRef']);
  for (const p of schema) expect(p.message).toMatch(/; fix: \S/);
});

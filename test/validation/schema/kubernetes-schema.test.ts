// Kubernetes built-in kinds against the Kubernetes OpenAPI schemas shipped by kubernetes-models.
import { validateManifests } from '../../../lib/validation';
import { crdsDir, lines, schemaProblems } from './helpers';

// kube-apiserver's wording, without the house `; fix: ...` (test/validation/kubernetes/schema-fixes.test.ts checks
// those).
function check(doc: any, kubernetes = true): string[] {
  return lines(schemaProblems(validateManifests([doc], { crds: crdsDir(), kubernetes }))).map((l) =>
    l.replace(/; fix: .* \[/, ' ['),
  );
}

const namespace = {
  apiVersion: 'v1',
  kind: 'Namespace',
  metadata: { name: 'team-a', labels: { 'kubernetes.io/metadata.name': 'team-a' } },
};
const clusterRole = {
  apiVersion: 'rbac.authorization.k8s.io/v1',
  kind: 'ClusterRole',
  metadata: { name: 'calico-policy-reader' },
  rules: [
    {
      apiGroups: ['projectcalico.org'],
      resources: ['globalnetworkpolicies', 'networkpolicies'],
      verbs: ['get', 'list', 'watch'],
    },
  ],
};
const networkPolicy = {
  apiVersion: 'networking.k8s.io/v1',
  kind: 'NetworkPolicy',
  metadata: { name: 'default-deny', namespace: 'team-a' },
  spec: {
    podSelector: {},
    policyTypes: ['Ingress', 'Egress'],
    ingress: [
      {
        from: [{ namespaceSelector: { matchLabels: { team: 'a' } } }],
        ports: [{ protocol: 'TCP', port: 443 }, { port: 'https' }],
      },
    ],
  },
};
const service = {
  apiVersion: 'v1',
  kind: 'Service',
  metadata: { name: 'web', namespace: 'team-a' },
  spec: {
    type: 'ClusterIP',
    selector: { app: 'web' },
    ports: [
      { name: 'http', port: 80, targetPort: 8080, protocol: 'TCP' },
      { name: 'https', port: 443, targetPort: 'https' },
    ],
  },
};
const roleBinding = {
  apiVersion: 'rbac.authorization.k8s.io/v1',
  kind: 'RoleBinding',
  metadata: { name: 'readers', namespace: 'team-a' },
  roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'calico-policy-reader' },
  subjects: [{ kind: 'ServiceAccount', name: 'ci', namespace: 'team-a' }],
};
const deployment = {
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web', namespace: 'team-a' },
  spec: {
    replicas: 2,
    selector: { matchLabels: { app: 'web' } },
    template: {
      metadata: { labels: { app: 'web' } },
      spec: {
        containers: [
          {
            name: 'web',
            image: 'nginx:1.27',
            ports: [{ containerPort: 8080 }],
            resources: { limits: { cpu: '500m', memory: '128Mi' } },
          },
        ],
      },
    },
  },
};
const csr = {
  apiVersion: 'certificates.k8s.io/v1',
  kind: 'CertificateSigningRequest',
  metadata: { name: 'node-1' },
  spec: { request: 'LS0tLS1CRUdJTg==', signerName: 'kubernetes.io/kube-apiserver-client', usages: ['client auth'] },
};

describe('valid built-in objects', () => {
  test.each([
    ['Namespace', namespace],
    ['ClusterRole', clusterRole],
    ['NetworkPolicy (networking.k8s.io)', networkPolicy],
    ['Service', service],
    ['RoleBinding', roleBinding],
    ['Deployment', deployment],
    ['CertificateSigningRequest', csr],
    ['ServiceAccount', { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'ci', namespace: 'team-a' } }],
    ['ConfigMap', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cfg' }, data: { 'a.yaml': 'x: 1' } }],
    [
      'Secret',
      { apiVersion: 'v1', kind: 'Secret', metadata: { name: 's' }, type: 'Opaque', stringData: { password: 'p' } },
    ],
  ])('%s', (_title, doc) => {
    expect(check(doc)).toEqual([]);
  });
});

describe('invalid built-in objects', () => {
  test('wrong type', () => {
    expect(check({ ...service, spec: { ...service.spec, ports: [{ port: '80' }] } })).toEqual([
      'spec.ports[0].port: Invalid value: "80": must be of type integer [k8s.schema]',
    ]);
    expect(check({ ...namespace, metadata: { name: 'team-a', labels: { tier: 1 } } })).toEqual([
      'metadata.labels.tier: Invalid value: 1: must be of type string [k8s.schema]',
    ]);
    expect(check({ ...clusterRole, rules: { verbs: ['get'] } })).toEqual([
      'rules: Invalid value: "object": must be of type array [k8s.schema]',
    ]);
  });

  test('int-or-string fields take both, nothing else', () => {
    expect(check({ ...service, spec: { ...service.spec, ports: [{ port: 80, targetPort: true }] } })).toEqual([
      'spec.ports[0].targetPort: Invalid value: true: must be of type string or integer [k8s.schema]',
    ]);
  });

  test('unknown fields at any depth, including metadata', () => {
    expect(check({ ...networkPolicy, spec: { ...networkPolicy.spec, podSelektor: {} } })).toEqual([
      'spec.podSelektor: unknown field "spec.podSelektor" [k8s.schema]',
    ]);
    expect(check({ ...clusterRole, rules: [{ ...clusterRole.rules[0], resourceName: ['x'] }] })).toEqual([
      'rules[0].resourceName: unknown field "rules[0].resourceName" [k8s.schema]',
    ]);
    expect(check({ ...namespace, metadata: { ...namespace.metadata, label: {} } })).toEqual([
      'metadata.label: unknown field "metadata.label" [k8s.schema]',
    ]);
    expect(check({ ...namespace, data: {} })).toEqual(['data: unknown field "data" [k8s.schema]']);
  });

  test('free-form objects (RawExtension, maps) do not report their keys as unknown', () => {
    expect(check({ ...deployment, metadata: { ...deployment.metadata, annotations: { 'any/key': 'v' } } })).toEqual([]);
  });

  test('missing required fields', () => {
    const { roleRef: _omit, ...noRoleRef } = roleBinding;
    expect(check(noRoleRef)).toEqual(['roleRef: Required value [k8s.schema]']);
    expect(check({ ...clusterRole, rules: [{ apiGroups: [''], resources: ['pods'] }] })).toEqual([
      'rules[0].verbs: Required value [k8s.schema]',
    ]);
    expect(check({ ...namespace, metadata: {} })).toEqual([
      'metadata.name: Required value: name or generateName is required [k8s.schema]',
    ]);
    expect(check({ apiVersion: 'v1', kind: 'Namespace' })).toEqual(['metadata: Required value [k8s.schema]']);
  });

  test('bad enum value', () => {
    expect(check({ ...service, spec: { ...service.spec, type: 'Internal' } })).toEqual([
      'spec.type: Unsupported value: "Internal": supported values: "ClusterIP", "ExternalName", "LoadBalancer", "NodePort" [k8s.schema]',
    ]);
    expect(check({ ...networkPolicy, spec: { ...networkPolicy.spec, policyTypes: ['Inbound'] } })).toEqual([
      'spec.policyTypes[0]: Unsupported value: "Inbound": supported values: "Egress", "Ingress" [k8s.schema]',
    ]);
  });

  test('formats: quantities, int32, date-time', () => {
    const container = deployment.spec.template.spec.containers[0];
    const withContainer = (c: any) => ({
      ...deployment,
      spec: { ...deployment.spec, template: { ...deployment.spec.template, spec: { containers: [c] } } },
    });
    expect(check(withContainer({ ...container, resources: { limits: { cpu: '1.2.3' } } }))).toEqual([
      'spec.template.spec.containers[0].resources.limits.cpu: Invalid value: "1.2.3": must be of format quantity [k8s.schema]',
    ]);
    expect(check({ ...deployment, spec: { ...deployment.spec, replicas: 2 ** 31 } })).toEqual([
      'spec.replicas: Invalid value: 2147483648: must be of format int32 [k8s.schema]',
    ]);
    expect(check({ ...namespace, metadata: { ...namespace.metadata, creationTimestamp: 'yesterday' } })).toEqual([
      'metadata.creationTimestamp: Invalid value: "yesterday": must be of format date-time [k8s.schema]',
    ]);
  });

  test('problems carry kind, name and namespace', () => {
    const problems = validateManifests([{ ...service, spec: { ...service.spec, type: 'Internal' } }], {
      crds: crdsDir(),
    });
    expect(problems).toContainEqual(
      expect.objectContaining({
        kind: 'Service',
        name: 'web',
        namespace: 'team-a',
        path: 'spec.type',
        rule: 'k8s.schema',
      }),
    );
  });

  test('kubernetes: false skips built-in kinds', () => {
    expect(check({ ...service, spec: { ...service.spec, type: 'Internal' } }, false)).toEqual([]);
  });
});

describe('kinds without a known schema', () => {
  test('third-party CRD objects are not checked and not reported', () => {
    expect(
      check({
        apiVersion: 'cert-manager.io/v1',
        kind: 'Certificate',
        metadata: { name: 'c' },
        spec: { anything: ['goes', 1] },
      }),
    ).toEqual([]);
  });

  test('a misspelt built-in kind is not checked either', () => {
    expect(check({ apiVersion: 'v1', kind: 'Namspace', metadata: { name: 'a' }, bogus: 1 })).toEqual([]);
  });
});

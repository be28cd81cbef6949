// The access constructs render cdk8s ApiObjects (they were built on cdk8s-plus-27 and render byte-identically): the
// deprecated handles (AccessRole.clusterRole, SecureNamespace.serviceAccount, ...) still work with the kplus APIs of
// every line, and the rough edges kplus rendered (ports: [], resourceNames: [], one rule per resource, chart
// namespace on cluster-scoped objects) stay fixed without changing what the objects mean.
import { ApiObject, Chart, Testing } from 'cdk8s';
import * as fc from 'fast-check';
import {
  AccessRisk,
  AccessRole,
  AccessRule,
  DashboardAdmin,
  NetworkPeer,
  NetworkPort,
  PodSecurityLevel,
  SecureNamespace,
  Subject,
} from '../../lib/access';
import { KubeNetworkPolicy } from '../../lib/policy/kubernetes';
import { Kplus, KPLUS_LINES } from '../kplus/lines';

function chart(ns?: string): Chart {
  return new Chart(Testing.app(), 'test', { namespace: ns });
}

describe('KubeNetworkPolicy', () => {
  test('renders an ApiObject (the deprecated policy handle finds it); rules render without ports: []', () => {
    const c = chart();
    const p = new KubeNetworkPolicy(c, 'P', {
      name: 'web',
      namespace: 'dev',
      podLabels: { app: 'web' },
      isolateEgress: true,
    });
    expect(ApiObject.isApiObject(p.apiObject)).toBe(true);
    expect(ApiObject.of(p.policy)).toBe(p.apiObject);
    expect([p.apiObject.node.path, p.policy.kind, p.policy.apiGroup, p.policy.resourceType]).toEqual([
      'test/P/Policy/Resource',
      'NetworkPolicy',
      'networking.k8s.io',
      'networkpolicies',
    ]);
    p.addIngress([NetworkPeer.pods({ app: 'api' })]);
    const [doc] = Testing.synth(c);
    expect(doc.metadata).toEqual({ name: 'web', namespace: 'dev' });
    expect(doc.spec).toEqual({
      podSelector: { matchLabels: { app: 'web' } },
      policyTypes: ['Ingress', 'Egress'],
      ingress: [{ from: [{ podSelector: { matchLabels: { app: 'api' } } }] }],
    });
  });

  test('peers sharing ports form one rule; a rule without peers admits anyone on its ports', () => {
    const c = chart();
    new KubeNetworkPolicy(c, 'P', { name: 'mixed', namespace: 'dev' })
      .addIngress(
        [NetworkPeer.ipBlock('172.16.0.0/16', ['172.16.8.0/24']), NetworkPeer.namespaceNamed('ops')],
        [NetworkPort.tcp(80), NetworkPort.tcpRange(8000, 8080)],
      )
      .addIngress([], [NetworkPort.udp(53)])
      .addEgress();
    const spec = Testing.synth(c)[0].spec;
    expect(spec.ingress).toEqual([
      {
        from: [
          { ipBlock: { cidr: '172.16.0.0/16', except: ['172.16.8.0/24'] } },
          { namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'ops' } }, podSelector: {} },
        ],
        ports: [
          { port: 80, protocol: 'TCP' },
          { endPort: 8080, port: 8000, protocol: 'TCP' },
        ],
      },
      { ports: [{ port: 53, protocol: 'UDP' }] },
    ]);
    expect(spec.egress).toEqual([{}]);
    expect(spec.policyTypes).toEqual(['Ingress', 'Egress']);
  });

  test('peers with different ports stay in separate rules (merging them would widen the grant)', () => {
    const c = chart();
    new KubeNetworkPolicy(c, 'P', { name: 'two', namespace: 'dev' })
      .addIngress([NetworkPeer.pods({ a: '1' })], [NetworkPort.tcp(80)])
      .addIngress([NetworkPeer.pods({ b: '2' })], [NetworkPort.tcp(443)]);
    expect(Testing.synth(c)[0].spec.ingress).toHaveLength(2);
  });

  test('IPv6 blocks render as given', () => {
    const c = chart();
    new KubeNetworkPolicy(c, 'P', { name: 'v6', namespace: 'dev' }).addEgress([NetworkPeer.ipBlock('fd00::/64')]);
    expect(Testing.synth(c)[0].spec.egress).toEqual([{ to: [{ ipBlock: { cidr: 'fd00::/64' } }] }]);
  });
});

/** Every (apiGroup, resource, resourceName, verb) a list of rules grants. */
function grants(rules: readonly AccessRule[]): string[] {
  const out = new Set<string>();
  for (const r of rules) {
    const names = r.resourceNames && r.resourceNames.length > 0 ? r.resourceNames : ['<all>'];
    for (const g of r.apiGroups ?? [])
      for (const res of r.resources ?? [])
        for (const n of names) for (const v of r.verbs) out.add(`${g}|${res}|${n}|${v}`);
  }
  return [...out].sort();
}

describe('AccessRole: ClusterRole and bindings as ApiObjects', () => {
  test('the role and the bindings are ApiObjects at the paths cdk8s-plus gave them', () => {
    const c = chart('apps');
    const role = AccessRole.podsViewer(c, 'Viewer');
    const binding = role.grant(Subject.user('wang'), 'dev');
    expect(ApiObject.isApiObject(binding) && ApiObject.isApiObject(role.roleObject)).toBe(true);
    expect([role.roleObject!.node.path, binding.node.path]).toEqual([
      'test/Viewer/Resource/Resource',
      'test/Viewer/RoleBinding-dev-pods-viewer-user-wang/Resource',
    ]);
    expect(ApiObject.of(role.clusterRole)).toBe(role.roleObject);
    expect(
      AccessRole.clusterAdmin(c, 'Admin', { acknowledgeRisks: [AccessRisk.CLUSTER_ADMIN] }).roleObject,
    ).toBeUndefined();
  });
});

// The deprecated handles carry what cdk8s-plus reads of its own resources, so code that passed them to kplus works
// with either line (typed: kplus-27 and kplus-33 classes are referenced without a cast).
describe.each(KPLUS_LINES)('deprecated handles passed to %s', (_line, k: Kplus) => {
  test("a kplus RoleBinding references the role; a kplus subject is bound; the result matches the library's own", () => {
    const c = chart('apps');
    const role = AccessRole.podsViewer(c, 'Viewer');
    role.grant(Subject.user('wang'), 'dev');
    const own = new k.RoleBinding(c, 'Own', { metadata: { name: 'own', namespace: 'qa' }, role: role.clusterRole });
    own.addSubjects(k.Group.fromName(c, 'Qa', 'qa-team'), Subject.user('li').toKplus(c, 'Li'));
    const docs = Testing.synth(c);
    expect(docs.find((d) => d.metadata.name === 'own').subjects).toEqual([
      { apiGroup: 'rbac.authorization.k8s.io', kind: 'Group', name: 'qa-team' },
      { apiGroup: 'rbac.authorization.k8s.io', kind: 'User', name: 'li' },
    ]);
    const clusterRole = docs.find((d) => d.kind === 'ClusterRole');
    expect(clusterRole.metadata).toEqual({ name: 'pods-viewer' });
    expect(JSON.stringify(clusterRole.rules)).not.toContain('resourceNames');
    expect(docs.find((d) => d.metadata.name === 'own').roleRef).toEqual({
      apiGroup: 'rbac.authorization.k8s.io',
      kind: 'ClusterRole',
      name: 'pods-viewer',
    });
    expect(docs.find((d) => d.metadata.name === 'pods-viewer-user-wang').subjects).toEqual([
      { apiGroup: 'rbac.authorization.k8s.io', kind: 'User', name: 'wang' },
    ]);
  });

  test("a kplus workload runs as the SecureNamespace's ServiceAccount; a kplus binding binds it", () => {
    const c = chart();
    const ns = new SecureNamespace(c, 'Dev', {
      name: 'dev',
      serviceAccountName: 'app',
      podSecurity: { enforce: PodSecurityLevel.BASELINE },
    });
    new k.Deployment(c, 'Web', {
      metadata: { namespace: 'dev' },
      serviceAccount: ns.serviceAccount,
      containers: [{ image: 'nginx', portNumber: 8080 }],
    });
    const viewer = AccessRole.podsViewer(c, 'Viewer');
    new k.RoleBinding(c, 'Bind', {
      metadata: { name: 'app-view', namespace: 'dev' },
      role: viewer.clusterRole,
    }).addSubjects(ns.serviceAccount);
    const docs = Testing.synth(c);
    expect(docs.find((d) => d.kind === 'Deployment').spec.template.spec.serviceAccountName).toBe('app');
    expect(docs.find((d) => d.metadata.name === 'app-view').subjects).toEqual([
      { apiGroup: '', kind: 'ServiceAccount', name: 'app', namespace: 'dev' },
    ]);
    expect(ApiObject.of(ns.serviceAccount)).toBe(ns.serviceAccountObject);
    expect(ApiObject.of(ns.namespace)).toBe(ns.namespaceObject);
  });

  test('the DashboardAdmin handles find their objects; a kplus binding binds its account', () => {
    const c = chart();
    const d = new DashboardAdmin(c, 'Dash', {
      acknowledgeRisks: [AccessRisk.CLUSTER_ADMIN, AccessRisk.LONG_LIVED_TOKEN],
    });
    expect([ApiObject.of(d.serviceAccount), ApiObject.of(d.tokenSecret), ApiObject.of(d.binding)]).toEqual([
      d.serviceAccountObject,
      d.tokenSecretObject,
      d.bindingObject,
    ]);
    const role = new k.ClusterRole(c, 'Reader');
    role.allowRead(k.ApiResource.PODS);
    role.bind(d.serviceAccount);
    const docs = Testing.synth(c);
    const own = docs.find((x) => x.kind === 'ClusterRoleBinding' && x.roleRef.name !== 'cluster-admin');
    expect(own.subjects).toEqual([
      { apiGroup: '', kind: 'ServiceAccount', name: 'dashboard-admin', namespace: 'kube-system' },
    ]);
    expect(docs.find((x) => x.kind === 'Secret')).toEqual({
      apiVersion: 'v1',
      kind: 'Secret',
      type: 'kubernetes.io/service-account-token',
      metadata: {
        name: 'dashboard-admin-secret',
        namespace: 'kube-system',
        annotations: {
          'cdk8s-calico.io/acknowledged-risks': 'long-lived-token',
          'kubernetes.io/service-account.name': 'dashboard-admin',
        },
      },
    });
  });
});

describe('AccessRole rules', () => {
  test('rules are rendered grouped as written, resourceNames kept where given', () => {
    const c = chart();
    new AccessRole(c, 'R', {
      rules: [
        { apiGroups: ['', 'apps'], resources: ['pods', 'deployments'], verbs: ['get'] },
        {
          apiGroups: ['projectcalico.org'],
          resources: ['tiers'],
          verbs: ['get'],
          resourceNames: ['security', 'platform'],
        },
      ],
    });
    expect(Testing.synth(c)[0].rules).toEqual([
      { apiGroups: ['', 'apps'], resources: ['pods', 'deployments'], verbs: ['get'] },
      {
        apiGroups: ['projectcalico.org'],
        resourceNames: ['security', 'platform'],
        resources: ['tiers'],
        verbs: ['get'],
      },
    ]);
  });

  test('property: the rendered rules grant exactly what the written rules grant', () => {
    const word = fc.constantFrom('a', 'b', 'c', 'd');
    const list = fc.uniqueArray(word, { minLength: 1, maxLength: 3 });
    const rule = fc.record({
      apiGroups: fc.uniqueArray(fc.constantFrom('', 'apps', 'batch'), { minLength: 1, maxLength: 2 }),
      resources: list,
      verbs: fc.uniqueArray(fc.constantFrom('get', 'list', 'watch'), { minLength: 1, maxLength: 3 }),
      resourceNames: fc.option(list, { nil: undefined }),
    });
    fc.assert(
      fc.property(fc.array(rule, { minLength: 1, maxLength: 5 }), (rules: AccessRule[]) => {
        const c = chart();
        new AccessRole(c, 'R', { name: 'r', rules });
        expect(grants(Testing.synth(c)[0].rules)).toEqual(grants(rules));
      }),
      { numRuns: 150 },
    );
  });
});

// What users pass in is read structurally (IKubeResource), so objects of either line work the same.
describe.each(KPLUS_LINES)('objects of %s passed to the access constructs', (_line, k: Kplus) => {
  test('a ServiceAccount is a Subject: its name and namespace, or the namespace given', () => {
    const c = chart('apps');
    const sa = new k.ServiceAccount(c, 'Sa', { metadata: { name: 'ci', namespace: 'build' } });
    const role = AccessRole.podsViewer(c, 'Viewer');
    role.grant(Subject.serviceAccount(sa), 'dev');
    role.grant(Subject.serviceAccount(sa, 'other'), 'qa');
    const subjects = Testing.synth(c)
      .filter((d) => d.kind === 'RoleBinding')
      .map((d) => d.subjects[0]);
    expect(subjects.map((s) => [s.kind, s.name, s.namespace])).toEqual([
      ['ServiceAccount', 'ci', 'build'],
      ['ServiceAccount', 'ci', 'other'],
    ]);
  });

  test('a Service is not a ServiceAccount', () => {
    const c = chart();
    const svc = new k.Service(c, 'Svc', { ports: [{ port: 80 }] });
    expect(() => Subject.serviceAccount(svc, 'dev')).toThrow(
      /\[Subject.serviceAccount\] account: expected a ServiceAccount construct .* rendering v1 Service; fix: /,
    );
  });

  test("a workload in a SecureNamespace is checked against the namespace's level; a hardened one passes", () => {
    const workload = (c: Chart, hardened: boolean) =>
      new k.Deployment(c, 'Web', {
        metadata: { namespace: 'dev' },
        containers: [
          {
            image: 'nginx',
            securityContext: hardened
              ? { ensureNonRoot: true, allowPrivilegeEscalation: false, user: 1000 }
              : { privileged: true, ensureNonRoot: false },
          },
        ],
        securityContext: hardened ? { ensureNonRoot: true } : undefined,
      });
    const bad = Testing.app();
    new SecureNamespace(new Chart(bad, 'c'), 'Dev', { name: 'dev' });
    workload(bad.charts[0], false);
    expect(() => bad.synth()).toThrow(/securityContext\.privileged.*\[psa\.privileged\]/s);
    const good = Testing.app();
    new SecureNamespace(new Chart(good, 'c'), 'Dev', {
      name: 'dev',
      podSecurity: { enforce: PodSecurityLevel.BASELINE },
    });
    workload(good.charts[0], true);
    expect(() => good.synth()).not.toThrow();
  });
});

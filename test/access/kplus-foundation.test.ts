// Our access constructs are built on cdk8s-plus-27 (NetworkPolicy, ClusterRole, RoleBinding, ClusterRoleBinding):
// kplus handles stay usable, and the rough edges kplus renders (ports: [], resourceNames: [], one rule per
// resource, chart namespace on cluster-scoped objects) are fixed without changing what the objects mean.
import { Chart, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import * as fc from 'fast-check';
import { AccessRole, AccessRule, KubeNetworkPolicy, NetworkPeer, NetworkPort, Subject } from '../../lib/access';

function chart(ns?: string): Chart {
  return new Chart(Testing.app(), 'test', { namespace: ns });
}

describe('KubeNetworkPolicy on kplus.NetworkPolicy', () => {
  test('exposes the kplus policy; rules added through kplus are rendered without ports: []', () => {
    const c = chart();
    const p = new KubeNetworkPolicy(c, 'P', { name: 'web', namespace: 'dev', podLabels: { app: 'web' }, isolateEgress: true });
    expect(p.policy).toBeInstanceOf(kplus.NetworkPolicy);
    p.policy.addIngressRule(kplus.Pods.select(c, 'Api', { labels: { app: 'api' } }));
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
      .addIngress([NetworkPeer.ipBlock('172.16.0.0/16', ['172.16.8.0/24']), NetworkPeer.namespaceNamed('ops')], [NetworkPort.tcp(80), NetworkPort.tcpRange(8000, 8080)])
      .addIngress([], [NetworkPort.udp(53)])
      .addEgress();
    const spec = Testing.synth(c)[0].spec;
    expect(spec.ingress).toEqual([
      {
        from: [
          { ipBlock: { cidr: '172.16.0.0/16', except: ['172.16.8.0/24'] } },
          { namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'ops' } }, podSelector: {} },
        ],
        ports: [{ port: 80, protocol: 'TCP' }, { endPort: 8080, port: 8000, protocol: 'TCP' }],
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

  test('IPv6 blocks go through kplus ipv6', () => {
    const c = chart();
    new KubeNetworkPolicy(c, 'P', { name: 'v6', namespace: 'dev' }).addEgress([NetworkPeer.ipBlock('fd00::/64')]);
    expect(Testing.synth(c)[0].spec.egress).toEqual([{ to: [{ ipBlock: { cidr: 'fd00::/64' } }] }]);
  });
});

/** Every (apiGroup, resource, resourceName, verb) a list of rules grants. */
function grants(rules: Array<{ apiGroups: string[]; resources: string[]; verbs: string[]; resourceNames?: string[] }>): string[] {
  const out = new Set<string>();
  for (const r of rules) {
    const names = r.resourceNames && r.resourceNames.length > 0 ? r.resourceNames : ['<all>'];
    for (const g of r.apiGroups) for (const res of r.resources) for (const n of names) for (const v of r.verbs) out.add(`${g}|${res}|${n}|${v}`);
  }
  return [...out].sort();
}

describe('AccessRole on kplus.ClusterRole and bindings', () => {
  test('handles are kplus objects, and a kplus RoleBinding can reference the role', () => {
    const c = chart('apps');
    const role = AccessRole.podsViewer(c, 'Viewer');
    expect(role.clusterRole).toBeInstanceOf(kplus.ClusterRole);
    const binding = role.grant(Subject.user('wang'), 'dev');
    expect(binding).toBeInstanceOf(kplus.RoleBinding);
    const own = new kplus.RoleBinding(c, 'Own', { metadata: { name: 'own', namespace: 'qa' }, role: role.clusterRole });
    own.addSubjects(kplus.Group.fromName(c, 'Qa', 'qa-team'));
    const docs = Testing.synth(c);
    const clusterRole = docs.find((d) => d.kind === 'ClusterRole');
    expect(clusterRole.metadata).toEqual({ name: 'pods-viewer' });
    expect(JSON.stringify(clusterRole.rules)).not.toContain('resourceNames');
    expect(docs.find((d) => d.metadata.name === 'own').roleRef).toEqual({ apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'pods-viewer' });
    expect(docs.find((d) => d.metadata.name === 'pods-viewer-user-wang').subjects).toEqual([{ apiGroup: 'rbac.authorization.k8s.io', kind: 'User', name: 'wang' }]);
  });

  test('rules are rendered grouped as written, resourceNames kept where given', () => {
    const c = chart();
    new AccessRole(c, 'R', {
      rules: [
        { apiGroups: ['', 'apps'], resources: ['pods', 'deployments'], verbs: ['get'] },
        { apiGroups: ['projectcalico.org'], resources: ['tiers'], verbs: ['get'], resourceNames: ['security', 'platform'] },
      ],
    });
    expect(Testing.synth(c)[0].rules).toEqual([
      { apiGroups: ['', 'apps'], resources: ['pods', 'deployments'], verbs: ['get'] },
      { apiGroups: ['projectcalico.org'], resourceNames: ['security', 'platform'], resources: ['tiers'], verbs: ['get'] },
    ]);
  });

  test('property: the rendered rules grant exactly what the written rules grant', () => {
    const word = fc.constantFrom('a', 'b', 'c', 'd');
    const list = fc.uniqueArray(word, { minLength: 1, maxLength: 3 });
    const rule = fc.record({ apiGroups: fc.uniqueArray(fc.constantFrom('', 'apps', 'batch'), { minLength: 1, maxLength: 2 }), resources: list, verbs: fc.uniqueArray(fc.constantFrom('get', 'list', 'watch'), { minLength: 1, maxLength: 3 }), resourceNames: fc.option(list, { nil: undefined }) });
    fc.assert(fc.property(fc.array(rule, { minLength: 1, maxLength: 5 }), (rules: AccessRule[]) => {
      const c = chart();
      new AccessRole(c, 'R', { name: 'r', rules });
      expect(grants(Testing.synth(c)[0].rules)).toEqual(grants(rules));
    }), { numRuns: 150 });
  });
});

// The issue-17 benchmark generator: every document it makes is valid (as kube-apiserver and Calico would accept it),
// the same options give the same documents, and the promised variety is actually present.
import { DIVERSE_NODES, diverseCluster, diverseClusterFeatures } from '../../bench/diverse-cluster';
import { validateManifests } from '../../lib/validation';

const problemsOf = (docs: any[]) => validateManifests(docs).map((p) => `${p.path ?? ''} ${p.message}`);

describe('diverseCluster', () => {
  const plain = diverseCluster({ pods: 300, seed: 5 });
  const calico = diverseCluster({ pods: 300, seed: 5, calico: true });

  test.each([
    ['plain', plain],
    ['calico', calico],
  ])('every %s document validates', (_, docs) => {
    expect(problemsOf(docs)).toEqual([]);
  });

  test('same options give the same documents; another seed gives others', () => {
    expect(diverseCluster({ pods: 300, seed: 5, calico: true })).toEqual(calico);
    expect(diverseCluster({ pods: 300, seed: 6, calico: true })).not.toEqual(calico);
  });

  test('pods, policies: the counts asked for; pod IPs unique', () => {
    const pods = calico.filter((d) => d.kind === 'Pod');
    expect(pods).toHaveLength(300);
    expect(new Set(pods.map((p) => p.status.podIP)).size).toBe(300);
    expect(new Set(pods.map((p) => p.spec.nodeName)).size).toBeGreaterThan(DIVERSE_NODES * 0.9);
    const policyKinds = ['NetworkPolicy', 'GlobalNetworkPolicy', 'ClusterNetworkPolicy'];
    expect(calico.filter((d) => policyKinds.includes(d.kind))).toHaveLength(150);
    expect(plain.filter((d) => policyKinds.includes(d.kind))).toHaveLength(150);
    expect(diverseCluster({ pods: 40, policies: 7 }).filter((d) => d.kind === 'NetworkPolicy')).toHaveLength(7);
  });

  test('the variety of issue 17 is present', () => {
    const f = diverseClusterFeatures(plain);
    expect(f['kind:Namespace']).toBe(20);
    expect(new Set(plain.filter((d) => d.kind === 'Pod').map((p) => p.metadata.labels.app)).size).toBeGreaterThan(30);
    for (const labels of [2, 3, 4]) expect(f[`pod-labels:${labels}`]).toBeGreaterThan(0);
    expect(
      Object.keys(f)
        .filter((k) => k.startsWith('pod-labels:'))
        .sort(),
    ).toEqual(['pod-labels:2', 'pod-labels:3', 'pod-labels:4']);
    for (const feature of [
      'pod-named-ports',
      'default-deny',
      'dns-egress',
      'op:In',
      'op:NotIn',
      'op:Exists',
      'op:DoesNotExist',
      'all-ports-rule',
      'port-range',
      'any-peer-rule',
      'ipblock-except',
      'combined-peer',
      'pod-peer',
      'namespace-peer',
    ]) {
      expect([feature, f[feature] ?? 0]).toEqual([feature, expect.any(Number)]);
      expect(f[feature]).toBeGreaterThan(0);
    }
    expect(f['kind:GlobalNetworkPolicy']).toBeUndefined();
    expect(f['kind:ClusterNetworkPolicy']).toBeUndefined();
  });

  test('the calico setting mixes in tiers, host endpoints, Calico policies and ClusterNetworkPolicies', () => {
    const f = diverseClusterFeatures(calico);
    expect(f['kind:Tier']).toBe(2);
    expect(f['kind:HostEndpoint']).toBe(DIVERSE_NODES);
    for (const feature of [
      'kind:GlobalNetworkPolicy',
      'calico:Allow',
      'calico:Deny',
      'calico:Pass',
      'cnp:Admin',
      'cnp:Baseline',
    ])
      expect([feature, f[feature] > 0]).toEqual([feature, true]);
    const calicoNamespaced = calico.filter(
      (d) => d.kind === 'NetworkPolicy' && d.apiVersion === 'projectcalico.org/v3',
    );
    expect(calicoNamespaced.length).toBeGreaterThan(0);
    expect(new Set(calicoNamespaced.map((d) => d.spec.tier))).toEqual(new Set(['default', 'platform']));
  });

  test('bad pod counts are refused with a fix', () => {
    expect(() => diverseCluster({ pods: -1 })).toThrow(/\[diverseCluster\] pods: expected .*fix:/);
  });
});

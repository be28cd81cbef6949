// lint.order-overrides-kubernetes-policy (Calico issue 9292: a GNP at order 999 always wins over Kubernetes
// NetworkPolicies, converted into tier default at order 1000 by libcalico-go conversion.go) and
// lint.created-by-label (kube-controllers owns host endpoints labelled projectcalico.org/created-by).
import { lintCreatedByLabels, lintManifests, lintOrderOverrides } from '../../lib/lint';
import { deployment, gnp, hep, hits, knp, namespace, np, pod } from './fixtures';

const ORDER = 'lint.order-overrides-kubernetes-policy';
const order = (docs: any[]) => hits(lintOrderOverrides(docs), ORDER);

describe('lint.order-overrides-kubernetes-policy', () => {
  const k8s = knp('shop', 'web-ingress', {
    podSelector: { matchLabels: { app: 'web' } },
    policyTypes: ['Ingress'],
    ingress: [{ from: [{ podSelector: {} }] }],
  });
  const early = (o: number | undefined, extra: Record<string, unknown> = {}) =>
    gnp('block', {
      order: o,
      selector: "app == 'web'",
      ingress: [{ action: 'Deny', source: { nets: ['10.1.0.0/16'] } }],
      ...extra,
    });

  test('issue 9292: order 999 in tier default overrides; 1000, above, or no order does not', () => {
    const found = lintManifests([k8s, early(999)]).filter((f) => f.rule === ORDER);
    expect(found.map((f) => `${f.severity} ${f.kind}/${f.name} ${f.path}`)).toEqual([
      'warning GlobalNetworkPolicy/block spec.order',
    ]);
    expect(found[0].message).toMatch(
      /^order 999 in tier default runs before Kubernetes NetworkPolicy shop\/web-ingress, which Calico puts in tier default at order 1000.*silently override them; fix: if the precedence is intended, move the policy to its own tier/,
    );
    expect(order([k8s, early(1000)])).toEqual([]);
    expect(order([k8s, early(2000)])).toEqual([]);
    expect(order([k8s, early(undefined)])).toEqual([]);
    expect(order([k8s, early(-5, { tier: 'default' })])).toEqual(['GlobalNetworkPolicy/block spec.order']);
  });

  test('not flagged: another tier, no Kubernetes policies, Log-only rules, preDNAT, staged, ingress rules of a disabled direction', () => {
    expect(order([k8s, early(10, { tier: 'security' })])).toEqual([]);
    expect(order([early(10)])).toEqual([]);
    expect(order([k8s, gnp('log', { order: 10, selector: 'all()', ingress: [{ action: 'Log' }] })])).toEqual([]);
    expect(order([k8s, early(10, { preDNAT: true, applyOnForward: true })])).toEqual([]);
    expect(order([k8s, { ...early(10), kind: 'StagedGlobalNetworkPolicy' }])).toEqual([]);
    expect(order([k8s, early(10, { types: ['Egress'], egress: [] })])).toEqual([]);
  });

  test('without workloads: a Calico NetworkPolicy only overrides Kubernetes policies of its namespace; namespaceSelector scopes a GNP', () => {
    const calico = np('shop', 'early', { order: 100, selector: 'all()', egress: [{ action: 'Allow' }] });
    expect(order([k8s, calico])).toEqual(['NetworkPolicy/shop/early spec.order']);
    expect(order([k8s, { ...calico, metadata: { name: 'early', namespace: 'billing' } }])).toEqual([]);
    expect(order([namespace('shop', { env: 'prod' }), k8s, early(10, { namespaceSelector: "env == 'dev'" })])).toEqual(
      [],
    );
    expect(order([namespace('shop', { env: 'prod' }), k8s, early(10, { namespaceSelector: "env == 'prod'" })])).toEqual(
      ['GlobalNetworkPolicy/block spec.order'],
    );
  });

  test('with workloads: only pods selected by both count, and the message says how many', () => {
    const docs = [
      namespace('shop'),
      pod('shop', 'web-1', { labels: { app: 'web' } }),
      deployment('shop', 'web', { app: 'web' }),
      deployment('shop', 'api', { app: 'api' }),
      k8s,
    ];
    const found = lintOrderOverrides([...docs, early(10)]);
    expect(found[0].message).toContain('for the 2 workload(s) both select');
    expect(
      order([...docs, gnp('api', { order: 10, selector: "app == 'api'", ingress: [{ action: 'Allow' }] })]),
    ).toEqual([]);
  });
});

const CREATED = 'lint.created-by-label';

describe('lint.created-by-label', () => {
  test('a HostEndpoint labelled calico-kube-controllers: kube-controllers rewrites and deletes it', () => {
    const doc = hep(
      'n1-eth0',
      { node: 'n1', interfaceName: 'eth0' },
      { 'projectcalico.org/created-by': 'calico-kube-controllers' },
    );
    const found = lintManifests([doc]).filter((f) => f.rule === CREATED);
    expect(found.map((f) => `${f.severity} ${f.kind}/${f.name} ${f.path}`)).toEqual([
      'warning HostEndpoint/n1-eth0 metadata.labels.projectcalico.org/created-by',
    ]);
    expect(found[0].message).toMatch(
      /kube-controllers takes this HostEndpoint for one of its automatic host endpoints.*deletes it.*; fix: remove the label/,
    );
  });

  test('any other object or value carrying the label is flagged too; other labels are not', () => {
    const labelled = (o: any, value: string) => ({
      ...o,
      metadata: { ...o.metadata, labels: { 'projectcalico.org/created-by': value } },
    });
    const found = lintCreatedByLabels([
      labelled(gnp('g', {}), 'me'),
      labelled(namespace('shop'), ''),
      namespace('clean'),
      labelled(hep('h', { node: 'n' }), 'someone'),
    ]);
    expect(hits(found, CREATED)).toEqual([
      'GlobalNetworkPolicy/g metadata.labels.projectcalico.org/created-by',
      'Namespace/shop metadata.labels.projectcalico.org/created-by',
      'HostEndpoint/h metadata.labels.projectcalico.org/created-by',
    ]);
    expect(found[0].message).toMatch(/reserved for objects Calico's controllers create and own/);
    expect(
      lintCreatedByLabels([
        { kind: 'X', metadata: { labels: 'nope' } },
        { kind: 'Y', metadata: null },
      ]),
    ).toEqual([]);
  });
});

import { jsonKey } from '../../lib/lint/json-key';
import { KubernetesConversionMemo, policyViewOf } from '../../lib/lint/policy-view';
import { convertKubernetesPolicy, kubernetesPartsIn } from '../../lib/model/policy/policy-view';

/** A view made with the shared conversion memo must equal the view made without it, policy by policy. */
const STAGED = 'StagedKubernetesNetworkPolicy';
const CALICO = 'projectcalico.org/v3';

describe('policyViewOf with a conversion memo', () => {
  const knp = (
    name: unknown,
    namespace: string | undefined,
    spec: unknown,
    kind = 'NetworkPolicy',
    apiVersion = 'networking.k8s.io/v1',
  ) => ({ apiVersion, kind, metadata: namespace === undefined ? { name } : { name, namespace }, spec });
  const allowWeb = {
    podSelector: { matchLabels: { app: 'web' } },
    policyTypes: ['Ingress'],
    ingress: [{ from: [{ podSelector: {} }], ports: [{ protocol: 'TCP', port: 8080 }] }],
  };
  const denyAll = { podSelector: {}, policyTypes: ['Ingress', 'Egress'] };
  const egressDns = { podSelector: {}, policyTypes: ['Egress'], egress: [{ ports: [{ protocol: 'UDP', port: 53 }] }] };
  const docs: any[] = [
    knp('a', 'ns-1', allowWeb),
    knp('b', 'ns-1', allowWeb),
    knp('c', 'ns-2', allowWeb),
    knp('d', undefined, allowWeb),
    knp('e', 'default', allowWeb),
    knp('f', 'ns-1', denyAll),
    knp('g', 'ns-2', denyAll),
    knp('h', 'ns-1', egressDns),
    knp('', 'ns-1', allowWeb),
    knp(7, 'ns-1', allowWeb),
    knp('i', 'ns-1', { podSelector: 'not an object' }),
    knp('j', 'ns-1', { podSelector: 'not an object' }),
    knp('k', 'ns-1', { ...denyAll, policyTypes: ['Sideways'] }),
    knp('l', 'ns-1', { ...allowWeb, stagedAction: 'Set' }, STAGED, CALICO),
    knp('m', 'ns-1', allowWeb, STAGED, CALICO),
    knp('n', 'ns-1', { ...allowWeb, stagedAction: 'Delete' }, STAGED, CALICO),
    knp('o', 'ns-1', { podSelector: {}, ingress: [{ ports: [{ port: Number.NaN }] }] }),
    knp('p', 'ns-1', { podSelector: {}, ingress: [{ ports: [{ port: null }] }] }),
    knp('q', 'ns-3', { podSelector: { matchExpressions: [{ key: 'tier', operator: 'In', values: ['a', 'b'] }] } }),
    knp('r', 'ns-3', { podSelector: { matchExpressions: [{ key: 'tier', operator: 'In', values: ['a', 'b'] }] } }),
    {
      apiVersion: CALICO,
      kind: 'NetworkPolicy',
      metadata: { name: 'calico', namespace: 'ns-1' },
      spec: { selector: 'all()' },
    },
  ];

  test('same view for every document, one memo for all', () => {
    const memo: KubernetesConversionMemo = new Map();
    docs.forEach((d, i) => expect(policyViewOf(d, i, memo)).toEqual(policyViewOf(d, i)));
    // Equal namespace and spec share a conversion: fewer entries than Kubernetes policies with a valid name.
    expect(memo.size).toBeGreaterThan(0);
    expect(memo.size).toBeLessThan(docs.length - 4);
  });

  test('the name still comes from each policy', () => {
    const memo: KubernetesConversionMemo = new Map();
    const [a, b] = [policyViewOf(docs[0], 0, memo)!, policyViewOf(docs[1], 1, memo)!];
    expect([a.display, b.display]).toEqual(['ns-1/knp.default.a', 'ns-1/knp.default.b']);
    expect([a.ref, b.ref]).toEqual(['Kubernetes NetworkPolicy ns-1/a', 'Kubernetes NetworkPolicy ns-1/b']);
    expect(b.doc).toBe(docs[1]);
  });
});

describe('jsonKey', () => {
  test('equal JSON gives equal keys, different JSON different keys', () => {
    expect(jsonKey({ a: [1, 'x', null, true] })).toBe(jsonKey(JSON.parse('{"a":[1,"x",null,true]}')));
    expect(jsonKey({ a: 1 })).not.toBe(jsonKey({ a: '1' }));
    expect(jsonKey(['a,b'])).not.toBe(jsonKey(['a', 'b']));
    expect(jsonKey({ a: 1, b: 2 })).not.toBe(jsonKey({ b: 2, a: 1 }));
  });

  test.each([
    ['undefined', { a: undefined }],
    ['NaN', [Number.NaN]],
    ['Infinity', [Infinity]],
    ['-0', { port: -0 }],
    ['a function', { f: () => 1 }],
    ['a class instance', { d: new Date(0) }],
    ['a Map', new Map()],
    // eslint-disable-next-line no-sparse-arrays
    ['a sparse array', [1, , 3]],
    ['a symbol key', { [Symbol('s')]: 1 }],
  ])('no key for %s', (_what, v) => {
    expect(jsonKey(v)).toBeUndefined();
  });
});

describe('one conversion per spec, whatever the namespace', () => {
  const specs: unknown[] = [
    {
      podSelector: { matchLabels: { app: 'web' } },
      policyTypes: ['Ingress'],
      ingress: [{ from: [{ podSelector: {} }] }],
    },
    {
      podSelector: {},
      policyTypes: ['Ingress', 'Egress'],
      ingress: [{ from: [{ namespaceSelector: {} }, { ipBlock: { cidr: '10.0.0.0/8', except: ['10.1.0.0/16'] } }] }],
      egress: [
        { to: [{ podSelector: { matchLabels: { k8s: 'dns' } }, namespaceSelector: { matchLabels: { n: 'x' } } }] },
      ],
    },
    { podSelector: { matchExpressions: [{ key: 'tier', operator: 'NotIn', values: ['a'] }] }, egress: [{}] },
    { podSelector: { matchLabels: { app: 'web' } }, stagedAction: 'Set' },
    { podSelector: 'not an object' },
  ];
  const namespaces = ['ns-1', 'ns-2', 'default', 'kube-system'];

  test('kubernetesPartsIn gives what converting in that namespace gives', () => {
    for (const spec of specs) {
      const first = convertKubernetesPolicy('p', 'ns-1', spec);
      for (const ns of namespaces) {
        const direct = convertKubernetesPolicy('p', ns, spec);
        expect(first && kubernetesPartsIn(first, ns)).toEqual(direct);
      }
    }
  });

  test('views through the memo equal views without it, policies spread over namespaces and kinds', () => {
    const docs: any[] = [];
    specs.forEach((spec, s) =>
      namespaces.forEach((ns, n) => {
        docs.push({
          apiVersion: 'networking.k8s.io/v1',
          kind: 'NetworkPolicy',
          metadata: { name: `k${s}${n}`, namespace: ns },
          spec,
        });
        docs.push({ apiVersion: CALICO, kind: STAGED, metadata: { name: `s${s}${n}`, namespace: ns }, spec });
      }),
    );
    const memo: KubernetesConversionMemo = new Map();
    docs.forEach((d, i) => expect(policyViewOf(d, i, memo, new Map())).toEqual(policyViewOf(d, i)));
    expect(memo.size).toBeLessThanOrEqual(specs.length + 1); // (a staged spec keyed without its stagedAction)
  });
});

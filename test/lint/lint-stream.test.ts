/**
 * Issue 11, item 7: the CLI lints large inputs from what it keeps while reading the documents one at a time
 * (lib/lint/lint-stream.ts: projections and the model summary, segments read on two threads and merged). Its
 * findings must be exactly those of the plain in-memory lintManifests over the documents: compared here on a
 * generated, varied corpus (every kind some rule reads, Lists, documents that are no objects, findings of every
 * family), read as one segment and split into segments at many points, each posted as a structured clone.
 */
import { lintManifests, lintManifestsSeeded } from '../../lib/lint/lint-manifests';
import { lintProjection } from '../../lib/lint/lint-projection';
import { LintSegment, mergeLintSegments, streamLintDocuments, StreamedLint } from '../../lib/lint/lint-stream';
import { LintContext } from '../../lib/lint/lint-context';
import { autoHeps, denyAll, deployment, gnp, hep, knp, namespace, node, np, pod, tier } from './fixtures';
import { seededRandom as random } from '../support/seeded-random';

const CALICO = 'projectcalico.org/v3';

/**
 * `doc` as `kubectl get -o yaml` exports it, sometimes: the fields the projection drops (lint-projection.ts) are
 * there, so a projection that dropped a field a rule reads would change the findings. Pods get a status with more than
 * their address (a pod that ended keeps its address but is no endpoint: the engine reads `status.phase`), and the
 * addresses sometimes in `podIPs` only.
 */
function exported(doc: any, rnd: () => number): any {
  if (rnd() < 0.5) return doc;
  const managedFields = [{ manager: 'kubectl', operation: 'Update', fieldsV1: { 'f:metadata': { 'f:labels': {} } } }];
  const out = { ...doc, metadata: { ...doc.metadata, managedFields } };
  if (doc.kind !== 'Pod') return out;
  const ip = doc.status?.podIP ?? doc.status?.podIPs?.[0]?.ip;
  const phase = doc.status?.phase === 'Succeeded' || rnd() < 0.2 ? 'Succeeded' : 'Running';
  const status: Record<string, unknown> = {
    phase,
    hostIP: '10.0.0.1',
    conditions: [{ type: 'Ready', status: phase === 'Running' ? 'True' : 'False' }],
    containerStatuses: [{ name: 'c', ready: true, restartCount: 0, image: 'x', state: { running: {} } }],
    qosClass: 'BestEffort',
  };
  if (ip && rnd() < 0.5) status.podIPs = [{ ip }];
  else if (ip) status.podIP = ip;
  return { ...out, status };
}

/** `n` documents of every kind the lint reads, with the mistakes its rules catch sprinkled in. */
function corpus(n: number, seed: number): unknown[] {
  const rnd = random(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)];
  const apps = ['web', 'api', 'db', 'cache', 'wbe'];
  const namespaces = ['shop', 'pay', 'default', 'ops', 'kube-system'];
  const docs: unknown[] = [
    namespace('shop', { 'pod-security.kubernetes.io/enforce': 'restricted' }),
    namespace('pay', { 'pod-security.kubernetes.io/enforce': 'privileged' }),
    namespace('ops'),
    tier('security', 100, 'Pass'),
    tier('platform', 200, 'Deny'),
    autoHeps(),
    {
      apiVersion: CALICO,
      kind: 'FelixConfiguration',
      metadata: { name: 'default' },
      spec: { failsafeInboundHostPorts: [] },
    },
    { apiVersion: CALICO, kind: 'IPPool', metadata: { name: 'pods' }, spec: { cidr: '10.1.0.0/16' } },
    {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'ClusterRoleBinding',
      metadata: { name: 'admins' },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'cluster-admin' },
      subjects: [{ kind: 'User', name: 'ann' }],
    },
    {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'Role',
      metadata: { name: 'exec', namespace: 'shop' },
      rules: [{ apiGroups: [''], resources: ['pods/exec'], verbs: ['create'] }],
    },
  ];
  for (let i = 0; i < n; i++) {
    const ns = pick(namespaces);
    const app = pick(apps);
    switch (Math.floor(rnd() * 16)) {
      case 0:
        docs.push(
          pod(ns, `p-${i}`, {
            ip: `10.1.${i >> 8}.${i & 255}`,
            labels: { app },
            hostNetwork: rnd() < 0.1 ? true : undefined,
          }),
        );
        break;
      case 1:
        docs.push(deployment(ns, `d-${i}`, { app }));
        break;
      case 2:
        docs.push(node(`node-${i}`, `10.0.${i >> 8}.${i & 255}`, { role: pick(['worker', 'edge']) }));
        break;
      case 3:
        docs.push(
          hep(
            `hep-${i}`,
            {
              node: `node-${i}`,
              interfaceName: pick(['eth0', '*']),
              ...(rnd() < 0.3 ? { profiles: ['projectcalico-default-allow'] } : {}),
            },
            rnd() < 0.1
              ? { role: 'edge', 'projectcalico.org/created-by': 'someone' }
              : { role: pick(['worker', 'edge', 'lost']) },
          ),
        );
        break;
      case 4:
        docs.push(
          gnp(`g-${i}`, {
            selector: pick(['all()', 'role == "edge"', `app == "${app}"`, 'role == "nope"', '']),
            order: pick([10, 500, 2000, undefined]),
            tier: pick(['default', 'security', 'platform', undefined]),
            types: pick([['Ingress'], ['Egress'], ['Ingress', 'Egress']]),
            ingress: [
              pick([
                { action: 'Log' },
                { action: 'Deny' },
                { action: 'Allow', source: { nets: ['1.2.3.0/24'] } },
                { action: 'Allow', destination: { selector: `app == "${app}"` } },
              ]),
            ],
            egress: [
              pick([
                { action: 'Allow', protocol: 'TCP' },
                { action: 'Allow', protocol: 'UDP', destination: { ports: [53] } },
                { action: 'Log' },
              ]),
            ],
            ...pick([
              {},
              {},
              {},
              {},
              { preDNAT: true, applyOnForward: true, types: ['Ingress'], egress: undefined },
              { doNotTrack: true, applyOnForward: true },
            ]),
            ...(rnd() < 0.1 ? { namespaceSelector: 'kubernetes.io/metadata.name == "shop"' } : {}),
          }),
        );
        break;
      case 5:
        docs.push(
          np(ns, `n-${i}`, {
            selector: `app == "${app}"`,
            order: pick([100, undefined]),
            types: pick([['Ingress'], ['Egress']]),
            ingress: [{ action: 'Allow' }],
            egress: [{ action: pick(['Allow', 'Log', 'Deny']) }],
          }),
        );
        break;
      case 6:
        docs.push(
          knp(
            ns,
            `k-${i}`,
            rnd() < 0.5
              ? { podSelector: { matchLabels: { app } }, ingress: [{ ports: [{ port: 53 }] }] }
              : {
                  podSelector: {},
                  policyTypes: ['Ingress', 'Egress'],
                  egress: [{ ports: [{ protocol: 'UDP', port: 53 }] }],
                },
          ),
        );
        break;
      case 7:
        docs.push(denyAll(ns, pick([['Ingress'], ['Egress'], ['Ingress', 'Egress']]), `deny-${i}`));
        break;
      case 8:
        docs.push({
          apiVersion: CALICO,
          kind: pick(['StagedGlobalNetworkPolicy', 'StagedNetworkPolicy']),
          metadata: { name: `s-${i}`, namespace: ns },
          spec: { selector: 'has(x)' },
        });
        break;
      case 9:
        docs.push({
          apiVersion: 'v1',
          kind: 'Service',
          metadata: { name: `svc-${i}`, namespace: ns, labels: { app } },
          spec: { clusterIP: `10.96.${i >> 8}.${i & 255}`, selector: { app }, ports: [{ port: 80 }] },
        });
        break;
      case 10:
        docs.push({
          apiVersion: CALICO,
          kind: 'NetworkSet',
          metadata: { name: `set-${i}`, namespace: ns, labels: { role: 'client' } },
          spec: { nets: [`192.168.${i >> 8}.${i & 255}/32`] },
        });
        break;
      case 11:
        docs.push({
          apiVersion: 'v1',
          kind: pick(['ConfigMap', 'Secret']),
          metadata: {
            name: `cm-${i}`,
            namespace: ns,
            labels: rnd() < 0.3 ? { 'projectcalico.org/created-by': 'me' } : { app },
          },
          data: { a: 'b' },
        });
        break;
      case 12:
        docs.push({
          apiVersion: 'v1',
          kind: 'List',
          items: [pod(ns, `lp-${i}`, { labels: { app } }), knp(ns, `lk-${i}`, { podSelector: {} })],
        });
        break;
      case 13:
        docs.push({
          apiVersion: 'v1',
          kind: 'ServiceAccount',
          metadata: { name: `sa-${i}`, namespace: ns, labels: { team: app } },
        });
        break;
      case 14:
        docs.push(pick([null, 'a string', 7, ['an', 'array']]));
        break;
      default:
        docs.push(gnp(`dup-${i % 3}`, { selector: 'all()', types: ['Ingress'], ingress: [{ action: 'Deny' }] }));
        break;
    }
  }
  return docs.map((d: any) => (d !== null && typeof d === 'object' && d.kind !== undefined ? exported(d, rnd) : d));
}

/** The CLI's fast path: the projections, with the streamed summary (the plain lint when it gives none). */
function lintStreamed(streamed: StreamedLint, docs: readonly unknown[]): ReturnType<typeof lintManifests> {
  return streamed.summary ? lintManifestsSeeded(streamed.docs, {}, () => streamed.summary) : lintManifests(docs);
}

/** The documents read as segments cut at `cuts`, each posted (structured clone) and merged in order. */
function segmented(docs: readonly unknown[], cuts: readonly number[]): StreamedLint {
  const bounds = [0, ...cuts, docs.length];
  const packed = [];
  for (let s = 0; s + 1 < bounds.length; s++) {
    const seg = new LintSegment();
    for (const d of docs.slice(bounds[s], bounds[s + 1])) seg.add(structuredClone(d));
    // Every other segment packed as the worker posts it (projections as JSON text when they allow it).
    packed.push(structuredClone(seg.pack(s % 2 === 1)));
  }
  return mergeLintSegments(packed);
}

describe('the streamed lint (projections, summary while reading) finds exactly what lintManifests finds', () => {
  for (const seed of [1, 2, 3]) {
    test(`varied corpus, seed ${seed}: one segment and several`, () => {
      const docs = corpus(600, seed);
      const plain = lintManifests(docs);
      // The corpus exercises most rule families, so the comparison is not over an empty list.
      const rules = new Set(plain.map((f) => (f.rule.startsWith('psa.') ? 'psa.' : f.rule)));
      expect(rules.size).toBeGreaterThanOrEqual(12);
      const one = streamLintDocuments(docs);
      expect(one.summary).toBeDefined(); // the fast path, not the fallback
      expect(lintStreamed(one, docs)).toEqual(plain);
      for (const cuts of [[1], [300], [17, 250, 251, 590]]) {
        const merged = segmented(docs, cuts);
        expect(merged.summary).toEqual(LintContext.summaryOf(docs));
        expect(lintStreamed(merged, docs)).toEqual(plain);
      }
    });
  }

  test('exported cluster state: managedFields and pod status beyond phase and addresses are dropped, findings kept', () => {
    // A pod that ended keeps the address a node has now: no clash, as the engine reads status.phase; the lockout
    // proof (lint.node-access-blocked) builds its model from the projections, so dropping phase would silence it.
    const rnd = random(9);
    const docs = [
      node('node-a', '10.0.0.1', { role: 'edge' }),
      node('node-reused', '10.0.250.1', { role: 'edge' }),
      { ...pod('ops', 'ended', { ip: '10.0.250.1' }), status: { phase: 'Succeeded', podIPs: [{ ip: '10.0.250.1' }] } },
      pod('ops', 'web', { ip: '10.1.0.7', labels: { app: 'web' } }),
      autoHeps(),
      gnp('edge', { selector: 'role == "edge"', types: ['Ingress'], ingress: [{ action: 'Deny' }] }),
    ].map((d) => exported(d, () => 0.5 + rnd() / 2));
    const plain = lintManifests(docs);
    expect(plain.filter((f) => f.rule === 'lint.node-access-blocked').length).toBeGreaterThan(0);
    const streamed = streamLintDocuments(docs);
    expect(streamed.summary).toBeDefined();
    expect(JSON.stringify(streamed.docs)).not.toContain('managedFields');
    expect(JSON.stringify(streamed.docs)).not.toContain('containerStatuses');
    expect(lintStreamed(streamed, docs)).toEqual(plain);
  });

  test('every finding carries the index of the input document holding its object', () => {
    const docs = corpus(200, 4);
    const findings = lintManifests(docs);
    expect(findings.length).toBeGreaterThan(0);
    for (const f of findings) {
      expect(f.document).toEqual(expect.any(Number));
      const d: any = docs[f.document!];
      const objects = d?.kind === 'List' ? d.items : [d];
      expect(objects.some((o: any) => o?.kind === f.kind && (o.metadata?.name ?? '<unnamed>') === f.name)).toBe(true);
    }
  });

  test('projections drop what no rule reads: secret data, managedFields, most of a pod status; Lists keep their shape', () => {
    const secret = {
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name: 's', namespace: 'a', labels: { x: 'y' } },
      data: { key: 'c2VjcmV0' },
    };
    expect(lintProjection(secret)).toEqual({ apiVersion: 'v1', kind: 'Secret', metadata: secret.metadata });
    const policy = gnp('g', { selector: 'all()' });
    // Other kinds: a copy (the reader's objects are not kept), equal but for managedFields and a Pod's status.
    expect(lintProjection(policy)).toEqual(policy);
    expect(lintProjection(policy)).not.toBe(policy);
    const list = { apiVersion: 'v1', kind: 'List', items: [secret, policy] };
    expect(lintProjection(list)).toEqual({ apiVersion: 'v1', kind: 'List', items: [lintProjection(secret), policy] });
    const managed = { ...policy, metadata: { name: 'g', managedFields: [{ manager: 'kubectl' }] } };
    expect(lintProjection(managed)).toEqual(policy);
    const ended = { ...pod('a', 'p'), status: { phase: 'Failed', podIP: '10.1.0.1', conditions: [{ type: 'Ready' }] } };
    expect((lintProjection(ended) as any).status).toEqual({ phase: 'Failed', podIP: '10.1.0.1' });
    // A status of the wrong type is kept as it is (the engine refuses it in both paths).
    expect((lintProjection({ ...ended, status: 'up' }) as any).status).toBe('up');
    expect(lintProjection(null)).toBeNull();
  });

  test('what the summary cannot be proven exact for gives none (the caller lints the documents whole)', () => {
    // One address, two pods: in one segment the engine refuses the set; across segments the merge does.
    const clash = [namespace('shop'), pod('shop', 'a', { ip: '10.1.0.9' }), pod('shop', 'b', { ip: '10.1.0.9' })];
    expect(streamLintDocuments(clash).summary).toBeUndefined();
    expect(segmented(clash, [2]).summary).toBeUndefined();
    // The same object naming its address twice is no clash, in one segment or two.
    const twice = { ...pod('shop', 'a', { ip: '10.1.0.9' }) };
    twice.status = { phase: 'Running', podIP: '10.1.0.9', podIPs: [{ ip: '10.1.0.9' }] };
    expect(segmented([namespace('shop'), twice], [1]).summary).toBeDefined();
    // A pod the engine refuses; kube-dns pods with addresses (the DNS rule asks the engine).
    expect(streamLintDocuments([pod('shop', 'bad', { ip: '10.1.0.300' })]).summary).toBeUndefined();
    const dns = [
      namespace('kube-system'),
      pod('kube-system', 'coredns', { ip: '10.1.0.2', labels: { 'k8s-app': 'kube-dns' } }),
    ];
    expect(streamLintDocuments(dns).summary).toBeUndefined();
  });

  test('policies are not read into the model: one the engine refuses changes no endpoint, as the plain lint drops it', () => {
    const docs = [
      namespace('shop'),
      pod('shop', 'a', { ip: '10.1.0.9', labels: { app: 'a' } }),
      np('shop', 'bad', { selector: 'app ==' }),
      np('shop', 'typo', { selector: 'app == "b"', types: ['Ingress'], ingress: [{ action: 'Allow' }] }),
    ];
    const streamed = streamLintDocuments(docs);
    expect(streamed.summary).toEqual(LintContext.summaryOf(docs));
    const plain = lintManifests(docs);
    expect(plain.map((f) => f.rule)).toContain('lint.selector-matches-nothing');
    expect(lintStreamed(streamed, docs)).toEqual(plain);
  });

  test('projections go between threads as JSON text only when JSON keeps them as they are', () => {
    const plainDocs = [pod('ns', 'a', { labels: { app: 'a' } }), np('ns', 'p', { selector: 'app == "a"' })];
    const seg = new LintSegment();
    for (const d of plainDocs) seg.add(d);
    const posted = seg.pack(true);
    expect(posted.docsJson).toBeDefined();
    expect(posted.docs).toBeUndefined();
    expect(mergeLintSegments([structuredClone(posted)]).docs).toEqual(plainDocs.map(lintProjection));
    // NaN, Infinity and -0 (YAML's .nan, .inf, -0) and a non-plain object: JSON would change each (null, 0, a
    // string), so the segment posts the objects themselves.
    const odd: unknown[] = [
      { ...pod('ns', 'n', { labels: { app: 'n' } }), spec: { priority: Number.NaN } },
      { apiVersion: 'v1', kind: 'ConfigMap', data: { a: Number.POSITIVE_INFINITY } },
      { apiVersion: 'v1', kind: 'ConfigMap', data: { a: -0 } },
      { apiVersion: 'v1', kind: 'ConfigMap', data: { at: new Date(0) } },
    ];
    for (const d of odd) {
      const one = new LintSegment();
      one.add(d);
      const packed = one.pack(true);
      expect(packed.docsJson).toBeUndefined();
      const [back] = mergeLintSegments([structuredClone(packed)]).docs as any[];
      expect(back).toEqual(lintProjection(d));
      expect(Object.is(back.data?.a, -0)).toBe(Object.is((d as any).data?.a, -0));
    }
  });

  test('an own `__proto__` key stays an own key in the projection, and through JSON text', () => {
    const d = JSON.parse('{"apiVersion": "v1", "kind": "ConfigMap", "data": {"__proto__": "x", "b": "y"}}');
    const projected = lintProjection(d) as any;
    expect(Object.keys(projected.data)).toEqual(['__proto__', 'b']);
    expect(Object.getPrototypeOf(projected.data)).toBe(Object.prototype);
    const seg = new LintSegment();
    seg.add(d);
    const [back] = mergeLintSegments([structuredClone(seg.pack(true))]).docs as any[];
    expect(Object.keys(back.data)).toEqual(['__proto__', 'b']);
  });

  test('single settings set in a later segment win, as in one read (auto host endpoints)', () => {
    const edge = gnp('edge', { selector: 'role == "edge"', types: ['Ingress'], ingress: [{ action: 'Deny' }] });
    const docs = [node('node-a', '10.0.0.1', { role: 'edge' }), edge, autoHeps()];
    const merged = segmented(docs, [1, 2]);
    expect(merged.summary!.hostEndpoints.map((h) => h.name)).toEqual(
      LintContext.summaryOf(docs).hostEndpoints.map((h) => h.name),
    );
    expect(merged.summary!.hostEndpoints.length).toBe(1);
    expect(lintStreamed(merged, docs)).toEqual(lintManifests(docs));
  });
});

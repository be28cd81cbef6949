/**
 * Issue 11, item 7: on large inputs the CLI builds the lint's model summary (workloads, host endpoints) on a worker
 * thread from its own parse of the files, and lintManifests runs the rule sets that do not need it first. The
 * findings must be exactly those of the plain in-thread run: here the worker's part is played by an independent copy
 * of the documents and a structured clone of the summary (what postMessage sends), over a realistic corpus: every
 * example's synthesized manifests and the lint fixtures' scenarios (engine DNS check, automatic host endpoints,
 * tiers, pod templates, a set the engine refuses).
 */
import { App, Testing } from 'cdk8s';
import { buildExample as exposedClusterIp } from '../../examples/exposed-cluster-ip/main';
import { buildExample as ipPools } from '../../examples/ip-pools/main';
import { buildExample as ipipTunnel } from '../../examples/ipip-tunnel-endpoints/main';
import { buildExample as l2Policies } from '../../examples/l2-policies/main';
import { buildExample as netpolWalkthrough } from '../../examples/netpol-walkthrough/main';
import { buildExample as protectNodes } from '../../examples/protect-nodes/main';
import { buildExample as secureNamespace } from '../../examples/secure-namespace/main';
import { LintContext } from '../../lib/lint/lint-context';
import { lintManifests, lintManifestsSeeded } from '../../lib/lint/lint-manifests';
import { streamLintDocuments } from '../../lib/lint/lint-stream';
import { allowDns, autoHeps, denyAll, deployment, gnp, hep, knp, namespace, node, np, pod, tier } from './fixtures';

function synth(build: (app: App) => unknown): any[] {
  const app = Testing.app();
  build(app);
  return app.charts.flatMap((c) => Testing.synth(c));
}

const SCENARIOS: Record<string, () => any[]> = {
  'exposed-cluster-ip': () => synth(exposedClusterIp),
  'ip-pools': () => synth(ipPools),
  'ipip-tunnel-endpoints': () => synth(ipipTunnel),
  'l2-policies': () => synth(l2Policies),
  'netpol-walkthrough': () => synth(netpolWalkthrough),
  'protect-nodes': () => synth(protectNodes),
  'secure-namespace': () => synth(secureNamespace),
  'dns blocked (engine)': () => [
    namespace('kube-system'),
    namespace('shop'),
    node('node-a', '10.0.0.1'),
    pod('kube-system', 'coredns-1', { ip: '10.1.0.2', labels: { 'k8s-app': 'kube-dns' } }),
    pod('shop', 'web-1', { ip: '10.1.0.3', labels: { app: 'web' } }),
    pod('shop', 'web-2', { ip: '10.1.0.4', labels: { app: 'web' } }),
    denyAll('shop', ['Egress']),
    np('shop', 'typo', { selector: 'app == "wbe"', types: ['Ingress'], ingress: [{ action: 'Allow' }] }),
  ],
  'dns allowed, namespaces and templates (static)': () => [
    namespace('shop'),
    namespace('pay', { 'pod-security.kubernetes.io/enforce': 'privileged' }),
    deployment('shop', 'web', { app: 'web' }),
    deployment('pay', 'api', { app: 'api' }),
    denyAll('shop', ['Ingress', 'Egress']),
    allowDns('shop'),
    denyAll('pay', ['Egress']),
    knp('pay', 'no-types', { podSelector: { matchLabels: { app: 'api' } }, ingress: [{ ports: [{ port: 53 }] }] }),
  ],
  'host endpoints, tiers, automatic heps': () => [
    autoHeps(),
    node('node-a', '10.0.0.1', { role: 'worker' }),
    node('node-b', '10.0.0.2', { role: 'edge' }),
    hep('eth0-a', { node: 'node-a', interfaceName: 'eth0', expectedIPs: ['10.0.0.1'] }, { role: 'worker' }),
    hep('eth0-x', { node: 'node-x', interfaceName: 'eth0' }, { role: 'lost' }),
    tier('security', 100, 'Pass'),
    tier('platform', 200, 'Deny'),
    gnp('edge', {
      tier: 'security',
      order: 10,
      selector: 'role == "edge"',
      preDNAT: true,
      applyOnForward: true,
      types: ['Ingress'],
      ingress: [{ action: 'Allow', source: { nets: ['1.2.3.0/24'] } }],
    }),
    gnp('nothing', { tier: 'platform', selector: 'role == "nope"', types: ['Ingress'], ingress: [{ action: 'Deny' }] }),
    gnp('everything', {
      selector: 'all()',
      types: ['Ingress', 'Egress'],
      ingress: [{ action: 'Log' }],
      egress: [{ action: 'Allow', protocol: 'TCP' }],
    }),
    gnp('untracked', {
      selector: 'all()',
      doNotTrack: true,
      applyOnForward: true,
      types: ['Ingress'],
      ingress: [{ action: 'Allow' }],
    }),
    namespace('shop'),
    pod('shop', 'web-1', { ip: '10.1.0.3', labels: { app: 'web' } }),
  ],
  'a set the engine refuses (one IP, two pods)': () => [
    namespace('shop'),
    pod('shop', 'a', { ip: '10.1.0.9', labels: { app: 'a' } }),
    pod('shop', 'b', { ip: '10.1.0.9', labels: { app: 'b' } }),
    np('shop', 'sel-a', { selector: 'app == "a"', types: ['Ingress'] }),
    denyAll('shop', ['Egress']),
  ],
};

describe('lint with a model summary from elsewhere (the CLI worker path) finds exactly what the plain run finds', () => {
  const all: any[] = [];
  for (const [name, make] of Object.entries(SCENARIOS)) {
    const docs = make();
    all.push(...make());
    test(name, () => {
      const plain = lintManifests(docs);
      // The worker reads its own copy of the files and posts the summary: a copy and a structured clone here.
      const seeded = lintManifestsSeeded(docs, {}, () => structuredClone(LintContext.summaryOf(make())));
      expect(seeded).toEqual(plain);
      // A worker that failed (no summary) leaves the summary to be built in-thread: the same findings again.
      expect(lintManifestsSeeded(docs, {}, () => undefined)).toEqual(plain);
    });
  }

  test('the streamed summary (documents read one at a time) is the summary of the held documents', () => {
    for (const [name, make] of Object.entries(SCENARIOS)) {
      const streamed = streamLintDocuments(make()).summary;
      if (name.startsWith('a set the engine refuses') || LintContext.summaryOf(make()).dnsPods) {
        // The caller lints the documents whole: summaryOf drops the refused objects; the DNS rule asks the engine.
        expect(streamed).toBeUndefined();
      } else {
        expect({ name, summary: streamed }).toEqual({ name, summary: LintContext.summaryOf(make()) });
      }
    }
    const refused = SCENARIOS['a set the engine refuses (one IP, two pods)']();
    expect(lintManifestsSeeded(refused, {}, () => streamLintDocuments(refused).summary)).toEqual(
      lintManifests(refused),
    );
  });

  test('every scenario in one set', () => {
    const plain = lintManifests(all);
    expect(plain.length).toBeGreaterThan(10); // the corpus is not trivially clean
    expect(
      lintManifestsSeeded(all, {}, () => structuredClone(LintContext.summaryOf(all.map((d) => structuredClone(d))))),
    ).toEqual(plain);
  });
});

describe('buildModel keepPolicies: false (the lint model: endpoints only)', () => {
  const { buildModel } = jest.requireActual('../../lib/analysis/network/build/build');
  const { ingest } = jest.requireActual('../../lib/analysis/network/ingest/ingest');

  test('keeps no compiled policy but the same endpoints', () => {
    const docs = SCENARIOS['dns blocked (engine)']();
    const full = buildModel(ingest(docs));
    const lean = buildModel(ingest(docs), { keepPolicies: false });
    expect(full.policies.length).toBeGreaterThan(0);
    expect(lean.policies).toEqual([]);
    expect([...lean.workloads.keys()]).toEqual([...full.workloads.keys()]);
    expect(lean.entities.map((e: any) => e.labels)).toEqual(full.entities.map((e: any) => e.labels));
  });

  test('still compiles every policy: one only the compiler refuses throws as before', () => {
    // ingest refuses what Calico's validator refuses first: spoil the policy after ingest to reach the compiler.
    const spoiled = () => {
      const state = ingest([np('shop', 'bad-action', { selector: 'all()', ingress: [{ action: 'Allow' }] })]);
      state.policies[0].doc.spec.ingress[0].action = 'Accept';
      return state;
    };
    let fullError = '';
    try {
      buildModel(spoiled());
    } catch (e) {
      fullError = (e as Error).message;
    }
    expect(fullError).toMatch(/Accept/);
    expect(() => buildModel(spoiled(), { keepPolicies: false })).toThrow(fullError);
  });
});

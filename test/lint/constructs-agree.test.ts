// The lint never tells a user to undo what a library construct deliberately emitted (issue 12: it told users to delete
// SecureNamespace's own default-deny and DNS policies in a namespace with no pods yet).
//
// Lint runs over the synth output of every example (each chart on its own, as it is applied) and of every access
// construct in its typical use, alone and applied over a cluster that has workloads elsewhere, kube-dns and nodes (the
// state that makes the engine-backed rules judge). Every finding is then either on an object no construct emitted,
// or in the short list below of findings that are the point of the example, each with its reason; a finding on
// a construct's object whose fix asks to delete, remove or narrow it fails the test.
import * as fs from 'fs';
import * as path from 'path';
import { App, Chart, Testing } from 'cdk8s';
import {
  AccessRisk,
  AccessRole,
  DashboardAdmin,
  NetworkPeer,
  NetworkPort,
  PodSecurityLevel,
  SecureNamespace,
  Subject,
} from '../../lib/access';
import { LintFinding, lintManifests } from '../../lib/lint';
import { KubeControllersHostEndpointRbac } from '../../lib/nodes';
import { deployment, namespace, node, pod } from './fixtures';

const examplesDir = path.resolve(__dirname, '..', '..', 'examples');
const examples = fs
  .readdirSync(examplesDir)
  .filter((d) => fs.existsSync(path.join(examplesDir, d, 'main.ts')))
  .sort();

/** A cluster with workloads in another namespace, kube-dns running, and a node. */
const CLUSTER = [
  namespace('shop'),
  deployment('shop', 'web', { app: 'web' }),
  pod('shop', 'web-1', { ip: '10.244.1.10', labels: { app: 'web' } }),
  namespace('kube-system'),
  pod('kube-system', 'coredns-1', { ip: '10.244.0.5', labels: { 'k8s-app': 'kube-dns' } }),
  node('node-a', '192.168.1.10'),
];

/** Typical uses of the access constructs, one app each. */
const TYPICAL: Record<string, (chart: Chart) => void> = {
  'SecureNamespace, defaults': (c) => {
    new SecureNamespace(c, 'Dev', { name: 'dev' });
  },
  'SecureNamespace, an ingress allow for pods deployed later': (c) => {
    new SecureNamespace(c, 'Dev', { name: 'dev' }).allowIngressFrom(
      'from-ingress-nginx',
      NetworkPeer.namespaces({ 'app.kubernetes.io/name': 'ingress-nginx' }),
      { podLabels: { app: 'web' }, ports: [NetworkPort.tcp(8080)] },
    );
  },
  'SecureNamespace, egress to a database, baseline': (c) => {
    new SecureNamespace(c, 'Dev', { name: 'dev', podSecurity: { enforce: PodSecurityLevel.BASELINE } }).allowEgressTo(
      'to-db',
      NetworkPeer.ipBlock('10.20.0.0/16'),
      { ports: [NetworkPort.tcp(5432)] },
    );
  },
  'AccessRole per namespace, a namespaced Role, a Calico tier viewer': (c) => {
    const dev = new SecureNamespace(c, 'Dev', { name: 'dev' });
    dev.grant(AccessRole.podsViewer(c, 'Viewer', { name: 'pods-viewer-cluster' }), Subject.group('dev-team'));
    AccessRole.podsViewer(c, 'Local', { namespace: 'dev' }).grant(Subject.user('wang'), 'dev');
    AccessRole.calicoPolicyViewer(c, 'Tier', { tier: 'platform' }).grant(Subject.user('wang'), 'dev');
  },
  'SecureNamespace privileged, acknowledged': (c) => {
    new SecureNamespace(c, 'Tools', {
      name: 'tools',
      podSecurity: { enforce: PodSecurityLevel.PRIVILEGED },
      dangerouslyAllowPrivilegedPods: true,
    });
  },
  'the RBAC calico-kube-controllers needs for automatic host endpoints': (c) => {
    new KubeControllersHostEndpointRbac(c, 'Rbac');
  },
  'cluster-admin and the dashboard admin, acknowledged': (c) => {
    AccessRole.clusterAdmin(c, 'Admin', { acknowledgeRisks: [AccessRisk.CLUSTER_ADMIN] }).grantClusterWide(
      Subject.group('ops'),
      { acknowledgeClusterWide: true },
    );
    new DashboardAdmin(c, 'Dashboard', { acknowledgeRisks: [AccessRisk.CLUSTER_ADMIN, AccessRisk.LONG_LIVED_TOKEN] });
  },
};

/**
 * Findings on a construct's output when linted alone that are the point of the example, with why they agree with it.
 */
const EXPECTED: ReadonlyArray<{ where: RegExp; rule: string; why: string }> = [
  {
    where: /^netpol-walkthrough\/step4-deny-all-egress$/,
    rule: 'lint.dns-egress-blocked',
    why: 'step 4 of the seed 003 walkthrough denies all egress on purpose; the finding adds a DNS allow, it never undoes the deny',
  },
  {
    where: /^(exposed-cluster-ip|ipip-tunnel-endpoints)\//,
    rule: 'lint.explicit-host-endpoints',
    why: 'issue 12 item 3: host endpoints written per node remind the user to re-synthesize when nodes change (the mode they chose)',
  },
];

/**
 * Contradictions found by this test and still open in other parts of the library (their owners were told): the test
 * of that case is expected to fail until they are fixed, and then fails itself so the entry gets removed.
 */
// (exposed-cluster-ip's lint.node-access-blocked is fixed: its host-traffic policy now admits ICMP, and the proof asks
// the synth guard's question, test/nodes/guard-proof-agree.test.ts.)
const KNOWN_OPEN: ReadonlyArray<{ where: string; rule: string; what: string }> = [];

/** Asking to take back an emitted object: delete it, remove it, narrow it. */
const UNDO = /\b(delete|remove|drop|narrow|undo)\b/i;

interface Case {
  readonly where: string;
  readonly docs: any[];
}

function exampleCases(): Case[] {
  return examples.flatMap((name) => {
    const mod = require(path.join(examplesDir, name, 'main.ts'));
    const app: App = Testing.app();
    mod.buildExample(app);
    return app.charts.map((c) => ({ where: `${name}/${c.node.id}`, docs: Testing.synth(c) }));
  });
}

function typicalCases(): Case[] {
  return Object.entries(TYPICAL).map(([where, build]) => {
    const chart = new Chart(Testing.app(), 'app');
    build(chart);
    return { where, docs: Testing.synth(chart) };
  });
}

const key = (f: LintFinding): string => `${f.kind}/${f.namespace ? `${f.namespace}/` : ''}${f.name}`;
const emittedBy = (docs: readonly any[]) =>
  new Set(docs.map((d) => `${d.kind}/${d.metadata?.namespace ? `${d.metadata.namespace}/` : ''}${d.metadata?.name}`));

const cases = [...exampleCases(), ...typicalCases()];

describe("lint of each construct's output alone: only the findings that are the point of an example", () => {
  test('there is something to check: every example and every typical use', () => {
    expect(cases.length).toBeGreaterThanOrEqual(examples.length + Object.keys(TYPICAL).length);
  });

  for (const c of cases) {
    const open = KNOWN_OPEN.filter((k) => k.where === c.where);
    (open.length > 0 ? test.failing : test)(
      `${c.where}${open.length > 0 ? ` (known open: ${open.map((k) => k.rule).join(', ')})` : ''}`,
      () => {
        const emitted = emittedBy(c.docs);
        const findings = lintManifests(c.docs).filter((f) => emitted.has(key(f)));
        const unexpected = findings.filter((f) => !EXPECTED.some((e) => e.where.test(c.where) && e.rule === f.rule));
        expect(unexpected.map((f) => `${f.rule} ${key(f)}: ${f.message}`)).toEqual([]);
      },
    );
  }
});

describe("lint of each construct's output applied over a cluster with workloads elsewhere, kube-dns and a node", () => {
  test.each(cases.map((c) => [c.where, c] as const))(
    '%s: no finding asks to undo what the construct emitted',
    (_where, c) => {
      const emitted = emittedBy(c.docs);
      const findings = lintManifests([...CLUSTER, ...c.docs]).filter((f) => emitted.has(key(f)));
      expect(
        findings
          .filter((f) => UNDO.test(f.message.split('; fix: ')[1] ?? ''))
          .map((f) => `${f.rule} ${key(f)}: ${f.message}`),
      ).toEqual([]);
      // a namespace the construct created and nothing runs in yet: its policies are for pods to come
      const empty = new Set(
        c.docs
          .filter((d) => d.kind === 'Namespace')
          .map((d) => d.metadata.name)
          .filter(
            (ns) =>
              !CLUSTER.some((d) => d.metadata.namespace === ns) &&
              !c.docs.some((d) => d.kind !== 'Namespace' && d.metadata?.namespace === ns && d.spec?.template),
          ),
      );
      expect(
        findings
          .filter((f) => f.rule === 'lint.selector-matches-nothing' && f.namespace && empty.has(f.namespace))
          .map(key),
      ).toEqual([]);
    },
  );
});

test('the expected findings still happen (the list is not stale)', () => {
  for (const e of EXPECTED) {
    const hits = cases
      .filter((x) => e.where.test(x.where))
      .map((c) => lintManifests(c.docs).some((f) => f.rule === e.rule));
    expect([e.rule, hits.length > 0 && hits.every((h) => h)]).toEqual([e.rule, true]);
  }
});

test('the check can fail: SecureNamespace\'s policies in an empty namespace were reported "delete the policy" before issue 12', () => {
  // The same policies with a pod in dev that no allow admits are still judged: the namespace is populated.
  const chart = new Chart(Testing.app(), 'app');
  new SecureNamespace(chart, 'Dev', { name: 'dev' }).allowIngressFrom('web', NetworkPeer.namespaces({ team: 'x' }), {
    podLabels: { app: 'web' },
  });
  const docs = [...CLUSTER, ...Testing.synth(chart), pod('dev', 'api-1', { ip: '10.244.2.3', labels: { app: 'api' } })];
  const found = lintManifests(docs)
    .filter((f) => f.rule === 'lint.selector-matches-nothing')
    .map(key);
  expect(found).toEqual(['NetworkPolicy/dev/allow-ingress-web']);
  // and the undo check recognises the fix the lint used to give
  expect(
    UNDO.test(
      'correct the selector or the labels it expects (check spelling, namespace, namespaceSelector), or delete the policy',
    ),
  ).toBe(true);
  const emitted = emittedBy(Testing.synth(chart));
  expect(
    lintManifests(docs)
      .filter((f) => emitted.has(key(f)) && UNDO.test(f.message.split('; fix: ')[1] ?? ''))
      .map(key),
  ).toEqual([]);
});

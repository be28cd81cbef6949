// DenyLogging logs what a tier drops at its end and changes no verdict; docs/scenarios.md#004's Log-only policy
// selecting all() ("log-all-deny") changes verdicts (Calico issue 3801). Both proved with the reachability
// engine: every flow of several clusters is evaluated with and without the logging policies.
import { ApiObject, Chart, Testing } from 'cdk8s';
import {
  GlobalNetworkPolicy,
  NetworkModel,
  NetworkPolicy,
  Peer,
  PolicyType,
  Port,
  Selector,
  StagedGlobalNetworkPolicy,
  Tier,
  TierDefaultAction,
} from '../../lib';
import { DenyLogging, governedEndpointSelectors, isVerdictPreservingLogPolicy } from '../../lib/policy/deny-logging';
import type { EvaluateResult } from '../../lib';
import { NetworkPeer, NetworkPort } from '../../lib/access';
import { KubeNetworkPolicy } from '../../lib/policy/kubernetes';
import { hep, namespace, node, pod, serviceAccount } from '../analysis/network/fixtures';

const PORTS = [
  { protocol: 'TCP', port: 80 },
  { protocol: 'TCP', port: 8080 },
  { protocol: 'TCP', port: 5432 },
  { protocol: 'TCP', port: 22 },
  { protocol: 'TCP', port: 10250 },
  { protocol: 'UDP', port: 53 },
];

/** Every flow between the model's endpoints (and from `externals`) on PORTS. */
function allFlows(model: NetworkModel, externals: string[]): Map<string, EvaluateResult> {
  const ids = model
    .endpoints()
    .filter((e) => e.kind !== 'service')
    .map((e) => e.id);
  const out = new Map<string, EvaluateResult>();
  for (const from of [...ids, ...externals]) {
    for (const to of ids) {
      if (from === to) continue;
      for (const p of PORTS) out.set(`${from} -> ${to} ${p.protocol}/${p.port}`, model.evaluate({ from, to, ...p }));
    }
  }
  return out;
}

interface Stats {
  allowed: number;
  loggedDenies: number;
  otherDenies: number;
}

/**
 * Asserts identical verdicts and reasons, no DenyLogging log on any allowed flow, and on denied flows a log exactly
 * on the step that denies, when (and only when) that step is an end-of-tier deny of a logged tier.
 */
function expectSameVerdictsAndLogs(
  before: Map<string, EvaluateResult>,
  after: Map<string, EvaluateResult>,
  logPolicies: string[],
  loggedTiers: string[],
): Stats {
  expect([...after.keys()]).toEqual([...before.keys()]);
  const stats: Stats = { allowed: 0, loggedDenies: 0, otherDenies: 0 };
  const mismatches: string[] = [];
  for (const [flow, b] of before) {
    const a = after.get(flow)!;
    if (a.allowed !== b.allowed || a.reason !== b.reason) mismatches.push(`${flow}: ${b.reason} => ${a.reason}`);
    const ours = a.steps.map((s) => (s.logs ?? []).filter((l) => logPolicies.includes(l.policy)));
    const deny = a.steps.findIndex((s) => !s.allowed);
    if (a.allowed) {
      stats.allowed++;
      if (ours.some((l) => l.length > 0)) mismatches.push(`${flow}: allowed but logged`);
      continue;
    }
    const d = a.steps[deny].decision;
    const expectLog = d.default === 'end-of-tier deny' && loggedTiers.includes(d.tier!);
    if (expectLog) stats.loggedDenies++;
    else stats.otherDenies++;
    ours.forEach((logs, i) => {
      const want = i === deny && expectLog ? 1 : 0;
      if (logs.length !== want || (want === 1 && logs[0].tier !== d.tier))
        mismatches.push(`${flow}: step ${i} has ${logs.length} DenyLogging logs, expected ${want}`);
    });
  }
  expect(mismatches).toEqual([]);
  return stats;
}

function model(build: (c: Chart) => void, cluster: any[]): NetworkModel {
  const c = new Chart(Testing.app(), 'test', { namespace: 'apps' });
  build(c);
  return NetworkModel.fromManifests([...Testing.synth(c), ...cluster]);
}

// ---- model 1: a namespace isolated by Kubernetes and Calico policies, one with none --------------------------

const namespacesCluster = [
  node('node-a', '10.0.0.1'),
  node('node-b', '10.0.0.2'),
  namespace('apps', { team: 'x', 'kubernetes.io/metadata.name': 'apps' }),
  namespace('open', { 'kubernetes.io/metadata.name': 'open' }),
  serviceAccount('apps', 'batch-sa', { role: 'restricted' }),
  pod('apps', 'frontend', { ip: '192.168.1.10', node: 'node-a', labels: { app: 'frontend' } }),
  pod('apps', 'backend', { ip: '192.168.1.11', node: 'node-a', labels: { app: 'backend' } }),
  pod('apps', 'db', { ip: '192.168.2.12', node: 'node-b', labels: { app: 'db' } }),
  pod('apps', 'batch', { ip: '192.168.2.13', node: 'node-b', labels: { app: 'batch' }, serviceAccount: 'batch-sa' }),
  pod('open', 'web', { ip: '192.168.2.20', node: 'node-b', labels: { app: 'web' } }),
  pod('open', 'client', { ip: '192.168.1.21', node: 'node-a', labels: { app: 'client' } }),
];

function namespacesPolicies(c: Chart): void {
  // Kubernetes default deny for the whole namespace, both directions (order 1000 in the default tier).
  new KubeNetworkPolicy(c, 'DefaultDeny', {
    name: 'default-deny',
    namespace: 'apps',
    isolateIngress: true,
    isolateEgress: true,
  });
  new KubeNetworkPolicy(c, 'Dns', { name: 'dns', namespace: 'apps' }).addEgress([], [NetworkPort.udp(53)]);
  new KubeNetworkPolicy(c, 'ToBackend', {
    name: 'to-backend',
    namespace: 'apps',
    podLabels: { app: 'backend' },
  }).addIngress([NetworkPeer.pods({ app: 'frontend' })], [NetworkPort.tcp(8080)]);
  // Calico policies: an explicit Deny (not logged: it decides before the end of the tier), allows.
  const db = new NetworkPolicy(c, 'Db', { selector: Selector.eq('app', 'db'), order: 100 });
  db.denyIngress(Peer.namespace(Selector.eq('kubernetes.io/metadata.name', 'open')), Port.allTcp());
  db.allowIngress(Peer.selector(Selector.eq('app', 'backend')), Port.tcp(5432));
  const fe = new NetworkPolicy(c, 'FrontendEgress', {
    selector: Selector.eq('app', 'frontend'),
    order: 100,
    types: [PolicyType.EGRESS],
  });
  fe.allowEgress(Peer.selector(Selector.eq('app', 'backend')), Port.tcp(8080));
  const be = new NetworkPolicy(c, 'BackendEgress', {
    selector: Selector.eq('app', 'backend'),
    order: 100,
    types: [PolicyType.EGRESS],
  });
  be.allowEgress(Peer.selector(Selector.eq('app', 'db')), Port.tcp(5432));
  // A global policy scoped by namespace and service-account labels (pcns./pcsa. rewriting).
  new GlobalNetworkPolicy(c, 'RestrictedSa', {
    order: 200,
    types: [PolicyType.EGRESS],
    namespaceSelector: Selector.eq('team', 'x'),
    serviceAccountSelector: Selector.eq('role', 'restricted'),
  }).allowEgress(Peer.any(), Port.udp(53));
}

describe('model 1: namespaces with default deny, endpoints with no policy', () => {
  const externals = ['203.0.113.7'];
  const before = allFlows(model(namespacesPolicies, namespacesCluster), externals);

  test('DenyLogging changes no verdict and logs exactly the end-of-tier denies', () => {
    const after = allFlows(
      model((c) => {
        namespacesPolicies(c);
        new DenyLogging(c, 'LogDenied');
      }, namespacesCluster),
      externals,
    );
    const stats = expectSameVerdictsAndLogs(before, after, ['log-denied-ingress', 'log-denied-egress'], ['default']);
    // The model exercises all three outcomes (so the assertions above can fail).
    expect(stats.allowed).toBeGreaterThan(50);
    expect(stats.loggedDenies).toBeGreaterThan(50);
    expect(stats.otherDenies).toBeGreaterThan(0);
    // A concrete case of each.
    expect(after.get('open/client -> open/web TCP/80')!.steps.some((s) => s.logs)).toBe(false);
    const denied = after.get('open/client -> apps/backend TCP/8080')!;
    expect(denied.allowed).toBe(false);
    expect(denied.steps.at(-1)!.logs).toEqual([{ tier: 'default', policy: 'log-denied-ingress', ruleIndex: 0 }]);
    const explicit = after.get('open/client -> apps/db TCP/5432')!;
    expect(explicit.steps.at(-1)!.decision).toMatchObject({ action: 'Deny', policy: 'apps/db', ruleIndex: 0 });
    expect(explicit.steps.at(-1)!.logs).toBeUndefined();
  });

  test("the handbook's Log-only policy selecting all() changes verdicts (Calico issue 3801)", () => {
    // docs/scenarios.md#004, "log-all-deny", verbatim apart from the name.
    const naive = {
      apiVersion: 'projectcalico.org/v3',
      kind: 'GlobalNetworkPolicy',
      metadata: { name: 'log-all-deny' },
      spec: {
        order: 2000,
        selector: 'all()',
        types: ['Ingress', 'Egress'],
        ingress: [{ action: 'Log' }],
        egress: [{ action: 'Log' }],
      },
    };
    const c = new Chart(Testing.app(), 'test', { namespace: 'apps' });
    namespacesPolicies(c);
    const after = allFlows(NetworkModel.fromManifests([...Testing.synth(c), naive, ...namespacesCluster]), externals);
    const changed = [...before].filter(([flow, b]) => after.get(flow)!.allowed !== b.allowed).map(([flow]) => flow);
    expect(changed).toContain('open/client -> open/web TCP/80');
    expect(changed.length).toBeGreaterThan(20);
    // Only ever from allowed to denied, and by the end of the default tier the naive policy activated.
    for (const flow of changed) {
      expect(before.get(flow)!.allowed).toBe(true);
      const last = after.get(flow)!.steps.at(-1)!;
      expect(last.decision).toMatchObject({ default: 'end-of-tier deny', tier: 'default' });
      expect(last.logs?.map((l) => l.policy)).toContain('log-all-deny');
    }
  });
});

// ---- model 2: host endpoints ------------------------------------------------------------------------------

const hostsCluster = [
  node('node-a', '10.0.0.1'),
  node('node-b', '10.0.0.2'),
  namespace('apps', { 'kubernetes.io/metadata.name': 'apps' }),
  pod('apps', 'web', { ip: '192.168.1.10', node: 'node-a', labels: { app: 'web' } }),
  pod('apps', 'tool', { ip: '192.168.2.10', node: 'node-b', labels: { app: 'tool' } }),
  hep('node-a-eth0', { node: 'node-a', interfaceName: 'eth0', expectedIPs: ['10.0.0.1'] }, { 'kubernetes-host': '' }),
  // A host endpoint no policy selects: its profile allows (it must stay that way).
  hep(
    'node-b-eth0',
    { node: 'node-b', interfaceName: 'eth0', expectedIPs: ['10.0.0.2'], profiles: ['projectcalico-default-allow'] },
    { role: 'other' },
  ),
];

function hostPolicies(c: Chart): void {
  const hosts = Selector.has('kubernetes-host');
  const ingress = new GlobalNetworkPolicy(c, 'NodeIngress', { selector: hosts, order: 100 });
  ingress.allowIngress(Peer.nets('10.0.0.0/24'), Port.tcp(10250));
  ingress.allowIngress(Peer.any(), Port.tcp(8080));
  const egress = new GlobalNetworkPolicy(c, 'NodeEgress', { selector: hosts, order: 110, types: [PolicyType.EGRESS] });
  egress.allowEgress(Peer.nets('10.0.0.0/24'));
  egress.allowEgress(Peer.any(), Port.udp(53));
}

test('model 2, host endpoints: no verdict changes, end-of-tier denies of the governed host logged', () => {
  const externals = ['203.0.113.7', '10.0.0.9'];
  const before = allFlows(model(hostPolicies, hostsCluster), externals);
  const after = allFlows(
    model((c) => {
      hostPolicies(c);
      new DenyLogging(c, 'LogDenied');
    }, hostsCluster),
    externals,
  );
  const stats = expectSameVerdictsAndLogs(before, after, ['log-denied-ingress', 'log-denied-egress'], ['default']);
  expect(stats.allowed).toBeGreaterThan(10);
  expect(stats.loggedDenies).toBeGreaterThan(5);
  // node-a's SSH stays open through the failsafe ports, node-b's default-allow host endpoint stays open.
  expect(after.get('203.0.113.7 -> node/node-a TCP/22')!.allowed).toBe(true);
  expect(after.get('203.0.113.7 -> node/node-b TCP/10250')!.allowed).toBe(true);
  const denied = after.get('203.0.113.7 -> node/node-a TCP/10250')!;
  expect(denied.allowed).toBe(false);
  expect(denied.steps.at(-1)!.logs).toEqual([{ tier: 'default', policy: 'log-denied-ingress', ruleIndex: 0 }]);
});

// ---- model 3: a tier whose policy passes some traffic to the default tier -------------------------------

const tierCluster = [
  node('node-a', '10.0.0.1'),
  namespace('apps', { 'kubernetes.io/metadata.name': 'apps' }),
  namespace('open', { 'kubernetes.io/metadata.name': 'open' }),
  pod('apps', 'web', { ip: '192.168.1.10', node: 'node-a', labels: { app: 'web' } }),
  pod('apps', 'frontend', { ip: '192.168.1.11', node: 'node-a', labels: { app: 'frontend' } }),
  pod('open', 'client', { ip: '192.168.1.20', node: 'node-a', labels: { app: 'client' } }),
];

function tierPolicies(c: Chart): Tier {
  const platform = new Tier(c, 'Platform', { order: 100 });
  const guard = new GlobalNetworkPolicy(c, 'PlatformGuard', { tier: platform, order: 10, types: [PolicyType.INGRESS] });
  guard.denyIngress(Peer.nets('203.0.113.0/24'));
  guard.passIngress(Peer.nets('192.168.0.0/16'));
  guard.allowIngress(Peer.nets('10.0.0.0/24'), Port.tcp(22));
  const web = new NetworkPolicy(c, 'Web', { selector: Selector.eq('app', 'web'), order: 100 });
  web.allowIngress(Peer.selector(Selector.eq('app', 'frontend')), Port.tcp(80));
  return platform;
}

test('model 3, a tier with Pass: both tiers logged, no verdict changes', () => {
  const externals = ['203.0.113.7', '198.51.100.9', '10.0.0.5'];
  const before = allFlows(model(tierPolicies, tierCluster), externals);
  const after = allFlows(
    model((c) => {
      const platform = tierPolicies(c);
      new DenyLogging(c, 'LogPlatform', { tier: platform, egress: false });
      new DenyLogging(c, 'LogDefault', { egress: false });
    }, tierCluster),
    externals,
  );
  const stats = expectSameVerdictsAndLogs(
    before,
    after,
    ['log-platform-ingress', 'log-default-ingress'],
    ['platform', 'default'],
  );
  expect(stats.allowed).toBeGreaterThan(5);
  expect(stats.loggedDenies).toBeGreaterThan(5);
  expect(stats.otherDenies).toBeGreaterThan(0);
  // Dropped at the end of platform (not passed), at the end of default (passed, then not allowed), and passed
  // traffic to a pod no default-tier policy governs is allowed and not logged.
  expect(after.get('198.51.100.9 -> apps/web TCP/80')!.steps.at(-1)!.logs).toEqual([
    { tier: 'platform', policy: 'log-platform-ingress', ruleIndex: 0 },
  ]);
  expect(after.get('open/client -> apps/web TCP/80')!.steps.at(-1)!.logs).toEqual([
    { tier: 'default', policy: 'log-default-ingress', ruleIndex: 0 },
  ]);
  const passed = after.get('apps/web -> open/client TCP/80')!;
  expect(passed.allowed).toBe(true);
  expect(passed.steps.every((s) => s.logs === undefined)).toBe(true);
});

// ---- the construct --------------------------------------------------------------------------------------

const chart = () => new Chart(Testing.app(), 'test', { namespace: 'apps' });

test('emits one Log policy per direction, last in the tier, selecting the governed endpoints', () => {
  const c = chart();
  new NetworkPolicy(c, 'Web', { selector: Selector.eq('app', 'web'), order: 10 }).allowIngress(
    Peer.any(),
    Port.tcp(80),
  );
  const logging = new DenyLogging(c, 'LogDenied', { egress: false });
  // Added after DenyLogging: still covered (the selector is computed at synth).
  new GlobalNetworkPolicy(c, 'Hosts', { selector: Selector.has('kubernetes-host'), order: 5 });
  const docs = Testing.synth(c);
  const log = docs.find((d) => d.metadata.name === 'log-denied-ingress');
  expect(log.spec).toEqual({
    tier: 'default',
    selector: '((app == "web" && projectcalico.org/namespace == "apps") || has(kubernetes-host))',
    types: ['Ingress'],
    ingress: [{ action: 'Log', metadata: { annotations: { description: 'log what the end of tier default denies' } } }],
  });
  expect(log.metadata.annotations).toEqual({ 'cdk8s-calico.io/deny-logging': 'all()' });
  expect(log.spec.order).toBeUndefined();
  expect(logging.egressPolicy).toBeUndefined();
  expect(logging.ingressPolicy!.toManifest().spec.selector).toBe(log.spec.selector);
});

test('the selector option narrows the logged endpoints', () => {
  const c = chart();
  new NetworkPolicy(c, 'Web', { selector: Selector.eq('app', 'web'), order: 10 });
  new DenyLogging(c, 'LogDenied', { egress: false, selector: Selector.eq('team', 'a') });
  const log = Testing.synth(c).find((d) => d.metadata.name === 'log-denied-ingress');
  expect(log.spec.selector).toBe('(team == "a" && app == "web" && projectcalico.org/namespace == "apps")');
});

test('a Pass tier, no direction, or no governing policy are refused with the fix', () => {
  const c = chart();
  const pass = new Tier(c, 'Baseline', { order: 50, defaultAction: TierDefaultAction.PASS });
  expect(() => new DenyLogging(c, 'A', { tier: pass })).toThrow(
    /\[test\/A\] tier: tier baseline passes .*fix: log a tier whose defaultAction is Deny/,
  );
  expect(() => new DenyLogging(c, 'B', { tier: Tier.fromTierName('kube-baseline') })).toThrow(
    /tier kube-baseline passes/,
  );
  expect(() => new DenyLogging(c, 'C', { ingress: false, egress: false })).toThrow(
    /\[test\/C\] ingress, egress: .*fix:/,
  );
  const c2 = chart();
  new NetworkPolicy(c2, 'Web', { selector: Selector.eq('app', 'web'), order: 10 });
  new DenyLogging(c2, 'LogDenied');
  expect(() => Testing.synth(c2)).toThrow(
    /\[test\/LogDenied\] egress: no policy of tier default in this app governs egress.*fix: set egress: false/,
  );
});

test('an unordered policy that would sort after the Log policy fails at synth', () => {
  const c = chart();
  // Inside a tier, unordered policies run last, sorted by name (engine: comparePolicies; namespaced ones as ns/name).
  new NetworkPolicy(c, 'Alpha', { selector: Selector.eq('app', 'web') });
  const ok = Testing.synth(c);
  expect(ok).toHaveLength(1);
  new GlobalNetworkPolicy(c, 'Zeta', { selector: Selector.eq('app', 'web') });
  new DenyLogging(c, 'LogDenied', { egress: false });
  expect(() => Testing.synth(c)).toThrow(
    /ingress: policy zeta has no order and sorts after log-denied-ingress.*fix: give zeta an order/,
  );
});

test('staged, preDNAT and other-tier policies do not count; Kubernetes policies count in the default tier only', () => {
  const c = chart();
  const other = new Tier(c, 'Other', { order: 10 });
  new StagedGlobalNetworkPolicy(c, 'Staged', { selector: Selector.has('staged'), order: 1 });
  new GlobalNetworkPolicy(c, 'PreDnat', {
    selector: Selector.has('h'),
    order: 1,
    preDnat: true,
    applyOnForward: true,
  }).denyIngress(Peer.nets('203.0.113.0/24'));
  new GlobalNetworkPolicy(c, 'InOther', { selector: Selector.has('o'), order: 1, tier: other });
  new ApiObject(c, 'Knp', {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata: { name: 'deny', namespace: 'apps' },
    spec: { podSelector: { matchLabels: { app: 'db' } }, policyTypes: ['Ingress'] },
  });
  const docs = Testing.synth(c);
  expect(governedEndpointSelectors(docs, 'default')).toEqual({
    ingress: ['((projectcalico.org/orchestrator == "k8s" && app == "db") && projectcalico.org/namespace == "apps")'],
    egress: [],
  });
  expect(governedEndpointSelectors(docs, 'other')).toEqual({ ingress: ['has(o)'], egress: [] });
});

test('governedEndpointSelectors defaults types as Calico does and scopes namespaced selectors', () => {
  const np = (name: string, spec: any) => ({
    apiVersion: 'projectcalico.org/v3',
    kind: 'NetworkPolicy',
    metadata: { name, namespace: 'ns1' },
    spec,
  });
  const gnp = (name: string, spec: any) => ({
    apiVersion: 'projectcalico.org/v3',
    kind: 'GlobalNetworkPolicy',
    metadata: { name },
    spec,
  });
  // api/pkg/defaults/networkpolicy.go: no rules → Ingress; egress rules only → Egress; both → both.
  expect(governedEndpointSelectors([np('a', { selector: 'x == "1"' })], 'default')).toEqual({
    ingress: ['(x == "1" && projectcalico.org/namespace == "ns1")'],
    egress: [],
  });
  expect(
    governedEndpointSelectors([gnp('b', { selector: 'y == "2"', egress: [{ action: 'Allow' }] })], 'default'),
  ).toEqual({ ingress: [], egress: ['y == "2"'] });
  expect(
    governedEndpointSelectors([gnp('c', { egress: [{ action: 'Allow' }], ingress: [{ action: 'Allow' }] })], 'default'),
  ).toEqual({ ingress: ['all()'], egress: ['all()'] });
  expect(governedEndpointSelectors([gnp('d', { selector: 'has(a)', tier: 'ops' })], 'default')).toEqual({
    ingress: [],
    egress: [],
  });
});

test('isVerdictPreservingLogPolicy recognises DenyLogging output, and nothing stale, edited or naive', () => {
  const c = chart();
  new NetworkPolicy(c, 'Web', { selector: Selector.eq('app', 'web'), order: 10 }).allowIngress(
    Peer.any(),
    Port.tcp(80),
  );
  new DenyLogging(c, 'LogDenied', { egress: false, selector: Selector.has('team') });
  const docs = Testing.synth(c);
  const log = docs.find((d) => d.metadata.name === 'log-denied-ingress');
  expect(isVerdictPreservingLogPolicy(log, docs)).toBe(true);
  // The governing policy gone: the Log policy alone would now activate the tier.
  expect(isVerdictPreservingLogPolicy(log, [log])).toBe(false);
  // A widened selector, an added order, a non-Log rule, or docs/scenarios.md#004's policy are not recognised.
  expect(isVerdictPreservingLogPolicy({ ...log, spec: { ...log.spec, selector: 'all()' } }, docs)).toBe(false);
  expect(isVerdictPreservingLogPolicy({ ...log, spec: { ...log.spec, order: 5 } }, docs)).toBe(false);
  expect(isVerdictPreservingLogPolicy({ ...log, spec: { ...log.spec, ingress: [{ action: 'Allow' }] } }, docs)).toBe(
    false,
  );
  const naive = {
    apiVersion: 'projectcalico.org/v3',
    kind: 'GlobalNetworkPolicy',
    metadata: { name: 'log-all-deny' },
    spec: { selector: 'all()', types: ['Ingress'], ingress: [{ action: 'Log' }] },
  };
  expect(isVerdictPreservingLogPolicy(naive, [...docs, naive])).toBe(false);
  // DenyLogging's own policies never count as governing.
  expect(governedEndpointSelectors(docs, 'default').ingress).toEqual([
    '(app == "web" && projectcalico.org/namespace == "apps")',
  ]);
});

test('a global() selector option is refused', () => {
  expect(() => new DenyLogging(chart(), 'L', { selector: Selector.global() })).toThrow(
    /\[test\/L\] selector: global\(\) .*fix:/,
  );
});

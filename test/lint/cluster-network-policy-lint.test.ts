// The ClusterNetworkPolicy lint (lib/lint/cluster-network-policy-lint.ts): each rule on a case it must report and on
// a near miss it must not. Semantics as Calico 3.32.1 enforces CNPs: kube-admin (order 1000) and kube-baseline
// (10,000,000) around the default tier, priority = order, ties by "name/namespace/kind" (felix PolKVLess), Pass to the
// next active tier, rules Calico cannot convert failing closed (libcalico-go conversion/clusternetworkpolicy.go).
import { lintManifests } from '../../lib/lint';
import { lintProjection } from '../../lib/lint/lint-projection';
import {
  lintClusterNetworkPolicyRules,
  lintClusterNetworkPolicyTiers,
} from '../../lib/lint/cluster-network-policy-lint';
import { streamLintDocuments } from '../../lib/lint/lint-stream';
import { lintManifestsSeeded } from '../../lib/lint/lint-manifests';
import { lintRuleInfo } from '../../lib/lint/lint-rules';
import { provablyDisjoint, labelRequirements, selectsAllOf } from '../../lib/lint/cnp-label-selector';
import { portsCover, portsMayOverlap } from '../../lib/lint/cnp-containment';
import { gnp, hits, knp, namespace, np, pod, tier } from './fixtures';

const ALL_NS = { namespaces: {} };
const ns = (labels: Record<string, string>) => ({ namespaces: { matchLabels: labels } });
const pods = (nsLabels: Record<string, string>, podLabels: Record<string, string>) => ({
  pods: { namespaceSelector: { matchLabels: nsLabels }, podSelector: { matchLabels: podLabels } },
});
const tcp = (port: number) => ({ tcp: { destinationPort: { number: port } } });
const tcpRange = (start: number, end: number) => ({ tcp: { destinationPort: { range: { start, end } } } });

function cnp(
  name: string,
  tierName: 'Admin' | 'Baseline',
  priority: number,
  subject: Record<string, unknown>,
  rules: { ingress?: unknown[]; egress?: unknown[] },
): any {
  return {
    apiVersion: 'policy.networking.k8s.io/v1alpha2',
    kind: 'ClusterNetworkPolicy',
    metadata: { name },
    spec: { tier: tierName, priority, subject, ...rules },
  };
}

const rulesOnly = (rule: string) => (docs: unknown[]) => hits(lintClusterNetworkPolicyRules(docs), rule);
const tiersOnly = (rule: string) => (docs: unknown[]) => hits(lintClusterNetworkPolicyTiers(docs), rule);

describe('cnp.shadowed-rule', () => {
  const shadowed = rulesOnly('cnp.shadowed-rule');

  test('an earlier rule of the same policy covering peers and ports shadows a later one; reversed it does not', () => {
    const deny = { action: 'Deny', from: [ALL_NS] };
    const accept = { name: 'team-a', action: 'Accept', from: [ns({ team: 'a' })] };
    const docs = [cnp('guard', 'Admin', 10, ALL_NS, { ingress: [deny, accept] })];
    expect(shadowed(docs)).toEqual(['ClusterNetworkPolicy/guard spec.ingress[1]']);
    const [f] = lintClusterNetworkPolicyRules(docs);
    expect(f.message).toMatch(
      /^rule spec\.ingress\[1\] \("team-a", Accept\) can never match: the earlier rule spec\.ingress\[0\] \(Deny\) of this policy already denies/,
    );
    expect(f.message).toContain('; fix: move this rule above spec.ingress[0]');
    expect(shadowed([cnp('guard', 'Admin', 10, ALL_NS, { ingress: [accept, deny] })])).toEqual([]);
  });

  test('ports must be covered: a Deny of TCP 80 shadows an Accept of TCP 80, not of 80-90 nor of every protocol', () => {
    const deny = { action: 'Deny', from: [ALL_NS], protocols: [tcpRange(80, 85)] };
    const later = (protocols?: unknown[]) =>
      cnp('p', 'Admin', 1, ALL_NS, { ingress: [deny, { action: 'Accept', from: [ALL_NS], protocols }] });
    expect(shadowed([later([tcp(80)])])).toEqual(['ClusterNetworkPolicy/p spec.ingress[1]']);
    expect(shadowed([later([tcpRange(80, 90)])])).toEqual([]);
    expect(shadowed([later(undefined)])).toEqual([]);
    expect(shadowed([later([{ udp: { destinationPort: { number: 80 } } }])])).toEqual([]);
  });

  test('an earlier policy of the tier: Deny to 0.0.0.0/0 and ::/0 covers every pod peer; one family alone does not', () => {
    const block = (networks: string[]) =>
      cnp('block-egress', 'Admin', 10, ALL_NS, { egress: [{ action: 'Deny', to: [{ networks }] }] });
    const dns = cnp('dns', 'Admin', 20, ns({ team: 'a' }), {
      egress: [{ action: 'Accept', to: [ns({ 'kubernetes.io/metadata.name': 'kube-system' })], protocols: [tcp(53)] }],
    });
    expect(shadowed([block(['0.0.0.0/0', '::/0']), dns])).toEqual(['ClusterNetworkPolicy/dns spec.egress[0]']);
    const f = lintClusterNetworkPolicyRules([block(['0.0.0.0/0', '::/0']), dns])[0];
    expect(f.message).toContain(
      'rule spec.egress[0] (Deny) of ClusterNetworkPolicy block-egress (Admin tier, priority 10)',
    );
    expect(f.message).toContain('give dns a priority below 10');
    // IPv6 pods are outside 0.0.0.0/0.
    expect(shadowed([block(['0.0.0.0/0']), dns])).toEqual([]);
    // The earlier policy selects fewer pods than the later one: not shadowed.
    const narrowBlock = { ...block(['0.0.0.0/0', '::/0']), spec: { ...block([]).spec, subject: ns({ team: 'b' }) } };
    narrowBlock.spec.egress = [{ action: 'Deny', to: [{ networks: ['0.0.0.0/0', '::/0'] }] }];
    expect(shadowed([narrowBlock, dns])).toEqual([]);
  });

  test('equal priorities: the policy Felix runs first ("team-deny//..." sorts before "team//...") shadows the other', () => {
    const team = cnp('team', 'Admin', 5, ALL_NS, { ingress: [{ action: 'Accept', from: [ns({ team: 'a' })] }] });
    const teamDeny = cnp('team-deny', 'Admin', 5, ALL_NS, { ingress: [{ action: 'Deny', from: [ALL_NS] }] });
    expect(shadowed([team, teamDeny])).toEqual(['ClusterNetworkPolicy/team spec.ingress[0]']);
    expect(
      lintClusterNetworkPolicyRules([team, teamDeny]).find((f) => f.rule === 'cnp.shadowed-rule')!.message,
    ).toContain("the same priority: Calico's name tie-break runs it first");
    // Named the other way round, the Accept runs first and nothing is shadowed.
    const allow = { ...team, metadata: { name: 'a-team' } };
    expect(shadowed([allow, teamDeny])).toEqual([]);
  });

  test('an Admin Accept/Deny shadows a Baseline rule; an Admin Pass, or a Pass before it in kube-admin, does not', () => {
    const admin = (action: string) =>
      cnp('no-dev', 'Admin', 10, ALL_NS, { ingress: [{ action, from: [ns({ env: 'dev' })] }] });
    const baseline = cnp('base', 'Baseline', 1, ns({ team: 'a' }), {
      ingress: [{ action: 'Accept', from: [pods({ env: 'dev' }, { app: 'x' })] }],
    });
    expect(shadowed([baseline, admin('Deny')])).toEqual(['ClusterNetworkPolicy/base spec.ingress[0]']);
    expect(lintClusterNetworkPolicyRules([baseline, admin('Deny')])[0].message).toContain(
      'in the Admin tier (kube-admin decides before kube-baseline)',
    );
    expect(shadowed([baseline, admin('Pass')])).toEqual([]);
    // Passes the Baseline rule's traffic down, but not all of no-dev's: neither is shadowed.
    const passFirst = cnp('delegate', 'Admin', 1, ALL_NS, {
      ingress: [{ action: 'Pass', from: [pods({ env: 'dev' }, { app: 'x' })] }],
    });
    expect(shadowed([baseline, admin('Deny'), passFirst])).toEqual([]);
    // A Calico policy in kube-admin ordered before it, with a Pass rule, hands traffic down too.
    const calicoPass = gnp('calico-pass', {
      tier: 'kube-admin',
      order: 5,
      selector: 'all()',
      ingress: [{ action: 'Pass' }],
    });
    expect(shadowed([baseline, admin('Deny'), calicoPass])).toEqual([]);
    expect(shadowed([baseline, admin('Deny'), { ...calicoPass, spec: { ...calicoPass.spec, order: 50 } }])).toEqual([
      'ClusterNetworkPolicy/base spec.ingress[0]',
    ]);
  });

  test('a pods peer never covers a namespaces peer (that one also matches NetworkSets of the namespaces)', () => {
    const p = cnp('p', 'Admin', 1, ALL_NS, {
      ingress: [
        { action: 'Deny', from: [pods({}, {})] },
        { action: 'Accept', from: [ns({ team: 'a' })] },
        { action: 'Accept', from: [pods({ team: 'a' }, { app: 'web' })] },
      ],
    });
    expect(shadowed([p])).toEqual(['ClusterNetworkPolicy/p spec.ingress[2]']);
  });

  test('a rule that fails closed (nodes peer) denies everything and shadows what follows it', () => {
    const p = cnp('nodes', 'Admin', 1, ALL_NS, {
      egress: [
        { action: 'Deny', to: [{ nodes: { matchLabels: { role: 'control-plane' } } }] },
        { action: 'Accept', to: [ALL_NS] },
      ],
    });
    expect(shadowed([p])).toEqual(['ClusterNetworkPolicy/nodes spec.egress[1]']);
    const f = lintClusterNetworkPolicyRules([p]).find((x) => x.rule === 'cnp.shadowed-rule')!;
    expect(f.message).toContain('spec.egress[0] (fails closed into Deny)');
    expect(f.message).toContain('see cnp.fails-closed');
  });
});

describe('cnp.priority-tie', () => {
  const ties = rulesOnly('cnp.priority-tie');
  const a = (priority: number, subject: Record<string, unknown> = ALL_NS, from = [ALL_NS], action = 'Deny') =>
    cnp('team-deny', 'Admin', priority, subject, { ingress: [{ action, from }] });
  const b = (
    priority: number,
    subject: Record<string, unknown> = pods({}, { app: 'web' }),
    from = [ns({ team: 'a' })],
  ) => cnp('team', 'Admin', priority, subject, { ingress: [{ action: 'Accept', from }] });

  test('same tier and priority, overlapping subjects, rules that may meet with different actions: reported on the second', () => {
    expect(ties([b(5), a(5)])).toEqual(['ClusterNetworkPolicy/team spec.priority']);
    const f = lintClusterNetworkPolicyRules([b(5), a(5)]).find((x) => x.rule === 'cnp.priority-tie')!;
    expect(f.message).toContain('Calico runs team-deny first');
    expect(f.message).toContain(
      '"team-deny//KubernetesClusterNetworkPolicy" sorts before "team//KubernetesClusterNetworkPolicy"',
    );
    expect(f.message).toContain('; fix: give the two policies unique priorities');
    expect(lintRuleInfo('cnp.priority-tie')!.severity).toBe('warning');
  });

  test('near misses: other priorities, same action, disjoint subjects, disjoint peers, another tier', () => {
    expect(ties([b(5), a(6)])).toEqual([]);
    expect(ties([b(5), a(5, ALL_NS, [ALL_NS], 'Accept')])).toEqual([]);
    const teamA = { namespaces: { matchExpressions: [{ key: 'team', operator: 'In', values: ['a'] }] } };
    expect(ties([b(5, ns({ team: 'b' })), a(5, teamA)])).toEqual([]);
    expect(ties([b(5), a(5, ALL_NS, [ns({ team: 'b' })])])).toEqual([]);
    const baseline = { ...b(5), spec: { ...b(5).spec, tier: 'Baseline' } };
    expect(ties([baseline, a(5)])).toEqual([]);
  });
});

describe('cnp.fails-closed', () => {
  const failed = rulesOnly('cnp.fails-closed');

  test('nodes and domainNames peers: a Deny becomes deny-all, an Accept is dropped (error, from the converter)', () => {
    const p = cnp('exp', 'Admin', 1, ALL_NS, {
      egress: [
        { action: 'Accept', to: [{ domainNames: ['example.com'] }] },
        { action: 'Deny', to: [{ nodes: { matchLabels: {} } }] },
      ],
    });
    expect(failed([p])).toEqual([
      'ClusterNetworkPolicy/exp spec.egress[0].to[0]',
      'ClusterNetworkPolicy/exp spec.egress[1].to[0]',
    ]);
    const [accept, deny] = lintClusterNetworkPolicyRules([p]).filter((f) => f.rule === 'cnp.fails-closed');
    expect(accept.message).toContain('drops this Accept rule spec.egress[0], so it matches nothing');
    expect(deny.message).toContain('replaces this Deny rule spec.egress[1] with an unconditional Deny');
    expect(deny.message).toContain('fix: Calico 3.32 supports only namespaces, pods and networks peers');
    expect(lintManifests([p]).find((f) => f.rule === 'cnp.fails-closed')!.severity).toBe('error');
  });

  test('a named port outside ^[a-zA-Z0-9_.-]{1,128}$ fails; "web" does not', () => {
    const named = (name: string) =>
      cnp('np', 'Admin', 1, ALL_NS, {
        ingress: [{ action: 'Pass', from: [ALL_NS], protocols: [{ destinationNamedPort: name }] }],
      });
    expect(failed([named('web port')])).toEqual([
      'ClusterNetworkPolicy/np spec.ingress[0].protocols[0].destinationNamedPort',
    ]);
    expect(lintClusterNetworkPolicyRules([named('web port')])[0].message).toContain('rename the container port');
    expect(failed([named('web')])).toEqual([]);
  });

  test('a policy Calico turns into a tombstone (tier not Admin or Baseline) is reported: it enforces nothing', () => {
    const tomb = { ...cnp('lower', 'Admin', 1, ALL_NS, { ingress: [{ action: 'Deny', from: [ALL_NS] }] }) };
    tomb.spec = { ...tomb.spec, tier: 'admin' };
    expect(failed([tomb])).toEqual(['ClusterNetworkPolicy/lower spec.tier']);
    expect(lintClusterNetworkPolicyRules([tomb])[0].message).toMatch(
      /tombstone.*fix: set spec.tier to Admin or Baseline/,
    );
    // And no other cnp rule reads it as enforced.
    expect(lintClusterNetworkPolicyRules([tomb]).map((f) => f.rule)).toEqual(['cnp.fails-closed']);
  });

  test('an unknown selector operator (Calico drops it, broadening the subject) is reported; a known one is not', () => {
    const sel = (operator: string) =>
      cnp(
        'op',
        'Admin',
        1,
        { namespaces: { matchExpressions: [{ key: 'team', operator, values: ['a'] }] } },
        {
          ingress: [{ action: 'Deny', from: [ALL_NS] }],
        },
      );
    expect(failed([sel('in')])).toEqual([
      'ClusterNetworkPolicy/op spec.subject.namespaces.matchExpressions[0].operator',
    ]);
    expect(lintClusterNetworkPolicyRules([sel('in')])[0].message).toMatch(
      /matches more than written.*fix: use In, NotIn/,
    );
    expect(failed([sel('In')])).toEqual([]);
  });
});

describe('cnp.pass-to-nothing', () => {
  const passes = tiersOnly('cnp.pass-to-nothing');
  const admin = cnp('delegate', 'Admin', 1, ALL_NS, { ingress: [{ action: 'Pass', from: [ALL_NS] }] });

  test('a Pass with no policy in any later tier for that direction ends in the profile allow', () => {
    expect(passes([admin])).toEqual(['ClusterNetworkPolicy/delegate spec.ingress[0]']);
    const f = lintManifests([admin]).find((x) => x.rule === 'cnp.pass-to-nothing')!;
    expect(f.severity).toBe('warning');
    expect(f.message).toContain('no policy in a tier after kube-admin has ingress rules');
    expect(f.message).toContain("namespace profile's allow");
    expect(f.message).toContain('fix: write Accept if allowing is the intent');
    // An egress-only NetworkPolicy does not decide ingress.
    expect(passes([admin, knp('shop', 'egress', { podSelector: {}, policyTypes: ['Egress'] })])).toEqual([
      'ClusterNetworkPolicy/delegate spec.ingress[0]',
    ]);
  });

  test('a Pass that fails closed (nodes peer) is a Deny, not a Pass to nothing', () => {
    const failedPass = cnp('f', 'Admin', 1, ALL_NS, {
      egress: [{ action: 'Pass', to: [{ nodes: { matchLabels: {} } }] }],
    });
    expect(passes([failedPass])).toEqual([]);
  });

  test('near misses: a NetworkPolicy or a Baseline policy with ingress rules decides', () => {
    expect(passes([admin, knp('shop', 'deny', { podSelector: {}, policyTypes: ['Ingress'] })])).toEqual([]);
    const baseline = cnp('base', 'Baseline', 1, ALL_NS, { ingress: [{ action: 'Deny', from: [ALL_NS] }] });
    expect(passes([admin, baseline])).toEqual([]);
  });

  test('with workloads: judged on the pods the Pass applies to', () => {
    const world = [namespace('shop'), namespace('ops'), pod('shop', 'web', { labels: { app: 'web' } })];
    const elsewhere = knp('ops', 'deny', { podSelector: {}, policyTypes: ['Ingress'] });
    expect(passes([...world, admin, elsewhere])).toEqual(['ClusterNetworkPolicy/delegate spec.ingress[0]']);
    expect(lintClusterNetworkPolicyTiers([...world, admin, elsewhere])[0].message).toContain(
      'any of the 1 workload(s)',
    );
    const here = knp('shop', 'deny', { podSelector: {}, policyTypes: ['Ingress'] });
    expect(passes([...world, admin, here])).toEqual([]);
  });

  test('a Baseline Pass ends in the profile unless a user tier after kube-baseline selects the pods', () => {
    const base = cnp('base-pass', 'Baseline', 1, ALL_NS, { egress: [{ action: 'Pass', to: [ALL_NS] }] });
    expect(passes([base])).toEqual(['ClusterNetworkPolicy/base-pass spec.egress[0]']);
    expect(passes([base, knp('shop', 'deny', { podSelector: {}, policyTypes: ['Egress'] })])).toEqual([
      'ClusterNetworkPolicy/base-pass spec.egress[0]',
    ]);
    const late = [
      tier('late', 20_000_000, 'Deny'),
      gnp('late-gnp', { tier: 'late', selector: 'all()', types: ['Egress'] }),
    ];
    expect(passes([base, ...late])).toEqual([]);
  });
});

describe('cnp.baseline-overridden / cnp.baseline-deny-overridden', () => {
  const warn = tiersOnly('cnp.baseline-overridden');
  const info = tiersOnly('cnp.baseline-deny-overridden');
  const world = [namespace('shop'), namespace('ops'), pod('shop', 'web', { labels: { app: 'web' } })];
  const monitoring = cnp('allow-monitoring', 'Baseline', 10, ALL_NS, {
    ingress: [{ name: 'prometheus', action: 'Accept', from: [ns({ 'kubernetes.io/metadata.name': 'monitoring' })] }],
  });
  const isolate = knp('shop', 'isolate', { podSelector: {}, policyTypes: ['Ingress'] });

  test('a NetworkPolicy selecting the pods overrides a Baseline Accept (warning, names the policy)', () => {
    expect(warn([...world, monitoring, isolate])).toEqual(['ClusterNetworkPolicy/allow-monitoring spec.ingress[0]']);
    const f = lintManifests([...world, monitoring, isolate]).find((x) => x.rule === 'cnp.baseline-overridden')!;
    expect(f.severity).toBe('warning');
    expect(f.message).toContain(
      'for the 1 workload(s) both select, Kubernetes NetworkPolicy shop/isolate decides ingress',
    );
    expect(f.message).toContain('("prometheus", Accept) never apply there');
    expect(f.message).toContain('fix: if the traffic must always flow, Accept it in an Admin ClusterNetworkPolicy');
  });

  test('near misses: another direction, another namespace, a Pass-default tier', () => {
    const egressOnly = knp('shop', 'isolate', { podSelector: {}, policyTypes: ['Egress'] });
    expect(warn([...world, monitoring, egressOnly])).toEqual([]);
    expect(warn([...world, monitoring, knp('ops', 'isolate', { podSelector: {}, policyTypes: ['Ingress'] })])).toEqual(
      [],
    );
    const passTier = [
      tier('apps', 5000, 'Pass'),
      np('shop', 'apps', { tier: 'apps', selector: 'all()', types: ['Ingress'], ingress: [{ action: 'Pass' }] }),
    ];
    expect(warn([...world, monitoring, ...passTier])).toEqual([]);
    // A default-tier Calico policy with a Pass rule may hand traffic down to kube-baseline: not counted.
    const passing = np('shop', 'calico', { selector: 'all()', types: ['Ingress'], ingress: [{ action: 'Pass' }] });
    expect(warn([...world, monitoring, passing])).toEqual([]);
    // A default-tier Calico policy counts like a NetworkPolicy.
    expect(warn([...world, monitoring, np('shop', 'calico', { selector: 'all()', types: ['Ingress'] })])).toEqual([
      'ClusterNetworkPolicy/allow-monitoring spec.ingress[0]',
    ]);
  });

  test('a Baseline default deny that namespaces override is the intended pattern: info', () => {
    const deny = cnp('default-deny', 'Baseline', 100, ALL_NS, { ingress: [{ action: 'Deny', from: [ALL_NS] }] });
    expect(info([...world, deny, isolate])).toEqual(['ClusterNetworkPolicy/default-deny spec.ingress']);
    expect(warn([...world, deny, isolate])).toEqual([]);
    expect(lintRuleInfo('cnp.baseline-deny-overridden')!.severity).toBe('info');
    expect(info([...world, deny])).toEqual([]);
  });

  test('without workloads: a namespaced policy in a namespace the subject covers', () => {
    const shopOnly = {
      ...monitoring,
      spec: { ...monitoring.spec, subject: ns({ 'kubernetes.io/metadata.name': 'shop' }) },
    };
    expect(warn([shopOnly, isolate])).toEqual(['ClusterNetworkPolicy/allow-monitoring spec.ingress[0]']);
    expect(warn([shopOnly, knp('ops', 'isolate', { podSelector: {}, policyTypes: ['Ingress'] })])).toEqual([]);
  });
});

describe('cnp.preempted-by-tier', () => {
  const preempted = tiersOnly('cnp.preempted-by-tier');
  const guard = cnp('guard', 'Admin', 1, ALL_NS, { ingress: [{ action: 'Deny', from: [ns({ env: 'dev' })] }] });
  const early = (order: number, action: 'Deny' | 'Pass', ruleAction = 'Allow') => [
    tier('early', order, action),
    gnp('early-allow', { tier: 'early', selector: 'all()', types: ['Ingress'], ingress: [{ action: ruleAction }] }),
  ];

  test('a user tier ordered before kube-admin whose policies select Admin subjects', () => {
    const docs = [namespace('shop'), guard, ...early(100, 'Pass')];
    expect(preempted(docs)).toEqual(['Tier/early spec.order']);
    const f = lintManifests(docs).find((x) => x.rule === 'cnp.preempted-by-tier')!;
    expect(f.severity).toBe('warning');
    expect(f.message).toContain('tier early (order 100) runs before kube-admin (order 1000)');
    expect(f.message).toContain('GlobalNetworkPolicy early-allow');
    expect(f.message).toContain('fix: give the tier an order above 1000');
  });

  test('near misses: ordered after kube-admin, a Pass-default tier with only Pass rules, no Admin policy, another direction', () => {
    expect(preempted([namespace('shop'), guard, ...early(2000, 'Deny')])).toEqual([]);
    expect(preempted([namespace('shop'), guard, ...early(100, 'Pass', 'Pass')])).toEqual([]);
    const baselineOnly = { ...guard, spec: { ...guard.spec, tier: 'Baseline' } };
    expect(preempted([namespace('shop'), baselineOnly, ...early(100, 'Deny')])).toEqual([]);
    const egressGuard = cnp('guard', 'Admin', 1, ALL_NS, { egress: [{ action: 'Deny', to: [ns({ env: 'dev' })] }] });
    expect(preempted([namespace('shop'), egressGuard, ...early(100, 'Deny')])).toEqual([]);
  });
});

describe('the CLI lint path keeps ClusterNetworkPolicies', () => {
  test('the projection keeps the object whole; the streamed lint finds what the plain lint finds', () => {
    const deny = cnp('deny-all', 'Admin', 1, ALL_NS, {
      ingress: [
        { action: 'Deny', from: [ALL_NS] },
        { action: 'Accept', from: [ns({ team: 'a' })] },
      ],
    });
    expect(lintProjection(deny)).toEqual(deny); // a compact copy, every field kept
    const docs = [
      namespace('shop'),
      pod('shop', 'web', { ip: '10.1.0.5', labels: { app: 'web' } }),
      deny,
      cnp('base', 'Baseline', 1, ALL_NS, { ingress: [{ action: 'Accept', from: [ALL_NS] }] }),
      knp('shop', 'isolate', { podSelector: {}, policyTypes: ['Ingress'] }),
      {
        apiVersion: 'v1',
        kind: 'List',
        items: [cnp('in-list', 'Admin', 1, ALL_NS, { egress: [{ action: 'Pass', to: [ALL_NS] }] })],
      },
    ];
    const plain = lintManifests(docs);
    expect(plain.filter((f) => f.rule.startsWith('cnp.')).map((f) => `${f.rule} ${f.name} ${f.path}`)).toEqual([
      'cnp.shadowed-rule deny-all spec.ingress[1]',
      // Admin's Deny of all ingress decides first as well.
      'cnp.shadowed-rule base spec.ingress[0]',
      'cnp.baseline-overridden base spec.ingress[0]',
      'cnp.pass-to-nothing in-list spec.egress[0]',
    ]);
    const streamed = streamLintDocuments(docs);
    expect(streamed.summary).toBeDefined();
    expect(lintManifestsSeeded(streamed.docs, {}, () => streamed.summary)).toEqual(plain);
  });

  test('no ClusterNetworkPolicy: the rule sets report nothing and bad input is refused', () => {
    expect(lintClusterNetworkPolicyRules([gnp('g', { selector: 'all()' })])).toEqual([]);
    expect(lintClusterNetworkPolicyTiers([])).toEqual([]);
    expect(() => lintClusterNetworkPolicyRules('x' as any)).toThrow(
      /\[lintClusterNetworkPolicyRules\] docs: expected an array/,
    );
  });
});

describe('the set relations the rules rest on (label requirements as Calico reads them, ports)', () => {
  const req = (sel: unknown) => labelRequirements(sel)!;
  const expr = (key: string, operator: string, values?: string[]) => ({
    matchExpressions: [{ key, operator, values }],
  });

  test('implication: each requirement of the wider selector follows from one of the narrower', () => {
    const cases: [unknown, unknown, boolean][] = [
      [{}, { matchLabels: { a: '1' } }, true],
      [{ matchLabels: { a: '1' } }, {}, false],
      [expr('a', 'In', ['1', '2']), { matchLabels: { a: '1', b: '2' } }, true],
      [expr('a', 'In', ['1']), expr('a', 'In', ['1', '2']), false],
      [expr('a', 'Exists'), { matchLabels: { a: 'x' } }, true],
      [expr('a', 'NotIn', ['1']), expr('a', 'DoesNotExist'), true],
      [expr('a', 'NotIn', ['1']), expr('a', 'In', ['2']), true],
      [expr('a', 'NotIn', ['1']), expr('a', 'In', ['1', '2']), false],
      [expr('a', 'NotIn', ['1']), expr('a', 'NotIn', ['1', '2']), true],
      [expr('a', 'DoesNotExist'), expr('a', 'NotIn', ['1']), false],
      // Calico drops an unknown operator: the wider selector then admits everything.
      [expr('a', 'Equals', ['1']), { matchLabels: { b: '1' } }, true],
    ];
    for (const [wide, narrow, want] of cases)
      expect([wide, narrow, selectsAllOf(req(wide), req(narrow))]).toEqual([wide, narrow, want]);
  });

  test('disjointness: only a contradiction on one key proves it', () => {
    const cases: [unknown, unknown, boolean][] = [
      [{ matchLabels: { a: '1' } }, { matchLabels: { a: '2' } }, true],
      [{ matchLabels: { a: '1' } }, { matchLabels: { b: '2' } }, false],
      [expr('a', 'In', ['1', '2']), expr('a', 'NotIn', ['1', '2']), true],
      [expr('a', 'In', ['1', '2']), expr('a', 'NotIn', ['1']), false],
      [expr('a', 'Exists'), expr('a', 'DoesNotExist'), true],
      [{}, expr('a', 'DoesNotExist'), false],
    ];
    for (const [a, b, want] of cases) expect([a, b, provablyDisjoint(req(a), req(b))]).toEqual([a, b, want]);
  });

  test('ports: a protocol-less key covers all; named ports cover only the same name but may meet any port', () => {
    const all = [{}];
    const tcp80 = [{ protocol: 'TCP', ports: [{ min: 80, max: 80 }] }];
    const tcpAll = [{ protocol: 'TCP' }];
    const web = [{ ports: [{ name: 'web' }] }];
    expect(portsCover(all, tcp80)).toBe(true);
    expect(portsCover(tcp80, all)).toBe(false);
    expect(portsCover(tcpAll, tcp80)).toBe(true);
    expect(portsCover(tcp80, tcpAll)).toBe(false);
    expect(portsCover(web, web)).toBe(true);
    expect(portsCover(web, tcp80)).toBe(false);
    expect(portsMayOverlap(web, tcp80)).toBe(true);
    expect(portsMayOverlap(tcp80, [{ protocol: 'UDP', ports: [{ min: 80, max: 80 }] }])).toBe(false);
    expect(portsMayOverlap(tcp80, [{ protocol: 'TCP', ports: [{ min: 81, max: 90 }] }])).toBe(false);
  });
});

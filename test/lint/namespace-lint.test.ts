// lint.namespace-without-default-deny (kubescape C-0206 "namespaces have NetworkPolicies", kube-linter
// non-isolated-pod) and lint.log-only-policy (Calico issue 3801; the "log all denied traffic" GNP of
// docs/scenarios.md#004).
import { Chart, Testing } from 'cdk8s';
import { SecureNamespace } from '../../lib/access';
import { KubeNetworkPolicy } from '../../lib/policy/kubernetes';
import { DenyLogging } from '../../lib/policy/deny-logging';
import {
  lintLogOnlyPolicies,
  lintManifests,
  lintNamespacesWithoutDefaultDeny,
  PLATFORM_NAMESPACES,
} from '../../lib/lint';
import { allowDns, denyAll, deployment, gnp, hits, knp, namespace, np, pod, tier } from './fixtures';

const DENY = 'lint.namespace-without-default-deny';
const noDeny = (docs: any[]) => hits(lintNamespacesWithoutDefaultDeny(docs), DENY);

describe('lint.namespace-without-default-deny', () => {
  const shop = [namespace('shop'), deployment('shop', 'web', { app: 'web' })];

  test('a populated namespace without an ingress default deny is flagged on the Namespace object', () => {
    const found = lintManifests(shop).filter((f) => f.rule === DENY);
    expect(found.map((f) => `${f.severity} ${f.kind}/${f.name} ${JSON.stringify(f.path)}`)).toEqual([
      'warning Namespace/shop ""',
    ]);
    expect(found[0].message).toMatch(
      /no policy isolates ingress for every pod of namespace shop \(the manifests put 1 workload\(s\) in it\).*; fix: add a default deny: a NetworkPolicy in shop with podSelector: \{\}/,
    );
  });

  test('isolation by a Kubernetes podSelector {} policy, a Calico all() policy, or a covering GlobalNetworkPolicy', () => {
    expect(noDeny([...shop, denyAll('shop', ['Ingress'])])).toEqual([]);
    expect(
      noDeny([
        ...shop,
        knp('shop', 'from-lb', {
          podSelector: {},
          policyTypes: ['Ingress'],
          ingress: [{ from: [{ ipBlock: { cidr: '10.0.0.0/8' } }] }],
        }),
      ]),
    ).toEqual([]);
    expect(noDeny([...shop, np('shop', 'deny', { selector: 'all()', types: ['Ingress'] })])).toEqual([]);
    expect(
      noDeny([...shop, gnp('pods', { namespaceSelector: 'has(kubernetes.io/metadata.name)', types: ['Ingress'] })]),
    ).toEqual([]);
  });

  test('not isolation: policies for some pods only, egress only, allow-all ingress, Pass tiers, staged, another namespace', () => {
    for (const p of [
      knp('shop', 'web', { podSelector: { matchLabels: { app: 'web' } }, policyTypes: ['Ingress'] }),
      denyAll('shop', ['Egress']),
      knp('shop', 'open', { podSelector: {}, policyTypes: ['Ingress'], ingress: [{}] }),
      np('shop', 'audit', { tier: 'audit', selector: 'all()', types: ['Ingress'] }),
      { ...denyAll('shop', ['Ingress']), apiVersion: 'projectcalico.org/v3', kind: 'StagedKubernetesNetworkPolicy' },
      denyAll('other', ['Ingress']),
      gnp('team', { namespaceSelector: "team == 'x'", types: ['Ingress'] }),
    ]) {
      expect(noDeny([...shop, tier('audit', 100, 'Pass'), p])).toEqual(['Namespace/shop ']);
    }
  });

  test('namespaces with only policies count as populated; empty ones and platform namespaces are skipped', () => {
    expect(noDeny([namespace('shop'), allowDns('shop')])).toEqual(['Namespace/shop ']);
    expect(noDeny([namespace('shop')])).toEqual([]);
    expect(PLATFORM_NAMESPACES).toEqual(
      expect.arrayContaining(['kube-system', 'calico-system', 'kube-public', 'kube-node-lease']),
    );
    expect(
      noDeny([namespace('kube-system'), pod('kube-system', 'coredns', { labels: { 'k8s-app': 'kube-dns' } })]),
    ).toEqual([]);
    expect(noDeny([namespace('default'), pod('default', 'stray')])).toEqual(['Namespace/default ']);
  });

  test('the SecureNamespace construct satisfies it (and the DNS lint)', () => {
    const chart = new Chart(Testing.app(), 'c');
    new SecureNamespace(chart, 'Shop', { name: 'shop' });
    const docs = [...Testing.synth(chart), deployment('shop', 'web', { app: 'web' })];
    expect(lintManifests(docs).filter((f) => f.rule === DENY || f.rule === 'lint.dns-egress-blocked')).toEqual([]);
  });
});

const LOG = 'lint.log-only-policy';
const logOnly = (docs: any[]) => hits(lintLogOnlyPolicies(docs), LOG);

describe('lint.log-only-policy', () => {
  // docs/scenarios.md#004's example, meant to "log all denied traffic": it denies everything no earlier policy allowed.
  const seed004 = gnp('log-all-deny', {
    order: 2000,
    selector: 'all()',
    types: ['Ingress', 'Egress'],
    ingress: [{ action: 'Log' }],
    egress: [{ action: 'Log' }],
  });

  test('the seed 004 example is an error in both directions', () => {
    const found = lintManifests([seed004]).filter((f) => f.rule === LOG);
    expect(found.map((f) => `${f.severity} ${f.path}`)).toEqual(['error spec.ingress', 'error spec.egress']);
    expect(found[0].message).toMatch(
      /every ingress rule is Log.*no other policy of tier default governs for ingress the policy activates the tier.*dropped at the end of the tier; fix: end spec.ingress with the action you mean/,
    );
  });

  test('a final Allow or Deny, an empty direction or a direction not in types is fine', () => {
    expect(logOnly([gnp('x', { selector: 'all()', ingress: [{ action: 'Log' }, { action: 'Allow' }] })])).toEqual([]);
    expect(logOnly([gnp('x', { selector: 'all()', ingress: [{ action: 'Log' }, { action: 'Deny' }] })])).toEqual([]);
    expect(logOnly([gnp('x', { selector: 'all()', types: ['Ingress'] })])).toEqual([]);
    expect(
      logOnly([
        gnp('x', {
          selector: 'all()',
          types: ['Ingress'],
          ingress: [{ action: 'Allow' }],
          egress: [{ action: 'Log' }],
        }),
      ]),
    ).toEqual([]);
    // types defaulted from the rules: egress rules only → [Egress]
    expect(logOnly([np('shop', 'x', { selector: 'all()', egress: [{ action: 'Log', protocol: 'TCP' }] })])).toEqual([
      'NetworkPolicy/shop/x spec.egress',
    ]);
  });

  test('endpoints another policy of the tier already governs: selectors that imply the governed union are fine', () => {
    const governed = [
      gnp('deny-apps', { selector: 'has(app)', types: ['Ingress'] }),
      gnp('deny-teams', { selector: 'has(team)', types: ['Ingress'], ingress: [{ action: 'Allow', protocol: 'TCP' }] }),
    ];
    const log = (selector: string) => gnp('log', { selector, types: ['Ingress'], ingress: [{ action: 'Log' }] });
    expect(logOnly([...governed, log('has(app)')])).toEqual([]);
    expect(logOnly([...governed, log('has(app) || has(team)')])).toEqual([]);
    expect(logOnly([...governed, log("tier == 'web' && (has(app) || has(team))")])).toEqual([]);
    expect(logOnly([...governed, log('has(app) || has(other)')])).toEqual(['GlobalNetworkPolicy/log spec.ingress']);
    // Other tiers, other directions and other Log-only policies do not govern.
    expect(
      logOnly([gnp('deny', { tier: 'other', selector: 'has(app)', types: ['Ingress'] }), log('has(app)')]),
    ).toEqual(['GlobalNetworkPolicy/log spec.ingress']);
    expect(logOnly([gnp('deny', { selector: 'has(app)', types: ['Egress'] }), log('has(app)')])).toEqual([
      'GlobalNetworkPolicy/log spec.ingress',
    ]);
    expect(logOnly([log('has(app)'), { ...log('has(app)'), metadata: { name: 'log2' } }])).toEqual([
      'GlobalNetworkPolicy/log spec.ingress',
      'GlobalNetworkPolicy/log2 spec.ingress',
    ]);
  });

  test('with workloads in the manifests, only endpoints nothing else governs count, and are named', () => {
    const shopLog = np('shop', 'log', { selector: 'all()', types: ['Ingress'], ingress: [{ action: 'Log' }] });
    const state = [
      namespace('shop'),
      pod('shop', 'web', { labels: { app: 'web' } }),
      pod('shop', 'db', { labels: { app: 'db' } }),
    ];
    expect(logOnly([...state, denyAll('shop', ['Ingress']), shopLog])).toEqual([]);
    const webOnly = knp('shop', 'web', { podSelector: { matchLabels: { app: 'web' } }, policyTypes: ['Ingress'] });
    const found = lintLogOnlyPolicies([...state, webOnly, shopLog]);
    expect(found).toHaveLength(1);
    expect(found[0].message).toContain(
      'for 1 endpoint(s) no other policy of tier default governs for ingress (shop/db)',
    );
    expect(logOnly([denyAll('shop', ['Ingress']), shopLog])).toEqual(['NetworkPolicy/shop/log spec.ingress']); // no state: cannot prove
  });

  test('the DenyLogging construct emits Log policies this rule accepts', () => {
    const chart = new Chart(Testing.app(), 'c');
    new KubeNetworkPolicy(chart, 'Deny', {
      name: 'deny',
      namespace: 'shop',
      isolateIngress: true,
      isolateEgress: true,
    });
    new DenyLogging(chart, 'LogDenied');
    const docs = Testing.synth(chart);
    expect(docs.filter((d) => d.kind === 'GlobalNetworkPolicy').map((d) => d.metadata.name)).toEqual([
      'log-denied-ingress',
      'log-denied-egress',
    ]);
    expect(logOnly(docs)).toEqual([]);
  });

  test('no end-of-tier drop, no finding: Pass tiers, preDNAT, doNotTrack, staged policies', () => {
    expect(
      logOnly([
        tier('audit', 10, 'Pass'),
        gnp('x', { tier: 'audit', selector: 'all()', ingress: [{ action: 'Log' }] }),
      ]),
    ).toEqual([]);
    expect(
      logOnly([
        tier('strict', 10, 'Deny'),
        gnp('x', { tier: 'strict', selector: 'all()', ingress: [{ action: 'Log' }] }),
      ]),
    ).toEqual(['GlobalNetworkPolicy/x spec.ingress']);
    expect(
      logOnly([gnp('x', { selector: 'has(h)', preDNAT: true, applyOnForward: true, ingress: [{ action: 'Log' }] })]),
    ).toEqual([]);
    expect(
      logOnly([gnp('x', { selector: 'has(h)', doNotTrack: true, applyOnForward: true, ingress: [{ action: 'Log' }] })]),
    ).toEqual([]);
    expect(logOnly([{ ...seed004, kind: 'StagedGlobalNetworkPolicy' }])).toEqual([]);
  });
});

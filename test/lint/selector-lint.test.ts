// lint.selector-matches-nothing (selectors that select nothing: k8sgpt-ai/k8sgpt issue 157) and
// lint.selector-matches-everything (a global all() policy that drops: hosts and system pods cut off).
import { lintManifests, lintSelectorsMatchingEverything, lintSelectorsMatchingNothing } from '../../lib/lint';
import { autoHeps, deployment, gnp, hep, hits, knp, namespace, node, np, pod, tier } from './fixtures';

const NOTHING = 'lint.selector-matches-nothing';
const nothing = (docs: any[]) => hits(lintSelectorsMatchingNothing(docs), NOTHING);

describe('lint.selector-matches-nothing', () => {
  const state = [
    namespace('shop'),
    pod('shop', 'web-1', { labels: { app: 'web' } }),
    deployment('shop', 'api', { app: 'api' }),
  ];

  test('namespaced policies are checked against the pods and pod templates of their namespace', () => {
    const typo = knp('shop', 'to-web', { podSelector: { matchLabels: { app: 'wbe' } }, policyTypes: ['Ingress'] });
    const good = knp('shop', 'to-api', { podSelector: { matchLabels: { app: 'api' } }, policyTypes: ['Ingress'] });
    const calico = np('shop', 'c', { selector: "app == 'db'" });
    const found = lintSelectorsMatchingNothing([...state, typo, good, calico]);
    expect(hits(found, NOTHING)).toEqual([
      'NetworkPolicy/shop/to-web spec.podSelector',
      'NetworkPolicy/shop/c spec.selector',
    ]);
    expect(found[0].message).toMatch(
      /^podSelector \(as Calico applies it: .*app == 'wbe'.*\) selects none of the 2 workload\(s\) \(pods and pod templates\) in namespace shop.*; fix: give the pods it is meant for the labels it expects, or correct the selector/,
    );
    expect(found[1].message).toMatch(/^selector "app == 'db'"/);
    expect(lintManifests([...state, typo]).find((f) => f.rule === NOTHING)?.severity).toBe('warning');
  });

  test('a namespace with no workloads yet is not judged (its policies are for pods to come); nor is an unknown namespace', () => {
    // SecureNamespace emits default-deny and DNS policies before any pod exists: never "delete the policy" (issue 12)
    expect(nothing([...state, namespace('empty'), np('empty', 'x', { selector: 'all()' })])).toEqual([]);
    expect(
      nothing([...state, namespace('empty'), knp('empty', 'web', { podSelector: { matchLabels: { app: 'web' } } })]),
    ).toEqual([]);
    expect(nothing([...state, np('elsewhere', 'x', { selector: 'all()' })])).toEqual([]);
  });

  test('without any workloads in the manifests nothing is judged', () => {
    expect(
      nothing([namespace('shop'), knp('shop', 'to-web', { podSelector: { matchLabels: { app: 'nope' } } })]),
    ).toEqual([]);
  });

  test('hostNetwork pods are not workload endpoints; pods of other namespaces do not count', () => {
    const docs = [
      namespace('shop'),
      namespace('other'),
      pod('shop', 'agent', { labels: { app: 'agent' }, hostNetwork: true }),
      pod('other', 'agent', { labels: { app: 'agent' } }),
    ];
    expect(nothing([...docs, knp('shop', 'agent', { podSelector: { matchLabels: { app: 'agent' } } })])).toEqual([
      'NetworkPolicy/shop/agent spec.podSelector',
    ]);
  });

  test('namespace labels reach selectors through namespaceSelector (pcns. prefix), as Felix evaluates them', () => {
    const docs = [namespace('shop', { team: 'blue' }), pod('shop', 'web', { labels: { app: 'web' } })];
    expect(nothing([...docs, gnp('blue', { namespaceSelector: "team == 'blue'", selector: "app == 'web'" })])).toEqual(
      [],
    );
    expect(nothing([...docs, gnp('red', { namespaceSelector: "team == 'red'", selector: "app == 'web'" })])).toEqual([
      'GlobalNetworkPolicy/red spec.selector',
    ]);
  });

  test('global policies need both pods and host endpoints; preDNAT policies need host endpoints only', () => {
    const heps = [hep('n1-eth0', { node: 'n1', interfaceName: 'eth0' }, { 'kubernetes-host': '' })];
    const hostPolicy = gnp('hosts', { selector: 'has(kubernetes-host)' });
    const ghost = gnp('ghost', { selector: "role == 'ghost'" });
    expect(nothing([...state, hostPolicy, ghost])).toEqual([]); // no host endpoints known
    expect(nothing([...state, ...heps, hostPolicy, ghost])).toEqual(['GlobalNetworkPolicy/ghost spec.selector']);
    const pre = (sel: string) => gnp('pre', { selector: sel, preDNAT: true, applyOnForward: true, types: ['Ingress'] });
    expect(nothing([...heps, pre("app == 'web'")])).toEqual(['GlobalNetworkPolicy/pre spec.selector']);
    expect(lintSelectorsMatchingNothing([...heps, pre("app == 'web'")])[0].message).toMatch(
      /preDNAT policies apply to host endpoints only/,
    );
    expect(nothing([...heps, pre('has(kubernetes-host)')])).toEqual([]);
  });

  test('automatic host endpoints (KubeControllersConfiguration + Nodes) carry the node labels', () => {
    const docs = [autoHeps(), node('n1', '10.0.0.1', { 'node-role.kubernetes.io/worker': '' })];
    const pre = (sel: string) => gnp('pre', { selector: sel, preDNAT: true, applyOnForward: true, types: ['Ingress'] });
    expect(nothing([...docs, pre('has(node-role.kubernetes.io/worker)')])).toEqual([]);
    expect(nothing([...docs, pre('has(node-role.kubernetes.io/control-plane)')])).toEqual([
      'GlobalNetworkPolicy/pre spec.selector',
    ]);
  });

  test('malformed objects and bad selectors are left to validate', () => {
    expect(
      nothing([...state, np('shop', 'bad', { selector: 'app ==' }), { kind: 'Pod', metadata: 'x' }, null, 7]),
    ).toEqual([]);
  });
});

const EVERYTHING = 'lint.selector-matches-everything';
const everything = (docs: any[]) => hits(lintSelectorsMatchingEverything(docs), EVERYTHING);

describe('lint.selector-matches-everything', () => {
  test('a global all() default deny (empty or all(), with or without rules that allow some) is flagged', () => {
    expect(everything([gnp('deny-all', { selector: 'all()', types: ['Ingress', 'Egress'] })])).toEqual([
      'GlobalNetworkPolicy/deny-all spec.selector',
    ]);
    expect(
      everything([
        gnp('empty', {
          types: ['Ingress'],
          ingress: [{ action: 'Allow', protocol: 'TCP', destination: { ports: [443] } }],
        }),
      ]),
    ).toEqual(['GlobalNetworkPolicy/empty spec.selector']);
    const f = lintManifests([gnp('deny-all', { selector: 'all()', types: ['Ingress', 'Egress'] })]).find(
      (x) => x.rule === EVERYTHING,
    )!;
    expect(f.severity).toBe('warning');
    expect(f.message).toMatch(
      /all pods in every namespace.*every host endpoint, and for ingress and egress it drops what it does not allow \(tier default\).*; fix: narrow spec.selector/,
    );
  });

  test('a Deny before any allow-all counts; an allow-all or pass-all first does not', () => {
    expect(
      everything([
        gnp('d', {
          selector: 'all()',
          egress: [{ action: 'Deny', destination: { nets: ['169.254.169.254/32'] } }, { action: 'Allow' }],
        }),
      ]),
    ).toEqual(['GlobalNetworkPolicy/d spec.selector']);
    expect(everything([gnp('a', { selector: 'all()', ingress: [{ action: 'Allow' }] })])).toEqual([]);
    expect(everything([gnp('p', { selector: 'all()', ingress: [{ action: 'Log' }, { action: 'Pass' }] })])).toEqual([]);
  });

  test('not flagged: narrowed selectors, namespaceSelector, namespaced policies, preDNAT, staged, Pass tiers without Deny', () => {
    expect(everything([gnp('pods', { selector: 'has(projectcalico.org/namespace)', types: ['Ingress'] })])).toEqual([]);
    expect(everything([gnp('ns', { selector: 'all()', namespaceSelector: 'all()', types: ['Ingress'] })])).toEqual([]);
    expect(everything([np('shop', 'all', { selector: 'all()', types: ['Ingress'] })])).toEqual([]);
    expect(
      everything([
        gnp('pre', { selector: 'all()', preDNAT: true, applyOnForward: true, ingress: [{ action: 'Deny' }] }),
      ]),
    ).toEqual([]);
    expect(everything([{ ...gnp('s', { selector: 'all()' }), kind: 'StagedGlobalNetworkPolicy' }])).toEqual([]);
    expect(
      everything([
        tier('audit', 10, 'Pass'),
        gnp('log', { tier: 'audit', selector: 'all()', ingress: [{ action: 'Log' }] }),
      ]),
    ).toEqual([]);
    expect(
      everything([
        tier('audit', 10, 'Pass'),
        gnp('deny', {
          tier: 'audit',
          selector: 'all()',
          ingress: [{ action: 'Deny', source: { nets: ['10.0.0.0/8'] } }],
        }),
      ]),
    ).toEqual(['GlobalNetworkPolicy/deny spec.selector']);
  });
});

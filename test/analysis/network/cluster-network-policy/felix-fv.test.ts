// Calico's own Felix FV test of ClusterNetworkPolicy, transcribed as truth tables:
// projectcalico/calico felix/fv/cluster_network_policy_test.go (PR #12437, in v3.32.1), both Describes
// ("pepper cluster network policy conversion" and "... flow logs"). The world is the test's: two nodes, w0 on felix 0
// (10.65.0.0), w1 and w2 on felix 1 (10.65.1.0, 10.65.1.1), all in namespace "default", serving TCP 8055, with the
// default-allow profile (infra.AddDefaultAllow). Each `It` is one row: the policies it creates (after its deletions)
// and what `cc.ExpectSome` / `cc.ExpectNone` assert. Flow-log rows check the deciding policy the engine reports
// against the flow log's enforced policy string (`0|kube-admin|kcnp:deny-ingress|deny|0`).
import { NetworkModel } from '../../../../lib/analysis';
import { cnp, gnp, namespace, node, pod } from '../fixtures';

const WEP_PORT = 8055;
const world = (): any[] => [
  node('felix-0', '172.17.0.3'),
  node('felix-1', '172.17.0.4'),
  namespace('default'),
  pod('default', 'w0', { ip: '10.65.0.0', node: 'felix-0' }),
  pod('default', 'w1', { ip: '10.65.1.0', node: 'felix-1' }),
  pod('default', 'w2', { ip: '10.65.1.1', node: 'felix-1' }),
];
const allNamespaces = { namespaces: {} };

// The CNPs and GNP the FV test creates.
const denyIngress = cnp('deny-ingress', {
  priority: 100,
  tier: 'Admin',
  subject: allNamespaces,
  ingress: [{ name: 'deny-all-ingress', action: 'Deny', from: [allNamespaces] }],
});
const denyAllIngress200 = cnp('deny-all-ingress', {
  priority: 200,
  tier: 'Admin',
  subject: allNamespaces,
  ingress: [{ name: 'deny-all', action: 'Deny', from: [allNamespaces] }],
});
const allowIngressTcp = cnp('allow-ingress-tcp', {
  priority: 100,
  tier: 'Admin',
  subject: allNamespaces,
  ingress: [
    {
      name: 'allow-tcp',
      action: 'Accept',
      from: [allNamespaces],
      protocols: [{ tcp: { destinationPort: { number: WEP_PORT } } }],
    },
  ],
});
const baselineDenyEgress = cnp('baseline-deny-egress', {
  priority: 100,
  tier: 'Baseline',
  subject: allNamespaces,
  egress: [{ name: 'deny-all-egress', action: 'Deny', to: [allNamespaces] }],
});
const passIngress = cnp('pass-ingress', {
  priority: 100,
  tier: 'Admin',
  subject: allNamespaces,
  ingress: [{ name: 'pass-all-ingress', action: 'Pass', from: [allNamespaces] }],
});
const defaultDenyAllIngressGnp = gnp('default.deny-all-ingress', {
  order: 1,
  tier: 'default',
  selector: 'all()',
  types: ['Ingress'],
  ingress: [{ action: 'Deny' }],
});

type Row = [string, any[], Record<'w0->w1' | 'w0->w2', boolean>];
const SOURCE = 'felix/fv/cluster_network_policy_test.go';
const rows: Row[] = [
  [
    'AdminTier CNP that denies ingress: "should deny all ingress traffic to workloads"',
    [denyIngress],
    { 'w0->w1': false, 'w0->w2': false },
  ],
  [
    'AdminTier CNP that denies ingress: "should restore connectivity when the CNP is deleted" (after the delete)',
    [],
    { 'w0->w1': true, 'w0->w2': true },
  ],
  [
    'priority ordering: "should allow traffic when the higher-priority allow CNP matches"',
    [denyAllIngress200, allowIngressTcp],
    { 'w0->w1': true, 'w0->w2': true },
  ],
  [
    'priority ordering: "should deny traffic after deleting the allow CNP"',
    [denyAllIngress200],
    { 'w0->w1': false, 'w0->w2': false },
  ],
  ['BaselineTier CNP: "should deny egress traffic"', [baselineDenyEgress], { 'w0->w1': false, 'w0->w2': false }],
  [
    'KCNP pass + GNP deny in default tier: "should deny traffic via the GNP after the KCNP passes"',
    [passIngress, defaultDenyAllIngressGnp],
    { 'w0->w1': false, 'w0->w2': false },
  ],
  [
    'KCNP pass + GNP deny in default tier: "should allow traffic once the GNP is removed"',
    [passIngress],
    { 'w0->w1': true, 'w0->w2': true },
  ],
  [
    'KCNP allow in kube-admin over GNP deny in default: "kube-admin allow takes precedence over default deny"',
    [defaultDenyAllIngressGnp, allowIngressTcp],
    { 'w0->w1': true, 'w0->w2': true },
  ],
];

describe(`Felix FV truth table (${SOURCE}, Calico v3.32.1)`, () => {
  test.each(rows)('%s', (_name, policies, expected) => {
    const m = NetworkModel.fromManifests([...world(), ...policies]);
    const got = {
      'w0->w1': m.evaluate({ from: 'default/w0', to: 'default/w1', port: WEP_PORT, protocol: 'TCP' }).allowed,
      'w0->w2': m.evaluate({ from: 'default/w0', to: 'default/w2', port: WEP_PORT, protocol: 'TCP' }).allowed,
    };
    expect(got).toEqual(expected);
  });
});

describe(`Felix FV flow logs (${SOURCE}): the deciding policy is the flow log's enforced policy`, () => {
  const decidingStep = (policies: any[]) => {
    const r = NetworkModel.fromManifests([...world(), ...policies]).evaluate({
      from: 'default/w0',
      to: 'default/w1',
      port: WEP_PORT,
      protocol: 'TCP',
    });
    return r.steps.find((s) => s.point === 'destination-workload-ingress')!;
  };

  test('"should generate deny flow logs with correct KCNP policy": 0|kube-admin|kcnp:deny-ingress|deny|0', () => {
    const s = decidingStep([denyIngress]);
    expect(s.allowed).toBe(false);
    expect(s.decision).toMatchObject({
      action: 'Deny',
      tier: 'kube-admin',
      policy: 'kcnp/deny-ingress',
      policyKind: 'ClusterNetworkPolicy',
      ruleIndex: 0,
      ruleName: 'deny-all-ingress',
    });
    expect(s.text).toContain('Deny by rule 0 ("deny-all-ingress") of ClusterNetworkPolicy kcnp/deny-ingress');
  });

  test('"should generate allow flow logs with higher-priority KCNP policy": kcnp:allow-ingress-tcp|allow|0', () => {
    const s = decidingStep([denyAllIngress200, allowIngressTcp]);
    expect(s.allowed).toBe(true);
    expect(s.decision).toMatchObject({
      action: 'Allow',
      tier: 'kube-admin',
      policy: 'kcnp/allow-ingress-tcp',
      ruleIndex: 0,
      ruleName: 'allow-tcp',
    });
  });
});

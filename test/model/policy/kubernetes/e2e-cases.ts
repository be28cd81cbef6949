/**
 * The Kubernetes network policy e2e truth tables (kubernetes/kubernetes `test/e2e/network/netpol/network_policy.go`)
 * as data, for a reachability engine to replay offline. Not executed here (see e2e-cases.test.ts for the sanity
 * checks); each case is one `ValidateOrFail` of an upstream test, with the policies present at that moment.
 *
 * Two upstream generations are transcribed:
 * - `suite: '2021'`: the model-based suite of late 2020 / 2021 (policies from `policies.go`, namespaces selected
 *   by the `ns` label, egress policies also allowing DNS on UDP 53, every test on all 9 pods). Most cases.
 * - `suite: 'current'`: tests only the current file has (policies built with `GenNetworkPolicy...` +
 *   `SetSpec{Ingress,Egress}Rules`, which add the matching policyTypes; namespaces selected by
 *   `kubernetes.io/metadata.name`; each test creates only some pods, listed in `pods`, and the truth table covers
 *   only those).
 *
 * Conventions: namespaces are `x`, `y`, `z` (upstream prefixes them at run time); pods and labels per
 * {@link ./e2e-model}; a CIDR built from a pod IP is a {@link PodIpPlaceholder} (`{ podIp: 'y/b', prefix: 32 }`),
 * see `resolvePodIpPlaceholders`; loopback cells are upstream's values but upstream ignores them
 * (`E2E_IGNORE_LOOPBACK`). Probes go from any port of the client to `port`/`protocol` on the server pod's IP.
 */
import { E2E_ALL_PODS, PodIpPlaceholder } from './e2e-model';
import { Reachability, TruthTable } from './e2e-reachability';

export type { PodIpPlaceholder } from './e2e-model';
export type { TruthTable } from './e2e-reachability';

/** One upstream truth-table check. */
export interface E2eCase {
  /** Upstream test title, plus the step when a test checks several times. */
  readonly name: string;
  /** Which upstream generation the case comes from (see the file comment). */
  readonly suite: '2021' | 'current';
  /** The pods that exist (the truth table covers exactly these). */
  readonly pods: readonly string[];
  /** The Kubernetes NetworkPolicies in force, with their namespaces. */
  readonly policies: any[];
  /** Destination port of the probes. */
  readonly port: number;
  /** Protocol of the probes. */
  readonly protocol: 'TCP' | 'UDP' | 'SCTP';
  /** Whether each connection `from` → `to` succeeds. */
  readonly expected: TruthTable;
  /** Namespace labels that differ from the model at this step (full label sets). */
  readonly namespaceLabels?: Record<string, Record<string, string>>;
  /** Pod labels that differ from the model at this step (full label sets). */
  readonly podLabels?: Record<string, Record<string, string>>;
}

// ------------------------------------------------------------------------------------------------ helpers
// Transcriptions of the upstream policy helpers (policies.go, 2021), returning NetworkPolicy documents.

type Labels = Record<string, string>;
type Selector = { matchLabels?: Labels; matchExpressions?: any[] };

function np(namespace: string, name: string, spec: any): any {
  return { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name, namespace }, spec };
}

const UDP_53 = { protocol: 'UDP', port: 53 };

function getDenyIngress(ns: string, name: string): any {
  return np(ns, name, { podSelector: {}, policyTypes: ['Ingress'], ingress: [] });
}

function getAllowIngress(ns: string, name: string): any {
  return np(ns, name, { podSelector: { matchLabels: {} }, ingress: [{}] });
}

function getAllowIngressByPort(ns: string, name: string, port: number | string): any {
  return np(ns, name, { podSelector: { matchLabels: {} }, ingress: [{ ports: [{ port }] }] });
}

function getAllowEgressByPort(ns: string, name: string, port: number | string): any {
  return np(ns, name, {
    podSelector: { matchLabels: {} },
    egress: [{ ports: [{ port }, UDP_53] }],
    policyTypes: ['Egress'],
  });
}

function getDenyAll(ns: string, name: string): any {
  return np(ns, name, { podSelector: {}, policyTypes: ['Egress', 'Ingress'], egress: [], ingress: [] });
}

function getAllowIngressByPod(ns: string, name: string, target: Labels, peerPodSelector: Selector): any {
  return np(ns, name, {
    podSelector: { matchLabels: target },
    ingress: [{ from: [{ podSelector: peerPodSelector }] }],
  });
}

function getDenyIngressForTarget(ns: string, targetSelector: Selector): any {
  return np(ns, 'deny-ingress-via-label-selector', {
    podSelector: targetSelector,
    policyTypes: ['Ingress'],
    ingress: [],
  });
}

function getAllowIngressByNamespace(ns: string, name: string, target: Labels, peerNamespaceSelector: Selector): any {
  return np(ns, name, {
    podSelector: { matchLabels: target },
    ingress: [{ from: [{ namespaceSelector: peerNamespaceSelector }] }],
  });
}

function getAllowIngressByNamespaceAndPort(
  ns: string,
  name: string,
  target: Labels,
  peerNamespaceSelector: Selector,
  port: number | string,
): any {
  return np(ns, name, {
    podSelector: { matchLabels: target },
    ingress: [{ from: [{ namespaceSelector: peerNamespaceSelector }], ports: [{ port }] }],
  });
}

function getAllowIngressByNamespaceOrPod(
  ns: string,
  name: string,
  target: Labels,
  nsSel: Selector,
  podSel: Selector,
): any {
  return np(ns, name, {
    podSelector: { matchLabels: target },
    ingress: [{ from: [{ namespaceSelector: nsSel }, { podSelector: podSel }] }],
  });
}

function getAllowIngressByNamespaceAndPod(
  ns: string,
  name: string,
  target: Labels,
  nsSel: Selector,
  podSel: Selector,
): any {
  return np(ns, name, {
    podSelector: { matchLabels: target },
    ingress: [{ from: [{ namespaceSelector: nsSel, podSelector: podSel }] }],
  });
}

function getAllowEgressByNamespaceAndPod(
  ns: string,
  name: string,
  target: Labels,
  nsSel: Selector,
  podSel: Selector,
): any {
  return np(ns, name, {
    podSelector: { matchLabels: target },
    policyTypes: ['Egress'],
    egress: [{ to: [{ namespaceSelector: nsSel, podSelector: podSel }] }, { ports: [UDP_53] }],
  });
}

function getAllowEgress(ns: string): any {
  return np(ns, 'allow-egress', { podSelector: { matchLabels: {} }, policyTypes: ['Egress'], egress: [{}] });
}

function getAllowEgressForTarget(ns: string, targetSelector: Selector): any {
  return np(ns, 'allow-egress-for-target', { podSelector: targetSelector, policyTypes: ['Egress'], egress: [{}] });
}

function getAllowEgressByCIDR(ns: string, podName: string, cidr: PodIpPlaceholder): any {
  return np(ns, 'allow-client-a-via-cidr-egress-rule', {
    podSelector: { matchLabels: { pod: podName } },
    policyTypes: ['Egress'],
    egress: [{ to: [{ ipBlock: { cidr } }] }, { ports: [UDP_53] }],
  });
}

function getAllowEgressByCIDRExcept(
  ns: string,
  podName: string,
  cidr: PodIpPlaceholder,
  except: PodIpPlaceholder[],
): any {
  return np(ns, 'allow-client-a-via-cidr-egress-rule', {
    podSelector: { matchLabels: { pod: podName } },
    policyTypes: ['Egress'],
    egress: [{ to: [{ ipBlock: { cidr, except } }] }, { ports: [UDP_53] }],
  });
}

function getAllowIngressOnProtocolByPort(
  ns: string,
  name: string,
  protocol: string,
  target: Labels,
  port: number,
): any {
  return np(ns, name, { podSelector: { matchLabels: target }, ingress: [{ ports: [{ port, protocol }] }] });
}

// Current-suite helpers: GenNetworkPolicyWithNameAndPod{Selector,MatchLabel} + SetSpec{Ingress,Egress}Rules.
function gen(ns: string, name: string, podSelector: Selector, rules: { ingress?: any[]; egress?: any[] }): any {
  const policyTypes = [...(rules.ingress ? ['Ingress'] : []), ...(rules.egress ? ['Egress'] : [])];
  return np(ns, name, {
    podSelector,
    ...(rules.ingress ? { ingress: rules.ingress } : {}),
    ...(rules.egress ? { egress: rules.egress } : {}),
    policyTypes,
  });
}

const NS_NAME = 'kubernetes.io/metadata.name';
const all = (def = true) => new Reachability(E2E_ALL_PODS, def);
const some = (pods: readonly string[], def = true) => new Reachability(pods, def);
const allowAll = () => all().table();

function legacy(
  name: string,
  policies: any[],
  port: number,
  expected: TruthTable,
  extra: Partial<E2eCase> = {},
): E2eCase {
  return { name, suite: '2021', pods: E2E_ALL_PODS, policies, port, protocol: 'TCP', expected, ...extra };
}

function current(
  name: string,
  pods: readonly string[],
  policies: any[],
  port: number,
  protocol: E2eCase['protocol'],
  expected: TruthTable,
): E2eCase {
  return { name, suite: 'current', pods, policies, port, protocol, expected };
}

// ------------------------------------------------------------------------------------------------ 2021 suite

const nsY = { matchLabels: { ns: 'y' } };
const podA = { pod: 'a' };

const allowPort81 = getAllowIngressByNamespaceAndPort('x', 'allow-client-a-via-ns-selector', podA, nsY, 81);
const allowPort80 = getAllowIngressByNamespaceAndPort('x', 'allow-client-a-via-ns-selector-80', podA, nsY, 80);
const stackedAllow = () =>
  all()
    .expectPeer({ namespace: 'x' }, { namespace: 'x', pod: 'a' }, false)
    .expectPeer({ namespace: 'y' }, { namespace: 'x', pod: 'a' }, true)
    .expectPeer({ namespace: 'z' }, { namespace: 'x', pod: 'a' }, false)
    .table();

const denyAllTcpAllowDns = np('x', 'deny-all-tcp-allow-dns', {
  podSelector: { matchLabels: {} },
  ingress: [],
  egress: [{ ports: [{ protocol: 'UDP', port: 53 }] }],
  policyTypes: ['Ingress', 'Egress'],
});

const ingressAndEgress = (() => {
  const p = getAllowIngressByPod('x', 'allow-client-a-via-pod-selector', podA, { matchLabels: { pod: 'b' } });
  p.spec.egress = [{ ports: [{ port: 'serve-80-tcp' }, UDP_53] }];
  return p;
})();

const cidrExcept = getAllowEgressByCIDRExcept('x', 'a', { podIp: 'x/a', prefix: 4 }, [{ podIp: 'x/b', prefix: 32 }]);

const LEGACY_CASES: E2eCase[] = [
  legacy(
    "should support a 'default-deny-ingress' policy",
    [getDenyIngress('x', 'deny-ingress')],
    80,
    all().expectPeer({}, { namespace: 'x' }, false).table(),
  ),
  legacy(
    "should support a 'default-deny-all' policy (denies TCP, allows DNS egress)",
    [denyAllTcpAllowDns],
    80,
    all().expectPeer({}, { namespace: 'x' }, false).expectPeer({ namespace: 'x' }, {}, false).table(),
  ),
  legacy(
    'should enforce policy to allow traffic from pods within server namespace based on PodSelector',
    [getAllowIngressByPod('x', 'x-a-allows-x-b', podA, { matchLabels: { pod: 'b' } })],
    80,
    all().expectAllIngress('x/a', false).expect('x/b', 'x/a', true).table(),
  ),
  legacy(
    'should enforce policy to allow traffic only from a different namespace, based on NamespaceSelector',
    [getAllowIngressByNamespace('x', 'allow-client-a-via-ns-selector', podA, nsY)],
    80,
    all()
      .expectPeer({ namespace: 'x' }, { namespace: 'x', pod: 'a' }, false)
      .expectPeer({ namespace: 'z' }, { namespace: 'x', pod: 'a' }, false)
      .table(),
  ),
  legacy(
    'should enforce policy based on PodSelector with MatchExpressions',
    [
      getAllowIngressByPod('x', 'x-a-allows-x-b', podA, {
        matchExpressions: [{ key: 'pod', operator: 'In', values: ['b'] }],
      }),
    ],
    80,
    all().expectAllIngress('x/a', false).expect('x/b', 'x/a', true).table(),
  ),
  legacy(
    'should enforce policy based on NamespaceSelector with MatchExpressions',
    [
      getAllowIngressByNamespace('x', 'allow-ns-y-match-selector', podA, {
        matchExpressions: [{ key: 'ns', operator: 'In', values: ['y'] }],
      }),
    ],
    80,
    all()
      .expectPeer({ namespace: 'x' }, { namespace: 'x', pod: 'a' }, false)
      .expectPeer({ namespace: 'z' }, { namespace: 'x', pod: 'a' }, false)
      .table(),
  ),
  legacy(
    'should enforce policy based on PodSelector or NamespaceSelector',
    [
      getAllowIngressByNamespaceOrPod(
        'x',
        'allow-ns-y-match-selector',
        podA,
        { matchExpressions: [{ key: 'ns', operator: 'NotIn', values: ['x'] }] },
        { matchLabels: { pod: 'b' } },
      ),
    ],
    80,
    all().expect('x/a', 'x/a', false).expect('x/c', 'x/a', false).table(),
  ),
  legacy(
    'should enforce policy based on PodSelector and NamespaceSelector',
    [
      getAllowIngressByNamespaceAndPod(
        'x',
        'allow-ns-y-podselector-and-nsselector',
        podA,
        { matchExpressions: [{ key: 'ns', operator: 'NotIn', values: ['x'] }] },
        { matchLabels: { pod: 'b' } },
      ),
    ],
    80,
    all().expectAllIngress('x/a', false).expect('y/b', 'x/a', true).expect('z/b', 'x/a', true).table(),
  ),
  legacy(
    'should enforce policy based on Multiple PodSelectors and NamespaceSelectors',
    [
      getAllowIngressByNamespaceAndPod(
        'x',
        'allow-ns-y-z-pod-b-c',
        podA,
        { matchExpressions: [{ key: 'ns', operator: 'NotIn', values: ['x'] }] },
        { matchExpressions: [{ key: 'pod', operator: 'In', values: ['b', 'c'] }] },
      ),
    ],
    80,
    all()
      .expectPeer({ namespace: 'x' }, { namespace: 'x', pod: 'a' }, false)
      .expect('y/a', 'x/a', false)
      .expect('z/a', 'x/a', false)
      .table(),
  ),
  legacy(
    'should enforce policy to allow traffic only from a pod in a different namespace based on PodSelector and NamespaceSelector',
    [
      getAllowIngressByNamespaceAndPod('x', 'allow-ns-y-pod-a-via-namespace-pod-selector', podA, nsY, {
        matchLabels: { pod: 'a' },
      }),
    ],
    80,
    all().expectAllIngress('x/a', false).expect('y/a', 'x/a', true).table(),
  ),
  legacy('should enforce policy based on Ports', [allowPort81], 81, stackedAllow()),
  legacy(
    'should enforce multiple, stacked policies with overlapping podSelectors (port 81)',
    [allowPort81],
    81,
    stackedAllow(),
  ),
  legacy(
    'should enforce multiple, stacked policies with overlapping podSelectors (port 80, before the second policy)',
    [allowPort81],
    80,
    all().expectAllIngress('x/a', false).table(),
  ),
  legacy(
    'should enforce multiple, stacked policies with overlapping podSelectors (port 80, after the second policy)',
    [allowPort81, allowPort80],
    80,
    stackedAllow(),
  ),
  legacy('should support allow-all policy (port 80)', [getAllowIngress('x', 'allow-all')], 80, allowAll()),
  legacy('should support allow-all policy (port 81)', [getAllowIngress('x', 'allow-all')], 81, allowAll()),
  legacy(
    'should allow ingress access on one named port (port 81)',
    [getAllowIngressByPort('x', 'allow-all', 'serve-81-tcp')],
    81,
    allowAll(),
  ),
  legacy(
    'should allow ingress access on one named port (port 80)',
    [getAllowIngressByPort('x', 'allow-all', 'serve-81-tcp')],
    80,
    all().expectPeer({}, { namespace: 'x' }, false).table(),
  ),
  legacy(
    'should allow ingress access from namespace on one named port (port 80)',
    [getAllowIngressByNamespaceAndPort('x', 'allow-client-a-via-ns-selector-80', podA, nsY, 'serve-80-tcp')],
    80,
    all()
      .expectPeer({ namespace: 'x' }, { namespace: 'x', pod: 'a' }, false)
      .expectPeer({ namespace: 'z' }, { namespace: 'x', pod: 'a' }, false)
      .table(),
  ),
  legacy(
    'should allow ingress access from namespace on one named port (port 81)',
    [getAllowIngressByNamespaceAndPort('x', 'allow-client-a-via-ns-selector-80', podA, nsY, 'serve-80-tcp')],
    81,
    all().expectAllIngress('x/a', false).table(),
  ),
  legacy(
    'should allow egress access on one named port (port 80; DNS allowed)',
    [getAllowEgressByPort('x', 'allow-egress', 'serve-80-tcp')],
    80,
    allowAll(),
  ),
  legacy(
    'should allow egress access on one named port (port 81; DNS allowed)',
    [getAllowEgressByPort('x', 'allow-egress', 'serve-80-tcp')],
    81,
    all().expectPeer({ namespace: 'x' }, {}, false).table(),
  ),
  legacy(
    'should enforce updated policy (allow-all)',
    [getAllowIngress('x', 'allow-all-mutate-to-deny-all')],
    81,
    allowAll(),
  ),
  legacy(
    'should enforce updated policy (updated to deny-all)',
    [np('x', 'allow-all-mutate-to-deny-all', { podSelector: { matchLabels: {} }, ingress: [] })],
    81,
    all().expectPeer({}, { namespace: 'x' }, false).table(),
  ),
  legacy(
    'should allow ingress access from updated namespace (before the label)',
    [getAllowIngressByNamespace('x', 'allow-client-a-via-ns-selector', podA, { matchLabels: { ns2: 'updated' } })],
    80,
    all().expectAllIngress('x/a', false).table(),
  ),
  legacy(
    'should allow ingress access from updated namespace (y labelled ns2=updated)',
    [getAllowIngressByNamespace('x', 'allow-client-a-via-ns-selector', podA, { matchLabels: { ns2: 'updated' } })],
    80,
    all().expectAllIngress('x/a', false).expectPeer({ namespace: 'y' }, {}, true).table(),
    { namespaceLabels: { y: { ns: 'y', ns2: 'updated', [NS_NAME]: 'y' } } },
  ),
  legacy(
    'should allow ingress access from updated pod (before the label)',
    [
      getAllowIngressByPod('x', 'allow-client-a-via-pod-selector', podA, {
        matchLabels: { pod: 'b', pod2: 'updated' },
      }),
    ],
    80,
    all().expectAllIngress('x/a', false).table(),
  ),
  legacy(
    'should allow ingress access from updated pod (x/b labelled pod2=updated)',
    [
      getAllowIngressByPod('x', 'allow-client-a-via-pod-selector', podA, {
        matchLabels: { pod: 'b', pod2: 'updated' },
      }),
    ],
    80,
    all().expectAllIngress('x/a', false).expect('x/b', 'x/a', true).table(),
    { podLabels: { 'x/b': { pod: 'b', pod2: 'updated' } } },
  ),
  legacy(
    'should deny ingress access to updated pod (before the label)',
    [getDenyIngressForTarget('x', { matchLabels: { target: 'isolated' } })],
    80,
    allowAll(),
  ),
  legacy(
    'should deny ingress access to updated pod (x/a labelled target=isolated)',
    [getDenyIngressForTarget('x', { matchLabels: { target: 'isolated' } })],
    80,
    all().expectAllIngress('x/a', false).table(),
    { podLabels: { 'x/a': { pod: 'a', target: 'isolated' } } },
  ),
  legacy(
    'should work with Ingress, Egress specified together (port 80)',
    [ingressAndEgress],
    80,
    all().expectAllIngress('x/a', false).expect('x/b', 'x/a', true).table(),
  ),
  legacy(
    'should work with Ingress, Egress specified together (port 81)',
    [ingressAndEgress],
    81,
    all().expectAllIngress('x/a', false).expectAllEgress('x/a', false).expect('x/b', 'x/a', true).table(),
  ),
  legacy(
    'should enforce egress policy allowing traffic to a server in a different namespace based on PodSelector and NamespaceSelector',
    [getAllowEgressByNamespaceAndPod('x', 'allow-to-ns-y-pod-a', podA, nsY, { matchLabels: { pod: 'a' } })],
    80,
    all().expectAllEgress('x/a', false).expect('x/a', 'y/a', true).table(),
  ),
  legacy(
    'should enforce multiple ingress policies with ingress allow-all policy taking precedence (before allow-all)',
    [getAllowIngressByPort('x', 'allow-ingress-port-80', 'serve-80-tcp')],
    81,
    all().expectPeer({}, { namespace: 'x' }, false).table(),
  ),
  legacy(
    'should enforce multiple ingress policies with ingress allow-all policy taking precedence (after allow-all)',
    [getAllowIngressByPort('x', 'allow-ingress-port-80', 'serve-80-tcp'), getAllowIngress('x', 'allow-ingress')],
    81,
    allowAll(),
  ),
  legacy(
    'should enforce multiple egress policies with egress allow-all policy taking precedence (before allow-all)',
    [getAllowEgressByPort('x', 'allow-egress-port-80', 'serve-80-tcp')],
    81,
    all().expectPeer({ namespace: 'x' }, {}, false).table(),
  ),
  legacy(
    'should enforce multiple egress policies with egress allow-all policy taking precedence (after allow-all)',
    [getAllowEgressByPort('x', 'allow-egress-port-80', 'serve-80-tcp'), getAllowEgress('x')],
    81,
    allowAll(),
  ),
  legacy(
    'should stop enforcing policies after they are deleted (deny-all present)',
    [getDenyAll('x', 'deny-all')],
    80,
    all().expectPeer({ namespace: 'x' }, {}, false).expectPeer({}, { namespace: 'x' }, false).table(),
  ),
  legacy('should stop enforcing policies after they are deleted (deleted)', [], 80, allowAll()),
  legacy(
    'should allow egress access to server in CIDR block',
    [getAllowEgressByCIDR('x', 'a', { podIp: 'y/b', prefix: 32 })],
    80,
    all().expectAllEgress('x/a', false).expect('x/a', 'y/b', true).table(),
  ),
  legacy(
    'should enforce except clause while egress access to server in CIDR block',
    [cidrExcept],
    80,
    all().expect('x/a', 'x/b', false).table(),
  ),
  legacy(
    'should ensure an IP overlapping both IPBlock.CIDR and IPBlock.Except is allowed (except policy)',
    [cidrExcept],
    80,
    all().expect('x/a', 'x/b', false).table(),
  ),
  legacy(
    'should ensure an IP overlapping both IPBlock.CIDR and IPBlock.Except is allowed (policy replaced by an allow of x/b/32)',
    [getAllowEgressByCIDR('x', 'a', { podIp: 'x/b', prefix: 32 })],
    80,
    all().expectAllEgress('x/a', false).expect('x/a', 'x/b', true).table(),
  ),
  legacy(
    'should enforce policies to check ingress and egress policies can be controlled independently based on PodSelector (allow egress)',
    [getAllowEgressForTarget('x', { matchLabels: podA })],
    80,
    allowAll(),
  ),
  legacy(
    'should enforce policies to check ingress and egress policies can be controlled independently based on PodSelector (and deny ingress)',
    [getAllowEgressForTarget('x', { matchLabels: podA }), getDenyIngressForTarget('x', { matchLabels: podA })],
    80,
    all().expectAllIngress('x/a', false).table(),
  ),
  legacy(
    'should not allow access by TCP when a policy specifies only SCTP',
    [getAllowIngressOnProtocolByPort('x', 'allow-only-sctp-ingress-on-port-81', 'SCTP', podA, 81)],
    81,
    all().expectAllIngress('x/a', false).table(),
  ),
  legacy(
    'should not allow access by TCP when a policy specifies only UDP',
    [getAllowIngressOnProtocolByPort('x', 'allow-only-udp-ingress-on-port-81', 'UDP', podA, 81)],
    81,
    all().expectAllIngress('x/a', false).table(),
  ),
];

// ------------------------------------------------------------------------------------------------ current suite

const byName = (ns: string) => ({ matchLabels: { [NS_NAME]: ns } });
const P4 = ['x/a', 'x/b', 'y/a', 'z/a'];
const P3 = ['x/a', 'x/b', 'y/a'];
const P2 = ['x/a', 'y/a'];

const denyIngressX = gen('x', 'deny-all', {}, { ingress: [] });
const clientSideEgress = [
  gen(
    'x',
    'allow-to-ns-y-pod-a',
    { matchLabels: podA },
    { egress: [{ to: [{ namespaceSelector: byName('y'), podSelector: { matchLabels: podA } }] }] },
  ),
  gen(
    'y',
    'allow-from-xa-on-ya-match-selector',
    { matchLabels: podA },
    { ingress: [{ from: [{ namespaceSelector: byName('x'), podSelector: { matchLabels: podA } }] }] },
  ),
  gen(
    'y',
    'allow-from-xa-on-yb-match-selector',
    { matchLabels: { pod: 'b' } },
    { ingress: [{ from: [{ namespaceSelector: byName('x'), podSelector: { matchLabels: podA } }] }] },
  ),
];
const allowByProto = gen(
  'x',
  'allow-ingress-by-proto',
  { matchLabels: podA },
  { ingress: [{ ports: [{ protocol: 'TCP' }] }] },
);

function portsByNamespace(protocol: 'UDP' | 'SCTP'): E2eCase {
  return current(
    `${protocol}: should enforce policy based on Ports`,
    P4,
    [
      gen(
        'x',
        'allow-ingress-on-port-81-ns-x',
        { matchLabels: podA },
        { ingress: [{ from: [{ namespaceSelector: byName('y') }], ports: [{ port: 81, protocol }] }] },
      ),
    ],
    81,
    protocol,
    some(P4)
      .expectPeer({ namespace: 'x' }, { namespace: 'x', pod: 'a' }, false)
      .expectPeer({ namespace: 'z' }, { namespace: 'x', pod: 'a' }, false)
      .table(),
  );
}

function podAndNamespace(protocol: 'UDP' | 'SCTP'): E2eCase {
  return current(
    `${protocol}: should enforce policy to allow traffic only from a pod in a different namespace based on PodSelector and NamespaceSelector`,
    P3,
    [
      gen(
        'x',
        'allow-ns-y-pod-a-via-namespace-pod-selector',
        { matchLabels: podA },
        { ingress: [{ from: [{ namespaceSelector: byName('y'), podSelector: { matchLabels: podA } }] }] },
      ),
    ],
    80,
    protocol,
    some(P3).expectAllIngress('x/a', false).expect('y/a', 'x/a', true).table(),
  );
}

function defaultDenyIngress(protocol: 'UDP' | 'SCTP'): E2eCase {
  const pods = ['x/a', 'x/b', 'y/a', 'y/b'];
  return current(
    `${protocol}: should support a 'default-deny-ingress' policy`,
    pods,
    [denyIngressX],
    80,
    protocol,
    some(pods).expectPeer({}, { namespace: 'x' }, false).table(),
  );
}

const CURRENT_CASES: E2eCase[] = [
  current(
    'should enforce policy to allow ingress traffic for a target',
    P3,
    [
      denyIngressX,
      gen(
        'x',
        'allow-all-to-a',
        { matchLabels: podA },
        { ingress: [{ from: [{ podSelector: {}, namespaceSelector: {} }] }] },
      ),
    ],
    80,
    'TCP',
    some(P3).expectAllIngress('x/a', true).expectAllIngress('x/b', false).table(),
  ),
  current(
    'should enforce policy to allow ingress traffic from pods in all namespaces',
    P4,
    [
      gen(
        'x',
        'allow-from-another-ns',
        { matchLabels: podA },
        { ingress: [{ from: [{ namespaceSelector: { matchLabels: {} } }] }] },
      ),
    ],
    80,
    'TCP',
    some(P4).table(),
  ),
  current(
    'should enforce policy based on any PodSelectors',
    ['x/a', 'x/b', 'x/c'],
    [
      gen(
        'x',
        'allow-ns-x-pod-b-c',
        { matchLabels: podA },
        {
          ingress: [
            { from: [{ podSelector: { matchLabels: { pod: 'b' } } }, { podSelector: { matchLabels: { pod: 'c' } } }] },
          ],
        },
      ),
    ],
    80,
    'TCP',
    some(['x/a', 'x/b', 'x/c'])
      .expectAllIngress('x/a', false)
      .expect('x/b', 'x/a', true)
      .expect('x/c', 'x/a', true)
      .table(),
  ),
  current(
    'should deny ingress from pods on other namespaces',
    P4,
    [gen('x', 'deny-empty-policy', {}, { ingress: [{ from: [{ podSelector: { matchLabels: {} } }] }] })],
    80,
    'TCP',
    some(P4)
      .expectPeer({ namespace: 'y' }, { namespace: 'x' }, false)
      .expectPeer({ namespace: 'z' }, { namespace: 'x' }, false)
      .table(),
  ),
  current(
    'should deny egress from pods based on PodSelector',
    P3,
    [gen('x', 'deny-egress-pod-a', { matchLabels: podA }, { egress: [] })],
    80,
    'TCP',
    some(P3).expectAllEgress('x/a', false).table(),
  ),
  current(
    'should deny egress from all pods in a namespace',
    P3,
    [gen('x', 'deny-egress-ns-x', {}, { egress: [] })],
    80,
    'TCP',
    some(P3).expectPeer({ namespace: 'x' }, {}, false).table(),
  ),
  current(
    'should support denying of egress traffic on the client side (even if the server explicitly allows this traffic)',
    ['x/a', 'y/a', 'y/b'],
    clientSideEgress,
    80,
    'TCP',
    some(['x/a', 'y/a', 'y/b'])
      .expectPeer({ namespace: 'x', pod: 'a' }, {}, false)
      .expectPeer({}, { namespace: 'y', pod: 'a' }, false)
      .expectPeer({ namespace: 'x', pod: 'a' }, { namespace: 'y', pod: 'a' }, true)
      .expectPeer({}, { namespace: 'y', pod: 'b' }, false)
      .table(),
  ),
  current(
    'should enforce ingress policy allowing any port traffic to a server on a specific protocol (TCP)',
    P2,
    [allowByProto],
    80,
    'TCP',
    some(P2).table(),
  ),
  current(
    'should enforce ingress policy allowing any port traffic to a server on a specific protocol (UDP)',
    P2,
    [allowByProto],
    80,
    'UDP',
    some(P2).expectPeer({}, { namespace: 'x', pod: 'a' }, false).table(),
  ),
  current(
    "should not mistakenly treat 'protocol: SCTP' as 'protocol: TCP', even if the plugin doesn't support SCTP",
    P2,
    [
      gen('x', 'deny-ingress', {}, { ingress: [] }),
      gen(
        'x',
        'allow-only-sctp-ingress-on-port-81',
        { matchLabels: podA },
        { ingress: [{ ports: [{ port: 81, protocol: 'SCTP' }] }] },
      ),
    ],
    81,
    'TCP',
    some(P2).expectPeer({}, { namespace: 'x' }, false).table(),
  ),
  current(
    "should properly isolate pods that are selected by a policy allowing SCTP, even if the plugin doesn't support SCTP",
    P2,
    [
      gen(
        'x',
        'allow-only-sctp-ingress-on-port-80',
        { matchLabels: podA },
        { ingress: [{ ports: [{ port: 80, protocol: 'SCTP' }] }] },
      ),
    ],
    81,
    'TCP',
    some(P2).expectAllIngress('x/a', false).table(),
  ),
  current(
    'should enforce policy to allow traffic based on NamespaceSelector with MatchLabels using default ns label',
    P4,
    [
      gen(
        'x',
        'allow-client-a-via-ns-selector-for-immutable-ns-label',
        { matchLabels: podA },
        { ingress: [{ from: [{ namespaceSelector: byName('y') }] }] },
      ),
    ],
    80,
    'TCP',
    some(P4)
      .expectPeer({ namespace: 'x' }, { namespace: 'x', pod: 'a' }, false)
      .expectPeer({ namespace: 'z' }, { namespace: 'x', pod: 'a' }, false)
      .table(),
  ),
  current(
    'should enforce policy based on NamespaceSelector with MatchExpressions using default ns label',
    P4,
    [
      gen(
        'x',
        'allow-ns-y-match-selector-for-immutable-ns-label',
        { matchLabels: podA },
        {
          egress: [
            { to: [{ namespaceSelector: { matchExpressions: [{ key: NS_NAME, operator: 'NotIn', values: ['y'] }] } }] },
          ],
        },
      ),
    ],
    80,
    'TCP',
    some(P4).expectPeer({ namespace: 'x', pod: 'a' }, { namespace: 'y' }, false).table(),
  ),
  defaultDenyIngress('UDP'),
  portsByNamespace('UDP'),
  podAndNamespace('UDP'),
  defaultDenyIngress('SCTP'),
  portsByNamespace('SCTP'),
  podAndNamespace('SCTP'),
];

/** Every transcribed upstream e2e truth-table check. */
export const E2E_CASES: readonly E2eCase[] = [...LEGACY_CASES, ...CURRENT_CASES];

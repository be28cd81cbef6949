/**
 * Traffic cases from cyclonus' matcher tests (mattfenwick/cyclonus `pkg/matcher/policy_tests.go`, and
 * `builder_tests.go` whose matcher-structure assertions are restated as the traffic verdicts they imply), as data
 * for a reachability engine. Not executed here (see e2e-cases.test.ts for the sanity checks).
 *
 * A peer with a `namespace` is a pod (its labels given, none when omitted); a peer without one is an address
 * outside the cluster. `portName` means the destination pod serves the port under that name (cyclonus leaves the
 * number unresolved).
 */

/** One side of a connection. */
export interface CyclonusPeer {
  /** The pod's namespace; absent for an external address. */
  readonly namespace?: string;
  readonly podLabels?: Record<string, string>;
  readonly namespaceLabels?: Record<string, string>;
  readonly ip: string;
}

/** One connection and cyclonus' verdict. */
export interface CyclonusCase {
  readonly name: string;
  /** The cyclonus test it comes from; `(derived)` when restated from a matcher-structure assertion. */
  readonly origin: string;
  readonly policies: any[];
  readonly source: CyclonusPeer;
  readonly destination: CyclonusPeer;
  readonly protocol: 'TCP' | 'UDP' | 'SCTP';
  /** Destination port number (absent when only `portName` is known). */
  readonly port?: number;
  /** Destination port name. */
  readonly portName?: string;
  readonly allowed: boolean;
}

const allowAllOnSCTP = {
  apiVersion: 'networking.k8s.io/v1',
  kind: 'NetworkPolicy',
  metadata: { name: 'policy-207', namespace: 'x' },
  spec: { ingress: [{ ports: [{ protocol: 'SCTP' }] }], podSelector: {}, policyTypes: ['Ingress'] },
};

const egressToIps = {
  apiVersion: 'networking.k8s.io/v1',
  kind: 'NetworkPolicy',
  metadata: { name: 'vary-egress-37-0-0-0-19', namespace: 'x' },
  spec: {
    egress: [
      {
        ports: [{ port: 80, protocol: 'TCP' }],
        to: [{ podSelector: {} }, { ipBlock: { cidr: '192.168.242.213/24' } }],
      },
      { ports: [{ port: 53, protocol: 'UDP' }] },
    ],
    podSelector: { matchLabels: { pod: 'a' } },
    policyTypes: ['Egress'],
  },
};

const ingressNamedPort = {
  apiVersion: 'networking.k8s.io/v1',
  kind: 'NetworkPolicy',
  metadata: { name: 'abc', namespace: 'x' },
  spec: {
    ingress: [{ ports: [{ port: 'port-hello', protocol: 'TCP' }] }],
    podSelector: { matchLabels: { pod: 'a' } },
    policyTypes: ['Ingress'],
  },
};

/**
 * A policy in namespace `abc` selecting every pod, with the given rules (cyclonus' BuildIngressMatcher("abc", ...)).
 */
function inAbc(spec: any, name = 'abc-policy'): any {
  return {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata: { name, namespace: 'abc' },
    spec: { podSelector: {}, ...spec },
  };
}

const dnsAndIpBlock = inAbc({
  policyTypes: ['Egress'],
  egress: [
    { ports: [{ port: 80, protocol: 'TCP' }], to: [{ podSelector: {} }, { ipBlock: { cidr: '192.168.242.213/24' } }] },
    { ports: [{ port: 53, protocol: 'UDP' }] },
  ],
});

const podY = { namespace: 'y', ip: '1.2.3.4' };
const podX = { namespace: 'x', ip: '1.2.3.5' };
const abcPod = { namespace: 'abc', podLabels: { app: 'one' }, ip: '10.0.0.10' };
const otherPod = { namespace: 'other', podLabels: { app: 'two' }, ip: '10.0.1.10' };
const external = { ip: '8.8.8.8' };

export const CYCLONUS_CASES: readonly CyclonusCase[] = [
  {
    name: 'allowing a protocol implicitly denies other protocols from pods: TCP denied',
    origin: 'policy_tests.go',
    policies: [allowAllOnSCTP],
    source: podY,
    destination: podX,
    protocol: 'TCP',
    port: 103,
    allowed: false,
  },
  {
    name: 'allowing a protocol implicitly denies other protocols from pods: SCTP allowed',
    origin: 'policy_tests.go',
    policies: [allowAllOnSCTP],
    source: podY,
    destination: podX,
    protocol: 'SCTP',
    port: 103,
    allowed: true,
  },
  {
    name: 'allowing a protocol implicitly denies other protocols from ips: TCP denied',
    origin: 'policy_tests.go',
    policies: [allowAllOnSCTP],
    source: { ip: '1.2.3.4' },
    destination: podX,
    protocol: 'TCP',
    port: 103,
    allowed: false,
  },
  {
    name: 'allowing a protocol implicitly denies other protocols from ips: SCTP allowed',
    origin: 'policy_tests.go',
    policies: [allowAllOnSCTP],
    source: { ip: '1.2.3.4' },
    destination: podX,
    protocol: 'SCTP',
    port: 103,
    allowed: true,
  },
  {
    name: 'policy allowing egress to ips: allows an IP in the cidr',
    origin: 'policy_tests.go',
    policies: [egressToIps],
    source: { namespace: 'x', podLabels: { pod: 'a' }, namespaceLabels: { ns: 'x' }, ip: '1.2.3.4' },
    destination: { namespace: 'y', podLabels: { pod: 'b' }, namespaceLabels: { ns: 'y' }, ip: '192.168.242.249' },
    protocol: 'TCP',
    port: 80,
    allowed: true,
  },
  {
    name: 'policy allowing ingress to a named port: allows access to the named port',
    origin: 'policy_tests.go',
    policies: [ingressNamedPort],
    source: { ip: '1.2.3.4' },
    destination: { namespace: 'x', podLabels: { pod: 'a' }, namespaceLabels: { ns: 'x' }, ip: '192.168.242.249' },
    protocol: 'TCP',
    portName: 'port-hello',
    allowed: true,
  },
  {
    name: 'an empty slice of ingress rules allows no ingress',
    origin: 'builder_tests.go (derived)',
    policies: [inAbc({ policyTypes: ['Ingress'], ingress: [] })],
    source: abcPod,
    destination: { ...abcPod, ip: '10.0.0.11' },
    protocol: 'TCP',
    port: 80,
    allowed: false,
  },
  {
    name: 'an ingress with a single empty rule allows all ingress',
    origin: 'builder_tests.go (derived)',
    policies: [inAbc({ policyTypes: ['Ingress'], ingress: [{}] })],
    source: external,
    destination: abcPod,
    protocol: 'UDP',
    port: 9999,
    allowed: true,
  },
  {
    name: 'an empty slice of egress rules allows no egress',
    origin: 'builder_tests.go (derived)',
    policies: [inAbc({ policyTypes: ['Egress'], egress: [] })],
    source: abcPod,
    destination: external,
    protocol: 'TCP',
    port: 443,
    allowed: false,
  },
  {
    name: 'an egress with a single empty rule allows all egress',
    origin: 'builder_tests.go (derived)',
    policies: [inAbc({ policyTypes: ['Egress'], egress: [{}] })],
    source: abcPod,
    destination: otherPod,
    protocol: 'SCTP',
    port: 7,
    allowed: true,
  },
  {
    name: 'a policy without a namespace applies to the default namespace',
    origin: 'builder_tests.go (derived: "missing namespace gets treated as default namespace")',
    policies: [
      {
        apiVersion: 'networking.k8s.io/v1',
        kind: 'NetworkPolicy',
        metadata: { name: 'abc' },
        spec: { podSelector: {}, ingress: [], policyTypes: ['Ingress', 'Egress'] },
      },
    ],
    source: otherPod,
    destination: { namespace: 'default', ip: '10.0.2.10' },
    protocol: 'TCP',
    port: 80,
    allowed: false,
  },
  {
    name: 'a ports-only egress rule (UDP 53) allows DNS to any address',
    origin: 'builder_tests.go (derived: "allows to ips in IPBlock range and also to all pods/ips for DNS")',
    policies: [dnsAndIpBlock],
    source: abcPod,
    destination: external,
    protocol: 'UDP',
    port: 53,
    allowed: true,
  },
  {
    name: 'an empty podSelector peer allows the pods of the policy namespace',
    origin: 'builder_tests.go (derived: "allows to ips in IPBlock range and also to all pods/ips for DNS")',
    policies: [dnsAndIpBlock],
    source: abcPod,
    destination: { ...abcPod, ip: '10.0.0.11' },
    protocol: 'TCP',
    port: 80,
    allowed: true,
  },
  {
    name: 'an empty podSelector peer does not allow pods of other namespaces',
    origin: 'builder_tests.go (derived: "allows to ips in IPBlock range and also to all pods/ips for DNS")',
    policies: [dnsAndIpBlock],
    source: abcPod,
    destination: otherPod,
    protocol: 'TCP',
    port: 80,
    allowed: false,
  },
  {
    name: 'the ipBlock peer allows an address in the block',
    origin: 'builder_tests.go ("ip.Allows(192.168.242.249, 80, tcp)")',
    policies: [dnsAndIpBlock],
    source: abcPod,
    destination: { ip: '192.168.242.249' },
    protocol: 'TCP',
    port: 80,
    allowed: true,
  },
  {
    name: 'ports with an empty peer list allow every peer on that port only: SCTP 103 allowed',
    origin: 'builder_tests.go (derived)',
    policies: [inAbc({ policyTypes: ['Ingress'], ingress: [{ ports: [{ protocol: 'SCTP', port: 103 }], from: [] }] })],
    source: external,
    destination: abcPod,
    protocol: 'SCTP',
    port: 103,
    allowed: true,
  },
  {
    name: 'ports with an empty peer list allow every peer on that port only: TCP 103 denied',
    origin: 'builder_tests.go (derived)',
    policies: [inAbc({ policyTypes: ['Ingress'], ingress: [{ ports: [{ protocol: 'SCTP', port: 103 }], from: [] }] })],
    source: external,
    destination: abcPod,
    protocol: 'TCP',
    port: 103,
    allowed: false,
  },
  {
    name: 'empty pod and namespace selectors allow pods of every namespace',
    origin: 'builder_tests.go (derived)',
    policies: [inAbc({ policyTypes: ['Ingress'], ingress: [{ from: [{ podSelector: {}, namespaceSelector: {} }] }] })],
    source: otherPod,
    destination: abcPod,
    protocol: 'TCP',
    port: 80,
    allowed: true,
  },
  {
    name: 'empty pod and namespace selectors allow no external addresses',
    origin: 'builder_tests.go (derived)',
    policies: [inAbc({ policyTypes: ['Ingress'], ingress: [{ from: [{ podSelector: {}, namespaceSelector: {} }] }] })],
    source: external,
    destination: abcPod,
    protocol: 'TCP',
    port: 80,
    allowed: false,
  },
];

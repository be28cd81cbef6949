/**
 * The upstream ClusterNetworkPolicy conformance tests (kubernetes-sigs/network-policy-api `conformance/tests/*.go`,
 * feature `ClusterNetworkPolicy` and the named-ports tests of `ClusterNetworkPolicyNamedPorts`, which Calico claims;
 * the `ClusterNetworkPolicyEgressNodePeers` tests are left out) as truth tables: per test, its fixtures, and per
 * subtest (in upstream order) the mutation upstream patches in before probing, then one row per `PokeServer` call.
 * Mutations accumulate within a test, as upstream's do until the test's cleanup.
 *
 * Provenance as for ./fixtures.ts (the suite as vendored by cilium/cilium at network-policy-api
 * v0.1.8-0.20260210204401-3114036249b0, the nearest complete copy before tag v0.2.0; see there).
 *
 * Calico: every row records Calico 3.32's verdict, which here equals upstream's. The places where Calico departs from
 * the upstream spec on purpose (user tiers around kube-admin/kube-baseline, deterministic tie-breaks of equal
 * priorities, namespaced NetworkSets matched by `namespaces` peers, tombstones for malformed policies, nodes peers)
 * are not exercised by these fixtures: they use the built-in tiers only, unique priorities per tier, pods only, and
 * valid objects. Named ports: Calico converts `destinationNamedPort` to a protocol-less named port that Felix resolves
 * on the container port's own protocol (projectcalico/calico libcalico-go/lib/backend/k8s/conversion/
 * clusternetworkpolicy.go `k8sCNPPortToCalico`, felix/calc/rule_scanner.go), which gives upstream's verdicts here.
 */

/** A pod of ./world.ts by short name (`harry-potter-0`). */
export type PodName = string;

/** A rule direction of a ClusterNetworkPolicy. */
export type Direction = 'ingress' | 'egress';

/** What upstream patches or deletes before a subtest probes. */
export type Mutation =
  /** Swap two rules of a CNP (`mutate.Spec.Egress[a], mutate.Spec.Egress[b] = ...`). */
  | {
      readonly op: 'swap-rules';
      readonly policy: string;
      readonly direction: Direction;
      readonly a: number;
      readonly b: number;
    }
  /** Change one rule's action. */
  | {
      readonly op: 'set-action';
      readonly policy: string;
      readonly direction: Direction;
      readonly index: number;
      readonly action: 'Accept' | 'Deny' | 'Pass';
    }
  /** Change a CNP's priority. */
  | { readonly op: 'set-priority'; readonly policy: string; readonly priority: number }
  /** Replace one rule's `protocols`. */
  | {
      readonly op: 'set-protocols';
      readonly policy: string;
      readonly direction: Direction;
      readonly index: number;
      readonly protocols: readonly Record<string, unknown>[];
    }
  /**
   * Insert a rule at `index`. In `networks`, `{{pod}}` stands for that pod's IP (upstream reads it from the cluster
   * and appends `/32` for IPv4).
   */
  | {
      readonly op: 'insert-rule';
      readonly policy: string;
      readonly direction: Direction;
      readonly index: number;
      readonly rule: Record<string, unknown>;
    }
  /** Delete a namespaced object (the NetworkPolicy of the integration test). */
  | { readonly op: 'delete'; readonly kind: string; readonly namespace: string; readonly name: string };

/** One `PokeServer` call: a client pod connects to a server pod's IP. */
export interface Probe {
  readonly from: PodName;
  readonly to: PodName;
  readonly protocol: 'TCP' | 'UDP' | 'SCTP';
  readonly port: number;
  /** The verdict upstream asserts (and Calico 3.32 gives). */
  readonly allowed: boolean;
}

/** One `t.Run` of a conformance test. */
export interface Subtest {
  /** Upstream's subtest name, verbatim. */
  readonly name: string;
  /** Applied, in order, before the probes (on top of earlier subtests' mutations). */
  readonly mutations?: readonly Mutation[];
  readonly probes: readonly Probe[];
}

/** One upstream `suite.ConformanceTest`. */
export interface ConformanceTest {
  /** `ShortName`. */
  readonly name: string;
  /** The Go file under `conformance/tests/`. */
  readonly source: string;
  /** `Features`. */
  readonly features: readonly string[];
  /** `Manifests`, keys of ./fixtures.ts. */
  readonly manifests: readonly string[];
  readonly subtests: readonly Subtest[];
}

const STANDARD = ['ClusterNetworkPolicy'];
const NAMED_PORTS = ['ClusterNetworkPolicy', 'ClusterNetworkPolicyNamedPorts'];

function probe(from: PodName, to: PodName, protocol: Probe['protocol'], port: number, allowed: boolean): Probe {
  return { from, to, protocol, port, allowed };
}
/** An allowed probe. */
const ok = (from: PodName, to: PodName, protocol: Probe['protocol'], port: number) =>
  probe(from, to, protocol, port, true);
/** A denied probe. */
const no = (from: PodName, to: PodName, protocol: Probe['protocol'], port: number) =>
  probe(from, to, protocol, port, false);

const swap = (policy: string, direction: Direction, a: number, b: number): Mutation => ({
  op: 'swap-rules',
  policy,
  direction,
  a,
  b,
});

/** The three probes (TCP 80, UDP 53, SCTP 9003) the inline-CIDR tests make to one server. */
function threeProtocols(from: PodName, to: PodName, allowed: boolean): Probe[] {
  return [
    probe(from, to, 'TCP', 80, allowed),
    probe(from, to, 'UDP', 53, allowed),
    probe(from, to, 'SCTP', 9003, allowed),
  ];
}

/** The subtests of both inline-CIDR tests (`*-standard-egress-inline-cidr-rules.go`). */
function inlineCidrSubtests(policy: string): Subtest[] {
  return [
    {
      name: "Should support a 'deny-egress' rule policy for egress-cidr-peer",
      probes: [
        ...threeProtocols('harry-potter-1', 'luna-lovegood-0', false),
        ...threeProtocols('harry-potter-1', 'cedric-diggory-0', false),
        ...threeProtocols('harry-potter-1', 'draco-malfoy-0', true),
      ],
    },
    {
      name: "Should support an 'allow-egress' rule policy for egress-cidr-peer",
      mutations: [
        {
          op: 'insert-rule',
          policy,
          direction: 'egress',
          index: 0,
          rule: {
            name: 'allow-egress-to-specific-podIPs',
            action: 'Accept',
            to: [{ networks: ['{{luna-lovegood-0}}/32', '{{cedric-diggory-0}}/32'] }],
          },
        },
      ],
      probes: [
        ...threeProtocols('harry-potter-1', 'luna-lovegood-0', true),
        ...threeProtocols('harry-potter-1', 'cedric-diggory-0', true),
        ...threeProtocols('harry-potter-1', 'luna-lovegood-1', false),
        ...threeProtocols('harry-potter-1', 'cedric-diggory-1', false),
      ],
    },
  ];
}

/** Subtests 1-4 of `*-standard-gress-rules.go` (Admin and Baseline share them; Admin adds two Pass subtests). */
function gressSubtests(policy: string): Subtest[] {
  return [
    {
      name: "Should support an 'allow-gress' policy across different protocols",
      probes: [
        ok('harry-potter-0', 'luna-lovegood-0', 'TCP', 80),
        ok('harry-potter-1', 'luna-lovegood-0', 'UDP', 53),
        ok('harry-potter-0', 'luna-lovegood-0', 'SCTP', 9003),
        ok('luna-lovegood-0', 'harry-potter-0', 'TCP', 80),
        ok('luna-lovegood-1', 'harry-potter-0', 'UDP', 53),
        ok('luna-lovegood-1', 'harry-potter-0', 'SCTP', 9003),
      ],
    },
    {
      name: "Should support an 'allow-gress' policy across different protocols at the specified ports",
      probes: [
        ok('harry-potter-0', 'cedric-diggory-1', 'TCP', 8080),
        no('harry-potter-1', 'cedric-diggory-1', 'TCP', 80),
        ok('harry-potter-0', 'cedric-diggory-1', 'UDP', 5353),
        no('harry-potter-1', 'cedric-diggory-1', 'UDP', 53),
        ok('harry-potter-0', 'cedric-diggory-1', 'SCTP', 9003),
        no('harry-potter-1', 'cedric-diggory-1', 'SCTP', 9005),
        ok('cedric-diggory-0', 'harry-potter-1', 'TCP', 80),
        no('cedric-diggory-1', 'harry-potter-1', 'TCP', 8080),
        ok('cedric-diggory-0', 'harry-potter-1', 'UDP', 5353),
        no('cedric-diggory-1', 'harry-potter-1', 'UDP', 53),
        ok('cedric-diggory-0', 'harry-potter-1', 'SCTP', 9003),
        no('cedric-diggory-1', 'harry-potter-1', 'SCTP', 9005),
      ],
    },
    {
      name: "Should support an 'deny-gress' policy across different protocols",
      mutations: [swap(policy, 'egress', 0, 1), swap(policy, 'ingress', 0, 1)],
      probes: [
        no('harry-potter-0', 'luna-lovegood-1', 'TCP', 80),
        no('harry-potter-1', 'luna-lovegood-1', 'UDP', 53),
        no('harry-potter-0', 'luna-lovegood-1', 'SCTP', 9003),
        no('luna-lovegood-0', 'harry-potter-1', 'TCP', 80),
        no('luna-lovegood-1', 'harry-potter-1', 'UDP', 53),
        no('luna-lovegood-1', 'harry-potter-1', 'SCTP', 9003),
      ],
    },
    {
      name: "Should support a 'deny-gress' policy across different protocols at the specified ports",
      probes: [
        no('harry-potter-0', 'draco-malfoy-0', 'TCP', 80),
        ok('harry-potter-1', 'draco-malfoy-0', 'TCP', 8080),
        no('harry-potter-0', 'draco-malfoy-0', 'UDP', 53),
        ok('harry-potter-1', 'draco-malfoy-0', 'UDP', 5353),
        no('harry-potter-0', 'draco-malfoy-0', 'SCTP', 9003),
        ok('harry-potter-1', 'draco-malfoy-0', 'SCTP', 9005),
        no('draco-malfoy-0', 'harry-potter-0', 'TCP', 80),
        ok('draco-malfoy-1', 'harry-potter-0', 'TCP', 8080),
        no('draco-malfoy-0', 'harry-potter-0', 'UDP', 53),
        ok('draco-malfoy-1', 'harry-potter-0', 'UDP', 5353),
        no('draco-malfoy-0', 'harry-potter-0', 'SCTP', 9003),
        ok('draco-malfoy-1', 'harry-potter-0', 'SCTP', 9005),
      ],
    },
  ];
}

/** The transcribed tests, in upstream's file order. */
export const CONFORMANCE_TESTS: readonly ConformanceTest[] = [
  {
    name: 'CNPAdminTierEgressNamedPort',
    source: 'conformance/tests/admin-network-policy-experimental-egress-rules.go',
    features: NAMED_PORTS,
    manifests: ['base/admin_tier/standard-egress-tcp-rules.yaml'],
    subtests: [
      {
        name: "Should support an 'allow-egress' policy for named port",
        // replace the tcp port 8080 rule as named port rule which translates to tcp port 80 instead
        mutations: [
          {
            op: 'set-protocols',
            policy: 'egress-tcp',
            direction: 'egress',
            index: 5,
            protocols: [{ destinationNamedPort: 'web' }],
          },
        ],
        probes: [
          ok('harry-potter-0', 'cedric-diggory-1', 'TCP', 80),
          no('harry-potter-1', 'cedric-diggory-1', 'TCP', 8080),
        ],
      },
    ],
  },
  {
    name: 'CNPAdminTierIngressNamedPort',
    source: 'conformance/tests/admin-network-policy-experimental-ingress-rules.go',
    features: NAMED_PORTS,
    manifests: ['base/admin_tier/standard-ingress-udp-rules.yaml'],
    subtests: [
      {
        name: "Should support an 'allow-ingress' policy for named port",
        mutations: [
          {
            op: 'set-protocols',
            policy: 'ingress-udp',
            direction: 'ingress',
            index: 5,
            protocols: [{ destinationNamedPort: 'dns' }],
          },
        ],
        probes: [
          ok('harry-potter-0', 'cedric-diggory-1', 'UDP', 53),
          no('harry-potter-1', 'cedric-diggory-1', 'UDP', 5353),
        ],
      },
    ],
  },
  {
    name: 'CNPAdminTierEgressInlineCIDRPeers',
    source: 'conformance/tests/admin-network-policy-standard-egress-inline-cidr-rules.go',
    features: STANDARD,
    manifests: ['base/admin_tier/standard-egress-inline-cidr-rules.yaml'],
    subtests: inlineCidrSubtests('inline-cidr-as-peers-example'),
  },
  {
    name: 'CNPAdminTierEgressSCTP',
    source: 'conformance/tests/admin-network-policy-standard-egress-sctp-rules.go',
    features: STANDARD,
    manifests: ['base/admin_tier/standard-egress-sctp-rules.yaml'],
    subtests: [
      {
        name: "Should support an 'allow-egress' policy for SCTP protocol; ensure rule ordering is respected",
        probes: [
          ok('luna-lovegood-0', 'harry-potter-0', 'SCTP', 9003),
          ok('luna-lovegood-1', 'harry-potter-0', 'SCTP', 9005),
        ],
      },
      {
        name: "Should support an 'allow-egress' policy for SCTP protocol at the specified port",
        probes: [
          ok('luna-lovegood-0', 'cedric-diggory-1', 'SCTP', 9003),
          no('luna-lovegood-1', 'cedric-diggory-1', 'SCTP', 9005),
        ],
      },
      {
        name: "Should support an 'deny-egress' policy for SCTP protocol; ensure rule ordering is respected",
        mutations: [swap('egress-sctp', 'egress', 0, 1)],
        probes: [
          no('luna-lovegood-0', 'harry-potter-1', 'SCTP', 9003),
          no('luna-lovegood-1', 'harry-potter-1', 'SCTP', 9005),
        ],
      },
      {
        name: "Should support a 'deny-egress' policy for SCTP protocol at the specified port",
        probes: [
          no('luna-lovegood-0', 'draco-malfoy-0', 'SCTP', 9003),
          ok('luna-lovegood-1', 'draco-malfoy-0', 'SCTP', 9005),
        ],
      },
      {
        name: "Should support an 'pass-egress' policy for SCTP protocol; ensure rule ordering is respected",
        mutations: [swap('egress-sctp', 'egress', 0, 2)],
        probes: [
          ok('luna-lovegood-0', 'harry-potter-1', 'SCTP', 9003),
          ok('luna-lovegood-1', 'harry-potter-1', 'SCTP', 9005),
        ],
      },
      {
        name: "Should support a 'pass-egress' policy for SCTP protocol at the specified port",
        mutations: [swap('egress-sctp', 'egress', 3, 4)],
        probes: [
          ok('luna-lovegood-0', 'draco-malfoy-0', 'SCTP', 9003),
          ok('luna-lovegood-1', 'draco-malfoy-0', 'SCTP', 9005),
        ],
      },
    ],
  },
  {
    name: 'CNPAdminTierEgressTCP',
    source: 'conformance/tests/admin-network-policy-standard-egress-tcp-rules.go',
    features: STANDARD,
    manifests: ['base/admin_tier/standard-egress-tcp-rules.yaml'],
    subtests: [
      {
        name: "Should support an 'allow-egress' policy for TCP protocol; ensure rule ordering is respected",
        probes: [
          ok('harry-potter-0', 'luna-lovegood-0', 'TCP', 80),
          ok('harry-potter-1', 'luna-lovegood-0', 'TCP', 8080),
        ],
      },
      {
        name: "Should support an 'allow-egress' policy for TCP protocol at the specified port",
        probes: [
          ok('harry-potter-0', 'cedric-diggory-1', 'TCP', 8080),
          no('harry-potter-1', 'cedric-diggory-1', 'TCP', 80),
        ],
      },
      {
        name: "Should support an 'deny-egress' policy for TCP protocol; ensure rule ordering is respected",
        mutations: [swap('egress-tcp', 'egress', 0, 1)],
        probes: [
          no('harry-potter-0', 'luna-lovegood-1', 'TCP', 80),
          no('harry-potter-1', 'luna-lovegood-1', 'TCP', 8080),
        ],
      },
      {
        name: "Should support a 'deny-egress' policy for TCP protocol at the specified port",
        probes: [
          no('harry-potter-0', 'draco-malfoy-0', 'TCP', 80),
          ok('harry-potter-1', 'draco-malfoy-0', 'TCP', 8080),
        ],
      },
      {
        name: "Should support an 'pass-egress' policy for TCP protocol; ensure rule ordering is respected",
        mutations: [swap('egress-tcp', 'egress', 0, 2)],
        probes: [
          ok('harry-potter-0', 'luna-lovegood-0', 'TCP', 80),
          ok('harry-potter-1', 'luna-lovegood-0', 'TCP', 8080),
        ],
      },
      {
        name: "Should support a 'pass-egress' policy for TCP protocol at the specified port",
        mutations: [swap('egress-tcp', 'egress', 3, 4)],
        probes: [
          ok('harry-potter-0', 'draco-malfoy-0', 'TCP', 80),
          ok('harry-potter-1', 'draco-malfoy-0', 'TCP', 8080),
        ],
      },
    ],
  },
  {
    name: 'CNPAdminTierEgressUDP',
    source: 'conformance/tests/admin-network-policy-standard-egress-udp-rules.go',
    features: STANDARD,
    manifests: ['base/admin_tier/standard-egress-udp-rules.yaml'],
    subtests: [
      {
        name: "Should support an 'allow-egress' policy for UDP protocol; ensure rule ordering is respected",
        probes: [
          ok('cedric-diggory-0', 'luna-lovegood-0', 'UDP', 53),
          ok('cedric-diggory-1', 'luna-lovegood-0', 'UDP', 5353),
        ],
      },
      {
        name: "Should support an 'allow-egress' policy for UDP protocol at the specified port",
        probes: [
          ok('cedric-diggory-0', 'harry-potter-1', 'UDP', 53),
          no('cedric-diggory-1', 'harry-potter-1', 'UDP', 5353),
        ],
      },
      {
        name: "Should support an 'deny-egress' policy for UDP protocol; ensure rule ordering is respected",
        mutations: [swap('egress-udp', 'egress', 0, 1)],
        probes: [
          no('cedric-diggory-0', 'luna-lovegood-1', 'UDP', 53),
          no('cedric-diggory-1', 'luna-lovegood-1', 'UDP', 5353),
        ],
      },
      {
        name: "Should support a 'deny-egress' policy for UDP protocol at the specified port",
        probes: [
          no('cedric-diggory-0', 'draco-malfoy-0', 'UDP', 5353),
          ok('cedric-diggory-1', 'draco-malfoy-0', 'UDP', 53),
        ],
      },
      {
        name: "Should support an 'pass-egress' policy for UDP protocol; ensure rule ordering is respected",
        mutations: [swap('egress-udp', 'egress', 0, 2)],
        probes: [
          ok('cedric-diggory-0', 'luna-lovegood-1', 'UDP', 5353),
          ok('cedric-diggory-1', 'luna-lovegood-1', 'UDP', 53),
        ],
      },
      {
        name: "Should support a 'pass-egress' policy for UDP protocol at the specified port",
        mutations: [swap('egress-udp', 'egress', 3, 4)],
        probes: [
          ok('cedric-diggory-0', 'draco-malfoy-0', 'UDP', 5353),
          ok('cedric-diggory-1', 'draco-malfoy-0', 'UDP', 53),
        ],
      },
    ],
  },
  {
    name: 'CNPAdminTierGress',
    source: 'conformance/tests/admin-network-policy-standard-gress-rules.go',
    features: STANDARD,
    manifests: ['base/admin_tier/standard-gress-rules-combined.yaml'],
    subtests: [
      ...gressSubtests('gress-rules'),
      {
        name: "Should support an 'pass-gress' policy across different protocols",
        mutations: [swap('gress-rules', 'egress', 0, 2), swap('gress-rules', 'ingress', 0, 2)],
        probes: [
          ok('harry-potter-0', 'luna-lovegood-0', 'TCP', 80),
          ok('harry-potter-0', 'luna-lovegood-0', 'UDP', 5353),
          ok('harry-potter-0', 'luna-lovegood-0', 'SCTP', 9003),
          ok('luna-lovegood-0', 'harry-potter-0', 'TCP', 80),
          ok('luna-lovegood-1', 'harry-potter-0', 'UDP', 53),
          ok('luna-lovegood-1', 'harry-potter-0', 'SCTP', 9003),
        ],
      },
      {
        name: "Should support a 'pass-gress' policy across different protocols at the specified ports",
        mutations: [swap('gress-rules', 'egress', 3, 4), swap('gress-rules', 'ingress', 3, 4)],
        probes: [
          ok('harry-potter-0', 'draco-malfoy-0', 'TCP', 80),
          ok('harry-potter-1', 'draco-malfoy-0', 'TCP', 8080),
          ok('harry-potter-0', 'draco-malfoy-0', 'UDP', 53),
          ok('harry-potter-1', 'draco-malfoy-0', 'UDP', 5353),
          ok('harry-potter-0', 'draco-malfoy-0', 'SCTP', 9003),
          ok('harry-potter-1', 'draco-malfoy-0', 'SCTP', 9005),
          ok('draco-malfoy-0', 'harry-potter-0', 'TCP', 80),
          ok('draco-malfoy-1', 'harry-potter-0', 'TCP', 8080),
          ok('draco-malfoy-0', 'harry-potter-0', 'UDP', 53),
          ok('draco-malfoy-1', 'harry-potter-0', 'UDP', 5353),
          ok('draco-malfoy-0', 'harry-potter-0', 'SCTP', 9003),
          ok('draco-malfoy-1', 'harry-potter-0', 'SCTP', 9005),
        ],
      },
    ],
  },
  {
    name: 'CNPAdminTierIngressSCTP',
    source: 'conformance/tests/admin-network-policy-standard-ingress-sctp-rules.go',
    features: STANDARD,
    manifests: ['base/admin_tier/standard-ingress-sctp-rules.yaml'],
    subtests: [
      {
        name: "Should support an 'allow-ingress' policy for SCTP protocol; ensure rule ordering is respected",
        probes: [
          ok('harry-potter-0', 'luna-lovegood-0', 'SCTP', 9003),
          ok('harry-potter-1', 'luna-lovegood-0', 'SCTP', 9005),
        ],
      },
      {
        name: "Should support an 'allow-ingress' policy for SCTP protocol at the specified port",
        probes: [
          ok('cedric-diggory-0', 'luna-lovegood-1', 'SCTP', 9003),
          no('cedric-diggory-1', 'luna-lovegood-1', 'SCTP', 9005),
        ],
      },
      {
        name: "Should support an 'deny-ingress' policy for SCTP protocol; ensure rule ordering is respected",
        mutations: [swap('ingress-sctp', 'ingress', 0, 1)],
        probes: [
          no('harry-potter-0', 'luna-lovegood-1', 'SCTP', 9003),
          no('harry-potter-1', 'luna-lovegood-1', 'SCTP', 9005),
        ],
      },
      {
        name: "Should support a 'deny-ingress' policy for SCTP protocol at the specified port",
        probes: [
          no('draco-malfoy-0', 'luna-lovegood-0', 'SCTP', 9003),
          ok('draco-malfoy-1', 'luna-lovegood-0', 'SCTP', 9005),
        ],
      },
      {
        name: "Should support an 'pass-ingress' policy for SCTP protocol; ensure rule ordering is respected",
        mutations: [swap('ingress-sctp', 'ingress', 0, 2)],
        probes: [
          ok('harry-potter-0', 'luna-lovegood-1', 'SCTP', 9003),
          ok('harry-potter-1', 'luna-lovegood-1', 'SCTP', 9005),
        ],
      },
      {
        name: "Should support a 'pass-ingress' policy for SCTP protocol at the specified port",
        mutations: [swap('ingress-sctp', 'ingress', 3, 4)],
        probes: [
          ok('draco-malfoy-0', 'luna-lovegood-0', 'SCTP', 9003),
          ok('draco-malfoy-1', 'luna-lovegood-0', 'SCTP', 9005),
        ],
      },
    ],
  },
  {
    name: 'CNPAdminTierIngressTCP',
    source: 'conformance/tests/admin-network-policy-standard-ingress-tcp-rules.go',
    features: STANDARD,
    manifests: ['base/admin_tier/standard-ingress-tcp-rules.yaml'],
    subtests: [
      {
        name: "Should support an 'allow-ingress' policy for TCP protocol; ensure rule ordering is respected",
        probes: [
          ok('luna-lovegood-0', 'harry-potter-0', 'TCP', 80),
          ok('luna-lovegood-1', 'harry-potter-0', 'TCP', 8080),
        ],
      },
      {
        name: "Should support an 'allow-ingress' policy for TCP protocol at the specified port",
        probes: [
          ok('cedric-diggory-0', 'harry-potter-1', 'TCP', 80),
          no('cedric-diggory-1', 'harry-potter-1', 'TCP', 8080),
        ],
      },
      {
        name: "Should support an 'deny-ingress' policy for TCP protocol; ensure rule ordering is respected",
        mutations: [swap('ingress-tcp', 'ingress', 0, 1)],
        probes: [
          no('luna-lovegood-0', 'harry-potter-1', 'TCP', 80),
          no('luna-lovegood-1', 'harry-potter-1', 'TCP', 8080),
        ],
      },
      {
        name: "Should support a 'deny-ingress' policy for TCP protocol at the specified port",
        probes: [
          no('draco-malfoy-0', 'harry-potter-0', 'TCP', 80),
          ok('draco-malfoy-1', 'harry-potter-0', 'TCP', 8080),
        ],
      },
      {
        name: "Should support an 'pass-ingress' policy for TCP protocol; ensure rule ordering is respected",
        mutations: [swap('ingress-tcp', 'ingress', 0, 2)],
        probes: [
          ok('luna-lovegood-0', 'harry-potter-0', 'TCP', 80),
          ok('luna-lovegood-1', 'harry-potter-0', 'TCP', 8080),
        ],
      },
      {
        name: "Should support a 'pass-ingress' policy for TCP protocol at the specified port",
        mutations: [swap('ingress-tcp', 'ingress', 3, 4)],
        probes: [
          ok('draco-malfoy-0', 'harry-potter-0', 'TCP', 80),
          ok('draco-malfoy-1', 'harry-potter-0', 'TCP', 8080),
        ],
      },
    ],
  },
  {
    name: 'CNPAdminTierIngressUDP',
    source: 'conformance/tests/admin-network-policy-standard-ingress-udp-rules.go',
    features: STANDARD,
    manifests: ['base/admin_tier/standard-ingress-udp-rules.yaml'],
    subtests: [
      {
        name: "Should support an 'allow-ingress' policy for UDP protocol; ensure rule ordering is respected",
        probes: [
          ok('luna-lovegood-0', 'cedric-diggory-0', 'UDP', 53),
          ok('luna-lovegood-1', 'cedric-diggory-0', 'UDP', 5353),
        ],
      },
      {
        name: "Should support an 'allow-ingress' policy for UDP protocol at the specified port",
        probes: [
          ok('harry-potter-0', 'cedric-diggory-1', 'UDP', 53),
          no('harry-potter-1', 'cedric-diggory-1', 'UDP', 5353),
        ],
      },
      {
        name: "Should support an 'deny-ingress' policy for UDP protocol; ensure rule ordering is respected",
        mutations: [swap('ingress-udp', 'ingress', 0, 1)],
        probes: [
          no('luna-lovegood-0', 'cedric-diggory-1', 'UDP', 53),
          no('luna-lovegood-1', 'cedric-diggory-1', 'UDP', 5353),
        ],
      },
      {
        name: "Should support a 'deny-ingress' policy for UDP protocol at the specified port",
        probes: [
          no('draco-malfoy-0', 'cedric-diggory-0', 'UDP', 5353),
          ok('draco-malfoy-1', 'cedric-diggory-0', 'UDP', 53),
        ],
      },
      {
        name: "Should support an 'pass-ingress' policy for UDP protocol; ensure rule ordering is respected",
        mutations: [swap('ingress-udp', 'ingress', 0, 2)],
        probes: [
          ok('luna-lovegood-0', 'cedric-diggory-1', 'UDP', 5353),
          ok('luna-lovegood-1', 'cedric-diggory-1', 'UDP', 53),
        ],
      },
      {
        name: "Should support a 'pass-ingress' policy for UDP protocol at the specified port",
        mutations: [swap('ingress-udp', 'ingress', 3, 4)],
        probes: [
          ok('draco-malfoy-0', 'cedric-diggory-0', 'UDP', 5353),
          ok('draco-malfoy-1', 'cedric-diggory-0', 'UDP', 53),
        ],
      },
    ],
  },
  {
    name: 'CNPAdminTierIntegration',
    source: 'conformance/tests/admin-network-policy-standard-integration.go',
    features: STANDARD,
    manifests: ['base/api_integration/standard-anp-np-banp.yaml'],
    subtests: [
      {
        name: 'Should Deny traffic from slytherin to gryffindor respecting admin CNP',
        probes: [
          no('draco-malfoy-0', 'harry-potter-0', 'TCP', 80),
          no('draco-malfoy-1', 'harry-potter-0', 'TCP', 8080),
        ],
      },
      {
        name: 'Should Deny traffic to slytherin from gryffindor respecting admin CNP',
        probes: [
          no('harry-potter-0', 'draco-malfoy-0', 'TCP', 80),
          no('harry-potter-1', 'draco-malfoy-0', 'TCP', 8080),
        ],
      },
      {
        name: "Should support a 'pass-ingress' policy for admin CNP and respect the match for network policy",
        // Calico: the Pass leaves kube-admin; the NetworkPolicy makes the default tier active for the pod and allows
        mutations: [{ op: 'set-action', policy: 'pass-example', direction: 'ingress', index: 0, action: 'Pass' }],
        probes: [
          ok('draco-malfoy-0', 'harry-potter-0', 'TCP', 80),
          ok('draco-malfoy-1', 'harry-potter-0', 'TCP', 8080),
        ],
      },
      {
        name: "Should support a 'pass-egress' policy for admin CNP and respect the match for network policy",
        mutations: [{ op: 'set-action', policy: 'pass-example', direction: 'egress', index: 0, action: 'Pass' }],
        probes: [
          ok('harry-potter-0', 'draco-malfoy-0', 'TCP', 80),
          ok('harry-potter-1', 'draco-malfoy-0', 'TCP', 8080),
        ],
      },
      {
        name: "Should support a 'pass-ingress' policy for admin CNP and respect the match for baseline cluster network policy",
        // delete network policy so that baseline CNP takes effect (Calico: no policy in the default tier selects the
        // pod any more, so the tier is skipped and kube-baseline decides)
        mutations: [
          {
            op: 'delete',
            kind: 'NetworkPolicy',
            namespace: 'network-policy-conformance-gryffindor',
            name: 'allow-gress-from-to-slytherin-to-gryffindor',
          },
        ],
        probes: [
          no('draco-malfoy-0', 'harry-potter-0', 'TCP', 80),
          no('draco-malfoy-1', 'harry-potter-0', 'TCP', 8080),
        ],
      },
      {
        name: "Should support a 'pass-egress' policy for admin CNP and respect the match for baseline cluster network policy",
        probes: [
          no('harry-potter-0', 'draco-malfoy-0', 'TCP', 80),
          no('harry-potter-1', 'draco-malfoy-0', 'TCP', 8080),
        ],
      },
    ],
  },
  {
    name: 'CNPAdminTierPriorityField',
    source: 'conformance/tests/admin-network-policy-standard-priority.go',
    features: STANDARD,
    manifests: ['base/admin_tier/standard-priority-field.yaml'],
    subtests: [
      {
        name: 'Should Deny traffic from slytherin to gryffindor respecting admin CNP',
        probes: [
          no('draco-malfoy-0', 'harry-potter-0', 'TCP', 80),
          no('draco-malfoy-1', 'harry-potter-0', 'TCP', 8080),
        ],
      },
      {
        name: 'Should Deny traffic to slytherin from gryffindor respecting admin CNP',
        probes: [
          no('harry-potter-0', 'draco-malfoy-0', 'TCP', 80),
          no('harry-potter-1', 'draco-malfoy-0', 'TCP', 8080),
        ],
      },
      {
        name: 'Should respect admin CNP priority field; thus passing both ingress and egress traffic over to baseline CNP',
        // Calico: priority becomes the order in kube-admin, so the Pass policy (order 40) now runs before the Deny (50)
        mutations: [{ op: 'set-priority', policy: 'old-priority-60-new-priority-40-example', priority: 40 }],
        probes: [
          ok('draco-malfoy-0', 'harry-potter-0', 'TCP', 80),
          ok('draco-malfoy-1', 'harry-potter-0', 'TCP', 8080),
          ok('harry-potter-0', 'draco-malfoy-0', 'TCP', 80),
          ok('harry-potter-1', 'draco-malfoy-0', 'TCP', 8080),
        ],
      },
    ],
  },
  {
    name: 'CNPBaselineTierEgressNamedPort',
    source: 'conformance/tests/baseline-admin-network-policy-experimental-egress-rules.go',
    features: NAMED_PORTS,
    manifests: ['base/baseline_tier/standard-egress-udp-rules.yaml'],
    subtests: [
      {
        name: "Should support an 'allow-egress' policy for named port",
        mutations: [
          {
            op: 'set-protocols',
            policy: 'default',
            direction: 'egress',
            index: 3,
            protocols: [{ destinationNamedPort: 'dns' }],
          },
        ],
        probes: [
          ok('cedric-diggory-0', 'harry-potter-1', 'UDP', 53),
          no('cedric-diggory-1', 'harry-potter-1', 'UDP', 5353),
        ],
      },
    ],
  },
  {
    name: 'CNPBaselineTierIngressNamedPort',
    source: 'conformance/tests/baseline-admin-network-policy-experimental-ingress-rules.go',
    features: NAMED_PORTS,
    manifests: ['base/baseline_tier/standard-ingress-tcp-rules.yaml'],
    subtests: [
      {
        name: "Should support an 'allow-ingress' policy for named port",
        mutations: [
          {
            op: 'set-protocols',
            policy: 'default',
            direction: 'ingress',
            index: 3,
            protocols: [{ destinationNamedPort: 'web' }],
          },
        ],
        probes: [
          ok('cedric-diggory-0', 'harry-potter-1', 'TCP', 80),
          no('cedric-diggory-1', 'harry-potter-1', 'TCP', 8080),
        ],
      },
    ],
  },
  {
    name: 'CNPBaselineTierEgressInlineCIDRPeers',
    source: 'conformance/tests/baseline-admin-network-policy-standard-egress-inline-cidr-rules.go',
    features: STANDARD,
    manifests: ['base/baseline_tier/standard-egress-inline-cidr-rules.yaml'],
    subtests: inlineCidrSubtests('default'),
  },
  {
    name: 'CNPBaselineTierEgressSCTP',
    source: 'conformance/tests/baseline-admin-network-policy-standard-egress-sctp-rules.go',
    features: STANDARD,
    manifests: ['base/baseline_tier/standard-egress-sctp-rules.yaml'],
    subtests: [
      {
        name: "Should support an 'allow-egress' policy for SCTP protocol; ensure rule ordering is respected",
        probes: [
          ok('luna-lovegood-0', 'harry-potter-0', 'SCTP', 9003),
          ok('luna-lovegood-1', 'harry-potter-0', 'SCTP', 9005),
        ],
      },
      {
        name: "Should support an 'allow-egress' policy for SCTP protocol at the specified port",
        probes: [
          ok('luna-lovegood-0', 'cedric-diggory-1', 'SCTP', 9003),
          no('luna-lovegood-1', 'cedric-diggory-1', 'SCTP', 9005),
        ],
      },
      {
        name: "Should support an 'deny-egress' policy for SCTP protocol; ensure rule ordering is respected",
        mutations: [swap('default', 'egress', 0, 1)],
        probes: [
          no('luna-lovegood-0', 'harry-potter-1', 'SCTP', 9003),
          no('luna-lovegood-1', 'harry-potter-1', 'SCTP', 9005),
        ],
      },
      {
        name: "Should support a 'deny-egress' policy for SCTP protocol at the specified port",
        probes: [
          no('luna-lovegood-0', 'draco-malfoy-0', 'SCTP', 9003),
          ok('luna-lovegood-1', 'draco-malfoy-0', 'SCTP', 9005),
        ],
      },
    ],
  },
  {
    name: 'CNPBaselineTierEgressTCP',
    source: 'conformance/tests/baseline-admin-network-policy-standard-egress-tcp-rules.go',
    features: STANDARD,
    manifests: ['base/baseline_tier/standard-egress-tcp-rules.yaml'],
    subtests: [
      {
        name: "Should support an 'allow-egress' policy for TCP protocol; ensure rule ordering is respected",
        probes: [
          ok('harry-potter-0', 'luna-lovegood-0', 'TCP', 80),
          ok('harry-potter-1', 'luna-lovegood-0', 'TCP', 8080),
        ],
      },
      {
        name: "Should support an 'allow-egress' policy for TCP protocol at the specified port",
        probes: [
          ok('harry-potter-0', 'cedric-diggory-1', 'TCP', 8080),
          no('harry-potter-1', 'cedric-diggory-1', 'TCP', 80),
        ],
      },
      {
        name: "Should support an 'deny-egress' policy for TCP protocol; ensure rule ordering is respected",
        mutations: [swap('default', 'egress', 0, 1)],
        probes: [
          no('harry-potter-0', 'luna-lovegood-1', 'TCP', 80),
          no('harry-potter-1', 'luna-lovegood-1', 'TCP', 8080),
        ],
      },
      {
        name: "Should support a 'deny-egress' policy for TCP protocol at the specified port",
        probes: [
          no('harry-potter-0', 'draco-malfoy-0', 'TCP', 80),
          ok('harry-potter-1', 'draco-malfoy-0', 'TCP', 8080),
        ],
      },
    ],
  },
  {
    name: 'CNPBaselineTierEgressUDP',
    source: 'conformance/tests/baseline-admin-network-policy-standard-egress-udp-rules.go',
    features: STANDARD,
    manifests: ['base/baseline_tier/standard-egress-udp-rules.yaml'],
    subtests: [
      {
        name: "Should support an 'allow-egress' policy for UDP protocol; ensure rule ordering is respected",
        probes: [
          ok('cedric-diggory-0', 'luna-lovegood-0', 'UDP', 53),
          ok('cedric-diggory-1', 'luna-lovegood-0', 'UDP', 5353),
        ],
      },
      {
        name: "Should support an 'allow-egress' policy for UDP protocol at the specified port",
        probes: [
          ok('cedric-diggory-0', 'harry-potter-1', 'UDP', 53),
          no('cedric-diggory-1', 'harry-potter-1', 'UDP', 5353),
        ],
      },
      {
        name: "Should support an 'deny-egress' policy for UDP protocol; ensure rule ordering is respected",
        mutations: [swap('default', 'egress', 0, 1)],
        probes: [
          no('cedric-diggory-0', 'luna-lovegood-1', 'UDP', 53),
          no('cedric-diggory-1', 'luna-lovegood-1', 'UDP', 5353),
        ],
      },
      {
        name: "Should support a 'deny-egress' policy for UDP protocol at the specified port",
        probes: [
          no('cedric-diggory-0', 'draco-malfoy-0', 'UDP', 5353),
          ok('cedric-diggory-1', 'draco-malfoy-0', 'UDP', 53),
        ],
      },
    ],
  },
  {
    name: 'CNPBaselineTierGress',
    source: 'conformance/tests/baseline-admin-network-policy-standard-gress-rules.go',
    features: STANDARD,
    manifests: ['base/baseline_tier/standard-gress-rules-combined.yaml'],
    subtests: gressSubtests('default'),
  },
  {
    name: 'CNPBaselineTierIngressSCTP',
    source: 'conformance/tests/baseline-admin-network-policy-standard-ingress-sctp-rules.go',
    features: STANDARD,
    manifests: ['base/baseline_tier/standard-ingress-sctp-rules.yaml'],
    subtests: [
      {
        name: "Should support an 'allow-ingress' policy for SCTP protocol; ensure rule ordering is respected",
        probes: [
          ok('harry-potter-0', 'luna-lovegood-0', 'SCTP', 9003),
          ok('harry-potter-1', 'luna-lovegood-0', 'SCTP', 9005),
        ],
      },
      {
        name: "Should support an 'allow-ingress' policy for SCTP protocol at the specified port",
        probes: [
          ok('cedric-diggory-0', 'luna-lovegood-1', 'SCTP', 9003),
          no('cedric-diggory-1', 'luna-lovegood-1', 'SCTP', 9005),
        ],
      },
      {
        name: "Should support an 'deny-ingress' policy for SCTP protocol; ensure rule ordering is respected",
        mutations: [swap('default', 'ingress', 0, 1)],
        probes: [
          no('harry-potter-0', 'luna-lovegood-1', 'SCTP', 9003),
          no('harry-potter-1', 'luna-lovegood-1', 'SCTP', 9005),
        ],
      },
      {
        name: "Should support a 'deny-ingress' policy for SCTP protocol at the specified port",
        probes: [
          no('draco-malfoy-0', 'luna-lovegood-0', 'SCTP', 9003),
          ok('draco-malfoy-1', 'luna-lovegood-0', 'SCTP', 9005),
        ],
      },
    ],
  },
  {
    name: 'CNPBaselineTierIngressTCP',
    source: 'conformance/tests/baseline-admin-network-policy-standard-ingress-tcp-rules.go',
    features: STANDARD,
    manifests: ['base/baseline_tier/standard-ingress-tcp-rules.yaml'],
    subtests: [
      {
        name: "Should support an 'allow-ingress' policy for TCP protocol; ensure rule ordering is respected",
        probes: [
          ok('luna-lovegood-0', 'harry-potter-0', 'TCP', 80),
          ok('luna-lovegood-1', 'harry-potter-0', 'TCP', 8080),
        ],
      },
      {
        name: "Should support an 'allow-ingress' policy for TCP protocol at the specified port",
        probes: [
          ok('cedric-diggory-0', 'harry-potter-1', 'TCP', 80),
          no('cedric-diggory-1', 'harry-potter-1', 'TCP', 8080),
        ],
      },
      {
        name: "Should support an 'deny-ingress' policy for TCP protocol; ensure rule ordering is respected",
        mutations: [swap('default', 'ingress', 0, 1)],
        probes: [
          no('luna-lovegood-0', 'harry-potter-1', 'TCP', 80),
          no('luna-lovegood-1', 'harry-potter-1', 'TCP', 8080),
        ],
      },
      {
        name: "Should support a 'deny-ingress' policy for TCP protocol at the specified port",
        probes: [
          no('draco-malfoy-0', 'harry-potter-0', 'TCP', 80),
          ok('draco-malfoy-1', 'harry-potter-0', 'TCP', 8080),
        ],
      },
    ],
  },
  {
    name: 'CNPBaselineTierIngressUDP',
    source: 'conformance/tests/baseline-admin-network-policy-standard-ingress-udp-rules.go',
    features: STANDARD,
    manifests: ['base/baseline_tier/standard-ingress-udp-rules.yaml'],
    subtests: [
      {
        name: "Should support an 'allow-ingress' policy for UDP protocol; ensure rule ordering is respected",
        probes: [
          ok('luna-lovegood-0', 'cedric-diggory-0', 'UDP', 53),
          ok('luna-lovegood-1', 'cedric-diggory-0', 'UDP', 5353),
        ],
      },
      {
        name: "Should support an 'allow-ingress' policy for UDP protocol at the specified port",
        probes: [
          ok('harry-potter-0', 'cedric-diggory-1', 'UDP', 53),
          no('harry-potter-1', 'cedric-diggory-1', 'UDP', 5353),
        ],
      },
      {
        name: "Should support an 'deny-ingress' policy for UDP protocol; ensure rule ordering is respected",
        mutations: [swap('default', 'ingress', 0, 1)],
        probes: [
          no('luna-lovegood-0', 'cedric-diggory-1', 'UDP', 53),
          no('luna-lovegood-1', 'cedric-diggory-1', 'UDP', 5353),
        ],
      },
      {
        name: "Should support a 'deny-ingress' policy for UDP protocol at the specified port",
        probes: [
          no('draco-malfoy-0', 'cedric-diggory-0', 'UDP', 5353),
          ok('draco-malfoy-1', 'cedric-diggory-0', 'UDP', 53),
        ],
      },
    ],
  },
];

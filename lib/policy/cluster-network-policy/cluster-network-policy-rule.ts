import {
  boundaryError,
  guardArray,
  guardEnum,
  guardInstance,
  guardKnownKeys,
  guardObject,
  guardOptionalArray,
  guardOptionalString,
} from '../../model/primitives/guard';
import { ClusterNetworkPolicyAction } from './cluster-network-policy-action';
import {
  ClusterPolicyPeer,
  ClusterPolicyPeerKind,
  IClusterPolicyPeer,
  resolveClusterPolicyPeers,
} from './cluster-policy-peer';
import { ClusterPolicyPort } from './cluster-policy-port';

/**
 * One rule of a {@link ClusterNetworkPolicy} with every field (`addIngressRule` / `addEgressRule`, or the `ingress` /
 * `egress` props): `action` on traffic from (ingress) or to (egress) any of `peers` on any of `ports`. Within a
 * policy the first matching rule decides.
 */
export interface ClusterNetworkPolicyRule {
  /** What the rule does with matching traffic. */
  readonly action: ClusterNetworkPolicyAction;
  /**
   * The other side (`from` / `to`), OR-ed: 1 to 25 peers once constructs such as a SecuredNodePool are expanded.
   * `ClusterPolicyPeer.networks` and node pools are egress only.
   */
  readonly peers: IClusterPolicyPeer[];
  /**
   * The destination ports (`protocols`), OR-ed; at most 25.
   * @default [] (every protocol and port, ICMP included)
   */
  readonly ports?: ClusterPolicyPort[];
  /**
   * A name for observability (at most 100 characters); Calico keeps it as the rule's `name` annotation.
   * @default - no name
   */
  readonly name?: string;
}

/** Which list a rule goes to. @internal */
export type ClusterRuleDirection = 'ingress' | 'egress';

/** The CRD's limits (`maxItems: 25` on rules, peers and protocols; `maxLength: 100` on a rule name). @internal */
export const CLUSTER_RULE_LIMITS = { rules: 25, peers: 25, ports: 25, name: 100 } as const;

/** A rule whose peers are resolved and whose values are checked. @internal */
export interface CheckedClusterRule {
  readonly action: ClusterNetworkPolicyAction;
  readonly name?: string;
  readonly peers: readonly ClusterPolicyPeer[];
  readonly ports: readonly ClusterPolicyPort[];
}

const RULE_KEYS = ['action', 'peers', 'ports', 'name'];
const PORT_CLASS = ClusterPolicyPort as unknown as abstract new () => ClusterPolicyPort;
const PORT_EXPECTED = 'a ClusterPolicyPort (ClusterPolicyPort.tcp(443), .udpRange(5000, 5100), .named("http"), ...)';

/** A whole rule (`{ action, peers, ports?, name? }`), checked against the CRD's limits. @internal */
export function guardClusterRule(
  v: unknown,
  direction: ClusterRuleDirection,
  where: string,
  field: string,
): CheckedClusterRule {
  const o = guardObject(v, where, field, { expected: 'a rule { action, peers, ports?, name? }' });
  guardKnownKeys(o, RULE_KEYS, where, field);
  const action = guardEnum(o.action, ClusterNetworkPolicyAction, where, `${field}.action`, {
    enumName: 'ClusterNetworkPolicyAction',
  });
  const name = guardOptionalString(o.name, where, `${field}.name`, {
    expected: 'a rule name',
    maxLength: CLUSTER_RULE_LIMITS.name,
    fix: `shorten it to ${CLUSTER_RULE_LIMITS.name} characters, or leave the name out`,
  });
  const peerLists = guardArray(o.peers, where, `${field}.peers`, (p, f) => checkedPeers(p, direction, where, f), {
    of: 'peers',
    minLength: 1,
    fix: 'name at least one peer, e.g. ClusterPolicyPeer.allNamespaces()',
  });
  const peers = peerLists.flat();
  if (peers.length > CLUSTER_RULE_LIMITS.peers) {
    throw boundaryError(
      where,
      `${field}.peers`,
      `expected at most ${CLUSTER_RULE_LIMITS.peers} peers (the CRD's maxItems), got ${peers.length}` +
        `${peers.length !== peerLists.length ? ` once expanded from ${peerLists.length}` : ''}; ` +
        'fix: split the rule into two rules with the same action',
    );
  }
  const ports =
    guardOptionalArray(
      o.ports,
      where,
      `${field}.ports`,
      (p, f) => guardInstance(p, PORT_CLASS, where, f, { expected: PORT_EXPECTED }),
      {
        of: 'ClusterPolicyPorts',
      },
    ) ?? [];
  if (ports.length > CLUSTER_RULE_LIMITS.ports) {
    throw boundaryError(
      where,
      `${field}.ports`,
      `expected at most ${CLUSTER_RULE_LIMITS.ports} ports (the CRD's maxItems), got ${ports.length}; ` +
        'fix: use port ranges (ClusterPolicyPort.tcpRange), or split the rule',
    );
  }
  return { action, ...(name !== undefined ? { name } : {}), peers, ports };
}

/** One peer argument resolved, refused in ingress when it is a networks peer (v1alpha2 has none there). @internal */
export function checkedPeers(
  v: unknown,
  direction: ClusterRuleDirection,
  where: string,
  field: string,
): ClusterPolicyPeer[] {
  const peers = resolveClusterPolicyPeers(v, where, field);
  if (direction === 'ingress' && peers.some((p) => p.kind === ClusterPolicyPeerKind.NETWORKS)) {
    throw boundaryError(
      where,
      field,
      'expected a namespaces or pods peer, got a networks peer (ClusterNetworkPolicy v1alpha2 has no ingress ' +
        'networks peer); fix: name the sources with ClusterPolicyPeer.namespaces / .pods, or allow addresses from ' +
        'outside the cluster with a Calico GlobalNetworkPolicy (Peer.nets)',
    );
  }
  return peers;
}

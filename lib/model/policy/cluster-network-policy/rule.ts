/**
 * One CNP rule → Calico rules, as upstream's `k8sClusterNetPolIngressRuleToCalico` / `...EgressRuleToCalico` and
 * `combinePortsWithCNPIngressPeers` / `...EgressPeers` (libcalico-go/lib/backend/k8s/conversion/
 * clusternetworkpolicy.go): one Calico rule per (protocol key × peer), protocol keys outermost, every rule with the
 * rule's action and its name in `metadata.annotations.name`.
 */
import { calicoPortToJson } from '../kubernetes/calico-port';
import { childOf, FieldLocation, indexOf } from '../kubernetes/errors';
import { optionalList, optionalString, stringOrEmpty } from '../kubernetes/json-fields';
import { CalicoEntityRule } from '../kubernetes/rule';
import { clusterNetworkPolicyActionToCalico, ClusterRuleCalicoAction } from './action';
import { CLUSTER_NETWORK_POLICY_RULE_NAME_ANNOTATION } from './constants';
import { ClusterPeerFields, convertClusterPeer } from './peers';
import { ClusterProtocolPorts, unpackClusterProtocols } from './protocols';

/** A Calico rule as a converted CNP rule produces it. */
export interface CalicoClusterRule {
  action: ClusterRuleCalicoAction;
  protocol?: string;
  source: CalicoEntityRule;
  destination: CalicoEntityRule;
  /** `{annotations: {name}}` when the CNP rule has a name (`k8sClusterNetworkPolicyToCalicoMetadata`). */
  metadata?: { annotations: Record<string, string> };
}

/** The rule's direction. */
export type ClusterRuleDirection = 'ingress' | 'egress';

function peerEntity(peer: ClusterPeerFields): CalicoEntityRule {
  const e: CalicoEntityRule = {};
  if (peer.nets !== undefined) e.nets = [...peer.nets];
  if (peer.selector) e.selector = peer.selector;
  if (peer.namespaceSelector) e.namespaceSelector = peer.namespaceSelector;
  return e;
}

function build(
  direction: ClusterRuleDirection,
  action: ClusterRuleCalicoAction,
  pp: ClusterProtocolPorts,
  peer: ClusterPeerFields,
  name: string,
): CalicoClusterRule {
  const ports = pp.ports?.map(calicoPortToJson);
  const destination = direction === 'egress' ? peerEntity(peer) : {};
  if (ports !== undefined) destination.ports = ports;
  const rule: CalicoClusterRule = { action, source: direction === 'ingress' ? peerEntity(peer) : {}, destination };
  if (pp.protocol !== undefined) rule.protocol = pp.protocol;
  if (name !== '') rule.metadata = { annotations: { [CLUSTER_NETWORK_POLICY_RULE_NAME_ANNOTATION]: name } };
  return rule;
}

/** The fields of a CNP rule the conversion reads. */
export interface ClusterRuleHead {
  readonly name: string;
  readonly action: string;
}

/** A rule's `name` and `action` as written (`''` when unset, as Go's zero value). */
export function readRuleHead(rule: Record<string, unknown>, at: FieldLocation): ClusterRuleHead {
  return {
    name: optionalString(rule.name, childOf(at, 'name')) ?? '',
    action: stringOrEmpty(rule.action, childOf(at, 'action')),
  };
}

/**
 * Converts one rule.
 * @throws FailedRuleError when Calico cannot convert it (the caller applies the fail-closed replacement)
 * @throws KubernetesConversionError when a field has the wrong JSON type
 */
export function convertClusterRule(
  direction: ClusterRuleDirection,
  rule: Record<string, unknown>,
  at: FieldLocation,
  problems: string[],
): CalicoClusterRule[] {
  const head = readRuleHead(rule, at);
  const action = clusterNetworkPolicyActionToCalico(head.action, childOf(at, 'action').path);
  const protocols = unpackClusterProtocols(rule.protocols, childOf(at, 'protocols'), problems);
  const peersKey = direction === 'ingress' ? 'from' : 'to';
  const peersAt = childOf(at, peersKey);
  const peers = optionalList(rule[peersKey], peersAt).map((p, i) =>
    convertClusterPeer(direction, p, indexOf(peersAt, i), problems),
  );
  return protocols.flatMap((pp) => peers.map((peer) => build(direction, action, pp, peer, head.name)));
}

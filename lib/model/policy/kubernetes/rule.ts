/**
 * One Kubernetes NetworkPolicy ingress/egress rule → Calico rules, as upstream's `k8sRuleToCalico`: one Calico rule
 * per (protocol × peer), protocols outermost, each with action `Allow`.
 */
import { calicoPortToJson, CalicoPortJson } from './calico-port';
import { FieldLocation, indexOf } from './errors';
import { optionalList } from './json-fields';
import { ANY_PEER, convertPeer, PeerFields } from './peer';
import { groupPortsByProtocol, ProtocolPorts } from './rule-ports';

/** A Calico EntityRule as converted rules use it. */
export interface CalicoEntityRule {
  nets?: string[];
  selector?: string;
  namespaceSelector?: string;
  ports?: CalicoPortJson[];
  notNets?: string[];
}

/** A Calico rule as converted Kubernetes rules produce it. */
export interface CalicoAllowRule {
  action: 'Allow';
  protocol?: string;
  source: CalicoEntityRule;
  destination: CalicoEntityRule;
}

/** Which side of the Calico rule the Kubernetes peers go to. */
export type RuleDirection = 'ingress' | 'egress';

/**
 * An EntityRule with the peer's fields and the ports, keys in the order Go's JSON encoding of apiv3.EntityRule uses.
 */
function entity(peer: PeerFields, ports: CalicoPortJson[] | undefined): CalicoEntityRule {
  const e: CalicoEntityRule = {};
  if (peer.nets !== undefined) e.nets = [...peer.nets];
  if (peer.selector !== undefined && peer.selector !== '') e.selector = peer.selector;
  if (peer.namespaceSelector !== undefined && peer.namespaceSelector !== '')
    e.namespaceSelector = peer.namespaceSelector;
  if (ports !== undefined) e.ports = ports;
  if (peer.notNets !== undefined) e.notNets = [...peer.notNets];
  return e;
}

function buildRule(direction: RuleDirection, pp: ProtocolPorts, peer: PeerFields): CalicoAllowRule {
  const ports = pp.ports?.map(calicoPortToJson);
  const source = direction === 'ingress' ? entity(peer, undefined) : {};
  const destination = direction === 'ingress' ? entity(ANY_PEER, ports) : entity(peer, ports);
  // Key order of Go's JSON encoding of apiv3.Rule.
  return pp.protocol === undefined
    ? { action: 'Allow', source, destination }
    : { action: 'Allow', protocol: pp.protocol, source, destination };
}

/**
 * Converts one rule: `peers` is the rule's `from` (ingress) or `to` (egress), `ports` its `ports`.
 * No peers means any peer; no ports means any protocol and port.
 *
 * @throws DroppedRuleError when a port does not parse (upstream drops the rule)
 * @throws KubernetesConversionError when a field has the wrong shape
 */
export function convertRule(
  direction: RuleDirection,
  peers: unknown,
  ports: unknown,
  at: { peers: FieldLocation; ports: FieldLocation },
  problems: string[],
): CalicoAllowRule[] {
  const peerList = optionalList(peers, at.peers).map((p, i) => convertPeer(p, indexOf(at.peers, i), problems));
  const peerFields = peerList.length > 0 ? peerList : [ANY_PEER];
  const byProtocol = groupPortsByProtocol(ports, at.ports, problems);
  return byProtocol.flatMap((pp) => peerFields.map((peer) => buildRule(direction, pp, peer)));
}

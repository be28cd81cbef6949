/**
 * Set relations between the parts of ClusterNetworkPolicy rules, as Calico matches them, decided from the objects
 * alone (no endpoints), for the shadow and tie-break lint rules:
 * - `covers` (⊇) is proven or denied: `false` includes "cannot tell", so a shadow is only reported when proven;
 * - `mayOverlap` is denied only when proven disjoint, so a tie is reported whenever the two could meet.
 *
 * Calico's readings that matter (libcalico-go/lib/backend/k8s/conversion/clusternetworkpolicy.go and
 * lib/backend/syncersv1/updateprocessors/rules.go):
 * - a `namespaces` peer has a namespace selector only, so it also matches namespaced NetworkSets: a `pods` peer never
 *   covers it, while it covers the `pods` peers of the namespaces it selects;
 * - `networks` match any address in their CIDRs, pods included: `0.0.0.0/0` with `::/0` covers every peer;
 * - a protocol-less key with named ports matches the named ports of any protocol (Felix `ProtocolAny`), so it covers
 *   only the same names and overlaps anything.
 */
import { isNamedPort, NamedPort, PortRange } from '../model/policy/kubernetes/calico-port';
import { ClusterProtocolPorts } from '../model/policy/cluster-network-policy/protocols';
import { cidrContains, cidrsOverlap, ParsedCidr } from '../model/primitives/cidr';
import { provablyDisjoint, selectsAllOf } from './cnp-label-selector';
import { ClusterPeer, ClusterPodSet } from './cnp-policy-shape';

/** True when the pods of `wide` provably include the pods of `narrow`. */
export function podSetCovers(wide: ClusterPodSet, narrow: ClusterPodSet): boolean {
  if (!selectsAllOf(wide.namespaces, narrow.namespaces)) return false;
  if (wide.pods === undefined || wide.pods.length === 0) return true;
  return narrow.pods !== undefined && selectsAllOf(wide.pods, narrow.pods);
}

/** False only when no pod can be in both sets. */
export function podSetsMayOverlap(a: ClusterPodSet, b: ClusterPodSet): boolean {
  if (provablyDisjoint(a.namespaces, b.namespaces)) return false;
  return a.pods === undefined || b.pods === undefined || !provablyDisjoint(a.pods, b.pods);
}

/** Every address of both families. */
function coversEveryAddress(cidrs: readonly ParsedCidr[]): boolean {
  return [4, 6].every((family) => cidrs.some((c) => c.family === family && c.prefix === 0));
}

/** True when every address `narrow` matches, `wide` matches. */
export function peerCovers(wide: ClusterPeer, narrow: ClusterPeer): boolean {
  if (wide.kind === 'any') return true;
  if (narrow.kind === 'any') return false;
  if (wide.kind === 'networks') {
    if (narrow.kind !== 'networks') return coversEveryAddress(wide.cidrs);
    return narrow.cidrs.every((n) => wide.cidrs.some((w) => cidrContains(w, n)));
  }
  if (narrow.kind === 'networks') return false;
  // A pods peer never covers a namespaces peer: that one matches the namespaces' NetworkSets too.
  if (wide.kind === 'pods' && narrow.kind === 'namespaces') return false;
  return podSetCovers(wide.set, narrow.set);
}

/** False only when no address can match both peers. */
export function peersMayOverlap(a: ClusterPeer, b: ClusterPeer): boolean {
  if (a.kind === 'any' || b.kind === 'any') return true;
  if (a.kind === 'networks' && b.kind === 'networks')
    return a.cidrs.some((x) => b.cidrs.some((y) => cidrsOverlap(x, y)));
  if (a.kind === 'networks' || b.kind === 'networks') return true; // pod addresses may be in the CIDRs
  return podSetsMayOverlap(a.set, b.set);
}

/** True when each of `narrow` is covered by one of `wide`. */
export function peerListCovers(wide: readonly ClusterPeer[], narrow: readonly ClusterPeer[]): boolean {
  return narrow.every((n) => wide.some((w) => peerCovers(w, n)));
}

/** False only when no peer of one can meet a peer of the other. */
export function peerListsMayOverlap(a: readonly ClusterPeer[], b: readonly ClusterPeer[]): boolean {
  return a.some((x) => b.some((y) => peersMayOverlap(x, y)));
}

/** True when port list `wide` (of one key) matches every port of `narrow` (of the same key). */
function portListCovers(wide: readonly (PortRange | NamedPort)[], narrow: readonly (PortRange | NamedPort)[]): boolean {
  return narrow.every((n) =>
    wide.some((w) => {
      if (isNamedPort(n) || isNamedPort(w)) return isNamedPort(n) && isNamedPort(w) && n.name === w.name;
      const [wr, nr] = [w as PortRange, n as PortRange];
      return wr.min <= nr.min && nr.max <= wr.max;
    }),
  );
}

/** True when the key matches every packet (no protocol, no ports). */
function isEverything(k: ClusterProtocolPorts): boolean {
  return k.protocol === undefined && k.ports === undefined;
}

/** True when protocol key `wide` matches everything `narrow` matches. */
function keyCovers(wide: ClusterProtocolPorts, narrow: ClusterProtocolPorts): boolean {
  if (isEverything(wide)) return true;
  if (wide.protocol !== narrow.protocol) return false;
  if (wide.ports === undefined) return true;
  return narrow.ports !== undefined && portListCovers(wide.ports, narrow.ports);
}

/** True when the protocol keys `wide` match every packet the keys `narrow` match. */
export function portsCover(wide: readonly ClusterProtocolPorts[], narrow: readonly ClusterProtocolPorts[]): boolean {
  return narrow.every((n) => wide.some((w) => keyCovers(w, n)));
}

function rangesMeet(x: PortRange, y: PortRange): boolean {
  return x.min <= y.max && y.min <= x.max;
}

function keysMayOverlap(a: ClusterProtocolPorts, b: ClusterProtocolPorts): boolean {
  // No protocol: every protocol, or named ports of any protocol.
  if (a.protocol === undefined || b.protocol === undefined) return true;
  if (a.protocol !== b.protocol || a.ports === undefined || b.ports === undefined) return a.protocol === b.protocol;
  return a.ports.some((x) => b.ports!.some((y) => isNamedPort(x) || isNamedPort(y) || rangesMeet(x, y)));
}

/** False only when no packet can match both lists of protocol keys. */
export function portsMayOverlap(a: readonly ClusterProtocolPorts[], b: readonly ClusterProtocolPorts[]): boolean {
  return a.some((x) => b.some((y) => keysMayOverlap(x, y)));
}

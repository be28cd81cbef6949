/**
 * CNP peers → the Calico EntityRule fields they set, as upstream's `combinePortsWithCNPIngressPeers` /
 * `combinePortsWithCNPEgressPeers` (libcalico-go/lib/backend/k8s/conversion/clusternetworkpolicy.go):
 * - `namespaces: S` → `namespaceSelector: <S>` and no pod selector (so namespaced NetworkSets match too);
 * - `pods: {N, P}` → `namespaceSelector: <N>`, `selector: projectcalico.org/orchestrator == 'k8s' && <P>`;
 * - egress `networks` → `nets`, each parsed by `cnet.ParseCIDR` (host bits cleared);
 * - a peer with none of those (`nodes`, `domainNames`, a field this Calico does not know) fails the rule.
 * A peer with several fields keeps what upstream keeps: `pods` overrides `namespaces`; `networks` adds to either.
 */
import { childOf, FieldLocation, indexOf } from '../kubernetes/errors';
import { isJsonObject, isUnset, optionalList, stringOrEmpty, wrongType } from '../kubernetes/json-fields';
import { normaliseGoCidr } from '../../primitives/go-cidr';
import { FailedRuleError } from './failed-rule';
import { namespacedPodOf, namespaceSelectorOf } from './selectors';

/** The EntityRule fields of one peer. */
export interface ClusterPeerFields {
  readonly selector?: string;
  readonly namespaceSelector?: string;
  readonly nets?: readonly string[];
}

const UNSUPPORTED_EGRESS = ['nodes', 'domainNames'];

function unsupportedReason(peer: Record<string, unknown>, side: 'From' | 'To'): string {
  const known = Object.keys(peer).filter(
    (k) => UNSUPPORTED_EGRESS.includes(k) || (side === 'From' && k === 'networks'),
  );
  const what = known.length > 0 ? `${known.join(', ')} peers are not supported by Calico 3.32` : 'the peer is empty';
  return `none of supported fields in '${side}' is set (${what})`;
}

/** Converts one peer of `direction` (`from[i]` of an ingress rule, `to[i]` of an egress rule). */
export function convertClusterPeer(
  direction: 'ingress' | 'egress',
  peer: unknown,
  at: FieldLocation,
  problems: string[],
): ClusterPeerFields {
  if (!isJsonObject(peer)) wrongType(at, 'an object', peer);
  let found = false;
  let selector: string | undefined;
  let namespaceSelector: string | undefined;
  if (!isUnset(peer.namespaces)) {
    namespaceSelector = namespaceSelectorOf(peer.namespaces, childOf(at, 'namespaces'), problems);
    found = true;
  }
  if (!isUnset(peer.pods)) {
    const pods = namespacedPodOf(peer.pods, childOf(at, 'pods'), problems);
    selector = pods.selector;
    namespaceSelector = pods.namespaceSelector;
    found = true;
  }
  let nets: string[] | undefined;
  if (direction === 'egress') {
    const netsAt = childOf(at, 'networks');
    const networks = optionalList(peer.networks, netsAt);
    if (networks.length > 0) {
      nets = networks.map((n, i) => {
        const text = stringOrEmpty(n, indexOf(netsAt, i));
        const net = normaliseGoCidr(text);
        if (net === undefined) {
          throw new FailedRuleError(indexOf(netsAt, i).path, `invalid CIDR in ANP rule: ${JSON.stringify(text)}`);
        }
        return net;
      });
      found = true;
    }
  }
  if (!found) throw new FailedRuleError(at.path, unsupportedReason(peer, direction === 'ingress' ? 'From' : 'To'));
  return { selector, namespaceSelector, nets };
}

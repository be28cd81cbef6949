/**
 * One Kubernetes `NetworkPolicyPeer` → the Calico EntityRule fields it sets, as upstream's
 * `k8sPeerToCalicoFields`.
 */
import { childOf, FieldLocation, indexOf } from './errors';
import { normaliseGoCidr } from '../../primitives/go-cidr';
import { isJsonObject, isUnset, optionalList, optionalObject, stringOrEmpty, wrongType } from './json-fields';
import { kubernetesLabelSelectorToCalico } from './label-selector';
import { refuse } from './strict';

/** The EntityRule fields a peer contributes (all empty for "any peer"). */
export interface PeerFields {
  readonly selector?: string;
  readonly namespaceSelector?: string;
  readonly nets?: string[];
  readonly notNets?: string[];
}

/** "No peer": the rule matches any source (ingress) or destination (egress). */
export const ANY_PEER: PeerFields = {};

/**
 * Converts one peer. An `ipBlock` wins over selectors (upstream ignores the selectors then); otherwise
 * `podSelector` becomes `selector` (always ANDed with the orchestrator term, so an absent one means every pod) and
 * `namespaceSelector` becomes `namespaceSelector` (absent: the policy's own namespace; empty: `all()`).
 *
 * A CIDR Go cannot parse makes upstream log an error and return what it has so far: nothing for a bad `cidr`
 * (the rule then matches ANY peer), the earlier `except` entries for a bad `except`. Mirrored, and reported.
 */
export function convertPeer(peer: unknown, at: FieldLocation, problems: string[]): PeerFields {
  if (!isJsonObject(peer)) wrongType(at, 'an object', peer);
  const ipBlock = optionalObject(peer.ipBlock, childOf(at, 'ipBlock'));
  if (ipBlock !== undefined) {
    if (!isUnset(peer.podSelector) || !isUnset(peer.namespaceSelector)) {
      refuse(
        problems,
        at,
        'ipBlock is set together with a selector: Kubernetes rejects this; Calico uses only the ipBlock',
        'ipBlock is set together with podSelector or namespaceSelector (the API server refuses this)',
        'use either ipBlock or selectors in one peer; split it into two peers',
      );
    }
    return convertIpBlock(ipBlock, childOf(at, 'ipBlock'), problems);
  }
  if (isUnset(peer.podSelector) && isUnset(peer.namespaceSelector)) {
    refuse(
      problems,
      at,
      'empty peer: Kubernetes rejects this; Calico treats it as every pod in the policy namespace',
      'empty peer: must specify a peer (the API server refuses this)',
      'set podSelector, namespaceSelector or ipBlock (podSelector: {} for every pod of the namespace)',
    );
  }
  const selector = kubernetesLabelSelectorToCalico(peer.podSelector, {
    kind: 'pod',
    at: childOf(at, 'podSelector'),
    problems,
  });
  const namespaceSelector = kubernetesLabelSelectorToCalico(peer.namespaceSelector, {
    kind: 'namespace',
    at: childOf(at, 'namespaceSelector'),
    problems,
  });
  return namespaceSelector === '' ? { selector } : { selector, namespaceSelector };
}

function convertIpBlock(ipBlock: Record<string, unknown>, at: FieldLocation, problems: string[]): PeerFields {
  const cidr = stringOrEmpty(ipBlock.cidr, childOf(at, 'cidr'));
  const exceptAt = childOf(at, 'except');
  const except = optionalList(ipBlock.except, exceptAt).map((e, i) => stringOrEmpty(e, indexOf(exceptAt, i)));

  const net = normaliseGoCidr(cidr);
  if (net === undefined) {
    refuse(
      problems,
      childOf(at, 'cidr'),
      `${JSON.stringify(cidr)} is not a CIDR: Kubernetes rejects this; Calico's converter leaves the peer empty, so the rule matches ANY peer`,
      `${JSON.stringify(cidr)} is not a CIDR`,
      'write a CIDR such as 10.0.0.0/16',
    );
    return ANY_PEER;
  }
  const notNets: string[] = [];
  for (let i = 0; i < except.length; i++) {
    const excluded = normaliseGoCidr(except[i]);
    if (excluded === undefined) {
      refuse(
        problems,
        indexOf(exceptAt, i),
        `${JSON.stringify(except[i])} is not a CIDR: Kubernetes rejects this; Calico's converter stops at it and keeps only the earlier except entries`,
        `${JSON.stringify(except[i])} is not a CIDR`,
        'write a CIDR inside ipBlock.cidr, such as 10.0.5.0/24',
      );
      break;
    }
    notNets.push(excluded);
  }
  return notNets.length > 0 ? { nets: [net], notNets } : { nets: [net] };
}

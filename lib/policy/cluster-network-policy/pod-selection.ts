/**
 * The `namespaces` and `pods` selections a ClusterNetworkPolicy's subject and its rules' peers share
 * (kubernetes-sigs/network-policy-api: `ClusterNetworkPolicySubject` and `ClusterNetworkPolicyIngressPeer` /
 * `EgressPeer` hold the same `NamespacedPod` and namespaces selector), as JSON with a readable description.
 */
import { NAMESPACE_NAME_LABEL } from '../../model/primitives/calico-constants';
import { guardDnsLabel } from '../../model/primitives/kube-name-guards';
import { guardLabelSelector, LabelSelector } from './label-selector';

/** One selection: the field as written (`{ namespaces: ... }` or `{ pods: ... }`) and a description. */
export interface PodSelection {
  readonly json: Record<string, unknown>;
  readonly description: string;
}

/** Every pod of every namespace (`namespaces: {}`). */
export function allNamespacesSelection(): PodSelection {
  return { json: { namespaces: {} }, description: 'all namespaces' };
}

/** Every pod of the namespaces `selector` matches (guarded as `<where> selector`). */
export function namespacesSelection(selector: LabelSelector, where: string): PodSelection {
  const s = guardLabelSelector(selector, where, 'selector');
  return { json: { namespaces: s.toJson() }, description: `namespaces ${JSON.stringify(s.toJson())}` };
}

/** Every pod of the namespace with this name (by its `kubernetes.io/metadata.name` label). */
export function namespaceNamedSelection(name: string, where: string): PodSelection {
  guardDnsLabel(name, where, 'name', 'namespace name');
  return { json: { namespaces: { matchLabels: { [NAMESPACE_NAME_LABEL]: name } } }, description: `namespace ${name}` };
}

/** The pods `podSelector` matches in the namespaces `namespaceSelector` matches (every namespace when omitted). */
export function podsSelection(
  podSelector: LabelSelector,
  namespaceSelector: LabelSelector | undefined,
  where: string,
): PodSelection {
  const pods = guardLabelSelector(podSelector, where, 'podSelector');
  const ns =
    namespaceSelector === undefined
      ? LabelSelector.all()
      : guardLabelSelector(namespaceSelector, where, 'namespaceSelector');
  return {
    json: { pods: { namespaceSelector: ns.toJson(), podSelector: pods.toJson() } },
    description: `pods ${JSON.stringify(pods.toJson())} in namespaces ${JSON.stringify(ns.toJson())}`,
  };
}

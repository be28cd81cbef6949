import { guardLabels } from '../../model/primitives/kube-name-guards';
import { boundaryError, guardImplements, guardRest, rejectInput, withField } from '../../model/primitives/guard';
import { LabelSelector } from './label-selector';
import {
  allNamespacesSelection,
  namespaceNamedSelection,
  namespacesSelection,
  PodSelection,
  podsSelection,
} from './pod-selection';
import { guardNetworkCidr, MAX_NETWORKS } from './cluster-policy-networks';

/**
 * Something a ClusterNetworkPolicy rule can name as its other side: a {@link ClusterPolicyPeer}, or a construct that
 * stands for one or more peers (a `SecureNamespace` is a namespaces peer; a `SecuredNodePool` that knows its nodes'
 * addresses is a networks peer, egress only).
 */
export interface IClusterPolicyPeer {
  /** The peers (entries of the rule's `from` / `to`) this stands for: OR-ed, as the rule ORs its peers. */
  toClusterPolicyPeers(): ClusterPolicyPeer[];
}

/** Which field of a peer is set. */
export enum ClusterPolicyPeerKind {
  /** `namespaces`: every pod of the matching namespaces. */
  NAMESPACES = 'namespaces',
  /** `pods`: the matching pods of the matching namespaces. */
  PODS = 'pods',
  /** `networks`: addresses in CIDRs (egress only). */
  NETWORKS = 'networks',
}

/**
 * One peer of a ClusterNetworkPolicy rule (an entry of `ingress[].from` or `egress[].to`: exactly one of
 * `namespaces`, `pods` or, for egress only, `networks`), as plain data. `namespaces` and `pods` peers never match
 * host-network pods or nodes; name those with {@link ClusterPolicyPeer.networks}.
 */
export class ClusterPolicyPeer implements IClusterPolicyPeer {
  /** Every pod of every namespace (`namespaces: {}`). */
  public static allNamespaces(): ClusterPolicyPeer {
    return ClusterPolicyPeer.of(ClusterPolicyPeerKind.NAMESPACES, allNamespacesSelection());
  }

  /** Every pod of the namespaces carrying these labels. */
  public static namespaces(labels: { [key: string]: string }): ClusterPolicyPeer {
    guardLabels(labels, 'ClusterPolicyPeer.namespaces', 'labels');
    return ClusterPolicyPeer.namespacesMatching(LabelSelector.matchLabels(labels));
  }

  /** Every pod of the namespaces the selector matches. */
  public static namespacesMatching(selector: LabelSelector): ClusterPolicyPeer {
    const where = 'ClusterPolicyPeer.namespacesMatching';
    return ClusterPolicyPeer.of(ClusterPolicyPeerKind.NAMESPACES, namespacesSelection(selector, where));
  }

  /** Every pod of the namespace with this name (by its `kubernetes.io/metadata.name` label). */
  public static namespaceNamed(name: string): ClusterPolicyPeer {
    const where = 'ClusterPolicyPeer.namespaceNamed';
    return ClusterPolicyPeer.of(ClusterPolicyPeerKind.NAMESPACES, namespaceNamedSelection(name, where));
  }

  /**
   * The pods carrying `podLabels` in the namespaces carrying `namespaceLabels` (both must match).
   * @param podLabels pod labels; `{}` selects every pod
   * @param namespaceLabels namespace labels; omitted or `{}` means every namespace
   */
  public static pods(
    podLabels: { [key: string]: string },
    namespaceLabels?: { [key: string]: string },
  ): ClusterPolicyPeer {
    const where = 'ClusterPolicyPeer.pods';
    guardLabels(podLabels, where, 'podLabels');
    if (namespaceLabels !== undefined) guardLabels(namespaceLabels, where, 'namespaceLabels');
    return ClusterPolicyPeer.podsMatching(
      LabelSelector.matchLabels(podLabels),
      LabelSelector.matchLabels(namespaceLabels ?? {}),
    );
  }

  /**
   * The pods `podSelector` matches in the namespaces `namespaceSelector` matches.
   * @param podSelector the pods; `LabelSelector.all()` selects every pod
   * @param namespaceSelector the namespaces; omitted means every namespace
   */
  public static podsMatching(podSelector: LabelSelector, namespaceSelector?: LabelSelector): ClusterPolicyPeer {
    const where = 'ClusterPolicyPeer.podsMatching';
    return ClusterPolicyPeer.of(ClusterPolicyPeerKind.PODS, podsSelection(podSelector, namespaceSelector, where));
  }

  /**
   * Addresses in any of these CIDRs (1-25, no repeats; IPv4 or IPv6, no host bits). Egress only: v1alpha2 has no
   * ingress `networks` peer. The CIDRs match in-cluster traffic too: an Accept or Deny to `0.0.0.0/0` also accepts
   * or denies IPv4 pod-to-pod traffic, so Pass pod traffic in an earlier rule when that is not meant.
   */
  public static networks(...cidrs: string[]): ClusterPolicyPeer {
    const where = 'ClusterPolicyPeer.networks';
    const list = guardRest(cidrs, where, 'cidrs', (c, f) => guardNetworkCidr(c, where, f), {
      of: 'CIDRs',
      minLength: 1,
      fix: 'pass at least one CIDR, e.g. ClusterPolicyPeer.networks("10.0.0.0/8")',
    });
    if (list.length > MAX_NETWORKS) {
      throw boundaryError(
        where,
        'cidrs',
        `expected at most ${MAX_NETWORKS} CIDRs (the CRD's maxItems), got ${list.length}; ` +
          'fix: split them over several networks peers of the rule, or summarise them into wider CIDRs',
      );
    }
    list.forEach((c, i) => {
      const first = list.indexOf(c);
      if (first !== i) {
        throw boundaryError(
          where,
          `cidrs[${i}]`,
          `expected distinct CIDRs (the CRD's list type is a set), got "${c}" again (first at cidrs[${first}]); ` +
            'fix: remove the repeat',
        );
      }
    });
    return new ClusterPolicyPeer(ClusterPolicyPeerKind.NETWORKS, { networks: list }, `networks ${list.join(',')}`);
  }

  private static of(kind: ClusterPolicyPeerKind, s: PodSelection): ClusterPolicyPeer {
    return new ClusterPolicyPeer(kind, s.json, s.description);
  }

  private constructor(
    /** Which field is set; `networks` peers are egress only. */
    public readonly kind: ClusterPolicyPeerKind,
    private readonly json: Record<string, unknown>,
    /** A readable description (`namespace shop`, `networks 10.0.0.0/8`). */
    public readonly description: string,
  ) {}

  /** Itself, as the one peer it stands for. */
  public toClusterPolicyPeers(): ClusterPolicyPeer[] {
    return [this];
  }

  /** The peer as it appears in the rule's `from` / `to`. */
  public toJson(): Record<string, unknown> {
    return JSON.parse(JSON.stringify(this.json));
  }
}

const PEER_EXPECTED =
  'a ClusterPolicyPeer (ClusterPolicyPeer.namespaces({...}), .pods({...}), .networks(...)), a SecureNamespace or a ' +
  'SecuredNodePool';

/**
 * A peer argument: anything with `toClusterPolicyPeers()`, resolved to its peers (errors of a construct peer, such as
 * a node pool without addresses, re-homed under `where` and `field`). @internal
 */
export function resolveClusterPolicyPeers(v: unknown, where: string, field: string): ClusterPolicyPeer[] {
  if (v instanceof ClusterPolicyPeer) return [v];
  const peer = guardImplements<IClusterPolicyPeer>(v, ['toClusterPolicyPeers'], where, field, PEER_EXPECTED);
  const resolved = withField(where, field, () => peer.toClusterPolicyPeers());
  if (!Array.isArray(resolved) || resolved.length === 0 || !resolved.every((p) => p instanceof ClusterPolicyPeer)) {
    rejectInput(where, field, PEER_EXPECTED, v, 'return one or more ClusterPolicyPeers from toClusterPolicyPeers()');
  }
  return resolved;
}

/**
 * Plain addresses as `networks` peers of host prefixes (`/32`, `/128`), 25 per peer (the CRD's maxItems), repeats
 * dropped: for constructs that stand for machines, such as a node pool. `where`/`field` name the construct on error.
 * @internal
 */
export function addressNetworkPeers(addresses: readonly string[], where: string, field: string): ClusterPolicyPeer[] {
  const cidrs = [...new Set(addresses.map((ip) => (ip.includes(':') ? `${ip}/128` : `${ip}/32`)))];
  const peers: ClusterPolicyPeer[] = [];
  for (let i = 0; i < cidrs.length; i += MAX_NETWORKS) {
    peers.push(withField(where, field, () => ClusterPolicyPeer.networks(...cidrs.slice(i, i + MAX_NETWORKS))));
  }
  return peers;
}

import { Construct } from 'constructs';
import { boundaryError, guardArray, guardScope, guardString } from '../../model/primitives/guard';
import { guardDnsLabel, guardLabels } from '../../model/primitives/kube-name-guards';
import { cidrContains, formatCidr, parseCidr, parseCidrOrIp, ParsedCidr } from '../../model/primitives/cidr';
import { NAMESPACE_NAME_LABEL } from '../../model/primitives/calico-constants';
import { loadLegacyKplus27 } from './legacy-kplus27';

export { NAMESPACE_NAME_LABEL };

/**
 * A peer of a Kubernetes NetworkPolicy rule (one entry of `from` / `to`), as plain data: unlike cdk8s-plus peers it
 * needs no scope or id. Build one with the static factories; Calico rules take {@link Peer} instead.
 *
 * `toKplus` (cdk8s-plus-27 peers) is deprecated: a kplus peer belongs to one cdk8s-plus line, and its label
 * selectors are classes with private members, so one line's peer does not type-check against another line's
 * NetworkPolicy. With your own line, build it from {@link toJson}: `Pods.select(scope, id, { labels })`,
 * `Namespaces.select(scope, id, { labels })` or `NetworkPolicyIpBlock.ipv4(scope, id, cidr, except)`.
 */
export class KubePeer {
  /**
   * Anyone: a rule without `from` (ingress) or `to` (egress), which Kubernetes reads as every source or destination
   * (k8s.io/api networking/v1 `NetworkPolicyIngressRule.From`: "If this field is empty or missing, this rule matches
   * all sources"). In a rule with other peers it makes the rule admit anyone.
   */
  public static any(): KubePeer {
    return new KubePeer({}, true);
  }

  /** Pods with these labels in the policy's own namespace (`podSelector`). An empty map selects every pod there. */
  public static pods(labels: Record<string, string>): KubePeer {
    guardLabels(labels, 'KubePeer.pods', 'labels');
    return new KubePeer({ podSelector: { matchLabels: { ...labels } } });
  }

  /** Every pod of the namespaces carrying these labels (`namespaceSelector`). An empty map selects every namespace. */
  public static namespaces(labels: Record<string, string>): KubePeer {
    guardLabels(labels, 'KubePeer.namespaces', 'labels');
    return new KubePeer({ namespaceSelector: { matchLabels: { ...labels } } });
  }

  /** Every pod of the namespace with this name (`namespaceSelector` on `kubernetes.io/metadata.name`). */
  public static namespaceNamed(name: string): KubePeer {
    guardDnsLabel(name, 'KubePeer.namespaceNamed', 'name', 'namespace name');
    return KubePeer.namespaces({ [NAMESPACE_NAME_LABEL]: name });
  }

  /** Pods with `podLabels` in the namespaces with `namespaceLabels` (both selectors in one peer: an AND). */
  public static podsInNamespaces(podLabels: Record<string, string>, namespaceLabels: Record<string, string>): KubePeer {
    guardLabels(podLabels, 'KubePeer.podsInNamespaces', 'podLabels');
    guardLabels(namespaceLabels, 'KubePeer.podsInNamespaces', 'namespaceLabels');
    return new KubePeer({
      podSelector: { matchLabels: { ...podLabels } },
      namespaceSelector: { matchLabels: { ...namespaceLabels } },
    });
  }

  /**
   * Addresses in `cidr` except those in `except` (`ipBlock`). Every `except` entry must lie inside `cidr`, as
   * Kubernetes requires. Throws at once on a malformed CIDR, with the fix.
   */
  public static ipBlock(cidr: string, except: string[] = []): KubePeer {
    const where = 'KubePeer.ipBlock';
    const outer = ipBlockCidr(cidr, where, 'cidr');
    const inner = guardArray(except, where, 'except', (e, f) => ipBlockCidr(e, where, f), { of: 'CIDRs' });
    inner.forEach((c, i) => {
      // Upstream: pkg/apis/networking/validation.ValidateIPBlock: each except "must be a strict subset of `cidr`".
      if (!cidrContains(outer, c) || c.prefix === outer.prefix) {
        const detail = `"${except[i]}" is not a strict subset of "${cidr}" (Kubernetes rejects it)`;
        throw boundaryError(where, `except[${i}]`, `${detail}; fix: remove it or widen the cidr`);
      }
    });
    return new KubePeer({ ipBlock: except.length > 0 ? { cidr, except: [...except] } : { cidr } });
  }

  private constructor(
    private readonly json: PeerJson,
    /** Whether this is {@link KubePeer.any}: the rule gets no `from` / `to`. */
    public readonly isAny: boolean = false,
  ) {}

  /** The peer as it appears in the manifest (`{}` for {@link KubePeer.any}, which the rule renders as no peer). */
  public toJson(): Record<string, unknown> {
    return JSON.parse(JSON.stringify(this.json));
  }

  /**
   * The peer as a cdk8s-plus-27 `INetworkPolicyPeer` (`Pods.select`, `Namespaces.select` or `NetworkPolicyIpBlock`).
   *
   * @deprecated cdk8s-plus-27 is an optional peer now and one line's peers do not fit another line's policies: build
   *   the peer with your own cdk8s-plus line from {@link toJson}. This loads cdk8s-plus-27 when called and fails with
   *   that fix if it is not installed.
   */
  public toKplus(scope: Construct, id: string): any {
    guardScope(scope, id, 'NetworkPeer.toKplus');
    if (this.isAny) {
      throw boundaryError(
        'NetworkPeer.toKplus',
        'this',
        'KubePeer.any() is no peer but the absence of one; ' +
          'fix: leave the peer out of the cdk8s-plus rule (kplus: NetworkPolicy.addIngressRule without a peer)',
      );
    }
    const kplus = loadLegacyKplus27('NetworkPeer.toKplus');
    const { podSelector, namespaceSelector, ipBlock } = this.json;
    if (ipBlock) {
      const family = parseCidr(ipBlock.cidr)!.family;
      const block = family === 4 ? kplus.NetworkPolicyIpBlock.ipv4 : kplus.NetworkPolicyIpBlock.ipv6;
      return block(scope, id, ipBlock.cidr, ipBlock.except);
    }
    const namespaces = namespaceSelector
      ? kplus.Namespaces.select(scope, `${id}Namespaces`, { labels: { ...namespaceSelector.matchLabels } })
      : undefined;
    if (!podSelector) return namespaces;
    return kplus.Pods.select(scope, id, { labels: { ...podSelector.matchLabels }, namespaces });
  }

  /**
   * The peer as a rule of a {@link KubeNetworkPolicy} renders it, as the cdk8s-plus policies it was built on did (so
   * manifests stay byte-identical): an empty selector is `{}` rather than `{ matchLabels: {} }`, and a namespace-only
   * peer carries an explicit `podSelector: {}` (every pod of those namespaces: the same traffic). @internal
   */
  public _toRulePeer(): Record<string, unknown> {
    const { podSelector, namespaceSelector, ipBlock } = this.json;
    if (ipBlock) return { ipBlock: { ...ipBlock } };
    const selector = (s?: { readonly matchLabels: Record<string, string> }) =>
      s && Object.keys(s.matchLabels).length > 0 ? { matchLabels: { ...s.matchLabels } } : {};
    const pods = selector(podSelector);
    if (!namespaceSelector) return { podSelector: pods };
    return { namespaceSelector: selector(namespaceSelector), podSelector: pods };
  }
}

interface PeerJson {
  readonly podSelector?: { readonly matchLabels: Record<string, string> };
  readonly namespaceSelector?: { readonly matchLabels: Record<string, string> };
  readonly ipBlock?: { readonly cidr: string; readonly except?: string[] };
}

/** A strictly masked CIDR for an ipBlock field (a bare IP gets the /32 or /128 hint). */
function ipBlockCidr(v: unknown, where: string, field: string): ParsedCidr {
  const text = guardString(v, where, field, { expected: 'a CIDR such as 10.0.0.0/8' });
  const c = parseCidr(text);
  if (!c) {
    const ip = parseCidrOrIp(text);
    const hint = ip
      ? `did you mean "${text}/${ip.family === 4 ? 32 : 128}"?`
      : 'write a CIDR such as 10.0.0.0/8 or 2001:db8::/32';
    throw boundaryError(where, field, `"${text}" is not a CIDR; fix: ${hint}`);
  }
  if (c.ip !== c.network) throw boundaryError(where, field, `"${text}" has host bits set; fix: use "${formatCidr(c)}"`);
  return c;
}

import { Construct } from 'constructs';
import { boundaryError, guardArray, guardEnum, guardInteger, guardScope, guardString } from '../core/guard';
import { guardDnsLabel, guardLabels } from '../core/kube-name-guards';
import { formatCidr, maskOf, parseCidr, parseCidrOrIp, ParsedCidr } from '../validation/rules/cidr';
import { loadLegacyKplus27 } from './legacy-kplus27';

/** The label Kubernetes puts on every namespace with the namespace's own name. */
export const NAMESPACE_NAME_LABEL = 'kubernetes.io/metadata.name';

/**
 * A peer of a Kubernetes NetworkPolicy rule (one entry of `from` / `to`), as plain data: unlike cdk8s-plus peers it
 * needs no scope or id. Build one with the static factories.
 *
 * `toKplus` (cdk8s-plus-27 peers) is deprecated: a kplus peer belongs to one cdk8s-plus line, and its label
 * selectors are classes with private members, so one line's peer does not type-check against another line's
 * NetworkPolicy. With your own line, build it from {@link toJson}: `Pods.select(scope, id, { labels })`,
 * `Namespaces.select(scope, id, { labels })` or `NetworkPolicyIpBlock.ipv4(scope, id, cidr, except)`.
 */
export class NetworkPeer {
  /** Pods with these labels in the policy's own namespace (`podSelector`). An empty map selects every pod there. */
  public static pods(labels: Record<string, string>): NetworkPeer {
    guardLabels(labels, 'NetworkPeer.pods', 'labels');
    return new NetworkPeer({ podSelector: { matchLabels: { ...labels } } });
  }

  /** Every pod of the namespaces carrying these labels (`namespaceSelector`). An empty map selects every namespace. */
  public static namespaces(labels: Record<string, string>): NetworkPeer {
    guardLabels(labels, 'NetworkPeer.namespaces', 'labels');
    return new NetworkPeer({ namespaceSelector: { matchLabels: { ...labels } } });
  }

  /** Every pod of the namespace with this name (`namespaceSelector` on `kubernetes.io/metadata.name`). */
  public static namespaceNamed(name: string): NetworkPeer {
    guardDnsLabel(name, 'NetworkPeer.namespaceNamed', 'name', 'namespace name');
    return NetworkPeer.namespaces({ [NAMESPACE_NAME_LABEL]: name });
  }

  /** Pods with `podLabels` in the namespaces with `namespaceLabels` (both selectors in one peer: an AND). */
  public static podsInNamespaces(podLabels: Record<string, string>, namespaceLabels: Record<string, string>): NetworkPeer {
    guardLabels(podLabels, 'NetworkPeer.podsInNamespaces', 'podLabels');
    guardLabels(namespaceLabels, 'NetworkPeer.podsInNamespaces', 'namespaceLabels');
    return new NetworkPeer({
      podSelector: { matchLabels: { ...podLabels } },
      namespaceSelector: { matchLabels: { ...namespaceLabels } },
    });
  }

  /**
   * Addresses in `cidr` except those in `except` (`ipBlock`). Every `except` entry must lie inside `cidr`, as
   * Kubernetes requires. Throws at once on a malformed CIDR, with the fix.
   */
  public static ipBlock(cidr: string, except: string[] = []): NetworkPeer {
    const where = 'NetworkPeer.ipBlock';
    const outer = ipBlockCidr(cidr, where, 'cidr');
    const inner = guardArray(except, where, 'except', (e, f) => ipBlockCidr(e, where, f), { of: 'CIDRs' });
    inner.forEach((c, i) => {
      // Upstream: pkg/apis/networking/validation.ValidateIPBlock: each except "must be a strict subset of `cidr`".
      if (!cidrContains(outer, c) || c.prefix === outer.prefix) {
        throw boundaryError(where, `except[${i}]`, `"${except[i]}" is not a strict subset of "${cidr}" (Kubernetes rejects it); fix: remove it or widen the cidr`);
      }
    });
    return new NetworkPeer({ ipBlock: except.length > 0 ? { cidr, except: [...except] } : { cidr } });
  }

  private constructor(private readonly json: PeerJson) {}

  /** The peer as it appears in the manifest. */
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
    const kplus = loadLegacyKplus27('NetworkPeer.toKplus');
    const { podSelector, namespaceSelector, ipBlock } = this.json;
    if (ipBlock) {
      const block = parseCidr(ipBlock.cidr)!.family === 4 ? kplus.NetworkPolicyIpBlock.ipv4 : kplus.NetworkPolicyIpBlock.ipv6;
      return block(scope, id, ipBlock.cidr, ipBlock.except);
    }
    const namespaces = namespaceSelector
      ? kplus.Namespaces.select(scope, `${id}Namespaces`, { labels: { ...namespaceSelector.matchLabels } }) : undefined;
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
      (s && Object.keys(s.matchLabels).length > 0 ? { matchLabels: { ...s.matchLabels } } : {});
    const pods = selector(podSelector);
    return namespaceSelector ? { namespaceSelector: selector(namespaceSelector), podSelector: pods } : { podSelector: pods };
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
    throw boundaryError(where, field, `"${text}" is not a CIDR; fix: ${ip ? `did you mean "${text}/${ip.family === 4 ? 32 : 128}"?` : 'write a CIDR such as 10.0.0.0/8 or 2001:db8::/32'}`);
  }
  if (c.ip !== c.network) throw boundaryError(where, field, `"${text}" has host bits set; fix: use "${formatCidr(c)}"`);
  return c;
}

function cidrContains(outer: ParsedCidr, inner: ParsedCidr): boolean {
  if (outer.family !== inner.family || inner.prefix < outer.prefix) return false;
  return (inner.network & maskOf(outer.family, outer.prefix)) === outer.network;
}

/** Protocol of a Kubernetes NetworkPolicy port. */
export enum NetworkProtocol {
  TCP = 'TCP',
  UDP = 'UDP',
  SCTP = 'SCTP',
}

/**
 * A port (or port range) of a Kubernetes NetworkPolicy rule, always with an explicit protocol. `toKplus` (a
 * cdk8s-plus-27 `NetworkPolicyPort`, a class of one line that other lines' policies refuse) is deprecated:
 * use `NetworkPolicyPort.of({ port, endPort, protocol })` of your cdk8s-plus line with the values of {@link toJson}.
 */
export class NetworkPort {
  /** One TCP port. */
  public static tcp(port: number): NetworkPort { return new NetworkPort(NetworkProtocol.TCP, guardPort(port, 'NetworkPort.tcp', 'port')); }
  /** One UDP port. */
  public static udp(port: number): NetworkPort { return new NetworkPort(NetworkProtocol.UDP, guardPort(port, 'NetworkPort.udp', 'port')); }
  /** One SCTP port. */
  public static sctp(port: number): NetworkPort { return new NetworkPort(NetworkProtocol.SCTP, guardPort(port, 'NetworkPort.sctp', 'port')); }
  /** TCP ports `from` to `to` inclusive (`port` + `endPort`). */
  public static tcpRange(from: number, to: number): NetworkPort { return NetworkPort.range(NetworkProtocol.TCP, from, to, 'NetworkPort.tcpRange'); }
  /** UDP ports `from` to `to` inclusive (`port` + `endPort`). */
  public static udpRange(from: number, to: number): NetworkPort { return NetworkPort.range(NetworkProtocol.UDP, from, to, 'NetworkPort.udpRange'); }
  /** Every port of one protocol. */
  public static all(protocol: NetworkProtocol): NetworkPort {
    return new NetworkPort(guardEnum(protocol, NetworkProtocol, 'NetworkPort.all', 'protocol', { enumName: 'NetworkProtocol' }));
  }

  /** Upstream: pkg/apis/networking/validation.ValidateNetworkPolicyPort: endPort >= port, both 1-65535. */
  private static range(protocol: NetworkProtocol, from: number, to: number, where: string): NetworkPort {
    guardPort(from, where, 'from');
    guardPort(to, where, 'to');
    if (to < from) throw boundaryError(where, 'to', `range ${from}-${to} ends before it starts; fix: swap the bounds`);
    return new NetworkPort(protocol, from, to);
  }

  private constructor(
    public readonly protocol: NetworkProtocol,
    public readonly port?: number,
    public readonly endPort?: number,
  ) {}

  /** The port as it appears in the manifest. */
  public toJson(): Record<string, unknown> {
    const out: Record<string, unknown> = { protocol: this.protocol };
    if (this.port !== undefined) out.port = this.port;
    if (this.endPort !== undefined && this.endPort !== this.port) out.endPort = this.endPort;
    return out;
  }

  /**
   * The port as a cdk8s-plus-27 `NetworkPolicyPort`.
   *
   * @deprecated cdk8s-plus-27 is an optional peer now and one line's ports do not fit another line's policies: use
   *   `NetworkPolicyPort.of({ port, endPort, protocol })` of your own cdk8s-plus line with the values of
   *   {@link toJson}. This loads cdk8s-plus-27 when called and fails with that fix if it is not installed.
   */
  public toKplus(): any {
    const kplus = loadLegacyKplus27('NetworkPort.toKplus');
    const endPort = this.endPort !== undefined && this.endPort !== this.port ? this.endPort : undefined;
    return kplus.NetworkPolicyPort.of({ protocol: this.protocol, port: this.port, endPort });
  }
}

/** A port number 1-65535. */
function guardPort(v: unknown, where: string, field: string): number {
  return guardInteger(v, where, field, { min: 1, max: 65535, fix: 'use an integer from 1 to 65535' });
}

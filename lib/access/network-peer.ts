import * as kplus from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import { assertRuleNets } from '../policy/nets';
import { maskOf, parseCidr, ParsedCidr } from '../validation/rules/cidr';

/** The label Kubernetes puts on every namespace with the namespace's own name. */
export const NAMESPACE_NAME_LABEL = 'kubernetes.io/metadata.name';

/**
 * A peer of a Kubernetes NetworkPolicy rule (one entry of `from` / `to`), as plain data: unlike cdk8s-plus peers it
 * needs no scope or id. Build one with the static factories.
 */
export class NetworkPeer {
  /** Pods with these labels in the policy's own namespace (`podSelector`). An empty map selects every pod there. */
  public static pods(labels: Record<string, string>): NetworkPeer {
    return new NetworkPeer({ podSelector: { matchLabels: { ...labels } } });
  }

  /** Every pod of the namespaces carrying these labels (`namespaceSelector`). An empty map selects every namespace. */
  public static namespaces(labels: Record<string, string>): NetworkPeer {
    return new NetworkPeer({ namespaceSelector: { matchLabels: { ...labels } } });
  }

  /** Every pod of the namespace with this name (`namespaceSelector` on `kubernetes.io/metadata.name`). */
  public static namespaceNamed(name: string): NetworkPeer {
    return NetworkPeer.namespaces({ [NAMESPACE_NAME_LABEL]: name });
  }

  /** Pods with `podLabels` in the namespaces with `namespaceLabels` (both selectors in one peer: an AND). */
  public static podsInNamespaces(podLabels: Record<string, string>, namespaceLabels: Record<string, string>): NetworkPeer {
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
    assertRuleNets([cidr], 'NetworkPeer.ipBlock');
    if (except.length > 0) {
      assertRuleNets([cidr, ...except], 'NetworkPeer.ipBlock except');
      const outer = parseCidr(cidr)!;
      for (const e of except) {
        const inner = parseCidr(e)!;
        if (!cidrContains(outer, inner)) {
          throw new Error(`NetworkPeer.ipBlock: except "${e}" is not inside "${cidr}" (Kubernetes rejects it); fix: remove it or widen the cidr`);
        }
      }
    }
    return new NetworkPeer({ ipBlock: except.length > 0 ? { cidr, except: [...except] } : { cidr } });
  }

  private constructor(private readonly json: PeerJson) {}

  /** The peer as it appears in the manifest. */
  public toJson(): Record<string, unknown> {
    return JSON.parse(JSON.stringify(this.json));
  }

  /** The same peer as a cdk8s-plus-27 peer, created under `scope` (kplus peers are constructs). */
  public toKplus(scope: Construct, id: string): kplus.INetworkPolicyPeer {
    const { podSelector, namespaceSelector, ipBlock } = this.json;
    if (ipBlock) {
      const family = parseCidr(ipBlock.cidr)!.family;
      return family === 4
        ? kplus.NetworkPolicyIpBlock.ipv4(scope, id, ipBlock.cidr, ipBlock.except)
        : kplus.NetworkPolicyIpBlock.ipv6(scope, id, ipBlock.cidr, ipBlock.except);
    }
    const namespaces = namespaceSelector ? kplus.Namespaces.select(scope, `${id}Namespaces`, { labels: { ...namespaceSelector.matchLabels } }) : undefined;
    if (!podSelector) return namespaces!;
    return kplus.Pods.select(scope, id, { labels: { ...podSelector.matchLabels }, namespaces });
  }
}

interface PeerJson {
  readonly podSelector?: { readonly matchLabels: Record<string, string> };
  readonly namespaceSelector?: { readonly matchLabels: Record<string, string> };
  readonly ipBlock?: { readonly cidr: string; readonly except?: string[] };
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

/** A port (or port range) of a Kubernetes NetworkPolicy rule, always with an explicit protocol. */
export class NetworkPort {
  /** One TCP port. */
  public static tcp(port: number): NetworkPort { return new NetworkPort(NetworkProtocol.TCP, port); }
  /** One UDP port. */
  public static udp(port: number): NetworkPort { return new NetworkPort(NetworkProtocol.UDP, port); }
  /** One SCTP port. */
  public static sctp(port: number): NetworkPort { return new NetworkPort(NetworkProtocol.SCTP, port); }
  /** TCP ports `from` to `to` inclusive (`port` + `endPort`). */
  public static tcpRange(from: number, to: number): NetworkPort { return new NetworkPort(NetworkProtocol.TCP, from, to); }
  /** UDP ports `from` to `to` inclusive (`port` + `endPort`). */
  public static udpRange(from: number, to: number): NetworkPort { return new NetworkPort(NetworkProtocol.UDP, from, to); }
  /** Every port of one protocol. */
  public static all(protocol: NetworkProtocol): NetworkPort { return new NetworkPort(protocol); }

  private constructor(
    public readonly protocol: NetworkProtocol,
    public readonly port?: number,
    public readonly endPort?: number,
  ) {
    for (const p of [port, endPort]) {
      if (p !== undefined && (!Number.isInteger(p) || p < 1 || p > 65535)) {
        throw new Error(`NetworkPort: ${p} is not a port; fix: use an integer from 1 to 65535`);
      }
    }
    if (port !== undefined && endPort !== undefined && endPort < port) {
      throw new Error(`NetworkPort: range ${port}-${endPort} ends before it starts; fix: swap the bounds`);
    }
  }

  /** The port as it appears in the manifest. */
  public toJson(): Record<string, unknown> {
    const out: Record<string, unknown> = { protocol: this.protocol };
    if (this.port !== undefined) out.port = this.port;
    if (this.endPort !== undefined && this.endPort !== this.port) out.endPort = this.endPort;
    return out;
  }

  /** The same port as a cdk8s-plus-27 port. */
  public toKplus(): kplus.NetworkPolicyPort {
    const endPort = this.endPort !== undefined && this.endPort !== this.port ? this.endPort : undefined;
    return kplus.NetworkPolicyPort.of({ protocol: this.protocol as unknown as kplus.NetworkProtocol, port: this.port, endPort });
  }
}

import { boundaryError, guardEnum, guardInteger } from '../../model/primitives/guard';
import { KubeProtocol } from './kube-protocol';
import { loadLegacyKplus27 } from './legacy-kplus27';
import { PORT_RANGE } from '../../model/primitives/ports';

/**
 * A port (or port range) of a Kubernetes NetworkPolicy rule, always with an explicit protocol (Calico rules take
 * {@link Port}). `toKplus` (a cdk8s-plus-27 `NetworkPolicyPort`, a class of one line that other lines' policies
 * refuse) is deprecated: use `NetworkPolicyPort.of({ port, endPort, protocol })` of your cdk8s-plus line with the
 * values of {@link toJson}.
 */
export class KubePort {
  /** One TCP port. */
  public static tcp(port: number): KubePort {
    return new KubePort(KubeProtocol.TCP, guardPortNumber(port, 'KubePort.tcp', 'port'));
  }
  /** One UDP port. */
  public static udp(port: number): KubePort {
    return new KubePort(KubeProtocol.UDP, guardPortNumber(port, 'KubePort.udp', 'port'));
  }
  /** One SCTP port. */
  public static sctp(port: number): KubePort {
    return new KubePort(KubeProtocol.SCTP, guardPortNumber(port, 'KubePort.sctp', 'port'));
  }
  /** TCP ports `from` to `to` inclusive (`port` + `endPort`). */
  public static tcpRange(from: number, to: number): KubePort {
    return KubePort.range(KubeProtocol.TCP, from, to, 'KubePort.tcpRange');
  }
  /** UDP ports `from` to `to` inclusive (`port` + `endPort`). */
  public static udpRange(from: number, to: number): KubePort {
    return KubePort.range(KubeProtocol.UDP, from, to, 'KubePort.udpRange');
  }
  /** Every port of one protocol. */
  public static all(protocol: KubeProtocol): KubePort {
    return new KubePort(guardEnum(protocol, KubeProtocol, 'KubePort.all', 'protocol', { enumName: 'KubeProtocol' }));
  }

  /** Upstream: pkg/apis/networking/validation.ValidateNetworkPolicyPort: endPort >= port, both 1-65535. */
  private static range(protocol: KubeProtocol, from: number, to: number, where: string): KubePort {
    guardPortNumber(from, where, 'from');
    guardPortNumber(to, where, 'to');
    if (to < from) throw boundaryError(where, 'to', `range ${from}-${to} ends before it starts; fix: swap the bounds`);
    return new KubePort(protocol, from, to);
  }

  private constructor(
    /** The protocol. */
    public readonly protocol: KubeProtocol,
    /**
     * The first (or only) port.
     * @default - every port of the protocol
     */
    public readonly port?: number,
    /**
     * The last port of a range.
     * @default - a single port
     */
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

/** A port number 1-65535 (upstream `IsValidPortNum`). */
function guardPortNumber(v: unknown, where: string, field: string): number {
  return guardInteger(v, where, field, { ...PORT_RANGE, fix: 'use an integer from 1 to 65535' });
}

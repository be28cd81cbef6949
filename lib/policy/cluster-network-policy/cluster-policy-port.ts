import { boundaryError, guardInteger, guardString } from '../../model/primitives/guard';
import { PORT_RANGE } from '../../model/primitives/ports';

/**
 * The container-port names Calico converts (`NamedPort` in projectcalico/calico `api/pkg/lib/numorstring/port.go`).
 * The CRD takes any string, but Calico cannot convert a rule with another name and fails it closed (an Accept rule
 * matches nothing, a Deny or Pass rule denies everything).
 */
const CALICO_NAMED_PORT = /^[a-zA-Z0-9_.-]{1,128}$/;

/**
 * One entry of a ClusterNetworkPolicy rule's `protocols`: a TCP, UDP or SCTP destination port or inclusive range, or
 * a container port by name (`destinationNamedPort`, resolved on the destination pod with the protocol of its own
 * container port). Build one with the static factories; a rule without ports matches every protocol and port.
 */
export class ClusterPolicyPort {
  /** One TCP destination port. */
  public static tcp(port: number): ClusterPolicyPort {
    return ClusterPolicyPort.single('tcp', port, 'ClusterPolicyPort.tcp');
  }
  /** One UDP destination port. */
  public static udp(port: number): ClusterPolicyPort {
    return ClusterPolicyPort.single('udp', port, 'ClusterPolicyPort.udp');
  }
  /** One SCTP destination port. */
  public static sctp(port: number): ClusterPolicyPort {
    return ClusterPolicyPort.single('sctp', port, 'ClusterPolicyPort.sctp');
  }
  /** TCP destination ports `start` to `end` inclusive; `start` must be below `end` (every TCP port: 1, 65535). */
  public static tcpRange(start: number, end: number): ClusterPolicyPort {
    return ClusterPolicyPort.range('tcp', start, end, 'ClusterPolicyPort.tcpRange');
  }
  /** UDP destination ports `start` to `end` inclusive; `start` must be below `end`. */
  public static udpRange(start: number, end: number): ClusterPolicyPort {
    return ClusterPolicyPort.range('udp', start, end, 'ClusterPolicyPort.udpRange');
  }
  /** SCTP destination ports `start` to `end` inclusive; `start` must be below `end`. */
  public static sctpRange(start: number, end: number): ClusterPolicyPort {
    return ClusterPolicyPort.range('sctp', start, end, 'ClusterPolicyPort.sctpRange');
  }
  /**
   * The destination pod's container port with this name (`destinationNamedPort`), whatever its protocol. Names
   * outside Calico's `^[a-zA-Z0-9_.-]{1,128}$` are refused: Calico would fail the rule closed.
   */
  public static named(name: string): ClusterPolicyPort {
    const where = 'ClusterPolicyPort.named';
    const text = guardString(name, where, 'name', { expected: 'a container port name such as "http"' });
    if (!CALICO_NAMED_PORT.test(text)) {
      throw boundaryError(
        where,
        'name',
        `expected a port name of 1-128 letters, digits, '_', '.' or '-', got ${JSON.stringify(text)} (Calico fails ` +
          'such a rule closed: numorstring.NamedPort); fix: use the container port\'s name, e.g. "http"',
      );
    }
    return new ClusterPolicyPort({ destinationNamedPort: text }, `named ${text}`);
  }

  private static single(protocol: string, port: number, where: string): ClusterPolicyPort {
    const n = guardPort(port, where, 'port');
    return new ClusterPolicyPort({ [protocol]: { destinationPort: { number: n } } }, `${protocol} ${n}`);
  }

  /** Upstream CEL on `destinationPort.range`: `self.start < self.end`; both 1-65535. */
  private static range(protocol: string, start: number, end: number, where: string): ClusterPolicyPort {
    guardPort(start, where, 'start');
    guardPort(end, where, 'end');
    if (start >= end) {
      const fix = start === end ? `use ClusterPolicyPort.${protocol}(${start})` : 'swap the bounds';
      throw boundaryError(
        where,
        'end',
        `expected end above start, got ${start}-${end} (the CRD refuses it); fix: ${fix}`,
      );
    }
    return new ClusterPolicyPort(
      { [protocol]: { destinationPort: { range: { start, end } } } },
      `${protocol} ${start}-${end}`,
    );
  }

  private constructor(
    private readonly json: Record<string, unknown>,
    /** A readable description (`tcp 443`, `udp 5000-5100`, `named http`). */
    public readonly description: string,
  ) {}

  /** The entry as it appears in the rule's `protocols`. */
  public toJson(): Record<string, unknown> {
    return JSON.parse(JSON.stringify(this.json));
  }
}

/** A port number 1-65535 (the CRD's `minimum: 1`, `maximum: 65535`). */
function guardPort(v: unknown, where: string, field: string): number {
  return guardInteger(v, where, field, { ...PORT_RANGE, fix: 'use an integer from 1 to 65535' });
}

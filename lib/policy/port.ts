import { boundaryError, guardInteger, guardRest, guardString, rejectInput } from '../model/primitives/guard';
import { isValidPortName, PORT_RANGE } from '../model/primitives';
import { Protocol } from './protocol';
import { guardIcmpFields, guardOptionalProtocol, guardProtocol } from './value-guards';

/** ICMP type and code match. */
export interface IcmpMatch {
  /**
   * ICMP type, 0-254.
   * @default - any type
   */
  readonly type?: number;
  /**
   * ICMP code, 0-255; needs `type`.
   * @default - any code
   */
  readonly code?: number;
}

function portNumber(n: unknown, where: string, field: string): number {
  return guardInteger(n, where, field, PORT_RANGE);
}

/** IANA service name rules, as Calico's validator applies them to named ports (`validatePort`, `portName`). */
function checkPortName(name: unknown, where: string): string {
  const text = guardString(name, where, 'name', { expected: 'a port name' });
  if (!isValidPortName(text)) {
    rejectInput(
      where,
      'name',
      'an IANA service name',
      text,
      "1-15 lowercase letters, digits and '-', with at least one letter and no leading, trailing or doubled '-'",
    );
  }
  return text;
}

/**
 * What a rule matches on the destination side: a protocol plus ports (or ICMP type/code), in the aws-cdk `Port`
 * idiom. `Port.tcp(443)`, `Port.tcpRange(30000, 32767)`, `Port.named('http')`, `Port.icmpv4(8)`,
 * `Port.ofProtocol(Protocol.ipip())`.
 */
export class Port {
  /** One TCP port. */
  public static tcp(port: number): Port {
    return Port.numbered('Port.tcp', Protocol.tcp(), [port], 'port');
  }
  /** One UDP port. */
  public static udp(port: number): Port {
    return Port.numbered('Port.udp', Protocol.udp(), [port], 'port');
  }
  /** One SCTP port. */
  public static sctp(port: number): Port {
    return Port.numbered('Port.sctp', Protocol.sctp(), [port], 'port');
  }
  /** Several TCP ports in one rule. */
  public static tcpPorts(...ports: number[]): Port {
    return Port.numbered('Port.tcpPorts', Protocol.tcp(), ports, 'ports');
  }
  /** Several UDP ports in one rule. */
  public static udpPorts(...ports: number[]): Port {
    return Port.numbered('Port.udpPorts', Protocol.udp(), ports, 'ports');
  }
  /** A TCP port range, inclusive (`30000:32767`). */
  public static tcpRange(from: number, to: number): Port {
    return Port.range('Port.tcpRange', Protocol.tcp(), from, to);
  }
  /** A UDP port range, inclusive. */
  public static udpRange(from: number, to: number): Port {
    return Port.range('Port.udpRange', Protocol.udp(), from, to);
  }
  /** An SCTP port range, inclusive. */
  public static sctpRange(from: number, to: number): Port {
    return Port.range('Port.sctpRange', Protocol.sctp(), from, to);
  }
  /** Every TCP port. */
  public static allTcp(): Port {
    return new Port(Protocol.tcp(), [], undefined, 'all TCP');
  }
  /** Every UDP port. */
  public static allUdp(): Port {
    return new Port(Protocol.udp(), [], undefined, 'all UDP');
  }
  /** Every SCTP port. */
  public static allSctp(): Port {
    return new Port(Protocol.sctp(), [], undefined, 'all SCTP');
  }
  /** All traffic: no protocol or port restriction. */
  public static allTraffic(): Port {
    return new Port(undefined, [], undefined, 'all traffic');
  }
  /** A whole protocol without ports, e.g. `Port.ofProtocol(Protocol.ipip())`. */
  public static ofProtocol(protocol: Protocol): Port {
    return Port.wholeProtocol('Port.ofProtocol', protocol);
  }

  // Port.protocol and Port.icmp share their names with the instance properties `protocol` and `icmp`, which jsii
  // refuses (JSII5013): they stay for TypeScript callers, outside the jsii assembly (`@jsii ignore`).

  /**
   * A whole protocol without ports.
   * @deprecated use {@link Port.ofProtocol} (same result).
   * @jsii ignore
   */
  public static protocol(protocol: Protocol): Port {
    return Port.wholeProtocol('Port.protocol', protocol);
  }

  /**
   * A named port (a container port name or a HostEndpoint port name). Calico allows named ports without a protocol;
   * give one to restrict it.
   */
  public static named(name: string, protocol?: Protocol): Port {
    checkPortName(name, 'Port.named');
    const p = guardOptionalProtocol(protocol, 'Port.named', 'protocol');
    if (p && !p.supportsPorts) {
      throw boundaryError(
        'Port.named',
        'protocol',
        `named port "${name}" with protocol ${p}: only TCP, UDP and SCTP have ports; fix: use Protocol.tcp(), udp() or sctp()`,
      );
    }
    return new Port(protocol, [name], undefined, `port ${name}`);
  }

  /** ICMP (IPv4), optionally one type and code (`Port.icmpv4(8)` is echo request). */
  public static icmpv4(type?: number, code?: number): Port {
    return Port.icmpMatch('Port.icmpv4', type, code);
  }

  /**
   * ICMP (IPv4), optionally one type and code.
   * @deprecated use {@link Port.icmpv4} (same result).
   * @jsii ignore
   */
  public static icmp(type?: number, code?: number): Port {
    return Port.icmpMatch('Port.icmp', type, code);
  }

  /** ICMPv6, optionally one type and code (`Port.icmpv6(128)` is echo request). */
  public static icmpv6(type?: number, code?: number): Port {
    const icmp = { type, code };
    guardIcmpFields(type, code, 'Port.icmpv6', 'type', 'code');
    return new Port(
      Protocol.icmpv6(),
      [],
      type === undefined ? undefined : icmp,
      `ICMPv6${type === undefined ? '' : ` ${type}${code === undefined ? '' : `/${code}`}`}`,
    );
  }

  /** Several ports of the same protocol as one match (`Port.combine(Port.tcp(80), Port.tcpRange(8000, 8080))`). */
  public static combine(...ports: Port[]): Port {
    const W = 'Port.combine';
    const list = guardRest(ports, W, 'ports', (p, field) => guardPort(p, W, field), {
      minLength: 1,
      of: 'Ports',
      fix: 'pass at least one port',
    });
    const protocol = list[0].protocol;
    list.forEach((p, i) => {
      if (String(p.protocol) !== String(protocol)) {
        throw boundaryError(
          W,
          `ports[${i}]`,
          `ports of different protocols (${list.map((x) => x.toString()).join(', ')}) cannot share one Calico rule; fix: add one rule per protocol`,
        );
      }
      if (p.icmp)
        throw boundaryError(W, `ports[${i}]`, 'ICMP matches cannot be combined; fix: add one rule per ICMP type');
      if (p.ports.length === 0)
        throw boundaryError(W, `ports[${i}]`, `${p} matches every port and cannot be combined; fix: use it on its own`);
    });
    const merged: Array<string | number> = [];
    for (const p of list) for (const v of p.ports) if (!merged.includes(v)) merged.push(v);
    return new Port(protocol, merged, undefined, list.map((p) => p.toString()).join(', '));
  }

  private static wholeProtocol(where: string, protocol: Protocol): Port {
    const p = guardProtocol(protocol, where, 'protocol');
    return new Port(p, [], undefined, `protocol ${p}`);
  }

  private static icmpMatch(where: string, type: number | undefined, code: number | undefined): Port {
    guardIcmpFields(type, code, where, 'type', 'code');
    return new Port(
      Protocol.icmp(),
      [],
      type === undefined ? undefined : { type, code },
      `ICMP${type === undefined ? '' : ` ${type}${code === undefined ? '' : `/${code}`}`}`,
    );
  }

  private static numbered(where: string, protocol: Protocol, ports: unknown[], field: string): Port {
    const all = `Port.all${protocol.toString().charAt(0) + protocol.toString().slice(1).toLowerCase()}()`;
    const checked =
      field === 'port'
        ? [portNumber(ports[0], where, field)]
        : guardRest(ports, where, field, (p, f) => portNumber(p, where, f), {
            minLength: 1,
            of: 'port numbers',
            fix: `give at least one port, or use ${all}`,
          });
    const unique = Array.from(new Set(checked));
    return new Port(protocol, unique, undefined, `${protocol} ${unique.join(',')}`);
  }

  private static range(where: string, protocol: Protocol, from: number, to: number): Port {
    portNumber(from, where, 'from');
    portNumber(to, where, 'to');
    if (from > to)
      throw boundaryError(
        where,
        'from',
        `${protocol} port range ${from}-${to} is inverted; fix: ${where}(${to}, ${from})`,
      );
    const value = from === to ? from : `${from}:${to}`;
    return new Port(protocol, [value], undefined, `${protocol} ${from}-${to}`);
  }

  /**
   * Port numbers, `"from:to"` ranges and names, in Calico's wire format. Empty means every port. The array is frozen:
   * it is typed `Array` only because jsii has no read-only array type.
   */
  public readonly ports: Array<string | number>;

  private constructor(
    /** The protocol the rule must set, if any. */
    public readonly protocol: Protocol | undefined,
    ports: ReadonlyArray<string | number>,
    /** ICMP type/code match. */
    public readonly icmp: IcmpMatch | undefined,
    private readonly label: string,
  ) {
    this.ports = Object.freeze([...ports]) as Array<string | number>;
  }

  /** A readable description, e.g. `TCP 443` or `TCP 30000-32767`. */
  public toString(): string {
    return this.label;
  }
}

// The Port's own boundary check lives beside the class (value-guards.ts would import Port back: a module cycle).
/** A Port made by the `Port` factories; a number or text is refused with the factory call to write. */
export function guardPort(v: unknown, where: string, field: string): Port {
  if (v instanceof Port) return v;
  let fix = 'pass a Port such as Port.tcp(443), Port.udpRange(30000, 32767) or Port.named("http")';
  if (typeof v === 'number') fix = `pass Port.tcp(${v}) or Port.udp(${v})`;
  else if (typeof v === 'string' && /^\d+$/.test(v.trim())) fix = `pass Port.tcp(${v.trim()}) or Port.udp(${v.trim()})`;
  else if (typeof v === 'string') fix = `pass Port.named(${JSON.stringify(v)}) for a named port`;
  return rejectInput(where, field, 'a Port (Port.tcp(...), Port.named(...), ...)', v, fix);
}

/** An optional Port: undefined passes through. */
export function guardOptionalPort(v: unknown, where: string, field: string): Port | undefined {
  return v === undefined ? undefined : guardPort(v, where, field);
}

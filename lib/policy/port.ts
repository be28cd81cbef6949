import { Protocol } from './protocol';

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

const PORT_NAME = /^[a-z0-9]([a-z0-9-]{0,13}[a-z0-9])?$/;

function assertPortNumber(n: number, what: string): void {
  if (!Number.isInteger(n) || n < 1 || n > 65535) {
    throw new Error(`${what} ${n} is invalid; fix: use an integer 1-65535`);
  }
}

function assertPortName(name: string): void {
  if (!PORT_NAME.test(name) || !/[a-z]/.test(name) || name.includes('--')) {
    throw new Error(`port name "${name}" is invalid; fix: 1-15 lowercase letters, digits and '-', with at least one letter and no leading, trailing or doubled '-' (IANA service name)`);
  }
}

function assertIcmp(icmp: IcmpMatch): void {
  if (icmp.type !== undefined && (!Number.isInteger(icmp.type) || icmp.type < 0 || icmp.type > 254)) {
    throw new Error(`ICMP type ${icmp.type} is invalid; fix: use 0-254`);
  }
  if (icmp.code !== undefined) {
    if (icmp.type === undefined) throw new Error('ICMP code without type; fix: give the ICMP type too');
    if (!Number.isInteger(icmp.code) || icmp.code < 0 || icmp.code > 255) throw new Error(`ICMP code ${icmp.code} is invalid; fix: use 0-255`);
  }
}

/**
 * What a rule matches on the destination side: a protocol plus ports (or ICMP type/code), in the aws-cdk `Port`
 * idiom. `Port.tcp(443)`, `Port.tcpRange(30000, 32767)`, `Port.named('http')`, `Port.icmp(8)`, `Port.protocol(Protocol.ipip())`.
 */
export class Port {
  /** One TCP port. */
  public static tcp(port: number): Port { return Port.numbered(Protocol.tcp(), [port]); }
  /** One UDP port. */
  public static udp(port: number): Port { return Port.numbered(Protocol.udp(), [port]); }
  /** One SCTP port. */
  public static sctp(port: number): Port { return Port.numbered(Protocol.sctp(), [port]); }
  /** Several TCP ports in one rule. */
  public static tcpPorts(...ports: number[]): Port { return Port.numbered(Protocol.tcp(), ports); }
  /** Several UDP ports in one rule. */
  public static udpPorts(...ports: number[]): Port { return Port.numbered(Protocol.udp(), ports); }
  /** A TCP port range, inclusive (`30000:32767`). */
  public static tcpRange(from: number, to: number): Port { return Port.range(Protocol.tcp(), from, to); }
  /** A UDP port range, inclusive. */
  public static udpRange(from: number, to: number): Port { return Port.range(Protocol.udp(), from, to); }
  /** An SCTP port range, inclusive. */
  public static sctpRange(from: number, to: number): Port { return Port.range(Protocol.sctp(), from, to); }
  /** Every TCP port. */
  public static allTcp(): Port { return new Port(Protocol.tcp(), [], undefined, 'all TCP'); }
  /** Every UDP port. */
  public static allUdp(): Port { return new Port(Protocol.udp(), [], undefined, 'all UDP'); }
  /** Every SCTP port. */
  public static allSctp(): Port { return new Port(Protocol.sctp(), [], undefined, 'all SCTP'); }
  /** All traffic: no protocol or port restriction. */
  public static allTraffic(): Port { return new Port(undefined, [], undefined, 'all traffic'); }
  /** A whole protocol without ports, e.g. `Port.protocol(Protocol.ipip())`. */
  public static protocol(protocol: Protocol): Port { return new Port(protocol, [], undefined, `protocol ${protocol}`); }

  /**
   * A named port (a container port name or a HostEndpoint port name). Calico allows named ports without a protocol;
   * give one to restrict it.
   */
  public static named(name: string, protocol?: Protocol): Port {
    assertPortName(name);
    if (protocol && !protocol.supportsPorts) {
      throw new Error(`named port "${name}" with protocol ${protocol}: only TCP, UDP and SCTP have ports; fix: use Protocol.tcp(), udp() or sctp()`);
    }
    return new Port(protocol, [name], undefined, `port ${name}`);
  }

  /** ICMP (IPv4), optionally one type and code (`Port.icmp(8)` is echo request). */
  public static icmp(type?: number, code?: number): Port {
    const icmp = { type, code };
    assertIcmp(icmp);
    return new Port(Protocol.icmp(), [], type === undefined ? undefined : icmp, `ICMP${type === undefined ? '' : ` ${type}${code === undefined ? '' : `/${code}`}`}`);
  }

  /** ICMPv6, optionally one type and code (`Port.icmpv6(128)` is echo request). */
  public static icmpv6(type?: number, code?: number): Port {
    const icmp = { type, code };
    assertIcmp(icmp);
    return new Port(Protocol.icmpv6(), [], type === undefined ? undefined : icmp, `ICMPv6${type === undefined ? '' : ` ${type}${code === undefined ? '' : `/${code}`}`}`);
  }

  /** Several ports of the same protocol as one match (`Port.combine(Port.tcp(80), Port.tcpRange(8000, 8080))`). */
  public static combine(...ports: Port[]): Port {
    if (ports.length === 0) throw new Error('Port.combine needs at least one port');
    const protocol = ports[0].protocol;
    for (const p of ports) {
      if (String(p.protocol) !== String(protocol)) {
        throw new Error(`Port.combine: ports of different protocols (${ports.map((x) => x.toString()).join(', ')}) cannot share one Calico rule; fix: add one rule per protocol`);
      }
      if (p.icmp) throw new Error('Port.combine: ICMP matches cannot be combined; fix: add one rule per ICMP type');
      if (p.ports.length === 0) throw new Error(`Port.combine: ${p} matches every port and cannot be combined; fix: use it on its own`);
    }
    const merged: Array<string | number> = [];
    for (const p of ports) for (const v of p.ports) if (!merged.includes(v)) merged.push(v);
    return new Port(protocol, merged, undefined, ports.map((p) => p.toString()).join(', '));
  }

  private static numbered(protocol: Protocol, ports: number[]): Port {
    if (ports.length === 0) throw new Error(`${protocol} port list is empty; fix: give at least one port, or use Port.all${protocol === undefined ? 'Traffic' : protocol.toString().charAt(0) + protocol.toString().slice(1).toLowerCase()}()`);
    ports.forEach((p) => assertPortNumber(p, `${protocol} port`));
    const unique = Array.from(new Set(ports));
    return new Port(protocol, unique, undefined, `${protocol} ${unique.join(',')}`);
  }

  private static range(protocol: Protocol, from: number, to: number): Port {
    assertPortNumber(from, `${protocol} range start`);
    assertPortNumber(to, `${protocol} range end`);
    if (from > to) throw new Error(`${protocol} port range ${from}-${to} is inverted; fix: Port.${String(protocol).toLowerCase()}Range(${to}, ${from})`);
    const value = from === to ? from : `${from}:${to}`;
    return new Port(protocol, [value], undefined, `${protocol} ${from}-${to}`);
  }

  private constructor(
    /** The protocol the rule must set, if any. */
    public readonly protocol: Protocol | undefined,
    /** Port numbers, `"from:to"` ranges and names, in Calico's wire format. Empty means every port. */
    public readonly ports: ReadonlyArray<string | number>,
    /** ICMP type/code match. */
    public readonly icmp: IcmpMatch | undefined,
    private readonly label: string,
  ) {}

  /** A readable description, e.g. `TCP 443` or `TCP 30000-32767`. */
  public toString(): string {
    return this.label;
  }
}

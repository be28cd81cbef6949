import { guardEnum, guardInteger } from '../model/primitives/guard';
import { calicoProtocolName } from '../model/primitives/protocols';

const NAMED = ['TCP', 'UDP', 'ICMP', 'ICMPv6', 'SCTP', 'UDPLite'] as const;
const PORT_NUMBERS: { [name: string]: number } = { TCP: 6, UDP: 17, SCTP: 132 };

/**
 * An IP protocol as Calico names it: one of `TCP`, `UDP`, `ICMP`, `ICMPv6`, `SCTP`, `UDPLite`, or a number 1-255.
 */
export class Protocol {
  /** TCP (6). */
  public static tcp(): Protocol {
    return new Protocol('TCP');
  }
  /** UDP (17). */
  public static udp(): Protocol {
    return new Protocol('UDP');
  }
  /** SCTP (132). */
  public static sctp(): Protocol {
    return new Protocol('SCTP');
  }
  /** ICMP for IPv4 (1). */
  public static icmp(): Protocol {
    return new Protocol('ICMP');
  }
  /** ICMPv6 (58). */
  public static icmpv6(): Protocol {
    return new Protocol('ICMPv6');
  }
  /** UDP-Lite (136). Calico accepts the name but it does not support ports. */
  public static udpLite(): Protocol {
    return new Protocol('UDPLite');
  }
  /** IP-in-IP encapsulation, protocol number 4 (Calico's IPIP overlay). */
  public static ipip(): Protocol {
    return new Protocol(4);
  }
  /** ESP, protocol number 50. */
  public static esp(): Protocol {
    return new Protocol(50);
  }
  /** GRE, protocol number 47. */
  public static gre(): Protocol {
    return new Protocol(47);
  }

  /** Any protocol by number (1-255). Well-known numbers render as Calico's names (6 becomes `TCP`). */
  public static number(value: number): Protocol {
    // Calico's validator accepts 1-255 (`validateProtocol`: 0 is refused).
    guardInteger(value, 'Protocol.number', 'value', {
      min: 1,
      max: 255,
      fix: 'use an integer 1-255 (0 is rejected by Calico)',
    });
    // A number Calico has a name for is emitted as the name, as numorstring would read it back.
    return new Protocol(calicoProtocolName(value) ?? value);
  }

  /** A protocol by Calico name, case-sensitive as Calico is (`TCP`, `UDP`, `ICMP`, `ICMPv6`, `SCTP`, `UDPLite`). */
  public static named(name: string): Protocol {
    // Case-sensitive as Calico's `protocol` validator: a case slip gets "did you mean".
    return new Protocol(guardEnum(name, NAMED, 'Protocol.named', 'name'));
  }

  private constructor(
    /** The wire value: a name such as `TCP`, or a number. */
    public readonly value: string | number,
  ) {}

  /** Whether rules with this protocol may match ports (only TCP, UDP and SCTP; not UDPLite). */
  public get supportsPorts(): boolean {
    return typeof this.value === 'string' && this.value in PORT_NUMBERS;
  }

  /** Whether this is ICMP (IPv4) or ICMPv6. */
  public get isIcmp(): boolean {
    return this.value === 'ICMP' || this.value === 'ICMPv6';
  }

  /** The wire value as a string, for messages. */
  public toString(): string {
    return String(this.value);
  }
}

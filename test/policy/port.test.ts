import { Port, Protocol } from '../../lib';

describe('Protocol', () => {
  test('well-known numbers render as Calico names', () => {
    expect(Protocol.number(6).value).toBe('TCP');
    expect(Protocol.number(58).value).toBe('ICMPv6');
    expect(Protocol.ipip().value).toBe(4);
    expect(Protocol.number(47).value).toBe(47);
  });
  test('0 and out-of-range numbers are rejected', () => {
    expect(() => Protocol.number(0)).toThrow(
      /^\[Protocol\.number\] value: expected an integer 1-255, got 0; fix: .*0 is rejected by Calico/,
    );
    expect(() => Protocol.number(256)).toThrow(/1-255/);
  });
  test('names are case-sensitive, with a hint', () => {
    expect(Protocol.named('UDPLite').value).toBe('UDPLite');
    expect(() => Protocol.named('tcp')).toThrow(
      /^\[Protocol\.named\] name: .*fix: did you mean "TCP"\? values are case-sensitive/,
    );
    expect(() => Protocol.named('http')).toThrow(/use one of/);
  });
  test('only TCP, UDP and SCTP support ports', () => {
    expect(Protocol.tcp().supportsPorts).toBe(true);
    expect(Protocol.sctp().supportsPorts).toBe(true);
    expect(Protocol.udpLite().supportsPorts).toBe(false);
    expect(Protocol.icmp().supportsPorts).toBe(false);
    expect(Protocol.ipip().supportsPorts).toBe(false);
  });
});

describe('Port', () => {
  test('single ports, lists and ranges render in wire format', () => {
    expect(Port.tcp(22).ports).toEqual([22]);
    expect(Port.tcpPorts(80, 443, 80).ports).toEqual([80, 443]);
    expect(Port.tcpRange(30000, 32767).ports).toEqual(['30000:32767']);
    expect(Port.udpRange(53, 53).ports).toEqual([53]);
    expect(Port.allTcp().ports).toEqual([]);
    expect(Port.allTcp().protocol?.value).toBe('TCP');
    expect(Port.allTraffic().protocol).toBeUndefined();
  });
  test('invalid numbers and inverted ranges throw with a fix', () => {
    expect(() => Port.tcp(0)).toThrow(/1-65535/);
    expect(() => Port.udp(70000)).toThrow(/1-65535/);
    expect(() => Port.tcp(1.5)).toThrow(/integer/);
    expect(() => Port.tcpRange(200, 100)).toThrow(
      /^\[Port\.tcpRange\] from: TCP port range 200-100 is inverted; fix: Port.tcpRange\(100, 200\)/,
    );
  });
  test('named ports follow the IANA service name rules', () => {
    expect(Port.named('http').ports).toEqual(['http']);
    expect(Port.named('metrics', Protocol.tcp()).protocol?.value).toBe('TCP');
    for (const bad of ['HTTP', '80', 'a--b', '-web', 'web-', 'averyveryverylongname']) {
      expect(() => Port.named(bad)).toThrow(
        /^\[Port\.named\] name: expected an IANA service name, got .*; fix: 1-15 lowercase letters/,
      );
    }
    expect(() => Port.named('http', Protocol.icmp())).toThrow(/only TCP, UDP and SCTP/);
  });
  test('ICMP type and code are checked', () => {
    expect(Port.icmp(8).icmp).toEqual({ type: 8, code: undefined });
    expect(Port.icmp().icmp).toBeUndefined();
    expect(Port.icmpv6(128, 0).protocol?.value).toBe('ICMPv6');
    expect(() => Port.icmp(255)).toThrow(/0-254/);
    expect(() => Port.icmp(3, 256)).toThrow(/0-255/);
    expect(() => Port.icmp(undefined, 1)).toThrow(
      /^\[Port\.icmp\] code: an ICMP code needs an ICMP type; fix: give type too/,
    );
  });
  test('combine merges one protocol and refuses mixtures', () => {
    expect(Port.combine(Port.tcp(80), Port.tcpRange(8000, 8080)).ports).toEqual([80, '8000:8080']);
    expect(() => Port.combine(Port.tcp(80), Port.udp(53))).toThrow(/different protocols/);
    expect(() => Port.combine(Port.allTcp())).toThrow(/every port/);
    expect(() => Port.combine()).toThrow(/at least one/);
  });
  test('toString is readable', () => {
    expect(Port.tcpRange(30000, 32767).toString()).toBe('TCP 30000-32767');
    expect(Port.icmp(8).toString()).toBe('ICMP 8');
  });
});

// Port.icmpv4 and Port.ofProtocol replace Port.icmp and Port.protocol, whose names clash with the instance properties
// `icmp` and `protocol` (jsii JSII5013); the old statics stay as deprecated aliases with the same result.
import { Port, Protocol } from '../../lib';

describe('Port.icmpv4 / Port.ofProtocol', () => {
  test('icmpv4 matches ICMP with the type and code given', () => {
    const echo = Port.icmpv4(8);
    expect(String(echo.protocol)).toBe(String(Protocol.icmp()));
    expect(echo.icmp).toEqual({ type: 8, code: undefined });
    expect(echo.ports).toEqual([]);
    expect(echo.toString()).toBe('ICMP 8');
    expect(Port.icmpv4(3, 4).icmp).toEqual({ type: 3, code: 4 });
    expect(Port.icmpv4(3, 4).toString()).toBe('ICMP 3/4');
    expect(Port.icmpv4().icmp).toBeUndefined();
    expect(Port.icmpv4().toString()).toBe('ICMP');
  });

  test('ofProtocol matches the whole protocol, no ports', () => {
    const ipip = Port.ofProtocol(Protocol.ipip());
    expect(String(ipip.protocol)).toBe(String(Protocol.ipip()));
    expect(ipip.ports).toEqual([]);
    expect(ipip.icmp).toBeUndefined();
    expect(ipip.toString()).toBe(`protocol ${Protocol.ipip()}`);
  });

  test('the deprecated statics give the same ports', () => {
    for (const [old, replacement] of [
      [Port.icmp(), Port.icmpv4()],
      [Port.icmp(8), Port.icmpv4(8)],
      [Port.icmp(3, 1), Port.icmpv4(3, 1)],
      [Port.protocol(Protocol.ipip()), Port.ofProtocol(Protocol.ipip())],
      [Port.protocol(Protocol.udp()), Port.ofProtocol(Protocol.udp())],
    ]) {
      expect({ ...old }).toEqual({ ...replacement });
    }
  });

  test('bad input names the API that was called', () => {
    expect(() => Port.icmpv4(255)).toThrow(/^\[Port\.icmpv4\] type: /);
    expect(() => Port.icmp(255)).toThrow(/^\[Port\.icmp\] type: /);
    expect(() => Port.ofProtocol('TCP' as unknown as Protocol)).toThrow(/^\[Port\.ofProtocol\] protocol: /);
    expect(() => Port.protocol('TCP' as unknown as Protocol)).toThrow(/^\[Port\.protocol\] protocol: /);
  });

  test('ports is a frozen array (typed Array for jsii, still read-only at run time)', () => {
    const web = Port.tcpPorts(80, 443);
    expect(web.ports).toEqual([80, 443]);
    expect(Object.isFrozen(web.ports)).toBe(true);
    expect(() => web.ports.push(8080)).toThrow(TypeError);
    expect(Port.tcpPorts(80, 443).ports).toEqual([80, 443]);
  });
});

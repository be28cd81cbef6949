import { Peer, Selector } from '../../lib';

describe('Peer', () => {
  test('nets and notNets render in wire format', () => {
    expect(Peer.nets('10.0.0.0/8', '192.168.0.0/16')._toEntityRule()).toEqual({
      nets: ['10.0.0.0/8', '192.168.0.0/16'],
    });
    expect(Peer.notNets('10.0.0.0/8')._toEntityRule()).toEqual({ notNets: ['10.0.0.0/8'] });
    expect(Peer.nets('2001:db8::/32')._toEntityRule()).toEqual({ nets: ['2001:db8::/32'] });
  });
  test('bare IPs, host bits and mixed families are refused with a fix', () => {
    expect(() => Peer.nets('10.0.0.1')).toThrow(/^\[Peer\.nets\] cidrs\[0\]: .*fix: did you mean "10.0.0.1\/32"/);
    expect(() => Peer.nets('2001:db8::1')).toThrow(/did you mean "2001:db8::1\/128"/);
    expect(() => Peer.nets('10.0.0.1/8')).toThrow(/host bits set.*fix: use "10.0.0.0\/8"/);
    expect(() => Peer.nets('10.0.0.0/8', '2001:db8::/32')).toThrow(/mixes IPv4 and IPv6/);
    expect(() => Peer.nets('not-a-cidr')).toThrow(
      /^\[Peer\.nets\] cidrs\[0\]: expected a CIDR such as 10.0.0.0\/8, got the string "not-a-cidr"; fix: /,
    );
    expect(() => Peer.nets()).toThrow(/at least one CIDR/);
    expect(() => Peer.notNets('0.0.0.0/0')).toThrow(/excludes every address/);
    expect(() => Peer.notNets('::/0')).toThrow(/excludes every address/);
  });
  test('selectors render canonically', () => {
    expect(Peer.selector(Selector.parse("role == 'db'"))._toEntityRule()).toEqual({ selector: 'role == "db"' });
    expect(Peer.namespace(Selector.all())._toEntityRule()).toEqual({ namespaceSelector: 'all()' });
    expect(Peer.globalEndpoints()._toEntityRule()).toEqual({ namespaceSelector: 'global()' });
    expect(Peer.notSelector(Selector.has('x'))._toEntityRule()).toEqual({ notSelector: 'has(x)' });
  });
  test('global() placement follows Calico', () => {
    expect(() => Peer.selector(Selector.global())).toThrow(/global\(\) is not allowed in a rule selector/);
    expect(() => Peer.namespace(Selector.global().and(Selector.has('a')))).toThrow(/cannot be combined/);
    expect(Peer.namespace(Selector.global())._toEntityRule()).toEqual({ namespaceSelector: 'global()' });
  });
  test('service accounts and services', () => {
    expect(Peer.serviceAccounts(['b', 'a'])._toEntityRule()).toEqual({ serviceAccounts: { names: ['a', 'b'] } });
    expect(Peer.serviceAccounts([], Selector.eq('team', 'x'))._toEntityRule()).toEqual({
      serviceAccounts: { selector: 'team == "x"' },
    });
    expect(() => Peer.serviceAccounts([])).toThrow(/names or a selector/);
    expect(Peer.service('kube-system', 'kube-dns')._toEntityRule()).toEqual({
      services: { name: 'kube-dns', namespace: 'kube-system' },
    });
  });
  test('and() intersects as Calico does', () => {
    const p = Peer.selector(Selector.eq('app', 'web'))
      .and(Peer.namespace(Selector.eq('team', 'a')))
      .and(Peer.selector(Selector.has('tier')));
    expect(p._toEntityRule()).toEqual({ selector: '(app == "web" && has(tier))', namespaceSelector: 'team == "a"' });
    expect(Peer.notNets('10.0.0.0/8').and(Peer.notNets('192.168.0.0/16'))._toEntityRule()).toEqual({
      notNets: ['10.0.0.0/8', '192.168.0.0/16'],
    });
    expect(
      Peer.nets('10.0.0.0/8')
        .and(Peer.selector(Selector.has('x')))
        ._toEntityRule(),
    ).toEqual({ nets: ['10.0.0.0/8'], selector: 'has(x)' });
    expect(() => Peer.nets('10.0.0.0/8').and(Peer.nets('10.1.0.0/16'))).toThrow(/both peers set "nets"/);
    expect(() => Peer.service('a', 'b').and(Peer.selector(Selector.has('x')))).toThrow(/cannot be combined/);
    expect(() => Peer.globalEndpoints().and(Peer.namespace(Selector.has('x')))).toThrow(/global\(\)/);
  });
  test('uniqueId is readable', () => {
    expect(Peer.nets('10.0.0.0/8').uniqueId).toBe('nets 10.0.0.0/8');
    expect(Peer.any().toString()).toBe('any');
  });
});

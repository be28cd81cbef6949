import { ApiObject, Chart, JsonPatch, Testing } from 'cdk8s';
import {
  Action,
  GlobalNetworkPolicy,
  NetworkPolicy,
  Peer,
  PolicyType,
  Port,
  Protocol,
  Selector,
  StagedAction,
  StagedGlobalNetworkPolicy,
  StagedNetworkPolicy,
  Tier,
  TierDefaultAction,
} from '../../lib';

function chart(namespace?: string): Chart {
  return new Chart(Testing.app(), 'test', { namespace });
}

describe('GlobalNetworkPolicy', () => {
  test('renders rules in order, explicit types, tier label, no chart namespace', () => {
    const c = chart('apps');
    const p = new GlobalNetworkPolicy(c, 'AllowSsh', { selector: Selector.has('kubernetes-host'), order: 100 });
    p.allowIngress(Peer.nets('192.168.10.0/24'), Port.tcp(22), { description: 'admins' });
    p.denyIngress(Peer.any(), Port.tcpRange(30000, 32767));
    const [doc] = Testing.synth(c);
    expect(doc.apiVersion).toBe('projectcalico.org/v3');
    expect(doc.kind).toBe('GlobalNetworkPolicy');
    expect(doc.metadata).toEqual({ name: 'allow-ssh', labels: { 'projectcalico.org/tier': 'default' } });
    expect(doc.spec.selector).toBe('has(kubernetes-host)');
    expect(doc.spec.order).toBe(100);
    expect(doc.spec.tier).toBe('default');
    expect(doc.spec.types).toEqual(['Ingress']);
    expect(doc.spec.ingress).toEqual([
      {
        action: 'Allow',
        protocol: 'TCP',
        source: { nets: ['192.168.10.0/24'] },
        destination: { ports: [22] },
        metadata: { annotations: { description: 'admins' } },
      },
      { action: 'Deny', protocol: 'TCP', destination: { ports: ['30000:32767'] } },
    ]);
  });

  test('types follow Calico defaulting unless given', () => {
    const c = chart();
    const egressOnly = new GlobalNetworkPolicy(c, 'E');
    egressOnly.allowEgress(Peer.any(), Port.udp(53));
    const both = new GlobalNetworkPolicy(c, 'B');
    both.allowEgress(Peer.any());
    both.allowIngress(Peer.any());
    const none = new GlobalNetworkPolicy(c, 'N');
    new GlobalNetworkPolicy(c, 'X', { types: [PolicyType.INGRESS, PolicyType.EGRESS] });
    expect(egressOnly.types).toEqual(['Egress']);
    expect(both.types).toEqual(['Ingress', 'Egress']);
    expect(none.types).toEqual(['Ingress']);
    const docs = Testing.synth(c);
    expect(docs.find((d) => d.metadata.name === 'x').spec.types).toEqual(['Ingress', 'Egress']);
    expect(docs.find((d) => d.metadata.name === 'x').spec.ingress).toBeUndefined();
  });

  test('preDNAT policy renders preDNAT (not preDnat) and a local destination', () => {
    const c = chart();
    const p = new GlobalNetworkPolicy(c, 'Expose', {
      selector: Selector.has('kubernetes-host'),
      preDnat: true,
      applyOnForward: true,
      order: 10,
    });
    p.allowIngress(Peer.nets('203.0.113.0/24'), Port.tcp(443), { localPeer: Peer.nets('10.96.0.10/32') });
    p.denyIngress(Peer.any(), undefined, { localPeer: Peer.nets('10.96.0.10/32') });
    const [doc] = Testing.synth(c);
    expect(doc.spec.preDNAT).toBe(true);
    expect(doc.spec.applyOnForward).toBe(true);
    expect(doc.spec.preDnat).toBeUndefined();
    expect(doc.spec.ingress[0].destination).toEqual({ nets: ['10.96.0.10/32'], ports: [443] });
    expect(doc.spec.ingress[1]).toEqual({ action: 'Deny', destination: { nets: ['10.96.0.10/32'] } });
  });

  test('tiers are emitted before their policies and labelled', () => {
    const c = chart();
    const p = new GlobalNetworkPolicy(c, 'P', { tier: undefined });
    const tier = new Tier(c, 'Platform', { order: 100, defaultAction: TierDefaultAction.PASS });
    const q = new GlobalNetworkPolicy(c, 'Q', { tier });
    q.allowIngress(Peer.any());
    const docs = Testing.synth(c);
    const names = docs.map((d) => `${d.kind}/${d.metadata.name}`);
    expect(names.indexOf('Tier/platform')).toBeLessThan(names.indexOf('GlobalNetworkPolicy/q'));
    const tierDoc = docs.find((d) => d.kind === 'Tier');
    expect(tierDoc.spec).toEqual({ defaultAction: 'Pass', order: 100 });
    expect(tierDoc.metadata.namespace).toBeUndefined();
    expect(docs.find((d) => d.metadata.name === 'q').metadata.labels['projectcalico.org/tier']).toBe('platform');
    expect(docs.find((d) => d.metadata.name === 'q').spec.tier).toBe('platform');
    expect(p.tier.tierName).toBe('default');
  });

  test('ICMP, IPIP, named and excepted ports', () => {
    const c = chart();
    const p = new GlobalNetworkPolicy(c, 'Misc');
    p.allowIngress(Peer.any(), Port.icmp(8, 0));
    p.allowIngress(Peer.any(), Port.protocol(Protocol.ipip()));
    p.allowIngress(Peer.any(), Port.named('metrics'));
    p.allowIngress(Peer.any(), Port.tcpRange(1, 65535), { exceptPorts: Port.tcp(22), ipVersion: 4 });
    const ingress = Testing.synth(c)[0].spec.ingress;
    expect(ingress[0]).toEqual({ action: 'Allow', protocol: 'ICMP', icmp: { type: 8, code: 0 } });
    expect(ingress[1]).toEqual({ action: 'Allow', protocol: 4 });
    expect(ingress[2]).toEqual({ action: 'Allow', destination: { ports: ['metrics'] } });
    expect(ingress[3]).toEqual({
      action: 'Allow',
      protocol: 'TCP',
      ipVersion: 4,
      destination: { ports: ['1:65535'], notPorts: [22] },
    });
  });

  test('conflicting protocols throw with the construct path and rule index', () => {
    const c = chart();
    const p = new GlobalNetworkPolicy(c, 'Bad');
    expect(() =>
      p.addIngressRule({ action: Action.ALLOW, protocol: Protocol.udp(), destinationPorts: Port.tcp(80) }),
    ).toThrow(/\[test\/Bad\] spec.ingress\[0\]: rule protocol UDP conflicts with port TCP 80/);
  });

  test('global() in the policy selector is refused', () => {
    expect(() => new GlobalNetworkPolicy(chart(), 'G', { selector: Selector.global() })).toThrow(
      /global\(\) is not allowed in a policy selector/,
    );
  });

  test('invalid names fail at once with the path', () => {
    expect(() => new GlobalNetworkPolicy(chart(), 'P', { name: 'a.b.c' })).toThrow(/\[test\/P\].*metadata.name/);
    expect(() => new GlobalNetworkPolicy(chart(), 'Under_Score!')).not.toThrow();
  });

  test('cluster-scoped kinds refuse an explicit namespace', () => {
    expect(() => new GlobalNetworkPolicy(chart(), 'P', { namespace: 'x' })).toThrow(/cluster-scoped/);
  });

  test('staged delete renders only tier and stagedAction', () => {
    const c = chart();
    const s = new StagedGlobalNetworkPolicy(c, 'S', { stagedAction: StagedAction.DELETE, selector: Selector.has('a') });
    s.allowIngress(Peer.any());
    const [doc] = Testing.synth(c);
    expect(doc.kind).toBe('StagedGlobalNetworkPolicy');
    expect(doc.spec).toEqual({ stagedAction: 'Delete', tier: 'default' });
  });

  test('synthesis is deterministic', () => {
    const build = () => {
      const c = chart('ns');
      const p = new GlobalNetworkPolicy(c, 'P', { selector: Selector.in('role', ['b', 'a']), order: 1.5 });
      p.allowIngress(Peer.selector(Selector.eq('x', 'y')).and(Peer.namespace(Selector.all())), Port.tcpPorts(443, 80));
      return JSON.stringify(Testing.synth(c));
    };
    expect(build()).toBe(build());
  });
});

describe('NetworkPolicy (Calico, namespaced)', () => {
  test('takes the chart namespace', () => {
    const c = chart('shop');
    const p = new NetworkPolicy(c, 'Web', { selector: Selector.eq('app', 'web') });
    p.allowIngress(Peer.namespace(Selector.eq('team', 'edge')), Port.tcp(8080));
    const [doc] = Testing.synth(c);
    expect(doc.kind).toBe('NetworkPolicy');
    expect(doc.metadata.namespace).toBe('shop');
    expect(doc.spec.ingress[0].source).toEqual({ namespaceSelector: 'team == "edge"' });
  });
  test('an explicit namespace wins', () => {
    const c = chart('shop');
    new NetworkPolicy(c, 'Web', { namespace: 'other' });
    expect(Testing.synth(c)[0].metadata.namespace).toBe('other');
  });
  test('no namespace anywhere is an error with a fix', () => {
    expect(() => new NetworkPolicy(chart(), 'Web')).toThrow(/is namespaced but no namespace was given; fix:/);
  });
  test('staged variant', () => {
    const c = chart('ns');
    new StagedNetworkPolicy(c, 'S');
    const [doc] = Testing.synth(c);
    expect(doc.kind).toBe('StagedNetworkPolicy');
    expect(doc.spec.stagedAction).toBe('Set');
  });
});

describe('object identity', () => {
  test('two objects of one kind and name in an app fail at once, naming both paths', () => {
    const app = Testing.app();
    new GlobalNetworkPolicy(new Chart(app, 'a'), 'P', { name: 'same' });
    expect(() => new GlobalNetworkPolicy(new Chart(app, 'b'), 'Q', { name: 'same' })).toThrow(
      /\[b\/Q\] metadata.name: GlobalNetworkPolicy\/same is already defined by \[a\/P\]/,
    );
  });
  test('the same name in another kind or namespace is fine', () => {
    const c = chart('x');
    new GlobalNetworkPolicy(c, 'P', { name: 'same' });
    new NetworkPolicy(c, 'Q', { name: 'same' });
    new NetworkPolicy(c, 'R', { name: 'same', namespace: 'y' });
    expect(Testing.synth(c)).toHaveLength(3);
  });
});

describe('synth-time validation under the construct path', () => {
  function synthError(build: (c: Chart) => void): string {
    const c = chart();
    build(c);
    try {
      Testing.synth(c);
    } catch (e) {
      return (e as Error).message;
    }
    throw new Error('synth did not fail');
  }
  test('ipVersion that contradicts the nets', () => {
    const msg = synthError((c) =>
      new GlobalNetworkPolicy(c, 'P').allowIngress(Peer.nets('2001:db8::/32'), Port.tcp(80), { ipVersion: 4 }),
    );
    expect(msg).toMatch(/\[test\/P\] spec.ingress\[0\]/);
    expect(msg).toMatch(/fix:/);
  });
  test('preDNAT without applyOnForward', () => {
    const msg = synthError((c) => new GlobalNetworkPolicy(c, 'P', { preDnat: true }).allowIngress(Peer.any()));
    expect(msg).toMatch(/\[test\/P\] spec.applyOnForward: .*fix: set applyOnForward: true/);
  });
  test('preDNAT with egress rules', () => {
    const msg = synthError((c) =>
      new GlobalNetworkPolicy(c, 'P', { preDnat: true, applyOnForward: true }).allowEgress(Peer.any()),
    );
    expect(msg).toMatch(/\[test\/P\] spec.egress: .*Egress rules/);
  });
  test('HTTP match on a Deny rule', () => {
    const msg = synthError((c) =>
      new GlobalNetworkPolicy(c, 'P').denyIngress(Peer.any(), Port.tcp(80), { http: { methods: ['GET'] } }),
    );
    expect(msg).toMatch(/\[test\/P\] spec.ingress\[0\].http/);
  });
  test('a service peer with ports as an egress destination', () => {
    const msg = synthError((c) =>
      new GlobalNetworkPolicy(c, 'P').allowEgress(Peer.service('kube-system', 'kube-dns'), Port.udp(53)),
    );
    expect(msg).toMatch(/\[test\/P\] spec.egress\[0\].destination/);
  });
});

describe('escape hatches', () => {
  test('the construct is its own ApiObject, and JSON patches on wire paths survive', () => {
    const c = chart();
    const p = new GlobalNetworkPolicy(c, 'P', { selector: Selector.has('a') });
    const l1 = ApiObject.of(p);
    expect(l1).toBe(p);
    expect(p.node.children).toHaveLength(0);
    l1.addJsonPatch(JsonPatch.add('/spec/performanceHints', ['AssumeNeededOnEveryNode']));
    l1.addJsonPatch(JsonPatch.add('/metadata/annotations', { owner: 'platform' }));
    const [doc] = Testing.synth(c);
    expect(doc.spec.performanceHints).toEqual(['AssumeNeededOnEveryNode']);
    expect(doc.metadata.annotations).toEqual({ owner: 'platform' });
  });
});

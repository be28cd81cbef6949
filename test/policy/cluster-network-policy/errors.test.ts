// Every eager check of the ClusterNetworkPolicy constructs, with its exact wording: the CRD's limits and CEL rules
// (priority 0-1000, 25 rules per direction, 1-25 peers, 1-25 ports, 1-25 networks as a set, isCIDR, start < end,
// port 1-65535, rule name <= 100), what Calico cannot convert (named ports outside its pattern), label selectors as
// kube-apiserver checks them, and networks peers in ingress. Each reads `[where] field: expected ..., got ...; fix:`.
import { Chart, Testing } from 'cdk8s';
import {
  ClusterNetworkPolicy,
  ClusterNetworkPolicyAction,
  ClusterNetworkPolicyTier,
  ClusterPolicyPeer,
  ClusterPolicyPort,
  ClusterPolicySubject,
  LabelSelector,
  LabelSelectorOperator,
} from '../../../lib';

const x = (v: unknown): any => v;

function policy(props: Record<string, unknown> = {}): ClusterNetworkPolicy {
  return new ClusterNetworkPolicy(new Chart(Testing.app(), 'Test'), 'P', {
    tier: ClusterNetworkPolicyTier.ADMIN,
    priority: 10,
    subject: ClusterPolicySubject.allNamespaces(),
    ...x(props),
  });
}

const rule = (n: number) => ({
  action: ClusterNetworkPolicyAction.DENY,
  peers: [ClusterPolicyPeer.namespaceNamed(`ns-${n}`)],
});

describe('priority and tier', () => {
  test.each([
    [-1, 'got -1'],
    [1001, 'got 1001'],
    [1.5, 'got 1.5'],
  ])('priority %p is refused', (priority, got) => {
    expect(() => policy({ priority })).toThrow(
      `[Test/P] priority: expected an integer 0-1000, ${got}; fix: use an integer from 0 to 1000 (lower runs first within the tier)`,
    );
  });
  test('priority 0 and 1000 are accepted', () => {
    expect(policy({ priority: 0 }).priority).toBe(0);
    expect(policy({ priority: 1000 }).priority).toBe(1000);
  });
  test('a tier in the wrong case gets "did you mean"', () => {
    expect(() => policy({ tier: 'admin' })).toThrow(
      /^\[Test\/P\] tier: expected one of "Admin", "Baseline", got the string "admin"; fix: did you mean ClusterNetworkPolicyTier\.ADMIN "Admin"\?/,
    );
  });
});

describe('rules', () => {
  test('25 rules per direction, the 26th refused', () => {
    const p = policy({ ingress: Array.from({ length: 25 }, (_, i) => rule(i)) });
    expect(p.ingressRuleCount).toBe(25);
    expect(() => p.denyFrom(ClusterPolicyPeer.allNamespaces())).toThrow(
      /^\[Test\/P\] ingress: expected at most 25 ingress rules \(the CRD's maxItems\), got one more; fix: merge rules/,
    );
    expect(() => policy({ egress: Array.from({ length: 26 }, (_, i) => rule(i)) })).toThrow(
      /\] egress: expected at most 25/,
    );
  });

  test('a rule needs 1 to 25 peers, counted after expansion', () => {
    const p = policy();
    expect(() => p.addIngressRule({ action: ClusterNetworkPolicyAction.DENY, peers: [] })).toThrow(
      /^\[Test\/P\] addIngressRule\.rule\.peers: expected an array of peers with at least 1 item, got an array \(0 items\); fix: name at least one peer/,
    );
    const peers = Array.from({ length: 26 }, (_, i) => ClusterPolicyPeer.namespaceNamed(`n${i}`));
    expect(() => p.addEgressRule({ action: ClusterNetworkPolicyAction.DENY, peers })).toThrow(
      /addEgressRule\.rule\.peers: expected at most 25 peers \(the CRD's maxItems\), got 26; fix: split the rule/,
    );
  });

  test('at most 25 ports', () => {
    const ports = Array.from({ length: 26 }, (_, i) => ClusterPolicyPort.tcp(1000 + i));
    expect(() =>
      policy().addIngressRule({
        action: ClusterNetworkPolicyAction.ACCEPT,
        peers: [ClusterPolicyPeer.allNamespaces()],
        ports,
      }),
    ).toThrow(
      /addIngressRule\.rule\.ports: expected at most 25 ports \(the CRD's maxItems\), got 26; fix: use port ranges/,
    );
  });

  test('a rule name of at most 100 characters, not empty', () => {
    const add = (name: string) => () =>
      policy().addIngressRule({
        name,
        action: ClusterNetworkPolicyAction.DENY,
        peers: [ClusterPolicyPeer.allNamespaces()],
      });
    expect(add('n'.repeat(101))).toThrow(
      /^\[Test\/P\] addIngressRule\.rule\.name: expected a rule name of at most 100 characters, got .*101 characters.*; fix: shorten it to 100 characters, or leave the name out$/,
    );
    expect(add('')).toThrow(/addIngressRule\.rule\.name: expected a rule name, got an empty string/);
  });

  test('an unknown action or rule key', () => {
    const peers = [ClusterPolicyPeer.allNamespaces()];
    expect(() => policy().addEgressRule(x({ action: 'Allow', peers }))).toThrow(
      /addEgressRule\.rule\.action: expected one of "Accept", "Deny", "Pass", got the string "Allow"/,
    );
    expect(() => policy().addEgressRule(x({ action: 'Deny', peers, protocols: [] }))).toThrow(
      /addEgressRule\.rule\.protocols: unknown property; fix: remove it \(known: action, peers, ports, name\)/,
    );
  });

  test('a networks peer in ingress is refused at the call, naming the peer', () => {
    expect(() => policy().denyFrom(ClusterPolicyPeer.networks('10.0.0.0/8'))).toThrow(
      '[Test/P] denyFrom.peer: expected a namespaces or pods peer, got a networks peer (ClusterNetworkPolicy v1alpha2 ' +
        'has no ingress networks peer); fix: name the sources with ClusterPolicyPeer.namespaces / .pods, or allow ' +
        'addresses from outside the cluster with a Calico GlobalNetworkPolicy (Peer.nets)',
    );
  });

  test('a refused rule leaves the policy unchanged', () => {
    const p = policy();
    expect(() => p.acceptTo(ClusterPolicyPeer.allNamespaces(), x(443))).toThrow(
      /acceptTo\.ports\[0\]: expected a ClusterPolicyPort/,
    );
    expect(p.egressRuleCount).toBe(0);
  });
});

describe('networks', () => {
  test.each([
    ['10.0.0.1', /no prefix length\); fix: did you mean "10\.0\.0\.1\/32"\?/],
    ['10.0.0.0/33', /fix: write the address without leading zeros and a prefix length of at most 32/],
    ['10.0.0.0/08', /got "10\.0\.0\.0\/08"/],
    ['010.0.0.0/8', /got "010\.0\.0\.0\/8"/],
    ['10.0.0.0/+8', /got "10\.0\.0\.0\/\+8"/],
    ['fe80::1%eth0/64', /got "fe80::1%eth0\/64"/],
    [
      '::ffff:10.0.0.0/104',
      /the IPv4-mapped IPv6 "::ffff:10\.0\.0\.0\/104" \(Kubernetes' isCIDR refuses it\); fix: write the IPv4 CIDR/,
    ],
    [
      '10.1.2.3/8',
      /expected a CIDR without host bits, got "10\.1\.2\.3\/8" \(Calico masks them off\); fix: use "10\.0\.0\.0\/8"/,
    ],
    ['fd00::1/8', /fix: use "fd00::\/8"/],
  ])('%s is refused', (cidr, message) => {
    expect(() => ClusterPolicyPeer.networks(cidr)).toThrow(/^\[ClusterPolicyPeer\.networks\] cidrs\[0\]: /);
    expect(() => ClusterPolicyPeer.networks(cidr)).toThrow(message);
  });
  test('IPv4, IPv6, /0 and host prefixes are accepted', () => {
    expect(ClusterPolicyPeer.networks('0.0.0.0/0', '::/0', '192.0.2.7/32', '2001:db8::/32').toJson()).toEqual({
      networks: ['0.0.0.0/0', '::/0', '192.0.2.7/32', '2001:db8::/32'],
    });
  });
  test('1 to 25, no repeats', () => {
    expect(() => ClusterPolicyPeer.networks()).toThrow(/cidrs: expected an array of CIDRs with at least 1 item/);
    const many = Array.from({ length: 26 }, (_, i) => `10.0.${i}.0/24`);
    expect(() => ClusterPolicyPeer.networks(...many)).toThrow(
      /cidrs: expected at most 25 CIDRs \(the CRD's maxItems\), got 26; fix: split them over several networks peers/,
    );
    expect(ClusterPolicyPeer.networks(...many.slice(0, 25)).toJson().networks).toHaveLength(25);
    expect(() => ClusterPolicyPeer.networks('10.0.0.0/8', '10.0.0.0/8')).toThrow(
      '[ClusterPolicyPeer.networks] cidrs[1]: expected distinct CIDRs (the CRD\'s list type is a set), got "10.0.0.0/8" again (first at cidrs[0]); fix: remove the repeat',
    );
  });
});

describe('ports', () => {
  test.each([
    [() => ClusterPolicyPort.tcp(0), '[ClusterPolicyPort.tcp] port: expected an integer 1-65535, got 0'],
    [() => ClusterPolicyPort.udp(65536), '[ClusterPolicyPort.udp] port: expected an integer 1-65535, got 65536'],
    [() => ClusterPolicyPort.sctp(1.5), '[ClusterPolicyPort.sctp] port: expected an integer 1-65535, got 1.5'],
    [() => ClusterPolicyPort.tcpRange(0, 10), '[ClusterPolicyPort.tcpRange] start: expected an integer 1-65535, got 0'],
    [
      () => ClusterPolicyPort.udpRange(100, 100),
      '[ClusterPolicyPort.udpRange] end: expected end above start, got 100-100 (the CRD refuses it); fix: use ClusterPolicyPort.udp(100)',
    ],
    [
      () => ClusterPolicyPort.sctpRange(200, 100),
      '[ClusterPolicyPort.sctpRange] end: expected end above start, got 200-100 (the CRD refuses it); fix: swap the bounds',
    ],
  ])('%#: %s', (make, message) => {
    expect(make).toThrow(message);
  });

  test.each(['web port', 'metrics!', 'x'.repeat(129), ''])(
    'named port %p is refused (Calico fails it closed)',
    (name) => {
      expect(() => ClusterPolicyPort.named(name)).toThrow(/^\[ClusterPolicyPort\.named\] name: expected /);
    },
  );
  test('named ports Calico converts, all-digit ones included', () => {
    expect(ClusterPolicyPort.named('metrics_v2.tls-x').toJson()).toEqual({ destinationNamedPort: 'metrics_v2.tls-x' });
    expect(ClusterPolicyPort.named('8080').toJson()).toEqual({ destinationNamedPort: '8080' });
    expect(ClusterPolicyPort.named('n'.repeat(128)).description).toBe(`named ${'n'.repeat(128)}`);
  });
});

describe('label selectors', () => {
  test('In and NotIn need values; Exists and DoesNotExist take none', () => {
    expect(() => LabelSelector.all().withExpression('team', LabelSelectorOperator.IN)).toThrow(
      '[LabelSelector.withExpression] expression.values: expected at least one value for In, got an array (0 items); fix: list the label values',
    );
    expect(() => LabelSelector.all().withExpression('team', LabelSelectorOperator.EXISTS, 'a')).toThrow(
      '[LabelSelector.withExpression] expression.values: expected no values for Exists, got an array (1 item); fix: remove the values',
    );
  });
  test('an operator outside the four cannot be written', () => {
    expect(() => LabelSelector.of(x({ matchExpressions: [{ key: 'a', operator: 'Equals', values: ['b'] }] }))).toThrow(
      /^\[LabelSelector\.of\] matchExpressions\[0\]\.operator: expected one of "In", "NotIn", "Exists", "DoesNotExist", got the string "Equals"/,
    );
    expect(() => LabelSelector.of(x({ matchExpressions: [{ key: 'a', operator: 'in', values: ['b'] }] }))).toThrow(
      /fix: did you mean LabelSelectorOperator\.IN "In"\? values are case-sensitive/,
    );
  });
  test('keys and values as kube-apiserver checks them', () => {
    expect(() => LabelSelector.all().withExpression('bad key', LabelSelectorOperator.EXISTS)).toThrow(
      /expression\.key: expected a label key such as "team" or "example\.com\/team", got the string "bad key"; fix: fix the key/,
    );
    expect(() => LabelSelector.all().withExpression('team', LabelSelectorOperator.IN, "it's")).toThrow(
      /expression\.values\[0\]: expected a label value .*, got the string "it's"/,
    );
    expect(() => LabelSelector.matchLabels({ team: 'a b' })).toThrow(/\[LabelSelector\.matchLabels\] labels\["team"\]/);
  });
  test('the selector JSON, and emptiness', () => {
    expect(LabelSelector.all().toJson()).toEqual({});
    expect(LabelSelector.all().isEmpty).toBe(true);
    const s = LabelSelector.of({
      matchLabels: { a: 'b' },
      matchExpressions: [{ key: 'c', operator: LabelSelectorOperator.NOT_IN, values: ['d'] }],
    });
    expect(s.isEmpty).toBe(false);
    expect(s.toJson()).toEqual({
      matchLabels: { a: 'b' },
      matchExpressions: [{ key: 'c', operator: 'NotIn', values: ['d'] }],
    });
  });
});

describe('names', () => {
  test('an id that makes no DNS name, and an explicit bad name', () => {
    expect(() => new ClusterNetworkPolicy(new Chart(Testing.app(), 'T'), '--', x('nope'))).toThrow(
      /^\[T\/--\] props: expected a props object \{ tier, priority, subject, \.\.\. \}, got the string "nope"/,
    );
    const base = { tier: ClusterNetworkPolicyTier.ADMIN, priority: 1, subject: ClusterPolicySubject.allNamespaces() };
    expect(() => new ClusterNetworkPolicy(new Chart(Testing.app(), 'T'), '--', base)).toThrow(
      /^\[T\/--\] id: expected a ClusterNetworkPolicy name \(a DNS-1123 subdomain\), got an empty string/,
    );
    expect(() => new ClusterNetworkPolicy(new Chart(Testing.app(), 'T'), 'P', { ...base, name: 'Bad_Name' })).toThrow(
      /^\[T\/P\] name: expected a ClusterNetworkPolicy name: a DNS-1123 subdomain, got the string "Bad_Name"/,
    );
  });
  test('two policies of one name in one cluster', () => {
    const c = new Chart(Testing.app(), 'T');
    const base = { tier: ClusterNetworkPolicyTier.ADMIN, priority: 1, subject: ClusterPolicySubject.allNamespaces() };
    new ClusterNetworkPolicy(c, 'A', { ...base, name: 'guard' });
    expect(() => new ClusterNetworkPolicy(c, 'B', { ...base, name: 'guard' })).toThrow(
      '[T/B] metadata.name: ClusterNetworkPolicy/guard is already defined by [T/A]; fix: pass a different `name`',
    );
  });
});

// ClusterNetworkPolicy as it synthesizes: every field of the manifest checked (name from the id, no namespace,
// tier, priority, subject, rules in order with names, peers and protocols), the synthesized object validated by
// Testing.synth (test/setup/validate-every-synth.ts), and converted by the ground floor's converter exactly as
// Calico would, with nothing failed closed.
import { Chart, JsonPatch, Testing } from 'cdk8s';
import {
  ClusterNetworkPolicy,
  ClusterNetworkPolicyAction,
  ClusterNetworkPolicyProps,
  ClusterNetworkPolicyTier,
  ClusterPolicyPeer,
  ClusterPolicyPort,
  ClusterPolicySubject,
  LabelSelector,
  LabelSelectorOperator,
} from '../../../lib';
import { clusterNetworkPolicyToCalico } from '../../../lib/model/policy/cluster-network-policy';

const admin = (props: Partial<ClusterNetworkPolicyProps> = {}): ClusterNetworkPolicyProps => ({
  tier: ClusterNetworkPolicyTier.ADMIN,
  priority: 10,
  subject: ClusterPolicySubject.namespaces({ tenant: 'blue' }),
  ...props,
});

function chart(namespace?: string): Chart {
  return new Chart(Testing.app(), 'Test', namespace ? { namespace } : {});
}

function synthOne(c: Chart): any {
  const docs = Testing.synth(c).filter((d: any) => d.kind === 'ClusterNetworkPolicy');
  expect(docs).toHaveLength(1);
  return docs[0];
}

describe('identity', () => {
  test('apiVersion and kind of the standard channel; name from the construct id; never a namespace', () => {
    const c = chart('shop'); // a chart namespace must not leak onto a cluster-scoped object
    new ClusterNetworkPolicy(c, 'TenantIsolation', admin()).denyFrom(ClusterPolicyPeer.allNamespaces());
    const doc = synthOne(c);
    expect(doc.apiVersion).toBe('policy.networking.k8s.io/v1alpha2');
    expect(doc.kind).toBe('ClusterNetworkPolicy');
    expect(doc.metadata).toEqual({ name: 'tenant-isolation' });
  });

  test('an explicit name, labels and annotations', () => {
    const c = chart();
    const p = new ClusterNetworkPolicy(
      c,
      'P',
      admin({ name: 'guard.rails', labels: { team: 'platform' }, annotations: { owner: 'net' } }),
    );
    p.denyFrom(ClusterPolicyPeer.allNamespaces());
    expect(p.name).toBe('guard.rails');
    const doc = synthOne(c);
    expect(doc.metadata).toEqual({ name: 'guard.rails', labels: { team: 'platform' }, annotations: { owner: 'net' } });
  });

  test('instanceof is not fooled by other ApiObjects', () => {
    const c = chart();
    const p = new ClusterNetworkPolicy(c, 'P', admin());
    p.denyFrom(ClusterPolicyPeer.allNamespaces());
    expect(p instanceof ClusterNetworkPolicy).toBe(true);
    expect((c as unknown) instanceof ClusterNetworkPolicy).toBe(false);
  });
});

describe('spec', () => {
  test('tier, priority and subject as given', () => {
    const c = chart();
    new ClusterNetworkPolicy(c, 'P', {
      tier: ClusterNetworkPolicyTier.BASELINE,
      priority: 1000,
      subject: ClusterPolicySubject.allNamespaces(),
    }).denyTo(ClusterPolicyPeer.networks('0.0.0.0/0'));
    const { spec } = synthOne(c);
    expect(spec.tier).toBe('Baseline');
    expect(spec.priority).toBe(1000);
    expect(spec.subject).toEqual({ namespaces: {} });
    expect(spec.ingress).toBeUndefined();
  });

  test('a pods subject carries both selectors (an absent namespace selector is every namespace)', () => {
    const c = chart();
    new ClusterNetworkPolicy(c, 'P', admin({ subject: ClusterPolicySubject.pods({ app: 'web' }) })).denyFrom(
      ClusterPolicyPeer.allNamespaces(),
    );
    expect(synthOne(c).spec.subject).toEqual({
      pods: { namespaceSelector: {}, podSelector: { matchLabels: { app: 'web' } } },
    });
  });

  test('rules keep their order: props first, then the methods, per direction', () => {
    const c = chart();
    const p = new ClusterNetworkPolicy(
      c,
      'P',
      admin({
        ingress: [
          { name: 'first', action: ClusterNetworkPolicyAction.PASS, peers: [ClusterPolicyPeer.namespaceNamed('ops')] },
        ],
        egress: [{ action: ClusterNetworkPolicyAction.ACCEPT, peers: [ClusterPolicyPeer.namespaceNamed('db')] }],
      }),
    );
    p.acceptFrom(ClusterPolicyPeer.namespaces({ team: 'a' }), ClusterPolicyPort.tcp(443));
    p.denyFrom(ClusterPolicyPeer.allNamespaces());
    p.passTo(ClusterPolicyPeer.pods({ app: 'cache' }, { team: 'b' }), ClusterPolicyPort.udpRange(5000, 5100));
    p.denyTo(ClusterPolicyPeer.networks('10.0.0.0/8', 'fd00::/8'));
    expect(p.ingressRuleCount).toBe(3);
    expect(p.egressRuleCount).toBe(3);
    const { spec } = synthOne(c);
    expect(spec.ingress).toEqual([
      {
        name: 'first',
        action: 'Pass',
        from: [{ namespaces: { matchLabels: { 'kubernetes.io/metadata.name': 'ops' } } }],
      },
      {
        action: 'Accept',
        from: [{ namespaces: { matchLabels: { team: 'a' } } }],
        protocols: [{ tcp: { destinationPort: { number: 443 } } }],
      },
      { action: 'Deny', from: [{ namespaces: {} }] },
    ]);
    expect(spec.egress).toEqual([
      { action: 'Accept', to: [{ namespaces: { matchLabels: { 'kubernetes.io/metadata.name': 'db' } } }] },
      {
        action: 'Pass',
        to: [
          {
            pods: { namespaceSelector: { matchLabels: { team: 'b' } }, podSelector: { matchLabels: { app: 'cache' } } },
          },
        ],
        protocols: [{ udp: { destinationPort: { range: { start: 5000, end: 5100 } } } }],
      },
      { action: 'Deny', to: [{ networks: ['10.0.0.0/8', 'fd00::/8'] }] },
    ]);
  });

  test('every kind of port, and selectors with expressions', () => {
    const c = chart();
    const ns = LabelSelector.matchLabels({ env: 'prod' })
      .withExpression('tenant', LabelSelectorOperator.IN, 'a', 'b')
      .withExpression('legacy', LabelSelectorOperator.DOES_NOT_EXIST);
    new ClusterNetworkPolicy(c, 'P', admin()).addEgressRule({
      name: 'x'.repeat(100),
      action: ClusterNetworkPolicyAction.ACCEPT,
      peers: [ClusterPolicyPeer.namespacesMatching(ns), ClusterPolicyPeer.podsMatching(LabelSelector.all())],
      ports: [
        ClusterPolicyPort.tcp(80),
        ClusterPolicyPort.udp(53),
        ClusterPolicyPort.sctp(9003),
        ClusterPolicyPort.tcpRange(1, 65535),
        ClusterPolicyPort.sctpRange(9000, 9005),
        ClusterPolicyPort.named('metrics'),
      ],
    });
    const [rule] = synthOne(c).spec.egress;
    expect(rule.name).toHaveLength(100);
    expect(rule.to).toEqual([
      {
        namespaces: {
          matchLabels: { env: 'prod' },
          matchExpressions: [
            { key: 'tenant', operator: 'In', values: ['a', 'b'] },
            { key: 'legacy', operator: 'DoesNotExist' },
          ],
        },
      },
      { pods: { namespaceSelector: {}, podSelector: {} } },
    ]);
    expect(rule.protocols).toEqual([
      { tcp: { destinationPort: { number: 80 } } },
      { udp: { destinationPort: { number: 53 } } },
      { sctp: { destinationPort: { number: 9003 } } },
      { tcp: { destinationPort: { range: { start: 1, end: 65535 } } } },
      { sctp: { destinationPort: { range: { start: 9000, end: 9005 } } } },
      { destinationNamedPort: 'metrics' },
    ]);
  });

  test('a rule without ports has no protocols (every protocol and port); an empty list means the same', () => {
    const c = chart();
    new ClusterNetworkPolicy(c, 'P', admin()).addIngressRule({
      action: ClusterNetworkPolicyAction.DENY,
      peers: [ClusterPolicyPeer.allNamespaces()],
      ports: [],
    });
    expect(synthOne(c).spec.ingress[0]).toEqual({ action: 'Deny', from: [{ namespaces: {} }] });
  });

  test('rules added after construction still reach the manifest (the spec renders at synth)', () => {
    const c = chart();
    const p = new ClusterNetworkPolicy(c, 'P', admin());
    p.denyFrom(ClusterPolicyPeer.allNamespaces());
    Testing.synth(c);
    p.acceptTo(ClusterPolicyPeer.allNamespaces());
    expect(synthOne(c).spec.egress).toEqual([{ action: 'Accept', to: [{ namespaces: {} }] }]);
  });
});

describe('what Calico makes of it', () => {
  test('the converter takes every rule: nothing fails closed, no problems; tier, order and actions carried', () => {
    const c = chart();
    const p = new ClusterNetworkPolicy(c, 'Guard', admin({ priority: 42 }));
    p.acceptFrom(
      ClusterPolicyPeer.pods({ app: 'prometheus' }, { name: 'monitoring' }),
      ClusterPolicyPort.named('metrics'),
    );
    p.denyFrom(
      ClusterPolicyPeer.namespacesMatching(
        LabelSelector.all()
          .withExpression('tenant', LabelSelectorOperator.EXISTS)
          .withExpression('tenant', LabelSelectorOperator.NOT_IN, 'blue'),
      ),
    );
    p.passTo(ClusterPolicyPeer.allNamespaces());
    p.denyTo(ClusterPolicyPeer.networks('0.0.0.0/0', '::/0'), ClusterPolicyPort.tcp(25));
    const conversion = clusterNetworkPolicyToCalico(synthOne(c));
    expect(conversion.failedRules).toEqual([]);
    expect(conversion.problems).toEqual([]);
    const gnp = conversion.policy as any;
    expect(gnp.metadata.name).toBe('guard');
    expect(gnp.spec.tier).toBe('kube-admin');
    expect(gnp.spec.order).toBe(42);
    expect(gnp.spec.types).toEqual(['Ingress', 'Egress']);
    expect(gnp.spec.ingress.map((r: any) => r.action)).toEqual(['Allow', 'Deny']);
    expect(gnp.spec.egress.map((r: any) => r.action)).toEqual(['Pass', 'Deny']);
  });
});

describe('synth-time checks', () => {
  test('an escape hatch that breaks the object fails synth under the construct path (validateObject on the output)', () => {
    const c = chart();
    const p = new ClusterNetworkPolicy(c, 'Patched', admin());
    p.denyFrom(ClusterPolicyPeer.allNamespaces());
    p.addJsonPatch(JsonPatch.replace('/spec/priority', 5000));
    const errors = c.node.findAll().flatMap((n) => n.node.validate());
    expect(errors).toEqual([
      expect.stringMatching(/^ClusterNetworkPolicy\/patched spec\.priority: .*less than or equal to 1000/),
    ]);
  });

  test('a policy without rules fails synth: it would affect no traffic', () => {
    const c = chart();
    new ClusterNetworkPolicy(c, 'Empty', admin());
    expect(() => Testing.synth(c)).toThrow(
      /\[Test\/Empty\] spec: ClusterNetworkPolicy empty has no rules.*fix: add a rule/,
    );
  });
});

test("the README's snippet synthesizes what it says", () => {
  const chart = new Chart(Testing.app(), 'readme');
  const dns = new ClusterNetworkPolicy(chart, 'AllowDns', {
    tier: ClusterNetworkPolicyTier.ADMIN,
    priority: 10, // 0-1000, lower first within the tier
    subject: ClusterPolicySubject.allNamespaces(),
  });
  const kubeDns = ClusterPolicyPeer.pods({ 'k8s-app': 'kube-dns' }, { 'kubernetes.io/metadata.name': 'kube-system' });
  dns.acceptTo(kubeDns, ClusterPolicyPort.udp(53), ClusterPolicyPort.tcp(53));

  const blue = new ClusterNetworkPolicy(chart, 'TenantIsolationBlue', {
    tier: ClusterNetworkPolicyTier.ADMIN,
    priority: 100,
    subject: ClusterPolicySubject.namespaces({ tenant: 'blue' }),
  });
  const otherTenants = LabelSelector.all()
    .withExpression('tenant', LabelSelectorOperator.EXISTS)
    .withExpression('tenant', LabelSelectorOperator.NOT_IN, 'blue');
  blue.addIngressRule({
    name: 'deny-other-tenants',
    action: ClusterNetworkPolicyAction.DENY,
    peers: [ClusterPolicyPeer.namespacesMatching(otherTenants)],
  });

  const docs = Testing.synth(chart);
  expect(docs.map((d: any) => `${d.spec.tier}/${d.spec.priority}/${d.metadata.name}`)).toEqual([
    'Admin/10/allow-dns',
    'Admin/100/tenant-isolation-blue',
  ]);
  expect(docs[0].spec.egress[0].protocols).toHaveLength(2);
  expect(docs[1].spec.ingress[0].from[0].namespaces.matchExpressions).toHaveLength(2);
});

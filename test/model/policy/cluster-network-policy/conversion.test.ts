// ClusterNetworkPolicy -> GlobalNetworkPolicy, as Calico 3.32.1 converts it
// (libcalico-go/lib/backend/k8s/conversion/clusternetworkpolicy.go). The cases marked "upstream" transcribe
// libcalico-go/lib/backend/k8s/conversion/clusternetworkpolicy_test.go (projectcalico/calico); the stored copy of that
// test predates the v0.2.0 `protocols` shape (it used `ports`, defaulting to TCP), so its port entries are written
// here as `protocols: [{tcp: ...}]` with the same expected Calico rules.
import {
  clusterNetworkPolicyToCalico,
  clusterNetworkPolicyView,
  KubernetesConversionError,
} from '../../../../lib/model/policy';

const cnp = (spec: Record<string, unknown>, name = 'test.policy') => ({
  apiVersion: 'policy.networking.k8s.io/v1alpha2',
  kind: 'ClusterNetworkPolicy',
  metadata: { name },
  spec,
});
const adminNs = (labels: Record<string, string>, rest: Record<string, unknown>) =>
  cnp({ tier: 'Admin', priority: 100, subject: { namespaces: { matchLabels: labels } }, ...rest });
const ruleName = (name: string) => ({ annotations: { name } });
const spec = (c: ReturnType<typeof clusterNetworkPolicyToCalico>) => (c.policy as { spec: any }).spec;
const tcp = (number: number) => ({ tcp: { destinationPort: { number } } });
const tcpRange = (start: number, end: number) => ({ tcp: { destinationPort: { range: { start, end } } } });

describe('clusterNetworkPolicyToCalico: upstream clusternetworkpolicy_test.go', () => {
  test('upstream "should parse a basic k8s ClusterNetworkPolicy to a GlobalNetworkPolicy"', () => {
    const c = clusterNetworkPolicyToCalico(
      adminNs(
        { label: 'value', label2: 'value2' },
        {
          ingress: [
            {
              name: 'The first ingress rule',
              action: 'Accept',
              protocols: [tcp(80)],
              from: [{ namespaces: { matchLabels: { k: 'v', k2: 'v2' } } }],
            },
          ],
        },
      ),
    );
    expect(c.policy).toEqual({
      apiVersion: 'projectcalico.org/v3',
      kind: 'GlobalNetworkPolicy',
      metadata: { name: 'test.policy' },
      spec: {
        tier: 'kube-admin',
        order: 100,
        namespaceSelector: "label == 'value' && label2 == 'value2'",
        selector: "projectcalico.org/orchestrator == 'k8s'",
        types: ['Ingress'],
        ingress: [
          {
            action: 'Allow',
            protocol: 'TCP',
            source: { namespaceSelector: "k == 'v' && k2 == 'v2'" },
            destination: { ports: [80] },
            metadata: ruleName('The first ingress rule'),
          },
        ],
      },
    });
    expect(c.failedRules).toEqual([]);
    expect(c.problems).toEqual([]);
  });

  test('upstream "should drop rules with invalid action": Log and Drop are dropped (neither Deny nor Pass)', () => {
    const ports = [tcp(80), tcpRange(2000, 3000)];
    const c = clusterNetworkPolicyToCalico(
      adminNs(
        { label: 'value' },
        {
          priority: 300,
          ingress: [
            { name: 'A random ingress rule', action: 'Log', from: [{ namespaces: { matchLabels: { k: 'v' } } }] },
            {
              name: 'A random ingress rule 2',
              action: 'Accept',
              protocols: ports,
              from: [{ namespaces: { matchLabels: { k10: 'v10', k20: 'v20' } } }],
            },
          ],
          egress: [
            {
              name: 'A random egress rule',
              action: 'Deny',
              protocols: ports,
              to: [{ namespaces: { matchLabels: { k3: 'v3', k4: 'v4' } } }],
            },
            { name: 'A random egress rule 2', action: 'Drop', to: [{ namespaces: { matchLabels: { k30: 'v30' } } }] },
          ],
        },
      ),
    );
    expect(spec(c).ingress).toEqual([
      {
        action: 'Allow',
        protocol: 'TCP',
        source: { namespaceSelector: "k10 == 'v10' && k20 == 'v20'" },
        destination: { ports: [80, '2000:3000'] },
        metadata: ruleName('A random ingress rule 2'),
      },
    ]);
    expect(spec(c).egress).toEqual([
      {
        action: 'Deny',
        protocol: 'TCP',
        source: {},
        destination: { namespaceSelector: "k3 == 'v3' && k4 == 'v4'", ports: [80, '2000:3000'] },
        metadata: ruleName('A random egress rule'),
      },
    ]);
    expect(c.failedRules).toEqual([
      expect.objectContaining({ direction: 'ingress', index: 0, action: 'Log', outcome: 'dropped' }),
      expect.objectContaining({ direction: 'egress', index: 1, action: 'Drop', outcome: 'dropped' }),
    ]);
    expect(c.failedRules[0].reason).toMatch(/unsupported cluster network policy action "Log"/);
  });

  test('upstream "should parse a k8s ClusterNetworkPolicy with no ports": no protocols, no ports', () => {
    const c = clusterNetworkPolicyToCalico(
      adminNs(
        { label: 'value' },
        {
          ingress: [{ name: 'in', action: 'Pass', from: [{ namespaces: { matchLabels: { k: 'v' } } }] }],
          egress: [{ name: 'out', action: 'Deny', to: [{ namespaces: { matchLabels: { k3: 'v3' } } }] }],
        },
      ),
    );
    expect(spec(c).ingress).toEqual([
      { action: 'Pass', source: { namespaceSelector: "k == 'v'" }, destination: {}, metadata: ruleName('in') },
    ]);
    expect(spec(c).egress).toEqual([
      { action: 'Deny', source: {}, destination: { namespaceSelector: "k3 == 'v3'" }, metadata: ruleName('out') },
    ]);
  });

  test('upstream "should drop rules with invalid ports": a bad range fails the rule closed', () => {
    // start > end cannot pass the CRD (self.start < self.end) but Calico still has to convert it.
    const bad = [tcp(80), tcpRange(1000, 10)];
    const good = [tcp(80), tcpRange(2000, 3000)];
    const c = clusterNetworkPolicyToCalico(
      adminNs(
        { label: 'value' },
        {
          ingress: [
            { action: 'Accept', protocols: bad, from: [{ namespaces: { matchLabels: { k: 'v' } } }] },
            { action: 'Pass', protocols: good, from: [{ namespaces: { matchLabels: { k10: 'v10' } } }] },
          ],
          egress: [
            { action: 'Deny', protocols: good, to: [{ namespaces: { matchLabels: { k3: 'v3' } } }] },
            { action: 'Accept', protocols: bad, to: [{ namespaces: { matchLabels: { k30: 'v30' } } }] },
            { action: 'Pass', protocols: bad, to: [{ namespaces: { matchLabels: { k40: 'v40' } } }] },
          ],
        },
      ),
    );
    expect(spec(c).ingress).toEqual([
      {
        action: 'Pass',
        protocol: 'TCP',
        source: { namespaceSelector: "k10 == 'v10'" },
        destination: { ports: [80, '2000:3000'] },
      },
    ]);
    // The Accept is dropped; the Pass is replaced in place by an unconditional Deny.
    expect(spec(c).egress).toEqual([
      {
        action: 'Deny',
        protocol: 'TCP',
        source: {},
        destination: { namespaceSelector: "k3 == 'v3'", ports: [80, '2000:3000'] },
      },
      { action: 'Deny' },
    ]);
    expect(c.failedRules.map((f) => [f.direction, f.index, f.outcome, f.field])).toEqual([
      ['ingress', 0, 'dropped', 'spec.ingress[0].protocols[1].tcp.destinationPort.range'],
      ['egress', 1, 'dropped', 'spec.egress[1].protocols[1].tcp.destinationPort.range'],
      ['egress', 2, 'deny-all', 'spec.egress[2].protocols[1].tcp.destinationPort.range'],
    ]);
    expect(c.failedRules[0].reason).toMatch(/minimum port number \(1000\) is greater than maximum port number \(10\)/);
  });

  test('upstream "should parse an ClusterNetworkPolicy with no rules": no types', () => {
    const c = clusterNetworkPolicyToCalico(adminNs({ label: 'value', label2: 'value2' }, { priority: 500 }));
    expect(spec(c)).toEqual({
      tier: 'kube-admin',
      order: 500,
      namespaceSelector: "label == 'value' && label2 == 'value2'",
      selector: "projectcalico.org/orchestrator == 'k8s'",
    });
  });

  test('upstream "Namespaces subject and multiple peers" and "Pods subject and multiple peers"', () => {
    const rules = {
      ingress: [
        {
          action: 'Pass',
          from: [{ namespaces: { matchLabels: { k: 'v' } } }, { pods: { podSelector: { matchLabels: { k2: 'v2' } } } }],
        },
      ],
      egress: [
        {
          action: 'Deny',
          to: [
            { namespaces: { matchLabels: { k3: 'v3' } } },
            { pods: { namespaceSelector: { matchLabels: { k4: 'v4' } }, podSelector: { matchLabels: { k5: 'v5' } } } },
          ],
        },
      ],
    };
    for (const subject of [
      { namespaces: { matchLabels: { label: 'value', label2: 'value2' } } },
      { pods: { podSelector: { matchLabels: { label2: 'value2' } } } },
    ]) {
      const s = spec(clusterNetworkPolicyToCalico(cnp({ tier: 'Admin', priority: 600, subject, ...rules })));
      expect(s.ingress.map((r: any) => r.source)).toEqual([
        { namespaceSelector: "k == 'v'" },
        { namespaceSelector: 'all()', selector: "projectcalico.org/orchestrator == 'k8s' && k2 == 'v2'" },
      ]);
      expect(s.egress.map((r: any) => r.destination)).toEqual([
        { namespaceSelector: "k3 == 'v3'" },
        { namespaceSelector: "k4 == 'v4'", selector: "projectcalico.org/orchestrator == 'k8s' && k5 == 'v5'" },
      ]);
      expect(s.types).toEqual(['Ingress', 'Egress']);
    }
    const pods = spec(
      clusterNetworkPolicyToCalico(
        cnp({
          tier: 'Admin',
          priority: 600,
          subject: { pods: { podSelector: { matchLabels: { label2: 'value2' } } } },
        }),
      ),
    );
    expect([pods.namespaceSelector, pods.selector]).toEqual([
      'all()',
      "projectcalico.org/orchestrator == 'k8s' && label2 == 'value2'",
    ]);
  });

  test('upstream "with a DoesNotExist expression"', () => {
    const c = clusterNetworkPolicyToCalico(
      cnp({
        tier: 'Admin',
        priority: 600,
        subject: { pods: { podSelector: { matchLabels: { label: 'value', label2: 'value2' } } } },
        ingress: [
          {
            action: 'Accept',
            protocols: [tcp(80)],
            from: [{ pods: { podSelector: { matchExpressions: [{ key: 'toast', operator: 'DoesNotExist' }] } } }],
          },
        ],
      }),
    );
    expect(spec(c).selector).toBe("projectcalico.org/orchestrator == 'k8s' && label == 'value' && label2 == 'value2'");
    expect(spec(c).ingress[0].source).toEqual({
      namespaceSelector: 'all()',
      selector: "projectcalico.org/orchestrator == 'k8s' && ! has(toast)",
    });
  });

  test('upstream "with multiple peers and ports": one rule per (protocol x peer), protocols outermost, sorted', () => {
    const c = clusterNetworkPolicyToCalico(
      adminNs(
        { label: 'value' },
        {
          ingress: [
            {
              action: 'Pass',
              protocols: [tcp(80), { udp: { destinationPort: { range: { start: 20, end: 30 } } } }],
              from: [
                { namespaces: { matchLabels: { k: 'v' } } },
                { pods: { podSelector: { matchLabels: { k2: 'v2' } } } },
              ],
            },
          ],
        },
      ),
    );
    expect(spec(c).ingress.map((r: any) => [r.protocol, r.destination.ports, r.source.namespaceSelector])).toEqual([
      ['TCP', [80], "k == 'v'"],
      ['TCP', [80], 'all()'],
      ['UDP', ['20:30'], "k == 'v'"],
      ['UDP', ['20:30'], 'all()'],
    ]);
  });

  test('upstream "empty namespaces in Subject" / "empty podSelector in Subject": all namespaces, pods only', () => {
    for (const subject of [{ namespaces: {} }, { pods: { podSelector: {} } }]) {
      const s = spec(clusterNetworkPolicyToCalico(cnp({ tier: 'Admin', priority: 500, subject })));
      expect([s.namespaceSelector, s.selector]).toEqual(['all()', "projectcalico.org/orchestrator == 'k8s'"]);
    }
  });
});

describe('clusterNetworkPolicyToCalico: upstream clusternetworkpolicy_test.go, rule peers', () => {
  const podSubject = { pods: { podSelector: { matchLabels: { label: 'value' } } } };
  const convert = (rest: Record<string, unknown>, subject: any = podSubject) =>
    clusterNetworkPolicyToCalico(cnp({ tier: 'Admin', priority: 600, subject, ...rest }));

  test('upstream "with a rule with namespaceSelector" and "with a rule with podSelector"', () => {
    const ns = convert({
      ingress: [
        { action: 'Accept', from: [{ namespaces: { matchLabels: { namespaceRole: 'dev', namespaceFoo: 'bar' } } }] },
      ],
    });
    expect([spec(ns).selector, spec(ns).namespaceSelector]).toEqual([
      "projectcalico.org/orchestrator == 'k8s' && label == 'value'",
      'all()',
    ]);
    expect(spec(ns).ingress[0].source).toEqual({
      namespaceSelector: "namespaceFoo == 'bar' && namespaceRole == 'dev'",
    });
    const pods = convert({
      egress: [
        {
          action: 'Accept',
          to: [{ pods: { podSelector: { matchLabels: { namespaceRole: 'dev', namespaceFoo: 'bar' } } } }],
        },
      ],
    });
    expect(spec(pods).egress[0].destination).toEqual({
      namespaceSelector: 'all()',
      selector: "projectcalico.org/orchestrator == 'k8s' && namespaceFoo == 'bar' && namespaceRole == 'dev'",
    });
    expect(spec(pods).types).toEqual(['Egress']);
  });

  test('upstream "should faild parsing ... neither namespaces or pods set": Accept dropped, Pass -> Deny', () => {
    const c = convert({ ingress: [{ action: 'Accept', from: [{}] }], egress: [{ action: 'Pass', to: [{}] }] });
    expect(spec(c).ingress).toBeUndefined();
    expect(spec(c).egress).toEqual([{ action: 'Deny' }]);
    expect(c.failedRules.map((f) => f.reason)).toEqual([
      "none of supported fields in 'From' is set (the peer is empty)",
      "none of supported fields in 'To' is set (the peer is empty)",
    ]);
  });

  test('upstream "with a rule with empty namespaceSelector" / "empty podSelector" / "both Namespaces and Pods"', () => {
    expect(
      spec(convert({ ingress: [{ action: 'Accept', from: [{ namespaces: { matchLabels: {} } }] }] })).ingress[0].source,
    ).toEqual({
      namespaceSelector: 'all()',
    });
    expect(
      spec(
        convert({
          egress: [
            {
              action: 'Pass',
              to: [{ pods: { namespaceSelector: { matchLabels: {} }, podSelector: { matchLabels: {} } } }],
            },
          ],
        }),
      ).egress[0].destination,
    ).toEqual({ namespaceSelector: 'all()', selector: "projectcalico.org/orchestrator == 'k8s'" });
    const both = convert({
      ingress: [
        {
          action: 'Deny',
          from: [
            {
              pods: {
                namespaceSelector: { matchLabels: { namespaceRole: 'dev', namespaceFoo: 'bar' } },
                podSelector: { matchLabels: { podA: 'B', podC: 'D' } },
              },
            },
          ],
        },
      ],
    });
    expect(spec(both).ingress[0].source).toEqual({
      namespaceSelector: "namespaceFoo == 'bar' && namespaceRole == 'dev'",
      selector: "projectcalico.org/orchestrator == 'k8s' && podA == 'B' && podC == 'D'",
    });
  });

  test('upstream "with a Subject with MatchExpressions"', () => {
    const c = convert({}, { namespaces: { matchExpressions: [{ key: 'k', operator: 'In', values: ['v1', 'v2'] }] } });
    expect([spec(c).namespaceSelector, spec(c).selector]).toEqual([
      "k in { 'v1', 'v2' }",
      "projectcalico.org/orchestrator == 'k8s'",
    ]);
  });

  test('upstream "should replace an unsupported rule with Deny action with a deny-all one"', () => {
    const bad = [{ udp: { destinationPort: { range: { start: 40, end: 20 } } } }];
    const c = convert(
      {
        ingress: [
          { action: 'Pass', protocols: bad, from: [{ namespaces: { matchLabels: { k: 'v' } } }] },
          { action: 'Accept', protocols: bad, from: [{ namespaces: { matchLabels: { k: 'v' } } }] },
        ],
        egress: [
          { action: 'Deny', protocols: bad, to: [{ namespaces: { matchLabels: { k3: 'v3' } } }] },
          { action: 'Deny', protocols: [tcp(80)], to: [{ namespaces: { matchLabels: { k4: 'v4' } } }] },
        ],
      },
      { namespaces: { matchLabels: { label: 'value', label2: 'value2' } } },
    );
    expect(spec(c).ingress).toEqual([{ action: 'Deny' }]);
    expect(spec(c).egress).toEqual([
      { action: 'Deny' },
      { action: 'Deny', protocol: 'TCP', source: {}, destination: { namespaceSelector: "k4 == 'v4'", ports: [80] } },
    ]);
    expect(spec(c).types).toEqual(['Ingress', 'Egress']);
    expect(c.failedRules.map((f) => [f.direction, f.index, f.outcome])).toEqual([
      ['ingress', 0, 'deny-all'],
      ['ingress', 1, 'dropped'],
      ['egress', 0, 'deny-all'],
    ]);
  });
});

describe('clusterNetworkPolicyToCalico: upstream clusternetworkpolicy_test.go, networks peers, Baseline tier', () => {
  const egressTo = (to: unknown[], protocols?: unknown[]) =>
    clusterNetworkPolicyToCalico(
      adminNs({ label: 'value' }, { egress: [{ name: 'e', action: 'Deny', to, ...(protocols ? { protocols } : {}) }] }),
    );

  test('upstream "with a Networks peer" / "an any address Network peer": one rule per peer, nets kept', () => {
    const c = egressTo([{ namespaces: { matchLabels: { k3: 'v3' } } }, { networks: ['10.10.10.0/24', '1.1.1.1/32'] }]);
    expect(spec(c).egress.map((r: any) => r.destination)).toEqual([
      { namespaceSelector: "k3 == 'v3'" },
      { nets: ['10.10.10.0/24', '1.1.1.1/32'] },
    ]);
    const any = egressTo([{ networks: ['0.0.0.0/0', '::/0'] }]);
    expect(spec(any).egress[0].destination).toEqual({ nets: ['0.0.0.0/0', '::/0'] });
  });

  test('upstream "with a Networks peer and ports"', () => {
    const c = egressTo([{ namespaces: { matchLabels: { k3: 'v3' } } }, { networks: ['10.10.10.0/24'] }], [tcp(80)]);
    expect(spec(c).egress.map((r: any) => [r.protocol, r.destination])).toEqual([
      ['TCP', { namespaceSelector: "k3 == 'v3'", ports: [80] }],
      ['TCP', { nets: ['10.10.10.0/24'], ports: [80] }],
    ]);
  });

  test('upstream "with an invalid networks peer": the whole Deny rule becomes a deny-all', () => {
    const c = egressTo([{ namespaces: { matchLabels: { k3: 'v3' } } }, { networks: ['10.10.10.0/24', '1.1.1.1/66'] }]);
    expect(spec(c).egress).toEqual([{ action: 'Deny' }]);
    expect(c.failedRules[0]).toMatchObject({ field: 'spec.egress[0].to[1].networks[1]', outcome: 'deny-all' });
    expect(c.failedRules[0].reason).toMatch(/invalid CIDR in ANP rule: "1.1.1.1\/66"/);
  });

  test('upstream Baseline "should parse a basic k8s ClusterNetworkPolicy": unnamed rules have no metadata', () => {
    const c = clusterNetworkPolicyToCalico(
      cnp(
        {
          tier: 'Baseline',
          subject: {
            pods: {
              namespaceSelector: { matchLabels: { label: 'value', label2: 'value2' } },
              podSelector: { matchLabels: { foo: 'bar' } },
            },
          },
          ingress: [
            {
              name: 'The first ingress rule',
              action: 'Accept',
              protocols: [tcp(80)],
              from: [{ namespaces: { matchLabels: { k: 'v', k2: 'v2' } } }],
            },
          ],
          egress: [
            { name: 'The first egress rule', action: 'Deny', to: [{ networks: ['10.0.0.0/8'] }] },
            { action: 'Accept', to: [{ networks: ['0.0.0.0/0'] }] },
          ],
        },
        'default',
      ),
    );
    expect(spec(c)).toMatchObject({
      tier: 'kube-baseline',
      order: 0,
      namespaceSelector: "label == 'value' && label2 == 'value2'",
      selector: "projectcalico.org/orchestrator == 'k8s' && foo == 'bar'",
    });
    expect(spec(c).egress).toEqual([
      {
        action: 'Deny',
        source: {},
        destination: { nets: ['10.0.0.0/8'] },
        metadata: ruleName('The first egress rule'),
      },
      { action: 'Allow', source: {}, destination: { nets: ['0.0.0.0/0'] } },
    ]);
  });

  test('upstream Baseline "with an invalid networks peer": an empty ingress peer and a bad CIDR both deny all', () => {
    const c = clusterNetworkPolicyToCalico(
      cnp(
        {
          tier: 'Baseline',
          subject: { namespaces: { matchLabels: { label: 'value' } } },
          ingress: [{ action: 'Deny', protocols: [tcp(80)], from: [{}] }],
          egress: [{ action: 'Deny', protocols: [tcp(80)], to: [{ networks: ['10.10.10.0/24', '1.1.1.1/66'] }] }],
        },
        'default',
      ),
    );
    expect([spec(c).ingress, spec(c).egress]).toEqual([[{ action: 'Deny' }], [{ action: 'Deny' }]]);
  });
});

describe('clusterNetworkPolicyToCalico: Calico 3.32.1 behaviour beyond the stored upstream test', () => {
  test('Baseline goes to kube-baseline; priority is the order', () => {
    const s = spec(clusterNetworkPolicyToCalico(cnp({ tier: 'Baseline', priority: 7, subject: { namespaces: {} } })));
    expect([s.tier, s.order]).toEqual(['kube-baseline', 7]);
  });

  test('tcp/udp/sctp entries merge per protocol (SimplifyPorts); named ports go protocol-less and first', () => {
    const c = clusterNetworkPolicyToCalico(
      adminNs(
        {},
        {
          egress: [
            {
              action: 'Accept',
              protocols: [
                { udp: { destinationPort: { number: 53 } } },
                tcp(81),
                { destinationNamedPort: 'web' },
                tcp(80),
                { sctp: { destinationPort: { number: 9003 } } },
                { destinationNamedPort: '8080' },
              ],
              to: [{ namespaces: {} }],
            },
          ],
        },
      ),
    );
    expect(spec(c).egress.map((r: any) => [r.protocol, r.destination.ports])).toEqual([
      [undefined, ['web', '8080']], // all-digit names stay names (PR #12228)
      ['SCTP', [9003]],
      ['TCP', ['80:81']],
      ['UDP', [53]],
    ]);
  });

  test('a named port outside ^[a-zA-Z0-9_.-]{1,128}$ fails the rule closed', () => {
    const c = clusterNetworkPolicyToCalico(
      adminNs(
        {},
        {
          ingress: [
            {
              name: 'metrics',
              action: 'Deny',
              protocols: [{ destinationNamedPort: 'web port' }],
              from: [{ namespaces: {} }],
            },
          ],
        },
      ),
    );
    expect(spec(c).ingress).toEqual([{ action: 'Deny' }]);
    expect(c.failedRules).toEqual([
      {
        direction: 'ingress',
        index: 0,
        name: 'metrics',
        action: 'Deny',
        field: 'spec.ingress[0].protocols[0].destinationNamedPort',
        reason: expect.stringMatching(/"web port" is not a valid Calico port name/),
        outcome: 'deny-all',
      },
    ]);
  });

  test('networks: host bits cleared as cnet.ParseCIDR; IPv6 too', () => {
    const c = clusterNetworkPolicyToCalico(
      adminNs({}, { egress: [{ action: 'Deny', to: [{ networks: ['10.1.2.3/8', 'fd00::1/64'] }] }] }),
    );
    expect(spec(c).egress).toEqual([
      { action: 'Deny', source: {}, destination: { nets: ['10.0.0.0/8', 'fd00::/64'] } },
    ]);
  });

  test('nodes and domainNames peers (experimental CRD) fail the whole rule, even next to a good peer', () => {
    const c = clusterNetworkPolicyToCalico(
      adminNs(
        {},
        {
          egress: [
            { action: 'Accept', to: [{ nodes: { matchLabels: { a: 'b' } } }] },
            { action: 'Pass', to: [{ namespaces: {} }, { domainNames: ['example.com'] }] },
            { action: 'Deny', to: [{ networks: ['10.0.0.0/8'] }] },
          ],
        },
      ),
    );
    expect(spec(c).egress).toEqual([
      { action: 'Deny' },
      { action: 'Deny', source: {}, destination: { nets: ['10.0.0.0/8'] } },
    ]);
    expect(c.failedRules.map((f) => [f.index, f.field, f.outcome])).toEqual([
      [0, 'spec.egress[0].to[0]', 'dropped'],
      [1, 'spec.egress[1].to[1]', 'deny-all'],
    ]);
    expect(c.failedRules[0].reason).toMatch(/nodes peers are not supported by Calico 3.32/);
    expect(c.failedRules[1].reason).toMatch(/domainNames peers are not supported/);
  });

  test('ruleOrigins maps every converted rule back to the CNP rule it came from', () => {
    const c = clusterNetworkPolicyToCalico(
      adminNs(
        {},
        {
          ingress: [
            { action: 'Accept', from: [{ namespaces: {} }], protocols: [{ destinationNamedPort: 'web port' }] },
            {
              action: 'Deny',
              from: [{ namespaces: {} }, { pods: { podSelector: {} } }],
              protocols: [tcp(80), { udp: { destinationPort: { number: 53 } } }],
            },
            { action: 'Pass', from: [{ namespaces: {} }], protocols: [{ destinationNamedPort: 'bad!' }] },
          ],
        },
      ),
    );
    expect(c.ruleOrigins).toEqual({ ingress: [1, 1, 1, 1, 2], egress: [] });
    expect(spec(c).ingress[4]).toEqual({ action: 'Deny' });
  });

  test('a dropped Accept removes its direction from types', () => {
    const c = clusterNetworkPolicyToCalico(adminNs({}, { egress: [{ action: 'Accept', to: [{ nodes: {} }] }] }));
    expect(spec(c).types).toBeUndefined();
    expect(spec(c).egress).toBeUndefined();
  });

  test('a bad tier or a subject with neither field is a tombstone (no policy)', () => {
    const badTier = clusterNetworkPolicyToCalico(cnp({ tier: 'admin', priority: 1, subject: { namespaces: {} } }));
    expect(badTier.policy).toBeUndefined();
    expect(badTier.problems.join()).toMatch(/spec.tier: "admin" is not Admin or Baseline/);
    const noSubject = clusterNetworkPolicyToCalico(cnp({ tier: 'Admin', priority: 1, subject: {} }));
    expect(noSubject.policy).toBeUndefined();
    expect(noSubject.problems.join()).toMatch(/spec.subject: sets neither namespaces nor pods/);
  });

  test('an unknown selector operator is dropped (broader) and In without values matches the empty string', () => {
    const c = clusterNetworkPolicyToCalico(
      cnp({
        tier: 'Admin',
        priority: 1,
        subject: { namespaces: { matchExpressions: [{ key: 'a', operator: 'Contains', values: ['x'] }] } },
        ingress: [{ action: 'Deny', from: [{ namespaces: { matchExpressions: [{ key: 'b', operator: 'In' }] } }] }],
      }),
    );
    expect(spec(c).namespaceSelector).toBe('');
    expect(spec(c).ingress[0].source).toEqual({ namespaceSelector: "b in { '' }" });
    expect(c.problems.join('\n')).toMatch(/unknown operator "Contains"/);
    expect(c.problems.join('\n')).toMatch(/operator In with no values/);
  });

  test('malformed input throws the library error naming the field', () => {
    expect(() =>
      clusterNetworkPolicyToCalico(cnp({ tier: 'Admin', subject: { namespaces: {} }, ingress: 'x' })),
    ).toThrow(KubernetesConversionError);
    expect(() =>
      clusterNetworkPolicyToCalico(cnp({ tier: 'Admin', subject: { namespaces: {} }, ingress: 'x' })),
    ).toThrow(/\[ClusterNetworkPolicy test.policy\] spec.ingress: must be a list/);
    expect(() => clusterNetworkPolicyToCalico({ kind: 'ClusterNetworkPolicy', spec: {} })).toThrow(/metadata.name/);
  });

  test('the normalised view: kcnp/<name>, the selector Felix evaluates, directions only with rules', () => {
    const v = clusterNetworkPolicyView(
      adminNs({ team: 'shop' }, { ingress: [{ action: 'Deny', from: [{ namespaces: {} }] }] }),
    )!;
    expect(v).toMatchObject({
      kind: 'ClusterNetworkPolicy',
      display: 'kcnp/test.policy',
      tier: 'kube-admin',
      order: 100,
      global: true,
      ingressEnabled: true,
      egressEnabled: false,
      selector: '(projectcalico.org/orchestrator == \'k8s\') && pcns.team == "shop"',
    });
    expect(clusterNetworkPolicyView(cnp({ tier: 'x', subject: { namespaces: {} } }))).toBeUndefined();
  });
});

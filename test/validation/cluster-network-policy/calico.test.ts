// What Calico 3.32.1 cannot convert in a ClusterNetworkPolicy the API server accepts is an error (Calico fails those
// rules closed, libcalico-go conversion/clusternetworkpolicy.go `k8sClusterNetPolHandleFailedRules`), and so is a
// selector Calico converts into a broader one. The findings are the converter's (clusterNetworkPolicyToCalico): one
// home for Calico's conversion rules.
import { clusterNetworkPolicyToCalico } from '../../../lib/model/policy/cluster-network-policy';
import { CLUSTER_NETWORK_POLICY_RULES, ClusterNetworkPolicyChannel, validateManifests } from '../../../lib/validation';
import { fullPolicy, policy, problemsOf, render, selector } from './helpers';

const EXPERIMENTAL = { clusterNetworkPolicyChannel: ClusterNetworkPolicyChannel.EXPERIMENTAL };

describe('peers Calico 3.32 cannot convert (experimental channel)', () => {
  // The shape of network-policy-api's experimental conformance test CNPAdminTierEgressNodePeers
  // (conformance/base/admin_tier/experimental-egress-selector-rules.yaml): Accept and Pass rules to nodes, and a Deny
  // rule to pods, nodes and networks. Calico drops the Accept rule and turns the other two into deny-all rules.
  const nodePeers = policy({
    priority: 75,
    subject: { pods: { namespaceSelector: { matchLabels: { 'conformance-house': 'gryffindor' } }, podSelector: {} } },
    egress: [
      {
        name: 'allow-egress-to-nodes',
        action: 'Accept',
        to: [{ nodes: { matchLabels: { 'kubernetes.io/os': 'linux' } } }],
        protocols: [{ tcp: { destinationPort: { number: 34567 } } }],
      },
      {
        name: 'pass-egress-to-nodes',
        action: 'Pass',
        to: [{ nodes: { matchLabels: { 'kubernetes.io/os': 'linux' } } }],
        protocols: [{ udp: { destinationPort: { number: 34569 } } }],
      },
      {
        name: 'deny-egress-to-slytherin-and-nodes-and-internet',
        action: 'Deny',
        to: [
          { pods: { namespaceSelector: { matchLabels: { 'conformance-house': 'slytherin' } }, podSelector: {} } },
          { nodes: { matchLabels: { 'kubernetes.io/os': 'linux' } } },
          { networks: ['0.0.0.0/0', '::/0'] },
        ],
      },
    ],
  });

  test('with the experimental CRD each failed rule is an error naming what Calico enforces instead', () => {
    expect(render(problemsOf(nodePeers, EXPERIMENTAL))).toEqual([
      'spec.egress[0].to[0] [cnp.calico.unsupported-peer] expected a peer Calico 3.32 can convert (namespaces, pods or ' +
        'networks), got nodes: Calico drops this Accept egress rule 0 ("allow-egress-to-nodes"), so the traffic it ' +
        "accepts goes on to the next rules and tiers; fix: list the nodes' addresses in a networks peer instead and " +
        'keep the other peers in a rule of their own',
      'spec.egress[1].to[0] [cnp.calico.unsupported-peer] expected a peer Calico 3.32 can convert (namespaces, pods or ' +
        'networks), got nodes: Calico replaces this Pass egress rule 1 ("pass-egress-to-nodes") by an unconditional ' +
        "Deny: from this rule on, every destination and protocol is denied for the subject pods' egress, external IPs " +
        "included; fix: list the nodes' addresses in a networks peer instead and keep the other peers in a rule of their own",
      'spec.egress[2].to[1] [cnp.calico.unsupported-peer] expected a peer Calico 3.32 can convert (namespaces, pods or ' +
        'networks), got nodes: Calico replaces this Deny egress rule 2 ("deny-egress-to-slytherin-and-nodes-and-internet") ' +
        "by an unconditional Deny: from this rule on, every destination and protocol is denied for the subject pods' " +
        "egress, external IPs included; fix: list the nodes' addresses in a networks peer instead and keep the other " +
        'peers in a rule of their own',
    ]);
  });

  test('with the standard CRD (the default) the same peers are unknown fields, each reported once', () => {
    expect(render(problemsOf(nodePeers)).map((l) => l.split(' ').slice(0, 2).join(' '))).toEqual([
      'spec.egress[0].to[0].nodes [schema.unknown-field]',
      'spec.egress[1].to[0].nodes [schema.unknown-field]',
      'spec.egress[2].to[1].nodes [schema.unknown-field]',
    ]);
  });

  test('domainNames: a valid experimental peer Calico cannot convert', () => {
    const doc = policy({ egress: [{ action: 'Accept', to: [{ domainNames: ['*.example.com'] }] }] });
    const found = problemsOf(doc, EXPERIMENTAL);
    expect(found.map((p) => `${p.path} [${p.rule}]`)).toEqual(['spec.egress[0].to[0] [cnp.calico.unsupported-peer]']);
    expect(found[0].message).toMatch(
      /got domainNames: Calico drops this Accept egress rule 0.*; fix: list the destination addresses/,
    );
  });

  test('every failed rule of the converter is reported, at its field: the converter decides, validation words it', () => {
    const docs = [
      nodePeers,
      policy({
        ingress: [{ action: 'Deny', from: [{ namespaces: {} }], protocols: [{ destinationNamedPort: 'a b' }] }],
      }),
    ];
    for (const doc of docs) {
      const failed = clusterNetworkPolicyToCalico(doc).failedRules;
      expect(failed.length).toBeGreaterThan(0);
      const paths = problemsOf(doc, EXPERIMENTAL).map((p) => p.path);
      expect(paths).toEqual(failed.map((f) => f.field));
    }
  });
});

describe('named ports outside Calico pattern ^[a-zA-Z0-9_.-]{1,128}$ (numorstring.NamedPort)', () => {
  const withPort = (name: string, action = 'Accept') =>
    policy({
      ingress: [{ name: 'web', action, from: [{ namespaces: {} }], protocols: [{ destinationNamedPort: name }] }],
    });

  test.each([
    ['http', true],
    ['web_port.v2-a', true],
    ['8080', true], // all digits: kept as a name (PR #12228)
    ['x'.repeat(128), true],
    ['web port', false],
    ['metrics!', false],
    ['x'.repeat(129), false],
  ])('%j valid: %s', (name, valid) => {
    const found = render(problemsOf(withPort(name)));
    if (valid) expect(found).toEqual([]);
    else {
      expect(found).toHaveLength(1);
      expect(found[0]).toMatch(
        /^spec\.ingress\[0\]\.protocols\[0\]\.destinationNamedPort \[cnp\.calico\.named-port\] expected a port name matching \^\[a-zA-Z0-9_\.-\]\{1,128\}\$ .*, got ".*": Calico drops this Accept ingress rule 0 \("web"\).*; fix: rename the container port/,
      );
    }
  });

  test('a Deny rule with a bad named port becomes a deny-all rule; the fix suggests a valid name', () => {
    const found = render(problemsOf(withPort('web port', 'Deny')));
    expect(found).toEqual([
      'spec.ingress[0].protocols[0].destinationNamedPort [cnp.calico.named-port] expected a port name matching ' +
        '^[a-zA-Z0-9_.-]{1,128}$ (Calico numorstring.NamedPort), got "web port": Calico replaces this Deny ingress rule 0 ' +
        '("web") by an unconditional Deny: from this rule on, every source and protocol is denied for the subject ' +
        "pods' ingress, external IPs included; fix: rename the container port and this reference to letters, digits, " +
        `'_', '.' or '-' (at most 128), e.g. "web-port"`,
    ]);
  });
});

describe('label selectors Calico converts into broader ones', () => {
  test('an unknown operator (dropped by k8sSelectorToCalico) in the subject and in a peer; a case slip is named', () => {
    const doc = policy({
      subject: { pods: { podSelector: { matchExpressions: [{ key: 'app', operator: 'Equals', values: ['web'] }] } } },
      ingress: [
        {
          action: 'Deny',
          from: [{ namespaces: { matchExpressions: [{ key: 'env', operator: 'notin', values: ['prod'] }] } }],
        },
      ],
    });
    expect(render(problemsOf(doc))).toEqual([
      'spec.ingress[0].from[0].namespaces.matchExpressions[0].operator [cnp.calico.selector] expected In, NotIn, Exists ' +
        'or DoesNotExist, got "notin": Calico 3.32 drops this expression, so the selector selects more than written ' +
        '(the CRD does not check operators); fix: write "NotIn" (operators are case-sensitive)',
      'spec.subject.pods.podSelector.matchExpressions[0].operator [cnp.calico.selector] expected In, NotIn, Exists or ' +
        'DoesNotExist, got "Equals": Calico 3.32 drops this expression, so the selector selects more than written (the ' +
        'CRD does not check operators); fix: use In, NotIn, Exists or DoesNotExist',
    ]);
  });

  test('In or NotIn without values', () => {
    const doc = policy({
      egress: [
        {
          action: 'Accept',
          to: [
            {
              pods: {
                namespaceSelector: {},
                podSelector: { matchExpressions: [{ key: 'tier', operator: 'In', values: [] }] },
              },
            },
          ],
        },
      ],
    });
    expect(render(problemsOf(doc))).toEqual([
      "spec.egress[0].to[0].pods.podSelector.matchExpressions[0].values [cnp.calico.selector] expected at least one value for operator In, got none: Calico 3.32 matches the label against the empty string instead (key in { '' }; the CRD does not check values); fix: list the label values, or use Exists/DoesNotExist to test the key alone",
    ]);
  });

  test('valid selectors of every operator are clean', () => {
    const ops = [
      { key: 'a', operator: 'In', values: ['x'] },
      { key: 'b', operator: 'NotIn', values: ['y'] },
      { key: 'c', operator: 'Exists' },
      { key: 'd', operator: 'DoesNotExist' },
    ];
    expect(render(problemsOf(policy({ subject: { namespaces: { matchExpressions: ops } } })))).toEqual([]);
    expect(render(problemsOf(fullPolicy('full', { namespaces: selector('x') }), EXPERIMENTAL))).toEqual([]);
  });
});

test('problems of several objects keep document order; a clean policy next to a bad one stays clean', () => {
  const good = policy();
  const bad = {
    ...policy({
      ingress: [
        { action: 'Deny', from: [{ namespaces: { matchExpressions: [{ key: 'k', operator: 'in', values: ['v'] }] } }] },
      ],
    }),
    metadata: { name: 'bad' },
  };
  const found = validateManifests([good, bad]);
  expect(found.map((p) => `${p.name} ${p.rule}`)).toEqual(['bad cnp.calico.selector']);
});

test('every cnp.* rule id reported is catalogued with a description (CLUSTER_NETWORK_POLICY_RULES)', () => {
  const docs = [
    policy({ egress: [{ action: 'Deny', to: [{ nodes: {} }] }] }),
    policy({ ingress: [{ action: 'Deny', from: [{ namespaces: {} }], protocols: [{ destinationNamedPort: 'a b' }] }] }),
    policy({ subject: { namespaces: { matchExpressions: [{ key: 'k', operator: 'Foo' }] } } }),
    { ...policy(), apiVersion: 'policy.networking.k8s.io/v1beta1' },
    { apiVersion: 'policy.networking.k8s.io/v1alpha1', kind: 'AdminNetworkPolicy', metadata: { name: 'a' } },
  ];
  const ids = new Set(
    validateManifests(docs, EXPERIMENTAL)
      .map((p) => p.rule)
      .filter((r) => r.startsWith('cnp.')),
  );
  expect([...ids].sort()).toEqual([
    'cnp.api-version',
    'cnp.calico.named-port',
    'cnp.calico.selector',
    'cnp.calico.unsupported-peer',
    'cnp.retired-kind',
  ]);
  for (const id of ids) expect(Object.keys(CLUSTER_NETWORK_POLICY_RULES)).toContain(id);
  for (const text of Object.values(CLUSTER_NETWORK_POLICY_RULES)) expect(text.length).toBeGreaterThan(20);
});

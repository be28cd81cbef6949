// The CRD channel option, ClusterNetworkPolicy objects of another apiVersion, the retired v1alpha1 kinds, duplicates,
// and upstream's own policies (network-policy-api conformance manifests) validated as the API server would.
import { ClusterNetworkPolicyChannel, validateManifests } from '../../../lib/validation';
import { API_VERSION, policy, problemsOf, render } from './helpers';

describe('clusterNetworkPolicyChannel', () => {
  // The experimental channel's own CEL rule (ClusterNetworkPolicyEgressRule XValidation): no named port in a rule with
  // a networks, nodes or domainNames peer. The standard CRD has no such rule.
  const namedPortToNetworks = policy({
    egress: [{ action: 'Deny', to: [{ networks: ['10.0.0.0/8'] }], protocols: [{ destinationNamedPort: 'dns' }] }],
  });

  test('STANDARD is the default: the experimental CEL rule does not apply', () => {
    expect(render(problemsOf(namedPortToNetworks))).toEqual([]);
    expect(
      render(problemsOf(namedPortToNetworks, { clusterNetworkPolicyChannel: ClusterNetworkPolicyChannel.STANDARD })),
    ).toEqual([]);
  });

  test('EXPERIMENTAL evaluates the experimental CEL rule', () => {
    expect(
      render(
        problemsOf(namedPortToNetworks, { clusterNetworkPolicyChannel: ClusterNetworkPolicyChannel.EXPERIMENTAL }),
      ),
    ).toEqual([
      'spec.egress[0] [cel] networks/nodes/domainNames peer cannot be set with namedPorts since there are no namedPorts ' +
        "for networks/nodes/domainNames; fix: change spec.egress[0] so that the ClusterNetworkPolicy CRD's validation rule holds",
    ]);
  });

  test('a bad channel is refused with the accepted values', () => {
    expect(() => validateManifests([], { clusterNetworkPolicyChannel: 'Experimental' as any })).toThrow(
      /\[validateManifests\] options\.clusterNetworkPolicyChannel: .*did you mean ClusterNetworkPolicyChannel\.EXPERIMENTAL "experimental"\?/,
    );
    expect(() => validateManifests([], { cnpChannel: 'experimental' } as any)).toThrow(/options/);
  });
});

describe('apiVersion and kind', () => {
  test.each([
    'policy.networking.k8s.io/v1alpha1',
    'policy.networking.k8s.io/v1beta1',
    'networking.k8s.io/v1',
    'projectcalico.org/v3',
    'policy.networking.k8s.io',
  ])('a ClusterNetworkPolicy of apiVersion %s is an error with the fix', (apiVersion) => {
    const doc = { ...policy(), apiVersion };
    expect(render(problemsOf(doc))).toEqual([
      `apiVersion [cnp.api-version] expected ${API_VERSION} (the only version the ClusterNetworkPolicy CRD of ` +
        `network-policy-api v0.2.0 serves, the one Calico 3.32.1 installs), got ${JSON.stringify(apiVersion)}; fix: set ` +
        `apiVersion: ${API_VERSION}`,
    ]);
  });

  test.each([
    ['AdminNetworkPolicy', 'Admin', 'adminnetworkpolicy', 'keep spec.priority'],
    ['BaselineAdminNetworkPolicy', 'Baseline', 'baselineadminnetworkpolicy', 'add spec.priority'],
  ])('%s (v1alpha1) is retired in Calico 3.32: an error saying how to convert it', (kind, tier, oldTier, priority) => {
    const doc = {
      apiVersion: 'policy.networking.k8s.io/v1alpha1',
      kind,
      metadata: { name: 'default' },
      spec: {
        subject: { namespaces: {} },
        ingress: [{ action: 'Deny', from: [{ namespaces: { namespaceSelector: {} } }] }],
      },
    };
    const found = problemsOf(doc);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ kind, name: 'default', path: 'kind', rule: 'cnp.retired-kind' });
    expect(found[0].message).toContain(
      `got ${kind} (policy.networking.k8s.io/v1alpha1): Calico 3.32 no longer enforces`,
    );
    expect(found[0].message).toContain(`removed its tier ${oldTier}`);
    expect(found[0].message).toContain(
      `fix: rewrite it as apiVersion: ${API_VERSION}, kind: ClusterNetworkPolicy with spec.tier: ${tier}, ${priority}`,
    );
    expect(found[0].message).toContain('change action Allow to Accept');
  });

  test('other kinds of the group and other groups are left alone', () => {
    const other = {
      apiVersion: 'policy.networking.k8s.io/v1alpha1',
      kind: 'ExternalNetworkSet',
      metadata: { name: 'x' },
      spec: 1,
    };
    expect(problemsOf(other)).toEqual([]);
  });
});

describe('duplicates (kube-apiserver keys a ClusterNetworkPolicy by name only: it is cluster-scoped)', () => {
  test('the same name twice is one object, whatever metadata.namespace says (it is cleared on create)', () => {
    const a = policy();
    const b = { ...policy({ priority: 9 }), metadata: { name: 'guard', namespace: 'shop' } };
    const c = { ...policy(), metadata: { name: 'other' } };
    const gnp = {
      apiVersion: 'projectcalico.org/v3',
      kind: 'GlobalNetworkPolicy',
      metadata: { name: 'guard' },
      spec: {},
    };
    const found = validateManifests([a, c, gnp, b]);
    expect(found.map((p) => `${p.kind} ${p.name} ${p.path} [${p.rule}]`)).toEqual([
      'ClusterNetworkPolicy guard metadata.name [k8s.duplicate]',
    ]);
    expect(found[0].message).toMatch(
      /^Duplicate value: "guard": ClusterNetworkPolicy guard is already defined by document #0 /,
    );
  });

  test('a ClusterNetworkPolicy of another apiVersion is not counted (it is reported on its own)', () => {
    const found = validateManifests([policy(), { ...policy(), apiVersion: 'policy.networking.k8s.io/v1beta1' }]);
    expect(found.map((p) => p.rule)).toEqual(['cnp.api-version']);
  });
});

describe('upstream policies: network-policy-api conformance manifests', () => {
  // Transcribed from kubernetes-sigs/network-policy-api, conformance/base/admin_tier/
  // standard-port-range-rules-combined.yaml (commit 562e6e867c1aac16c062bf40ad6624209f834054) and
  // standard-egress-inline-cidr-rules.yaml (commit 30ea168a6e8422b78e490abc0a4df50d6c43cbb6), Apache-2.0. Those
  // commits are after v0.2.0 and write apiVersion policy.networking.k8s.io/v1beta1; the fields are those of v1alpha2
  // in v0.2.0.
  const portRange = (apiVersion: string) => ({
    apiVersion,
    kind: 'ClusterNetworkPolicy',
    metadata: { name: 'port-range-rules' },
    spec: {
      tier: 'Admin',
      priority: 9,
      subject: {
        namespaces: { matchLabels: { 'kubernetes.io/metadata.name': 'network-policy-conformance-gryffindor' } },
      },
      egress: [
        ['allow-to-ravenclaw-tcp-port-range', 'ravenclaw', 'tcp', 80, 8080],
        ['allow-to-hufflepuff-udp-port-range', 'hufflepuff', 'udp', 53, 5353],
        ['allow-to-slytherin-sctp-port-range', 'slytherin', 'sctp', 9003, 9005],
      ]
        .map(([name, house, proto, start, end]) => ({
          name,
          action: 'Accept',
          to: [
            { namespaces: { matchLabels: { 'kubernetes.io/metadata.name': `network-policy-conformance-${house}` } } },
          ],
          protocols: [{ [proto as string]: { destinationPort: { range: { start, end } } } }],
        }))
        .concat([
          {
            name: 'deny-all-egress',
            action: 'Deny',
            to: [{ namespaces: { matchExpressions: [{ key: 'conformance-house', operator: 'Exists' }] } } as any],
          } as any,
        ]),
    },
  });
  const inlineCidr = (apiVersion: string) => ({
    apiVersion,
    kind: 'ClusterNetworkPolicy',
    metadata: { name: 'inline-cidr-as-peers-example' },
    spec: {
      tier: 'Admin',
      priority: 85,
      subject: {
        pods: {
          namespaceSelector: { matchLabels: { 'conformance-house': 'gryffindor' } },
          podSelector: { matchLabels: { 'conformance-house': 'gryffindor' } },
        },
      },
      egress: [
        {
          name: 'allow-egress-to-slytherin',
          action: 'Accept',
          to: [
            {
              pods: {
                namespaceSelector: { matchLabels: { 'conformance-house': 'slytherin' } },
                podSelector: { matchLabels: { 'conformance-house': 'slytherin' } },
              },
            },
          ],
        },
        { name: 'deny-egress-to-internet', action: 'Deny', to: [{ networks: ['0.0.0.0/0', '::/0'] }] },
      ],
    },
  });

  test('as v1alpha2 they are valid', () => {
    expect(render(validateManifests([portRange(API_VERSION), inlineCidr(API_VERSION)]))).toEqual([]);
  });

  test('as written upstream (v1beta1) Calico 3.32.1 does not serve them', () => {
    const found = validateManifests([
      portRange('policy.networking.k8s.io/v1beta1'),
      inlineCidr('policy.networking.k8s.io/v1beta1'),
    ]);
    expect(found.map((p) => `${p.name} ${p.rule}`)).toEqual([
      'port-range-rules cnp.api-version',
      'inline-cidr-as-peers-example cnp.api-version',
    ]);
  });
});

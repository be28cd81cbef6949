/**
 * Conversion table: Kubernetes NetworkPolicy → the Calico NetworkPolicy libcalico-go's K8sNetworkPolicyToCalico
 * produces. Cases marked `upstream` transcribe `libcalico-go/lib/backend/k8s/conversion/conversion_test.go`
 * ("Test NetworkPolicy conversion" and the "k8s <= 1.7, no policyTypes" suite); the others follow the upstream code.
 */

/** Upstream's pod-selector prefix. */
export const ORCH = "projectcalico.org/orchestrator == 'k8s'";

/** A converted pod selector: the orchestrator term ANDed with `terms`. */
export function podSel(...terms: string[]): string {
  return [ORCH, ...terms].join(' && ');
}

/** A Kubernetes NetworkPolicy document. */
export function knp(spec: any, metadata: any = { name: 'test.policy', namespace: 'default' }): any {
  return { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata, spec };
}

/** The expected Calico policy. */
export function calico(spec: any, name = 'knp.default.test.policy', namespace = 'default'): any {
  return {
    apiVersion: 'projectcalico.org/v3',
    kind: 'NetworkPolicy',
    metadata: { name, namespace },
    spec: { tier: 'default', order: 1000, ...spec },
  };
}

/** One row of the table. */
export interface ConversionCase {
  readonly name: string;
  /** The upstream test this row transcribes, if any. */
  readonly upstream?: string;
  readonly input: any;
  readonly expected: any;
  /** Patterns the problems must match, in order (default: no problems). */
  readonly problems?: RegExp[];
  /** Whether the converted policy passes validateManifests (default true). */
  readonly validates?: boolean;
}

const kv = { matchLabels: { k: 'v', k2: 'v2' } };
const kvSel = podSel("k == 'v'", "k2 == 'v2'");
const labelSel = { matchLabels: { label: 'value', label2: 'value2' } };
const labelSelText = podSel("label == 'value'", "label2 == 'value2'");
const oneLabel = { matchLabels: { label: 'value' } };
const oneLabelText = podSel("label == 'value'");

export const CONVERSION_CASES: ConversionCase[] = [
  // ---------------------------------------------------------------- upstream conversion_test.go
  {
    name: 'basic policy: selector sorted, TCP defaulted, numeric and named ports',
    upstream: 'should parse a basic k8s NetworkPolicy to a NetworkPolicy',
    input: knp({
      podSelector: labelSel,
      ingress: [{ ports: [{ port: 80 }, { port: 'foo' }], from: [{ podSelector: kv }] }],
      policyTypes: ['Ingress'],
    }),
    expected: calico({
      selector: labelSelText,
      types: ['Ingress'],
      ingress: [{ action: 'Allow', protocol: 'TCP', source: { selector: kvSel }, destination: { ports: [80, 'foo'] } }],
    }),
  },
  {
    name: 'no ports: no protocol, any port',
    upstream: 'should parse a k8s NetworkPolicy with no ports',
    input: knp({ podSelector: labelSel, ingress: [{ from: [{ podSelector: kv }] }], policyTypes: ['Ingress'] }),
    expected: calico({
      selector: labelSelText,
      types: ['Ingress'],
      ingress: [{ action: 'Allow', source: { selector: kvSel }, destination: {} }],
    }),
  },
  {
    name: 'a blank port ({}) is every TCP port and absorbs the other TCP ports',
    upstream: 'should parse a k8s NetworkPolicy with blank ports',
    input: knp({
      podSelector: labelSel,
      ingress: [{ ports: [{ port: 80 }, {}], from: [{ podSelector: kv }] }],
      policyTypes: ['Ingress'],
    }),
    expected: calico({
      selector: labelSelText,
      types: ['Ingress'],
      ingress: [{ action: 'Allow', protocol: 'TCP', source: { selector: kvSel }, destination: {} }],
    }),
  },
  {
    name: 'egress with blank ports, and a ports-only rule to any destination',
    upstream: 'should parse a k8s egress NetworkPolicy with blank ports',
    input: knp({
      podSelector: labelSel,
      egress: [{ ports: [{}, { port: 80 }], to: [{ podSelector: kv }] }, { ports: [{ port: 53, protocol: 'UDP' }] }],
      policyTypes: ['Egress'],
    }),
    expected: calico({
      selector: labelSelText,
      types: ['Egress'],
      egress: [
        { action: 'Allow', protocol: 'TCP', source: {}, destination: { selector: kvSel } },
        { action: 'Allow', protocol: 'UDP', source: {}, destination: { ports: [53] } },
      ],
    }),
  },
  {
    name: 'a rule with an unparseable port is dropped (ingress)',
    upstream: 'should drop rules with invalid ports in a k8s NetworkPolicy (np1)',
    input: knp({
      podSelector: labelSel,
      ingress: [
        { ports: [{ port: 80 }, { port: 'foo' }], from: [{ podSelector: kv }] },
        { ports: [{ port: 80 }, { port: '-50:-1' }], from: [{ podSelector: kv }] },
      ],
      policyTypes: ['Ingress'],
    }),
    expected: calico({
      selector: labelSelText,
      types: ['Ingress'],
      ingress: [{ action: 'Allow', protocol: 'TCP', source: { selector: kvSel }, destination: { ports: [80, 'foo'] } }],
    }),
    problems: [
      /spec\.ingress\[1\]: k8s rule couldn't be converted: failed to parse k8s port: invalid port -50:-1: invalid name for named port \(-50:-1\); Calico drops this rule$/,
    ],
  },
  {
    name: 'rules with unparseable ports are dropped (egress); egress rules kept although types lack Egress',
    upstream: 'should drop rules with invalid ports in a k8s NetworkPolicy (np2)',
    input: knp({
      podSelector: labelSel,
      egress: [
        { ports: [{ port: 80 }, { port: 'foo' }], to: [{ podSelector: kv }] },
        { ports: [{ port: 80 }, { port: '-50:-1' }], to: [{ podSelector: kv }] },
        { ports: [{ port: 80 }, { port: '-22:-3' }], to: [{ podSelector: kv }] },
      ],
      policyTypes: ['Ingress'],
    }),
    expected: calico({
      selector: labelSelText,
      types: ['Ingress'],
      egress: [{ action: 'Allow', protocol: 'TCP', source: {}, destination: { selector: kvSel, ports: [80, 'foo'] } }],
    }),
    problems: [
      /spec\.egress\[1\]: .*invalid port -50:-1: invalid name for named port \(-50:-1\)/,
      /spec\.egress\[2\]: .*invalid port -22:-3: invalid name for named port \(-22:-3\)/,
      /spec\.policyTypes: egress rules are present but policyTypes does not include 'Egress'/,
    ],
  },
  {
    name: 'no rules: Ingress type, nothing allowed',
    upstream: 'should parse a NetworkPolicy with no rules',
    input: knp({ podSelector: oneLabel, policyTypes: ['Ingress'] }),
    expected: calico({ selector: oneLabelText, types: ['Ingress'] }),
  },
  {
    name: 'default-deny egress',
    upstream:
      'should parse a default-deny egress NetworkPolicy (name lower-cased: Kubernetes names are DNS subdomains)',
    input: knp({ podSelector: {}, policyTypes: ['Egress'] }, { name: 'test-policy', namespace: 'default' }),
    expected: calico({ selector: ORCH, types: ['Egress'] }, 'knp.default.test-policy'),
  },
  {
    name: 'two peers: two rules (OR)',
    upstream: 'should parse a NetworkPolicy with multiple peers',
    input: knp({
      podSelector: oneLabel,
      ingress: [
        {
          ports: [{}],
          from: [{ podSelector: { matchLabels: { k: 'v' } } }, { podSelector: { matchLabels: { k2: 'v2' } } }],
        },
      ],
      policyTypes: ['Ingress'],
    }),
    expected: calico({
      selector: oneLabelText,
      types: ['Ingress'],
      ingress: [
        { action: 'Allow', protocol: 'TCP', source: { selector: podSel("k == 'v'") }, destination: {} },
        { action: 'Allow', protocol: 'TCP', source: { selector: podSel("k2 == 'v2'") }, destination: {} },
      ],
    }),
  },
  {
    name: 'DoesNotExist expression',
    upstream: 'should parse a k8s NetworkPolicy with a DoesNotExist expression',
    input: knp({
      podSelector: labelSel,
      ingress: [
        {
          ports: [{ port: 80 }, { port: 'foo' }],
          from: [{ podSelector: { matchExpressions: [{ key: 'toast', operator: 'DoesNotExist' }] } }],
        },
      ],
      policyTypes: ['Ingress'],
    }),
    expected: calico({
      selector: labelSelText,
      types: ['Ingress'],
      ingress: [
        {
          action: 'Allow',
          protocol: 'TCP',
          source: { selector: podSel('! has(toast)') },
          destination: { ports: [80, 'foo'] },
        },
      ],
    }),
  },
  {
    name: 'peers × protocols: one rule per protocol (sorted) per peer, protocol outermost',
    upstream: 'should parse a NetworkPolicy with multiple peers and ports',
    input: knp({
      podSelector: oneLabel,
      ingress: [
        {
          ports: [
            { port: 90, protocol: 'UDP' },
            { port: 80, protocol: 'TCP' },
          ],
          from: [{ podSelector: { matchLabels: { k: 'v' } } }, { podSelector: { matchLabels: { k2: 'v2' } } }],
        },
      ],
      policyTypes: ['Ingress'],
    }),
    expected: calico({
      selector: oneLabelText,
      types: ['Ingress'],
      ingress: [
        { action: 'Allow', protocol: 'TCP', source: { selector: podSel("k == 'v'") }, destination: { ports: [80] } },
        { action: 'Allow', protocol: 'TCP', source: { selector: podSel("k2 == 'v2'") }, destination: { ports: [80] } },
        { action: 'Allow', protocol: 'UDP', source: { selector: podSel("k == 'v'") }, destination: { ports: [90] } },
        { action: 'Allow', protocol: 'UDP', source: { selector: podSel("k2 == 'v2'") }, destination: { ports: [90] } },
      ],
    }),
  },
  {
    name: 'empty podSelector selects every pod of the namespace',
    upstream: 'should parse a NetworkPolicy with empty podSelector',
    input: knp({ podSelector: {}, policyTypes: ['Ingress'] }),
    expected: calico({ selector: ORCH, types: ['Ingress'] }),
  },
  {
    name: 'namespaceSelector only: every pod of the matching namespaces',
    upstream: 'should parse a NetworkPolicy with a namespaceSelector',
    input: knp({
      podSelector: oneLabel,
      ingress: [{ from: [{ namespaceSelector: { matchLabels: { namespaceRole: 'dev', namespaceFoo: 'bar' } } }] }],
      policyTypes: ['Ingress'],
    }),
    expected: calico({
      selector: oneLabelText,
      types: ['Ingress'],
      ingress: [
        {
          action: 'Allow',
          source: { selector: ORCH, namespaceSelector: "namespaceFoo == 'bar' && namespaceRole == 'dev'" },
          destination: {},
        },
      ],
    }),
  },
  {
    name: 'podSelector only (empty): every pod of the policy namespace',
    upstream: 'should parse a NetworkPolicy with a nil namespace selector',
    input: knp({ podSelector: oneLabel, ingress: [{ from: [{ podSelector: {} }] }], policyTypes: ['Ingress'] }),
    expected: calico({
      selector: oneLabelText,
      types: ['Ingress'],
      ingress: [{ action: 'Allow', source: { selector: ORCH }, destination: {} }],
    }),
  },
  {
    name: 'empty namespaceSelector: every namespace (all())',
    upstream: 'should parse a NetworkPolicy with an empty namespaceSelector',
    input: knp({
      podSelector: oneLabel,
      ingress: [{ from: [{ namespaceSelector: { matchLabels: {} } }] }],
      policyTypes: ['Ingress'],
    }),
    expected: calico({
      selector: oneLabelText,
      types: ['Ingress'],
      ingress: [{ action: 'Allow', source: { selector: ORCH, namespaceSelector: 'all()' }, destination: {} }],
    }),
  },
  {
    name: 'podSelector and namespaceSelector in one peer: AND in one rule',
    upstream: 'should parse a NetworkPolicy with pod and namespace selectors',
    input: knp({
      podSelector: oneLabel,
      ingress: [
        {
          from: [
            {
              namespaceSelector: { matchLabels: { namespaceRole: 'dev', namespaceFoo: 'bar' } },
              podSelector: { matchLabels: { podA: 'B', podC: 'D' } },
            },
          ],
        },
      ],
      policyTypes: ['Ingress'],
    }),
    expected: calico({
      selector: oneLabelText,
      types: ['Ingress'],
      ingress: [
        {
          action: 'Allow',
          source: {
            selector: podSel("podA == 'B'", "podC == 'D'"),
            namespaceSelector: "namespaceFoo == 'bar' && namespaceRole == 'dev'",
          },
          destination: {},
        },
      ],
    }),
  },
  {
    name: 'podSelector.matchExpressions In',
    upstream: 'should parse a NetworkPolicy with podSelector.MatchExpressions',
    input: knp({
      podSelector: { matchExpressions: [{ key: 'k', operator: 'In', values: ['v1', 'v2'] }] },
      policyTypes: ['Ingress'],
    }),
    expected: calico({ selector: podSel("k in { 'v1', 'v2' }"), types: ['Ingress'] }),
  },
  {
    name: 'ports only: from anywhere',
    upstream: 'should parse a NetworkPolicy with Ports only',
    input: knp({ podSelector: {}, ingress: [{ ports: [{ protocol: 'TCP', port: 80 }] }], policyTypes: ['Ingress'] }),
    expected: calico({
      selector: ORCH,
      types: ['Ingress'],
      ingress: [{ action: 'Allow', protocol: 'TCP', source: {}, destination: { ports: [80] } }],
    }),
  },
  {
    name: 'port range (port + endPort)',
    upstream: 'should parse a NetworkPolicy with Port Range only',
    input: knp({
      podSelector: {},
      ingress: [{ ports: [{ protocol: 'TCP', port: 32000, endPort: 32768 }] }],
      policyTypes: ['Ingress'],
    }),
    expected: calico({
      selector: ORCH,
      types: ['Ingress'],
      ingress: [{ action: 'Allow', protocol: 'TCP', source: {}, destination: { ports: ['32000:32768'] } }],
    }),
  },
  {
    name: 'ports only (egress): to anywhere',
    upstream: 'should parse a NetworkPolicy with Ports only (egress)',
    input: knp({ podSelector: {}, egress: [{ ports: [{ protocol: 'TCP', port: 80 }] }], policyTypes: ['Egress'] }),
    expected: calico({
      selector: ORCH,
      types: ['Egress'],
      egress: [{ action: 'Allow', protocol: 'TCP', source: {}, destination: { ports: [80] } }],
    }),
  },
  {
    name: 'port range (egress)',
    upstream: 'should parse a NetworkPolicy with Port Range only (egress)',
    input: knp({
      podSelector: {},
      egress: [{ ports: [{ protocol: 'TCP', port: 32000, endPort: 32768 }] }],
      policyTypes: ['Egress'],
    }),
    expected: calico({
      selector: ORCH,
      types: ['Egress'],
      egress: [{ action: 'Allow', protocol: 'TCP', source: {}, destination: { ports: ['32000:32768'] } }],
    }),
  },
  {
    name: 'ipBlock with except (ingress): nets and notNets',
    upstream: 'should parse a NetworkPolicy with an Ingress rule with an IPBlock Peer',
    input: knp({
      podSelector: {},
      ingress: [{ from: [{ ipBlock: { cidr: '192.168.0.0/16', except: ['192.168.3.0/24', '192.168.4.0/24'] } }] }],
      policyTypes: ['Ingress'],
    }),
    expected: calico({
      selector: ORCH,
      types: ['Ingress'],
      ingress: [
        {
          action: 'Allow',
          source: { nets: ['192.168.0.0/16'], notNets: ['192.168.3.0/24', '192.168.4.0/24'] },
          destination: {},
        },
      ],
    }),
  },
  {
    name: 'ipBlock with except (egress)',
    upstream: 'should parse a NetworkPolicy with an Egress rule with an IPBlock Peer',
    input: knp({
      podSelector: {},
      egress: [
        {
          to: [{ ipBlock: { cidr: '192.168.0.0/16', except: ['192.168.3.0/24', '192.168.4.0/24', '192.168.5.0/24'] } }],
        },
      ],
      policyTypes: ['Egress'],
    }),
    expected: calico({
      selector: ORCH,
      types: ['Egress'],
      egress: [
        {
          action: 'Allow',
          source: {},
          destination: { nets: ['192.168.0.0/16'], notNets: ['192.168.3.0/24', '192.168.4.0/24', '192.168.5.0/24'] },
        },
      ],
    }),
  },
  {
    name: 'ipBlock and ports (egress): one rule per protocol',
    upstream: 'should parse a NetworkPolicy with an Egress rule with IPBlock and Ports',
    input: knp({
      podSelector: {},
      egress: [
        {
          ports: [
            { port: 90, protocol: 'UDP' },
            { port: 80, protocol: 'TCP' },
          ],
          to: [{ ipBlock: { cidr: '192.168.0.0/16', except: ['192.168.3.0/24', '192.168.4.0/24', '192.168.5.0/24'] } }],
        },
      ],
      policyTypes: ['Egress'],
    }),
    expected: calico({
      selector: ORCH,
      types: ['Egress'],
      egress: [
        {
          action: 'Allow',
          protocol: 'TCP',
          source: {},
          destination: {
            nets: ['192.168.0.0/16'],
            ports: [80],
            notNets: ['192.168.3.0/24', '192.168.4.0/24', '192.168.5.0/24'],
          },
        },
        {
          action: 'Allow',
          protocol: 'UDP',
          source: {},
          destination: {
            nets: ['192.168.0.0/16'],
            ports: [90],
            notNets: ['192.168.3.0/24', '192.168.4.0/24', '192.168.5.0/24'],
          },
        },
      ],
    }),
  },
  {
    name: 'ingress and egress: types always Ingress then Egress',
    upstream: 'should parse a NetworkPolicy with both an Egress and an Ingress rule',
    input: knp({
      podSelector: {},
      ingress: [{ from: [{ ipBlock: { cidr: '192.168.0.0/16', except: ['192.168.3.0/24', '192.168.4.0/24'] } }] }],
      egress: [
        {
          to: [
            { ipBlock: { cidr: '10.10.0.0/16', except: ['192.168.13.0/24', '192.168.14.0/24', '192.168.15.0/24'] } },
          ],
        },
      ],
      policyTypes: ['Egress', 'Ingress'],
    }),
    expected: calico({
      selector: ORCH,
      types: ['Ingress', 'Egress'],
      ingress: [
        {
          action: 'Allow',
          source: { nets: ['192.168.0.0/16'], notNets: ['192.168.3.0/24', '192.168.4.0/24'] },
          destination: {},
        },
      ],
      egress: [
        {
          action: 'Allow',
          source: {},
          destination: { nets: ['10.10.0.0/16'], notNets: ['192.168.13.0/24', '192.168.14.0/24', '192.168.15.0/24'] },
        },
      ],
    }),
  },
  {
    name: 'no policyTypes: Ingress',
    upstream:
      'Test NetworkPolicy conversion (k8s <= 1.7, no policyTypes): should parse a basic NetworkPolicy to a Policy',
    input: knp({ podSelector: labelSel, ingress: [{ ports: [{ port: 80 }], from: [{ podSelector: kv }] }] }),
    expected: calico({
      selector: labelSelText,
      types: ['Ingress'],
      ingress: [{ action: 'Allow', protocol: 'TCP', source: { selector: kvSel }, destination: { ports: [80] } }],
    }),
  },
  {
    name: 'no policyTypes, no rules: Ingress deny-all',
    upstream: 'Test NetworkPolicy conversion (k8s <= 1.7, no policyTypes): should parse a NetworkPolicy with no rules',
    input: knp({ podSelector: oneLabel }),
    expected: calico({ selector: oneLabelText, types: ['Ingress'] }),
  },
  {
    name: 'no policyTypes, egress rules: the API server defaults to Ingress + Egress',
    input: knp({ podSelector: {}, egress: [{ ports: [{ port: 53, protocol: 'UDP' }] }] }),
    expected: calico({
      selector: ORCH,
      types: ['Ingress', 'Egress'],
      egress: [{ action: 'Allow', protocol: 'UDP', source: {}, destination: { ports: [53] } }],
    }),
  },
  {
    name: 'no policyTypes, egress: [] (no egress rule): Ingress only, egress unrestricted',
    input: knp({ podSelector: {}, ingress: [], egress: [] }),
    expected: calico({ selector: ORCH, types: ['Ingress'] }),
  },
  // ---------------------------------------------------------------- semantics from the upstream code
  {
    name: 'ingress: [{}] allows everything',
    input: knp({ podSelector: {}, ingress: [{}] }),
    expected: calico({
      selector: ORCH,
      types: ['Ingress'],
      ingress: [{ action: 'Allow', source: {}, destination: {} }],
    }),
  },
  {
    name: 'ingress: [] with both types denies everything both ways',
    input: knp({ podSelector: {}, ingress: [], egress: [], policyTypes: ['Ingress', 'Egress'] }),
    expected: calico({ selector: ORCH, types: ['Ingress', 'Egress'] }),
  },
  {
    name: 'from: [] and to: [] mean any peer',
    input: knp({
      podSelector: {},
      ingress: [{ from: [] }],
      egress: [{ to: [], ports: [] }],
      policyTypes: ['Ingress', 'Egress'],
    }),
    expected: calico({
      selector: ORCH,
      types: ['Ingress', 'Egress'],
      ingress: [{ action: 'Allow', source: {}, destination: {} }],
      egress: [{ action: 'Allow', source: {}, destination: {} }],
    }),
  },
  {
    name: 'protocol-only port: every port of that protocol',
    input: knp({ podSelector: {}, ingress: [{ ports: [{ protocol: 'UDP' }] }] }),
    expected: calico({
      selector: ORCH,
      types: ['Ingress'],
      ingress: [{ action: 'Allow', protocol: 'UDP', source: {}, destination: {} }],
    }),
  },
  {
    name: 'a protocol-only port absorbs the numeric ports of its protocol, whatever the order',
    input: knp({
      podSelector: {},
      ingress: [
        {
          ports: [
            { port: 80 },
            { protocol: 'TCP' },
            { port: 53, protocol: 'UDP' },
            { protocol: 'SCTP' },
            { port: 9, protocol: 'SCTP' },
          ],
        },
      ],
    }),
    expected: calico({
      selector: ORCH,
      types: ['Ingress'],
      ingress: [
        { action: 'Allow', protocol: 'SCTP', source: {}, destination: {} },
        { action: 'Allow', protocol: 'TCP', source: {}, destination: {} },
        { action: 'Allow', protocol: 'UDP', source: {}, destination: { ports: [53] } },
      ],
    }),
  },
  {
    name: 'ports of one protocol simplified: named ports first, then merged ranges',
    input: knp({
      podSelector: {},
      ingress: [
        {
          ports: [
            { port: 82 },
            { port: 80 },
            { port: 'http' },
            { port: 81 },
            { port: 9090 },
            { port: 85, endPort: 90 },
            { port: 88, endPort: 95 },
          ],
        },
      ],
    }),
    expected: calico({
      selector: ORCH,
      types: ['Ingress'],
      ingress: [
        { action: 'Allow', protocol: 'TCP', source: {}, destination: { ports: ['http', '80:82', '85:95', 9090] } },
      ],
    }),
  },
  {
    name: 'one numeric port and names keep their order (SimplifyPorts short-circuit)',
    input: knp({ podSelector: {}, ingress: [{ ports: [{ port: 'serve-80-tcp' }, { port: 80 }, { port: 'b' }] }] }),
    expected: calico({
      selector: ORCH,
      types: ['Ingress'],
      ingress: [{ action: 'Allow', protocol: 'TCP', source: {}, destination: { ports: ['serve-80-tcp', 80, 'b'] } }],
    }),
  },
  {
    name: 'named port with protocol (e2e "serve-80-tcp")',
    input: knp(
      {
        podSelector: { matchLabels: { pod: 'a' } },
        ingress: [
          {
            from: [{ namespaceSelector: { matchLabels: { ns: 'y' } } }],
            ports: [{ port: 'serve-80-tcp', protocol: 'TCP' }],
          },
        ],
      },
      { name: 'allow-client-a-via-ns-selector-80', namespace: 'x' },
    ),
    expected: calico(
      {
        selector: podSel("pod == 'a'"),
        types: ['Ingress'],
        ingress: [
          {
            action: 'Allow',
            protocol: 'TCP',
            source: { selector: ORCH, namespaceSelector: "ns == 'y'" },
            destination: { ports: ['serve-80-tcp'] },
          },
        ],
      },
      'knp.default.allow-client-a-via-ns-selector-80',
      'x',
    ),
  },
  {
    name: 'several protocols: sorted SCTP, TCP, UDP',
    input: knp({
      podSelector: {},
      ingress: [
        {
          ports: [{ port: 80, protocol: 'UDP' }, { port: 80 }, { port: 80, protocol: 'SCTP' }],
          from: [{ podSelector: {} }],
        },
      ],
    }),
    expected: calico({
      selector: ORCH,
      types: ['Ingress'],
      ingress: ['SCTP', 'TCP', 'UDP'].map((protocol) => ({
        action: 'Allow',
        protocol,
        source: { selector: ORCH },
        destination: { ports: [80] },
      })),
    }),
  },
  {
    name: 'a lower-case protocol is normalised (Kubernetes would reject it)',
    input: knp({ podSelector: {}, ingress: [{ ports: [{ port: 53, protocol: 'udp' }] }] }),
    expected: calico({
      selector: ORCH,
      types: ['Ingress'],
      ingress: [{ action: 'Allow', protocol: 'UDP', source: {}, destination: { ports: [53] } }],
    }),
    problems: [/spec\.ingress\[0\]\.ports\[0\]\.protocol: protocol "udp": Kubernetes accepts only TCP, UDP and SCTP/],
  },
  {
    name: 'a string port of digits is numeric',
    input: knp({ podSelector: {}, ingress: [{ ports: [{ port: '8080' }] }] }),
    expected: calico({
      selector: ORCH,
      types: ['Ingress'],
      ingress: [{ action: 'Allow', protocol: 'TCP', source: {}, destination: { ports: [8080] } }],
    }),
  },
  {
    name: 'endPort with a named port: rule dropped',
    input: knp({ podSelector: {}, ingress: [{ ports: [{ port: 'foo', endPort: 90 }] }, {}] }),
    expected: calico({
      selector: ORCH,
      types: ['Ingress'],
      ingress: [{ action: 'Allow', source: {}, destination: {} }],
    }),
    problems: [
      /spec\.ingress\[0\]: k8s rule couldn't be converted: failed to parse k8s port: invalid port foo:90: invalid name for named port \(foo:90\)/,
    ],
  },
  {
    name: 'endPort below port: rule dropped',
    input: knp({ podSelector: {}, ingress: [{ ports: [{ port: 90, endPort: 80 }] }] }),
    expected: calico({ selector: ORCH, types: ['Ingress'] }),
    problems: [
      /invalid port 90:80: minimum port number \(90\) is greater than maximum port number \(80\) in port range/,
    ],
  },
  {
    name: 'port above 65535: rule dropped',
    input: knp({ podSelector: {}, egress: [{ ports: [{ port: 70000 }] }], policyTypes: ['Egress'] }),
    expected: calico({ selector: ORCH, types: ['Egress'] }),
    problems: [/spec\.egress\[0\]: .*invalid port 70000: invalid port format \(70000\)/],
  },
  {
    name: 'endPort without port is ignored (every port of the protocol)',
    input: knp({ podSelector: {}, ingress: [{ ports: [{ protocol: 'TCP', endPort: 90 }] }] }),
    expected: calico({
      selector: ORCH,
      types: ['Ingress'],
      ingress: [{ action: 'Allow', protocol: 'TCP', source: {}, destination: {} }],
    }),
  },
  {
    name: 'ipBlock CIDRs normalised like Go (host bits cleared, IPv6 compressed, IPv4-mapped as IPv4)',
    input: knp({
      podSelector: {},
      ingress: [
        {
          from: [
            { ipBlock: { cidr: '10.0.0.1/8', except: ['10.1.2.3/16'] } },
            { ipBlock: { cidr: 'FD00:0:0:0::1/64' } },
            { ipBlock: { cidr: '::ffff:10.1.2.3/104' } },
          ],
        },
      ],
    }),
    expected: calico({
      selector: ORCH,
      types: ['Ingress'],
      ingress: [
        { action: 'Allow', source: { nets: ['10.0.0.0/8'], notNets: ['10.1.0.0/16'] }, destination: {} },
        { action: 'Allow', source: { nets: ['fd00::/64'] }, destination: {} },
        { action: 'Allow', source: { nets: ['10.0.0.0/8'] }, destination: {} },
      ],
    }),
  },
  {
    name: 'an invalid ipBlock CIDR empties the peer: the rule matches any source',
    upstream: 'should have empty and Nil NetworkPolicyPeerfields when an IPBlock is invalid',
    input: knp({ podSelector: {}, ingress: [{ from: [{ ipBlock: { cidr: '192.168.0.0/55' } }] }] }),
    expected: calico({
      selector: ORCH,
      types: ['Ingress'],
      ingress: [{ action: 'Allow', source: {}, destination: {} }],
    }),
    problems: [/spec\.ingress\[0\]\.from\[0\]\.ipBlock\.cidr: "192\.168\.0\.0\/55" is not a CIDR: .*matches ANY peer/],
  },
  {
    name: 'an invalid except entry: the earlier entries are kept',
    input: knp({
      podSelector: {},
      ingress: [{ from: [{ ipBlock: { cidr: '10.0.0.0/8', except: ['10.1.0.0/16', 'nope', '10.2.0.0/16'] } }] }],
    }),
    expected: calico({
      selector: ORCH,
      types: ['Ingress'],
      ingress: [{ action: 'Allow', source: { nets: ['10.0.0.0/8'], notNets: ['10.1.0.0/16'] }, destination: {} }],
    }),
    problems: [/ipBlock\.except\[1\]: "nope" is not a CIDR/],
  },
  {
    name: 'ipBlock and a selector in one peer: only the ipBlock counts',
    input: knp({ podSelector: {}, ingress: [{ from: [{ ipBlock: { cidr: '10.0.0.0/8' }, podSelector: {} }] }] }),
    expected: calico({
      selector: ORCH,
      types: ['Ingress'],
      ingress: [{ action: 'Allow', source: { nets: ['10.0.0.0/8'] }, destination: {} }],
    }),
    problems: [/spec\.ingress\[0\]\.from\[0\]: ipBlock is set together with a selector/],
  },
  {
    name: 'an empty peer is every pod of the policy namespace',
    input: knp({ podSelector: {}, ingress: [{ from: [{}] }] }),
    expected: calico({
      selector: ORCH,
      types: ['Ingress'],
      ingress: [{ action: 'Allow', source: { selector: ORCH }, destination: {} }],
    }),
    problems: [/spec\.ingress\[0\]\.from\[0\]: empty peer/],
  },
  {
    name: 'matchLabels (sorted) before matchExpressions (in order)',
    input: knp({
      podSelector: {
        matchLabels: { b: '2', a: '1' },
        matchExpressions: [
          { key: 'z', operator: 'Exists' },
          { key: 'y', operator: 'NotIn', values: ['p', 'q'] },
        ],
      },
    }),
    expected: calico({
      selector: podSel("a == '1'", "b == '2'", 'has(z)', "y not in { 'p', 'q' }"),
      types: ['Ingress'],
    }),
  },
  {
    name: 'an unknown operator is dropped (the selector widens)',
    input: knp({
      podSelector: { matchLabels: { app: 'web' }, matchExpressions: [{ key: 'tier', operator: 'Gt', values: ['1'] }] },
    }),
    expected: calico({ selector: podSel("app == 'web'"), types: ['Ingress'] }),
    problems: [/spec\.podSelector\.matchExpressions\[0\]\.operator: unknown operator "Gt"/],
  },
  {
    name: 'DNS egress to kube-dns: namespace AND pod selector, TCP and UDP 53',
    input: knp(
      {
        podSelector: {},
        policyTypes: ['Egress'],
        egress: [
          {
            to: [
              {
                namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'kube-system' } },
                podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } },
              },
            ],
            ports: [
              { protocol: 'UDP', port: 53 },
              { protocol: 'TCP', port: 53 },
            ],
          },
        ],
      },
      { name: 'allow-dns', namespace: 'x' },
    ),
    expected: calico(
      {
        selector: ORCH,
        types: ['Egress'],
        egress: ['TCP', 'UDP'].map((protocol) => ({
          action: 'Allow',
          protocol,
          source: {},
          destination: {
            selector: podSel("k8s-app == 'kube-dns'"),
            namespaceSelector: "kubernetes.io/metadata.name == 'kube-system'",
            ports: [53],
          },
        })),
      },
      'knp.default.allow-dns',
      'x',
    ),
  },
  {
    name: 'missing namespace: default',
    input: knp({ podSelector: {} }, { name: 'no-ns' }),
    expected: calico({ selector: ORCH, types: ['Ingress'] }, 'knp.default.no-ns', 'default'),
    problems: [/NetworkPolicy no-ns: metadata\.namespace: not set: assuming namespace "default"/],
  },
  {
    name: 'null fields are unset (Go nil)',
    input: knp({
      podSelector: null,
      policyTypes: null,
      egress: null,
      ingress: [
        { from: null, ports: null },
        { from: [{ podSelector: null, namespaceSelector: { matchLabels: null } }] },
      ],
    }),
    expected: calico({
      selector: ORCH,
      types: ['Ingress'],
      ingress: [
        { action: 'Allow', source: {}, destination: {} },
        { action: 'Allow', source: { selector: ORCH, namespaceSelector: 'all()' }, destination: {} },
      ],
    }),
  },
  {
    name: 'no spec: every pod isolated for ingress',
    input: { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: 'bare', namespace: 'x' } },
    expected: calico({ selector: ORCH, types: ['Ingress'] }, 'knp.default.bare', 'x'),
  },
  {
    name: 'unknown policy types are ignored',
    input: knp({ podSelector: {}, policyTypes: ['Sideways', 'Egress'] }),
    expected: calico({ selector: ORCH, types: ['Egress'] }),
    problems: [/spec\.policyTypes\[0\]: unknown policy type "Sideways"/],
  },
  {
    name: 'kind and apiVersion may be omitted',
    input: {
      metadata: { name: 'plain', namespace: 'y' },
      spec: { podSelector: { matchLabels: { pod: 'b' } }, ingress: [{}] },
    },
    expected: calico(
      {
        selector: podSel("pod == 'b'"),
        types: ['Ingress'],
        ingress: [{ action: 'Allow', source: {}, destination: {} }],
      },
      'knp.default.plain',
      'y',
    ),
  },
];

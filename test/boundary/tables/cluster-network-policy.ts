// Mistakes with the ClusterNetworkPolicy construct and its values (ClusterPolicySubject, ClusterPolicyPeer,
// ClusterPolicyPort, LabelSelector), as plain-JavaScript and YAML-driven callers make them: wrong shapes and types,
// each refused at the API name or construct path and field, with a fix, never emitted for the API server to refuse or
// for Calico to fail closed.
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
  SecuredNodePool,
} from '../../../lib';
import { BadInput, call, synth } from '../harness';

const x = (v: unknown): any => v;
const W = 'Test/Cnp';
const ALL = () => ClusterPolicyPeer.allNamespaces();

function chart(): Chart {
  return new Chart(Testing.app(), 'Test', { namespace: 'shop' });
}

/** `Test/Cnp` with working props, overridden by `props`. */
function cnp(props: Record<string, unknown> = {}): ClusterNetworkPolicy {
  return new ClusterNetworkPolicy(
    chart(),
    'Cnp',
    x({ tier: ClusterNetworkPolicyTier.ADMIN, priority: 10, subject: ClusterPolicySubject.allNamespaces(), ...props }),
  );
}

export const ROWS: BadInput[] = [
  // ---- construct props
  call('props missing', () => new ClusterNetworkPolicy(chart(), 'Cnp', x(undefined)), W, 'props', 'got undefined'),
  call('props a string', () => new ClusterNetworkPolicy(chart(), 'Cnp', x('Admin')), W, 'props', 'the string "Admin"'),
  call(
    'scope not a construct',
    () => new ClusterNetworkPolicy(x({}), 'Cnp', x({})),
    'ClusterNetworkPolicy Cnp',
    'scope',
  ),
  call('tier missing', () => cnp({ tier: undefined }), W, 'tier', 'got undefined'),
  call('tier "admin" (case)', () => cnp({ tier: 'admin' }), W, 'tier', 'did you mean ClusterNetworkPolicyTier.ADMIN'),
  call('tier "kube-admin" (the Calico tier name)', () => cnp({ tier: 'kube-admin' }), W, 'tier', 'kube-admin'),
  call('priority missing', () => cnp({ priority: undefined }), W, 'priority', 'got undefined'),
  call('priority "10" (a string)', () => cnp({ priority: '10' }), W, 'priority', 'the string "10"'),
  call('priority NaN', () => cnp({ priority: NaN }), W, 'priority', 'got NaN'),
  call('priority 1001', () => cnp({ priority: 1001 }), W, 'priority', 'got 1001'),
  call('priority -1', () => cnp({ priority: -1 }), W, 'priority', 'got -1'),
  call('priority 2.5', () => cnp({ priority: 2.5 }), W, 'priority', 'got 2.5'),
  call('subject missing', () => cnp({ subject: undefined }), W, 'subject', 'got undefined'),
  call('subject a plain object', () => cnp({ subject: { namespaces: {} } }), W, 'subject', 'ClusterPolicySubject'),
  call('subject a peer', () => cnp({ subject: ALL() }), W, 'subject', 'a ClusterPolicyPeer'),
  call(
    'subject whose toClusterPolicySubject returns junk',
    () => cnp({ subject: { toClusterPolicySubject: () => 1 } }),
    W,
    'subject',
    'return a ClusterPolicySubject',
  ),
  call('ingress not a list', () => cnp({ ingress: { action: 'Deny' } }), W, 'ingress', 'an array of rules'),
  call('ingress[0] a string', () => cnp({ ingress: ['deny all'] }), W, 'ingress[0]', 'a rule { action, peers'),
  call('egress[0] without peers', () => cnp({ egress: [{ action: 'Deny' }] }), W, 'egress[0].peers', 'got undefined'),
  call('unknown prop "namespace"', () => cnp({ namespace: 'shop' }), W, 'namespace', 'unknown property'),
  call('unknown prop "priorty" (typo)', () => cnp({ priorty: 1 }), W, 'priorty', 'did you mean "priority"'),
  call('name with capitals', () => cnp({ name: 'Guard' }), W, 'name', 'DNS-1123 subdomain'),
  call('labels with a number value', () => cnp({ labels: { tier: 1 } }), W, 'labels["tier"]', 'quote the value'),
  call('annotations not an object', () => cnp({ annotations: 'x' }), W, 'annotations', 'the string "x"'),

  // ---- rule methods
  call('acceptFrom(undefined)', () => cnp().acceptFrom(x(undefined)), W, 'acceptFrom.peer', 'got undefined'),
  call(
    'denyFrom("kube-system") (a string)',
    () => cnp().denyFrom(x('kube-system')),
    W,
    'denyFrom.peer',
    'the string "kube-system"',
  ),
  call(
    'passFrom(networks)',
    () => cnp().passFrom(ClusterPolicyPeer.networks('10.0.0.0/8')),
    W,
    'passFrom.peer',
    'no ingress networks peer',
  ),
  call(
    'acceptTo(peer, 443) (a number port)',
    () => cnp().acceptTo(ALL(), x(443)),
    W,
    'acceptTo.ports[0]',
    'ClusterPolicyPort.tcp(443)',
  ),
  call(
    'denyTo(peer, [port]) (a list, not spread)',
    () => cnp().denyTo(ALL(), x([ClusterPolicyPort.tcp(1)])),
    W,
    'denyTo.ports[0]',
    'an array',
  ),
  call(
    'passTo({ namespaces: {} }) (plain JSON)',
    () => cnp().passTo(x({ namespaces: {} })),
    W,
    'passTo.peer',
    'an object {namespaces}',
  ),
  call(
    'addIngressRule(undefined)',
    () => cnp().addIngressRule(x(undefined)),
    W,
    'addIngressRule.rule',
    'got undefined',
  ),
  call(
    'addIngressRule action "allow"',
    () => cnp().addIngressRule(x({ action: 'allow', peers: [ALL()] })),
    W,
    'addIngressRule.rule.action',
    'the string "allow"',
  ),
  call(
    'addIngressRule action missing',
    () => cnp().addIngressRule(x({ peers: [ALL()] })),
    W,
    'addIngressRule.rule.action',
    'got undefined',
  ),
  call(
    'addEgressRule peers a lone peer',
    () => cnp().addEgressRule(x({ action: 'Deny', peers: ALL() })),
    W,
    'addEgressRule.rule.peers',
    'an array of peers',
  ),
  call(
    'addEgressRule peers empty',
    () => cnp().addEgressRule({ action: ClusterNetworkPolicyAction.DENY, peers: [] }),
    W,
    'addEgressRule.rule.peers',
    'at least 1',
  ),
  call(
    'addEgressRule peers[1] null',
    () => cnp().addEgressRule(x({ action: 'Deny', peers: [ALL(), null] })),
    W,
    'addEgressRule.rule.peers[1]',
    'got null',
  ),
  call(
    'addEgressRule ports a port, not a list',
    () => cnp().addEgressRule(x({ action: 'Deny', peers: [ALL()], ports: ClusterPolicyPort.tcp(1) })),
    W,
    'addEgressRule.rule.ports',
    'an array of ClusterPolicyPorts',
  ),
  call(
    'addEgressRule name a number',
    () => cnp().addEgressRule(x({ action: 'Deny', peers: [ALL()], name: 7 })),
    W,
    'addEgressRule.rule.name',
    'got 7',
  ),
  call(
    'addEgressRule "to" instead of peers',
    () => cnp().addEgressRule(x({ action: 'Deny', to: [ALL()] })),
    W,
    'addEgressRule.rule.to',
    'unknown property',
  ),
  call(
    'addEgressRule "protocols" instead of ports',
    () => cnp().addEgressRule(x({ action: 'Deny', peers: [ALL()], protocols: [] })),
    W,
    'addEgressRule.rule.protocols',
    'unknown property',
  ),
  call(
    'peer whose toClusterPolicyPeers returns []',
    () => cnp().denyTo(x({ toClusterPolicyPeers: () => [] })),
    W,
    'denyTo.peer',
    'return one or more ClusterPolicyPeers',
  ),
  call(
    'SecuredNodePool without addresses as a peer',
    () => {
      const c = chart();
      const pool = new SecuredNodePool(c, 'Nodes', { dangerouslySkipLockoutGuard: true });
      new ClusterNetworkPolicy(c, 'Cnp', {
        tier: ClusterNetworkPolicyTier.ADMIN,
        priority: 1,
        subject: ClusterPolicySubject.allNamespaces(),
      }).acceptTo(pool);
    },
    W,
    'acceptTo.peer',
    'no inventory',
  ),
  synth('a policy without rules', () => Testing.synth(Chart.of(cnp())), W, 'spec', 'has no rules'),

  // ---- ClusterPolicySubject
  call(
    'Subject.namespaces("shop") (a string)',
    () => ClusterPolicySubject.namespaces(x('shop')),
    'ClusterPolicySubject.namespaces',
    'labels',
    'the string "shop"',
  ),
  call(
    'Subject.namespaces({ app: 1 })',
    () => ClusterPolicySubject.namespaces(x({ app: 1 })),
    'ClusterPolicySubject.namespaces',
    'labels["app"]',
  ),
  call(
    'Subject.namespaceNamed("Shop")',
    () => ClusterPolicySubject.namespaceNamed('Shop'),
    'ClusterPolicySubject.namespaceNamed',
    'name',
    'DNS-1123 label',
  ),
  call(
    'Subject.namespacesMatching({}) (plain JSON)',
    () => ClusterPolicySubject.namespacesMatching(x({})),
    'ClusterPolicySubject.namespacesMatching',
    'selector',
    'LabelSelector.matchLabels',
  ),
  call(
    'Subject.pods(undefined)',
    () => ClusterPolicySubject.pods(x(undefined)),
    'ClusterPolicySubject.pods',
    'podLabels',
    'got undefined',
  ),
  call(
    'Subject.pods(labels, "prod")',
    () => ClusterPolicySubject.pods({}, x('prod')),
    'ClusterPolicySubject.pods',
    'namespaceLabels',
    'the string "prod"',
  ),
  call(
    'Subject.podsMatching(null)',
    () => ClusterPolicySubject.podsMatching(x(null)),
    'ClusterPolicySubject.podsMatching',
    'podSelector',
    'got null',
  ),
  call(
    'Subject.podsMatching(sel, {})',
    () => ClusterPolicySubject.podsMatching(LabelSelector.all(), x({})),
    'ClusterPolicySubject.podsMatching',
    'namespaceSelector',
    'an empty object',
  ),

  // ---- ClusterPolicyPeer
  call(
    'Peer.namespaces(undefined)',
    () => ClusterPolicyPeer.namespaces(x(undefined)),
    'ClusterPolicyPeer.namespaces',
    'labels',
    'got undefined',
  ),
  call(
    'Peer.namespaceNamed("")',
    () => ClusterPolicyPeer.namespaceNamed(''),
    'ClusterPolicyPeer.namespaceNamed',
    'name',
    'an empty string',
  ),
  call(
    'Peer.pods({ "bad key": "x" })',
    () => ClusterPolicyPeer.pods({ 'bad key': 'x' }),
    'ClusterPolicyPeer.pods',
    'podLabels["bad key"]',
  ),
  call(
    'Peer.podsMatching("app=web")',
    () => ClusterPolicyPeer.podsMatching(x('app=web')),
    'ClusterPolicyPeer.podsMatching',
    'podSelector',
    'the string "app=web"',
  ),
  call(
    'Peer.networks() (none)',
    () => ClusterPolicyPeer.networks(),
    'ClusterPolicyPeer.networks',
    'cidrs',
    'at least 1',
  ),
  call(
    'Peer.networks(["10.0.0.0/8"]) (a list, not spread)',
    () => ClusterPolicyPeer.networks(x(['10.0.0.0/8'])),
    'ClusterPolicyPeer.networks',
    'cidrs[0]',
    'an array (1 item)',
  ),
  call(
    'Peer.networks(10) (a number)',
    () => ClusterPolicyPeer.networks(x(10)),
    'ClusterPolicyPeer.networks',
    'cidrs[0]',
    'got 10',
  ),
  call(
    'Peer.networks("10.0.0.1") (no prefix)',
    () => ClusterPolicyPeer.networks('10.0.0.1'),
    'ClusterPolicyPeer.networks',
    'cidrs[0]',
    '10.0.0.1/32',
  ),
  call(
    'Peer.networks("::ffff:10.0.0.0/104")',
    () => ClusterPolicyPeer.networks('::ffff:10.0.0.0/104'),
    'ClusterPolicyPeer.networks',
    'cidrs[0]',
    'IPv4-mapped',
  ),
  call(
    'Peer.networks("10.0.0.0/08")',
    () => ClusterPolicyPeer.networks('10.0.0.0/08'),
    'ClusterPolicyPeer.networks',
    'cidrs[0]',
    'leading zeros',
  ),
  call(
    'Peer.networks("10.1.0.0/8") (host bits)',
    () => ClusterPolicyPeer.networks('10.1.0.0/8'),
    'ClusterPolicyPeer.networks',
    'cidrs[0]',
    '10.0.0.0/8',
  ),
  call(
    'Peer.networks(dup)',
    () => ClusterPolicyPeer.networks('::/0', '::/0'),
    'ClusterPolicyPeer.networks',
    'cidrs[1]',
    'remove the repeat',
  ),

  // ---- ClusterPolicyPort
  call(
    'Port.tcp("80") (a string)',
    () => ClusterPolicyPort.tcp(x('80')),
    'ClusterPolicyPort.tcp',
    'port',
    'the string "80"',
  ),
  call('Port.udp() (no port)', () => x(ClusterPolicyPort.udp)(), 'ClusterPolicyPort.udp', 'port', 'got undefined'),
  call('Port.sctp(70000)', () => ClusterPolicyPort.sctp(70000), 'ClusterPolicyPort.sctp', 'port', 'got 70000'),
  call(
    'Port.tcpRange(80) (no end)',
    () => x(ClusterPolicyPort.tcpRange)(80),
    'ClusterPolicyPort.tcpRange',
    'end',
    'got undefined',
  ),
  call(
    'Port.udpRange(9, 9)',
    () => ClusterPolicyPort.udpRange(9, 9),
    'ClusterPolicyPort.udpRange',
    'end',
    'ClusterPolicyPort.udp(9)',
  ),
  call(
    'Port.sctpRange(10, 1)',
    () => ClusterPolicyPort.sctpRange(10, 1),
    'ClusterPolicyPort.sctpRange',
    'end',
    'swap the bounds',
  ),
  call('Port.named(80) (a number)', () => ClusterPolicyPort.named(x(80)), 'ClusterPolicyPort.named', 'name', 'got 80'),
  call(
    'Port.named("web port")',
    () => ClusterPolicyPort.named('web port'),
    'ClusterPolicyPort.named',
    'name',
    'fails such a rule closed',
  ),

  // ---- LabelSelector
  call(
    'LabelSelector.matchLabels(null)',
    () => LabelSelector.matchLabels(x(null)),
    'LabelSelector.matchLabels',
    'labels',
    'got null',
  ),
  call(
    'LabelSelector.of("app=web")',
    () => LabelSelector.of(x('app=web')),
    'LabelSelector.of',
    'props',
    'the string "app=web"',
  ),
  call(
    'LabelSelector.of matchExpression without operator',
    () => LabelSelector.of(x({ matchExpressions: [{ key: 'a' }] })),
    'LabelSelector.of',
    'matchExpressions[0].operator',
    'got undefined',
  ),
  call(
    'LabelSelector.of operator "Equals"',
    () => LabelSelector.of(x({ matchExpressions: [{ key: 'a', operator: 'Equals', values: ['b'] }] })),
    'LabelSelector.of',
    'matchExpressions[0].operator',
    'LabelSelectorOperator.IN',
  ),
  call(
    'LabelSelector.of values a string',
    () => LabelSelector.of(x({ matchExpressions: [{ key: 'a', operator: 'In', values: 'b' }] })),
    'LabelSelector.of',
    'matchExpressions[0].values',
    'wrap it in a list',
  ),
  call(
    'LabelSelector.of "matchLabel" (typo)',
    () => LabelSelector.of(x({ matchLabel: { a: 'b' } })),
    'LabelSelector.of',
    'matchLabel',
    'did you mean "matchLabels"',
  ),
  call(
    'withExpression In without values',
    () => LabelSelector.all().withExpression('a', LabelSelectorOperator.IN),
    'LabelSelector.withExpression',
    'expression.values',
    'list the label values',
  ),
  call(
    'withExpression DoesNotExist with values',
    () => LabelSelector.all().withExpression('a', LabelSelectorOperator.DOES_NOT_EXIST, 'b'),
    'LabelSelector.withExpression',
    'expression.values',
    'remove the values',
  ),
  call(
    'withExpression key with a space',
    () => LabelSelector.all().withExpression('a b', LabelSelectorOperator.EXISTS),
    'LabelSelector.withExpression',
    'expression.key',
    'fix the key',
  ),
];

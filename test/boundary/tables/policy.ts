// Mistakes with the policy values (Port, Protocol, Peer, Tier) and constructs (GlobalNetworkPolicy, NetworkPolicy,
// their staged variants, Tier, DenyLogging), as plain-JavaScript and YAML-driven callers make them: each is refused
// at the API name or construct path and prop, with a fix, never read as something else (an undefined peer used to
// mean "from anywhere", a string protocol "every protocol").
import { Chart, Testing } from 'cdk8s';
import {
  Action, DenyLogging, GlobalNetworkPolicy, NetworkPolicy, Peer, PolicyType, Port, Protocol, Selector, StagedGlobalNetworkPolicy, StagedNetworkPolicy,
  Tier, TierDefaultAction,
} from '../../../lib';
import { BadInput, call, synth } from '../harness';

const x = (v: unknown): any => v;

/** A chart with path `Test` (namespace `shop`). */
function chart(): Chart {
  return new Chart(Testing.app(), 'Test', { namespace: 'shop' });
}

/** `Test/Pol`, a GlobalNetworkPolicy with working defaults. */
function gnp(props: Record<string, unknown> = {}): GlobalNetworkPolicy {
  return new GlobalNetworkPolicy(chart(), 'Pol', x(props));
}

/** Adds a rule with `add` to `Test/Pol`, then synthesizes. */
function synthPolicy(add: (p: GlobalNetworkPolicy) => void): () => unknown {
  return () => {
    const p = gnp();
    add(p);
    return Testing.synth(Chart.of(p));
  };
}


/** One row per shorthand for a mistake made in the same argument. */
function shorthands(what: string, args: unknown[], field: string, mentions?: string | RegExp): BadInput[] {
  const methods = ['allowIngress', 'denyIngress', 'passIngress', 'logIngress', 'allowEgress', 'denyEgress', 'passEgress', 'logEgress'];
  return methods.map((m) => call(`${m}: ${what}`, () => (gnp() as any)[m](...args), 'Test/Pol', field, mentions));
}

export const ROWS: BadInput[] = [
  // ---- Port factories
  call('Port.tcp(70000)', () => Port.tcp(70000), 'Port.tcp', 'port', 'expected an integer 1-65535, got 70000'),
  call('Port.tcp(0)', () => Port.tcp(0), 'Port.tcp', 'port', 'got 0'),
  call('Port.tcp("22") (a string)', () => Port.tcp(x('22')), 'Port.tcp', 'port', 'pass the number 22, not a string'),
  call('Port.tcp(NaN)', () => Port.tcp(NaN), 'Port.tcp', 'port', 'got NaN'),
  call('Port.tcp(Infinity)', () => Port.tcp(Infinity), 'Port.tcp', 'port', 'got Infinity'),
  call('Port.tcp(22.5)', () => Port.tcp(22.5), 'Port.tcp', 'port', 'got 22.5'),
  call('Port.tcp() (no port)', () => x(Port.tcp)(), 'Port.tcp', 'port', 'got undefined'),
  call('Port.udp(-53)', () => Port.udp(-53), 'Port.udp', 'port', 'got -53'),
  call('Port.udp(null)', () => Port.udp(x(null)), 'Port.udp', 'port', 'got null'),
  call('Port.sctp("x")', () => Port.sctp(x('x')), 'Port.sctp', 'port', 'the string "x"'),
  call('Port.tcpPorts() (none)', () => Port.tcpPorts(), 'Port.tcpPorts', 'ports', 'Port.allTcp()'),
  call('Port.tcpPorts([80, 443]) (an array, not spread)', () => Port.tcpPorts(x([80, 443])), 'Port.tcpPorts', 'ports[0]', 'an array (2 items)'),
  call('Port.tcpPorts(80, "443")', () => Port.tcpPorts(80, x('443')), 'Port.tcpPorts', 'ports[1]', 'pass the number 443'),
  call('Port.udpPorts(53, 70000)', () => Port.udpPorts(53, 70000), 'Port.udpPorts', 'ports[1]', 'got 70000'),
  call('Port.tcpRange(1.5, 2)', () => Port.tcpRange(1.5, 2), 'Port.tcpRange', 'from', 'got 1.5'),
  call('Port.tcpRange(200, 100) (inverted)', () => Port.tcpRange(200, 100), 'Port.tcpRange', 'from', 'Port.tcpRange(100, 200)'),
  call('Port.udpRange(30000, 70000)', () => Port.udpRange(30000, 70000), 'Port.udpRange', 'to', 'got 70000'),
  call('Port.sctpRange("1", 2)', () => Port.sctpRange(x('1'), 2), 'Port.sctpRange', 'from', 'not a string'),
  call('Port.protocol("TCP") (a string, would match every protocol)', () => Port.protocol(x('TCP')), 'Port.protocol', 'protocol', 'Protocol.named("TCP")'),
  call('Port.protocol(6) (a number)', () => Port.protocol(x(6)), 'Port.protocol', 'protocol', 'Protocol.number(6)'),
  call('Port.protocol(undefined)', () => Port.protocol(x(undefined)), 'Port.protocol', 'protocol', 'got undefined'),
  call('Port.named("HTTP") (upper case)', () => Port.named('HTTP'), 'Port.named', 'name', 'lowercase'),
  call('Port.named("")', () => Port.named(''), 'Port.named', 'name', 'an empty string'),
  call('Port.named(8080) (a number)', () => Port.named(x(8080)), 'Port.named', 'name', 'got 8080'),
  call('Port.named("http", "TCP") (string protocol)', () => Port.named('http', x('TCP')), 'Port.named', 'protocol', 'Protocol.named("TCP")'),
  call('Port.named("http", Protocol.icmp())', () => Port.named('http', Protocol.icmp()), 'Port.named', 'protocol', 'only TCP, UDP and SCTP'),
  call('Port.icmp(255)', () => Port.icmp(255), 'Port.icmp', 'type', '0-254'),
  call('Port.icmp(3, 256)', () => Port.icmp(3, 256), 'Port.icmp', 'code', '0-255'),
  call('Port.icmp(undefined, 1) (code without type)', () => Port.icmp(undefined, 1), 'Port.icmp', 'code', 'give type too'),
  call('Port.icmp("8")', () => Port.icmp(x('8')), 'Port.icmp', 'type', 'pass the number 8'),
  call('Port.icmpv6(NaN)', () => Port.icmpv6(NaN), 'Port.icmpv6', 'type', 'got NaN'),
  call('Port.combine() (none)', () => Port.combine(), 'Port.combine', 'ports', 'at least one'),
  call('Port.combine(80) (a number)', () => Port.combine(x(80)), 'Port.combine', 'ports[0]', 'Port.tcp(80)'),
  call('Port.combine(TCP, UDP)', () => Port.combine(Port.tcp(80), Port.udp(53)), 'Port.combine', 'ports[1]', 'different protocols'),
  call('Port.combine(allTcp)', () => Port.combine(Port.allTcp()), 'Port.combine', 'ports[0]', 'every port'),
  call('Port.combine(icmp)', () => Port.combine(Port.icmp(8)), 'Port.combine', 'ports[0]', 'ICMP'),

  // ---- Protocol factories
  call('Protocol.number(0)', () => Protocol.number(0), 'Protocol.number', 'value', '0 is rejected by Calico'),
  call('Protocol.number(256)', () => Protocol.number(256), 'Protocol.number', 'value', 'got 256'),
  call('Protocol.number(Infinity)', () => Protocol.number(Infinity), 'Protocol.number', 'value', 'got Infinity'),
  call('Protocol.number("6")', () => Protocol.number(x('6')), 'Protocol.number', 'value', 'the string "6"'),
  call('Protocol.named("tcp") (case slip)', () => Protocol.named('tcp'), 'Protocol.named', 'name', 'did you mean "TCP"?'),
  call('Protocol.named("icmpv6") (case slip)', () => Protocol.named('icmpv6'), 'Protocol.named', 'name', 'did you mean "ICMPv6"?'),
  call('Protocol.named("http")', () => Protocol.named('http'), 'Protocol.named', 'name', 'use one of'),
  call('Protocol.named(6)', () => Protocol.named(x(6)), 'Protocol.named', 'name', 'got 6'),

  // ---- Peer factories
  call('Peer.selector("app == web") (text, was a TypeError)', () => Peer.selector(x('app == "web"')), 'Peer.selector', 'selector', 'Selector.parse("app == \\"web\\"")'),
  call('Peer.selector(undefined)', () => Peer.selector(x(undefined)), 'Peer.selector', 'selector', 'got undefined'),
  call('Peer.selector(global())', () => Peer.selector(Selector.global()), 'Peer.selector', 'selector', 'Peer.globalEndpoints()'),
  call('Peer.notSelector("a")', () => Peer.notSelector(x('a')), 'Peer.notSelector', 'selector', 'Selector.parse("a")'),
  call('Peer.notSelector(global())', () => Peer.notSelector(Selector.global()), 'Peer.notSelector', 'selector', 'global()'),
  call('Peer.namespace({}) (a plain object)', () => Peer.namespace(x({})), 'Peer.namespace', 'selector', 'an empty object'),
  call('Peer.namespace(global() && has(a))', () => Peer.namespace(Selector.global().and(Selector.has('a'))), 'Peer.namespace', 'selector', 'alone'),
  call('Peer.nets("10.0.0.1") (bare IP)', () => Peer.nets('10.0.0.1'), 'Peer.nets', 'cidrs[0]', 'did you mean "10.0.0.1/32"?'),
  call('Peer.nets(ok, bare IP)', () => Peer.nets('10.0.0.0/8', '192.168.1.1'), 'Peer.nets', 'cidrs[1]', '192.168.1.1/32'),
  call('Peer.nets("10.0.0.1/8") (host bits)', () => Peer.nets('10.0.0.1/8'), 'Peer.nets', 'cidrs[0]', 'use "10.0.0.0/8"'),
  call('Peer.nets() (none)', () => Peer.nets(), 'Peer.nets', 'cidrs', 'at least one'),
  call('Peer.nets(["10.0.0.0/8"]) (an array, not spread)', () => Peer.nets(x(['10.0.0.0/8'])), 'Peer.nets', 'cidrs[0]', 'an array (1 item)'),
  call('Peer.nets(v4, v6)', () => Peer.nets('10.0.0.0/8', '2001:db8::/32'), 'Peer.nets', 'cidrs', 'mixes IPv4 and IPv6'),
  call('Peer.nets(null)', () => Peer.nets(x(null)), 'Peer.nets', 'cidrs[0]', 'got null'),
  call('Peer.notNets("0.0.0.0/0")', () => Peer.notNets('0.0.0.0/0'), 'Peer.notNets', 'cidrs[0]', 'excludes every address'),
  call('Peer.notNets("nope")', () => Peer.notNets('nope'), 'Peer.notNets', 'cidrs[0]', 'write a CIDR'),
  call('Peer.serviceAccounts("api") (a string)', () => Peer.serviceAccounts(x('api')), 'Peer.serviceAccounts', 'names', 'wrap it in a list: ["api"]'),
  call('Peer.serviceAccounts([])', () => Peer.serviceAccounts([]), 'Peer.serviceAccounts', 'names', 'names or a selector'),
  call('Peer.serviceAccounts(["Bad_SA"])', () => Peer.serviceAccounts(['Bad_SA']), 'Peer.serviceAccounts', 'names[0]', 'DNS-1123'),
  call('Peer.serviceAccounts([], "role == x")', () => Peer.serviceAccounts([], x('role == "x"')), 'Peer.serviceAccounts', 'selector', 'Selector.parse'),
  call('Peer.service("", "web")', () => Peer.service('', 'web'), 'Peer.service', 'namespace', 'an empty string'),
  call('Peer.service("shop")', () => x(Peer.service)('shop'), 'Peer.service', 'name', 'got undefined'),
  call('Peer.service("Shop", "web")', () => Peer.service('Shop', 'web'), 'Peer.service', 'namespace', 'DNS-1123'),
  call('Peer.service("shop", "1web")', () => Peer.service('shop', '1web'), 'Peer.service', 'name', 'start with a letter'),
  call('peer.and(undefined)', () => Peer.any().and(x(undefined)), 'Peer.and', 'other', 'got undefined'),
  call('peer.and("10.0.0.0/8")', () => Peer.any().and(x('10.0.0.0/8')), 'Peer.and', 'other', 'Peer.nets("10.0.0.0/8")'),
  call('peer.and(nets, nets)', () => Peer.nets('10.0.0.0/8').and(Peer.nets('10.1.0.0/16')), 'Peer.and', 'other', 'both peers set "nets"'),
  call('peer.and(service, selector)', () => Peer.service('a', 'b').and(Peer.selector(Selector.has('x'))), 'Peer.and', 'other', 'on its own'),

  // ---- Tier
  call('Tier.fromTierName("Security")', () => Tier.fromTierName('Security'), 'Tier.fromTierName', 'name', 'DNS-1123'),
  call('Tier.fromTierName(undefined)', () => Tier.fromTierName(x(undefined)), 'Tier.fromTierName', 'name', 'got undefined'),
  call('Tier defaultAction "pass" (case slip)', () => new Tier(chart(), 'T', x({ defaultAction: 'pass' })), 'Test/T', 'defaultAction', 'did you mean TierDefaultAction.PASS "Pass"?'),
  call('Tier defaultAction "Allow"', () => new Tier(chart(), 'T', x({ defaultAction: 'Allow' })), 'Test/T', 'defaultAction', 'TierDefaultAction.DENY'),
  call('Tier order "100"', () => new Tier(chart(), 'T', x({ order: '100' })), 'Test/T', 'order', 'finite number'),
  call('Tier order NaN', () => new Tier(chart(), 'T', { order: NaN }), 'Test/T', 'order', 'got NaN'),
  call('Tier misspelt prop defaultActon', () => new Tier(chart(), 'T', x({ defaultActon: TierDefaultAction.PASS })), 'Test/T', 'defaultActon', 'did you mean "defaultAction"?'),
  call('Tier scope undefined', () => new Tier(x(undefined), 'T'), 'Tier T', 'scope', 'pass the chart as the first argument'),
  call('Tier props a string', () => new Tier(chart(), 'T', x('security')), 'Test/T', 'props', 'a props object'),

  // ---- Policy props
  call('GNP selector as text', () => gnp({ selector: 'has(kubernetes-host)' }), 'Test/Pol', 'selector', 'Selector.parse("has(kubernetes-host)")'),
  call('GNP selector global()', () => gnp({ selector: Selector.global() }), 'Test/Pol', 'selector', 'global()'),
  call('GNP order "100"', () => gnp({ order: '100' }), 'Test/Pol', 'order', 'the string "100"'),
  call('GNP order Infinity', () => gnp({ order: Infinity }), 'Test/Pol', 'order', 'got Infinity'),
  call('GNP tier "security" (a name)', () => gnp({ tier: 'security' }), 'Test/Pol', 'tier', 'Tier.fromTierName("security")'),
  call('GNP tier {}', () => gnp({ tier: {} }), 'Test/Pol', 'tier', 'an empty object'),
  call('GNP types "Ingress" (not a list)', () => gnp({ types: 'Ingress' }), 'Test/Pol', 'types', 'wrap it in a list: ["Ingress"]'),
  call('GNP types ["ingress"] (case slip)', () => gnp({ types: ['ingress'] }), 'Test/Pol', 'types[0]', 'did you mean PolicyType.INGRESS "Ingress"?'),
  call('GNP types ["Both"]', () => gnp({ types: [PolicyType.EGRESS, 'Both'] }), 'Test/Pol', 'types[1]', 'PolicyType.EGRESS'),
  call('GNP serviceAccountSelector text', () => gnp({ serviceAccountSelector: 'role == "x"' }), 'Test/Pol', 'serviceAccountSelector', 'Selector.parse'),
  call('GNP preDnat "true"', () => gnp({ preDnat: 'true' }), 'Test/Pol', 'preDnat', 'pass the boolean true, not a string'),
  call('GNP applyOnForward 1', () => gnp({ applyOnForward: 1 }), 'Test/Pol', 'applyOnForward', 'true or false'),
  call('GNP doNotTrack "yes"', () => gnp({ doNotTrack: 'yes' }), 'Test/Pol', 'doNotTrack', 'true or false'),
  call('GNP namespaceSelector text', () => gnp({ namespaceSelector: 'team == "a"' }), 'Test/Pol', 'namespaceSelector', 'Selector.parse'),
  call('GNP namespaceSelector global()', () => gnp({ namespaceSelector: Selector.global() }), 'Test/Pol', 'namespaceSelector', 'select namespaces by their labels'),
  call('GNP misspelt prop prednat', () => gnp({ prednat: true }), 'Test/Pol', 'prednat', 'did you mean "preDnat"?'),
  call('GNP misspelt prop selctor', () => gnp({ selctor: Selector.all() }), 'Test/Pol', 'selctor', 'did you mean "selector"?'),
  call('GNP stagedAction on the enforced kind', () => gnp({ stagedAction: 'Set' }), 'Test/Pol', 'stagedAction', 'unknown property'),
  call('GNP labels with a number value', () => gnp({ labels: { team: 1 } }), 'Test/Pol', 'labels.team', 'quote the value'),
  call('GNP name 42', () => gnp({ name: 42 }), 'Test/Pol', 'name', 'got 42'),
  call('GNP props an array', () => gnp(x([])), 'Test/Pol', 'props', 'an array'),
  call('GNP scope a string', () => new GlobalNetworkPolicy(x('chart'), 'Pol'), 'GlobalNetworkPolicy Pol', 'scope', 'new GlobalNetworkPolicy(chart'),
  call('GNP id undefined', () => new GlobalNetworkPolicy(chart(), x(undefined)), 'Test', 'id', 'pass an id'),
  call('StagedGNP stagedAction "delete" (case slip)', () => new StagedGlobalNetworkPolicy(chart(), 'S', x({ stagedAction: 'delete' })), 'Test/S', 'stagedAction',
    'did you mean StagedAction.DELETE "Delete"?'),
  call('StagedNP stagedAction "Remove"', () => new StagedNetworkPolicy(chart(), 'S', x({ stagedAction: 'Remove' })), 'Test/S', 'stagedAction', 'StagedAction.SET'),
  call('NP preDnat (GNP only)', () => new NetworkPolicy(chart(), 'N', x({ preDnat: true })), 'Test/N', 'preDnat', 'unknown property'),
  call('NP namespace 7', () => new NetworkPolicy(chart(), 'N', x({ namespace: 7 })), 'Test/N', 'namespace', 'got 7'),

  // ---- Shorthand rules: a missing peer never means "from anywhere"
  ...shorthands('peer undefined', [undefined, Port.tcp(22)], 'peer', 'Peer.any()'),
  call('allowIngress peer null', () => gnp().allowIngress(x(null), Port.tcp(22)), 'Test/Pol', 'peer', 'got null'),
  call('allowIngress peer "10.0.0.0/8" (text)', () => gnp().allowIngress(x('10.0.0.0/8'), Port.tcp(22)), 'Test/Pol', 'peer', 'Peer.nets("10.0.0.0/8")'),
  call('allowIngress peer a Selector', () => gnp().allowIngress(x(Selector.has('a')), Port.tcp(22)), 'Test/Pol', 'peer', 'a Selector'),
  call('allowIngress port 22 (a number)', () => gnp().allowIngress(Peer.any(), x(22)), 'Test/Pol', 'port', 'Port.tcp(22)'),
  call('allowIngress port "http" (text)', () => gnp().allowIngress(Peer.any(), x('http')), 'Test/Pol', 'port', 'Port.named("http")'),
  call('allowIngress port a Protocol', () => gnp().allowIngress(Peer.any(), x(Protocol.tcp())), 'Test/Pol', 'port', 'a Protocol'),
  call('allowIngress options "ssh" (a string)', () => gnp().allowIngress(Peer.any(), Port.tcp(22), x('ssh')), 'Test/Pol', 'options', 'an object'),
  call('allowIngress options.ipVersion 5', () => gnp().allowIngress(Peer.any(), Port.tcp(22), { ipVersion: 5 }), 'Test/Pol', 'options.ipVersion', 'one of 4, 6'),
  call('allowIngress options.ipVersion "4"', () => gnp().allowIngress(Peer.any(), Port.tcp(22), x({ ipVersion: '4' })), 'Test/Pol', 'options.ipVersion', 'the string "4"'),
  call('allowIngress options.descripton (misspelt)', () => gnp().allowIngress(Peer.any(), Port.tcp(22), x({ descripton: 'x' })), 'Test/Pol', 'options.descripton',
    'did you mean "description"?'),
  call('allowIngress options.localPeer text', () => gnp().allowIngress(Peer.any(), undefined, x({ localPeer: '10.0.0.1/32' })), 'Test/Pol', 'options.localPeer', 'Peer.nets'),
  call('allowIngress options.exceptPorts 22', () => gnp().allowIngress(Peer.any(), Port.allTcp(), x({ exceptPorts: 22 })), 'Test/Pol', 'options.exceptPorts', 'Port.tcp(22)'),
  call('allowIngress options.http.methods "GET"', () => gnp().allowIngress(Peer.any(), Port.tcp(80), x({ http: { methods: 'GET' } })), 'Test/Pol', 'options.http.methods',
    'wrap it in a list'),
  call('allowIngress options.http.paths (unknown)', () => gnp().allowIngress(Peer.any(), Port.tcp(80), x({ http: { paths: ['/'] } })), 'Test/Pol', 'options.http.paths',
    'unknown property'),
  call('allowIngress options.description 5', () => gnp().allowIngress(Peer.any(), Port.tcp(80), x({ description: 5 })), 'Test/Pol', 'options.description', 'got 5'),

  // ---- addIngressRule / addEgressRule
  call('addIngressRule action "allow" (case slip)', () => gnp().addIngressRule(x({ action: 'allow' })), 'Test/Pol', 'rule.action', 'did you mean Action.ALLOW "Allow"?'),
  call('addIngressRule without action', () => gnp().addIngressRule(x({ source: Peer.any() })), 'Test/Pol', 'rule.action', 'got undefined'),
  call('addEgressRule action "Drop"', () => gnp().addEgressRule(x({ action: 'Drop' })), 'Test/Pol', 'rule.action', 'Action.DENY'),
  call('addIngressRule protocol "TCP"', () => gnp().addIngressRule(x({ action: Action.ALLOW, protocol: 'TCP' })), 'Test/Pol', 'rule.protocol', 'Protocol.named("TCP")'),
  call('addIngressRule notProtocol 17', () => gnp().addIngressRule(x({ action: Action.DENY, notProtocol: 17 })), 'Test/Pol', 'rule.notProtocol', 'Protocol.number(17)'),
  call('addIngressRule source null', () => gnp().addIngressRule(x({ action: Action.ALLOW, source: null })), 'Test/Pol', 'rule.source', 'got null'),
  call('addIngressRule destination text', () => gnp().addIngressRule(x({ action: Action.ALLOW, destination: 'app == "x"' })), 'Test/Pol', 'rule.destination',
    'Peer.selector(Selector.parse'),
  call('addIngressRule destinationPorts [80]', () => gnp().addIngressRule(x({ action: Action.ALLOW, destinationPorts: [80] })), 'Test/Pol', 'rule.destinationPorts', 'an array'),
  call('addIngressRule icmp.type 300', () => gnp().addIngressRule(x({ action: Action.ALLOW, protocol: Protocol.icmp(), icmp: { type: 300 } })), 'Test/Pol', 'rule.icmp.type',
    '0-254'),
  call('addIngressRule notIcmp code without type', () => gnp().addIngressRule(x({ action: Action.DENY, notIcmp: { code: 1 } })), 'Test/Pol', 'rule.notIcmp.code', 'give'),
  call('addIngressRule icmp.typ (misspelt)', () => gnp().addIngressRule(x({ action: Action.ALLOW, icmp: { typ: 8 } })), 'Test/Pol', 'rule.icmp.typ', 'did you mean "type"?'),
  call('addIngressRule misspelt sourcePort', () => gnp().addIngressRule(x({ action: Action.ALLOW, sourcePort: Port.tcp(1) })), 'Test/Pol', 'rule.sourcePort',
    'did you mean "sourcePorts"?'),
  call('addIngressRule rule undefined', () => gnp().addIngressRule(x(undefined)), 'Test/Pol', 'rule', 'got undefined'),
  call('addIngressRule protocol conflicts with port', () => gnp().addIngressRule({ action: Action.ALLOW, protocol: Protocol.udp(), destinationPorts: Port.tcp(80) }),
    'Test/Pol', 'spec.ingress[0]', 'one protocol per rule'),

  // ---- DenyLogging
  call('DenyLogging tier "default" (a name)', () => new DenyLogging(chart(), 'L', x({ tier: 'default' })), 'Test/L', 'tier', 'Tier.fromTierName("default")'),
  call('DenyLogging selector text', () => new DenyLogging(chart(), 'L', x({ selector: 'all()' })), 'Test/L', 'selector', 'Selector.parse("all()")'),
  call('DenyLogging ingress "false"', () => new DenyLogging(chart(), 'L', x({ ingress: 'false' })), 'Test/L', 'ingress', 'pass the boolean false'),
  call('DenyLogging misspelt egres', () => new DenyLogging(chart(), 'L', x({ egres: false })), 'Test/L', 'egres', 'did you mean "egress"?'),
  call('DenyLogging scope null', () => new DenyLogging(x(null), 'L'), 'DenyLogging L', 'scope', 'new DenyLogging(chart'),
  call('DenyLogging Pass tier', () => new DenyLogging(chart(), 'L', { tier: Tier.fromTierName('kube-baseline') }), 'Test/L', 'tier', 'defaultAction is Deny'),
  synth('DenyLogging of a tier with no egress policy', () => {
    const c = chart();
    gnp().allowIngress(Peer.any());
    new DenyLogging(c, 'LogDenied');
    Testing.synth(c);
  }, 'Test/LogDenied', 'egress', 'set egress: false'),
  synth('HTTP match on an egress rule', synthPolicy((p) => p.allowEgress(Peer.any(), Port.tcp(80), { http: { methods: ['GET'] } })), 'Test/Pol',
    'spec.egress[0].http', 'move the HTTP match to an ingress rule'),
  synth('ICMP type without an ICMP protocol', synthPolicy((p) => p.addIngressRule({ action: Action.ALLOW, icmp: { type: 8 } })), 'Test/Pol', 'spec.ingress[0].icmp',
    'set protocol'),
  synth('ICMP (IPv4) with ipVersion 6', synthPolicy((p) => p.allowIngress(Peer.any(), Port.protocol(Protocol.icmp()), { ipVersion: 6 })), 'Test/Pol',
    'spec.ingress[0].ipVersion', 'ICMPv6'),
  synth('IPv4 nets with ipVersion 6', synthPolicy((p) => p.allowIngress(Peer.nets('10.0.0.0/8'), undefined, { ipVersion: 6 })), 'Test/Pol',
    'spec.ingress[0].source.nets', 'IPv6 CIDRs'),
];

// Mistakes the offline engines must refuse instead of answering with a guess (issue 11, item 6): NetworkModel
// (manifests it reads, queries, matrix and diff requests), the Kubernetes NetworkPolicy conversion in strict mode,
// Pod Security (wrongly typed fields, never read as absent) and the RBAC readers and risk analysis. `where` is the
// object at fault (`Pod prod/b`, `NetworkPolicy prod/k`) or, for an argument, the API called (`NetworkModel.evaluate`).
import { Chart, Testing } from 'cdk8s';
import { AccessRole } from '../../../lib/access';
import { NetworkModel } from '../../../lib/analysis';
import { calicoMatchers } from '../../../lib/analysis/network/traffic-matchers';
import { computeMatrix } from '../../../lib/analysis/network/report/matrix';
import { parsePortList } from '../../../lib/analysis/network/report/port-spec';
import { renderMatrixHtml } from '../../../lib/analysis/network/report/render-matrix';
import { AccessModel } from '../../../lib/analysis/access';
import { kubernetesNetworkPolicyToCalico } from '../../../lib/model/policy/kubernetes';
import { checkPodSecurity, evaluateAppPodSecurity, podSecurityProblems } from '../../../lib/analysis/pod-security';
import { BadInput, call } from '../harness';

const x = (v: unknown): any => v;
const CALICO = 'projectcalico.org/v3';
const RBAC_V1 = 'rbac.authorization.k8s.io/v1';

// ---- cluster state
const ns = (name: string): any => ({ apiVersion: 'v1', kind: 'Namespace', metadata: { name } });
const pod = (namespace: string, name: string, ip?: string, extra: Record<string, unknown> = {}): any => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name, namespace, labels: { app: name } },
  spec: { nodeName: 'n1', containers: [{ name: 'c', image: 'x' }] },
  status: { phase: 'Running', podIP: ip, ...extra },
});
const node = (name: string, ip: string): any => ({
  apiVersion: 'v1',
  kind: 'Node',
  metadata: { name },
  status: { addresses: [{ type: 'InternalIP', address: ip }] },
});
const svc = (name: string, clusterIP: string): any => ({
  apiVersion: 'v1',
  kind: 'Service',
  metadata: { name, namespace: 'prod' },
  spec: { clusterIP, ports: [{ port: 80 }], selector: { app: 'db' } },
});
const base = (): any[] => [
  ns('prod'),
  node('n1', '192.168.0.1'),
  pod('prod', 'web', '10.0.0.1'),
  pod('prod', 'db', '10.0.0.2'),
  svc('db', '10.96.0.10'),
];
const gnp = (name: string, spec: Record<string, unknown>): any => ({
  apiVersion: CALICO,
  kind: 'GlobalNetworkPolicy',
  metadata: { name },
  spec,
});
const cnp = (name: string, spec: Record<string, unknown>): any => ({
  apiVersion: CALICO,
  kind: 'NetworkPolicy',
  metadata: { name, namespace: 'prod' },
  spec,
});
const knp = (spec: Record<string, unknown>): any => ({
  apiVersion: 'networking.k8s.io/v1',
  kind: 'NetworkPolicy',
  metadata: { name: 'k', namespace: 'prod' },
  spec,
});
const build =
  (...docs: any[]) =>
  () =>
    NetworkModel.fromManifests([...base(), ...docs]);
const ingressRule = (rule: Record<string, unknown>) =>
  gnp('p', { selector: 'all()', ingress: [{ action: 'Allow', ...rule }] });
const kIngress = (rule: Record<string, unknown>) => knp({ podSelector: {}, ingress: [rule] });
const kPort = (port: Record<string, unknown>) => kIngress({ ports: [port] });
const kSelector = (sel: unknown) => knp({ podSelector: sel });

let cached: NetworkModel | undefined;
const model = (): NetworkModel => (cached ??= NetworkModel.fromManifests(base()));
const evaluate = (q: unknown, o?: unknown) => () => model().evaluate(x(q), x(o));
const q = (extra: Record<string, unknown>) => evaluate({ from: 'prod/web', to: 'prod/db', ...extra });
const EVAL = 'NetworkModel.evaluate';

// ---- Pod Security
const deployment = (podSpec: Record<string, unknown>, annotations?: unknown): any => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web', namespace: 'shop' },
  spec: { template: { metadata: annotations === undefined ? {} : { annotations }, spec: podSpec } },
});
const psa =
  (podSpec: Record<string, unknown>, level = 'baseline') =>
  () =>
    checkPodSecurity(deployment(podSpec), level);
const container = (securityContext: unknown, more: Record<string, unknown> = {}) => ({
  containers: [{ name: 'app', image: 'x', securityContext, ...more }],
});
const DEP = 'Deployment shop/web';
const C0 = 'spec.template.spec.containers[0]';

// ---- RBAC
const role = (rules: unknown, extra: Record<string, unknown> = {}): any => ({
  apiVersion: RBAC_V1,
  kind: 'Role',
  metadata: { name: 'r', namespace: 'dev', ...extra },
  rules,
});
const rb = (roleRef: unknown, subjects: unknown): any => ({
  apiVersion: RBAC_V1,
  kind: 'RoleBinding',
  metadata: { name: 'b', namespace: 'dev' },
  roleRef,
  subjects,
});
const access =
  (...docs: any[]) =>
  () =>
    AccessModel.fromManifests(docs);
const accessModel = () => AccessModel.fromManifests([]);
const accessRole = (rule: Record<string, unknown>) => () =>
  new AccessRole(new Chart(Testing.app(), 'c'), 'Role', { rules: [x(rule)] });

export const ROWS: BadInput[] = [
  // ---- NetworkModel.fromManifests: arguments
  call(
    'docs not an array',
    () => NetworkModel.fromManifests(x('pods.yaml')),
    'NetworkModel.fromManifests',
    'docs',
    'expected an array',
  ),
  call(
    'docs one object, not a list',
    () => NetworkModel.fromManifests(x(ns('prod'))),
    'NetworkModel.fromManifests',
    'docs',
    'an object',
  ),
  call(
    'options.encapsulation lower case',
    () => NetworkModel.fromManifests([], x({ encapsulation: 'vxlan' })),
    'NetworkModel.fromManifests',
    'options.encapsulation',
    'did you mean "VXLAN"',
  ),
  call(
    'options misspelt',
    () => NetworkModel.fromManifests([], x({ encapsulaton: 'IPIP' })),
    'NetworkModel.fromManifests',
    'encapsulaton',
    'did you mean "encapsulation"',
  ),
  call(
    'options a string',
    () => NetworkModel.fromManifests([], x('IPIP')),
    'NetworkModel.fromManifests',
    'options',
    'an options object',
  ),
  call(
    'options.cluster a file name',
    () => NetworkModel.fromManifests([], x({ cluster: 'pods.json' })),
    'NetworkModel.fromManifests',
    'options.cluster',
    'wrap it in a list',
  ),

  // ---- ambiguous addresses
  call(
    'two pods with one podIP (it picked one)',
    build(pod('prod', 'web2', '10.0.0.1')),
    'Pod prod/web2',
    'status.podIP',
    'also the address of Pod prod/web (status.podIP)',
  ),
  call(
    'two pods, one IP in podIPs',
    build(pod('prod', 'web3', undefined, { podIPs: [{ ip: '10.0.0.2' }] })),
    'Pod prod/web3',
    'status.podIPs[0].ip',
    'Pod prod/db',
  ),
  call('a pod on a node address', build(pod('prod', 'x', '192.168.0.1')), 'Pod prod/x', 'status.podIP', 'Node n1'),
  call(
    'two nodes with one InternalIP',
    build(node('n2', '192.168.0.1')),
    'Node n2',
    'status.addresses[0].address',
    'Node n1',
  ),
  call(
    'a Service clusterIP that is a pod IP',
    build({ ...svc('api', '10.0.0.2') }),
    'Service prod/api',
    'spec.clusterIP',
    'Pod prod/db',
  ),
  call(
    'two Services with one clusterIP',
    build(svc('db2', '10.96.0.10')),
    'Service prod/db2',
    'spec.clusterIP',
    'Service prod/db',
  ),
  call(
    'the same pod given twice',
    build(pod('prod', 'web', '10.0.0.1')),
    'Pod prod/web',
    'status.podIP',
    'given twice',
  ),

  // ---- Calico policies the engine reads (Calico's own validation first)
  call(
    'GNP selector that does not parse',
    build(gnp('p', { selector: 'app == ' })),
    'GlobalNetworkPolicy p',
    'spec.selector',
    'invalid selector',
  ),
  call(
    'GNP selector with = for ==',
    build(gnp('p', { selector: 'app = "web"' })),
    'GlobalNetworkPolicy p',
    'spec.selector',
    "'=='",
  ),
  call(
    'rule source selector that does not parse',
    build(ingressRule({ source: { selector: 'has(app' } })),
    'GlobalNetworkPolicy p',
    'spec.ingress[0].source.selector',
  ),
  call(
    'rule namespaceSelector that does not parse',
    build(ingressRule({ source: { namespaceSelector: 'env in (a' } })),
    'GlobalNetworkPolicy p',
    'spec.ingress[0].source.namespaceSelector',
  ),
  call(
    'NP notSelector that does not parse',
    build(cnp('p', { selector: 'all()', egress: [{ action: 'Deny', destination: { notSelector: '!!' } }] })),
    'NetworkPolicy prod/p',
    'spec.egress[0].destination.notSelector',
  ),
  call(
    'port 0 in a rule',
    build(ingressRule({ protocol: 'TCP', destination: { ports: [0] } })),
    'GlobalNetworkPolicy p',
    'spec.ingress[0].destination.ports[0]',
  ),
  call(
    'port 70000 in a rule',
    build(ingressRule({ protocol: 'TCP', destination: { ports: [70000] } })),
    'GlobalNetworkPolicy p',
    'spec.ingress[0].destination.ports[0]',
  ),
  call(
    'a fractional port in a rule',
    build(ingressRule({ protocol: 'TCP', destination: { ports: [80.5] } })),
    'GlobalNetworkPolicy p',
    'spec.ingress[0].destination.ports[0]',
  ),
  call(
    'a port range backwards',
    build(ingressRule({ protocol: 'TCP', destination: { ports: ['90:80'] } })),
    'GlobalNetworkPolicy p',
    'spec.ingress[0].destination.ports[0]',
  ),
  call(
    'ports without a protocol',
    build(ingressRule({ destination: { ports: [80] } })),
    'GlobalNetworkPolicy p',
    'spec.ingress[0].destination.ports[0]',
    'protocol',
  ),
  call(
    'ICMP rule with a port',
    build(ingressRule({ protocol: 'ICMP', destination: { ports: [80] } })),
    'GlobalNetworkPolicy p',
    'spec.ingress[0].destination.ports[0]',
    'ICMP',
  ),
  call(
    'ICMP type 300',
    build(ingressRule({ protocol: 'ICMP', icmp: { type: 300 } })),
    'GlobalNetworkPolicy p',
    'spec.ingress[0].icmp.type',
  ),
  call(
    'ICMP code without a type',
    build(ingressRule({ protocol: 'ICMP', icmp: { code: 0 } })),
    'GlobalNetworkPolicy p',
    'spec.ingress[0].icmp',
  ),
  call(
    'ICMP fields on TCP',
    build(ingressRule({ protocol: 'TCP', icmp: { type: 8 } })),
    'GlobalNetworkPolicy p',
    'spec.ingress[0]',
    /icmp/i,
  ),
  call(
    'action in lower case',
    build(ingressRule({ action: 'allow' })),
    'GlobalNetworkPolicy p',
    'spec.ingress[0].action',
    'case-sensitive',
  ),
  call(
    'protocol not a protocol',
    build(ingressRule({ protocol: 'HTTP' })),
    'GlobalNetworkPolicy p',
    'spec.ingress[0].protocol',
  ),
  call(
    'nets not a CIDR',
    build(ingressRule({ source: { nets: ['10.0.0/8'] } })),
    'GlobalNetworkPolicy p',
    'spec.ingress[0].source.nets[0]',
  ),
  call(
    'ingress a single rule, not a list',
    build(gnp('p', { selector: 'all()', ingress: { action: 'Allow' } })),
    'GlobalNetworkPolicy p',
    'spec.ingress',
  ),
  call(
    'types with a case slip',
    build(gnp('p', { selector: 'all()', types: ['ingress'] })),
    'GlobalNetworkPolicy p',
    'spec.types[0]',
  ),
  call('order a string', build(gnp('p', { selector: 'all()', order: '100' })), 'GlobalNetworkPolicy p', 'spec.order'),
  call(
    'a staged Delete that still carries a selector',
    build({
      apiVersion: CALICO,
      kind: 'StagedNetworkPolicy',
      metadata: { name: 's', namespace: 'prod' },
      spec: { stagedAction: 'Delete', selector: 'all()' },
    }),
    'StagedNetworkPolicy prod/s',
    'spec',
    'stagedAction is Delete',
  ),
  call(
    'Tier defaultAction Allow',
    build({ apiVersion: CALICO, kind: 'Tier', metadata: { name: 'sec' }, spec: { order: 10, defaultAction: 'Allow' } }),
    'Tier sec',
    'spec.defaultAction',
  ),
  call(
    'HostEndpoint without node',
    build({ apiVersion: CALICO, kind: 'HostEndpoint', metadata: { name: 'h' }, spec: { interfaceName: 'eth0' } }),
    'HostEndpoint h',
    'spec.node',
  ),
  call(
    'GlobalNetworkSet nets not a CIDR',
    build({ apiVersion: CALICO, kind: 'GlobalNetworkSet', metadata: { name: 's' }, spec: { nets: ['1.2.3'] } }),
    'GlobalNetworkSet s',
    'spec.nets[0]',
  ),
  call(
    'Pod podIP not an IP',
    build(pod('prod', 'bad', 'nope')),
    'Pod prod/bad',
    'status.podIP',
    'is not an IP address',
  ),
  call(
    'Pod hostNetwork a string',
    build({ ...pod('prod', 'h', '10.0.0.9'), spec: { hostNetwork: 'true' } }),
    'Pod prod/h',
    'spec.hostNetwork',
    'not a string',
  ),
  call(
    'Service port a string',
    build({ ...svc('s', '10.96.0.11'), spec: { clusterIP: '10.96.0.11', ports: [{ port: '80' }] } }),
    'Service prod/s',
    'spec.ports[0].port',
    'write the number 80',
  ),
  call(
    'Service targetPort 70000 (was used as is)',
    build({ ...svc('t', '10.96.0.12'), spec: { clusterIP: '10.96.0.12', ports: [{ port: 80, targetPort: 70000 }] } }),
    'Service prod/t',
    'spec.ports[0].targetPort',
    'between 1 and 65535',
  ),
  call(
    'Service targetPort "8080" (a string; was read as a number)',
    build({ ...svc('t', '10.96.0.12'), spec: { clusterIP: '10.96.0.12', ports: [{ port: 80, targetPort: '8080' }] } }),
    'Service prod/t',
    'spec.ports[0].targetPort',
    'write the number 8080',
  ),
  call(
    'Service nodePort 0.5',
    build({ ...svc('t', '10.96.0.12'), spec: { clusterIP: '10.96.0.12', ports: [{ port: 80, nodePort: 0.5 }] } }),
    'Service prod/t',
    'spec.ports[0].nodePort',
    'NodePort range',
  ),
  call(
    'Namespace label value a number',
    build({ ...ns('x'), metadata: { name: 'x', labels: { tier: 1 } } }),
    'Namespace x',
    'metadata.labels.tier',
    'quote the value',
  ),

  // ---- Kubernetes NetworkPolicies the engine reads (strict: what the API server refuses is an error, never converted)
  call(
    'matchExpressions operator unknown (was read as matching)',
    build(kSelector({ matchExpressions: [{ key: 'app', operator: 'Equals', values: ['web'] }] })),
    'NetworkPolicy prod/k',
    'spec.podSelector.matchExpressions[0].operator',
    'never reads an unknown operator as matching',
  ),
  call(
    'matchExpressions operator in lower case',
    build(kSelector({ matchExpressions: [{ key: 'app', operator: 'in', values: ['web'] }] })),
    'NetworkPolicy prod/k',
    'spec.podSelector.matchExpressions[0].operator',
    'did you mean "In"',
  ),
  call(
    'peer namespaceSelector with an unknown operator',
    build(kIngress({ from: [{ namespaceSelector: { matchExpressions: [{ key: 'env', operator: 'Is' }] } }] })),
    'NetworkPolicy prod/k',
    'spec.ingress[0].from[0].namespaceSelector.matchExpressions[0].operator',
  ),
  call(
    'In without values',
    build(kSelector({ matchExpressions: [{ key: 'app', operator: 'In' }] })),
    'NetworkPolicy prod/k',
    'spec.podSelector.matchExpressions[0].values',
    'must be specified',
  ),
  call(
    'Exists with values',
    build(kSelector({ matchExpressions: [{ key: 'app', operator: 'Exists', values: ['x'] }] })),
    'NetworkPolicy prod/k',
    'spec.podSelector.matchExpressions[0].values',
    'may not be specified',
  ),
  call(
    'a label value with a quote (no valid selector)',
    build(kSelector({ matchLabels: { app: "we'b" } })),
    'NetworkPolicy prod/k',
    'spec.podSelector',
    'Calico selector',
  ),
  call(
    'NetworkPolicy port 0',
    build(kPort({ port: 0 })),
    'NetworkPolicy prod/k',
    'spec.ingress[0].ports[0].port',
    'between 1 and 65535',
  ),
  call(
    'NetworkPolicy port 65536',
    build(kPort({ port: 65536 })),
    'NetworkPolicy prod/k',
    'spec.ingress[0].ports[0].port',
    'between 1 and 65535',
  ),
  call(
    'NetworkPolicy fractional port',
    build(kPort({ port: 80.5 })),
    'NetworkPolicy prod/k',
    'spec.ingress[0].ports[0].port',
    'IntOrString',
  ),
  call('port a boolean', build(kPort({ port: true })), 'NetworkPolicy prod/k', 'spec.ingress[0].ports[0].port'),
  call(
    'port "80" as a string (a bad port name)',
    build(kPort({ port: '80' })),
    'NetworkPolicy prod/k',
    'spec.ingress[0].ports[0].port',
    'write the number 80',
  ),
  call(
    'port name too long',
    build(kPort({ port: 'metrics-endpoint-http' })),
    'NetworkPolicy prod/k',
    'spec.ingress[0].ports[0].port',
    '15 characters',
  ),
  call(
    'port name with upper case',
    build(kPort({ port: 'Http' })),
    'NetworkPolicy prod/k',
    'spec.ingress[0].ports[0].port',
    'alpha-numeric',
  ),
  call(
    'endPort below port',
    build(kPort({ port: 9000, endPort: 8000 })),
    'NetworkPolicy prod/k',
    'spec.ingress[0].ports[0].endPort',
    'greater than or equal',
  ),
  call(
    'endPort with a named port',
    build(kPort({ port: 'http', endPort: 90 })),
    'NetworkPolicy prod/k',
    'spec.ingress[0].ports[0].endPort',
    'non-numeric',
  ),
  call(
    'endPort without port',
    build(kPort({ endPort: 90 })),
    'NetworkPolicy prod/k',
    'spec.ingress[0].ports[0].endPort',
    'not specified',
  ),
  call(
    'protocol tcp (lower case)',
    build(kPort({ protocol: 'tcp', port: 80 })),
    'NetworkPolicy prod/k',
    'spec.ingress[0].ports[0].protocol',
    'did you mean "TCP"',
  ),
  call(
    'protocol ICMP',
    build(kPort({ protocol: 'ICMP' })),
    'NetworkPolicy prod/k',
    'spec.ingress[0].ports[0].protocol',
    'TCP, UDP and SCTP',
  ),
  call(
    'an empty peer',
    build(kIngress({ from: [{}] })),
    'NetworkPolicy prod/k',
    'spec.ingress[0].from[0]',
    'must specify a peer',
  ),
  call(
    'ipBlock with a podSelector',
    build(kIngress({ from: [{ ipBlock: { cidr: '10.0.0.0/8' }, podSelector: {} }] })),
    'NetworkPolicy prod/k',
    'spec.ingress[0].from[0]',
    'either ipBlock or selectors',
  ),
  call(
    'ipBlock cidr not a CIDR (matched ANY peer)',
    build(kIngress({ from: [{ ipBlock: { cidr: '10.0.0.0/33' } }] })),
    'NetworkPolicy prod/k',
    'spec.ingress[0].from[0].ipBlock.cidr',
  ),
  call(
    'ipBlock except not a CIDR',
    build(kIngress({ from: [{ ipBlock: { cidr: '10.0.0.0/8', except: ['10.1.0.0'] } }] })),
    'NetworkPolicy prod/k',
    'spec.ingress[0].from[0].ipBlock.except[0]',
  ),
  call(
    'policyTypes with a case slip',
    build(knp({ podSelector: {}, policyTypes: ['ingress'] })),
    'NetworkPolicy prod/k',
    'spec.policyTypes[0]',
    'case-sensitive',
  ),
  call(
    'podSelector a string',
    build(knp({ podSelector: 'app=web' })),
    'NetworkPolicy prod/k',
    'spec.podSelector',
    'an object',
  ),
  call(
    'ports not a list',
    build(kIngress({ ports: { port: 80 } })),
    'NetworkPolicy prod/k',
    'spec.ingress[0].ports',
    'a list',
  ),
  call(
    'StagedKubernetesNetworkPolicy with an unknown operator',
    build({
      apiVersion: CALICO,
      kind: 'StagedKubernetesNetworkPolicy',
      metadata: { name: 'sk', namespace: 'prod' },
      spec: { podSelector: { matchExpressions: [{ key: 'a', operator: 'Equal', values: ['b'] }] } },
    }),
    'StagedKubernetesNetworkPolicy prod/sk',
    'spec.podSelector.matchExpressions[0].operator',
  ),
  call(
    'kubernetesNetworkPolicyToCalico strict: unknown operator',
    () =>
      kubernetesNetworkPolicyToCalico(kSelector({ matchExpressions: [{ key: 'a', operator: 'X' }] }), { strict: true }),
    'NetworkPolicy prod/k',
    'spec.podSelector.matchExpressions[0].operator',
  ),

  // ---- NetworkModel.evaluate: queries
  call('query not an object', evaluate('prod/web -> prod/db'), EVAL, 'query', 'a query object'),
  call('query.from missing', evaluate({ to: 'prod/db' }), EVAL, 'query.from', 'name an endpoint as'),
  call('query.to a number', evaluate({ from: 'prod/web', to: 5 }), EVAL, 'query.to', 'got 5'),
  call('query misspelt key (protocl)', q({ protocl: 'UDP' }), EVAL, 'query.protocl', 'did you mean "protocol"'),
  call(
    'unknown endpoint',
    evaluate({ from: 'prod/wbe', to: 'prod/db' }),
    EVAL,
    'query.from',
    'did you mean "prod/web"',
  ),
  call(
    'unknown endpoint without namespace',
    evaluate({ from: 'web', to: 'prod/db' }),
    EVAL,
    'query.from',
    'name an endpoint as "<namespace>/<pod>"',
  ),
  call('unknown node', evaluate({ from: 'node/n9', to: 'prod/db' }), EVAL, 'query.from', 'is not in the model'),
  call(
    'unknown service',
    evaluate({ from: 'prod/web', to: 'svc/prod/dbb' }),
    EVAL,
    'query.to',
    'did you mean "svc/prod/db"',
  ),
  call(
    'a service as source',
    evaluate({ from: 'svc/prod/db', to: 'prod/web' }),
    EVAL,
    'query.from',
    'use one of its pods',
  ),
  call('query port 0', q({ port: 0 }), EVAL, 'query.port', 'an integer 1-65535'),
  call('query port 65536', q({ port: 65536 }), EVAL, 'query.port', 'an integer 1-65535'),
  call('query fractional port', q({ port: 80.5 }), EVAL, 'query.port', 'got 80.5'),
  call('port a string', q({ port: '80' }), EVAL, 'query.port', 'pass the number 80'),
  call('port NaN', q({ port: NaN }), EVAL, 'query.port', 'NaN'),
  call('query ICMP with a port', q({ protocol: 'ICMP', port: 80 }), EVAL, 'query.port', 'ICMP has no ports'),
  call('GRE (47) with a port', q({ protocol: 47, port: 80 }), EVAL, 'query.port', 'has no ports'),
  call('sourcePort 0', q({ port: 80, sourcePort: 0 }), EVAL, 'query.sourcePort', '1-65535'),
  call('ICMP type 256', q({ protocol: 'ICMP', icmp: { type: 256 } }), EVAL, 'query.icmp.type', '0-255'),
  call('ICMP code -1', q({ protocol: 'ICMP', icmp: { type: 8, code: -1 } }), EVAL, 'query.icmp.code', '0-255'),
  call('ICMP type missing', q({ protocol: 'ICMP', icmp: { code: 0 } }), EVAL, 'query.icmp.type', 'undefined'),
  call('ICMP fields with TCP', q({ port: 80, icmp: { type: 8 } }), EVAL, 'query.icmp', 'need protocol ICMP'),
  call('protocol unknown', q({ protocol: 'HTTP' }), EVAL, 'query.protocol', 'the string "HTTP"'),
  call('protocol 0', q({ protocol: 0 }), EVAL, 'query.protocol', '1-255'),
  call(
    'via an unknown node',
    evaluate({ from: '203.0.113.7', to: 'svc/prod/db', port: 80, via: 'nodeX' }),
    EVAL,
    'query.via',
    'not in the model',
  ),
  call(
    'options.staged a string',
    evaluate({ from: 'prod/web', to: 'prod/db' }, { staged: 'true' }),
    EVAL,
    'options.staged',
    'not a string',
  ),

  // ---- NetworkModel.matrix, FastMatrix.explain, NetworkModel.diff
  call('matrix without ports', () => model().matrix(x({})), 'NetworkModel.matrix', 'request.ports', 'array'),
  call(
    'matrix ports a number',
    () => model().matrix(x({ ports: 80 })),
    'NetworkModel.matrix',
    'request.ports',
    'got 80',
  ),
  call(
    'matrix port 0',
    () => model().matrix({ ports: [{ port: 0, protocol: 'TCP' }] }),
    'NetworkModel.matrix',
    'request.ports[0].port',
    '1-65535',
  ),
  call(
    'matrix port with ICMP',
    () => model().matrix({ ports: [{ port: 8, protocol: 'ICMP' }] }),
    'NetworkModel.matrix',
    'request.ports[0].protocol',
    'no ports',
  ),
  call(
    'matrix endpoints a string',
    () => model().matrix(x({ ports: [{ port: 80, protocol: 'TCP' }], endpoints: 'prod/web' })),
    'NetworkModel.matrix',
    'request.endpoints',
    'wrap it in a list',
  ),
  call(
    'matrix unknown endpoint',
    () => model().matrix({ ports: [{ port: 80, protocol: 'TCP' }], endpoints: ['prod/web', 'prod/nope'] }),
    'NetworkModel.matrix',
    'request.endpoints[1]',
    'unknown endpoint',
  ),
  call(
    'explain port index out of range',
    () =>
      model()
        .matrix({ ports: [{ port: 80, protocol: 'TCP' }] })
        .explain(3, 0, 1),
    'FastMatrix.explain',
    'port',
    'index',
  ),
  call(
    'diff with a plain object',
    () => NetworkModel.diff(model(), x({}), { ports: [{ port: 80, protocol: 'TCP' }] }),
    'NetworkModel.diff',
    'after',
    'a NetworkModel',
  ),
  call(
    'diff port 70000',
    () => NetworkModel.diff(model(), model(), { ports: [{ port: 70000, protocol: 'TCP' }] }),
    'NetworkModel.diff',
    'options.ports[0].port',
    '1-65535',
  ),
  call(
    'matrix onProgress a number',
    () => model().matrix(x({ ports: [{ port: 80, protocol: 'TCP' }], onProgress: 1 })),
    'NetworkModel.matrix',
    'request.onProgress',
    'a function',
  ),
  call(
    'diff onProgress a string',
    () => NetworkModel.diff(model(), model(), x({ ports: [{ port: 80, protocol: 'TCP' }], onProgress: 'bar' })),
    'NetworkModel.diff',
    'options.onProgress',
    'a function',
  ),

  // ---- Pod Security: a wrongly typed field is invalid input, never absent
  call(
    'privileged "true" (a string; was allowed)',
    psa(container({ privileged: 'true' })),
    DEP,
    `${C0}.securityContext.privileged`,
    'write privileged: true (a boolean, not a string)',
  ),
  call(
    'allowPrivilegeEscalation "false"',
    psa(container({ allowPrivilegeEscalation: 'false' }), 'restricted'),
    DEP,
    `${C0}.securityContext.allowPrivilegeEscalation`,
    'not a string',
  ),
  call(
    'runAsNonRoot "yes"',
    psa({ securityContext: { runAsNonRoot: 'yes' }, containers: [{ name: 'app' }] }, 'restricted'),
    DEP,
    'spec.template.spec.securityContext.runAsNonRoot',
    'the string "yes"',
  ),
  call(
    'runAsUser "0"',
    psa(container({ runAsUser: '0' }), 'restricted'),
    DEP,
    `${C0}.securityContext.runAsUser`,
    'a number, not a string',
  ),
  call(
    'capabilities.add "NET_ADMIN" (a string, not a list)',
    psa(container({ capabilities: { add: 'NET_ADMIN' } })),
    DEP,
    `${C0}.securityContext.capabilities.add`,
    'write add as a list: ["NET_ADMIN"]',
  ),
  call(
    'capabilities.drop "ALL"',
    psa(container({ capabilities: { drop: 'ALL' } }), 'restricted'),
    DEP,
    `${C0}.securityContext.capabilities.drop`,
    '["ALL"]',
  ),
  call(
    'capabilities.add with a number',
    psa(container({ capabilities: { add: [5] } })),
    DEP,
    `${C0}.securityContext.capabilities.add[0]`,
    'quote',
  ),
  call(
    'hostNetwork 1',
    psa({ hostNetwork: 1, containers: [] }),
    DEP,
    'spec.template.spec.hostNetwork',
    'write hostNetwork: true (a boolean, not a number)',
  ),
  call('hostPID "true"', psa({ hostPID: 'true', containers: [] }), DEP, 'spec.template.spec.hostPID', 'not a string'),
  call(
    'containers not a list',
    psa({ containers: { name: 'app' } }),
    DEP,
    'spec.template.spec.containers',
    'expected a list',
  ),
  call(
    'a container a string',
    psa({ containers: ['app'] }),
    DEP,
    'spec.template.spec.containers[0]',
    'container object',
  ),
  call('securityContext a string', psa(container('privileged')), DEP, `${C0}.securityContext`, 'an object'),
  call(
    'hostPort "8080"',
    psa({ containers: [{ name: 'app', ports: [{ containerPort: 80, hostPort: '8080' }] }] }),
    DEP,
    `${C0}.ports[0].hostPort`,
    'not a string',
  ),
  call(
    'hostPath volume a string',
    psa({ containers: [], volumes: [{ name: 'v', hostPath: '/var/run' }] }),
    DEP,
    'spec.template.spec.volumes[0].hostPath',
    'an object',
  ),
  call(
    'seccompProfile a string',
    psa({ securityContext: { seccompProfile: 'RuntimeDefault' }, containers: [] }, 'restricted'),
    DEP,
    'spec.template.spec.securityContext.seccompProfile',
    'an object',
  ),
  call(
    'sysctls an object',
    psa({ securityContext: { sysctls: { name: 'kernel.msgmax' } }, containers: [] }),
    DEP,
    'spec.template.spec.securityContext.sysctls',
    'a list',
  ),
  call(
    'windowsOptions.hostProcess "true"',
    psa(container({ windowsOptions: { hostProcess: 'true' } })),
    DEP,
    `${C0}.securityContext.windowsOptions.hostProcess`,
    'not a string',
  ),
  call(
    'an annotation value a boolean',
    () =>
      checkPodSecurity(
        deployment({ containers: [] }, { 'container.apparmor.security.beta.kubernetes.io/app': true }),
        'baseline',
      ),
    DEP,
    'spec.template.metadata.annotations[container.apparmor.security.beta.kubernetes.io/app]',
    'quote',
  ),
  call(
    'probe host a number',
    psa({ containers: [{ name: 'app', livenessProbe: { httpGet: { host: 10, port: 80 } } }] }),
    DEP,
    `${C0}.livenessProbe.httpGet.host`,
    'a string',
  ),
  call(
    'a bare pod template: where is the API',
    () => checkPodSecurity({ spec: { hostIPC: 'yes', containers: [] } }, 'baseline'),
    'checkPodSecurity',
    'spec.hostIPC',
    'the string "yes"',
  ),

  // ---- RBAC: wrongly typed fields, and wildcard subresources in the risk analysis
  call(
    'verbs "get" (a string)',
    access(role([{ apiGroups: [''], resources: ['pods'], verbs: 'get' }])),
    'Role dev/r',
    'rules[0].verbs',
    'write verbs: ["get"]',
  ),
  call(
    'resources "pods"',
    access(role([{ apiGroups: [''], resources: 'pods', verbs: ['get'] }])),
    'Role dev/r',
    'rules[0].resources',
    'write resources: ["pods"]',
  ),
  call(
    'apiGroups with a number',
    access(role([{ apiGroups: [1], resources: ['pods'], verbs: ['get'] }])),
    'Role dev/r',
    'rules[0].apiGroups[0]',
    'quote',
  ),
  call('rules not a list', access(role({ verbs: ['get'] })), 'Role dev/r', 'rules', 'must be a list'),
  call('a rule a string', access(role(['get pods'])), 'Role dev/r', 'rules[0]', 'must be an object'),
  call(
    'verbs missing',
    access(role([{ apiGroups: [''], resources: ['pods'] }])),
    'Role dev/r',
    'rules[0].verbs',
    'is required',
  ),
  call(
    'a label value a number (aggregation reads labels)',
    access(role([], { labels: { rank: 1 } })),
    'Role dev/r',
    'metadata.labels.rank',
    'quote the value',
  ),
  call(
    'roleRef.kind lower case',
    access(rb({ apiGroup: 'rbac.authorization.k8s.io', kind: 'clusterrole', name: 'view' }, [])),
    'RoleBinding dev/b',
    'roleRef.kind',
    'case-sensitive',
  ),
  call(
    'subjects one object, not a list',
    access(rb({ kind: 'ClusterRole', name: 'view' }, { kind: 'User', name: 'wang' })),
    'RoleBinding dev/b',
    'subjects',
    'must be a list',
  ),
  call(
    'subject kind "user"',
    access(rb({ kind: 'ClusterRole', name: 'view' }, [{ kind: 'user', name: 'wang' }])),
    'RoleBinding dev/b',
    'subjects[0].kind',
    'did you mean "User"',
  ),
  call(
    'aggregation selector operator unknown',
    access({
      apiVersion: RBAC_V1,
      kind: 'ClusterRole',
      metadata: { name: 'agg' },
      aggregationRule: {
        clusterRoleSelectors: [{ matchExpressions: [{ key: 'a', operator: 'Equals', values: ['x'] }] }],
      },
    }),
    'ClusterRole agg',
    'aggregationRule.clusterRoleSelectors[0].matchExpressions[0].operator',
    'In, NotIn, Exists or DoesNotExist',
  ),
  call(
    'canI verb a number',
    () => accessModel().canI(x({ user: 'wang', verb: 5, resource: 'pods' })),
    'AccessQuery',
    'verb',
  ),
  call(
    'AccessRole pods/* with create (covers pods/exec) unacknowledged',
    accessRole({ apiGroups: [''], resources: ['pods/*'], verbs: ['create'] }),
    'c/Role',
    'rules[0]',
    /pods\/exec.*pods\/\*.*POD_EXEC/,
  ),
  call(
    'AccessRole */exec with get unacknowledged',
    accessRole({ apiGroups: [''], resources: ['*/exec'], verbs: ['get'] }),
    'c/Role',
    'rules[0]',
    'POD_EXEC',
  ),
  call(
    'AccessRole pods/portforward with create unacknowledged',
    accessRole({ apiGroups: [''], resources: ['pods/portforward'], verbs: ['create'] }),
    'c/Role',
    'rules[0]',
    'tunnel',
  ),

  // ---- arguments of the access and Pod Security APIs
  call(
    'AccessModel.fromManifests a string',
    () => AccessModel.fromManifests(x('rbac.yaml')),
    'AccessModel.fromManifests',
    'docs',
    'the string "rbac.yaml"',
  ),
  call(
    'AccessModel.fromManifests null (was a TypeError)',
    () => AccessModel.fromManifests(x(null)),
    'AccessModel.fromManifests',
    'docs',
    'null',
  ),
  call(
    'AccessModel options misspelt',
    () => AccessModel.fromManifests([], x({ defaultNamspace: 'dev' })),
    'AccessModel.fromManifests',
    'options.defaultNamspace',
    'did you mean "defaultNamespace"',
  ),
  call(
    'AccessModel clusterScopedResources a string',
    () => AccessModel.fromManifests([], x({ clusterScopedResources: 'widgets' })),
    'AccessModel.fromManifests',
    'options.clusterScopedResources',
    'wrap it in a list',
  ),
  call(
    'canI with a misspelt namespace (asked another question)',
    () => accessModel().canI(x({ user: 'wang', verb: 'get', resource: 'pods', namespce: 'dev' })),
    'AccessQuery',
    'query.namespce',
    'did you mean "namespace"',
  ),
  call(
    'canI groups a string',
    () => accessModel().canI(x({ user: 'wang', groups: 'dev', verb: 'get', resource: 'pods' })),
    'AccessQuery',
    'groups',
  ),
  call(
    'whoCan options a string',
    () => accessModel().whoCan('get', 'pods', x('dev')),
    'AccessModel.whoCan',
    'options',
    'the string "dev"',
  ),
  call(
    'authorize user null (was a TypeError)',
    () => accessModel().authorize(x(null), x({})),
    'AccessModel.authorize',
    'user',
    'UserInfo',
  ),
  call(
    'authorize request without verb',
    () => accessModel().authorize({ name: 'wang', groups: [] }, x({ resourceRequest: true })),
    'AccessModel.authorize',
    'request.verb',
  ),
  call(
    'rulesFor namespace a number',
    () => accessModel().rulesFor({ name: 'wang', groups: [] }, x(5)),
    'AccessModel.rulesFor',
    'namespace',
    'got 5',
  ),
  call(
    'checkPodSecurity level "Restricted"',
    () => checkPodSecurity(deployment({ containers: [] }), 'Restricted'),
    'checkPodSecurity',
    'level',
    'did you mean "restricted"',
  ),
  call(
    'checkPodSecurity version 1.30 (a number)',
    () => checkPodSecurity(deployment({ containers: [] }), 'baseline', x({ version: 1.3 })),
    'checkPodSecurity',
    'options.version',
    '"v1.N"',
  ),
  call(
    'checkPodSecurity options misspelt',
    () => checkPodSecurity(deployment({ containers: [] }), 'baseline', x({ versoin: 'v1.30' })),
    'checkPodSecurity',
    'options.versoin',
    'did you mean "version"',
  ),
  call(
    'checkPodSecurity a Deployment without a template spec',
    () => checkPodSecurity({ kind: 'Deployment', metadata: { name: 'd' }, spec: {} }, 'baseline'),
    'checkPodSecurity',
    'spec.template.spec',
    'no pod template',
  ),
  call(
    'podSecurityProblems docs a string',
    () => podSecurityProblems(x('app.yaml')),
    'Pod Security check of the app',
    'docs',
    'the string "app.yaml"',
  ),
  call(
    'evaluateAppPodSecurity null (was a TypeError)',
    () => evaluateAppPodSecurity(x(null)),
    'Pod Security check of the app',
    'docs',
    'null',
  ),
  call(
    'evaluateAppPodSecurity mode "Enforce"',
    () => evaluateAppPodSecurity([], x({ mode: 'Enforce' })),
    'Pod Security check of the app',
    'options.mode',
    'did you mean "enforce"',
  ),
  call(
    'podSecurityProblems level "strict"',
    () => podSecurityProblems([], { level: 'strict' }),
    'Pod Security check of the app',
    'options.level',
    'privileged, baseline or restricted',
  ),

  // ---- views: port lists, computeMatrix, jest matchers
  call('parsePortList a number (was a TypeError)', () => parsePortList(x(80)), 'parsePortList', 'text', 'got 80'),
  call('parsePortList a named port', () => parsePortList('http'), 'parsePortList', 'ports', 'bad port "http"'),
  call('parsePortList port 0', () => parsePortList('0/TCP'), 'parsePortList', 'ports', '1-65535'),
  call(
    'computeMatrix ports a string',
    () => computeMatrix(model(), x({ ports: '80/TCP' })),
    'computeMatrix',
    'options.ports',
    "parsePortList('80/TCP')",
  ),
  call(
    'computeMatrix model a plain object',
    () => computeMatrix(x({}), { ports: [] }),
    'computeMatrix',
    'model',
    'endpoints() and evaluate()',
  ),
  call(
    'computeMatrix detailLimit -1',
    () => computeMatrix(model(), x({ ports: [], detailLimit: -1 })),
    'computeMatrix',
    'options.detailLimit',
    '>= 0',
  ),
  call(
    'renderMatrixHtml traceLimit -1',
    () => renderMatrixHtml(computeMatrix(model(), { ports: [] }), undefined, x({ traceLimit: -1 })),
    'renderMatrixHtml',
    'options.traceLimit',
    '>= 0',
  ),
  call(
    'renderMatrixHtml options a misspelt key',
    () => renderMatrixHtml(computeMatrix(model(), { ports: [] }), undefined, x({ tracelimit: 5 })),
    'renderMatrixHtml',
    'options',
    'tracelimit',
  ),
  call(
    'toAllowTraffic cluster a string (was spread into characters)',
    () =>
      calicoMatchers.toAllowTraffic(base(), { from: 'prod/web', to: 'prod/db', port: 80 }, x({ cluster: 'c.yaml' })),
    'toAllowTraffic',
    'options.cluster',
    'wrap it in a list',
  ),
  call(
    'toDenyTraffic query port 0',
    () => calicoMatchers.toDenyTraffic(base(), { from: 'prod/web', to: 'prod/db', port: 0 }),
    EVAL,
    'query.port',
    '1-65535',
  ),
];

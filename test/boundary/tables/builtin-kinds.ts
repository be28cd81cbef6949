// Built-in Kubernetes objects that kube-apiserver refuses on create and that validateManifests (and so
// `cdk8s-calico validate`) accepted before issue 11: names per kind, labels, Service ports and clusterIP, pod specs,
// workload templates, NetworkPolicy ports and ipBlocks, RBAC rules and bindings, Secret/ConfigMap keys, CSRs and
// the same object twice. Each row changes one field of a valid fixture (test/validation/kubernetes/fixtures.ts).
import { validateManifests } from '../../../lib/validation';
import {
  clusterRole,
  clusterRoleBinding,
  configMap,
  container,
  cronJob,
  csr,
  deployment,
  ingressPeer,
  ingressPort,
  job,
  meta,
  namespace,
  netpol,
  node,
  pod,
  podWith,
  role,
  roleBinding,
  ROLE_REF,
  RULE,
  secret,
  service,
  serviceAccount,
  templateWith,
  USER,
} from '../../validation/kubernetes/fixtures';
import { BadInput, Outcome } from '../harness';

type Obj = Record<string, any>;

/** A PROBLEM row: `validateManifests([doc])` (or the docs) must report `field` at `where`, with a fix. */
function row(
  name: string,
  doc: Obj | Obj[],
  where: string,
  field: string | RegExp,
  mentions?: string | RegExp,
): BadInput {
  return {
    name,
    outcome: Outcome.PROBLEM,
    run: () => validateManifests(Array.isArray(doc) ? doc : [doc]),
    where,
    field,
    mentions,
  };
}

const LONG = (n: number, c = 'a') => c.repeat(n);
const TEMPLATE_SPEC = 'spec.template.spec';
const PORT0 = 'spec.ingress[0].ports[0]';
const PEER0 = 'spec.ingress[0].from[0]';

const names: BadInput[] = [
  row(
    'a Pod named Bad_Name',
    pod({}, meta('Bad_Name', 'shop')),
    'metadata.name',
    'RFC 1123 subdomain',
    /"Bad_Name".*did you mean "bad-name"\?/,
  ),
  row(
    'a Pod name of 254 characters',
    pod({}, meta(LONG(254), 'shop')),
    'metadata.name',
    'must be no more than 253 characters',
  ),
  row('a Pod name in upper case', pod({}, meta('Web', 'shop')), 'metadata.name', 'lower case alphanumeric'),
  row(
    'a Service name starting with a digit',
    service({}, meta('1web', 'shop')),
    'metadata.name',
    'DNS-1035 label',
    'start with an alphabetic character',
  ),
  row('a Service name with a dot', service({}, meta('web.api', 'shop')), 'metadata.name', 'DNS-1035 label'),
  row('a Namespace name with a dot', namespace('team.a'), 'metadata.name', 'RFC 1123 label'),
  row('a Namespace name of 64 characters', namespace(LONG(64)), 'metadata.name', 'must be no more than 63 characters'),
  row('a ServiceAccount named CI_Bot', serviceAccount('CI_Bot'), 'metadata.name', 'RFC 1123 subdomain'),
  row('a Secret name with a space', secret({}, meta('db password', 'shop')), 'metadata.name', 'RFC 1123 subdomain'),
  row(
    'a ConfigMap name in mixed case',
    configMap({}, meta('App-Config', 'shop')),
    'metadata.name',
    'RFC 1123 subdomain',
  ),
  row('a Deployment named Web', deployment({}, meta('Web', 'shop')), 'metadata.name', 'RFC 1123 subdomain'),
  row(
    'a DaemonSet name starting with a dash',
    deployment({}, meta('-agent', 'shop'), 'DaemonSet'),
    'metadata.name',
    'RFC 1123 subdomain',
  ),
  row(
    'a StatefulSet name with a dot (a DNS label is required)',
    deployment({}, meta('db.primary', 'shop'), 'StatefulSet'),
    'metadata.name',
    'RFC 1123 label',
  ),
  row(
    'a ReplicaSet name ending in an underscore',
    deployment({}, meta('rs_', 'shop'), 'ReplicaSet'),
    'metadata.name',
    'RFC 1123 subdomain',
  ),
  row('a Job named Migrate', job(undefined, meta('Migrate', 'shop')), 'metadata.name', 'RFC 1123 subdomain'),
  row('a CronJob named Nightly', cronJob(undefined, meta('Nightly', 'shop')), 'metadata.name', 'RFC 1123 subdomain'),
  row(
    'a CronJob name of 53 characters',
    cronJob(undefined, meta(LONG(53), 'shop')),
    'metadata.name',
    'must be no more than 52 characters',
  ),
  row('a NetworkPolicy named Deny_All', netpol({}, meta('Deny_All', 'shop')), 'metadata.name', 'RFC 1123 subdomain'),
  row('a Role name with a slash', role(undefined, meta('team/reader', 'shop')), 'metadata.name', "may not contain '/'"),
  row('a ClusterRole named ..', clusterRole(undefined, {}, meta('..')), 'metadata.name', "may not be '..'"),
  row(
    'a RoleBinding name with a percent sign',
    roleBinding(undefined, undefined, meta('read%all', 'shop')),
    'metadata.name',
    "may not contain '%'",
  ),
  row(
    'a ClusterRoleBinding named .',
    clusterRoleBinding(undefined, undefined, meta('.')),
    'metadata.name',
    "may not be '.'",
  ),
  row(
    'a CertificateSigningRequest name with a slash',
    csr({}, { name: 'jane/laptop' }),
    'metadata.name',
    "may not contain '/'",
  ),
  row('a Node named Node_1', node('Node_1'), 'metadata.name', 'RFC 1123 subdomain'),
  row(
    'a generateName prefix in upper case',
    pod({}, { generateName: 'Web-', namespace: 'shop' }),
    'metadata.generateName',
    'RFC 1123 subdomain',
  ),
  row('a namespace in upper case', pod({}, meta('web', 'Shop')), 'metadata.namespace', 'RFC 1123 label', '"Shop"'),
  // A namespace on a cluster-scoped kind is cleared by kube-apiserver, not refused: a lint warning
  // (test/lint/cluster-scoped-namespace-lint.test.ts).
];

const labels: BadInput[] = [
  row(
    'a label key with a space',
    pod({}, meta('web', 'shop', { labels: { 'app name': 'web' } })),
    'metadata.labels',
    'name part must consist',
    '"app name"',
  ),
  row(
    'a label key with two slashes',
    pod({}, meta('web', 'shop', { labels: { 'a/b/c': 'x' } })),
    'metadata.labels',
    'qualified name',
  ),
  row(
    'a label key prefix in upper case',
    pod({}, meta('web', 'shop', { labels: { 'Example.com/app': 'x' } })),
    'metadata.labels',
    'prefix part',
  ),
  row(
    'a label value with a space',
    service({}, meta('web', 'shop', { labels: { app: 'hello world' } })),
    'metadata.labels',
    'a valid label must be an empty string',
  ),
  row(
    'a label value of 64 characters',
    namespace('shop', { labels: { team: LONG(64) } }),
    'metadata.labels',
    'must be no more than 63 characters',
  ),
  row(
    'a label key name part of 64 characters',
    namespace('shop', { labels: { [LONG(64)]: 'x' } }),
    'metadata.labels',
    'name part must be no more than 63 characters',
  ),
  row(
    'a label value starting with a dash',
    netpol({}, meta('allow-web', 'shop', { labels: { tier: '-web' } })),
    'metadata.labels',
    'must start and end with an alphanumeric',
  ),
  row(
    'an annotation key with an exclamation mark',
    pod({}, meta('web', 'shop', { annotations: { 'bad key!': 'x' } })),
    'metadata.annotations',
    'name part',
  ),
  row(
    'annotations over 256 KiB',
    configMap({}, meta('app-config', 'shop', { annotations: { note: LONG(262145) } })),
    'metadata.annotations',
    'Too long: may not be more than 262144 bytes',
  ),
];

const services: BadInput[] = [
  row(
    'a Service port 70000',
    service({ ports: [{ port: 70000 }] }),
    'spec.ports[0].port',
    'Invalid value: 70000: must be between 1 and 65535, inclusive',
  ),
  row('a Service port 0', service({ ports: [{ port: 0 }] }), 'spec.ports[0].port', 'must be between 1 and 65535'),
  row('clusterIP: nope', service({ clusterIP: 'nope' }), 'spec.clusterIP', 'must be a valid IP address', '"nope"'),
  row(
    'a clusterIP with an octet over 255',
    service({ clusterIP: '10.0.0.256' }),
    'spec.clusterIP',
    'must be a valid IP address',
  ),
  row(
    'a bad second clusterIPs entry',
    service({ clusterIP: '10.96.0.10', clusterIPs: ['10.96.0.10', 'fd00::x'] }),
    'spec.clusterIPs[1]',
    'must be a valid IP address',
  ),
  row(
    'clusterIPs None followed by an IP',
    service({ clusterIPs: ['None', '10.96.0.10'] }),
    'spec.clusterIPs',
    "'None' must be the first and only value",
  ),
  row(
    'clusterIP differing from clusterIPs[0]',
    service({ clusterIP: '10.96.0.10', clusterIPs: ['10.96.0.11'] }),
    'spec.clusterIPs',
    'first value must match `clusterIP`',
  ),
  row(
    'a headless LoadBalancer',
    service({ type: 'LoadBalancer', clusterIP: 'None' }),
    'spec.clusterIP',
    "may not be set to 'None' for LoadBalancer services",
  ),
  row(
    'a headless NodePort Service',
    service({ type: 'NodePort', clusterIP: 'None' }),
    'spec.clusterIP',
    "may not be set to 'None' for NodePort services",
  ),
  row(
    'type Loadbalancer (case slip)',
    service({ type: 'Loadbalancer' }),
    'spec.type',
    'Unsupported value: "Loadbalancer"',
    '"LoadBalancer"',
  ),
  row(
    'externalTrafficPolicy on a ClusterIP Service',
    service({ externalTrafficPolicy: 'Local' }),
    'spec.externalTrafficPolicy',
    'may only be set for externally-accessible services',
  ),
  row(
    'externalTrafficPolicy local in lower case',
    service({ type: 'NodePort', externalTrafficPolicy: 'local' }),
    'spec.externalTrafficPolicy',
    'Unsupported value: "local"',
  ),
  row(
    'two ports without names',
    service({ ports: [{ port: 80 }, { port: 443 }] }),
    'spec.ports[0].name',
    'Required value',
  ),
  row(
    'two ports with the same name',
    service({
      ports: [
        { name: 'web', port: 80 },
        { name: 'web', port: 443 },
      ],
    }),
    'spec.ports[1].name',
    'Duplicate value: "web"',
  ),
  row(
    'a port name in upper case',
    service({ ports: [{ name: 'HTTP', port: 80 }] }),
    'spec.ports[0].name',
    'RFC 1123 label',
  ),
  row(
    'protocol tcp in lower case',
    service({ ports: [{ port: 80, protocol: 'tcp' }] }),
    'spec.ports[0].protocol',
    'Unsupported value: "tcp"',
    '"TCP"',
  ),
  row(
    'a targetPort 70000',
    service({ ports: [{ port: 80, targetPort: 70000 }] }),
    'spec.ports[0].targetPort',
    'must be between 1 and 65535',
  ),
  row(
    'a targetPort name with an underscore',
    service({ ports: [{ port: 80, targetPort: 'http_alt' }] }),
    'spec.ports[0].targetPort',
    'must contain only alpha-numeric characters',
  ),
  row(
    'a targetPort name of 16 characters',
    service({ ports: [{ port: 80, targetPort: 'metrics-endpoint' }] }),
    'spec.ports[0].targetPort',
    'must be no more than 15 characters',
  ),
  row(
    'a nodePort on a ClusterIP Service',
    service({ ports: [{ port: 80, nodePort: 30080 }] }),
    'spec.ports[0].nodePort',
    "may not be used when `type` is 'ClusterIP'",
  ),
  row(
    'a nodePort 70000',
    service({ type: 'NodePort', ports: [{ port: 80, nodePort: 70000 }] }),
    'spec.ports[0].nodePort',
    'must be between 1 and 65535',
  ),
  row(
    'the same port and protocol twice',
    service({
      ports: [
        { name: 'a', port: 80 },
        { name: 'b', port: 80 },
      ],
    }),
    'spec.ports[1]',
    'Duplicate value',
  ),
  row(
    'the same nodePort twice',
    service({
      type: 'NodePort',
      ports: [
        { name: 'a', port: 80, nodePort: 30080 },
        { name: 'b', port: 81, nodePort: 30080 },
      ],
    }),
    'spec.ports[1].nodePort',
    'Duplicate value: 30080',
  ),
  row(
    'sessionAffinity Sticky',
    service({ sessionAffinity: 'Sticky' }),
    'spec.sessionAffinity',
    'Unsupported value: "Sticky"',
  ),
  row(
    'sessionAffinityConfig with affinity None',
    service({ sessionAffinity: 'None', sessionAffinityConfig: { clientIP: { timeoutSeconds: 60 } } }),
    'spec.sessionAffinityConfig',
    'must not be set when session affinity is None',
  ),
  row(
    'a ClientIP affinity timeout of 0',
    service({ sessionAffinity: 'ClientIP', sessionAffinityConfig: { clientIP: { timeoutSeconds: 0 } } }),
    'spec.sessionAffinityConfig.clientIP.timeoutSeconds',
    'must be greater than 0',
  ),
  row(
    'an ExternalName Service without externalName',
    service({ type: 'ExternalName', ports: [] }),
    'spec.externalName',
    'Required value',
  ),
  row(
    'an ExternalName Service with a clusterIP',
    service({ type: 'ExternalName', externalName: 'db.example.com', clusterIP: '10.96.0.10' }),
    'spec.clusterIP',
    'may not be set for ExternalName services',
  ),
  row(
    'an externalName with an underscore',
    service({ type: 'ExternalName', externalName: 'db_primary.example.com' }),
    'spec.externalName',
    'RFC 1123 subdomain',
  ),
  row(
    'a selector value with a space',
    service({ selector: { app: 'my web' } }),
    'spec.selector',
    'a valid label must be',
  ),
  row('a ClusterIP Service without ports', service({ ports: [] }), 'spec.ports', 'Required value'),
  row(
    'a LoadBalancer exposing the kubelet port',
    service({ type: 'LoadBalancer', ports: [{ port: 10250 }] }),
    'spec.ports[0]',
    'used by kubelet',
  ),
  row(
    'an externalIPs entry that is a CIDR',
    service({ externalIPs: ['203.0.113.0/24'] }),
    'spec.externalIPs[0]',
    'must be a valid IP address',
  ),
  row(
    'loadBalancerSourceRanges on a ClusterIP Service',
    service({ loadBalancerSourceRanges: ['203.0.113.0/24'] }),
    'spec.loadBalancerSourceRanges',
    "may only be used when `type` is 'LoadBalancer'",
  ),
  row(
    'a loadBalancerSourceRanges entry without a prefix',
    service({ type: 'LoadBalancer', loadBalancerSourceRanges: ['203.0.113.7'] }),
    'spec.loadBalancerSourceRanges[0]',
    'must be a valid CIDR value',
  ),
  row(
    'healthCheckNodePort on a ClusterIP Service',
    service({ healthCheckNodePort: 30999 }),
    'spec.healthCheckNodePort',
    "may only be set when `type` is 'LoadBalancer'",
  ),
  row(
    'internalTrafficPolicy Global',
    service({ internalTrafficPolicy: 'Global' }),
    'spec.internalTrafficPolicy',
    'Unsupported value: "Global"',
  ),
  row(
    'an appProtocol with a space',
    service({ ports: [{ port: 80, appProtocol: 'my proto' }] }),
    'spec.ports[0].appProtocol',
    'name part',
  ),
];

const pods: BadInput[] = [
  row('a container named App', podWith({ name: 'App' }), 'spec.containers[0].name', 'RFC 1123 label'),
  row(
    'two containers with one name',
    pod({ containers: [container(), container()] }),
    'spec.containers[1].name',
    'Duplicate value: "app"',
  ),
  row(
    'an init container named like a container',
    pod({ initContainers: [container()] }),
    'spec.containers[0].name',
    'Duplicate value: "app"',
  ),
  row(
    'a containerPort 70000',
    podWith({ ports: [{ containerPort: 70000 }] }),
    'spec.containers[0].ports[0].containerPort',
    'must be between 1 and 65535',
  ),
  row(
    'a containerPort 0',
    podWith({ ports: [{ containerPort: 0 }] }),
    'spec.containers[0].ports[0].containerPort',
    'Required value',
  ),
  row(
    'a hostPort 70000',
    podWith({ ports: [{ containerPort: 80, hostPort: 70000 }] }),
    'spec.containers[0].ports[0].hostPort',
    'must be between 1 and 65535',
  ),
  row(
    'a container port name in upper case',
    podWith({ ports: [{ containerPort: 80, name: 'HTTP' }] }),
    'spec.containers[0].ports[0].name',
    'alpha-numeric',
  ),
  row(
    'a container port name of 16 characters',
    podWith({ ports: [{ containerPort: 80, name: 'metrics-endpoint' }] }),
    'spec.containers[0].ports[0].name',
    '15 characters',
  ),
  row(
    'a container port name of digits only',
    podWith({ ports: [{ containerPort: 80, name: '8080' }] }),
    'spec.containers[0].ports[0].name',
    'at least one letter',
  ),
  row(
    'two container ports with one name',
    podWith({
      ports: [
        { containerPort: 80, name: 'web' },
        { containerPort: 81, name: 'web' },
      ],
    }),
    'spec.containers[0].ports[1].name',
    'Duplicate value: "web"',
  ),
  row(
    'a container port protocol http',
    podWith({ ports: [{ containerPort: 80, protocol: 'HTTP' }] }),
    'spec.containers[0].ports[0].protocol',
    'Unsupported value: "HTTP"',
  ),
  row(
    'a hostNetwork hostPort unlike its containerPort',
    podWith({ ports: [{ containerPort: 80, hostPort: 8080 }] }, { hostNetwork: true }),
    'spec.containers[0].ports[0].hostPort',
    'must match `containerPort` when `hostNetwork` is true',
  ),
  row(
    'the same hostPort in two containers',
    pod({
      containers: [
        container({ ports: [{ containerPort: 80, hostPort: 8080 }] }),
        container({ name: 'side', ports: [{ containerPort: 81, hostPort: 8080 }] }),
      ],
    }),
    'spec.containers[1].ports[0].hostPort',
    'Duplicate value',
  ),
  row(
    'serviceAccountName Bad_SA',
    pod({ serviceAccountName: 'Bad_SA' }),
    'spec.serviceAccountName',
    'RFC 1123 subdomain',
    '"Bad_SA"',
  ),
  row(
    'restartPolicy always in lower case',
    pod({ restartPolicy: 'always' }),
    'spec.restartPolicy',
    'Unsupported value: "always"',
  ),
  row(
    'dnsPolicy clusterfirst in lower case',
    pod({ dnsPolicy: 'clusterfirst' }),
    'spec.dnsPolicy',
    'Unsupported value: "clusterfirst"',
  ),
  row(
    'a volume named Data',
    pod({ volumes: [{ name: 'Data', emptyDir: {} }] }),
    'spec.volumes[0].name',
    'RFC 1123 label',
  ),
  row(
    'two volumes with one name',
    pod({
      volumes: [
        { name: 'data', emptyDir: {} },
        { name: 'data', emptyDir: {} },
      ],
    }),
    'spec.volumes[1].name',
    'Duplicate value: "data"',
  ),
  row(
    'a volume without a source',
    pod({ volumes: [{ name: 'data' }] }),
    'spec.volumes[0]',
    'must specify a volume type',
  ),
  row(
    'a volume with two sources',
    pod({ volumes: [{ name: 'data', emptyDir: {}, configMap: { name: 'app-config' } }] }),
    'spec.volumes[0].configMap',
    'may not specify more than 1 volume type',
  ),
  row(
    'a volumeMount of a missing volume',
    podWith({ volumeMounts: [{ name: 'data', mountPath: '/data' }] }),
    'spec.containers[0].volumeMounts[0].name',
    'Not found: "data"',
  ),
  row(
    'a container without an image',
    pod({ containers: [{ name: 'app', image: '' }] }),
    'spec.containers[0].image',
    'Required value',
  ),
  row('an empty containers list', pod({ containers: [] }), 'spec.containers', 'Required value'),
  row(
    'a nodeSelector key with a space',
    pod({ nodeSelector: { 'disk type': 'ssd' } }),
    'spec.nodeSelector',
    'name part',
  ),
];

const workloads: BadInput[] = [
  row(
    'a Deployment selector that misses the template labels',
    deployment({ selector: { matchLabels: { app: 'api' } } }),
    'spec.template.metadata.labels',
    '`selector` does not match template `labels`',
  ),
  row('a Deployment without a selector', deployment({ selector: undefined }), 'spec.selector', 'Required value'),
  row(
    'a Deployment with an empty selector',
    deployment({ selector: {} }),
    'spec.selector',
    'empty selector is invalid for deployment',
  ),
  row(
    'a Deployment template with restartPolicy Never',
    deployment({ template: templateWith({ restartPolicy: 'Never' }) }),
    `${TEMPLATE_SPEC}.restartPolicy`,
    'Unsupported value: "Never"',
    '"Always"',
  ),
  row(
    'a Deployment with -1 replicas',
    deployment({ replicas: -1 }),
    'spec.replicas',
    'must be greater than or equal to 0',
  ),
  row(
    'a Deployment container port 70000',
    deployment({ template: templateWith({ containers: [container({ ports: [{ containerPort: 70000 }] })] }) }),
    `${TEMPLATE_SPEC}.containers[0].ports[0].containerPort`,
    'must be between 1 and 65535',
  ),
  row(
    'a StatefulSet template label value with a space',
    deployment(
      { selector: { matchLabels: { app: 'db' } }, template: templateWith({}, { app: 'db', role: 'a b' }) },
      meta('db', 'shop'),
      'StatefulSet',
    ),
    'spec.template.metadata.labels',
    'a valid label must be',
  ),
  row(
    'a Deployment selector operator in lower case',
    deployment({ selector: { matchExpressions: [{ key: 'app', operator: 'in', values: ['web'] }] } }),
    'spec.selector.matchExpressions[0].operator',
    'not a valid selector operator',
  ),
  row(
    'a DaemonSet serviceAccountName in upper case',
    deployment({ template: templateWith({ serviceAccountName: 'Agent' }) }, meta('agent', 'shop'), 'DaemonSet'),
    `${TEMPLATE_SPEC}.serviceAccountName`,
    'RFC 1123 subdomain',
  ),
  row('a Job template without restartPolicy', job({}), `${TEMPLATE_SPEC}.restartPolicy`, 'Required value', 'OnFailure'),
  row(
    'a Job template with restartPolicy Always',
    job({ restartPolicy: 'Always' }),
    `${TEMPLATE_SPEC}.restartPolicy`,
    'Required value',
    'OnFailure',
  ),
  row(
    'a Job template with restartPolicy onfailure',
    job({ restartPolicy: 'onfailure' }),
    `${TEMPLATE_SPEC}.restartPolicy`,
    'Unsupported value: "onfailure"',
  ),
  row(
    'a CronJob template with restartPolicy Always',
    cronJob({ restartPolicy: 'Always' }),
    'spec.jobTemplate.spec.template.spec.restartPolicy',
    'Required value: valid values: "OnFailure", "Never"',
  ),
  row(
    'a Job with a negative backoffLimit',
    { ...job(), spec: { ...job().spec, backoffLimit: -1 } },
    'spec.backoffLimit',
    'must be greater than or equal to 0',
  ),
];

const networkPolicies: BadInput[] = [
  row(
    'endPort below port',
    ingressPort({ port: 8080, endPort: 80 }),
    `${PORT0}.endPort`,
    'must be greater than or equal to `port`',
  ),
  row(
    'endPort with a named port',
    ingressPort({ port: 'http', endPort: 90 }),
    `${PORT0}.endPort`,
    'may not be specified when `port` is non-numeric',
  ),
  row(
    'endPort without port',
    ingressPort({ endPort: 90 }),
    `${PORT0}.endPort`,
    'may not be specified when `port` is not specified',
  ),
  row('endPort 70000', ingressPort({ port: 80, endPort: 70000 }), `${PORT0}.endPort`, 'must be between 1 and 65535'),
  row(
    'a NetworkPolicy port 70000',
    ingressPort({ port: 70000 }),
    `${PORT0}.port`,
    'Invalid value: 70000: must be between 1 and 65535, inclusive',
  ),
  row('a NetworkPolicy port 0', ingressPort({ port: 0 }), `${PORT0}.port`, 'must be between 1 and 65535'),
  row(
    'a named NetworkPolicy port with an underscore',
    ingressPort({ port: 'http_alt' }),
    `${PORT0}.port`,
    'alpha-numeric',
  ),
  row(
    'a NetworkPolicy port protocol ICMP',
    ingressPort({ port: 80, protocol: 'ICMP' }),
    `${PORT0}.protocol`,
    'Unsupported value: "ICMP"',
  ),
  row(
    'an ipBlock cidr without a prefix',
    ingressPeer({ ipBlock: { cidr: '10.0.0.1' } }),
    `${PEER0}.ipBlock.cidr`,
    'must be a valid CIDR value',
    '10.0.0.1/32',
  ),
  row(
    'an ipBlock cidr that is not an address',
    ingressPeer({ ipBlock: { cidr: 'office' } }),
    `${PEER0}.ipBlock.cidr`,
    'must be a valid CIDR value',
  ),
  row(
    'an ipBlock except outside its cidr',
    ingressPeer({ ipBlock: { cidr: '10.0.0.0/8', except: ['192.168.0.0/16'] } }),
    `${PEER0}.ipBlock.except[0]`,
    'must be a strict subset of `cidr`',
  ),
  row(
    'an ipBlock except equal to its cidr',
    ingressPeer({ ipBlock: { cidr: '10.0.0.0/8', except: ['10.0.0.0/8'] } }),
    `${PEER0}.ipBlock.except[0]`,
    'must be a strict subset',
  ),
  row(
    'an ipBlock except of another family',
    ingressPeer({ ipBlock: { cidr: '10.0.0.0/8', except: ['fd00::/64'] } }),
    `${PEER0}.ipBlock.except[0]`,
    'must be a strict subset',
  ),
  row(
    'an ipBlock except that does not parse',
    ingressPeer({ ipBlock: { cidr: '10.0.0.0/8', except: ['10.1.0.0/33'] } }),
    `${PEER0}.ipBlock.except[0]`,
    'must be a valid CIDR value',
  ),
  row(
    'an ipBlock together with a podSelector',
    ingressPeer({ ipBlock: { cidr: '10.0.0.0/8' }, podSelector: {} }),
    PEER0,
    'may not specify both ipBlock and another peer',
  ),
  row('an empty peer', ingressPeer({}), PEER0, 'must specify a peer'),
  row(
    'an egress peer ipBlock without prefix',
    netpol({ egress: [{ to: [{ ipBlock: { cidr: '8.8.8.8' } }] }] }),
    'spec.egress[0].to[0].ipBlock.cidr',
    'valid CIDR',
  ),
  row(
    'policyTypes ingress in lower case',
    netpol({ policyTypes: ['ingress'] }),
    'spec.policyTypes[0]',
    'Unsupported value: "ingress"',
  ),
  row(
    'three policyTypes',
    netpol({ policyTypes: ['Ingress', 'Egress', 'Ingress'] }),
    'spec.policyTypes',
    'may not specify more than two policyTypes',
  ),
  row(
    'a podSelector operator Equals',
    netpol({ podSelector: { matchExpressions: [{ key: 'app', operator: 'Equals', values: ['web'] }] } }),
    'spec.podSelector.matchExpressions[0].operator',
    'not a valid selector operator',
  ),
  row(
    'an In requirement without values',
    netpol({ podSelector: { matchExpressions: [{ key: 'app', operator: 'In' }] } }),
    'spec.podSelector.matchExpressions[0].values',
    "must be specified when `operator` is 'In' or 'NotIn'",
  ),
  row(
    'an Exists requirement with values',
    netpol({ podSelector: { matchExpressions: [{ key: 'app', operator: 'Exists', values: ['web'] }] } }),
    'spec.podSelector.matchExpressions[0].values',
    "may not be specified when `operator` is 'Exists'",
  ),
  row(
    'a requirement value with a space',
    netpol({ podSelector: { matchExpressions: [{ key: 'app', operator: 'In', values: ['my web'] }] } }),
    'spec.podSelector.matchExpressions[0].values[0]',
    'a valid label must be',
  ),
  row(
    'a matchLabels value with a slash',
    ingressPeer({ podSelector: { matchLabels: { app: 'shop/web' } } }),
    `${PEER0}.podSelector.matchLabels`,
    'a valid label must be',
  ),
  row(
    'a namespaceSelector key with a space',
    ingressPeer({ namespaceSelector: { matchLabels: { 'team name': 'shop' } } }),
    `${PEER0}.namespaceSelector.matchLabels`,
    'name part',
  ),
];

const rbac: BadInput[] = [
  row(
    'a ClusterRole rule with verbs: []',
    clusterRole([{ ...RULE, verbs: [] }]),
    'rules[0].verbs',
    'verbs must contain at least one value',
  ),
  row(
    'a Role rule without verbs',
    role([{ apiGroups: [''], resources: ['pods'] }]),
    'rules[0].verbs',
    'Required value',
  ),
  row(
    'a Role rule on nonResourceURLs',
    role([{ nonResourceURLs: ['/healthz'], verbs: ['get'] }]),
    'rules[0].nonResourceURLs',
    'namespaced rules cannot apply to non-resource URLs',
  ),
  row(
    'a ClusterRole rule mixing resources and nonResourceURLs',
    clusterRole([{ ...RULE, nonResourceURLs: ['/healthz'] }]),
    'rules[0].nonResourceURLs',
    'rules cannot apply to both regular resources and non-resource URLs',
  ),
  row(
    'a rule without apiGroups',
    role([{ resources: ['pods'], verbs: ['get'] }]),
    'rules[0].apiGroups',
    'resource rules must supply at least one api group',
  ),
  row(
    'a rule without resources',
    clusterRole([{ apiGroups: [''], verbs: ['get'] }]),
    'rules[0].resources',
    'resource rules must supply at least one resource',
  ),
  row(
    'a roleRef apiGroup "rbac"',
    roleBinding({ ...ROLE_REF, apiGroup: 'rbac' }),
    'roleRef.apiGroup',
    'Unsupported value: "rbac"',
  ),
  row(
    'a roleRef kind in lower case',
    roleBinding({ ...ROLE_REF, kind: 'role' }),
    'roleRef.kind',
    'Unsupported value: "role"',
  ),
  row(
    'a ClusterRoleBinding to a Role',
    clusterRoleBinding({ ...ROLE_REF, kind: 'Role' }),
    'roleRef.kind',
    'Unsupported value: "Role"',
    'RoleBinding',
  ),
  row(
    'a roleRef name with a slash',
    roleBinding({ ...ROLE_REF, name: 'team/reader' }),
    'roleRef.name',
    "may not contain '/'",
  ),
  row(
    'a subject kind in lower case',
    roleBinding(undefined, [{ ...USER, kind: 'user' }]),
    'subjects[0].kind',
    'Unsupported value: "user"',
  ),
  row(
    'a ServiceAccount subject without namespace in a ClusterRoleBinding',
    clusterRoleBinding(undefined, [{ kind: 'ServiceAccount', name: 'ci-bot' }]),
    'subjects[0].namespace',
    'Required value',
  ),
  row(
    'a ServiceAccount subject named Bad_SA',
    roleBinding(undefined, [{ kind: 'ServiceAccount', name: 'Bad_SA', namespace: 'shop' }]),
    'subjects[0].name',
    'RFC 1123 subdomain',
  ),
  row(
    'a ServiceAccount subject with the rbac apiGroup',
    roleBinding(undefined, [{ kind: 'ServiceAccount', name: 'ci-bot', apiGroup: 'rbac.authorization.k8s.io' }]),
    'subjects[0].apiGroup',
    'Unsupported value: "rbac.authorization.k8s.io"',
  ),
  row(
    'a User subject with apiGroup v1',
    roleBinding(undefined, [{ ...USER, apiGroup: 'v1' }]),
    'subjects[0].apiGroup',
    'Unsupported value: "v1"',
  ),
  row(
    'a subject with an empty name',
    roleBinding(undefined, [{ ...USER, name: '' }]),
    'subjects[0].name',
    'Required value',
  ),
  row(
    'an aggregationRule without selectors',
    clusterRole([], { aggregationRule: { clusterRoleSelectors: [] } }),
    'aggregationRule.clusterRoleSelectors',
    'at least one clusterRoleSelector required',
  ),
  row(
    'an aggregationRule selector operator in lower case',
    clusterRole([], {
      aggregationRule: { clusterRoleSelectors: [{ matchExpressions: [{ key: 'a', operator: 'exists' }] }] },
    }),
    'aggregationRule.clusterRoleSelectors[0].matchExpressions[0].operator',
    'not a valid selector operator',
  ),
];

const config: BadInput[] = [
  row(
    'a Secret data key with a space',
    secret({ data: { 'db password': 'cw==' } }),
    'data[db password]',
    'a valid config key',
  ),
  row(
    'a Secret stringData key starting with ..',
    secret({ stringData: { '..data': 'x' } }),
    'stringData[..data]',
    "must not start with '..'",
  ),
  row(
    'a TLS Secret without tls.key',
    secret({ type: 'kubernetes.io/tls', data: { 'tls.crt': 'eA==' } }),
    'data[tls.key]',
    'Required value',
  ),
  row(
    'a basic-auth Secret without username or password',
    secret({ type: 'kubernetes.io/basic-auth', data: {} }),
    'data.username',
    'Required value',
  ),
  row(
    'an ssh-auth Secret without ssh-privatekey',
    secret({ type: 'kubernetes.io/ssh-auth', stringData: { key: 'x' } }),
    'data.ssh-privatekey',
    'Required value',
  ),
  row(
    'a dockerconfigjson Secret without .dockerconfigjson',
    secret({ type: 'kubernetes.io/dockerconfigjson', data: { config: 'e30=' } }),
    'data[.dockerconfigjson]',
    'Required value',
  ),
  row(
    'a service-account-token Secret without its annotation',
    secret({ type: 'kubernetes.io/service-account-token' }),
    'metadata.annotations[kubernetes.io/service-account.name]',
    'Required value',
  ),
  row(
    'a ConfigMap key with a slash',
    configMap({ data: { 'conf/app.yaml': 'x' } }),
    'data[conf/app.yaml]',
    'a valid config key',
  ),
  row('a ConfigMap key "."', configMap({ data: { '.': 'x' } }), 'data[.]', "must not be '.'"),
  row(
    'a ConfigMap key in data and binaryData',
    configMap({ data: { logo: 'x' }, binaryData: { logo: 'eA==' } }),
    'binaryData.logo',
    'duplicate of key present in data',
  ),
  row(
    'a ConfigMap over 1 MiB',
    configMap({ data: { big: LONG(1024 * 1024 + 1) } }),
    '',
    'Too long: may not be more than 1048576 bytes',
  ),
];

const certificates: BadInput[] = [
  row(
    'a CSR expirationSeconds of 300',
    csr({ expirationSeconds: 300 }),
    'spec.expirationSeconds',
    'may not specify a duration less than 600 seconds',
  ),
  row('a CSR without usages', csr({ usages: [] }), 'spec.usages', 'usages must be provided'),
  row(
    'a CSR usage in title case',
    csr({ usages: ['Client Auth'] }),
    'spec.usages[0]',
    'Unsupported value: "Client Auth"',
  ),
  row(
    'a CSR usage listed twice',
    csr({ usages: ['client auth', 'client auth'] }),
    'spec.usages[1]',
    'Duplicate value: "client auth"',
  ),
  row(
    'a CSR signerName without a slash',
    csr({ signerName: 'my-signer' }),
    'spec.signerName',
    "must be a fully qualified domain and path of the form 'example.com/signer-name'",
  ),
  row(
    'a CSR signerName domain without a dot',
    csr({ signerName: 'example/signer' }),
    'spec.signerName',
    'should be a domain with at least two segments',
  ),
  row(
    'a CSR signerName domain in upper case',
    csr({ signerName: 'Example.com/signer' }),
    'spec.signerName',
    'validating label "Example": a lowercase RFC 1123 label',
  ),
  row(
    'a CSR signerName path with an empty label (upstream ValidateSignerName)',
    csr({ signerName: 'example.com/a..b' }),
    'spec.signerName',
    'validating label "": a lowercase RFC 1123 subdomain',
  ),
  row(
    'a CSR signerName of 572 characters',
    csr({
      signerName: `${['a', 'b', 'c'].map((c) => c.repeat(63)).join('.')}.${'d'.repeat(58)}/${'e'.repeat(200)}.${'f'.repeat(120)}`,
    }),
    'spec.signerName',
    'Too long: may not be more than 571 bytes',
  ),
  row(
    'a CSR request that is not a PEM request',
    csr({ request: Buffer.from('hello').toString('base64') }),
    'spec.request',
    'PEM block type must be CERTIFICATE REQUEST',
  ),
];

const duplicates: BadInput[] = [
  row(
    'the same Namespace twice',
    [namespace(), namespace()],
    'metadata.name',
    'Duplicate value: "shop"',
    'document #0',
  ),
  row(
    'the same Deployment twice in one namespace',
    [deployment(), deployment()],
    'metadata.name',
    'Duplicate value: "web"',
  ),
  row(
    'the same ClusterRole twice',
    [clusterRole(), clusterRole()],
    'metadata.name',
    'ClusterRole reader is already defined',
  ),
  row(
    'the same Service twice',
    [service(), service({ ports: [{ port: 443 }] })],
    'metadata.name',
    'Service shop/web is already defined',
  ),
];

export const ROWS: BadInput[] = [
  ...names,
  ...labels,
  ...services,
  ...pods,
  ...workloads,
  ...networkPolicies,
  ...rbac,
  ...config,
  ...certificates,
  ...duplicates,
];

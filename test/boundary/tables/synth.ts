// Synth runs validateObject (CRD schema, CEL, Calico's rules; Kubernetes schema and kube-apiserver rules for built-in
// kinds) on each construct's own output: what an escape hatch (a JSON patch on `apiObject`, `extraSpec`) or a
// schema-invalid prop sneaks past the typed props fails `cdk8s synth` under the construct's path, never silently.
import * as path from 'path';
import { ApiObject, Chart, JsonPatch, Testing } from 'cdk8s';
import * as v3 from '../../../imports/calico-projectcalico.org';
import {
  AccessRole,
  BgpConfiguration,
  BgpPeer,
  ClusterUser,
  FelixConfiguration,
  GlobalNetworkPolicy,
  GlobalNetworkSet,
  HostEndpoint,
  IpPool,
  KubeControllersConfiguration,
  NetworkPolicy,
  NetworkSet,
  Peer,
  Port,
  SecureNamespace,
  Selector,
  StagedGlobalNetworkPolicy,
  Subject,
  Tier,
} from '../../../lib';
import { KubeNetworkPolicy } from '../../../lib/policy/kubernetes';
import { FlannelNetwork } from '../../../lib/network/flannel-network';
import { KubeControllersHostEndpointRbac } from '../../../lib/nodes/kube-controllers-rbac';
import { BadInput, Outcome } from '../harness';

const WANG_CSR = path.join(__dirname, '..', '..', '..', 'examples', 'secure-namespace', 'wang.csr');

/** Builds in a fresh chart `test` (namespace `dev`) and synthesizes it. */
function synth(build: (chart: Chart) => void): () => unknown {
  return () => {
    const app = Testing.app();
    const chart = new Chart(app, 'test', { namespace: 'dev' });
    build(chart);
    return Testing.synth(chart);
  };
}

/** Builds in a fresh chart `test` (namespace `dev`): the call itself must throw. */
function call(build: (chart: Chart) => void): () => unknown {
  return () => build(new Chart(Testing.app(), 'test', { namespace: 'dev' }));
}

/** A construct's object with JSON patches (the escape hatch) applied. */
function patch(obj: ApiObject, ...ops: JsonPatch[]): void {
  obj.addJsonPatch(...ops);
}

const add = JsonPatch.add;
const replace = JsonPatch.replace;

function policy(chart: Chart): GlobalNetworkPolicy {
  const p = new GlobalNetworkPolicy(chart, 'Web', { selector: Selector.eq('app', 'web') });
  p.allowIngress(Peer.nets('10.0.0.0/8'), Port.tcp(443));
  return p;
}

function nsPolicy(chart: Chart): NetworkPolicy {
  const p = new NetworkPolicy(chart, 'Api', { selector: Selector.eq('app', 'api') });
  p.allowIngress(Peer.selector(Selector.eq('app', 'web')), Port.tcp(8080));
  return p;
}

function hep(chart: Chart): HostEndpoint {
  return new HostEndpoint(chart, 'Hep', { node: 'node-1', interfaceName: 'eth0', expectedIPs: ['10.0.0.1'] });
}

function pool(chart: Chart): IpPool {
  return new IpPool(chart, 'Pool', { cidr: '10.48.0.0/16' });
}

function felix(chart: Chart): FelixConfiguration {
  return new FelixConfiguration(chart, 'Felix', {});
}

function ns(chart: Chart): SecureNamespace {
  return new SecureNamespace(chart, 'Ns', { name: 'dev' });
}

const CALICO_PATCHES: BadInput[] = [
  {
    name: 'GlobalNetworkPolicy: JSON patch adds a misspelt spec field',
    outcome: Outcome.SYNTH,
    where: 'test/Web',
    field: 'spec.selecter',
    mentions: 'did you mean "selector"',
    run: synth((c) => patch(policy(c).apiObject, add('/spec/selecter', 'all()'))),
  },
  {
    name: 'GlobalNetworkPolicy: JSON patch sets order to a string',
    outcome: Outcome.SYNTH,
    where: 'test/Web',
    field: 'spec.order',
    mentions: 'must be of type number',
    run: synth((c) => patch(policy(c).apiObject, add('/spec/order', 'first'))),
  },
  {
    name: 'GlobalNetworkPolicy: JSON patch sets a lowercase rule action',
    outcome: Outcome.SYNTH,
    where: 'test/Web',
    field: 'spec.ingress[0].action',
    mentions: 'allow',
    run: synth((c) => patch(policy(c).apiObject, replace('/spec/ingress/0/action', 'allow'))),
  },
  {
    name: 'GlobalNetworkPolicy: JSON patch sets a lowercase policy type',
    outcome: Outcome.SYNTH,
    where: 'test/Web',
    field: 'spec.types[0]',
    mentions: 'ingress',
    run: synth((c) => patch(policy(c).apiObject, replace('/spec/types', ['ingress']))),
  },
  {
    name: 'GlobalNetworkPolicy: JSON patch sets applyOnForward to the string "yes"',
    outcome: Outcome.SYNTH,
    where: 'test/Web',
    field: 'spec.applyOnForward',
    mentions: 'boolean',
    run: synth((c) => patch(policy(c).apiObject, add('/spec/applyOnForward', 'yes'))),
  },
  {
    name: 'GlobalNetworkPolicy: JSON patch sets doNotTrack without applyOnForward',
    outcome: Outcome.SYNTH,
    where: 'test/Web',
    field: /applyOnForward|doNotTrack/,
    run: synth((c) => patch(policy(c).apiObject, add('/spec/doNotTrack', true))),
  },
  {
    name: 'GlobalNetworkPolicy: JSON patch adds an unknown rule field',
    outcome: Outcome.SYNTH,
    where: 'test/Web',
    field: 'spec.ingress[0].sourc',
    mentions: 'did you mean "source"',
    run: synth((c) => patch(policy(c).apiObject, add('/spec/ingress/0/sourc', { nets: ['10.0.0.0/8'] }))),
  },
  {
    name: 'GlobalNetworkPolicy: JSON patch writes a port above 65535',
    outcome: Outcome.SYNTH,
    where: 'test/Web',
    field: 'spec.ingress[0].destination.ports[0]',
    run: synth((c) => patch(policy(c).apiObject, replace('/spec/ingress/0/destination/ports/0', 70000))),
  },
  {
    name: 'GlobalNetworkPolicy: JSON patch writes an unparsable selector',
    outcome: Outcome.SYNTH,
    where: 'test/Web',
    field: 'spec.selector',
    run: synth((c) => patch(policy(c).apiObject, replace('/spec/selector', 'app == '))),
  },
  {
    name: 'GlobalNetworkPolicy: JSON patch writes a CIDR with a /33 mask',
    outcome: Outcome.SYNTH,
    where: 'test/Web',
    field: 'spec.ingress[0].source.nets[0]',
    run: synth((c) => patch(policy(c).apiObject, replace('/spec/ingress/0/source/nets/0', '10.0.0.0/33'))),
  },
  {
    name: 'GlobalNetworkPolicy: JSON patch adds a label key with a space',
    outcome: Outcome.SYNTH,
    where: 'test/Web',
    field: 'metadata.labels',
    run: synth((c) => patch(policy(c).apiObject, add('/metadata/labels/bad key', 'x'))),
  },
  {
    name: 'NetworkPolicy: JSON patch adds a misspelt spec field',
    outcome: Outcome.SYNTH,
    where: 'test/Api',
    field: 'spec.serviceAccountSelecter',
    mentions: 'did you mean "serviceAccountSelector"',
    run: synth((c) => patch(nsPolicy(c).apiObject, add('/spec/serviceAccountSelecter', 'all()'))),
  },
  {
    name: 'NetworkPolicy: JSON patch adds a rule protocol that does not exist',
    outcome: Outcome.SYNTH,
    where: 'test/Api',
    field: 'spec.ingress[0].protocol',
    run: synth((c) => patch(nsPolicy(c).apiObject, replace('/spec/ingress/0/protocol', 'TPC'))),
  },
  {
    name: 'NetworkPolicy: JSON patch sets a negative ICMP type',
    outcome: Outcome.SYNTH,
    where: 'test/Api',
    field: 'spec.ingress[0].icmp.type',
    run: synth((c) =>
      patch(
        nsPolicy(c).apiObject,
        replace('/spec/ingress/0/protocol', 'ICMP'),
        add('/spec/ingress/0/icmp', { type: -1 }),
      ),
    ),
  },
  {
    name: 'StagedGlobalNetworkPolicy: JSON patch sets an unknown stagedAction',
    outcome: Outcome.SYNTH,
    where: 'test/Staged',
    field: 'spec.stagedAction',
    mentions: 'Remove',
    run: synth((c) =>
      patch(new StagedGlobalNetworkPolicy(c, 'Staged', {}).apiObject, add('/spec/stagedAction', 'Remove')),
    ),
  },
  {
    name: 'HostEndpoint: JSON patch writes an expected IP that is not an IP',
    outcome: Outcome.SYNTH,
    where: 'test/Hep',
    field: 'spec.expectedIPs[0]',
    run: synth((c) => patch(hep(c).apiObject, replace('/spec/expectedIPs/0', 'node-1'))),
  },
  {
    name: 'HostEndpoint: JSON patch adds a named port above 65535',
    outcome: Outcome.SYNTH,
    where: 'test/Hep',
    field: 'spec.ports[0].port',
    run: synth((c) => patch(hep(c).apiObject, add('/spec/ports', [{ name: 'web', port: 70000, protocol: 'TCP' }]))),
  },
  {
    name: 'HostEndpoint: JSON patch writes interfaceName in lowercase',
    outcome: Outcome.SYNTH,
    where: 'test/Hep',
    field: 'spec.interfacename',
    mentions: 'did you mean "interfaceName"',
    run: synth((c) => patch(hep(c).apiObject, add('/spec/interfacename', 'eth1'))),
  },
  {
    name: 'HostEndpoint: JSON patch adds a field HostEndpoint does not have',
    outcome: Outcome.SYNTH,
    where: 'test/Hep',
    field: 'spec.mtu',
    mentions: 'remove spec.mtu',
    run: synth((c) => patch(hep(c).apiObject, add('/spec/mtu', 1500))),
  },
  {
    name: 'HostEndpoint: JSON patch writes profiles as a string',
    outcome: Outcome.SYNTH,
    where: 'test/Hep',
    field: 'spec.profiles',
    mentions: 'array',
    run: synth((c) => patch(hep(c).apiObject, add('/spec/profiles', 'default'))),
  },
  {
    name: 'NetworkSet: JSON patch writes a net that is not a CIDR',
    outcome: Outcome.SYNTH,
    where: 'test/Set',
    field: 'spec.nets[0]',
    run: synth((c) =>
      patch(
        new NetworkSet(c, 'Set', { nets: ['198.51.100.0/24'] }).apiObject,
        replace('/spec/nets/0', 'partner.example.com'),
      ),
    ),
  },
  {
    name: 'GlobalNetworkSet: JSON patch writes nets as a string',
    outcome: Outcome.SYNTH,
    where: 'test/Gset',
    field: 'spec.nets',
    mentions: 'array',
    run: synth((c) =>
      patch(
        new GlobalNetworkSet(c, 'Gset', { nets: ['198.51.100.0/24'] }).apiObject,
        replace('/spec/nets', '198.51.100.0/24'),
      ),
    ),
  },
  {
    name: 'IPPool: JSON patch writes ipipMode in lowercase',
    outcome: Outcome.SYNTH,
    where: 'test/Pool',
    field: 'spec.ipipMode',
    mentions: 'always',
    run: synth((c) => patch(pool(c).apiObject, replace('/spec/ipipMode', 'always'))),
  },
  {
    name: 'IPPool: JSON patch writes natOutgoing as the string "true"',
    outcome: Outcome.SYNTH,
    where: 'test/Pool',
    field: 'spec.natOutgoing',
    mentions: 'boolean',
    run: synth((c) => patch(pool(c).apiObject, replace('/spec/natOutgoing', 'true'))),
  },
  {
    name: 'IPPool: JSON patch writes a block size of 40',
    outcome: Outcome.SYNTH,
    where: 'test/Pool',
    field: 'spec.blockSize',
    run: synth((c) => patch(pool(c).apiObject, replace('/spec/blockSize', 40))),
  },
  {
    name: 'IPPool: JSON patch adds a misspelt cidr field',
    outcome: Outcome.SYNTH,
    where: 'test/Pool',
    field: 'spec.cird',
    mentions: 'did you mean "cidr"',
    run: synth((c) => patch(pool(c).apiObject, add('/spec/cird', '10.49.0.0/16'))),
  },
  {
    name: 'IPPool: JSON patch writes an allowed use that does not exist',
    outcome: Outcome.SYNTH,
    where: 'test/Pool',
    field: 'spec.allowedUses[0]',
    mentions: 'Pods',
    run: synth((c) => patch(pool(c).apiObject, replace('/spec/allowedUses', ['Pods']))),
  },
  {
    name: 'Tier: JSON patch writes order as a string',
    outcome: Outcome.SYNTH,
    where: 'test/Tier',
    field: 'spec.order',
    mentions: 'number',
    run: synth((c) => patch(new Tier(c, 'Tier', { order: 100 }).apiObject, replace('/spec/order', 'early'))),
  },
  {
    name: 'Tier: JSON patch writes a lowercase defaultAction',
    outcome: Outcome.SYNTH,
    where: 'test/Tier',
    field: 'spec.defaultAction',
    mentions: 'pass',
    run: synth((c) => patch(new Tier(c, 'Tier', { order: 100 }).apiObject, add('/spec/defaultAction', 'pass'))),
  },
  {
    name: 'FelixConfiguration: JSON patch writes bpfEnabled as a string',
    outcome: Outcome.SYNTH,
    where: 'test/Felix',
    field: 'spec.bpfEnabled',
    mentions: 'boolean',
    run: synth((c) => patch(felix(c).apiObject, add('/spec/bpfEnabled', 'true'))),
  },
  {
    name: 'FelixConfiguration: JSON patch writes a log severity Calico does not know',
    outcome: Outcome.SYNTH,
    where: 'test/Felix',
    field: 'spec.logSeverityScreen',
    mentions: 'verbose',
    run: synth((c) => patch(felix(c).apiObject, add('/spec/logSeverityScreen', 'verbose'))),
  },
  {
    name: 'FelixConfiguration: JSON patch adds a field by its typed (camelCase) name',
    outcome: Outcome.SYNTH,
    where: 'test/Felix',
    field: 'spec.ipipMtu',
    mentions: 'did you mean "ipipMTU"',
    run: synth((c) => patch(felix(c).apiObject, add('/spec/ipipMtu', 1440))),
  },
  {
    name: 'BGPConfiguration: JSON patch writes asNumber as a string',
    outcome: Outcome.SYNTH,
    where: 'test/Bgp',
    field: 'spec.asNumber',
    run: synth((c) =>
      patch(new BgpConfiguration(c, 'Bgp', { asNumber: 64512 }).apiObject, replace('/spec/asNumber', 'AS64512')),
    ),
  },
  {
    name: 'BGPConfiguration: JSON patch writes nodeToNodeMeshEnabled as "no"',
    outcome: Outcome.SYNTH,
    where: 'test/Bgp',
    field: 'spec.nodeToNodeMeshEnabled',
    mentions: 'boolean',
    run: synth((c) =>
      patch(new BgpConfiguration(c, 'Bgp', { asNumber: 64512 }).apiObject, add('/spec/nodeToNodeMeshEnabled', 'no')),
    ),
  },
  {
    name: 'BGPPeer: JSON patch writes a peer IP that is not an IP',
    outcome: Outcome.SYNTH,
    where: 'test/Peer',
    field: 'spec.peerIP',
    run: synth((c) =>
      patch(
        new BgpPeer(c, 'Peer', { peerIp: '10.0.0.1', asNumber: 64512 }).apiObject,
        replace('/spec/peerIP', 'router-1'),
      ),
    ),
  },
  {
    name: 'KubeControllersConfiguration: JSON patch writes a lowercase autoCreate',
    outcome: Outcome.SYNTH,
    where: 'test/Kcc',
    field: 'spec.controllers.node.hostEndpoint.autoCreate',
    mentions: 'enabled',
    run: synth((c) =>
      patch(
        new KubeControllersConfiguration(c, 'Kcc', {}).apiObject,
        add('/spec/controllers', { node: { hostEndpoint: { autoCreate: 'enabled' } } }),
      ),
    ),
  },
];

const CEL_RULES: BadInput[] = [
  {
    name: 'GlobalNetworkPolicy: JSON patch sets an ICMP code without a type (CRD CEL rule)',
    outcome: Outcome.SYNTH,
    where: 'test/Web',
    field: 'spec.ingress[0].icmp',
    run: synth((c) =>
      patch(policy(c).apiObject, replace('/spec/ingress/0/protocol', 'ICMP'), add('/spec/ingress/0/icmp', { code: 1 })),
    ),
  },
  {
    name: 'NetworkPolicy: JSON patch sets a notICMP code without a type (CRD CEL rule)',
    outcome: Outcome.SYNTH,
    where: 'test/Api',
    field: 'spec.ingress[0].notICMP',
    run: synth((c) =>
      patch(
        nsPolicy(c).apiObject,
        replace('/spec/ingress/0/protocol', 'ICMP'),
        add('/spec/ingress/0/notICMP', { code: 1 }),
      ),
    ),
  },
  {
    name: 'FelixConfiguration extraSpec: routeTableRange and routeTableRanges together (CRD CEL rule)',
    outcome: Outcome.CALL,
    where: 'test/Felix',
    field: 'spec',
    mentions: /routeTableRange/,
    run: call(
      (c) =>
        new FelixConfiguration(c, 'Felix', {
          extraSpec: { routeTableRange: { min: 1, max: 250 }, routeTableRanges: [{ min: 1, max: 250 }] },
        }),
    ),
  },
];

const BUILTIN_PATCHES: BadInput[] = [
  {
    name: 'SecureNamespace: JSON patch renames the ServiceAccount to an invalid name',
    outcome: Outcome.SYNTH,
    where: 'test/Ns',
    field: 'metadata.name',
    mentions: 'Bad_SA',
    run: synth((c) => patch(ApiObject.of(ns(c).serviceAccount), replace('/metadata/name', 'Bad_SA'))),
  },
  {
    name: 'SecureNamespace: JSON patch writes automountServiceAccountToken as a string',
    outcome: Outcome.SYNTH,
    where: 'test/Ns',
    field: 'automountServiceAccountToken',
    mentions: 'boolean',
    run: synth((c) => patch(ApiObject.of(ns(c).serviceAccount), add('/automountServiceAccountToken', 'false'))),
  },
  {
    name: 'SecureNamespace: JSON patch adds a Namespace label key with a space',
    outcome: Outcome.SYNTH,
    where: 'test/Ns',
    field: 'metadata.labels',
    mentions: 'bad key',
    run: synth((c) => patch(ApiObject.of(ns(c).namespace), add('/metadata/labels/bad key', 'x'))),
  },
  {
    name: 'SecureNamespace: JSON patch adds a Namespace annotation key with two slashes',
    outcome: Outcome.SYNTH,
    where: 'test/Ns',
    field: 'metadata.annotations',
    mentions: 'a/b/c',
    run: synth((c) => patch(ApiObject.of(ns(c).namespace), add('/metadata/annotations', { 'a/b/c': 'x' }))),
  },
  {
    name: 'KubeNetworkPolicy: JSON patch adds a port range whose endPort has no port',
    outcome: Outcome.SYNTH,
    where: 'test/Deny',
    field: 'spec.ingress[0].ports[0].endPort',
    run: synth((c) =>
      patch(
        ApiObject.of(new KubeNetworkPolicy(c, 'Deny', { name: 'deny', namespace: 'dev', isolateIngress: true }).policy),
        add('/spec/ingress', [{ ports: [{ endPort: 90, protocol: 'TCP' }] }]),
      ),
    ),
  },
  {
    name: 'KubeNetworkPolicy: JSON patch adds an ipBlock with a /33 mask',
    outcome: Outcome.SYNTH,
    where: 'test/Deny',
    field: 'spec.ingress[0].from[0].ipBlock.cidr',
    run: synth((c) =>
      patch(
        ApiObject.of(new KubeNetworkPolicy(c, 'Deny', { name: 'deny', namespace: 'dev', isolateIngress: true }).policy),
        add('/spec/ingress', [{ from: [{ ipBlock: { cidr: '10.0.0.0/33' } }] }]),
      ),
    ),
  },
  {
    name: 'AccessRole: JSON patch writes the ClusterRole verbs as a string',
    outcome: Outcome.SYNTH,
    where: 'test/Viewer',
    field: 'rules[0].verbs',
    mentions: 'must be of type array',
    run: synth((c) => patch(AccessRole.podsViewer(c, 'Viewer', {}).roleObject!, replace('/rules/0/verbs', 'get'))),
  },
  {
    name: "AccessRole: JSON patch renames a grant's RoleBinding to an invalid name",
    outcome: Outcome.SYNTH,
    where: 'test/Viewer',
    field: 'metadata.name',
    mentions: 'devs/viewer',
    run: synth((c) => {
      const role = AccessRole.podsViewer(c, 'Viewer', {});
      patch(ApiObject.of(role.grant(Subject.group('devs'), 'dev')), replace('/metadata/name', 'devs/viewer'));
    }),
  },
  {
    name: 'AccessRole: JSON patch writes a subject kind Kubernetes does not know',
    outcome: Outcome.SYNTH,
    where: 'test/Viewer',
    field: 'subjects[0].kind',
    mentions: 'Team',
    run: synth((c) =>
      patch(
        ApiObject.of(AccessRole.podsViewer(c, 'Viewer', {}).grant(Subject.group('devs'), 'dev')),
        replace('/subjects/0/kind', 'Team'),
      ),
    ),
  },
  {
    name: 'ClusterUser: JSON patch writes the CSR expirationSeconds as a string',
    outcome: Outcome.SYNTH,
    where: 'test/Wang',
    field: 'spec.expirationSeconds',
    run: synth((c) =>
      patch(
        ClusterUser.fromCsrFile(c, 'Wang', { name: 'wang', groups: ['dev-team'], csrFile: WANG_CSR }).request,
        replace('/spec/expirationSeconds', '3600'),
      ),
    ),
  },
  {
    name: 'ClusterUser: JSON patch writes the CSR usages as a string',
    outcome: Outcome.SYNTH,
    where: 'test/Wang',
    field: 'spec.usages',
    run: synth((c) =>
      patch(
        ClusterUser.fromCsrFile(c, 'Wang', { name: 'wang', groups: ['dev-team'], csrFile: WANG_CSR }).request,
        replace('/spec/usages', 'client auth'),
      ),
    ),
  },
  {
    name: 'KubeControllersHostEndpointRbac: JSON patch writes the verbs as a string',
    outcome: Outcome.SYNTH,
    where: 'test/Rbac',
    field: 'rules[0].verbs',
    run: synth((c) =>
      patch(new KubeControllersHostEndpointRbac(c, 'Rbac').clusterRole, replace('/rules/0/verbs', 'get')),
    ),
  },
  {
    name: 'KubeControllersHostEndpointRbac: JSON patch adds a misspelt subject field',
    outcome: Outcome.SYNTH,
    where: 'test/Rbac',
    field: 'subjects[0].namspace',
    run: synth((c) =>
      patch(
        new KubeControllersHostEndpointRbac(c, 'Rbac').clusterRoleBinding,
        add('/subjects/0/namspace', 'kube-system'),
      ),
    ),
  },
  {
    name: 'FlannelNetwork: JSON patch writes a ConfigMap data value as a number',
    outcome: Outcome.SYNTH,
    where: 'test/Flannel',
    field: 'data.mtu',
    run: synth((c) =>
      patch(new FlannelNetwork(c, 'Flannel', { network: '10.244.0.0/16' }).apiObject, add('/data/mtu', 1450)),
    ),
  },
];

const EXTRA_SPEC: BadInput[] = [
  {
    name: 'FelixConfiguration extraSpec: the wire name ipipMTU instead of the typed ipipMtu',
    outcome: Outcome.CALL,
    where: 'test/Felix',
    field: 'extraSpec.ipipMTU',
    mentions: 'did you mean "ipipMtu"',
    run: call((c) => new FelixConfiguration(c, 'Felix', { extraSpec: { ipipMTU: 1440 } as any })),
  },
  {
    name: 'FelixConfiguration extraSpec: a misspelt field',
    outcome: Outcome.CALL,
    where: 'test/Felix',
    field: 'extraSpec.bpfEnabeld',
    mentions: 'did you mean "bpfEnabled"',
    run: call((c) => new FelixConfiguration(c, 'Felix', { extraSpec: { bpfEnabeld: true } as any })),
  },
  {
    name: 'FelixConfiguration extraSpec: a field no FelixConfiguration has',
    outcome: Outcome.CALL,
    where: 'test/Felix',
    field: 'extraSpec.replicas',
    run: call((c) => new FelixConfiguration(c, 'Felix', { extraSpec: { replicas: 3 } as any })),
  },
  {
    name: 'FelixConfiguration extraSpec: a boolean field given the string "true"',
    outcome: Outcome.CALL,
    where: 'test/Felix',
    field: 'extraSpec.bpfEnabled',
    mentions: 'boolean',
    run: call((c) => new FelixConfiguration(c, 'Felix', { extraSpec: { bpfEnabled: 'true' } as any })),
  },
  {
    name: 'FelixConfiguration extraSpec: an enum field in lowercase',
    outcome: Outcome.CALL,
    where: 'test/Felix',
    field: 'extraSpec.bpfLogLevel',
    mentions: 'debug',
    run: call((c) => new FelixConfiguration(c, 'Felix', { extraSpec: { bpfLogLevel: 'debug' } as any })),
  },
  {
    name: 'FelixConfiguration extraSpec: a log severity Calico does not know',
    outcome: Outcome.CALL,
    where: 'test/Felix',
    field: 'extraSpec.logSeverityScreen',
    mentions: 'verbose',
    run: call((c) => new FelixConfiguration(c, 'Felix', { extraSpec: { logSeverityScreen: 'verbose' } })),
  },
  {
    name: 'FelixConfiguration extraSpec: an int-or-string field given a plain string',
    outcome: Outcome.CALL,
    where: 'test/Felix',
    field: 'extraSpec.natPortRange',
    mentions: 'FelixConfigurationSpecNatPortRange.fromString',
    run: call((c) => new FelixConfiguration(c, 'Felix', { extraSpec: { natPortRange: '32768:65535' } as any })),
  },
  {
    name: 'FelixConfiguration extraSpec: int-or-string list items given plain strings',
    outcome: Outcome.CALL,
    where: 'test/Felix',
    field: 'extraSpec.kubeNodePortRanges[0]',
    mentions: 'fromString',
    run: call((c) => new FelixConfiguration(c, 'Felix', { extraSpec: { kubeNodePortRanges: ['30000:32767'] } as any })),
  },
  {
    name: 'FelixConfiguration extraSpec: a misspelt field inside a list item',
    outcome: Outcome.CALL,
    where: 'test/Felix',
    field: 'extraSpec.healthTimeoutOverrides[0].nmae',
    mentions: 'did you mean "name"',
    run: call(
      (c) =>
        new FelixConfiguration(c, 'Felix', {
          extraSpec: { healthTimeoutOverrides: [{ nmae: 'Felix', timeout: '30s' }] } as any,
        }),
    ),
  },
  {
    name: 'FelixConfiguration extraSpec: a list field given one string',
    outcome: Outcome.CALL,
    where: 'test/Felix',
    field: 'extraSpec.externalNodesList',
    run: call((c) => new FelixConfiguration(c, 'Felix', { extraSpec: { externalNodesList: '10.0.0.0/8' } as any })),
  },
  {
    name: 'FelixConfiguration extraSpec: not an object',
    outcome: Outcome.CALL,
    where: 'test/Felix',
    field: 'extraSpec',
    mentions: 'object',
    run: call((c) => new FelixConfiguration(c, 'Felix', { extraSpec: 'bpfEnabled: true' as any })),
  },
  {
    name: 'FelixConfiguration extraSpec: a number field given a word',
    outcome: Outcome.CALL,
    where: 'test/Felix',
    field: /extraSpec\.(routeTableRange|vxlanVni)/,
    run: call((c) => new FelixConfiguration(c, 'Felix', { extraSpec: { vxlanVni: 'x' } as any })),
  },
  {
    name: 'FelixConfiguration extraSpec: a nested number given a word',
    outcome: Outcome.CALL,
    where: 'test/Felix',
    field: 'extraSpec.routeTableRange.min',
    mentions: 'spec.routeTableRange.min',
    run: call(
      (c) => new FelixConfiguration(c, 'Felix', { extraSpec: { routeTableRange: { min: 'one' as any, max: 250 } } }),
    ),
  },
  {
    name: 'FelixConfiguration extraSpec: an iptables backend outside the enum',
    outcome: Outcome.CALL,
    where: 'test/Felix',
    field: 'extraSpec.iptablesBackend',
    mentions: 'supported values',
    run: call((c) => new FelixConfiguration(c, 'Felix', { extraSpec: { iptablesBackend: 'iptables' as any } })),
  },
  {
    name: 'FelixConfiguration extraSpec: a WireGuard port above 65535',
    outcome: Outcome.CALL,
    where: 'test/Felix',
    field: 'extraSpec.wireguardListeningPort',
    mentions: '70000',
    run: call((c) => new FelixConfiguration(c, 'Felix', { extraSpec: { wireguardListeningPort: 70000 } })),
  },
  {
    name: 'FelixConfiguration extraSpec: a BPF service mode in the wrong case',
    outcome: Outcome.CALL,
    where: 'test/Felix',
    field: 'extraSpec.bpfExternalServiceMode',
    mentions: 'DSR',
    run: call((c) => new FelixConfiguration(c, 'Felix', { extraSpec: { bpfExternalServiceMode: 'dsr' as any } })),
  },
  {
    name: 'FelixConfiguration extraSpec: an int-or-string class value where a number is expected',
    outcome: Outcome.CALL,
    where: 'test/Felix',
    field: 'extraSpec.natPortRange',
    mentions: 'spec.natPortRange',
    run: call(
      (c) =>
        new FelixConfiguration(c, 'Felix', {
          extraSpec: { natPortRange: v3.FelixConfigurationSpecNatPortRange.fromNumber(1.5) },
        }),
    ),
  },
];

export const ROWS: BadInput[] = [...CALICO_PATCHES, ...CEL_RULES, ...BUILTIN_PATCHES, ...EXTRA_SPEC];

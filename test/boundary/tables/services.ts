// Mistakes with the service-exposure constructs (ExposedClusterIpService, ServiceExposureFoundation,
// BgpServiceAdvertisement), as plain-JavaScript and YAML-driven callers make them: each is refused at the construct
// path and prop with a fix, never read as something else (a lower-case `local` used to give Cluster mode).
import { Chart, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import * as kplus33 from 'cdk8s-plus-33';
import { NodeInventory, Peer, Protocol, Selector } from '../../../lib';
import {
  BgpServiceAdvertisement,
  ExposedClusterIpService,
  ExternalTrafficPolicy,
  ServiceExposureFoundation,
} from '../../../lib/services';
import { BadInput, call, synth } from '../harness';

const inventory = NodeInventory.fromNodes(
  [1, 2].map((i) => ({ name: `n${i}`, labels: { zone: 'a' }, internalIps: [`10.0.0.${i}`] })),
);
const clients = [Peer.nets('50.60.0.0/16')];
const attrs = {
  name: 'web',
  namespace: 'shop',
  clusterIp: '10.20.0.1',
  ports: [{ port: 80 }],
  podSelector: { app: 'web' },
};
const x = (v: unknown): any => v;

/** A chart `c` (path `c`) with the app's foundation. */
function chart(withFoundation = true): Chart {
  const c = new Chart(Testing.app(), 'c', { namespace: 'shop' });
  if (withFoundation) new ServiceExposureFoundation(c, 'Exposure', { podCidrs: ['192.168.0.0/16'], inventory });
  return c;
}

function kplusService(c: Chart, props: Partial<kplus.ServiceProps> = {}): kplus.Service {
  return new kplus.Service(c, 'Svc', {
    metadata: { name: 'web' },
    clusterIP: '10.20.30.40',
    selector: kplus.Pods.select(c, 'Pods', { labels: { app: 'web' } }),
    ports: [{ port: 80, targetPort: 8080 }],
    ...props,
  });
}

/** ExposedClusterIpService `c/E` with `props` over working defaults (attributes service, one client network). */
function expose(props: Record<string, unknown>, c = chart()): () => unknown {
  return () => new ExposedClusterIpService(c, 'E', x({ service: attrs, allowFrom: clients, ...props }));
}

/** The same with `service` attributes changed. */
function exposeAttrs(change: Record<string, unknown>, props: Record<string, unknown> = {}): () => unknown {
  return expose({ service: { ...attrs, ...change }, ...props });
}

/** ServiceExposureFoundation `c/F` with `props` over working defaults. */
function foundation(props: Record<string, unknown>): () => unknown {
  return () =>
    new ServiceExposureFoundation(chart(false), 'F', x({ podCidrs: ['192.168.0.0/16'], inventory, ...props }));
}

function advertise(props: unknown): () => unknown {
  return () => new BgpServiceAdvertisement(chart(false), 'Adv', x(props));
}

export const ROWS: BadInput[] = [
  // ---- ExposedClusterIpService: props, enums, peers
  call(
    'externalTrafficPolicy "local" (lower case) is not Cluster mode',
    expose({ externalTrafficPolicy: 'local' }),
    'c/E',
    'externalTrafficPolicy',
    'did you mean ExternalTrafficPolicy.LOCAL "Local"?',
  ),
  call(
    'externalTrafficPolicy "cluster" (lower case)',
    expose({ externalTrafficPolicy: 'cluster' }),
    'c/E',
    'externalTrafficPolicy',
    'ExternalTrafficPolicy.CLUSTER',
  ),
  call(
    'externalTrafficPolicy "NodeLocal" (not a value)',
    expose({ externalTrafficPolicy: 'NodeLocal' }),
    'c/E',
    'externalTrafficPolicy',
    'ExternalTrafficPolicy.LOCAL ("Local")',
  ),
  call(
    'externalTrafficPolicy true',
    expose({ externalTrafficPolicy: true }),
    'c/E',
    'externalTrafficPolicy',
    'got true',
  ),
  call(
    'externalTrafficPolicy null',
    expose({ externalTrafficPolicy: null }),
    'c/E',
    'externalTrafficPolicy',
    'got null',
  ),
  call(
    'allowFrom one Peer, not a list',
    expose({ allowFrom: Peer.nets('50.60.0.0/16') }),
    'c/E',
    'allowFrom',
    'expected an array of peers',
  ),
  call(
    'allowFrom a CIDR string (never split into characters)',
    expose({ allowFrom: '50.60.0.0/16' }),
    'c/E',
    'allowFrom',
    'wrap it in a list',
  ),
  call(
    'allowFrom a list of CIDR strings',
    expose({ allowFrom: ['50.60.0.0/16'] }),
    'c/E',
    'allowFrom[0]',
    'Peer.nets("50.60.0.0/16")',
  ),
  call('allowFrom [null]', expose({ allowFrom: [null] }), 'c/E', 'allowFrom[0]', 'got null'),
  call('allowFrom missing', expose({ allowFrom: undefined }), 'c/E', 'allowFrom', 'got undefined'),
  call(
    'allowFrom empty: nothing to expose',
    expose({ allowFrom: [] }),
    'c/E',
    'allowFrom',
    'nobody outside the cluster',
  ),
  call(
    'allowFrom IPv6 for an IPv4 cluster IP',
    expose({ allowFrom: [Peer.nets('2001:db8::/32')] }),
    'c/E',
    'allowFrom',
    'family',
  ),
  call(
    'allowInCluster a string',
    expose({ allowInCluster: 'app == "tool"' }),
    'c/E',
    'allowInCluster',
    'wrap it in a list',
  ),
  call('allowInCluster [{}]', expose({ allowInCluster: [{}] }), 'c/E', 'allowInCluster[0]', 'an empty object'),
  call(
    'props misspelt allowfrom',
    () => new ExposedClusterIpService(chart(), 'E', x({ service: attrs, allowfrom: clients })),
    'c/E',
    'allowfrom',
    'did you mean "allowFrom"',
  ),
  call(
    'props misspelt externalTrafficpolicy',
    expose({ externalTrafficpolicy: 'Local' }),
    'c/E',
    'externalTrafficpolicy',
    'did you mean "externalTrafficPolicy"',
  ),
  call(
    'ExposedClusterIpService props null',
    () => new ExposedClusterIpService(chart(), 'E', x(null)),
    'c/E',
    'props',
    'got null',
  ),
  call('props a string', () => new ExposedClusterIpService(chart(), 'E', x('web')), 'c/E', 'props', 'the string "web"'),
  call(
    'scope not a construct',
    () => new ExposedClusterIpService(x('chart'), 'E', x({ service: attrs, allowFrom: clients })),
    'ExposedClusterIpService E',
    'scope',
    'new ExposedClusterIpService(chart',
  ),
  call(
    'id empty',
    () => new ExposedClusterIpService(chart(), '', x({ service: attrs, allowFrom: clients })),
    'c',
    'id',
    'an empty string',
  ),
  call('clusterIp a number', expose({ clusterIp: 42 }), 'c/E', 'clusterIp', 'got 42'),
  call(
    'clusterIp with attributes',
    expose({ clusterIp: '10.20.0.9' }),
    'c/E',
    'clusterIp',
    'only for a Service construct',
  ),
  call('foundation a plain object', expose({ foundation: {} }), 'c/E', 'foundation', 'a ServiceExposureFoundation'),
  call('policyName with upper case and _', expose({ policyName: 'Expose_Web' }), 'c/E', 'policyName', 'Expose_Web'),
  call(
    'policyName too long for the -pods suffix',
    expose({ policyName: 'a'.repeat(250) }),
    'c/E',
    'policyName',
    'at most 248',
  ),
  call('policyName empty', expose({ policyName: '' }), 'c/E', 'policyName', 'an empty string'),
  call('cluster mode without a foundation', expose({}, chart(false)), 'c/E', 'foundation', 'ServiceExposureFoundation'),

  // ---- ExposedClusterIpService: the Service
  call('service a name string', expose({ service: 'web' }), 'c/E', 'service', 'the string "web"'),
  call('service null', expose({ service: null }), 'c/E', 'service', 'got null'),
  call(
    'service a construct that is not a Service',
    () => {
      const c = chart();
      return new ExposedClusterIpService(c, 'E', x({ service: c, allowFrom: clients }));
    },
    'c/E',
    'service',
    'a Service construct',
  ),
  call(
    'service a cdk8s-plus-33 Namespace (a construct of another kind)',
    () => {
      const c = chart();
      return new ExposedClusterIpService(c, 'E', x({ service: new kplus33.Namespace(c, 'Ns'), allowFrom: clients }));
    },
    'c/E',
    'service',
    'rendering v1 Namespace',
  ),
  call(
    'service attributes misspelt podSelectors',
    expose({ service: { ...attrs, podSelector: undefined, podSelectors: { app: 'web' } } }),
    'c/E',
    'service.podSelectors',
    'did you mean "podSelector"',
  ),
  call('service.name Web_1', exposeAttrs({ name: 'Web_1' }), 'c/E', 'service.name', 'DNS-1035'),
  call(
    'service.name starting with a digit',
    exposeAttrs({ name: '1web' }),
    'c/E',
    'service.name',
    'starting with a letter',
  ),
  call('service.name a number', exposeAttrs({ name: 7 }), 'c/E', 'service.name', 'got 7'),
  call('service.namespace Shop', exposeAttrs({ namespace: 'Shop' }), 'c/E', 'service.namespace', 'DNS-1123'),
  call(
    'service.clusterIp missing',
    exposeAttrs({ clusterIp: undefined }),
    'c/E',
    'service.clusterIp',
    'no explicit cluster IP',
  ),
  call('service.clusterIp nope', exposeAttrs({ clusterIp: 'nope' }), 'c/E', 'service.clusterIp', 'not an IP address'),
  call('service.clusterIp None (headless)', exposeAttrs({ clusterIp: 'None' }), 'c/E', 'service.clusterIp', 'headless'),
  call(
    'service.ports one object, not a list',
    exposeAttrs({ ports: { port: 80 } }),
    'c/E',
    'service.ports',
    'an array of ports',
  ),
  call('service.ports empty', exposeAttrs({ ports: [] }), 'c/E', 'service.ports', 'no ports'),
  call(
    'service.ports[0].port 70000',
    exposeAttrs({ ports: [{ port: 70000 }] }),
    'c/E',
    'service.ports[0].port',
    '1-65535',
  ),
  call(
    'service.ports[0].port a string',
    exposeAttrs({ ports: [{ port: '80' }] }),
    'c/E',
    'service.ports[0].port',
    '"80"',
  ),
  call('service.ports[0].port 80.5', exposeAttrs({ ports: [{ port: 80.5 }] }), 'c/E', 'service.ports[0].port', '80.5'),
  call(
    'service.ports[0].protocol "UDP" string',
    exposeAttrs({ ports: [{ port: 53, protocol: 'UDP' }] }),
    'c/E',
    'service.ports[0].protocol',
    'Protocol.udp()',
  ),
  call(
    'service.ports[0].protocol ICMP',
    exposeAttrs({ ports: [{ port: 80, protocol: Protocol.icmp() }] }),
    'c/E',
    'service.ports[0].protocol',
    'TCP, UDP or SCTP',
  ),
  call(
    'service.ports[0].targetPort Http_Port',
    exposeAttrs({ ports: [{ port: 80, targetPort: 'Http_Port' }] }),
    'c/E',
    'service.ports[0].targetPort',
    'container port name',
  ),
  call(
    'service.ports[0].targetPort 0',
    exposeAttrs({ ports: [{ port: 80, targetPort: 0 }] }),
    'c/E',
    'service.ports[0].targetPort',
    '1-65535',
  ),
  call(
    'service.ports[0].nodePort 70000',
    exposeAttrs({ ports: [{ port: 80, nodePort: 70000 }] }),
    'c/E',
    'service.ports[0].nodePort',
    '1-65535',
  ),
  call(
    'service.ports[0].nodePort as a string',
    exposeAttrs({ ports: [{ port: 80, nodePort: '30080' }] }),
    'c/E',
    'service.ports[0].nodePort',
    '1-65535',
  ),
  call(
    'service.ports[0] misspelt targetport',
    exposeAttrs({ ports: [{ port: 80, targetport: 8080 }] }),
    'c/E',
    'service.ports[0].targetport',
    'did you mean "targetPort"',
  ),
  call('service.ports[0] a number', exposeAttrs({ ports: [80] }), 'c/E', 'service.ports[0]', 'got 80'),
  call('service.podSelector empty', exposeAttrs({ podSelector: {} }), 'c/E', 'service.podSelector', 'selects no pods'),
  call(
    'service.podSelector a selector string',
    exposeAttrs({ podSelector: 'app=web' }),
    'c/E',
    'service.podSelector',
    'the string "app=web"',
  ),
  call(
    'service.podSelector value with a space',
    exposeAttrs({ podSelector: { app: 'my web' } }),
    'c/E',
    'service.podSelector["app"]',
    'not a valid label',
  ),
  call(
    'service.externallyAccessible "true"',
    exposeAttrs({ externallyAccessible: 'true' }),
    'c/E',
    'service.externallyAccessible',
    'not a string',
  ),
  call(
    'Local on a ClusterIP Service',
    exposeAttrs({ externallyAccessible: false }, { externalTrafficPolicy: ExternalTrafficPolicy.LOCAL }),
    'c/E',
    'externalTrafficPolicy',
    'NodePort',
  ),
  call(
    'a kplus Service without a cluster IP',
    () => {
      const c = chart();
      return new ExposedClusterIpService(c, 'E', {
        service: kplusService(c, { clusterIP: undefined }),
        allowFrom: clients,
      });
    },
    'c/E',
    'clusterIP',
    'no explicit cluster IP',
  ),
  call(
    'clusterIp "10.20.30" for a kplus Service',
    () => {
      const c = chart();
      return new ExposedClusterIpService(c, 'E', {
        service: kplusService(c, { clusterIP: undefined }),
        allowFrom: clients,
        clusterIp: '10.20.30',
      });
    },
    'c/E',
    'clusterIp',
    'not an IP address',
  ),
  call(
    "clusterIp that differs from the kplus Service's",
    () => {
      const c = chart();
      return new ExposedClusterIpService(c, 'E', {
        service: kplusService(c),
        allowFrom: clients,
        clusterIp: '10.20.30.41',
      });
    },
    'c/E',
    'clusterIp',
    'already has clusterIP',
  ),
  call(
    'a cluster IP inside the pod CIDR',
    exposeAttrs({ clusterIp: '192.168.4.4' }),
    'c/E',
    'clusterIP',
    'inside the pod CIDR',
  ),
  call(
    'the same cluster IP twice',
    () => {
      const c = chart();
      new ExposedClusterIpService(c, 'A', { service: attrs, allowFrom: clients });
      return new ExposedClusterIpService(c, 'E', { service: { ...attrs, name: 'other' }, allowFrom: clients });
    },
    'c/E',
    'clusterIP',
    'already exposed by [c/A]',
  ),
  synth(
    'the kplus Service changed after it was wrapped',
    () => {
      const c = chart();
      const svc = kplusService(c);
      new ExposedClusterIpService(c, 'E', { service: svc, allowFrom: clients });
      svc.bind(443);
      Testing.synth(c);
    },
    'c/E',
    'service',
    'changed after it was wrapped',
  ),
  synth(
    'a cluster IP outside the advertised ranges',
    () => {
      const c = chart();
      new BgpServiceAdvertisement(c, 'Adv', { clusterIpCidrs: ['10.96.0.0/12'] });
      new ExposedClusterIpService(c, 'E', { service: attrs, allowFrom: clients });
      Testing.synth(c);
    },
    'c/E',
    'clusterIP',
    'outside the advertised cluster IP ranges',
  ),

  // ---- ServiceExposureFoundation
  call(
    'podCidrs one string (never split into characters)',
    foundation({ podCidrs: '192.168.0.0/16' }),
    'c/F',
    'podCidrs',
    'wrap it in a list: ["192.168.0.0/16"]',
  ),
  call('podCidrs empty', foundation({ podCidrs: [] }), 'c/F', 'podCidrs', 'forwarded pod traffic'),
  call('podCidrs missing', foundation({ podCidrs: undefined }), 'c/F', 'podCidrs', 'got undefined'),
  call('podCidrs host bits set', foundation({ podCidrs: ['192.168.0.1/16'] }), 'c/F', 'podCidrs[0]', '192.168.0.0/16'),
  call(
    'podCidrs second entry not a CIDR',
    foundation({ podCidrs: ['192.168.0.0/16', 'nope'] }),
    'c/F',
    'podCidrs[1]',
    'write a CIDR',
  ),
  call('podCidrs a bare IP', foundation({ podCidrs: ['10.0.0.1'] }), 'c/F', 'podCidrs[0]', '/32'),
  call('podCidrs a number', foundation({ podCidrs: [10] }), 'c/F', 'podCidrs[0]', 'got 10'),
  call(
    'podCidrs listed twice',
    foundation({ podCidrs: ['192.168.0.0/16', '192.168.0.0/16'] }),
    'c/F',
    'podCidrs[1]',
    'twice',
  ),
  call(
    'inventory a file name',
    foundation({ inventory: 'nodes.json' }),
    'c/F',
    'inventory',
    'NodeInventory.fromKubectlJson',
  ),
  call(
    'inventory missing and no pool',
    foundation({ inventory: undefined }),
    'c/F',
    'inventory',
    'cluster mode needs host endpoints',
  ),
  call('nodePool a string', foundation({ nodePool: 'workers' }), 'c/F', 'nodePool', 'a SecuredNodePool'),
  call(
    'nodeSelector a selector string',
    foundation({ nodeSelector: 'k8s-role == "node"' }),
    'c/F',
    'nodeSelector',
    'Selector.eq',
  ),
  call('nodeSelector global()', foundation({ nodeSelector: Selector.global() }), 'c/F', 'nodeSelector', 'global()'),
  call('nodePortRange a string', foundation({ nodePortRange: '30000-32767' }), 'c/F', 'nodePortRange', '{ from, to }'),
  call(
    'nodePortRange reversed',
    foundation({ nodePortRange: { from: 32767, to: 30000 } }),
    'c/F',
    'nodePortRange',
    'swap the bounds',
  ),
  call(
    'nodePortRange.from 0',
    foundation({ nodePortRange: { from: 0, to: 100 } }),
    'c/F',
    'nodePortRange.from',
    '1-65535',
  ),
  call(
    'nodePortRange.to "32767"',
    foundation({ nodePortRange: { from: 30000, to: '32767' } }),
    'c/F',
    'nodePortRange.to',
    '"32767"',
  ),
  call(
    'nodePortRange misspelt start/end',
    foundation({ nodePortRange: { start: 30000, end: 32767 } }),
    'c/F',
    'nodePortRange.start',
    'unknown property',
  ),
  call(
    'hostEndpointInterfaces one string',
    foundation({ hostEndpointInterfaces: 'eth0' }),
    'c/F',
    'hostEndpointInterfaces',
    'wrap it in a list',
  ),
  call(
    'hostEndpointInterfaces empty',
    foundation({ hostEndpointInterfaces: [] }),
    'c/F',
    'hostEndpointInterfaces',
    'at least 1',
  ),
  call(
    'hostEndpointProfiles one string',
    foundation({ hostEndpointProfiles: 'projectcalico-default-allow' }),
    'c/F',
    'hostEndpointProfiles',
    'wrap it in a list',
  ),
  call(
    'hostEndpointLabels a number value',
    foundation({ hostEndpointLabels: { 'k8s-role': 1 } }),
    'c/F',
    'hostEndpointLabels["k8s-role"]',
    'quote the value',
  ),
  call(
    'hostEndpointLabels a bad key',
    foundation({ hostEndpointLabels: { 'k8s role': 'node' } }),
    'c/F',
    'hostEndpointLabels["k8s role"]',
    'label key',
  ),
  call(
    'hostEndpointLabels the created-by label',
    foundation({ hostEndpointLabels: { 'k8s-role': 'node', 'projectcalico.org/created-by': 'me' } }),
    'c/F',
    'hostEndpointLabels',
    'kube-controllers',
  ),
  call(
    'hostEndpointLabels the selector does not select',
    foundation({ hostEndpointLabels: { role: 'node' } }),
    'c/F',
    'hostEndpointLabels',
    'does not select',
  ),
  call('tier a tier name string', foundation({ tier: 'default' }), 'c/F', 'tier', 'Tier.DEFAULT'),
  call(
    'props misspelt podCIDRs',
    () => new ServiceExposureFoundation(chart(false), 'F', x({ podCIDRs: ['192.168.0.0/16'], inventory })),
    'c/F',
    'podCIDRs',
    'did you mean "podCidrs"',
  ),
  call(
    'props undefined',
    () => new ServiceExposureFoundation(chart(false), 'F', x(undefined)),
    'c/F',
    'props',
    'got undefined',
  ),
  call(
    'a second foundation in the app',
    () => new ServiceExposureFoundation(chart(true), 'F', { podCidrs: ['10.244.0.0/16'], inventory }),
    'c/F',
    'id',
    'ServiceExposureFoundation.of',
  ),
  call(
    'ServiceExposureFoundation.of a string',
    () => ServiceExposureFoundation.of(x('c')),
    'ServiceExposureFoundation.of',
    'scope',
    'a construct',
  ),
  call(
    'ServiceExposureFoundation.tryOf undefined',
    () => ServiceExposureFoundation.tryOf(x(undefined)),
    'ServiceExposureFoundation.tryOf',
    'scope',
    'got undefined',
  ),
  call(
    'foundation scope undefined',
    () => new ServiceExposureFoundation(x(undefined), 'F', { podCidrs: ['10.244.0.0/16'], inventory }),
    'ServiceExposureFoundation F',
    'scope',
    'got undefined',
  ),

  // ---- BgpServiceAdvertisement
  call(
    'clusterIpCidrs one string',
    advertise({ clusterIpCidrs: '10.96.0.0/12' }),
    'c/Adv',
    'clusterIpCidrs',
    'wrap it in a list: ["10.96.0.0/12"]',
  ),
  call(
    'clusterIpCidrs host bits set',
    advertise({ clusterIpCidrs: ['10.96.0.1/12'] }),
    'c/Adv',
    'clusterIpCidrs[0]',
    'use "10.96.0.0/12"',
  ),
  call(
    'externalIpCidrs a bare IP',
    advertise({ externalIpCidrs: ['203.0.113.7'] }),
    'c/Adv',
    'externalIpCidrs[0]',
    '203.0.113.7/32',
  ),
  call(
    'loadBalancerIpCidrs a number',
    advertise({ loadBalancerIpCidrs: [5] }),
    'c/Adv',
    'loadBalancerIpCidrs[0]',
    'got 5',
  ),
  call(
    'loadBalancerIpCidrs null',
    advertise({ loadBalancerIpCidrs: null }),
    'c/Adv',
    'loadBalancerIpCidrs',
    'got null',
  ),
  call('nothing to advertise', advertise({}), 'c/Adv', 'clusterIpCidrs', 'nothing to advertise'),
  call(
    'props misspelt clusterIPCidrs',
    advertise({ clusterIPCidrs: ['10.96.0.0/12'] }),
    'c/Adv',
    'clusterIPCidrs',
    'did you mean "clusterIpCidrs"',
  ),
  call('BgpServiceAdvertisement props null', advertise(null), 'c/Adv', 'props', 'got null'),
  call(
    'a second advertisement in the app',
    () => {
      const c = chart(false);
      new BgpServiceAdvertisement(c, 'A1', { clusterIpCidrs: ['10.96.0.0/12'] });
      return new BgpServiceAdvertisement(c, 'Adv', { clusterIpCidrs: ['10.97.0.0/16'] });
    },
    'c/Adv',
    'id',
    'already advertises service IPs with [c/A1]',
  ),
  call(
    'advertisesClusterIp(5)',
    () =>
      new BgpServiceAdvertisement(chart(false), 'Adv', { clusterIpCidrs: ['10.96.0.0/12'] }).advertisesClusterIp(x(5)),
    'c/Adv',
    'advertisesClusterIp.ip',
    'got 5',
  ),
  call(
    'BgpServiceAdvertisement.of null',
    () => BgpServiceAdvertisement.of(x(null)),
    'BgpServiceAdvertisement.of',
    'scope',
    'got null',
  ),
  call(
    'BgpServiceAdvertisement.tryOf a string',
    () => BgpServiceAdvertisement.tryOf(x('c')),
    'BgpServiceAdvertisement.tryOf',
    'scope',
    'a construct',
  ),
  call(
    'BgpServiceAdvertisement.of in an app without one',
    () => BgpServiceAdvertisement.of(chart(false)),
    'c',
    'advertisement',
    'BgpServiceAdvertisement.tryOf',
  ),
  call(
    "advertisement scope an App's name",
    () => new BgpServiceAdvertisement(x('app'), 'Adv', { clusterIpCidrs: ['10.96.0.0/12'] }),
    'BgpServiceAdvertisement Adv',
    'scope',
    'the string "app"',
  ),
];

// The names of 0.x keep working, as deprecated aliases of the renamed values: this file uses only the old names
// (NetworkPeer, NetworkPort, NetworkProtocol, addIngress/addEgress, allowIngressFrom/allowEgressTo,
// ClusterUserGrantOptions, grant with its old arguments), and checks they behave as the new ones do.
import { Chart, Testing } from 'cdk8s';
import {
  AccessRole,
  ClusterUserGrantOptions,
  KubeNetworkPolicy,
  NetworkPeer,
  NetworkPort,
  NetworkProtocol,
  SecureNamespace,
  Subject,
} from '../../../lib';
import { KubePeer, KubePort, KubeProtocol } from '../../../lib/policy/kubernetes';

test('the old names are the new classes: statics, instanceof and the enum values', () => {
  const peer: NetworkPeer = NetworkPeer.pods({ app: 'web' });
  const port: NetworkPort = NetworkPort.tcpRange(8000, 8080);
  expect(peer).toBeInstanceOf(NetworkPeer);
  expect(peer).toBeInstanceOf(KubePeer);
  expect(KubePeer.ipBlock('10.0.0.0/8')).toBeInstanceOf(NetworkPeer);
  expect(port).toBeInstanceOf(KubePort);
  expect(port.toJson()).toEqual({ protocol: 'TCP', port: 8000, endPort: 8080 });
  const protocol: NetworkProtocol = NetworkProtocol.UDP;
  expect(protocol).toBe(KubeProtocol.UDP);
  expect(NetworkPort.all(NetworkProtocol.SCTP).toJson()).toEqual({ protocol: 'SCTP' });
  expect(NetworkPeer.namespaceNamed('dev').toJson()).toEqual({
    namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'dev' } },
  });
});

test('addIngress / addEgress render as addIngressRule / addEgressRule do', () => {
  const render = (build: (p: KubeNetworkPolicy) => void) => {
    const chart = new Chart(Testing.app(), 'c');
    build(new KubeNetworkPolicy(chart, 'P', { name: 'p', namespace: 'dev' }));
    return Testing.synth(chart)[0].spec;
  };
  const peers = [NetworkPeer.pods({ app: 'a' }), NetworkPeer.ipBlock('10.0.0.0/8', ['10.1.0.0/16'])];
  const ports = [NetworkPort.tcp(80), NetworkPort.udp(53)];
  const old = render((p) =>
    p
      .addIngress(peers, ports)
      .addEgress([], [NetworkPort.tcp(443)])
      .addIngress(),
  );
  expect(old).toEqual(
    render((p) => {
      p.addIngressRule({ peers, ports });
      p.addEgressRule({ ports: [KubePort.tcp(443)] });
      p.addIngressRule({});
    }),
  );
  expect(old.ingress).toEqual([
    {
      from: [
        { podSelector: { matchLabels: { app: 'a' } } },
        { ipBlock: { cidr: '10.0.0.0/8', except: ['10.1.0.0/16'] } },
      ],
      ports: [
        { protocol: 'TCP', port: 80 },
        { protocol: 'UDP', port: 53 },
      ],
    },
    {},
  ]);
});

test('allowIngressFrom / allowEgressTo make the policies they made before', () => {
  const chart = new Chart(Testing.app(), 'c');
  const ns = new SecureNamespace(chart, 'Dev', { name: 'dev' });
  const web = ns.allowIngressFrom('from-nginx', NetworkPeer.namespaceNamed('ingress-nginx'), {
    podLabels: { app: 'web' },
    ports: [NetworkPort.tcp(8080)],
  });
  ns.allowEgressTo('to-db', [NetworkPeer.pods({ app: 'db' })], { ports: [NetworkPort.tcp(5432)] });
  expect(web).toBeInstanceOf(KubeNetworkPolicy);
  const docs = Testing.synth(chart).filter((d) => d.kind === 'NetworkPolicy');
  expect(docs.find((d) => d.metadata.name === 'allow-ingress-from-nginx').spec).toEqual({
    podSelector: { matchLabels: { app: 'web' } },
    ingress: [
      {
        from: [
          { namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'ingress-nginx' } }, podSelector: {} },
        ],
        ports: [{ protocol: 'TCP', port: 8080 }],
      },
    ],
    policyTypes: ['Ingress'],
  });
  expect(docs.find((d) => d.metadata.name === 'allow-egress-to-db').spec.egress).toEqual([
    { to: [{ podSelector: { matchLabels: { app: 'db' } } }], ports: [{ protocol: 'TCP', port: 5432 }] },
  ]);
  // The default-deny policies under their old property names.
  expect(ns.denyIngress?.name).toBe('default-deny-ingress');
  expect(ns.denyEgress?.name).toBe('default-deny-egress');
  // Their old refusals stand: a second policy of the same name.
  expect(() => ns.allowIngressFrom('from-nginx', [])).toThrow(
    /a policy named "allow-ingress-from-nginx" already exists/,
  );
});

test('ClusterUserGrantOptions is still a type, and the old grant argument orders still bind', () => {
  const chart = new Chart(Testing.app(), 'c');
  const ns = new SecureNamespace(chart, 'Dev', { name: 'dev' });
  const viewer = AccessRole.podsViewer(chart, 'Viewer');
  const options: ClusterUserGrantOptions = { bindingName: 'li-views-dev' };
  const binding = ns.grant(viewer, Subject.user('li'), options);
  expect(binding.toJson()).toMatchObject({ kind: 'RoleBinding', metadata: { name: 'li-views-dev', namespace: 'dev' } });
});

// The exposure planners as truth tables: what an exposed cluster IP becomes (planExposure: which policies, named how,
// ordered where, with which rules in which order) and what is written into the user's Service (planServiceChanges),
// without constructs. The construct tests (exposed-cluster-ip-service.test.ts) check the assembly.
import { Peer, Protocol, Selector, Tier } from '../../lib';
import { ExternalTrafficPolicy } from '../../lib/services';
import {
  exposureFoundationFacts,
  ExposurePlan,
  planExposure,
  portsByProtocol,
  shortName,
} from '../../lib/services/plan-exposure';
import { planServiceChanges } from '../../lib/services/plan-service-changes';
import { ServiceDescription } from '../../lib/services/service-description';

const { CLUSTER, LOCAL } = ExternalTrafficPolicy;
const facts = exposureFoundationFacts(Tier.DEFAULT, Selector.eq('k8s-role', 'node'));

function service(over: Partial<ServiceDescription> = {}): ServiceDescription {
  return {
    name: 'web',
    namespace: 'shop',
    clusterIp: '10.20.30.40',
    externallyAccessible: false,
    ports: [{ port: 80, targetPort: 8080, protocol: 'TCP' }],
    podLabels: { app: 'web' },
    ...over,
  };
}

/**
 * A plan as readable rows: each policy `kind name order selector [preDNAT]`, then its rules `action peer port -> local
 * field`.
 */
function rows(plan: ExposurePlan): string[] {
  return plan.policies.flatMap((p) => [
    `${p.kind} ${p.props.name} @${p.props.order} [${p.props.selector}]${p.props.preDnat ? ' preDNAT' : ''}${p.props.namespace ? ` in ${p.props.namespace}` : ''}`,
    ...p.ingress.map(
      (r) =>
        `  ${r.action} ${r.peer}${r.port ? ` ${r.port}` : ''}${r.options.localPeer ? ` -> ${r.options.localPeer}` : ''}${r.field ? ` (${r.field})` : ''}`,
    ),
  ]);
}

const clients = Peer.nets('50.60.0.0/16');
const office = Peer.nets('70.80.90.0/24');
const frontend = Peer.selector(Selector.eq('app', 'frontend'));

describe('planExposure', () => {
  test.each<[string, Partial<ServiceDescription>, ExternalTrafficPolicy, boolean, string[]]>([
    [
      'cluster mode: the fence on the nodes, then the pod policy admitting the nodes, the clients, in-cluster',
      {},
      CLUSTER,
      true,
      [
        'GlobalNetworkPolicy expose-shop-web @100 [k8s-role == "node"] preDNAT',
        '  Allow nets 50.60.0.0/16 TCP 80 -> nets 10.20.30.40/32 (allowFrom[0])',
        '  Allow nets 70.80.90.0/24 TCP 80 -> nets 10.20.30.40/32 (allowFrom[1])',
        '  Deny any -> nets 10.20.30.40/32',
        'GlobalNetworkPolicy expose-shop-web-pods @400 [(projectcalico.org/namespace == "shop" && app == "web")]',
        '  Allow selector k8s-role == "node" and global endpoints TCP 8080',
        '  Allow nets 50.60.0.0/16 TCP 8080 (allowFrom[0])',
        '  Allow nets 70.80.90.0/24 TCP 8080 (allowFrom[1])',
        '  Allow selector app == "frontend" TCP 8080 (allowInCluster[0])',
      ],
    ],
    [
      'local mode with a foundation: the fence also opens the NodePorts (the range: none named), then a NetworkPolicy',
      { externallyAccessible: true },
      LOCAL,
      true,
      [
        'GlobalNetworkPolicy expose-shop-web @100 [k8s-role == "node"] preDNAT',
        '  Allow nets 50.60.0.0/16 TCP 80 -> nets 10.20.30.40/32 (allowFrom[0])',
        '  Allow nets 70.80.90.0/24 TCP 80 -> nets 10.20.30.40/32 (allowFrom[1])',
        '  Allow nets 50.60.0.0/16 TCP 30000-32767 -> selector k8s-role == "node" (allowFrom[0])',
        '  Allow nets 70.80.90.0/24 TCP 30000-32767 -> selector k8s-role == "node" (allowFrom[1])',
        '  Deny any -> nets 10.20.30.40/32',
        'NetworkPolicy expose-shop-web @400 [app == "web"] in shop',
        '  Allow nets 50.60.0.0/16 TCP 8080 (allowFrom[0])',
        '  Allow nets 70.80.90.0/24 TCP 8080 (allowFrom[1])',
        '  Allow selector app == "frontend" TCP 8080 (allowInCluster[0])',
      ],
    ],
    [
      'local mode, NodePorts named: the fence opens exactly those (per protocol), not the range',
      {
        externallyAccessible: true,
        ports: [
          { port: 80, targetPort: 8080, protocol: 'TCP', nodePort: 30080 },
          { port: 53, targetPort: 5353, protocol: 'UDP', nodePort: 30053 },
        ],
      },
      LOCAL,
      true,
      [
        'GlobalNetworkPolicy expose-shop-web @100 [k8s-role == "node"] preDNAT',
        '  Allow nets 50.60.0.0/16 TCP 80 -> nets 10.20.30.40/32 (allowFrom[0])',
        '  Allow nets 50.60.0.0/16 UDP 53 -> nets 10.20.30.40/32 (allowFrom[0])',
        '  Allow nets 70.80.90.0/24 TCP 80 -> nets 10.20.30.40/32 (allowFrom[1])',
        '  Allow nets 70.80.90.0/24 UDP 53 -> nets 10.20.30.40/32 (allowFrom[1])',
        '  Allow nets 50.60.0.0/16 TCP 30080 -> selector k8s-role == "node" (allowFrom[0])',
        '  Allow nets 50.60.0.0/16 UDP 30053 -> selector k8s-role == "node" (allowFrom[0])',
        '  Allow nets 70.80.90.0/24 TCP 30080 -> selector k8s-role == "node" (allowFrom[1])',
        '  Allow nets 70.80.90.0/24 UDP 30053 -> selector k8s-role == "node" (allowFrom[1])',
        '  Deny any -> nets 10.20.30.40/32',
        'NetworkPolicy expose-shop-web @400 [app == "web"] in shop',
        '  Allow nets 50.60.0.0/16 TCP 8080 (allowFrom[0])',
        '  Allow nets 50.60.0.0/16 UDP 5353 (allowFrom[0])',
        '  Allow nets 70.80.90.0/24 TCP 8080 (allowFrom[1])',
        '  Allow nets 70.80.90.0/24 UDP 5353 (allowFrom[1])',
        '  Allow selector app == "frontend" TCP 8080 (allowInCluster[0])',
        '  Allow selector app == "frontend" UDP 5353 (allowInCluster[0])',
      ],
    ],
    [
      'local mode without a foundation: the NetworkPolicy only',
      { externallyAccessible: true },
      LOCAL,
      false,
      [
        'NetworkPolicy expose-shop-web @400 [app == "web"] in shop',
        '  Allow nets 50.60.0.0/16 TCP 8080 (allowFrom[0])',
        '  Allow nets 70.80.90.0/24 TCP 8080 (allowFrom[1])',
        '  Allow selector app == "frontend" TCP 8080 (allowInCluster[0])',
      ],
    ],
  ])('%s', (_name, over, mode, withFoundation, expected) => {
    const plan = planExposure(
      service(over),
      { where: 'c/E', mode, allowFrom: [clients, office], allowInCluster: [frontend] },
      withFoundation ? facts : undefined,
    );
    expect(rows(plan)).toEqual(expected);
  });

  test('ports: one rule per protocol in first-seen order, repeats merged, service ports on the fence, target ports on the pods', () => {
    const plan = planExposure(
      service({
        ports: [
          { port: 53, targetPort: 'dns', protocol: 'UDP' },
          { port: 53, targetPort: 'dns-tcp', protocol: 'TCP' },
          { port: 9153, targetPort: 9153, protocol: 'TCP' },
          { port: 9154, targetPort: 9153, protocol: 'TCP' },
        ],
      }),
      { where: 'c/E', mode: CLUSTER, allowFrom: [clients], allowInCluster: [] },
      facts,
    );
    const [fence, pods] = plan.policies;
    expect(fence.ingress.map((r) => `${r.action} ${r.port ?? '-'}`)).toEqual([
      'Allow UDP 53',
      'Allow TCP 53, TCP 9153, TCP 9154',
      'Deny -',
    ]);
    expect(pods.ingress.map((r) => `${r.port!.protocol} ${r.port!.ports.join(',')}`)).toEqual([
      'UDP dns',
      'TCP dns-tcp,9153',
      'UDP dns',
      'TCP dns-tcp,9153',
    ]);
    expect(portsByProtocol(service().ports, (p) => p.port).map(String)).toEqual(['TCP 80']);
  });

  test('names: policyName wins, long defaults are shortened with a hash to at most 63 characters', () => {
    const named = planExposure(
      service(),
      { where: 'c/E', mode: CLUSTER, allowFrom: [clients], allowInCluster: [], policyName: 'web-in' },
      facts,
    );
    expect(named.policies.map((p) => p.props.name)).toEqual(['web-in', 'web-in-pods']);
    const long = planExposure(
      service({ name: 's'.repeat(40), namespace: 'n'.repeat(40) }),
      { where: 'c/E', mode: CLUSTER, allowFrom: [clients], allowInCluster: [] },
      facts,
    );
    const [fence, pods] = long.policies.map((p) => p.props.name!);
    expect(fence).toMatch(/^expose-n+-s+-[0-9a-f]{8}$/);
    expect(pods).toMatch(/^expose-n+-s+-[0-9a-f]{8}-pods$/);
    expect(Math.max(fence.length, pods.length)).toBeLessThanOrEqual(63);
    expect(shortName('short', '-pods')).toBe('short-pods');
  });

  test('IPv6: the cluster IP is a /128 and IPv6 clients are accepted', () => {
    const plan = planExposure(
      service({ clusterIp: 'fd00:20::40' }),
      { where: 'c/E', mode: CLUSTER, allowFrom: [Peer.nets('2001:db8::/32')], allowInCluster: [] },
      facts,
    );
    expect(plan.clusterIpCidr).toBe('fd00:20::40/128');
    expect(plan.clusterIpAddress.family).toBe(6);
    expect(`${plan.policies[0].ingress[0].options.localPeer}`).toBe('nets fd00:20::40/128');
  });

  test.each<[string, Partial<ServiceDescription>, ExternalTrafficPolicy, boolean, readonly unknown[], RegExp]>([
    [
      'nobody allowed',
      {},
      CLUSTER,
      true,
      [],
      /^\[c\/E\] allowFrom: nobody outside the cluster may reach shop\/web.*fix: list the client networks/,
    ],
    [
      'cluster mode without a foundation',
      {},
      CLUSTER,
      false,
      [clients],
      /^\[c\/E\] foundation: cluster mode .*fix: create one first/,
    ],
    [
      'Local on a ClusterIP Service',
      {},
      LOCAL,
      true,
      [clients],
      /^\[c\/E\] externalTrafficPolicy: Kubernetes accepts Local only .*fix: make the Service type NodePort/,
    ],
    [
      'IPv6 clients of an IPv4 cluster IP, on the nodes',
      {},
      CLUSTER,
      true,
      [Peer.nets('2001:db8::/32')],
      /^\[c\/E\] allowFrom: nets 2001:db8::\/32 is not of the cluster IP's family .*fix: list only IPv4/,
    ],
  ])('refuses %s', (_name, over, mode, withFoundation, allowFrom, message) => {
    expect(() =>
      planExposure(
        service(over),
        { where: 'c/E', mode, allowFrom: allowFrom as any, allowInCluster: [] },
        withFoundation ? facts : undefined,
      ),
    ).toThrow(message);
  });

  test('without a fence the families are not mixed in one rule, so a local-mode pod policy takes both', () => {
    const plan = planExposure(service({ externallyAccessible: true }), {
      where: 'c/E',
      mode: LOCAL,
      allowFrom: [Peer.nets('2001:db8::/32'), clients],
      allowInCluster: [],
    });
    expect(plan.policies.map((p) => p.kind)).toEqual(['NetworkPolicy']);
  });

  test('pure: the same input plans the same, the description is left alone, the foundation facts are shared', () => {
    const d = service();
    const before = JSON.stringify(d);
    const req = { where: 'c/E', mode: CLUSTER, allowFrom: [clients], allowInCluster: [] };
    expect(rows(planExposure(d, req, facts))).toEqual(rows(planExposure(d, req, facts)));
    expect(JSON.stringify(d)).toBe(before);
    expect(facts.namespaceSelector('shop')).toBe(facts.namespaceSelector('shop'));
    const [a, b] = [
      planExposure(d, req, facts),
      planExposure(service({ name: 'other', clusterIp: '10.20.30.41' }), req, facts),
    ];
    expect(a.policies[1].ingress[0].peer).toBe(b.policies[1].ingress[0].peer);
  });
});

describe('planServiceChanges', () => {
  const np = { type: 'NodePort', clusterIP: '10.20.30.40' };
  test.each<
    [
      string,
      { [k: string]: unknown } | undefined,
      { clusterIp?: string; externalTrafficPolicy?: ExternalTrafficPolicy },
      object,
    ]
  >([
    ['attributes: nothing is written, Cluster by default', undefined, {}, { mode: CLUSTER }],
    ['attributes: the mode they state', undefined, { externalTrafficPolicy: LOCAL }, { mode: LOCAL }],
    [
      'a ClusterIP Service: no field (Kubernetes rejects it there)',
      { clusterIP: '10.20.30.40' },
      {},
      { mode: CLUSTER },
    ],
    ['a NodePort Service stating none: Cluster written', np, {}, { mode: CLUSTER, externalTrafficPolicy: CLUSTER }],
    [
      'a NodePort Service stating none, Local asked: Local written',
      np,
      { externalTrafficPolicy: LOCAL },
      { mode: LOCAL, externalTrafficPolicy: LOCAL },
    ],
    [
      'a NodePort Service stating Local: read, not overwritten',
      { ...np, externalTrafficPolicy: 'Local' },
      {},
      { mode: LOCAL },
    ],
    [
      'the same value in both: nothing written',
      { ...np, externalTrafficPolicy: 'Cluster' },
      { externalTrafficPolicy: CLUSTER },
      { mode: CLUSTER },
    ],
    [
      'a LoadBalancer Service',
      { type: 'LoadBalancer', clusterIP: '10.20.30.40' },
      {},
      { mode: CLUSTER, externalTrafficPolicy: CLUSTER },
    ],
    [
      'a ClusterIP Service with externalIPs',
      { clusterIP: '10.20.30.40', externalIPs: ['203.0.113.5'] },
      {},
      { mode: CLUSTER, externalTrafficPolicy: CLUSTER },
    ],
    [
      'no cluster IP, clusterIp given: written',
      { type: 'ClusterIP' },
      { clusterIp: '10.20.30.40' },
      { mode: CLUSTER, clusterIp: '10.20.30.40' },
    ],
    [
      'the same cluster IP in both: nothing written',
      { clusterIP: '10.20.30.40' },
      { clusterIp: '10.20.30.40' },
      { mode: CLUSTER },
    ],
  ])('%s', (_name, spec, req, expected) => {
    expect(planServiceChanges(spec, { where: 'c/E', ...req })).toEqual(expected);
  });

  test.each<
    [
      string,
      { [k: string]: unknown } | undefined,
      { clusterIp?: string; externalTrafficPolicy?: ExternalTrafficPolicy },
      RegExp,
    ]
  >([
    [
      'clusterIp for attributes',
      undefined,
      { clusterIp: '10.20.30.40' },
      /^\[c\/E\] clusterIp: only for a Service construct; fix: put the cluster IP in the attributes/,
    ],
    [
      'two cluster IPs',
      { clusterIP: '10.20.30.1' },
      { clusterIp: '10.20.30.40' },
      /^\[c\/E\] clusterIp: the Service already has clusterIP 10.20.30.1; fix: remove one/,
    ],
    [
      'a cluster IP that is no IP',
      {},
      { clusterIp: '10.20.30' },
      /^\[c\/E\] clusterIp: "10.20.30" is not an IP address; fix:/,
    ],
    [
      'two traffic policies',
      { ...np, externalTrafficPolicy: 'Cluster' },
      { externalTrafficPolicy: LOCAL },
      /^\[c\/E\] externalTrafficPolicy: Local differs from the Service's own externalTrafficPolicy Cluster; fix: remove one/,
    ],
    [
      'an unknown traffic policy on the Service',
      { ...np, externalTrafficPolicy: 'local' },
      {},
      /^\[c\/E\] service: the Service's spec.externalTrafficPolicy is "local".*fix: set Cluster or Local/,
    ],
  ])('refuses %s', (_name, spec, req, message) => {
    expect(() => planServiceChanges(spec, { where: 'c/E', ...req })).toThrow(message);
  });
});

test('Protocol values reach the plan through the description (UDP, SCTP)', () => {
  const plan = planExposure(
    service({
      ports: [
        { port: 9, targetPort: 9, protocol: 'SCTP' },
        { port: 9, targetPort: 9, protocol: 'UDP' },
      ],
    }),
    { where: 'c/E', mode: CLUSTER, allowFrom: [clients], allowInCluster: [] },
    facts,
  );
  expect(plan.policies[0].ingress.slice(0, 2).map((r) => r.port!.protocol?.toString())).toEqual([
    Protocol.sctp().toString(),
    Protocol.udp().toString(),
  ]);
});

// docs/scenarios.md#004's network foundations, side by side:
//   - pools: the IP pool modes it compares (plain BGP with natOutgoing, IPIP CrossSubnet, VXLAN on a subset of
//     nodes, IPv6 VXLAN) and a LoadBalancer pool, with a FelixConfiguration that keeps every failsafe port
//     (SSH only from the admin network);
//   - logging: its "log everything denied" policy done right (DenyLogging) for a namespace isolated by
//     Kubernetes NetworkPolicies, leaving every verdict unchanged;
//   - canal: for clusters that run Canal instead (Calico policy on flannel networking, docs/scenarios.md#003),
//     the flannel network in VXLAN DirectRouting mode. Apply it instead of the pools on such clusters: Canal's pods
//     get their addresses from flannel's per-node subnets, not from Calico pools.
import { App, Chart } from 'cdk8s';
import { Construct } from 'constructs';
import { KubeNetworkPolicy, KubePeer, KubePort } from '../../lib/policy/kubernetes';
import { FelixConfiguration, IpPool, NetworkPolicy, Peer, Selector, Tier, TierDefaultAction } from '../../lib';
import { FlannelBackend, FlannelNetwork } from '../../lib/network/flannel-network';
import { DenyLogging } from '../../lib/policy/deny-logging';

/** The namespace of the logging chart. */
export const SHOP = 'shop';
/** The admin network SSH is allowed from, also through the failsafe ports. */
export const ADMIN_NET = '192.168.10.0/24';

/** IP pools in docs/scenarios.md#004's modes, and failsafe ports kept. */
export class Pools extends Chart {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    // Data-centre nodes that peer with the fabric: plain routing, SNAT towards the internet.
    IpPool.bgp(this, 'Default', { name: 'default-ipv4-ippool', cidr: '10.244.0.0/17', natOutgoing: true });
    // Cloud nodes spread over subnets: IPIP only between subnets, native routing inside one.
    IpPool.ipip(this, 'Cloud', {
      cidr: '10.244.128.0/18',
      crossSubnet: true,
      natOutgoing: true,
      nodeSelector: Selector.eq('topology.kubernetes.io/region', 'cloud'),
    });
    // Edge nodes without BGP: VXLAN, bigger blocks (fewer routes), only nodes labelled zone=edge.
    IpPool.vxlan(this, 'Edge', {
      cidr: '10.250.0.0/16',
      blockSize: 24,
      natOutgoing: true,
      nodeSelector: Selector.eq('zone', 'edge'),
    });
    // IPv6 pods: VXLAN (IPIP cannot carry IPv6).
    IpPool.vxlan(this, 'DefaultV6', { name: 'default-ipv6-ippool', cidr: 'fd00:10:244::/56', natOutgoing: true });
    // LoadBalancer Service addresses, advertised over BGP from every node.
    IpPool.loadBalancer(this, 'LoadBalancers', { cidr: '172.20.0.0/24', blockSize: 28 });

    // Calico's failsafe ports, with SSH narrowed to the admin network rather than removed.
    new FelixConfiguration(this, 'Felix', {
      failsafeInboundHostPorts: FelixConfiguration.defaultFailsafeInboundPorts().map((p) =>
        p.port === 22 ? { ...p, net: ADMIN_NET } : p,
      ),
      failsafeOutboundHostPorts: FelixConfiguration.defaultFailsafeOutboundPorts(),
    });
  }
}

/** A namespace isolated by Kubernetes policies, its denied traffic logged without changing what is denied. */
export class Logging extends Chart {
  constructor(scope: Construct, id: string) {
    super(scope, id, { namespace: SHOP });
    new KubeNetworkPolicy(this, 'DefaultDeny', {
      name: 'default-deny',
      namespace: SHOP,
      isolateIngress: true,
      isolateEgress: true,
    });
    new KubeNetworkPolicy(this, 'Dns', { name: 'allow-dns', namespace: SHOP }).addEgressRule({
      ports: [KubePort.udp(53), KubePort.tcp(53)],
    });
    new KubeNetworkPolicy(this, 'FrontendToBackend', {
      name: 'frontend-to-backend',
      namespace: SHOP,
      podLabels: { app: 'backend' },
    }).allowIngress(KubePeer.pods({ app: 'frontend' }), KubePort.tcp(8080));
    new KubeNetworkPolicy(this, 'FrontendEgress', {
      name: 'frontend-egress',
      namespace: SHOP,
      podLabels: { app: 'frontend' },
    }).allowEgress(KubePeer.pods({ app: 'backend' }), KubePort.tcp(8080));
    // A Calico policy with what Kubernetes policies cannot say: a Deny. It lives in its own tier ahead of `default`
    // (where Kubernetes policies run at order 1000) so the precedence is explicit (Calico issue 9292); the tier
    // passes everything else on. Decided before the end of a tier, so DenyLogging does not log it (a Log rule in
    // front of it would).
    const security = new Tier(this, 'Security', {
      name: 'security',
      order: 100,
      defaultAction: TierDefaultAction.PASS,
    });
    new NetworkPolicy(this, 'Quarantine', {
      tier: security,
      selector: Selector.eq('app', 'backend'),
      order: 100,
    }).denyIngress(Peer.nets('10.66.0.0/16'));

    // docs/scenarios.md#004's `log-all-deny` selected all(), which would deny every pod of every other namespace.
    new DenyLogging(this, 'LogDenied');
  }
}

/** Canal clusters only: flannel's network, VXLAN with direct routing between nodes of one subnet. */
export class Canal extends Chart {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    new FlannelNetwork(this, 'Flannel', {
      network: '10.244.0.0/16',
      backend: FlannelBackend.vxlan({ directRouting: true }),
    });
  }
}

/** Adds this example's charts to `app` (tests call this; `npm run synth` runs the file). */
export function buildExample(app: App): void {
  new Pools(app, 'pools');
  new Logging(app, 'logging');
  new Canal(app, 'canal');
}

if (require.main === module) {
  const app = new App();
  buildExample(app);
  app.synth();
}

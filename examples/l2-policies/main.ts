// The L2 layer on its own: the objects of docs/scenarios.md#000 (protect nodes with automatic host endpoints) and a few
// neighbours, written with typed constructs instead of `calicoctl patch` and hand-written YAML.
import { App, Chart } from 'cdk8s';
import { Construct } from 'constructs';
import {
  BgpConfiguration,
  GlobalNetworkPolicy,
  GlobalNetworkSet,
  IpPool,
  EncapsulationMode,
  KubeControllersConfiguration,
  NetworkPolicy,
  Peer,
  Port,
  Selector,
  Tier,
  TierDefaultAction,
  PolicyType,
  FelixConfiguration,
  Protocol,
} from '../../lib';

export class NodeProtection extends Chart {
  constructor(scope: Construct, id: string) {
    super(scope, id, { namespace: 'apps' });

    // docs/scenarios.md#000 step 1: turn on automatic host endpoints (server-side apply owns only these fields).
    new KubeControllersConfiguration(this, 'KubeControllers', { hostEndpoints: { autoCreate: true } });

    // A tier for platform policies, evaluated before the default tier.
    const platform = new Tier(this, 'Platform', { order: 100, defaultAction: TierDefaultAction.PASS });

    const admins = new GlobalNetworkSet(this, 'AdminNetworks', {
      nets: ['192.168.10.0/24'],
      labels: { role: 'admin-network' },
    });

    // docs/scenarios.md#000 step 2: policy on every node labelled kubernetes-host.
    const hosts = Selector.has('kubernetes-host');
    const nodes = new GlobalNetworkPolicy(this, 'NodeBaseline', {
      tier: platform,
      order: 10,
      selector: hosts,
      types: [PolicyType.INGRESS, PolicyType.EGRESS],
    });
    nodes.allowIngress(Peer.selector(Selector.eq('role', 'admin-network')), Port.tcp(22), {
      description: 'SSH from admin networks',
    });
    nodes.allowIngress(Peer.selector(hosts), Port.tcp(179), { description: 'BGP between nodes' });
    nodes.allowIngress(Peer.selector(hosts), Port.ofProtocol(Protocol.ipip()), { description: 'IPIP between nodes' });
    nodes.allowIngress(Peer.any(), Port.icmpv4(8), { description: 'ping' });
    nodes.passIngress(Peer.any(), undefined, { description: 'everything else: decided by later tiers' });
    nodes.allowEgress(Peer.any());
    nodes.node.addDependency(admins);

    // docs/scenarios.md#000 step 3: a subset of the nodes.
    const dev = new GlobalNetworkPolicy(this, 'DevNodesNodePorts', {
      selector: hosts.and(Selector.eq('environment', 'dev')),
      order: 20,
    });
    dev.allowIngress(Peer.nets('10.0.0.0/8'), Port.tcpRange(30000, 32767), {
      description: 'NodePorts from the corporate network',
    });

    // A namespaced Calico policy with a Deny rule Kubernetes NetworkPolicy cannot express.
    const web = new NetworkPolicy(this, 'WebIngress', { selector: Selector.eq('app', 'web'), order: 500 });
    web.denyIngress(Peer.nets('10.66.0.0/16'), Port.allTcp(), { description: 'quarantined subnet' });
    web.allowIngress(Peer.namespace(Selector.eq('kubernetes.io/metadata.name', 'ingress')), Port.tcpPorts(80, 443));

    new IpPool(this, 'PodPool', { cidr: '10.244.0.0/16', ipipMode: EncapsulationMode.CROSS_SUBNET, natOutgoing: true });
    new BgpConfiguration(this, 'Bgp', { serviceClusterIps: ['10.96.0.0/12'] });
    // Narrowed failsafe ports for a cluster on the Kubernetes datastore without Typha: the etcd (2379, 2380) and Typha
    // (5473, 6666, 6667) ports need no failsafe there. Removing defaults must be acknowledged, and is annotated.
    new FelixConfiguration(this, 'Felix', {
      failsafeInboundHostPorts: [{ port: 22 }, { port: 6443 }, { port: 179 }, { port: 68, protocol: Protocol.udp() }],
      dangerouslyDisableFailsafePorts: true,
    });
  }
}

/** Adds this example's charts to `app` (tests call this; `npm run synth` runs the file). */
export function buildExample(app: App): void {
  new NodeProtection(app, 'node-protection');
}

if (require.main === module) {
  const app = new App();
  buildExample(app);
  app.synth();
}

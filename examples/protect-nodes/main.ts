// docs/scenarios.md#000, "protect Kubernetes nodes" with automatic host endpoints, as constructs:
//   1. calicoctl patch kubecontrollersconfiguration default ... autoCreate: Enabled
//      -> the pool emits KubeControllersConfiguration `default` with an "addresses" host endpoint template (no
//         interface name, every node address in expectedIPs), so a node that joins later is protected and can
//         still reach itself with no per-node rule (apply it server-side:
//         kubectl apply --server-side --field-manager=cdk8s-calico -f dist/protect-nodes/protect-nodes.k8s.yaml)
//   2. kubectl label nodes --all kubernetes-host=  + a GlobalNetworkPolicy `all-nodes-policy` on has(kubernetes-host)
//   3. kubectl label node node1/node2 environment=dev + a policy for that subset
// The five nodes are the ones the seed's `calicoctl get heps -owide` lists (InternalIP, IPIP tunnel address); the
// lockout guard proves on them that the control plane, Calico and node-to-pod traffic still flow.
import { App, Chart } from 'cdk8s';
import { Construct } from 'constructs';
import { Peer, Port, Selector } from '../../lib';
import { NodeHostEndpoints, NodeInventory, PodEncapsulation, SecuredNodePool } from '../../lib/nodes';

const node = (host: string, tunnel: string, labels: Record<string, string>) => ({
  name: `ip-${host.replace(/\./g, '-')}.us-west-2.compute.internal`,
  labels: { 'kubernetes-host': '', ...labels },
  internalIps: [host],
  bgpIpv4Address: `${host}/24`,
  ipipTunnelAddress: tunnel,
});

/** The seed's cluster: node1 and node2 are the dev nodes, the first one runs the control plane. */
export const SEED_000_NODES = NodeInventory.fromNodes([
  node('172.16.101.147', '192.168.228.128', { 'environment': 'dev', 'node-role.kubernetes.io/control-plane': '' }),
  node('172.16.101.54', '192.168.107.128', { environment: 'dev' }),
  node('172.16.101.79', '192.168.91.64', { environment: 'prod' }),
  node('172.16.101.9', '192.168.71.192', { environment: 'prod' }),
  node('172.16.102.63', '192.168.108.192', { environment: 'prod' }),
]);

export class ProtectNodes extends Chart {
  public readonly pool: SecuredNodePool;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    this.pool = new SecuredNodePool(this, 'Nodes', {
      name: 'nodes',
      selector: Selector.has('kubernetes-host'),
      hostEndpoints: NodeHostEndpoints.automatic(),
      inventory: SEED_000_NODES,
      policyName: 'all-nodes-policy',
      network: { encapsulation: PodEncapsulation.IPIP },
      baseline: { sshFrom: ['172.16.0.0/16'] },
    });
    // "<rest of the policy>": what every node accepts beyond the baseline.
    this.pool.allowIngress(Peer.nets('172.16.0.0/16'), Port.tcp(9100), {
      description: 'node-exporter scraped from the VPC',
    });

    // The dev subset (environment == 'dev'): NodePorts open to the corporate network.
    const dev = this.pool.subset('Dev', Selector.eq('environment', 'dev'), { policyName: 'dev-nodes-policy' });
    dev.allowIngress(Peer.nets('10.0.0.0/8'), Port.tcpRange(30000, 32767), {
      description: 'NodePorts on dev nodes from the corporate network',
    });
  }
}

/** Adds this example's charts to `app` (tests call this; `npm run synth` runs the file). */
export function buildExample(app: App): void {
  new ProtectNodes(app, 'protect-nodes');
}

if (require.main === module) {
  const app = new App();
  buildExample(app);
  app.synth();
}

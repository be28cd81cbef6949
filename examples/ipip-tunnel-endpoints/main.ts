// docs/scenarios.md#001, "nodes cannot reach pods once isolation is on", in today's form: a three-node IPIP cluster
// read from `kubectl get nodes -o json` (nodes.json, shipped next to this file), explicit `eth0` host endpoints with
// the node addresses, and `tunl0` host endpoints with each node's IPIP tunnel address. With IPIP on, a node reaches
// pods on other nodes from its tunnel address, so only a host endpoint that lists that address lets the pool's
// node-to-pod policy recognise the node (instead of the seed's patched kube-policy-controller adding a rule to every
// policy).
import * as path from 'path';
import { App, Chart } from 'cdk8s';
import { Construct } from 'constructs';
import { EncapsulationMode, IpPool, NetworkPolicy, Peer, Selector } from '../../lib';
import {
  IpipTunnelEndpoints,
  NodeHostEndpoints,
  NodeInventory,
  PodEncapsulation,
  SecuredNodePool,
  TunnelDevice,
} from '../../lib/nodes';

/** The nodes of the example cluster. */
export const NODES_FILE = path.join(__dirname, 'nodes.json');

export class IpipTunnelEndpointsChart extends Chart {
  public readonly pool: SecuredNodePool;
  public readonly tunnels: IpipTunnelEndpoints;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    // The seed's pool: 192.168.0.0/16 with IPIP and NAT outgoing.
    new IpPool(this, 'Pods', {
      name: 'default-ipv4-ippool',
      cidr: '192.168.0.0/16',
      ipipMode: EncapsulationMode.ALWAYS,
      natOutgoing: true,
    });

    this.pool = new SecuredNodePool(this, 'Nodes', {
      name: 'nodes',
      selector: Selector.has('kubernetes-host'),
      hostEndpoints: NodeHostEndpoints.explicit({ interfaces: ['eth0'] }),
      inventory: NodeInventory.fromKubectlJson(NODES_FILE),
      hostEndpointLabels: { 'kubernetes-host': '' },
      network: { encapsulation: PodEncapsulation.IPIP },
      baseline: { sshFrom: ['10.39.0.0/24'] },
    });
    // The seed's script 2, for every node at once: tunl0 with the IPIP tunnel address.
    this.tunnels = new IpipTunnelEndpoints(this, 'Tunnels', { pool: this.pool, device: TunnelDevice.IPIP });

    // The seed's isolated namespace: only its own pods (and kube-system) may connect. The nodes still reach its
    // pods through the pool's node-to-pod policy.
    const isolation = new NetworkPolicy(this, 'IsolationAccessRules', {
      namespace: 'lijiaocn-space',
      selector: Selector.all(),
      order: 1000,
    });
    isolation.allowIngress(
      Peer.namespace(Selector.in('kubernetes.io/metadata.name', ['kube-system', 'lijiaocn-space'])),
      undefined,
      {
        description: 'pods of this namespace and of kube-system',
      },
    );
  }
}

/** Adds this example's charts to `app` (tests call this; `npm run synth` runs the file). */
export function buildExample(app: App): void {
  new IpipTunnelEndpointsChart(app, 'ipip-tunnel-endpoints');
}

if (require.main === module) {
  const app = new App();
  buildExample(app);
  app.synth();
}

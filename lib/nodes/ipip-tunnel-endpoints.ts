import { Construct } from 'constructs';
import { Selector } from '../selector';
import { CREATED_BY_LABEL } from '../validation/rules/names';
import { HostEndpoint } from './host-endpoint';
import type { InventoryNode, NodeInventory } from './node-inventory';
import { hostEndpointName, SecuredNodePool } from './secured-node-pool';
import { TunnelDevice } from './tunnel-device';

/** Props of {@link IpipTunnelEndpoints}. */
export interface IpipTunnelEndpointsProps {
  /**
   * The pool whose nodes get tunnel endpoints: its inventory, selector and host endpoint labels are used, and the
   * endpoints are emitted after its policies. Must use explicit host endpoints.
   * @default - none: pass `inventory` (and `labels`) instead
   */
  readonly pool?: SecuredNodePool;
  /**
   * The nodes, when no pool is given.
   * @default - the pool's inventory
   */
  readonly inventory?: NodeInventory;
  /**
   * Which nodes (by node labels, plus `labels`) get an endpoint, when no pool is given.
   * @default Selector.all()
   */
  readonly selector?: Selector;
  /**
   * Labels added over each node's labels, when no pool is given (with a pool: its `hostEndpointLabels`).
   * @default - none
   */
  readonly labels?: { [key: string]: string };
  /**
   * The tunnel device.
   * @default TunnelDevice.IPIP (`tunl0`)
   */
  readonly device?: TunnelDevice;
  /**
   * Profiles on the endpoints.
   * @default - none
   */
  readonly profiles?: string[];
}

/**
 * One HostEndpoint per node for its tunnel device (`tunl0` for IPIP; `vxlan.calico` or `wireguard.cali` with
 * `device`), named `<node>-<device>`, with the tunnel address in `expectedIPs` and the pool's labels. With IPIP or
 * VXLAN, traffic from a node to pods on other nodes leaves from the tunnel address: selector-based rules (such as
 * the pool's node-to-pod policy) recognise the node only if a host endpoint lists that address (seed 001).
 * Automatic host endpoints already carry the tunnel addresses, so combining them is refused.
 */
export class IpipTunnelEndpoints extends Construct {
  /** The tunnel device. */
  public readonly device: TunnelDevice;
  /** The host endpoints, one per node. */
  public readonly hostEndpoints: readonly HostEndpoint[];

  public constructor(scope: Construct, id: string, props: IpipTunnelEndpointsProps) {
    super(scope, id);
    this.device = props.device ?? TunnelDevice.IPIP;
    const pool = props.pool;
    if (pool && pool.hostEndpointMode.mode === 'automatic') {
      throw new Error(`[${this.node.path}] pool: ${pool.node.path} uses automatic host endpoints, which cover every interface ("*") and already list each node's tunnel addresses in expectedIPs; ${this.device.interfaceName} endpoints would be redundant (and, named before "<node>-auto-hep", would take the tunnel interface over from it); fix: remove this construct, or give the pool NodeHostEndpoints.explicit()`);
    }
    const inventory = props.inventory ?? pool?.inventory;
    if (!inventory) throw new Error(`[${this.node.path}] inventory: no nodes; fix: pass \`pool\` (with an inventory) or \`inventory\``);
    let nodes: InventoryNode[];
    let labelsOf: (n: InventoryNode) => { [k: string]: string };
    if (pool) {
      if (props.inventory && props.inventory !== pool.inventory) {
        throw new Error(`[${this.node.path}] inventory: pass either \`pool\` or \`inventory\`, not both`);
      }
      nodes = pool.nodes;
      labelsOf = (n) => pool.labelsFor(n);
    } else {
      const extra = { ...props.labels };
      if (CREATED_BY_LABEL in extra) throw new Error(`[${this.node.path}] labels: ${CREATED_BY_LABEL} marks objects kube-controllers owns; fix: remove it`);
      labelsOf = (n) => {
        const l: { [k: string]: string } = { ...n.labels, ...extra };
        delete l[CREATED_BY_LABEL];
        return l;
      };
      const selector = props.selector ?? Selector.all();
      nodes = inventory.nodes.filter((n) => selector.matches(labelsOf(n)));
    }
    const missing = nodes.filter((n) => this.device.addressOf(n) === undefined);
    if (missing.length > 0) {
      const names = missing.slice(0, 5).map((n) => `"${n.name}"`).join(', ') + (missing.length > 5 ? ` and ${missing.length - 5} more` : '');
      throw new Error(`[${this.node.path}] node ${names} has no ${this.device.label} tunnel address (annotation ${this.device.annotation}); fix: check that ${this.device.label} is enabled on that node, refresh the inventory (kubectl get nodes -o json), or leave the node out with \`selector\``);
    }
    this.hostEndpoints = nodes.map((n) => new HostEndpoint(this, `${n.name}-${this.device.interfaceName}`, {
      name: hostEndpointName(n.name, this.device.interfaceName),
      node: n.name,
      interfaceName: this.device.interfaceName,
      expectedIPs: [this.device.addressOf(n)!],
      labels: labelsOf(n),
      profiles: props.profiles,
    }));
    if (pool) pool.protect(this);
  }
}

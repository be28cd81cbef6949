import { Construct } from 'constructs';
import { boundaryError, constructWhere, guardKnownKeys, guardOptionalArray, guardOptionalInstance, guardOptionalStringMap, guardProps, guardScope, guardString } from '../core/guard';
import { Selector } from '../selector';
import { guardOptionalSelector } from '../selector/selector-guard';
import { CREATED_BY_LABEL } from '../validation/rules/names';
import { HostEndpoint } from './host-endpoint';
import { InventoryNode, NodeInventory } from './node-inventory';
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

const TUNNEL_KEYS = ['pool', 'inventory', 'selector', 'labels', 'device', 'profiles'];

/** Checks the scope, id and props before `super()`. */
function guardTunnelProps(scope: unknown, id: unknown, props: IpipTunnelEndpointsProps | undefined): IpipTunnelEndpointsProps {
  guardScope(scope, id, 'IpipTunnelEndpoints');
  const where = constructWhere(scope, id);
  const p = guardProps(props, where);
  guardKnownKeys(p, TUNNEL_KEYS, where);
  guardOptionalInstance(p.pool, SecuredNodePool, where, 'pool', { expected: 'a SecuredNodePool' });
  guardOptionalInstance(p.inventory, NodeInventory as unknown as abstract new () => NodeInventory, where, 'inventory', { expected: 'a NodeInventory' });
  guardOptionalSelector(p.selector, where, 'selector');
  guardOptionalStringMap(p.labels, where, 'labels');
  guardOptionalInstance(p.device, TunnelDevice as unknown as abstract new () => TunnelDevice, where, 'device', {
    expected: 'a TunnelDevice (TunnelDevice.IPIP, TunnelDevice.VXLAN, ...)',
  });
  guardOptionalArray(p.profiles, where, 'profiles', (x, f) => guardString(x, where, f, { expected: 'a profile name' }), { of: 'profile names' });
  if (p.pool && (p.selector !== undefined || p.labels !== undefined)) {
    throw boundaryError(where, p.selector !== undefined ? 'selector' : 'labels', "is used only without `pool` (the pool's selector and hostEndpointLabels apply); fix: remove it, or use `subset` on the pool");
  }
  return p;
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
    props = guardTunnelProps(scope, id, props);
    super(scope, id);
    this.device = props.device ?? TunnelDevice.IPIP;
    const pool = props.pool;
    if (pool && pool.hostEndpointMode.mode === 'automatic') {
      throw boundaryError(this.node.path, 'pool', `${pool.node.path} uses automatic host endpoints: kube-controllers' "addresses" template gives every node an endpoint whose expectedIPs list all its addresses, the tunnel address included, so Felix already polices ${this.device.interfaceName} through it; per-node ${this.device.interfaceName} endpoints would be redundant and would go stale when nodes change; fix: remove this construct, or give the pool NodeHostEndpoints.explicit()`);
    }
    const inventory = props.inventory ?? pool?.inventory;
    if (!inventory) throw boundaryError(this.node.path, 'inventory', 'no nodes; fix: pass `pool` (with an inventory) or `inventory`');
    let nodes: InventoryNode[];
    let labelsOf: (n: InventoryNode) => { [k: string]: string };
    if (pool) {
      if (props.inventory && props.inventory !== pool.inventory) {
        throw boundaryError(this.node.path, 'inventory', 'both `pool` and `inventory` given; fix: pass either `pool` or `inventory`, not both');
      }
      nodes = pool.nodes;
      labelsOf = (n) => pool.labelsFor(n);
    } else {
      const extra = { ...props.labels };
      if (CREATED_BY_LABEL in extra) throw boundaryError(this.node.path, 'labels', `${CREATED_BY_LABEL} marks objects kube-controllers owns; fix: remove it`);
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
      throw boundaryError(this.node.path, 'inventory', `node ${names} has no ${this.device.label} tunnel address (annotation ${this.device.annotation}); fix: check that ${this.device.label} is enabled on that node, refresh the inventory (kubectl get nodes -o json), or leave the node out with \`selector\``);
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

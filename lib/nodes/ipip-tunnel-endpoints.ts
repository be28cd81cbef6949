import { Construct } from 'constructs';
import {
  boundaryError,
  constructWhere,
  guardKnownKeys,
  guardOptionalArray,
  guardOptionalInstance,
  guardOptionalStringMap,
  guardProps,
  guardScope,
  guardString,
} from '../model/primitives/guard';
import { Selector } from '../selector';
import { guardOptionalSelector } from '../selector/selector-guard';
import { HostEndpoint } from './host-endpoint';
import { InventoryNode, NodeInventory } from './node-inventory';
import {
  hostEndpointFromSpec,
  newHostEndpointPlan,
  NodeHostEndpointSpec,
  nodeHostEndpointSpecs,
} from './node-host-endpoint-specs';
import { SecuredNodePool } from './secured-node-pool';
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
function guardTunnelProps(
  scope: unknown,
  id: unknown,
  props: IpipTunnelEndpointsProps | undefined,
): IpipTunnelEndpointsProps {
  guardScope(scope, id, 'IpipTunnelEndpoints');
  const where = constructWhere(scope, id);
  const p = guardProps(props, where);
  guardKnownKeys(p, TUNNEL_KEYS, where);
  guardOptionalInstance(p.pool, SecuredNodePool, where, 'pool', { expected: 'a SecuredNodePool' });
  guardOptionalInstance(p.inventory, NodeInventory as unknown as abstract new () => NodeInventory, where, 'inventory', {
    expected: 'a NodeInventory',
  });
  guardOptionalSelector(p.selector, where, 'selector');
  guardOptionalStringMap(p.labels, where, 'labels');
  guardOptionalInstance(p.device, TunnelDevice as unknown as abstract new () => TunnelDevice, where, 'device', {
    expected: 'a TunnelDevice (TunnelDevice.IPIP, TunnelDevice.VXLAN, ...)',
  });
  guardOptionalArray(
    p.profiles,
    where,
    'profiles',
    (x, f) => guardString(x, where, f, { expected: 'a profile name' }),
    { of: 'profile names' },
  );
  if (p.pool && (p.selector !== undefined || p.labels !== undefined)) {
    throw boundaryError(
      where,
      p.selector !== undefined ? 'selector' : 'labels',
      "is used only without `pool` (the pool's selector and hostEndpointLabels apply); fix: remove it, or use `subset` on the pool",
    );
  }
  return p;
}

/**
 * One HostEndpoint per node for its tunnel device (`tunl0` for IPIP; `vxlan.calico` or `wireguard.cali` with
 * `device`), named `<node>-<device>`, with the tunnel address in `expectedIPs` and the pool's labels. With IPIP or
 * VXLAN, traffic from a node to pods on other nodes leaves from the tunnel address: selector-based rules (such as
 * the pool's node-to-pod policy) recognise the node only if a host endpoint lists that address (docs/scenarios.md#001).
 * Automatic host endpoints already carry the tunnel addresses, so combining them is refused.
 */
export class IpipTunnelEndpoints extends Construct {
  /** The tunnel device. */
  public readonly device: TunnelDevice;
  /** The host endpoints, one per node (a frozen array). */
  public readonly hostEndpoints: HostEndpoint[];

  public constructor(scope: Construct, id: string, props: IpipTunnelEndpointsProps) {
    props = guardTunnelProps(scope, id, props);
    super(scope, id);
    this.device = props.device ?? TunnelDevice.IPIP;
    const plan = newHostEndpointPlan();
    this.hostEndpoints = Object.freeze(
      tunnelEndpointSpecs(this.node.path, this.device, props).map((spec) => hostEndpointFromSpec(this, spec, plan)),
    ) as HostEndpoint[];
    if (props.pool) props.pool.protect(this);
  }
}

/**
 * The tunnel endpoints to make: with a pool, its nodes and host endpoint labels (explicit pools only: automatic
 * endpoints already carry the tunnel addresses); without, the inventory's nodes that `selector` picks over their
 * labels plus `labels`. Every chosen node must have the device's address. @internal
 */
export function tunnelEndpointSpecs(
  where: string,
  device: TunnelDevice,
  props: IpipTunnelEndpointsProps,
): NodeHostEndpointSpec[] {
  const pool = props.pool;
  if (pool && pool.hostEndpointMode.mode === 'automatic') {
    const dev = device.interfaceName;
    throw boundaryError(
      where,
      'pool',
      `${pool.node.path} uses automatic host endpoints: kube-controllers' "addresses" ` +
        'template gives every node an endpoint whose expectedIPs list all its addresses, the tunnel address included, so ' +
        `Felix already polices ${dev} through it; per-node ${dev} endpoints would be redundant and would go stale when ` +
        'nodes change; fix: remove this construct, or give the pool NodeHostEndpoints.explicit()',
    );
  }
  const inventory = props.inventory ?? pool?.inventory;
  if (!inventory)
    throw boundaryError(where, 'inventory', 'no nodes; fix: pass `pool` (with an inventory) or `inventory`');
  if (pool && props.inventory && props.inventory !== pool.inventory) {
    throw boundaryError(
      where,
      'inventory',
      'both `pool` and `inventory` given; fix: pass either `pool` or `inventory`, not both',
    );
  }
  const address = (n: InventoryNode) => {
    const ip = device.addressOf(n);
    return ip === undefined ? [] : [ip];
  };
  const common = { where, interfaces: [device.interfaceName], expectedIPs: address, profiles: props.profiles };
  const specs = pool
    ? nodeHostEndpointSpecs(pool.nodes, {
        ...common,
        extraLabels: pool._hostEndpointLabels,
        labelsOf: (n) => pool._endpointLabels(n),
      })
    : nodeHostEndpointSpecs(inventory, {
        ...common,
        extraLabels: props.labels,
        labelsField: 'labels',
        selector: props.selector ?? Selector.all(),
      });
  const missing = specs.filter((s) => s.expectedIPs.length === 0);
  if (missing.length > 0) {
    const names =
      missing
        .slice(0, 5)
        .map((s) => `"${s.node}"`)
        .join(', ') + (missing.length > 5 ? ` and ${missing.length - 5} more` : '');
    throw boundaryError(
      where,
      'inventory',
      `node ${names} has no ${device.label} tunnel address (annotation ` +
        `${device.annotation}); fix: check that ${device.label} is enabled on that node, refresh the inventory (kubectl get ` +
        'nodes -o json), or leave the node out with `selector`',
    );
  }
  return specs;
}

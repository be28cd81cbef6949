import { boundaryError } from '../model/primitives/guard';
import type { Selector } from '../selector';
import { CREATED_BY_LABEL } from '../model/primitives/calico-constants';
import type { Construct } from 'constructs';
import { HostEndpoint, HostEndpointPlan, PlannedHostEndpoint } from './host-endpoint';
import type { InventoryNode, NodeInventory } from './node-inventory';

/**
 * One HostEndpoint to make for one node and interface: a {@link PlannedHostEndpoint} (construct id
 * `<node>-<interface>`, name {@link hostEndpointName}, labels: the node's without the kube-controllers ownership label,
 * the extra labels over them) and the node of the inventory it came from. @internal
 */
export interface NodeHostEndpointSpec extends PlannedHostEndpoint {
  /** The inventory node the endpoint is for. */
  readonly inventoryNode: InventoryNode;
}

/** Options of {@link nodeHostEndpointSpecs}. @internal */
export interface NodeHostEndpointSpecOptions {
  /** Where errors are reported (the construct path). */
  readonly where: string;
  /**
   * Labels put over each node's labels.
   * @default - none
   */
  readonly extraLabels?: { readonly [key: string]: string };
  /**
   * The prop that carried `extraLabels`, named in the error when they hold the ownership label.
   * @default 'hostEndpointLabels'
   */
  readonly labelsField?: string;
  /**
   * A node's endpoint labels when the caller has them already (a pool computes them once per node): the same as
   * `nodeEndpointLabels(node, extraLabels)`, shared read-only (HostEndpoint copies its labels).
   * @default nodeEndpointLabels(node, extraLabels)
   */
  readonly labelsOf?: (node: InventoryNode) => { readonly [key: string]: string };
  /**
   * Only nodes whose endpoint labels (node labels plus `extraLabels`) this selects get endpoints.
   * @default - every node
   */
  readonly selector?: Selector;
  /**
   * Interfaces: one endpoint per node and interface.
   * @default ['eth0']
   */
  readonly interfaces?: readonly string[];
  /**
   * The endpoint's `expectedIPs` for a node (an empty list when the node lacks the address: callers report it).
   * @default nodeAddresses: InternalIPs, then BGP addresses, without repeats
   */
  readonly expectedIPs?: (node: InventoryNode) => string[];
  /**
   * Profiles on every endpoint.
   * @default - none
   */
  readonly profiles?: readonly string[];
}

/**
 * `<node>-<interface>` (`<node>-all-interfaces` for `*`), lowercased, characters a name cannot hold replaced by
 * `-`. @internal
 */
export function hostEndpointName(node: string, iface: string): string {
  return `${node}-${iface === '*' ? 'all-interfaces' : iface}`.toLowerCase().replace(/[^a-z0-9.-]/g, '-');
}

/**
 * A node's InternalIPs, then its BGP addresses, without repeats: what an explicit endpoint expects on eth0.
 * @internal
 */
export function nodeAddresses(node: InventoryNode): string[] {
  return [...new Set([...node.internalIps, ...node.bgpIps])];
}

/**
 * Refuses extra labels that carry `projectcalico.org/created-by`: kube-controllers treats objects with it as its
 * own and rewrites or deletes them (kube-controllers hostendpoint controller,
 * https://github.com/projectcalico/calico/blob/master/kube-controllers/pkg/controllers/node/hostendpoints.go).
 * @internal
 */
export function refuseOwnershipLabel(
  extra: { readonly [key: string]: string } | undefined,
  where: string,
  field: string,
): void {
  if (extra && Object.prototype.hasOwnProperty.call(extra, CREATED_BY_LABEL)) {
    throw boundaryError(
      where,
      field,
      `${CREATED_BY_LABEL} marks objects kube-controllers owns (it would rewrite or delete them); fix: remove it`,
    );
  }
}

/**
 * Labels of a node's host endpoints: the node's labels (as kube-controllers syncs them) without the ownership
 * label, `extra` over them. A new object each call. @internal
 */
export function nodeEndpointLabels(
  node: InventoryNode,
  extra?: { readonly [key: string]: string },
): { [key: string]: string } {
  const labels: { [key: string]: string } = { ...node.labels };
  delete labels[CREATED_BY_LABEL];
  if (extra) Object.assign(labels, extra);
  return labels;
}

/**
 * The host endpoints to make for an inventory: for each node (the selected ones, in inventory order) and each
 * interface, name, labels, expected IPs and profiles. Pure: the caller creates the constructs. Nodes of one
 * endpoint share its labels object between interfaces (HostEndpoint copies its labels). @internal
 */
export function nodeHostEndpointSpecs(
  inventory: NodeInventory | readonly InventoryNode[],
  options: NodeHostEndpointSpecOptions,
): NodeHostEndpointSpec[] {
  refuseOwnershipLabel(options.extraLabels, options.where, options.labelsField ?? 'hostEndpointLabels');
  const nodes: readonly InventoryNode[] = Array.isArray(inventory) ? inventory : (inventory as NodeInventory).nodes;
  const interfaces = options.interfaces ?? ['eth0'];
  const addresses = options.expectedIPs ?? nodeAddresses;
  const profiles = options.profiles ? [...options.profiles] : undefined;
  const out: NodeHostEndpointSpec[] = [];
  for (const n of nodes) {
    const labels = options.labelsOf
      ? (options.labelsOf(n) as { [key: string]: string })
      : nodeEndpointLabels(n, options.extraLabels);
    if (options.selector && !options.selector.matches(labels)) continue;
    const expectedIPs = addresses(n);
    for (const iface of interfaces) {
      out.push({
        id: `${n.name}-${iface}`,
        name: hostEndpointName(n.name, iface),
        node: n.name,
        interfaceName: iface,
        expectedIPs,
        labels,
        profiles,
        inventoryNode: n,
      });
    }
  }
  return out;
}

/**
 * A new plan for {@link hostEndpointFromSpec}: one per batch of endpoints (a pool's, its tunnels', a foundation's).
 * @internal
 */
export function newHostEndpointPlan(): HostEndpointPlan {
  return { cleanClasses: new Set(), labelsChecked: false };
}

/**
 * The HostEndpoint of one planned endpoint, under `scope` (pool, tunnel endpoints, foundation). The specs come from
 * {@link nodeHostEndpointSpecs} over a NodeInventory, which validated the node names, labels and addresses, so the
 * endpoint skips its props guard; endpoints of one `plan` share their validation by validation class. @internal
 */
export function hostEndpointFromSpec(
  scope: Construct,
  spec: NodeHostEndpointSpec,
  plan: HostEndpointPlan,
): HostEndpoint {
  return HostEndpoint._fromPlan(scope, spec, plan);
}

import { boundaryError } from '../model/primitives/guard';
import { addressNetworkPeers, ClusterPolicyPeer } from '../policy/cluster-network-policy/cluster-policy-peer';
import { HostEndpoint } from './host-endpoint';
import { nodeAddresses } from './node-host-endpoint-specs';
import { InventoryNode } from './node-inventory';

/** What a node pool knows of its machines. @internal */
export interface NodePoolAddressSource {
  /** The pool's construct path and name, for the error. */
  readonly where: string;
  readonly poolName: string;
  /** Explicit host endpoints (empty in automatic mode). */
  readonly hostEndpoints: readonly HostEndpoint[];
  /** Whether an inventory was given. */
  readonly hasInventory: boolean;
  /** The inventory's nodes in the pool. */
  readonly nodes: readonly InventoryNode[];
}

/**
 * A node pool as ClusterNetworkPolicy `networks` peers: namespaces and pods peers never match nodes or host-network
 * pods (kubernetes-sigs/network-policy-api `ClusterNetworkPolicyEgressPeer`), so a pool is named by its addresses.
 * Explicit host endpoints give their `expectedIPs`; automatic ones the addresses kube-controllers puts in their
 * `expectedIPs` (InternalIPs, BGP and tunnel addresses: kube-controllers `pkg/controllers/node/hostendpoints.go`).
 * @internal
 */
export function nodePoolNetworkPeers(pool: NodePoolAddressSource, field: string): ClusterPolicyPeer[] {
  const addresses =
    pool.hostEndpoints.length > 0
      ? pool.hostEndpoints.flatMap((h) => (h.toManifest().spec.expectedIPs as string[] | undefined) ?? [])
      : pool.nodes.flatMap((n) => [...nodeAddresses(n), ...tunnelAddresses(n)]);
  if (addresses.length === 0) {
    const why = pool.hasInventory
      ? `no node of its inventory is in node pool ${pool.poolName}`
      : `node pool ${pool.poolName} has automatic host endpoints and no inventory, so it does not know its addresses`;
    throw boundaryError(
      pool.where,
      field,
      `expected node addresses for a ClusterNetworkPolicy networks peer, got none (${why}); fix: pass ` +
        "`inventory: NodeInventory.fromKubectlJson('nodes.json')` to the pool, or name the nodes' CIDRs with " +
        'ClusterPolicyPeer.networks(...)',
    );
  }
  return addressNetworkPeers(addresses, pool.where, field);
}

function tunnelAddresses(n: InventoryNode): string[] {
  const all = [
    n.ipipTunnelAddress,
    n.vxlanTunnelAddress,
    n.vxlanTunnelAddressV6,
    n.wireguardAddress,
    n.wireguardAddressV6,
  ];
  return all.filter((a): a is string => a !== undefined);
}

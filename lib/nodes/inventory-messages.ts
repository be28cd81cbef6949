/**
 * Messages about node inventories shared by NodeInventory and the constructs that read one (not exported from the
 * package).
 */

/** The fix for a node dump that is not one. */
export const DUMP_FIX = 'dump the nodes with kubectl get nodes -o json > nodes.json';

/**
 * The problem of a construct given an empty inventory (the empty `List` kubectl prints for a cluster without nodes),
 * as `problem; fix: ...`.
 */
export const EMPTY_INVENTORY =
  'the inventory is empty (kubectl listed no nodes), so there is no node to make host endpoints for or to ' +
  `prove the essential flows on; fix: ${DUMP_FIX} once the cluster has nodes (kubectl get nodes lists them)`;

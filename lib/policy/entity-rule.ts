/**
 * A Calico EntityRule (rule `source` / `destination`) in wire format. Internal model shared by `Peer`,
 * the rule renderer and the L1 adapter.
 */
export interface EntityRuleJson {
  nets?: string[];
  notNets?: string[];
  selector?: string;
  notSelector?: string;
  namespaceSelector?: string;
  serviceAccounts?: { names?: string[]; selector?: string };
  services?: { name: string; namespace?: string };
  ports?: Array<number | string>;
  notPorts?: Array<number | string>;
}

/** True when the entity constrains nothing (matches any source / destination). */
export function isEmptyEntity(e: EntityRuleJson): boolean {
  return Object.keys(e).length === 0;
}

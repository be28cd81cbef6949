/**
 * The match fields of a Calico rule's `source` or `destination` (an EntityRule), as a peer renders them: what
 * {@link IPeer.toEntityRule} returns. Fields of one EntityRule are AND-ed; ports are added by the rule.
 * Upstream: api/pkg/apis/projectcalico/v3 `EntityRule`
 * (https://docs.tigera.io/calico/latest/reference/resources/networkpolicy#entityrule).
 */
export interface EntityRule {
  /**
   * CIDRs the address must be in.
   * @default - any address
   */
  readonly nets?: string[];
  /**
   * CIDRs the address must not be in.
   * @default - none excluded
   */
  readonly notNets?: string[];
  /**
   * Selector the endpoint's labels must match.
   * @default - any endpoint
   */
  readonly selector?: string;
  /**
   * Selector the endpoint's labels must not match.
   * @default - none excluded
   */
  readonly notSelector?: string;
  /**
   * Selector over the endpoint's namespace (`global()`: non-namespaced endpoints only).
   * @default - the policy's namespace (namespaced policies), any namespace (global policies)
   */
  readonly namespaceSelector?: string;
  /**
   * The service accounts the endpoint runs as.
   * @default - any
   */
  readonly serviceAccounts?: EntityRuleServiceAccounts;
  /**
   * A Kubernetes Service whose endpoints match.
   * @default - none
   */
  readonly services?: EntityRuleService;
}

/** The `serviceAccounts` match of an {@link EntityRule}. */
export interface EntityRuleServiceAccounts {
  /**
   * Service account names.
   * @default - any name
   */
  readonly names?: string[];
  /**
   * Selector over the service accounts' labels.
   * @default - any labels
   */
  readonly selector?: string;
}

/** The `services` match of an {@link EntityRule}. */
export interface EntityRuleService {
  /** The Service name. */
  readonly name: string;
  /**
   * The Service namespace.
   * @default - the policy's namespace
   */
  readonly namespace?: string;
}

/**
 * A Calico EntityRule (rule `source` / `destination`) in wire format, ports included: an {@link EntityRule} plus the
 * ports the rule adds. Read-only (jsii structs are): build a new object to change one.
 */
export interface EntityRuleJson extends EntityRule {
  /**
   * Ports (numbers, `from:to` ranges or names) the traffic must use.
   * @default - any port
   */
  readonly ports?: Array<number | string>;
  /**
   * Ports the traffic must not use.
   * @default - none excluded
   */
  readonly notPorts?: Array<number | string>;
}

/** True when the entity constrains nothing (matches any source / destination). */
export function isEmptyEntity(e: EntityRuleJson): boolean {
  return Object.keys(e).length === 0;
}

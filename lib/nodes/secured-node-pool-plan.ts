/**
 * The decisions a SecuredNodePool makes, as pure functions: names and defaults from the props, the pool's default
 * policy, the per-node self rules, the explicit host endpoints, and how lockout guard problems are worded. The
 * construct (secured-node-pool.ts) only creates what these return.
 */
import { boundaryError } from '../model/primitives/guard';
import { dnsNameFromId } from '../core/names';
import { PolicyType } from '../policy/action';
import { Selector } from '../selector';
import { EMPTY_INVENTORY } from './inventory-messages';
import { NodeHostEndpointSpec, nodeAddresses, nodeHostEndpointSpecs } from './node-host-endpoint-specs';
import { ExplicitHostEndpointsOptions } from './node-host-endpoints';
import { InventoryNode, NodeInventory } from './node-inventory';
import { NodeTrafficDefault } from './node-traffic-default';

/** The props {@link poolNames} reads (a part of SecuredNodePoolProps). @internal */
export interface PoolNamingProps {
  readonly name?: string;
  readonly selector?: Selector;
  readonly policyName?: string;
  readonly tierName?: string;
  readonly tierOrder?: number;
}

/** A pool's names, selector and tier order, defaults applied. @internal */
export interface PoolNames {
  readonly name: string;
  readonly selector: Selector;
  readonly policyName: string;
  readonly tierName: string;
  readonly tierOrder: number;
}

/** The pool's tier order when none is given: before `kube-admin` (1,000) and `default` (1,000,000). */
export const DEFAULT_POOL_TIER_ORDER = 100;

/**
 * Names from the construct id and props: `Nodes` -> pool `nodes`, tier `nodes`, policy `nodes-policy`; the default
 * selector is the node label of docs/scenarios.md#000, `kubernetes-host` (`kubectl label nodes --all
 * kubernetes-host=`). @internal
 */
export function poolNames(id: string, props: PoolNamingProps): PoolNames {
  const name = props.name ?? dnsNameFromId(id);
  return {
    name,
    selector: props.selector ?? Selector.has('kubernetes-host'),
    policyName: props.policyName ?? `${name}-policy`,
    tierName: props.tierName ?? name,
    tierOrder: props.tierOrder ?? DEFAULT_POOL_TIER_ORDER,
  };
}

/** One rule of the pool's default policy. @internal */
export interface DefaultPolicyRule {
  readonly direction: PolicyType;
  readonly deny: boolean;
  readonly description: string;
}

/** The pool's last policy (`<name>-default`): its types and its catch-all rules. @internal */
export interface DefaultPolicyPlan {
  readonly types: PolicyType[];
  readonly rules: DefaultPolicyRule[];
}

/**
 * The default policy for traffic nothing above decided: a catch-all rule per direction that is not PASS (PASS
 * leaves that direction out of `types`, so later tiers decide it). None when both directions pass. @internal
 */
export function defaultPolicyPlan(
  ingress: NodeTrafficDefault,
  egress: NodeTrafficDefault,
): DefaultPolicyPlan | undefined {
  const types: PolicyType[] = [];
  const rules: DefaultPolicyRule[] = [];
  const add = (direction: PolicyType, d: NodeTrafficDefault, what: string) => {
    if (d === NodeTrafficDefault.PASS) return;
    types.push(direction);
    const deny = d === NodeTrafficDefault.DENY;
    rules.push({ direction, deny, description: `${what} nothing above ${deny ? 'allowed' : 'denied'}` });
  };
  add(PolicyType.INGRESS, ingress, 'node ingress');
  add(PolicyType.EGRESS, egress, 'node egress');
  return types.length === 0 ? undefined : { types, rules };
}

/** A node reaching its own addresses, as the baseline's per-node self rule takes it. @internal */
export interface SelfReach {
  readonly name: string;
  readonly ips: string[];
}

/**
 * The nodes that need a per-node self rule: only all-interfaces (`"*"`) endpoints police a node reaching its own
 * addresses (over `lo`). Automatic endpoints are address-matched (never `lo`: node-host-endpoints.ts), so per-node
 * self rules exist in explicit mode on `"*"` only, where the lint reminds users to re-synth when nodes change
 * (explicit-host-endpoints-lint.ts). @internal
 */
export function selfReachNodes(
  explicit: ExplicitHostEndpointsOptions | undefined,
  nodes: readonly InventoryNode[],
): SelfReach[] {
  if (!(explicit?.interfaces ?? []).includes('*')) return [];
  return nodes.map((n) => ({ name: n.name, ips: nodeAddresses(n) }));
}

/**
 * The explicit host endpoints of a pool: one per selected node and interface, or the error that says why there
 * are none (no inventory, an empty one, no node matching the selector). @internal
 */
export function explicitEndpointSpecs(
  where: string,
  inventory: NodeInventory | undefined,
  selector: Selector,
  extraLabels: { readonly [key: string]: string },
  explicit: ExplicitHostEndpointsOptions,
): NodeHostEndpointSpec[] {
  if (!inventory) {
    throw boundaryError(
      where,
      'inventory',
      'explicit host endpoints are made from the nodes of an inventory; fix: pass ' +
        "`inventory: NodeInventory.fromKubectlJson('nodes.json')` (or use NodeHostEndpoints.automatic())",
    );
  }
  if (inventory.size === 0) throw boundaryError(where, 'inventory', EMPTY_INVENTORY);
  const specs = nodeHostEndpointSpecs(inventory, {
    where,
    selector,
    extraLabels,
    interfaces: explicit.interfaces,
    profiles: explicit.profiles,
  });
  if (specs.length === 0) {
    throw boundaryError(
      where,
      'selector',
      `no node of the inventory matches ${selector} (with hostEndpointLabels added); ` +
        'fix: label the nodes or change the selector',
    );
  }
  return specs;
}

/**
 * Why the lockout guard has no node to prove the essential flows on (no inventory, an empty one, no node in the
 * pool), or undefined when it has some. @internal
 */
export function lockoutPrecondition(
  inventory: NodeInventory | undefined,
  poolNodes: number,
  selector: Selector,
): string | undefined {
  if (!inventory) {
    return (
      'lockout guard: no inventory, so no node to prove the essential flows on; fix: pass `inventory` (for example ' +
      'NodeInventory.fromKubectlJson(...)), or set `dangerouslySkipLockoutGuard: true`'
    );
  }
  if (inventory.size === 0) return `lockout guard: ${EMPTY_INVENTORY}`;
  if (poolNodes === 0) {
    return (
      `lockout guard: no node of the inventory is in the pool (${selector}), so there is no node to prove the essential ` +
      'flows on; fix: label the nodes in the inventory as the cluster labels them, or change the selector'
    );
  }
  return undefined;
}

/** How the pool words the guard's problems. @internal */
export interface LockoutWording {
  /** The pool uses kube-controllers' all-interfaces endpoints (`createDefaultHostEndpoint: true`). */
  readonly allInterfaceEndpoints: boolean;
  /** ` in cluster <name>`, or `''` in the default cluster. */
  readonly clusterSuffix: string;
}

/**
 * The guard's problems as the pool reports them: a flow blocked over `lo` names `createDefaultHostEndpoint` when
 * that made the `"*"` endpoints that police `lo`, and a pool inside a Cluster names it. @internal
 */
export function wordLockoutProblems(problems: readonly string[], w: LockoutWording): string[] {
  return problems
    .map((p) =>
      w.allInterfaceEndpoints && / over lo /.test(p)
        ? `${p} (createDefaultHostEndpoint: true makes "*" endpoints, which police lo; leave it unset: the pool's address ` +
          'endpoints never police lo)'
        : p,
    )
    .map((p) => (w.clusterSuffix ? p.replace(/^lockout guard:/, `lockout guard${w.clusterSuffix}:`) : p));
}

/** At synth, a blocked flow also names the way to skip the whole guard. @internal */
export function withSkipHint(problems: readonly string[]): string[] {
  const skip = ', or skip the whole guard with `dangerouslySkipLockoutGuard: true` if you are sure';
  return problems.map((p) => (p.includes(' is blocked: ') ? `${p}${skip}` : p));
}

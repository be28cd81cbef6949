import { Construct } from 'constructs';
import { GlobalNetworkPolicy } from '../policy/global-network-policy';
import { IPeer } from '../policy/peer';
import { Port } from '../policy/port';
import { RuleOptions } from '../policy/rule';
import { guardShorthandArgs } from '../policy/rule-guards';
import { ITier } from '../policy/tier';
import { Selector } from '../selector';

/**
 * Policy orders inside a node pool's tier. Denies come first (a deny always wins, and the lockout guard checks
 * that none of them blocks an essential flow), then the baseline, then the allows, then the pool's default.
 */
export const NODE_POLICY_ORDER = {
  /** `subset.denyIngress(...)` and friends. */
  subsetDeny: 40,
  /** `pool.denyIngress(...)` and friends. */
  poolDeny: 50,
  /** The baseline (control plane, CNI, DNS, ICMP, SSH, NodePorts, host-local, node-to-pod). */
  baseline: 100,
  /**
   * Each node reaching its own addresses: one rule per node, so it comes after the rest of the baseline, which
   * then decides most traffic without walking those rules.
   */
  hostSelf: 150,
  /** `subset.allowIngress(...)` and friends. */
  subsetAllow: 190,
  /** `pool.allowIngress(...)` and friends. */
  poolAllow: 200,
  /** The pool's default for traffic nothing above decided (`defaultIngress` / `defaultEgress`). */
  poolDefault: 1000,
} as const;

/** What a scope needs to know to create its policies (not exported from the package; public declarations name it). */
export interface NodePolicyScopeContext {
  readonly tier: ITier;
  /** The construct the policies are created under (default: the scope itself). */
  readonly container?: Construct;
  /** Called with every policy the scope creates (host endpoints are made to depend on it). */
  readonly onPolicy: (policy: GlobalNetworkPolicy) => void;
}

/**
 * Policy methods over a set of nodes (a {@link SecuredNodePool} or one of its subsets): every call appends a rule
 * to one of two GlobalNetworkPolicies of the scope, `<name>-deny` (evaluated before the pool's baseline) and
 * `<name>` (evaluated after it), both selecting the scope's host endpoints, in the pool's tier. Rules keep the
 * order of the calls within each policy.
 */
export abstract class NodePolicyScope extends Construct {
  /** The selector of the host endpoints this scope's policies apply to. */
  public readonly selector: Selector;
  /** Name of the allow policy (`<name>`); the deny policy is `<name>-deny`. */
  public readonly policyName: string;

  private allowPolicy?: GlobalNetworkPolicy;
  private denyPolicy?: GlobalNetworkPolicy;

  protected constructor(
    scope: Construct,
    id: string,
    selector: Selector,
    policyName: string,
    private readonly orders: { readonly deny: number; readonly allow: number },
    private readonly ctx: () => NodePolicyScopeContext,
  ) {
    super(scope, id);
    this.selector = selector;
    this.policyName = policyName;
  }

  /** Allows ingress to these nodes from `peer` on `port` (after the baseline). */
  public allowIngress(peer: IPeer, port?: Port, options?: RuleOptions): void {
    // Checked here, before the policy is created, so the error names this scope and a bad call leaves nothing behind.
    guardShorthandArgs(peer, port, options, this.node.path);
    this.allows().allowIngress(peer, port, options);
  }

  /** Allows egress from these nodes to `peer` on `port` (after the baseline). */
  public allowEgress(peer: IPeer, port?: Port, options?: RuleOptions): void {
    // Checked here, before the policy is created, so the error names this scope and a bad call leaves nothing behind.
    guardShorthandArgs(peer, port, options, this.node.path);
    this.allows().allowEgress(peer, port, options);
  }

  /** Denies ingress to these nodes from `peer` on `port` (before the baseline: the lockout guard checks it). */
  public denyIngress(peer: IPeer, port?: Port, options?: RuleOptions): void {
    // Checked here, before the policy is created, so the error names this scope and a bad call leaves nothing behind.
    guardShorthandArgs(peer, port, options, this.node.path);
    this.denies().denyIngress(peer, port, options);
  }

  /** Denies egress from these nodes to `peer` on `port` (before the baseline: the lockout guard checks it). */
  public denyEgress(peer: IPeer, port?: Port, options?: RuleOptions): void {
    // Checked here, before the policy is created, so the error names this scope and a bad call leaves nothing behind.
    guardShorthandArgs(peer, port, options, this.node.path);
    this.denies().denyEgress(peer, port, options);
  }

  /** The policies this scope created so far. */
  public get policies(): GlobalNetworkPolicy[] {
    return [this.denyPolicy, this.allowPolicy].filter((p): p is GlobalNetworkPolicy => p !== undefined);
  }

  private allows(): GlobalNetworkPolicy {
    if (!this.allowPolicy) this.allowPolicy = this.create('Allow', this.policyName, this.orders.allow);
    return this.allowPolicy;
  }

  private denies(): GlobalNetworkPolicy {
    if (!this.denyPolicy) this.denyPolicy = this.create('Deny', `${this.policyName}-deny`, this.orders.deny);
    return this.denyPolicy;
  }

  private create(id: string, name: string, order: number): GlobalNetworkPolicy {
    const ctx = this.ctx();
    const policy = new GlobalNetworkPolicy(ctx.container ?? this, ctx.container ? `Pool${id}` : id, { name, tier: ctx.tier, order, selector: this.selector });
    ctx.onPolicy(policy);
    return policy;
  }
}

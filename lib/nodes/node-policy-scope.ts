import { Construct } from 'constructs';
import { GlobalNetworkPolicy } from '../policy/global-network-policy';
import { ITier } from '../policy/tier';
import { Selector } from '../selector';
import { NodePolicyRules } from './node-policy-rules';
import { NodeRuleScope } from './node-rule-scope';

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

/**
 * What a {@link NodePolicyScope} needs to create its policies (not exported from the package; public declarations
 * name it).
 */
export interface NodePolicyScopeContext {
  readonly tier: ITier;
  /** The construct the policies are created under (default: the scope itself). */
  readonly container?: Construct;
  /** Called with every policy the scope creates (host endpoints are made to depend on it). */
  readonly onPolicy: (policy: GlobalNetworkPolicy) => void;
}

/**
 * Policy methods over a set of nodes, as a base class.
 * @deprecated SecuredNodePool and NodePoolSubset no longer extend it: each holds its rules (composition). Type
 * parameters that take either as {@link INodePolicyScope}. TypeScript only: its constructor takes a callback, which
 * has no jsii form.
 * @jsii ignore
 */
export abstract class NodePolicyScope extends NodeRuleScope {
  /** The selector of the host endpoints this scope's policies apply to. */
  public readonly selector: Selector;
  /** Name of the allow policy (`<name>`); the deny policy is `<name>-deny`. */
  public readonly policyName: string;

  private rulesOnce?: NodePolicyRules;

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

  /** The policies this scope created so far. */
  public get policies(): GlobalNetworkPolicy[] {
    return this.rulesOnce?.policies ?? [];
  }

  /** The context is read on the first rule, as before (subclasses may set it up after `super()`). @internal */
  protected _nodeRules(): NodePolicyRules {
    if (!this.rulesOnce) {
      const ctx = this.ctx();
      this.rulesOnce = new NodePolicyRules({
        where: this.node.path,
        selector: this.selector,
        policyName: this.policyName,
        orders: this.orders,
        tier: ctx.tier,
        container: ctx.container ?? this,
        idPrefix: ctx.container ? 'Pool' : '',
        onPolicy: ctx.onPolicy,
      });
    }
    return this.rulesOnce;
  }
}

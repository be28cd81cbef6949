import { Construct } from 'constructs';
import { GlobalNetworkPolicy } from '../policy/global-network-policy';
import { IPeer } from '../policy/peer';
import { Port } from '../policy/port';
import { Action } from '../policy/action';
import { RuleOptions, RuleProps } from '../policy/rule';
import { guardRuleProps, guardShorthandArgs } from '../policy/rule-guards';
import { ITier } from '../policy/tier';
import { Selector } from '../selector';

/**
 * The policy methods of a set of nodes (a node pool or a subset), as methods of a construct that owns them.
 * Every policy method of the pool is one of these, so policy methods are always about the same set of nodes.
 */
export interface INodePolicyScope {
  /** The selector of the host endpoints this scope's policies apply to. */
  readonly selector: Selector;
  /** Name of the allow policy (`<name>`); the deny policy is `<name>-deny`. */
  readonly policyName: string;
  /** The policies this scope created so far (deny policy first). */
  readonly policies: GlobalNetworkPolicy[];
  /** Allows ingress to these nodes from `peer` on `port` (after the baseline). */
  allowIngress(peer: IPeer, port?: Port, options?: RuleOptions): void;
  /** Allows egress from these nodes to `peer` on `port` (after the baseline). */
  allowEgress(peer: IPeer, port?: Port, options?: RuleOptions): void;
  /** Denies ingress to these nodes from `peer` on `port` (before the baseline: the lockout guard checks it). */
  denyIngress(peer: IPeer, port?: Port, options?: RuleOptions): void;
  /** Denies egress from these nodes to `peer` on `port` (before the baseline: the lockout guard checks it). */
  denyEgress(peer: IPeer, port?: Port, options?: RuleOptions): void;
  /**
   * Appends a raw ingress rule, as the Calico policies' `addIngressRule`: a `Deny` rule to the deny policy (before the
   * baseline: the lockout guard checks it), any other action to the allow policy (after the baseline).
   */
  addIngressRule(rule: RuleProps): void;
  /** Appends a raw egress rule, placed by its action as {@link addIngressRule} places it. */
  addEgressRule(rule: RuleProps): void;
}

/** Where and how a {@link NodePolicyRules} creates its two policies. @internal */
export interface NodePolicyRulesOptions {
  /** Construct path of the owner: errors of bad calls name it. */
  readonly where: string;
  readonly selector: Selector;
  /** The allow policy's name; the deny policy is `<policyName>-deny`. */
  readonly policyName: string;
  readonly orders: { readonly deny: number; readonly allow: number };
  readonly tier: ITier;
  /** The construct the policies are created under. */
  readonly container: Construct;
  /** Prefix of the policies' construct ids (`Pool` makes `PoolAllow`, `PoolDeny`). */
  readonly idPrefix: string;
  /** Called with each policy once created (Argo CD waves, ordering before host endpoints). */
  readonly onPolicy: (policy: GlobalNetworkPolicy) => void;
}

/**
 * The rules a scope of nodes adds: each call appends a rule to one of two GlobalNetworkPolicies, `<name>-deny`
 * (evaluated before the pool's baseline) and `<name>` (after it), both selecting the scope's host endpoints in the
 * pool's tier, each created on its first rule. Rules keep the order of the calls within each policy. Not a
 * construct: the pool and its subsets each hold one. @internal
 */
export class NodePolicyRules {
  private allowPolicy?: GlobalNetworkPolicy;
  private denyPolicy?: GlobalNetworkPolicy;

  public constructor(private readonly options: NodePolicyRulesOptions) {}

  public allowIngress(peer: IPeer, port?: Port, options?: RuleOptions): void {
    // Checked before the policy is created, so the error names the scope and a bad call leaves nothing behind.
    guardShorthandArgs(peer, port, options, this.options.where);
    this.allows().allowIngress(peer, port, options);
  }

  public allowEgress(peer: IPeer, port?: Port, options?: RuleOptions): void {
    guardShorthandArgs(peer, port, options, this.options.where);
    this.allows().allowEgress(peer, port, options);
  }

  public denyIngress(peer: IPeer, port?: Port, options?: RuleOptions): void {
    guardShorthandArgs(peer, port, options, this.options.where);
    this.denies().denyIngress(peer, port, options);
  }

  public denyEgress(peer: IPeer, port?: Port, options?: RuleOptions): void {
    guardShorthandArgs(peer, port, options, this.options.where);
    this.denies().denyEgress(peer, port, options);
  }

  public addIngressRule(rule: RuleProps): void {
    guardRuleProps(rule, this.options.where);
    this.policyFor(rule).addIngressRule(rule);
  }

  public addEgressRule(rule: RuleProps): void {
    guardRuleProps(rule, this.options.where);
    this.policyFor(rule).addEgressRule(rule);
  }

  /** The policies created so far, the deny policy first. */
  public get policies(): GlobalNetworkPolicy[] {
    return [this.denyPolicy, this.allowPolicy].filter((p): p is GlobalNetworkPolicy => p !== undefined);
  }

  /**
   * Where a raw rule goes: a Deny before the baseline, like denyIngress; Allow, Log and Pass after it, like
   * allowIngress, so that no raw rule but a Deny (which the lockout guard proves) is evaluated before the baseline.
   */
  private policyFor(rule: RuleProps): GlobalNetworkPolicy {
    return rule.action === Action.DENY ? this.denies() : this.allows();
  }

  private allows(): GlobalNetworkPolicy {
    if (!this.allowPolicy) this.allowPolicy = this.create('Allow', this.options.policyName, this.options.orders.allow);
    return this.allowPolicy;
  }

  private denies(): GlobalNetworkPolicy {
    if (!this.denyPolicy)
      this.denyPolicy = this.create('Deny', `${this.options.policyName}-deny`, this.options.orders.deny);
    return this.denyPolicy;
  }

  private create(id: string, name: string, order: number): GlobalNetworkPolicy {
    const o = this.options;
    const policy = new GlobalNetworkPolicy(o.container, `${o.idPrefix}${id}`, {
      name,
      tier: o.tier,
      order,
      selector: o.selector,
    });
    o.onPolicy(policy);
    return policy;
  }
}

import { Construct } from 'constructs';
import { GlobalNetworkPolicy } from '../policy/global-network-policy';
import { IPeer } from '../policy/peer';
import { Port } from '../policy/port';
import { RuleOptions, RuleProps } from '../policy/rule';
import { Selector } from '../selector';
import { INodePolicyScope, NodePolicyRules } from './node-policy-rules';

/**
 * The rule verbs over a set of nodes, for SecuredNodePool, NodePoolSubset and the deprecated NodePolicyScope: each
 * holds its own rules (composition) and this class only forwards the verbs to it. Not meant to be
 * extended outside this library (its rules are internal).
 */
export abstract class NodeRuleScope extends Construct implements INodePolicyScope {
  /** The selector of the host endpoints this scope's policies apply to. */
  public abstract readonly selector: Selector;
  /** Name of the allow policy (`<name>`); the deny policy is `<name>-deny`. */
  public abstract readonly policyName: string;

  /** Allows ingress to these nodes from `peer` on `port` (after the baseline). */
  public allowIngress(peer: IPeer, port?: Port, options?: RuleOptions): void {
    this._nodeRules().allowIngress(peer, port, options);
  }

  /** Allows egress from these nodes to `peer` on `port` (after the baseline). */
  public allowEgress(peer: IPeer, port?: Port, options?: RuleOptions): void {
    this._nodeRules().allowEgress(peer, port, options);
  }

  /** Denies ingress to these nodes from `peer` on `port` (before the baseline: the lockout guard checks it). */
  public denyIngress(peer: IPeer, port?: Port, options?: RuleOptions): void {
    this._nodeRules().denyIngress(peer, port, options);
  }

  /** Denies egress from these nodes to `peer` on `port` (before the baseline: the lockout guard checks it). */
  public denyEgress(peer: IPeer, port?: Port, options?: RuleOptions): void {
    this._nodeRules().denyEgress(peer, port, options);
  }

  /**
   * Appends a raw ingress rule, as the Calico policies' `addIngressRule`: a Deny rule to `<policyName>-deny` (before
   * the baseline: the lockout guard checks it), any other action to `<policyName>` (after the baseline).
   */
  public addIngressRule(rule: RuleProps): void {
    this._nodeRules().addIngressRule(rule);
  }

  /** Appends a raw egress rule, placed by its action as {@link NodeRuleScope.addIngressRule} places it. */
  public addEgressRule(rule: RuleProps): void {
    this._nodeRules().addEgressRule(rule);
  }

  /** The policies the verbs above created so far (deny policy first; not a pool's baseline). */
  public get policies(): GlobalNetworkPolicy[] {
    return this._nodeRules().policies;
  }

  /** The rules the verbs go to. @internal */
  protected abstract _nodeRules(): NodePolicyRules;
}

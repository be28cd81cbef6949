import { Construct } from 'constructs';
import { CalicoKindBinding, CalicoObject, NamespacedCalicoObjectProps } from '../core/calico-object';
import { compact } from '../core/compact';
import {
  boundaryError,
  constructWhere,
  guardEnum,
  guardNumber,
  guardOptionalArray,
  guardScope,
  rehome,
} from '../model/primitives/guard';
import { defaultPolicyTypes } from '../model/policy/policy-types';
import { Selector } from '../selector';
import { guardOptionalSelector } from '../selector/selector-guard';
import { TIER_LABEL } from '../model/primitives';
import { Action, PolicyType } from './action';
import { IPeer } from './peer';
import { Port } from './port';
import { checkedShorthandRule, renderCheckedRule, RuleJson, RuleOptions, RuleProps } from './rule';
import { guardRuleProps, guardShorthandArgs } from './rule-guards';
import { ITier, Tier } from './tier';
import { guardConstructProps, guardOptionalTier, NAMESPACED_METADATA_KEYS } from './value-guards';
import { policyValidationProbe } from './policy-validation-class';
import type { ValidationClassProbe } from '../validation/synth-validation';
import { CALICO_CRDS_DIR_ENV } from '../validation/schema/crd-loader';

/**
 * The keys of {@link PolicyBaseProps}.
 * @deprecated internal helper that the package root exported by accident; it will leave the public API (no replacement)
 */
export const POLICY_BASE_KEYS: readonly string[] = [
  ...NAMESPACED_METADATA_KEYS,
  'selector',
  'order',
  'tier',
  'types',
  'serviceAccountSelector',
];

/** Checks a policy's scope, id and props before `super()` (so a bad scope is never a TypeError). */
function guardPolicyProps(
  scope: unknown,
  id: unknown,
  kind: string,
  props: PolicyBaseProps | undefined,
  extraKeys: readonly string[],
): PolicyBaseProps {
  guardScope(scope, id, kind);
  const where = constructWhere(scope, id);
  const p = guardConstructProps(props, where, [...POLICY_BASE_KEYS, ...extraKeys]);
  guardOptionalSelector(p.selector, where, 'selector');
  guardOptionalSelector(p.serviceAccountSelector, where, 'serviceAccountSelector');
  // Calico's order is a float64 (`Order *float64`); NaN and Infinity cannot be written in YAML.
  if (p.order !== undefined) guardNumber(p.order, where, 'order');
  guardOptionalTier(p.tier, where, 'tier');
  guardOptionalArray(
    p.types,
    where,
    'types',
    (t, f) => guardEnum(t, PolicyType, where, f, { enumName: 'PolicyType' }),
    { of: 'PolicyType values' },
  );
  return p;
}

/** Props every Calico policy takes. */
export interface PolicyBaseProps extends NamespacedCalicoObjectProps {
  /**
   * Which endpoints the policy applies to.
   * @default Selector.all()
   */
  readonly selector?: Selector;
  /**
   * Order within the tier, ascending; Kubernetes NetworkPolicies sit at 1000 in the default tier.
   * @default - after every ordered policy of the tier
   */
  readonly order?: number;
  /**
   * The tier.
   * @default Tier.DEFAULT
   */
  readonly tier?: ITier;
  /**
   * Directions the policy governs. Always emitted explicitly.
   * @default - as Calico defaults them: Egress only when there are egress rules and no ingress rules, both when
   * there are both, otherwise Ingress
   */
  readonly types?: PolicyType[];
  /**
   * Restrict the policy to pods running as service accounts that match.
   * @default - no restriction
   */
  readonly serviceAccountSelector?: Selector;
}

/**
 * Shared behaviour of GlobalNetworkPolicy, NetworkPolicy and their staged variants: ordered rules added with
 * `allowIngress(peer, port)` and friends, explicit `types`, the tier label.
 */
export abstract class PolicyBase extends CalicoObject {
  /** The tier the policy is in. */
  public readonly tier: ITier;
  /** The policy's endpoint selector. */
  public readonly selector: Selector;
  /** The order within the tier. */
  public readonly order?: number;

  private readonly ingressRules: RuleJson[] = [];
  private readonly egressRules: RuleJson[] = [];
  private readonly explicitTypes?: PolicyType[];
  private readonly serviceAccountSelector?: Selector;

  protected constructor(
    scope: Construct,
    id: string,
    binding: CalicoKindBinding,
    props: PolicyBaseProps,
    extraKeys: string[] = [],
  ) {
    props = guardPolicyProps(scope, id, binding.kind, props, extraKeys);
    const tier = props.tier ?? Tier.DEFAULT;
    super(scope, id, binding, { ...props, labels: { ...props.labels, [TIER_LABEL]: tier.tierName } });
    this.tier = tier;
    this.selector = props.selector ?? Selector.all();
    if (this.selector.usesGlobal()) {
      throw boundaryError(
        this.node.path,
        'selector',
        'global() is not allowed in a policy selector; fix: select host endpoints by their labels',
      );
    }
    this.order = props.order;
    this.explicitTypes = props.types ? Array.from(new Set(props.types)) : undefined;
    this.serviceAccountSelector = props.serviceAccountSelector;
    if (tier instanceof Tier) {
      // kubectl apply in file order must create the tier first.
      this.apiObject.addDependency(tier.apiObject);
    }
  }

  /** Allows ingress from `peer` on `port`. */
  public allowIngress(peer: IPeer, port?: Port, options?: RuleOptions): void {
    this.shorthand(Action.ALLOW, 'ingress', peer, port, options);
  }
  /** Denies ingress from `peer` on `port`. */
  public denyIngress(peer: IPeer, port?: Port, options?: RuleOptions): void {
    this.shorthand(Action.DENY, 'ingress', peer, port, options);
  }
  /** Passes ingress from `peer` on `port` to the next tier. */
  public passIngress(peer: IPeer, port?: Port, options?: RuleOptions): void {
    this.shorthand(Action.PASS, 'ingress', peer, port, options);
  }
  /** Logs ingress from `peer` on `port` and continues. */
  public logIngress(peer: IPeer, port?: Port, options?: RuleOptions): void {
    this.shorthand(Action.LOG, 'ingress', peer, port, options);
  }
  /** Allows egress to `peer` on `port`. */
  public allowEgress(peer: IPeer, port?: Port, options?: RuleOptions): void {
    this.shorthand(Action.ALLOW, 'egress', peer, port, options);
  }
  /** Denies egress to `peer` on `port`. */
  public denyEgress(peer: IPeer, port?: Port, options?: RuleOptions): void {
    this.shorthand(Action.DENY, 'egress', peer, port, options);
  }
  /** Passes egress to `peer` on `port` to the next tier. */
  public passEgress(peer: IPeer, port?: Port, options?: RuleOptions): void {
    this.shorthand(Action.PASS, 'egress', peer, port, options);
  }
  /** Logs egress to `peer` on `port` and continues. */
  public logEgress(peer: IPeer, port?: Port, options?: RuleOptions): void {
    this.shorthand(Action.LOG, 'egress', peer, port, options);
  }

  /** Appends an ingress rule (rules keep the order they were added in). */
  public addIngressRule(rule: RuleProps): void {
    guardRuleProps(rule, this.node.path);
    this.append(rule, 'ingress');
  }

  /** Appends an egress rule (rules keep the order they were added in). */
  public addEgressRule(rule: RuleProps): void {
    guardRuleProps(rule, this.node.path);
    this.append(rule, 'egress');
  }

  /** The directions the policy will be emitted with. */
  public get types(): PolicyType[] {
    if (this.explicitTypes) return [...this.explicitTypes];
    const d = defaultPolicyTypes(this.ingressRules.length > 0, this.egressRules.length > 0);
    if (d.ingress && d.egress) return [PolicyType.INGRESS, PolicyType.EGRESS];
    return d.egress ? [PolicyType.EGRESS] : [PolicyType.INGRESS];
  }

  /**
   * Policies that differ only in names, CIDRs, selector literals and rule descriptions validate alike
   * (policy-validation-class.ts). Not with CRDs of the user's own folder, whose schema may read those values. @internal
   */
  protected _validationClass(): ValidationClassProbe | undefined {
    return process.env[CALICO_CRDS_DIR_ENV] ? undefined : policyValidationProbe(this.toManifest());
  }

  /** Kind-specific spec fields (preDNAT, stagedAction...). */
  protected extraSpec(): { [key: string]: unknown } {
    return {};
  }

  protected renderSpec(): any {
    const extra = this.extraSpec();
    if (extra.stagedAction === 'Delete') {
      // Calico requires every spec field but tier to be empty when staging a deletion.
      return { tier: this.tier.tierName, stagedAction: extra.stagedAction };
    }
    const spec: any = compact({
      tier: this.tier.tierName,
      order: this.order,
      selector: this.selector.toString(),
      serviceAccountSelector: this.serviceAccountSelector?.toString(),
      types: this.types,
      ...extra,
    });
    if (this.ingressRules.length > 0) spec.ingress = [...this.ingressRules];
    if (this.egressRules.length > 0) spec.egress = [...this.egressRules];
    return spec;
  }

  private render(rule: RuleProps, direction: string): RuleJson {
    try {
      // Every rule reaching here was guarded once: addIngressRule/addEgressRule or the shorthand's arguments.
      return renderCheckedRule(rule);
    } catch (e) {
      throw rehome(
        e,
        this.node.path,
        `spec.${direction}[${direction === 'ingress' ? this.ingressRules.length : this.egressRules.length}]`,
      );
    }
  }

  /** A shorthand rule, its arguments checked first (`peer` undefined or null must not mean "from anywhere"). */
  private shorthand(
    action: Action,
    direction: 'ingress' | 'egress',
    peer: IPeer,
    port: Port | undefined,
    options: RuleOptions | undefined,
  ): void {
    guardShorthandArgs(peer, port, options, this.node.path);
    // Built from the arguments guarded above, so the rule needs no second guardRuleProps (a hot path:
    // bench/services.ts).
    this.append(checkedShorthandRule(action, direction, peer, port, options), direction);
  }

  private append(rule: RuleProps, direction: 'ingress' | 'egress'): void {
    (direction === 'ingress' ? this.ingressRules : this.egressRules).push(this.render(rule, direction));
    this.touch();
  }
}

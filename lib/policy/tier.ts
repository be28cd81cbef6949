import { Construct } from 'constructs';
import * as v3 from '../../imports/calico-projectcalico.org';
import { CalicoObject, CalicoObjectProps } from '../core/calico-object';
import { isTierName } from '../validation/rules/names';

/** A Calico tier, owned by this app or not. */
export interface ITier {
  /** The tier's name (`default` for the built-in default tier). */
  readonly tierName: string;
}

/** What happens to traffic that no policy of a tier decided. */
export enum TierDefaultAction {
  /** Drop it (Calico's default). */
  DENY = 'Deny',
  /** Continue with the next tier. */
  PASS = 'Pass',
}

/** Props of {@link Tier}. */
export interface TierProps extends CalicoObjectProps {
  /**
   * Evaluation order among tiers, ascending. Built-in tiers: `kube-admin` 1,000, `default` 1,000,000,
   * `kube-baseline` 10,000,000.
   * @default - evaluated after every ordered tier
   */
  readonly order?: number;
  /**
   * What happens to traffic no policy of this tier allowed, denied or passed, when some policy of the tier selects
   * the endpoint.
   * @default TierDefaultAction.DENY
   */
  readonly defaultAction?: TierDefaultAction;
}

class ImportedTier implements ITier {
  constructor(public readonly tierName: string) {}
}

/** A Calico `Tier`: an ordered group of policies. */
export class Tier extends CalicoObject implements ITier {
  /** The built-in `default` tier (where Kubernetes NetworkPolicies live, at order 1000). */
  public static readonly DEFAULT: ITier = new ImportedTier('default');

  /** References a tier this app does not define. */
  public static fromTierName(name: string): ITier {
    if (!isTierName(name)) {
      throw new Error(`Tier.fromTierName("${name}"): a tier name must be a DNS-1123 label (at most 63 characters, no dots)`);
    }
    return new ImportedTier(name);
  }

  /** The tier's name. */
  public readonly tierName: string;
  /** Evaluation order. */
  public readonly order?: number;
  /** Default action. */
  public readonly defaultAction: TierDefaultAction;

  public constructor(scope: Construct, id: string, props: TierProps = {}) {
    super(scope, id, {
      kind: 'Tier',
      generated: v3.Tier,
    }, props);
    this.tierName = this.name;
    this.order = props.order;
    this.defaultAction = props.defaultAction ?? TierDefaultAction.DENY;
    this.validateNow();
  }

  protected renderSpec(): any {
    return { defaultAction: this.defaultAction, order: this.order };
  }
}

import { Construct } from 'constructs';
import * as v3 from '../../imports/calico-projectcalico.org';
import { CalicoObject, CalicoObjectProps } from '../core/calico-object';
import {
  constructWhere,
  guardNumber,
  guardOptionalEnum,
  guardScope,
  guardString,
  rejectInput,
} from '../model/primitives/guard';
import { isTierName } from '../model/primitives';
import { guardConstructProps, METADATA_KEYS } from './value-guards';

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

function guardTierProps(scope: unknown, id: unknown, props: TierProps | undefined): TierProps {
  guardScope(scope, id, 'Tier');
  const where = constructWhere(scope, id);
  const p = guardConstructProps(props, where, [...METADATA_KEYS, 'order', 'defaultAction']);
  // Calico's tier order is a float64 (`Order *float64`); NaN and Infinity cannot be written.
  if (p.order !== undefined) guardNumber(p.order, where, 'order');
  return p;
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
    guardString(name, 'Tier.fromTierName', 'name', { expected: 'a tier name' });
    if (!isTierName(name)) {
      rejectInput(
        'Tier.fromTierName',
        'name',
        'a tier name (a DNS-1123 label)',
        name,
        'use at most 63 lowercase letters, digits and "-", no dots',
      );
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
    props = guardTierProps(scope, id, props);
    super(
      scope,
      id,
      {
        kind: 'Tier',
        generated: v3.Tier,
      },
      props,
    );
    this.tierName = this.name;
    this.order = props.order;
    this.defaultAction =
      guardOptionalEnum(props.defaultAction, TierDefaultAction, this.node.path, 'defaultAction', {
        enumName: 'TierDefaultAction',
      }) ?? TierDefaultAction.DENY;
    this.validateNow();
  }

  protected renderSpec(): any {
    return { defaultAction: this.defaultAction, order: this.order };
  }
}

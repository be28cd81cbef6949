import { Construct } from 'constructs';
import * as v3 from '../../imports/calico-projectcalico.org';
import { CalicoKindBinding, CalicoObject, CalicoObjectProps, NamespacedCalicoObjectProps } from '../core/calico-object';

/** Props of {@link GlobalNetworkSet}. */
export interface GlobalNetworkSetProps extends CalicoObjectProps {
  /** CIDRs or bare IPs (unlike rule nets, these need not be strictly masked). */
  readonly nets: string[];
}

/** Props of {@link NetworkSet}. */
export interface NetworkSetProps extends NamespacedCalicoObjectProps {
  /** CIDRs or bare IPs. */
  readonly nets: string[];
}

abstract class NetworkSetBase extends CalicoObject {
  private readonly nets: string[];

  protected constructor(scope: Construct, id: string, binding: CalicoKindBinding, props: NetworkSetProps) {
    super(scope, id, binding, props);
    this.nets = [...props.nets];
    this.validateNow();
  }

  /** Adds networks to the set. */
  public addNets(...nets: string[]): void {
    this.nets.push(...nets);
    this.touch();
  }

  protected renderSpec(): any {
    return { nets: [...this.nets] };
  }
}

/**
 * A Calico `GlobalNetworkSet`: a labelled list of external networks that policies select with
 * `Peer.selector(...)` (from a namespaced policy, together with `Peer.globalEndpoints()`).
 */
export class GlobalNetworkSet extends NetworkSetBase {
  public constructor(scope: Construct, id: string, props: GlobalNetworkSetProps) {
    super(scope, id, {
      kind: 'GlobalNetworkSet',
      generated: v3.GlobalNetworkSet,
    }, props);
  }
}

/** A Calico `NetworkSet`: like {@link GlobalNetworkSet}, visible to the policies of its namespace. */
export class NetworkSet extends NetworkSetBase {
  public constructor(scope: Construct, id: string, props: NetworkSetProps) {
    super(scope, id, {
      kind: 'NetworkSet',
      generated: v3.NetworkSet,
    }, props);
  }
}

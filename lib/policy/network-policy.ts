import { Construct } from 'constructs';
import * as v3 from '../../imports/calico-projectcalico.org';
import { CalicoKindBinding } from '../core/calico-object';
import { guardOptionalEnum } from '../model/primitives/guard';
import { StagedAction } from './global-network-policy';
import { PolicyBase, PolicyBaseProps } from './policy-base';

/** Props of {@link NetworkPolicy}. */
export interface NetworkPolicyProps extends PolicyBaseProps {}

/** Props of {@link StagedNetworkPolicy}. */
export interface StagedNetworkPolicyProps extends NetworkPolicyProps {
  /**
   * What staging this policy previews.
   * @default StagedAction.SET
   */
  readonly stagedAction?: StagedAction;
}

function binding(kind: 'NetworkPolicy' | 'StagedNetworkPolicy'): CalicoKindBinding {
  return {
    kind,
    generated: kind === 'NetworkPolicy' ? v3.NetworkPolicy : v3.StagedNetworkPolicy,
  };
}

/**
 * A Calico namespaced `NetworkPolicy` (projectcalico.org/v3, not the Kubernetes one): ordered rules with
 * Deny/Pass/Log actions for the workloads of one namespace. Rule selectors are scoped to that namespace unless
 * combined with `Peer.namespace(...)` or `Peer.globalEndpoints()`.
 */
export class NetworkPolicy extends PolicyBase {
  public constructor(scope: Construct, id: string, props: NetworkPolicyProps = {}) {
    super(scope, id, binding('NetworkPolicy'), props);
  }
}

/** A Calico `StagedNetworkPolicy`: previewed in flow logs, never enforced. */
export class StagedNetworkPolicy extends PolicyBase {
  /** What the staging previews. */
  public readonly stagedAction: StagedAction;

  public constructor(scope: Construct, id: string, props: StagedNetworkPolicyProps = {}) {
    super(scope, id, binding('StagedNetworkPolicy'), props, ['stagedAction']);
    this.stagedAction =
      guardOptionalEnum(props.stagedAction, StagedAction, this.node.path, 'stagedAction', {
        enumName: 'StagedAction',
      }) ?? StagedAction.SET;
  }

  protected extraSpec(): { [key: string]: unknown } {
    return { stagedAction: this.stagedAction };
  }
}

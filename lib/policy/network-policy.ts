import { Construct } from 'constructs';
import * as v3 from '../../imports/calico-projectcalico.org';
import { CalicoKindBinding, lazySpec } from '../core/calico-object';
import { StagedAction } from './global-network-policy';
import { PolicyBase, PolicyBaseProps } from './policy-base';
import { policySpecToL1 } from './policy-l1';

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
    createResource: (scope, metadata, spec) => {
      const props = { metadata, spec: lazySpec(() => policySpecToL1(kind, spec())) };
      return kind === 'NetworkPolicy'
        ? new v3.NetworkPolicy(scope, 'Resource', props)
        : new v3.StagedNetworkPolicy(scope, 'Resource', props);
    },
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
    super(scope, id, binding('StagedNetworkPolicy'), props);
    this.stagedAction = props.stagedAction ?? StagedAction.SET;
  }

  protected extraSpec(): { [key: string]: unknown } {
    return { stagedAction: this.stagedAction };
  }
}

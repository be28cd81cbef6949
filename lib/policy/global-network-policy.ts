import { Construct } from 'constructs';
import * as v3 from '../../imports/calico-projectcalico.org';
import { CalicoKindBinding } from '../core/calico-object';
import { boundaryError, guardOptionalBoolean, guardOptionalEnum } from '../model/primitives/guard';
import { Selector } from '../selector';
import { guardOptionalSelector } from '../selector/selector-guard';
import { PolicyBase, PolicyBaseProps } from './policy-base';

/** Props of {@link GlobalNetworkPolicy}. */
export interface GlobalNetworkPolicyProps extends PolicyBaseProps {
  /**
   * Evaluate before kube-proxy's DNAT, on traffic arriving at host endpoints (ingress only; needs
   * `applyOnForward`). preDNAT policies never drop by default: add explicit Deny rules.
   * @default false
   */
  readonly preDnat?: boolean;
  /**
   * Also apply to traffic forwarded through host endpoints (to and from local pods, between host endpoints).
   * @default false
   */
  readonly applyOnForward?: boolean;
  /**
   * Evaluate in the raw table without connection tracking (needs `applyOnForward`; not on `*` host endpoints).
   * @default false
   */
  readonly doNotTrack?: boolean;
  /**
   * Restrict the policy to endpoints in namespaces whose labels match.
   * @default - every namespace and the non-namespaced endpoints
   */
  readonly namespaceSelector?: Selector;
}

/** Options of the staged variant. */
export interface StagedGlobalNetworkPolicyProps extends GlobalNetworkPolicyProps {
  /**
   * What staging this policy previews.
   * @default StagedAction.SET
   */
  readonly stagedAction?: StagedAction;
}

/** What a staged policy previews (`spec.stagedAction`). */
export enum StagedAction {
  /** Preview the policy as if it were created or updated. */
  SET = 'Set',
  /** Preview deleting the enforced policy of the same name (every spec field but tier must be empty). */
  DELETE = 'Delete',
  /** Learn mode. */
  LEARN = 'Learn',
  /** Ignore. */
  IGNORE = 'Ignore',
}

function binding(kind: 'GlobalNetworkPolicy' | 'StagedGlobalNetworkPolicy'): CalicoKindBinding {
  return {
    kind,
    generated: kind === 'GlobalNetworkPolicy' ? v3.GlobalNetworkPolicy : v3.StagedGlobalNetworkPolicy,
  };
}

const GLOBAL_KEYS = ['preDnat', 'applyOnForward', 'doNotTrack', 'namespaceSelector'];

abstract class GlobalPolicyBase extends PolicyBase {
  /** Whether the policy is evaluated before DNAT. */
  public readonly preDnat: boolean;
  /** Whether the policy applies to forwarded traffic. */
  public readonly applyOnForward: boolean;
  /** Whether the policy bypasses connection tracking. */
  public readonly doNotTrack: boolean;
  private readonly namespaceSelector?: Selector;

  protected constructor(
    scope: Construct,
    id: string,
    kind: 'GlobalNetworkPolicy' | 'StagedGlobalNetworkPolicy',
    props: GlobalNetworkPolicyProps,
    extraKeys: readonly string[] = [],
  ) {
    super(scope, id, binding(kind), props, [...GLOBAL_KEYS, ...extraKeys]);
    props = props ?? {};
    const where = this.node.path;
    this.preDnat = guardOptionalBoolean(props.preDnat, where, 'preDnat') ?? false;
    this.applyOnForward = guardOptionalBoolean(props.applyOnForward, where, 'applyOnForward') ?? false;
    this.doNotTrack = guardOptionalBoolean(props.doNotTrack, where, 'doNotTrack') ?? false;
    this.namespaceSelector = guardOptionalSelector(props.namespaceSelector, where, 'namespaceSelector');
    if (this.namespaceSelector?.usesGlobal()) {
      throw boundaryError(
        where,
        'namespaceSelector',
        'global() is not allowed in a GlobalNetworkPolicy namespaceSelector; fix: select namespaces by their labels',
      );
    }
  }

  protected extraSpec(): { [key: string]: unknown } {
    return {
      namespaceSelector: this.namespaceSelector?.toString(),
      preDNAT: this.preDnat || undefined,
      applyOnForward: this.applyOnForward || undefined,
      doNotTrack: this.doNotTrack || undefined,
    };
  }
}

/**
 * A Calico `GlobalNetworkPolicy`: ordered rules for workloads and host endpoints across all namespaces.
 *
 * ```ts
 * const ssh = new GlobalNetworkPolicy(chart, 'AllowSsh', { selector: Selector.has('kubernetes-host'), order: 100 });
 * ssh.allowIngress(Peer.nets('192.168.10.0/24'), Port.tcp(22), { description: 'admin network' });
 * ```
 */
export class GlobalNetworkPolicy extends GlobalPolicyBase {
  public constructor(scope: Construct, id: string, props: GlobalNetworkPolicyProps = {}) {
    super(scope, id, 'GlobalNetworkPolicy', props);
  }
}

/** A `StagedGlobalNetworkPolicy`: reported in flow logs as if enforced, never enforced. */
export class StagedGlobalNetworkPolicy extends GlobalPolicyBase {
  /** What the staging previews. */
  public readonly stagedAction: StagedAction;

  public constructor(scope: Construct, id: string, props: StagedGlobalNetworkPolicyProps = {}) {
    super(scope, id, 'StagedGlobalNetworkPolicy', props, ['stagedAction']);
    this.stagedAction =
      guardOptionalEnum(props.stagedAction, StagedAction, this.node.path, 'stagedAction', {
        enumName: 'StagedAction',
      }) ?? StagedAction.SET;
  }

  protected extraSpec(): { [key: string]: unknown } {
    return { ...super.extraSpec(), stagedAction: this.stagedAction };
  }
}

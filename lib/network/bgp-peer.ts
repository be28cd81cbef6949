import { Construct } from 'constructs';
import * as v3 from '../../imports/calico-projectcalico.org';
import { CalicoObject, CalicoObjectProps } from '../core/calico-object';
import { compact } from '../core/compact';
import { Selector } from '../selector';

/** Props of {@link BgpPeer}. */
export interface BgpPeerProps extends CalicoObjectProps {
  /**
   * The peer's address (optionally `ip:port`). Exclusive with `peerSelector`.
   * @default - none
   */
  readonly peerIp?: string;
  /**
   * The peer's AS number (with `peerIp`).
   * @default - none
   */
  readonly asNumber?: number;
  /**
   * Calico nodes to peer with, by label. Exclusive with `peerIp`.
   * @default - none
   */
  readonly peerSelector?: Selector;
  /**
   * Which Calico nodes peer (exclusive with `node`).
   * @default - every node
   */
  readonly nodeSelector?: Selector;
  /**
   * One Calico node that peers.
   * @default - every node
   */
  readonly node?: string;
}

/** A Calico `BGPPeer`. */
export class BgpPeer extends CalicoObject {
  private readonly props: BgpPeerProps;

  public constructor(scope: Construct, id: string, props: BgpPeerProps) {
    super(scope, id, {
      kind: 'BGPPeer',
      generated: v3.BgpPeer,
    }, props);
    this.props = props;
    this.validateNow();
  }

  protected renderSpec(): any {
    const p = this.props;
    return compact({
      peerIP: p.peerIp,
      asNumber: p.asNumber,
      peerSelector: p.peerSelector?.toString(),
      nodeSelector: p.nodeSelector?.toString(),
      node: p.node,
    });
  }
}

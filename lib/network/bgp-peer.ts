import { Construct } from 'constructs';
import * as v3 from '../../imports/calico-projectcalico.org';
import { CalicoObject, CalicoObjectProps } from '../core/calico-object';
import { compact } from '../core/compact';
import { constructWhere, guardInteger, guardOptionalString, guardScope } from '../model/primitives/guard';
import { guardConstructProps, METADATA_KEYS } from '../policy/value-guards';
import { Selector } from '../selector';
import { guardOptionalSelector } from '../selector/selector-guard';

const BGP_PEER_KEYS = [...METADATA_KEYS, 'peerIp', 'asNumber', 'peerSelector', 'nodeSelector', 'node'];

/** Checks the scope, id and props before `super()`; address and exclusivity rules are checked by validateNow. */
function guardBgpPeerProps(scope: unknown, id: unknown, props: BgpPeerProps | undefined): BgpPeerProps {
  guardScope(scope, id, 'BgpPeer');
  const where = constructWhere(scope, id);
  const p = guardConstructProps(props, where, BGP_PEER_KEYS);
  guardOptionalString(p.peerIp, where, 'peerIp', { expected: 'an IP address (optionally ip:port)' });
  if (p.asNumber !== undefined) guardInteger(p.asNumber, where, 'asNumber', { min: 0, max: 4294967295 });
  guardOptionalSelector(p.peerSelector, where, 'peerSelector');
  guardOptionalSelector(p.nodeSelector, where, 'nodeSelector');
  guardOptionalString(p.node, where, 'node', { expected: 'a Calico node name' });
  return p;
}

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
  private readonly settings: BgpPeerProps;

  public constructor(scope: Construct, id: string, props: BgpPeerProps) {
    props = guardBgpPeerProps(scope, id, props);
    super(
      scope,
      id,
      {
        kind: 'BGPPeer',
        generated: v3.BgpPeer,
      },
      props,
    );
    this.settings = props;
    this.validateNow();
  }

  protected renderSpec(): any {
    const p = this.settings;
    return compact({
      peerIP: p.peerIp,
      asNumber: p.asNumber,
      peerSelector: p.peerSelector?.toString(),
      nodeSelector: p.nodeSelector?.toString(),
      node: p.node,
    });
  }
}

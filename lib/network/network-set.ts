import { Construct } from 'constructs';
import * as v3 from '../../imports/calico-projectcalico.org';
import { CalicoKindBinding, CalicoObject, CalicoObjectProps, NamespacedCalicoObjectProps } from '../core/calico-object';
import { constructWhere, guardArray, guardRest, guardScope, guardString } from '../core/guard';
import { guardConstructProps, METADATA_KEYS, NAMESPACED_METADATA_KEYS } from '../policy/value-guards';

const NET_EXPECTED = 'a CIDR or IP such as 10.0.0.0/8';

/** Checks the scope, id and props before `super()`; the CIDRs themselves are checked by validateNow. */
function guardSetProps(scope: unknown, id: unknown, kind: string, props: NetworkSetProps | undefined): NetworkSetProps {
  guardScope(scope, id, kind);
  const where = constructWhere(scope, id);
  const p = guardConstructProps(props, where, [...(kind === 'NetworkSet' ? NAMESPACED_METADATA_KEYS : METADATA_KEYS), 'nets']);
  guardArray(p.nets, where, 'nets', (n, f) => guardString(n, where, f, { expected: NET_EXPECTED }), { of: 'CIDRs' });
  return p;
}

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
    props = guardSetProps(scope, id, binding.kind, props);
    super(scope, id, binding, props);
    this.nets = [...props.nets];
    this.validateNow();
  }

  /** Adds networks to the set. */
  public addNets(...nets: string[]): void {
    const where = this.node.path;
    // Checked for shape here; the CIDRs are validated with the object at synth (`[path] spec.nets[i]`).
    this.nets.push(...guardRest(nets, where, 'addNets(nets)', (n, f) => guardString(n, where, f, { expected: NET_EXPECTED }), { of: 'CIDRs', minLength: 1 }));
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

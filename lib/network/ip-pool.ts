import { Construct } from 'constructs';
import * as v3 from '../../imports/calico-projectcalico.org';
import { CalicoObject, CalicoObjectProps } from '../core/calico-object';
import { compact } from '../core/compact';
import { Selector } from '../selector';

/** How traffic between pods on different nodes is encapsulated. */
export enum EncapsulationMode {
  /** Always encapsulate. */
  ALWAYS = 'Always',
  /** Encapsulate only across subnets. */
  CROSS_SUBNET = 'CrossSubnet',
  /** Never encapsulate (plain BGP routing). */
  NEVER = 'Never',
}

/** What addresses of a pool may be used for. */
export enum IpPoolUse {
  /** Pod addresses. */
  WORKLOAD = 'Workload',
  /** Tunnel device addresses. */
  TUNNEL = 'Tunnel',
  /** LoadBalancer service addresses (exclusive). */
  LOAD_BALANCER = 'LoadBalancer',
}

/** Props of {@link IpPool}. */
export interface IpPoolProps extends CalicoObjectProps {
  /** The pool's CIDR, strictly masked (immutable once created). */
  readonly cidr: string;
  /**
   * Block size allocated to each node (immutable): 20-32 for IPv4, 116-128 for IPv6.
   * @default 26 for IPv4, 122 for IPv6
   */
  readonly blockSize?: number;
  /**
   * IPIP encapsulation (IPv4 only; exclusive with VXLAN).
   * @default EncapsulationMode.NEVER
   */
  readonly ipipMode?: EncapsulationMode;
  /**
   * VXLAN encapsulation (exclusive with IPIP).
   * @default EncapsulationMode.NEVER
   */
  readonly vxlanMode?: EncapsulationMode;
  /**
   * SNAT traffic leaving the pool for destinations outside all pools.
   * @default false
   */
  readonly natOutgoing?: boolean;
  /**
   * Stop allocating from this pool.
   * @default false
   */
  readonly disabled?: boolean;
  /**
   * Do not export the pool's routes over BGP.
   * @default false
   */
  readonly disableBgpExport?: boolean;
  /**
   * Nodes that may allocate from the pool.
   * @default Selector.all()
   */
  readonly nodeSelector?: Selector;
  /**
   * Namespaces whose pods may allocate from the pool.
   * @default - every namespace
   */
  readonly namespaceSelector?: Selector;
  /**
   * Uses of the pool's addresses.
   * @default [IpPoolUse.WORKLOAD, IpPoolUse.TUNNEL]
   */
  readonly allowedUses?: IpPoolUse[];
}

/**
 * A Calico `IPPool`, emitted with Calico's defaults filled in (blockSize, modes, nodeSelector, allowedUses,
 * assignmentMode) so the synthesized YAML is what the cluster will hold.
 */
export class IpPool extends CalicoObject {
  /** The pool's CIDR. */
  public readonly cidr: string;
  private readonly props: IpPoolProps;

  public constructor(scope: Construct, id: string, props: IpPoolProps) {
    super(scope, id, {
      kind: 'IPPool',
      generated: v3.IpPool,
    }, props);
    this.cidr = props.cidr;
    this.props = props;
    this.validateNow();
  }

  protected renderSpec(): any {
    const p = this.props;
    const v6 = p.cidr.includes(':');
    return compact({
      cidr: p.cidr,
      blockSize: p.blockSize ?? (v6 ? 122 : 26),
      ipipMode: p.ipipMode ?? EncapsulationMode.NEVER,
      vxlanMode: p.vxlanMode ?? EncapsulationMode.NEVER,
      natOutgoing: p.natOutgoing ?? false,
      disabled: p.disabled ?? false,
      disableBGPExport: p.disableBgpExport,
      nodeSelector: (p.nodeSelector ?? Selector.all()).toString(),
      namespaceSelector: p.namespaceSelector?.toString(),
      allowedUses: p.allowedUses ? [...p.allowedUses] : [IpPoolUse.WORKLOAD, IpPoolUse.TUNNEL],
      assignmentMode: 'Automatic',
    });
  }
}

import { Construct } from 'constructs';
import * as v3 from '../../imports/calico-projectcalico.org';
import { CalicoObject, CalicoObjectProps } from '../core/calico-object';
import { compact } from '../core/compact';
import {
  boundaryError,
  constructWhere,
  guardEnum,
  guardInteger,
  guardOptionalArray,
  guardOptionalBoolean,
  guardOptionalEnum,
  guardScope,
  guardString,
} from '../model/primitives/guard';
import { guardConstructProps, METADATA_KEYS } from '../policy/value-guards';
import { Selector } from '../selector';
import { guardOptionalSelector } from '../selector/selector-guard';
import { cidrsOverlap, formatCidr, parseCidr } from '../model/primitives/cidr';

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

const COMMON_KEYS = [
  ...METADATA_KEYS,
  'cidr',
  'blockSize',
  'natOutgoing',
  'disabled',
  'disableBgpExport',
  'nodeSelector',
  'namespaceSelector',
  'allowedUses',
];
const POOL_KEYS = [...COMMON_KEYS, 'ipipMode', 'vxlanMode'];
const ENCAPSULATED_KEYS = [...COMMON_KEYS, 'crossSubnet'];
const LOAD_BALANCER_KEYS = [...METADATA_KEYS, 'cidr', 'blockSize', 'disabled'];

/**
 * Checks a pool's (or preset's) scope, id and props before `super()`: shapes and enums here, Calico's pool rules
 * (strict CIDR, block size range, ...) in validateNow. `known` are the keys the entry point takes.
 */
function guardPoolProps<T extends object>(
  scope: unknown,
  id: unknown,
  props: T | undefined,
  known: readonly string[],
): T {
  guardScope(scope, id, 'IpPool');
  const where = constructWhere(scope, id);
  const p = guardConstructProps(props, where, known) as Record<string, unknown>;
  guardString(p.cidr, where, 'cidr', { expected: 'a CIDR such as 10.244.0.0/16' });
  if (p.blockSize !== undefined) guardInteger(p.blockSize, where, 'blockSize');
  for (const key of ['natOutgoing', 'disabled', 'disableBgpExport', 'crossSubnet'])
    guardOptionalBoolean(p[key], where, key);
  guardOptionalSelector(p.nodeSelector, where, 'nodeSelector');
  guardOptionalSelector(p.namespaceSelector, where, 'namespaceSelector');
  guardOptionalArray(
    p.allowedUses,
    where,
    'allowedUses',
    (u, f) => guardEnum(u, IpPoolUse, where, f, { enumName: 'IpPoolUse' }),
    { of: 'IpPoolUse values' },
  );
  guardOptionalEnum(p.ipipMode, EncapsulationMode, where, 'ipipMode', { enumName: 'EncapsulationMode' });
  guardOptionalEnum(p.vxlanMode, EncapsulationMode, where, 'vxlanMode', { enumName: 'EncapsulationMode' });
  return props ?? ({} as T);
}

/** Canonical order of `allowedUses` (the list is a set in the CRD, so order carries no meaning). */
const USE_ORDER: readonly IpPoolUse[] = [IpPoolUse.WORKLOAD, IpPoolUse.TUNNEL, IpPoolUse.LOAD_BALANCER];

/** The fields every pool preset shares with {@link IpPoolProps} (everything but the encapsulation). */
export interface IpPoolCommonProps extends CalicoObjectProps {
  /** The pool's CIDR, strictly masked (immutable once created). */
  readonly cidr: string;
  /**
   * Block size allocated to each node (immutable): 20-32 for IPv4, 116-128 for IPv6.
   * @default 26 for IPv4, 122 for IPv6
   */
  readonly blockSize?: number;
  /**
   * SNAT traffic leaving the pool for destinations outside all pools (pods reaching the internet through the
   * node's address; the BGP pool of docs/scenarios.md#004 sets it).
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
   * Namespaces whose pods may allocate from the pool (not with the Tunnel use).
   * @default - every namespace
   */
  readonly namespaceSelector?: Selector;
  /**
   * Uses of the pool's addresses (a set: emitted deduplicated in the order Workload, Tunnel, LoadBalancer).
   * @default [IpPoolUse.WORKLOAD, IpPoolUse.TUNNEL]
   */
  readonly allowedUses?: IpPoolUse[];
}

/** Props of {@link IpPool}. */
export interface IpPoolProps extends IpPoolCommonProps {
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
}

/** Props of the encapsulating presets {@link IpPool.ipip} and {@link IpPool.vxlan}. */
export interface EncapsulatedIpPoolProps extends IpPoolCommonProps {
  /**
   * Encapsulate only traffic between nodes in different subnets (`CrossSubnet`); traffic inside a subnet is
   * routed natively, which needs nodes of one subnet to share an L2 segment (or routes to each other's blocks).
   * @default false (`Always`)
   */
  readonly crossSubnet?: boolean;
}

/** Props of {@link IpPool.loadBalancer}. */
export interface LoadBalancerIpPoolProps extends CalicoObjectProps {
  /** The CIDR LoadBalancer Service addresses are assigned from, strictly masked. */
  readonly cidr: string;
  /**
   * Block size (immutable): 20-32 for IPv4, 116-128 for IPv6.
   * @default 26 for IPv4, 122 for IPv6
   */
  readonly blockSize?: number;
  /**
   * Stop assigning from this pool.
   * @default false
   */
  readonly disabled?: boolean;
}

/**
 * A Calico `IPPool`, emitted with Calico's defaults filled in (blockSize, modes, nodeSelector, allowedUses,
 * assignmentMode) so the synthesized YAML is what the cluster will hold. Every rule Calico applies to a pool
 * (`validateIPPoolSpec`, clientv3 ippool.go `validateAndSetDefaults`, IPPool CRD CEL: strict CIDR, block size range,
 * IPIP not on IPv6, not IPIP and VXLAN together, the LoadBalancer limits, Tunnel without namespaceSelector) throws at
 * construction; two pools of the app that overlap fail at synth.
 *
 * The static factories are the modes docs/scenarios.md#004 compares: {@link IpPool.bgp}, {@link IpPool.ipip},
 * {@link IpPool.vxlan}, plus {@link IpPool.loadBalancer}.
 */
export class IpPool extends CalicoObject {
  /**
   * Plain BGP routing (`ipipMode: Never`, `vxlanMode: Never`): no encapsulation overhead and pod addresses are
   * visible on the wire, but the network between nodes must route the pod blocks (BGP peering with the fabric, a
   * node-to-node mesh or route reflectors, all nodes in one L2 segment). The production default of
   * docs/scenarios.md#004, usually with `natOutgoing: true`.
   */
  public static bgp(scope: Construct, id: string, props: IpPoolCommonProps): IpPool {
    guardPoolProps(scope, id, props, COMMON_KEYS);
    return new IpPool(scope, id, { ...props, ipipMode: EncapsulationMode.NEVER, vxlanMode: EncapsulationMode.NEVER });
  }

  /**
   * IP-in-IP encapsulation (`ipipMode: Always`, or `CrossSubnet` with `crossSubnet: true`): works across subnets
   * that do not route pod addresses (public clouds), at the cost of 20 bytes per packet; still needs BGP between the
   * nodes for routes, and IP protocol 4 allowed between them. IPv4 only: an IPv6 CIDR throws (use {@link
   * IpPool.vxlan}).
   */
  public static ipip(scope: Construct, id: string, props: EncapsulatedIpPoolProps): IpPool {
    guardPoolProps(scope, id, props, ENCAPSULATED_KEYS);
    if (props.cidr.includes(':')) {
      throw boundaryError(
        constructWhere(scope, id),
        'spec.ipipMode',
        `IPIP cannot encapsulate the IPv6 pool ${props.cidr}; fix: use IpPool.vxlan for IPv6 pools`,
      );
    }
    const { crossSubnet, ...rest } = props;
    return new IpPool(scope, id, {
      ...rest,
      ipipMode: crossSubnet ? EncapsulationMode.CROSS_SUBNET : EncapsulationMode.ALWAYS,
      vxlanMode: EncapsulationMode.NEVER,
    });
  }

  /**
   * VXLAN encapsulation (`vxlanMode: Always`, or `CrossSubnet` with `crossSubnet: true`): needs no BGP at all
   * (Felix programs the routes), works for IPv4 and IPv6 and across any underlay that passes UDP 4789, at the cost
   * of 50 bytes per packet.
   */
  public static vxlan(scope: Construct, id: string, props: EncapsulatedIpPoolProps): IpPool {
    guardPoolProps(scope, id, props, ENCAPSULATED_KEYS);
    const { crossSubnet, ...rest } = props;
    return new IpPool(scope, id, {
      ...rest,
      ipipMode: EncapsulationMode.NEVER,
      vxlanMode: crossSubnet ? EncapsulationMode.CROSS_SUBNET : EncapsulationMode.ALWAYS,
    });
  }

  /**
   * A pool for LoadBalancer Service addresses (`allowedUses: [LoadBalancer]`) as Calico requires it: no
   * encapsulation, every node (`nodeSelector: all()`), exported over BGP, never shared with pods or tunnels.
   */
  public static loadBalancer(scope: Construct, id: string, props: LoadBalancerIpPoolProps): IpPool {
    guardPoolProps(scope, id, props, LOAD_BALANCER_KEYS);
    return new IpPool(scope, id, { ...props, allowedUses: [IpPoolUse.LOAD_BALANCER] });
  }

  /** The pool's CIDR. */
  public readonly cidr: string;
  /** The block size each node gets (Calico's default filled in). */
  public readonly blockSize: number;
  /** The IPIP mode. */
  public readonly ipipMode: EncapsulationMode;
  /** The VXLAN mode. */
  public readonly vxlanMode: EncapsulationMode;
  /** The allowed uses, deduplicated in canonical order. */
  public readonly allowedUses: IpPoolUse[];
  private readonly settings: IpPoolProps;

  public constructor(scope: Construct, id: string, props: IpPoolProps) {
    props = guardPoolProps(scope, id, props, POOL_KEYS);
    super(
      scope,
      id,
      {
        kind: 'IPPool',
        generated: v3.IpPool,
      },
      props,
    );
    if (props.allowedUses !== undefined && props.allowedUses.length === 0) {
      throw boundaryError(
        this.node.path,
        'spec.allowedUses',
        `an empty list means Calico's default [Workload, Tunnel]; fix: omit allowedUses or list the uses`,
      );
    }
    this.cidr = props.cidr;
    this.blockSize = props.blockSize ?? (props.cidr.includes(':') ? 122 : 26);
    this.ipipMode = props.ipipMode ?? EncapsulationMode.NEVER;
    this.vxlanMode = props.vxlanMode ?? EncapsulationMode.NEVER;
    const uses = new Set(props.allowedUses ?? [IpPoolUse.WORKLOAD, IpPoolUse.TUNNEL]);
    this.allowedUses = USE_ORDER.filter((u) => uses.has(u));
    this.settings = props;
    this.validateNow();
    this.node.addValidation({ validate: () => this.overlapProblems() });
  }

  protected renderSpec(): any {
    const p = this.settings;
    return compact({
      cidr: p.cidr,
      blockSize: this.blockSize,
      ipipMode: this.ipipMode,
      vxlanMode: this.vxlanMode,
      natOutgoing: p.natOutgoing ?? false,
      disabled: p.disabled ?? false,
      disableBGPExport: p.disableBgpExport,
      nodeSelector: (p.nodeSelector ?? Selector.all()).toString(),
      namespaceSelector: p.namespaceSelector?.toString(),
      allowedUses: [...this.allowedUses],
      assignmentMode: 'Automatic',
    });
  }

  /** Calico refuses a pool that overlaps an existing one; this checks the pools of the same app that come earlier. */
  private overlapProblems(): string[] {
    const mine = parseCidr(this.cidr);
    if (!mine) return [];
    for (const other of this.node.root.node.findAll()) {
      if (other === this) break;
      if (!(other instanceof IpPool)) continue;
      const theirs = parseCidr(other.cidr);
      if (theirs && cidrsOverlap(mine, theirs)) {
        return [
          `spec.cidr: ${formatCidr(mine)} overlaps IPPool ${other.name} (${formatCidr(theirs)}, [${other.node.path}]); Calico refuses overlapping pools; fix: choose non-overlapping CIDRs`,
        ];
      }
    }
    return [];
  }
}

/**
 * How pod traffic crosses nodes, one definition for the node constructs (`NodeNetworkProps.encapsulation`) and the
 * reachability engine (`NetworkModelOptions.encapsulation`). Not to be confused with an IPPool's `ipipMode` /
 * `vxlanMode` (`EncapsulationMode`: Always, CrossSubnet, Never), which says *when* a pool encapsulates.
 */
export enum PodEncapsulation {
  /** Plain routing (BGP or the underlay), no tunnel. */
  NONE = 'None',
  /** IP-in-IP (protocol 4) over `tunl0`. */
  IPIP = 'IPIP',
  /** VXLAN (UDP 4789) over `vxlan.calico`. */
  VXLAN = 'VXLAN',
  /**
   * Canal: flannel's VXLAN (UDP 8472, or `network.flannelVxlanPort`) over `flannel.<VNI>`. Chosen by itself when a
   * FlannelNetwork with the vxlan backend is in the pool's cluster when the pool is created.
   */
  FLANNEL_VXLAN = 'FlannelVXLAN',
}

/** The values of {@link PodEncapsulation}, as the engine's option takes them (`'IPIP'` or `PodEncapsulation.IPIP`). */
export type PodEncapsulationName = `${PodEncapsulation}`;

/** Every {@link PodEncapsulation} value, for guards. */
export const POD_ENCAPSULATIONS: readonly PodEncapsulationName[] = Object.values(PodEncapsulation);

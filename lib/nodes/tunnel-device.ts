import { rejectInput } from '../model/primitives/guard';
import type { InventoryNode } from './node-inventory';

/** A Calico tunnel device on every node, and the node annotation that holds its address. */
export class TunnelDevice {
  /** IPIP: `tunl0`, address `projectcalico.org/IPv4IPIPTunnelAddr`. */
  public static readonly IPIP = new TunnelDevice(
    'tunl0',
    'IPIP',
    'ipipTunnelAddress',
    'projectcalico.org/IPv4IPIPTunnelAddr',
  );
  /** IPv4 VXLAN: `vxlan.calico`, address `projectcalico.org/IPv4VXLANTunnelAddr`. */
  public static readonly VXLAN = new TunnelDevice(
    'vxlan.calico',
    'VXLAN',
    'vxlanTunnelAddress',
    'projectcalico.org/IPv4VXLANTunnelAddr',
  );
  /** IPv6 VXLAN: `vxlan-v6.calico`, address `projectcalico.org/IPv6VXLANTunnelAddr`. */
  public static readonly VXLAN_V6 = new TunnelDevice(
    'vxlan-v6.calico',
    'VXLAN (IPv6)',
    'vxlanTunnelAddressV6',
    'projectcalico.org/IPv6VXLANTunnelAddr',
  );
  /** WireGuard: `wireguard.cali`, address `projectcalico.org/IPv4WireguardInterfaceAddr`. */
  public static readonly WIREGUARD = new TunnelDevice(
    'wireguard.cali',
    'WireGuard',
    'wireguardAddress',
    'projectcalico.org/IPv4WireguardInterfaceAddr',
  );
  /** IPv6 WireGuard: `wg-v6.cali`, address `projectcalico.org/IPv6WireguardInterfaceAddr`. */
  public static readonly WIREGUARD_V6 = new TunnelDevice(
    'wg-v6.cali',
    'WireGuard (IPv6)',
    'wireguardAddressV6',
    'projectcalico.org/IPv6WireguardInterfaceAddr',
  );

  private constructor(
    /** The interface name. */
    public readonly interfaceName: string,
    /** A readable name. */
    public readonly label: string,
    private readonly field:
      'ipipTunnelAddress' | 'vxlanTunnelAddress' | 'vxlanTunnelAddressV6' | 'wireguardAddress' | 'wireguardAddressV6',
    /** The node annotation that carries the device's address. */
    public readonly annotation: string,
  ) {}

  /** The device's address on `node`, from the inventory. */
  public addressOf(node: InventoryNode): string | undefined {
    if (node === null || typeof node !== 'object')
      rejectInput('TunnelDevice.addressOf', 'node', 'a node of an inventory', node, 'pass one of inventory.nodes');
    return node[this.field];
  }

  /** The interface name. */
  public toString(): string {
    return this.interfaceName;
  }
}

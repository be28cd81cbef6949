/**
 * A flannel backend (`net-conf.json` `Backend`) and its own boundary check (kept here: the guards file imports the
 * class).
 */
import { guardKnownKeys, guardObject, guardOptionalBoolean, guardOptionalInteger } from '../model/primitives/guard';
import { isPortNumber } from '../model/primitives/ports';

/**
 * `FlannelBackend.vxlan(options)`: known keys and types. The VNI and port ranges are flannel's rules, reported with
 * the network that uses the backend (`[path] net-conf.json Backend.VNI: ...`). @internal
 */
export function guardVxlanOptions(options: FlannelVxlanOptions | undefined): FlannelVxlanOptions {
  const W = 'FlannelBackend.vxlan';
  const o = options === undefined ? {} : guardObject(options, W, 'options');
  guardKnownKeys(o, ['vni', 'port', 'directRouting'], W, 'options');
  guardOptionalInteger(o.vni, W, 'options.vni');
  guardOptionalInteger(o.port, W, 'options.port');
  guardOptionalBoolean(o.directRouting, W, 'options.directRouting');
  return o as FlannelVxlanOptions;
}

/** Options of the flannel `vxlan` backend (flannel `pkg/backend/vxlan/vxlan.go`). */
export interface FlannelVxlanOptions {
  /**
   * VXLAN network identifier; the device is named `flannel.<VNI>`. Flannel keeps it as a 16-bit number in its node
   * leases, so 1-65535.
   * @default 1 (flannel's default, not written)
   */
  readonly vni?: number;
  /**
   * UDP port of the VXLAN device (1-65535).
   * @default - the Linux kernel's default, 8472 (not written)
   */
  readonly port?: number;
  /**
   * Route directly, without encapsulation, to nodes on the same subnet and encapsulate only across subnets (the
   * "VXLAN DirectRouting" mode of docs/scenarios.md#004 and flannel's Documentation/backends.md: host-gw where
   * possible, VXLAN where needed).
   * @default false
   */
  readonly directRouting?: boolean;
}

/** A flannel backend: how pod traffic crosses nodes. */
export class FlannelBackend {
  /**
   * VXLAN overlay (flannel's default): works across any routed underlay that passes UDP `port`; 50 bytes of
   * overhead per packet. With `directRouting: true`, nodes on one subnet talk without encapsulation.
   */
  public static vxlan(options: FlannelVxlanOptions = {}): FlannelBackend {
    options = guardVxlanOptions(options);
    const json: { [key: string]: unknown } = { Type: 'vxlan' };
    if (options.vni !== undefined) json.VNI = options.vni;
    if (options.port !== undefined) json.Port = options.port;
    if (options.directRouting) json.DirectRouting = true;
    return new FlannelBackend('vxlan', json, options);
  }

  /**
   * Plain routing through each node (`host-gw`): no encapsulation and the best performance, but every node must be
   * on the same L2 network, since the next hop of each pod subnet is the node's own address.
   */
  public static hostGw(): FlannelBackend {
    return new FlannelBackend('host-gw', { Type: 'host-gw' }, {});
  }

  private constructor(
    /** The backend `Type` (`vxlan`, `host-gw`). */
    public readonly type: string,
    private readonly json: { [key: string]: unknown },
    private readonly vxlanOptions: FlannelVxlanOptions,
  ) {}

  /** The `Backend` object of `net-conf.json`. @internal */
  public _toJson(): { [key: string]: unknown } {
    return { ...this.json };
  }

  /** Problems with the options, as `field: problem; fix: ...`. @internal */
  public _problems(): string[] {
    const out: string[] = [];
    const { vni, port } = this.vxlanOptions;
    if (vni !== undefined && (!Number.isInteger(vni) || vni < 1 || vni > 65535)) {
      out.push(
        `Backend.VNI: ${vni} is not a VNI flannel can use (an integer 1-65535; its node leases store it in 16 bits); fix: use e.g. 1`,
      );
    }
    if (port !== undefined && !isPortNumber(port)) {
      out.push(
        `Backend.Port: ${port} is not a UDP port; fix: use an integer 1-65535, or omit it for the kernel default 8472`,
      );
    }
    return out;
  }
}

import { guardOptionalArray, guardOptionalBoolean, guardString } from '../core/guard';
import { guardNestedProps } from '../policy/value-guards';
import { AutoHostEndpointTemplate, guardAutoHostEndpoints } from './kube-controllers-configuration';

/** Options of {@link NodeHostEndpoints.automatic}. */
export interface AutomaticHostEndpointsOptions {
  /**
   * Create the default all-interfaces `<node>-auto-hep` endpoint (Calico 3.30+ field).
   * @default - not set (Calico creates it)
   */
  readonly createDefaultHostEndpoint?: boolean;
  /**
   * Extra templated endpoints (Calico 3.30+; `interfacePattern` 3.31+).
   * @default - none
   */
  readonly templates?: AutoHostEndpointTemplate[];
  /**
   * Also emit the ClusterRole and ClusterRoleBinding calico-kube-controllers needs to manage host endpoints.
   * @default false
   */
  readonly rbac?: boolean;
}

/** Options of {@link NodeHostEndpoints.explicit}. */
export interface ExplicitHostEndpointsOptions {
  /**
   * Interfaces to protect on every node: one HostEndpoint `<node>-<interface>` each, with the node's InternalIPs
   * (and BGP address) as `expectedIPs`.
   * @default ['eth0']
   */
  readonly interfaces?: string[];
  /**
   * Profiles on the endpoints (evaluated after all tiers).
   * @default - none
   */
  readonly profiles?: string[];
}

/** How a {@link SecuredNodePool} gets host endpoints for its nodes. */
export class NodeHostEndpoints {
  /**
   * kube-controllers creates and maintains `<node>-auto-hep` (interface `*`, all node IPs including tunnel
   * addresses, the node's labels): the pool emits the KubeControllersConfiguration `default` with `autoCreate:
   * Enabled`. Apply it server-side so only these fields are owned.
   */
  public static automatic(options: AutomaticHostEndpointsOptions = {}): NodeHostEndpoints {
    const W = 'NodeHostEndpoints.automatic';
    guardAutoHostEndpoints(options, W, 'options', ['rbac']);
    guardOptionalBoolean((options as any).rbac, W, 'options.rbac');
    if ((options as any).autoCreate !== undefined) {
      guardNestedProps(options, W, 'options', ['createDefaultHostEndpoint', 'templates', 'rbac']);
    }
    return new NodeHostEndpoints('automatic', options, undefined);
  }

  /** One HostEndpoint per node and interface, from the pool's `inventory`. */
  public static explicit(options: ExplicitHostEndpointsOptions = {}): NodeHostEndpoints {
    const W = 'NodeHostEndpoints.explicit';
    const o = guardNestedProps(options, W, 'options', ['interfaces', 'profiles']);
    guardOptionalArray(o.interfaces, W, 'options.interfaces', (x, f) => guardString(x, W, f, { expected: 'an interface name such as eth0, or "*"' }), { of: 'interface names', minLength: 1 });
    guardOptionalArray(o.profiles, W, 'options.profiles', (x, f) => guardString(x, W, f, { expected: 'a profile name' }), { of: 'profile names' });
    return new NodeHostEndpoints('explicit', undefined, options);
  }

  private constructor(
    /** `automatic` or `explicit`. */
    public readonly mode: 'automatic' | 'explicit',
    /** @internal */
    public readonly _automatic: AutomaticHostEndpointsOptions | undefined,
    /** @internal */
    public readonly _explicit: ExplicitHostEndpointsOptions | undefined,
  ) {}
}

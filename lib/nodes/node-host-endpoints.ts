import { boundaryError, guardOptionalArray, guardOptionalBoolean, guardString } from '../model/primitives/guard';
import { guardNestedProps } from '../policy/value-guards';
import {
  AutoHostEndpointsProps,
  AutoHostEndpointTemplate,
  guardAutoHostEndpoints,
} from './kube-controllers-configuration';

/** Options of {@link NodeHostEndpoints.automatic}. */
export interface AutomaticHostEndpointsOptions {
  /**
   * Also create kube-controllers' default all-interfaces (`"*"`) endpoint `<node>-auto-hep`. It polices `lo` too,
   * so a node's traffic to its own addresses (the API server calling its own kubelet, kubelet probes of hostNetwork
   * pods) is policed, and no rule can allow "a node to itself" without naming every node (Calico issue 4478): the
   * lockout guard then fails on that flow. Leave it unset for the address endpoints described on
   * {@link NodeHostEndpoints.automatic}, which never police `lo`.
   * @default false (`createDefaultHostEndpoint: Disabled`, plus the `addresses` template)
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
   * kube-controllers creates and maintains one host endpoint per node, for every node, including nodes that join
   * after synth: the pool emits the KubeControllersConfiguration `default` with `autoCreate: Enabled`,
   * `createDefaultHostEndpoint: Disabled` and one template, `addresses`, so each node gets
   * `<node>-addresses-auto-hep`: no interface name, `expectedIPs` = the node's addresses (InternalIPs, BGP, tunnel
   * and WireGuard addresses) outside loopback, the node's labels, profile `projectcalico-default-allow` (Calico
   * 3.30+, templates: kube-controllers/pkg/controllers/node/hostendpoints.go, PR #9901). Felix applies an endpoint
   * without interface name to the interfaces that carry one of its `expectedIPs` (docs "Host endpoint": "or by leaving
   * interfaceName empty and including one of the interface's IPs in expectedIPs"): eth0, tunl0, vxlan.calico..., never
   * `lo`, which only all-interfaces (`"*"`) endpoints cover. So a node reaching its own addresses (over `lo`) is never
   * policed, with no per-node rule, and a node that joins later works at once. Interfaces that carry none of the node's
   * addresses are not policed (as with explicit `eth0` endpoints). Apply it server-side so only these fields are owned.
   */
  public static automatic(options: AutomaticHostEndpointsOptions = {}): NodeHostEndpoints {
    const W = 'NodeHostEndpoints.automatic';
    guardAutoHostEndpoints(options, W, 'options', ['rbac']);
    guardOptionalBoolean((options as any).rbac, W, 'options.rbac');
    if ((options as any).autoCreate !== undefined) {
      guardNestedProps(options, W, 'options', ['createDefaultHostEndpoint', 'templates', 'rbac']);
    }
    automaticHostEndpointSettings(options); // a template clashing with the pool's own fails here, under this API
    return new NodeHostEndpoints('automatic', options, undefined);
  }

  /** One HostEndpoint per node and interface, from the pool's `inventory`. */
  public static explicit(options: ExplicitHostEndpointsOptions = {}): NodeHostEndpoints {
    const W = 'NodeHostEndpoints.explicit';
    const o = guardNestedProps(options, W, 'options', ['interfaces', 'profiles']);
    guardOptionalArray(
      o.interfaces,
      W,
      'options.interfaces',
      (x, f) => guardString(x, W, f, { expected: 'an interface name such as eth0, or "*"' }),
      { of: 'interface names', minLength: 1 },
    );
    guardOptionalArray(
      o.profiles,
      W,
      'options.profiles',
      (x, f) => guardString(x, W, f, { expected: 'a profile name' }),
      { of: 'profile names' },
    );
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

/** The template kube-controllers makes each node's address endpoint from: `<node>-addresses-auto-hep`. */
export const NODE_ADDRESSES_TEMPLATE = 'addresses';

/**
 * Every address but loopback (127.0.0.0/8, ::1): node addresses Calico may learn from the node's interfaces must
 * never put `lo` under an address-matched endpoint. IPv6 keeps global unicast and unique-local addresses (node
 * addresses); link-local addresses are per link and name no node.
 */
export const NODE_ADDRESS_CIDRS: readonly string[] = [
  '0.0.0.0/2',
  '64.0.0.0/3',
  '96.0.0.0/4',
  '112.0.0.0/5',
  '120.0.0.0/6',
  '124.0.0.0/7',
  '126.0.0.0/8',
  '128.0.0.0/1',
  '2000::/3',
  'fc00::/7',
];

/** The `hostEndpoint` part of the KubeControllersConfiguration an automatic pool emits. @internal */
export function automaticHostEndpointSettings(o: AutomaticHostEndpointsOptions): AutoHostEndpointsProps {
  const user = o.templates ?? [];
  if (o.createDefaultHostEndpoint === true)
    return { autoCreate: true, createDefaultHostEndpoint: true, templates: o.templates };
  const clash = user.findIndex((t) => t.generateName === NODE_ADDRESSES_TEMPLATE);
  if (clash >= 0) {
    throw boundaryError(
      'NodeHostEndpoints.automatic',
      `options.templates[${clash}].generateName`,
      `"${NODE_ADDRESSES_TEMPLATE}" is the template the pool adds for every node's address endpoint; fix: pick another generateName`,
    );
  }
  const addresses: AutoHostEndpointTemplate = {
    generateName: NODE_ADDRESSES_TEMPLATE,
    interfaceCidrs: [...NODE_ADDRESS_CIDRS],
  };
  return { autoCreate: true, createDefaultHostEndpoint: false, templates: [addresses, ...user] };
}

import { Construct, IConstruct } from 'constructs';
import {
  boundaryError,
  guardArray,
  guardInteger,
  guardKnownKeys,
  guardObject,
  guardOptionalArray,
  guardOptionalInstance,
  guardScope,
  guardString,
  rejectInput,
  withField,
} from '../model/primitives/guard';
import { guardOptionalLabels } from '../model/primitives/kube-name-guards';
import { DEFAULT_ALLOW_PROFILE, HostEndpoint } from '../nodes/host-endpoint';
import type { NodePortRange } from '../nodes/node-baseline';
import { NodeInventory } from '../nodes/node-inventory';
import { hostEndpointFromSpec, newHostEndpointPlan, nodeHostEndpointSpecs } from '../nodes/node-host-endpoint-specs';
import { SecuredNodePool } from '../nodes/secured-node-pool';
import { PolicyType } from '../policy/action';
import { GlobalNetworkPolicy } from '../policy/global-network-policy';
import { Peer } from '../policy/peer';
import { Port } from '../policy/port';
import { Protocol } from '../policy/protocol';
import { ITier, Tier } from '../policy/tier';
import { Selector } from '../selector';
import { cidrContains, parseCidr, parseCidrOrIp, ParsedCidr } from '../model/primitives/cidr';
import {
  exposureFoundationFacts,
  ExposureFoundationFacts,
  noFoundationError,
  SERVICE_EXPOSURE_ORDER,
} from './plan-exposure';
import { PORT_RANGE } from '../model/primitives/ports';

// The orders live with the plan that uses them; exported here too, where the package has always exported them.
export { SERVICE_EXPOSURE_ORDER } from './plan-exposure';

/** Props of {@link ServiceExposureFoundation}. */
export interface ServiceExposureFoundationProps {
  /** The pod CIDRs (the IP pools'), e.g. `['192.168.0.0/16']`: forwarded traffic to them is allowed (step 2). */
  readonly podCidrs: string[];
  /**
   * A pool whose host endpoints (automatic or explicit) the exposure policies select. Its tier governs host
   * traffic, so the foundation then emits no host-traffic policy of its own (step 3).
   * @default - host endpoints are made from `inventory`
   */
  readonly nodePool?: SecuredNodePool;
  /**
   * The cluster's nodes: one HostEndpoint `<node>-<interface>` per node and interface, labelled so
   * `nodeSelector` selects it (step 5). Required without `nodePool`.
   * @default - none
   */
  readonly inventory?: NodeInventory;
  /**
   * How the exposure policies select the nodes' host endpoints.
   * @default - the pool's selector, else `k8s-role == "node"` (docs/scenarios.md#002)
   */
  readonly nodeSelector?: Selector;
  /**
   * Labels added to the host endpoints made from `inventory` (on top of the node's labels).
   * @default { 'k8s-role': 'node' }
   */
  readonly hostEndpointLabels?: { [key: string]: string };
  /**
   * Interfaces that receive cluster IP traffic, one HostEndpoint per node each (inventory mode).
   * @default ['eth0']
   */
  readonly hostEndpointInterfaces?: string[];
  /**
   * Profiles of the host endpoints made from `inventory`. The default keeps node egress and whatever no policy
   * selects working (a host endpoint without profile denies all but failsafe ports).
   * @default ['projectcalico-default-allow']
   */
  readonly hostEndpointProfiles?: string[];
  /**
   * The NodePort range (kube-apiserver `--service-node-port-range`), closed on the nodes before DNAT (the
   * `deny-node-ports` preDNAT policy; local-mode fences open their own NodePorts to their listed networks first) and
   * left out of the host-traffic policy.
   * @default { from: 30000, to: 32767 }
   */
  readonly nodePortRange?: NodePortRange;
  /**
   * Tier of every exposure policy.
   * @default Tier.DEFAULT
   */
  readonly tier?: ITier;
}

const PROPS = [
  'podCidrs',
  'nodePool',
  'inventory',
  'nodeSelector',
  'hostEndpointLabels',
  'hostEndpointInterfaces',
  'hostEndpointProfiles',
  'nodePortRange',
  'tier',
];

/** `scope` of the static lookups: a construct, else the library's error. */
function guardLookupScope(scope: unknown, api: string): IConstruct {
  if (!Construct.isConstruct(scope))
    rejectInput(api, 'scope', 'a construct of the app', scope, 'pass a construct, such as the chart');
  return scope;
}

/** An ITier: a Tier construct or `Tier.DEFAULT` (anything with a non-empty `tierName`). */
export function guardTier(v: unknown, where: string, field: string): ITier {
  if (
    v === null ||
    typeof v !== 'object' ||
    typeof (v as ITier).tierName !== 'string' ||
    (v as ITier).tierName === ''
  ) {
    rejectInput(
      where,
      field,
      'a tier (Tier.DEFAULT or a Tier)',
      v,
      'pass Tier.DEFAULT or a Tier construct, not its name',
    );
  }
  return v as ITier;
}

/** The NodePort range: `{ from, to }`, integers 1-65535, from <= to. */
function guardNodePortRange(v: unknown, where: string): NodePortRange {
  const r = guardObject(v, where, 'nodePortRange', { expected: 'an object { from, to }' });
  guardKnownKeys(r, ['from', 'to'], where, 'nodePortRange');
  const from = guardInteger(r.from, where, 'nodePortRange.from', PORT_RANGE);
  const to = guardInteger(r.to, where, 'nodePortRange.to', PORT_RANGE);
  if (to < from)
    throw boundaryError(where, 'nodePortRange', `${from}-${to} ends before it starts; fix: swap the bounds`);
  return { from, to };
}

/** Checks the props' runtime shape (plain JavaScript, YAML-driven callers). */
function guardFoundationProps(props: unknown, where: string): ServiceExposureFoundationProps {
  const p = guardObject(props, where, 'props', {
    expected: 'a props object',
  }) as unknown as ServiceExposureFoundationProps;
  guardKnownKeys(p, PROPS, where);
  // An empty list gets its own message in the constructor (why the pod CIDRs are needed).
  guardArray(
    p.podCidrs,
    where,
    'podCidrs',
    (v, f) => guardString(v, where, f, { expected: 'a CIDR such as 192.168.0.0/16' }),
    { of: 'CIDRs' },
  );
  guardOptionalInstance(p.nodePool, SecuredNodePool, where, 'nodePool');
  guardOptionalInstance(p.inventory, NodeInventory as unknown as abstract new () => NodeInventory, where, 'inventory', {
    expected: 'a NodeInventory (NodeInventory.fromKubectlJson, NodeInventory.fromNodes)',
  });
  guardOptionalInstance(p.nodeSelector, Selector as unknown as abstract new () => Selector, where, 'nodeSelector', {
    expected: 'a Selector (Selector.eq, Selector.parse, ...)',
  });
  guardOptionalLabels(p.hostEndpointLabels, where, 'hostEndpointLabels');
  guardOptionalArray(
    p.hostEndpointInterfaces,
    where,
    'hostEndpointInterfaces',
    (v, f) => guardString(v, where, f, { expected: 'an interface name such as eth0' }),
    { of: 'interface names', minLength: 1 },
  );
  guardOptionalArray(
    p.hostEndpointProfiles,
    where,
    'hostEndpointProfiles',
    (v, f) => guardString(v, where, f, { expected: 'a profile name' }),
    { of: 'profile names' },
  );
  if (p.nodePortRange !== undefined) guardNodePortRange(p.nodePortRange, where);
  if (p.tier !== undefined) guardTier(p.tier, where, 'tier');
  return p;
}

/** Per app: the one foundation. */
const FOUNDATIONS = new WeakMap<IConstruct, ServiceExposureFoundation>();

/**
 * What every service exposed in cluster mode on this app shares (docs/scenarios.md#002, emitted once however many
 * services are exposed): the nodes' host endpoints (step 5), a preDNAT + applyOnForward policy allowing forwarded
 * traffic to the pod CIDR (step 2; without it an applyOnForward policy on the nodes drops pod-to-pod and NodePort
 * traffic forwarded to pods on other nodes, Calico issue 873), a host-traffic policy allowing TCP and UDP to the
 * nodes except the NodePort range (step 3), and a preDNAT Deny of the NodePort range (kube-proxy DNATs a NodePort
 * before normal host policy could close it: Calico issue 8109; local-mode fences, evaluated first, open their own);
 * neither of the last two is emitted with a {@link SecuredNodePool}, whose tier governs host traffic. Policies come
 * out before the host endpoints, so applying in file order never isolates a node.
 *
 * One per app: {@link ServiceExposureFoundation.of} finds it from anywhere in the app.
 */
export class ServiceExposureFoundation extends Construct {
  /** The app's foundation; throws, saying how to create one, when there is none. */
  public static of(scope: IConstruct): ServiceExposureFoundation {
    guardLookupScope(scope, 'ServiceExposureFoundation.of');
    const f = FOUNDATIONS.get(scope.node.root);
    if (!f) throw noFoundationError(scope.node.path);
    return f;
  }

  /** The app's foundation, or undefined. */
  public static tryOf(scope: IConstruct): ServiceExposureFoundation | undefined {
    guardLookupScope(scope, 'ServiceExposureFoundation.tryOf');
    return FOUNDATIONS.get(scope.node.root);
  }

  /** Selects the nodes' host endpoints. */
  public readonly nodeSelector: Selector;
  /** The pod CIDRs (a frozen array). */
  public readonly podCidrs: string[];
  /** Tier of the exposure policies. */
  public readonly tier: ITier;
  /** The pool, when reused. */
  public readonly nodePool?: SecuredNodePool;
  /** The host endpoints this foundation made, empty when a pool provides them (a frozen array). */
  public readonly hostEndpoints: HostEndpoint[];
  /** Step 2: preDNAT + applyOnForward, forwarded traffic to the pod CIDR. */
  public readonly podCidrPolicy: GlobalNetworkPolicy;
  /** Step 3: host traffic except NodePorts (absent with a pool). */
  public readonly hostTrafficPolicy?: GlobalNetworkPolicy;
  /**
   * preDNAT: Deny the NodePort range on the nodes to everyone a local-mode fence does not admit first (absent with a
   * pool). kube-proxy DNATs a NodePort before normal host policy sees it, so only a preDNAT policy closes it.
   */
  public readonly nodePortPolicy?: GlobalNetworkPolicy;

  private readonly podRanges: readonly ParsedCidr[];
  private readonly nodePortRange: NodePortRange;
  private readonly clusterIps: readonly [Map<bigint, string>, Map<bigint, string>] = [new Map(), new Map()];
  private facts?: ExposureFoundationFacts;

  public constructor(scope: Construct, id: string, props: ServiceExposureFoundationProps) {
    super(guardScope(scope, id, 'ServiceExposureFoundation'), id);
    guardFoundationProps(props, this.node.path);
    const other = FOUNDATIONS.get(this.node.root);
    if (other) {
      throw new Error(
        `[${this.node.path}] id: the app already has a ServiceExposureFoundation at [${other.node.path}]; its pieces are shared by every exposed service; fix: use ServiceExposureFoundation.of(scope)`,
      );
    }
    if (props.nodePool && props.inventory) {
      throw new Error(
        `[${this.node.path}] inventory: the pool already provides the host endpoints; fix: pass nodePool or inventory, not both`,
      );
    }
    if (props.nodePool && props.nodeSelector) {
      throw new Error(
        `[${this.node.path}] nodeSelector: the pool's selector (${props.nodePool.selector}) selects its host endpoints; fix: remove nodeSelector`,
      );
    }
    if (!props.nodePool && !props.inventory) {
      throw new Error(
        `[${this.node.path}] inventory: cluster mode needs host endpoints on the nodes, where its policies apply; fix: pass inventory: NodeInventory.fromKubectlJson('nodes.json') (kubectl get nodes -o json), or nodePool: a SecuredNodePool`,
      );
    }
    if (props.podCidrs.length === 0) {
      throw new Error(
        `[${this.node.path}] podCidrs: forwarded pod traffic must stay allowed, to the pod CIDRs; fix: pass the IP pool CIDRs, e.g. ['192.168.0.0/16']`,
      );
    }
    this.podCidrs = Object.freeze([...props.podCidrs]) as string[];
    // A duplicate CIDR would only repeat a rule.
    const dup = this.podCidrs.findIndex((c, i) => this.podCidrs.indexOf(c) !== i);
    if (dup >= 0)
      throw boundaryError(
        this.node.path,
        `podCidrs[${dup}]`,
        `"${this.podCidrs[dup]}" is listed twice; fix: list each pod CIDR once`,
      );
    const v4 = this.podCidrs.filter((c) => !c.includes(':'));
    const v6 = this.podCidrs.filter((c) => c.includes(':'));
    // Each CIDR checked alone, so an error names its own index; then one peer per family.
    this.podCidrs.forEach((c, i) => withField(this.node.path, `podCidrs[${i}]`, () => Peer.nets(c)));
    const peers = [v4, v6].filter((l) => l.length > 0).map((l) => Peer.nets(...l));
    this.podRanges = this.podCidrs.map((c) => parseCidr(c)!);
    this.tier = props.tier ?? Tier.DEFAULT;
    this.nodePool = props.nodePool;
    this.nodeSelector = props.nodePool?.selector ?? props.nodeSelector ?? Selector.eq('k8s-role', 'node');
    if (this.nodeSelector.usesGlobal())
      throw new Error(
        `[${this.node.path}] nodeSelector: global() cannot select host endpoints in a policy selector; fix: select them by label`,
      );

    const policies = new Construct(this, 'Policies');
    this.podCidrPolicy = new GlobalNetworkPolicy(policies, 'AllowToPods', {
      name: 'allow-to-pods',
      tier: this.tier,
      order: SERVICE_EXPOSURE_ORDER.podCidr,
      selector: this.nodeSelector,
      preDnat: true,
      applyOnForward: true,
      types: [PolicyType.INGRESS],
    });
    for (const peer of peers) {
      this.podCidrPolicy.allowIngress(Peer.any(), undefined, {
        localPeer: peer,
        description:
          'traffic forwarded to pods (pod to pod through the nodes, NodePort traffic to pods on other nodes: Calico issue 873)',
      });
    }
    const range = props.nodePortRange
      ? guardNodePortRange(props.nodePortRange, this.node.path)
      : { from: 30000, to: 32767 };
    this.nodePortRange = range;
    if (!props.nodePool) {
      this.nodePortPolicy = new GlobalNetworkPolicy(policies, 'DenyNodePorts', {
        name: 'deny-node-ports',
        tier: this.tier,
        order: SERVICE_EXPOSURE_ORDER.nodePorts,
        selector: this.nodeSelector,
        preDnat: true,
        applyOnForward: true,
        types: [PolicyType.INGRESS],
      });
      // The nodes' own addresses (their host endpoints), the destination of both policies' rules.
      const nodes = Peer.selector(this.nodeSelector);
      this.nodePortPolicy.denyIngress(Peer.any(), Port.tcpRange(range.from, range.to), {
        localPeer: nodes,
        description: 'NodePorts on the nodes (TCP): kube-proxy DNATs them before normal host policy',
      });
      this.nodePortPolicy.denyIngress(Peer.any(), Port.udpRange(range.from, range.to), {
        localPeer: nodes,
        description: 'NodePorts on the nodes (UDP): kube-proxy DNATs them before normal host policy',
      });
      this.hostTrafficPolicy = new GlobalNetworkPolicy(policies, 'AllowTrafficHostEndpoints', {
        name: 'allow-traffic-hostendpoints',
        tier: this.tier,
        order: SERVICE_EXPOSURE_ORDER.hostTraffic,
        selector: this.nodeSelector,
        types: [PolicyType.INGRESS],
      });
      this.hostTrafficPolicy.allowIngress(Peer.any(), Port.allTcp(), {
        localPeer: nodes,
        exceptPorts: Port.tcpRange(range.from, range.to),
        description: 'traffic to the nodes, not NodePorts (TCP)',
      });
      this.hostTrafficPolicy.allowIngress(Peer.any(), Port.allUdp(), {
        localPeer: nodes,
        exceptPorts: Port.udpRange(range.from, range.to),
        description: 'traffic to the nodes, not NodePorts (UDP)',
      });
      // The guide allows TCP and UDP only, so its end-of-tier deny drops ICMP to the nodes (ping between nodes, which
      // the lockout proof checks like SecuredNodePool's `baseline.icmp`): allow it as the node baseline does.
      this.hostTrafficPolicy.allowIngress(Peer.any(), Port.ofProtocol(Protocol.icmp()), {
        localPeer: nodes,
        description: 'ICMP to the nodes (ping, path MTU discovery)',
      });
      this.hostTrafficPolicy.allowIngress(Peer.any(), Port.ofProtocol(Protocol.icmpv6()), {
        localPeer: nodes,
        description: 'ICMPv6 to the nodes (neighbour discovery, path MTU discovery)',
      });
    }
    this.hostEndpoints = Object.freeze(
      props.inventory ? this.createHostEndpoints(props, props.inventory) : [],
    ) as HostEndpoint[];
    FOUNDATIONS.set(this.node.root, this);
  }

  /**
   * Claims `clusterIp` for the exposed service at `path`: an error when another exposed service has it, or when
   * it lies inside a pod CIDR (the pod-CIDR allowance would then let every client through). @internal
   */
  public _claimClusterIp(path: string, clusterIp: string, parsed?: ParsedCidr): void {
    const ip = parsed ?? parseCidrOrIp(clusterIp)!;
    // Keyed by the address (not its text: fd00::1 and fd00:0::1 are one), one map per family.
    const claimed = this.clusterIps[ip.family === 4 ? 0 : 1];
    const other = claimed.get(ip.network);
    if (other)
      throw new Error(
        `[${path}] clusterIP: ${clusterIp} is already exposed by [${other}]; fix: give each Service its own cluster IP`,
      );
    const pod = this.podRanges.find((r) => cidrContains(r, ip));
    if (pod)
      throw new Error(
        `[${path}] clusterIP: ${clusterIp} lies inside the pod CIDR ${this.podCidrs[this.podRanges.indexOf(pod)]}, whose preDNAT allowance admits every client; fix: use an address of the service CIDR`,
      );
    claimed.set(ip.network, path);
  }

  /** What every exposed service's plan needs of this foundation, built once. @internal */
  public _exposureFacts(): ExposureFoundationFacts {
    return (this.facts ??= exposureFoundationFacts(this.tier, this.nodeSelector, this.nodePortRange));
  }

  private createHostEndpoints(props: ServiceExposureFoundationProps, inventory: NodeInventory): HostEndpoint[] {
    const where = this.node.path;
    const specs = nodeHostEndpointSpecs(inventory, {
      where,
      extraLabels: props.hostEndpointLabels ?? { 'k8s-role': 'node' },
      interfaces: props.hostEndpointInterfaces,
      profiles: props.hostEndpointProfiles ?? [DEFAULT_ALLOW_PROFILE],
    });
    const scope = new Construct(this, 'HostEndpoints');
    let checked: object | undefined;
    const plan = newHostEndpointPlan();
    return specs.map((s) => {
      // The interfaces of one node share its labels object: checked once per node.
      if (s.labels !== checked && !this.nodeSelector.matches(s.labels)) {
        throw boundaryError(
          where,
          'hostEndpointLabels',
          `the host endpoints of node ${s.node} would carry ` +
            `${JSON.stringify(s.labels)}, which ${this.nodeSelector} does not select, so no exposure policy would apply to ` +
            'them; fix: give them labels the selector matches (e.g. k8s-role: node)',
        );
      }
      checked = s.labels;
      return hostEndpointFromSpec(scope, s, plan);
    });
  }
}

/**
 * What an exposed cluster IP becomes, decided without constructs: the policies (name, selector, order, rules in
 * emission order) and the objects the BGP advertisement must follow. {@link ExposedClusterIpService} only
 * assembles the plan; the Service side (what is written into the user's Service) is planned by
 * plan-service-changes.ts.
 */
import { createHash } from 'crypto';
import { boundaryError } from '../model/primitives/guard';
import { parseCidrOrIp, ParsedCidr } from '../model/primitives/cidr';
import { LABEL_NAMESPACE } from '../model/policy/selector-labels';
import { Action, PolicyType } from '../policy/action';
import type { GlobalNetworkPolicyProps } from '../policy/global-network-policy';
import { entityRuleOf, IPeer, Peer } from '../policy/peer';
import { Port } from '../policy/port';
import { Protocol } from '../policy/protocol';
import type { RuleOptions } from '../policy/rule';
import { ITier, Tier } from '../policy/tier';
import { Selector } from '../selector';
import { ExternalTrafficPolicy } from './external-traffic-policy';
import type { ResolvedServicePort, ServiceDescription } from './service-description';

/**
 * Orders of the exposure policies (they share their tier, `default` unless told otherwise, with Kubernetes
 * NetworkPolicies at 1000). preDNAT policies of different services never overlap (each only matches its own
 * cluster IP), so one order serves them all.
 */
export const SERVICE_EXPOSURE_ORDER = {
  /**
   * Per service, preDNAT: the allowed networks to its cluster IP (and, in local mode, to its NodePorts on the nodes),
   * then Deny everything else to the cluster IP.
   */
  clusterIpFence: 100,
  /** Shared, preDNAT: Deny the NodePort range on the nodes (kube-proxy DNATs it before normal host policy). */
  nodePorts: 150,
  /** Shared, preDNAT: forwarded traffic to the pod CIDR (step 2). */
  podCidr: 200,
  /** Shared, normal host policy: traffic to the nodes except the NodePort range (step 3). */
  hostTraffic: 300,
  /** Per service: the service's pods admit the nodes (and the allowed networks) on the target ports (step 4). */
  servicePods: 400,
} as const;

/**
 * What the plan needs of the app's ServiceExposureFoundation; built once per foundation, so the peers and
 * selectors every service repeats are made once. @internal
 */
export interface ExposureFoundationFacts {
  /** Tier of every exposure policy. */
  readonly tier: ITier;
  /** Selects the nodes' host endpoints. */
  readonly nodeSelector: Selector;
  /** The nodes' host endpoints as a peer of a pod policy: `selector <nodeSelector>` and `global()` endpoints. */
  readonly nodesPeer: IPeer;
  /** `projectcalico.org/namespace == "<namespace>"`, memoised. */
  namespaceSelector(namespace: string): Selector;
  /** `Peer.any()`, the peer of every fence's closing Deny. */
  readonly anyPeer: IPeer;
  /** The nodes' own addresses as a destination (their host endpoints): where NodePorts are. */
  readonly nodeAddresses: IPeer;
  /** The NodePort range the foundation closes. */
  readonly nodePortRange: { readonly from: number; readonly to: number };
}

/** Builds the facts of a foundation (called once by it). @internal */
export function exposureFoundationFacts(
  tier: ITier,
  nodeSelector: Selector,
  nodePortRange: { readonly from: number; readonly to: number } = { from: 30000, to: 32767 },
): ExposureFoundationFacts {
  const namespaces = new Map<string, Selector>();
  return {
    tier,
    nodeSelector,
    nodesPeer: Peer.selector(nodeSelector).and(Peer.globalEndpoints()),
    anyPeer: Peer.any(),
    nodeAddresses: Peer.selector(nodeSelector),
    nodePortRange,
    namespaceSelector(namespace: string): Selector {
      let s = namespaces.get(namespace);
      if (!s) {
        s = Selector.eq(LABEL_NAMESPACE, namespace);
        namespaces.set(namespace, s);
      }
      return s;
    },
  };
}

/** What the user asked for, its defaults resolved. @internal */
export interface ExposureRequest {
  /** The construct path, named in errors. */
  readonly where: string;
  readonly mode: ExternalTrafficPolicy;
  readonly allowFrom: readonly IPeer[];
  readonly allowInCluster: readonly IPeer[];
  /** @default - `expose-<namespace>-<service>`, shortened with a hash past 63 characters */
  readonly policyName?: string;
}

/** One rule of a planned policy, added with `allowIngress`/`denyIngress`. @internal */
export interface PlannedRule {
  readonly action: Action.ALLOW | Action.DENY;
  readonly peer: IPeer;
  /** @default - every port and protocol */
  readonly port?: Port;
  readonly options: RuleOptions;
  /** The prop the rule comes from (`allowFrom[0]`), named when the policy refuses it. @default - none */
  readonly field?: string;
}

/** One policy to create. @internal */
export interface PlannedPolicy {
  /** Construct id under the exposed service. */
  readonly id: 'ClusterIpFence' | 'Pods';
  readonly kind: 'GlobalNetworkPolicy' | 'NetworkPolicy';
  /** The policy's props (a NetworkPolicy takes the namespaced subset: no preDnat, applyOnForward). */
  readonly props: GlobalNetworkPolicyProps;
  /** Ingress rules in order. */
  readonly ingress: readonly PlannedRule[];
}

/** What an exposed cluster IP becomes. @internal */
export interface ExposurePlan {
  /**
   * The policies in emission order: the preDNAT fence on the nodes (when there is a foundation), then the pod
   * policy. The app's BGP advertisement is ordered after each of them, so applying in file order never advertises
   * an unprotected cluster IP.
   */
  readonly policies: readonly PlannedPolicy[];
  /** The cluster IP as a one-address CIDR (/32 or /128). */
  readonly clusterIpCidr: string;
  /** The cluster IP, parsed. */
  readonly clusterIpAddress: ParsedCidr;
}

const MAX_NAME = 63;

/** `base + suffix`, or past 63 characters the base cut and a hash of the full name inserted. @internal */
export function shortName(base: string, suffix: string): string {
  const full = `${base}${suffix}`;
  if (full.length <= MAX_NAME) return full;
  const hash = createHash('sha256').update(full).digest('hex').slice(0, 8);
  return `${base.slice(0, MAX_NAME - suffix.length - 9).replace(/[-.]+$/, '')}-${hash}${suffix}`;
}

/** Ports already built, by protocol and values: Services of one app repeat a few port lists (Port is immutable). */
const PORTS = new Map<string, Port>();

function portsFor(protocol: ResolvedServicePort['protocol'], values: ReadonlyArray<number | string>): Port {
  const key = `${protocol}${JSON.stringify(values)}`;
  let port = PORTS.get(key);
  if (!port) {
    if (PORTS.size >= 10000) PORTS.clear();
    port = buildPorts(protocol, values);
    PORTS.set(key, port);
  }
  return port;
}

function buildPorts(protocol: ResolvedServicePort['protocol'], values: ReadonlyArray<number | string>): Port {
  const proto = protocol === 'TCP' ? Protocol.tcp() : protocol === 'UDP' ? Protocol.udp() : Protocol.sctp();
  const one = (v: number | string): Port => {
    if (typeof v === 'string') return Port.named(v, proto);
    return protocol === 'TCP' ? Port.tcp(v) : protocol === 'UDP' ? Port.udp(v) : Port.sctp(v);
  };
  const unique = [...new Set(values)];
  return unique.length === 1 ? one(unique[0]) : Port.combine(...unique.map(one));
}

/** Ports grouped by protocol, in first-seen order: one rule per protocol (a Calico rule has one protocol). @internal */
export function portsByProtocol(
  ports: readonly ResolvedServicePort[],
  pick: (p: ResolvedServicePort) => number | string,
): Port[] {
  const groups = new Map<ResolvedServicePort['protocol'], Array<number | string>>();
  for (const p of ports) {
    const list = groups.get(p.protocol);
    if (list) list.push(pick(p));
    else groups.set(p.protocol, [pick(p)]);
  }
  return [...groups].map(([protocol, values]) => portsFor(protocol, values));
}

/**
 * The NodePorts of a Service by protocol (TCP and UDP: the protocols the foundation closes): those it names, or the
 * whole range for a port whose NodePort kube-apiserver will pick.
 */
function nodePortsOf(d: ServiceDescription, range: { readonly from: number; readonly to: number }): Port[] {
  const out: Port[] = [];
  for (const protocol of ['TCP', 'UDP'] as const) {
    const ports = d.ports.filter((p) => p.protocol === protocol);
    if (ports.length === 0) continue;
    if (ports.some((p) => p.nodePort === undefined))
      out.push(protocol === 'TCP' ? Port.tcpRange(range.from, range.to) : Port.udpRange(range.from, range.to));
    else out.push(portsFor(protocol, [...new Set(ports.map((p) => p.nodePort!))]));
  }
  return out;
}

/** The pod labels as a selector, keys sorted (the Service's `spec.selector`). @internal */
export function podLabelSelector(labels: { readonly [key: string]: string }): Selector {
  return Selector.allOf(
    ...Object.keys(labels)
      .sort()
      .map((k) => Selector.eq(k, labels[k])),
  );
}

/** Families of the client networks seen (a few networks repeat across thousands of Services). */
const FAMILIES = new Map<string, number | undefined>();

function familyOf(net: string): number | undefined {
  if (FAMILIES.has(net)) return FAMILIES.get(net);
  if (FAMILIES.size >= 10000) FAMILIES.clear();
  const family = parseCidrOrIp(net)?.family;
  FAMILIES.set(net, family);
  return family;
}

/**
 * Refuses a peer of the other IP family than the cluster IP: the fence puts the peer's nets and the cluster IP in
 * one rule, and Calico refuses a rule that mixes families (libcalico-go validator `validateRule`).
 */
function checkFamily(where: string, peer: IPeer, family: number, clusterIp: string): void {
  const rule = entityRuleOf(peer);
  const nets = [...(rule.nets ?? []), ...(rule.notNets ?? [])];
  if (nets.some((n) => familyOf(n) !== family)) {
    throw boundaryError(
      where,
      'allowFrom',
      `${peer} is not of the cluster IP's family (${clusterIp}), and one Calico rule ` +
        `cannot mix IPv4 and IPv6; fix: list only IPv${family} networks for this Service`,
    );
  }
}

/** The error of cluster mode without a ServiceExposureFoundation in the app. @internal */
export function noFoundationError(where: string): Error {
  return boundaryError(
    where,
    'foundation',
    "cluster mode protects the cluster IP on the nodes' host endpoints, and " +
      'the app has no ServiceExposureFoundation; fix: create one first, e.g. new ServiceExposureFoundation(chart, ' +
      "'Exposure', { podCidrs: ['192.168.0.0/16'], inventory: NodeInventory.fromKubectlJson('nodes.json') }) " +
      '(or nodePool: yourSecuredNodePool), or pass `foundation`',
  );
}

function rules(
  peers: readonly IPeer[],
  field: string,
  ports: readonly Port[],
  options: (peer: IPeer, port: Port) => RuleOptions,
): PlannedRule[] {
  const out: PlannedRule[] = [];
  peers.forEach((peer, i) => {
    for (const port of ports)
      out.push({ action: Action.ALLOW, peer, port, options: options(peer, port), field: `${field}[${i}]` });
  });
  return out;
}

/**
 * Plans the policies of one exposed cluster IP (docs/scenarios.md#002, "policy for cluster IPs advertised over BGP";
 * see {@link ExposedClusterIpService} for why each piece exists):
 * - with a foundation, the preDNAT + applyOnForward fence `<name>` on the nodes: each allowed network to the
 *   cluster IP on the Service ports, then Deny everything else to the cluster IP;
 * - cluster mode: the GlobalNetworkPolicy `<name>-pods` on the Service's pods admitting the nodes (SNATed
 *   clients), the allowed networks and `allowInCluster` on the target ports; a foundation is required;
 * - local mode: the NetworkPolicy `<name>` on the Service's pods admitting the allowed networks and
 *   `allowInCluster` on the target ports.
 * Throws `[where] field: ...; fix: ...` when the request cannot be met. @internal
 */
export function planExposure(
  d: ServiceDescription,
  req: ExposureRequest,
  foundation?: ExposureFoundationFacts,
): ExposurePlan {
  const where = req.where;
  const label = `${d.namespace}/${d.name}`;
  if (req.allowFrom.length === 0) {
    throw boundaryError(
      where,
      'allowFrom',
      `nobody outside the cluster may reach ${label}, so there is nothing to expose; ` +
        "fix: list the client networks, e.g. [Peer.nets('50.60.0.0/16')]",
    );
  }
  const local = req.mode === ExternalTrafficPolicy.LOCAL;
  if (local && !d.externallyAccessible) {
    throw boundaryError(
      where,
      'externalTrafficPolicy',
      'Kubernetes accepts Local only on externally accessible Services ' +
        `(type NodePort or LoadBalancer, or with externalIPs) and rejects it on ${label} (a ClusterIP Service); ` +
        'fix: make the Service type NodePort, or use ExternalTrafficPolicy.CLUSTER',
    );
  }
  if (!local && !foundation) throw noFoundationError(where);
  const clusterIpAddress = parseCidrOrIp(d.clusterIp)!;
  const family = clusterIpAddress.family;
  if (foundation) for (const peer of req.allowFrom) checkFamily(where, peer, family, d.clusterIp);
  const clusterIpCidr = `${d.clusterIp}/${family === 4 ? 32 : 128}`;
  const base = req.policyName ?? shortName(`expose-${d.namespace}-${d.name}`, '');
  const targetPorts = portsByProtocol(d.ports, (p) => p.targetPort);
  const policies: PlannedPolicy[] = [];

  if (foundation) {
    const vip = Peer.nets(clusterIpCidr);
    const servicePorts = portsByProtocol(d.ports, (p) => p.port);
    policies.push({
      id: 'ClusterIpFence',
      kind: 'GlobalNetworkPolicy',
      props: {
        name: base,
        tier: foundation.tier,
        order: SERVICE_EXPOSURE_ORDER.clusterIpFence,
        selector: foundation.nodeSelector,
        preDnat: true,
        applyOnForward: true,
        types: [PolicyType.INGRESS],
      },
      ingress: [
        ...rules(req.allowFrom, 'allowFrom', servicePorts, (peer, port) => ({
          localPeer: vip,
          description: `${peer} to ${label} (cluster IP ${d.clusterIp}, ${port})`,
        })),
        // Local mode is reached through the NodePorts: open them to the listed networks before the foundation closes
        // the range (its own NodePorts when the Service names them, else the range: the pods decide, keeping the
        // client address). Cluster mode keeps them closed: its clients use the cluster IP.
        ...(local
          ? rules(req.allowFrom, 'allowFrom', nodePortsOf(d, foundation.nodePortRange), (peer, port) => ({
              localPeer: foundation.nodeAddresses,
              description: `${peer} to ${label} (NodePort ${port} on the nodes, externalTrafficPolicy Local)`,
            }))
          : []),
        {
          action: Action.DENY,
          peer: foundation.anyPeer,
          options: {
            localPeer: vip,
            description:
              `everyone else, and every other port of the cluster IP ${d.clusterIp} (preDNAT never drops by ` +
              'default; host services bound to 0.0.0.0: Calico issue 7049)',
          },
        },
      ],
    });
  }

  const inCluster = rules(req.allowInCluster, 'allowInCluster', targetPorts, (peer) => ({
    description: `in-cluster: ${peer}`,
  }));
  if (local) {
    policies.push({
      id: 'Pods',
      kind: 'NetworkPolicy',
      props: {
        name: base,
        namespace: d.namespace,
        tier: foundation?.tier ?? Tier.DEFAULT,
        order: SERVICE_EXPOSURE_ORDER.servicePods,
        selector: podLabelSelector(d.podLabels),
        types: [PolicyType.INGRESS],
      },
      ingress: [
        ...rules(req.allowFrom, 'allowFrom', targetPorts, (peer) => ({
          description: `${peer} (externalTrafficPolicy Local keeps the client address)`,
        })),
        ...inCluster,
      ],
    });
  } else {
    const f = foundation!;
    policies.push({
      id: 'Pods',
      kind: 'GlobalNetworkPolicy',
      props: {
        name: shortName(base, '-pods'),
        tier: f.tier,
        order: SERVICE_EXPOSURE_ORDER.servicePods,
        selector: f.namespaceSelector(d.namespace).and(podLabelSelector(d.podLabels)),
        types: [PolicyType.INGRESS],
      },
      ingress: [
        ...targetPorts.map((port): PlannedRule => ({
          action: Action.ALLOW,
          peer: f.nodesPeer,
          port,
          options: { description: 'the nodes: clients SNATed by kube-proxy (externalTrafficPolicy Cluster)' },
        })),
        ...rules(req.allowFrom, 'allowFrom', targetPorts, (peer) => ({
          description: `${peer}: a backend on the receiving node sees the client itself`,
        })),
        ...inCluster,
      ],
    });
  }
  return { policies, clusterIpCidr, clusterIpAddress };
}

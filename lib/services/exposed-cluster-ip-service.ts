import { createHash } from 'crypto';
import { ApiObject, JsonPatch } from 'cdk8s';
import { Construct } from 'constructs';
import { addManifestValidation } from '../validation/synth-validation';
import { IKubeResource, kubeObjectOf, specPatchPath } from '../core/kube-resource';
import {
  guardArray, guardImplements, guardKnownKeys, guardObject, guardOptionalArray, guardOptionalEnum, guardOptionalInstance, guardOptionalString, guardScope,
  rejectInput, withField,
} from '../core/guard';
import { isGlobalNetworkPolicyName, isNetworkPolicyName } from '../validation/rules/names';
import { LABEL_NAMESPACE } from '../analysis/model/endpoints';
import { PolicyType } from '../policy/action';
import { GlobalNetworkPolicy } from '../policy/global-network-policy';
import { NetworkPolicy } from '../policy/network-policy';
import { IPeer, Peer } from '../policy/peer';
import { PolicyBase } from '../policy/policy-base';
import { Port } from '../policy/port';
import { Protocol } from '../policy/protocol';
import { Tier } from '../policy/tier';
import { Selector } from '../selector';
import { parseCidrOrIp, parseIp } from '../validation/rules/cidr';
import { advertiseAfter, BgpServiceAdvertisement } from './bgp-service-advertisement';
import { ExternalTrafficPolicy } from './external-traffic-policy';
import {
  ClusterIpServiceAttributes, describeAttributes, describeKplusService, isServiceConstruct, kplusServiceSpec, ResolvedServicePort, ServiceDescription,
} from './service-description';
import { SERVICE_EXPOSURE_ORDER, ServiceExposureFoundation } from './service-exposure-foundation';

/** Props of {@link ExposedClusterIpService}. */
export interface ExposedClusterIpServiceProps {
  /**
   * The Service: a `Service` of this app from any cdk8s-plus 2.x line (cdk8s-plus-27 to 33; for example what
   * `deployment.exposeViaService()` returned) or a cdk8s `ApiObject` of kind Service (its cluster IP, ports and
   * selector are read from its manifest, so configure it fully first), or the attributes of a Service defined
   * elsewhere.
   */
  readonly service: IKubeResource | ClusterIpServiceAttributes;
  /**
   * Sets the cluster IP of a Service construct that has none (`deployment.exposeViaService()` takes no
   * `clusterIP`): written into its manifest, since the policies name it.
   * @default - the Service's own `clusterIP`, which must then be set
   */
  readonly clusterIp?: string;
  /**
   * Who may reach the cluster IP from outside the cluster, normally `Peer.nets(...)` of the client networks.
   * Everyone else, and every port the Service does not expose, is denied on the nodes.
   */
  readonly allowFrom: IPeer[];
  /**
   * The Service's external traffic policy, which decides how it is protected. cdk8s-plus has no such field:
   * for a Service construct this value is written into its manifest (Kubernetes accepts the field only on
   * NodePort and LoadBalancer Services or with externalIPs; a plain ClusterIP Service behaves as `Cluster` and
   * gets no field). For attributes it states what the Service already has.
   * @default ExternalTrafficPolicy.CLUSTER
   */
  readonly externalTrafficPolicy?: ExternalTrafficPolicy;
  /**
   * In-cluster clients the Service's pods also admit on its target ports (seed 002, step 4 "optional"). In cluster
   * mode the pod policy isolates the pods in its tier, so list here whatever inside the cluster uses the Service.
   * @default - none
   */
  readonly allowInCluster?: IPeer[];
  /**
   * The shared host endpoints and policies.
   * @default - the app's foundation (ServiceExposureFoundation.of); required in cluster mode, and in local mode
   * used when the app has one (to fence the cluster IP on the nodes too)
   */
  readonly foundation?: ServiceExposureFoundation;
  /**
   * Base name of the policies: the preDNAT fence is `<name>`, the pod policy `<name>-pods`.
   * @default - `expose-<namespace>-<service>` (shortened with a hash past 63 characters)
   */
  readonly policyName?: string;
}

const MAX_LABEL = 63;

const PROPS = ['service', 'clusterIp', 'allowFrom', 'externalTrafficPolicy', 'allowInCluster', 'foundation', 'policyName'];
const PEER_EXPECTED = 'a peer (Peer.nets(...), Peer.selector(...), ...)';

function guardPeer(where: string): (v: unknown, field: string) => IPeer {
  return (v, field) => guardImplements<IPeer>(v, ['_toEntityRule'], where, field, PEER_EXPECTED,
    { fix: typeof v === 'string' ? `wrap it: Peer.nets(${JSON.stringify(v)})` : `pass ${PEER_EXPECTED}` });
}

/** The props' runtime shape (plain JavaScript, values read from YAML); the Service attributes are checked when described. */
function guardExposureProps(props: unknown, where: string): ExposedClusterIpServiceProps {
  const p = guardObject(props, where, 'props', { expected: 'a props object' }) as unknown as ExposedClusterIpServiceProps;
  guardKnownKeys(p, PROPS, where);
  const svc: unknown = p.service;
  if (Construct.isConstruct(svc)) {
    kubeObjectOf(svc, where, 'service', {
      apiVersion: 'v1', kind: 'Service', fix: 'pass the Service (e.g. what deployment.exposeViaService() returned) or its attributes',
    });
  }
  guardOptionalString(p.clusterIp, where, 'clusterIp', { expected: 'an IP address of the service CIDR' });
  guardArray(p.allowFrom, where, 'allowFrom', guardPeer(where), { of: 'peers' });
  guardOptionalEnum(p.externalTrafficPolicy, ExternalTrafficPolicy, where, 'externalTrafficPolicy', { enumName: 'ExternalTrafficPolicy' });
  guardOptionalArray(p.allowInCluster, where, 'allowInCluster', guardPeer(where), { of: 'peers' });
  guardOptionalInstance(p.foundation, ServiceExposureFoundation, where, 'foundation');
  const name = guardOptionalString(p.policyName, where, 'policyName', { expected: 'a policy name' });
  // The fence is a GlobalNetworkPolicy `<name>`, the pod policy `<name>-pods` or a NetworkPolicy `<name>`
  // (libcalico-go validator: GlobalNetworkPolicy and NetworkPolicy names).
  if (name !== undefined && !(isGlobalNetworkPolicyName(name) && isGlobalNetworkPolicyName(`${name}-pods`) && isNetworkPolicyName(name))) {
    rejectInput(where, 'policyName', 'a Calico policy name (lowercase letters, digits and -, at most 248 characters to leave room for -pods)', name,
      'use lowercase letters, digits and -, such as expose-shop-web');
  }
  return p;
}

function shortName(base: string, suffix: string): string {
  const full = `${base}${suffix}`;
  if (full.length <= MAX_LABEL) return full;
  const hash = createHash('sha256').update(full).digest('hex').slice(0, 8);
  return `${base.slice(0, MAX_LABEL - suffix.length - 9).replace(/[-.]+$/, '')}-${hash}${suffix}`;
}

function portsFor(protocol: ResolvedServicePort['protocol'], values: ReadonlyArray<number | string>): Port {
  const proto = protocol === 'TCP' ? Protocol.tcp() : protocol === 'UDP' ? Protocol.udp() : Protocol.sctp();
  const one = (v: number | string): Port => {
    if (typeof v === 'string') return Port.named(v, proto);
    return protocol === 'TCP' ? Port.tcp(v) : protocol === 'UDP' ? Port.udp(v) : Port.sctp(v);
  };
  const unique = [...new Set(values)];
  return unique.length === 1 ? one(unique[0]) : Port.combine(...unique.map(one));
}

/** Ports grouped by protocol, in first-seen order. */
function byProtocol(ports: readonly ResolvedServicePort[], pick: (p: ResolvedServicePort) => number | string): Port[] {
  const groups = new Map<ResolvedServicePort['protocol'], Array<number | string>>();
  for (const p of ports) groups.set(p.protocol, [...(groups.get(p.protocol) ?? []), pick(p)]);
  return [...groups].map(([protocol, values]) => portsFor(protocol, values));
}

function fingerprint(json: any): string {
  const s = json.spec ?? {};
  return JSON.stringify([json.metadata?.name, json.metadata?.namespace, s.clusterIP, s.ports, s.selector, s.type, s.externalIPs]);
}

/**
 * A Service whose cluster IP is reachable from outside the cluster (advertised over BGP, see
 * {@link BgpServiceAdvertisement}), and only by the networks in `allowFrom` (seed 002, "policy for cluster IPs
 * advertised over BGP").
 *
 * **Cluster mode** (`externalTrafficPolicy: Cluster`, the default): clients are SNATed on the way to backends on
 * other nodes, so pod policy cannot tell them apart (pod `ipBlock` rules never see them, Calico issue 2660). The
 * decision is made on the nodes' host endpoints before DNAT:
 * - a preDNAT + applyOnForward GlobalNetworkPolicy `<name>` allowing each allowed network to the cluster IP
 *   (/32, /128) on the Service ports, then **denying everything else to the cluster IP**, on every port and
 *   protocol. The upstream guide stops at the Allow rules, but preDNAT policy never drops by default, so every
 *   other client would get through; the Deny also fences host services bound to 0.0.0.0 (sshd) that an
 *   advertised cluster IP would otherwise expose (Calico issue 7049);
 * - a GlobalNetworkPolicy `<name>-pods` selecting the Service's pods that admits the nodes' host endpoints (the
 *   SNATed clients) and the allowed networks (a backend on the receiving node sees the client itself) on the
 *   target ports, plus `allowInCluster`;
 * - the shared pieces (host endpoints, pod-CIDR allowance, host traffic) come from the app's
 *   {@link ServiceExposureFoundation}, emitted once.
 *
 * **Local mode**: the client address survives, so a Calico NetworkPolicy `<name>` on the Service's pods admits the
 * allowed networks (and `allowInCluster`) on the target ports; when the app has a foundation the cluster IP is
 * fenced on the nodes as in cluster mode too.
 *
 * Scaling: one fence and one pod policy per Service (a few hundred bytes each), not one aggregated policy: a policy
 * holding the rules of 2,000 Services passes the 256 KiB limit of `kubectl apply`'s last-applied annotation, and
 * every change would rewrite it (see bench/services.ts).
 */
export class ExposedClusterIpService extends Construct {
  /** How the Service is protected. */
  public readonly externalTrafficPolicy: ExternalTrafficPolicy;
  /** The Service name. */
  public readonly serviceName: string;
  /** The Service namespace. */
  public readonly namespace: string;
  /** The cluster IP. */
  public readonly clusterIp: string;
  /** The preDNAT fence on the nodes (cluster mode, or local mode with a foundation). */
  public readonly fencePolicy?: GlobalNetworkPolicy;
  /** The policy on the Service's pods: a GlobalNetworkPolicy (cluster mode) or a NetworkPolicy (local mode). */
  public readonly podPolicy: PolicyBase;

  private readonly description: ServiceDescription;
  private readonly wrapFingerprint?: string;

  public constructor(scope: Construct, id: string, props: ExposedClusterIpServiceProps) {
    super(guardScope(scope, id, 'ExposedClusterIpService'), id);
    // The user's Service is patched here (clusterIP, externalTrafficPolicy): validate what it emits at synth.
    addManifestValidation(this, () => (isServiceConstruct(props?.service) ? [ApiObject.of(props.service)] : []));
    const path = this.node.path;
    guardExposureProps(props, path);
    this.externalTrafficPolicy = props.externalTrafficPolicy ?? ExternalTrafficPolicy.CLUSTER;
    const local = this.externalTrafficPolicy === ExternalTrafficPolicy.LOCAL;
    const svc = props.service;
    if (props.clusterIp !== undefined) {
      if (!isServiceConstruct(svc)) throw new Error(`[${path}] clusterIp: only for a Service construct; fix: put the cluster IP in the attributes (service.clusterIp)`);
      const current = kplusServiceSpec(svc).spec?.clusterIP;
      if (current !== undefined && current !== props.clusterIp) throw new Error(`[${path}] clusterIp: the Service already has clusterIP ${current}; fix: remove one of them`);
      if (!parseIp(props.clusterIp)) throw new Error(`[${path}] clusterIp: "${props.clusterIp}" is not an IP address; fix: give an address of the service CIDR`);
      // kplus's generated KubeService maps camelCase keys back to the wire name, so the patch uses `clusterIp` there.
      const api = ApiObject.of(svc);
      if (current === undefined) api.addJsonPatch(JsonPatch.add(specPatchPath(api, 'clusterIp', 'clusterIP'), props.clusterIp));
    }
    const d = isServiceConstruct(svc) ? describeKplusService(path, svc) : describeAttributes(path, svc);
    this.description = d;
    if (isServiceConstruct(svc)) this.wrapFingerprint = describeFingerprint(svc);
    this.serviceName = d.name;
    this.namespace = d.namespace;
    this.clusterIp = d.clusterIp;
    if (!props.allowFrom || props.allowFrom.length === 0) {
      throw new Error(`[${path}] allowFrom: nobody outside the cluster may reach ${d.namespace}/${d.name}, so there is nothing to expose; fix: list the client networks, e.g. [Peer.nets('50.60.0.0/16')]`);
    }
    if (local && !d.externallyAccessible) {
      throw new Error(`[${path}] externalTrafficPolicy: Kubernetes accepts Local only on externally accessible Services (type NodePort or LoadBalancer, or with externalIPs) and rejects it on ${d.namespace}/${d.name} (a ClusterIP Service); fix: make the Service type NodePort, or use ExternalTrafficPolicy.CLUSTER`);
    }
    if (isServiceConstruct(svc) && d.externallyAccessible) {
      // The key is the same in camelCase and on the wire, so the patch survives kplus's KubeService mapping.
      ApiObject.of(svc).addJsonPatch(JsonPatch.add('/spec/externalTrafficPolicy', this.externalTrafficPolicy));
    }

    const foundation = props.foundation ?? (local ? ServiceExposureFoundation.tryOf(this) : ServiceExposureFoundation.of(this));
    const vipFamily = parseCidrOrIp(d.clusterIp)!.family;
    if (foundation) for (const peer of props.allowFrom) this.assertFamily(peer, vipFamily);
    foundation?._claimClusterIp(path, d.clusterIp);
    const base = props.policyName ?? shortName(`expose-${d.namespace}-${d.name}`, '');
    const vip = parseCidrOrIp(d.clusterIp)!;
    const vipPeer = Peer.nets(`${d.clusterIp}/${vip.family === 4 ? 32 : 128}`);
    const servicePorts = byProtocol(d.ports, (p) => p.port);
    const targetPorts = byProtocol(d.ports, (p) => p.targetPort);
    const label = `${d.namespace}/${d.name}`;

    if (foundation) {
      const fence = new GlobalNetworkPolicy(this, 'ClusterIpFence', {
        name: base, tier: foundation.tier, order: SERVICE_EXPOSURE_ORDER.clusterIpFence, selector: foundation.nodeSelector,
        preDnat: true, applyOnForward: true, types: [PolicyType.INGRESS],
      });
      props.allowFrom.forEach((peer, i) => withField(path, `allowFrom[${i}]`, () => {
        for (const port of servicePorts) fence.allowIngress(peer, port, { localPeer: vipPeer, description: `${peer} to ${label} (cluster IP ${d.clusterIp}, ${port})` });
      }));
      fence.denyIngress(Peer.any(), undefined, {
        localPeer: vipPeer,
        description: `everyone else, and every other port of the cluster IP ${d.clusterIp} (preDNAT never drops by default; host services bound to 0.0.0.0: Calico issue 7049)`,
      });
      this.fencePolicy = fence;
      advertiseAfter(fence.apiObject);
    }

    const inCluster = props.allowInCluster ?? [];
    if (local) {
      const np = new NetworkPolicy(this, 'Pods', {
        name: base, namespace: d.namespace, tier: foundation?.tier ?? Tier.DEFAULT, order: SERVICE_EXPOSURE_ORDER.servicePods,
        selector: this.podSelector(), types: [PolicyType.INGRESS],
      });
      props.allowFrom.forEach((peer, i) => withField(path, `allowFrom[${i}]`, () => {
        for (const port of targetPorts) np.allowIngress(peer, port, { description: `${peer} (externalTrafficPolicy Local keeps the client address)` });
      }));
      inCluster.forEach((peer, i) => withField(path, `allowInCluster[${i}]`, () => {
        for (const port of targetPorts) np.allowIngress(peer, port, { description: `in-cluster: ${peer}` });
      }));
      this.podPolicy = np;
    } else {
      const f = foundation!;
      const pods = new GlobalNetworkPolicy(this, 'Pods', {
        name: shortName(base, '-pods'), tier: f.tier, order: SERVICE_EXPOSURE_ORDER.servicePods,
        selector: Selector.eq(LABEL_NAMESPACE, d.namespace).and(this.podSelector()), types: [PolicyType.INGRESS],
      });
      const nodes = Peer.selector(f.nodeSelector).and(Peer.globalEndpoints());
      for (const port of targetPorts) pods.allowIngress(nodes, port, { description: 'the nodes: clients SNATed by kube-proxy (externalTrafficPolicy Cluster)' });
      props.allowFrom.forEach((peer, i) => withField(path, `allowFrom[${i}]`, () => {
        for (const port of targetPorts) pods.allowIngress(peer, port, { description: `${peer}: a backend on the receiving node sees the client itself` });
      }));
      inCluster.forEach((peer, i) => withField(path, `allowInCluster[${i}]`, () => {
        for (const port of targetPorts) pods.allowIngress(peer, port, { description: `in-cluster: ${peer}` });
      }));
      this.podPolicy = pods;
    }

    // The advertisement comes after the Service's policies (the fence above, and the pod policy), so applying in file
    // order never advertises an unprotected cluster IP; the edge also keeps the emitted order of the examples.
    advertiseAfter(this.podPolicy.apiObject);
    this.node.addValidation({ validate: () => this.validateExposure(isServiceConstruct(svc) ? svc : undefined) });
  }

  /** The Service's ports (port, target port, protocol). */
  public get ports(): ReadonlyArray<{ readonly port: number; readonly targetPort: number | string; readonly protocol: string }> {
    return this.description.ports.map((p) => ({ ...p }));
  }

  /** The labels of the Service's pods (its `spec.selector`). */
  public get podLabels(): { readonly [key: string]: string } {
    return { ...this.description.podLabels };
  }

  private podSelector(): Selector {
    return Selector.and(...Object.keys(this.description.podLabels).sort().map((k) => Selector.eq(k, this.description.podLabels[k])));
  }

  private assertFamily(peer: IPeer, family: number): void {
    const nets = [...(peer._toEntityRule().nets ?? []), ...(peer._toEntityRule().notNets ?? [])];
    const other = nets.find((n) => parseCidrOrIp(n)?.family !== family);
    if (other) {
      throw new Error(`[${this.node.path}] allowFrom: ${peer} is not of the cluster IP's family (${this.clusterIp}), and one Calico rule cannot mix IPv4 and IPv6; fix: list only IPv${family} networks for this Service`);
    }
  }

  private validateExposure(service: IKubeResource | undefined): string[] {
    const problems: string[] = [];
    const adv = BgpServiceAdvertisement.of(this);
    if (adv && !adv.advertisesClusterIp(this.clusterIp)) {
      problems.push(`clusterIP: ${this.clusterIp} (${this.namespace}/${this.serviceName}) is outside the advertised cluster IP ranges [${adv.clusterIpCidrs.join(', ')}] of [${adv.node.path}], so no route to it reaches the clients; fix: choose a cluster IP inside them, or add its range to clusterIpCidrs`);
    }
    if (service) {
      if (describeFingerprint(service) !== this.wrapFingerprint) {
        problems.push(`service: the Service ${this.namespace}/${this.serviceName} changed after it was wrapped (cluster IP, ports, selector or type), so the policies no longer match it; fix: configure the Service fully before creating the ExposedClusterIpService`);
      }
    }
    return problems;
  }

}

function describeFingerprint(service: IKubeResource): string {
  return fingerprint(kplusServiceSpec(service));
}

import { ApiObject, JsonPatch } from 'cdk8s';
import { Construct } from 'constructs';
import { addManifestValidation } from '../validation/synth-validation';
import { IKubeResource, kubeObjectOf, specPatchPath } from '../core/kube-resource';
import {
  guardArray,
  guardKnownKeys,
  guardObject,
  guardOptionalArray,
  guardOptionalEnum,
  guardOptionalInstance,
  guardOptionalString,
  guardScope,
  rejectInput,
  withField,
} from '../model/primitives/guard';
import { isGlobalNetworkPolicyName, isNetworkPolicyName } from '../model/primitives';
import type { ParsedCidr } from '../model/primitives/cidr';
import { Action } from '../policy/action';
import { GlobalNetworkPolicy } from '../policy/global-network-policy';
import { NetworkPolicy } from '../policy/network-policy';
import { IPeer } from '../policy/peer';
import { PolicyBase } from '../policy/policy-base';
import { guardPeer } from '../policy/value-guards';
import { advertiseAfter, BgpServiceAdvertisement } from './bgp-service-advertisement';
import { ExternalTrafficPolicy } from './external-traffic-policy';
import { PlannedPolicy, planExposure } from './plan-exposure';
import { planServiceChanges, ServiceChangePlan } from './plan-service-changes';
import {
  ClusterIpServiceAttributes,
  describeAttributes,
  describeKplusService,
  isServiceConstruct,
  kplusServiceSpec,
  ServiceDescription,
  serviceFingerprint,
  ServicePortMapping,
} from './service-description';
import { ServiceExposureFoundation } from './service-exposure-foundation';

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
   * for a Service construct that states none, this value is written into its manifest (Kubernetes accepts the
   * field only on NodePort and LoadBalancer Services or with externalIPs; a plain ClusterIP Service behaves as
   * `Cluster` and gets no field); a Service that states one keeps it, and a different value here is an error.
   * For attributes it states what the Service already has.
   * @default - the Service construct's own `spec.externalTrafficPolicy`, else ExternalTrafficPolicy.CLUSTER
   */
  readonly externalTrafficPolicy?: ExternalTrafficPolicy;
  /**
   * In-cluster clients the Service's pods also admit on its target ports (docs/scenarios.md#002, step 4 "optional"). In
   * cluster mode the pod policy isolates the pods in its tier, so list here whatever inside the cluster uses the
   * Service.
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

const PROPS = [
  'service',
  'clusterIp',
  'allowFrom',
  'externalTrafficPolicy',
  'allowInCluster',
  'foundation',
  'policyName',
];
/**
 * The props' runtime shape (plain JavaScript, values read from YAML); the Service attributes are checked when
 * described.
 */
function guardExposureProps(props: unknown, where: string): ExposedClusterIpServiceProps {
  const p = guardObject(props, where, 'props', {
    expected: 'a props object',
  }) as unknown as ExposedClusterIpServiceProps;
  guardKnownKeys(p, PROPS, where);
  const svc: unknown = p.service;
  if (Construct.isConstruct(svc)) {
    kubeObjectOf(svc, where, 'service', {
      apiVersion: 'v1',
      kind: 'Service',
      fix: 'pass the Service (e.g. what deployment.exposeViaService() returned) or its attributes',
    });
  }
  guardOptionalString(p.clusterIp, where, 'clusterIp', { expected: 'an IP address of the service CIDR' });
  guardArray(p.allowFrom, where, 'allowFrom', (v, f) => guardPeer(v, where, f), { of: 'peers' });
  guardOptionalEnum(p.externalTrafficPolicy, ExternalTrafficPolicy, where, 'externalTrafficPolicy', {
    enumName: 'ExternalTrafficPolicy',
  });
  guardOptionalArray(p.allowInCluster, where, 'allowInCluster', (v, f) => guardPeer(v, where, f), { of: 'peers' });
  guardOptionalInstance(p.foundation, ServiceExposureFoundation, where, 'foundation');
  const name = guardOptionalString(p.policyName, where, 'policyName', { expected: 'a policy name' });
  // The fence is a GlobalNetworkPolicy `<name>`, the pod policy `<name>-pods` or a NetworkPolicy `<name>`
  // (libcalico-go validator: GlobalNetworkPolicy and NetworkPolicy names).
  if (
    name !== undefined &&
    !(isGlobalNetworkPolicyName(name) && isGlobalNetworkPolicyName(`${name}-pods`) && isNetworkPolicyName(name))
  ) {
    rejectInput(
      where,
      'policyName',
      'a Calico policy name (lowercase letters, digits and -, at most 248 characters to leave room for -pods)',
      name,
      'use lowercase letters, digits and -, such as expose-shop-web',
    );
  }
  return p;
}

/** The rendered Service as it will be once `changes` are written (the description and fingerprint read it). */
function withChanges(json: any, changes: ServiceChangePlan): any {
  return changes.clusterIp === undefined ? json : { ...json, spec: { ...json.spec, clusterIP: changes.clusterIp } };
}

/** Writes the planned changes into the user's Service (the only place it is changed). */
function applyServiceChanges(service: IKubeResource, changes: ServiceChangePlan): void {
  const api = ApiObject.of(service);
  // kplus's generated KubeService maps camelCase keys back to the wire name, so the patch uses `clusterIp` there.
  if (changes.clusterIp !== undefined)
    api.addJsonPatch(JsonPatch.add(specPatchPath(api, 'clusterIp', 'clusterIP'), changes.clusterIp));
  // The key is the same in camelCase and on the wire, so the patch survives kplus's KubeService mapping.
  if (changes.externalTrafficPolicy !== undefined)
    api.addJsonPatch(JsonPatch.add('/spec/externalTrafficPolicy', changes.externalTrafficPolicy));
}

/** Creates a planned policy under `scope`, its rules in order, each error named after the prop it came from. */
function createPolicy(scope: Construct, plan: PlannedPolicy): PolicyBase {
  const policy =
    plan.kind === 'GlobalNetworkPolicy'
      ? new GlobalNetworkPolicy(scope, plan.id, plan.props)
      : new NetworkPolicy(scope, plan.id, plan.props);
  const where = scope.node.path;
  for (const r of plan.ingress) {
    const add = () =>
      r.action === Action.DENY
        ? policy.denyIngress(r.peer, r.port, r.options)
        : policy.allowIngress(r.peer, r.port, r.options);
    if (r.field === undefined) add();
    else withField(where, r.field, add);
  }
  return policy;
}

/**
 * A Service whose cluster IP is reachable from outside the cluster (advertised over BGP, see
 * {@link BgpServiceAdvertisement}), and only by the networks in `allowFrom` (docs/scenarios.md#002, "policy for cluster
 * IPs advertised over BGP").
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
  private readonly clusterIpRange: ParsedCidr;
  /**
   * The advertisement last checked and whether it advertises the cluster IP: both are fixed once created, and synth
   * validates every construct twice.
   */
  private advertisedBy?: { readonly adv: BgpServiceAdvertisement; readonly advertised: boolean };

  public constructor(scope: Construct, id: string, props: ExposedClusterIpServiceProps) {
    super(guardScope(scope, id, 'ExposedClusterIpService'), id);
    const where = this.node.path;
    guardExposureProps(props, where);
    const svc = isServiceConstruct(props.service) ? props.service : undefined;
    const json = svc ? kplusServiceSpec(svc) : undefined;
    const changes = planServiceChanges(svc ? (json.spec ?? {}) : undefined, {
      where,
      clusterIp: props.clusterIp,
      externalTrafficPolicy: props.externalTrafficPolicy,
    });
    const rendered = svc ? withChanges(json, changes) : undefined;
    const d = svc
      ? describeKplusService(where, svc, rendered)
      : describeAttributes(where, props.service as ClusterIpServiceAttributes);
    const foundation = props.foundation ?? ServiceExposureFoundation.tryOf(this);
    const plan = planExposure(
      d,
      {
        where,
        mode: changes.mode,
        allowFrom: props.allowFrom,
        allowInCluster: props.allowInCluster ?? [],
        policyName: props.policyName,
      },
      foundation?._exposureFacts(),
    );
    foundation?._claimClusterIp(where, d.clusterIp, plan.clusterIpAddress);
    if (svc) applyServiceChanges(svc, changes);

    this.description = d;
    this.externalTrafficPolicy = changes.mode;
    this.serviceName = d.name;
    this.namespace = d.namespace;
    this.clusterIp = d.clusterIp;
    this.clusterIpRange = plan.clusterIpAddress;
    const policies = plan.policies.map((p) => createPolicy(this, p));
    // The advertisement comes after the Service's policies (fence, then pod policy), so applying in file order never
    // advertises an unprotected cluster IP; the edges also keep the emitted order of the examples.
    for (const p of policies) advertiseAfter(p.apiObject);
    this.fencePolicy = plan.policies[0].id === 'ClusterIpFence' ? (policies[0] as GlobalNetworkPolicy) : undefined;
    this.podPolicy = policies[policies.length - 1];

    const fingerprint = svc ? serviceFingerprint(rendered) : undefined;
    // The user's Service is changed here (clusterIP, externalTrafficPolicy): validate what it emits at synth.
    if (svc) addManifestValidation(this, () => [ApiObject.of(svc)]);
    this.node.addValidation({ validate: () => this.validateExposure(svc, fingerprint) });
  }

  /** The Service's ports (port, target port, protocol), a frozen copy. */
  public get ports(): ServicePortMapping[] {
    return Object.freeze(this.description.ports.map((p) => ({ ...p }))) as ServicePortMapping[];
  }

  /** The labels of the Service's pods (its `spec.selector`). */
  public get podLabels(): { readonly [key: string]: string } {
    return { ...this.description.podLabels };
  }

  private validateExposure(service: IKubeResource | undefined, fingerprint: string | undefined): string[] {
    const problems: string[] = [];
    const adv = BgpServiceAdvertisement.tryOf(this);
    if (adv && this.advertisedBy?.adv !== adv) {
      this.advertisedBy = { adv, advertised: adv._advertises(this.clusterIpRange) };
    }
    if (adv && !this.advertisedBy!.advertised) {
      problems.push(
        `clusterIP: ${this.clusterIp} (${this.namespace}/${this.serviceName}) is outside the advertised cluster IP ` +
          `ranges [${adv.clusterIpCidrs.join(', ')}] of [${adv.node.path}], so no route to it reaches the clients; ` +
          'fix: choose a cluster IP inside them, or add its range to clusterIpCidrs',
      );
    }
    if (service && serviceFingerprint(kplusServiceSpec(service)) !== fingerprint) {
      problems.push(
        `service: the Service ${this.namespace}/${this.serviceName} changed after it was wrapped (cluster IP, ` +
          'ports, selector or type), so the policies no longer match it; fix: configure the Service fully before ' +
          'creating the ExposedClusterIpService',
      );
    }
    return problems;
  }
}

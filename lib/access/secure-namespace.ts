import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { addManifestValidation } from '../validation/synth-validation';
import {
  boundaryError, guardArray, guardInstance, guardKnownKeys, guardObject, guardOptionalArray, guardOptionalBoolean, guardOptionalEnum, guardOptionalString, guardProps,
  guardScope, guardString, rejectInput,
} from '../core/guard';
import { guardDnsLabel, guardDnsSubdomain, guardOptionalLabels } from '../core/kube-name-guards';
import { dnsNameFromId } from '../core/names';
import { AccessRole, GrantOptions } from './access-role';
import { KubeNetworkPolicy } from './kube-network-policy';
import { NetworkPeer, NetworkPort } from './network-peer';
import { podSecurityValidationErrors } from '../analysis/pod-security/pod-security-validation';
import { acknowledgedRisksAnnotation } from '../core/acknowledged-risks';
import { dropChartNamespace } from '../core/cluster-scoped';
import { IKplusResource, IKplusServiceAccount, kubeObjectHandle } from '../core/kube-resource';
import { PRIVILEGED_PODS_RISK } from '../lint/privileged-namespace-lint';
import { Subject } from './subject';

/** A Pod Security Standards level (Pod Security Admission). */
export enum PodSecurityLevel {
  /** Unrestricted: anything goes, including host access. Only with `dangerouslyAllowPrivilegedPods`. */
  PRIVILEGED = 'privileged',
  /** Blocks known privilege escalations (host namespaces, privileged containers, hostPath, ...). */
  BASELINE = 'baseline',
  /** Current hardening best practice: non-root, no privilege escalation, dropped capabilities, seccomp. */
  RESTRICTED = 'restricted',
}

/** Pod Security Admission settings of a {@link SecureNamespace}. */
export interface PodSecurityOptions {
  /**
   * Level enforced: violating pods are rejected.
   * @default PodSecurityLevel.RESTRICTED
   */
  readonly enforce?: PodSecurityLevel;
  /**
   * Level audited: violations are recorded in the audit log.
   * @default the enforce level
   */
  readonly audit?: PodSecurityLevel;
  /**
   * Level warned about: violations are returned as warnings to the client.
   * @default the enforce level
   */
  readonly warn?: PodSecurityLevel;
  /**
   * Version of the standards for every mode: `latest` or `v1.N`.
   * @default 'latest'
   */
  readonly version?: string;
}

/** Options of {@link SecureNamespace.allowIngressFrom} and {@link SecureNamespace.allowEgressTo}. */
export interface AllowTrafficOptions {
  /**
   * Ports (and port ranges) admitted.
   * @default every port and protocol
   */
  readonly ports?: NetworkPort[];
  /**
   * Labels of the pods of this namespace the rule applies to.
   * @default {} (every pod of the namespace)
   */
  readonly podLabels?: Record<string, string>;
}

/** Props of {@link SecureNamespace}. */
export interface SecureNamespaceProps {
  /**
   * Name of the namespace.
   * @default derived from the construct id (`Dev` -> `dev`)
   */
  readonly name?: string;
  /**
   * Extra labels of the namespace (the Pod Security labels are added to them).
   * @default {}
   */
  readonly labels?: Record<string, string>;
  /**
   * Pod Security Admission levels and version.
   * @default restricted for enforce, audit and warn, at version latest
   */
  readonly podSecurity?: PodSecurityOptions;
  /**
   * Must be true to use the `privileged` Pod Security level in any mode: privileged pods can take over their node.
   * The namespace is then annotated `cdk8s-calico.io/acknowledged-risks: privileged-pods` so reviews, audits and
   * `cdk8s-calico lint` see it was meant.
   * @default false
   */
  readonly dangerouslyAllowPrivilegedPods?: boolean;
  /**
   * Deny all ingress to the namespace's pods except what is allowed explicitly (policy `default-deny-ingress`).
   * @default true
   */
  readonly defaultDenyIngress?: boolean;
  /**
   * Deny all egress from the namespace's pods except what is allowed explicitly (policy `default-deny-egress`).
   * @default true
   */
  readonly defaultDenyEgress?: boolean;
  /**
   * Allow DNS (UDP and TCP 53) to the kube-dns pods in `kube-system` (policy `allow-dns-egress`). Without it a
   * default-deny egress breaks every name lookup.
   * @default true
   */
  readonly allowDns?: boolean;
  /**
   * Name of the dedicated ServiceAccount for the namespace's workloads (token automount off), so pods need not run
   * as `default`.
   * @default 'workload'
   */
  readonly serviceAccountName?: string;
  /**
   * Fail `cdk8s synth` when a pod template anywhere in the app (Pod, Deployment, StatefulSet, DaemonSet, Job,
   * CronJob, ...) placed in this namespace violates its enforce level: the API server would reject its pods.
   * @default true
   */
  readonly checkPodSecurityAtSynth?: boolean;
}

const PSA_PREFIX = 'pod-security.kubernetes.io';

const PROPS = ['name', 'labels', 'podSecurity', 'dangerouslyAllowPrivilegedPods', 'defaultDenyIngress', 'defaultDenyEgress', 'allowDns', 'serviceAccountName',
  'checkPodSecurityAtSynth'];
const POD_SECURITY_KEYS = ['enforce', 'audit', 'warn', 'version'];
const TRAFFIC_KEYS = ['ports', 'podLabels'];

/** The props' runtime shape (plain JavaScript, values read from YAML). */
function guardNamespaceProps(props: unknown, where: string): SecureNamespaceProps {
  const p = guardProps(props as SecureNamespaceProps | undefined, where);
  guardKnownKeys(p, PROPS, where);
  if (p.name !== undefined) guardDnsLabel(p.name, where, 'name', 'namespace name');
  const labels = guardOptionalLabels(p.labels, where, 'labels') ?? {};
  const psa = Object.keys(labels).find((k) => k.startsWith(`${PSA_PREFIX}/`));
  if (psa) throw boundaryError(where, `labels["${psa}"]`, 'the Pod Security labels are set from podSecurity and would replace this one; fix: use podSecurity: { enforce, audit, warn, version }');
  if (p.podSecurity !== undefined) {
    const ps = guardObject(p.podSecurity, where, 'podSecurity', { expected: 'an object { enforce?, audit?, warn?, version? }' });
    guardKnownKeys(ps, POD_SECURITY_KEYS, where, 'podSecurity');
    for (const mode of ['enforce', 'audit', 'warn']) guardOptionalEnum(ps[mode], PodSecurityLevel, where, `podSecurity.${mode}`, { enumName: 'PodSecurityLevel' });
    guardOptionalString(ps.version, where, 'podSecurity.version', { expected: '"latest" or "v1.N"' });
  }
  for (const flag of ['dangerouslyAllowPrivilegedPods', 'defaultDenyIngress', 'defaultDenyEgress', 'allowDns', 'checkPodSecurityAtSynth'] as const) {
    guardOptionalBoolean(p[flag], where, flag);
  }
  // Upstream: pkg/apis/core/validation.ValidateServiceAccountName (a DNS-1123 subdomain).
  if (p.serviceAccountName !== undefined) guardDnsSubdomain(p.serviceAccountName, where, 'serviceAccountName', 'ServiceAccount name');
  return p;
}

/**
 * A namespace that starts safe: Pod Security Admission labels (restricted at latest by default), default-deny
 * ingress and egress Kubernetes NetworkPolicies, DNS egress to kube-dns, and a dedicated ServiceAccount with token
 * automount off. Traffic from other namespaces is admitted explicitly with {@link allowIngressFrom}.
 */
export class SecureNamespace extends Construct {
  /** The namespace name. */
  public readonly name: string;
  /** The Namespace object (cluster-scoped: never carries the chart namespace), for JSON patches and dependencies. */
  public readonly namespaceObject: ApiObject;
  /**
   * The dedicated ServiceAccount object. Pass it to `Subject.serviceAccount`; with cdk8s-plus workloads of any line,
   * use `ServiceAccount.fromServiceAccountName(scope, id, serviceAccountName, { namespaceName: name })`.
   */
  public readonly serviceAccountObject: ApiObject;
  /** The dedicated ServiceAccount's name. */
  public readonly serviceAccountName: string;
  /**
   * The Namespace, as any cdk8s-plus line reads a resource (name, kind, apiGroup, metadata; `ApiObject.of` gives
   * {@link namespaceObject}).
   * @deprecated use {@link namespaceObject}. This was the cdk8s-plus-27 `Namespace` until the library stopped
   * depending on cdk8s-plus.
   */
  public readonly namespace: IKplusResource;
  /**
   * The dedicated ServiceAccount, as any cdk8s-plus line takes a ServiceAccount (a workload's `serviceAccount`, a
   * binding subject; `ApiObject.of` gives {@link serviceAccountObject}).
   * @deprecated use {@link serviceAccountObject} (and `Subject.serviceAccount`). This was the cdk8s-plus-27
   * `ServiceAccount` until the library stopped depending on cdk8s-plus.
   */
  public readonly serviceAccount: IKplusServiceAccount;
  /** The namespace labels, Pod Security labels included. */
  public readonly labels: Record<string, string>;
  /** The `default-deny-ingress` policy, if any. */
  public readonly denyIngress?: KubeNetworkPolicy;
  /** The `default-deny-egress` policy, if any. */
  public readonly denyEgress?: KubeNetworkPolicy;
  /** The `allow-dns-egress` policy, if any. */
  public readonly dnsEgress?: KubeNetworkPolicy;
  private readonly policyNames = new Set<string>();

  public constructor(scope: Construct, id: string, props: SecureNamespaceProps = {}) {
    super(guardScope(scope, id, 'SecureNamespace'), id);
    addManifestValidation(this); // its built-in objects get validateObject at synth
    props = guardNamespaceProps(props, this.node.path);
    this.name = props.name ?? dnsNameFromId(id);
    if (props.name === undefined) {
      guardDnsLabel(this.name, this.node.path, 'name', 'namespace name (derived from the construct id)');
    }
    this.labels = { ...(props.labels ?? {}), ...podSecurityLabels(props, this.node.path) };
    const privileged = Object.entries(this.labels).some(([k, v]) => k.startsWith(`${PSA_PREFIX}/`) && v === PodSecurityLevel.PRIVILEGED);
    const annotations = privileged ? acknowledgedRisksAnnotation([PRIVILEGED_PODS_RISK]) : undefined;

    // `spec: {}` as cdk8s-plus rendered it, so manifests stay byte-identical.
    const namespace = kubeObjectHandle(this, 'Namespace', 'namespaces', {
      apiVersion: 'v1', kind: 'Namespace', metadata: { name: this.name, labels: this.labels, annotations }, spec: {},
    });
    this.namespaceObject = namespace.apiObject;
    dropChartNamespace(this.namespaceObject);
    this.namespace = namespace;

    this.serviceAccountName = props.serviceAccountName ?? 'workload';
    const account = kubeObjectHandle(this, 'ServiceAccount', 'serviceaccounts', {
      apiVersion: 'v1',
      kind: 'ServiceAccount',
      metadata: { name: this.serviceAccountName, namespace: this.name },
      automountServiceAccountToken: false,
    });
    this.serviceAccountObject = account.apiObject;
    this.serviceAccountObject.node.addDependency(this.namespaceObject);
    this.serviceAccount = account;

    if (props.checkPodSecurityAtSynth ?? true) {
      // Workloads may be defined anywhere in the app; those placed in this namespace are this one's to check.
      this.node.addValidation({ validate: () => podSecurityValidationErrors(this.node.root, { namespace: this.name }) });
    }
    if (props.defaultDenyIngress ?? true) {
      this.denyIngress = this.policy('DefaultDenyIngress', 'default-deny-ingress', { isolateIngress: true });
    }
    if (props.defaultDenyEgress ?? true) {
      this.denyEgress = this.policy('DefaultDenyEgress', 'default-deny-egress', { isolateEgress: true });
    }
    if (props.allowDns ?? true) {
      this.dnsEgress = this.policy('AllowDnsEgress', 'allow-dns-egress', {})
        .addEgress([NetworkPeer.podsInNamespaces({ 'k8s-app': 'kube-dns' }, { 'kubernetes.io/metadata.name': 'kube-system' })],
          [NetworkPort.udp(53), NetworkPort.tcp(53)]);
    }
  }

  /**
   * Admit traffic into the namespace from `peers` (policy `allow-ingress-<name>`). An empty list admits anyone.
   * @param name readable suffix of the policy name, such as `from-ingress-nginx`
   */
  public allowIngressFrom(name: string, peers: NetworkPeer | NetworkPeer[], options: AllowTrafficOptions = {}): KubeNetworkPolicy {
    const { list, opts } = this.guardTraffic('allowIngressFrom', name, peers, options);
    return this.policy(`AllowIngress-${name}`, `allow-ingress-${dnsNameFromId(name)}`, { podLabels: opts.podLabels }, 'allowIngressFrom.name')
      .addIngress(list, opts.ports ?? []);
  }

  /**
   * Admit traffic out of the namespace to `peers` (policy `allow-egress-<name>`). An empty list admits anywhere.
   * @param name readable suffix of the policy name, such as `to-database`
   */
  public allowEgressTo(name: string, peers: NetworkPeer | NetworkPeer[], options: AllowTrafficOptions = {}): KubeNetworkPolicy {
    const { list, opts } = this.guardTraffic('allowEgressTo', name, peers, options);
    return this.policy(`AllowEgress-${name}`, `allow-egress-${dnsNameFromId(name)}`, { podLabels: opts.podLabels }, 'allowEgressTo.name')
      .addEgress(list, opts.ports ?? []);
  }

  /**
   * Grant `role` to `subject` in this namespace only (a RoleBinding here to the role's ClusterRole), applied after
   * the namespace exists.
   * @returns the RoleBinding object (a cdk8s `ApiObject`; a cdk8s-plus-27 `RoleBinding` before the library stopped
   * depending on cdk8s-plus)
   */
  public grant(role: AccessRole, subject: Subject, options: GrantOptions = {}): ApiObject {
    guardInstance(role, AccessRole, this.node.path, 'grant.role', { expected: 'an AccessRole (new AccessRole(...), AccessRole.podsViewer(...), ...)' });
    guardInstance(subject, Subject as unknown as abstract new () => Subject, this.node.path, 'grant.subject',
      { expected: 'a Subject (Subject.user, Subject.group, Subject.serviceAccount)' });
    const binding = role.grant(subject, this.name, options);
    binding.node.addDependency(this.namespaceObject);
    return binding;
  }

  /** The arguments of allowIngressFrom / allowEgressTo: a name, a peer or a list of peers, options. */
  private guardTraffic(method: string, name: unknown, peers: unknown, options: unknown): { list: NetworkPeer[]; opts: AllowTrafficOptions } {
    const where = this.node.path;
    guardString(name, where, `${method}.name`, { expected: 'a readable policy suffix such as from-ingress-nginx' });
    const peerArg = (v: unknown, f: string) => guardInstance(v, NetworkPeer as unknown as abstract new () => NetworkPeer, where, f,
      { expected: 'a NetworkPeer (NetworkPeer.namespaceNamed, NetworkPeer.pods, NetworkPeer.ipBlock, ...)' });
    const list = Array.isArray(peers) ? guardArray(peers, where, `${method}.peers`, peerArg) : [peerArg(peers, `${method}.peers`)];
    const opts = guardProps(options as AllowTrafficOptions | undefined, where, `${method}.options`);
    guardKnownKeys(opts, TRAFFIC_KEYS, where, `${method}.options`);
    guardOptionalArray(opts.ports, where, `${method}.options.ports`, (v, f) => guardInstance(v, NetworkPort as unknown as abstract new () => NetworkPort, where, f,
      { expected: 'a NetworkPort (NetworkPort.tcp(443), ...)' }), { of: 'NetworkPorts' });
    guardOptionalLabels(opts.podLabels, where, `${method}.options.podLabels`);
    return { list, opts };
  }

  private policy(id: string, name: string, opts: { isolateIngress?: boolean; isolateEgress?: boolean; podLabels?: Record<string, string> }, field = 'name'): KubeNetworkPolicy {
    if (!/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(name) || name.length > 63) {
      rejectInput(this.node.path, field, 'a name giving a NetworkPolicy name of at most 63 lowercase letters, digits and \'-\'', name, 'use a shorter name of letters and digits');
    }
    if (this.policyNames.has(name)) {
      throw boundaryError(this.node.path, field, `a policy named "${name}" already exists in namespace ${this.name}; fix: pick another name`);
    }
    this.policyNames.add(name);
    const p = new KubeNetworkPolicy(this, id, { name, namespace: this.name, ...opts });
    p.node.addDependency(this.namespaceObject);
    return p;
  }
}

function podSecurityLabels(props: SecureNamespaceProps, where: string): Record<string, string> {
  const ps = props.podSecurity ?? {};
  const enforce = ps.enforce ?? PodSecurityLevel.RESTRICTED;
  const levels = { enforce, audit: ps.audit ?? enforce, warn: ps.warn ?? enforce };
  const version = ps.version ?? 'latest';
  if (!/^(latest|v1\.(0|[1-9][0-9]*))$/.test(version)) {
    throw boundaryError(where, 'podSecurity.version', `Pod Security version "${version}" is invalid; fix: use "latest" or "v1.N"`);
  }
  const privileged = Object.entries(levels).filter(([, l]) => l === PodSecurityLevel.PRIVILEGED).map(([m]) => m);
  if (privileged.length > 0 && !props.dangerouslyAllowPrivilegedPods) {
    throw boundaryError(where, `podSecurity.${privileged[0]}`, `Pod Security level "privileged" for ${privileged.join(', ')} lets pods take over their node; `
      + 'fix: use baseline or restricted, or set dangerouslyAllowPrivilegedPods: true');
  }
  const out: Record<string, string> = {};
  for (const [mode, level] of Object.entries(levels)) {
    out[`${PSA_PREFIX}/${mode}`] = level;
    out[`${PSA_PREFIX}/${mode}-version`] = version;
  }
  return out;
}

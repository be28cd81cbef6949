import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { addManifestValidation } from '../validation/synth-validation';
import {
  boundaryError,
  guardInstance,
  guardKnownKeys,
  guardObject,
  guardOptionalBoolean,
  guardOptionalEnum,
  guardOptionalString,
  guardProps,
  guardScope,
  guardString,
  rejectInput,
} from '../model/primitives/guard';
import { guardDnsLabel, guardDnsSubdomain, guardOptionalLabels } from '../model/primitives/kube-name-guards';
import { dnsNameFromId } from '../core/names';
import { AccessRole, GrantOptions } from './access-role';
import { KubeNetworkPolicy, KubeNetworkPolicyRule } from '../policy/kubernetes/kube-network-policy';
import { KubePeer } from '../policy/kubernetes/kube-peer';
import { KubePort } from '../policy/kubernetes/kube-port';
import {
  guardKubePeer,
  guardKubePeers,
  guardKubePort,
  guardKubePorts,
  guardKubeRule,
} from '../policy/kubernetes/kube-rule-guards';
import { namespaceRule } from '../policy/construct-peer';
import { EntityRule } from '../policy/entity-rule';
import { IPeer } from '../policy/peer';
import { ClusterPolicySubject, IClusterPolicySubject } from '../policy/cluster-network-policy/cluster-policy-subject';
import { ClusterPolicyPeer, IClusterPolicyPeer } from '../policy/cluster-network-policy/cluster-policy-peer';
import { podSecurityValidationErrors } from '../analysis/pod-security/pod-security-validation';
import { PodSecurityLevel } from '../analysis/pod-security/levels';
import { acknowledgedRisksAnnotation, PRIVILEGED_PODS_RISK } from '../model/primitives/acknowledged-risks';
import { dropChartNamespace } from '../core/cluster-scoped';
import { IKplusResource, IKplusServiceAccount, kubeObjectHandle } from '../core/kube-resource';
import { isDns1123Label } from '../model/primitives/kube-names';
import { Subject } from './subject';

/** Pod Security Standards level: one definition with the engine's (lib/analysis/pod-security/levels.ts). */
export { PodSecurityLevel } from '../analysis/pod-security/levels';

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

/**
 * Options of {@link SecureNamespace.allowIngress}, {@link SecureNamespace.allowEgress} and the `add...Rule` methods:
 * which Kubernetes NetworkPolicy of the namespace the rule goes into.
 */
export interface NamespaceRuleOptions {
  /**
   * Name of the NetworkPolicy the rule is added to. Rules given the same name go into one policy, in the order added;
   * its pods (`podLabels`) must then be the same for every rule.
   * @default 'allow-ingress' for ingress rules and 'allow-egress' for egress rules (`podLabels` then needs a name)
   */
  readonly policyName?: string;
  /**
   * Labels of the pods of this namespace the policy applies to.
   * @default {} (every pod of the namespace)
   */
  readonly podLabels?: Record<string, string>;
}

/**
 * Options of {@link SecureNamespace.allowIngressFrom} and {@link SecureNamespace.allowEgressTo}.
 * @deprecated use {@link NamespaceRuleOptions} with `SecureNamespace.allowIngress` / `addIngressRule`
 */
export interface AllowTrafficOptions {
  /**
   * Ports (and port ranges) admitted.
   * @default every port and protocol
   */
  readonly ports?: KubePort[];
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

const PROPS = [
  'name',
  'labels',
  'podSecurity',
  'dangerouslyAllowPrivilegedPods',
  'defaultDenyIngress',
  'defaultDenyEgress',
  'allowDns',
  'serviceAccountName',
  'checkPodSecurityAtSynth',
];
const POD_SECURITY_KEYS = ['enforce', 'audit', 'warn', 'version'];
const TRAFFIC_KEYS = ['ports', 'podLabels'];
const RULE_OPTION_KEYS = ['policyName', 'podLabels'];

/** The props' runtime shape (plain JavaScript, values read from YAML). */
function guardNamespaceProps(props: unknown, where: string): SecureNamespaceProps {
  const p = guardProps(props as SecureNamespaceProps | undefined, where);
  guardKnownKeys(p, PROPS, where);
  if (p.name !== undefined) guardDnsLabel(p.name, where, 'name', 'namespace name');
  const labels = guardOptionalLabels(p.labels, where, 'labels') ?? {};
  const psa = Object.keys(labels).find((k) => k.startsWith(`${PSA_PREFIX}/`));
  if (psa)
    throw boundaryError(
      where,
      `labels["${psa}"]`,
      'the Pod Security labels are set from podSecurity and would replace this one; fix: use podSecurity: { enforce, audit, warn, version }',
    );
  if (p.podSecurity !== undefined) {
    const ps = guardObject(p.podSecurity, where, 'podSecurity', {
      expected: 'an object { enforce?, audit?, warn?, version? }',
    });
    guardKnownKeys(ps, POD_SECURITY_KEYS, where, 'podSecurity');
    for (const mode of ['enforce', 'audit', 'warn'])
      guardOptionalEnum(ps[mode], PodSecurityLevel, where, `podSecurity.${mode}`, { enumName: 'PodSecurityLevel' });
    guardOptionalString(ps.version, where, 'podSecurity.version', { expected: '"latest" or "v1.N"' });
  }
  for (const flag of [
    'dangerouslyAllowPrivilegedPods',
    'defaultDenyIngress',
    'defaultDenyEgress',
    'allowDns',
    'checkPodSecurityAtSynth',
  ] as const) {
    guardOptionalBoolean(p[flag], where, flag);
  }
  // Upstream: pkg/apis/core/validation.ValidateServiceAccountName (a DNS-1123 subdomain).
  if (p.serviceAccountName !== undefined)
    guardDnsSubdomain(p.serviceAccountName, where, 'serviceAccountName', 'ServiceAccount name');
  return p;
}

/**
 * A namespace that starts safe: Pod Security Admission labels (restricted at latest by default), default-deny
 * ingress and egress Kubernetes NetworkPolicies, DNS egress to kube-dns, and a dedicated ServiceAccount with token
 * automount off. Traffic from other namespaces is admitted explicitly with {@link allowIngress} (Kubernetes
 * NetworkPolicies of this namespace). The namespace is a Calico rule peer itself: `policy.allowIngress(dev, port)`
 * matches every endpoint of it.
 */
export class SecureNamespace extends Construct implements IPeer, IClusterPolicySubject, IClusterPolicyPeer {
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
  /**
   * The `default-deny-ingress` policy.
   * @default - none when `defaultDenyIngress` is false
   */
  public readonly defaultDenyIngressPolicy?: KubeNetworkPolicy;
  /**
   * The `default-deny-egress` policy.
   * @default - none when `defaultDenyEgress` is false
   */
  public readonly defaultDenyEgressPolicy?: KubeNetworkPolicy;
  /** The `allow-dns-egress` policy, if any. */
  public readonly dnsEgress?: KubeNetworkPolicy;
  private readonly policyNames = new Set<string>();
  /** Policies made by allowIngress / addIngressRule and friends, by name, with their pods: later rules join them. */
  private readonly rulePolicies = new Map<string, { policy: KubeNetworkPolicy; podLabels: string }>();

  public constructor(scope: Construct, id: string, props: SecureNamespaceProps = {}) {
    super(guardScope(scope, id, 'SecureNamespace'), id);
    addManifestValidation(this); // its built-in objects get validateObject at synth
    props = guardNamespaceProps(props, this.node.path);
    this.name = props.name ?? dnsNameFromId(id);
    if (props.name === undefined) {
      guardDnsLabel(this.name, this.node.path, 'name', 'namespace name (derived from the construct id)');
    }
    this.labels = { ...(props.labels ?? {}), ...podSecurityLabels(props, this.node.path) };
    const privileged = Object.entries(this.labels).some(
      ([k, v]) => k.startsWith(`${PSA_PREFIX}/`) && v === PodSecurityLevel.PRIVILEGED,
    );
    const annotations = privileged ? acknowledgedRisksAnnotation([PRIVILEGED_PODS_RISK]) : undefined;

    // `spec: {}` as cdk8s-plus rendered it, so manifests stay byte-identical.
    const namespace = kubeObjectHandle(this, 'Namespace', 'namespaces', {
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name: this.name, labels: this.labels, annotations },
      spec: {},
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
      this.node.addValidation({
        validate: () => podSecurityValidationErrors(this.node.root, { namespace: this.name }),
      });
    }
    if (props.defaultDenyIngress ?? true) {
      this.defaultDenyIngressPolicy = this.policy('DefaultDenyIngress', 'default-deny-ingress', {
        isolateIngress: true,
      });
    }
    if (props.defaultDenyEgress ?? true) {
      this.defaultDenyEgressPolicy = this.policy('DefaultDenyEgress', 'default-deny-egress', { isolateEgress: true });
    }
    if (props.allowDns ?? true) {
      this.dnsEgress = this.policy('AllowDnsEgress', 'allow-dns-egress', {});
      this.dnsEgress.addEgressRule({
        peers: [KubePeer.podsInNamespaces({ 'k8s-app': 'kube-dns' }, { 'kubernetes.io/metadata.name': 'kube-system' })],
        ports: [KubePort.udp(53), KubePort.tcp(53)],
      });
    }
  }

  /**
   * The `default-deny-ingress` policy, if any.
   * @deprecated use {@link defaultDenyIngressPolicy} (a property named like the `denyIngress` verb of policies read
   * as one)
   */
  public get denyIngress(): KubeNetworkPolicy | undefined {
    return this.defaultDenyIngressPolicy;
  }

  /**
   * The `default-deny-egress` policy, if any.
   * @deprecated use {@link defaultDenyEgressPolicy} (a property named like the `denyEgress` verb of policies read as
   * one)
   */
  public get denyEgress(): KubeNetworkPolicy | undefined {
    return this.defaultDenyEgressPolicy;
  }

  /** The namespace as a rule peer: `namespace <name>`. */
  public get uniqueId(): string {
    return `namespace ${this.name}`;
  }

  /**
   * The namespace as a Calico rule peer: every endpoint in it (pods, network sets), by a `namespaceSelector` on its
   * name (`projectcalico.org/name`, the namespace profile label every namespaced endpoint inherits).
   */
  public toEntityRule(): EntityRule {
    return namespaceRule(this.name);
  }

  /** The namespace as a ClusterNetworkPolicy subject: every pod in it, by its `kubernetes.io/metadata.name` label. */
  public toClusterPolicySubject(): ClusterPolicySubject {
    return ClusterPolicySubject.namespaceNamed(this.name);
  }

  /** The namespace as a ClusterNetworkPolicy peer: every pod in it, by its `kubernetes.io/metadata.name` label. */
  public toClusterPolicyPeers(): ClusterPolicyPeer[] {
    return [ClusterPolicyPeer.namespaceNamed(this.name)];
  }

  /**
   * Allows ingress into the namespace from `peer` (`KubePeer.any()`: from anyone) on `port` (none: every port), as a
   * rule of the NetworkPolicy `options.policyName` (`allow-ingress`), made on first use.
   * @returns the NetworkPolicy the rule went into
   */
  public allowIngress(peer: KubePeer, port?: KubePort, options: NamespaceRuleOptions = {}): KubeNetworkPolicy {
    const rule = this.guardPeerAndPort('allowIngress', peer, port);
    const policy = this.rulePolicy('allowIngress', 'allow-ingress', options);
    policy.addIngressRule(rule);
    return policy;
  }

  /**
   * Allows egress out of the namespace to `peer` (`KubePeer.any()`: to anywhere) on `port` (none: every port), as a
   * rule of the NetworkPolicy `options.policyName` (`allow-egress`), made on first use.
   * @returns the NetworkPolicy the rule went into
   */
  public allowEgress(peer: KubePeer, port?: KubePort, options: NamespaceRuleOptions = {}): KubeNetworkPolicy {
    const rule = this.guardPeerAndPort('allowEgress', peer, port);
    const policy = this.rulePolicy('allowEgress', 'allow-egress', options);
    policy.addEgressRule(rule);
    return policy;
  }

  /**
   * Appends a whole ingress rule (several peers and ports) to the NetworkPolicy `options.policyName`
   * (`allow-ingress`), made on first use.
   * @returns the NetworkPolicy the rule went into
   */
  public addIngressRule(rule: KubeNetworkPolicyRule, options: NamespaceRuleOptions = {}): KubeNetworkPolicy {
    const checked = guardKubeRule(rule, this.node.path, 'addIngressRule.rule');
    const policy = this.rulePolicy('addIngressRule', 'allow-ingress', options);
    policy.addIngressRule(checked);
    return policy;
  }

  /**
   * Appends a whole egress rule (several peers and ports) to the NetworkPolicy `options.policyName`
   * (`allow-egress`), made on first use.
   * @returns the NetworkPolicy the rule went into
   */
  public addEgressRule(rule: KubeNetworkPolicyRule, options: NamespaceRuleOptions = {}): KubeNetworkPolicy {
    const checked = guardKubeRule(rule, this.node.path, 'addEgressRule.rule');
    const policy = this.rulePolicy('addEgressRule', 'allow-egress', options);
    policy.addEgressRule(checked);
    return policy;
  }

  /**
   * Admit traffic into the namespace from `peers` (policy `allow-ingress-<name>`). An empty list admits anyone.
   * @param name readable suffix of the policy name, such as `from-ingress-nginx`
   * @deprecated use {@link addIngressRule} (`{ peers, ports }`, `{ policyName: 'allow-ingress-<name>', podLabels }`),
   * or {@link allowIngress} for one peer and port
   */
  public allowIngressFrom(
    name: string,
    peers: KubePeer | KubePeer[],
    options: AllowTrafficOptions = {},
  ): KubeNetworkPolicy {
    const { list, opts } = this.guardTraffic('allowIngressFrom', name, peers, options);
    const policyName = `allow-ingress-${dnsNameFromId(name)}`;
    const policy = this.policy(
      `AllowIngress-${name}`,
      policyName,
      { podLabels: opts.podLabels },
      'allowIngressFrom.name',
    );
    policy.addIngressRule({ peers: list, ports: opts.ports ?? [] });
    return policy;
  }

  /**
   * Admit traffic out of the namespace to `peers` (policy `allow-egress-<name>`). An empty list admits anywhere.
   * @param name readable suffix of the policy name, such as `to-database`
   * @deprecated use {@link addEgressRule} (`{ peers, ports }`, `{ policyName: 'allow-egress-<name>', podLabels }`),
   * or {@link allowEgress} for one peer and port
   */
  public allowEgressTo(
    name: string,
    peers: KubePeer | KubePeer[],
    options: AllowTrafficOptions = {},
  ): KubeNetworkPolicy {
    const { list, opts } = this.guardTraffic('allowEgressTo', name, peers, options);
    const policyName = `allow-egress-${dnsNameFromId(name)}`;
    const policy = this.policy(`AllowEgress-${name}`, policyName, { podLabels: opts.podLabels }, 'allowEgressTo.name');
    policy.addEgressRule({ peers: list, ports: opts.ports ?? [] });
    return policy;
  }

  /**
   * Grant `role` to `subject` in this namespace only (a RoleBinding here to the role's ClusterRole), applied after
   * the namespace exists. A convenience for `role.grant(subject, namespace.name, options)` (the role is the receiver
   * of every grant, as cdk8s-plus `role.bind`), with the binding ordered after the Namespace.
   * @returns the RoleBinding object (a cdk8s `ApiObject`; a cdk8s-plus-27 `RoleBinding` before the library stopped
   * depending on cdk8s-plus)
   */
  public grant(role: AccessRole, subject: Subject, options: GrantOptions = {}): ApiObject {
    guardInstance(role, AccessRole, this.node.path, 'grant.role', {
      expected: 'an AccessRole (new AccessRole(...), AccessRole.podsViewer(...), ...)',
    });
    guardInstance(subject, Subject as unknown as abstract new () => Subject, this.node.path, 'grant.subject', {
      expected: 'a Subject (Subject.user, Subject.group, Subject.serviceAccount)',
    });
    const binding = role.grant(subject, this.name, options);
    binding.node.addDependency(this.namespaceObject);
    return binding;
  }

  /** One peer and an optional port, as the one rule of allowIngress / allowEgress. */
  private guardPeerAndPort(method: string, peer: unknown, port: unknown): KubeNetworkPolicyRule {
    const p = guardKubePeer(peer, this.node.path, `${method}.peer`);
    if (port === undefined) return { peers: [p] };
    return { peers: [p], ports: [guardKubePort(port, this.node.path, `${method}.port`)] };
  }

  /**
   * The NetworkPolicy a rule of allowIngress & co. goes into: the one of that name made by these methods (same pods
   * required), or a new one.
   */
  private rulePolicy(method: string, defaultName: string, options: unknown): KubeNetworkPolicy {
    const where = this.node.path;
    const opts = guardProps(options as NamespaceRuleOptions | undefined, where, `${method}.options`);
    guardKnownKeys(opts, RULE_OPTION_KEYS, where, `${method}.options`);
    const podLabels = guardOptionalLabels(opts.podLabels, where, `${method}.options.podLabels`) ?? {};
    const field = `${method}.options.policyName`;
    if (opts.policyName === undefined && Object.keys(podLabels).length > 0) {
      throw boundaryError(
        where,
        field,
        `a rule for some pods (podLabels) needs a policy of its own, and ${defaultName} ` +
          "is for every pod; fix: pass policyName, such as 'allow-web-ingress'",
      );
    }
    const name =
      opts.policyName === undefined
        ? defaultName
        : guardString(opts.policyName, where, field, { expected: 'a NetworkPolicy name' });
    const pods = JSON.stringify(Object.entries(podLabels).sort());
    const known = this.rulePolicies.get(name);
    if (known) {
      if (known.podLabels !== pods) {
        const theirs = known.podLabels === '[]' ? 'of the whole namespace' : `with ${known.podLabels}`;
        throw boundaryError(
          where,
          `${method}.options.podLabels`,
          `policy "${name}" applies to the pods ${theirs}, ` +
            'and a policy has one set of pods; fix: pass another policyName for these pods',
        );
      }
      return known.policy;
    }
    const policy = this.policy(`Rules-${name}`, name, { podLabels }, field);
    this.rulePolicies.set(name, { policy, podLabels: pods });
    return policy;
  }

  /** The arguments of allowIngressFrom / allowEgressTo: a name, a peer or a list of peers, options. */
  private guardTraffic(
    method: string,
    name: unknown,
    peers: unknown,
    options: unknown,
  ): { list: KubePeer[]; opts: AllowTrafficOptions } {
    const where = this.node.path;
    guardString(name, where, `${method}.name`, { expected: 'a readable policy suffix such as from-ingress-nginx' });
    const field = `${method}.peers`;
    const list = Array.isArray(peers) ? guardKubePeers(peers, where, field) : [guardKubePeer(peers, where, field)];
    const opts = guardProps(options as AllowTrafficOptions | undefined, where, `${method}.options`);
    guardKnownKeys(opts, TRAFFIC_KEYS, where, `${method}.options`);
    guardKubePorts(opts.ports, where, `${method}.options.ports`);
    guardOptionalLabels(opts.podLabels, where, `${method}.options.podLabels`);
    return { list, opts };
  }

  private policy(
    id: string,
    name: string,
    opts: { isolateIngress?: boolean; isolateEgress?: boolean; podLabels?: Record<string, string> },
    field = 'name',
  ): KubeNetworkPolicy {
    // A DNS-1123 label, stricter than the NetworkPolicy name's subdomain: the library's names carry no dots.
    if (!isDns1123Label(name)) {
      rejectInput(
        this.node.path,
        field,
        "a name giving a NetworkPolicy name of at most 63 lowercase letters, digits and '-'",
        name,
        'use a shorter name of letters and digits',
      );
    }
    if (this.policyNames.has(name)) {
      throw boundaryError(
        this.node.path,
        field,
        `a policy named "${name}" already exists in namespace ${this.name}; fix: pick another name`,
      );
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
    throw boundaryError(
      where,
      'podSecurity.version',
      `Pod Security version "${version}" is invalid; fix: use "latest" or "v1.N"`,
    );
  }
  const privileged = Object.entries(levels)
    .filter(([, l]) => l === PodSecurityLevel.PRIVILEGED)
    .map(([m]) => m);
  if (privileged.length > 0 && !props.dangerouslyAllowPrivilegedPods) {
    throw boundaryError(
      where,
      `podSecurity.${privileged[0]}`,
      `Pod Security level "privileged" for ${privileged.join(', ')} lets pods take over their node; ` +
        'fix: use baseline or restricted, or set dangerouslyAllowPrivilegedPods: true',
    );
  }
  const out: Record<string, string> = {};
  for (const [mode, level] of Object.entries(levels)) {
    out[`${PSA_PREFIX}/${mode}`] = level;
    out[`${PSA_PREFIX}/${mode}-version`] = version;
  }
  return out;
}

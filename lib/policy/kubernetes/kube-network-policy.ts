import { ApiObject, Lazy } from 'cdk8s';
import { Construct } from 'constructs';
import { addManifestValidation } from '../../validation/synth-validation';
import { guardKnownKeys, guardObject, guardOptionalBoolean, guardScope } from '../../model/primitives/guard';
import { guardDnsLabel, guardDnsSubdomain, guardOptionalLabels } from '../../model/primitives/kube-name-guards';
import { IKplusResource, kubeObjectHandle } from '../../core/kube-resource';
import { KubePeer } from './kube-peer';
import { KubePort } from './kube-port';
import { renderKubePolicySpec, KubeRuleSet } from './kube-policy-spec';
import { guardKubePeer, guardKubePeers, guardKubePort, guardKubePorts, guardKubeRule } from './kube-rule-guards';

/** Props of {@link KubeNetworkPolicy}. */
export interface KubeNetworkPolicyProps {
  /** Name of the policy (readable, never a generated hash). */
  readonly name: string;
  /** Namespace the policy lives in. */
  readonly namespace: string;
  /**
   * Labels of the pods the policy applies to (`podSelector.matchLabels`).
   * @default {} (every pod of the namespace)
   */
  readonly podLabels?: Record<string, string>;
  /**
   * Make the policy isolate ingress even without rules (`policyTypes` includes `Ingress`).
   * @default false (true as soon as an ingress rule is added)
   */
  readonly isolateIngress?: boolean;
  /**
   * Make the policy isolate egress even without rules (`policyTypes` includes `Egress`).
   * @default false (true as soon as an egress rule is added)
   */
  readonly isolateEgress?: boolean;
}

/**
 * One rule of a {@link KubeNetworkPolicy} with every field (`addIngressRule` / `addEgressRule`), as Kubernetes'
 * `NetworkPolicyIngressRule` / `NetworkPolicyEgressRule`: traffic from (or to) any of `peers` on any of `ports`.
 */
export interface KubeNetworkPolicyRule {
  /**
   * The peers (`from` / `to`), OR-ed.
   * @default [] (anyone: the rule has no `from` / `to`)
   */
  readonly peers?: KubePeer[];
  /**
   * The ports, OR-ed.
   * @default [] (every port and protocol)
   */
  readonly ports?: KubePort[];
}

type Direction = 'Ingress' | 'Egress';

const PROPS = ['name', 'namespace', 'podLabels', 'isolateIngress', 'isolateEgress'];

/**
 * The props' runtime shape. Upstream names: networking validation.ValidateNetworkPolicyName (a DNS-1123
 * subdomain), ValidateNamespaceName.
 */
function guardPolicyProps(props: unknown, where: string): KubeNetworkPolicyProps {
  const p = guardObject(props, where, 'props', { expected: 'a props object { name, namespace, ... }' });
  guardKnownKeys(p, PROPS, where);
  guardDnsSubdomain(p.name, where, 'name', 'NetworkPolicy name');
  guardDnsLabel(p.namespace, where, 'namespace', 'namespace name');
  guardOptionalLabels(p.podLabels, where, 'podLabels');
  guardOptionalBoolean(p.isolateIngress, where, 'isolateIngress');
  guardOptionalBoolean(p.isolateEgress, where, 'isolateEgress');
  return p as unknown as KubeNetworkPolicyProps;
}

/**
 * A Kubernetes `networking.k8s.io/v1` NetworkPolicy (a cdk8s `ApiObject`, {@link apiObject}; no cdk8s-plus line is
 * needed): a readable name, plain-data peers that need no scope, rules from anyone on some ports, no `ports: []`, and
 * `policyTypes` always explicit in Kubernetes' order. Kubernetes policies only allow: isolation comes from
 * `policyTypes`, rules add exceptions. Rules are added as on Calico policies: {@link allowIngress} /
 * {@link allowEgress} for one peer and port, {@link addIngressRule} / {@link addEgressRule} for a whole rule.
 */
export class KubeNetworkPolicy extends Construct {
  /** The policy name. */
  public readonly name: string;
  /** The namespace. */
  public readonly namespace: string;
  /** The NetworkPolicy object, for JSON patches and dependencies. */
  public readonly apiObject: ApiObject;
  /**
   * The NetworkPolicy, as any cdk8s-plus line reads a resource (name, kind, apiGroup, metadata; `ApiObject.of` gives
   * {@link apiObject}).
   * @deprecated use {@link apiObject}. This was the cdk8s-plus-27 `NetworkPolicy` until the library stopped depending
   * on cdk8s-plus; add rules with {@link allowIngress} / {@link addIngressRule}.
   */
  public readonly policy: IKplusResource;
  private readonly rules: KubeRuleSet = { Ingress: { peered: [], peerless: [] }, Egress: { peered: [], peerless: [] } };
  private readonly isolated = new Set<Direction>();
  private readonly podLabels: Record<string, string>;

  public constructor(scope: Construct, id: string, props: KubeNetworkPolicyProps) {
    super(guardScope(scope, id, 'KubeNetworkPolicy'), id);
    addManifestValidation(this); // its built-in objects get validateObject at synth
    guardPolicyProps(props, this.node.path);
    this.name = props.name;
    this.namespace = props.namespace;
    if (props.isolateIngress) this.isolated.add('Ingress');
    if (props.isolateEgress) this.isolated.add('Egress');
    this.podLabels = { ...(props.podLabels ?? {}) };
    // The spec renders through Lazy when synthesized, so rules added after construction are in it.
    const handle = kubeObjectHandle(this, 'Policy', 'networkpolicies', {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata: { name: props.name, namespace: props.namespace },
      spec: Lazy.any({ produce: () => renderKubePolicySpec(this.podLabels, this.rules, this.policyTypes()) }),
    });
    this.apiObject = handle.apiObject;
    this.policy = handle;
    this.node.addValidation({
      validate: () =>
        this.policyTypes().length > 0
          ? []
          : [
              `policyTypes: NetworkPolicy ${props.namespace}/${props.name} has no rules and isolates nothing (Kubernetes ` +
                'would default it to an ingress deny-all); fix: add a rule, or set isolateIngress / isolateEgress',
            ],
    });
  }

  /** The policy types the policy isolates, in Kubernetes' usual order. */
  public policyTypes(): string[] {
    return ['Ingress', 'Egress'].filter((t) => this.isolated.has(t as Direction));
  }

  /** Allows ingress from `peer` (`KubePeer.any()`: from anyone) on `port` (none: every port). */
  public allowIngress(peer: KubePeer, port?: KubePort): void {
    const p = guardKubePeer(peer, this.node.path, 'allowIngress.peer');
    this.add('Ingress', [p], port === undefined ? [] : [guardKubePort(port, this.node.path, 'allowIngress.port')]);
  }

  /** Allows egress to `peer` (`KubePeer.any()`: to anywhere) on `port` (none: every port). */
  public allowEgress(peer: KubePeer, port?: KubePort): void {
    const p = guardKubePeer(peer, this.node.path, 'allowEgress.peer');
    this.add('Egress', [p], port === undefined ? [] : [guardKubePort(port, this.node.path, 'allowEgress.port')]);
  }

  /** Appends an ingress rule: from any of `rule.peers` (none: anyone) on any of `rule.ports` (none: every port). */
  public addIngressRule(rule: KubeNetworkPolicyRule): void {
    const r = guardKubeRule(rule, this.node.path, 'addIngressRule.rule');
    this.add('Ingress', r.peers, r.ports);
  }

  /** Appends an egress rule: to any of `rule.peers` (none: anywhere) on any of `rule.ports` (none: every port). */
  public addEgressRule(rule: KubeNetworkPolicyRule): void {
    const r = guardKubeRule(rule, this.node.path, 'addEgressRule.rule');
    this.add('Egress', r.peers, r.ports);
  }

  /**
   * Admit traffic from `peers` (none: from anyone) on `ports` (none: every port).
   * @deprecated use {@link addIngressRule} (`{ peers, ports }`), or {@link allowIngress} for one peer and port
   */
  public addIngress(peers: KubePeer[] = [], ports: KubePort[] = []): this {
    const where = this.node.path;
    const checked = guardKubePeers(peers, where, 'addIngress.peers');
    this.add('Ingress', checked, guardKubePorts(ports, where, 'addIngress.ports'));
    return this;
  }

  /**
   * Admit traffic to `peers` (none: to anyone) on `ports` (none: every port).
   * @deprecated use {@link addEgressRule} (`{ peers, ports }`), or {@link allowEgress} for one peer and port
   */
  public addEgress(peers: KubePeer[] = [], ports: KubePort[] = []): this {
    const where = this.node.path;
    const checked = guardKubePeers(peers, where, 'addEgress.peers');
    this.add('Egress', checked, guardKubePorts(ports, where, 'addEgress.ports'));
    return this;
  }

  private add(direction: Direction, peers: readonly KubePeer[], ports: readonly KubePort[]): void {
    this.isolated.add(direction);
    const portsJson = ports.map((p) => p.toJson());
    const rules = this.rules[direction];
    // A rule's peers are OR-ed: with KubePeer.any() among them it admits anyone, as a rule without peers.
    if (peers.length === 0 || peers.some((p) => p.isAny)) {
      rules.peerless.push(portsJson.length > 0 ? { ports: portsJson } : {});
      return;
    }
    // One rule per peer, merged when rendered: a Kubernetes rule's peers are OR-ed, so this admits the same traffic.
    const key = direction === 'Ingress' ? 'from' : 'to';
    for (const peer of peers) rules.peered.push({ [key]: [peer._toRulePeer()], ports: portsJson });
  }
}

import { ApiObject, Lazy } from 'cdk8s';
import { Construct } from 'constructs';
import { addManifestValidation } from '../validation/synth-validation';
import { guardInstance, guardKnownKeys, guardObject, guardOptionalArray, guardOptionalBoolean, guardScope } from '../core/guard';
import { guardDnsLabel, guardDnsSubdomain, guardOptionalLabels } from '../core/kube-name-guards';
import { dropEmptyLists } from '../core/polish-output';
import { IKplusResource, kubeObjectHandle } from '../core/kube-resource';
import { NetworkPeer, NetworkPort } from './network-peer';

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

type Direction = 'Ingress' | 'Egress';

const PROPS = ['name', 'namespace', 'podLabels', 'isolateIngress', 'isolateEgress'];

/** The props' runtime shape. Upstream names: networking validation.ValidateNetworkPolicyName (a DNS-1123 subdomain), ValidateNamespaceName. */
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
 * `policyTypes`, rules add exceptions.
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
   * on cdk8s-plus; add rules with {@link addIngress} / {@link addEgress}.
   */
  public readonly policy: IKplusResource;
  /** Rules with peers, one per peer (merged when rendered), in the order added. */
  private readonly peered: Record<Direction, Array<Record<string, any>>> = { Ingress: [], Egress: [] };
  /** Rules from anyone / to anywhere (no peer), rendered after the rules with peers. */
  private readonly peerless: Record<Direction, Array<Record<string, unknown>>> = { Ingress: [], Egress: [] };
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
    const handle = kubeObjectHandle(this, 'Policy', 'networkpolicies', {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata: { name: props.name, namespace: props.namespace },
      spec: Lazy.any({ produce: () => this.renderSpec() }),
    });
    this.apiObject = handle.apiObject;
    this.policy = handle;
    this.node.addValidation({
      validate: () => (this.policyTypes().length > 0 ? [] : [
        `policyTypes: NetworkPolicy ${props.namespace}/${props.name} has no rules and isolates nothing (Kubernetes would default it `
        + 'to an ingress deny-all); fix: add a rule, or set isolateIngress / isolateEgress',
      ]),
    });
  }

  /** The policy types the policy isolates, in Kubernetes' usual order. */
  public policyTypes(): string[] {
    return ['Ingress', 'Egress'].filter((t) => this.isolated.has(t as Direction));
  }

  /** Admit traffic from `peers` (none: from anyone) on `ports` (none: every port). */
  public addIngress(peers: NetworkPeer[] = [], ports: NetworkPort[] = []): this {
    return this.addRule('Ingress', this.guardPeers(peers, 'addIngress.peers'), this.guardPorts(ports, 'addIngress.ports'));
  }

  /** Admit traffic to `peers` (none: to anyone) on `ports` (none: every port). */
  public addEgress(peers: NetworkPeer[] = [], ports: NetworkPort[] = []): this {
    return this.addRule('Egress', this.guardPeers(peers, 'addEgress.peers'), this.guardPorts(ports, 'addEgress.ports'));
  }

  /** A list of NetworkPeers (null, a lone peer or a string is refused: `[]` means anyone, so only an explicit list may say so). */
  private guardPeers(peers: unknown, field: string): NetworkPeer[] {
    return guardOptionalArray(peers, this.node.path, field, (v, f) => guardInstance(v, NetworkPeer as unknown as abstract new () => NetworkPeer, this.node.path, f,
      { expected: 'a NetworkPeer (NetworkPeer.pods, NetworkPeer.namespaceNamed, NetworkPeer.ipBlock, ...)' }), { of: 'NetworkPeers' }) ?? [];
  }

  private guardPorts(ports: unknown, field: string): NetworkPort[] {
    return guardOptionalArray(ports, this.node.path, field, (v, f) => guardInstance(v, NetworkPort as unknown as abstract new () => NetworkPort, this.node.path, f,
      { expected: 'a NetworkPort (NetworkPort.tcp(443), NetworkPort.udp(53), ...)' }), { of: 'NetworkPorts' }) ?? [];
  }

  private addRule(direction: Direction, peers: NetworkPeer[], ports: NetworkPort[]): this {
    this.isolated.add(direction);
    const portsJson = ports.map((p) => p.toJson());
    if (peers.length === 0) {
      this.peerless[direction].push(portsJson.length > 0 ? { ports: portsJson } : {});
      return this;
    }
    // One rule per peer, merged when rendered: a Kubernetes rule's peers are OR-ed, so this admits the same traffic.
    const key = direction === 'Ingress' ? 'from' : 'to';
    for (const peer of peers) this.peered[direction].push({ [key]: [peer._toRulePeer()], ports: portsJson });
    return this;
  }

  /** The spec: rules with peers (merged), then peerless rules, no `ports: []`, types explicit and in order. */
  private renderSpec(): Record<string, unknown> {
    const spec: Record<string, unknown> = {
      podSelector: Object.keys(this.podLabels).length > 0 ? { matchLabels: { ...this.podLabels } } : {},
    };
    for (const [direction, key] of [['Ingress', 'ingress'], ['Egress', 'egress']] as const) {
      const merged = mergeSamePorts(dropEmptyLists(this.peered[direction], 'ports'), direction === 'Ingress' ? 'from' : 'to');
      const rules = [...merged, ...this.peerless[direction]];
      if (rules.length > 0) spec[key] = rules;
    }
    const types = this.policyTypes();
    if (types.length > 0) spec.policyTypes = types;
    return spec;
  }
}

/**
 * Consecutive rules with the same ports become one rule listing their peers (each peer is added as its own rule): the
 * peers of a rule are OR-ed, so the merged rule admits exactly the same traffic, and reads like the handbook's YAML.
 */
function mergeSamePorts(rules: Array<Record<string, any>>, peersKey: 'from' | 'to'): Array<Record<string, any>> {
  const out: Array<Record<string, any>> = [];
  for (const rule of rules) {
    const last = out[out.length - 1];
    if (last && Array.isArray(last[peersKey]) && Array.isArray(rule[peersKey]) && JSON.stringify(last.ports) === JSON.stringify(rule.ports)) {
      out[out.length - 1] = { ...last, [peersKey]: [...last[peersKey], ...rule[peersKey]] };
    } else {
      out.push(rule);
    }
  }
  return out;
}

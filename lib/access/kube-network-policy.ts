import { ApiObject } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import { addManifestValidation } from '../validation/synth-validation';
import { guardInstance, guardKnownKeys, guardObject, guardOptionalArray, guardOptionalBoolean, guardScope } from '../core/guard';
import { guardDnsLabel, guardDnsSubdomain, guardOptionalLabels } from '../core/kube-name-guards';
import { dropEmptyLists, polishOutput } from '../core/polish-output';
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
 * A Kubernetes `networking.k8s.io/v1` NetworkPolicy built on the cdk8s-plus-27 `NetworkPolicy` (exposed as
 * {@link policy}, so kplus rules and peers can be added to it too), with its rough edges fixed: a readable name,
 * plain-data peers that need no scope, rules from anyone on some ports (kplus needs a peer per rule), no
 * `ports: []`, and `policyTypes` always explicit in Kubernetes' order. Kubernetes policies only allow: isolation
 * comes from `policyTypes`, rules add exceptions.
 */
export class KubeNetworkPolicy extends Construct {
  /** The policy name. */
  public readonly name: string;
  /** The namespace. */
  public readonly namespace: string;
  /** The cdk8s-plus NetworkPolicy underneath. */
  public readonly policy: kplus.NetworkPolicy;
  /** Rules from anyone / to anywhere (no peer): kplus cannot express them, so they are rendered here. */
  private readonly peerless: Record<Direction, Array<Record<string, unknown>>> = { Ingress: [], Egress: [] };
  private readonly isolated = new Set<Direction>();
  private peerCount = 0;

  public constructor(scope: Construct, id: string, props: KubeNetworkPolicyProps) {
    super(guardScope(scope, id, 'KubeNetworkPolicy'), id);
    addManifestValidation(this); // its built-in objects get validateObject at synth
    guardPolicyProps(props, this.node.path);
    this.name = props.name;
    this.namespace = props.namespace;
    if (props.isolateIngress) this.isolated.add('Ingress');
    if (props.isolateEgress) this.isolated.add('Egress');
    const podLabels = props.podLabels ?? {};
    this.policy = new kplus.NetworkPolicy(this, 'Policy', {
      metadata: { name: props.name, namespace: props.namespace },
      selector: Object.keys(podLabels).length > 0 ? kplus.Pods.select(this, 'Selector', { labels: { ...podLabels } }) : kplus.Pods.all(this, 'Selector'),
    });
    polishOutput(ApiObject.of(this.policy), (json) => this.polish(json));
    this.node.addValidation({
      validate: () => (this.policyTypes().length > 0 ? [] : [
        `policyTypes: NetworkPolicy ${props.namespace}/${props.name} has no rules and isolates nothing (Kubernetes would default it `
        + 'to an ingress deny-all); fix: add a rule, or set isolateIngress / isolateEgress',
      ]),
    });
  }

  /** The policy types the policy isolates, in Kubernetes' usual order (rules added through {@link policy} count). */
  public policyTypes(): string[] {
    return (ApiObject.of(this.policy).toJson() as any).spec?.policyTypes ?? [];
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
    if (peers.length === 0) {
      this.peerless[direction].push(ports.length > 0 ? { ports: ports.map((p) => p.toJson()) } : {});
      return this;
    }
    const kplusPorts = ports.length > 0 ? ports.map((p) => p.toKplus()) : undefined;
    // One kplus rule per peer: a Kubernetes rule's peers are OR-ed, so this admits exactly the same traffic.
    for (const peer of peers) {
      const kplusPeer = peer.toKplus(this, `Peer${this.peerCount++}`);
      if (direction === 'Ingress') this.policy.addIngressRule(kplusPeer, kplusPorts);
      else this.policy.addEgressRule(kplusPeer, kplusPorts);
    }
    return this;
  }

  /** Our rendering fixes on top of kplus's: peerless rules, no `ports: []`, explicit types in order. */
  private polish(json: any): any {
    const spec = { ...(json.spec ?? {}) };
    const types = new Set<string>([...(spec.policyTypes ?? []), ...this.isolated]);
    for (const [direction, key] of [['Ingress', 'ingress'], ['Egress', 'egress']] as const) {
      const rules = [...mergeSamePorts(dropEmptyLists(spec[key] ?? [], 'ports'), direction === 'Ingress' ? 'from' : 'to'), ...this.peerless[direction]];
      if (rules.length > 0) spec[key] = rules;
      else delete spec[key];
    }
    const ordered = ['Ingress', 'Egress'].filter((t) => types.has(t));
    if (ordered.length > 0) spec.policyTypes = ordered;
    else delete spec.policyTypes;
    return { ...json, spec };
  }
}

/**
 * Consecutive rules with the same ports become one rule listing their peers (kplus renders one rule per peer): the
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

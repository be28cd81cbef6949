import { ApiObject } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { Construct } from 'constructs';
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
    super(scope, id);
    if (!/^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/.test(props.name) || props.name.length > 253) {
      throw new Error(`KubeNetworkPolicy: name "${props.name}" is not a DNS-1123 subdomain; fix: use lowercase letters, digits, '-' and '.'`);
    }
    if (!/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(props.namespace) || props.namespace.length > 63) {
      throw new Error(`KubeNetworkPolicy ${props.name}: namespace "${props.namespace}" is not a DNS-1123 label`);
    }
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
        `NetworkPolicy ${props.namespace}/${props.name} has no rules and isolates nothing (Kubernetes would default it `
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
    return this.addRule('Ingress', peers, ports);
  }

  /** Admit traffic to `peers` (none: to anyone) on `ports` (none: every port). */
  public addEgress(peers: NetworkPeer[] = [], ports: NetworkPort[] = []): this {
    return this.addRule('Egress', peers, ports);
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

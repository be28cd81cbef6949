import { ApiObject, Lazy } from 'cdk8s';
import { Construct } from 'constructs';
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

/** One rule: who (`[]` = anyone) and on which ports (`[]` = every port). */
interface KubeRule {
  readonly peers: NetworkPeer[];
  readonly ports: NetworkPort[];
}

/**
 * A Kubernetes `networking.k8s.io/v1` NetworkPolicy with a readable name, plain-data peers and explicit
 * `policyTypes`. Kubernetes policies only allow: isolation comes from `policyTypes`, rules add exceptions.
 */
export class KubeNetworkPolicy extends Construct {
  /** The policy name. */
  public readonly name: string;
  /** The namespace. */
  public readonly namespace: string;
  private readonly ingress: KubeRule[] = [];
  private readonly egress: KubeRule[] = [];
  private readonly isolateIngress: boolean;
  private readonly isolateEgress: boolean;

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
    this.isolateIngress = props.isolateIngress ?? false;
    this.isolateEgress = props.isolateEgress ?? false;
    const podLabels = { ...(props.podLabels ?? {}) };
    new ApiObject(this, 'Resource', {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata: { name: props.name, namespace: props.namespace },
      spec: {
        podSelector: Object.keys(podLabels).length > 0 ? { matchLabels: podLabels } : {},
        // Lazy: rules added after construction are included at synth.
        ingress: Lazy.any({ produce: () => (this.ingress.length > 0 ? this.ingress.map((r) => renderRule(r, 'from')) : undefined) }),
        egress: Lazy.any({ produce: () => (this.egress.length > 0 ? this.egress.map((r) => renderRule(r, 'to')) : undefined) }),
        policyTypes: Lazy.any({ produce: () => this.policyTypes() }),
      },
    });
    this.node.addValidation({
      validate: () => (this.policyTypes().length > 0 ? [] : [
        `NetworkPolicy ${props.namespace}/${props.name} has no rules and isolates nothing (Kubernetes would default it `
        + 'to an ingress deny-all); fix: add a rule, or set isolateIngress / isolateEgress',
      ]),
    });
  }

  /** The policy types the policy isolates, in Kubernetes' usual order. */
  public policyTypes(): string[] {
    const types: string[] = [];
    if (this.isolateIngress || this.ingress.length > 0) types.push('Ingress');
    if (this.isolateEgress || this.egress.length > 0) types.push('Egress');
    return types;
  }

  /** Admit traffic from `peers` (none: from anyone) on `ports` (none: every port). */
  public addIngress(peers: NetworkPeer[] = [], ports: NetworkPort[] = []): this {
    this.ingress.push({ peers: [...peers], ports: [...ports] });
    return this;
  }

  /** Admit traffic to `peers` (none: to anyone) on `ports` (none: every port). */
  public addEgress(peers: NetworkPeer[] = [], ports: NetworkPort[] = []): this {
    this.egress.push({ peers: [...peers], ports: [...ports] });
    return this;
  }
}

function renderRule(rule: KubeRule, key: 'from' | 'to'): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (rule.peers.length > 0) out[key] = rule.peers.map((p) => p.toJson());
  if (rule.ports.length > 0) out.ports = rule.ports.map((p) => p.toJson());
  return out;
}

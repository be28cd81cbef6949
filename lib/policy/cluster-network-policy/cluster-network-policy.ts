import { ApiObject, Lazy } from 'cdk8s';
import { Construct, IConstruct } from 'constructs';
import * as npa from '../../../imports/policy.networking.k8s.io';
import { addManifestValidation } from '../../validation/synth-validation';
import {
  boundaryError,
  guardEnum,
  guardInteger,
  guardKnownKeys,
  guardObject,
  guardOptionalArray,
  guardOptionalStringMap,
  guardRest,
  guardScope,
} from '../../model/primitives/guard';
import { guardDnsSubdomain, guardOptionalLabels } from '../../model/primitives/kube-name-guards';
import { dnsNameFromId } from '../../core/names';
import { clusterRootOf } from '../../core/cluster';
import { ClusterNetworkPolicyAction } from './cluster-network-policy-action';
import { ClusterNetworkPolicyTier } from './cluster-network-policy-tier';
import {
  CheckedClusterRule,
  checkedPeers,
  CLUSTER_RULE_LIMITS,
  ClusterNetworkPolicyRule,
  ClusterRuleDirection,
  guardClusterRule,
} from './cluster-network-policy-rule';
import { ClusterPolicySubject, IClusterPolicySubject, resolveClusterPolicySubject } from './cluster-policy-subject';
import { IClusterPolicyPeer } from './cluster-policy-peer';
import { ClusterPolicyPort } from './cluster-policy-port';

/** Props of {@link ClusterNetworkPolicy}. */
export interface ClusterNetworkPolicyProps {
  /**
   * `metadata.name` (a DNS-1123 subdomain). Calico names the policy it enforces after it (`kcnp/<name>` in flow logs).
   * @default - derived from the construct id: `TenantIsolation` becomes `tenant-isolation`
   */
  readonly name?: string;
  /**
   * Labels on the object.
   * @default - none
   */
  readonly labels?: { [key: string]: string };
  /**
   * Annotations on the object.
   * @default - none
   */
  readonly annotations?: { [key: string]: string };
  /** Admin (before NetworkPolicies, final) or Baseline (after them, overridable). */
  readonly tier: ClusterNetworkPolicyTier;
  /**
   * An integer from 0 to 1000; lower runs first within the tier. Calico orders policies of one tier by it and breaks
   * ties by name, but upstream leaves ties undefined: give policies that can match the same traffic distinct
   * priorities.
   */
  readonly priority: number;
  /** The pods the policy applies to: a {@link ClusterPolicySubject}, or a `SecureNamespace`. */
  readonly subject: IClusterPolicySubject;
  /**
   * Ingress rules, in order (at most 25); more can be added with {@link ClusterNetworkPolicy.addIngressRule}.
   * @default [] (the policy does not affect ingress)
   */
  readonly ingress?: ClusterNetworkPolicyRule[];
  /**
   * Egress rules, in order (at most 25); more can be added with {@link ClusterNetworkPolicy.addEgressRule}.
   * @default [] (the policy does not affect egress)
   */
  readonly egress?: ClusterNetworkPolicyRule[];
}

const PROPS = ['name', 'labels', 'annotations', 'tier', 'priority', 'subject', 'ingress', 'egress'];

/** Per cluster: name -> the construct that claimed it (a second ClusterNetworkPolicy of that name fails at once). */
const NAMES = new WeakMap<IConstruct, Map<string, IConstruct>>();

/**
 * A Kubernetes ClusterNetworkPolicy (`policy.networking.k8s.io/v1alpha2`, the standard channel Calico 3.32 installs):
 * a cluster-scoped guardrail in the Admin tier (before every NetworkPolicy; namespace owners cannot override it) or
 * the Baseline tier (after them; a NetworkPolicy that selects the pod overrides it). Rules are added in order with
 * {@link acceptFrom} / {@link denyFrom} / {@link passFrom} (ingress) and {@link acceptTo} / {@link denyTo} /
 * {@link passTo} (egress), or whole with {@link addIngressRule} / {@link addEgressRule}; every value is checked
 * against the CRD (its limits and CEL rules) and against what Calico can convert, where it is given.
 *
 * There is no implicit isolation: a policy affects only the directions it has rules for, and only the traffic its
 * rules match. The construct is the ApiObject itself (`addJsonPatch`, `metadata` apply to it).
 */
export class ClusterNetworkPolicy extends ApiObject {
  /**
   * Plain prototype-chain `instanceof` for this class: ApiObject's `Symbol.hasInstance` answers true for any ApiObject
   * (cdk8s api-object.ts). @internal
   */
  public static [Symbol.hasInstance]<T>(this: { prototype: T }, x: unknown): x is T {
    return Function.prototype[Symbol.hasInstance].call(this, x);
  }

  /** The tier. */
  public readonly tier: ClusterNetworkPolicyTier;
  /** The priority (0-1000). */
  public readonly priority: number;
  /** The subject. */
  public readonly subject: ClusterPolicySubject;
  private readonly rules: Record<ClusterRuleDirection, CheckedClusterRule[]> = { ingress: [], egress: [] };

  public constructor(scope: Construct, id: string, props: ClusterNetworkPolicyProps) {
    const where = `${guardScope(scope, id, 'ClusterNetworkPolicy').node.path}/${id}`.replace(/^\//, '');
    const p = guardPolicyProps(props, where);
    const name = p.name ?? dnsNameFromId(id);
    guardDnsSubdomain(name, where, p.name === undefined ? 'id' : 'name', 'ClusterNetworkPolicy name');
    const producer: { owner?: ClusterNetworkPolicy } = {};
    super(scope, id, {
      ...npa.ClusterNetworkPolicy.GVK,
      metadata: { name, labels: p.labels, annotations: p.annotations },
      spec: Lazy.any({ produce: () => producer.owner!.renderSpec() }),
    });
    producer.owner = this;
    // Cluster-scoped: cdk8s puts the chart's namespace on every object (cdk8s-team/cdk8s-core#731).
    (this.metadata as { namespace?: string }).namespace = undefined;
    claimName(this, name);
    this.tier = p.tier;
    this.priority = p.priority;
    this.subject = p.subject;
    (props.ingress ?? []).forEach((r, i) => this.add('ingress', r, `ingress[${i}]`));
    (props.egress ?? []).forEach((r, i) => this.add('egress', r, `egress[${i}]`));
    addManifestValidation(this, () => [this]);
    this.node.addValidation({ validate: () => this.ruleProblems() });
  }

  /** The ingress rules' count so far. */
  public get ingressRuleCount(): number {
    return this.rules.ingress.length;
  }

  /** The egress rules' count so far. */
  public get egressRuleCount(): number {
    return this.rules.egress.length;
  }

  /** Appends an ingress rule: `rule.action` on traffic from any of `rule.peers` to any of `rule.ports`. */
  public addIngressRule(rule: ClusterNetworkPolicyRule): void {
    this.add('ingress', rule, 'addIngressRule.rule');
  }

  /** Appends an egress rule: `rule.action` on traffic to any of `rule.peers` on any of `rule.ports`. */
  public addEgressRule(rule: ClusterNetworkPolicyRule): void {
    this.add('egress', rule, 'addEgressRule.rule');
  }

  /** Appends an ingress Accept from `peer` on `ports` (none: every protocol and port). */
  public acceptFrom(peer: IClusterPolicyPeer, ...ports: ClusterPolicyPort[]): void {
    this.shorthand('ingress', ClusterNetworkPolicyAction.ACCEPT, 'acceptFrom', peer, ports);
  }

  /** Appends an ingress Deny from `peer` on `ports` (none: every protocol and port). */
  public denyFrom(peer: IClusterPolicyPeer, ...ports: ClusterPolicyPort[]): void {
    this.shorthand('ingress', ClusterNetworkPolicyAction.DENY, 'denyFrom', peer, ports);
  }

  /** Appends an ingress Pass (to the next tier) from `peer` on `ports` (none: every protocol and port). */
  public passFrom(peer: IClusterPolicyPeer, ...ports: ClusterPolicyPort[]): void {
    this.shorthand('ingress', ClusterNetworkPolicyAction.PASS, 'passFrom', peer, ports);
  }

  /** Appends an egress Accept to `peer` on `ports` (none: every protocol and port). */
  public acceptTo(peer: IClusterPolicyPeer, ...ports: ClusterPolicyPort[]): void {
    this.shorthand('egress', ClusterNetworkPolicyAction.ACCEPT, 'acceptTo', peer, ports);
  }

  /** Appends an egress Deny to `peer` on `ports` (none: every protocol and port). */
  public denyTo(peer: IClusterPolicyPeer, ...ports: ClusterPolicyPort[]): void {
    this.shorthand('egress', ClusterNetworkPolicyAction.DENY, 'denyTo', peer, ports);
  }

  /** Appends an egress Pass (to the next tier) to `peer` on `ports` (none: every protocol and port). */
  public passTo(peer: IClusterPolicyPeer, ...ports: ClusterPolicyPort[]): void {
    this.shorthand('egress', ClusterNetworkPolicyAction.PASS, 'passTo', peer, ports);
  }

  private shorthand(
    direction: ClusterRuleDirection,
    action: ClusterNetworkPolicyAction,
    method: string,
    peer: IClusterPolicyPeer,
    ports: readonly ClusterPolicyPort[],
  ): void {
    const where = this.node.path;
    // The ports are checked by guardClusterRule; a list spread by mistake is refused here with the right field.
    const list = guardRest(ports, where, `${method}.ports`, (x) => x);
    this.addChecked(direction, () => {
      const peers = checkedPeers(peer, direction, where, `${method}.peer`);
      return guardClusterRule({ action, peers, ports: list }, direction, where, method);
    });
  }

  private add(direction: ClusterRuleDirection, rule: unknown, field: string): void {
    this.addChecked(direction, () => guardClusterRule(rule, direction, this.node.path, field));
  }

  private addChecked(direction: ClusterRuleDirection, check: () => CheckedClusterRule): void {
    const list = this.rules[direction];
    if (list.length >= CLUSTER_RULE_LIMITS.rules) {
      throw boundaryError(
        this.node.path,
        direction,
        `expected at most ${CLUSTER_RULE_LIMITS.rules} ${direction} rules (the CRD's maxItems), got one more; ` +
          'fix: merge rules with the same action (a rule takes up to 25 peers and 25 ports), or move some into ' +
          'another ClusterNetworkPolicy with its own priority',
      );
    }
    list.push(check());
  }

  /** A policy without rules affects no traffic (no implicit isolation): almost certainly a mistake. */
  private ruleProblems(): string[] {
    if (this.rules.ingress.length > 0 || this.rules.egress.length > 0) return [];
    return [
      `spec: ClusterNetworkPolicy ${this.name} has no rules, so it affects no traffic (being selected isolates ` +
        'nothing); fix: add a rule (acceptFrom, denyFrom, passTo, addIngressRule, ...)',
    ];
  }

  /** The spec in the wire format, typed by the CRD's generated interfaces (imports/policy.networking.k8s.io.ts). */
  private renderSpec(): npa.ClusterNetworkPolicySpec {
    const ingress = this.rules.ingress.map((r): npa.ClusterNetworkPolicySpecIngress => ({
      ...ruleName(r),
      action: r.action as unknown as npa.ClusterNetworkPolicySpecIngressAction,
      ...ruleProtocols<npa.ClusterNetworkPolicySpecIngressProtocols>(r),
      from: r.peers.map((x) => x.toJson() as npa.ClusterNetworkPolicySpecIngressFrom),
    }));
    const egress = this.rules.egress.map((r): npa.ClusterNetworkPolicySpecEgress => ({
      ...ruleName(r),
      action: r.action as unknown as npa.ClusterNetworkPolicySpecEgressAction,
      ...ruleProtocols<npa.ClusterNetworkPolicySpecEgressProtocols>(r),
      to: r.peers.map((x) => x.toJson() as npa.ClusterNetworkPolicySpecEgressTo),
    }));
    return {
      tier: this.tier as unknown as npa.ClusterNetworkPolicySpecTier,
      priority: this.priority,
      subject: this.subject.toJson() as npa.ClusterNetworkPolicySpecSubject,
      ...(ingress.length > 0 ? { ingress } : {}),
      ...(egress.length > 0 ? { egress } : {}),
    };
  }
}

/** A rule's `name`, when it has one. */
function ruleName(r: CheckedClusterRule): { name?: string } {
  return r.name !== undefined ? { name: r.name } : {};
}

/** A rule's `protocols`, left out when it has no ports (the CRD refuses an empty list). */
function ruleProtocols<T>(r: CheckedClusterRule): { protocols?: T[] } {
  return r.ports.length > 0 ? { protocols: r.ports.map((p) => p.toJson() as T) } : {};
}

interface CheckedProps {
  readonly name?: string;
  readonly labels?: { [key: string]: string };
  readonly annotations?: { [key: string]: string };
  readonly tier: ClusterNetworkPolicyTier;
  readonly priority: number;
  readonly subject: ClusterPolicySubject;
}

/** The props' runtime shape: tier enum, priority 0-1000 (the CRD's int32 `minimum: 0`, `maximum: 1000`), subject. */
function guardPolicyProps(props: unknown, where: string): CheckedProps {
  const p = guardObject(props, where, 'props', { expected: 'a props object { tier, priority, subject, ... }' });
  guardKnownKeys(p, PROPS, where);
  const tier = guardEnum(p.tier, ClusterNetworkPolicyTier, where, 'tier', { enumName: 'ClusterNetworkPolicyTier' });
  const priority = guardInteger(p.priority, where, 'priority', {
    min: 0,
    max: 1000,
    fix: 'use an integer from 0 to 1000 (lower runs first within the tier)',
  });
  const subject = resolveClusterPolicySubject(p.subject, where, 'subject');
  guardOptionalArray(p.ingress, where, 'ingress', (x) => x, { of: 'rules { action, peers, ports?, name? }' });
  guardOptionalArray(p.egress, where, 'egress', (x) => x, { of: 'rules { action, peers, ports?, name? }' });
  return {
    name: p.name === undefined ? undefined : guardDnsSubdomain(p.name, where, 'name', 'ClusterNetworkPolicy name'),
    labels: guardOptionalLabels(p.labels, where, 'labels'),
    annotations: guardOptionalStringMap(p.annotations, where, 'annotations'),
    tier,
    priority,
    subject,
  };
}

/** Claims `name` in the construct's cluster: two ClusterNetworkPolicies of one name would overwrite each other. */
function claimName(policy: ClusterNetworkPolicy, name: string): void {
  const root = clusterRootOf(policy);
  let names = NAMES.get(root);
  if (!names) {
    names = new Map();
    NAMES.set(root, names);
  }
  const other = names.get(name);
  if (other !== undefined) {
    throw boundaryError(
      policy.node.path,
      'metadata.name',
      `ClusterNetworkPolicy/${name} is already defined by [${other.node.path}]; fix: pass a different \`name\``,
    );
  }
  names.set(name, policy);
}

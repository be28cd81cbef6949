import { ApiObject, Chart } from 'cdk8s';
import { Construct, IConstruct } from 'constructs';
import { CalicoObject } from '../core/calico-object';
import { Cluster, clusterSuffix } from '../core/cluster';
import {
  boundaryError,
  constructWhere,
  guardEnum,
  guardKnownKeys,
  guardNumber,
  guardOptionalArray,
  guardOptionalBoolean,
  guardOptionalEnum,
  guardOptionalInstance,
  guardOptionalStringMap,
  guardProps,
  guardScope,
  guardString,
  rejectInput,
  withField,
} from '../model/primitives/guard';
import { dnsNameFromId } from '../core/names';
import { GlobalNetworkPolicy } from '../policy/global-network-policy';
import { hostEndpointsRule } from '../policy/construct-peer';
import { EntityRule } from '../policy/entity-rule';
import { IPeer, Peer } from '../policy/peer';
import { ClusterPolicyPeer, IClusterPolicyPeer } from '../policy/cluster-network-policy/cluster-policy-peer';
import { nodePoolNetworkPeers } from './node-pool-networks';
import { PolicyType } from '../policy/action';
import { ITier, Tier, TierDefaultAction } from '../policy/tier';
import { Selector } from '../selector';
import { guardOptionalSelector, guardSelector } from '../selector/selector-guard';
import { isDns1123Label, isGlobalNetworkPolicyName } from '../model/primitives';
import { HostEndpoint, HostEndpointPlan } from './host-endpoint';
import { KubeControllersConfiguration } from './kube-controllers-configuration';
import { KubeControllersHostEndpointRbac } from './kube-controllers-rbac';
import {
  findBlockedFlows,
  formatBlockedFlows,
  GuardInput,
  appManifests,
  NodeFlow,
  nodeFlowKey,
  nodeFlowRisk,
  staleAcknowledgements,
} from './lockout-guard';
import {
  applyNarrowings,
  defaultFelixConfiguration,
  guardNodeFailsafeProps,
  NodeFailsafeProps,
  poolFailsafeProblems,
  poolNarrowings,
} from './node-failsafe';
import { acknowledgedRisksAnnotation, ACKNOWLEDGED_RISKS_ANNOTATION } from '../model/primitives/acknowledged-risks';
import { FelixConfiguration } from '../network/felix-configuration';
import { withCanal } from './canal-vxlan';
import {
  createBaseline,
  guardBaselineProps,
  guardNetworkProps,
  NodeBaselineProps,
  NodeNetworkProps,
  ResolvedBaseline,
  resolveBaseline,
} from './node-baseline';
import { AutomaticHostEndpointsOptions, automaticHostEndpointSettings, NodeHostEndpoints } from './node-host-endpoints';
import {
  hostEndpointFromSpec,
  newHostEndpointPlan,
  NodeHostEndpointSpec,
  nodeEndpointLabels,
  refuseOwnershipLabel,
} from './node-host-endpoint-specs';
import { InventoryNode, NodeInventory } from './node-inventory';
import { NODE_POLICY_ORDER } from './node-policy-scope';
import { NodePolicyRules } from './node-policy-rules';
import { NodeRuleScope } from './node-rule-scope';
import { NodeTrafficDefault } from './node-traffic-default';
import {
  defaultPolicyPlan,
  explicitEndpointSpecs,
  lockoutPrecondition,
  poolNames,
  selfReachNodes,
  withSkipHint,
  wordLockoutProblems,
} from './secured-node-pool-plan';

export { NodeTrafficDefault } from './node-traffic-default';
/** @internal moved to node-host-endpoint-specs.ts; re-exported for its importers. */
export { hostEndpointName } from './node-host-endpoint-specs';

/** Props of {@link SecuredNodePool}. */
export interface SecuredNodePoolProps {
  /**
   * The pool's name: the tier and every policy name start with it.
   * @default - derived from the construct id (`Nodes` becomes `nodes`)
   */
  readonly name?: string;
  /**
   * The pool's nodes, by a Calico selector over node labels (explicit mode: node labels plus `hostEndpointLabels`).
   * @default Selector.has('kubernetes-host') (docs/scenarios.md#000: `kubectl label nodes --all kubernetes-host=`)
   */
  readonly selector?: Selector;
  /**
   * How the nodes get host endpoints.
   * @default NodeHostEndpoints.automatic()
   */
  readonly hostEndpoints?: NodeHostEndpoints;
  /**
   * The cluster's nodes. Explicit host endpoints are made from it; the lockout guard evaluates the essential
   * flows between these nodes.
   * @default - none: an error in explicit mode, and the lockout guard fails unless skipped
   */
  readonly inventory?: NodeInventory;
  /**
   * Labels added to explicit (and tunnel) host endpoints on top of the node's labels.
   * @default - none
   */
  readonly hostEndpointLabels?: { [key: string]: string };
  /**
   * Name of the policy `allowIngress` / `allowEgress` add to (`denyIngress` / `denyEgress` use `<policyName>-deny`).
   * @default - `<name>-policy`
   */
  readonly policyName?: string;
  /**
   * Name of the pool's tier.
   * @default - the pool's name
   */
  readonly tierName?: string;
  /**
   * Order of the pool's tier (ascending; `kube-admin` is 1,000, `default` 1,000,000).
   * @default 100
   */
  readonly tierOrder?: number;
  /**
   * The essential traffic allowed before your rules; switch pieces off one by one.
   * @default - everything on except SSH (needs `sshFrom`) and NodePorts (needs `nodePortsFrom`)
   */
  readonly baseline?: NodeBaselineProps;
  /**
   * The Calico network (encapsulation, BGP, WireGuard, Typha).
   * @default - no encapsulation, BGP, no WireGuard, Typha
   */
  readonly network?: NodeNetworkProps;
  /**
   * Node ingress nothing allowed or denied.
   * @default NodeTrafficDefault.DENY
   */
  readonly defaultIngress?: NodeTrafficDefault;
  /**
   * Node egress nothing allowed or denied.
   * @default NodeTrafficDefault.ALLOW
   */
  readonly defaultEgress?: NodeTrafficDefault;
  /**
   * Skip the lockout guard, which proves at synth that every essential flow of the baseline is still allowed.
   * Only for when you know better than the model (and have console access to the nodes).
   * @default false
   */
  readonly dangerouslySkipLockoutGuard?: boolean;
  /**
   * Essential flows you block on purpose (for example `NodeFlow.CONTROL_PLANE_TO_KUBELET` after `baseline: {
   * kubernetes: false }` with nothing else allowing it): the lockout guard skips exactly these, and the pool's tier
   * records them in the `cdk8s-calico.io/acknowledged-risks` annotation (`node-flow:<name>`). Naming a flow that is
   * not blocked fails synth (a stale acknowledgement would hide the next lockout).
   * @default - none: every blocked essential flow fails synth
   */
  readonly acknowledgeBlockedFlows?: NodeFlow[];
  /**
   * Felix's failsafe ports, which Felix accepts before any policy: `baseline.sshFrom` narrows TCP 22 to the admin
   * networks; narrow more ports, or keep a port a deny rule names open on purpose.
   * @default - TCP 22 narrowed to `baseline.sshFrom` when set; a deny rule on an open failsafe port fails synth
   */
  readonly failsafe?: NodeFailsafeProps;
  /**
   * Add Argo CD `argocd.argoproj.io/sync-wave` annotations: the tier `-2`, the policies `-1`, host endpoints and
   * the KubeControllersConfiguration `0`, so a GitOps sync never creates an unprotected endpoint.
   * @default false
   */
  readonly argoCdSyncWaves?: boolean;
}

const SYNC_WAVE = 'argocd.argoproj.io/sync-wave';

const POOL_KEYS = [
  'name',
  'selector',
  'hostEndpoints',
  'inventory',
  'hostEndpointLabels',
  'policyName',
  'tierName',
  'tierOrder',
  'baseline',
  'network',
  'defaultIngress',
  'defaultEgress',
  'dangerouslySkipLockoutGuard',
  'argoCdSyncWaves',
  'acknowledgeBlockedFlows',
  'failsafe',
] as const;

/** A name the pool builds policy names from (`<name>-kubernetes`): a DNS-1123 label, as tier names are. */
function guardPoolName(
  v: unknown,
  where: string,
  field: string,
  rule: (s: string) => boolean,
  what: string,
): string | undefined {
  if (v === undefined) return undefined;
  const text = guardString(v, where, field);
  if (!rule(text))
    rejectInput(where, field, what, text, 'use lowercase letters, digits and "-" (at most 63 characters)');
  return text;
}

/** A class with a private constructor (factories only), as `guardInstance` takes it. */
function privateClass<T>(cls: object): abstract new (...args: any[]) => T {
  return cls as abstract new (...args: any[]) => T;
}

/** A selector over nodes: global() only has a meaning in a rule's namespaceSelector. */
function guardNodeSelector(v: unknown, where: string, field: string): void {
  const sel = guardOptionalSelector(v, where, field);
  if (sel?.usesGlobal())
    throw boundaryError(
      where,
      field,
      `${sel}: global() cannot select nodes (it is for rule namespace selectors); fix: select the nodes by their labels`,
    );
}

/** Checks a pool's scope, id and props before `super()`, each error under the pool's path and prop. */
function guardPoolProps(scope: unknown, id: unknown, props: SecuredNodePoolProps | undefined): SecuredNodePoolProps {
  guardScope(scope, id, 'SecuredNodePool');
  const where = constructWhere(scope, id);
  const p = guardProps(props, where);
  guardKnownKeys(p, POOL_KEYS, where);
  // The name prefixes the tier and every policy (`<name>-kubernetes`), so it must be a DNS-1123 label.
  guardPoolName(p.name, where, 'name', isDns1123Label, 'a pool name (a DNS-1123 label)');
  guardPoolName(p.tierName, where, 'tierName', isDns1123Label, 'a tier name (a DNS-1123 label)');
  guardPoolName(
    p.policyName,
    where,
    'policyName',
    (n) => isDns1123Label(n) && isGlobalNetworkPolicyName(`${n}-deny`),
    'a policy name (a DNS-1123 label)',
  );
  guardNodeSelector(p.selector, where, 'selector');
  guardOptionalInstance(p.hostEndpoints, privateClass<NodeHostEndpoints>(NodeHostEndpoints), where, 'hostEndpoints', {
    expected: 'NodeHostEndpoints.automatic() or NodeHostEndpoints.explicit()',
  });
  guardOptionalInstance(p.inventory, privateClass<NodeInventory>(NodeInventory), where, 'inventory', {
    expected: 'a NodeInventory (NodeInventory.fromKubectlJson(...), NodeInventory.fromNodes(...))',
  });
  guardOptionalStringMap(p.hostEndpointLabels, where, 'hostEndpointLabels');
  if (p.tierOrder !== undefined) guardNumber(p.tierOrder, where, 'tierOrder');
  guardBaselineProps(p.baseline, where);
  guardNetworkProps(p.network, where);
  guardOptionalEnum(p.defaultIngress, NodeTrafficDefault, where, 'defaultIngress', { enumName: 'NodeTrafficDefault' });
  guardOptionalEnum(p.defaultEgress, NodeTrafficDefault, where, 'defaultEgress', { enumName: 'NodeTrafficDefault' });
  guardOptionalBoolean(p.dangerouslySkipLockoutGuard, where, 'dangerouslySkipLockoutGuard');
  const flow = (f: unknown, field: string) => guardEnum(f, NodeFlow, where, field, { enumName: 'NodeFlow' });
  guardOptionalArray(p.acknowledgeBlockedFlows, where, 'acknowledgeBlockedFlows', flow, { of: 'NodeFlow values' });
  guardNodeFailsafeProps(p.failsafe, where);
  guardOptionalBoolean(p.argoCdSyncWaves, where, 'argoCdSyncWaves');
  return p;
}

/** A subset of a pool's nodes, with the same policy methods (see {@link SecuredNodePool.subset}). */
export class NodePoolSubset extends NodeRuleScope implements IPeer {
  /** The selector of the subset's host endpoints: the pool's selector and the subset's. */
  public readonly selector: Selector;
  /** Name of the allow policy (`<name>`); the deny policy is `<name>-deny`. */
  public readonly policyName: string;
  private readonly rules: NodePolicyRules;

  /**
   * Made by {@link SecuredNodePool.subset} only. A static factory, not the constructor, takes the callback: jsii
   * checks every constructor's parameters (a function type has no jsii form), never those of an `_` member.
   * @internal
   */
  public static _create(
    scope: Construct,
    id: string,
    selector: Selector,
    policyName: string,
    tier: ITier,
    onPolicy: (p: GlobalNetworkPolicy) => void,
  ): NodePoolSubset {
    return new NodePoolSubset(scope, id, selector, policyName, tier, onPolicy);
  }

  private constructor(
    scope: Construct,
    id: string,
    selector: Selector,
    policyName: string,
    tier: ITier,
    onPolicy: (p: GlobalNetworkPolicy) => void,
  ) {
    super(scope, id);
    this.selector = selector;
    this.policyName = policyName;
    // The subset's policies are its children (`<subset>/Allow`, `<subset>/Deny`).
    this.rules = new NodePolicyRules({
      where: this.node.path,
      selector,
      policyName,
      tier,
      onPolicy,
      container: this,
      idPrefix: '',
      orders: { deny: NODE_POLICY_ORDER.subsetDeny, allow: NODE_POLICY_ORDER.subsetAllow },
    });
  }

  /** @internal */
  protected _nodeRules(): NodePolicyRules {
    return this.rules;
  }

  /** The subset as a rule peer: `node pool subset <policy name>`. */
  public get uniqueId(): string {
    return `node pool subset ${this.policyName}`;
  }

  /** The subset's host endpoints as a rule peer (`selector`, `namespaceSelector: global()`). */
  public toEntityRule(): EntityRule {
    return hostEndpointsRule(this.selector);
  }
}

/** Options of {@link SecuredNodePool.subset}. */
export interface NodePoolSubsetOptions {
  /**
   * Name of the subset's allow policy (its deny policy is `<policyName>-deny`).
   * @default - `<pool name>-<subset id>`
   */
  readonly policyName?: string;
}

/**
 * A pool of Kubernetes nodes protected by Calico host endpoints, without ever locking the cluster out.
 *
 * - Host endpoints: automatic (kube-controllers; the KubeControllersConfiguration `default` is emitted) or explicit
 *   (`<node>-eth0` per node from a {@link NodeInventory}).
 * - Policies live in a dedicated tier (`<name>`, order 100, default action Pass, so application policies in later
 *   tiers still apply to pods): your denies (order 40/50), the baseline (100: control plane, Calico, DNS, ICMP,
 *   SSH, NodePorts, host-local, node-to-pod), your allows (190/200), then the pool default (1000: deny ingress,
 *   allow egress unless changed).
 * - The lockout guard proves at synth, with the reachability engine over everything the pool's cluster emits (its
 *   {@link Cluster}, else the App's default cluster: lib/core/cluster.ts), that every essential flow of the baseline
 *   is still allowed.
 * - Policies are emitted before the host endpoints they protect.
 */
export class SecuredNodePool extends NodeRuleScope implements IPeer, IClusterPolicyPeer {
  /** The pool's name. */
  public readonly poolName: string;
  /** The selector of the pool's host endpoints. */
  public readonly selector: Selector;
  /** Name of the policy `allowIngress` / `allowEgress` add to; `denyIngress` / `denyEgress` use `<policyName>-deny`. */
  public readonly policyName: string;
  /** The pool's tier (default action Pass). */
  public readonly tier: Tier;
  /** How the nodes get host endpoints. */
  public readonly hostEndpointMode: NodeHostEndpoints;
  /** The inventory, if given. */
  public readonly inventory?: NodeInventory;
  /** The baseline policies (a frozen array). */
  public readonly baselinePolicies: GlobalNetworkPolicy[];
  /** The explicit host endpoints, empty in automatic mode (a frozen array). */
  public readonly hostEndpoints: HostEndpoint[];
  /** The KubeControllersConfiguration (automatic mode only). */
  public readonly kubeControllersConfiguration?: KubeControllersConfiguration;
  /** The kube-controllers RBAC (automatic mode with `rbac: true`). */
  public readonly rbac?: KubeControllersHostEndpointRbac;
  /** The construct holding the tier and every policy of the pool (host endpoints depend on it). */
  public readonly policyScope: Construct;

  private readonly endpointScope: Construct;
  /** The pool's own rules (`allowIngress` ... `denyEgress`). */
  private readonly rules: NodePolicyRules;
  /** The last policy of the pool (its default), which depends on all the others: endpoints depend on it alone. */
  private readonly barrier?: ApiObject;
  /** Labels over the node's labels on explicit (and tunnel) endpoints: `hostEndpointLabels` in explicit mode. */
  private readonly extraHepLabels: { readonly [key: string]: string } | undefined;
  private readonly resolvedBaseline: ResolvedBaseline;
  private readonly syncWaves: boolean;
  private readonly subsets: NodePoolSubset[] = [];
  private guardCache?: { key: string; problems: string[] };
  private readonly labelCache = new Map<InventoryNode, { readonly [key: string]: string }>();
  /** {@link nodes}, computed once: the inventory and the selector never change. */
  private nodeList?: readonly InventoryNode[];
  private readonly acknowledgedFlows: ReadonlySet<NodeFlow>;
  /** The FelixConfiguration `default` that carries the pool's failsafe narrowing (found in the app or made here). */
  public readonly felixConfiguration?: FelixConfiguration;

  public constructor(scope: Construct, id: string, props: SecuredNodePoolProps = {}) {
    props = guardPoolProps(scope, id, props);
    super(scope, id);
    const names = poolNames(id, props);
    refuseOwnershipLabel(props.hostEndpointLabels, this.node.path, 'hostEndpointLabels');
    this.poolName = names.name;
    this.selector = names.selector;
    this.policyName = names.policyName;
    this.hostEndpointMode = props.hostEndpoints ?? NodeHostEndpoints.automatic();
    this.inventory = props.inventory;
    this.extraHepLabels = this.hostEndpointMode.mode === 'explicit' ? { ...props.hostEndpointLabels } : undefined;
    this.syncWaves = props.argoCdSyncWaves ?? false;
    this.resolvedBaseline = resolveBaseline(props.baseline, withCanal(this, props.network)); // Canal: flannel's VXLAN port

    // Policies first: cdk8s emits objects in tree order, so every policy, even one added later, precedes every
    // endpoint.
    this.policyScope = new Construct(this, 'Policies');
    this.tier = new Tier(this.policyScope, 'Tier', {
      name: names.tierName,
      order: names.tierOrder,
      defaultAction: TierDefaultAction.PASS,
    });
    this.wave(this.tier, '-2');
    this.rules = new NodePolicyRules({
      where: this.node.path,
      selector: this.selector,
      policyName: this.policyName,
      tier: this.tier,
      orders: { deny: NODE_POLICY_ORDER.poolDeny, allow: NODE_POLICY_ORDER.poolAllow },
      container: this.policyScope,
      idPrefix: 'Pool',
      onPolicy: (p) => this.registerPolicy(p),
    });
    const defaultEgress = props.defaultEgress ?? NodeTrafficDefault.ALLOW;
    this.baselinePolicies = Object.freeze(
      createBaseline(this.policyScope, names.name, this.selector, this.tier, this.resolvedBaseline, {
        selves: selfReachNodes(this.hostEndpointMode._explicit, this.nodes),
        selfEgress: defaultEgress === NodeTrafficDefault.DENY,
      }),
    ) as GlobalNetworkPolicy[];
    this.barrier = this.createDefaultPolicy(props.defaultIngress ?? NodeTrafficDefault.DENY, defaultEgress);
    this.baselinePolicies.forEach((p) => this.registerPolicy(p));

    this.endpointScope = new Construct(this, 'HostEndpoints');
    const explicit = this.hostEndpointMode._explicit;
    if (explicit) {
      const specs = explicitEndpointSpecs(
        this.node.path,
        this.inventory,
        this.selector,
        this.extraHepLabels ?? {},
        explicit,
      );
      const plan = newHostEndpointPlan();
      this.hostEndpoints = Object.freeze(specs.map((spec) => this.createEndpoint(spec, plan))) as HostEndpoint[];
    } else {
      this.hostEndpoints = Object.freeze([] as HostEndpoint[]) as HostEndpoint[];
      const auto = this.hostEndpointMode._automatic ?? {};
      this.kubeControllersConfiguration = this.createAutomaticEndpoints(auto);
      if (auto.rbac) this.rbac = new KubeControllersHostEndpointRbac(this, 'KubeControllersRbac');
    }

    // Failsafe ports: sshFrom (and failsafe.narrow) narrow them; deny rules on open ones are checked at synth.
    const failsafe = props.failsafe ?? {};
    this.felixConfiguration = applyNarrowings(
      this,
      this.endpointScope,
      poolNarrowings(this.resolvedBaseline.sshFrom, failsafe),
    );
    if (this.felixConfiguration?._madeBy) this.wave(this.felixConfiguration, '0');
    this.node.addValidation({
      validate: () =>
        poolFailsafeProblems({
          policies: [...this.policies, ...this.subsets.flatMap((s) => s.policies)],
          felix: defaultFelixConfiguration(this),
          props: failsafe,
        }),
    });
    this.acknowledgedFlows = new Set(props.acknowledgeBlockedFlows ?? []);
    const risks = acknowledgedRisksAnnotation([...this.acknowledgedFlows].map(nodeFlowRisk));
    if (risks) this.tier.addAnnotation(ACKNOWLEDGED_RISKS_ANNOTATION, risks[ACKNOWLEDGED_RISKS_ANNOTATION]);

    if (!props.dangerouslySkipLockoutGuard) {
      this.node.addValidation({ validate: () => this.runLockoutGuard() });
    }
  }

  /** @internal */
  protected _nodeRules(): NodePolicyRules {
    return this.rules;
  }

  /** The pool as a rule peer: `node pool <name>`. */
  public get uniqueId(): string {
    return `node pool ${this.poolName}`;
  }

  /**
   * The pool's host endpoints as a rule peer: the pool's selector among non-namespaced endpoints
   * (`namespaceSelector: global()`), so pods with node-like labels are left out. Matches the nodes' addresses
   * (automatic endpoints) or the explicit endpoints' `expectedIPs`.
   */
  public toEntityRule(): EntityRule {
    return hostEndpointsRule(this.selector);
  }

  /**
   * The pool as a ClusterNetworkPolicy egress peer: its nodes' addresses as `networks` (`/32`, `/128`), since
   * namespaces and pods peers never match nodes. Needs the addresses: explicit host endpoints or an inventory.
   */
  public toClusterPolicyPeers(): ClusterPolicyPeer[] {
    const source = { where: this.node.path, poolName: this.poolName, hasInventory: this.inventory !== undefined };
    return nodePoolNetworkPeers({ ...source, hostEndpoints: this.hostEndpoints, nodes: this.nodes }, 'networks');
  }

  /** The inventory's nodes in this pool (labels as their host endpoints carry them). */
  public get nodes(): InventoryNode[] {
    if (!this.inventory) return [];
    this.nodeList ??= this.inventory.nodes.filter((n) => this.selector.matches(this.endpointLabels(n)));
    return [...this.nodeList];
  }

  /**
   * Labels over each node's labels on the pool's explicit endpoints (`hostEndpointLabels`), for tunnel endpoints.
   * @internal
   */
  public get _hostEndpointLabels(): { readonly [key: string]: string } {
    return this.extraHepLabels ?? {};
  }

  /**
   * Labels of this pool's host endpoints for `node`: the node's labels (as kube-controllers syncs them), plus
   * `hostEndpointLabels` in explicit mode; never the kube-controllers ownership label.
   */
  public labelsFor(node: InventoryNode): { [key: string]: string } {
    if (node === null || typeof node !== 'object' || typeof node.name !== 'string') {
      rejectInput(
        this.node.path,
        'labelsFor(node)',
        'a node of the inventory',
        node,
        'pass one of pool.inventory.nodes',
      );
    }
    return { ...this.endpointLabels(node) };
  }

  /** {@link labelsFor} without the copy (read-only), for the pool's tunnel endpoints. @internal */
  public _endpointLabels(node: InventoryNode): { readonly [key: string]: string } {
    return this.endpointLabels(node);
  }

  /** {@link labelsFor}, computed once per node (read-only: the pool and its guard read it for every node). */
  private endpointLabels(node: InventoryNode): { readonly [key: string]: string } {
    let labels = this.labelCache.get(node);
    if (!labels) {
      labels = nodeEndpointLabels(node, this.extraHepLabels);
      this.labelCache.set(node, labels);
    }
    return labels;
  }

  /**
   * Policies for part of the pool: the same methods, scoped to `pool selector && selector` (docs/scenarios.md#000:
   * `pool.subset('Dev', Selector.eq('environment', 'dev'))`).
   */
  public subset(id: string, selector: Selector, options: NodePoolSubsetOptions = {}): NodePoolSubset {
    const where = this.node.path;
    guardString(id, where, 'subset(id)', { expected: 'a construct id' });
    guardSelector(selector, where, 'subset(selector)');
    guardNodeSelector(selector, where, 'subset(selector)');
    options = guardProps(options, where, 'subset(options)');
    guardKnownKeys(options, ['policyName'], where, 'subset(options)');
    guardPoolName(
      options.policyName,
      where,
      'subset(options).policyName',
      (n) => isDns1123Label(n),
      'a policy name (a DNS-1123 label)',
    );
    const policyName = options.policyName ?? `${this.poolName}-${dnsNameFromId(id)}`;
    const s = NodePoolSubset._create(this.policyScope, id, this.selector.and(selector), policyName, this.tier, (p) =>
      this.registerPolicy(p),
    );
    this.subsets.push(s);
    return s;
  }

  /** Makes `construct` (for example tunnel host endpoints) be emitted after every policy of the pool. */
  public protect(construct: IConstruct): void {
    if (!Construct.isConstruct(construct))
      rejectInput(
        this.node.path,
        'protect(construct)',
        'a construct',
        construct,
        "pass the construct whose objects must follow the pool's policies",
      );
    const mine = Chart.of(this);
    const theirs = Chart.of(construct);
    if (theirs !== mine) {
      theirs.addDependency(mine);
    } else if (!comesAfter(construct, this.policyScope)) {
      for (const c of construct.node.findAll()) {
        if (ApiObject.isApiObject(c)) this.orderAfterPolicies(c);
      }
    }
    // Otherwise tree order already puts it after the policies (no dependency edges: they cost at 10,000 nodes).
  }

  /** The essential flows the lockout guard finds blocked (empty when all is well), with reasons. */
  public checkLockout(): string[] {
    return this.lockoutProblems(this.inventory ? appManifests(this) : []);
  }

  /** {@link checkLockout} over manifests already collected from the pool's cluster, naming the cluster if any. */
  private lockoutProblems(manifests: readonly any[]): string[] {
    return wordLockoutProblems(this.lockoutProblemsOf(manifests), {
      allInterfaceEndpoints: this.hostEndpointMode._automatic?.createDefaultHostEndpoint === true,
      clusterSuffix: clusterSuffix(this),
    });
  }

  private lockoutProblemsOf(manifests: readonly any[]): string[] {
    const nodes = this.nodes;
    const missing = lockoutPrecondition(this.inventory, nodes.length, this.selector);
    if (missing) return [missing];
    const input: GuardInput = {
      manifests,
      inventory: this.inventory!,
      nodes,
      labelsOf: (n) => this.endpointLabels(n),
      baseline: this.resolvedBaseline,
      acknowledged: this.acknowledgedFlows,
    };
    const stale = staleAcknowledgements(input).map(
      (f) =>
        `lockout guard: acknowledgeBlockedFlows names NodeFlow.${nodeFlowKey(f)}, ` +
        'but that flow is not blocked; ' +
        'fix: remove it (a stale acknowledgement would hide the next lockout)',
    );
    return [...formatBlockedFlows(findBlockedFlows(input)), ...stale];
  }

  private runLockoutGuard(): string[] {
    // Validations run once per chart at synth: reuse the verdict while the app's objects are unchanged.
    const manifests = this.inventory ? appManifests(this) : [];
    const key = JSON.stringify(manifests);
    if (this.guardCache?.key === key) return this.guardCache.problems;
    const problems = withSkipHint(this.lockoutProblems(manifests));
    this.guardCache = { key, problems };
    return problems;
  }

  /**
   * For objects that tree order does not already put after the pool's policies: one dependency per object on the
   * last policy (which depends on all the others), N + P edges instead of the N x P that a construct-level
   * dependency expands to (that made synth of 20,000 endpoints spend most of its time ordering).
   */
  private orderAfterPolicies(obj: ApiObject): void {
    if (this.barrier) obj.addDependency(this.barrier);
    else obj.node.addDependency(this.policyScope);
  }

  /** A pool policy: Argo CD wave, and ordered before the barrier policy. */
  private registerPolicy(p: CalicoObject): void {
    this.wave(p, '-1');
    if (this.barrier && p !== this.barrier) this.barrier.addDependency(p);
  }

  /** The pool's last policy (see {@link defaultPolicyPlan}), none when both directions pass. */
  private createDefaultPolicy(
    ingress: NodeTrafficDefault,
    egress: NodeTrafficDefault,
  ): GlobalNetworkPolicy | undefined {
    const plan = defaultPolicyPlan(ingress, egress);
    if (!plan) return undefined;
    const p = new GlobalNetworkPolicy(this.policyScope, 'Default', {
      name: `${this.poolName}-default`,
      tier: this.tier,
      order: NODE_POLICY_ORDER.poolDefault,
      selector: this.selector,
      types: plan.types,
    });
    for (const r of plan.rules) {
      const options = { description: r.description };
      if (r.direction === PolicyType.INGRESS) {
        if (r.deny) p.denyIngress(Peer.any(), undefined, options);
        else p.allowIngress(Peer.any(), undefined, options);
      } else if (r.deny) {
        p.denyEgress(Peer.any(), undefined, options);
      } else {
        p.allowEgress(Peer.any(), undefined, options);
      }
    }
    this.wave(p, '-1');
    return p;
  }

  /** One explicit host endpoint; Calico's rules on it fail under the pool's `hostEndpoints` prop that made it. */
  private createEndpoint(spec: NodeHostEndpointSpec, plan: HostEndpointPlan): HostEndpoint {
    this.labelCache.set(spec.inventoryNode, spec.labels); // the same labels the pool's selector matched
    const hep = withField(this.node.path, 'hostEndpoints', () => hostEndpointFromSpec(this.endpointScope, spec, plan));
    this.wave(hep, '0');
    return hep;
  }

  /** Automatic mode: kube-controllers makes the endpoints from the KubeControllersConfiguration `default`. */
  private createAutomaticEndpoints(auto: AutomaticHostEndpointsOptions): KubeControllersConfiguration {
    // Calico's template rules fail in the child; report them under this pool's prop that fed them.
    const kcc = withField(
      this.node.path,
      'hostEndpoints',
      () =>
        new KubeControllersConfiguration(this.endpointScope, 'KubeControllersConfiguration', {
          hostEndpoints: automaticHostEndpointSettings(auto),
        }),
    );
    this.wave(kcc, '0');
    return kcc;
  }

  private wave(o: CalicoObject, wave: string): void {
    if (this.syncWaves) o.addAnnotation(SYNC_WAVE, wave);
  }
}

/** Whether `a` comes after `b` in the construct tree's pre-order (the order cdk8s emits objects in). @internal */
export function comesAfter(a: IConstruct, b: IConstruct): boolean {
  const pa = a.node.scopes;
  const pb = b.node.scopes;
  let i = 0;
  while (i < pa.length && i < pb.length && pa[i] === pb[i]) i++;
  if (i === pb.length) return i < pa.length; // a is inside b
  if (i === pa.length) return false; // b is inside a: a comes first
  const siblings = pa[i - 1].node.children;
  return siblings.indexOf(pa[i]) > siblings.indexOf(pb[i]);
}

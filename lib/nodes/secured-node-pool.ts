import { ApiObject, Chart } from 'cdk8s';
import { Construct, IConstruct } from 'constructs';
import { CalicoObject } from '../core/calico-object';
import { Cluster, clusterSuffix } from '../core/cluster';
import {
  boundaryError, constructWhere, guardEnum, guardKnownKeys, guardNumber, guardOptionalArray, guardOptionalBoolean, guardOptionalEnum,
  guardOptionalInstance,
  guardOptionalStringMap, guardProps, guardScope, guardString, rejectInput, withField,
} from '../core/guard';
import { dnsNameFromId } from '../core/names';
import { GlobalNetworkPolicy } from '../policy/global-network-policy';
import { Peer } from '../policy/peer';
import { PolicyType } from '../policy/action';
import { Tier, TierDefaultAction } from '../policy/tier';
import { Selector } from '../selector';
import { guardOptionalSelector, guardSelector } from '../selector/selector-guard';
import { CREATED_BY_LABEL, isDns1123Label, isGlobalNetworkPolicyName } from '../validation/rules/names';
import { HostEndpoint } from './host-endpoint';
import { KubeControllersConfiguration } from './kube-controllers-configuration';
import { KubeControllersHostEndpointRbac } from './kube-controllers-rbac';
import {
  findBlockedFlows, formatBlockedFlows, GuardInput, appManifests, NodeFlow, nodeFlowKey, nodeFlowRisk, staleAcknowledgements,
} from './lockout-guard';
import { applyNarrowings, guardNodeFailsafeProps, NodeFailsafeProps, poolFailsafeProblems, poolNarrowings } from './node-failsafe';
import { acknowledgedRisksAnnotation, ACKNOWLEDGED_RISKS_ANNOTATION } from '../core/acknowledged-risks';
import { FelixConfiguration } from '../network/felix-configuration';
import { withCanal } from './canal-vxlan';
import { createBaseline, guardBaselineProps, guardNetworkProps, NodeBaselineProps, NodeNetworkProps, ResolvedBaseline, resolveBaseline } from './node-baseline';
import { automaticHostEndpointSettings, NodeHostEndpoints } from './node-host-endpoints';
import { EMPTY_INVENTORY } from './inventory-messages';
import { InventoryNode, NodeInventory } from './node-inventory';
import { NODE_POLICY_ORDER, NodePolicyScope, NodePolicyScopeContext } from './node-policy-scope';

/** What happens to node traffic that neither the baseline nor your rules decided. */
export enum NodeTrafficDefault {
  /** Allow it (a final Allow-all policy in the pool's tier). */
  ALLOW = 'Allow',
  /** Deny it (a final Deny-all policy in the pool's tier). Failsafe ports stay open. */
  DENY = 'Deny',
  /**
   * Leave it to later tiers: the default tier, then the host endpoint's profiles (automatic host endpoints carry
   * `projectcalico-default-allow`, so PASS means allow for them; explicit ones without profiles deny).
   */
  PASS = 'Pass',
}

/** Props of {@link SecuredNodePool}. */
export interface SecuredNodePoolProps {
  /**
   * The pool's name: the tier and every policy name start with it.
   * @default - derived from the construct id (`Nodes` becomes `nodes`)
   */
  readonly name?: string;
  /**
   * The pool's nodes, by a Calico selector over node labels (explicit mode: node labels plus `hostEndpointLabels`).
   * @default Selector.has('kubernetes-host') (seed 000: `kubectl label nodes --all kubernetes-host=`)
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

const POOL_KEYS = ['name', 'selector', 'hostEndpoints', 'inventory', 'hostEndpointLabels', 'policyName', 'tierName', 'tierOrder', 'baseline',
  'network', 'defaultIngress', 'defaultEgress', 'dangerouslySkipLockoutGuard', 'argoCdSyncWaves', 'acknowledgeBlockedFlows',
  'failsafe'] as const;

/** A name the pool builds policy names from (`<name>-kubernetes`): a DNS-1123 label, as tier names are. */
function guardPoolName(v: unknown, where: string, field: string, rule: (s: string) => boolean, what: string): string | undefined {
  if (v === undefined) return undefined;
  const text = guardString(v, where, field);
  if (!rule(text)) rejectInput(where, field, what, text, 'use lowercase letters, digits and "-" (at most 63 characters)');
  return text;
}

/** A class with a private constructor (factories only), as `guardInstance` takes it. */
function privateClass<T>(cls: Function): abstract new (...args: any[]) => T {
  return cls as abstract new (...args: any[]) => T;
}

/** A selector over nodes: global() only has a meaning in a rule's namespaceSelector. */
function guardNodeSelector(v: unknown, where: string, field: string): void {
  const sel = guardOptionalSelector(v, where, field);
  if (sel?.usesGlobal()) throw boundaryError(where, field, `${sel}: global() cannot select nodes (it is for rule namespace selectors); fix: select the nodes by their labels`);
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
  guardPoolName(p.policyName, where, 'policyName', (n) => isDns1123Label(n) && isGlobalNetworkPolicyName(`${n}-deny`), 'a policy name (a DNS-1123 label)');
  guardNodeSelector(p.selector, where, 'selector');
  guardOptionalInstance(p.hostEndpoints, privateClass<NodeHostEndpoints>(NodeHostEndpoints), where, 'hostEndpoints', { expected: 'NodeHostEndpoints.automatic() or NodeHostEndpoints.explicit()' });
  guardOptionalInstance(p.inventory, privateClass<NodeInventory>(NodeInventory), where, 'inventory', { expected: 'a NodeInventory (NodeInventory.fromKubectlJson(...), NodeInventory.fromNodes(...))' });
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
export class NodePoolSubset extends NodePolicyScope {
  /** @internal */
  public constructor(scope: Construct, id: string, selector: Selector, policyName: string, ctx: () => NodePolicyScopeContext) {
    super(scope, id, selector, policyName, { deny: NODE_POLICY_ORDER.subsetDeny, allow: NODE_POLICY_ORDER.subsetAllow }, ctx);
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
export class SecuredNodePool extends NodePolicyScope {
  /** The pool's name. */
  public readonly poolName: string;
  /** The pool's tier (default action Pass). */
  public readonly tier: Tier;
  /** How the nodes get host endpoints. */
  public readonly hostEndpointMode: NodeHostEndpoints;
  /** The inventory, if given. */
  public readonly inventory?: NodeInventory;
  /** The baseline policies. */
  public readonly baselinePolicies: readonly GlobalNetworkPolicy[];
  /** The explicit host endpoints (empty in automatic mode). */
  public readonly hostEndpoints: readonly HostEndpoint[];
  /** The KubeControllersConfiguration (automatic mode only). */
  public readonly kubeControllersConfiguration?: KubeControllersConfiguration;
  /** The kube-controllers RBAC (automatic mode with `rbac: true`). */
  public readonly rbac?: KubeControllersHostEndpointRbac;
  /** The construct holding the tier and every policy of the pool (host endpoints depend on it). */
  public readonly policyScope: Construct;

  private readonly endpointScope: Construct;
  /** The last policy of the pool (its default), which depends on all the others: endpoints depend on it alone. */
  private readonly barrier?: ApiObject;
  private readonly extraHepLabels: { [key: string]: string };
  private readonly resolvedBaseline: ResolvedBaseline;
  private readonly syncWaves: boolean;
  private readonly subsets: NodePoolSubset[] = [];
  private guardCache?: { key: string; problems: string[] };
  private readonly labelCache = new Map<InventoryNode, { readonly [key: string]: string }>();
  private readonly acknowledgedFlows: ReadonlySet<NodeFlow>;
  /** The FelixConfiguration `default` that carries the pool's failsafe narrowing (found in the app or made here). */
  public readonly felixConfiguration?: FelixConfiguration;

  public constructor(scope: Construct, id: string, props: SecuredNodePoolProps = {}) {
    props = guardPoolProps(scope, id, props);
    const name = props.name ?? dnsNameFromId(id);
    const selector = props.selector ?? Selector.has('kubernetes-host');
    let ctx: NodePolicyScopeContext | undefined;
    super(scope, id, selector, props.policyName ?? `${name}-policy`, { deny: NODE_POLICY_ORDER.poolDeny, allow: NODE_POLICY_ORDER.poolAllow }, () => ctx!);
    this.poolName = name;
    this.hostEndpointMode = props.hostEndpoints ?? NodeHostEndpoints.automatic();
    this.inventory = props.inventory;
    this.extraHepLabels = { ...props.hostEndpointLabels };
    if (CREATED_BY_LABEL in this.extraHepLabels) {
      throw boundaryError(this.node.path, 'hostEndpointLabels', `${CREATED_BY_LABEL} marks objects kube-controllers owns (it would rewrite or delete them); fix: remove it`);
    }
    this.syncWaves = props.argoCdSyncWaves ?? false;
    this.resolvedBaseline = resolveBaseline(props.baseline, withCanal(this, props.network)); // Canal: flannel's VXLAN port

    this.policyScope = new Construct(this, 'Policies');
    this.tier = new Tier(this.policyScope, 'Tier', { name: props.tierName ?? name, order: props.tierOrder ?? 100, defaultAction: TierDefaultAction.PASS });
    this.wave(this.tier, '-2');
    ctx = { tier: this.tier, container: this.policyScope, onPolicy: (p) => this.registerPolicy(p) };

    // Only all-interfaces ("*") endpoints police a node reaching its own addresses (over lo). Automatic endpoints
    // are address-matched (never lo: node-host-endpoints.ts), so per-node self rules exist in explicit mode on "*"
    // only, where the lint reminds users to re-synth when nodes change (explicit-host-endpoints-lint.ts).
    const policesLo = (this.hostEndpointMode._explicit?.interfaces ?? []).includes('*');
    const selves = policesLo ? this.nodes.map((n) => ({ name: n.name, ips: [...new Set([...n.internalIps, ...n.bgpIps])] })) : [];
    const selfEgress = (props.defaultEgress ?? NodeTrafficDefault.ALLOW) === NodeTrafficDefault.DENY;
    this.baselinePolicies = createBaseline(this.policyScope, name, selector, this.tier, this.resolvedBaseline, { selves, selfEgress });
    this.barrier = this.createDefaultPolicy(props.defaultIngress ?? NodeTrafficDefault.DENY, props.defaultEgress ?? NodeTrafficDefault.ALLOW)?.apiObject;
    this.baselinePolicies.forEach((p) => this.registerPolicy(p));

    // The endpoints follow the policies in the construct tree, and cdk8s emits objects in tree order unless a
    // dependency says otherwise: every policy of the pool, even one added later, comes out before every endpoint.
    this.endpointScope = new Construct(this, 'HostEndpoints');
    const heps: HostEndpoint[] = [];
    if (this.hostEndpointMode.mode === 'automatic') {
      const auto = this.hostEndpointMode._automatic ?? {};
      // Calico's template rules fail in the child; report them under this pool's prop that fed them.
      this.kubeControllersConfiguration = withField(this.node.path, 'hostEndpoints', () => new KubeControllersConfiguration(this.endpointScope, 'KubeControllersConfiguration', {
        hostEndpoints: automaticHostEndpointSettings(auto),
      }));
      this.wave(this.kubeControllersConfiguration, '0');
      if (auto.rbac) this.rbac = new KubeControllersHostEndpointRbac(this, 'KubeControllersRbac');
    } else {
      const explicit = this.hostEndpointMode._explicit ?? {};
      if (!this.inventory) {
        throw boundaryError(this.node.path, 'inventory', `explicit host endpoints are made from the nodes of an inventory; fix: pass \`inventory: NodeInventory.fromKubectlJson('nodes.json')\` (or use NodeHostEndpoints.automatic())`);
      }
      if (this.inventory.size === 0) throw boundaryError(this.node.path, 'inventory', EMPTY_INVENTORY);
      const nodes = this.nodes;
      if (nodes.length === 0) {
        throw boundaryError(this.node.path, 'selector', `no node of the inventory matches ${selector} (with hostEndpointLabels added); fix: label the nodes or change the selector`);
      }
      const interfaces = explicit.interfaces ?? ['eth0'];
      for (const n of nodes) {
        const expectedIPs = [...new Set([...n.internalIps, ...n.bgpIps])];
        for (const iface of interfaces) {
          const hep = withField(this.node.path, 'hostEndpoints', () => new HostEndpoint(this.endpointScope, `${n.name}-${iface}`, {
            name: hostEndpointName(n.name, iface),
            node: n.name,
            interfaceName: iface,
            expectedIPs,
            labels: this.labelsFor(n),
            profiles: explicit.profiles,
          }));
          this.wave(hep, '0');
          heps.push(hep);
        }
      }
    }
    this.hostEndpoints = heps;

    // Failsafe ports: sshFrom (and failsafe.narrow) narrow them; deny rules on open ones are checked at synth.
    const failsafe = props.failsafe ?? {};
    const narrowings = poolNarrowings(this.resolvedBaseline.sshFrom, failsafe);
    this.felixConfiguration = applyNarrowings(this, this.endpointScope, narrowings);
    if (this.felixConfiguration?._madeBy) this.wave(this.felixConfiguration, '0');
    this.node.addValidation({ validate: () => poolFailsafeProblems({
      policies: [...this.policies, ...this.subsets.flatMap((s) => s.policies)],
      felix: FelixConfiguration.defaultOf(this), props: failsafe,
    }) });
    this.acknowledgedFlows = new Set(props.acknowledgeBlockedFlows ?? []);
    const risks = acknowledgedRisksAnnotation([...this.acknowledgedFlows].map(nodeFlowRisk));
    if (risks) this.tier.addAnnotation(ACKNOWLEDGED_RISKS_ANNOTATION, risks[ACKNOWLEDGED_RISKS_ANNOTATION]);

    if (!props.dangerouslySkipLockoutGuard) {
      this.node.addValidation({ validate: () => this.runLockoutGuard() });
    }
  }

  /** The inventory's nodes in this pool (labels as their host endpoints carry them). */
  public get nodes(): InventoryNode[] {
    if (!this.inventory) return [];
    return this.inventory.nodes.filter((n) => this.selector.matches(this.endpointLabels(n)));
  }

  /**
   * Labels of this pool's host endpoints for `node`: the node's labels (as kube-controllers syncs them), plus
   * `hostEndpointLabels` in explicit mode; never the kube-controllers ownership label.
   */
  public labelsFor(node: InventoryNode): { [key: string]: string } {
    if (node === null || typeof node !== 'object' || typeof node.name !== 'string') {
      rejectInput(this.node.path, 'labelsFor(node)', 'a node of the inventory', node, 'pass one of pool.inventory.nodes');
    }
    return { ...this.endpointLabels(node) };
  }

  /** {@link labelsFor}, computed once per node (read-only: the pool and its guard read it for every node). */
  private endpointLabels(node: InventoryNode): { readonly [key: string]: string } {
    let labels = this.labelCache.get(node);
    if (!labels) {
      const l: { [key: string]: string } = { ...node.labels };
      delete l[CREATED_BY_LABEL];
      if (this.hostEndpointMode.mode === 'explicit') Object.assign(l, this.extraHepLabels);
      labels = l;
      this.labelCache.set(node, labels);
    }
    return labels;
  }

  /**
   * Policies for part of the pool: the same methods, scoped to `pool selector && selector` (seed 000:
   * `pool.subset('Dev', Selector.eq('environment', 'dev'))`).
   */
  public subset(id: string, selector: Selector, options: NodePoolSubsetOptions = {}): NodePoolSubset {
    const where = this.node.path;
    guardString(id, where, 'subset(id)', { expected: 'a construct id' });
    guardSelector(selector, where, 'subset(selector)');
    guardNodeSelector(selector, where, 'subset(selector)');
    options = guardProps(options, where, 'subset(options)');
    guardKnownKeys(options, ['policyName'], where, 'subset(options)');
    guardPoolName(options.policyName, where, 'subset(options).policyName', (n) => isDns1123Label(n), 'a policy name (a DNS-1123 label)');
    const ctx: NodePolicyScopeContext = { tier: this.tier, onPolicy: (p) => this.registerPolicy(p) };
    const s = new NodePoolSubset(this.policyScope, id, this.selector.and(selector), options.policyName ?? `${this.poolName}-${dnsNameFromId(id)}`, () => ctx);
    this.subsets.push(s);
    return s;
  }

  /** Makes `construct` (for example tunnel host endpoints) be emitted after every policy of the pool. */
  public protect(construct: IConstruct): void {
    if (!Construct.isConstruct(construct)) rejectInput(this.node.path, 'protect(construct)', 'a construct', construct, 'pass the construct whose objects must follow the pool\'s policies');
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
    const inCluster = clusterSuffix(this);
    const star = this.hostEndpointMode._automatic?.createDefaultHostEndpoint === true;
    return this.lockoutProblemsOf(manifests)
      .map((p) => (star && / over lo /.test(p) ? `${p} (createDefaultHostEndpoint: true makes "*" endpoints, which police lo; leave it unset: the pool's address endpoints never police lo)` : p))
      .map((p) => (inCluster ? p.replace(/^lockout guard:/, `lockout guard${inCluster}:`) : p));
  }

  private lockoutProblemsOf(manifests: readonly any[]): string[] {
    if (!this.inventory) {
      return ['lockout guard: no inventory, so no node to prove the essential flows on; fix: pass `inventory` (for example NodeInventory.fromKubectlJson(...)), or set `dangerouslySkipLockoutGuard: true`'];
    }
    if (this.inventory.size === 0) return [`lockout guard: ${EMPTY_INVENTORY}`];
    const nodes = this.nodes;
    if (nodes.length === 0) {
      return [`lockout guard: no node of the inventory is in the pool (${this.selector}), so there is no node to prove the essential flows on; fix: label the nodes in the inventory as the cluster labels them, or change the selector`];
    }
    const input: GuardInput = {
      manifests,
      inventory: this.inventory,
      nodes,
      labelsOf: (n) => this.endpointLabels(n),
      baseline: this.resolvedBaseline,
      acknowledged: this.acknowledgedFlows,
    };
    const stale = staleAcknowledgements(input).map((f) => `lockout guard: acknowledgeBlockedFlows names NodeFlow.${nodeFlowKey(f)}, `
      + 'but that flow is not blocked; '
      + 'fix: remove it (a stale acknowledgement would hide the next lockout)');
    return [...formatBlockedFlows(findBlockedFlows(input)), ...stale];
  }

  private runLockoutGuard(): string[] {
    // Validations run once per chart at synth: reuse the verdict while the app's objects are unchanged.
    const manifests = this.inventory ? appManifests(this) : [];
    const key = JSON.stringify(manifests);
    if (this.guardCache?.key === key) return this.guardCache.problems;
    const skip = ', or skip the whole guard with `dangerouslySkipLockoutGuard: true` if you are sure';
    const problems = this.lockoutProblems(manifests).map((p) => (p.includes(' is blocked: ') ? `${p}${skip}` : p));
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
    if (this.barrier && p.apiObject !== this.barrier) this.barrier.addDependency(p.apiObject);
  }

  private createDefaultPolicy(ingress: NodeTrafficDefault, egress: NodeTrafficDefault): GlobalNetworkPolicy | undefined {
    const types: PolicyType[] = [];
    if (ingress !== NodeTrafficDefault.PASS) types.push(PolicyType.INGRESS);
    if (egress !== NodeTrafficDefault.PASS) types.push(PolicyType.EGRESS);
    if (types.length === 0) return undefined;
    const p = new GlobalNetworkPolicy(this.policyScope, 'Default', {
      name: `${this.poolName}-default`, tier: this.tier, order: NODE_POLICY_ORDER.poolDefault, selector: this.selector, types,
    });
    if (ingress === NodeTrafficDefault.DENY) p.denyIngress(Peer.any(), undefined, { description: 'node ingress nothing above allowed' });
    if (ingress === NodeTrafficDefault.ALLOW) p.allowIngress(Peer.any(), undefined, { description: 'node ingress nothing above denied' });
    if (egress === NodeTrafficDefault.DENY) p.denyEgress(Peer.any(), undefined, { description: 'node egress nothing above allowed' });
    if (egress === NodeTrafficDefault.ALLOW) p.allowEgress(Peer.any(), undefined, { description: 'node egress nothing above denied' });
    this.wave(p, '-1');
    return p;
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

/** `<node>-<interface>` (`<node>-all-interfaces` for `*`), lowercased, characters a name cannot hold replaced by `-`. @internal */
export function hostEndpointName(node: string, iface: string): string {
  return `${node}-${iface === '*' ? 'all-interfaces' : iface}`.toLowerCase().replace(/[^a-z0-9.-]/g, '-');
}

/**
 * `DenyLogging`: the "log everything denied" GlobalNetworkPolicy of docs/scenarios.md#004 done so that it changes no
 * verdict.
 *
 * Why that version is wrong: `Log` is not terminal (it logs, and matching goes on to the next rule), and a
 * policy that selects an endpoint makes its tier active for that endpoint, so a Log-only policy selecting `all()` in
 * the default tier sends every endpoint that no policy governed before (allowed by its namespace profile) into the
 * tier's end-of-tier drop: the whole cluster goes dark (Calico issue 3801,
 * https://github.com/projectcalico/calico/issues/3801).
 *
 * What this construct emits instead, per direction, is one Log policy in the tier, ordered after every other policy
 * of the tier (no `order`), whose selector is exactly the endpoints some enforcing policy of the tier already
 * governs in that direction (the union of their effective selectors, as Calico computes them, with
 * namespace, service-account and Kubernetes NetworkPolicy scoping). So:
 * - an endpoint it selects already ends that tier in a drop: the packet that reaches the Log rule is one the tier
 *   is about to drop, it is logged, then dropped as before;
 * - an endpoint it does not select sees no change at all (its tier stays inactive);
 * - allowed, passed and explicitly denied packets never reach it (they leave the tier earlier), so allowed traffic
 *   is never logged. Drops by explicit Deny rules are not logged either: put a Log rule before such a Deny.
 *
 * The governed set is computed at synth from every policy of the same tier in the same cluster (the enclosing
 * `Cluster`, or the App's default cluster: lib/core/cluster.ts; Calico GlobalNetworkPolicy
 * and NetworkPolicy, Kubernetes NetworkPolicy for the default tier; staged, preDNAT and doNotTrack policies do not
 * activate a tier and are left out). Policies that exist only in the cluster are not seen, so their endpoints are
 * not logged (never mis-handled). Forwarded host-endpoint traffic (applyOnForward chains) is not logged.
 */
import { ApiObject, Lazy } from 'cdk8s';
import { Construct } from 'constructs';
import { normalisePolicy, policyKindOf } from '../model/policy/policy-view';
import { builtinTier } from '../model/policy/tiers';
import { CALICO_API_VERSION } from '../model/primitives/calico-constants';
import {
  boundaryError,
  constructWhere,
  guardArray,
  guardKnownKeys,
  guardOptionalBoolean,
  guardOptionalString,
  guardProps,
  guardScope,
  guardString,
  rejectInput,
} from '../model/primitives/guard';
import { constructsInCluster } from '../core/cluster';
import { dnsNameFromId } from '../core/names';
import { isGlobalNetworkPolicyName } from '../model/primitives';
import { Selector } from '../selector';
import { guardOptionalSelector } from '../selector/selector-guard';
import { Action, PolicyType } from './action';
import { GlobalNetworkPolicy } from './global-network-policy';
import { ITier, Tier, TierDefaultAction } from './tier';
import { guardOptionalTier } from './value-guards';

const DENY_LOGGING_KEYS = ['tier', 'selector', 'ingress', 'egress', 'name'] as const;

/** Checks DenyLogging's scope, id and props before `super()`. */
function guardDenyLoggingProps(scope: unknown, id: unknown, props: DenyLoggingProps | undefined): DenyLoggingProps {
  guardScope(scope, id, 'DenyLogging');
  const where = constructWhere(scope, id);
  const p = guardProps(props, where);
  guardKnownKeys(p, DENY_LOGGING_KEYS, where);
  guardOptionalTier(p.tier, where, 'tier');
  guardOptionalSelector(p.selector, where, 'selector');
  guardOptionalBoolean(p.ingress, where, 'ingress');
  guardOptionalBoolean(p.egress, where, 'egress');
  guardOptionalString(p.name, where, 'name');
  // The policies are named `<name>-ingress` and `<name>-egress`: check here so the error names this prop.
  if (p.name !== undefined && !isGlobalNetworkPolicyName(`${p.name}-ingress`)) {
    rejectInput(
      where,
      'name',
      'a name prefix (lowercase letters, digits and "-")',
      p.name,
      'use lowercase alphanumerics and "-", e.g. log-denied',
    );
  }
  return p;
}

/** Props of {@link DenyLogging}. */
export interface DenyLoggingProps {
  /**
   * The tier whose end-of-tier drops are logged (one DenyLogging per tier). Must be a tier whose default action is
   * Deny (a Pass tier drops nothing).
   * @default Tier.DEFAULT
   */
  readonly tier?: ITier;
  /**
   * Log only for these endpoints (intersected with the endpoints the tier governs).
   * @default Selector.all()
   */
  readonly selector?: Selector;
  /**
   * Log denied ingress.
   * @default true
   */
  readonly ingress?: boolean;
  /**
   * Log denied egress.
   * @default true
   */
  readonly egress?: boolean;
  /**
   * Prefix of the policy names: `<name>-ingress`, `<name>-egress`.
   * @default - derived from the construct id (`LogDenied` becomes `log-denied`)
   */
  readonly name?: string;
}

/** The endpoints a tier governs, per direction: effective Calico selectors, sorted and deduplicated. */
export interface GovernedSelectors {
  /** Selectors of the enforcing policies of the tier with Ingress in their types. */
  readonly ingress: string[];
  /** Selectors of the enforcing policies of the tier with Egress in their types. */
  readonly egress: string[];
}

/** One enforcing policy of the tier, as far as DenyLogging needs it. */
interface TierPolicy {
  /** Name the policy sorts by inside its tier (`ns/name` for namespaced policies). */
  readonly display: string;
  readonly ordered: boolean;
  readonly selector: string;
  readonly ingress: boolean;
  readonly egress: boolean;
}

const CALICO = CALICO_API_VERSION;

/**
 * Annotation on the Log policies DenyLogging emits; its value is the `selector` option (`all()` by default). It lets
 * {@link isVerdictPreservingLogPolicy} recognise them, and keeps them out of the governed set.
 */
export const DENY_LOGGING_ANNOTATION = 'cdk8s-calico.io/deny-logging';

/**
 * The policy as Calico enforces it in `tierName` (its normalised view, lib/model/policy), or undefined when it does
 * not make that tier active: staged, preDNAT and doNotTrack policies, other tiers, DenyLogging's own Log policies.
 */
function tierPolicy(doc: any, tierName: string): TierPolicy | undefined {
  const shape = policyKindOf(doc);
  if (shape === undefined || shape === 'staged-kubernetes' || (typeof shape === 'object' && shape.staged))
    return undefined;
  if (shape !== 'kubernetes' && doc.metadata?.annotations?.[DENY_LOGGING_ANNOTATION] !== undefined) return undefined;
  const view = normalisePolicy(doc);
  if (view === undefined || view.tier !== tierName || view.preDNAT || view.doNotTrack) return undefined;
  if (view.selector === undefined) return undefined; // a selector that does not parse: validation reports it
  return {
    display: view.display,
    ordered: view.order !== undefined,
    selector: view.selector === '' ? 'all()' : Selector.parse(view.selector).toString(),
    ingress: view.ingressEnabled,
    egress: view.egressEnabled,
  };
}

/** The governed selectors of one direction: sorted and deduplicated. */
function governedOf(policies: readonly TierPolicy[], dir: 'ingress' | 'egress'): string[] {
  return [...new Set(policies.filter((p) => p[dir]).map((p) => p.selector))].sort();
}

/**
 * The endpoints that the enforcing policies of `tierName` in `docs` govern, per direction, as the effective
 * selectors Calico evaluates (namespaced policies scoped to their namespace, `pcns.`/`pcsa.` prefixes, Kubernetes
 * NetworkPolicies converted into the default tier). Staged, preDNAT and doNotTrack policies are left out: they
 * never make a tier end in a drop for normal traffic; so are DenyLogging's own Log policies. Pure.
 */
export function governedEndpointSelectors(docs: any[], tierName: string): GovernedSelectors {
  guardArray(docs, 'governedEndpointSelectors', 'docs', (d) => d, { of: 'manifests' });
  guardString(tierName, 'governedEndpointSelectors', 'tierName', { expected: 'a tier name' });
  const policies = docs.map((d) => tierPolicy(d, tierName)).filter((p): p is TierPolicy => p !== undefined);
  return { ingress: governedOf(policies, 'ingress'), egress: governedOf(policies, 'egress') };
}

/**
 * The selector of a DenyLogging Log policy: the endpoints the tier governs (`governed`, from
 * {@link governedEndpointSelectors}) narrowed to `wanted`; nothing governed selects nothing (`!all()`).
 */
export function denyLoggingSelector(wanted: string, governed: string[]): string {
  guardString(wanted, 'denyLoggingSelector', 'wanted', { expected: 'selector text' });
  guardArray(
    governed,
    'denyLoggingSelector',
    'governed',
    (g, f) => guardString(g, 'denyLoggingSelector', f, { expected: 'selector text' }),
    { of: 'selector texts' },
  );
  const union =
    governed.length === 0 ? Selector.negate(Selector.all()) : Selector.anyOf(...governed.map((s) => Selector.parse(s)));
  return (wanted === 'all()' ? union : Selector.allOf(Selector.parse(wanted), union)).toString();
}

/**
 * True when `doc` is a Log policy as DenyLogging emits it and still verdict-preserving among `docs`: a
 * GlobalNetworkPolicy carrying {@link DENY_LOGGING_ANNOTATION}, one direction, only Log rules, no order, no
 * preDNAT/applyOnForward/doNotTrack, and a selector equal to what DenyLogging computes from the other policies of
 * its tier: a check that DenyLogging's output, as found among other manifests, is still safe (Calico issue 3801). Pure.
 */
export function isVerdictPreservingLogPolicy(doc: any, docs: any[]): boolean {
  guardArray(docs, 'isVerdictPreservingLogPolicy', 'docs', (d) => d, { of: 'manifests' });
  const wanted = doc?.metadata?.annotations?.[DENY_LOGGING_ANNOTATION];
  if (doc?.apiVersion !== CALICO || doc.kind !== 'GlobalNetworkPolicy' || typeof wanted !== 'string') return false;
  const spec = doc.spec ?? {};
  if (
    spec.order !== undefined ||
    spec.preDNAT ||
    spec.applyOnForward ||
    spec.doNotTrack ||
    spec.namespaceSelector ||
    spec.serviceAccountSelector
  )
    return false;
  const types: unknown[] = Array.isArray(spec.types) ? spec.types : [];
  if (types.length !== 1 || (types[0] !== 'Ingress' && types[0] !== 'Egress')) return false;
  const dir = types[0] === 'Ingress' ? 'ingress' : 'egress';
  const other = dir === 'ingress' ? 'egress' : 'ingress';
  const rules: any[] = Array.isArray(spec[dir]) ? spec[dir] : [];
  if (
    rules.length === 0 ||
    !rules.every((r) => r?.action === 'Log') ||
    (Array.isArray(spec[other]) && spec[other].length > 0)
  )
    return false;
  const governed = governedEndpointSelectors(docs, spec.tier || 'default')[dir];
  try {
    return governed.length > 0 && spec.selector === denyLoggingSelector(wanted, governed);
  } catch {
    return false; // an unparsable annotation is not ours
  }
}

/**
 * Logs what a tier denies at its end without changing any verdict: per direction, a `Log` GlobalNetworkPolicy last
 * in the tier that selects only the endpoints the tier's policies already govern (see the module comment for why
 * this is verdict-preserving and docs/scenarios.md#004's `selector: all()` Log policy is not).
 *
 * ```ts
 * new DenyLogging(chart, 'LogDenied');                        // the default tier, both directions
 * new DenyLogging(chart, 'LogPlatformDenied', { tier: platform, egress: false });
 * ```
 */
export class DenyLogging extends Construct {
  /** The tier whose drops are logged. */
  public readonly tier: ITier;
  /**
   * The Log policy for ingress (`<name>-ingress`).
   * @default - none when `ingress: false`
   */
  public readonly ingressPolicy?: GlobalNetworkPolicy;
  /**
   * The Log policy for egress (`<name>-egress`).
   * @default - none when `egress: false`
   */
  public readonly egressPolicy?: GlobalNetworkPolicy;
  private readonly selector: Selector;

  public constructor(scope: Construct, id: string, props: DenyLoggingProps = {}) {
    props = guardDenyLoggingProps(scope, id, props);
    super(scope, id);
    this.tier = props.tier ?? Tier.DEFAULT;
    this.selector = props.selector ?? Selector.all();
    if (this.selector.usesGlobal()) {
      throw boundaryError(
        this.node.path,
        'selector',
        'global() is not allowed in a policy selector; fix: select the endpoints by their labels',
      );
    }
    const passTier =
      this.tier instanceof Tier
        ? this.tier.defaultAction === TierDefaultAction.PASS
        : builtinTier(this.tier.tierName)?.defaultAction === 'Pass';
    if (passTier) {
      throw new Error(
        `[${this.node.path}] tier: tier ${this.tier.tierName} passes what its policies leave undecided, it denies nothing at its end; fix: log a tier whose defaultAction is Deny`,
      );
    }
    if (props.ingress === false && props.egress === false) {
      throw new Error(
        `[${this.node.path}] ingress, egress: both are false, so there is nothing to log; fix: enable one direction or remove DenyLogging`,
      );
    }
    const base = props.name ?? dnsNameFromId(id);
    if (props.ingress !== false)
      this.ingressPolicy = new LogPolicy(this, 'Ingress', base, PolicyType.INGRESS, this.selector);
    if (props.egress !== false)
      this.egressPolicy = new LogPolicy(this, 'Egress', base, PolicyType.EGRESS, this.selector);
    // Validation only reads: the Log policies' selectors are Lazy values computed at synth (selectorOf), so the output
    // is the same whether and whenever validation runs.
    this.node.addValidation({ validate: () => this._problems() });
  }

  /**
   * The selector of the Log policy of `dir`, from the app's current policies: `wanted && (governed...)`, nothing
   * governed selects nothing (`!all()`). Pure. @internal
   */
  public _selectorOf(dir: 'ingress' | 'egress'): string {
    return denyLoggingSelector(this.selector.toString(), governedOf(this.tierPolicies(), dir));
  }

  /**
   * The problems (as validation messages): a direction no policy of the tier governs, and unordered policies that
   * would sort after the Log policy. Pure. @internal
   */
  public _problems(): string[] {
    const policies = this.tierPolicies();
    const problems: string[] = [];
    for (const log of [this.ingressPolicy, this.egressPolicy]) {
      if (!(log instanceof LogPolicy)) continue;
      const dir = log.direction === PolicyType.INGRESS ? 'ingress' : 'egress';
      if (governedOf(policies, dir).length === 0) {
        problems.push(
          `${dir}: no policy of tier ${this.tier.tierName} in this app governs ${dir}, so that tier denies no ${dir} at its end; fix: set ${dir}: false`,
        );
      }
      for (const p of policies) {
        if (p[dir] && !p.ordered && p.display > log.name) {
          problems.push(
            `${dir}: policy ${p.display} has no order and sorts after ${log.name}, so traffic it allows would be logged too; fix: give ${p.display} an order`,
          );
        }
      }
    }
    return problems;
  }

  /** Every enforcing policy of the tier in this construct's cluster, DenyLogging's own Log policies excepted. */
  private tierPolicies(): TierPolicy[] {
    const out: TierPolicy[] = [];
    for (const c of constructsInCluster(this)) {
      if (!(c instanceof ApiObject) || c instanceof LogPolicy || c.node.scope instanceof LogPolicy) continue;
      if (policyKindOf({ apiVersion: c.apiVersion, kind: c.kind }) === undefined) continue;
      const p = tierPolicy(c.toJson(), this.tier.tierName);
      if (p) out.push(p);
    }
    return out;
  }
}

/** A Log-only policy whose selector is computed from the governed endpoints at synth (a Lazy value). */
class LogPolicy extends GlobalNetworkPolicy {
  public readonly direction: PolicyType;

  public constructor(scope: DenyLogging, id: string, base: string, direction: PolicyType, wanted: Selector) {
    super(scope, id, {
      name: `${base}-${direction.toLowerCase()}`,
      tier: scope.tier,
      types: [direction],
      annotations: { [DENY_LOGGING_ANNOTATION]: wanted.toString() },
    });
    this.direction = direction;
    const rule = { action: Action.LOG, description: `log what the end of tier ${scope.tier.tierName} denies` };
    if (direction === PolicyType.INGRESS) this.addIngressRule(rule);
    else this.addEgressRule(rule);
  }

  /** The manifest with the selector as it is now (the same producer the synthesized object resolves). Pure. */
  public toManifest(): any {
    const manifest = super.toManifest();
    return { ...manifest, spec: { ...manifest.spec, selector: this.currentSelector() } };
  }

  protected renderSpec(): any {
    // cdk8s resolves a Lazy at any depth of the spec at synth, after every policy of the app exists.
    return { ...super.renderSpec(), selector: Lazy.any({ produce: () => this.currentSelector() }) };
  }

  private currentSelector(): string {
    return (this.node.scope as DenyLogging)._selectorOf(this.direction === PolicyType.INGRESS ? 'ingress' : 'egress');
  }
}

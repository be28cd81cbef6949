/**
 * A Calico policy (GNP, NP, their staged variants, or a converted Kubernetes NetworkPolicy) compiled for evaluation,
 * from its normalised view (lib/model/policy/policy-view.ts): the same reading the lint and DenyLogging use.
 */
import { SelectorSyntaxError } from '../../../selector';
import type { ObjectRef } from '../model/errors';
import { FieldReader } from '../model/fields';
import type { EntityIndex, SelectorMatcher } from '../match/ip-sets';
import { NormalisedPolicy, readCalicoPolicy } from '../../../model/policy/policy-view';
import { felixPolicyKind, felixPolicySortKey, orderKey } from '../../../model/policy/tiers';
import { CompiledRule, compileRule, RuleOrigin } from './compiled-rule';

/** Staged actions (`spec.stagedAction`). */
export type StagedAction = 'Set' | 'Delete' | 'Learn' | 'Ignore';

/** A compiled policy. */
export interface CompiledPolicy {
  /** Identity of the enforced policy this is (or, staged, would replace/delete): e.g. `GlobalNetworkPolicy/name`. */
  readonly identity: string;
  /** The input kind (`GlobalNetworkPolicy`, `StagedNetworkPolicy`, `NetworkPolicy` for Kubernetes policies, ...). */
  readonly kind: string;
  /** Policy name as Calico knows it (`knp.default.<name>` for Kubernetes policies). */
  readonly name: string;
  readonly namespace?: string;
  /** `name` or `namespace/name`, as steps show it. */
  readonly display: string;
  readonly tier: string;
  /** `spec.order`; `Infinity` when absent. */
  readonly order: number;
  readonly selector: SelectorMatcher;
  readonly ingressEnabled: boolean;
  readonly egressEnabled: boolean;
  readonly ingress: readonly CompiledRule[];
  readonly egress: readonly CompiledRule[];
  readonly preDNAT: boolean;
  readonly applyOnForward: boolean;
  readonly doNotTrack: boolean;
  readonly staged: boolean;
  readonly stagedAction: StagedAction;
  /** Input position, for stable ordering of exact duplicates. */
  readonly seq: number;
  /** Felix's tie-break for equal orders: `name/namespace/kind` of its policy key (model/policy/tiers.ts). */
  readonly sortKey: string;
}

/** What {@link compilePolicy} needs to know about the input. */
export interface PolicyInput {
  readonly doc: Record<string, unknown>;
  readonly ref: ObjectRef;
  /** `global`, `namespaced`. */
  readonly scope: 'global' | 'namespaced';
  readonly staged: boolean;
  /** Identity kind of the enforced counterpart: `GlobalNetworkPolicy`, `NetworkPolicy` or `KubernetesNetworkPolicy`. */
  readonly identityKind: string;
  /** Identity name (for Kubernetes policies the Kubernetes name). */
  readonly identityName: string;
  readonly seq: number;
  /**
   * A policy converted from a Kubernetes kind that has its own view (a ClusterNetworkPolicy): compiled from it
   * instead of reading `doc` as a Calico policy.
   * @default - `doc` is read as a Calico policy
   */
  readonly converted?: ConvertedPolicyInput;
}

/** A policy whose normalised view was built by its converter, with where each converted rule comes from. */
export interface ConvertedPolicyInput {
  readonly view: NormalisedPolicy;
  readonly ingressOrigins: readonly RuleOrigin[];
  readonly egressOrigins: readonly RuleOrigin[];
}

/** Compiles one policy document. Throws ManifestError on bad fields. */
export function compilePolicy(input: PolicyInput, idx: EntityIndex): CompiledPolicy {
  const r = new FieldReader(input.ref);
  const shape = { kind: input.ref.kind, global: input.scope === 'global', staged: input.staged };
  // One reading of the policy for every reader (lib/model/policy): the engine's reader is strict.
  const view = input.converted?.view ?? readCalicoPolicy(input.doc, shape, r);
  let selector: SelectorMatcher;
  try {
    selector = idx.matcher(view.selector!);
  } catch (e) {
    if (e instanceof SelectorSyntaxError) r.fail('spec.selector', `invalid selector: ${e.message}`);
    throw e;
  }
  return compileFromView(input, view, selector, r, idx);
}

/** The compiled form of a normalised policy: its rules compiled, its selector a matcher. */
function compileFromView(
  input: PolicyInput,
  view: NormalisedPolicy,
  selector: SelectorMatcher,
  r: FieldReader,
  idx: EntityIndex,
): CompiledPolicy {
  const ruleNs = view.namespace ?? '';
  const origins = input.converted;
  const kubernetes = input.identityKind === 'KubernetesNetworkPolicy';
  return {
    identity: `${input.identityKind}/${view.namespace ? `${view.namespace}/` : ''}${input.identityName}`,
    kind: view.kind,
    name: view.name,
    namespace: view.namespace,
    display: view.display,
    tier: view.tier,
    order: orderKey(view.order),
    selector,
    ingressEnabled: view.ingressEnabled,
    egressEnabled: view.egressEnabled,
    ingress: view.ingress.map((raw, i) =>
      compileRule(raw, `spec.ingress[${i}]`, i, ruleNs, r, idx, origins?.ingressOrigins[i]),
    ),
    egress: view.egress.map((raw, i) =>
      compileRule(raw, `spec.egress[${i}]`, i, ruleNs, r, idx, origins?.egressOrigins[i]),
    ),
    preDNAT: view.preDNAT,
    applyOnForward: view.applyOnForward,
    doNotTrack: view.doNotTrack,
    staged: view.staged,
    stagedAction: view.stagedAction as StagedAction,
    seq: input.seq,
    // Felix keys Kubernetes policies by their own name (identityName), Calico ones by metadata.name (the same).
    sortKey: felixPolicySortKey(input.identityName, view.namespace, felixPolicyKind(view.kind, kubernetes)),
  };
}

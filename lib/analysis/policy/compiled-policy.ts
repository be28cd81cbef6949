/** A Calico policy (GNP, NP, their staged variants, or a converted Kubernetes NetworkPolicy) compiled for evaluation. */
import { SelectorSyntaxError } from '../../selector';
import type { ObjectRef } from '../errors';
import { FieldReader } from '../model/fields';
import type { EntityIndex, SelectorMatcher } from '../match/ip-sets';
import { CompiledRule, compileRule } from './compiled-rule';
import { globalPolicySelector, namespacedPolicySelector } from './selector-rewrite';

/** Staged actions (`spec.stagedAction`). */
export type StagedAction = 'Set' | 'Delete' | 'Learn' | 'Ignore';

/** A compiled policy. */
export interface CompiledPolicy {
  /** Identity of the enforced policy this is (or, when staged, would replace/delete): e.g. `GlobalNetworkPolicy/name`. */
  readonly identity: string;
  /** The input kind (`GlobalNetworkPolicy`, `StagedNetworkPolicy`, `NetworkPolicy` for converted Kubernetes policies, ...). */
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
}

const STAGED_ACTIONS: readonly string[] = ['Set', 'Delete', 'Learn', 'Ignore'];

/** Compiles one policy document. Throws ManifestError on bad fields. */
export function compilePolicy(input: PolicyInput, idx: EntityIndex): CompiledPolicy {
  const r = new FieldReader(input.ref);
  const md = r.object(input.doc.metadata, 'metadata') ?? r.fail('metadata', 'is required');
  const name = r.requiredString(md.name, 'metadata.name');
  const namespace = input.scope === 'namespaced' ? r.string(md.namespace, 'metadata.namespace') || 'default' : undefined;
  const spec = r.object(input.doc.spec, 'spec') ?? {};
  const tier = r.string(spec.tier, 'spec.tier') || 'default';
  const order = r.number(spec.order, 'spec.order') ?? Infinity;
  const stagedActionText = input.staged ? r.string(spec.stagedAction, 'spec.stagedAction') || 'Set' : 'Set';
  if (!STAGED_ACTIONS.includes(stagedActionText)) r.fail('spec.stagedAction', `${JSON.stringify(stagedActionText)} is not Set, Delete, Learn or Ignore`);
  const ingressRaw = r.array(spec.ingress, 'spec.ingress');
  const egressRaw = r.array(spec.egress, 'spec.egress');
  const typesRaw = r.stringList(spec.types, 'spec.types');
  for (const [i, t] of typesRaw.entries()) if (t !== 'Ingress' && t !== 'Egress') r.fail(`spec.types[${i}]`, `${JSON.stringify(t)} is not Ingress or Egress`);
  let ingressEnabled: boolean;
  let egressEnabled: boolean;
  if (typesRaw.length > 0) {
    ingressEnabled = typesRaw.includes('Ingress');
    egressEnabled = typesRaw.includes('Egress');
  } else {
    // api/pkg/defaults/networkpolicy.go: egress rules only → [Egress]; both → both; otherwise [Ingress].
    egressEnabled = egressRaw.length > 0;
    ingressEnabled = ingressRaw.length > 0 || egressRaw.length === 0;
  }
  const global = input.scope === 'global';
  const preDNAT = global ? r.boolean(spec.preDNAT, 'spec.preDNAT') ?? false : false;
  const doNotTrack = global ? r.boolean(spec.doNotTrack, 'spec.doNotTrack') ?? false : false;
  const applyOnForward = global ? r.boolean(spec.applyOnForward, 'spec.applyOnForward') ?? false : true;
  const selText = r.string(spec.selector, 'spec.selector') ?? '';
  const nsSel = global ? r.string(spec.namespaceSelector, 'spec.namespaceSelector') : undefined;
  const saSel = r.string(spec.serviceAccountSelector, 'spec.serviceAccountSelector');
  let composed: string;
  let selector: SelectorMatcher;
  try {
    composed = global ? globalPolicySelector(selText, nsSel, saSel) : namespacedPolicySelector(selText, namespace!, saSel);
    selector = idx.matcher(composed);
  } catch (e) {
    if (e instanceof SelectorSyntaxError) r.fail('spec.selector', `invalid selector: ${e.message}`);
    throw e;
  }
  const ruleNs = namespace ?? '';
  return {
    identity: `${input.identityKind}/${namespace ? `${namespace}/` : ''}${input.identityName}`,
    kind: input.ref.kind,
    name,
    namespace,
    display: namespace ? `${namespace}/${name}` : name,
    tier,
    order,
    selector,
    ingressEnabled,
    egressEnabled,
    ingress: ingressRaw.map((raw, i) => compileRule(raw, `spec.ingress[${i}]`, i, ruleNs, r, idx)),
    egress: egressRaw.map((raw, i) => compileRule(raw, `spec.egress[${i}]`, i, ruleNs, r, idx)),
    preDNAT,
    applyOnForward: applyOnForward || preDNAT || doNotTrack,
    doNotTrack,
    staged: input.staged,
    stagedAction: stagedActionText as StagedAction,
    seq: input.seq,
  };
}

/**
 * One policy as Calico enforces it, whatever its input kind, for the lint rules: the normalised view of
 * lib/model/policy (Calico's defaults, Kubernetes NetworkPolicies converted as libcalico-go converts them, the
 * selector Felix evaluates), plus where the policy came from and its selector parsed. Lint rules read this view
 * instead of each kind's raw fields.
 */
import { LENIENT_FIELDS } from '../model/policy/policy-fields';
import {
  convertKubernetesPolicy,
  KubernetesPolicyParts,
  kubernetesPolicyView,
  kubernetesSpecOf,
  NormalisedPolicy,
  policyKindOf,
  readCalicoPolicy,
} from '../model/policy/policy-view';
import { Selector } from '../selector';
import { jsonKey } from './json-key';

/** A policy as Calico sees it ({@link NormalisedPolicy}), with where it came from. */
export interface PolicyView extends NormalisedPolicy {
  /** The input object (findings are reported on it). */
  readonly doc: any;
  /** Position of the object among the (List-expanded) documents. */
  readonly index: number;
  /** Rules in Calico v3 form (converted for Kubernetes policies). */
  readonly ingress: readonly any[];
  readonly egress: readonly any[];
  /** The object as its author knows it, for messages: `GlobalNetworkPolicy a`, `Kubernetes NetworkPolicy ns/b`. */
  readonly ref: string;
  /** The field that selects endpoints: `spec.selector` or `spec.podSelector`. */
  readonly selectorField: string;
  /** The selector as Felix evaluates it (namespace scoping, prefixes); `undefined` when it does not parse. */
  readonly effective?: Selector;
  /** Text of {@link effective} (`''` = every endpoint). */
  readonly effectiveText: string;
}

function parseOrUndefined(text: string): Selector | undefined {
  try {
    return Selector.parse(text);
  } catch {
    return undefined; // validateManifests reports bad selectors
  }
}

/** A Kubernetes policy's conversion, with its selector parsed once. */
interface ConvertedParts {
  readonly parts: KubernetesPolicyParts;
  readonly effective?: Selector;
}

/**
 * Conversions already made in one lint run, by namespace and spec (`null`: the spec does not convert). Policies that
 * differ by name only (the same policy in many namespaces, or many copies) are converted once.
 */
export type KubernetesConversionMemo = Map<string, ConvertedParts | null>;

function converted(name: unknown, namespace: string, spec: Record<string, unknown>): ConvertedParts | null {
  const parts = convertKubernetesPolicy(name, namespace, spec);
  return parts === undefined ? null : { parts, effective: parseOrUndefined(parts.selector) };
}

function kubernetesView(
  doc: any,
  index: number,
  staged: boolean,
  memo?: KubernetesConversionMemo,
): PolicyView | undefined {
  const spec = LENIENT_FIELDS.object(doc.spec, 'spec') ?? {};
  if (staged && spec.stagedAction === 'Delete') return undefined;
  const md = LENIENT_FIELDS.object(doc.metadata, 'metadata') ?? {};
  const namespace = LENIENT_FIELDS.string(md.namespace, 'metadata.namespace') || 'default';
  const specOnly = kubernetesSpecOf(spec, 'Set');
  // The conversion reads metadata for the name alone (knp.default.<name>), refused when it is not a non-empty string:
  // with such a name, the rest is a function of namespace and spec, shared by equal ones (plain JSON only).
  const key = memo && typeof md.name === 'string' && md.name !== '' ? jsonKey([namespace, specOnly]) : undefined;
  let c: ConvertedParts | null | undefined = key === undefined ? undefined : memo!.get(key);
  if (c === undefined) {
    c = converted(md.name, namespace, specOnly);
    if (key !== undefined) memo!.set(key, c);
  }
  if (c === null) return undefined;
  const stagedAction = staged ? LENIENT_FIELDS.string(spec.stagedAction, 'spec.stagedAction') || 'Set' : 'Set';
  const kind = staged ? 'StagedKubernetesNetworkPolicy' : 'NetworkPolicy';
  const view = kubernetesPolicyView({ doc, kind, staged, stagedAction, name: md.name as string, namespace }, c.parts);
  const ref = `${staged ? 'StagedKubernetesNetworkPolicy' : 'Kubernetes NetworkPolicy'} ${namespace}/${md.name}`;
  return lintView(view, index, ref, 'spec.podSelector', c.effective);
}

/**
 * The lint's view: the normalised one and what the lint adds. Every field is written out: a spread that then sets
 * a key again leaves V8 a dictionary-mode object, four times slower to build over 300,000 documents.
 */
function lintView(
  v: NormalisedPolicy,
  index: number,
  ref: string,
  selectorField: string,
  effective: Selector | undefined,
): PolicyView {
  return {
    doc: v.doc,
    kind: v.kind,
    origin: v.origin,
    global: v.global,
    staged: v.staged,
    stagedAction: v.stagedAction,
    name: v.name,
    namespace: v.namespace,
    display: v.display,
    tier: v.tier,
    order: v.order,
    selector: v.selector,
    workloadOnly: v.workloadOnly,
    ingressEnabled: v.ingressEnabled,
    egressEnabled: v.egressEnabled,
    ingress: v.ingress,
    egress: v.egress,
    preDNAT: v.preDNAT,
    applyOnForward: v.applyOnForward,
    doNotTrack: v.doNotTrack,
    index,
    ref,
    selectorField,
    effective,
    effectiveText: v.selector ?? '',
  };
}

/**
 * The view of `doc` when it is a policy of any kind; `undefined` otherwise (and for staged deletions, malformed input).
 * @param memo conversions of Kubernetes policies to reuse (one per lint run)
 */
export function policyViewOf(doc: any, index: number, memo?: KubernetesConversionMemo): PolicyView | undefined {
  const shape = policyKindOf(doc);
  if (shape === undefined) return undefined;
  if (shape === 'kubernetes') return kubernetesView(doc, index, false, memo);
  if (shape === 'staged-kubernetes') return kubernetesView(doc, index, true, memo);
  const view = readCalicoPolicy(doc, shape);
  if (view.stagedAction === 'Delete') return undefined;
  const ref = `${shape.kind} ${view.namespace ? `${view.namespace}/` : ''}${view.name}`;
  return lintView(
    view,
    index,
    ref,
    'spec.selector',
    view.selector === undefined ? undefined : parseOrUndefined(view.selector),
  );
}

/** True for preDNAT and doNotTrack policies: they apply to host endpoints only and never drop at the end of a tier. */
export function isHostOnly(p: PolicyView): boolean {
  return p.preDNAT || p.doNotTrack;
}

/** The rules of one direction. */
export function rulesOf(p: PolicyView, dir: 'ingress' | 'egress'): readonly any[] {
  return dir === 'ingress' ? p.ingress : p.egress;
}

/** True when the policy has `dir` in its (defaulted) types. */
export function hasDirection(p: PolicyView, dir: 'ingress' | 'egress'): boolean {
  return dir === 'ingress' ? p.ingressEnabled : p.egressEnabled;
}

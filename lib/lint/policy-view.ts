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
  kubernetesPartsIn,
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

/**
 * Selectors already parsed in one lint run, by text (`undefined`: the text does not parse). Selector.parse has its
 * own cache, but a bounded one: thousands of distinct texts (one per namespace and app) evict each other there.
 * One Selector object per text also lets the endpoint indexes memoise their answers by object.
 */
export type SelectorMemo = Map<string, Selector | undefined>;

function parseMemo(text: string, selectors: SelectorMemo | undefined): Selector | undefined {
  if (!selectors) return parseOrUndefined(text);
  let sel = selectors.get(text);
  if (sel === undefined && !selectors.has(text)) selectors.set(text, (sel = parseOrUndefined(text)));
  return sel;
}

/** A Kubernetes policy's conversion in one namespace, with its selector parsed once. */
interface ConvertedParts {
  readonly parts: KubernetesPolicyParts;
  readonly effective?: Selector;
}

/** One spec's conversion (made in the first namespace met), and its parts in each namespace met. */
interface SpecConversion {
  readonly parts: KubernetesPolicyParts;
  readonly inNamespace: Map<string, ConvertedParts>;
}

/**
 * Conversions already made in one lint run, by spec (`null`: the spec does not convert). Policies that differ by
 * name or namespace only (the same policy in many namespaces, or many copies) are converted once: the namespace only
 * scopes the policy's selector (kubernetesPartsIn).
 */
export type KubernetesConversionMemo = Map<string, SpecConversion | null>;

function converted(
  name: unknown,
  namespace: string,
  spec: Record<string, unknown>,
  selectors: SelectorMemo | undefined,
): ConvertedParts | null {
  const parts = convertKubernetesPolicy(name, namespace, spec);
  return parts === undefined ? null : { parts, effective: parseMemo(parts.selector, selectors) };
}

/** {@link converted} through the memo: `key` is the spec's {@link jsonKey}. */
function convertedMemo(
  key: string,
  name: unknown,
  namespace: string,
  spec: () => Record<string, unknown>,
  memo: KubernetesConversionMemo,
  selectors: SelectorMemo | undefined,
): ConvertedParts | null {
  let conversion = memo.get(key);
  if (conversion === undefined) {
    const first = converted(name, namespace, spec(), selectors);
    conversion = first && { parts: first.parts, inNamespace: new Map([[namespace, first]]) };
    memo.set(key, conversion);
  }
  if (conversion === null) return null;
  let c = conversion.inNamespace.get(namespace);
  if (!c) {
    const parts = kubernetesPartsIn(conversion.parts, namespace);
    conversion.inNamespace.set(namespace, (c = { parts, effective: parseMemo(parts.selector, selectors) }));
  }
  return c;
}

const hasOwn = Object.prototype.hasOwnProperty;

function kubernetesView(
  doc: any,
  index: number,
  staged: boolean,
  memo: KubernetesConversionMemo | undefined,
  selectors: SelectorMemo | undefined,
): PolicyView | undefined {
  const spec = LENIENT_FIELDS.object(doc.spec, 'spec') ?? {};
  if (staged && spec.stagedAction === 'Delete') return undefined;
  const md = LENIENT_FIELDS.object(doc.metadata, 'metadata') ?? {};
  const namespace = LENIENT_FIELDS.string(md.namespace, 'metadata.namespace') || 'default';
  const specOnly = () => kubernetesSpecOf(spec, 'Set');
  // The conversion reads metadata for the name alone (knp.default.<name>), refused when it is not a non-empty string:
  // with such a name, the rest is a function of the spec and the namespace, shared by equal ones (plain JSON only).
  // Without a stagedAction of its own the spec is keyed as it is: the copy without it has the same JSON.
  const key =
    memo && typeof md.name === 'string' && md.name !== ''
      ? jsonKey(hasOwn.call(spec, 'stagedAction') ? specOnly() : spec)
      : undefined;
  const c =
    key === undefined
      ? converted(md.name, namespace, specOnly(), selectors)
      : convertedMemo(key, md.name, namespace, specOnly, memo!, selectors);
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
 * @param selectors parsed selectors to reuse (one per lint run)
 */
export function policyViewOf(
  doc: any,
  index: number,
  memo?: KubernetesConversionMemo,
  selectors?: SelectorMemo,
): PolicyView | undefined {
  const shape = policyKindOf(doc);
  if (shape === undefined) return undefined;
  if (shape === 'kubernetes') return kubernetesView(doc, index, false, memo, selectors);
  if (shape === 'staged-kubernetes') return kubernetesView(doc, index, true, memo, selectors);
  const view = readCalicoPolicy(doc, shape);
  if (view.stagedAction === 'Delete') return undefined;
  const ref = `${shape.kind} ${view.namespace ? `${view.namespace}/` : ''}${view.name}`;
  return lintView(
    view,
    index,
    ref,
    'spec.selector',
    view.selector === undefined ? undefined : parseMemo(view.selector, selectors),
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

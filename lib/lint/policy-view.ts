/**
 * One policy as Calico enforces it, whatever its input kind: Calico (Staged)(Global)NetworkPolicy, or a Kubernetes
 * (Staged) NetworkPolicy converted the way libcalico-go converts it (tier default, order 1000, Allow rules). Lint
 * rules read this view instead of each kind's raw fields.
 */
import { K8S_NETWORK_POLICY_NAME_PREFIX, kubernetesNetworkPolicyToCalico } from '../analysis/kubernetes';
import { globalPolicySelector, namespacedPolicySelector } from '../analysis/policy/selector-rewrite';
import { Selector } from '../selector';
import { jsonKey } from './json-key';

const CALICO = 'projectcalico.org/v3';
const K8S = 'networking.k8s.io/v1';

/** A policy as Calico sees it, with where it came from. */
export interface PolicyView {
  /** The input object (findings are reported on it). */
  readonly doc: any;
  /** Position of the object among the (List-expanded) documents. */
  readonly index: number;
  /** `calico` for projectcalico.org kinds, `kubernetes` for networking.k8s.io NetworkPolicies (and staged ones). */
  readonly origin: 'calico' | 'kubernetes';
  readonly global: boolean;
  readonly staged: boolean;
  /** Namespace of a namespaced policy (`default` when unset). */
  readonly namespace?: string;
  /** Name as the engine's traces show it: `name`, or `ns/name` (`ns/knp.default.<name>` for Kubernetes policies). */
  readonly display: string;
  /** The object as its author knows it, for messages: `GlobalNetworkPolicy a`, `Kubernetes NetworkPolicy ns/b`. */
  readonly ref: string;
  readonly tier: string;
  /** `spec.order`; `undefined` when absent (runs last). */
  readonly order?: number;
  readonly ingressEnabled: boolean;
  readonly egressEnabled: boolean;
  /** Rules in Calico v3 form (converted for Kubernetes policies). */
  readonly ingress: readonly any[];
  readonly egress: readonly any[];
  readonly preDNAT: boolean;
  readonly applyOnForward: boolean;
  readonly doNotTrack: boolean;
  /** The field that selects endpoints: `spec.selector` or `spec.podSelector`. */
  readonly selectorField: string;
  /** True when a GlobalNetworkPolicy narrows with `namespaceSelector` or `serviceAccountSelector` (pods only). */
  readonly workloadOnly: boolean;
  /** The selector as Felix evaluates it (namespace scoping and prefixes applied); `undefined` when it does not parse. */
  readonly effective?: Selector;
  /** Text of {@link effective} (`''` = every endpoint). */
  readonly effectiveText: string;
}

function obj(v: unknown): Record<string, any> {
  return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, any>) : {};
}

function list(v: unknown): any[] {
  return Array.isArray(v) ? v : [];
}

function str(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined;
}

function parseOrUndefined(text: string): Selector | undefined {
  try {
    return Selector.parse(text);
  } catch {
    return undefined; // validateManifests reports bad selectors
  }
}

/** Policy types after Calico's defaulting (`api/pkg/defaults/networkpolicy.go`). */
function enabledTypes(spec: Record<string, any>, ingress: any[], egress: any[]): { ingress: boolean; egress: boolean } {
  const types = list(spec.types).filter((t) => t === 'Ingress' || t === 'Egress');
  if (types.length > 0) return { ingress: types.includes('Ingress'), egress: types.includes('Egress') };
  return { ingress: ingress.length > 0 || egress.length === 0, egress: egress.length > 0 };
}

function calicoView(doc: any, index: number, kind: string): PolicyView | undefined {
  const global = kind === 'GlobalNetworkPolicy' || kind === 'StagedGlobalNetworkPolicy';
  const staged = kind.startsWith('Staged');
  const md = obj(doc.metadata);
  const spec = obj(doc.spec);
  if (staged && spec.stagedAction === 'Delete') return undefined;
  const name = str(md.name) ?? '';
  const namespace = global ? undefined : str(md.namespace) || 'default';
  const ingress = list(spec.ingress);
  const egress = list(spec.egress);
  const types = enabledTypes(spec, ingress, egress);
  const nsSel = global ? str(spec.namespaceSelector) : undefined;
  const saSel = str(spec.serviceAccountSelector);
  let effectiveText = '';
  let effective: Selector | undefined;
  try {
    const sel = str(spec.selector) ?? '';
    effectiveText = global ? globalPolicySelector(sel, nsSel, saSel) : namespacedPolicySelector(sel, namespace!, saSel);
    effective = parseOrUndefined(effectiveText);
  } catch {
    effective = undefined;
  }
  const preDNAT = global && spec.preDNAT === true;
  const doNotTrack = global && spec.doNotTrack === true;
  return {
    doc, index, origin: 'calico', global, staged, namespace,
    display: namespace ? `${namespace}/${name}` : name,
    ref: `${kind} ${namespace ? `${namespace}/` : ''}${name}`,
    tier: str(spec.tier) || 'default',
    order: typeof spec.order === 'number' && Number.isFinite(spec.order) ? spec.order : undefined,
    ingressEnabled: types.ingress,
    egressEnabled: types.egress,
    ingress, egress, preDNAT, doNotTrack,
    applyOnForward: !global || spec.applyOnForward === true || preDNAT || doNotTrack,
    selectorField: 'spec.selector',
    workloadOnly: global && (!!nsSel || !!saSel),
    effective,
    effectiveText,
  };
}

/** What a Kubernetes policy's view takes from its conversion: a function of its namespace and spec only. */
interface ConvertedParts {
  readonly tier: string;
  readonly order: number;
  readonly ingressEnabled: boolean;
  readonly egressEnabled: boolean;
  readonly ingress: readonly any[];
  readonly egress: readonly any[];
  readonly effective?: Selector;
  readonly effectiveText: string;
}

/**
 * Conversions already made in one lint run, by namespace and spec (`null`: the spec does not convert). Policies that
 * differ by name only (the same policy in many namespaces, or many copies) are converted once.
 */
export type KubernetesConversionMemo = Map<string, ConvertedParts | null>;

/** Converts as libcalico-go's K8sNetworkPolicyToCalico does; `undefined` when the input does not convert. */
function convert(md: Record<string, any>, namespace: string, specOnly: Record<string, any>): ConvertedParts | undefined {
  let converted;
  try {
    const input = { apiVersion: K8S, kind: 'NetworkPolicy', metadata: { ...md, namespace }, spec: specOnly };
    converted = kubernetesNetworkPolicyToCalico(input).policy;
  } catch {
    return undefined; // malformed: validateManifests reports it
  }
  const effectiveText = namespacedPolicySelector(converted.spec.selector, converted.metadata.namespace);
  return {
    tier: converted.spec.tier,
    order: converted.spec.order,
    ingressEnabled: converted.spec.types.includes('Ingress'),
    egressEnabled: converted.spec.types.includes('Egress'),
    ingress: converted.spec.ingress ?? [],
    egress: converted.spec.egress ?? [],
    effective: parseOrUndefined(effectiveText),
    effectiveText,
  };
}

function kubernetesView(doc: any, index: number, staged: boolean, memo?: KubernetesConversionMemo): PolicyView | undefined {
  const spec = obj(doc.spec);
  if (staged && spec.stagedAction === 'Delete') return undefined;
  const md = obj(doc.metadata);
  const namespace = str(md.namespace) || 'default';
  const specOnly = { ...spec };
  delete specOnly.stagedAction;
  // The conversion reads metadata for the name alone (knp.default.<name>), refused when it is not a non-empty string:
  // with such a name, the rest is a function of namespace and spec, shared by equal ones (plain JSON only).
  const key = memo && typeof md.name === 'string' && md.name !== '' ? jsonKey([namespace, specOnly]) : undefined;
  let parts: ConvertedParts | null | undefined = key === undefined ? undefined : memo!.get(key);
  if (parts === undefined) {
    parts = convert(md, namespace, specOnly) ?? null;
    if (key !== undefined) memo!.set(key, parts);
  }
  if (parts === null) return undefined;
  return {
    doc, index, origin: 'kubernetes', global: false, staged, namespace,
    display: `${namespace}/${K8S_NETWORK_POLICY_NAME_PREFIX}${md.name}`,
    ref: `${staged ? 'StagedKubernetesNetworkPolicy' : 'Kubernetes NetworkPolicy'} ${namespace}/${str(md.name) ?? ''}`,
    tier: parts.tier,
    order: parts.order,
    ingressEnabled: parts.ingressEnabled,
    egressEnabled: parts.egressEnabled,
    ingress: parts.ingress,
    egress: parts.egress,
    preDNAT: false, doNotTrack: false, applyOnForward: true,
    selectorField: 'spec.podSelector',
    workloadOnly: true,
    effective: parts.effective,
    effectiveText: parts.effectiveText,
  };
}

/**
 * The view of `doc` when it is a policy of any kind; `undefined` otherwise (and for staged deletions, malformed input).
 * @param memo conversions of Kubernetes policies to reuse (one per lint run)
 */
export function policyViewOf(doc: any, index: number, memo?: KubernetesConversionMemo): PolicyView | undefined {
  if (doc === null || typeof doc !== 'object' || typeof doc.kind !== 'string') return undefined;
  if (doc.apiVersion === K8S && doc.kind === 'NetworkPolicy') return kubernetesView(doc, index, false, memo);
  if (doc.apiVersion !== CALICO) return undefined;
  switch (doc.kind) {
    case 'GlobalNetworkPolicy':
    case 'StagedGlobalNetworkPolicy':
    case 'NetworkPolicy':
    case 'StagedNetworkPolicy':
      return calicoView(doc, index, doc.kind);
    case 'StagedKubernetesNetworkPolicy':
      return kubernetesView(doc, index, true, memo);
    default:
      return undefined;
  }
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

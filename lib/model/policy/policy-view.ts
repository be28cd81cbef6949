/**
 * One policy as Calico enforces it, whatever its input kind: the one normalised view the offline engine compiles,
 * the lint reads and DenyLogging collects. Calico (Staged)(Global)NetworkPolicies are read with Calico's defaults
 * (`types` as api/pkg/defaults/networkpolicy.go defaults them, tier `default`, a missing order sorting last);
 * Kubernetes (Staged) NetworkPolicies are converted as libcalico-go's `K8sNetworkPolicyToCalico` converts them
 * (./kubernetes). The selector is the one Felix evaluates (libcalico-go's update processors, ./selector-rewrite.ts).
 */
import { SelectorSyntaxError } from '../../selector';
import { CALICO_API_VERSION } from '../primitives/calico-constants';
import {
  K8S_NETWORK_POLICY_API_VERSION,
  K8S_NETWORK_POLICY_NAME_PREFIX,
  kubernetesNetworkPolicyToCalico,
} from './kubernetes';
import { LENIENT_FIELDS, PolicyFieldReader } from './policy-fields';
import { policyDirections } from './policy-types';
import { globalPolicySelector, namespacedPolicySelector } from './selector-rewrite';
import { DEFAULT_TIER } from './tiers';

// Module constants: a property read of an imported binding costs on every document of a large input.
const KUBERNETES_NETWORK_POLICY_API_VERSION = K8S_NETWORK_POLICY_API_VERSION;
const CALICO = CALICO_API_VERSION;

/** A policy as Calico sees it. */
export interface NormalisedPolicy {
  /** The input object. */
  readonly doc: unknown;
  /** The input kind (`GlobalNetworkPolicy`, `StagedKubernetesNetworkPolicy`, `NetworkPolicy`, ...). */
  readonly kind: string;
  /** `calico` for projectcalico.org kinds, `kubernetes` for converted Kubernetes NetworkPolicies (staged or not). */
  readonly origin: 'calico' | 'kubernetes';
  /** True for (Staged)GlobalNetworkPolicies. */
  readonly global: boolean;
  /** True for the staged kinds: reported, never enforced. */
  readonly staged: boolean;
  /** `spec.stagedAction` of a staged policy (`Set` when unset; `Set` for enforced policies). */
  readonly stagedAction: string;
  /** The name Calico knows the policy by (`knp.default.<name>` for Kubernetes policies). */
  readonly name: string;
  /** Namespace of a namespaced policy (`default` when unset). */
  readonly namespace?: string;
  /** `name` or `namespace/name`: how traces show the policy, and what policies of one order sort by. */
  readonly display: string;
  /** `spec.tier` (`default` when unset; always `default` for Kubernetes policies). */
  readonly tier: string;
  /** `spec.order`; `undefined` when absent: the policy sorts after every ordered one (see ./tiers.ts `orderKey`). */
  readonly order?: number;
  /**
   * The selector Felix evaluates (namespace scoping, `namespaceSelector`, `serviceAccountSelector`, `pcns.`/`pcsa.`
   * prefixes applied); `''` selects every endpoint; `undefined` when one of those selectors does not parse.
   */
  readonly selector?: string;
  /**
   * True when the policy selects pods only although its kind could select host endpoints too: a GlobalNetworkPolicy
   * narrowed with `namespaceSelector` or `serviceAccountSelector`, and every Kubernetes policy.
   */
  readonly workloadOnly: boolean;
  /** `Ingress` is in the (defaulted) types. */
  readonly ingressEnabled: boolean;
  /** `Egress` is in the (defaulted) types. */
  readonly egressEnabled: boolean;
  /** Ingress rules in Calico v3 form, as written (converted for Kubernetes policies). */
  readonly ingress: readonly unknown[];
  /** Egress rules in Calico v3 form, as written (converted for Kubernetes policies). */
  readonly egress: readonly unknown[];
  readonly preDNAT: boolean;
  /** True for namespaced policies, and for preDNAT and doNotTrack policies (Calico requires it of them). */
  readonly applyOnForward: boolean;
  readonly doNotTrack: boolean;
}

/** What the kind of a Calico policy document says about it. */
export interface CalicoPolicyShape {
  /** The input kind, as {@link NormalisedPolicy.kind}. */
  readonly kind: string;
  readonly global: boolean;
  readonly staged: boolean;
}

const EMPTY: Record<string, unknown> = Object.freeze({}) as Record<string, unknown>;
const STAGED_ACTIONS: readonly string[] = ['Set', 'Delete', 'Learn', 'Ignore'];

/**
 * Reads a Calico policy document (a GlobalNetworkPolicy, NetworkPolicy, one of their staged kinds, or the
 * NetworkPolicy a Kubernetes policy converts to) as Calico defaults it. Fields are read in one fixed order through
 * `reader`, so a strict reader reports the first bad field; the lenient default never throws.
 */
export function readCalicoPolicy(
  doc: Record<string, unknown>,
  shape: CalicoPolicyShape,
  reader: PolicyFieldReader = LENIENT_FIELDS,
): NormalisedPolicy {
  const r = reader;
  const global = shape.global;
  const md = r.object(doc.metadata, 'metadata') ?? fail(r, 'metadata', 'is required');
  const name = r.requiredString(md.name, 'metadata.name');
  const namespace = global ? undefined : r.string(md.namespace, 'metadata.namespace') || 'default';
  const spec = r.object(doc.spec, 'spec') ?? EMPTY;
  const tier = r.string(spec.tier, 'spec.tier') || DEFAULT_TIER;
  const order = r.number(spec.order, 'spec.order');
  const stagedAction = shape.staged ? r.string(spec.stagedAction, 'spec.stagedAction') || 'Set' : 'Set';
  if (!STAGED_ACTIONS.includes(stagedAction)) {
    r.fail('spec.stagedAction', `${JSON.stringify(stagedAction)} is not Set, Delete, Learn or Ignore`);
  }
  const ingress = r.array(spec.ingress, 'spec.ingress');
  const egress = r.array(spec.egress, 'spec.egress');
  const types = r.stringList(spec.types, 'spec.types');
  for (let i = 0; i < types.length; i++) {
    const t = types[i];
    if (t !== 'Ingress' && t !== 'Egress') r.fail(`spec.types[${i}]`, `${JSON.stringify(t)} is not Ingress or Egress`);
  }
  const directions = policyDirections(types, ingress.length > 0, egress.length > 0);
  const preDNAT = global ? (r.boolean(spec.preDNAT, 'spec.preDNAT') ?? false) : false;
  const doNotTrack = global ? (r.boolean(spec.doNotTrack, 'spec.doNotTrack') ?? false) : false;
  const applyOnForward = global ? (r.boolean(spec.applyOnForward, 'spec.applyOnForward') ?? false) : true;
  const selectorText = r.string(spec.selector, 'spec.selector') ?? '';
  const nsSel = global ? r.string(spec.namespaceSelector, 'spec.namespaceSelector') : undefined;
  const saSel = r.string(spec.serviceAccountSelector, 'spec.serviceAccountSelector');
  let selector: string | undefined;
  try {
    selector = global
      ? globalPolicySelector(selectorText, nsSel, saSel)
      : namespacedPolicySelector(selectorText, namespace!, saSel);
  } catch (e) {
    if (e instanceof SelectorSyntaxError) r.fail('spec.selector', `invalid selector: ${e.message}`);
    else if (r !== LENIENT_FIELDS) throw e;
    selector = undefined;
  }
  return {
    doc,
    kind: shape.kind,
    origin: 'calico',
    global,
    staged: shape.staged,
    stagedAction,
    name,
    namespace,
    display: namespace ? `${namespace}/${name}` : name,
    tier,
    order,
    selector,
    workloadOnly: global && (!!nsSel || !!saSel),
    ingressEnabled: directions.ingress,
    egressEnabled: directions.egress,
    ingress,
    egress,
    preDNAT,
    applyOnForward: applyOnForward || preDNAT || doNotTrack,
    doNotTrack,
  };
}

function fail(r: PolicyFieldReader, field: string, problem: string): Record<string, unknown> {
  r.fail(field, problem);
  return EMPTY;
}

/**
 * What a Kubernetes policy's view takes from its conversion: a function of its namespace and spec only (the name
 * is only prefixed), so policies that differ by name alone can share one conversion.
 */
export interface KubernetesPolicyParts {
  readonly tier: string;
  readonly order: number;
  readonly ingressEnabled: boolean;
  readonly egressEnabled: boolean;
  readonly ingress: readonly unknown[];
  readonly egress: readonly unknown[];
  /** The selector Felix evaluates (the converted `podSelector`, scoped to the namespace). */
  readonly selector: string;
  /** The converted `podSelector` before scoping: the namespace enters {@link selector} alone. */
  readonly podSelector: string;
}

/**
 * The parts of the same spec converted in `namespace` (as {@link convertKubernetesPolicy} would give them): the
 * conversion reads the namespace for the policy's own selector only, so a spec shared by many namespaces is converted
 * once.
 */
export function kubernetesPartsIn(parts: KubernetesPolicyParts, namespace: string): KubernetesPolicyParts {
  return { ...parts, selector: namespacedPolicySelector(parts.podSelector, namespace) };
}

/**
 * Converts a Kubernetes policy's spec as libcalico-go's `K8sNetworkPolicyToCalico` does (leniently, as Calico
 * would); `undefined` when it does not convert (malformed input: validation reports it).
 * @param name the Kubernetes name (a non-empty string, else the policy does not convert)
 * @param spec the NetworkPolicy spec, without `stagedAction`
 */
export function convertKubernetesPolicy(
  name: unknown,
  namespace: string,
  spec: unknown,
): KubernetesPolicyParts | undefined {
  let converted;
  try {
    const input = {
      apiVersion: KUBERNETES_NETWORK_POLICY_API_VERSION,
      kind: 'NetworkPolicy',
      metadata: { name, namespace },
      spec,
    };
    converted = kubernetesNetworkPolicyToCalico(input).policy;
  } catch {
    return undefined;
  }
  const directions = policyDirections(converted.spec.types, false, false);
  return {
    tier: converted.spec.tier,
    order: converted.spec.order,
    ingressEnabled: directions.ingress,
    egressEnabled: directions.egress,
    ingress: converted.spec.ingress ?? [],
    egress: converted.spec.egress ?? [],
    selector: namespacedPolicySelector(converted.spec.selector, converted.metadata.namespace),
    podSelector: converted.spec.selector,
  };
}

/** Where a Kubernetes policy's view comes from besides its conversion. */
export interface KubernetesPolicySource {
  readonly doc: unknown;
  /** `NetworkPolicy` (networking.k8s.io/v1) or `StagedKubernetesNetworkPolicy`. */
  readonly kind: string;
  readonly staged: boolean;
  readonly stagedAction: string;
  /** The Kubernetes name (without the `knp.default.` prefix). */
  readonly name: string;
  readonly namespace: string;
}

/** The view of a Kubernetes policy from its source and its (possibly shared) conversion. */
export function kubernetesPolicyView(src: KubernetesPolicySource, parts: KubernetesPolicyParts): NormalisedPolicy {
  const name = `${K8S_NETWORK_POLICY_NAME_PREFIX}${src.name}`;
  return {
    doc: src.doc,
    kind: src.kind,
    origin: 'kubernetes',
    global: false,
    staged: src.staged,
    stagedAction: src.stagedAction,
    name,
    namespace: src.namespace,
    display: `${src.namespace}/${name}`,
    tier: parts.tier,
    order: parts.order,
    selector: parts.selector,
    workloadOnly: true,
    ingressEnabled: parts.ingressEnabled,
    egressEnabled: parts.egressEnabled,
    ingress: parts.ingress,
    egress: parts.egress,
    preDNAT: false,
    applyOnForward: true,
    doNotTrack: false,
  };
}

/** The kind of a policy document: its shape, `kubernetes` for Kubernetes kinds, `undefined` for non-policies. */
export function policyKindOf(doc: unknown): CalicoPolicyShape | 'kubernetes' | 'staged-kubernetes' | undefined {
  if (doc === null || typeof doc !== 'object') return undefined;
  const d = doc as { apiVersion?: unknown; kind?: unknown };
  if (typeof d.kind !== 'string') return undefined;
  if (d.apiVersion === KUBERNETES_NETWORK_POLICY_API_VERSION)
    return d.kind === 'NetworkPolicy' ? 'kubernetes' : undefined;
  if (d.apiVersion !== CALICO) return undefined;
  switch (d.kind) {
    case 'GlobalNetworkPolicy':
      return GNP;
    case 'StagedGlobalNetworkPolicy':
      return SGNP;
    case 'NetworkPolicy':
      return NP;
    case 'StagedNetworkPolicy':
      return SNP;
    case 'StagedKubernetesNetworkPolicy':
      return 'staged-kubernetes';
    default:
      return undefined;
  }
}

const GNP: CalicoPolicyShape = Object.freeze({ kind: 'GlobalNetworkPolicy', global: true, staged: false });
const SGNP: CalicoPolicyShape = Object.freeze({ kind: 'StagedGlobalNetworkPolicy', global: true, staged: true });
const NP: CalicoPolicyShape = Object.freeze({ kind: 'NetworkPolicy', global: false, staged: false });
const SNP: CalicoPolicyShape = Object.freeze({ kind: 'StagedNetworkPolicy', global: false, staged: true });

/**
 * The normalised view of `doc` when it is a policy of any kind (read leniently), `undefined` otherwise and when a
 * Kubernetes policy does not convert. A staged Kubernetes deletion converts as the empty policy it stages away.
 */
export function normalisePolicy(doc: unknown): NormalisedPolicy | undefined {
  const shape = policyKindOf(doc);
  if (shape === undefined) return undefined;
  if (typeof shape === 'object') return readCalicoPolicy(doc as Record<string, unknown>, shape);
  const d = doc as { metadata?: unknown; spec?: unknown };
  const md = LENIENT_FIELDS.object(d.metadata, 'metadata') ?? EMPTY;
  const spec = LENIENT_FIELDS.object(d.spec, 'spec') ?? EMPTY;
  const namespace = LENIENT_FIELDS.string(md.namespace, 'metadata.namespace') || 'default';
  const staged = shape === 'staged-kubernetes';
  const stagedAction = staged ? LENIENT_FIELDS.string(spec.stagedAction, 'spec.stagedAction') || 'Set' : 'Set';
  const parts = convertKubernetesPolicy(md.name, namespace, staged ? kubernetesSpecOf(spec, stagedAction) : spec);
  if (parts === undefined) return undefined;
  const kind = staged ? 'StagedKubernetesNetworkPolicy' : 'NetworkPolicy';
  return kubernetesPolicyView({ doc, kind, staged, stagedAction, name: md.name as string, namespace }, parts);
}

/**
 * The Kubernetes spec a StagedKubernetesNetworkPolicy stages: its spec without `stagedAction`; for a deletion the
 * empty policy (`podSelector: {}`, the API server's required field).
 */
export function kubernetesSpecOf(spec: Record<string, unknown>, stagedAction: string): Record<string, unknown> {
  if (stagedAction === 'Delete') return { podSelector: {} };
  const specOnly = { ...spec };
  delete specOnly.stagedAction;
  return specOnly;
}

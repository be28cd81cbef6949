/**
 * Kubernetes `networking.k8s.io/v1` NetworkPolicy → the `projectcalico.org/v3` NetworkPolicy Calico derives from
 * it (libcalico-go `K8sNetworkPolicyToCalico`, `libcalico-go/lib/backend/k8s/conversion/conversion.go`).
 */
import { childOf, FieldLocation, formatAt, indexOf, KubernetesConversionError } from './errors';
import { checkTypeMeta, isJsonObject, optionalList, optionalObject, optionalString, wrongType } from './json-fields';
import { kubernetesLabelSelectorToCalico } from './label-selector';
import { calicoPolicyTypes, CalicoPolicyType, defaultedPolicyTypes } from './policy-types';
import { CalicoAllowRule, convertRule, RuleDirection } from './rule';
import { DroppedRuleError } from './rule-ports';
import { isStrict, strictProblems } from './strict';
import { CALICO_API_VERSION } from '../../primitives/calico-constants';

/** Name prefix of converted Kubernetes NetworkPolicies (`knp.default.<name>`). */
export const K8S_NETWORK_POLICY_NAME_PREFIX = 'knp.default.';
/** Order of every converted Kubernetes NetworkPolicy in its tier. */
export const K8S_NETWORK_POLICY_ORDER = 1000;
/** Tier of every converted Kubernetes NetworkPolicy. */
export const K8S_NETWORK_POLICY_TIER = 'default';
/** Namespace assumed for a manifest without `metadata.namespace` (kubectl's usual default). */
export const DEFAULT_NAMESPACE = 'default';

/** The API version of Kubernetes NetworkPolicies. */
export const K8S_NETWORK_POLICY_API_VERSION = 'networking.k8s.io/v1';
const K8S_API_VERSION = K8S_NETWORK_POLICY_API_VERSION;
const K8S_KIND = 'NetworkPolicy';

/** A converted policy: a plain `projectcalico.org/v3` NetworkPolicy object. */
export interface ConvertedNetworkPolicy {
  apiVersion: typeof CALICO_API_VERSION;
  kind: 'NetworkPolicy';
  metadata: { name: string; namespace: string };
  spec: {
    tier: string;
    order: number;
    selector: string;
    types: CalicoPolicyType[];
    ingress?: CalicoAllowRule[];
    egress?: CalicoAllowRule[];
  };
}

/** Options of {@link kubernetesNetworkPolicyToCalico}. */
export interface KubernetesPolicyConversionOptions {
  /**
   * Throw a {@link KubernetesConversionError} for input the Kubernetes API server refuses (an unknown selector
   * operator, an empty peer, a bad ipBlock, an unknown policy type, a protocol other than TCP/UDP/SCTP, a port out
   * of range or a bad port name, a misplaced endPort) instead of converting it as Calico would and listing it in
   * `problems`. The offline engine converts strictly: it never guesses what such an object means.
   * @default false
   */
  readonly strict?: boolean;
}

/** The result of {@link kubernetesNetworkPolicyToCalico}. */
export interface KubernetesPolicyConversion {
  /** The Calico policy, as Calico would enforce it. */
  policy: ConvertedNetworkPolicy;
  /**
   * Non-fatal findings, each prefixed with the object and field: rules upstream drops (unparseable ports), input
   * the Kubernetes API server would reject but Calico converts in a defined way (reported with what Calico does),
   * egress rules that are never enforced, an assumed namespace. Empty for a clean policy.
   */
  problems: string[];
}

function objectRef(doc: Record<string, unknown>): string {
  const meta = isJsonObject(doc.metadata) ? doc.metadata : {};
  const name = typeof meta.name === 'string' && meta.name !== '' ? meta.name : '<unnamed>';
  const ns = typeof meta.namespace === 'string' && meta.namespace !== '' ? `${meta.namespace}/` : '';
  return `${K8S_KIND} ${ns}${name}`;
}

function readMetadata(
  doc: Record<string, unknown>,
  at: FieldLocation,
  problems: string[],
): { name: string; namespace: string } {
  const metaAt = childOf(at, 'metadata');
  const meta = optionalObject(doc.metadata, metaAt) ?? {};
  const name = optionalString(meta.name, childOf(metaAt, 'name'));
  if (name === undefined || name === '') {
    throw new KubernetesConversionError(
      childOf(metaAt, 'name'),
      'is required (the converted policy is named knp.default.<name>)',
    );
  }
  const namespace = optionalString(meta.namespace, childOf(metaAt, 'namespace'));
  if (namespace === undefined || namespace === '') {
    problems.push(
      formatAt(
        childOf(metaAt, 'namespace'),
        `not set: assuming namespace ${JSON.stringify(DEFAULT_NAMESPACE)}, where kubectl applies it by default`,
      ),
    );
    return { name, namespace: DEFAULT_NAMESPACE };
  }
  return { name, namespace };
}

function convertRules(
  direction: RuleDirection,
  spec: Record<string, unknown>,
  at: FieldLocation,
  problems: string[],
): CalicoAllowRule[] {
  const listAt = childOf(at, direction);
  const peersKey = direction === 'ingress' ? 'from' : 'to';
  return optionalList(spec[direction], listAt).flatMap((r, i) => {
    const ruleAt = indexOf(listAt, i);
    if (!isJsonObject(r)) wrongType(ruleAt, 'an object', r);
    try {
      return convertRule(
        direction,
        r[peersKey],
        r.ports,
        { peers: childOf(ruleAt, peersKey), ports: childOf(ruleAt, 'ports') },
        problems,
      );
    } catch (e) {
      if (!(e instanceof DroppedRuleError)) throw e;
      if (isStrict(problems))
        throw new KubernetesConversionError(
          childOf(ruleAt, 'ports'),
          e.message,
          'use port numbers 1-65535 or valid port names',
        );
      problems.push(formatAt(ruleAt, `k8s rule couldn't be converted: ${e.message}; Calico drops this rule`));
      return [];
    }
  });
}

/**
 * Converts a Kubernetes NetworkPolicy into the Calico NetworkPolicy Calico enforces for it, mirroring libcalico-go's
 * `K8sNetworkPolicyToCalico` after the Kubernetes API server's defaulting:
 *
 * - `metadata`: name `knp.default.<name>`, same namespace (`default` when unset, with a problem);
 * - `spec.tier: default`, `spec.order: 1000`, `spec.selector` from `podSelector` (see
 *   {@link kubernetesLabelSelectorToCalico}), `spec.types` from `policyTypes` (defaulted as the API server does:
 *   `Ingress`, plus `Egress` when `egress` has rules);
 * - every ingress/egress rule becomes one `Allow` rule per (protocol × peer); an empty rule list means no traffic
 *   is allowed in that direction, a rule `{}` allows everything.
 *
 * Error policy: input Go's JSON decoding would reject (wrong JSON types, a missing name, another kind) throws a
 * {@link KubernetesConversionError} naming the object and field. Input of the right shape is converted exactly as
 * Calico does, even where Calico's handling is lossy (a rule with an unparseable port is dropped, a bad ipBlock CIDR
 * empties the peer, an unknown selector operator is ignored); each such case is listed in `problems`.
 *
 * @param doc a parsed `networking.k8s.io/v1` NetworkPolicy (e.g. from YAML); `kind`/`apiVersion` may be omitted
 * @param options `strict` refuses what the API server refuses
 * @throws KubernetesConversionError for malformed input
 *
 * @example
 * const { policy, problems } = kubernetesNetworkPolicyToCalico(yaml.parse(text));
 */
export function kubernetesNetworkPolicyToCalico(
  doc: any,
  options: KubernetesPolicyConversionOptions = {},
): KubernetesPolicyConversion {
  if (!isJsonObject(doc)) wrongType({ object: K8S_KIND, path: '' }, 'an object', doc);
  const at: FieldLocation = { object: objectRef(doc), path: '' };
  checkTypeMeta(doc, at, K8S_API_VERSION, K8S_KIND);
  const problems: string[] = options.strict === true ? strictProblems() : [];
  const { name, namespace } = readMetadata(doc, at, problems);
  const specAt = childOf(at, 'spec');
  const spec = optionalObject(doc.spec, specAt) ?? {};

  const selector = kubernetesLabelSelectorToCalico(spec.podSelector, {
    kind: 'pod',
    at: childOf(specAt, 'podSelector'),
    problems,
  });
  const k8sTypes = defaultedPolicyTypes(spec, specAt);
  const ingress = convertRules('ingress', spec, specAt, problems);
  const egress = convertRules('egress', spec, specAt, problems);
  const types = calicoPolicyTypes(k8sTypes, egress.length, specAt, problems);

  const policy: ConvertedNetworkPolicy = {
    apiVersion: CALICO_API_VERSION,
    kind: 'NetworkPolicy',
    metadata: { name: `${K8S_NETWORK_POLICY_NAME_PREFIX}${name}`, namespace },
    spec: { tier: K8S_NETWORK_POLICY_TIER, order: K8S_NETWORK_POLICY_ORDER, selector, types },
  };
  if (ingress.length > 0) policy.spec.ingress = ingress;
  if (egress.length > 0) policy.spec.egress = egress;
  return { policy, problems };
}

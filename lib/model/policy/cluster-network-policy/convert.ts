/**
 * ClusterNetworkPolicy (policy.networking.k8s.io/v1alpha2) → the GlobalNetworkPolicy Calico 3.32.1 enforces for
 * it (libcalico-go/lib/backend/k8s/conversion/clusternetworkpolicy.go `K8sClusterNetworkPolicyToCalico`).
 */
import { CALICO_API_VERSION } from '../../primitives/calico-constants';
import { childOf, FieldLocation, formatAt, indexOf, KubernetesConversionError } from '../kubernetes/errors';
import {
  checkTypeMeta,
  isJsonObject,
  isUnset,
  optionalInt32,
  optionalList,
  optionalObject,
  optionalString,
  wrongType,
} from '../kubernetes/json-fields';
import { CLUSTER_NETWORK_POLICY_API_VERSION, CLUSTER_NETWORK_POLICY_KIND } from './constants';
import { failClosedRule, FailedClusterRule, FailedRuleError } from './failed-rule';
import { clusterNetworkPolicyTypes } from './policy-types';
import { CalicoClusterRule, ClusterRuleDirection, convertClusterRule, readRuleHead } from './rule';
import { namespacedPodOf, namespaceSelectorOf, podSelectorOf } from './selectors';
import { clusterNetworkPolicyTier } from './tier';

/** The result of {@link clusterNetworkPolicyToCalico}. */
export interface ClusterNetworkPolicyConversion {
  /**
   * The GlobalNetworkPolicy Calico enforces (apiVersion projectcalico.org/v3, kind GlobalNetworkPolicy,
   * metadata.name = the CNP name, spec.tier kube-admin|kube-baseline, order = priority, namespaceSelector, selector,
   * types, ingress, egress; rule names in rule.metadata.annotations.name); undefined when Calico makes a tombstone
   * (bad tier / no subject).
   */
  readonly policy?: Record<string, unknown>;
  /** The rules Calico could not convert, in order, with what it enforces instead. */
  readonly failedRules: readonly FailedClusterRule[];
  /**
   * Non-fatal findings as in the Kubernetes NetworkPolicy converter (unknown selector operator dropped, In with no
   * values, a tombstone), each prefixed with the object and field.
   */
  readonly problems: readonly string[];
  /**
   * For each converted rule, in order, the index of the CNP rule it came from (one CNP rule gives one Calico rule per
   * protocol key and peer, or one fail-closed `{action: Deny}`); for traces that name the rule as written.
   * @default - absent for a tombstone
   */
  readonly ruleOrigins?: { readonly ingress: readonly number[]; readonly egress: readonly number[] };
}

function objectRef(doc: Record<string, unknown>): string {
  const meta = isJsonObject(doc.metadata) ? doc.metadata : {};
  const name = typeof meta.name === 'string' && meta.name !== '' ? meta.name : '<unnamed>';
  return `${CLUSTER_NETWORK_POLICY_KIND} ${name}`;
}

/** The subject's `namespaceSelector` and `selector`, or undefined when neither field is set (a tombstone). */
function subjectSelectors(
  spec: Record<string, unknown>,
  at: FieldLocation,
  problems: string[],
): { namespaceSelector: string; selector: string } | undefined {
  const subjectAt = childOf(at, 'subject');
  const subject = optionalObject(spec.subject, subjectAt) ?? {};
  if (!isUnset(subject.namespaces)) {
    return {
      namespaceSelector: namespaceSelectorOf(subject.namespaces, childOf(subjectAt, 'namespaces'), problems),
      // "Make sure projectcalico.org/orchestrator == 'k8s' label is added to exclude heps."
      selector: podSelectorOf(undefined, childOf(subjectAt, 'namespaces'), problems),
    };
  }
  if (!isUnset(subject.pods)) return namespacedPodOf(subject.pods, childOf(subjectAt, 'pods'), problems);
  return undefined;
}

/** Converts the rules of one direction, applying upstream's fail-closed replacement to rules that fail. */
function convertRules(
  direction: ClusterRuleDirection,
  spec: Record<string, unknown>,
  at: FieldLocation,
  problems: string[],
  failed: FailedClusterRule[],
  origins: number[],
): (CalicoClusterRule | { action: 'Deny' })[] {
  const listAt = childOf(at, direction);
  return optionalList(spec[direction], listAt).flatMap((r, index): (CalicoClusterRule | { action: 'Deny' })[] => {
    const ruleAt = indexOf(listAt, index);
    if (!isJsonObject(r)) wrongType(ruleAt, 'an object', r);
    try {
      const rules = convertClusterRule(direction, r, ruleAt, problems);
      rules.forEach(() => origins.push(index));
      return rules;
    } catch (e) {
      if (!(e instanceof FailedRuleError)) throw e;
      const head = readRuleHead(r, ruleAt);
      const replacement = failClosedRule(head.action);
      failed.push({
        direction,
        index,
        ...(head.name !== '' ? { name: head.name } : {}),
        action: head.action,
        field: e.field,
        reason: e.reason,
        outcome: replacement ? 'deny-all' : 'dropped',
      });
      if (replacement) origins.push(index);
      return replacement ? [replacement] : [];
    }
  });
}

/**
 * Converts a ClusterNetworkPolicy into the GlobalNetworkPolicy Calico 3.32.1 enforces for it:
 *
 * - `tier: Admin` / `Baseline` → `spec.tier: kube-admin` / `kube-baseline`; `order` = `priority`;
 * - `subject.namespaces: S` → `namespaceSelector: <S>`, `selector: projectcalico.org/orchestrator == 'k8s'`;
 *   `subject.pods: {N, P}` → `namespaceSelector: <N>`, `selector: projectcalico.org/orchestrator == 'k8s' && <P>`;
 * - every rule → one Calico rule per (protocol key × peer), in order; Accept → Allow;
 * - a rule Calico cannot convert (unknown action, `nodes`/`domainNames` peer, bad named port, bad range or CIDR) is
 *   dropped when it Accepts and replaced in place by an unconditional `{action: Deny}` when it Denies or Passes
 *   (listed in `failedRules`);
 * - `types` lists only the directions that have rules;
 * - a bad `tier` or a subject with neither field is a tombstone: `policy` is undefined and Calico enforces nothing.
 *
 * Input of the right shape is converted as Calico does even where the CRD would refuse it (an unknown selector
 * operator is dropped, widening the selector; reported in `problems`). Input Go's JSON decoding rejects (a field of
 * the wrong JSON type, a missing name, another kind) throws.
 *
 * @param doc a parsed ClusterNetworkPolicy; `kind`/`apiVersion` may be omitted
 * @throws KubernetesConversionError for malformed input, naming the object and field
 *
 * @example
 * const { policy, failedRules } = clusterNetworkPolicyToCalico(yaml.parse(text));
 */
export function clusterNetworkPolicyToCalico(doc: unknown): ClusterNetworkPolicyConversion {
  if (!isJsonObject(doc)) wrongType({ object: CLUSTER_NETWORK_POLICY_KIND, path: '' }, 'an object', doc);
  const at: FieldLocation = { object: objectRef(doc), path: '' };
  checkTypeMeta(doc, at, CLUSTER_NETWORK_POLICY_API_VERSION, CLUSTER_NETWORK_POLICY_KIND);
  const metaAt = childOf(at, 'metadata');
  const meta = optionalObject(doc.metadata, metaAt) ?? {};
  const name = optionalString(meta.name, childOf(metaAt, 'name'));
  if (name === undefined || name === '') {
    throw new KubernetesConversionError(childOf(metaAt, 'name'), 'is required (it names the converted policy)');
  }
  const problems: string[] = [];
  const specAt = childOf(at, 'spec');
  const spec = optionalObject(doc.spec, specAt) ?? {};
  const tier = clusterNetworkPolicyTier(spec.tier);
  if (tier === undefined) {
    problems.push(
      formatAt(
        childOf(specAt, 'tier'),
        `${JSON.stringify(spec.tier ?? '')} is not Admin or Baseline: Calico makes a tombstone and enforces nothing`,
      ),
    );
    return { failedRules: [], problems };
  }
  const order = optionalInt32(spec.priority, childOf(specAt, 'priority')) ?? 0;
  const subject = subjectSelectors(spec, specAt, problems);
  if (subject === undefined) {
    problems.push(
      formatAt(
        childOf(specAt, 'subject'),
        'sets neither namespaces nor pods: Calico makes a tombstone and enforces nothing',
      ),
    );
    return { failedRules: [], problems };
  }
  const failedRules: FailedClusterRule[] = [];
  const ruleOrigins = { ingress: [] as number[], egress: [] as number[] };
  const ingress = convertRules('ingress', spec, specAt, problems, failedRules, ruleOrigins.ingress);
  const egress = convertRules('egress', spec, specAt, problems, failedRules, ruleOrigins.egress);
  const types = clusterNetworkPolicyTypes(ingress.length, egress.length);
  const policySpec: Record<string, unknown> = {
    tier,
    order,
    namespaceSelector: subject.namespaceSelector,
    selector: subject.selector,
  };
  if (types.length > 0) policySpec.types = types;
  if (ingress.length > 0) policySpec.ingress = ingress;
  if (egress.length > 0) policySpec.egress = egress;
  const policy = { apiVersion: CALICO_API_VERSION, kind: 'GlobalNetworkPolicy', metadata: { name }, spec: policySpec };
  return { policy, failedRules, problems, ruleOrigins };
}

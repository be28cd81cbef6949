import { checkKubernetesDuplicates } from '../kubernetes/duplicates';
import { objectIdentity, ValidationProblem } from '../problem';
import { checkBgpConfigurationInto, checkBgpPeerInto } from './bgp';
import { checkBgpFilterInto } from './bgp-filter';
import { checkFelixConfigurationInto } from './felix';
import { checkHostEndpointInto } from './host-endpoint';
import { checkIpPoolInto, checkIpPoolOverlaps } from './ip-pool';
import { checkIpReservationInto } from './ip-reservation';
import { checkKubeControllersInto } from './kube-controllers';
import { CALICO_API_VERSION } from '../../model/primitives/calico-constants';
import { checkMetadataInto } from './names';
import { checkNetworkSetInto } from './network-set';
import { CALICO_POLICY_KINDS, checkCalicoPolicyInto, checkStagedKubernetesPolicyInto } from './policy';
import { checkTierInto } from './tier';
import { Findings, RuleFinding, isObject } from './util';

export { CALICO_RULES, CALICO_RULE_IDS } from './rule-ids';
export type { CalicoRuleId } from './rule-ids';
export type { RuleFinding } from './util';
export {
  isDns1123Subdomain,
  isDns1123Label,
  isGlobalNetworkPolicyName,
  isNetworkPolicyName,
  isTierName,
  isQualifiedName,
  qualifiedNameErrors,
  isValidLabelValue,
  checkLabels,
  checkAnnotations,
  NAMESPACED_KINDS,
} from './names';
export {
  parseIp,
  parseCidr,
  parseCidrOrIp,
  isStrictlyMasked,
  ipFamily,
  cidrsOverlap,
  cidrContains,
  formatCidr,
  formatIp,
} from '../../model/primitives/cidr';
export type { IpFamily, ParsedIp, ParsedCidr } from '../../model/primitives/cidr';
export { parsePort, isValidPortName, portNameErrors } from './ports';
export type { ParsedPort } from './ports';
export { parseProtocol, supportsPorts, PROTOCOL_NAMES } from './protocol';
export type { ParsedProtocol } from './protocol';
export { parseGoDuration, isGoDuration } from './duration';
export { isGoRegex, goRegexError } from './go-regex';
export { isValidInterfaceName } from './host-endpoint';
export { parsePeerIp, isValidAsNumber, communityLiteral } from './bgp';

/** The API version these rules apply to. */
export { CALICO_API_VERSION };

function withIdentity(doc: Record<string, unknown>, findings: readonly RuleFinding[]): ValidationProblem[] {
  const id = objectIdentity(doc);
  return findings.map((x) => ({ ...id, path: x.path, message: x.message, rule: x.rule }));
}

function isCalicoDoc(doc: unknown): doc is Record<string, unknown> {
  return isObject(doc) && doc.apiVersion === CALICO_API_VERSION;
}

/** Options of {@link checkCalicoRules}. */
export interface CheckCalicoRulesOptions {
  /**
   * The caller already ran the metadata rules (name, namespace scope, label and annotation syntax) on this object,
   * as the constructs do eagerly; skip them. Kind-specific label rules (tier label, created-by) still run.
   * @default false
   */
  readonly metadataChecked?: boolean;
}

/**
 * Calico's own validation rules (libcalico-go validator v3, clientv3 defaulting checks, CEL rules of the v3 CRDs
 * where they encode cross-field logic) that the CRD schemas do not encode, applied to one plain object.
 * Objects of other API groups yield no problems. Never throws.
 */
export function checkCalicoRules(doc: any, options: CheckCalicoRulesOptions = {}): ValidationProblem[] {
  if (!isCalicoDoc(doc)) return [];
  const f = new Findings();
  try {
    const kind = typeof doc.kind === 'string' ? doc.kind : '';
    const meta = options.metadataChecked
      ? isObject(doc.metadata)
        ? doc.metadata
        : {}
      : checkMetadataInto(doc, kind || '<unknown>', f);
    if (CALICO_POLICY_KINDS.has(kind)) checkCalicoPolicyInto(doc, kind, meta, f);
    else
      switch (kind) {
        case 'StagedKubernetesNetworkPolicy':
          checkStagedKubernetesPolicyInto(doc, f);
          break;
        case 'Tier':
          checkTierInto(doc, meta.name, f);
          break;
        case 'HostEndpoint':
          checkHostEndpointInto(doc, meta, f);
          break;
        case 'GlobalNetworkSet':
        case 'NetworkSet':
          checkNetworkSetInto(doc, meta, f);
          break;
        case 'IPPool':
          checkIpPoolInto(doc, f);
          break;
        case 'IPReservation':
          checkIpReservationInto(doc, f);
          break;
        case 'KubeControllersConfiguration':
          checkKubeControllersInto(doc, f);
          break;
        case 'BGPConfiguration':
          checkBgpConfigurationInto(doc, meta.name, f);
          break;
        case 'BGPPeer':
          checkBgpPeerInto(doc, f);
          break;
        case 'BGPFilter':
          checkBgpFilterInto(doc, f);
          break;
        case 'FelixConfiguration':
          checkFelixConfigurationInto(doc, meta.name, f);
          break;
        default:
          break;
      }
  } catch (e) {
    // Defensive: the checkers are written not to throw; if one does, report instead of crashing synth.
    f.add(
      '',
      'calico.field.type',
      `object could not be fully validated: ${e instanceof Error ? e.message : String(e)}`,
      'check the object structure against the CRD',
    );
  }
  return withIdentity(doc, f.list);
}

/**
 * Runs `checkCalicoRules` on every document plus the cross-object rules ({@link checkCalicoCrossObjectRules}).
 * Non-Calico documents are ignored. Never throws.
 */
export function checkCalicoRuleSet(docs: any[]): ValidationProblem[] {
  if (!Array.isArray(docs)) return [];
  const out: ValidationProblem[] = [];
  for (const doc of docs) if (isCalicoDoc(doc)) out.push(...checkCalicoRules(doc));
  out.push(...checkCalicoCrossObjectRules(docs));
  return out;
}

/**
 * The rules that need several Calico objects at once: the same kind/namespace/name defined twice, and IPPools whose
 * CIDRs overlap (clientv3 rejects the second on create); plus the same built-in object twice (`k8s.duplicate`).
 * Never throws.
 */
export function checkCalicoCrossObjectRules(docs: any[]): ValidationProblem[] {
  if (!Array.isArray(docs)) return [];
  const out: ValidationProblem[] = [];
  const seen = new Map<string, number>();
  const pools: Array<{ doc: Record<string, unknown>; name: string }> = [];
  docs.forEach((doc, index) => {
    if (!isCalicoDoc(doc)) return;
    // The identity's parts as objectIdentity reads them, without building it for every object (300,000 on the CLI).
    const kind = typeof doc.kind === 'string' ? doc.kind : '';
    const meta = isObject(doc.metadata) ? doc.metadata : undefined;
    const name = meta && typeof meta.name === 'string' ? meta.name : '';
    if (name !== '' && kind !== '') {
      const key = `${kind}/${meta && typeof meta.namespace === 'string' ? meta.namespace : ''}/${name}`;
      const first = seen.get(key);
      if (first !== undefined) {
        const id = objectIdentity(doc);
        out.push({
          ...id,
          path: 'metadata.name',
          rule: 'calico.object.duplicate',
          message: `duplicate object: ${id.kind} ${id.namespace ? `${id.namespace}/` : ''}${id.name} is already defined by document #${first}; fix: give each object a unique name`,
        });
      } else {
        seen.set(key, index);
      }
    }
    if (kind === 'IPPool') pools.push({ doc, name: name || '<unnamed>' });
  });
  checkIpPoolOverlaps(pools, (i, message) => {
    out.push({ ...objectIdentity(pools[i].doc), path: 'spec.cidr', rule: 'calico.ippool.overlap', message });
  });
  out.push(...checkKubernetesDuplicates(docs)); // built-in kinds defined twice (k8s.duplicate), one home: ../kubernetes
  return out;
}

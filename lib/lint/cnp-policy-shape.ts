/**
 * A ClusterNetworkPolicy as the cluster network policy lint compares it: tier, priority and the Felix tie-break key,
 * subject and rules as label requirements, CIDRs and protocol keys, each rule as Calico enforces it. What Calico
 * does with the object comes from the one converter (lib/model/policy/cluster-network-policy
 * `clusterNetworkPolicyToCalico`): a rule it cannot convert is left out when dropped (Accept) and read as "every
 * peer, every port, Deny" when it fails closed (Deny/Pass; `k8sClusterNetPolHandleFailedRules`); a tombstone (bad
 * tier, no subject) enforces nothing.
 */
import { isJsonObject } from '../model/documents/fields';
import {
  CLUSTER_NETWORK_POLICY_IDENTITY_KIND,
  CLUSTER_NETWORK_POLICY_KIND,
  ClusterNetworkPolicyConversion,
  clusterNetworkPolicyToCalico,
  clusterNetworkPolicyViewOf,
  FailedClusterRule,
  isClusterNetworkPolicy,
} from '../model/policy/cluster-network-policy';
import { ClusterProtocolPorts, unpackClusterProtocols } from '../model/policy/cluster-network-policy/protocols';
import { felixPolicySortKey } from '../model/policy/tiers';
import { normaliseGoCidr } from '../model/primitives/go-cidr';
import { parseCidr, ParsedCidr } from '../model/primitives/cidr';
import { Selector } from '../selector';
import { LabelRequirement, labelRequirements } from './cnp-label-selector';

/** `Admin` or `Baseline`. */
export type ClusterTierName = 'Admin' | 'Baseline';

/** A subject or a peer's pods: pods of the namespaces `namespaces` selects; `pods` undefined means every pod. */
export interface ClusterPodSet {
  readonly namespaces: readonly LabelRequirement[];
  readonly pods?: readonly LabelRequirement[];
}

/** One peer as Calico matches it. */
export type ClusterPeer =
  | { readonly kind: 'namespaces'; readonly set: ClusterPodSet }
  | { readonly kind: 'pods'; readonly set: ClusterPodSet }
  | { readonly kind: 'networks'; readonly cidrs: readonly ParsedCidr[] }
  /** Everything: the peer of a rule Calico replaced with an unconditional Deny. */
  | { readonly kind: 'any' };

/** One rule as Calico enforces it. */
export interface ClusterRuleShape {
  readonly direction: 'ingress' | 'egress';
  readonly index: number;
  /** `spec.ingress[0]`. */
  readonly field: string;
  /** `name` as written (`''` when unset). */
  readonly name: string;
  /** The action Calico enforces: `Deny` for a rule that fails closed. */
  readonly action: 'Accept' | 'Deny' | 'Pass';
  /** The peers; `undefined` when the lint cannot read them (two fields in one peer, malformed input). */
  readonly peers?: readonly ClusterPeer[];
  /** Protocol keys (the converter's `unpackCNPProtocols`); `undefined` when they cannot be read. */
  readonly ports?: readonly ClusterProtocolPorts[];
  /** Set when Calico could not convert the rule and denies everything in its place. */
  readonly failed?: FailedClusterRule;
}

/** A ClusterNetworkPolicy Calico enforces (not a tombstone). */
export interface ClusterPolicyShape {
  readonly doc: any;
  readonly name: string;
  readonly tier: ClusterTierName;
  /** `kube-admin` or `kube-baseline`. */
  readonly calicoTier: string;
  readonly priority: number;
  /** Felix's tie-break key among equal orders (felix/calc/policy_sorter.go `PolKVLess`): `name/namespace/kind`. */
  readonly sortKey: string;
  /** `ClusterNetworkPolicy <name>`. */
  readonly ref: string;
  /** `undefined` when a subject selector cannot be read. */
  readonly subject?: ClusterPodSet;
  /** The subject as Felix selects it (`namespaceSelector` and `selector` of the converted policy); parsed. */
  readonly selector?: Selector;
  readonly ingress: readonly ClusterRuleShape[];
  readonly egress: readonly ClusterRuleShape[];
  readonly conversion: ClusterNetworkPolicyConversion;
}

/** The conversion of `doc`; `undefined` for input the converter refuses (validation reports it). */
export function convertLeniently(doc: unknown): ClusterNetworkPolicyConversion | undefined {
  try {
    return clusterNetworkPolicyToCalico(doc);
  } catch {
    return undefined;
  }
}

/** `{namespaceSelector, podSelector}` of a `NamespacedPod` (both `{}` when absent). */
function podSetOf(v: unknown): ClusterPodSet | undefined {
  if (!isJsonObject(v)) return undefined;
  const namespaces = labelRequirements(v.namespaceSelector);
  const pods = labelRequirements(v.podSelector);
  return namespaces && pods ? { namespaces, pods } : undefined;
}

function subjectOf(spec: Record<string, unknown>): ClusterPodSet | undefined {
  const s = spec.subject;
  if (!isJsonObject(s)) return undefined;
  if (s.namespaces !== undefined && s.namespaces !== null) {
    const namespaces = labelRequirements(s.namespaces);
    return namespaces ? { namespaces } : undefined;
  }
  return podSetOf(s.pods);
}

/** One peer; `undefined` when it sets other than exactly one field the lint reads. */
function peerOf(v: unknown): ClusterPeer | undefined {
  if (!isJsonObject(v)) return undefined;
  const keys = Object.keys(v).filter((k) => v[k] !== undefined && v[k] !== null);
  if (keys.length !== 1) return undefined;
  if (keys[0] === 'namespaces') {
    const namespaces = labelRequirements(v.namespaces);
    return namespaces ? { kind: 'namespaces', set: { namespaces } } : undefined;
  }
  if (keys[0] === 'pods') {
    const set = podSetOf(v.pods);
    return set ? { kind: 'pods', set } : undefined;
  }
  if (keys[0] === 'networks' && Array.isArray(v.networks)) {
    // cnet.ParseCIDR clears host bits, as the converter does (lib/model/primitives/go-cidr.ts).
    const cidrs = v.networks.map((n) => (typeof n === 'string' ? parseCidr(normaliseGoCidr(n)) : undefined));
    return cidrs.every((c) => c !== undefined) ? { kind: 'networks', cidrs: cidrs as ParsedCidr[] } : undefined;
  }
  return undefined;
}

function portsOf(rule: Record<string, unknown>, field: string): ClusterProtocolPorts[] | undefined {
  try {
    return unpackClusterProtocols(
      rule.protocols,
      { object: CLUSTER_NETWORK_POLICY_KIND, path: `${field}.protocols` },
      [],
    );
  } catch {
    return undefined;
  }
}

const ACTIONS: readonly string[] = ['Accept', 'Deny', 'Pass'];

/** The rules of one direction as Calico enforces them (dropped rules left out). */
function rulesOf(
  spec: Record<string, unknown>,
  direction: 'ingress' | 'egress',
  failedRules: readonly FailedClusterRule[],
): ClusterRuleShape[] {
  const list = Array.isArray(spec[direction]) ? (spec[direction] as unknown[]) : [];
  const out: ClusterRuleShape[] = [];
  list.forEach((r, index) => {
    const field = `spec.${direction}[${index}]`;
    const rule = isJsonObject(r) ? r : {};
    const name = typeof rule.name === 'string' ? rule.name : '';
    const failed = failedRules.find((f) => f.direction === direction && f.index === index);
    if (failed) {
      if (failed.outcome === 'deny-all')
        out.push({ direction, index, field, name, action: 'Deny', peers: [{ kind: 'any' }], ports: [{}], failed });
      return;
    }
    if (typeof rule.action !== 'string' || !ACTIONS.includes(rule.action)) return;
    const written = rule[direction === 'ingress' ? 'from' : 'to'];
    const peers = Array.isArray(written) ? written.map(peerOf) : [];
    const readable = peers.length > 0 && peers.every((p) => p !== undefined);
    out.push({
      direction,
      index,
      field,
      name,
      action: rule.action as ClusterRuleShape['action'],
      peers: readable ? (peers as ClusterPeer[]) : undefined,
      ports: portsOf(rule, field),
    });
  });
  return out;
}

function parsed(text: string): Selector | undefined {
  try {
    return Selector.parse(text);
  } catch {
    return undefined;
  }
}

/** The shape of a ClusterNetworkPolicy Calico enforces; `undefined` for other objects, malformed ones, tombstones. */
export function clusterPolicyShape(doc: any): ClusterPolicyShape | undefined {
  if (!isClusterNetworkPolicy(doc)) return undefined;
  const conversion = convertLeniently(doc);
  const policy = conversion?.policy as { metadata: { name: string }; spec: Record<string, any> } | undefined;
  if (!conversion || !policy) return undefined;
  const spec = doc.spec as Record<string, unknown>;
  const name = policy.metadata.name;
  const ps = policy.spec;
  return {
    doc,
    name,
    tier: spec.tier as ClusterTierName,
    calicoTier: ps.tier,
    priority: ps.order,
    sortKey: felixPolicySortKey(name, undefined, CLUSTER_NETWORK_POLICY_IDENTITY_KIND),
    ref: `${CLUSTER_NETWORK_POLICY_KIND} ${name}`,
    subject: subjectOf(spec),
    // The selector Felix evaluates, from the one normalised view of a converted CNP.
    selector: parsed(clusterNetworkPolicyViewOf(doc, conversion)?.selector ?? ''),
    ingress: rulesOf(spec, 'ingress', conversion.failedRules),
    egress: rulesOf(spec, 'egress', conversion.failedRules),
    conversion,
  };
}

/** The rules of `direction`. */
export function clusterRules(p: ClusterPolicyShape, direction: 'ingress' | 'egress'): readonly ClusterRuleShape[] {
  return direction === 'ingress' ? p.ingress : p.egress;
}

/** Evaluation order inside one tier: ascending priority, ties by Felix's key. */
export function compareClusterPolicies(a: ClusterPolicyShape, b: ClusterPolicyShape): number {
  if (a.priority !== b.priority) return a.priority - b.priority;
  return a.sortKey < b.sortKey ? -1 : a.sortKey > b.sortKey ? 1 : 0;
}

/** `spec.ingress[0] ("allow-dns", Accept)`: how a finding names a rule. */
export function describeRule(r: ClusterRuleShape): string {
  return `${r.field} (${r.name ? `${JSON.stringify(r.name)}, ` : ''}${r.failed ? `fails closed into Deny` : r.action})`;
}

/**
 * A ClusterNetworkPolicy in the one normalised policy view (../policy-view.ts): the GlobalNetworkPolicy Calico
 * converts it to, with the selector Felix evaluates (libcalico-go `globalnetworkpolicyprocessor.go`, which Felix's
 * syncer also runs for `KubernetesClusterNetworkPolicy`: felixsyncerv1.go).
 */
import { NormalisedPolicy } from '../policy-view';
import { globalPolicySelector } from '../selector-rewrite';
import {
  CLUSTER_NETWORK_POLICY_API_VERSION,
  CLUSTER_NETWORK_POLICY_KIND,
  CLUSTER_NETWORK_POLICY_SHORT_KIND,
} from './constants';
import { clusterNetworkPolicyToCalico, ClusterNetworkPolicyConversion } from './convert';

/** True when `doc` is a `policy.networking.k8s.io/v1alpha2` ClusterNetworkPolicy. */
export function isClusterNetworkPolicy(doc: unknown): boolean {
  if (doc === null || typeof doc !== 'object') return false;
  const d = doc as { apiVersion?: unknown; kind?: unknown };
  return d.apiVersion === CLUSTER_NETWORK_POLICY_API_VERSION && d.kind === CLUSTER_NETWORK_POLICY_KIND;
}

/** How traces show a converted CNP: Felix's policy ID `kcnp/<name>` (felix/types/policy_id.go). */
export function clusterNetworkPolicyDisplay(name: string): string {
  return `${CLUSTER_NETWORK_POLICY_SHORT_KIND}/${name}`;
}

/**
 * The normalised view of a converted CNP; `undefined` for a tombstone. Its `kind` is `ClusterNetworkPolicy`, its
 * `display` `kcnp/<name>`; a direction is enabled only when it has rules (upstream `clusterNetPolicyTypes`).
 * @param doc the input object
 * @param conversion its conversion (from {@link clusterNetworkPolicyToCalico})
 */
export function clusterNetworkPolicyViewOf(
  doc: unknown,
  conversion: ClusterNetworkPolicyConversion,
): NormalisedPolicy | undefined {
  const policy = conversion.policy as
    { metadata: { name: string }; spec: Record<string, unknown> & { tier: string; order: number } } | undefined;
  if (policy === undefined) return undefined;
  const spec = policy.spec;
  const ingress = (spec.ingress as unknown[] | undefined) ?? [];
  const egress = (spec.egress as unknown[] | undefined) ?? [];
  const name = policy.metadata.name;
  return {
    doc,
    kind: CLUSTER_NETWORK_POLICY_KIND,
    origin: 'kubernetes',
    global: true,
    staged: false,
    stagedAction: 'Set',
    name,
    display: clusterNetworkPolicyDisplay(name),
    tier: spec.tier,
    order: spec.order,
    selector: globalPolicySelector(spec.selector as string, spec.namespaceSelector as string),
    workloadOnly: true,
    ingressEnabled: ingress.length > 0,
    egressEnabled: egress.length > 0,
    ingress,
    egress,
    preDNAT: false,
    applyOnForward: false,
    doNotTrack: false,
  };
}

/**
 * The normalised view of a ClusterNetworkPolicy, converted leniently as Calico does; `undefined` for a tombstone
 * and for input that does not convert at all (malformed: validation reports it).
 */
export function clusterNetworkPolicyView(doc: unknown): NormalisedPolicy | undefined {
  try {
    return clusterNetworkPolicyViewOf(doc, clusterNetworkPolicyToCalico(doc));
  } catch {
    return undefined;
  }
}

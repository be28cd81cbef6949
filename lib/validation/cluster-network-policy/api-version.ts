/**
 * Objects of the Kubernetes network policy API that Calico 3.32 does not serve or enforce: a ClusterNetworkPolicy of
 * another apiVersion (network-policy-api v0.2.0 serves only v1alpha2), and the retired v1alpha1 kinds
 * AdminNetworkPolicy and BaselineAdminNetworkPolicy, which Calico 3.32 no longer enforces (projectcalico/calico#11144
 * "Remove ANP/BANP"; Calico 3.32 release notes: remove or replace them by ClusterNetworkPolicy before upgrading).
 */
import type { FieldIssue } from '../schema/schema-errors';
import { CLUSTER_NETWORK_POLICY_VERSION, NETWORK_POLICY_API_GROUP } from '../schema/network-policy-api-crds';

/** The kind whose apiVersion is checked here. */
const CLUSTER_NETWORK_POLICY = 'ClusterNetworkPolicy';
const API_VERSION = `${NETWORK_POLICY_API_GROUP}/${CLUSTER_NETWORK_POLICY_VERSION}`;

/** How each retired kind maps onto ClusterNetworkPolicy (network-policy-api blog posts/ClusterNetworkPolicy.md). */
const RETIRED: Readonly<Record<string, { tier: string; tierName: string; priority: string }>> = {
  AdminNetworkPolicy: { tier: 'Admin', tierName: 'adminnetworkpolicy', priority: 'keep spec.priority' },
  BaselineAdminNetworkPolicy: {
    tier: 'Baseline',
    tierName: 'baselineadminnetworkpolicy',
    priority: 'add spec.priority (0-1000; the BANP had none)',
  },
};

/** Whether an object is one this module speaks for: a ClusterNetworkPolicy of any group, or a retired kind. */
export function isNetworkPolicyApiKind(group: string, kind: string): boolean {
  return kind === CLUSTER_NETWORK_POLICY || (group === NETWORK_POLICY_API_GROUP && Object.hasOwn(RETIRED, kind));
}

/**
 * The problem of an object Calico 3.32 does not serve: a retired kind, or a ClusterNetworkPolicy of another
 * apiVersion; `undefined` for a `policy.networking.k8s.io/v1alpha2` ClusterNetworkPolicy (validated against the CRD).
 * @param apiVersion the object's apiVersion
 * @param kind the object's kind
 */
export function networkPolicyApiVersionIssue(apiVersion: string, kind: string): FieldIssue | undefined {
  const retired = Object.hasOwn(RETIRED, kind) ? RETIRED[kind] : undefined;
  if (retired) {
    return {
      path: 'kind',
      rule: 'cnp.retired-kind',
      message:
        `expected a ClusterNetworkPolicy (${API_VERSION}), got ${kind} (${apiVersion}): Calico 3.32 no longer enforces ` +
        `${kind} and has removed its tier ${retired.tierName} (projectcalico/calico#11144); fix: rewrite it as ` +
        `apiVersion: ${API_VERSION}, kind: ${CLUSTER_NETWORK_POLICY} with spec.tier: ${retired.tier}, ${retired.priority}, ` +
        'keep subject, rule names and peers, change action Allow to Accept, and turn ports into protocols ' +
        '(portNumber {protocol: TCP, port: 80} -> tcp: {destinationPort: {number: 80}}, portRange -> destinationPort.range, ' +
        `namedPort -> destinationNamedPort); then delete the ${kind} before upgrading Calico`,
    };
  }
  if (kind !== CLUSTER_NETWORK_POLICY || apiVersion === API_VERSION) return undefined;
  return {
    path: 'apiVersion',
    rule: 'cnp.api-version',
    message:
      `expected ${API_VERSION} (the only version the ClusterNetworkPolicy CRD of network-policy-api v0.2.0 serves, ` +
      `the one Calico 3.32.1 installs), got ${JSON.stringify(apiVersion)}; fix: set apiVersion: ${API_VERSION}`,
  };
}

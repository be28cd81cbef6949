/**
 * The entities of the model: workloads (pods), hosts (nodes), host endpoints, network sets and services,
 * plus the "labelled entity" view Calico's selectors match against.
 */
import type { FlannelNodeInfo } from './dataplane';
import type { Net } from '../../../model/primitives/ip';

/** A named port owned by an endpoint (container port or HostEndpoint port). */
export interface NamedPort {
  readonly name: string;
  /** Protocol number (6 TCP, 17 UDP, 132 SCTP). */
  readonly protocol: number;
  readonly port: number;
}

/** A pod. */
export interface PodInfo {
  readonly namespace: string;
  readonly name: string;
  readonly labels: Readonly<Record<string, string>>;
  /** Canonical pod IPs (status.podIPs, else status.podIP). */
  readonly ips: readonly string[];
  readonly ports: readonly NamedPort[];
  readonly serviceAccount: string;
  readonly hostNetwork: boolean;
  readonly nodeName?: string;
}

/** A Kubernetes node (the host). */
export interface NodeInfo {
  readonly name: string;
  readonly labels: Readonly<Record<string, string>>;
  /** All the node's addresses: InternalIP/ExternalIP addresses and Calico annotations (canonical). */
  readonly ips: readonly string[];
  /** InternalIP addresses (canonical). */
  readonly internalIps: readonly string[];
  /** Tunnel / WireGuard interface addresses from the Calico annotations (canonical). */
  readonly tunnelIps: readonly string[];
  /** BGP addresses (from `projectcalico.org/IPv4Address`/`IPv6Address`, mask stripped). */
  readonly bgpIps: readonly string[];
  /** The address other hosts reach the node on (first InternalIP, else BGP, else any). */
  readonly primaryIp?: string;
  /** Addresses of `status.interfaces`-style annotation, if any (unused by default). */
  readonly interfaceIps: readonly string[];
  /** Calico's tunnel device addresses by encapsulation (canonical), from the node annotations. */
  readonly tunnels: { readonly ipip?: string; readonly vxlan?: string; readonly vxlanV6?: string };
  /** `spec.podCIDRs` (else `spec.podCIDR`), normalised: flannel's lease subnets. */
  readonly podCidrs: readonly string[];
  /** Flannel's node annotations, when the node has them (Canal or flannel clusters). */
  readonly flannel?: FlannelNodeInfo;
}

/** A HostEndpoint (explicit or automatic). */
export interface HostEndpointInfo {
  readonly name: string;
  readonly node: string;
  /** `"*"`, a device name, or `""` (IP-matched). */
  readonly interfaceName: string;
  readonly expectedIps: readonly string[];
  readonly labels: Readonly<Record<string, string>>;
  readonly profiles: readonly string[];
  readonly ports: readonly NamedPort[];
  /** True for `<node>-auto-hep` endpoints derived from KubeControllersConfiguration. */
  readonly automatic: boolean;
}

/** A (Global)NetworkSet. */
export interface NetworkSetInfo {
  readonly namespace?: string;
  readonly name: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly nets: readonly Net[];
}

/** One port of a Service. */
export interface ServicePortInfo {
  readonly name?: string;
  readonly protocol: number;
  readonly port: number;
  /** Numeric target port or a container port name. */
  readonly targetPort: number | string;
  readonly nodePort?: number;
}

/** A Service. */
export interface ServiceInfo {
  readonly namespace: string;
  readonly name: string;
  readonly clusterIps: readonly string[];
  readonly ports: readonly ServicePortInfo[];
  /** `undefined` for a service without selector (no backends known). */
  readonly selector?: Readonly<Record<string, string>>;
  readonly externalTrafficPolicy: 'Cluster' | 'Local';
  readonly type: string;
}

/** What Calico selectors see: one selectable entity with labels and addresses. */
export interface LabeledEntity {
  /** Index in the model's entity table. */
  readonly index: number;
  readonly kind: 'workload' | 'hostendpoint' | 'networkset' | 'globalnetworkset';
  /** Display id: `ns/pod`, `hep:<name>`, `networkset:ns/name`, `globalnetworkset:name`. */
  readonly id: string;
  readonly namespace?: string;
  /** Effective labels, including Calico's pseudo-labels and inherited `pcns.`/`pcsa.` profile labels. */
  readonly labels: Readonly<Record<string, string>>;
  /** Addresses as networks (host prefixes for endpoints). */
  readonly nets: readonly Net[];
  readonly ports: readonly NamedPort[];
}

/** One endpoint a query can name (the stable listing of {@link NetworkModel.endpoints}). */
export interface EndpointRef {
  /** Query id: `<namespace>/<pod>`, `node/<name>` or `svc/<namespace>/<name>`. */
  readonly id: string;
  /** `workload` (pod with its own IP), `host` (a node; hostNetwork pods resolve to it) or `service`. */
  readonly kind: 'workload' | 'host' | 'service';
  readonly namespace?: string;
  readonly name: string;
  /** Pod IPs, node addresses, or service cluster IPs. */
  readonly ips: readonly string[];
}

/** Calico's label keys. */
export const LABEL_ORCHESTRATOR = 'projectcalico.org/orchestrator';
export const LABEL_NAME = 'projectcalico.org/name';
export {
  LABEL_NAMESPACE,
  LABEL_SERVICE_ACCOUNT,
  NAMESPACE_LABEL_PREFIX,
  SERVICE_ACCOUNT_LABEL_PREFIX,
} from '../../../model/policy/selector-labels';
import {
  LABEL_NAMESPACE,
  LABEL_SERVICE_ACCOUNT,
  NAMESPACE_LABEL_PREFIX,
  SERVICE_ACCOUNT_LABEL_PREFIX,
} from '../../../model/policy/selector-labels';

/**
 * Effective labels of a workload endpoint as Felix sees them: the namespace profile's labels
 * (`pcns.<key>` plus `pcns.projectcalico.org/name`), the service account profile's labels (`pcsa.<key>`,
 * `pcsa.projectcalico.org/name`), then the pod's labels, then the pseudo-labels the WEP conversion sets
 * (`projectcalico.org/namespace`, `projectcalico.org/orchestrator: k8s`, `projectcalico.org/serviceaccount`).
 */
export function workloadLabels(
  pod: PodInfo,
  namespaceLabels: Readonly<Record<string, string>>,
  serviceAccountLabels: Readonly<Record<string, string>>,
): Record<string, string> {
  const out: Record<string, string> = {};
  Object.assign(out, namespaceProfileLabels(pod.namespace, namespaceLabels));
  for (const [k, v] of Object.entries(serviceAccountLabels)) out[SERVICE_ACCOUNT_LABEL_PREFIX + k] = v;
  out[`${SERVICE_ACCOUNT_LABEL_PREFIX}${LABEL_NAME}`] = pod.serviceAccount;
  Object.assign(out, pod.labels);
  out[LABEL_NAMESPACE] = pod.namespace;
  out[LABEL_ORCHESTRATOR] = 'k8s';
  out[LABEL_SERVICE_ACCOUNT] = pod.serviceAccount;
  return out;
}

/** Labels of the `kns.<ns>` profile that namespaced entities inherit. */
export function namespaceProfileLabels(
  namespace: string,
  namespaceLabels: Readonly<Record<string, string>>,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(namespaceLabels)) out[NAMESPACE_LABEL_PREFIX + k] = v;
  out[`${NAMESPACE_LABEL_PREFIX}${LABEL_NAME}`] = namespace;
  return out;
}

/** Effective labels of a NetworkSet: inherited namespace profile labels, its own, then the namespace label. */
export function networkSetLabels(
  set: NetworkSetInfo,
  namespaceLabels: Readonly<Record<string, string>>,
): Record<string, string> {
  if (set.namespace === undefined) return { ...set.labels };
  return { ...namespaceProfileLabels(set.namespace, namespaceLabels), ...set.labels, [LABEL_NAMESPACE]: set.namespace };
}

/** The public result types of {@link NetworkModel.evaluate}. */

/** Where a check happens. */
export type EnforcementPoint =
  /** The source pod's egress policy. */
  | 'source-workload-egress'
  /** Normal (host-local) egress policy of the source node's host endpoint. */
  | 'source-host-endpoint-egress'
  /** doNotTrack egress policy of a host endpoint (raw table). */
  | 'untracked-egress'
  /** applyOnForward egress policy of the host endpoint the forwarded packet leaves through. */
  | 'forward-egress'
  /** doNotTrack ingress policy of the receiving host endpoint (raw table). */
  | 'untracked-ingress'
  /** preDNAT policy of the receiving host endpoint (mangle PREROUTING, pre-DNAT destination). */
  | 'pre-dnat'
  /** applyOnForward ingress policy of the host endpoint a forwarded packet arrives on. */
  | 'forward-ingress'
  /** Normal (host-local) ingress policy of the destination node's host endpoint. */
  | 'destination-host-endpoint-ingress'
  /** The destination pod's ingress policy. */
  | 'destination-workload-ingress'
  /** Felix's DefaultEndpointToHostAction for a pod talking to its own node. */
  | 'workload-to-host'
  /** A fixed Felix behaviour that needs no policy (host → local pod, IPIP/VXLAN between hosts). */
  | 'felix'
  /** Routing of node-originated traffic: the tunnel device and source address it leaves from (never decides). */
  | 'route';

/** Rule actions, plus the pseudo-action of a step that does not decide. */
export type StepAction = 'Allow' | 'Deny' | 'Pass' | 'Log' | 'Continue';

/** The default that decided when no rule did. */
export type DefaultDecision =
  | 'end-of-tier deny'
  | 'profile allow'
  | 'no profile (deny)'
  | 'no policy selects the endpoint (allow)'
  | 'no policy selects the endpoint (continue)'
  | 'no rule matched (continue)'
  | 'all tiers passed (allow)'
  | 'failsafe port'
  | 'Felix allows IPIP/VXLAN between hosts'
  | 'host to local pod is never policed'
  | 'pod to its own IP is never policed'
  | 'Felix drops IPIP/VXLAN packets from workloads'
  | 'no host endpoint (not policed)'
  | 'no enforcement point on the path'
  | 'kube-proxy masquerade (SNAT)'
  | 'endpoint-to-host action'
  | 'skipped: accepted by preDNAT policy'
  | 'skipped: accepted by doNotTrack policy'
  | 'node source address'
  | 'flannel VXLAN encapsulation';

/** What decided at one enforcement point. */
export interface Decision {
  /** The effective action (`Continue`: no verdict here, the packet goes on to the next check). */
  readonly action: StepAction;
  /** Tier of the deciding rule, or of the end-of-tier deny. */
  readonly tier?: string;
  /** Deciding policy, `name` or `namespace/name` (Kubernetes policies: `ns/knp.default.<name>`). */
  readonly policy?: string;
  /** Input kind of the deciding policy. */
  readonly policyKind?: string;
  /**
   * Index of the deciding rule in the policy's `ingress` or `egress` list (for a ClusterNetworkPolicy, the rule as
   * written, not the Calico rule it converts to).
   */
  readonly ruleIndex?: number;
  /** The deciding rule's name, when it has one (ClusterNetworkPolicy rules). */
  readonly ruleName?: string;
  /**
   * Set when the deciding rule is Calico's fail-closed replacement (`{action: Deny}`) of a ClusterNetworkPolicy rule it
   * cannot convert: the field and why.
   */
  readonly failClosed?: string;
  /** True when the deciding policy is a staged policy previewed with `{ staged: true }`. */
  readonly staged?: boolean;
  /** The default that decided, when no rule did. */
  readonly default?: DefaultDecision;
  /** Profile that allowed (`kns.<ns>`, `projectcalico-default-allow`). */
  readonly profile?: string;
  /** For failsafe decisions: the matching entry, e.g. `tcp:22`. */
  readonly failsafe?: string;
  /**
   * Details of a non-deciding step (`node source address`: the device, the address and why; `flannel VXLAN
   * encapsulation`: the outer packet).
   */
  readonly note?: string;
}

/** A Log rule the packet hit on the way (non-terminal). */
export interface LogHit {
  readonly tier: string;
  readonly policy: string;
  readonly ruleIndex: number;
}

/** One enforcement point crossed. */
export interface Step {
  readonly point: EnforcementPoint;
  /** The endpoint whose policy applies: `ns/pod`, or `hep:<name>` for a host endpoint, or `node/<name>`. */
  readonly endpoint: string;
  /** The node the check runs on. */
  readonly node?: string;
  /** Packet as seen here. */
  readonly packet: { readonly src: string; readonly dst: string; readonly protocol: string; readonly port?: number };
  /** Whether the packet may go on after this point. */
  readonly allowed: boolean;
  readonly decision: Decision;
  /** Log rules hit before the decision. */
  readonly logs?: readonly LogHit[];
  /** One-line human description. */
  readonly text: string;
}

/** Per-backend outcome of a service query. */
export interface BackendResult {
  /** Backend endpoint id (`ns/pod`, or `node/<name>` for a hostNetwork backend). */
  readonly endpoint: string;
  readonly ip: string;
  /** Target port after DNAT. */
  readonly port?: number;
  /** Node that received the packet and DNATed it (`undefined` when the client's own node did it). */
  readonly via?: string;
  /** Source address the backend's ingress policy saw. */
  readonly seenSource: string;
  readonly allowed: boolean;
  readonly reason: string;
  readonly steps: readonly Step[];
}

/** The answer of {@link NetworkModel.evaluate}. */
export interface EvaluateResult {
  /** True when the connection is allowed (for a service: when at least one backend is reachable). */
  readonly allowed: boolean;
  /** One-line explanation of what decided. */
  readonly reason: string;
  /**
   * Every enforcement point crossed, in order (for a service: the steps of the first reachable backend, else the first
   * backend).
   */
  readonly steps: readonly Step[];
  /** For service destinations: every backend and its verdict. */
  readonly backends?: readonly BackendResult[];
}

/** A query. */
export interface TrafficQuery {
  /** `ns/pod`, `node/<name>`, `svc/ns/name` (destination only) or an IP. */
  readonly from: string;
  readonly to: string;
  /** Protocol name or number. @default 'TCP' */
  readonly protocol?: string | number;
  /** Destination port (for a service: the service port). */
  readonly port?: number;
  /** Source port, if a rule cares (otherwise source-port conditions do not match and `notPorts` do). */
  readonly sourcePort?: number;
  /** ICMP type and code. @default echo request (8/0, or 128/0 for ICMPv6) */
  readonly icmp?: { readonly type: number; readonly code?: number };
  /** For services reached from outside the cluster: the node that receives the packet. */
  readonly via?: string;
}

/** Options of {@link NetworkModel.evaluate}. */
export interface EvaluateOptions {
  /** Preview staged policies as if enforced (Set/Learn replace, Delete removes the enforced counterpart). */
  readonly staged?: boolean;
}

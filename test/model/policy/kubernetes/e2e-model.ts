/**
 * The cluster model of the upstream Kubernetes network policy e2e tests (kubernetes/kubernetes
 * `test/e2e/network/netpol/`): namespaces x, y, z, each with pods a, b, c; every pod serves ports 80 and 81 over
 * TCP, UDP and SCTP from containers whose ports are named `serve-<port>-<protocol>` (e.g. `serve-80-tcp`).
 */

/** The namespaces. Upstream adds a random prefix (`<framework-ns>-x`); the cases use the bare names. */
export const E2E_NAMESPACES: readonly string[] = ['x', 'y', 'z'];

/** The pod names in every namespace. */
export const E2E_POD_NAMES: readonly string[] = ['a', 'b', 'c'];

/** Every pod, as `namespace/pod`, in upstream's order. */
export const E2E_ALL_PODS: readonly string[] = E2E_NAMESPACES.flatMap((ns) => E2E_POD_NAMES.map((p) => `${ns}/${p}`));

/** The served ports. */
export const E2E_PORTS: readonly number[] = [80, 81];

/** The served protocols. */
export const E2E_PROTOCOLS: readonly string[] = ['TCP', 'UDP', 'SCTP'];

/**
 * Upstream ignores pod-to-self connections when comparing truth tables (`ignoreLoopback = true`: "the semantics of
 * the effect of network policies on loopback calls may be undefined"). The tables still hold upstream's values for
 * them; a runner should skip `from === to`.
 */
export const E2E_IGNORE_LOOPBACK = true;

/**
 * Labels of a namespace: `ns: <name>` (what the 2020-2021 suite selects on) and the automatic
 * `kubernetes.io/metadata.name: <name>` (what the current suite selects on).
 */
export function e2eNamespaceLabels(namespace: string): Record<string, string> {
  return { ns: namespace, 'kubernetes.io/metadata.name': namespace };
}

/** Labels of a pod: `pod: <name>`. */
export function e2ePodLabels(pod: string): Record<string, string> {
  return { pod: pod.includes('/') ? pod.split('/')[1] : pod };
}

/** A container port of every e2e pod. */
export interface E2eContainerPort {
  readonly name: string;
  readonly containerPort: number;
  readonly protocol: string;
}

/** The container ports every pod serves: `serve-80-tcp`, `serve-80-udp`, ..., `serve-81-sctp`. */
export function e2eContainerPorts(): E2eContainerPort[] {
  return E2E_PORTS.flatMap((port) =>
    E2E_PROTOCOLS.map((protocol) => ({
      name: `serve-${port}-${protocol.toLowerCase()}`,
      containerPort: port,
      protocol,
    })),
  );
}

/**
 * Stands for a CIDR upstream builds at run time from a pod's IP: `<IP of podIp>/<prefix>` (e.g. the
 * "allow egress access to server in CIDR block" test allows `<IP of y/b>/32`). Written where a string CIDR goes;
 * {@link resolvePodIpPlaceholders} turns it into text.
 */
export interface PodIpPlaceholder {
  /** The pod whose IP is used, `namespace/pod`. */
  readonly podIp: string;
  /** The prefix length appended. */
  readonly prefix: number;
}

function isPlaceholder(v: unknown): v is PodIpPlaceholder {
  return (
    typeof v === 'object' &&
    v !== null &&
    typeof (v as PodIpPlaceholder).podIp === 'string' &&
    typeof (v as PodIpPlaceholder).prefix === 'number'
  );
}

/**
 * A deep copy of `value` with every {@link PodIpPlaceholder} replaced by `<ipOf(pod)>/<prefix>`.
 * @param ipOf the IP address assigned to a pod (`namespace/pod`)
 */
export function resolvePodIpPlaceholders<T>(value: T, ipOf: (pod: string) => string): T {
  if (isPlaceholder(value)) return `${ipOf(value.podIp)}/${value.prefix}` as unknown as T;
  if (Array.isArray(value)) return value.map((v) => resolvePodIpPlaceholders(v, ipOf)) as unknown as T;
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, resolvePodIpPlaceholders(v, ipOf)])) as T;
  }
  return value;
}

/**
 * What the views (matrix, diff, matchers, CLI) need from a reachability model. `NetworkModel` satisfies it; the
 * views depend only on this shape so they stay independent of how the engine computes verdicts.
 */

/** One endpoint a query can name. */
export interface EndpointRef {
  /** Query id: `<namespace>/<pod>`, `node/<name>`, `svc/<namespace>/<name>`. */
  readonly id: string;
  /** `workload`, `host`, `service`, ... */
  readonly kind: string;
  /** Namespace, for namespaced endpoints. */
  readonly namespace?: string;
  /** Name. */
  readonly name: string;
  /** Addresses. */
  readonly ips: readonly string[];
}

/** One question: may `from` reach `to` on this port? */
export interface TrafficQuery {
  /** Source endpoint id or IP. */
  readonly from: string;
  /** Destination endpoint id or IP. */
  readonly to: string;
  /**
   * `TCP`, `UDP`, `SCTP`, `ICMP`, ...
   * @default 'TCP'
   */
  readonly protocol?: string;
  /**
   * Destination port.
   * @default - none (for protocols without ports)
   */
  readonly port?: number;
}

/** The answer, with the trace of enforcement points crossed. */
export interface TrafficVerdict {
  /** Whether the connection is allowed. */
  readonly allowed: boolean;
  /** One-line explanation of what decided. */
  readonly reason: string;
  /** One entry per enforcement point crossed. */
  readonly steps: readonly unknown[];
}

/** A model the views can query. */
export interface QueryableModel {
  /** Every endpoint a query can name, in a stable order. */
  endpoints(): readonly EndpointRef[];
  /** Evaluates one query. */
  evaluate(query: TrafficQuery): TrafficVerdict;
}

/** A destination port and protocol, e.g. `80/TCP`. */
export interface PortProtocol {
  /** Port number. */
  readonly port: number;
  /** Protocol name. */
  readonly protocol: string;
}

/** Renders one trace step as text: its `text`/`description` when it has one, else compact JSON. */
export function describeStep(step: unknown): string {
  if (typeof step === 'string') return step;
  if (step && typeof step === 'object') {
    const s = step as { text?: unknown; description?: unknown; toString?: () => string };
    if (typeof s.text === 'string') return s.text;
    if (typeof s.description === 'string') return s.description;
    if (typeof s.toString === 'function' && s.toString !== Object.prototype.toString) return s.toString();
  }
  return JSON.stringify(step);
}

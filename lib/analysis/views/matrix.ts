import { describeStep, PortProtocol, QueryableModel } from './contract';
import { formatPortProtocol } from './port-spec';

/** Options of {@link computeMatrix}. */
export interface MatrixOptions {
  /**
   * Endpoint ids for the rows and columns, in this order.
   * @default - every endpoint of the model except services, in the model's order
   */
  readonly endpoints?: string[];
  /** Destination ports to evaluate. */
  readonly ports: PortProtocol[];
}

/** One cell: the verdict for one source, destination and port. */
export interface MatrixCell {
  /** Whether the flow is allowed. */
  readonly allowed: boolean;
  /** What decided. */
  readonly reason: string;
  /** The trace, one line per enforcement point. */
  readonly trace: readonly string[];
}

/** A full connectivity matrix: `cells[port][from][to]`, `null` on the diagonal (an endpoint to itself). */
export interface ConnectivityMatrix {
  /** Row and column endpoint ids. */
  readonly endpoints: readonly string[];
  /** The ports, one grid each. */
  readonly ports: readonly PortProtocol[];
  /** `cells[p][i][j]`: from `endpoints[i]` to `endpoints[j]` on `ports[p]`. */
  readonly cells: ReadonlyArray<ReadonlyArray<ReadonlyArray<MatrixCell | null>>>;
}

/** Evaluates every ordered pair of endpoints on every port. */
export function computeMatrix(model: QueryableModel, options: MatrixOptions): ConnectivityMatrix {
  const endpoints = options.endpoints ?? model.endpoints().filter((e) => e.kind !== 'service').map((e) => e.id);
  const cells = options.ports.map((p) => endpoints.map((from) => endpoints.map((to) => {
    if (from === to) return null;
    const v = model.evaluate({ from, to, port: p.port, protocol: p.protocol });
    return { allowed: v.allowed, reason: v.reason, trace: v.steps.map(describeStep) };
  })));
  return { endpoints, ports: options.ports, cells };
}

/** Counts of allowed and denied flows, per port. */
export function matrixTotals(m: ConnectivityMatrix): Array<{ port: string; allowed: number; denied: number }> {
  return m.ports.map((p, i) => {
    let allowed = 0;
    let denied = 0;
    for (const row of m.cells[i]) for (const c of row) if (c) (c.allowed ? allowed++ : denied++);
    return { port: formatPortProtocol(p), allowed, denied };
  });
}

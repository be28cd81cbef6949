import {
  guardArray,
  guardImplements,
  guardKnownKeys,
  guardObject,
  guardOptionalArray,
  guardOptionalBoolean,
  guardOptionalInteger,
  guardString,
} from '../../../model/primitives/guard';
import { describeStep, PortProtocol, QueryableModel, TrafficVerdict } from './contract';
import { formatPortProtocol } from './port-spec';

/**
 * Grids with more endpoints than this carry verdicts only (`reason` '' and an empty `trace`) unless
 * {@link MatrixOptions.detailLimit} says otherwise; {@link ConnectivityMatrix.explain} still gives any cell's trace.
 */
export const DEFAULT_DETAIL_LIMIT = 200;

/** Options of {@link computeMatrix}. */
export interface MatrixOptions {
  /**
   * Endpoint ids for the rows and columns, in this order.
   * @default - every endpoint of the model except services, in the model's order
   */
  readonly endpoints?: string[];
  /** Destination ports to evaluate. */
  readonly ports: PortProtocol[];
  /**
   * Preview staged policies as if enforced (passed to the model as `evaluate(q, { staged: true })`).
   * @default false
   */
  readonly staged?: boolean;
  /**
   * Models with a fast `matrix()` (such as `NetworkModel`): up to this many endpoints, every cell carries its
   * `reason` and `trace`, computed lazily when first read; above it, cells carry the verdict with `reason` ''
   * and an empty `trace` (use {@link ConnectivityMatrix.explain} for one cell), so a 2,000 × 2,000 grid holds
   * one byte per cell instead of a trace per cell. Models without `matrix()` always get full cells.
   * @default 200
   */
  readonly detailLimit?: number;
  /**
   * Called as rows are done: `done` of `total` (rows × ports), for a progress bar.
   * @default - no progress reports
   */
  readonly onProgress?: (done: number, total: number) => void;
}

/** One cell: the verdict for one source, destination and port. */
export interface MatrixCell {
  /** Whether the flow is allowed. */
  readonly allowed: boolean;
  /** What decided ('' in grids above the detail limit). */
  readonly reason: string;
  /** The trace, one line per enforcement point (empty in grids above the detail limit). */
  readonly trace: readonly string[];
}

/** A full connectivity matrix: `cells[port][from][to]`, `null` on the diagonal (an endpoint to itself). */
export interface ConnectivityMatrix {
  /** Row and column endpoint ids. */
  readonly endpoints: readonly string[];
  /** The ports, one grid each. */
  readonly ports: readonly PortProtocol[];
  /**
   * `cells[p][i][j]`: from `endpoints[i]` to `endpoints[j]` on `ports[p]`. With a fast model, rows are built on
   * access (indexable, iterable and `map`-able like arrays) rather than held in memory.
   */
  readonly cells: ReadonlyArray<ReadonlyArray<ReadonlyArray<MatrixCell | null>>>;
  /**
   * Fast models only: per port, row-major `from × to` verdicts (`allowed[p][i * n + j]`, 1 allowed, 0 denied or self).
   */
  readonly allowed?: readonly Uint8Array[];
  /** False when cells carry verdicts only (grid above the detail limit). @default true */
  readonly detailed?: boolean;
  /** The full cell (reason and trace) of `cells[port][from][to]`, evaluated now; `null` on the diagonal. */
  explain?(port: number, from: number, to: number): MatrixCell | null;
}

/** What a model with a fast matrix offers (`NetworkModel.matrix`). */
interface FastMatrixModel {
  matrix(request: {
    endpoints?: readonly string[];
    ports: readonly PortProtocol[];
    staged?: boolean;
    onProgress?: (done: number, total: number) => void;
  }): {
    readonly endpoints: readonly string[];
    readonly allowed: readonly Uint8Array[];
    explain(port: number, from: number, to: number): TrafficVerdict;
  };
}

function hasFastMatrix(model: QueryableModel): model is QueryableModel & FastMatrixModel {
  return typeof (model as Partial<FastMatrixModel>).matrix === 'function';
}

const NO_TRACE: readonly string[] = Object.freeze([]);
const ALLOWED: MatrixCell = Object.freeze({ allowed: true, reason: '', trace: NO_TRACE });
const DENIED: MatrixCell = Object.freeze({ allowed: false, reason: '', trace: NO_TRACE });

/**
 * Evaluates every ordered pair of endpoints on every port. Uses the model's fast `matrix()` when it has one
 * (verdicts identical to `evaluate`; see {@link MatrixOptions.detailLimit} for reasons and traces), else calls
 * `evaluate` for every pair.
 */
export function computeMatrix(model: QueryableModel, options: MatrixOptions): ConnectivityMatrix {
  const where = 'computeMatrix';
  guardImplements(
    model,
    ['endpoints', 'evaluate'],
    where,
    'model',
    'a model with endpoints() and evaluate() (NetworkModel.fromManifests)',
  );
  const o = guardObject(options, where, 'options', {
    expected: "an options object { ports: [{ port: 80, protocol: 'TCP' }], endpoints?, staged?, detailLimit? }",
  });
  guardKnownKeys(o, ['ports', 'endpoints', 'staged', 'detailLimit', 'onProgress'], where, 'options');
  guardArray(o.ports, where, 'options.ports', (p) => p, {
    of: 'ports { port, protocol }',
    fix: "pass ports: [{ port: 80, protocol: 'TCP' }] (parsePortList('80/TCP'))",
  });
  guardOptionalArray(o.endpoints, where, 'options.endpoints', (e, f) => guardString(e, where, f), {
    of: 'endpoint ids',
  });
  guardOptionalBoolean(o.staged, where, 'options.staged');
  guardOptionalInteger(o.detailLimit, where, 'options.detailLimit', { min: 0 });
  const endpoints =
    options.endpoints ??
    model
      .endpoints()
      .filter((e) => e.kind !== 'service')
      .map((e) => e.id);
  if (hasFastMatrix(model)) return fastMatrix(model, endpoints, options);
  const evaluate = options.staged
    ? (q: Parameters<QueryableModel['evaluate']>[0]) =>
        (model.evaluate as (q: unknown, o: unknown) => TrafficVerdict)(q, { staged: true })
    : (q: Parameters<QueryableModel['evaluate']>[0]) => model.evaluate(q);
  const total = options.ports.length * endpoints.length;
  const cells = options.ports.map((p, pi) =>
    endpoints.map((from, r) =>
      endpoints.map((to, c) => {
        if (c === endpoints.length - 1) options.onProgress?.(pi * endpoints.length + r + 1, total);
        if (from === to) return null;
        const v = evaluate({ from, to, port: p.port, protocol: p.protocol });
        return { allowed: v.allowed, reason: v.reason, trace: v.steps.map(describeStep) };
      }),
    ),
  );
  return { endpoints, ports: options.ports, cells };
}

function fastMatrix(
  model: QueryableModel & FastMatrixModel,
  endpoints: string[],
  options: MatrixOptions,
): ConnectivityMatrix {
  const fast = model.matrix({
    endpoints,
    ports: options.ports,
    staged: options.staged,
    ...(options.onProgress ? { onProgress: options.onProgress } : {}),
  });
  const n = endpoints.length;
  const detailed = n <= (options.detailLimit ?? DEFAULT_DETAIL_LIMIT);
  const ids = new Map<string, number>();
  const self = Int32Array.from(endpoints, (e) => {
    let v = ids.get(e);
    if (v === undefined) ids.set(e, (v = ids.size));
    return v;
  });
  const explain = (p: number, i: number, j: number): MatrixCell | null => {
    if (self[i] === self[j]) return null;
    const v = fast.explain(p, i, j);
    return { allowed: v.allowed, reason: v.reason, trace: v.steps.map(describeStep) };
  };
  const lazyCell = (p: number, i: number, j: number, allowed: boolean): MatrixCell => {
    let full: MatrixCell | null | undefined;
    const get = () => (full ??= explain(p, i, j)!);
    return {
      allowed,
      get reason() {
        return get().reason;
      },
      get trace() {
        return get().trace;
      },
    };
  };
  const cells = options.ports.map((_p, p) => {
    const bits = fast.allowed[p];
    const buildRow = (i: number): Array<MatrixCell | null> => {
      const row = new Array<MatrixCell | null>(n);
      const o = i * n;
      for (let j = 0; j < n; j++) {
        const a = bits[o + j] === 1;
        row[j] = self[i] === self[j] ? null : detailed ? lazyCell(p, i, j, a) : a ? ALLOWED : DENIED;
      }
      return row;
    };
    // Detailed grids are small: keep the rows built. Large ones: keep only the last row built (renderers walk row by
    // row).
    const kept: Array<Array<MatrixCell | null> | undefined> = detailed ? new Array(n) : [];
    let lastIndex = -1;
    let lastRow: Array<MatrixCell | null> = [];
    const grid: Array<ReadonlyArray<MatrixCell | null>> = new Array(n);
    for (let i = 0; i < n; i++) {
      Object.defineProperty(grid, i, {
        enumerable: true,
        get: () => {
          if (detailed) return (kept[i] ??= buildRow(i));
          if (lastIndex !== i) {
            lastRow = buildRow(i);
            lastIndex = i;
          }
          return lastRow;
        },
      });
    }
    return grid;
  });
  return { endpoints, ports: options.ports, cells, allowed: fast.allowed, detailed, explain };
}

/** Counts of allowed and denied flows, per port. */
export function matrixTotals(m: ConnectivityMatrix): Array<{ port: string; allowed: number; denied: number }> {
  if (m.allowed) {
    const n = m.endpoints.length;
    const counts = new Map<string, number>();
    for (const e of m.endpoints) counts.set(e, (counts.get(e) ?? 0) + 1);
    let selfPairs = 0;
    for (const c of counts.values()) selfPairs += c * c;
    return m.ports.map((p, i) => {
      const bits = m.allowed![i];
      let allowed = 0;
      for (let k = 0; k < bits.length; k++) allowed += bits[k];
      return { port: formatPortProtocol(p), allowed, denied: n * n - selfPairs - allowed };
    });
  }
  return m.ports.map((p, i) => {
    let allowed = 0;
    let denied = 0;
    for (const row of m.cells[i]) {
      for (const c of row) {
        if (c?.allowed) allowed++;
        else if (c) denied++;
      }
    }
    return { port: formatPortProtocol(p), allowed, denied };
  });
}

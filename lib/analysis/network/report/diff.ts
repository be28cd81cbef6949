import { describeStep, PortProtocol, QueryableModel, TrafficVerdict } from './contract';
import { formatPortProtocol } from './port-spec';

/** One flow whose verdict differs between two models. */
export interface FlowChange {
  /** Source endpoint id. */
  readonly from: string;
  /** Destination endpoint id. */
  readonly to: string;
  /** Port and protocol, e.g. `443/TCP`. */
  readonly port: string;
  /** Verdict before. */
  readonly before: { readonly allowed: boolean; readonly reason: string; readonly trace: readonly string[] };
  /** Verdict after. */
  readonly after: { readonly allowed: boolean; readonly reason: string; readonly trace: readonly string[] };
}

/** Options of {@link diffModels}. */
export interface DiffOptions {
  /** Ports to compare. */
  readonly ports: PortProtocol[];
  /**
   * Endpoint ids to compare.
   * @default - the non-service endpoints present in both models
   */
  readonly endpoints?: string[];
  /**
   * Called as rows are done: `done` of `total` (sources × ports), for a progress bar.
   * @default - no progress reports
   */
  readonly onProgress?: (done: number, total: number) => void;
}

/** What a model with a fast matrix offers (`NetworkModel.matrix`). */
interface FastMatrixModel {
  matrix(request: {
    endpoints?: readonly string[];
    ports: readonly PortProtocol[];
    onProgress?: (done: number, total: number) => void;
  }): {
    readonly allowed: readonly Uint8Array[];
    explain(port: number, from: number, to: number): TrafficVerdict;
  };
}

function hasFastMatrix(model: QueryableModel): model is QueryableModel & FastMatrixModel {
  return typeof (model as Partial<FastMatrixModel>).matrix === 'function';
}

/** A verdict whose reason and trace are computed when first read (a diff can change hundreds of thousands of flows). */
function lazyView(allowed: boolean, explain: () => TrafficVerdict): FlowChange['before'] {
  let v: TrafficVerdict | undefined;
  let trace: readonly string[] | undefined;
  return {
    allowed,
    get reason() {
      return (v ??= explain()).reason;
    },
    get trace() {
      return (trace ??= (v ??= explain()).steps.map(describeStep));
    },
  };
}

/**
 * Both models' matrices compared bit by bit (their verdicts are `evaluate`'s); the reasons and traces of the flows that
 * change are computed when read;
 * undefined when a model refuses the request (the per-pair path then reports the error as `evaluate` does).
 */
function fastDiff(
  before: QueryableModel & FastMatrixModel,
  after: QueryableModel & FastMatrixModel,
  endpoints: string[],
  options: DiffOptions,
): FlowChange[] | undefined {
  const progress = options.onProgress;
  let b: ReturnType<FastMatrixModel['matrix']>;
  let a: ReturnType<FastMatrixModel['matrix']>;
  try {
    // Both matrices report into one bar: the first half, then the second.
    b = before.matrix({ endpoints, ports: options.ports, onProgress: progress && ((d, t) => progress(d, 2 * t)) });
    a = after.matrix({ endpoints, ports: options.ports, onProgress: progress && ((d, t) => progress(t + d, 2 * t)) });
  } catch {
    return undefined;
  }
  const n = endpoints.length;
  const changes: FlowChange[] = [];
  options.ports.forEach((p, pi) => {
    const bb = b.allowed[pi];
    const ab = a.allowed[pi];
    for (let i = 0; i < n; i++) {
      const o = i * n;
      for (let j = 0; j < n; j++) {
        if (bb[o + j] === ab[o + j] || endpoints[i] === endpoints[j]) continue;
        changes.push({
          from: endpoints[i],
          to: endpoints[j],
          port: formatPortProtocol(p),
          before: lazyView(bb[o + j] === 1, () => b.explain(pi, i, j)),
          after: lazyView(ab[o + j] === 1, () => a.explain(pi, i, j)),
        });
      }
    }
  });
  return changes;
}

/**
 * Every flow (ordered endpoint pair x port) whose verdict changes from `before` to `after`. Models with a fast
 * `matrix()` (such as `NetworkModel`) are compared matrix against matrix, with traces for the changed flows only.
 */
export function diffModels(before: QueryableModel, after: QueryableModel, options: DiffOptions): FlowChange[] {
  const inAfter = new Set(after.endpoints().map((e) => e.id));
  const endpoints =
    options.endpoints ??
    before
      .endpoints()
      .filter((e) => e.kind !== 'service' && inAfter.has(e.id))
      .map((e) => e.id);
  if (hasFastMatrix(before) && hasFastMatrix(after)) {
    const fast = fastDiff(before, after, endpoints, options);
    if (fast) return fast;
  }
  const changes: FlowChange[] = [];
  const total = options.ports.length * endpoints.length;
  let done = 0;
  for (const p of options.ports) {
    for (const from of endpoints) {
      options.onProgress?.(done++, total);
      for (const to of endpoints) {
        if (from === to) continue;
        const q = { from, to, port: p.port, protocol: p.protocol };
        const b = before.evaluate(q);
        const a = after.evaluate(q);
        if (a.allowed !== b.allowed) {
          changes.push({
            from,
            to,
            port: formatPortProtocol(p),
            before: { allowed: b.allowed, reason: b.reason, trace: b.steps.map(describeStep) },
            after: { allowed: a.allowed, reason: a.reason, trace: a.steps.map(describeStep) },
          });
        }
      }
    }
  }
  options.onProgress?.(total, total);
  return changes;
}

/** One line per change: `x/a -> y/b 80/TCP: allowed -> denied (reason)`. */
export function renderDiffText(changes: readonly FlowChange[]): string {
  if (changes.length === 0) return 'no flow changes its verdict\n';
  const lines = changes.map(
    (c) =>
      `${c.from} -> ${c.to} ${c.port}: ${c.before.allowed ? 'allowed' : 'denied'} -> ${c.after.allowed ? 'allowed' : 'denied'} (${c.after.reason})`,
  );
  return `${lines.join('\n')}\n${changes.length} flow(s) change\n`;
}

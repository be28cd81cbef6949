/**
 * The full connectivity matrix without evaluating every pair.
 *
 * Rows (sources) and columns (destinations) are partitioned into equivalence classes whose verdicts cannot
 * differ (see `signatures.ts`): same kind, same ordered policy list for the direction, same address signatures,
 * same host-endpoint picture of their node. One pair per (row class, column class, port) is evaluated with the
 * real `evaluate` and its verdict broadcast, separately for pairs on different nodes and on the same node
 * (the paths differ: no host endpoint between two local pods, host → local pod never policed, pod → own node
 * is DefaultEndpointToHostAction). When neither side is a workload with a host endpoint on its node, the
 * same-node and cross-node verdicts of two workloads coincide and share one memo entry.
 *
 * Pairs whose path depends on the exact pair take the exact path (a real `evaluate` per pair): services,
 * external addresses and ids that do not resolve (which then throw as `evaluate` does), and two host parties
 * on the same node (a host reaching itself over `lo`).
 */
import { QueryError } from '../model/errors';
import type { ModelData } from '../build/build';
import { nodeOf, Party, resolveParty } from '../evaluate/resolve';
import type { EvaluateOptions, EvaluateResult, TrafficQuery } from '../model/result';
import { Interner, SignatureContext } from './signatures';

/** A destination port of the matrix. */
export interface MatrixPort {
  /** Port number. */
  readonly port: number;
  /** Protocol name or number (`TCP`, `UDP`, `SCTP`, 6, ...). */
  readonly protocol: string | number;
}

/** What {@link computeFastMatrix} (and `NetworkModel.matrix`) evaluates. */
export interface MatrixRequest {
  /**
   * Row and column endpoint ids, in this order (anything `evaluate` accepts).
   * @default - every endpoint of the model except services, in the model's order
   */
  readonly endpoints?: readonly string[];
  /** The destination ports, one grid each. */
  readonly ports: readonly MatrixPort[];
  /** Preview staged policies as if enforced (as `evaluate(q, { staged: true })`). */
  readonly staged?: boolean;
}

/** How the matrix was computed. */
export interface MatrixStats {
  /** Distinct source classes (rows that take the exact path count as none). */
  readonly rowClasses: number;
  /** Distinct destination classes. */
  readonly columnClasses: number;
  /** Calls of `evaluate` made (class representatives plus exact pairs). */
  readonly evaluations: number;
  /** Pairs evaluated exactly (not broadcast). */
  readonly exactPairs: number;
}

/** A connectivity matrix: one verdict bit per ordered pair and port, traces on demand. */
export interface FastMatrix {
  /** Row and column endpoint ids. */
  readonly endpoints: readonly string[];
  /** The ports, one grid each. */
  readonly ports: readonly MatrixPort[];
  /**
   * Per port, row-major `from × to` (`allowed[p][i * n + j]`): 1 allowed, 0 denied. An endpoint to itself (same
   * id) is 0 and never evaluated.
   */
  readonly allowed: readonly Uint8Array[];
  /** How it was computed. */
  readonly stats: MatrixStats;
  /** The full result of one cell, with its trace: exactly `evaluate` of that pair (computed now). */
  explain(port: number, from: number | string, to: number | string): EvaluateResult;
}

const EXACT = 1;
const HOST = 2;
/** A workload whose node has no host endpoint: no policy point between it and a peer besides the pods' own. */
const PLAIN_WORKLOAD = 4;

const contexts = new WeakMap<ModelData, [SignatureContext | undefined, SignatureContext | undefined]>();

function signatureContext(m: ModelData, preview: boolean): SignatureContext {
  let pair = contexts.get(m);
  if (!pair) contexts.set(m, (pair = [undefined, undefined]));
  const i = preview ? 1 : 0;
  return (pair[i] ??= new SignatureContext(m, preview));
}

function tryResolve(m: ModelData, id: string, what: 'from' | 'to'): Party | undefined {
  try {
    return resolveParty(m, id, what);
  } catch {
    return undefined;
  }
}

/** Computes the matrix of `ids` on `request.ports`; `evaluate` is the model's own (the ground truth). */
export function computeFastMatrix(
  m: ModelData,
  ids: readonly string[],
  request: MatrixRequest,
  evaluate: (q: TrafficQuery, o: EvaluateOptions) => EvaluateResult,
): FastMatrix {
  if (!request || !Array.isArray(request.ports)) {
    throw new QueryError(
      'NetworkModel.matrix',
      'request.ports',
      'expected a list of ports',
      "pass { ports: [{ port: 80, protocol: 'TCP' }] }",
    );
  }
  const staged = request.staged === true;
  const opts: EvaluateOptions = { staged };
  const ports = request.ports.map((p) => ({ port: p.port, protocol: p.protocol }));
  const n = ids.length;
  const sig = signatureContext(m, staged);

  // Classify rows and columns.
  const selfId = new Int32Array(n);
  const rowClass = new Int32Array(n);
  const colClass = new Int32Array(n);
  const rowNode = new Int32Array(n);
  const colNode = new Int32Array(n);
  const rowFlags = new Uint8Array(n);
  const colFlags = new Uint8Array(n);
  const idIntern = new Interner();
  const nodeIntern = new Interner();
  const rowKeys = new Interner();
  const colKeys = new Interner();
  for (let i = 0; i < n; i++) {
    const id = ids[i];
    selfId[i] = idIntern.id(id);
    const src = tryResolve(m, id, 'from');
    if (!src || (src.kind !== 'workload' && src.kind !== 'host')) {
      rowFlags[i] = EXACT;
      rowNode[i] = -(2 * i + 1);
    } else {
      const node = nodeOf(src);
      const ns = sig.node(node);
      rowNode[i] = node === undefined ? -(2 * i + 1) : nodeIntern.id(node);
      const pol = src.kind === 'workload' ? sig.policies(src.rec.entity, 'egress') : -1;
      rowFlags[i] = (src.kind === 'host' ? HOST : 0) | (src.kind === 'workload' && ns.noHep ? PLAIN_WORKLOAD : 0);
      rowClass[i] = rowKeys.id(`${src.kind}|${pol}|${sig.sourceAddresses(src)}|${ns.id}`);
    }
    const dst = tryResolve(m, id, 'to');
    if (!dst || (dst.kind !== 'workload' && dst.kind !== 'host')) {
      colFlags[i] = EXACT;
      colNode[i] = -(2 * i + 2);
    } else {
      const node = nodeOf(dst);
      const ns = sig.node(node);
      colNode[i] = node === undefined ? -(2 * i + 2) : nodeIntern.id(node);
      const pol = dst.kind === 'workload' ? sig.policies(dst.rec.entity, 'ingress') : -1;
      colFlags[i] = (dst.kind === 'host' ? HOST : 0) | (dst.kind === 'workload' && ns.noHep ? PLAIN_WORKLOAD : 0);
      colClass[i] = colKeys.id(`${dst.kind}|${pol}|${sig.destinationAddresses(dst)}|${ns.id}`);
    }
  }
  const C = colKeys.size;
  const R = rowKeys.size;

  let evaluations = 0;
  let exactPairs = 0;
  const allowed: Uint8Array[] = [];
  for (const port of ports) {
    const out = new Uint8Array(n * n);
    const cross = new Uint8Array(R * C);
    const same = new Uint8Array(R * C);
    const run = (i: number, j: number): boolean => {
      evaluations++;
      return evaluate({ from: ids[i], to: ids[j], port: port.port, protocol: port.protocol }, opts).allowed;
    };
    for (let i = 0; i < n; i++) {
      const rf = rowFlags[i];
      const rn = rowNode[i];
      const rs = selfId[i];
      const base = rowClass[i] * C;
      const o = i * n;
      for (let j = 0; j < n; j++) {
        if (selfId[j] === rs) continue;
        const cf = colFlags[j];
        const sameNode = rn === colNode[j];
        if ((rf | cf) & EXACT || (sameNode && rf & cf & HOST)) {
          exactPairs++;
          if (run(i, j)) out[o + j] = 1;
          continue;
        }
        const table = sameNode && !(rf & cf & PLAIN_WORKLOAD) ? same : cross;
        const k = base + colClass[j];
        let v = table[k];
        if (v === 0) table[k] = v = run(i, j) ? 2 : 1;
        if (v === 2) out[o + j] = 1;
      }
    }
    allowed.push(out);
  }

  const index = (x: number | string, what: string): number => {
    const i = typeof x === 'number' ? x : ids.indexOf(x);
    if (!Number.isInteger(i) || i < 0 || i >= n) {
      throw new QueryError(
        'FastMatrix.explain',
        what,
        `${JSON.stringify(x) ?? String(x)} is not a row/column of the matrix`,
        `pass an index 0-${n - 1} or an id of matrix.endpoints`,
      );
    }
    return i;
  };
  return {
    endpoints: ids,
    ports,
    allowed,
    stats: { rowClasses: R, columnClasses: C, evaluations, exactPairs },
    explain(p: number, from: number | string, to: number | string): EvaluateResult {
      const port = ports[p];
      if (!Number.isInteger(p) || !port) {
        throw new QueryError(
          'FastMatrix.explain',
          'port',
          `${JSON.stringify(p) ?? String(p)} is not the index of one of the matrix's ${ports.length} port(s)`,
          `pass an index 0-${ports.length - 1} of matrix.ports`,
        );
      }
      return evaluate(
        { from: ids[index(from, 'from')], to: ids[index(to, 'to')], port: port.port, protocol: port.protocol },
        opts,
      );
    },
  };
}

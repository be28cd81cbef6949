import { endpointApp, endpointNamespace } from './endpoint-groups';
import { ConnectivityMatrix, MatrixCell } from './matrix';
import { formatPortProtocol } from './port-spec';

/**
 * The data the HTML matrix page embeds (JSON), compact enough for 2,000 endpoints x 3 ports: verdicts as bitsets
 * with identical rows stored once, and traces for a bounded set of cells, each distinct text stored once.
 * Decoded by `MatrixView` in matrix-html-script.ts.
 */
export interface MatrixHtmlData {
  readonly ids: readonly string[];
  readonly ports: readonly string[];
  /** Per endpoint, its index in `nsNames` / `appNames`. */
  readonly ns: readonly number[];
  readonly nsNames: readonly string[];
  readonly app: readonly number[];
  readonly appNames: readonly string[];
  /** Bytes per row bitset: ceil(n / 8); bit j of a row (byte j >> 3, bit j & 7) is the verdict to endpoint j. */
  readonly rowBytes: number;
  /** Per port: the distinct row bitsets, concatenated (base64), and per endpoint its row (base64 Uint32 LE). */
  readonly grids: ReadonlyArray<{ readonly rows: string; readonly index: string }>;
  /** Distinct trace texts, `reason\nstep\nstep...`. */
  readonly texts: readonly string[];
  /** Per port: the traced cells' keys `from * n + to`, ascending, and each one's text index (base64 Uint32 LE). */
  readonly traced: ReadonlyArray<{ readonly keys: string; readonly text: string }>;
  readonly tracedCount: number;
  /** Non-self cells over every port. */
  readonly cellCount: number;
  /** The command the page shows for a cell without an embedded trace (`--from --to --port` are appended). */
  readonly explain: string;
}

/** Inputs of {@link encodeMatrixForHtml} beyond the matrix. */
export interface MatrixHtmlEncoding {
  /** Application per endpoint id. */
  readonly apps?: { readonly [endpointId: string]: string };
  /** At most this many cells carry their trace. */
  readonly traceLimit: number;
  /** Command prefix for cells without a trace. */
  readonly explainCommand: string;
}

function u32Base64(values: ArrayLike<number>): string {
  const buf = Buffer.alloc(values.length * 4);
  for (let k = 0; k < values.length; k++) buf.writeUInt32LE(values[k], k * 4);
  return buf.toString('base64');
}

function interned(names: string[], index: Map<string, number>, name: string): number {
  let k = index.get(name);
  if (k === undefined) {
    index.set(name, (k = names.length));
    names.push(name);
  }
  return k;
}

/** Encodes a matrix for the HTML page (see {@link MatrixHtmlData}). */
export function encodeMatrixForHtml(m: ConnectivityMatrix, o: MatrixHtmlEncoding): MatrixHtmlData {
  const n = m.endpoints.length;
  const ids = m.endpoints;
  const nsNames: string[] = [];
  const appNames: string[] = [];
  const nsIndex = new Map<string, number>();
  const appIndex = new Map<string, number>();
  const ns = ids.map((id) => interned(nsNames, nsIndex, endpointNamespace(id)));
  const app = ids.map((id) => interned(appNames, appIndex, o.apps?.[id] ?? endpointApp(id)));
  // Duplicate ids are one endpoint (the matrix gives them null cells); without duplicates, self is the diagonal.
  const unique = new Set(ids).size === n;
  const self = unique ? (i: number, j: number) => i === j : (i: number, j: number) => ids[i] === ids[j];
  const rowBytes = Math.ceil(n / 8);
  const bits = m.ports.map(() => Buffer.alloc(n * rowBytes));
  m.ports.forEach((_p, p) => {
    const fast = m.allowed?.[p];
    const out = bits[p];
    for (let i = 0; i < n; i++) {
      const row = fast ? undefined : m.cells[p][i];
      const base = i * rowBytes;
      for (let j = 0; j < n; j++) {
        const a = fast ? fast[i * n + j] === 1 && !self(i, j) : row![j]?.allowed === true;
        if (a) out[base + (j >> 3)] |= 1 << (j & 7);
      }
      // The diagonal is never read (self); copying the row above's bit there lets the rows of a run of alike
      // endpoints be identical, so the dictionary below stores them once.
      if (i > 0 && (out[base - rowBytes + (i >> 3)] >> (i & 7)) & 1) out[base + (i >> 3)] |= 1 << (i & 7);
    }
  });
  const grids = bits.map((b) => {
    const distinct = new Map<string, number>();
    const chunks: Buffer[] = [];
    const index = new Uint32Array(n);
    for (let i = 0; i < n; i++) {
      const row = b.subarray(i * rowBytes, (i + 1) * rowBytes);
      const key = row.toString('latin1');
      let k = distinct.get(key);
      if (k === undefined) {
        distinct.set(key, (k = chunks.length));
        chunks.push(row);
      }
      index[i] = k;
    }
    return { rows: Buffer.concat(chunks).toString('base64'), index: u32Base64(index) };
  });
  const allowedAt = (p: number, i: number, j: number) => (bits[p][i * rowBytes + (j >> 3)] >> (j & 7)) & 1;
  let selfPairs = 0;
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) if (self(i, j)) selfPairs++;
  const cellCount = m.ports.length * (n * n - selfPairs);
  const chosen = chooseTracedCells(m.ports.length, n, cellCount, o.traceLimit, { ns, app, self, allowedAt });
  const texts: string[] = [];
  const textIndex = new Map<string, number>();
  const full = (p: number, i: number, j: number): MatrixCell | null =>
    m.explain ? m.explain(p, i, j) : m.detailed === false ? null : m.cells[p][i][j];
  const traced = chosen.map((keys, p) => {
    const sorted = [...keys].sort((x, y) => x - y);
    const kept: number[] = [];
    const text: number[] = [];
    for (const key of sorted) {
      const c = full(p, Math.floor(key / n), key % n);
      if (!c || (c.reason === '' && c.trace.length === 0)) continue;
      kept.push(key);
      text.push(interned(texts, textIndex, [c.reason, ...c.trace].join('\n')));
    }
    return { keys: kept, text };
  });
  return {
    ids,
    ports: m.ports.map(formatPortProtocol),
    ns,
    nsNames,
    app,
    appNames,
    rowBytes,
    grids,
    texts,
    traced: traced.map((t) => ({ keys: u32Base64(t.keys), text: u32Base64(t.text) })),
    tracedCount: traced.reduce((s, t) => s + t.keys.length, 0),
    cellCount,
    explain: o.explainCommand,
  };
}

interface CellFacts {
  readonly ns: readonly number[];
  readonly app: readonly number[];
  self(i: number, j: number): boolean;
  allowedAt(p: number, i: number, j: number): number;
}

/**
 * Which cells carry their trace, per port (keys `from * n + to`): every cell when they fit the limit; otherwise, so
 * that every group pair can show an example, the first allowed and the first denied cell of each namespace pair, then
 * of each (namespace, app) pair, until the limit.
 */
function chooseTracedCells(ports: number, n: number, cellCount: number, limit: number, f: CellFacts): Set<number>[] {
  const out = Array.from({ length: ports }, () => new Set<number>());
  if (cellCount <= limit) {
    for (let p = 0; p < ports; p++) {
      for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) if (!f.self(i, j)) out[p].add(i * n + j);
    }
    return out;
  }
  let left = limit;
  const groupOf = (level: 'ns' | 'app'): { of: Int32Array; count: number } => {
    const index = new Map<string, number>();
    const of = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      const key = level === 'ns' ? String(f.ns[i]) : `${f.ns[i]}:${f.app[i]}`;
      let k = index.get(key);
      if (k === undefined) index.set(key, (k = index.size));
      of[i] = k;
    }
    return { of, count: index.size };
  };
  for (const level of ['ns', 'app'] as const) {
    const g = groupOf(level);
    // Group pairs x verdict; skip a level whose table would not fit in memory comfortably (32 MiB).
    if (g.count * g.count * 2 > 8_000_000) continue;
    for (let p = 0; p < ports && left > 0; p++) {
      // An even share of what is left for each remaining port.
      let quota = Math.floor(left / (ports - p));
      const first = new Int32Array(g.count * g.count * 2).fill(-1);
      for (let i = 0; i < n; i++) {
        const gi = g.of[i] * g.count;
        for (let j = 0; j < n; j++) {
          if (f.self(i, j)) continue;
          const slot = (gi + g.of[j]) * 2 + f.allowedAt(p, i, j);
          if (first[slot] < 0) first[slot] = i * n + j;
        }
      }
      for (let s = 0; s < first.length && quota > 0; s++) {
        if (first[s] >= 0 && !out[p].has(first[s])) {
          out[p].add(first[s]);
          quota--;
          left--;
        }
      }
    }
  }
  return out;
}

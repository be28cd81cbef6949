import { guardKnownKeys, guardObject, guardOptionalInteger, guardString } from '../../../model/primitives/guard';
import { encodeMatrixForHtml } from './matrix-html-data';
import { MATRIX_VIEW_SCRIPT } from './matrix-html-script';
import { ConnectivityMatrix, MatrixCell, matrixTotals } from './matrix';
import { formatPortProtocol } from './port-spec';
import { markdownCell } from '../../../model/primitives/markdown';

/**
 * Plain-text grids, one per port, in the cyclonus style: `.` allowed, `X` denied, `-` an endpoint to itself.
 * Columns are numbered; the legend maps numbers to endpoint ids.
 */
export function renderMatrixText(m: ConnectivityMatrix): string {
  const width = Math.max(...m.endpoints.map((e) => e.length), 4);
  const lines: string[] = [];
  lines.push('columns: ' + m.endpoints.map((e, j) => `${j + 1}=${e}`).join('  '));
  m.ports.forEach((p, i) => {
    lines.push('');
    lines.push(
      `${formatPortProtocol(p).padEnd(width)} | ${m.endpoints.map((_e, j) => String(j + 1).padStart(3)).join('')}`,
    );
    lines.push(`${'-'.repeat(width)}-+-${'-'.repeat(m.endpoints.length * 3)}`);
    m.endpoints.forEach((from, r) => {
      const row = m.cells[i][r].map((c) => (c === null ? '-' : c.allowed ? '.' : 'X').padStart(3)).join('');
      lines.push(`${from.padEnd(width)} | ${row}`);
    });
  });
  lines.push('');
  lines.push('legend: . allowed, X denied, - self; rows are sources, columns destinations');
  for (const t of matrixTotals(m)) lines.push(`${t.port}: ${t.allowed} allowed, ${t.denied} denied`);
  return lines.join('\n') + '\n';
}

/** One row of a grid as characters: `.` allowed, `X` denied, `-` an endpoint to itself (as the text grid). */
function gridRow(row: ReadonlyArray<MatrixCell | null>): string {
  let out = '';
  for (const c of row) out += c === null ? '-' : c.allowed ? '.' : 'X';
  return out;
}

/**
 * JSON: `endpoints`, `ports`, `totals`, `detailed`, and per port a `grid` of rows, one character per column (`.`
 * allowed, `X` denied, `-` self; rows are sources, columns destinations, in `endpoints` order). A detailed grid
 * (up to {@link MatrixOptions.detailLimit} endpoints) also carries `matrix`: per port a `from -> to -> {allowed,
 * reason, trace}` map. Above the limit there is no `matrix`: 2,000 endpoints would be 12 million cell objects per
 * three ports, past what one JSON text can hold (V8 refuses strings over ~512 MB); `explain` gives one cell's trace.
 */
export function renderMatrixJson(m: ConnectivityMatrix): string {
  const detailed = m.detailed !== false;
  const grid: { [port: string]: string[] } = {};
  m.ports.forEach((p, i) => {
    grid[formatPortProtocol(p)] = m.cells[i].map(gridRow);
  });
  const out: Record<string, unknown> = {
    endpoints: m.endpoints,
    ports: m.ports.map(formatPortProtocol),
    totals: matrixTotals(m),
    detailed,
    grid,
  };
  if (detailed) {
    const grids: { [port: string]: { [from: string]: { [to: string]: unknown } } } = {};
    m.ports.forEach((p, i) => {
      const cells: { [from: string]: { [to: string]: unknown } } = {};
      m.endpoints.forEach((from, r) => {
        cells[from] = {};
        m.endpoints.forEach((to, c) => {
          const cell = m.cells[i][r][c];
          if (cell) cells[from][to] = cell;
        });
      });
      grids[formatPortProtocol(p)] = cells;
    });
    out.matrix = grids;
  }
  return JSON.stringify(out, null, 2) + '\n';
}

/** Markdown tables, one per port: ✅ allowed, ❌ denied. */
export function renderMatrixMarkdown(m: ConnectivityMatrix): string {
  const out: string[] = [];
  m.ports.forEach((p, i) => {
    out.push(`### ${formatPortProtocol(p)}`, '');
    out.push(`| from \\ to | ${m.endpoints.map((e) => `\`${markdownCell(e)}\``).join(' | ')} |`);
    out.push(`|---|${m.endpoints.map(() => ':-:').join('|')}|`);
    m.endpoints.forEach((from, r) => {
      out.push(
        `| \`${markdownCell(from)}\` | ${m.cells[i][r].map((c) => (c === null ? '–' : c.allowed ? '✅' : '❌')).join(' | ')} |`,
      );
    });
    out.push('');
  });
  for (const t of matrixTotals(m)) out.push(`- ${t.port}: ${t.allowed} allowed, ${t.denied} denied`);
  return out.join('\n') + '\n';
}

function htmlEscape(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** Default of {@link MatrixHtmlOptions.traceLimit}. */
export const DEFAULT_HTML_TRACE_LIMIT = 3000;

/** Options of {@link renderMatrixHtml}. */
export interface MatrixHtmlOptions {
  /**
   * Application of each endpoint id, the second grouping level under the namespace (the CLI takes it from the pods'
   * `app.kubernetes.io/name`, `app` or `k8s-app` labels).
   * @default - the pod name without its controller suffix (`web-7d4b9c8f6-x2x7k` → `web`), the node name for nodes
   */
  readonly apps?: { readonly [endpointId: string]: string };
  /**
   * At most this many cells carry their reason and trace in the page (about half a kilobyte each). When the matrix
   * has more cells, the first allowed and first denied cell of each namespace pair, then of each application pair,
   * carry theirs (so every group shows an example), and the page shows the `explain` command for the others.
   * @default 3000
   */
  readonly traceLimit?: number;
  /**
   * The command the page shows for a cell without an embedded trace; `--from`, `--to` and `--port` are appended.
   * @default 'cdk8s-calico explain FILES...'
   */
  readonly explainCommand?: string;
}

/** JSON inside `<script type="application/json">`: `<` escaped so no text can close the element. */
function scriptJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

/**
 * A self-contained HTML page (inline CSS and script, nothing fetched) that stays usable at thousands of endpoints:
 * endpoints grouped by namespace and application in collapsible groups whose cells summarise their pairs
 * (`12/40` allowed), a text filter on endpoint ids, namespace and application selects, allowed-only or denied-only
 * views, one port at a time, and a click on a cell shows its verdict, reason and trace. The grid is drawn on a canvas
 * (only the visible part), verdicts travel as bitsets with identical rows stored once, and traces for at most
 * {@link MatrixHtmlOptions.traceLimit} cells (each distinct text once); other cells show the `explain` command.
 */
export function renderMatrixHtml(
  m: ConnectivityMatrix,
  title = 'Calico connectivity matrix',
  options: MatrixHtmlOptions = {},
): string {
  const where = 'renderMatrixHtml';
  guardString(title, where, 'title');
  const o = guardObject(options, where, 'options', {
    expected: 'an options object { apps?, traceLimit?, explainCommand? }',
  });
  guardKnownKeys(o, ['apps', 'traceLimit', 'explainCommand'], where, 'options');
  guardOptionalInteger(o.traceLimit, where, 'options.traceLimit', { min: 0 });
  if (o.explainCommand !== undefined) guardString(o.explainCommand, where, 'options.explainCommand');
  const data = encodeMatrixForHtml(m, {
    apps: options.apps,
    traceLimit: options.traceLimit ?? DEFAULT_HTML_TRACE_LIMIT,
    explainCommand: options.explainCommand ?? 'cdk8s-calico explain FILES...',
  });
  const totals = matrixTotals(m)
    .map((t) => `<li>${htmlEscape(t.port)}: ${t.allowed} allowed, ${t.denied} denied</li>`)
    .join('');
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>${htmlEscape(title)}</title>
<style>
body{font-family:system-ui,sans-serif;margin:1rem 1.5rem;color:#222}
#controls{display:flex;flex-wrap:wrap;gap:.5rem 1rem;align-items:center;margin:.5rem 0}
#wrap{position:relative;height:70vh;border:1px solid #ccc}
#scroller{position:absolute;inset:0;overflow:auto}
#cv{position:absolute;top:0;left:0;pointer-events:none}
#hover{min-height:1.2em;font-size:12px;color:#555}
#details{margin-top:.75rem;font-size:13px}
#details pre{background:#f4f4f4;padding:.4rem;white-space:pre-wrap}
#details .allow{color:#145214} #details .deny{color:#7a1010}
</style></head>
<body><h1>${htmlEscape(title)}</h1>
<p>${data.ids.length} endpoints. Rows are sources, columns destinations; green allowed, red denied, grey self.
Click a group name to open or close it, a cell for its verdict and trace.</p>
<ul>${totals}</ul>
<div id="controls">
<label>port <select id="port"></select></label>
<label>endpoint <input id="filter" type="search" placeholder="filter ids"></label>
<label><select id="ns"></select></label>
<label><select id="app"></select></label>
<label>filter applies to <select id="axis"><option value="both">rows and columns</option>
<option value="rows">rows (sources)</option><option value="cols">columns (destinations)</option></select></label>
<label>show <select id="show"><option value="all">all</option><option value="denied">only denied</option>
<option value="allowed">only allowed</option></select></label>
<button id="expand" type="button">expand all</button><button id="collapse" type="button">collapse all</button>
<span id="count"></span>
</div>
<div id="hover"></div>
<div id="wrap"><div id="scroller"><div id="spacer"></div></div><canvas id="cv"></canvas></div>
<div id="details"><p>Traces in this page: ${data.tracedCount} of ${data.cellCount} cells.</p></div>
<script type="application/json" id="matrix-data">${scriptJson(data)}</script>
<script>${MATRIX_VIEW_SCRIPT}</script>
</body></html>
`;
}

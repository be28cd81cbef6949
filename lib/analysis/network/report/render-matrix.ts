import { ConnectivityMatrix, matrixTotals } from './matrix';
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

/** JSON: endpoints, ports and, per port, a `from -> to -> {allowed, reason, trace}` map. */
export function renderMatrixJson(m: ConnectivityMatrix): string {
  const grids: { [port: string]: { [from: string]: { [to: string]: unknown } } } = {};
  m.ports.forEach((p, i) => {
    const grid: { [from: string]: { [to: string]: unknown } } = {};
    m.endpoints.forEach((from, r) => {
      grid[from] = {};
      m.endpoints.forEach((to, c) => {
        const cell = m.cells[i][r][c];
        if (cell) grid[from][to] = cell;
      });
    });
    grids[formatPortProtocol(p)] = grid;
  });
  return (
    JSON.stringify(
      { endpoints: m.endpoints, ports: m.ports.map(formatPortProtocol), totals: matrixTotals(m), matrix: grids },
      null,
      2,
    ) + '\n'
  );
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

/**
 * A self-contained HTML page (no scripts from elsewhere): one grid per port, allowed green and denied red, each
 * cell's trace in its tooltip (hover), sticky headers so large grids stay readable.
 */
export function renderMatrixHtml(m: ConnectivityMatrix, title = 'Calico connectivity matrix'): string {
  const grids = m.ports
    .map((p, i) => {
      const head = m.endpoints.map((e) => `<th class="col"><span>${htmlEscape(e)}</span></th>`).join('');
      const rows = m.endpoints
        .map((from, r) => {
          const cells = m.cells[i][r]
            .map((c, col) => {
              if (c === null) return '<td class="self">–</td>';
              const tip = [
                `${from} → ${m.endpoints[col]} ${formatPortProtocol(p)}: ${c.allowed ? 'allowed' : 'denied'}`,
                c.reason,
                ...c.trace,
              ].join('\n');
              return `<td class="${c.allowed ? 'allow' : 'deny'}" title="${htmlEscape(tip)}">${c.allowed ? '✓' : '✗'}</td>`;
            })
            .join('');
          return `<tr><th class="row">${htmlEscape(from)}</th>${cells}</tr>`;
        })
        .join('\n');
      return `<h2>${htmlEscape(formatPortProtocol(p))}</h2>\n<table><thead><tr><th class="corner">from \\ to</th>${head}</tr></thead>\n<tbody>\n${rows}\n</tbody></table>`;
    })
    .join('\n');
  const totals = matrixTotals(m)
    .map((t) => `<li>${htmlEscape(t.port)}: ${t.allowed} allowed, ${t.denied} denied</li>`)
    .join('');
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>${htmlEscape(title)}</title>
<style>
body{font-family:system-ui,sans-serif;margin:1.5rem;color:#222}
table{border-collapse:collapse;font-size:12px}
th,td{border:1px solid #ccc;padding:2px 4px;text-align:center}
th.row{text-align:left;position:sticky;left:0;background:#f7f7f7;white-space:nowrap}
th.col{position:sticky;top:0;background:#f7f7f7;height:8em;vertical-align:bottom}
th.col span{writing-mode:vertical-rl;transform:rotate(180deg);white-space:nowrap}
td.allow{background:#c8efc8;color:#145214}
td.deny{background:#f6c6c6;color:#7a1010}
td.self{background:#eee;color:#999}
td:hover{outline:2px solid #333}
</style></head>
<body><h1>${htmlEscape(title)}</h1>
<p>Rows are sources, columns destinations. Hover a cell for the trace: every enforcement point crossed and what decided.</p>
<ul>${totals}</ul>
${grids}
</body></html>
`;
}

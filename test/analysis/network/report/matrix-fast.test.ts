// computeMatrix on a NetworkModel (fast matrix) must render exactly what the per-pair path renders, keep cells
// indexable/iterable, and stay cheap on large grids.
import { cluster as benchCluster } from '../../../../bench/reachability';
import { NetworkModel } from '../../../../lib/analysis';
import type { QueryableModel } from '../../../../lib/analysis/network/report/contract';
import { computeMatrix, DEFAULT_DETAIL_LIMIT, matrixTotals } from '../../../../lib/analysis/network/report/matrix';
import { parsePortList } from '../../../../lib/analysis/network/report/port-spec';
import {
  renderMatrixHtml,
  renderMatrixJson,
  renderMatrixMarkdown,
  renderMatrixText,
} from '../../../../lib/analysis/network/report/render-matrix';
import { autoHeps, baseCluster, gnp, hep, knp, node, np, pod, sgnp } from '../fixtures';

/** The same model seen through the QueryableModel contract only (no matrix()): the per-pair path. */
function perPair(m: NetworkModel): QueryableModel {
  return { endpoints: () => m.endpoints(), evaluate: (q: any, o?: any) => m.evaluate(q, o) } as QueryableModel;
}

const docs = [
  ...baseCluster(),
  node('node-c', '10.0.0.3', { labels: { role: 'edge' } }),
  pod('prod', 'web2', {
    ip: '192.168.3.10',
    node: 'node-c',
    labels: { app: 'web' },
    ports: [{ name: 'http', containerPort: 8080 }],
  }),
  pod('prod', 'web3', {
    ip: '192.168.1.13',
    node: 'node-a',
    labels: { app: 'web' },
    ports: [{ name: 'http', containerPort: 8080 }],
  }),
  hep('node-b-eth0', { node: 'node-b', interfaceName: 'eth0', expectedIPs: ['10.0.0.2'] }, { host: 'b' }),
  autoHeps(),
  gnp('host', {
    selector: 'host == "b" || role == "edge"',
    applyOnForward: true,
    ingress: [{ action: 'Allow', protocol: 'TCP', destination: { ports: [80, 8080] } }],
    egress: [{ action: 'Allow' }],
  }),
  np('prod', 'db', {
    selector: 'app == "db"',
    ingress: [
      { action: 'Allow', protocol: 'TCP', source: { selector: 'app == "web"' }, destination: { ports: ['pg'] } },
    ],
  }),
  knp('prod', 'web', { podSelector: { matchLabels: { app: 'web' } }, ingress: [{ ports: [{ port: 'http' }] }] }),
  sgnp('staged', { selector: 'app == "web"', types: ['Ingress'], ingress: [{ action: 'Deny' }] }),
];
const ports = parsePortList('80/TCP,8080/TCP,5432/TCP,53/UDP,22/TCP');

describe('computeMatrix with a fast model', () => {
  for (const staged of [false, true]) {
    test(`renders exactly as the per-pair path (text, JSON with reasons and traces, Markdown, HTML)${staged ? ', staged' : ''}`, () => {
      const fast = computeMatrix(NetworkModel.fromManifests(docs), { ports, staged });
      const slow = computeMatrix(perPair(NetworkModel.fromManifests(docs)), { ports, staged });
      expect(fast.detailed).toBe(true);
      expect(fast.endpoints).toEqual(slow.endpoints);
      expect(fast.endpoints.some((e) => e.startsWith('node/'))).toBe(true);
      expect(fast.endpoints.some((e) => e.startsWith('svc/'))).toBe(false);
      expect(renderMatrixText(fast)).toBe(renderMatrixText(slow));
      expect(renderMatrixJson(fast)).toBe(renderMatrixJson(slow));
      expect(renderMatrixMarkdown(fast)).toBe(renderMatrixMarkdown(slow));
      expect(renderMatrixHtml(fast)).toBe(renderMatrixHtml(slow));
      expect(matrixTotals(fast)).toEqual(matrixTotals(slow));
      expect(fast.cells).toEqual(slow.cells);
    });
  }

  test('cells are indexable, iterable and map-able; the diagonal is null', () => {
    const m = computeMatrix(NetworkModel.fromManifests(docs), { ports });
    const n = m.endpoints.length;
    expect(m.cells).toHaveLength(ports.length);
    expect(m.cells[0]).toHaveLength(n);
    expect(m.cells[0][0]).toHaveLength(n);
    expect(m.cells[0][1][1]).toBeNull();
    expect([...m.cells[0][1]].filter((c) => c === null)).toHaveLength(1);
    expect(m.cells[0].map((row) => row.length)).toEqual(new Array(n).fill(n));
    expect(m.cells[2][0][1]).toMatchObject({ allowed: expect.any(Boolean), reason: expect.any(String) });
  });

  test('above the detail limit cells carry verdicts only; explain gives the trace', () => {
    const model = NetworkModel.fromManifests(docs);
    const full = computeMatrix(perPair(model), { ports });
    const lean = computeMatrix(model, { ports, detailLimit: 3 });
    expect(lean.detailed).toBe(false);
    expect(renderMatrixText(lean)).toBe(renderMatrixText(full));
    expect(matrixTotals(lean)).toEqual(matrixTotals(full));
    const n = lean.endpoints.length;
    for (let p = 0; p < ports.length; p++) {
      for (let i = 0; i < n; i++) {
        for (let j = 0; j < n; j++) {
          const c = lean.cells[p][i][j];
          expect(c === null ? null : { allowed: c.allowed, reason: c.reason, trace: c.trace }).toEqual(
            full.cells[p][i][j] === null ? null : { allowed: full.cells[p][i][j]!.allowed, reason: '', trace: [] },
          );
          expect(lean.explain!(p, i, j)).toEqual(full.cells[p][i][j]);
        }
      }
    }
    expect(DEFAULT_DETAIL_LIMIT).toBe(200);
  });

  test('duplicate endpoints are self pairs, as in the per-pair path', () => {
    const model = NetworkModel.fromManifests(docs);
    const endpoints = ['prod/web', 'prod/db', 'prod/web'];
    const fast = computeMatrix(model, { ports, endpoints });
    const slow = computeMatrix(perPair(model), { ports, endpoints });
    expect(fast.cells).toEqual(slow.cells);
    expect(matrixTotals(fast)).toEqual(matrixTotals(slow));
  });

  test('2,000 endpoints: verdict-only cells, totals from the bit grids, rows built on access', () => {
    const model = NetworkModel.fromManifests(benchCluster(2000));
    const ids = model
      .endpoints()
      .filter((e) => e.kind === 'workload')
      .map((e) => e.id);
    const bench = parsePortList('80/TCP,53/UDP,8080/TCP');
    const m = computeMatrix(model, { endpoints: ids, ports: bench });
    expect(m.detailed).toBe(false);
    const n = ids.length;
    const totals = matrixTotals(m);
    for (let p = 0; p < bench.length; p++) {
      expect(totals[p].allowed + totals[p].denied).toBe(n * (n - 1));
      let allowed = 0;
      for (const c of m.cells[p][7]) if (c?.allowed) allowed++;
      let bits = 0;
      for (let j = 0; j < n; j++) bits += m.allowed![p][7 * n + j];
      expect(allowed).toBe(bits);
    }
    expect(m.cells[0][5][5]).toBeNull();
    expect(m.cells[1][5][6]).toEqual({
      allowed: model.evaluate({ from: ids[5], to: ids[6], port: 53, protocol: 'UDP' }).allowed,
      reason: '',
      trace: [],
    });
    expect(m.explain!(1, 5, 6)?.reason).toBe(
      model.evaluate({ from: ids[5], to: ids[6], port: 53, protocol: 'UDP' }).reason,
    );
  });
});

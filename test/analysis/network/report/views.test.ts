import { QueryableModel, TrafficQuery } from '../../../../lib/analysis/network/report/contract';
import { diffModels, renderDiffText } from '../../../../lib/analysis/network/report/diff';
import { computeMatrix, matrixTotals } from '../../../../lib/analysis/network/report/matrix';
import { formatPortProtocol, parsePortList } from '../../../../lib/analysis/network/report/port-spec';
import {
  renderMatrixHtml,
  renderMatrixJson,
  renderMatrixMarkdown,
  renderMatrixText,
} from '../../../../lib/analysis/network/report/render-matrix';

/** A stand-in model: allows what `rule` says, and records the queries it was asked. */
function fakeModel(
  rule: (q: TrafficQuery) => boolean,
  ids = ['x/a', 'x/b', 'y/a'],
): QueryableModel & { asked: TrafficQuery[] } {
  const asked: TrafficQuery[] = [];
  return {
    asked,
    endpoints: () => [
      ...ids.map((id) => ({ id, kind: 'workload', namespace: id.split('/')[0], name: id.split('/')[1], ips: [] })),
      { id: 'svc/x/web', kind: 'service', name: 'web', ips: [] },
    ],
    evaluate: (q) => {
      asked.push(q);
      const allowed = rule(q);
      return {
        allowed,
        reason: allowed ? 'rule 0 of allow-x allows' : 'end of tier default',
        steps: [{ text: `step for ${q.from}->${q.to}` }, 'plain step'],
      };
    },
  };
}

describe('port lists', () => {
  test('parse with TCP default and any case', () => {
    expect(parsePortList('80/TCP, 53/udp,443')).toEqual([
      { port: 80, protocol: 'TCP' },
      { port: 53, protocol: 'UDP' },
      { port: 443, protocol: 'TCP' },
    ]);
    expect(formatPortProtocol({ port: 53, protocol: 'UDP' })).toBe('53/UDP');
  });
  test('bad entries name themselves and the fix', () => {
    expect(() => parsePortList('80/TCP,http')).toThrow(/bad port "http"; fix:/);
    expect(() => parsePortList('70000')).toThrow(/1-65535/);
    expect(() => parsePortList('53/ICMP')).toThrow(/TCP, UDP or SCTP/);
    expect(() => parsePortList(' , ')).toThrow(/no ports/);
  });
});

describe('matrix', () => {
  const rule = (q: TrafficQuery) => q.to.startsWith('x/') && q.port === 80;
  const m = computeMatrix(fakeModel(rule), { ports: parsePortList('80/TCP,81/TCP') });

  test('evaluates every ordered pair except self, skipping services by default', () => {
    expect(m.endpoints).toEqual(['x/a', 'x/b', 'y/a']);
    expect(m.cells[0][0][0]).toBeNull();
    expect(m.cells[0][2][0]).toMatchObject({
      allowed: true,
      reason: 'rule 0 of allow-x allows',
      trace: ['step for y/a->x/a', 'plain step'],
    });
    expect(m.cells[0][0][2]?.allowed).toBe(false);
    expect(m.cells[1][2][0]?.allowed).toBe(false);
    expect(matrixTotals(m)).toEqual([
      { port: '80/TCP', allowed: 4, denied: 2 },
      { port: '81/TCP', allowed: 0, denied: 6 },
    ]);
  });

  test('explicit endpoints restrict and order the grid', () => {
    const model = fakeModel(rule);
    const small = computeMatrix(model, { endpoints: ['y/a', 'x/a'], ports: parsePortList('80') });
    expect(small.endpoints).toEqual(['y/a', 'x/a']);
    expect(model.asked).toHaveLength(2);
  });

  test('text grid uses . and X, with totals', () => {
    const text = renderMatrixText(m);
    expect(text).toContain('80/TCP');
    expect(text).toMatch(/y\/a\s+\|\s+\.\s+\.\s+-/);
    expect(text).toMatch(/x\/a\s+\|\s+-\s+\.\s+X/);
    expect(text).toContain('81/TCP: 0 allowed, 6 denied');
  });

  test('json has a from -> to map per port', () => {
    const j = JSON.parse(renderMatrixJson(m));
    expect(j.ports).toEqual(['80/TCP', '81/TCP']);
    expect(j.matrix['80/TCP']['y/a']['x/b'].allowed).toBe(true);
    expect(j.matrix['80/TCP']['x/a']['x/a']).toBeUndefined();
  });

  test('json has a grid of rows per port, one character per column, equal to the cells', () => {
    const j = JSON.parse(renderMatrixJson(m));
    expect(j.detailed).toBe(true);
    m.ports.forEach((_p, pi) => {
      const rows: string[] = j.grid[j.ports[pi]];
      expect(rows).toHaveLength(m.endpoints.length);
      m.endpoints.forEach((from, r) =>
        m.endpoints.forEach((to, c) => {
          const cell = m.cells[pi][r][c];
          expect([from, to, rows[r][c]]).toEqual([from, to, cell === null ? '-' : cell.allowed ? '.' : 'X']);
        }),
      );
    });
  });

  test('json of a grid above the detail limit carries the grid and no per-cell map', () => {
    const coarse = { ...m, detailed: false };
    const j = JSON.parse(renderMatrixJson(coarse));
    expect(j.detailed).toBe(false);
    expect(j.matrix).toBeUndefined();
    expect(j.grid['80/TCP']).toEqual(JSON.parse(renderMatrixJson(m)).grid['80/TCP']);
  });

  test('markdown has one table per port', () => {
    const md = renderMatrixMarkdown(m);
    expect(md.match(/^### /gm)).toHaveLength(2);
    expect(md).toContain('| `y/a` | ✅ | ✅ | – |');
  });

  test("html is self-contained, with escaped text and each cell's trace in the page data", () => {
    const html = renderMatrixHtml(
      computeMatrix(
        fakeModel(() => true, ['x/<a>', 'x/b']),
        { ports: parsePortList('80') },
      ),
    );
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(html).not.toMatch(/\ssrc=|\shref=/);
    expect(html).not.toContain('x/<a>');
    const data = JSON.parse(/<script type="application\/json" id="matrix-data">([\s\S]*?)<\/script>/.exec(html)![1]);
    expect(data.ids).toEqual(['x/<a>', 'x/b']);
    expect(data.texts).toContain('rule 0 of allow-x allows\nstep for x/b->x/<a>\nplain step');
    expect(data.tracedCount).toBe(2);
  });
});

describe('diff', () => {
  test('lists exactly the flows whose verdict changes', () => {
    const before = fakeModel((q) => q.to === 'x/a');
    const after = fakeModel((q) => (q.to === 'x/a' && q.from !== 'y/a') || q.to === 'x/b');
    const changes = diffModels(before, after, { ports: parsePortList('80') });
    expect(changes.map((c) => `${c.from}->${c.to} ${c.before.allowed}->${c.after.allowed}`)).toEqual([
      'x/a->x/b false->true',
      'y/a->x/a true->false',
      'y/a->x/b false->true',
    ]);
    expect(renderDiffText(changes)).toContain('y/a -> x/a 80/TCP: allowed -> denied');
    expect(renderDiffText([])).toBe('no flow changes its verdict\n');
  });
  test('only endpoints present in both models are compared', () => {
    const changes = diffModels(
      fakeModel(() => false, ['x/a', 'x/b', 'z/gone']),
      fakeModel(() => true, ['x/a', 'x/b']),
      { ports: parsePortList('80') },
    );
    expect(changes).toHaveLength(2);
  });
});

// The HTML matrix page: escaped text, grouping by namespace and app, verdicts that decode (with the page's own
// decoder) to exactly the matrix, traces reachable for cells, and a bounded size at 2,000 endpoints.
import * as vm from 'node:vm';
import {
  appOfPodName,
  appsFromPodManifests,
  endpointApp,
  endpointNamespace,
  NODES_GROUP,
} from '../../../../lib/analysis/network/report/endpoint-groups';
import { ConnectivityMatrix, MatrixCell } from '../../../../lib/analysis/network/report/matrix';
import { parsePortList } from '../../../../lib/analysis/network/report/port-spec';
import { renderMatrixHtml } from '../../../../lib/analysis/network/report/render-matrix';

/**
 * A ConnectivityMatrix-like object in the fast shape (row-major `allowed` bytes and `explain`), so a 2,000-endpoint
 * page needs no model. `rule` decides each cell; explain counts its calls.
 */
function synthetic(ids: string[], ports: string, rule: (p: number, i: number, j: number) => boolean) {
  const n = ids.length;
  const pp = parsePortList(ports);
  const allowed = pp.map((_p, p) => {
    const a = new Uint8Array(n * n);
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) if (i !== j && rule(p, i, j)) a[i * n + j] = 1;
    return a;
  });
  const calls = { explain: 0 };
  const explain = (p: number, i: number, j: number): MatrixCell | null => {
    calls.explain++;
    if (i === j) return null;
    const ok = allowed[p][i * n + j] === 1;
    return {
      allowed: ok,
      reason: `${ok ? 'allowed' : 'denied'} by rule ${(i + j) % 3}`,
      trace: [`egress of ${ids[i]}`, `ingress of ${ids[j]}`],
    };
  };
  const m: ConnectivityMatrix = { endpoints: ids, ports: pp, cells: [], allowed, detailed: false, explain };
  return { m, calls, allowed };
}

/** The page's data and its own `MatrixView` decoder, run in a sandbox without a document (the view does not start). */
function open(html: string) {
  const json = /<script type="application\/json" id="matrix-data">([\s\S]*?)<\/script>/.exec(html)![1];
  const script = /<script>([\s\S]*?)<\/script>/.exec(html)![1];
  const sandbox: any = { atob: (s: string) => Buffer.from(s, 'base64').toString('latin1') };
  vm.runInNewContext(script + '\nthis.MatrixView = MatrixView;', sandbox);
  const data = JSON.parse(json);
  const view = sandbox.MatrixView;
  const decoded = view.decode(data);
  return {
    data,
    allowedAt: (p: number, i: number, j: number): number => view.allowedAt(decoded, p, i, j),
    traceAt: (p: number, i: number, j: number): string | null => view.traceAt(decoded, p, i, j),
  };
}

const podIds = (n: number, namespaces: number, apps: number) =>
  Array.from({ length: n }, (_v, k) => `ns${k % namespaces}/app${k % apps}-${k}`);

describe('renderMatrixHtml', () => {
  test('is one self-contained file: no external script, style, image or link', () => {
    const html = renderMatrixHtml(synthetic(podIds(10, 2, 3), '80', () => true).m);
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(html).not.toMatch(/\ssrc=|\shref=|@import|url\(|https?:\/\//);
    expect(html.match(/<script/g)).toHaveLength(2);
  });

  test('escapes every text from the manifests, in the markup and inside the embedded data', () => {
    const evil = ['x/<img src=x onerror=alert(1)>', 'y/</script><script>alert(2)</script>', 'z/a&b"c'];
    const html = renderMatrixHtml(synthetic(evil, '80', () => false).m, 'T <b>&', { apps: { 'z/a&b"c': '<app>' } });
    expect(html).toContain('<title>T &lt;b&gt;&amp;</title>');
    expect(html).not.toContain('<img');
    expect(html.match(/<\/script>/g)).toHaveLength(2);
    expect(html.match(/<script/g)).toHaveLength(2);
    const { data } = open(html);
    expect(data.ids).toEqual(evil);
    expect(data.appNames).toContain('<app>');
  });

  test('groups endpoints by namespace and app, taking apps from the option first', () => {
    const ids = ['prod/web-7d4b9c8f6-x2x7k', 'prod/web-7d4b9c8f6-q9z4p', 'prod/db-0', 'dev/cache', 'node/n1'];
    const { data } = open(
      renderMatrixHtml(synthetic(ids, '80', () => true).m, undefined, { apps: { 'dev/cache': 'redis' } }),
    );
    const groups = ids.map((_id, k) => `${data.nsNames[data.ns[k]]}|${data.appNames[data.app[k]]}`);
    expect(groups).toEqual(['prod|web', 'prod|web', 'prod|db', 'dev|redis', `${NODES_GROUP}|n1`]);
  });

  test('the encoded verdicts decode to the matrix, cell by cell and port by port', () => {
    const ids = podIds(77, 5, 7);
    const rule = (p: number, i: number, j: number) => (i * 31 + j * 17 + p * 7) % 5 < 2 || (i % 7 === 3 && p === 1);
    const { m, allowed } = synthetic(ids, '80/TCP,53/UDP,443', rule);
    const page = open(renderMatrixHtml(m));
    expect(page.data.ports).toEqual(['80/TCP', '53/UDP', '443/TCP']);
    const got: number[] = [];
    const want: number[] = [];
    for (let p = 0; p < 3; p++) {
      for (let i = 0; i < ids.length; i++) {
        for (let j = 0; j < ids.length; j++) {
          if (i === j) continue; // the page never reads the diagonal (self)
          got.push(page.allowedAt(p, i, j));
          want.push(allowed[p][i * ids.length + j]);
        }
      }
    }
    expect(got).toEqual(want);
    const ones = got.filter((b) => b === 1).length;
    expect(ones).toBeGreaterThan(0);
    expect(ones).toBeLessThan(got.length);
  });

  test("a small matrix carries every trace; the page finds a cell's reason and steps", () => {
    const ids = podIds(12, 2, 2);
    const { m } = synthetic(ids, '80,81', (p, i, j) => (i + j + p) % 2 === 0);
    const page = open(renderMatrixHtml(m));
    expect(page.data.tracedCount).toBe(2 * 12 * 11);
    const cell = m.explain!(1, 4, 9)!;
    expect(page.traceAt(1, 4, 9)).toBe([cell.reason, ...cell.trace].join('\n'));
    expect(page.traceAt(0, 3, 3)).toBeNull();
  });

  test('above the trace limit, every namespace pair keeps an allowed and a denied example', () => {
    const ids = podIds(300, 4, 10);
    const { m, calls } = synthetic(ids, '80', (_p, i, j) => (i + j) % 3 === 0);
    const page = open(renderMatrixHtml(m, undefined, { traceLimit: 100 }));
    expect(page.data.tracedCount).toBeLessThanOrEqual(100);
    expect(calls.explain).toBeLessThanOrEqual(100);
    const seen = new Set<string>();
    for (let i = 0; i < ids.length; i++) {
      for (let j = 0; j < ids.length; j++) {
        const t = page.traceAt(0, i, j);
        if (t !== null) {
          expect(t.startsWith(page.allowedAt(0, i, j) ? 'allowed' : 'denied')).toBe(true);
          seen.add(`${i % 4}>${j % 4}:${page.allowedAt(0, i, j)}`);
        }
      }
    }
    expect(seen.size).toBe(4 * 4 * 2);
    expect(page.data.explain).toBe('cdk8s-calico explain FILES...');
  });

  test('2,000 endpoints x 3 ports stays a few megabytes, even when no two rows are alike', () => {
    const ids = podIds(2000, 20, 40);
    // A pseudo-random grid: every row distinct, the worst case for the row dictionary.
    const rule = (p: number, i: number, j: number) => ((i * 2654435761 + j * 40503 + p) >>> 7) % 3 === 0;
    const { m, calls } = synthetic(ids, '80/TCP,443/TCP,53/UDP', rule);
    const html = renderMatrixHtml(m);
    expect(html.length).toBeLessThan(4_000_000);
    expect(calls.explain).toBeLessThanOrEqual(3000);
    const page = open(html);
    for (const [p, i, j] of [
      [0, 0, 1],
      [2, 1999, 5],
      [1, 1234, 1233],
    ]) {
      expect(page.allowedAt(p, i, j)).toBe(m.allowed![p][i * 2000 + j]);
    }
  });

  test('a grouped cluster (few distinct rows) is far smaller than the bitset bound', () => {
    // Sorted ids, as NetworkModel.endpoints() lists them: an app's pods are neighbours.
    const ids = podIds(2000, 20, 40).sort();
    const app = ids.map((id) => Number(/app(\d+)/.exec(id)![1]));
    const rule = (p: number, i: number, j: number) => app[i] % 3 === app[j] % 4 || p === 2;
    const { m } = synthetic(ids, '80/TCP,443/TCP,53/UDP', rule);
    const html = renderMatrixHtml(m);
    const page = open(html);
    // 40 apps: at most a few rows per app are distinct (the run's first row differs on the diagonal's neighbour).
    const distinct = (g: { rows: string }) => Buffer.from(g.rows, 'base64').length / page.data.rowBytes;
    for (const g of page.data.grids) expect(distinct(g)).toBeLessThanOrEqual(2 * 40);
    expect(html.length).toBeLessThan(1_000_000);
    for (let i = 0; i < 2000; i += 97)
      for (let j = 0; j < 2000; j += 89) if (i !== j) expect(page.allowedAt(0, i, j)).toBe(m.allowed![0][i * 2000 + j]);
  });

  test('bad options name the field and the fix', () => {
    const { m } = synthetic(['a/b', 'a/c'], '80', () => true);
    expect(() => renderMatrixHtml(m, undefined, { traceLimit: -1 })).toThrow(/renderMatrixHtml.*options\.traceLimit/);
    expect(() => renderMatrixHtml(m, undefined, { tracelimit: 5 } as any)).toThrow(/renderMatrixHtml.*tracelimit/);
  });
});

/**
 * Runs the whole page script against a minimal stand-in for the DOM and canvas (enough for the view's calls), so a
 * runtime error in the view fails here. Returns the elements and the registered event handlers.
 */
function startView(html: string) {
  const json = /<script type="application\/json" id="matrix-data">([\s\S]*?)<\/script>/.exec(html)![1];
  const script = /<script>([\s\S]*?)<\/script>/.exec(html)![1];
  const els: Record<string, any> = {};
  const on: Record<string, (e: any) => void> = {};
  const node = (tag: string): any => ({
    tag,
    children: [] as any[],
    set textContent(v: string) {
      this.text = v;
      this.children = [];
    },
    get textContent(): string {
      return this.text ?? '';
    },
    appendChild(c: any) {
      this.children.push(c);
      return c;
    },
  });
  const el = (id: string): any =>
    (els[id] ??= Object.assign(node(id), {
      text: id === 'matrix-data' ? json : '',
      style: {},
      options: [] as any[],
      value: '',
      clientWidth: 1200,
      clientHeight: 700,
      scrollLeft: 0,
      scrollTop: 0,
      add(o: any) {
        this.options.push(o);
      },
      addEventListener(ev: string, f: (e: any) => void) {
        on[`${id}:${ev}`] = f;
      },
      getBoundingClientRect: () => ({ left: 0, top: 0 }),
      getContext: () => new Proxy({}, { get: () => () => undefined, set: () => true }),
    }));
  const sandbox = {
    document: { getElementById: el, createElement: node },
    window: { devicePixelRatio: 1, addEventListener: () => undefined, requestAnimationFrame: (f: () => void) => f() },
    Option: class {
      constructor(
        public text: string,
        public value: string,
      ) {}
    },
    atob: (s: string) => Buffer.from(s, 'base64').toString('latin1'),
  };
  vm.runInNewContext(script, sandbox);
  const texts = (n: any): string[] => [n.text ?? '', ...n.children.flatMap(texts)].filter((t) => t !== '');
  return { els, on, details: () => texts(els.details) };
}

describe('the page view (against a DOM stand-in)', () => {
  const ids = ['a/web-1', 'a/web-2', 'a/db-0', 'b/<x>'];
  const { m } = synthetic(ids, '80,53/UDP', (p, _i, j) => p === 0 && j !== 2);

  test("starts grouped, expands, filters, and shows a clicked cell's verdict and trace", () => {
    const v = startView(renderMatrixHtml(m, undefined, { apps: { 'b/<x>': 'x' } }));
    expect(v.els.count.text).toBe('9 rows x 9 columns shown'); // 2 namespaces, 3 apps, 4 endpoints: small, all open
    expect(v.els.port.options.map((o: any) => o.text)).toEqual(['80/TCP', '53/UDP']);
    v.on['collapse:click']({});
    expect(v.els.count.text).toBe('2 rows x 2 columns shown');
    v.on['expand:click']({});
    // Items: a, db, a/db-0, web, a/web-1, a/web-2, b, x, b/<x> (groups 64 px wide, endpoints 16; header 280 x 150).
    // Row 4 (a/web-1) to the last column (b/<x>): allowed on 80.
    v.on['scroller:click']({ clientX: 280 + 64 * 5 + 16 * 3 + 5, clientY: 150 + 16 * 4 + 5 });
    expect(v.details()).toEqual([
      'a/web-1 → b/<x> 80/TCP: ALLOWED',
      'reason: allowed by rule 0',
      'egress of a/web-1',
      'ingress of b/<x>',
    ]);
    // A group cell: namespace a to namespace a, 4 of 6 pairs allowed (nothing reaches a/db-0).
    v.on['scroller:click']({ clientX: 280 + 5, clientY: 150 + 5 });
    expect(v.details()[0]).toBe('a → a 80/TCP: 4/6 allowed');
    expect(v.details()).toContain('example denied: a/web-1 → a/db-0 (denied)');
    // Only denied: every source but a/db-0 has a denied cell, and only a/db-0 receives one.
    v.els.show.value = 'denied';
    v.on['show:change']({ target: v.els.show });
    expect(v.els.count.text).toBe('7 rows x 3 columns shown');
    v.els.port.value = '1';
    v.on['port:change']({ target: v.els.port }); // 53/UDP: everything denied
    v.els.show.value = 'allowed';
    v.on['show:change']({ target: v.els.show });
    expect(v.els.count.text).toBe('0 rows x 0 columns shown');
    v.els.show.value = 'all';
    v.on['show:change']({ target: v.els.show });
    v.els.filter.value = 'WEB';
    v.on['filter:input']({ target: v.els.filter });
    expect(v.els.count.text).toBe('4 rows x 4 columns shown');
  });
});

describe('endpoint groups', () => {
  test('namespace and app from ids, the way controllers name pods', () => {
    expect(endpointNamespace('prod/web-1')).toBe('prod');
    expect(endpointNamespace('node/n1')).toBe(NODES_GROUP);
    expect(appOfPodName('web-7d4b9c8f6-x2x7k')).toBe('web');
    expect(appOfPodName('db-0')).toBe('db');
    expect(appOfPodName('ds-x2x7k')).toBe('ds');
    expect(appOfPodName('my-proxy')).toBe('my-proxy');
    expect(endpointApp('node/n1')).toBe('n1');
  });
  test('apps from pod labels: app.kubernetes.io/name, then app, then k8s-app', () => {
    const pod = (name: string, labels: Record<string, string>, namespace?: string) => ({
      kind: 'Pod',
      metadata: { name, namespace, labels },
    });
    expect(
      appsFromPodManifests([
        pod('a', { app: 'x', 'app.kubernetes.io/name': 'y' }, 'n'),
        pod('b', { 'k8s-app': 'dns' }),
        pod('c', {}, 'n'),
        { kind: 'Service', metadata: { name: 's', labels: { app: 'z' } } },
      ]),
    ).toEqual({ 'n/a': 'y', 'default/b': 'dns' });
  });
});

// `matrix --format json` on a grid above the detail limit (200 endpoints): the per-cell map would be millions of
// objects at cluster size (V8 cannot hold such a string), so the output carries the grid rows only, and they agree
// with the engine's verdicts.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { NetworkModel } from '../../lib';
import { main } from '../../lib/cli/main';

const PODS = 240;
const docs: any[] = [
  { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'shop' } },
  ...Array.from({ length: PODS }, (_, i) => ({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { namespace: 'shop', name: `p${i}`, labels: { app: `a${i % 7}` } },
    spec: { containers: [{ name: 'c' }] },
    status: { podIP: `10.244.${i >> 8}.${i & 255}` },
  })),
  {
    apiVersion: 'projectcalico.org/v3',
    kind: 'NetworkPolicy',
    metadata: { name: 'a0-from-a1', namespace: 'shop' },
    spec: {
      selector: 'app == "a0"',
      types: ['Ingress'],
      ingress: [{ action: 'Allow', protocol: 'TCP', source: { selector: 'app == "a1"' } }],
    },
  },
];

test('a grid above the detail limit is written as rows of . X -, equal to the model', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'matrix-json-'));
  try {
    const file = path.join(dir, 'cluster.json');
    fs.writeFileSync(file, JSON.stringify(docs));
    let out = '';
    const code = main(
      ['matrix', '--ports', '80/TCP', '--format', 'json', file],
      (s) => void (out += s),
      () => undefined,
    );
    expect(code).toBe(0);
    const j = JSON.parse(out);
    expect(j.detailed).toBe(false);
    expect(j.matrix).toBeUndefined();
    const rows: string[] = j.grid['80/TCP'];
    expect(rows).toHaveLength(j.endpoints.length);
    const model = NetworkModel.fromManifests(docs);
    const at = (from: string, to: string) => rows[j.endpoints.indexOf(from)][j.endpoints.indexOf(to)];
    const verdict = (from: string, to: string) =>
      model.evaluate({ from, to, port: 80, protocol: 'TCP' }).allowed ? '.' : 'X';
    for (const [from, to] of [
      ['shop/p1', 'shop/p0'], // a1 -> a0: allowed by the policy
      ['shop/p2', 'shop/p0'], // a2 -> a0: denied (a0 is isolated)
      ['shop/p0', 'shop/p2'], // a2 has no policy: allowed
    ]) {
      expect([from, to, at(from, to)]).toEqual([from, to, verdict(from, to)]);
    }
    expect(at('shop/p2', 'shop/p0')).toBe('X');
    expect(at('shop/p0', 'shop/p0')).toBe('-');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

// `matrix` and `diff` draw their progress bar on standard error only: on a terminal, after a second, never mixed into
// standard output (so --format json stays parseable), never with --no-progress. The clock is jest's fake system
// time, moved forward by the model factory (as if building took two seconds).
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { NetworkModel } from '../../lib';
import { parseArgs } from '../../lib/cli/args';
import { DIFF_ARGS, MATRIX_ARGS, runDiff, runMatrix } from '../../lib/cli/analysis-commands';
import { ProgressStream } from '../../lib/cli/output/progress';

const pod = (name: string, ip: string, app: string) => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { namespace: 'shop', name, labels: { app } },
  spec: { nodeName: 'n1', containers: [{ name: 'c' }] },
  status: { podIP: ip },
});
const docs = [
  { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'shop' } },
  {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name: 'n1' },
    status: { addresses: [{ type: 'InternalIP', address: '10.0.0.1' }] },
  },
  pod('api', '10.244.0.10', 'api'),
  pod('db', '10.244.0.11', 'db'),
  pod('web', '10.244.0.12', 'web'),
];
const deny = {
  apiVersion: 'projectcalico.org/v3',
  kind: 'GlobalNetworkPolicy',
  metadata: { name: 'deny' },
  spec: { selector: 'all()', types: ['Ingress'] },
};

const later = (ms: number) => jest.setSystemTime(Date.now() + ms);

/** The engine, but each build takes two (fake) seconds, each matrix row and each query a fifth of a second. */
const slowFactory = (docs: any[]): any => {
  later(2000);
  const model = NetworkModel.fromManifests(docs);
  return {
    endpoints: () => model.endpoints(),
    evaluate: (q: any, o?: any) => (later(200), model.evaluate(q, o)),
    matrix: (r: any) =>
      model.matrix({ ...r, onProgress: (done: number, total: number) => (later(200), r.onProgress?.(done, total)) }),
  };
};

function terminal(isTTY: boolean): ProgressStream & { writes: string[] } {
  const writes: string[] = [];
  return { isTTY, columns: 100, writes, write: (s: string) => writes.push(s) };
}

describe('progress bar of matrix and diff', () => {
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cli-progress-'));
    fs.mkdirSync(path.join(dir, 'old'));
    fs.mkdirSync(path.join(dir, 'new'));
    fs.writeFileSync(path.join(dir, 'old', 'all.json'), JSON.stringify(docs));
    fs.writeFileSync(path.join(dir, 'new', 'all.json'), JSON.stringify([...docs, deny]));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
  beforeEach(() => jest.useFakeTimers({ now: 1_000_000 }));
  afterEach(() => jest.useRealTimers());

  const matrix = (extra: string[], err: ProgressStream) => {
    let out = '';
    const argv = ['--ports', '80/TCP,53/UDP', '--format', 'json', ...extra, path.join(dir, 'new')];
    const code = runMatrix(parseArgs(argv, MATRIX_ARGS), (s) => (out += s), slowFactory, err);
    return { code, out };
  };

  test('matrix: on a terminal the bar shows the matrix phase and percent, then is erased; stdout is pure JSON', () => {
    const err = terminal(true);
    const { code, out } = matrix([], err);
    expect(code).toBe(0);
    expect(JSON.parse(out).ports).toEqual(['80/TCP', '53/UDP']);
    expect(out).not.toMatch(/\r|\x1b/);
    expect(err.writes.some((w) => w.includes('matrix') && /\d+%$/.test(w))).toBe(true);
    expect(err.writes[err.writes.length - 1]).toBe('\r\x1b[K');
  });

  test('matrix: nothing on standard error when it is not a terminal, or with --no-progress', () => {
    const pipe = terminal(false);
    matrix([], pipe);
    expect(pipe.writes).toEqual([]);
    const tty = terminal(true);
    matrix(['--no-progress'], tty);
    expect(tty.writes).toEqual([]);
  });

  test('matrix: a quick run draws nothing', () => {
    const err = terminal(true);
    let out = '';
    const argv = ['--ports', '80/TCP', path.join(dir, 'new')];
    runMatrix(
      parseArgs(argv, MATRIX_ARGS),
      (s) => (out += s),
      (d) => NetworkModel.fromManifests(d),
      err,
    );
    expect(out).toContain('80/TCP');
    expect(err.writes).toEqual([]);
  });

  test('diff: the bar reaches the diff phase and is erased before the changes are written', () => {
    const err = terminal(true);
    const events: string[] = [];
    const argv = [path.join(dir, 'old'), path.join(dir, 'new'), '--ports', '80/TCP'];
    const tracked = { ...err, write: (s: string) => (events.push(`err:${s}`), err.write(s)) };
    const code = runDiff(parseArgs(argv, DIFF_ARGS), (s) => events.push(`out:${s}`), slowFactory, tracked);
    expect(code).toBe(1);
    expect(err.writes.some((w) => w.includes('diff') && w.includes('%'))).toBe(true);
    const firstOut = events.findIndex((e) => e.startsWith('out:'));
    expect(events[firstOut - 1]).toBe('err:\r\x1b[K');
    expect(events.slice(firstOut).every((e) => e.startsWith('out:'))).toBe(true);
  });

  test('diff --no-progress draws nothing', () => {
    const err = terminal(true);
    const argv = [path.join(dir, 'old'), path.join(dir, 'new'), '--ports', '80/TCP', '--no-progress'];
    runDiff(parseArgs(argv, DIFF_ARGS), () => undefined, slowFactory, err);
    expect(err.writes).toEqual([]);
  });
});

import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { NetworkModel } from '../../lib';
import { runCli as run } from '../support/run-cli';

const ns = (name: string) => ({
  apiVersion: 'v1',
  kind: 'Namespace',
  metadata: { name, labels: { 'kubernetes.io/metadata.name': name } },
});
const pod = (namespace: string, name: string, ip: string, labels: Record<string, string>) => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { namespace, name, labels },
  spec: { nodeName: 'n1', containers: [{ name: 'c', ports: [{ name: 'http', containerPort: 80 }] }] },
  status: { podIP: ip },
});
const node = {
  apiVersion: 'v1',
  kind: 'Node',
  metadata: { name: 'n1' },
  status: { addresses: [{ type: 'InternalIP', address: '10.0.0.1' }] },
};
const denyDb = {
  apiVersion: 'projectcalico.org/v3',
  kind: 'NetworkPolicy',
  metadata: { name: 'db', namespace: 'shop' },
  spec: {
    selector: "app == 'db'",
    types: ['Ingress'],
    ingress: [{ action: 'Allow', protocol: 'TCP', source: { selector: "app == 'api'" }, destination: { ports: [80] } }],
  },
};

describe('analysis commands', () => {
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cli-analysis-'));
    fs.mkdirSync(path.join(dir, 'old'));
    fs.mkdirSync(path.join(dir, 'new'));
    const state = [
      ns('shop'),
      node,
      pod('shop', 'api', '10.244.0.10', { app: 'api' }),
      pod('shop', 'web', '10.244.0.11', { app: 'web' }),
      pod('shop', 'db', '10.244.0.12', { app: 'db' }),
    ];
    fs.writeFileSync(
      path.join(dir, 'old', 'cluster.json'),
      JSON.stringify({ apiVersion: 'v1', kind: 'List', items: state }),
    );
    fs.writeFileSync(
      path.join(dir, 'new', 'cluster.json'),
      JSON.stringify({ apiVersion: 'v1', kind: 'List', items: state }),
    );
    fs.writeFileSync(path.join(dir, 'new', 'policy.json'), JSON.stringify(denyDb));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  test('explain prints the verdict and the trace; exit 0 allowed, 1 denied', () => {
    const ok = run(['explain', '--from', 'shop/api', '--to', 'shop/db', '--port', '80/TCP', path.join(dir, 'new')]);
    expect(ok.code).toBe(0);
    expect(ok.out).toMatch(/^shop\/api -> shop\/db 80\/TCP: ALLOWED\nreason: .*db/);
    expect(ok.out).toMatch(/\n  1\. /);
    const denied = run(['explain', '--from', 'shop/web', '--to', 'shop/db', '--port', '80', path.join(dir, 'new')]);
    expect(denied.code).toBe(1);
    expect(denied.out).toMatch(/DENIED/);
    const json = JSON.parse(
      run([
        'explain',
        '--from',
        'shop/web',
        '--to',
        'shop/db',
        '--port',
        '80',
        '--format',
        'json',
        path.join(dir, 'new'),
      ]).out,
    );
    expect(json).toMatchObject({
      query: { from: 'shop/web', to: 'shop/db', port: 80, protocol: 'TCP' },
      allowed: false,
    });
  });

  test('matrix renders every format and can write a file', () => {
    const text = run(['matrix', '--ports', '80/TCP', path.join(dir, 'new')]);
    expect(text.code).toBe(0);
    expect(text.out).toContain('80/TCP: 11 allowed, 1 denied');
    expect(text.out).toMatch(/shop\/web \| +\. +X +- +\./);
    const md = run([
      'matrix',
      '--ports',
      '80/TCP',
      '--format',
      'md',
      '--endpoints',
      'shop/web,shop/db',
      path.join(dir, 'new'),
    ]);
    expect(md.out).toContain('| `shop/web` | – | ❌ |');
    const out = path.join(dir, 'm.html');
    const html = run(['matrix', '--ports', '80/TCP', '--format', 'html', '--output', out, path.join(dir, 'new')]);
    expect(html.out).toMatch(/^wrote .*m.html \(4 endpoints x 1 port\(s\)\)/);
    expect(fs.readFileSync(out, 'utf8')).toContain('<!DOCTYPE html>');
  });

  test('diff lists changed flows; exit 1 when some change, 0 when none', () => {
    const d = run(['diff', path.join(dir, 'old'), path.join(dir, 'new'), '--ports', '80/TCP']);
    expect(d.code).toBe(1);
    expect(d.out).toContain('shop/web -> shop/db 80/TCP: allowed -> denied');
    expect(d.out).toContain('1 flow(s) change');
    expect(run(['diff', path.join(dir, 'new'), path.join(dir, 'new'), '--ports', '80/TCP']).code).toBe(0);
  });

  test('usage mistakes exit 2 with a message', () => {
    expect(run(['explain', '--to', 'shop/db', dir]).err).toMatch(/explain needs --from and --to/);
    expect(run(['matrix', dir]).err).toMatch(/matrix needs --ports/);
    expect(run(['diff', dir, '--ports', '80']).err).toMatch(/exactly two paths/);
    expect(run(['explain', '--from', 'shop/nope', '--to', 'shop/db', path.join(dir, 'new')]).code).toBe(2);
  });
});

test('NetworkModel.diff is the static form of the CLI diff', () => {
  const state = [
    ns('shop'),
    node,
    pod('shop', 'api', '10.244.0.10', { app: 'api' }),
    pod('shop', 'web', '10.244.0.11', { app: 'web' }),
    pod('shop', 'db', '10.244.0.12', { app: 'db' }),
  ];
  const changes = NetworkModel.diff(NetworkModel.fromManifests(state), NetworkModel.fromManifests([...state, denyDb]), {
    ports: [{ port: 80, protocol: 'TCP' }],
  });
  expect(changes.map((c) => `${c.from}->${c.to}`)).toEqual(['shop/web->shop/db']);
});

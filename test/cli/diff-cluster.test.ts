// `diff OLD NEW --cluster FILE...` (issue 12, item 5): shared cluster state under both sides, so OLD and NEW hold only
// the manifests that change; the library's equivalent is NetworkModel.fromManifests(docs, { cluster }).
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { NetworkModel } from '../../lib';
import { runCli as run } from '../support/run-cli';

const ns = (name: string, labels: Record<string, string> = {}) => ({
  apiVersion: 'v1',
  kind: 'Namespace',
  metadata: { name, labels },
});
const pod = (name: string, ip: string, labels: Record<string, string>, nodeName = 'n1') => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { namespace: 'shop', name, labels },
  spec: { nodeName, containers: [{ name: 'c', ports: [{ name: 'http', containerPort: 80 }] }] },
  status: { podIP: ip },
});
const node = (name: string, ip: string) => ({
  apiVersion: 'v1',
  kind: 'Node',
  metadata: { name },
  status: { addresses: [{ type: 'InternalIP', address: ip }] },
});
const nodes = [node('n1', '10.0.0.1'), node('n2', '10.0.0.2')];
const list = (items: unknown[]) => ({ apiVersion: 'v1', kind: 'List', items });
const onlyApiToDb = {
  apiVersion: 'projectcalico.org/v3',
  kind: 'NetworkPolicy',
  metadata: { name: 'db', namespace: 'shop' },
  spec: {
    selector: "app == 'db'",
    types: ['Ingress'],
    ingress: [{ action: 'Allow', protocol: 'TCP', source: { selector: "app == 'api'" }, destination: { ports: [80] } }],
  },
};
const pods = [
  pod('api', '10.244.0.10', { app: 'api' }),
  pod('web', '10.244.0.11', { app: 'web' }),
  pod('db', '10.244.0.12', { app: 'db' }, 'n2'),
];

describe('diff --cluster', () => {
  let dir: string;
  const at = (...p: string[]) => path.join(dir, ...p);
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cli-diff-cluster-'));
    for (const d of ['old', 'new', 'relabel']) fs.mkdirSync(at(d));
    // Two dumps, as `kubectl get nodes -o json` and `kubectl get namespaces,pods -A -o json` write them.
    fs.writeFileSync(at('nodes.json'), JSON.stringify(list(nodes)));
    fs.writeFileSync(at('pods.json'), JSON.stringify(list([ns('shop'), ...pods])));
    fs.writeFileSync(at('old', 'ns.json'), JSON.stringify(ns('shop', { team: 'a' })));
    fs.writeFileSync(at('new', 'policy.json'), JSON.stringify(onlyApiToDb));
    // A side may redefine a cluster object: web now carries app=api (the side wins, no "given twice" error).
    fs.writeFileSync(at('relabel', 'policy.json'), JSON.stringify(onlyApiToDb));
    fs.writeFileSync(at('relabel', 'web.json'), JSON.stringify(pod('web', '10.244.0.11', { app: 'api' })));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  test('cluster files (repeated --cluster) apply to both sides: the policy change shows', () => {
    const r = run([
      'diff',
      at('old'),
      at('new'),
      '--ports',
      '80/TCP',
      '--cluster',
      at('nodes.json'),
      '--cluster',
      at('pods.json'),
    ]);
    expect(r.err).toBe('');
    expect(r.code).toBe(1);
    expect(r.out).toContain('shop/web -> shop/db 80/TCP: allowed -> denied');
    expect(r.out).toContain('node/n1 -> shop/db 80/TCP: allowed -> denied');
    expect(r.out).not.toContain('shop/api -> shop/db');
    expect(r.out).not.toContain('node/n2 -> shop/db'); // a node reaching its own pod is never policed
    expect(r.out).toMatch(/\n2 flow\(s\) change\n$/);
  });

  test('without --cluster the same sides have no endpoints, so nothing can change (why the option exists)', () => {
    const r = run(['diff', at('old'), at('new'), '--ports', '80/TCP']);
    expect(r.code).toBe(0);
    expect(r.out).toBe('no flow changes its verdict\n');
  });

  test('one --cluster file is read alone: pods without their nodes give no node flow', () => {
    const r = run(['diff', at('old'), at('new'), '--ports', '80/TCP', '--cluster', at('pods.json')]);
    expect(r.code).toBe(1);
    // pods without their nodes: the pod flows still change, the node flow cannot exist.
    expect(r.out).toContain('shop/web -> shop/db 80/TCP: allowed -> denied');
    expect(r.out).not.toContain('node/');
  });

  test('an object of a side replaces the cluster object of the same kind, namespace and name', () => {
    const cluster = ['--cluster', at('nodes.json'), '--cluster', at('pods.json')];
    const r = run(['diff', at('new'), at('relabel'), '--ports', '80/TCP', ...cluster, '--format', 'json']);
    expect(r.err).toBe('');
    const { changes } = JSON.parse(r.out);
    expect(changes.map((c: any) => `${c.from} -> ${c.to} ${c.after.allowed}`)).toEqual(['shop/web -> shop/db true']);
  });

  test('bad --cluster input: no value, a missing file (exit 2, named)', () => {
    const none = run(['diff', at('old'), at('new'), '--ports', '80/TCP', '--cluster']);
    expect(none.code).toBe(2);
    expect(none.err).toMatch(/--cluster needs a value/);
    const missing = run(['diff', at('old'), at('new'), '--ports', '80/TCP', '--cluster', at('nope.json')]);
    expect(missing.code).toBe(2);
    expect(missing.err).toContain('nope.json');
  });

  test('library: NetworkModel.fromManifests(docs, { cluster }) builds both sides of NetworkModel.diff over one state', () => {
    const cluster = [list(nodes), list([ns('shop'), ...pods])];
    const before = NetworkModel.fromManifests([], { cluster });
    const after = NetworkModel.fromManifests([onlyApiToDb], { cluster });
    const changes = NetworkModel.diff(before, after, { ports: [{ port: 80, protocol: 'TCP' }] });
    expect(changes.map((c) => `${c.from} -> ${c.to}`)).toEqual(['shop/web -> shop/db', 'node/n1 -> shop/db']);
    // The side wins over the cluster's copy of the same object.
    const relabelled = NetworkModel.fromManifests([onlyApiToDb, pod('web', '10.244.0.11', { app: 'api' })], {
      cluster,
    });
    expect(relabelled.evaluate({ from: 'shop/web', to: 'shop/db', port: 80 }).allowed).toBe(true);
    expect(() => NetworkModel.fromManifests([], { cluster: 'pods.json' as any })).toThrow(
      /^\[NetworkModel\.fromManifests\] options\.cluster: expected an array of Kubernetes objects/,
    );
  });
});

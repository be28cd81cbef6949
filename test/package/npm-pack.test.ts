// The published package must work in a fresh cdk8s app: npm pack, install the tarball next to its peer
// dependencies, synthesize a chart with it, and run the CLI bin.
import { execFileSync, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

const root = path.resolve(__dirname, '..', '..');
const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));

function run(cmd: string, args: string[], cwd: string): string {
  return execFileSync(cmd, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, npm_config_fund: 'false', npm_config_audit: 'false', npm_config_update_notifier: 'false' } });
}

test('npm pack yields a tarball a fresh cdk8s app can install and use', () => {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-calico-pack-'));
  try {
    run('npm', ['run', 'build', '--silent'], root);
    const tarball = run('npm', ['pack', '--silent', '--pack-destination', work], root).trim().split('\n').pop()!;
    const contents = run('tar', ['-tzf', path.join(work, tarball)], work).split('\n');
    expect(contents).toContain('package/build/lib/index.js');
    expect(contents).toContain('package/build/lib/index.d.ts');
    // The vendored CRDs ship, with their license and provenance: validation needs nothing beside the package.
    expect(contents).toEqual(expect.arrayContaining(['package/crds/calico/v3/projectcalico.org_tiers.yaml', 'package/crds/LICENSE', 'package/crds/NOTICE', 'package/crds/README.md']));
    expect(contents.some((f) => f.startsWith('package/test/') || f.includes('/examples/'))).toBe(false);
    expect(Object.keys(pkg.peerDependencies).sort()).toEqual(['cdk8s', 'cdk8s-plus-27', 'constructs']);

    const app = path.join(work, 'app');
    fs.mkdirSync(app);
    fs.writeFileSync(path.join(app, 'package.json'), JSON.stringify({ name: 'fresh-app', version: '1.0.0', private: true }));
    const peers = ['cdk8s', 'constructs', 'cdk8s-plus-27'].map((p) => `${p}@${require(`${p}/package.json`).version}`);
    run('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', path.join(work, tarball), ...peers], app);
    fs.writeFileSync(path.join(app, 'main.js'), `
      const { App, Chart } = require('cdk8s');
      const { GlobalNetworkPolicy, Peer, Port, Selector, validateManifests } = require('cdk8s-calico');
      const app = new App({ outdir: 'dist' });
      const chart = new Chart(app, 'nodes', { namespace: 'ignored-for-cluster-scoped' });
      const p = new GlobalNetworkPolicy(chart, 'AllowSsh', { selector: Selector.has('kubernetes-host'), order: 10 });
      p.allowIngress(Peer.nets('10.0.0.0/8'), Port.tcp(22));
      const docs = chart.toJson();
      app.synth();
      console.log(JSON.stringify({ docs, problems: validateManifests(docs, { kubernetes: false }) }));
    `);
    const env = { ...process.env };
    delete env.CALICO_CRDS_DIR;
    const out = JSON.parse(execFileSync(process.execPath, ['main.js'], { cwd: app, encoding: 'utf8', env }));
    expect(out.docs[0].kind).toBe('GlobalNetworkPolicy');
    expect(out.docs[0].metadata.namespace).toBeUndefined();
    expect(out.docs[0].spec.ingress[0]).toEqual({ action: 'Allow', protocol: 'TCP', source: { nets: ['10.0.0.0/8'] }, destination: { ports: [22] } });
    expect(out.problems).toEqual([]);
    expect(fs.readFileSync(path.join(app, 'dist', 'nodes.k8s.yaml'), 'utf8')).toContain('kind: GlobalNetworkPolicy');
    // The CLI is installed as a bin and checks the app's output.
    const bin = path.join(app, 'node_modules', '.bin', 'cdk8s-calico');
    const cli = execFileSync(bin, ['validate', 'dist'], { cwd: app, encoding: 'utf8', env });
    expect(cli).toContain('1 object(s) in 1 file(s): 0 problem(s)');
    // A reader that has already gone (`| true`, as `| head -1` once it has its line) ends the command quietly with
    // its own exit code, never an unhandled EPIPE stack trace.
    const piped = spawnSync('bash', ['-c', `"${bin}" validate dist | true; echo "exit \${PIPESTATUS[0]}"`], { cwd: app, encoding: 'utf8', env });
    expect(piped.stderr).toBe('');
    expect(piped.stdout.trim()).toBe('exit 0');
    // The typings ship too.
    expect(fs.existsSync(path.join(app, 'node_modules', 'cdk8s-calico', 'build', 'lib', 'policy', 'global-network-policy.d.ts'))).toBe(true);
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
});

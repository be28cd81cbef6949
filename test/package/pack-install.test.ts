// The package as a new user gets it: `npm pack` on a source tree with nothing built (prepack must build), installed
// into a fresh app laid out as `cdk8s init typescript-app` lays it out (cdk8s-cli's templates/typescript-app:
// main.ts, main.test.ts, cdk8s.yaml, jest.config.js with ts-jest, tsconfig.json, package.json with cdk8s-plus-33),
// then the real `cdk8s synth`, `cdk8s-calico validate dist/`, the CLI with no options, the typed matchers under
// ts-jest, the typings under tsc (a misspelled matcher must be an error) and every exports entry point under the
// node10, node16 and bundler resolutions. Dependencies come from the npm cache that `npm ci` filled (the app asks
// for the versions this repository installed); only the npm registry is reachable in CI.
import { execFileSync, spawnSync, SpawnSyncReturns } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

const root = path.resolve(__dirname, '..', '..');
const fixtures = path.join(__dirname, 'fresh-app');
const npmCheck = spawnSync('npm', ['--version'], { encoding: 'utf8' });
const npmAvailable = npmCheck.status === 0;
if (!npmAvailable) {
  // The only reason to skip: without npm there is no `npm pack`. Said loudly, so a skip is never mistaken for a pass.
  console.warn(
    `SKIPPED test/package/pack-install.test.ts: npm is not available (${npmCheck.error?.message ?? npmCheck.stderr})`,
  );
}
const describeWithNpm = npmAvailable ? describe : describe.skip;

const env: NodeJS.ProcessEnv = {
  ...process.env,
  npm_config_fund: 'false',
  npm_config_audit: 'false',
  npm_config_update_notifier: 'false',
  CI: 'true',
};
delete env.CALICO_CRDS_DIR; // the packaged CRDs must be found without help
delete env.NODE_OPTIONS;

function version(pkg: string): string {
  return JSON.parse(fs.readFileSync(path.join(root, 'node_modules', pkg, 'package.json'), 'utf8')).version;
}

function run(cmd: string, args: string[], cwd: string): SpawnSyncReturns<string> {
  return spawnSync(cmd, args, { cwd, encoding: 'utf8', env, maxBuffer: 64 * 1024 * 1024 });
}

/** Runs a command that must succeed; on failure the assertion shows its output. */
function ok(cmd: string, args: string[], cwd: string): string {
  const r = run(cmd, args, cwd);
  expect({
    command: `${cmd} ${args.join(' ')}`,
    status: r.status,
    output: r.status === 0 ? '' : `${r.stdout}\n${r.stderr}`,
  }).toEqual({ command: `${cmd} ${args.join(' ')}`, status: 0, output: '' });
  return r.stdout;
}

/** The source tree as a fresh clone has it (no build/, no dist/), sharing this checkout's node_modules. */
function copySources(to: string): void {
  const skip = new Set(['node_modules', 'build', 'dist', '.git', 'coverage']);
  fs.cpSync(root, to, { recursive: true, filter: (src) => !skip.has(path.relative(root, src).split(path.sep)[0]) });
  fs.symlinkSync(path.join(root, 'node_modules'), path.join(to, 'node_modules'), 'dir');
}

/** The app as `cdk8s init typescript-app` writes it, with cdk8s-calico added and this repository's versions. */
function writeApp(app: string, tarball: string): void {
  fs.mkdirSync(app);
  const template = path.join(root, 'node_modules', 'cdk8s-cli', 'templates', 'typescript-app');
  for (const file of ['cdk8s.yaml', 'jest.config.js', 'tsconfig.json'])
    fs.copyFileSync(path.join(template, file), path.join(app, file));
  const pkg = JSON.parse(
    fs.readFileSync(path.join(template, 'package.json'), 'utf8').replace(/\{\{ \$base \}\}/g, 'fresh-app'),
  );
  pkg.dependencies = {
    'cdk8s': `^${version('cdk8s')}`,
    'cdk8s-plus-33': `^${version('cdk8s-plus-33')}`,
    'constructs': `^${version('constructs')}`,
    'cdk8s-calico': `file:${tarball}`,
  };
  // The template's dev tools, at the versions this repository installed (so they come from the npm cache).
  const dev = ['cdk8s-cli', '@types/node', '@types/jest', 'jest', 'ts-jest', 'typescript', 'ts-node'];
  expect(Object.keys(pkg.devDependencies).sort()).toEqual([...dev].sort());
  pkg.devDependencies = Object.fromEntries(dev.map((d) => [d, version(d)]));
  fs.writeFileSync(path.join(app, 'package.json'), JSON.stringify(pkg, null, 2));
  for (const file of fs.readdirSync(fixtures))
    fs.copyFileSync(path.join(fixtures, file), path.join(app, file.replace(/\.in$/, '')));
}

describeWithNpm('the packed tarball in a fresh cdk8s typescript-app', () => {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-calico-app-'));
  const app = path.join(work, 'app');
  let contents: string[] = [];

  beforeAll(() => {
    const src = path.join(work, 'src');
    copySources(src);
    const tarball = path.join(
      work,
      ok('npm', ['pack', '--silent', '--pack-destination', work], src).trim().split('\n').pop()!,
    );
    contents = execFileSync('tar', ['-tzf', tarball], { encoding: 'utf8' }).trim().split('\n');
    writeApp(app, tarball);
    ok('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error'], app);
  });

  afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

  test('npm pack on an unbuilt tree ships the compiled package, its typings, the CRDs, the bin and the legal files', () => {
    expect(contents).toEqual(
      expect.arrayContaining([
        'package/package.json',
        'package/LICENSE',
        'package/NOTICE',
        'package/CHANGELOG.md',
        'package/README.md',
        'package/bin/cdk8s-calico',
        'package/build/lib/index.js',
        'package/build/lib/index.d.ts',
        'package/build/lib/testing/index.d.ts',
        'package/build/lib/testing/vitest.d.ts',
        'package/build/lib/cli/main.js',
        'package/crds/calico/v3/projectcalico.org_tiers.yaml',
        'package/crds/LICENSE',
        'package/crds/NOTICE',
        'package/schemas/cli-output.v1.json',
      ]),
    );
    // Sources, tests, examples and benches stay out; typings only as .d.ts.
    expect(contents.filter((f) => /\.ts$/.test(f) && !f.endsWith('.d.ts'))).toEqual([]);
    expect(
      contents.filter((f) => /^package\/(test|examples|bench|build\/bench|build\/examples|scripts)\//.test(f)),
    ).toEqual([]);
  });

  test('the template tsconfig (strict, no skipLibCheck) compiles the app, the typed matchers and every entry point (node10)', () => {
    // typings.ts holds @ts-expect-error lines: a misspelled matcher or a wrong query that compiled would fail here.
    ok('npx', ['tsc', '--noEmit', '-p', '.'], app);
    const withoutDirectives = fs
      .readFileSync(path.join(app, 'typings.ts'), 'utf8')
      .replace(/^\/\/ @ts-expect-error.*$/gm, '');
    fs.writeFileSync(path.join(app, 'misspelled.ts'), withoutDirectives);
    const r = run('npx', ['tsc', '--noEmit', '--skipLibCheck', '-p', '.'], app);
    fs.rmSync(path.join(app, 'misspelled.ts'));
    expect(r.status).not.toBe(0);
    const at = String.raw`misspelled\.ts\(\d+,\d+\): error`;
    expect(r.stdout).toMatch(new RegExp(String.raw`${at} TS2551: Property 'toAllowTrafic' does not exist`));
    expect(r.stdout).toMatch(
      new RegExp(String.raw`${at} TS2345: Argument of type '\{ from: string; \}'[^\n]*\n\s+Property 'to' is missing`),
    );
    expect(r.stdout).toMatch(
      new RegExp(
        String.raw`${at} TS2559: Type 'never\[\]' has no properties in common with type 'TrafficMatcherOptions'`,
      ),
    );
  });

  const resolutions = [
    ['node16', 'node16'],
    ['bundler', 'esnext'],
  ];
  test.each(resolutions)(
    'every exports entry point resolves with its typings under moduleResolution %s',
    (resolution, module) => {
      const tsconfig = `tsconfig.${resolution}.json`;
      fs.writeFileSync(
        path.join(app, tsconfig),
        JSON.stringify({
          extends: './tsconfig.json',
          compilerOptions: { module, moduleResolution: resolution, skipLibCheck: true },
          include: [],
          files: ['entry-points.ts'],
        }),
      );
      ok('npx', ['tsc', '--noEmit', '-p', tsconfig], app);
    },
  );

  test("the vitest typings merge into vitest's own expect (cdk8s-calico/testing/vitest)", () => {
    fs.symlinkSync(path.join(root, 'node_modules', 'vitest'), path.join(app, 'node_modules', 'vitest'), 'dir');
    fs.writeFileSync(
      path.join(app, 'tsconfig.vitest.json'),
      JSON.stringify({
        compilerOptions: {
          strict: true,
          noEmit: true,
          module: 'nodenext',
          moduleResolution: 'nodenext',
          target: 'es2022',
          types: [],
          skipLibCheck: true,
        },
        files: ['vitest-typings.mts'],
      }),
    );
    ok('npx', ['tsc', '-p', 'tsconfig.vitest.json'], app);
  });

  test('cdk8s synth (cdk8s-cli, ts-node) writes the chart, and `cdk8s-calico validate dist/` passes it', () => {
    ok('npx', ['cdk8s', 'synth', '--no-check-upgrade'], app);
    const yaml = fs.readFileSync(path.join(app, 'dist', 'fresh-app.k8s.yaml'), 'utf8');
    for (const kind of ['GlobalNetworkPolicy', 'HostEndpoint', 'Service']) expect(yaml).toContain(`kind: ${kind}\n`);
    expect(ok('npx', ['cdk8s-calico', 'validate', 'dist/'], app)).toMatch(/object\(s\) in 1 file\(s\): 0 problem\(s\)/);
  });

  test('plain JavaScript (CommonJS require) gets the constructs and validateManifests from the root', () => {
    fs.writeFileSync(
      path.join(app, 'plain.js'),
      `
      const { App, Chart } = require('cdk8s');
      const { GlobalNetworkPolicy, Peer, Port, Selector, validateManifests } = require('cdk8s-calico');
      const chart = new Chart(new App(), 'nodes', { namespace: 'ignored-for-cluster-scoped' });
      new GlobalNetworkPolicy(chart, 'AllowSsh', { selector: Selector.has('kubernetes-host'), order: 10 })
        .allowIngress(Peer.nets('10.0.0.0/8'), Port.tcp(22));
      const docs = chart.toJson();
      console.log(JSON.stringify({ docs, problems: validateManifests(docs, { kubernetes: false }) }));
    `,
    );
    const out = JSON.parse(ok(process.execPath, ['plain.js'], app));
    expect(out.docs[0].kind).toBe('GlobalNetworkPolicy');
    expect(out.docs[0].metadata.namespace).toBeUndefined();
    expect(out.docs[0].spec.ingress[0]).toEqual({
      action: 'Allow',
      protocol: 'TCP',
      source: { nets: ['10.0.0.0/8'] },
      destination: { ports: [22] },
    });
    expect(out.problems).toEqual([]);
  });

  test('a reader that has gone (`| true`, as `| head -1` once it has its line) ends the bin quietly with its exit code', () => {
    const bin = path.join(app, 'node_modules', '.bin', 'cdk8s-calico');
    const script = `"${bin}" validate dist | true; echo "exit \${PIPESTATUS[0]}"`;
    const piped = spawnSync('bash', ['-c', script], { cwd: app, encoding: 'utf8', env });
    expect(piped.stderr).toBe('');
    expect(piped.stdout.trim()).toBe('exit 0');
  });

  test('the CLI with no options prints its usage and exits 2', () => {
    const r = run('npx', ['cdk8s-calico'], app);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('usage: cdk8s-calico <command>');
  });

  test('the matchers work under ts-jest, which type-checks the test file', () => {
    const r = run('npx', ['jest', '--ci'], app);
    expect({ status: r.status, output: r.status === 0 ? '' : r.stderr }).toEqual({ status: 0, output: '' });
    expect(r.stderr).toMatch(/Tests:\s+2 passed, 2 total/);
  });

  // Last: it rewrites cdk8s.yaml and dist/. The plugin entry is the README's own snippet, loaded from the tarball.
  test("with the README's `validations:` entry, cdk8s synth passes the app and fails one whose JSON patch breaks a Calico rule, naming the construct path", () => {
    const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf8');
    const snippet = /```yaml\n(validations:\n[\s\S]*?)```/.exec(readme)?.[1];
    expect(snippet).toContain('class: CalicoValidation');
    const pkgVersion = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')).version;
    expect(snippet).toContain(`version: ${pkgVersion} `);
    const template = fs.readFileSync(
      path.join(root, 'node_modules', 'cdk8s-cli', 'templates', 'typescript-app', 'cdk8s.yaml'),
      'utf8',
    );
    const withPlugin = (entry: string) =>
      fs.writeFileSync(
        path.join(app, 'cdk8s.yaml'),
        `${template.replace(/^app: .*$/m, `app: npx ts-node ${entry}`).trimEnd()}\n${snippet}`,
      );
    withPlugin('main.ts');
    const good = run('npx', ['cdk8s', 'synth', '--no-check-upgrade'], app);
    expect({ status: good.status, output: good.status === 0 ? '' : `${good.stdout}\n${good.stderr}` }).toEqual({
      status: 0,
      output: '',
    });
    expect(`${good.stdout}\n${good.stderr}`).toContain('cdk8s-calico');

    fs.writeFileSync(
      path.join(app, 'bad.ts'),
      [
        "import { ApiObject, App, Chart, JsonPatch } from 'cdk8s';",
        "import { IpPool } from 'cdk8s-calico';",
        'const app = new App();',
        "const chart = new Chart(app, 'pools');",
        "new IpPool(chart, 'PoolA', { name: 'pool-a', cidr: '192.168.0.0/16' });",
        "const poolB = new IpPool(chart, 'PoolB', { name: 'pool-b', cidr: '10.10.0.0/16' });",
        "ApiObject.of(poolB).addJsonPatch(JsonPatch.replace('/spec/cidr', '192.168.128.0/17')); // overlaps pool-a",
        'app.synth();',
      ].join('\n'),
    );
    withPlugin('bad.ts');
    const bad = run('npx', ['cdk8s', 'synth', '--no-check-upgrade'], app);
    expect(bad.status).not.toBe(0);
    expect(`${bad.stdout}\n${bad.stderr}`).toMatch(/Construct Path: pools\/PoolB/);
    expect(`${bad.stdout}\n${bad.stderr}`).toMatch(/overlap/);
  });
});

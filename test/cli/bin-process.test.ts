// The real bin script (bin/cdk8s-calico) in a real process, as a shell pipeline runs it (issue 13, item 5): a reader
// that closes the pipe early (`| head -1`) ends no command with a stack trace, standard input is read from a pipe,
// and --version answers. The bin loads build/lib/cli/main.js; here a stand-in build/ loads the TypeScript sources
// through @swc/core (what jest uses), so the test needs no build.
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

const ROOT = path.join(__dirname, '..', '..');

/** A folder with the bin as shipped and a build/ that forwards to lib/ (TypeScript compiled on load). */
function stage(dir: string): string {
  fs.mkdirSync(path.join(dir, 'bin'));
  fs.copyFileSync(path.join(ROOT, 'bin', 'cdk8s-calico'), path.join(dir, 'bin', 'cdk8s-calico'));
  fs.mkdirSync(path.join(dir, 'build', 'lib', 'cli'), { recursive: true });
  fs.writeFileSync(
    path.join(dir, 'build', 'lib', 'cli', 'main.js'),
    `module.exports = require(${JSON.stringify(path.join(ROOT, 'lib', 'cli', 'main.ts'))});\n`,
  );
  fs.writeFileSync(
    path.join(dir, 'hook.js'),
    [
      `const fs = require('fs');`,
      `const swc = require(${JSON.stringify(require.resolve('@swc/core'))});`,
      `require.extensions['.ts'] = (module, filename) => {`,
      `  const out = swc.transformSync(fs.readFileSync(filename, 'utf8'), { filename, jsc: { parser: { syntax: 'typescript' }, target: 'es2022' }, module: { type: 'commonjs' } });`,
      `  module._compile(out.code, filename);`,
      `};`,
    ].join('\n'),
  );
  return `node -r ${JSON.stringify(path.join(dir, 'hook.js'))} ${JSON.stringify(path.join(dir, 'bin', 'cdk8s-calico'))}`;
}

/** Runs a bash pipeline; the bin's stderr goes to a file, read back. `pipefail`: the exit code is the bin's. */
function pipeline(cmd: string, dir: string): { code: number; out: string; err: string } {
  const errFile = path.join(dir, 'stderr.txt');
  const r = spawnSync('bash', ['-o', 'pipefail', '-c', cmd.replace('2>ERR', `2>${JSON.stringify(errFile)}`)], {
    encoding: 'utf8',
    cwd: dir,
  });
  return {
    code: r.status ?? -1,
    out: r.stdout,
    err: fs.existsSync(errFile) ? fs.readFileSync(errFile, 'utf8') : r.stderr,
  };
}

describe('bin/cdk8s-calico in a pipeline', () => {
  let dir: string;
  let bin: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cli-bin-'));
    bin = stage(dir);
    // Enough findings that the output outlives `head -1` (a closed pipe, EPIPE, on the next write).
    const docs: string[] = [];
    for (let i = 0; i < 2000; i++) {
      docs.push(
        [
          'apiVersion: projectcalico.org/v3',
          'kind: GlobalNetworkPolicy',
          'metadata:',
          `  name: p${i}`,
          'spec:',
          '  selector: all()',
          '  ingress:',
          '    - action: Allow',
          '      destination:',
          '        ports: [22]',
          '',
        ].join('\n'),
      );
    }
    const pods = [
      'apiVersion: v1\nkind: Pod\nmetadata: {name: web, namespace: shop, labels: {app: web}}\nspec: {containers: [{name: c, image: x}]}\nstatus: {podIP: 10.0.0.1}\n',
      'apiVersion: v1\nkind: Pod\nmetadata: {name: db, namespace: shop, labels: {app: db}}\nspec: {hostPID: true, containers: [{name: c, image: x}]}\nstatus: {podIP: 10.0.0.2}\n',
    ];
    fs.writeFileSync(path.join(dir, 'big.yaml'), [...docs, ...pods].join('---\n'));
    // The engines refuse invalid policies: the network commands read a valid set.
    fs.writeFileSync(
      path.join(dir, 'net.yaml'),
      [...docs.map((d) => d.replace('- action: Allow', '- action: Allow\n      protocol: TCP')), ...pods].join('---\n'),
    );
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  test.each([
    ['validate big.yaml', 1],
    ['validate --format sarif big.yaml', 1],
    ['check --format junit big.yaml', 1],
    ['lint --format github big.yaml', 1],
    ['psa --level restricted big.yaml', 1],
    ['explain --from shop/web --to shop/db --port 80 net.yaml', 1], // denied: only port 22 is allowed
    ['matrix --ports 80/TCP net.yaml', 0],
    ['help', 0],
  ])("%s | head -1: one line out, nothing on stderr, the command's own exit code", (args, code) => {
    const r = pipeline(`${bin} ${args} 2>ERR | head -1`, dir);
    expect({ err: r.err, code: r.code }).toEqual({ err: '', code });
    expect(r.out.split('\n').filter((l) => l !== '')).toHaveLength(1);
  });

  test('standard input from a pipe, and --version', () => {
    const piped = pipeline(
      `printf 'apiVersion: v1\\nkind: Namespace\\nmetadata:\\n  name: Bad_Name\\n' | ${bin} validate - 2>ERR`,
      dir,
    );
    expect(piped.code).toBe(1);
    expect(piped.out).toMatch(/^<stdin>:4:3: Namespace\/Bad_Name: metadata\.name: /);
    const version = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')).version;
    expect(pipeline(`${bin} --version 2>ERR`, dir)).toEqual({ code: 0, out: `cdk8s-calico ${version}\n`, err: '' });
  });
});

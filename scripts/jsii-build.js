#!/usr/bin/env node
// `npm run jsii`: the construct package of ARCHITECTURE.md "jsii", built offline in three steps.
//   1. jsii compiles the construct surface (lib/jsii/index.ts) staged in build/jsii-check/ (scripts/jsii-check.js):
//      the assembly is build/jsii-check/.jsii.
//   2. jsii-pacmak --code-only writes the Python, Java, .NET and Go sources into build/jsii-dist/<language>/ (no
//      language toolchain and no registry needed: packaging them would need PyPI, Maven Central, NuGet, the Go proxy);
//      jsii-pacmak --targets js packs the construct package itself (build/jsii-dist/js/*.jsii.tgz, npm pack).
//   3. jsii-docgen writes API.md at the repository root (committed; `--check-api` compares instead of writing).
// Options: --stage DIR (staging folder), --out DIR (bindings), --skip-pacmak, --check-api. Prints each step's time.
// Exit code: 0 when every step succeeded (and API.md is current with --check-api), 1 otherwise.
const fs = require('fs');
const path = require('path');
const { spawnSync } = require('child_process');
const { compileSurface, DEFAULT_STAGE } = require('./jsii-check');

const root = path.resolve(__dirname, '..');
const API_MD = path.join(root, 'API.md');
const TARGETS = ['python', 'java', 'dotnet', 'go'];

function option(name, fallback) {
  const i = process.argv.indexOf(name);
  return i >= 0 && process.argv[i + 1] ? path.resolve(process.argv[i + 1]) : fallback;
}

function fail(step, output) {
  console.error(output);
  console.error(`jsii build: ${step} failed`);
  process.exit(1);
}

function timed(step, fn) {
  const start = process.hrtime.bigint();
  const result = fn();
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  console.log(`  ${step}: ${(ms / 1000).toFixed(1)} s`);
  return result;
}

function runTool(bin, args, cwd) {
  const result = spawnSync(process.execPath, [require.resolve(bin, { paths: [root] }), ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, FORCE_COLOR: '0', NO_COLOR: '1' },
    maxBuffer: 64 * 1024 * 1024,
  });
  return { status: result.status, output: `${result.stdout}\n${result.stderr}` };
}

function main() {
  const stage = option('--stage', DEFAULT_STAGE);
  const out = option('--out', path.join(root, 'build', 'jsii-dist'));
  const checkApi = process.argv.includes('--check-api');
  console.log('jsii build (construct surface lib/jsii/index.ts):');

  const compiled = timed('jsii compile', () => compileSurface(stage));
  if (compiled.errors.length > 0 || compiled.status !== 0) {
    fail(`jsii compile (${compiled.errors.length} errors; npm run jsii:check sorts them)`, compiled.output);
  }
  const assembly = JSON.parse(fs.readFileSync(path.join(stage, '.jsii'), 'utf8'));
  console.log(
    `    assembly ${path.relative(root, path.join(stage, '.jsii'))}: ${Object.keys(assembly.types).length} types`,
  );

  if (!process.argv.includes('--skip-pacmak')) {
    fs.rmSync(out, { recursive: true, force: true });
    const pacmak = timed(`jsii-pacmak --code-only (${TARGETS.join(', ')})`, () =>
      runTool('jsii-pacmak/bin/jsii-pacmak', ['--code-only', '--targets', ...TARGETS, '--outdir', out], stage),
    );
    if (pacmak.status !== 0) fail('jsii-pacmak', pacmak.output);
    console.log(`    sources in ${path.relative(root, out)}/{${TARGETS.join(',')}}`);
    // The construct package itself, as Construct Hub and npm users of other languages' runtimes take it: the staged
    // package packed (npm pack, offline), with its assembly and its bundled dependencies.
    const js = timed('jsii-pacmak --targets js (npm tarball)', () =>
      runTool('jsii-pacmak/bin/jsii-pacmak', ['--targets', 'js', '--outdir', out], stage),
    );
    if (js.status !== 0) fail('jsii-pacmak (js)', js.output);
    const tarballs = fs.readdirSync(path.join(out, 'js')).filter((f) => f.endsWith('.tgz'));
    console.log(`    npm package ${tarballs.map((f) => path.relative(root, path.join(out, 'js', f))).join(', ')}`);
  }

  const generated = path.join(stage, 'API.md');
  const docgen = timed('jsii-docgen', () => runTool('jsii-docgen/bin/jsii-docgen', ['-o', generated], stage));
  if (docgen.status !== 0) fail('jsii-docgen', docgen.output);
  const text = fs.readFileSync(generated, 'utf8');
  if (checkApi) {
    const current = fs.existsSync(API_MD) ? fs.readFileSync(API_MD, 'utf8') : undefined;
    if (current !== text) {
      console.error(
        'jsii build: API.md is not the API of the construct surface; fix: npm run jsii (and commit API.md)',
      );
      process.exit(1);
    }
    console.log('    API.md is current');
  } else {
    fs.writeFileSync(API_MD, text);
    console.log(`    wrote API.md (${text.split('\n').length} lines)`);
  }
}

main();

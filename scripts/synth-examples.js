#!/usr/bin/env node
// `npm run synth`: compiles the project once, then runs every example app under examples/<name>/main.ts,
// writing its manifests to dist/<name>/. Compiled JS is the fastest synth runner (cdk8s-notes.md §6).
'use strict';
const fs = require('fs');
const path = require('path');
const { execFileSync } = require('child_process');

const root = path.resolve(__dirname, '..');
const only = process.argv.slice(2);
// SYNTH_BUILD_DIR lets tests compile somewhere of their own (inside the project, so node_modules resolves).
const buildDir = process.env.SYNTH_BUILD_DIR
  ? path.resolve(root, process.env.SYNTH_BUILD_DIR)
  : path.join(root, 'build');
execFileSync(
  process.execPath,
  [path.join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.build.json', '--outDir', buildDir],
  { cwd: root, stdio: 'inherit' },
);

// Data files an example reads next to itself (e.g. a `kubectl get nodes -o json` dump) go next to its compiled JS.
function copyAssets(from, to) {
  for (const entry of fs.readdirSync(from, { withFileTypes: true })) {
    const src = path.join(from, entry.name);
    const dst = path.join(to, entry.name);
    if (entry.isDirectory()) copyAssets(src, dst);
    else if (!entry.name.endsWith('.ts')) {
      fs.mkdirSync(to, { recursive: true });
      fs.copyFileSync(src, dst);
    }
  }
}
copyAssets(path.join(root, 'examples'), path.join(buildDir, 'examples'));

const examples = fs
  .readdirSync(path.join(root, 'examples'))
  .filter((d) => fs.existsSync(path.join(root, 'examples', d, 'main.ts')))
  .filter((d) => only.length === 0 || only.includes(d))
  .sort();
for (const name of examples) {
  const outdir = path.join(process.env.SYNTH_DIST_DIR || path.join(root, 'dist'), name);
  fs.rmSync(outdir, { recursive: true, force: true });
  const started = Date.now();
  execFileSync(process.execPath, [path.join(buildDir, 'examples', name, 'main.js')], {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, CDK8S_OUTDIR: outdir },
  });
  const files = fs.readdirSync(outdir).filter((f) => f.endsWith('.yaml'));
  console.log(`synth ${name}: ${files.length} file(s) in ${path.relative(root, outdir)}/ (${Date.now() - started} ms)`);
}

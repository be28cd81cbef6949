#!/usr/bin/env node
// `npm run jsii:check`: compiles the jsii construct surface (lib/jsii/index.ts) with jsii and counts its errors by
// category, the inventory kept in docs/jsii-inventory.md (ARCHITECTURE.md, "jsii").
//
// jsii takes its entry point from package.json `types` and rewrites tsconfig.json, so it runs in a staging folder,
// build/jsii-check/, holding the construct floors (lib/ floors 0-5 and imports/) and the construct package's
// manifest, scripts/jsii/package.json. The repository's own package.json and tsconfig.json are left alone.
// Exit code: 0 when jsii compiles with no error, 1 otherwise (`--report` prints the inventory and exits 0).
// With 0 errors jsii writes the assembly, build/jsii-check/.jsii, that `npm run jsii` (scripts/jsii-build.js) turns
// into bindings and API.md; that script reuses the functions below.
const fs = require('fs');
const path = require('path');
const { spawnSync } = require('child_process');

const root = path.resolve(__dirname, '..');
const DEFAULT_STAGE = path.join(root, 'build', 'jsii-check');

// Floors 0-5 (ARCHITECTURE.md): the constructs and everything they call at synth. Lint, plugin, testing, the CLI
// and lib/index.ts stay out, as they will in the construct package.
const FOLDERS = [
  'lib/selector',
  'lib/model',
  'lib/validation',
  'lib/analysis',
  'lib/core',
  'lib/policy',
  'lib/network',
  'lib/nodes',
  'lib/services',
  'lib/access',
  'lib/jsii',
  'imports',
];

// Diagnostic -> category; the first match wins. Codes: jsii's `jsii/lib/jsii-diagnostic.ts`.
const CATEGORIES = [
  ['struct properties that are not readonly (JSII3008)', (d) => d.code === 'JSII3008'],
  ['readonly arrays (`readonly T[]`) in public types', (d) => /"ReadonlyArray"/.test(d.message)],
  ['static and instance members sharing a name (JSII5013)', (d) => d.code === 'JSII5013'],
  ['Error subclasses', (d) => /"Error"/.test(d.message) || d.code === 'JSII3004'],
  // JSII1003 "only string-indexed map types" is what jsii says of an inline `{ ... }` or function type.
  ['anonymous object and function types (JSII1003)', (d) => d.code === 'JSII1003'],
  ['@internal members without a leading underscore (JSII8005)', (d) => d.code === 'JSII8005'],
  ['prohibited member names such as `equals` (JSII5016)', (d) => d.code === 'JSII5016'],
  ['unions and intersections', (d) => /union|intersection/i.test(d.message)],
  ['types used in the API but not exported (JSII9002)', (d) => d.code === 'JSII9002'],
  ['TypeScript errors under the jsii compiler', (d) => d.code.startsWith('TS')],
];

function stageProject(stage = DEFAULT_STAGE) {
  fs.rmSync(stage, { recursive: true, force: true });
  fs.mkdirSync(stage, { recursive: true });
  for (const folder of FOLDERS) {
    fs.cpSync(path.join(root, folder), path.join(stage, folder), { recursive: true });
  }
  for (const file of ['package.json', 'tsconfig.jsii.json', '.npmignore']) {
    fs.copyFileSync(path.join(__dirname, 'jsii', file), path.join(stage, file));
  }
  for (const file of ['LICENSE', 'NOTICE', 'README.md']) fs.copyFileSync(path.join(root, file), path.join(stage, file));
  fs.symlinkSync(path.join(root, 'node_modules'), path.join(stage, 'node_modules'), 'dir');
}

function runJsii(stage = DEFAULT_STAGE) {
  const jsii = require.resolve('jsii/bin/jsii', { paths: [root] });
  const result = spawnSync(process.execPath, [jsii, '--silence-warnings=reserved-word'], {
    cwd: stage,
    encoding: 'utf8',
    env: { ...process.env, FORCE_COLOR: '0', NO_COLOR: '1' },
    maxBuffer: 64 * 1024 * 1024,
  });
  return { status: result.status, output: `${result.stdout}\n${result.stderr}` };
}

// "lib/policy/port.ts:12:3 - error JSII5016: message" (jsii prints the TypeScript diagnostic format).
function parseDiagnostics(output) {
  const found = [];
  const re = /^(\S+?):(\d+):(\d+) - (error|warning) (JSII\d+|TS\d+): (.*)$/gm;
  for (let m; (m = re.exec(output));) {
    found.push({ file: m[1], line: Number(m[2]), severity: m[4], code: m[5], message: m[6] });
  }
  return found;
}

function categorise(diagnostic) {
  for (const [name, test] of CATEGORIES) if (test(diagnostic)) return name;
  return 'other';
}

// What jsii leaves out without an error: exported functions and constants (not part of any assembly) and
// string-literal unions (widened to `string`). Counted with the TypeScript checker over the same entry point.
function silentlyDropped() {
  const ts = require(require.resolve('typescript', { paths: [root] }));
  const entry = path.join(root, 'lib', 'jsii', 'index.ts');
  const options = { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.CommonJS, strict: true, skipLibCheck: true };
  const program = ts.createProgram([entry], { ...options, esModuleInterop: true, resolveJsonModule: true });
  const checker = program.getTypeChecker();
  const dropped = { functions: [], constants: [], 'string-literal unions': [] };
  for (const exported of checker.getExportsOfModule(checker.getSymbolAtLocation(program.getSourceFile(entry)))) {
    const s = exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported;
    const decl = s.declarations?.[0];
    if (s.flags & ts.SymbolFlags.Function) dropped.functions.push(exported.name);
    else if (s.flags & ts.SymbolFlags.Variable) dropped.constants.push(exported.name);
    else if (decl && ts.isTypeAliasDeclaration(decl) && ts.isUnionTypeNode(decl.type)) {
      if (decl.type.types.every((t) => ts.isLiteralTypeNode(t))) dropped['string-literal unions'].push(exported.name);
    }
  }
  return dropped;
}

/** Stages, compiles and sorts the errors: `{ status, output, errors, byCategory }`; the assembly is `<stage>/.jsii`. */
function compileSurface(stage = DEFAULT_STAGE) {
  stageProject(stage);
  const { status, output } = runJsii(stage);
  fs.writeFileSync(path.join(stage, 'jsii-output.txt'), output);
  const errors = parseDiagnostics(output).filter((d) => d.severity === 'error');
  const byCategory = new Map();
  for (const d of errors) {
    const key = categorise(d);
    const list = byCategory.get(key) ?? [];
    list.push(d);
    byCategory.set(key, list);
  }
  return { status, output, errors, byCategory };
}

module.exports = { compileSurface, DEFAULT_STAGE };

function main() {
  const stage = DEFAULT_STAGE;
  const reportOnly = process.argv.includes('--report');
  const { status, output, errors, byCategory } = compileSurface(stage);
  const diagnostics = parseDiagnostics(output);
  const byCode = new Map();
  for (const d of errors) byCode.set(d.code, (byCode.get(d.code) ?? 0) + 1);

  console.log(`jsii: ${errors.length} errors, ${diagnostics.length - errors.length} warnings (exit ${status})`);
  for (const [name, list] of [...byCategory].sort((a, b) => b[1].length - a[1].length)) {
    console.log(`  ${String(list.length).padStart(4)}  ${name}`);
  }
  console.log(`  by code: ${[...byCode].map(([code, n]) => `${code} ${n}`).join(', ')}`);
  const dropped = silentlyDropped();
  for (const [kind, names] of Object.entries(dropped)) {
    console.log(`  left out without an error: ${names.length} ${kind}${names.length ? ` (${names.join(', ')})` : ''}`);
  }
  fs.writeFileSync(
    path.join(stage, 'inventory.json'),
    JSON.stringify(Object.fromEntries([...byCategory].map(([k, v]) => [k, v])), null, 2),
  );
  console.log(
    `  full output: ${path.relative(root, path.join(stage, 'jsii-output.txt'))}, by category: inventory.json`,
  );
  if (errors.length === 0 && status !== 0) {
    console.error(output);
    process.exit(status ?? 1);
  }
  process.exit(reportOnly || errors.length === 0 ? 0 : 1);
}

if (require.main === module) main();

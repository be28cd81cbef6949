// Connectivity at realistic diversity (issue 17): the full matrix over clusters from bench/diverse-cluster.ts at
// growing sizes (policies = pods / 2; ports 80/TCP, 443/TCP, 53/UDP), with Kubernetes policies only ("plain") and
// with Calico policies, tiers, host endpoints and ClusterNetworkPolicies mixed in ("calico").
// Per size and setting, each measured in its own child process (so peak RSS is that run's): model build time, matrix
// time (NetworkModel.matrix, the fastest full-matrix entry; median of BENCH_REPEAT cold runs, wall and CPU), peak RSS,
// the matrix stats (classes, evaluate calls), the per-pair baseline measured in the same run (evaluate on a random
// sample of pairs: CPU µs per pair × all pairs), a random sample of cells checked against evaluate, and `diff` (two
// policy sets over the same pods: every tenth policy dropped; both builds + diffModels, and its changed flows checked
// against the XOR of the two matrices). Then `cdk8s-calico matrix` end to end (read, build, matrix, write) on the
// files of one size written to a temp dir.
// Targets (issue 17, 2-core machine): 2,000 pods matrix ≤ 2 s and ≤ 1 GiB; 10,000 pods ≤ 30 s and ≤ 4 GiB; diff at
// 2,000 pods ≤ 4 s; the CLI at 2,000 pods ≤ 5 s.
// Usage: npm run build && node --expose-gc build/bench/matrix-diversity.js [sizes...]   (default 200 1000 2000;
// 10000 is slow with a per-pair engine)
// Env: BENCH_SETTINGS (plain,calico), BENCH_REPEAT (3), BENCH_SAMPLE (3000 cells checked), BENCH_BASELINE (3000 pairs
// timed), BENCH_SEED (17), BENCH_DIFF_MAX (2000: larger sizes skip diff), BENCH_CLI (2000: pods of the CLI run, 0 off),
// BENCH_CLI_REPEAT (3), BENCH_CLI_FORMAT (text), BENCH_MATRIX (1; 0 runs only the CLI part).
import { spawnSync } from 'child_process';
import { mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'fs';
import { cpus, loadavg, tmpdir } from 'os';
import { join, resolve } from 'path';
import { stringify } from 'yaml';
import { NetworkModel } from '../lib/analysis';
import { diffModels } from '../lib/analysis/network/report/diff';
import { parsePortList } from '../lib/analysis/network/report/port-spec';
import { DIVERSE_PORTS, diverseCluster, diverseClusterFeatures } from './diverse-cluster';
import { rng } from './reachability';
import { time } from './timing';

const REPEAT = Number(process.env.BENCH_REPEAT ?? 3);
const SEED = Number(process.env.BENCH_SEED ?? 17);
const SAMPLE = Number(process.env.BENCH_SAMPLE ?? 3000);
const BASELINE = Number(process.env.BENCH_BASELINE ?? 3000);
const DIFF_MAX = Number(process.env.BENCH_DIFF_MAX ?? 2000);
const CLI_PODS = Number(process.env.BENCH_CLI ?? 2000);
const CLI_REPEAT = Number(process.env.BENCH_CLI_REPEAT ?? 3);
// text: `--format json` cannot hold 2,000 endpoints (12 million cells with reason and trace exceed V8's string limit)
const CLI_FORMAT = process.env.BENCH_CLI_FORMAT ?? 'text';
const MATRIX_RUNS = process.env.BENCH_MATRIX !== '0';
const SETTINGS = (process.env.BENCH_SETTINGS ?? 'plain,calico').split(',').filter(Boolean);
const POLICY_KINDS = new Set(['NetworkPolicy', 'GlobalNetworkPolicy', 'ClusterNetworkPolicy']);

const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[s.length >> 1] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const gc = (): void => (globalThis as { gc?: () => void }).gc?.();

const workloadIds = (m: NetworkModel): string[] =>
  m
    .endpoints()
    .filter((e) => e.kind === 'workload')
    .map((e) => e.id);

/** The cluster of a run, and the same pods with every tenth policy dropped (the `diff` pair). */
function clusters(pods: number, calico: boolean): { docs: any[]; after: any[] } {
  const docs = diverseCluster({ pods, policies: Math.round(pods / 2), seed: SEED, calico });
  let k = 0;
  const after = docs.filter((d) => !POLICY_KINDS.has(d.kind) || k++ % 10 !== 9);
  return { docs, after };
}

/** One size and setting, measured in this process (a child of `main`); the result as a JSON line. */
function one(pods: number, setting: string): Record<string, unknown> {
  const calico = setting === 'calico';
  const ports = parsePortList(DIVERSE_PORTS);
  const { docs, after } = clusters(pods, calico);
  const ids = workloadIds(NetworkModel.fromManifests(docs));
  const n = ids.length;
  const pairs = n * (n - 1) * ports.length;

  // Cold runs: a model fresh from fromManifests, then its matrix, as a user's first `matrix` would run.
  // Only the first matrix is kept (for the checks), so the peak RSS is that of one build and one matrix.
  let m: ReturnType<NetworkModel['matrix']> | undefined;
  const runs = Array.from({ length: REPEAT }, () => {
    gc();
    const built = time(() => NetworkModel.fromManifests(docs));
    const matrix = time(() => built.value.matrix({ endpoints: ids, ports }));
    m ??= matrix.value;
    return { built: { ms: built.ms, cpuMs: built.cpuMs }, matrix: { ms: matrix.ms, cpuMs: matrix.cpuMs } };
  });
  const matrixPeakRssMb = process.resourceUsage().maxRSS / 1024;
  if (!m) throw new Error('BENCH_REPEAT must be at least 1');
  const stats = m.stats as unknown as Record<string, unknown>;

  // Per-pair baseline in this run: evaluate random ordered pairs on another model.
  const base = NetworkModel.fromManifests(docs);
  const r = rng(SEED * 31 + 7);
  const queries = Array.from({ length: 2 * BASELINE }, () => {
    const i = Math.floor(r() * n);
    let j = Math.floor(r() * n);
    if (j === i) j = (j + 1) % n;
    const p = ports[Math.floor(r() * ports.length)];
    return { from: ids[i], to: ids[j], port: p.port, protocol: p.protocol };
  });
  // the first half warms the JIT and the model's caches up; the second half (other pairs) is timed
  for (const q of queries.slice(0, BASELINE)) base.evaluate(q);
  const timed = queries.slice(BASELINE);
  const perPair = time(() => timed.filter((q) => base.evaluate(q).allowed).length);
  const usPerPair = (perPair.cpuMs * 1000) / timed.length;

  // A random sample of cells must equal evaluate on a model that shares no cache with the matrix.
  const fresh = NetworkModel.fromManifests(docs);
  const rs = rng(SEED * 131 + pods);
  let checked = 0;
  const mismatches: string[] = [];
  while (checked < SAMPLE) {
    const p = Math.floor(rs() * ports.length);
    const i = Math.floor(rs() * n);
    const j = Math.floor(rs() * n);
    if (i === j) continue;
    checked++;
    const want = fresh.evaluate({ from: ids[i], to: ids[j], port: ports[p].port, protocol: ports[p].protocol });
    const got = m.allowed[p][i * n + j] === 1;
    if (want.allowed !== got && mismatches.length < 5)
      mismatches.push(
        `${ids[i]} -> ${ids[j]} ${ports[p].port}/${ports[p].protocol}: matrix ${got}, evaluate ${want.allowed}`,
      );
    else if (want.allowed !== got) mismatches.push('');
  }
  const allowed = m.allowed.reduce((a, g) => a + g.reduce((x, y) => x + y, 0), 0);

  // diff: both policy sets built, every flow compared (diffModels, what `cdk8s-calico diff` runs).
  let diff: Record<string, unknown> | undefined;
  if (pods <= DIFF_MAX) {
    gc();
    const d = time(() => {
      const before = NetworkModel.fromManifests(docs);
      const afterModel = NetworkModel.fromManifests(after);
      return diffModels(before, afterModel, { ports, endpoints: ids });
    });
    // The changed flows must be exactly the cells where the two matrices differ.
    const am = NetworkModel.fromManifests(after).matrix({ endpoints: ids, ports });
    let xor = 0;
    for (let p = 0; p < ports.length; p++) for (let c = 0; c < n * n; c++) xor += m.allowed[p][c] ^ am.allowed[p][c];
    diff = { ms: d.ms, cpuMs: d.cpuMs, changes: d.value.length, matrixXor: xor };
  }

  const features = diverseClusterFeatures(docs);
  return {
    pods,
    setting,
    endpoints: n,
    policies: docs.filter((x) => POLICY_KINDS.has(x.kind)).length,
    hostEndpoints: features['kind:HostEndpoint'] ?? 0,
    pairs,
    allowed,
    buildMs: median(runs.map((x) => x.built.ms)),
    buildCpuMs: median(runs.map((x) => x.built.cpuMs)),
    matrixMs: median(runs.map((x) => x.matrix.ms)),
    matrixCpuMs: median(runs.map((x) => x.matrix.cpuMs)),
    matrixRuns: runs.map((x) => Math.round(x.matrix.ms)),
    stats,
    usPerPair,
    checked,
    mismatches,
    diff,
    peakRssMb: matrixPeakRssMb,
    finalRssMb: process.resourceUsage().maxRSS / 1024,
  };
}

/** `cdk8s-calico matrix` end to end on files in a temp dir: wall, CPU and peak RSS of the child process. */
function cli(pods: number, setting: string): Record<string, number | number[]> {
  const dir = mkdtempSync(join(tmpdir(), 'matrix-diversity-'));
  try {
    const { docs } = clusters(pods, setting === 'calico');
    const inputs = join(dir, 'manifests');
    const groups: Record<string, any[]> = {};
    for (const d of docs) (groups[POLICY_KINDS.has(d.kind) ? 'policies' : d.kind.toLowerCase()] ??= []).push(d);
    mkdirSync(inputs);
    for (const [name, ds] of Object.entries(groups))
      writeFileSync(join(inputs, `${name}.yaml`), ds.map((d) => stringify(d)).join('---\n'));
    // A preload reporting the child's own CPU time and peak RSS on exit.
    const usage = join(dir, 'usage.js');
    writeFileSync(
      usage,
      "process.on('exit', () => { const u = process.resourceUsage(); " +
        "require('fs').writeSync(2, '\\nUSAGE ' + JSON.stringify({ cpuMs: (u.userCPUTime + u.systemCPUTime) / 1000, " +
        'rssKb: u.maxRSS }) + "\\n"); });\n',
    );
    const bin = resolve(__dirname, '../../bin/cdk8s-calico');
    const out = join(dir, 'matrix.json');
    const result = { ms: [] as number[], cpuMs: [] as number[], rssMb: [] as number[], endpoints: 0, bytes: 0 };
    for (let k = 0; k < CLI_REPEAT; k++) {
      rmSync(out, { force: true });
      const start = process.hrtime.bigint();
      const run = spawnSync(
        process.execPath,
        ['-r', usage, bin, 'matrix', '--ports', DIVERSE_PORTS, '--format', CLI_FORMAT, '--output', out, inputs],
        { encoding: 'utf8', maxBuffer: 1 << 26 },
      );
      const ms = Number(process.hrtime.bigint() - start) / 1e6;
      if (run.status !== 0) throw new Error(`cdk8s-calico matrix failed (${run.status}): ${run.stderr.slice(0, 2000)}`);
      const u = JSON.parse(/USAGE (.*)/.exec(run.stderr)![1]);
      result.ms.push(ms);
      result.cpuMs.push(u.cpuMs);
      result.rssMb.push(u.rssKb / 1024);
      result.endpoints = Number(/\((\d+) endpoints/.exec(run.stdout + run.stderr)?.[1] ?? NaN);
      result.bytes = statSync(out).size;
    }
    return result;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const s = (ms: number): string => (ms / 1000).toFixed(2);

function main(): void {
  if (process.argv[2] === '--one') {
    process.stdout.write(`RESULT ${JSON.stringify(one(Number(process.argv[3]), process.argv[4]))}\n`);
    return;
  }
  if (process.argv[2] === '--cli') {
    process.stdout.write(`RESULT ${JSON.stringify(cli(Number(process.argv[3]), process.argv[4]))}\n`);
    return;
  }
  const sizes = process.argv
    .slice(2)
    .map(Number)
    .filter((x) => x > 0);
  console.log(
    `matrix-diversity benchmark (issue 17): bench/diverse-cluster.ts seed ${SEED}, policies = pods / 2, ports ` +
      `${DIVERSE_PORTS}; medians of ${REPEAT} cold runs; each size in its own process; ` +
      `${cpus().length} cores, load average ${loadavg()[0].toFixed(1)} at start`,
  );
  console.log(
    'setting | pods | build s (CPU) | matrix s (CPU) | runs ms | peak RSS MB | pairs | allowed | stats | ' +
      'per-pair CPU µs | per-pair est. CPU s | × per-pair (CPU) | sample | diff s (CPU), changes',
  );
  let failures = 0;
  const results: any[] = [];
  for (const pods of !MATRIX_RUNS ? [] : sizes.length ? sizes : [200, 1000, 2000]) {
    for (const setting of SETTINGS) {
      const child = spawnSync(
        process.execPath,
        ['--expose-gc', '--max-old-space-size=8192', __filename, '--one', String(pods), setting],
        { encoding: 'utf8', maxBuffer: 1 << 26, env: process.env },
      );
      const line = /RESULT (.*)/.exec(child.stdout ?? '');
      if (!line) {
        console.log(`${setting} | ${pods} | FAILED (${child.status ?? child.signal}): ${child.stderr.slice(-1500)}`);
        failures++;
        continue;
      }
      const x = JSON.parse(line[1]);
      results.push(x);
      const baselineMs = (x.usPerPair * x.pairs) / 1000;
      const bad = x.mismatches.length;
      const diffOk = x.diff && x.diff.changes === x.diff.matrixXor;
      if (bad > 0 || (x.diff && !diffOk)) failures++;
      const heps = x.hostEndpoints ? `, ${x.hostEndpoints} HEPs` : '';
      const stats = Object.entries(x.stats)
        .map(([k, v]) => `${k} ${v}`)
        .join(', ');
      console.log(
        [
          setting,
          `${x.pods} (${x.endpoints} endpoints, ${x.policies} policies${heps})`,
          `${s(x.buildMs)} (${s(x.buildCpuMs)})`,
          `${s(x.matrixMs)} (${s(x.matrixCpuMs)})`,
          x.matrixRuns.join('/'),
          x.peakRssMb.toFixed(0),
          x.pairs,
          x.allowed,
          stats,
          x.usPerPair.toFixed(1),
          s(baselineMs),
          `${(baselineMs / x.matrixCpuMs).toFixed(1)}×`,
          bad === 0 ? `${x.checked} cells ok` : `${bad} MISMATCHES: ${x.mismatches.filter(Boolean).join('; ')}`,
          x.diff
            ? `${s(x.diff.ms)} (${s(x.diff.cpuMs)}), ${x.diff.changes} ${diffOk ? '=' : '≠'} matrix XOR ${x.diff.matrixXor}`
            : `skipped (> BENCH_DIFF_MAX ${DIFF_MAX}); per-pair est. CPU ${s(2 * baselineMs)}`,
        ].join(' | '),
      );
    }
  }

  if (CLI_PODS > 0) {
    console.log(
      `cdk8s-calico matrix end to end (read, build, matrix, write --format ${CLI_FORMAT}), ${CLI_PODS} pods, ` +
        `${CLI_REPEAT} runs:`,
    );
    for (const setting of SETTINGS) {
      const child = spawnSync(process.execPath, [__filename, '--cli', String(CLI_PODS), setting], {
        encoding: 'utf8',
        maxBuffer: 1 << 26,
      });
      const line = /RESULT (.*)/.exec(child.stdout ?? '');
      if (!line) {
        console.log(`  ${setting}: FAILED ${child.stderr.slice(-1500)}`);
        failures++;
        continue;
      }
      const c = JSON.parse(line[1]);
      console.log(
        `  ${setting}: ${c.endpoints} endpoints, wall ${s(median(c.ms))} s (runs ${c.ms.map(s).join('/')}), ` +
          `CPU ${s(median(c.cpuMs))} s, peak RSS ${median(c.rssMb).toFixed(0)} MB, output ${(c.bytes / 1e6).toFixed(1)} MB`,
      );
      results.push({ cli: setting, ...c });
    }
  }

  const target = (label: string, got: number | undefined, limit: number, unit: string): string =>
    got === undefined ? '' : `${label} ${got.toFixed(2)} ${unit} ${got <= limit ? 'met' : 'MISSED'} (≤ ${limit})`;
  for (const setting of SETTINGS) {
    const at = (p: number) => results.find((x) => x.pods === p && x.setting === setting);
    const cliRun = results.find((x) => x.cli === setting);
    const lines = [
      target('2,000 matrix CPU', at(2000) && at(2000).matrixCpuMs / 1000, 2, 's'),
      target('RSS', at(2000) && at(2000).peakRssMb / 1024, 1, 'GiB'),
      target('10,000 matrix CPU', at(10000) && at(10000).matrixCpuMs / 1000, 30, 's'),
      target('RSS', at(10000) && at(10000).peakRssMb / 1024, 4, 'GiB'),
      target('2,000 diff CPU', at(2000)?.diff && at(2000).diff.cpuMs / 1000, 4, 's'),
      target('CLI wall', CLI_PODS === 2000 && cliRun ? median(cliRun.ms) / 1000 : undefined, 5, 's'),
    ].filter(Boolean);
    if (lines.length) console.log(`targets (${setting}): ${lines.join('; ')}`);
  }
  console.log(`load average ${loadavg()[0].toFixed(1)} at the end (wall times are inflated when it exceeds the cores)`);
  if (failures > 0) {
    console.error(`${failures} runs failed or disagreed with evaluate`);
    process.exitCode = 1;
  }
}

if (require.main === module) main();

// Synthesis benchmark: our L2 constructs versus raw cdk8s ApiObjects of byte-identical documents, and the cost of
// validateManifests on the same documents. Each measurement runs in its own child process so peak RSS is its own.
// Usage: npm run bench [-- 1000 10000 50000]
import { execFileSync } from 'child_process';
import { ApiObject, App, Chart } from 'cdk8s';
import { Construct } from 'constructs';
import { GlobalNetworkPolicy, HostEndpoint, Peer, Port, Selector, validateManifests } from '../lib';

type Mode = 'l2' | 'raw' | 'wrapped' | 'validate';

/** Builds `n` objects with our constructs: half GlobalNetworkPolicies with three rules, half HostEndpoints. */
function buildL2(chart: Chart, n: number): void {
  const hosts = Selector.has('kubernetes-host');
  for (let i = 0; i < n; i++) {
    if (i % 2 === 0) {
      const p = new GlobalNetworkPolicy(chart, `p${i}`, {
        name: `policy-${i}`,
        selector: hosts.and(Selector.eq('rack', `r${i % 50}`)),
        order: i,
      });
      p.allowIngress(Peer.nets(`10.${(i >> 8) & 255}.${i & 255}.0/24`), Port.tcp(443), { description: 'clients' });
      p.allowIngress(Peer.selector(hosts), Port.tcpRange(30000, 32767));
      p.denyIngress(Peer.any());
    } else {
      new HostEndpoint(chart, `h${i}`, {
        name: `node-${i}-eth0`,
        node: `node-${i}`,
        interfaceName: 'eth0',
        expectedIPs: [`10.1.${(i >> 8) & 255}.${i & 255}`],
        labels: { 'kubernetes-host': '', 'rack': `r${i % 50}` },
      });
    }
  }
}

function synthL2Docs(n: number): any[] {
  const app = new App({ outdir: '/tmp/cdk8s-calico-bench' });
  const chart = new Chart(app, 'bench');
  buildL2(chart, n);
  return chart.toJson();
}

/** Builds and synthesizes once, untimed, so both sides are measured with warm code (JIT, caches). */
function warmUp(mode: Mode): void {
  const docs = synthL2Docs(WARMUP);
  if (mode === 'validate') {
    validateManifests(docs, { kubernetes: false });
    return;
  }
  const app = new App({ outdir: '/tmp/cdk8s-calico-bench' });
  const chart = new Chart(app, 'warmup');
  if (mode === 'l2') buildL2(chart, WARMUP);
  else
    docs.forEach((doc, i) => new ApiObject(mode === 'wrapped' ? new Construct(chart, `w${i}`) : chart, `o${i}`, doc));
  app.synthYaml();
}

const WARMUP = 500;

function measure(mode: Mode, n: number): { ms: number; rssMb: number } {
  warmUp(mode);
  // The raw baselines and the validator need the documents first; that work is not timed.
  const docs = mode === 'l2' ? [] : synthL2Docs(n);
  if (global.gc) global.gc();
  const start = process.hrtime.bigint();
  if (mode === 'l2') {
    const app = new App({ outdir: '/tmp/cdk8s-calico-bench' });
    buildL2(new Chart(app, 'bench'), n);
    app.synthYaml();
  } else if (mode === 'raw' || mode === 'wrapped') {
    // 'wrapped' is raw with each ApiObject inside a plain Construct: the L2-over-L1 shape with no logic, which
    // shows what the construct tree alone costs.
    const app = new App({ outdir: '/tmp/cdk8s-calico-bench' });
    const chart = new Chart(app, 'bench');
    docs.forEach((doc, i) => new ApiObject(mode === 'wrapped' ? new Construct(chart, `w${i}`) : chart, `o${i}`, doc));
    app.synthYaml();
  } else {
    const problems = validateManifests(docs, { kubernetes: false });
    if (problems.length > 0) throw new Error(`benchmark documents are invalid: ${JSON.stringify(problems[0])}`);
  }
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  return { ms, rssMb: process.memoryUsage().rss / 1048576 };
}

function child(mode: Mode, n: number): { ms: number; rssMb: number } {
  const out = execFileSync(process.execPath, ['--expose-gc', __filename, '--child', mode, String(n)], {
    encoding: 'utf8',
    maxBuffer: 1 << 20,
  });
  return JSON.parse(out.trim().split('\n').pop()!);
}

/** The comparison is only fair if both sides emit the same bytes. */
function assertByteIdentical(n: number): void {
  const l2App = new App({ outdir: '/tmp/cdk8s-calico-bench' });
  buildL2(new Chart(l2App, 'bench'), n);
  const l2Yaml = l2App.synthYaml();
  const rawApp = new App({ outdir: '/tmp/cdk8s-calico-bench' });
  const chart = new Chart(rawApp, 'bench');
  synthL2Docs(n).forEach((doc, i) => new ApiObject(chart, `o${i}`, doc));
  if (rawApp.synthYaml() !== l2Yaml) throw new Error('benchmark sides do not emit byte-identical YAML');
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function main(): void {
  if (process.argv[2] === '--child') {
    const r = measure(process.argv[3] as Mode, Number(process.argv[4]));
    console.log(JSON.stringify(r));
    return;
  }
  assertByteIdentical(200);
  const sizes = process.argv
    .slice(2)
    .map(Number)
    .filter((x) => x > 0);
  const runs = Number(process.env.BENCH_RUNS ?? 3);
  const results: { [n: number]: { l2: number; raw: number; val: number } } = {};
  console.log(`cdk8s-calico synth benchmark (${runs} runs per cell, median; fresh process per run)`);
  console.log(
    'objects | L2 ms/obj | raw ms/obj | L2/raw | raw-in-wrapper/raw | L2 peak RSS MB | raw peak RSS MB | validate ms/obj | validate/L2-synth',
  );
  for (const n of sizes.length ? sizes : [1000, 10000, 50000]) {
    const l2 = [] as Array<{ ms: number; rssMb: number }>;
    const raw = [] as Array<{ ms: number; rssMb: number }>;
    const wrapped = [] as Array<{ ms: number; rssMb: number }>;
    const val = [] as Array<{ ms: number; rssMb: number }>;
    for (let r = 0; r < runs; r++) {
      l2.push(child('l2', n));
      raw.push(child('raw', n));
      wrapped.push(child('wrapped', n));
      val.push(child('validate', n));
    }
    const wrappedms = median(wrapped.map((x) => x.ms)) / n;
    const l2ms = median(l2.map((x) => x.ms)) / n;
    const rawms = median(raw.map((x) => x.ms)) / n;
    const valms = median(val.map((x) => x.ms)) / n;
    results[n] = { l2: l2ms, raw: rawms, val: valms };
    console.log(
      [
        n,
        l2ms.toFixed(4),
        rawms.toFixed(4),
        (l2ms / rawms).toFixed(2),
        (wrappedms / rawms).toFixed(2),
        Math.max(...l2.map((x) => x.rssMb)).toFixed(0),
        Math.max(...raw.map((x) => x.rssMb)).toFixed(0),
        valms.toFixed(4),
        (valms / l2ms).toFixed(2),
      ].join(' | '),
    );
  }
  if (results[10000] && results[50000]) {
    console.log(
      `linearity: L2 ms/obj at 50k / at 10k = ${(results[50000].l2 / results[10000].l2).toFixed(2)} (target <= 1.2)`,
    );
  }
}

main();

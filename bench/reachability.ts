// Reachability engine benchmark: build time, µs per single query, and the full connectivity matrix (computeMatrix on
// NetworkModel.matrix: equivalence classes, one evaluate per class pair) at growing sizes, with a per-pair baseline
// measured in the same run, the speed-up against it, and a random sample of cells checked against evaluate.
// Usage: npm run build && node build/bench/reachability.js [endpoints...]   (default 100 1000 2000; 1,000 policies
// each) Env: BENCH_POLICIES (1000), BENCH_SAMPLE (3000 sampled cells), BENCH_BASELINE (100 endpoints for the per-pair
// run).
import { NetworkModel } from '../lib/analysis';
import { computeMatrix } from '../lib/analysis/network/report/matrix';
import { parsePortList } from '../lib/analysis/network/report/port-spec';

const NAMESPACES = 20;
const POLICIES = Number(process.env.BENCH_POLICIES ?? 1000);

/** A synthetic cluster: `endpoints` pods over 20 namespaces and 50 nodes, plus `POLICIES` Calico policies. */
export function cluster(endpoints: number): any[] {
  const docs: any[] = [];
  for (let n = 0; n < NAMESPACES; n++) {
    docs.push({
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name: `ns${n}`, labels: { team: `t${n % 5}`, env: n % 2 ? 'prod' : 'dev' } },
    });
  }
  for (let i = 0; i < 50; i++) {
    docs.push({
      apiVersion: 'v1',
      kind: 'Node',
      metadata: { name: `node${i}`, labels: { 'kubernetes-host': '', rack: `r${i % 5}` } },
      status: { addresses: [{ type: 'InternalIP', address: `10.0.${i >> 8}.${(i & 255) + 1}` }] },
    });
  }
  for (let i = 0; i < endpoints; i++) {
    docs.push({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: {
        name: `p${i}`,
        namespace: `ns${i % NAMESPACES}`,
        labels: { app: `app${i % 40}`, tier: ['web', 'api', 'db'][i % 3] },
      },
      spec: {
        nodeName: `node${i % 50}`,
        containers: [{ name: 'c', ports: [{ name: 'http', containerPort: 8080, protocol: 'TCP' }] }],
      },
      status: { podIP: `10.244.${i >> 8}.${i & 255}` },
    });
  }
  for (let i = 0; i < POLICIES; i++) {
    const ns = `ns${i % NAMESPACES}`;
    docs.push({
      apiVersion: 'projectcalico.org/v3',
      kind: 'NetworkPolicy',
      metadata: { name: `np${i}`, namespace: ns },
      spec: {
        tier: 'default',
        order: i % 100,
        selector: `app == "app${i % 40}"`,
        types: ['Ingress', 'Egress'],
        ingress: [
          {
            action: 'Allow',
            protocol: 'TCP',
            source: { selector: `tier == "${['web', 'api', 'db'][i % 3]}"` },
            destination: { ports: [80, 8080] },
          },
          {
            action: i % 7 === 0 ? 'Deny' : 'Allow',
            protocol: 'UDP',
            source: { namespaceSelector: `team == "t${i % 5}"` },
            destination: { ports: [53] },
          },
        ],
        egress: [{ action: 'Allow' }],
      },
    });
  }
  return docs;
}

function time<T>(f: () => T): { ms: number; value: T } {
  const start = process.hrtime.bigint();
  const value = f();
  return { ms: Number(process.hrtime.bigint() - start) / 1e6, value };
}

/** Deterministic pseudo-random numbers (so a failing sample can be replayed). */
export function rng(seed: number): () => number {
  let x = seed >>> 0 || 1;
  return () => {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    return x / 0x100000000;
  };
}

function main(): void {
  const sizes = process.argv
    .slice(2)
    .map(Number)
    .filter((n) => n > 0);
  const ports = parsePortList('80/TCP,53/UDP,8080/TCP');
  const SAMPLE = Number(process.env.BENCH_SAMPLE ?? 3000);
  console.log(
    `reachability benchmark: ${POLICIES} policies, ${ports.length} ports; matrix = computeMatrix on NetworkModel.matrix (class broadcast)`,
  );

  // Per-pair baseline in this run: computeMatrix over a model without matrix() (evaluate every ordered pair).
  const BASE_N = Number(process.env.BENCH_BASELINE ?? 100);
  const baseModel = NetworkModel.fromManifests(cluster(BASE_N));
  const baseIds = baseModel
    .endpoints()
    .filter((e) => e.kind === 'workload')
    .map((e) => e.id);
  const perPair = { endpoints: () => baseModel.endpoints(), evaluate: (q: any) => baseModel.evaluate(q) };
  computeMatrix(perPair, { endpoints: baseIds.slice(0, 20), ports }); // warm-up
  const base = time(() => computeMatrix(perPair, { endpoints: baseIds, ports }));
  const basePairs = baseIds.length * (baseIds.length - 1) * ports.length;
  const baseRate = basePairs / (base.ms / 1000);
  console.log(
    `per-pair baseline (evaluate every pair, traces kept) at ${BASE_N} endpoints: ${(base.ms / 1000).toFixed(2)} s, ${Math.round(baseRate)} pairs/s`,
  );

  console.log(
    'endpoints | build ms | µs/query (single) | matrix pairs | matrix s | pairs/s | × per-pair | classes rows×cols | evaluate calls | sample check',
  );
  let failures = 0;
  for (const n of sizes.length ? sizes : [100, 1000, 2000]) {
    const docs = cluster(n);
    const built = time(() => NetworkModel.fromManifests(docs));
    const model = built.value;
    const ids = model
      .endpoints()
      .filter((e) => e.kind === 'workload')
      .map((e) => e.id);
    const queries = 20000;
    const single = time(() => {
      let allowed = 0;
      for (let q = 0; q < queries; q++) {
        const from = ids[(q * 7919) % ids.length];
        const to = ids[(q * 104729 + 1) % ids.length];
        if (model.evaluate({ from, to, port: 80, protocol: 'TCP' }).allowed) allowed++;
      }
      return allowed;
    });
    // The matrix on a model fresh from fromManifests (cold caches: selector matches, policy lists, signatures).
    const coldModel = NetworkModel.fromManifests(docs);
    const matrix = time(() => computeMatrix(coldModel, { endpoints: ids, ports }));
    const pairs = ids.length * (ids.length - 1) * ports.length;
    const rate = pairs / (matrix.ms / 1000);
    const stats = coldModel.matrix({ endpoints: ids, ports }).stats;

    // A random sample of cells must equal evaluate (on another model, so no cache is shared with the matrix).
    const fresh = model;
    const m = matrix.value;
    const rand = rng(n * 31 + 7);
    let bad = 0;
    for (let s = 0; s < SAMPLE; s++) {
      const p = Math.floor(rand() * ports.length);
      const i = Math.floor(rand() * ids.length);
      const j = Math.floor(rand() * ids.length);
      if (i === j) continue;
      const want = fresh.evaluate({
        from: ids[i],
        to: ids[j],
        port: ports[p].port,
        protocol: ports[p].protocol,
      }).allowed;
      const got = m.cells[p][i][j]!.allowed;
      if (want !== got || (m.allowed![p][i * ids.length + j] === 1) !== want) {
        if (bad++ < 5)
          console.log(
            `  MISMATCH ${ids[i]} -> ${ids[j]} ${ports[p].port}/${ports[p].protocol}: matrix ${got}, evaluate ${want}`,
          );
      }
    }
    failures += bad;
    console.log(
      [
        n,
        built.ms.toFixed(0),
        ((single.ms * 1000) / queries).toFixed(1),
        pairs,
        (matrix.ms / 1000).toFixed(2),
        Math.round(rate),
        `${(rate / baseRate).toFixed(0)}×`,
        `${stats.rowClasses}×${stats.columnClasses}`,
        stats.evaluations,
        bad === 0 ? `${SAMPLE} cells ok` : `${bad} MISMATCHES`,
      ].join(' | '),
    );
  }
  if (failures > 0) {
    console.error(`${failures} sampled cells differ from evaluate`);
    process.exitCode = 1;
  }
}

if (require.main === module) main();

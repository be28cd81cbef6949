// Node protection benchmark: a SecuredNodePool in explicit mode with IPIP tunnel endpoints over N nodes (2N host
// endpoints), versus raw cdk8s ApiObjects of byte-identical documents, and the lockout guard's own cost.
// Each measurement runs in its own child process so peak RSS is its own. Figures are printed, never asserted.
// Usage: node build/bench/nodes.js [10000 [50000]] (BENCH_RUNS=3); sizes after the first also print ms per node over
// the first.
import { execFileSync } from 'child_process';
import { ApiObject, App, Chart } from 'cdk8s';
import { Peer, Port, Selector } from '../lib';
import { IpipTunnelEndpoints, NodeHostEndpoints, NodeInventory, PodEncapsulation, SecuredNodePool } from '../lib/nodes';

type Mode = 'l2' | 'l2-unguarded' | 'raw' | 'guard';

function inventory(n: number): NodeInventory {
  const nodes = [];
  for (let i = 0; i < n; i++) {
    const ip = `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`;
    nodes.push({
      name: `node-${i}`,
      labels: {
        'kubernetes.io/hostname': `node-${i}`,
        'rack': `r${i % 50}`,
        ...(i < 3 ? { 'node-role.kubernetes.io/control-plane': '' } : {}),
      },
      internalIps: [ip],
      bgpIpv4Address: `${ip}/8`,
      ipipTunnelAddress: `172.${16 + ((i >> 16) & 15)}.${(i >> 8) & 255}.${i & 255}`,
    });
  }
  return NodeInventory.fromNodes(nodes);
}

function build(chart: Chart, inv: NodeInventory, guard: boolean): SecuredNodePool {
  const pool = new SecuredNodePool(chart, 'Nodes', {
    hostEndpoints: NodeHostEndpoints.explicit(),
    inventory: inv,
    hostEndpointLabels: { 'kubernetes-host': '' },
    network: { encapsulation: PodEncapsulation.IPIP },
    baseline: { sshFrom: ['192.168.10.0/24'] },
    dangerouslySkipLockoutGuard: !guard,
  });
  new IpipTunnelEndpoints(chart, 'Tunnels', { pool });
  pool.allowIngress(Peer.nets('10.0.0.0/8'), Port.tcp(9100), { description: 'metrics' });
  pool.subset('Rack0', Selector.eq('rack', 'r0')).denyIngress(Peer.nets('192.0.2.0/24'));
  return pool;
}

interface Cell {
  /** Wall-clock milliseconds. */
  ms: number;
  /** CPU milliseconds of the process (user + system): steadier than wall time on a shared machine. */
  cpuMs: number;
  rssMb: number;
  docs: number;
}

const cpuMsSince = (c: NodeJS.CpuUsage) => {
  const d = process.cpuUsage(c);
  return (d.user + d.system) / 1000;
};

function measure(mode: Mode, n: number): Cell {
  const inv = inventory(n);
  let docs: any[] = [];
  if (mode === 'raw') {
    const app = new App({ outdir: '/tmp/cdk8s-calico-bench' });
    const chart = new Chart(app, 'bench');
    build(chart, inv, false);
    docs = chart.toJson();
  }
  if (global.gc) global.gc();
  const start = process.hrtime.bigint();
  const cpu0 = process.cpuUsage();
  let count = 0;
  if (mode === 'raw') {
    const app = new App({ outdir: '/tmp/cdk8s-calico-bench' });
    const chart = new Chart(app, 'bench');
    docs.forEach((doc, i) => new ApiObject(chart, `o${i}`, doc));
    count = app.synthYaml().split('\n---\n').length;
  } else if (mode === 'guard') {
    const app = new App({ outdir: '/tmp/cdk8s-calico-bench' });
    const pool = build(new Chart(app, 'bench'), inv, false);
    const t0 = process.hrtime.bigint();
    const c0 = process.cpuUsage();
    const problems = pool.checkLockout();
    if (problems.length > 0) throw new Error(problems[0]);
    return {
      ms: Number(process.hrtime.bigint() - t0) / 1e6,
      cpuMs: cpuMsSince(c0),
      rssMb: process.memoryUsage().rss / 1048576,
      docs: 0,
    };
  } else {
    const app = new App({ outdir: '/tmp/cdk8s-calico-bench' });
    build(new Chart(app, 'bench'), inv, mode === 'l2');
    count = app.synthYaml().split('\n---\n').length;
  }
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  return { ms, cpuMs: cpuMsSince(cpu0), rssMb: process.memoryUsage().rss / 1048576, docs: count };
}

function child(mode: Mode, n: number): Cell {
  const out = execFileSync(process.execPath, ['--expose-gc', __filename, '--child', mode, String(n)], {
    encoding: 'utf8',
    maxBuffer: 1 << 20,
  });
  return JSON.parse(out.trim().split('\n').pop()!);
}

function median(xs: number[]): number {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

function main(): void {
  if (process.argv[2] === '--child') {
    console.log(JSON.stringify(measure(process.argv[3] as Mode, Number(process.argv[4]))));
    return;
  }
  const sizes = process.argv
    .slice(2)
    .map(Number)
    .filter((x) => x > 0);
  const runs = Number(process.env.BENCH_RUNS ?? 3);
  const modes: Mode[] = ['l2', 'l2-unguarded', 'raw', 'guard'];
  console.log(
    `cdk8s-calico node benchmark (explicit eth0 + tunl0 host endpoints; fresh process per cell, modes interleaved, median of ${runs})`,
  );
  console.log(
    'nodes | documents | L2+guard ms | L2 unguarded ms | raw ApiObjects ms | L2 unguarded/raw | L2+guard/raw | guard ms | peak RSS MB (L2+guard / raw)',
  );
  console.log('  (then the same in CPU ms of each process, steadier than wall time when the machine is shared)');
  const perNode = new Map<number, Record<Mode, number>>();
  for (const n of sizes.length ? sizes : [10000]) {
    // Modes interleaved run by run, so a change in machine load between cells weighs on every mode alike.
    const xs = new Map<Mode, Cell[]>(modes.map((m) => [m, []]));
    for (let r = 0; r < runs; r++) for (const m of modes) xs.get(m)!.push(child(m, n));
    const cell = (m: Mode) => ({
      ms: median(xs.get(m)!.map((x) => x.ms)),
      cpuMs: median(xs.get(m)!.map((x) => x.cpuMs)),
      docs: xs.get(m)![0].docs,
      rssMb: Math.max(...xs.get(m)!.map((x) => x.rssMb)),
    });
    const [l2, un, raw, guard] = modes.map(cell);
    perNode.set(n, {
      'l2': l2.cpuMs / n,
      'l2-unguarded': un.cpuMs / n,
      'raw': raw.cpuMs / n,
      'guard': guard.cpuMs / n,
    });
    for (const k of ['ms', 'cpuMs'] as const) {
      console.log(
        [
          k === 'ms' ? n : `${n} (CPU)`,
          l2.docs,
          l2[k].toFixed(0),
          un[k].toFixed(0),
          raw[k].toFixed(0),
          (un[k] / raw[k]).toFixed(2),
          (l2[k] / raw[k]).toFixed(2),
          guard[k].toFixed(0),
          `${l2.rssMb.toFixed(0)} / ${raw.rssMb.toFixed(0)}`,
        ].join(' | '),
      );
    }
  }
  // Linearity: CPU ms per node at each larger size over CPU ms per node at the smallest (1.0 is linear).
  const [base, ...larger] = [...perNode.keys()].sort((a, b) => a - b);
  for (const n of larger) {
    const ratio = (m: Mode) => (perNode.get(n)![m] / perNode.get(base)![m]).toFixed(2);
    console.log(
      `CPU ms per node at ${n} over at ${base}: L2+guard ${ratio('l2')}, L2 unguarded ${ratio('l2-unguarded')}, raw ${ratio('raw')}, guard ${ratio('guard')}`,
    );
  }
}

main();

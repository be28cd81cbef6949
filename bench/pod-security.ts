// Pod Security benchmark: checkPodSecurity at restricted:latest over 10,000 mixed workloads (Pods, Deployments,
// StatefulSets, Jobs, CronJobs; 1-3 containers, init containers, volumes, probes, annotations, compliant or not),
// median of a few runs after a warm-up, against a baseline measured in the same run: a deep copy of the same
// workloads (JSON.parse(JSON.stringify(...))). Also the whole-app path (evaluateAppPodSecurity against namespace
// labels). Usage: npm run build && node build/bench/pod-security.js [workloads]   (default 10000; target: <= 1 s)
// Env: BENCH_RUNS (5).
import { checkPodSecurity, evaluateAppPodSecurity } from '../lib/analysis/pod-security';
import { rng } from './reachability';

const KINDS = ['Pod', 'Deployment', 'StatefulSet', 'Job', 'CronJob'] as const;

function container(rand: () => number, name: string): any {
  const hardened = rand() < 0.6;
  const sc: any = hardened ? { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } } : {};
  if (rand() < 0.1) sc.privileged = true;
  if (rand() < 0.1)
    sc.capabilities = {
      ...(sc.capabilities ?? {}),
      add: rand() < 0.5 ? ['NET_BIND_SERVICE'] : ['NET_RAW', 'SYS_ADMIN'],
    };
  if (rand() < 0.05) sc.runAsUser = 0;
  if (rand() < 0.05) sc.seccompProfile = { type: rand() < 0.5 ? 'Unconfined' : 'RuntimeDefault' };
  const c: any = {
    name,
    image: `registry.example/${name}:1`,
    ports: [{ containerPort: 8080, ...(rand() < 0.05 ? { hostPort: 8080 } : {}) }],
    securityContext: sc,
  };
  if (rand() < 0.3) c.livenessProbe = { httpGet: { port: 8080, ...(rand() < 0.1 ? { host: '10.0.0.1' } : {}) } };
  return c;
}

function podSpec(rand: () => number): any {
  const n = 1 + Math.floor(rand() * 3);
  const spec: any = { containers: Array.from({ length: n }, (_, i) => container(rand, `c${i}`)) };
  if (rand() < 0.3) spec.initContainers = [container(rand, 'init')];
  if (rand() < 0.7) spec.securityContext = { runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } };
  if (rand() < 0.05) spec.hostNetwork = true;
  if (rand() < 0.2)
    spec.volumes = [
      { name: 'cfg', configMap: { name: 'cfg' } },
      ...(rand() < 0.3 ? [{ name: 'host', hostPath: { path: '/var/run' } }] : []),
    ];
  if (rand() < 0.05)
    spec.securityContext = { ...(spec.securityContext ?? {}), sysctls: [{ name: 'kernel.msgmax', value: '1' }] };
  return spec;
}

/** `count` workloads over 20 namespaces, deterministic for a seed. */
export function workloads(count: number, seed = 42): any[] {
  const rand = rng(seed);
  const out: any[] = [];
  for (let i = 0; i < count; i++) {
    const kind = KINDS[i % KINDS.length];
    const metadata = { name: `w${i}`, namespace: `ns${i % 20}` };
    const template = {
      metadata: {
        labels: { app: `w${i}` },
        ...(rand() < 0.05
          ? { annotations: { 'container.apparmor.security.beta.kubernetes.io/c0': 'unconfined' } }
          : {}),
      },
      spec: podSpec(rand),
    };
    if (kind === 'Pod')
      out.push({ apiVersion: 'v1', kind, metadata: { ...metadata, ...template.metadata }, spec: template.spec });
    else if (kind === 'CronJob')
      out.push({
        apiVersion: 'batch/v1',
        kind,
        metadata,
        spec: { schedule: '0 * * * *', jobTemplate: { spec: { template } } },
      });
    else out.push({ apiVersion: kind === 'Job' ? 'batch/v1' : 'apps/v1', kind, metadata, spec: { template } });
  }
  return out;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function timeMs(f: () => void): number {
  const start = process.hrtime.bigint();
  f();
  return Number(process.hrtime.bigint() - start) / 1e6;
}

function main(): void {
  const count = Number(process.argv[2] ?? 10000);
  const runs = Number(process.env.BENCH_RUNS ?? 5);
  const docs = workloads(count);
  const namespaces = Array.from({ length: 20 }, (_, n) => ({
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: {
      name: `ns${n}`,
      labels: { 'pod-security.kubernetes.io/enforce': ['restricted', 'baseline', 'privileged'][n % 3] },
    },
  }));
  let refused = 0;
  const check = () => {
    refused = 0;
    for (const d of docs) if (!checkPodSecurity(d, 'restricted').allowed) refused++;
  };
  const copy = () => {
    JSON.parse(JSON.stringify(docs));
  };
  const app = () => {
    evaluateAppPodSecurity([...namespaces, ...docs]);
  };
  check();
  copy();
  app(); // warm-up

  const checkMs = median(Array.from({ length: runs }, () => timeMs(check)));
  const copyMs = median(Array.from({ length: runs }, () => timeMs(copy)));
  const appMs = median(Array.from({ length: runs }, () => timeMs(app)));
  console.log(
    `pod-security benchmark: ${count} workloads (${KINDS.join(', ')}), median of ${runs} runs after a warm-up`,
  );
  console.log('what | ms | workloads/s | × deep-copy baseline');
  console.log(
    `deep copy (baseline: JSON.parse(JSON.stringify)) | ${copyMs.toFixed(1)} | ${Math.round(count / (copyMs / 1000))} | 1.00×`,
  );
  console.log(
    `checkPodSecurity restricted:latest | ${checkMs.toFixed(1)} | ${Math.round(count / (checkMs / 1000))} | ${(checkMs / copyMs).toFixed(2)}×`,
  );
  console.log(
    `evaluateAppPodSecurity (namespace labels) | ${appMs.toFixed(1)} | ${Math.round(count / (appMs / 1000))} | ${(appMs / copyMs).toFixed(2)}×`,
  );
  console.log(
    `${refused} of ${count} refused at restricted; target <= 1000 ms for 10,000: ${checkMs <= 1000 ? 'met' : 'MISSED'}`,
  );
}

if (require.main === module) main();

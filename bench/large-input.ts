// Large-input benchmark (issue 11, item 7): `validate`, `check` and `lint` on one ~59 MB file of 300,000 documents,
// each against a bare YAML parse of the same file measured in the same run, with each command's CPU time, peak RSS
// and the load average when it started. Each measurement runs in its own child process so its peak RSS is its own.
// On a shared machine compare the ratios and the CPU times: wall time follows the load.
// Usage: npm run build && node build/bench/large-input.js [DOCS]      (default 300000)
//        node build/bench/large-input.js --write FILE [DOCS]          (only writes the input file)
//        node build/bench/large-input.js --file FILE                  (measures an existing file)
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { parseAllDocuments } from 'yaml';
import { idleCores } from '../lib/cli/idle-cores';
import { main as cli } from '../lib/cli/main';
import { yamlDocuments } from '../lib/model/documents/yaml-file';

type Mode = 'parse' | 'read' | 'validate' | 'check' | 'lint' | 'check-fast' | 'lint-fast';

/**
 * `lint.node-access-blocked` runs the reachability engine over every node the manifests police (the lockout proof):
 * the `-fast` modes disable it (the lint then skips the rule set) to show the cost of the rest apart.
 */
const WITHOUT_NODE_ACCESS = ['--disable', 'lint.node-access-blocked'];
/** A child taking longer than this is reported as timed out (the engine-based rules grow faster than the input). */
const CHILD_TIMEOUT_MS = 300_000;

/**
 * One document of a realistic mix, 150 to 500 bytes: Calico GlobalNetworkPolicies, NetworkPolicies, NetworkSets and
 * HostEndpoints, Kubernetes Pods, Services and NetworkPolicies, spread over 200 namespaces.
 */
export function largeInputDocument(i: number): string {
  // Each block of 20 documents is one application in one namespace, selected by its own policies, so the lint finds
  // what it would in a tidy cluster (few findings), not one per object.
  const block = Math.floor(i / 20);
  const ns = `ns-${block % 200}`;
  const app = `app-${block % 37}`;
  const rack = `r${block % 50}`;
  switch (i % 20) {
    case 0:
      return [
        'apiVersion: projectcalico.org/v3',
        'kind: GlobalNetworkPolicy',
        'metadata:',
        `  name: gnp-${i}`,
        'spec:',
        `  order: ${i % 1000}`,
        `  selector: has(kubernetes-host) && rack == "${rack}"`,
        '  types: [Ingress, Egress]',
        '  ingress:',
        '    - action: Allow',
        '      protocol: TCP',
        '      source:',
        `        nets: [10.${(i >> 8) & 255}.${i & 255}.0/24]`,
        '      destination:',
        '        ports: [443, "30000:32767"]',
        '    - action: Deny',
        '  egress:',
        '    - action: Allow',
        '      protocol: UDP',
        '      destination:',
        '        ports: [53]',
        '    - action: Deny',
      ].join('\n');
    case 1:
    case 2:
      return [
        'apiVersion: projectcalico.org/v3',
        'kind: NetworkPolicy',
        'metadata:',
        `  name: np-${i}`,
        `  namespace: ${ns}`,
        'spec:',
        `  selector: app == "${app}"`,
        '  types: [Ingress]',
        '  ingress:',
        '    - action: Allow',
        '      protocol: TCP',
        '      destination:',
        '        ports: [8080]',
      ].join('\n');
    case 3:
    case 4:
    case 5:
      return [
        'apiVersion: projectcalico.org/v3',
        'kind: NetworkSet',
        'metadata:',
        `  name: set-${i}`,
        `  namespace: ${ns}`,
        '  labels:',
        `    role: client-${i % 7}`,
        'spec:',
        `  nets: [192.168.${(i >> 8) & 255}.${i & 255}/32]`,
      ].join('\n');
    case 6:
    case 7:
    case 8:
      return [
        'apiVersion: projectcalico.org/v3',
        'kind: HostEndpoint',
        'metadata:',
        `  name: node-${i}-eth0`,
        '  labels:',
        '    kubernetes-host: ""',
        `    rack: ${rack}`,
        'spec:',
        `  node: node-${i}`,
        '  interfaceName: eth0',
        `  expectedIPs: [10.1.${(i >> 8) & 255}.${i & 255}]`,
      ].join('\n');
    case 15:
    case 16:
    case 17:
      return [
        'apiVersion: v1',
        'kind: Service',
        'metadata:',
        `  name: svc-${i}`,
        `  namespace: ${ns}`,
        'spec:',
        `  selector: {app: ${app}}`,
        '  ports:',
        '    - name: http',
        '      port: 80',
      ].join('\n');
    case 18:
    case 19:
      return [
        'apiVersion: networking.k8s.io/v1',
        'kind: NetworkPolicy',
        'metadata:',
        `  name: knp-${i}`,
        `  namespace: ${ns}`,
        'spec:',
        '  podSelector:',
        '    matchLabels:',
        `      app: ${app}`,
        '  policyTypes: [Ingress]',
        '  ingress:',
        '    - from: [{podSelector: {}}]',
        '      ports: [{protocol: TCP, port: 8080}]',
      ].join('\n');
    default:
      return [
        'apiVersion: v1',
        'kind: Pod',
        'metadata:',
        `  name: ${app}-${i}`,
        `  namespace: ${ns}`,
        '  labels:',
        `    app: ${app}`,
        'spec:',
        '  containers:',
        '    - name: main',
        `      image: ${app}:1.${i % 9}`,
      ].join('\n');
  }
}

/** Writes `n` documents to `file`, streaming (the text is never held whole). */
export function writeLargeInput(file: string, n: number): number {
  const fd = fs.openSync(file, 'w');
  try {
    let chunk: string[] = [];
    for (let i = 0; i < n; i++) {
      chunk.push(largeInputDocument(i));
      if (chunk.length === 5000 || i === n - 1) {
        fs.writeSync(fd, chunk.join('\n---\n') + '\n' + (i === n - 1 ? '' : '---\n'));
        chunk = [];
      }
    }
  } finally {
    fs.closeSync(fd);
  }
  return fs.statSync(file).size;
}

/** One child's measurement: wall and CPU milliseconds, peak RSS, exit code and output size. */
interface Measured {
  readonly ms: number;
  readonly cpuMs: number;
  readonly peakMb: number;
  readonly code: number;
  readonly outBytes: number;
}

/** Runs one mode in this process: the time it takes (wall and CPU, all threads) and the process's peak RSS. */
function measure(mode: Mode, file: string, crds: string | undefined): Measured {
  let outBytes = 0;
  let code = 0;
  const cpu = process.cpuUsage();
  const start = process.hrtime.bigint();
  if (mode === 'parse') {
    // The bare baseline: the `yaml` package reading every document into plain JS, nothing else.
    let count = 0;
    for (const d of parseAllDocuments(fs.readFileSync(file, 'utf8'), { version: '1.1' }))
      if (d.toJSON() !== null) count++;
    outBytes = count;
  } else if (mode === 'read') {
    // The reader the commands use (fast path for plain block YAML, the yaml package for the rest), documents dropped.
    let count = 0;
    for (const d of yamlDocuments(fs.readFileSync(file, 'utf8'))) if (d !== null) count++;
    outBytes = count;
  } else {
    const command = mode.replace(/-fast$/, '');
    const extra = mode.endsWith('-fast') ? WITHOUT_NODE_ACCESS : [];
    const args =
      command === 'lint'
        ? ['lint', '--fail-on', 'error', ...extra, file]
        : [command, ...(crds ? ['--crds', crds] : []), ...extra, file];
    code = cli(
      args,
      (s) => {
        outBytes += s.length;
      },
      (s) => {
        process.stderr.write(s);
      },
    );
  }
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  const used = process.cpuUsage(cpu);
  return { ms, cpuMs: (used.user + used.system) / 1000, peakMb: process.resourceUsage().maxRSS / 1024, code, outBytes };
}

function child(mode: Mode, file: string): Measured | undefined {
  try {
    const out = execFileSync(process.execPath, [__filename, '--child', mode, file], {
      encoding: 'utf8',
      maxBuffer: 1 << 20,
      stdio: ['ignore', 'pipe', 'inherit'],
      timeout: CHILD_TIMEOUT_MS,
    });
    return JSON.parse(out.trim().split('\n').pop()!);
  } catch {
    return undefined; // timed out (or failed: its stderr is shown)
  }
}

function main(): void {
  const argv = process.argv.slice(2);
  if (argv[0] === '--child') {
    console.log(JSON.stringify(measure(argv[1] as Mode, argv[2], process.env.CALICO_CRDS_DIR)));
    return;
  }
  if (argv[0] === '--write') {
    const bytes = writeLargeInput(argv[1], Number(argv[2] ?? 300000));
    console.log(`${argv[1]}: ${(bytes / 1048576).toFixed(1)} MB`);
    return;
  }
  const given = argv[0] === '--file' ? argv[1] : undefined;
  const n = Number(given === undefined ? (argv[0] ?? 300000) : NaN);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-calico-large-'));
  const file = given ?? path.join(dir, 'large.yaml');
  // The load average, and the cores idle besides one as the CLI samples them (lib/cli/idle-cores.ts): at 0.6 and
  // more, validate, check and lint read a large input in two threads.
  const load = (): string => `${os.loadavg()[0].toFixed(2)} / ${idleCores().toFixed(1)}`;
  try {
    const bytes = given === undefined ? writeLargeInput(file, n) : fs.statSync(file).size;
    console.log(
      `cdk8s-calico large-input benchmark: ${given ?? `${n} documents`}, ${(bytes / 1048576).toFixed(1)} MB, one file (fresh process per run)`,
    );
    // `validate`, `check` and `lint` use a second thread only when a core is idle (lib/cli/idle-cores.ts).
    console.log(
      `machine: ${os.cpus().length} cores, load average ${os
        .loadavg()
        .map((l) => l.toFixed(2))
        .join(' ')}`,
    );
    console.log(
      'command | wall ms | x bare parse | CPU ms | CPU x bare parse | peak RSS MB | load / idle cores at start | exit | ' +
        'output bytes',
    );
    const parseLoad = load();
    const parse = child('parse', file);
    if (!parse) throw new Error('the bare parse failed');
    console.log(
      `bare YAML parse (yaml.parseAllDocuments) | ${parse.ms.toFixed(0)} | 1.00 | ${parse.cpuMs.toFixed(0)} | 1.00 | ${parse.peakMb.toFixed(0)} | ${parseLoad} | - | -`,
    );
    const rows: Array<[Mode, string]> = [
      ['read', 'our reader alone (yamlDocuments)'],
      ['validate', 'validate'],
      ['check', 'check'],
      ['lint', 'lint'],
      ['check-fast', 'check --disable lint.node-access-blocked'],
      ['lint-fast', 'lint --disable lint.node-access-blocked'],
    ];
    for (const [mode, label] of rows) {
      const at = load();
      const r = child(mode, file);
      if (!r) console.log(`${label} | over ${CHILD_TIMEOUT_MS} (stopped) | - | - | - | - | ${at} | - | -`);
      else {
        const exit = mode === 'read' ? '- | -' : `${r.code} | ${r.outBytes}`;
        const ratios = `${(r.ms / parse.ms).toFixed(2)} | ${r.cpuMs.toFixed(0)} | ${(r.cpuMs / parse.cpuMs).toFixed(2)}`;
        console.log(`${label} | ${r.ms.toFixed(0)} | ${ratios} | ${r.peakMb.toFixed(0)} | ${at} | ${exit}`);
      }
    }
    console.log('target (issue 11): validate, check and lint each at most 5000 ms, memory bounded');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

if (require.main === module) main();

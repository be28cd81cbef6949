// The `psa` subcommand: per-namespace enforce levels or one level for all, three formats, CI exit codes.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { InputError, parseArgs, UsageError } from '../../lib/cli/args';
import { PSA_ARGS, runPsa } from '../../lib/cli/psa-command';

/** Runs the command the way lib/cli/main.ts runs every command: usage and input errors exit 2. */
function run(argv: string[]): { code: number; out: string; err: string } {
  let out = '';
  try {
    const code = runPsa(parseArgs(argv, PSA_ARGS), (s) => {
      out += s;
    });
    return { code, out, err: '' };
  } catch (e) {
    if (e instanceof UsageError || e instanceof InputError) return { code: 2, out, err: e.message };
    throw e;
  }
}

const hardenedPod = {
  securityContext: { runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } },
  containers: [
    { name: 'app', image: 'x', securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } } },
  ],
};
const deployment = (namespace: string, name: string, spec: object) => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name, namespace },
  spec: { selector: { matchLabels: { app: name } }, template: { metadata: { labels: { app: name } }, spec } },
});
const namespaceDoc = (name: string, labels: Record<string, string>) => ({
  apiVersion: 'v1',
  kind: 'Namespace',
  metadata: { name, labels },
});

describe('psa', () => {
  let dir: string;
  const file = (name: string) => path.join(dir, name);
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cli-psa-'));
    fs.mkdirSync(file('clean'));
    fs.mkdirSync(file('app'));
    fs.writeFileSync(
      file('clean/all.json'),
      JSON.stringify({
        apiVersion: 'v1',
        kind: 'List',
        items: [
          namespaceDoc('shop', { 'pod-security.kubernetes.io/enforce': 'restricted' }),
          deployment('shop', 'web', hardenedPod),
        ],
      }),
    );
    const docs = [
      namespaceDoc('shop', { 'pod-security.kubernetes.io/enforce': 'restricted' }),
      namespaceDoc('tools', {
        'pod-security.kubernetes.io/enforce': 'baseline',
        'pod-security.kubernetes.io/enforce-version': 'v1.30',
      }),
      namespaceDoc('lab', {}),
      deployment('shop', 'web', hardenedPod),
      deployment('shop', 'api', { ...hardenedPod, securityContext: { seccompProfile: { type: 'RuntimeDefault' } } }),
      deployment('tools', 'debug', { hostPID: true, containers: [{ name: 'sh', image: 'x' }] }),
      deployment('lab', 'anything', {
        hostNetwork: true,
        containers: [{ name: 'x', image: 'x', securityContext: { privileged: true } }],
      }),
    ];
    fs.writeFileSync(file('app/manifests.yaml'), docs.map((d) => JSON.stringify(d)).join('\n---\n'));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  test('without --level: each workload against its namespace enforce label; exit 1 on violations', () => {
    const r = run([file('app')]);
    expect(r.code).toBe(1);
    // Each violation at its field's node, or the deepest node of its path that exists (runAsNonRoot is missing:
    // its securityContext); each document is one JSON line of manifests.yaml, documents 5 and 6 on lines 9 and 11.
    const text = fs.readFileSync(file('app/manifests.yaml'), 'utf8').split('\n');
    const column = (line: number, key: string, after = 0) => text[line - 1].indexOf(key, after) + 1;
    const apiAt = `${file('app/manifests.yaml')}:9:${column(9, '"securityContext"', text[8].indexOf('"template"'))}`;
    const debugAt = `${file('app/manifests.yaml')}:11:${column(11, '"hostPID"')}`;
    expect(r.out).toBe(
      [
        'Deployment shop/web (restricted:latest): ok',
        'Deployment shop/api (restricted:latest): 1 violation(s)',
        `  ${apiAt}: runAsNonRoot at spec.template.spec.securityContext.runAsNonRoot: pod or container "app" must set securityContext.runAsNonRoot=true; ` +
          'fix: set spec.securityContext.runAsNonRoot: true (or on every container) and run the image as a non-zero UID',
        'Deployment tools/debug (baseline:v1.30): 1 violation(s)',
        `  ${debugAt}: hostNamespaces at spec.template.spec.hostPID:` +
          " pod must not set hostPID=true; fix: remove spec.hostPID (the pod would share the node's PID namespace)",
        'Deployment lab/anything (privileged:latest): ok',
        '4 workload(s) checked, 2 violate Pod Security (2 violation(s))',
        '',
      ].join('\n'),
    );
  });

  test('a clean set exits 0 (kubectl List files are read too)', () => {
    const r = run([file('clean')]);
    expect(r.code).toBe(0);
    expect(r.out).toContain('1 workload(s) checked, 0 violate Pod Security (0 violation(s))');
  });

  test('--level checks every workload against it, ignoring labels; --version pins the policy', () => {
    const r = run(['--level', 'baseline', file('app')]);
    expect(r.code).toBe(1);
    expect(r.out).toContain('Deployment shop/api (baseline:latest): ok');
    expect(r.out).toContain('Deployment lab/anything (baseline:latest): 2 violation(s)');
    const json = JSON.parse(
      run(['--level', 'restricted', '--version', 'v1.22', '--format', 'json', file('clean')]).out,
    );
    expect(json.workloads).toEqual([
      expect.objectContaining({
        kind: 'Deployment',
        name: 'web',
        namespace: 'shop',
        policy: 'restricted:v1.22',
        evaluatedVersion: 'v1.22',
        allowed: true,
        violations: [],
      }),
    ]);
  });

  test('json and md formats', () => {
    const r = run(['--format', 'json', file('app')]);
    expect(r.code).toBe(1);
    const json = JSON.parse(r.out);
    expect(json.totals).toEqual({ workloads: 4, violating: 2, violations: 2 });
    expect(json.workloads[1].violations).toEqual([
      expect.objectContaining({
        check: 'runAsNonRoot',
        fieldPath: 'spec.template.spec.securityContext.runAsNonRoot',
        reason: 'runAsNonRoot != true',
      }),
    ]);
    const md = run(['--format', 'md', file('app')]).out;
    expect(md).toContain('| workload | policy | check | field | problem |');
    expect(md).toContain('| `Deployment shop/web` | restricted:latest | ✅ | | |');
    expect(md).toContain(
      '| `Deployment tools/debug` | baseline:v1.30 | `hostNamespaces` | `spec.template.spec.hostPID` | pod must not set hostPID=true; fix:',
    );
  });

  test("bad enforce labels are noted; the API server's fallback applies", () => {
    fs.writeFileSync(
      file('typo.json'),
      JSON.stringify({
        apiVersion: 'v1',
        kind: 'List',
        items: [
          namespaceDoc('typo', { 'pod-security.kubernetes.io/enforce': 'Restricted' }),
          deployment('typo', 'web', hardenedPod),
        ],
      }),
    );
    const r = run([file('typo.json')]);
    expect(r.out).toMatch(
      /^note: Namespace typo: pod-security\.kubernetes\.io\/enforce: "Restricted" is not a Pod Security level, so the API server evaluates "restricted"\n/,
    );
    expect(r.code).toBe(0);
  });

  test('usage and input errors exit 2', () => {
    expect(run([])).toMatchObject({ code: 2, err: expect.stringMatching(/^no files given; fix: /) });
    expect(run(['--level', 'strict', file('app')])).toMatchObject({
      code: 2,
      err: expect.stringContaining('--level must be one of privileged, baseline, restricted'),
    });
    expect(run(['--version', 'v1.30', file('app')])).toMatchObject({
      code: 2,
      err: expect.stringContaining('--version needs --level'),
    });
    expect(run(['--level', 'baseline', '--version', '1.30', file('app')])).toMatchObject({
      code: 2,
      err: expect.stringContaining('"latest" or "v1.N"'),
    });
    expect(run(['--format', 'html', file('app')])).toMatchObject({
      code: 2,
      err: expect.stringContaining('--format must be one of text, json, md'),
    });
    expect(run([file('missing')])).toMatchObject({ code: 2, err: expect.stringContaining('no such file or folder') });
    expect(run(['--bogus', file('app')]).code).toBe(2);
  });
});

import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { InputError, parseArgs, UsageError } from '../../lib/cli/args';
import { LINT_ARGS, runLint } from '../../lib/cli/lint-command';
import { runCli } from '../support/run-cli';
import { resolveCrdsDir } from '../../lib/validation';

function lint(args: string[]): { code: number; out: string } {
  let out = '';
  const code = runLint(parseArgs(args, LINT_ARGS), (s) => {
    out += s;
  });
  return { code, out };
}

function check(args: string[]): { code: number; out: string; err: string } {
  return runCli(['check', ...args]);
}

describe('cdk8s-calico lint', () => {
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lint-cli-'));
    for (const d of ['warn', 'error', 'clean']) fs.mkdirSync(path.join(dir, d));
    // A populated namespace without default deny (warning) and a staged policy (info).
    fs.writeFileSync(
      path.join(dir, 'warn', 'app.yaml'),
      [
        'apiVersion: v1',
        'kind: Namespace',
        'metadata:',
        '  name: shop',
        '  labels: {pod-security.kubernetes.io/enforce: baseline}',
        '---',
        'apiVersion: apps/v1',
        'kind: Deployment',
        'metadata:',
        '  name: web',
        '  namespace: shop',
        'spec:',
        '  selector:',
        '    matchLabels: {app: web}',
        '  template:',
        '    metadata:',
        '      labels: {app: web}',
        '    spec:',
        '      containers: [{name: c, image: "nginx|1"}]',
        '---',
        'apiVersion: projectcalico.org/v3',
        'kind: StagedGlobalNetworkPolicy',
        'metadata:',
        '  name: preview',
        'spec:',
        '  selector: has(x)',
        '',
      ].join('\n'),
    );
    // Egress isolated without DNS (error).
    fs.writeFileSync(
      path.join(dir, 'error', 'np.yaml'),
      [
        'apiVersion: networking.k8s.io/v1',
        'kind: NetworkPolicy',
        'metadata:',
        '  name: deny-egress',
        '  namespace: shop',
        'spec:',
        '  podSelector: {}',
        '  policyTypes: [Egress]',
        '',
      ].join('\n'),
    );
    fs.writeFileSync(path.join(dir, 'clean', 'ns.yaml'), 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: empty\n');
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  test('text: one line per finding with file, severity, object, field, message and rule; exit 1 on a warning by default', () => {
    const r = lint([path.join(dir, 'warn')]);
    expect(r.code).toBe(1);
    const lines = r.out.trimEnd().split('\n');
    expect(lines[0]).toMatch(
      /app\.yaml:1:1: warning Namespace\/shop: no policy isolates ingress.*; fix: .* \[lint\.namespace-without-default-deny\]$/,
    );
    expect(lines[1]).toMatch(/app\.yaml:21:1: info StagedGlobalNetworkPolicy\/preview: .*\[lint\.staged-policy\]$/);
    expect(lines[2]).toBe('3 object(s) in 1 file(s): 2 finding(s) (0 error(s), 1 warning(s), 1 info)');
  });

  test('--fail-on decides the exit code; --disable drops rules', () => {
    expect(lint(['--fail-on', 'error', path.join(dir, 'warn')]).code).toBe(0);
    expect(lint(['--fail-on', 'error', dir]).code).toBe(1);
    expect(
      lint(['--fail-on=info', '--disable', 'lint.namespace-without-default-deny', path.join(dir, 'warn')]).code,
    ).toBe(1);
    const r = lint(['--disable', 'lint.namespace-without-default-deny,lint.staged-policy', path.join(dir, 'warn')]);
    expect(r.code).toBe(0);
    expect(r.out).toBe('3 object(s) in 1 file(s): 0 finding(s) (0 error(s), 0 warning(s), 0 info)\n');
    expect(lint([path.join(dir, 'clean')]).code).toBe(0);
  });

  test('json: machine-readable counts, the verdict and each finding with its file', () => {
    const r = lint(['--format', 'json', dir]);
    expect(r.code).toBe(1);
    const parsed = JSON.parse(r.out);
    expect(parsed).toMatchObject({
      files: 3,
      objects: 5,
      failOn: 'warning',
      failed: true,
      counts: { error: 1, warning: 1, info: 1 },
    });
    expect(parsed.findings[0]).toMatchObject({
      severity: 'error',
      rule: 'lint.dns-egress-blocked',
      kind: 'NetworkPolicy',
      namespace: 'shop',
      name: 'deny-egress',
      path: 'spec.egress',
    });
    expect(parsed.findings[0].file).toMatch(/error[\\/]np\.yaml$/);
    expect(parsed.findings.map((f: any) => f.severity)).toEqual(['error', 'warning', 'info']);
  });

  test('md: a table with problem and fix split, pipes escaped', () => {
    const r = lint(['--format', 'md', path.join(dir, 'error')]);
    expect(r.code).toBe(1);
    expect(r.out).toContain('| Severity | Rule | Object | Field | File | Finding | Fix |');
    const row = r.out.split('\n').find((l) => l.startsWith('| error'))!;
    expect(row).toMatch(
      /^\| error \| `lint.dns-egress-blocked` \| NetworkPolicy\/shop\/deny-egress \| `spec.egress` \| .*np\.yaml \| this policy isolates egress.* \| allow egress to kube-dns.* \|$/,
    );
    expect(row.split(' | ')).toHaveLength(7);
    expect(lint(['--format', 'md', path.join(dir, 'clean')]).out).not.toContain('| Severity');
    // A selector with || in the message must not break the table.
    fs.writeFileSync(
      path.join(dir, 'clean', 'or.yaml'),
      [
        'apiVersion: v1',
        'kind: Pod',
        'metadata: {name: p, namespace: empty, labels: {app: c}}',
        'spec: {containers: [{name: c, image: x}]}',
        '---',
        'apiVersion: projectcalico.org/v3',
        'kind: NetworkPolicy',
        'metadata: {name: ab, namespace: empty}',
        'spec:',
        "  selector: \"app == 'a' || app == 'b'\"",
        '',
      ].join('\n'),
    );
    const md = lint([
      '--format',
      'md',
      '--disable',
      'lint.namespace-without-default-deny',
      path.join(dir, 'clean'),
    ]).out;
    fs.rmSync(path.join(dir, 'clean', 'or.yaml'));
    const orRow = md.split('\n').find((l) => l.includes('lint.selector-matches-nothing'))!;
    expect(orRow).toContain("app == 'a' \\|\\| app == 'b'");
    expect(orRow.split(' | ')).toHaveLength(7);
  });

  test('usage and input errors throw (main prints them with exit 2)', () => {
    expect(() => lint([])).toThrow(UsageError);
    expect(() => lint(['--format', 'xml', dir])).toThrow(/--format must be one of text, json, md/);
    expect(() => lint(['--fail-on', 'fatal', dir])).toThrow(
      /--fail-on must be one of error, warning, info, got "fatal"/,
    );
    expect(() => lint(['--disable', 'lint.nope', dir])).toThrow(/--disable: unknown rule id\(s\) lint.nope/);
    expect(() => lint([path.join(dir, 'missing.yaml')])).toThrow(InputError);
    expect(() => parseArgs(['--bogus'], LINT_ARGS)).toThrow(/unknown option --bogus/);
  });
});

describe('cdk8s-calico check runs the same lint', () => {
  const crds = resolveCrdsDir()!;
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'check-cli-'));
    fs.writeFileSync(
      path.join(dir, 'ns.yaml'),
      [
        'apiVersion: v1',
        'kind: Namespace',
        'metadata:',
        '  name: tools',
        '  labels:',
        '    projectcalico.org/created-by: me',
        '---',
        'apiVersion: projectcalico.org/v3',
        'kind: StagedGlobalNetworkPolicy',
        'metadata:',
        '  name: preview',
        'spec:',
        '  selector: has(x)',
        '',
      ].join('\n'),
    );
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  test('severity on each lint line and in the summary; --fail-on and --disable as for lint', () => {
    const r = check(['--crds', crds, dir]);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(
      /lint: Namespace\/tools: metadata.labels.projectcalico.org\/created-by: .*\[lint.created-by-label\] \(warning\)\n/,
    );
    expect(r.out).toMatch(/lint: StagedGlobalNetworkPolicy\/preview: .*\[lint.staged-policy\] \(info\)\n/);
    expect(r.out).toContain(
      '2 object(s) in 1 file(s): 0 problem(s), 2 lint finding(s) (0 error(s), 1 warning(s), 1 info)',
    );
    expect(check(['--crds', crds, '--fail-on', 'error', dir]).code).toBe(0);
    expect(check(['--crds', crds, '--disable', 'lint.created-by-label', dir]).code).toBe(0);
    expect(check(['--crds', crds, '--fail-on', 'info', '--disable', 'lint.created-by-label', dir]).code).toBe(1);
    expect(check(['--crds', crds, '--fail-on', 'nope', dir]).code).toBe(2);
  });

  test('json keeps its keys and adds severity to each lint finding', () => {
    const parsed = JSON.parse(check(['--crds', crds, '--format', 'json', dir]).out);
    expect(Object.keys(parsed)).toEqual(['schemaVersion', 'command', 'files', 'objects', 'problems', 'lint']);
    expect(parsed).toMatchObject({ schemaVersion: 1, command: 'check' });
    expect(parsed.lint.map((f: any) => `${f.severity} ${f.rule}`)).toEqual([
      'warning lint.created-by-label',
      'info lint.staged-policy',
    ]);
  });
});

// The command line itself (issue 13, item 5): help on every command, --version, `-` for standard input, folder walks
// that skip what is not a manifest, and arguments parsed by node:util parseArgs with the house error messages.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { FORCE_FLAG, parseArgs, UsageError, wantsHelp } from '../../lib/cli/args';
import { COMMAND_HELP } from '../../lib/cli/help';
import { runCli as run } from '../support/run-cli';
import { expandManifestPaths, resetStdinForTests, skippedInWalk } from '../../lib/cli/manifest-files';
import { packageVersion } from '../../lib/cli/version';

const COMMANDS = ['validate', 'check', 'lint', 'psa', 'explain', 'matrix', 'diff', 'can-i', 'who-can', 'csr'];

describe('help and version', () => {
  test.each(COMMANDS)(
    '%s: -h, --help and `help COMMAND` print its page (exit 0), whatever else is on the line',
    (c) => {
      const page = run(['help', c]);
      expect(page).toEqual({ code: 0, out: `${COMMAND_HELP[c]}\n`, err: '' });
      expect(page.out).toMatch(new RegExp(`^usage: cdk8s-calico ${c} `));
      expect(page.out).toMatch(/-h, --help/);
      expect(page.out).toMatch(/exit codes: 0 /);
      for (const flag of ['-h', '--help']) {
        expect(run([c, flag])).toEqual(page);
        // Help wins over mistakes beside it: a user asking for help gets it.
        expect(run([c, '--no-such-option', flag, 'x.yaml'])).toEqual(page);
      }
      // After `--`, -h is a file name.
      expect(wantsHelp(['--', '-h'])).toBe(false);
    },
  );

  test('the overview lists every command; help of an unknown command suggests the closest', () => {
    const overview = run(['--help']);
    expect(overview.code).toBe(0);
    for (const c of COMMANDS) expect(overview.out).toMatch(new RegExp(`^  ${c} +\\S`, 'm'));
    expect(run(['-h'])).toEqual(overview);
    expect(run(['help'])).toEqual(overview);
    const typo = run(['help', 'valdate']);
    expect(typo.code).toBe(2);
    expect(typo.err).toMatch(/^cdk8s-calico help: unknown command "valdate"; fix: did you mean validate\?/);
    expect(run(['help', 'lint', 'psa']).err).toMatch(/help takes one command, got lint psa; fix: /);
  });

  test("--version prints the version of the package.json beside the code, not the working folder's", () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'package.json'), 'utf8'));
    expect(packageVersion()).toBe(pkg.version);
    const cwd = process.cwd();
    const elsewhere = fs.mkdtempSync(path.join(os.tmpdir(), 'cli-version-'));
    fs.writeFileSync(path.join(elsewhere, 'package.json'), JSON.stringify({ name: 'cdk8s-calico', version: '9.9.9' }));
    try {
      process.chdir(elsewhere);
      expect(run(['--version'])).toEqual({ code: 0, out: `cdk8s-calico ${pkg.version}\n`, err: '' });
    } finally {
      process.chdir(cwd);
      fs.rmSync(elsewhere, { recursive: true, force: true });
    }
    expect(run(['version']).out).toBe(`cdk8s-calico ${pkg.version}\n`);
  });

  test('an unknown command suggests the closest one; no command names them all', () => {
    const r = run(['lnit', 'x.yaml']);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(
      /^cdk8s-calico: unknown command "lnit"; fix: did you mean lint\? the commands are validate, check, lint/,
    );
    expect(run([]).err).toMatch(/^cdk8s-calico: no command given; fix: name one of validate, check/);
  });
});

describe('arguments (node:util parseArgs)', () => {
  const spec = { values: ['format', 'crds'], flags: ['no-kubernetes', FORCE_FLAG] };
  test('values, flags, = forms, positionals, - and --', () => {
    const p = parseArgs(['--format', 'json', '--crds=/c', '--no-kubernetes', 'a.yaml', '-', '--', '--odd.yaml'], spec);
    expect(p.values).toEqual({ format: 'json', crds: '/c' });
    expect([...p.flags]).toEqual(['no-kubernetes']);
    expect(p.positionals).toEqual(['a.yaml', '-', '--odd.yaml']);
  });
  test.each([
    [
      ['--fromat', 'json'],
      /^unknown option --fromat; fix: did you mean --format\? this command takes --format, --crds, --no-kubernetes, --force/,
    ],
    [['--format'], /^--format needs a value; fix: write --format VALUE$/],
    [['--format='], /^--format needs a value, got an empty one; fix: /],
    [
      ['--format', '--force'],
      /^--format needs a value, got the option --force; fix: write --format VALUE \(a value starting with - as --format=-VALUE\)$/,
    ],
    [['--force=yes'], /^--force takes no value, got --force=yes; fix: write --force alone$/],
    [['-x'], /^unknown option -x; fix: this command takes /],
    [['--no-kubernets'], /did you mean --no-kubernetes\?/],
  ])('%j is a usage error in the house form', (argv, message) => {
    expect(() => parseArgs(argv as string[], spec)).toThrow(UsageError);
    expect(() => parseArgs(argv as string[], spec)).toThrow(message as RegExp);
  });
});

describe('inputs', () => {
  let dir: string;
  const p = (...parts: string[]) => path.join(dir, ...parts);
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cli-inputs-'));
    const ns = (n: string) => `apiVersion: v1\nkind: Namespace\nmetadata:\n  name: ${n}\n`;
    fs.mkdirSync(p('dist', '.cache'), { recursive: true });
    fs.mkdirSync(p('dist', 'templates'));
    fs.writeFileSync(p('dist', 'app.k8s.yaml'), ns('app'));
    fs.writeFileSync(p('dist', 'templates', 'chart.k8s.yaml'), ns('chart'));
    // What a folder walk must skip: dot folders and files, and what cdk8s writes that is no Kubernetes object.
    fs.writeFileSync(p('dist', '.cache', 'old.yaml'), 'not: [a manifest\n');
    fs.writeFileSync(p('dist', '.#app.k8s.yaml'), 'garbage: [\n');
    fs.writeFileSync(
      p('dist', 'construct-metadata.json'),
      JSON.stringify({ version: '1.0.0', resources: { 'app-ns-c8x': { path: 'app/ns' } } }),
    );
    fs.writeFileSync(
      p('dist', 'Chart.yaml'),
      'apiVersion: v2\nname: app\nversion: 1.0.0\ndescription: Generated chart for app\ntype: application\n',
    );
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  test('a folder walk skips dot entries, construct-metadata.json and Chart.yaml; named, they are read', () => {
    expect(
      expandManifestPaths([p('dist')])
        .map((f) => path.relative(dir, f))
        .sort(),
    ).toEqual([path.join('dist', 'app.k8s.yaml'), path.join('dist', 'templates', 'chart.k8s.yaml')]);
    expect(run(['validate', p('dist')])).toMatchObject({
      code: 0,
      out: expect.stringContaining('2 object(s) in 2 file(s): 0 problem(s)'),
    });
    expect(skippedInWalk('.git')).toBe(true);
    expect(skippedInWalk('construct-metadata.json')).toBe(true);
    expect(skippedInWalk('app.k8s.yaml')).toBe(false);
    // Named on the command line, a skipped name is read (and here it is no Kubernetes object).
    expect(run(['validate', p('dist', 'construct-metadata.json')]).code).toBe(1);
  });

  test('a folder holding only what the walk skips has no manifest (exit 2)', () => {
    fs.mkdirSync(p('only-meta'));
    fs.writeFileSync(p('only-meta', 'construct-metadata.json'), '{}');
    const r = run(['validate', p('only-meta')]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/holds no \.yaml, \.yml or \.json file/);
  });

  test('- reads standard input, YAML or JSON, once; named twice is a usage error', () => {
    try {
      resetStdinForTests('apiVersion: v1\nkind: Namespace\nmetadata:\n  name: piped\n');
      expect(run(['validate', '-', p('dist')])).toMatchObject({
        code: 0,
        out: expect.stringContaining('3 object(s) in 3 file(s)'),
      });
      resetStdinForTests(
        JSON.stringify({
          apiVersion: 'v1',
          kind: 'List',
          items: [{ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'a' } }],
        }),
      );
      expect(run(['validate', '--format', 'json', '-']).out).toContain('"objects": 1');
      resetStdinForTests('apiVersion: v1\nkind: Namespace\nmetadata:\n  name: x\n');
      const twice = run(['validate', '-', '-']);
      expect(twice.code).toBe(2);
      expect(twice.err).toMatch(/^cdk8s-calico validate: - \(standard input\) is named twice; fix: name - once/);
      resetStdinForTests('a: [unclosed\n');
      expect(run(['validate', '-']).err).toMatch(
        /^cdk8s-calico validate: cannot parse <stdin>: not valid YAML: .*line 2/,
      );
    } finally {
      resetStdinForTests();
    }
  });
});

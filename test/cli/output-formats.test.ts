// The CI output formats of the finding commands (issue 13, item 5): SARIF 2.1.0 checked against the SARIF schema
// (test/fixtures/sarif), JUnit XML, GitHub Actions annotations, and the JSON output checked against the schema the
// package ships (schemas/cli-output.v1.json). Every finding points at the file, line and column of its YAML node.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { runCli as run } from '../support/run-cli';
import { resetStdinForTests } from '../../lib/cli/manifest-files';
import { ciPath } from '../../lib/cli/output/finding';
import { escapeData, escapeProperty } from '../../lib/cli/output/github';
import { artifactUri } from '../../lib/cli/output/sarif';

/** The OASIS SARIF 2.1.0 schema is draft-04: its only draft-04-only keyword is the top-level `id` (draft-07: `$id`). */
function sarifValidator() {
  const schema = JSON.parse(
    fs.readFileSync(path.join(__dirname, '..', 'fixtures', 'sarif', 'sarif-schema-2.1.0.json'), 'utf8'),
  );
  expect(schema.id).toBe('https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json');
  const { id, $schema: _draft, ...rest } = schema;
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats(ajv);
  return ajv.compile({ $id: id, ...rest });
}

function cliOutputValidator() {
  const ajv = new Ajv({ strict: true, allErrors: true });
  return ajv.compile(
    JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'schemas', 'cli-output.v1.json'), 'utf8')),
  );
}

/** 1-based line and column of the first `needle` at or after line `fromLine` of `text`. */
function where(text: string, needle: string, fromLine = 1): { line: number; column: number } {
  const lines = text.split('\n');
  for (let i = fromLine - 1; i < lines.length; i++) {
    const c = lines[i].indexOf(needle);
    if (c >= 0) return { line: i + 1, column: c + 1 };
  }
  throw new Error(`${needle} not found`);
}

const POLICY = [
  'apiVersion: v1',
  'kind: Namespace',
  'metadata:',
  '  name: shop',
  '  labels:',
  '    app.kubernetes.io/name: shop',
  '---',
  '# a comment before the document',
  'apiVersion: projectcalico.org/v3',
  'kind: GlobalNetworkPolicy',
  'metadata:',
  '  name: no-protocol',
  'spec:',
  '  selector: all()',
  '  ingress:',
  '    - action: Allow',
  '      destination:',
  '        ports: [22]',
  '',
].join('\n');
// Anchors and aliases: the fast reader declines the document and the `yaml` package reads it.
const ANCHORED = [
  'apiVersion: projectcalico.org/v3',
  'kind: GlobalNetworkPolicy',
  'metadata:',
  '  name: anchored',
  'spec:',
  '  selector: all()',
  '  ingress:',
  '    - &rule',
  '      action: Allow',
  '      destination:',
  '        ports: [80]',
  '',
].join('\n');
const JSON_LIST = JSON.stringify(
  [
    { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'ok' } },
    {
      apiVersion: 'projectcalico.org/v3',
      kind: 'GlobalNetworkPolicy',
      metadata: { name: 'in-json' },
      spec: { selector: 'all()', ingress: [{ action: 'Allow', destination: { ports: [53] } }] },
    },
  ],
  null,
  2,
);
const PSA = [
  'apiVersion: v1',
  'kind: Namespace',
  'metadata:',
  '  name: locked',
  '  labels:',
  '    pod-security.kubernetes.io/enforce: baseline',
  '---',
  'apiVersion: apps/v1',
  'kind: Deployment',
  'metadata:',
  '  name: debug',
  '  namespace: locked',
  'spec:',
  '  selector: {matchLabels: {app: d}}',
  '  template:',
  '    metadata: {labels: {app: d}}',
  '    spec:',
  '      hostPID: true',
  '      containers: [{name: c, image: x}]',
  '',
].join('\n');

describe('CI output formats', () => {
  let dir: string;
  const file = (name: string) => path.join(dir, name);
  const text = (name: string) => fs.readFileSync(file(name), 'utf8');
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cli-formats-'));
    fs.mkdirSync(file('in'));
    fs.writeFileSync(file('in/policy.yaml'), POLICY);
    fs.writeFileSync(file('in/anchored.yaml'), ANCHORED);
    fs.writeFileSync(file('in/list.json'), JSON_LIST);
    fs.mkdirSync(file('psa'));
    fs.writeFileSync(file('psa/app.yaml'), PSA);
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  test('validate --format sarif is valid SARIF 2.1.0 with the line and column of each field', () => {
    const r = run(['validate', '--format', 'sarif', file('in')]);
    expect(r.code).toBe(1);
    const log = JSON.parse(r.out);
    const validate = sarifValidator();
    expect(validate.errors ?? null).toBeNull();
    expect(validate(log) ? [] : validate.errors).toEqual([]);
    // The schema can refuse: a level SARIF does not have, a region without a start, a 0 line.
    const results: any[] = log.runs[0].results;
    const broken = (f: (r: any) => void) => {
      const copy = JSON.parse(r.out);
      f(copy.runs[0].results[0]);
      return validate(copy);
    };
    expect(
      broken((x) => {
        x.level = 'info';
      }),
    ).toBe(false);
    expect(
      broken((x) => {
        x.locations[0].physicalLocation.region = { startColumn: 3 };
      }),
    ).toBe(false);
    expect(
      broken((x) => {
        x.locations[0].physicalLocation.region.startLine = 0;
      }),
    ).toBe(false);
    const byName = (name: string) =>
      results.find((x) => x.ruleId === 'calico.rule.ports-need-protocol' && x.message.text.includes(`/${name}:`));
    const region = (x: any) => ({
      line: x.locations[0].physicalLocation.region.startLine,
      column: x.locations[0].physicalLocation.region.startColumn,
    });
    // ports[0] is the 22 inside `[22]`.
    const p = where(text('in/policy.yaml'), '22');
    expect(region(byName('no-protocol'))).toEqual(p);
    expect(byName('no-protocol').locations[0].physicalLocation.artifactLocation.uri).toBe(
      new URL(`file://${file('in/policy.yaml')}`).href,
    );
    expect(region(byName('anchored'))).toEqual(where(text('in/anchored.yaml'), '80'));
    expect(region(byName('in-json'))).toEqual(where(text('in/list.json'), '53'));
    // Each rule is described once, and each result names it by index.
    const rules: any[] = log.runs[0].tool.driver.rules;
    for (const x of results) expect(rules[x.ruleIndex].id).toBe(x.ruleId);
    expect(new Set(rules.map((x) => x.id)).size).toBe(rules.length);
    expect(log.runs[0].tool.driver.version).toBe(
      JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'package.json'), 'utf8')).version,
    );
  });

  test('a relative path becomes a relative URI with / separators, each segment percent-encoded', () => {
    const cwd = process.cwd();
    try {
      process.chdir(dir);
      fs.mkdirSync(file('sp ace'), { recursive: true });
      fs.writeFileSync(file('sp ace/a#b.yaml'), ANCHORED);
      const log = JSON.parse(run(['validate', '--format', 'sarif', path.join('sp ace', 'a#b.yaml')]).out);
      expect(log.runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri).toBe('sp%20ace/a%23b.yaml');
      expect(sarifValidator()(log)).toBe(true);
    } finally {
      process.chdir(cwd);
    }
  });

  test('lint, check and psa --format sarif are valid SARIF too; severities map to error, warning and note', () => {
    const validate = sarifValidator();
    for (const args of [
      ['lint', file('in')],
      ['check', file('in')],
      ['psa', file('psa')],
    ]) {
      const log = JSON.parse(run([args[0], '--format', 'sarif', ...args.slice(1)]).out);
      expect({ args, errors: validate(log) ? [] : validate.errors }).toEqual({ args, errors: [] });
      expect(log.runs[0].results.length).toBeGreaterThan(0);
    }
    const lint = JSON.parse(run(['lint', '--format', 'sarif', file('in')]).out).runs[0].results as any[];
    expect(new Set(lint.map((x) => x.level))).toEqual(
      new Set(lint.map((x) => (({ error: 'error', warning: 'warning', info: 'note' }) as any)[x.properties.severity])),
    );
    const psa = JSON.parse(run(['psa', '--format', 'sarif', file('psa')]).out).runs[0].results as any[];
    expect(psa[0]).toMatchObject({ ruleId: 'psa.hostNamespaces', level: 'error' });
    expect(psa[0].locations[0].physicalLocation.region).toEqual({
      startLine: where(PSA, 'hostPID').line,
      startColumn: where(PSA, 'hostPID').column,
    });
  });

  test('standard input: findings name <stdin> with the line in the piped text', () => {
    resetStdinForTests(POLICY);
    try {
      const r = run(['validate', '-']);
      expect(r.code).toBe(1);
      const p = where(POLICY, '22');
      expect(r.out).toContain(
        `<stdin>:${p.line}:${p.column}: GlobalNetworkPolicy/no-protocol: spec.ingress[0].destination.ports[0]:`,
      );
    } finally {
      resetStdinForTests();
    }
  });

  test('junit: a suite per file, a failing case per finding, a passing case for a clean file, XML escaped', () => {
    fs.writeFileSync(file('in/clean.yaml'), 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: clean\n');
    fs.writeFileSync(file('in/amp.yaml'), 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: "a&b<c>"\n');
    try {
      const r = run(['validate', '--format', 'junit', file('in')]);
      expect(r.code).toBe(1);
      expect(r.out.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<testsuites ')).toBe(true);
      const suites = [...r.out.matchAll(/<testsuite name="([^"]*)" tests="(\d+)" failures="(\d+)"/g)].map((m) => ({
        name: m[1],
        tests: +m[2],
        failures: +m[3],
      }));
      expect(suites.map((s) => path.basename(s.name)).sort()).toEqual([
        'amp.yaml',
        'anchored.yaml',
        'clean.yaml',
        'list.json',
        'policy.yaml',
      ]);
      expect(suites.find((s) => s.name.endsWith('clean.yaml'))).toMatchObject({ tests: 1, failures: 0 });
      const failures = (r.out.match(/<failure /g) ?? []).length;
      expect(r.out).toMatch(new RegExp(`<testsuites name="cdk8s-calico validate" tests="\\d+" failures="${failures}"`));
      expect(failures).toBe(suites.reduce((n, s) => n + s.failures, 0));
      // The bad name is escaped everywhere, and no raw & or < is left outside markup.
      expect(r.out).toContain('a&amp;b&lt;c&gt;');
      expect(r.out.replace(/<\/?[a-z?][^<>]*>/g, '')).not.toMatch(/[<>]|&(?!amp;|lt;|gt;|quot;|apos;)/);
      // A failure holds the file:line:column of its field.
      const p = where(POLICY, '22');
      expect(r.out).toContain(`policy.yaml:${p.line}:${p.column}: error GlobalNetworkPolicy/no-protocol:`);
    } finally {
      fs.rmSync(file('in/clean.yaml'));
      fs.rmSync(file('in/amp.yaml'));
    }
  });

  test('lint --format junit fails only findings at or above --fail-on', () => {
    const all = run(['lint', '--format', 'junit', '--fail-on', 'info', file('in')]).out;
    const errorsOnly = run(['lint', '--format', 'junit', '--fail-on', 'error', file('in')]).out;
    const count = (s: string, re: RegExp) => (s.match(re) ?? []).length;
    expect(count(all, /<testcase /g)).toBe(count(errorsOnly, /<testcase /g));
    expect(count(all, /<failure /g)).toBeGreaterThan(count(errorsOnly, /<failure /g));
  });

  test('github: one ::error/::warning/::notice line per finding with file, line and col, escaped as @actions/core does', () => {
    const r = run(['check', '--format', 'github', file('in')]);
    const lines = r.out.trimEnd().split('\n');
    const annotations = lines.filter((l) => l.startsWith('::'));
    expect(annotations.length).toBe(lines.length - 1);
    for (const l of annotations)
      expect(l).toMatch(/^::(error|warning|notice) file=[^,]+,line=\d+,col=\d+,title=[^:]+::.+$/);
    const p = where(POLICY, '22');
    expect(annotations).toContain(
      `::error file=${escapeProperty(file('in/policy.yaml'))},line=${p.line},col=${p.column},title=calico.rule.ports-need-protocol ` +
        `(check)::GlobalNetworkPolicy/no-protocol: spec.ingress[0].destination.ports[0]: ${escapeData(
          'rules with numeric port or port range must set protocol to TCP, UDP or SCTP; fix: use Port.tcp(22) / set protocol: TCP',
        )}`,
    );
    expect(lines[lines.length - 1]).toMatch(/ object\(s\) in 3 file\(s\): /);
    expect(escapeProperty('a,b:c%d\ne')).toBe('a%2Cb%3Ac%25d%0Ae');
    expect(escapeData('50%, a:b\r\n')).toBe('50%25, a:b%0D%0A');
  });

  test('the JSON output of every finding command matches schemas/cli-output.v1.json', () => {
    const validate = cliOutputValidator();
    const rbac = file('rbac.yaml');
    fs.writeFileSync(
      rbac,
      [
        'apiVersion: rbac.authorization.k8s.io/v1',
        'kind: ClusterRole',
        'metadata: {name: reader}',
        'rules: [{apiGroups: [""], resources: [pods], verbs: [get]}]',
        '---',
        'apiVersion: rbac.authorization.k8s.io/v1',
        'kind: ClusterRoleBinding',
        'metadata: {name: reader}',
        'roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: reader}',
        'subjects: [{kind: User, name: wang, apiGroup: rbac.authorization.k8s.io}]',
        '',
      ].join('\n'),
    );
    const outputs = [
      ['validate', file('in')],
      ['check', file('in')],
      ['lint', file('in')],
      ['psa', file('psa')],
      ['can-i', '--verb', 'get', '--resource', 'pods', '--as', 'wang', rbac],
      ['who-can', '--verb', 'get', '--resource', 'pods', rbac],
    ].map((a) => JSON.parse(run([a[0], '--format', 'json', ...a.slice(1)]).out));
    for (const o of outputs)
      expect({ command: o.command, errors: validate(o) ? [] : validate.errors }).toEqual({
        command: o.command,
        errors: [],
      });
    expect(outputs.map((o) => o.command)).toEqual(['validate', 'check', 'lint', 'psa', 'can-i', 'who-can']);
    // Sources are there, and the schema can fail: a missing schemaVersion, a bad line or an unknown key is refused.
    const v = outputs[0];
    const p = where(POLICY, '22');
    expect(v.problems.find((x: any) => x.name === 'no-protocol').source).toEqual({
      file: file('in/policy.yaml'),
      ...p,
    });
    expect(v.problems.every((x: any) => Number.isInteger(x.document))).toBe(true);
    const { schemaVersion: _v, ...noVersion } = v;
    expect(validate(noVersion)).toBe(false);
    expect(validate({ ...v, problems: [{ ...v.problems[0], source: { file: 'x', line: 0, column: 1 } }] })).toBe(false);
    expect(validate({ ...v, extra: 1 })).toBe(false);
    expect(validate({ ...outputs[2], findings: [{ ...outputs[2].findings[0], severity: 'fatal' }] })).toBe(false);
  });

  test('every finding command takes the CI formats; a bad --format names them and the closest', () => {
    for (const c of ['validate', 'check', 'lint', 'psa']) {
      const r = run([c, '--format', 'sarf', file('in')]);
      expect(r.code).toBe(2);
      expect(r.err).toMatch(
        /--format must be one of text, json, .*sarif, junit, github, got "sarf"; fix: did you mean --format sarif\?/,
      );
    }
  });
});

describe('paths for CI', () => {
  test('an absolute path inside the working folder is given relative to it; outside, as is', () => {
    expect(ciPath(path.join(process.cwd(), 'dist', 'a.yaml'))).toBe(path.join('dist', 'a.yaml'));
    expect(ciPath('/elsewhere/a.yaml', '/work')).toBe('/elsewhere/a.yaml');
    expect(ciPath('/work-other/a.yaml', '/work')).toBe('/work-other/a.yaml');
    expect(ciPath('dist/a.yaml')).toBe('dist/a.yaml');
    expect(artifactUri(path.join(process.cwd(), 'dist', 'a b.yaml'))).toBe('dist/a%20b.yaml');
    expect(artifactUri('/elsewhere/a.yaml')).toBe('file:///elsewhere/a.yaml');
    expect(artifactUri('-')).toBe('%3Cstdin%3E');
  });
});

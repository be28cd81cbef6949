import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { runCli as run } from '../support/run-cli';
import { resolveCrdsDir } from '../../lib/validation';

describe('cdk8s-calico validate', () => {
  let dir: string;
  const crds = resolveCrdsDir()!;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cli-'));
    fs.mkdirSync(path.join(dir, 'good'));
    fs.mkdirSync(path.join(dir, 'bad'));
    fs.writeFileSync(
      path.join(dir, 'good', 'a.k8s.yaml'),
      [
        'apiVersion: projectcalico.org/v3',
        'kind: GlobalNetworkPolicy',
        'metadata:',
        '  name: allow-ssh',
        'spec:',
        '  selector: has(kubernetes-host)',
        '  types: [Ingress]',
        '  ingress:',
        '    - action: Allow',
        '      protocol: TCP',
        '      destination:',
        '        ports: [22]',
        '---',
        'apiVersion: v1',
        'kind: Namespace',
        'metadata:',
        '  name: shop',
        '',
      ].join('\n'),
    );
    fs.writeFileSync(
      path.join(dir, 'bad', 'b.yaml'),
      [
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
      ].join('\n'),
    );
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  test('clean manifests exit 0 and say so', () => {
    const r = run(['validate', '--crds', crds, path.join(dir, 'good')]);
    expect(r.code).toBe(0);
    expect(r.out).toContain('2 object(s) in 1 file(s): 0 problem(s)');
  });
  test('problems exit 1 with file, object, path, message and rule', () => {
    const r = run(['validate', '--crds', crds, dir]);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(
      /b\.yaml:10:17: GlobalNetworkPolicy\/no-protocol: spec\.ingress\[0\]\.destination\.ports\[0\]: .*protocol.*\[calico\.rule\.ports-need-protocol\]/,
    );
  });
  test('json output is machine-readable', () => {
    const r = run(['validate', '--crds', crds, '--format', 'json', path.join(dir, 'bad')]);
    const parsed = JSON.parse(r.out);
    expect(parsed.objects).toBe(1);
    expect(parsed.problems[0]).toMatchObject({
      kind: 'GlobalNetworkPolicy',
      name: 'no-protocol',
      rule: 'calico.rule.ports-need-protocol',
    });
  });
  test('check adds lint findings and fails on them', () => {
    fs.writeFileSync(
      path.join(dir, 'good', 'lint.yaml'),
      [
        'apiVersion: projectcalico.org/v3',
        'kind: GlobalNetworkPolicy',
        'metadata:',
        '  name: expose',
        'spec:',
        '  selector: has(kubernetes-host)',
        '  preDNAT: true',
        '  applyOnForward: true',
        '  types: [Ingress]',
        '  ingress:',
        '    - action: Allow',
        '      source:',
        '        nets: [10.0.0.0/8]',
        '',
      ].join('\n'),
    );
    const v = run(['validate', '--crds', crds, path.join(dir, 'good')]);
    expect(v.code).toBe(0);
    const c = run(['check', '--crds', crds, path.join(dir, 'good')]);
    expect(c.code).toBe(1);
    expect(c.out).toMatch(
      /lint: GlobalNetworkPolicy\/expose: spec.ingress: preDNAT policy allows some sources but denies none.*\[lint.prednat-without-deny\]/,
    );
    expect(c.out).toContain('3 object(s) in 2 file(s): 0 problem(s), 1 lint finding(s)');
    fs.rmSync(path.join(dir, 'good', 'lint.yaml'));
  });

  test('objects defined twice across files are reported, on the later file', () => {
    fs.mkdirSync(path.join(dir, 'dup'));
    for (const f of ['1.yaml', '2.yaml'])
      fs.copyFileSync(path.join(dir, 'good', 'a.k8s.yaml'), path.join(dir, 'dup', f));
    const r = run(['validate', '--crds', crds, path.join(dir, 'dup')]);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(
      /2\.yaml:4:3: GlobalNetworkPolicy\/allow-ssh: metadata.name: duplicate object.*\[calico.object.duplicate\]/,
    );
    fs.rmSync(path.join(dir, 'dup'), { recursive: true });
  });

  test('usage errors exit 2', () => {
    expect(run([]).code).toBe(2);
    expect(run(['frobnicate']).code).toBe(2);
    expect(run(['validate']).code).toBe(2);
    expect(run(['validate', '--format', 'xml', dir]).code).toBe(2);
    expect(run(['validate', '--bogus', dir]).err).toMatch(/unknown option --bogus/);
    expect(run(['validate', '--format=json', path.join(dir, 'good')]).code).toBe(0);
    const missing = run(['validate', path.join(dir, 'missing.yaml')]);
    expect(missing.code).toBe(2);
    expect(missing.err).toMatch(
      /^cdk8s-calico validate: cannot read .*missing.yaml: no such file or folder \(ENOENT\); fix: .*\n$/,
    );
    fs.writeFileSync(path.join(dir, 'broken.yaml'), 'a: [unclosed\n');
    const broken = run(['validate', path.join(dir, 'broken.yaml')]);
    expect(broken.code).toBe(2);
    expect(broken.err).toMatch(/cannot parse .*broken.yaml: not valid YAML: .* at line 2, column \d+; fix: /);
    fs.rmSync(path.join(dir, 'broken.yaml'));
    expect(run(['--help']).code).toBe(0);
  });
});

describe('check --format md', () => {
  test('one table of validation problems and one of lint findings, fixes in their own column, pipes escaped', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cli-md-'));
    const file = path.join(dir, 'bad.yaml');
    fs.writeFileSync(
      file,
      [
        'apiVersion: projectcalico.org/v3',
        'kind: GlobalNetworkPolicy',
        'metadata: {name: Bad}',
        'spec:',
        '  selector: all()',
        '  ingress: [{action: Allow, destination: {ports: [80]}}]',
        '',
      ].join('\n'),
    );
    const r = run(['check', '--format', 'md', file]);
    expect(r.code).toBe(1);
    const lines = r.out.split('\n');
    expect(lines[0]).toBe('# cdk8s-calico check');
    expect(lines).toContain('| Object | Field | Problem | Fix | Rule |');
    expect(lines).toContain('| Severity | Rule | Object | Field | File | Finding | Fix |');
    const portRow = lines.find((l) => l.includes('calico.rule.ports-need-protocol'))!;
    expect(portRow.split(' | ')).toEqual([
      '| GlobalNetworkPolicy/Bad',
      '`spec.ingress[0].destination.ports[0]`',
      'rules with numeric port or port range must set protocol to TCP, UDP or SCTP',
      'use Port.tcp(80) / set protocol: TCP',
      '`calico.rule.ports-need-protocol` |',
    ]);
    // The name rule's message quotes a regex with "|"-free text but backslashes: escaped, so the row keeps 5 cells.
    const nameRow = lines.find((l) => l.includes('calico.name.gnp-dots'))!;
    expect(nameRow.split(/(?<!\\) \| /)).toHaveLength(5);
    expect(
      lines.some((l) =>
        l.startsWith('| warning | `lint.selector-matches-everything` | GlobalNetworkPolicy/Bad | `spec.selector` |'),
      ),
    ).toBe(true);
  });
});

// `cdk8s-calico lint` and `check` report ClusterNetworkPolicy findings from a YAML file: the CLI reads documents
// through its streamed lint path (lib/lint/lint-projection.ts keeps ClusterNetworkPolicies whole), so a shadowed CNP
// rule written in YAML must come out at its file, line and field, with the rule id, and fail the run.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { runCli as run } from '../support/run-cli';

const SHADOWED = [
  'apiVersion: policy.networking.k8s.io/v1alpha2',
  'kind: ClusterNetworkPolicy',
  'metadata:',
  '  name: tenant-isolation',
  'spec:',
  '  tier: Admin',
  '  priority: 10',
  '  subject:',
  '    namespaces: {}',
  '  ingress:',
  '  - name: deny-other-tenants',
  '    action: Deny',
  '    from:',
  '    - namespaces: {}',
  '  - name: allow-monitoring',
  '    action: Accept',
  '    from:',
  '    - namespaces:',
  '        matchLabels: {kubernetes.io/metadata.name: monitoring}',
  '',
].join('\n');

const IN_ORDER = SHADOWED.replace(
  [
    '  - name: deny-other-tenants',
    '    action: Deny',
    '    from:',
    '    - namespaces: {}',
    '  - name: allow-monitoring',
    '    action: Accept',
    '    from:',
    '    - namespaces:',
    '        matchLabels: {kubernetes.io/metadata.name: monitoring}',
  ].join('\n'),
  [
    '  - name: allow-monitoring',
    '    action: Accept',
    '    from:',
    '    - namespaces:',
    '        matchLabels: {kubernetes.io/metadata.name: monitoring}',
    '  - name: deny-other-tenants',
    '    action: Deny',
    '    from:',
    '    - namespaces: {}',
  ].join('\n'),
);

describe('cdk8s-calico lint / check on ClusterNetworkPolicy YAML', () => {
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cnp-lint-cli-'));
    fs.writeFileSync(path.join(dir, 'shadowed.yaml'), SHADOWED);
    fs.writeFileSync(path.join(dir, 'in-order.yaml'), IN_ORDER);
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  for (const command of ['lint', 'check']) {
    test(`${command}: the shadowed Accept is reported at its rule with the shadowing rule named; exit 1`, () => {
      const r = run([command, path.join(dir, 'shadowed.yaml')]);
      expect(r.code).toBe(1);
      const line = r.out.split('\n').find((l) => l.includes('[cnp.shadowed-rule]'));
      expect(line).toBeDefined();
      // The finding points at spec.ingress[1], which starts on line 15 of the file.
      expect(line).toMatch(
        /shadowed\.yaml:15:\d+: (warning|lint:) ClusterNetworkPolicy\/tenant-isolation: spec\.ingress\[1\]: /,
      );
      expect(line).toContain('rule spec.ingress[1] ("allow-monitoring", Accept) can never match');
      expect(line).toContain('spec.ingress[0] ("deny-other-tenants", Deny)');
      expect(line).toContain('fix: move this rule above spec.ingress[0]');
    });

    test(`${command}: the same rules in the right order are not reported (the file is clean: exit 0)`, () => {
      const r = run([command, path.join(dir, 'in-order.yaml')]);
      expect(r.out).not.toContain('[cnp.shadowed-rule]');
      expect(r.code).toBe(0);
    });
  }

  test('lint --format json carries the finding with its rule and severity', () => {
    const r = run(['lint', '--format', 'json', path.join(dir, 'shadowed.yaml')]);
    const parsed = JSON.parse(r.out);
    const f = parsed.findings.find((x: any) => x.rule === 'cnp.shadowed-rule');
    expect(f).toMatchObject({
      severity: 'warning',
      kind: 'ClusterNetworkPolicy',
      name: 'tenant-isolation',
      path: 'spec.ingress[1]',
    });
  });

  test('--disable cnp.shadowed-rule drops it', () => {
    const r = run(['lint', '--disable', 'cnp.shadowed-rule', path.join(dir, 'shadowed.yaml')]);
    expect(r.out).not.toContain('[cnp.shadowed-rule]');
  });
});

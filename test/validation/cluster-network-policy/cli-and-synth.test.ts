// The same ClusterNetworkPolicy checks in the CLI (`cdk8s-calico validate`, `--cnp-channel`) and at `cdk8s synth`
// (a hand-made ApiObject in a chart, validated by addManifestValidation).
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ApiObject, Chart, Testing } from 'cdk8s';
import { runCli as run } from '../../support/run-cli';
import { addManifestValidation } from '../../../lib/validation/synth-validation';
import { policy } from './helpers';

describe('cdk8s-calico validate on ClusterNetworkPolicy files', () => {
  let dir: string;
  let bad: string;
  let nodes: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cnp-cli-'));
    bad = path.join(dir, 'bad.yaml');
    fs.writeFileSync(
      bad,
      [
        'apiVersion: policy.networking.k8s.io/v1alpha2',
        'kind: ClusterNetworkPolicy',
        'metadata:',
        '  name: web-guard',
        'spec:',
        '  tier: Admin',
        '  priority: 10',
        '  subject:',
        '    namespaces: {}',
        '  ingress:',
        '    - name: web',
        '      action: Accept',
        '      from:',
        '        - namespaces: {}',
        '      protocols:',
        '        - destinationNamedPort: web port',
        '',
      ].join('\n'),
    );
    nodes = path.join(dir, 'nodes.yaml');
    fs.writeFileSync(
      nodes,
      [
        'apiVersion: policy.networking.k8s.io/v1alpha2',
        'kind: ClusterNetworkPolicy',
        'metadata: {name: to-nodes}',
        'spec:',
        '  tier: Baseline',
        '  priority: 1',
        '  subject: {namespaces: {}}',
        '  egress:',
        '    - action: Deny',
        '      to: [{nodes: {}}]',
        '',
      ].join('\n'),
    );
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  test('a bad ClusterNetworkPolicy: exit code 1, the file, line and column, the message and its rule id', () => {
    const r = run(['validate', bad]);
    expect(r.code).toBe(1);
    expect(r.out).toContain(
      `${bad}:16:11: ClusterNetworkPolicy/web-guard: spec.ingress[0].protocols[0].destinationNamedPort: expected a port ` +
        'name matching ^[a-zA-Z0-9_.-]{1,128}$ (Calico numorstring.NamedPort), got "web port": Calico drops this Accept ' +
        'ingress rule 0 ("web")',
    );
    expect(r.out).toMatch(/\[cnp\.calico\.named-port\]\n1 object\(s\) in 1 file\(s\): 1 problem\(s\)\n$/);
  });

  test('--cnp-channel: standard by default, experimental on request, anything else is a usage error', () => {
    const standard = run(['validate', nodes]);
    expect(standard.code).toBe(1);
    expect(standard.out).toContain('spec.egress[0].to[0].nodes: unknown field');
    expect(standard.out).toContain('[schema.unknown-field]');
    const experimental = run(['validate', '--cnp-channel', 'experimental', nodes]);
    expect(experimental.code).toBe(1);
    expect(experimental.out).toContain('[cnp.calico.unsupported-peer]');
    expect(experimental.out).not.toContain('unknown field');
    const json = JSON.parse(run(['validate', '--cnp-channel', 'experimental', '--format', 'json', nodes]).out);
    expect(json.problems.map((p: any) => p.rule)).toEqual(['cnp.calico.unsupported-peer']);
    const wrong = run(['validate', '--cnp-channel', 'Experimental', nodes]);
    expect(wrong.code).toBe(2);
    expect(wrong.err).toContain(
      '--cnp-channel: expected standard or experimental, got "Experimental"; fix: write --cnp-channel experimental',
    );
  });

  test('a clean ClusterNetworkPolicy file: exit code 0', () => {
    const good = path.join(dir, 'good.json');
    fs.writeFileSync(good, JSON.stringify(policy()));
    expect(run(['validate', good])).toMatchObject({ code: 0, out: '1 object(s) in 1 file(s): 0 problem(s)\n' });
  });
});

describe('cdk8s synth', () => {
  function cnp(chart: Chart, spec: Record<string, unknown>): ApiObject {
    const doc = policy(spec);
    return new ApiObject(chart, 'Guard', {
      apiVersion: doc.apiVersion,
      kind: doc.kind,
      metadata: doc.metadata,
      spec: doc.spec,
    });
  }

  test('a hand-made ClusterNetworkPolicy ApiObject is validated with the construct path, field and fix', () => {
    const chart = new Chart(Testing.app(), 'cluster');
    addManifestValidation(chart);
    cnp(chart, { priority: 1001, egress: [{ action: 'Deny', to: [{ networks: ['10.0.0.0'] }] }] });
    let message = '';
    try {
      Testing.synth(chart);
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toContain(
      '[cluster] ClusterNetworkPolicy/guard spec.priority: Invalid value: 1001: should be less than or equal to 1000; fix:',
    );
    expect(message).toContain(
      '[cluster] ClusterNetworkPolicy/guard spec.egress[0].to[0].networks[0]: Invalid CIDR format provided; fix: write an IPv4 or IPv6 CIDR',
    );
  });

  test('a valid one synthesizes (and validates in every Testing.synth)', () => {
    const chart = new Chart(Testing.app(), 'cluster');
    addManifestValidation(chart);
    cnp(chart, { egress: [{ action: 'Deny', to: [{ networks: ['10.0.0.0/8'] }] }] });
    const [doc] = Testing.synth(chart);
    expect(doc).toMatchObject({
      kind: 'ClusterNetworkPolicy',
      spec: { egress: [{ to: [{ networks: ['10.0.0.0/8'] }] }] },
    });
  });
});

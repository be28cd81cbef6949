// The plugin in a plain `cdk8s synth` of cdk8s-cli (node_modules/.bin/cdk8s), loaded from the installed package as
// cdk8s.yaml names it: a good app passes; an app whose JSON patch breaks a Calico rule (which the constructs' own
// synth-time checks cannot see: they validate what they render, before patches) fails, and cdk8s's report names
// the construct path of the patched object. The broken rule is Calico's "IPPools must not overlap": the patched
// pool is valid on its own, and the IpPool construct compares the CIDRs it was given, so only the manifest-level
// validation the plugin runs sees it.
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { installedApp, InstalledApp } from './installed-package';

const CDK8S = path.resolve(__dirname, '..', '..', 'node_modules', '.bin', 'cdk8s');

let env: InstalledApp;
beforeAll(() => {
  env = installedApp();
});
afterAll(() => env?.dispose());

/**
 * An app whose chart `nodes` holds a valid SSH policy and two IPPools, then runs `extra` (JavaScript, `poolB` in
 * scope).
 */
function writeApp(extra: string, properties = ''): void {
  fs.writeFileSync(
    path.join(env.app, 'main.js'),
    `
    const { ApiObject, App, Chart, JsonPatch } = require('cdk8s');
    const kplus = require('cdk8s-plus-33');
    const { GlobalNetworkPolicy, IpPool, Peer, Port, Selector } = require('cdk8s-calico');
    const app = new App();
    const chart = new Chart(app, 'nodes');
    const policy = new GlobalNetworkPolicy(chart, 'AllowSsh', { name: 'allow-ssh', selector: Selector.has('kubernetes-host'), order: 10 });
    policy.allowIngress(Peer.nets('10.0.0.0/8'), Port.tcp(22));
    new IpPool(chart, 'PoolA', { name: 'pool-a', cidr: '192.168.0.0/16' });
    const poolB = new IpPool(chart, 'PoolB', { name: 'pool-b', cidr: '10.10.0.0/16' });
    ${extra}
    app.synth();
  `,
  );
  fs.writeFileSync(
    path.join(env.app, 'cdk8s.yaml'),
    [
      'language: typescript',
      'app: node main.js',
      'validations:',
      '  - package: ./node_modules/cdk8s-calico',
      `    version: ${env.version}`,
      '    class: CalicoValidation',
      ...(properties ? [`    properties: ${properties}`] : []),
      '',
    ].join('\n'),
  );
}

function synth(): { status: number | null; out: string; report: any } {
  const reportFile = path.join(env.app, 'report.json');
  fs.rmSync(reportFile, { force: true });
  fs.rmSync(path.join(env.app, 'dist'), { recursive: true, force: true });
  const childEnv = { ...process.env };
  delete childEnv.CALICO_CRDS_DIR; // the package's vendored CRDs
  const r = spawnSync(CDK8S, ['synth', '--validation-reports-output-file', reportFile], {
    cwd: env.app,
    encoding: 'utf8',
    env: childEnv,
  });
  const report = fs.existsSync(reportFile) ? JSON.parse(fs.readFileSync(reportFile, 'utf8')).reports[0] : undefined;
  return { status: r.status, out: `${r.stdout}\n${r.stderr}`, report };
}

test("a good app synthesizes, and the plugin reports success in cdk8s's report", () => {
  writeApp(`new kplus.Deployment(chart, 'Web', { containers: [{ image: 'nginx', portNumber: 8080 }] });`);
  const r = synth();
  expect(r.out).toContain('Validations ended succesfully');
  expect(r.status).toBe(0);
  expect(r.report.summary).toMatchObject({ status: 'success', plugin: expect.stringContaining('cdk8s-calico') });
  expect(r.report.violations.filter((v: any) => !/\((info)\)$/.test(v.ruleName))).toEqual([]);
  expect(Number(r.report.summary.metadata.Objects)).toBe(4); // the policy, two pools, the Deployment
});

test('a JSON patch that breaks a Calico rule fails cdk8s synth, naming the construct path', () => {
  writeApp(`ApiObject.of(poolB).addJsonPatch(JsonPatch.replace('/spec/cidr', '192.168.128.0/17'));`);
  const r = synth();
  if (r.status !== 2) console.log(r.out);
  expect(r.status).toBe(2);
  expect(r.out).toContain('Validation failed');
  expect(r.report.summary.status).toBe('failure');
  const overlap = r.report.violations.find((v: any) => v.ruleName === 'calico.ippool.overlap');
  expect(overlap.recommendation).toMatch(/^IPPool pool-b: spec\.cidr: .*192\.168\.128\.0\/17.*overlaps/);
  expect(overlap.violatingConstructs).toEqual([
    expect.objectContaining({
      resourceName: 'pool-b',
      constructPath: expect.stringMatching(/^nodes\/PoolB/),
      locations: ['spec.cidr'],
      manifestPath: expect.stringMatching(/nodes\.k8s\.yaml$/),
    }),
  ]);
  expect(r.out).toMatch(/Construct Path: nodes\/PoolB/);
});

test('bad plugin properties in cdk8s.yaml fail with the property and the fix', () => {
  writeApp('', '{ failOn: fatal }');
  const r = synth();
  expect(r.status).not.toBe(0);
  expect(r.out).toMatch(/\[CalicoValidation\] properties\.failOn: .*"fatal"/);
});

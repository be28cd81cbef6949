// CalicoValidation against a stand-in for cdk8s-cli's ValidationContext: what fails the report (a validation
// problem always; a lint finding at `failOn` or worse), what each violation carries (the object's name, which
// cdk8s-cli turns into its construct path, the field, the manifest file), and unreadable manifests.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { CalicoValidation, IPluginContext, PluginViolation } from '../../lib/plugin';

const PREDNAT_ALLOW_ONLY = `apiVersion: projectcalico.org/v3
kind: GlobalNetworkPolicy
metadata: { name: fence }
spec:
  selector: has(kubernetes-host)
  preDNAT: true
  applyOnForward: true
  types: [Ingress]
  ingress: [{ action: Allow, protocol: TCP, source: { nets: [50.60.0.0/16] }, destination: { ports: [443] } }]
`;
const BAD_PORT = `apiVersion: projectcalico.org/v3
kind: GlobalNetworkPolicy
metadata: { name: web }
spec:
  selector: all()
  ingress: [{ action: Allow, destination: { ports: [80] } }]
`;

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'calico-validation-'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function write(name: string, text: string): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, text);
  return file;
}

interface Submitted {
  status?: string;
  violations: PluginViolation[];
  summary?: { [k: string]: string };
}

async function run(props: object, ...manifests: string[]): Promise<Submitted> {
  const out: Submitted = { violations: [] };
  const context: IPluginContext = {
    manifests,
    report: {
      addViolation: (v) => out.violations.push(v),
      submit: (status, metadata) => {
        out.status = status;
        out.summary = metadata;
      },
    },
  };
  await new CalicoValidation(props).validate(context);
  return out;
}

test('a Calico rule broken in a manifest fails, naming the object, the field, the rule and the file', async () => {
  const ok = write('ok.k8s.yaml', 'apiVersion: v1\nkind: Namespace\nmetadata: { name: shop }\n');
  const bad = write('bad.k8s.yaml', BAD_PORT);
  const r = await run({}, ok, bad);
  expect(r.status).toBe('failure');
  const v = r.violations.find((x) => x.ruleName.startsWith('calico.'))!;
  expect(v.recommendation).toMatch(/^GlobalNetworkPolicy web: spec\.ingress\[0\]\.destination\.ports\[0\]: .*protocol/);
  expect(v.fix).not.toBe('');
  expect(v.violatingResources).toEqual([
    { resourceName: 'web', locations: ['spec.ingress[0].destination.ports[0]'], manifestPath: bad },
  ]);
  expect(r.summary).toMatchObject({ 'Objects': '2' });
});

test('a lint warning fails at the default failOn (warning), is only reported at failOn: error, and is gone when disabled', async () => {
  const file = write('fence.k8s.yaml', PREDNAT_ALLOW_ONLY);
  const byDefault = await run({}, file);
  expect(byDefault.status).toBe('failure');
  expect(byDefault.violations.map((v) => v.ruleName)).toContain('lint.prednat-without-deny (warning)');
  const lenient = await run({ failOn: 'error' }, file);
  expect(lenient.status).toBe('success');
  expect(lenient.violations.map((v) => v.ruleName)).toContain('lint.prednat-without-deny (warning)');
  const disabled = await run({ disable: ['lint.prednat-without-deny'] }, file);
  expect(disabled.violations.map((v) => v.ruleName)).not.toContain('lint.prednat-without-deny (warning)');
  expect(disabled.status).toBe('success');
  const noLint = await run({ lint: false }, file);
  expect(noLint.violations).toEqual([]);
  expect(noLint.summary!['Lint findings']).toBe('off');
});

test('a manifest that is not YAML is a failed report naming the file, not a crash', async () => {
  const file = write('broken.k8s.yaml', 'kind: [unclosed\n');
  const r = await run({}, file);
  expect(r.status).toBe('failure');
  expect(r.violations[0].recommendation).toContain(file);
});

const HOST_DENY_ALL = `apiVersion: projectcalico.org/v3
kind: HostEndpoint
metadata: { name: node-1-eth0, labels: { host: "true" } }
spec: { node: node-1, interfaceName: eth0, expectedIPs: [10.0.0.1] }
---
apiVersion: projectcalico.org/v3
kind: HostEndpoint
metadata: { name: node-2-eth0, labels: { host: "true" } }
spec: { node: node-2, interfaceName: eth0, expectedIPs: [10.0.0.2] }
---
apiVersion: projectcalico.org/v3
kind: GlobalNetworkPolicy
metadata: { name: deny-all-hosts }
spec:
  selector: has(host)
  types: [Ingress, Egress]
  ingress: [{ action: Deny }]
  egress: [{ action: Deny }]
`;

test('the lockout proof runs in the plugin: a host deny-all fails even with lint off, naming the blocking policy, once', async () => {
  const file = write('hosts.k8s.yaml', HOST_DENY_ALL);
  const r = await run({ lint: false }, file);
  expect(r.status).toBe('failure');
  const lockout = r.violations.filter((v) => v.ruleName === 'lint.node-access-blocked');
  expect(lockout.length).toBeGreaterThan(0);
  expect(lockout[0].violatingResources[0]).toMatchObject({ resourceName: 'deny-all-hosts', manifestPath: file });
  expect(Number(r.summary!['Lockout findings'])).toBe(lockout.length);
  // With lint on, the proof is not reported a second time under lint.
  const both = await run({}, file);
  expect(both.violations.filter((v) => v.ruleName.startsWith('lint.node-access-blocked'))).toHaveLength(lockout.length);
  expect((await run({ lockout: false, lint: false }, file)).status).toBe('success');
});

test('clusterNetworkPolicyChannel: a nodes peer is an unknown field on the standard channel, a Calico fail-closed error on the experimental one', async () => {
  const file = write(
    'cnp.k8s.yaml',
    `apiVersion: policy.networking.k8s.io/v1alpha2
kind: ClusterNetworkPolicy
metadata: { name: to-nodes }
spec:
  tier: Admin
  priority: 10
  subject: { namespaces: {} }
  egress: [{ action: Accept, to: [{ nodes: { matchLabels: { role: worker } } }] }]
`,
  );
  const standard = await run({ lint: false, lockout: false }, file);
  const experimental = await run({ lint: false, lockout: false, clusterNetworkPolicyChannel: 'experimental' }, file);
  expect(standard.status).toBe('failure');
  expect(experimental.status).toBe('failure');
  const rules = (r: Submitted) => r.violations.map((v) => v.ruleName);
  expect(rules(experimental)).toContain('cnp.calico.unsupported-peer');
  expect(rules(standard)).not.toContain('cnp.calico.unsupported-peer');
});

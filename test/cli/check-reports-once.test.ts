// `check` runs validation and lint over the same objects: a thing both report on the same field (a named port
// Calico fails closed: validation's cnp.calico.named-port, lint's cnp.fails-closed) is reported once, by
// validation; `lint` alone still reports it.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { runCli as run } from '../support/run-cli';

const BAD_NAMED_PORT = `apiVersion: policy.networking.k8s.io/v1alpha2
kind: ClusterNetworkPolicy
metadata: { name: bad-port }
spec:
  tier: Admin
  priority: 10
  subject: { namespaces: {} }
  ingress:
  - action: Deny
    from: [{ namespaces: {} }]
    protocols: [{ destinationNamedPort: "web port" }]
`;

let dir: string;
let file: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'check-once-'));
  file = path.join(dir, 'cnp.yaml');
  fs.writeFileSync(file, BAD_NAMED_PORT);
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

test('check reports the fail-closed named port once, as the validation error', () => {
  const r = run(['check', '--format', 'json', file]);
  expect(r.code).toBe(1);
  const out = JSON.parse(r.out);
  expect(out.problems.map((p: any) => p.rule)).toEqual(['cnp.calico.named-port']);
  expect(out.lint.map((f: any) => f.rule)).not.toContain('cnp.fails-closed');
});

test('lint alone still reports it', () => {
  const r = run(['lint', '--format', 'json', file]);
  expect(r.code).toBe(1);
  expect(JSON.stringify(JSON.parse(r.out))).toContain('cnp.fails-closed');
});

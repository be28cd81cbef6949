// imports/ is generated from the Calico v3 CRDs and the ClusterNetworkPolicy CRD; regenerating it must not change a
// byte (CI fails otherwise).
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

const root = path.resolve(__dirname, '..', '..');

test('npm run import reproduces the committed imports/ exactly', () => {
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'imports-'));
  try {
    execFileSync(process.execPath, [path.join(root, 'scripts', 'import-crds.js'), out], { cwd: root, stdio: 'pipe' });
    const generated = fs.readdirSync(out).sort();
    const committed = fs.readdirSync(path.join(root, 'imports')).sort();
    expect(generated).toEqual(committed);
    // The Calico v3 kinds and the standard-channel ClusterNetworkPolicy, each in its own file.
    expect(generated).toEqual(expect.arrayContaining(['calico-projectcalico.org.ts', 'policy.networking.k8s.io.ts']));
    for (const f of generated) {
      const a = fs.readFileSync(path.join(out, f), 'utf8');
      const b = fs.readFileSync(path.join(root, 'imports', f), 'utf8');
      expect({ file: f, same: a === b }).toEqual({ file: f, same: true });
    }
  } finally {
    fs.rmSync(out, { recursive: true, force: true });
  }
});

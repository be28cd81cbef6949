// `npm run synth` (the README's main job) really writes every example's manifests, from the compiled JS.
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

const root = path.resolve(__dirname, '..', '..');

test('the synth script synthesizes every example into <dist>/<example>/', () => {
  const dist = fs.mkdtempSync(path.join(os.tmpdir(), 'synth-'));
  // Its own build folder, so it never races the package test's `npm run build`.
  const build = fs.mkdtempSync(path.join(root, '.build-test-'));
  try {
    const out = execFileSync(process.execPath, [path.join(root, 'scripts', 'synth-examples.js')], {
      cwd: root,
      encoding: 'utf8',
      env: { ...process.env, SYNTH_DIST_DIR: dist, SYNTH_BUILD_DIR: build },
    });
    const examples = fs
      .readdirSync(path.join(root, 'examples'))
      .filter((d) => fs.existsSync(path.join(root, 'examples', d, 'main.ts')))
      .sort();
    expect(fs.readdirSync(dist).sort()).toEqual(examples);
    for (const name of examples) {
      const files = fs.readdirSync(path.join(dist, name)).filter((f) => f.endsWith('.k8s.yaml'));
      expect({ name, files: files.length > 0 }).toEqual({ name, files: true });
      expect(out).toContain(`synth ${name}:`);
    }
  } finally {
    fs.rmSync(build, { recursive: true, force: true });
    fs.rmSync(dist, { recursive: true, force: true });
  }
});

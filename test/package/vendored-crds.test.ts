// The vendored CRDs (crds/) are the upstream files crds/README.md names: each one's sha256 is recorded in
// crds/SHA256SUMS (written by scripts/refresh-crds.js), and nothing is there that the record does not list.
import * as crypto from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { loadCalicoCrds, resolveCrdsDir } from '../../lib/validation';

const crds = path.resolve(__dirname, '..', '..', 'crds');

function yamlFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    return e.isDirectory() ? yamlFiles(full) : e.name.endsWith('.yaml') ? [full] : [];
  });
}

test('every vendored CRD matches the recorded sha256, and every file is recorded', () => {
  const recorded = new Map(
    fs
      .readFileSync(path.join(crds, 'SHA256SUMS'), 'utf8')
      .trim()
      .split('\n')
      .map((line) => {
        const [sum, file] = line.split(/\s+/);
        return [path.resolve(crds, file), sum] as const;
      }),
  );
  const files = yamlFiles(crds).sort();
  expect(files.length).toBe(24);
  expect([...recorded.keys()].sort()).toEqual(files);
  for (const file of files) {
    expect(
      `${path.relative(crds, file)} ${crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex')}`,
    ).toBe(`${path.relative(crds, file)} ${recorded.get(file)}`);
  }
});

test('the vendored Calico CRDs are the default, with a license and provenance beside them', () => {
  const saved = process.env.CALICO_CRDS_DIR;
  delete process.env.CALICO_CRDS_DIR;
  try {
    expect(resolveCrdsDir()).toBe(path.join(crds, 'calico', 'v3'));
    expect(loadCalicoCrds().map((c: any) => c.spec.names.kind)).toContain('GlobalNetworkPolicy');
  } finally {
    if (saved !== undefined) process.env.CALICO_CRDS_DIR = saved;
  }
  for (const f of ['LICENSE', 'NOTICE', 'README.md']) expect(fs.existsSync(path.join(crds, f))).toBe(true);
  expect(fs.readFileSync(path.join(crds, 'README.md'), 'utf8')).toMatch(
    /v3\.32\.1.*0ca9d1b93644778cafdf1812f3dda02ac0c361e8/,
  );
});

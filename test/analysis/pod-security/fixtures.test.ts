// Upstream table test: the pod-security-admission fixtures (kubernetes/kubernetes
// staging/src/k8s.io/pod-security-admission/test/testdata/{level}/v1.N/{pass,fail}/*.yaml, see fixtures/README.md).
// Upstream's own test (test/fixtures_test.go + run.go) asserts the same: pass fixtures are allowed at their level and
// version, fail fixtures are refused with their check among the reasons.
import * as fs from 'fs';
import * as path from 'path';
import { parse } from 'yaml';
import { checkPodSecurity, podSecurityCheckCatalog } from '../../../lib/analysis/pod-security';

const ROOT = path.join(__dirname, 'fixtures');
const CATALOG = podSecurityCheckCatalog();

interface Fixture {
  readonly file: string;
  readonly level: 'baseline' | 'restricted';
  readonly version: string;
  readonly minor: number;
  readonly expect: 'pass' | 'fail';
  /** The check the file name tells, undefined for `base*.yaml`. */
  readonly check?: string;
  readonly pod: unknown;
}

/** File-name aliases: the name procMount fixtures had while the v1.35 change was in review. */
const ALIASES: Record<string, string> = { procmount_baseline: 'procMount' };

function checkOfFile(name: string): string | undefined {
  const stem = name.replace(/\d*\.yaml$/, '');
  if (stem.startsWith('base')) return undefined;
  const id = ALIASES[stem] ?? CATALOG.find((c) => c.id.toLowerCase() === stem)?.id;
  if (!id) throw new Error(`fixture ${name}: no check is named ${stem}`);
  return id;
}

function loadFixtures(): Fixture[] {
  const out: Fixture[] = [];
  for (const level of ['baseline', 'restricted'] as const) {
    for (const version of fs.readdirSync(path.join(ROOT, level))) {
      for (const expect of ['pass', 'fail'] as const) {
        const dir = path.join(ROOT, level, version, expect);
        if (!fs.existsSync(dir)) continue;
        for (const name of fs.readdirSync(dir).sort()) {
          out.push({
            file: `${level}/${version}/${expect}/${name}`,
            level,
            version,
            minor: Number(version.slice(3)),
            expect,
            check: checkOfFile(name),
            pod: parse(fs.readFileSync(path.join(dir, name), 'utf8')),
          });
        }
      }
    }
  }
  return out;
}

/** At restricted, a baseline check's fixture fails under the restricted check that overrides it there. */
function expectedCheck(f: Fixture): string | undefined {
  if (!f.check || f.level !== 'restricted') return f.check;
  const overriding = CATALOG.find((c) => c.overrides === f.check && Number(c.minimumVersions[0].slice(3)) <= f.minor);
  return overriding?.id ?? f.check;
}

const FIXTURES = loadFixtures();

test('the vendored set is the one the README lists', () => {
  const listed = fs
    .readFileSync(path.join(ROOT, 'README.md'), 'utf8')
    .split('\n')
    .map((l) => /^\| ((?:baseline|restricted)\/\S+\.yaml) \| [0-9a-f]{40} \|$/.exec(l)?.[1])
    .filter((f): f is string => f !== undefined);
  expect(listed.sort()).toEqual(FIXTURES.map((f) => f.file).sort());
  expect(FIXTURES.length).toBeGreaterThanOrEqual(70);
});

describe.each(FIXTURES.filter((f) => f.expect === 'fail').map((f) => [f.file, f] as const))(
  'fail fixture %s',
  (_file, f) => {
    test(`is refused at ${f.level}:${f.version} by ${expectedCheck(f) ?? 'some check'}`, () => {
      const r = checkPodSecurity(f.pod, f.level, { version: f.version });
      expect(r.allowed).toBe(false);
      const want = expectedCheck(f);
      if (want) expect(r.violations.map((v) => v.check)).toContain(want);
      for (const v of r.violations) expect(v.fieldPath).toMatch(/^(spec|metadata)\./);
    });
  },
);

describe.each(FIXTURES.filter((f) => f.expect === 'pass').map((f) => [f.file, f] as const))(
  'pass fixture %s',
  (_file, f) => {
    test(`is allowed at ${f.level}:${f.version}`, () => {
      const r = checkPodSecurity(f.pod, f.level, { version: f.version });
      expect(r.violations).toEqual([]);
      expect(r.allowed).toBe(true);
    });
  },
);

describe('coverage of the vendored set', () => {
  // Upstream has no pass generator for these: the minimal valid pod is their pass case.
  const PASS_BY_BASE = new Set(['allowPrivilegeEscalation', 'windowsHostProcess', 'hostPathVolumes']);

  test.each(CATALOG.map((c) => [c.id, c] as const))('%s has a fail fixture and a pass fixture', (id, c) => {
    expect(FIXTURES.some((f) => f.expect === 'fail' && f.check === id)).toBe(true);
    const named = FIXTURES.some((f) => f.expect === 'pass' && f.check === id);
    const base =
      PASS_BY_BASE.has(id) &&
      FIXTURES.some(
        (f) => f.expect === 'pass' && f.check === undefined && (c.level === 'baseline' || f.level === 'restricted'),
      );
    expect(named || base).toBe(true);
  });

  test('fixtures span the version boundaries and the newest policy version', () => {
    const versions = new Set(FIXTURES.map((f) => `${f.level}/${f.version}`));
    for (const v of [
      'restricted/v1.22',
      'restricted/v1.23',
      'restricted/v1.25',
      'restricted/v1.35',
      'restricted/v1.37',
      'baseline/v1.34',
      'baseline/v1.35',
    ]) {
      expect(versions).toContain(v);
    }
  });
});

// Finding and loading the projectcalico.org/v3 CRDs.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { loadCalicoCrds, resolveCrdsDir, validateManifests } from '../../../lib/validation';
import { crdsDir, withoutFix } from './helpers';

describe('resolveCrdsDir', () => {
  const saved = process.env.CALICO_CRDS_DIR;
  afterEach(() => {
    if (saved === undefined) {
      delete process.env.CALICO_CRDS_DIR;
    } else {
      process.env.CALICO_CRDS_DIR = saved;
    }
  });

  test('defaults to the vendored crds/calico/v3 of the package root', () => {
    delete process.env.CALICO_CRDS_DIR;
    const root = path.resolve(__dirname, '..', '..', '..');
    expect(JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')).name).toBe('cdk8s-calico');
    const expected = path.resolve(root, 'crds', 'calico', 'v3');
    expect(resolveCrdsDir()).toBe(fs.existsSync(expected) ? expected : undefined);
  });

  test('CALICO_CRDS_DIR overrides the default', () => {
    process.env.CALICO_CRDS_DIR = '/some/where/else';
    expect(resolveCrdsDir()).toBe(path.resolve('/some/where/else'));
  });
});

describe('loadCalicoCrds', () => {
  test('loads the 22 projectcalico.org CRDs, v3 served, once per directory', () => {
    const crds = loadCalicoCrds(crdsDir());
    expect(crds).toHaveLength(22);
    for (const crd of crds) {
      expect(crd.kind).toBe('CustomResourceDefinition');
      expect(crd.spec.group).toBe('projectcalico.org');
      expect(crd.spec.versions.some((v: any) => v.name === 'v3' && v.served)).toBe(true);
    }
    expect(crds.map((c: any) => c.spec.names.kind)).toContain('GlobalNetworkPolicy');
    expect(loadCalicoCrds(crdsDir())).toBe(crds);
    expect(Object.isFrozen(crds[0].spec)).toBe(true);
  });

  test('keeps only projectcalico.org CRDs from parsed documents, expanding Lists', () => {
    const all = loadCalicoCrds(crdsDir());
    const other = {
      apiVersion: 'apiextensions.k8s.io/v1',
      kind: 'CustomResourceDefinition',
      spec: { group: 'example.com' },
    };
    const picked = loadCalicoCrds([other, null, { kind: 'List', items: [all[0], all[1]] }, { kind: 'Namespace' }]);
    expect(picked).toEqual([all[0], all[1]]);
  });

  test('a directory is read in file-name order, YAML and JSON', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'calico-crds-'));
    try {
      const tier = loadCalicoCrds(crdsDir()).find((c: any) => c.spec.names.kind === 'Tier');
      fs.writeFileSync(path.join(dir, 'b-tier.json'), JSON.stringify(tier));
      fs.writeFileSync(path.join(dir, 'a-readme.txt'), 'not a CRD');
      fs.writeFileSync(path.join(dir, 'a-other.yaml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n');
      expect(loadCalicoCrds(dir).map((c: any) => c.spec.names.kind)).toEqual(['Tier']);
      // and validateManifests can use it
      const tierDoc = {
        apiVersion: 'projectcalico.org/v3',
        kind: 'Tier',
        metadata: { name: 'kube-admin' },
        spec: { order: 1000 },
      };
      expect(
        validateManifests([tierDoc], { crds: dir })
          .filter((p) => p.rule === 'cel')
          .map((p) => withoutFix(p.message)),
      ).toEqual(["The 'kube-admin' tier must have default action 'Pass'"]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test('a missing directory is an error', () => {
    expect(() => loadCalicoCrds('/nonexistent/calico-crds')).toThrow(/does not exist/);
  });
});

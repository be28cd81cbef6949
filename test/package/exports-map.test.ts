// The package's entry points, checked from the sources (fast; pack-install.test.ts checks them in an installed app):
// each `exports` subpath has its source module, `typesVersions` gives node10 resolution the same typings, the
// `files` list ships them, and `cdk8s-calico/testing` holds every matcher, usable through `expect.extend`.
import * as fs from 'fs';
import * as ts from 'typescript';
import * as path from 'path';
import { App, Chart } from 'cdk8s';
import { GlobalNetworkPolicy, Peer, Port, Selector } from '../../lib';
import * as root from '../../lib';
import { accessMatchers, calicoMatchers, matchers, podSecurityMatchers } from '../../lib/testing';
import * as vitestEntry from '../../lib/testing/vitest';

const rootDir = path.resolve(__dirname, '..', '..');
const pkg = JSON.parse(fs.readFileSync(path.join(rootDir, 'package.json'), 'utf8'));
const entries = Object.entries(pkg.exports as { [subpath: string]: string | { types: string; default: string } });

describe('exports map', () => {
  const moduleEntries = entries.filter(([, t]) => typeof t !== 'string');
  test.each(moduleEntries)('%s points at a compiled source module and its typings', (subpath, target) => {
    const t = target as { types: string; default: string };
    expect(Object.keys(t)).toEqual(['types', 'default']); // `types` first: TypeScript takes the first matching condition
    const source = t.default.replace(/^\.\/build\//, '').replace(/\.js$/, '.ts');
    expect(fs.existsSync(path.join(rootDir, source))).toBe(true);
    expect(t.types).toBe(t.default.replace(/\.js$/, '.d.ts'));
    // node10 resolution ignores `exports`: typesVersions must give the same typings for every subpath.
    if (subpath !== '.') expect(pkg.typesVersions['*'][subpath.slice(2)]).toEqual([t.types.slice(2)]);
  });

  test('the root keeps main and types for resolvers that predate exports, and typesVersions lists no other subpath', () => {
    expect(pkg.exports['.']).toEqual({ types: `./${pkg.types}`, default: `./${pkg.main}` });
    const subpaths = moduleEntries
      .map(([s]) => s)
      .filter((s) => s !== '.')
      .map((s) => s.slice(2));
    expect(Object.keys(pkg.typesVersions['*']).sort()).toEqual(subpaths.sort());
  });

  test('files ships what the exports point at, the bin and the legal files', () => {
    const shipped = [
      'bin/cdk8s-calico',
      'build/lib/**/*.js',
      'build/lib/**/*.d.ts',
      'crds/**',
      'LICENSE',
      'NOTICE',
      'CHANGELOG.md',
    ];
    expect(pkg.files).toEqual(expect.arrayContaining(shipped));
    for (const f of ['LICENSE', 'NOTICE', 'CHANGELOG.md']) expect(fs.existsSync(path.join(rootDir, f))).toBe(true);
    expect(pkg.scripts.prepack).toBe('npm run build');
  });
});

describe('the root keeps what it exported', () => {
  test('every name of the 0.1.0 baseline is still exported from lib/index.ts and survives stripInternal', () => {
    const baseline: string[] = JSON.parse(
      fs.readFileSync(path.join(__dirname, 'root-exports.baseline.json'), 'utf8'),
    ).names;
    const index = path.join(rootDir, 'lib', 'index.ts');
    const program = ts.createProgram([index], { skipLibCheck: true, types: [], noEmit: true });
    const checker = program.getTypeChecker();
    const exported = checker.getExportsOfModule(checker.getSymbolAtLocation(program.getSourceFile(index)!)!);
    // A declaration whose TSDoc says @internal is left out of the published .d.ts (stripInternal in
    // tsconfig.build.json).
    const isInternal = (s: ts.Symbol) => {
      const target = s.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(s) : s;
      return (target.declarations ?? []).some((d) => ts.getJSDocTags(d).some((t) => t.tagName.text === 'internal'));
    };
    const published = new Set(exported.filter((s) => !isInternal(s)).map((s) => s.name));
    expect(baseline.length).toBeGreaterThan(300);
    expect(baseline.filter((name) => !published.has(name))).toEqual([]);
  });
});

describe('cdk8s-calico/testing', () => {
  test('matchers holds every matcher of the three sets, the same functions the root exports', () => {
    const names = [calicoMatchers, accessMatchers, podSecurityMatchers].flatMap((set) => Object.keys(set));
    expect(Object.keys(matchers).sort()).toEqual([...new Set(names)].sort());
    expect(names).toEqual(
      expect.arrayContaining(['toAllowTraffic', 'toDenyTraffic', 'toForbid', 'toPassPodSecurity', 'toPermit']),
    );
    for (const set of [calicoMatchers, accessMatchers, podSecurityMatchers]) {
      for (const [name, fn] of Object.entries(set)) expect(matchers[name as keyof typeof matchers]).toBe(fn);
    }
    expect(root.calicoMatchers).toBe(calicoMatchers);
    expect(root.accessMatchers).toBe(accessMatchers);
    expect(root.podSecurityMatchers).toBe(podSecurityMatchers);
    expect(vitestEntry.matchers).toBe(matchers);
  });

  test('expect.extend(matchers) registers them on jest, typed through the global jest.Matchers', () => {
    expect.extend(matchers);
    const chart = new Chart(new App(), 'policies');
    new GlobalNetworkPolicy(chart, 'Web', { selector: Selector.all(), order: 10 }).allowIngress(
      Peer.nets('10.1.0.0/16'),
      Port.tcp(80),
    );
    const pod = (name: string, ip: string) => ({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name, namespace: 'shop' },
      status: { podIP: ip },
    });
    const cluster = [
      { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'shop' } },
      pod('web', '10.1.0.1'),
      pod('db', '10.1.0.2'),
    ];
    expect(chart).toAllowTraffic({ from: 'shop/web', to: 'shop/db', port: 80 }, { cluster });
    expect(chart).toDenyTraffic({ from: 'shop/web', to: 'shop/db', port: 5432 }, { cluster });
    // A wrong expectation fails with the verdict and its trace.
    expect(() => expect(chart).toAllowTraffic({ from: 'shop/web', to: 'shop/db', port: 5432 }, { cluster })).toThrow(
      /expected shop\/web -> shop\/db port 5432\/TCP to be allowed, but it is denied\n {2}reason: /,
    );
  });
});

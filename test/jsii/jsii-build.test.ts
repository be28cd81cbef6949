// The construct package as other languages see it (issue 16, ARCHITECTURE.md "jsii"): runs the whole offline jsii
// build (scripts/jsii-build.js: jsii compile, jsii-pacmak --code-only for Python, Java, .NET and Go, jsii-docgen)
// into its own folder, then reads the `.jsii` assembly and the generated sources. About 15-25 s.
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';

const root = path.resolve(__dirname, '..', '..');
const work = path.join(root, 'build', 'jsii-test');
const stage = path.join(work, 'stage');
const dist = path.join(work, 'dist');
const PKG = '@cdk8s-calico/constructs';

interface JsiiTypeRef {
  readonly fqn?: string;
  readonly primitive?: string;
  readonly collection?: { readonly kind: string; readonly elementtype: JsiiTypeRef };
}
interface JsiiProperty {
  readonly name: string;
  readonly type: JsiiTypeRef;
  readonly optional?: boolean;
}
interface JsiiType {
  readonly kind: 'class' | 'interface' | 'enum';
  readonly datatype?: boolean;
  readonly base?: string;
  readonly properties?: JsiiProperty[];
  readonly members?: Array<{ readonly name: string }>;
  readonly initializer?: { readonly parameters?: Array<{ readonly name: string; readonly type: JsiiTypeRef }> };
  readonly locationInModule?: { readonly filename: string };
}

let build: { status: number | null; output: string };
let types: Record<string, JsiiType>;

beforeAll(() => {
  fs.rmSync(work, { recursive: true, force: true });
  const r = spawnSync(
    process.execPath,
    [path.join(root, 'scripts', 'jsii-build.js'), '--stage', stage, '--out', dist, '--check-api'],
    { cwd: root, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
  );
  build = { status: r.status, output: `${r.stdout}\n${r.stderr}` };
  const assembly = path.join(stage, '.jsii');
  types = fs.existsSync(assembly) ? JSON.parse(fs.readFileSync(assembly, 'utf8')).types : {};
});

const type = (name: string): JsiiType => {
  const t = types[`${PKG}.${name}`];
  if (!t) throw new Error(`${name} is not in the assembly`);
  return t;
};
const prop = (t: JsiiType, name: string) => t.properties?.find((p) => p.name === name);
const ancestors = (t: JsiiType): string[] => {
  const out: string[] = [];
  for (let base = t.base; base; base = types[base]?.base) out.push(base);
  return out;
};

test('the build compiles with 0 jsii errors, generates 4 languages and finds API.md current', () => {
  expect({ status: build.status, tail: build.output.slice(-2000) }).toEqual({ status: 0, tail: expect.any(String) });
  expect(build.output).toMatch(/API\.md is current/);
});

test('SecuredNodePool is a construct class taking its props struct, sshFrom a list of strings', () => {
  const pool = type('SecuredNodePool');
  expect(pool.kind).toBe('class');
  expect(ancestors(pool)).toContain('constructs.Construct');
  expect(pool.initializer?.parameters?.map((p) => [p.name, p.type.fqn ?? p.type.primitive])).toEqual([
    ['scope', 'constructs.Construct'],
    ['id', 'string'],
    ['props', `${PKG}.SecuredNodePoolProps`],
  ]);
  const props = type('SecuredNodePoolProps');
  expect(props).toMatchObject({ kind: 'interface', datatype: true });
  expect(prop(props, 'inventory')?.type.fqn).toBe(`${PKG}.NodeInventory`);
  expect(prop(props, 'baseline')?.type.fqn).toBe(`${PKG}.NodeBaselineProps`);
  expect(prop(props, 'defaultIngress')?.type.fqn).toBe(`${PKG}.NodeTrafficDefault`);
  expect(prop(type('NodeBaselineProps'), 'sshFrom')).toMatchObject({
    optional: true,
    type: { collection: { kind: 'array', elementtype: { primitive: 'string' } } },
  });
  // A construct property that was `readonly T[]` in TypeScript: an array in every language.
  expect(prop(pool, 'hostEndpoints')?.type.collection?.elementtype.fqn).toBe(`${PKG}.HostEndpoint`);
});

test('enums stay enums (not widened to string), with their members', () => {
  for (const [name, member] of [
    ['NodeTrafficDefault', 'DENY'],
    ['NodeFlow', 'CONTROL_PLANE_TO_KUBELET'],
    ['Action', 'ALLOW'],
    ['PodEncapsulation', 'VXLAN'],
    ['AccessRisk', 'CLUSTER_ADMIN'],
  ]) {
    expect([name, type(name).kind]).toEqual([name, 'enum']);
    expect(type(name).members?.map((m) => m.name)).toContain(member);
  }
});

test('the rule wire format is read-only structs with named parts (no anonymous types)', () => {
  const rule = type('RuleJson');
  expect(rule).toMatchObject({ kind: 'interface', datatype: true });
  expect(prop(rule, 'icmp')?.type.fqn).toBe(`${PKG}.IcmpMatch`);
  expect(prop(rule, 'http')?.type.fqn).toBe(`${PKG}.RuleHttpJson`);
  expect(prop(rule, 'metadata')?.type.fqn).toBe(`${PKG}.RuleMetadataJson`);
  expect(prop(rule, 'source')?.type.fqn).toBe(`${PKG}.EntityRuleJson`);
});

test('no engine, lint, CLI or validation type is in the assembly; engine enums the constructs take are', () => {
  const names = Object.keys(types).map((fqn) => fqn.slice(PKG.length + 1));
  expect(names.length).toBeGreaterThan(100);
  for (const engineType of ['AccessModel', 'EvaluateResult', 'BlockedFlow', 'EssentialFlow', 'NodeAccessProblem']) {
    expect(names).not.toContain(engineType);
  }
  const outside = Object.entries(types)
    .filter(([, t]) => /^lib\/(analysis|lint|cli|validation|plugin|testing)\//.test(t.locationInModule?.filename ?? ''))
    .map(([fqn, t]) => `${fqn.slice(PKG.length + 1)} ${t.kind}`)
    .sort();
  expect(outside).toEqual(['AccessRisk enum', 'KubernetesVersion enum', 'PodSecurityLevel enum']);
});

test('jsii-pacmak wrote the cdk8s_calico Python module defining SecuredNodePool (parsed by python3)', () => {
  const init = path.join(dist, 'python', 'src', 'cdk8s_calico', '__init__.py');
  expect(fs.existsSync(init)).toBe(true);
  // Python's own parser lists the classes: the module is valid Python, not only text that looks like it.
  const parse = spawnSync(
    'python3',
    [
      '-c',
      'import ast,sys; print("\\n".join(n.name for n in ast.parse(open(sys.argv[1]).read()).body if isinstance(n, ast.ClassDef)))',
      init,
    ],
    { encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 },
  );
  expect({ error: parse.error?.message, status: parse.status, stderr: parse.stderr }).toEqual({
    error: undefined,
    status: 0,
    stderr: '',
  });
  const classes = parse.stdout.split('\n');
  expect(classes).toEqual(expect.arrayContaining(['SecuredNodePool', 'SecuredNodePoolProps', 'NodeBaselineProps']));
  expect(fs.readFileSync(init, 'utf8')).toMatch(/ssh_from: typing\.Optional\[typing\.Sequence\[builtins\.str\]\]/);
});

test('Java, .NET and Go sources define SecuredNodePool too', () => {
  const files = [
    'java/src/main/java/io/github/cdk8s_calico/SecuredNodePool.java',
    'dotnet/Cdk8sCalico/Cdk8sCalico/SecuredNodePool.cs',
    'go/cdk8scalico/SecuredNodePool.go',
  ];
  for (const f of files) {
    const text = fs.existsSync(path.join(dist, f)) ? fs.readFileSync(path.join(dist, f), 'utf8') : '';
    expect([f, /SecuredNodePool/.test(text)]).toEqual([f, true]);
  }
});

test('the construct package packs as npm tarball with its assembly, and synthesizes a SecuredNodePool from JavaScript', () => {
  const js = path.join(dist, 'js');
  const tarballs = fs.existsSync(js) ? fs.readdirSync(js).filter((f) => f.endsWith('.jsii.tgz')) : [];
  expect(tarballs).toHaveLength(1);
  const unpacked = path.join(work, 'unpacked');
  fs.mkdirSync(unpacked, { recursive: true });
  const tar = spawnSync('tar', ['xzf', path.join(js, tarballs[0]), '-C', unpacked], { encoding: 'utf8' });
  expect(tar.status).toBe(0);
  const pkg = path.join(unpacked, 'package');
  const files = spawnSync('find', [pkg, '-path', `${pkg}/node_modules`, '-prune', '-o', '-type', 'f', '-print'], {
    encoding: 'utf8',
    maxBuffer: 16 * 1024 * 1024,
  }).stdout.split('\n');
  const rel = files.filter(Boolean).map((f) => path.relative(pkg, f));
  expect(rel).toEqual(expect.arrayContaining(['.jsii', 'package.json', 'lib/jsii/index.js', 'lib/jsii/index.d.ts']));
  // Compiled JavaScript and declarations, not the TypeScript sources (scripts/jsii/.npmignore).
  expect(rel.filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts'))).toEqual([]);
  // The bundled runtime dependencies travel inside it; cdk8s and constructs are peers (here: the repository's).
  expect(fs.existsSync(path.join(pkg, 'node_modules', 'yaml', 'package.json'))).toBe(true);
  const script = [
    `const { App, Chart } = require('cdk8s');`,
    `const c = require(${JSON.stringify(path.join(pkg, 'lib', 'jsii', 'index.js'))});`,
    `const app = new App({ outdir: ${JSON.stringify(path.join(work, 'synth'))} });`,
    `const chart = new Chart(app, 'nodes');`,
    `const inventory = c.NodeInventory.fromNodes([`,
    `  { name: 'cp-1', labels: { 'kubernetes-host': '', 'node-role.kubernetes.io/control-plane': '' },`,
    `    internalIps: ['10.0.0.1'] },`,
    `  { name: 'worker-1', labels: { 'kubernetes-host': '' }, internalIps: ['10.0.0.2'] },`,
    `]);`,
    `new c.SecuredNodePool(chart, 'Pool', {`,
    `  selector: c.Selector.has('kubernetes-host'),`,
    `  hostEndpoints: c.NodeHostEndpoints.automatic(),`,
    `  inventory,`,
    `  baseline: { sshFrom: ['192.168.10.0/24'] },`,
    `});`,
    `console.log(JSON.stringify(chart.toJson().map((d) => d.kind)));`,
  ].join('\n');
  const run = spawnSync(process.execPath, ['-e', script], { cwd: root, encoding: 'utf8' });
  expect({ status: run.status, stderr: run.stderr }).toEqual({ status: 0, stderr: '' });
  const kinds: string[] = JSON.parse(run.stdout.trim().split('\n').pop()!);
  expect(kinds).toEqual(
    expect.arrayContaining(['KubeControllersConfiguration', 'GlobalNetworkPolicy', 'FelixConfiguration']),
  );
});

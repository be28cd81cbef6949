// cdk8s-plus is an optional peer: a `cdk8s init typescript-app` project (cdk8s-plus-33) installs this package and
// nothing pulls cdk8s-plus-27 in beside it. So no file under lib/ may load a cdk8s-plus line at run time, and the
// published .d.ts must not name one (a consumer without that line, compiling with skipLibCheck: false, would fail).
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as ts from 'typescript';

const ROOT = path.resolve(__dirname, '..', '..');
const KPLUS = /^cdk8s-plus(-\d+)?(\/|$)/;

/** Every .ts (or .d.ts) file under `dir`. */
function filesUnder(dir: string, ext: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return filesUnder(p, ext);
    return p.endsWith(ext) ? [p] : [];
  });
}

/**
 * The places in `source` that load or name a cdk8s-plus module: value imports and re-exports (not `import type` /
 * `export type`, nor imports whose every named binding is `type`), `import x = require()`, `require()`, `import()`,
 * and type references `import("cdk8s-plus-27")`. With `typesToo`, type-only imports count as well (for .d.ts files).
 */
function kplusReferences(fileName: string, source: string, typesToo: boolean): string[] {
  const sf = ts.createSourceFile(fileName, source, ts.ScriptTarget.ES2022, true);
  const found: string[] = [];
  const at = (node: ts.Node, what: string) =>
    found.push(
      `${path.relative(ROOT, fileName)}:${sf.getLineAndCharacterOfPosition(node.getStart(sf)).line + 1} ${what}`,
    );
  const isKplus = (e: ts.Node | undefined): e is ts.StringLiteral => !!e && ts.isStringLiteral(e) && KPLUS.test(e.text);
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node) && isKplus(node.moduleSpecifier)) {
      const clause = node.importClause;
      const named = clause?.namedBindings;
      const allTypes =
        !!clause &&
        (clause.isTypeOnly ||
          (!clause.name &&
            !!named &&
            ts.isNamedImports(named) &&
            named.elements.length > 0 &&
            named.elements.every((e) => e.isTypeOnly)));
      if (!allTypes || typesToo) at(node, `import from '${node.moduleSpecifier.text}'`);
    } else if (ts.isExportDeclaration(node) && isKplus(node.moduleSpecifier)) {
      if (!node.isTypeOnly || typesToo) at(node, `export from '${node.moduleSpecifier.text}'`);
    } else if (
      ts.isImportEqualsDeclaration(node) &&
      ts.isExternalModuleReference(node.moduleReference) &&
      isKplus(node.moduleReference.expression)
    ) {
      at(node, `import = require('${node.moduleReference.expression.text}')`);
    } else if (
      ts.isCallExpression(node) &&
      isKplus(node.arguments[0]) &&
      (node.expression.kind === ts.SyntaxKind.ImportKeyword ||
        (ts.isIdentifier(node.expression) && node.expression.text === 'require'))
    ) {
      at(node, `${node.expression.getText(sf)}('${(node.arguments[0] as ts.StringLiteral).text}')`);
    } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument) && isKplus(node.argument.literal)) {
      at(node, `import('${(node.argument.literal as ts.StringLiteral).text}') type`);
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return found;
}

/**
 * A program of `file` compiled as a consumer with no cdk8s-plus line installed would compile it (skipLibCheck: false):
 * the compiler host sees no `node_modules/cdk8s-plus-*`, so a cdk8s-plus import left in a declaration is a
 * "Cannot find module" error.
 */
function kplusFreeProgram(file: string): ts.Program {
  const options: ts.CompilerOptions = {
    strict: true,
    skipLibCheck: false,
    noEmit: true,
    types: [],
    module: ts.ModuleKind.CommonJS,
    target: ts.ScriptTarget.ES2022,
    esModuleInterop: true,
  };
  const host = ts.createCompilerHost(options);
  const hidden = (f: string) => /[\\/]node_modules[\\/]cdk8s-plus-/.test(f);
  const [fileExists, directoryExists] = [host.fileExists.bind(host), host.directoryExists!.bind(host)];
  host.fileExists = (f) => !hidden(f) && fileExists(f);
  host.directoryExists = (d) => !hidden(d) && directoryExists(d);
  return ts.createProgram([file], options, host);
}

describe('the scanner (so the checks below can fail)', () => {
  test.each([
    ["import * as kplus from 'cdk8s-plus-27';", 1],
    ["import { Service, type Pods } from 'cdk8s-plus-33';", 1],
    ["import 'cdk8s-plus-27';", 1],
    ["export { Service } from 'cdk8s-plus-27';", 1],
    ["import kplus = require('cdk8s-plus-27');", 1],
    ["const k = require('cdk8s-plus-30/lib/service');", 1],
    ["const k = import('cdk8s-plus-27');", 1],
    ["let s: import('cdk8s-plus-27').Service;", 1],
    ["import type { Service } from 'cdk8s-plus-27';", 0],
    ["import { type Service } from 'cdk8s-plus-27';", 0],
    ["export type { Service } from 'cdk8s-plus-27';", 0],
    ["// import * as kplus from 'cdk8s-plus-27';\nconst s = 'cdk8s-plus-27';", 0],
    ["import * as cdk8s from 'cdk8s';", 0],
  ])('%s -> %d', (code, count) => {
    expect(kplusReferences('x.ts', code, false)).toHaveLength(count);
  });

  test('in a .d.ts even a type-only import counts', () => {
    expect(kplusReferences('x.d.ts', "import type { Service } from 'cdk8s-plus-27';", true)).toHaveLength(1);
  });

  test('the consumer compiler sees no cdk8s-plus line', () => {
    const dir = fs.mkdtempSync(path.join(ROOT, '.build-test-kplus-probe-'));
    try {
      const file = path.join(dir, 'probe.ts');
      fs.writeFileSync(file, "import type { Service } from 'cdk8s-plus-27';\nexport type S = Service;\n");
      const messages = ts
        .getPreEmitDiagnostics(kplusFreeProgram(file))
        .map((d) => ts.flattenDiagnosticMessageText(d.messageText, ' '));
      expect(messages).toContain("Cannot find module 'cdk8s-plus-27' or its corresponding type declarations.");
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

/**
 * The one exemption: the deprecated `NetworkPeer.toKplus` / `NetworkPort.toKplus` of 0.1.0 load cdk8s-plus-27 when
 * called (apps that used them had it installed), from this file only, with exactly one require.
 */
const LEGACY_SHIM = /(^|[\\/])legacy-kplus27\.(ts|js)$/;
const notShim = (ref: string) => !LEGACY_SHIM.test(ref.split(':')[0]);

test('no file under lib/ loads a cdk8s-plus line at run time (but the deprecated toKplus shim, when called)', () => {
  const files = filesUnder(path.join(ROOT, 'lib'), '.ts');
  expect(files.length).toBeGreaterThan(50);
  const refs = files.flatMap((f) => kplusReferences(f, fs.readFileSync(f, 'utf8'), false));
  expect(refs.filter(notShim)).toEqual([]);
  expect(refs.filter((r) => !notShim(r))).toEqual([
    expect.stringMatching(/legacy-kplus27\.ts:\d+ require\('cdk8s-plus-27'\)$/),
  ]);
  const importers = files.filter((f) => /from '\.\/legacy-kplus27'/.test(fs.readFileSync(f, 'utf8')));
  expect(importers.map((f) => path.relative(ROOT, f)).sort()).toEqual([
    path.join('lib', 'policy', 'kubernetes', 'kube-peer.ts'),
    path.join('lib', 'policy', 'kubernetes', 'kube-port.ts'),
  ]);
});

test('the deprecated toKplus methods still build cdk8s-plus-27 objects', () => {
  const { Chart, Testing } = require('cdk8s');
  const { NetworkPeer, NetworkPort } = require('../../lib/access');
  const kplus = require('cdk8s-plus-27');
  const chart = new Chart(Testing.app(), 'c');
  expect(NetworkPort.tcpRange(8000, 8080).toKplus()).toBeInstanceOf(kplus.NetworkPolicyPort);
  expect(NetworkPeer.ipBlock('10.0.0.0/8').toKplus(chart, 'Block')).toBeInstanceOf(kplus.NetworkPolicyIpBlock);
  const pods = NetworkPeer.pods({ app: 'web' }).toKplus(chart, 'Web');
  expect(pods).toBeInstanceOf(kplus.Pods);
  expect(NetworkPeer.namespaces({ team: 'a' }).toKplus(chart, 'Team')).toBeInstanceOf(kplus.Namespaces);
});

test('without cdk8s-plus-27, a deprecated toKplus call says so with the fix', () => {
  jest.isolateModules(() => {
    jest.doMock('cdk8s-plus-27', () => {
      throw Object.assign(new Error("Cannot find module 'cdk8s-plus-27'"), { code: 'MODULE_NOT_FOUND' });
    });
    const { NetworkPort } = require('../../lib/access');
    expect(() => NetworkPort.tcp(80).toKplus()).toThrow(
      /^\[NetworkPort\.toKplus\] cdk8s-plus-27: .*not installed; fix: build the peer or port with your own cdk8s-plus line from toJson\(\)/,
    );
  });
  jest.dontMock('cdk8s-plus-27');
});

describe('the built package', () => {
  let out: string;
  beforeAll(() => {
    // Compile lib/ as `npm run build` does (tsconfig.build.json, stripInternal), JS and declarations, to a temp dir
    // inside the project (git-ignored), so that a consumer compiled there resolves cdk8s and constructs.
    out = fs.mkdtempSync(path.join(ROOT, '.build-test-kplus-free-'));
    const config = ts.getParsedCommandLineOfConfigFile(
      path.join(ROOT, 'tsconfig.build.json'),
      { outDir: out, noEmitOnError: false },
      {
        ...ts.sys,
        onUnRecoverableConfigFileDiagnostic: (d) => {
          throw new Error(ts.flattenDiagnosticMessageText(d.messageText, '\n'));
        },
      },
    )!;
    const libFiles = config.fileNames.filter((f) => path.relative(ROOT, f).startsWith(`lib${path.sep}`));
    ts.createProgram(libFiles, config.options).emit();
  });
  afterAll(() => fs.rmSync(out, { recursive: true, force: true }));

  test('no emitted .js requires a cdk8s-plus line', () => {
    const js = filesUnder(path.join(out, 'lib'), '.js');
    expect(js.length).toBeGreaterThan(50);
    expect(js.flatMap((f) => kplusReferences(f, fs.readFileSync(f, 'utf8'), false)).filter(notShim)).toEqual([]);
  });

  test('no emitted .d.ts names a cdk8s-plus line, even as a type', () => {
    const dts = filesUnder(path.join(out, 'lib'), '.d.ts');
    expect(dts.length).toBeGreaterThan(50);
    expect(dts.flatMap((f) => kplusReferences(f, fs.readFileSync(f, 'utf8'), true))).toEqual([]);
  });

  test('a consumer with no cdk8s-plus line, skipLibCheck: false, type-checks the access declarations', () => {
    const consumer = path.join(out, 'consumer.ts');
    fs.writeFileSync(
      consumer,
      [
        "import { ApiObject, Chart, Testing } from 'cdk8s';",
        "import { IKplusResource, IKplusServiceAccount } from './lib';",
        "import { AccessRole, DashboardAdmin, SecureNamespace, Subject } from './lib/access';",
        "import { KubeNetworkPolicy } from './lib/policy/kubernetes';",
        "const chart = new Chart(Testing.app(), 'c');",
        "const ns = new SecureNamespace(chart, 'Dev');",
        "const objects: ApiObject[] = [ns.namespaceObject, ns.serviceAccountObject, AccessRole.podsViewer(chart, 'V').grant(Subject.user('li'), 'dev')];",
        "const handles: IKplusResource[] = [ns.namespace, new KubeNetworkPolicy(chart, 'P', { name: 'p', namespace: 'dev' }).policy];",
        'const account: IKplusServiceAccount = ns.serviceAccount;',
        'export const all = [objects, handles, account, DashboardAdmin];',
      ].join('\n'),
    );
    const program = kplusFreeProgram(consumer);
    const ours = (f?: ts.SourceFile) =>
      !!f &&
      (f.fileName === consumer.split(path.sep).join('/') ||
        /\/lib\/(access\/[^/]+|policy\/kubernetes\/[^/]+|core\/kube-resource|index)\.d\.ts$/.test(f.fileName));
    const problems = ts
      .getPreEmitDiagnostics(program)
      .filter((d) => ours(d.file))
      .map((d) => `${d.file!.fileName}: ${ts.flattenDiagnosticMessageText(d.messageText, ' ')}`);
    expect(problems).toEqual([]);
    expect(program.getSourceFiles().some((f) => /\/lib\/access\/secure-namespace\.d\.ts$/.test(f.fileName))).toBe(true);
  });
});

test('package.json: every cdk8s-plus line 27..33 is an optional peer, none a dependency; tests pin 27 and 33 exactly', () => {
  const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
  const lines = [27, 28, 29, 30, 31, 32, 33].map((n) => `cdk8s-plus-${n}`);
  expect(Object.keys(pkg.dependencies ?? {}).filter((d) => KPLUS.test(d))).toEqual([]);
  for (const line of lines) {
    expect([line, pkg.peerDependencies?.[line], pkg.peerDependenciesMeta?.[line]?.optional]).toEqual([
      line,
      expect.stringMatching(/^\^2\./),
      true,
    ]);
  }
  for (const line of ['cdk8s-plus-27', 'cdk8s-plus-33'])
    expect([line, pkg.devDependencies?.[line]]).toEqual([line, expect.stringMatching(/^\d+\.\d+\.\d+$/)]);
});

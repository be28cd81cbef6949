// The package as an app installs it, without `npm pack` (test/package does that): lib/ and imports/ compiled to
// build/ with swc (the compiler jest uses), a package.json naming build/lib/index.js as main, the vendored CRDs,
// and the dependencies of this checkout. An app folder beside it links the package and its peers into node_modules
// the way npm lays them out, so cdk8s-cli loads the plugin from `./node_modules/cdk8s-calico` as it would there.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { transformFileSync } from '@swc/core';

const ROOT = path.resolve(__dirname, '..', '..');

function compileTree(from: string, to: string): void {
  for (const entry of fs.readdirSync(from, { withFileTypes: true })) {
    const src = path.join(from, entry.name);
    if (entry.isDirectory()) {
      compileTree(src, path.join(to, entry.name));
    } else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts')) {
      const out = transformFileSync(src, {
        jsc: { parser: { syntax: 'typescript' }, target: 'es2022' },
        module: { type: 'commonjs' },
      });
      fs.mkdirSync(to, { recursive: true });
      fs.writeFileSync(path.join(to, entry.name.replace(/\.ts$/, '.js')), out.code);
    }
  }
}

/**
 * A temporary folder holding `pkg/` (the installed package) and `app/` (a cdk8s app using it); removed by `dispose`.
 */
export interface InstalledApp {
  readonly dir: string;
  readonly app: string;
  readonly version: string;
  dispose(): void;
}

/** Builds the package and an empty app with `node_modules/{cdk8s-calico, cdk8s, constructs, cdk8s-plus-33}`. */
export function installedApp(): InstalledApp {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-calico-plugin-'));
  const pkg = path.join(dir, 'pkg');
  compileTree(path.join(ROOT, 'lib'), path.join(pkg, 'build', 'lib'));
  compileTree(path.join(ROOT, 'imports'), path.join(pkg, 'build', 'imports'));
  const version: string = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')).version;
  fs.writeFileSync(
    path.join(pkg, 'package.json'),
    JSON.stringify({ name: 'cdk8s-calico', version, main: 'build/lib/index.js' }),
  );
  fs.symlinkSync(path.join(ROOT, 'crds'), path.join(pkg, 'crds'));
  fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(pkg, 'node_modules'));
  const app = path.join(dir, 'app');
  fs.mkdirSync(path.join(app, 'node_modules'), { recursive: true });
  fs.symlinkSync(pkg, path.join(app, 'node_modules', 'cdk8s-calico'));
  for (const dep of ['cdk8s', 'constructs', 'cdk8s-plus-33']) {
    fs.symlinkSync(path.join(ROOT, 'node_modules', dep), path.join(app, 'node_modules', dep));
  }
  return { dir, app, version, dispose: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

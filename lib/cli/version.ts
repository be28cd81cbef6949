import * as fs from 'fs';
import * as path from 'path';

let cached: string | undefined;

/**
 * This package's version, from the `package.json` found by walking up from this file: `build/lib/cli/` in the
 * repository and in an installed tarball, `lib/cli/` when run from the TypeScript sources. Never from the working
 * folder, which is the user's project.
 */
export function packageVersion(): string {
  if (cached !== undefined) return cached;
  for (let dir = __dirname; ; dir = path.dirname(dir)) {
    const file = path.join(dir, 'package.json');
    try {
      const pkg = JSON.parse(fs.readFileSync(file, 'utf8')) as { name?: unknown; version?: unknown };
      if (pkg.name === 'cdk8s-calico' && typeof pkg.version === 'string') return (cached = pkg.version);
    } catch {
      // no package.json here (or not readable): look one folder up
    }
    if (path.dirname(dir) === dir) return (cached = 'unknown');
  }
}

// Files, links, loops and mocked fs faults for the bad-input tables that read or write files (tables/files.ts,
// tables/reading.ts), and the in-process CLI they call.
import fs = require('fs');
import * as os from 'os';
import * as path from 'path';
import { main } from '../../lib/cli/main';

export const NAMESPACE = 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop\n';

/** A fresh folder with helpers to lay out files, links and loops in it. */
export interface Fixture {
  readonly dir: string;
  /** A path in the folder. */
  p(name: string): string;
  /** A file (its folders made), by default a Namespace manifest. */
  file(name: string, content?: string | Buffer): string;
  folder(name: string): string;
  /** A symbolic link `name` to `target`. */
  link(target: string, name: string): string;
  /** A hard link `name` to `existing`. */
  hard(existing: string, name: string): string;
  /** Two links pointing at each other (ELOOP); returns `a`. */
  loop(a: string, b: string): string;
}

/** Fixture folders under one temporary root (`prefix`), and the cleanup a runner calls after its table. */
export function fileFixtures(prefix: string): { fx: () => Fixture; cleanup: () => void } {
  let root: string | undefined;
  let count = 0;
  const fx = (): Fixture => {
    root ??= fs.mkdtempSync(path.join(os.tmpdir(), prefix));
    const dir = path.join(root, `r${count++}`);
    fs.mkdirSync(dir);
    const p = (name: string) => path.join(dir, name);
    return {
      dir,
      p,
      file(name, content = NAMESPACE) {
        fs.mkdirSync(path.dirname(p(name)), { recursive: true });
        fs.writeFileSync(p(name), content);
        return p(name);
      },
      folder(name) {
        fs.mkdirSync(p(name), { recursive: true });
        return p(name);
      },
      link(target, name) {
        fs.symlinkSync(target, p(name));
        return p(name);
      },
      hard(existing, name) {
        fs.linkSync(existing, p(name));
        return p(name);
      },
      loop(a, b) {
        fs.symlinkSync(p(b), p(a));
        fs.symlinkSync(p(a), p(b));
        return p(a);
      },
    };
  };
  const cleanup = (): void => {
    if (root) fs.rmSync(root, { recursive: true, force: true });
    root = undefined;
  };
  return { fx, cleanup };
}

/** The CLI run in-process: its exit code and what it wrote to stderr. */
export function cli(argv: string[]): { code: number; stderr: string } {
  let stderr = '';
  const code = main(
    argv,
    () => undefined,
    (s) => {
      stderr += s;
    },
  );
  return { code, stderr };
}

/** The fs calls a fault can be mocked on. */
export type FaultyCall = 'openSync' | 'writeSync' | 'fsyncSync' | 'readdirSync' | 'readFileSync' | 'statSync';

/** Runs `fn` while `fs[method]` fails with the errno `code` for the calls `applies` picks (by their arguments). */
export function withFsFault<T>(
  method: FaultyCall,
  code: string,
  applies: (args: unknown[]) => boolean,
  fn: () => T,
): T {
  const real = fs[method] as (...args: any[]) => any;
  const spy = jest.spyOn(fs, method).mockImplementation(((...args: any[]) => {
    if (applies(args)) {
      throw Object.assign(new Error(`${code}: mocked, ${method} '${String(args[0])}'`), {
        code,
        syscall: method.replace(/Sync$/, ''),
        path: args[0],
      });
    }
    return real(...args);
  }) as any);
  try {
    return fn();
  } finally {
    spy.mockRestore();
  }
}

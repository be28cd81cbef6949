// Bad inputs where manifests are read (issue 11, items 5 and 7): every command that reads files and folders
// (validate, check, lint, psa, can-i, who-can, explain, matrix, diff). Each row lays out its own files in a fresh
// temporary folder; permission faults are mocked (the suite runs as root, where permissions never refuse).
import fs = require('fs');
import * as path from 'path';
import { cli, fileFixtures, NAMESPACE, withFsFault } from '../file-fixtures';
import { BadInput, Outcome } from '../harness';

const fixtures = fileFixtures('bad-reading-');
const fx = fixtures.fx;

/** Removes every folder the rows made (called by the runner after the table). */
export const cleanupReadingFixtures = fixtures.cleanup;

/** Runs `fn` while `fs[method]` fails with `code` for paths under `under`. */
function withFault<T>(
  method: 'readdirSync' | 'readFileSync' | 'statSync',
  code: string,
  under: string,
  fn: () => T,
): T {
  return withFsFault(method, code, (args) => String(args[0]).startsWith(under), fn);
}

const READERS: Array<[string, (file: string) => string[]]> = [
  ['validate', (f) => ['validate', '--no-kubernetes', f]],
  ['check', (f) => ['check', f]],
  ['lint', (f) => ['lint', f]],
  ['psa', (f) => ['psa', f]],
  ['can-i', (f) => ['can-i', '--verb', 'get', '--resource', 'pods', '--as', 'alice', f]],
  ['who-can', (f) => ['who-can', '--verb', 'get', '--resource', 'pods', f]],
  ['explain', (f) => ['explain', '--from', 'shop/a', '--to', 'shop/b', f]],
  ['matrix', (f) => ['matrix', '--ports', '80/TCP', f]],
];

export const ROWS: BadInput[] = [
  // A missing path, for every command that reads manifests: the path and the fix, never `ENOENT: no such file`.
  ...READERS.map(([name, argv]): BadInput => ({
    name: `${name}: a file that does not exist`,
    outcome: Outcome.CLI,
    run: () => cli(argv(fx().p('missing.yaml'))),
    field: /cannot read \S*missing\.yaml: no such file or folder/,
    mentions: 'fix: check the spelling',
  })),
  {
    name: 'diff: the NEW side does not exist',
    outcome: Outcome.CLI,
    run: () => {
      const f = fx();
      return cli(['diff', '--ports', '80/TCP', f.file('old.yaml'), f.p('new.yaml')]);
    },
    field: /new\.yaml: no such file or folder/,
  },
  {
    name: 'validate: a folder that does not exist',
    outcome: Outcome.CLI,
    run: () => cli(['validate', fx().p('dist')]),
    field: /dist: no such file or folder/,
  },
  {
    name: 'validate: an empty path argument',
    outcome: Outcome.CLI,
    run: () => cli(['validate', '']),
    field: 'the path is empty',
  },

  // Symbolic links: dangling, looping, named directly or met while walking a folder.
  {
    name: 'validate: a dangling symbolic link named on the command line',
    outcome: Outcome.CLI,
    run: () => {
      const f = fx();
      return cli(['validate', f.link(f.p('gone.yaml'), 'app.yaml')]);
    },
    field: /app\.yaml: it is a symbolic link to \S*gone\.yaml, which does not exist/,
    mentions: 'fix: repair or remove the link',
  },
  {
    name: 'lint: a dangling symbolic link inside a folder',
    outcome: Outcome.CLI,
    run: () => {
      const f = fx();
      f.file('dist/a.yaml');
      f.link(f.p('dist/removed.yaml'), 'dist/b.yaml');
      return cli(['lint', f.p('dist')]);
    },
    field: /b\.yaml: it is a symbolic link/,
  },
  {
    name: 'validate: a symbolic link loop named on the command line',
    outcome: Outcome.CLI,
    run: () => {
      const f = fx();
      return cli(['validate', f.loop('a.yaml', 'b.yaml')]);
    },
    field: /a\.yaml: too many levels of symbolic links \(a link loop\) \(ELOOP\)/,
  },
  {
    name: 'check: a symbolic link loop inside a folder',
    outcome: Outcome.CLI,
    run: () => {
      const f = fx();
      f.file('dist/ok.yaml');
      fs.symlinkSync(f.p('dist/y.yaml'), f.p('dist/x.yaml'));
      fs.symlinkSync(f.p('dist/x.yaml'), f.p('dist/y.yaml'));
      return cli(['check', f.p('dist')]);
    },
    field: /x\.yaml: too many levels of symbolic links/,
  },
  {
    name: 'psa: a path that goes through a link loop',
    outcome: Outcome.CLI,
    run: () => {
      const f = fx();
      f.loop('la', 'lb');
      return cli(['psa', path.join(f.p('la'), 'app.yaml')]);
    },
    field: /app\.yaml: too many levels of symbolic links/,
  },

  // Paths through a regular file (ENOTDIR) and folders that cannot be listed.
  {
    name: 'validate: a path through a regular file (ENOTDIR)',
    outcome: Outcome.CLI,
    run: () => {
      const f = fx();
      return cli(['validate', path.join(f.file('app.yaml'), 'more.yaml')]);
    },
    field: /more\.yaml: a part of the path is a file, not a folder \(ENOTDIR\)/,
  },
  {
    name: 'lint: a folder path through a regular file (ENOTDIR)',
    outcome: Outcome.CLI,
    run: () => {
      const f = fx();
      return cli(['lint', path.join(f.file('dist'), 'sub')]);
    },
    field: /sub: a part of the path is a file/,
  },
  {
    name: 'validate: a folder that cannot be listed (EACCES)',
    outcome: Outcome.CLI,
    run: () => {
      const f = fx();
      f.file('dist/a.yaml');
      return withFault('readdirSync', 'EACCES', f.p('dist'), () => cli(['validate', f.p('dist')]));
    },
    field: /cannot list \S*dist: permission denied \(EACCES\)/,
    mentions: 'fix the permissions',
  },
  {
    name: 'check: a sub-folder that cannot be listed (EACCES)',
    outcome: Outcome.CLI,
    run: () => {
      const f = fx();
      f.file('dist/a.yaml');
      f.file('dist/sub/b.yaml');
      return withFault('readdirSync', 'EACCES', f.p('dist/sub'), () => cli(['check', f.p('dist')]));
    },
    field: /cannot list \S*sub: permission denied/,
  },
  {
    name: 'lint: a file that cannot be read (EACCES)',
    outcome: Outcome.CLI,
    run: () => {
      const f = fx();
      const file = f.file('a.yaml');
      return withFault('readFileSync', 'EACCES', file, () => cli(['lint', file]));
    },
    field: /cannot read \S*a\.yaml: permission denied \(EACCES\)/,
  },
  {
    name: 'validate: a file in a folder that cannot be read (EIO)',
    outcome: Outcome.CLI,
    run: () => {
      const f = fx();
      f.file('dist/a.yaml');
      const bad = f.file('dist/b.yaml');
      return withFault('readFileSync', 'EIO', bad, () => cli(['validate', f.p('dist')]));
    },
    field: /b\.yaml: an input\/output error/,
  },
  {
    name: 'validate: too many open files (EMFILE) while reading',
    outcome: Outcome.CLI,
    run: () => {
      const f = fx();
      const file = f.file('a.yaml');
      return withFault('readFileSync', 'EMFILE', file, () => cli(['validate', file]));
    },
    field: /a\.yaml: too many files are open/,
  },

  // Folders that hold nothing to read: an empty answer would look like "no problems".
  {
    name: 'validate: an empty folder',
    outcome: Outcome.CLI,
    run: () => cli(['validate', fx().folder('dist')]),
    field: /dist: the folder holds no \.yaml, \.yml or \.json file/,
  },
  {
    name: 'check: a folder of other files only (README.md, notes.txt)',
    outcome: Outcome.CLI,
    run: () => {
      const f = fx();
      f.file('dist/README.md', '# hi\n');
      f.file('dist/notes.txt', 'x\n');
      return cli(['check', f.p('dist')]);
    },
    field: /dist: the folder holds no/,
  },
  {
    name: 'lint: a folder of empty sub-folders',
    outcome: Outcome.CLI,
    run: () => {
      const f = fx();
      f.folder('dist/a');
      f.folder('dist/b/c');
      return cli(['lint', f.p('dist')]);
    },
    field: /dist: the folder holds no/,
  },
  {
    name: 'psa: an empty folder next to a good file',
    outcome: Outcome.CLI,
    run: () => {
      const f = fx();
      return cli(['psa', f.file('ns.yaml'), f.folder('empty')]);
    },
    field: /empty: the folder holds no/,
  },

  // Bytes that are not UTF-8 text.
  {
    name: 'validate: a Latin-1 byte in a YAML file',
    outcome: Outcome.CLI,
    run: () => {
      const f = fx();
      return cli([
        'validate',
        f.file(
          'a.yaml',
          Buffer.concat([
            Buffer.from('apiVersion: v1\nkind: Namespace\nmetadata:\n  name: caf'),
            Buffer.from([0xe9]),
            Buffer.from('\n'),
          ]),
        ),
      ]);
    },
    field: /a\.yaml: line 4, column 12: byte 0xe9 is not UTF-8 text/,
    mentions: 'fix: save the file as UTF-8',
  },
  {
    name: 'lint: a binary file named .yaml (a PNG)',
    outcome: Outcome.CLI,
    run: () => {
      const f = fx();
      return cli([
        'lint',
        f.file('logo.yaml', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00])),
      ]);
    },
    field: /logo\.yaml: line 1, column 1: byte 0x89 is not UTF-8 text/,
  },
  {
    name: 'check: a Latin-1 byte in a JSON file',
    outcome: Outcome.CLI,
    run: () => {
      const f = fx();
      return cli([
        'check',
        f.file(
          'a.json',
          Buffer.concat([Buffer.from('{"kind": "Namespace", "x": "'), Buffer.from([0xfc]), Buffer.from('"}')]),
        ),
      ]);
    },
    field: /a\.json: line 1, column 29: byte 0xfc is not UTF-8/,
  },
  {
    name: 'validate: a UTF-16 file (Windows editors)',
    outcome: Outcome.CLI,
    run: () => {
      const f = fx();
      return cli([
        'validate',
        f.file('a.yaml', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(NAMESPACE, 'utf16le')])),
      ]);
    },
    field: /a\.yaml: it is UTF-16 text, not UTF-8/,
  },
  {
    name: 'validate: a truncated UTF-8 sequence at the end of the file',
    outcome: Outcome.CLI,
    run: () => {
      const f = fx();
      return cli(['validate', f.file('a.yaml', Buffer.concat([Buffer.from(NAMESPACE), Buffer.from([0xe2, 0x82])]))]);
    },
    field: /a\.yaml: line 5, column 1: byte 0xe2 is not UTF-8/,
  },

  // Text that does not parse: the file, the line of the whole file (not of the document), and a fix.
  {
    name: 'validate: a key twice in the third document',
    outcome: Outcome.CLI,
    run: () => {
      const f = fx();
      return cli(['validate', f.file('a.yaml', `${NAMESPACE}---\n${NAMESPACE}---\nkind: Namespace\nkind: Pod\n`)]);
    },
    field: /a\.yaml: not valid YAML: Map keys must be unique at line 12, column 1/,
  },
  {
    name: 'lint: a flow sequence never closed',
    outcome: Outcome.CLI,
    run: () => cli(['lint', fx().file('a.yaml', 'kind: Namespace\nmetadata: {name: [shop\n')]),
    field: /a\.yaml: not valid YAML: .* at line \d+, column \d+/,
  },
  {
    name: 'check: tabs as indentation',
    outcome: Outcome.CLI,
    run: () => cli(['check', fx().file('a.yaml', 'kind: Namespace\nmetadata:\n\tname: shop\n')]),
    field: /a\.yaml: not valid YAML: Tabs are not allowed as indentation at line 3, column 1/,
  },
  {
    name: 'validate: invalid JSON (a trailing comma)',
    outcome: Outcome.CLI,
    run: () => cli(['validate', fx().file('a.json', '{\n  "kind": "Namespace",\n}\n')]),
    field: /a\.json: not valid JSON: .* at line 3, column 1/,
  },
  {
    name: 'psa: a truncated JSON file',
    outcome: Outcome.CLI,
    run: () => cli(['psa', fx().file('dump.json', '{"items": [{"kind": "Pod"')]),
    field: /dump\.json: not valid JSON/,
  },
  {
    name: 'validate: a long single line that never closes (400 KB)',
    outcome: Outcome.CLI,
    run: () => cli(['validate', fx().file('a.yaml', `items: [${'"x", '.repeat(100_000)}\n`)]),
    field: /a\.yaml: not valid YAML: .* at line 2, column 1/,
  },
  {
    name: 'lint: nesting deep enough to exhaust the parser (100,000 levels)',
    outcome: Outcome.CLI,
    run: () => cli(['lint', fx().file('a.yaml', `a: ${'['.repeat(100_000)}${']'.repeat(100_000)}\n`)]),
    field: /a\.yaml: nested too deeply to parse/,
  },
  {
    name: 'validate: a file too large to hold as text (sparse, 600 MB)',
    outcome: Outcome.CLI,
    run: () => {
      const f = fx();
      const file = f.file('big.yaml', '');
      fs.truncateSync(file, 600 * 1048576);
      return cli(['validate', file]);
    },
    field: /big\.yaml: 600 MB is too large to read at once/,
    mentions: 'fix: split it into several files',
  },
];

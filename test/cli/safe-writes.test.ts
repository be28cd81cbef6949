// Safe writes (issue 11, item 5): every file the library or its CLI writes is kept unless overwrite is asked for, never
// written through a symbolic link or onto an input, private keys are 0600 from their first byte, and every fs error
// reads as a sentence with the path and a fix. Real files in a temporary folder; ENOSPC, EACCES and EROFS are mocked
// (the tests run as root, where permissions do not refuse).
import fs = require('fs');
import * as os from 'os';
import * as path from 'path';
import { generateClientCredentials } from '../../lib/access/credentials/client-credentials';
import { writeKubeconfig } from '../../lib/access/credentials/kubeconfig';
import { runCli } from '../support/run-cli';
import { actionOfSyscall, describeFsError, isFsError } from '../../lib/model/io/fs-errors';
import {
  checkDistinctOutputs,
  checkWriteTarget,
  safeWriteFile,
  sameFile,
  SafeWriteOptions,
} from '../../lib/model/io/safe-write';

let root: string;
beforeAll(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'safe-writes-'));
});
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));
afterEach(() => jest.restoreAllMocks());

let n = 0;
/** A fresh folder per test. */
function dir(): string {
  const d = path.join(root, `t${n++}`);
  fs.mkdirSync(d);
  return d;
}

const OPTS: SafeWriteOptions = { where: 'test', field: 'file', overwriteHint: 'pass overwrite: true' };

function errno(code: string, syscall: string): NodeJS.ErrnoException {
  return Object.assign(new Error(`${code}: mocked, ${syscall}`), { code, syscall, errno: -1 });
}

/** Names in a folder other than the ones given: leftover temporary files. */
function leftovers(d: string, ...expected: string[]): string[] {
  return fs.readdirSync(d).filter((f) => !expected.includes(f));
}

/** `cdk8s-calico <argv>` as the bin runs it (test/support/run-cli.ts). */
const cli = runCli;

const NS = 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop\n';

describe('safeWriteFile', () => {
  test('creates a file whole, mode 0644 by default, and leaves no temporary file', () => {
    const d = dir();
    const f = path.join(d, 'out.txt');
    safeWriteFile(f, 'hello', OPTS);
    expect(fs.readFileSync(f, 'utf8')).toBe('hello');
    expect(fs.statSync(f).mode & 0o777).toBe(0o644);
    expect(fs.statSync(f).nlink).toBe(1);
    expect(leftovers(d, 'out.txt')).toEqual([]);
  });

  test('a secret is 0600 from its first byte: the mode is set at open, before any write', () => {
    const d = dir();
    const f = path.join(d, 'k.key');
    const modesAtOpen: number[] = [];
    const realOpen = fs.openSync;
    jest.spyOn(fs, 'openSync').mockImplementation(((p: fs.PathLike, flags: any, mode?: any) => {
      const fd = realOpen(p, flags, mode);
      if (flags === 'wx') modesAtOpen.push(fs.fstatSync(fd).mode & 0o777);
      return fd;
    }) as typeof fs.openSync);
    const chmod = jest.spyOn(fs, 'fchmodSync');
    safeWriteFile(f, 'secret', { ...OPTS, mode: 0o600 });
    expect(modesAtOpen).toEqual([0o600]);
    expect(chmod).not.toHaveBeenCalled();
    expect(fs.statSync(f).mode & 0o777).toBe(0o600);
  });

  test('an existing file is kept unless overwrite; replacing gives the new mode', () => {
    const d = dir();
    const f = path.join(d, 'out.txt');
    fs.writeFileSync(f, 'old', { mode: 0o644 });
    expect(() => safeWriteFile(f, 'new', OPTS)).toThrow(
      /^\[test\] file: .*out\.txt exists already; fix: pick another path, or pass overwrite: true to replace it$/,
    );
    expect(fs.readFileSync(f, 'utf8')).toBe('old');
    safeWriteFile(f, 'new', { ...OPTS, overwrite: true, mode: 0o600 });
    expect(fs.readFileSync(f, 'utf8')).toBe('new');
    expect(fs.statSync(f).mode & 0o777).toBe(0o600);
    expect(leftovers(d, 'out.txt')).toEqual([]);
  });

  test('a symbolic link is never written through, even with overwrite, and a dangling one is not followed either', () => {
    const d = dir();
    const victim = path.join(d, 'victim');
    fs.writeFileSync(victim, 'precious');
    fs.symlinkSync(victim, path.join(d, 'link'));
    expect(() => safeWriteFile(path.join(d, 'link'), 'x', { ...OPTS, overwrite: true })).toThrow(
      /link is a symbolic link \(to .*victim\).*fix: /,
    );
    expect(fs.readFileSync(victim, 'utf8')).toBe('precious');
    fs.symlinkSync(path.join(d, 'nowhere'), path.join(d, 'dangling'));
    expect(() => safeWriteFile(path.join(d, 'dangling'), 'x', OPTS)).toThrow(/dangling is a symbolic link/);
    expect(fs.existsSync(path.join(d, 'nowhere'))).toBe(false);
  });

  test('a hard-linked target is replaced by name: the other link keeps its content', () => {
    const d = dir();
    fs.writeFileSync(path.join(d, 'a'), 'A');
    fs.linkSync(path.join(d, 'a'), path.join(d, 'b'));
    safeWriteFile(path.join(d, 'b'), 'B', { ...OPTS, overwrite: true });
    expect(fs.readFileSync(path.join(d, 'a'), 'utf8')).toBe('A');
    expect(fs.readFileSync(path.join(d, 'b'), 'utf8')).toBe('B');
  });

  test.each([
    [
      'the folder is missing',
      (d: string) => path.join(d, 'missing', 'out.txt'),
      /cannot write .*missing\/out\.txt: its folder .*missing does not exist \(ENOENT\); fix: create the folder first \(mkdir -p /,
    ],
    [
      'a part of the path is a file',
      (d: string) => {
        fs.writeFileSync(path.join(d, 'f'), '');
        return path.join(d, 'f', 'out.txt');
      },
      /a part of the path is a file, not a folder \(ENOTDIR\); fix:/,
    ],
    [
      'the target is a folder',
      (d: string) => d,
      /it is a folder \(EISDIR\); fix: name a file, not a folder \(such as /,
    ],
    [
      'the path runs through a symbolic link loop',
      (d: string) => {
        fs.symlinkSync(path.join(d, 'l2'), path.join(d, 'l1'));
        fs.symlinkSync(path.join(d, 'l1'), path.join(d, 'l2'));
        return path.join(d, 'l1', 'out.txt');
      },
      /a link loop\) \(ELOOP\); fix:/,
    ],
    ['the target is a device', () => '/dev/null', /is not a regular file .*fix:/],
  ])('%s: a message with the path and the fix, no raw errno', (_name, target, message) => {
    const file = target(dir());
    let error: Error | undefined;
    try {
      safeWriteFile(file, 'x', { ...OPTS, overwrite: true });
    } catch (e) {
      error = e as Error;
    }
    expect(error?.message).toMatch(message);
    expect(error?.message).not.toMatch(/\bE[A-Z]+:/);
  });

  test.each([
    ['ENOSPC', 'writeSync', /no space left on the device \(ENOSPC\); fix: free some space/],
    ['EDQUOT', 'fsyncSync', /disk quota is exhausted \(EDQUOT\)/],
    ['EACCES', 'openSync', /permission denied \(EACCES\); fix: write to a folder you may write to/],
    ['EROFS', 'openSync', /the file system is read-only \(EROFS\); fix:/],
    ['EIO', 'renameSync', /input\/output error/],
  ] as const)(
    '%s from %s: the message names the path; the temporary file is removed, the target untouched',
    (code, fn, message) => {
      const d = dir();
      const f = path.join(d, 'out.txt');
      if (fn === 'renameSync') fs.writeFileSync(f, 'old');
      jest.spyOn(fs, fn).mockImplementation(() => {
        throw errno(code, fn.replace(/Sync$/, ''));
      });
      expect(() => safeWriteFile(f, 'x'.repeat(10000), { ...OPTS, overwrite: true })).toThrow(message);
      jest.restoreAllMocks();
      expect(leftovers(d, 'out.txt')).toEqual([]);
      if (fn === 'renameSync') expect(fs.readFileSync(f, 'utf8')).toBe('old');
      else expect(fs.existsSync(f)).toBe(false);
    },
  );

  test('a file that appears while writing is kept (the hard link fails with EEXIST instead of replacing it)', () => {
    const d = dir();
    const f = path.join(d, 'out.txt');
    const realLink = fs.linkSync;
    jest.spyOn(fs, 'linkSync').mockImplementation((a, b) => {
      fs.writeFileSync(f, 'theirs');
      realLink(a, b);
    });
    expect(() => safeWriteFile(f, 'mine', OPTS)).toThrow(
      /out\.txt appeared while it was being written; it was kept; fix:/,
    );
    expect(fs.readFileSync(f, 'utf8')).toBe('theirs');
    expect(leftovers(d, 'out.txt')).toEqual([]);
  });

  test('on a file system without hard links, an exclusive create of the target instead', () => {
    const d = dir();
    const f = path.join(d, 'out.txt');
    jest.spyOn(fs, 'linkSync').mockImplementation(() => {
      throw errno('EPERM', 'link');
    });
    safeWriteFile(f, 'content', { ...OPTS, mode: 0o600 });
    expect(fs.readFileSync(f, 'utf8')).toBe('content');
    expect(fs.statSync(f).mode & 0o777).toBe(0o600);
    expect(leftovers(d, 'out.txt')).toEqual([]);
  });

  test('a non-string path is the library error, not a TypeError', () => {
    expect(() => safeWriteFile(undefined as any, 'x', OPTS)).toThrow(
      /^\[test\] file: expected a file path, got undefined; fix:/,
    );
  });
});

describe('sameFile and the distinct outputs', () => {
  test('by name, another spelling, a symbolic link, a hard link; two absent files by name only', () => {
    const d = dir();
    const a = path.join(d, 'a');
    fs.writeFileSync(a, '');
    fs.symlinkSync(a, path.join(d, 'sym'));
    fs.linkSync(a, path.join(d, 'hard'));
    fs.mkdirSync(path.join(d, 'sub'));
    fs.symlinkSync(d, path.join(d, 'sub', 'up'));
    expect(sameFile(a, `${d}/sub/../a`)).toBe(true);
    expect(sameFile(a, path.join(d, 'sym'))).toBe(true);
    expect(sameFile(path.join(d, 'hard'), a)).toBe(true);
    expect(sameFile(path.join(d, 'sub', 'up', 'a'), a)).toBe(true);
    expect(sameFile(path.join(d, 'sub', 'up', 'new'), path.join(d, 'new'))).toBe(true);
    expect(sameFile(path.join(d, 'x'), path.join(d, 'y'))).toBe(false);
    expect(sameFile(a, path.join(d, 'x'))).toBe(false);
  });

  test('checkDistinctOutputs names both fields', () => {
    const d = dir();
    expect(() =>
      checkDistinctOutputs(
        [
          { path: path.join(d, 'k'), field: 'keyFile' },
          { path: `${d}/./k`, field: 'csrFile' },
        ],
        'api',
      ),
    ).toThrow(
      /^\[api\] csrFile: .*k and keyFile .*k are the same file; fix: write csrFile and keyFile to different files$/,
    );
    fs.symlinkSync(d, path.join(d, 'up'));
    expect(() =>
      checkDistinctOutputs(
        [
          { path: path.join(d, 'k'), field: 'keyFile' },
          { path: path.join(d, 'up', 'k'), field: 'csrFile' },
        ],
        'api',
      ),
    ).toThrow(/are the same file \(through a link or another spelling\); fix:/);
  });

  test('checkWriteTarget refuses an input even with overwrite, before saying it exists', () => {
    const d = dir();
    const input = path.join(d, 'in.yaml');
    fs.writeFileSync(input, NS);
    expect(() =>
      checkWriteTarget(input, { ...OPTS, overwrite: true, others: [{ path: input, field: 'FILE' }] }),
    ).toThrow(
      /in\.yaml is the same file as FILE \(.*\); writing it would destroy FILE; fix: write file to a file other than FILE/,
    );
    expect(checkWriteTarget(path.join(d, 'new.yaml'), { ...OPTS, others: [{ path: input, field: 'FILE' }] })).toEqual({
      exists: false,
    });
  });
});

describe('the CLI', () => {
  test('matrix --output c.yaml c.yaml: exit 2, with or without --force, the input untouched', () => {
    const d = dir();
    const c = path.join(d, 'c.yaml');
    fs.writeFileSync(c, NS);
    for (const force of [[], ['--force']]) {
      const r = cli(['matrix', '--ports', '80/TCP', '--output', c, ...force, c]);
      expect(r.code).toBe(2);
      expect(r.err).toMatch(
        /^cdk8s-calico matrix: --output: .*c\.yaml is the same file as an input file .*; fix: write --output to a file other than an input file\n$/,
      );
    }
    expect(fs.readFileSync(c, 'utf8')).toBe(NS);
  });

  test('matrix --output: an existing file needs --force; then it is replaced', () => {
    const d = dir();
    const c = path.join(d, 'c.yaml');
    const out = path.join(d, 'm.txt');
    fs.writeFileSync(c, NS);
    fs.writeFileSync(out, 'old');
    const refused = cli(['matrix', '--ports', '80/TCP', '--output', out, c]);
    expect(refused).toMatchObject({ code: 2, out: '' });
    expect(refused.err).toMatch(
      /--output: .*m\.txt exists already; fix: pick another path, or pass --force to replace it/,
    );
    expect(fs.readFileSync(out, 'utf8')).toBe('old');
    const forced = cli(['matrix', '--ports', '80/TCP', '--output', out, '--force', c]);
    expect(forced.code).toBe(0);
    expect(fs.readFileSync(out, 'utf8')).toContain('80/TCP');
  });

  test('csr: --force replaces both files; --overwrite still works; a CSR linked to the key is refused and the key kept', () => {
    const d = dir();
    const key = path.join(d, 'k.key');
    const csr = path.join(d, 'k.csr');
    expect(cli(['csr', '--user', 'li', '--key-out', key, '--csr-out', csr]).code).toBe(0);
    const first = fs.readFileSync(key, 'utf8');
    const again = cli(['csr', '--user', 'li', '--key-out', key, '--csr-out', csr]);
    expect(again.code).toBe(2);
    expect(again.err).toMatch(
      /^cdk8s-calico csr: --key-out: .*k\.key exists already \(a new key would orphan any certificate issued for it\); fix: .*pass --force/,
    );
    expect(cli(['csr', '--user', 'li', '--key-out', key, '--csr-out', csr, '--force']).code).toBe(0);
    expect(cli(['csr', '--user', 'li', '--key-out', key, '--csr-out', csr, '--overwrite']).code).toBe(0);
    expect(fs.readFileSync(key, 'utf8')).not.toBe(first);
    const kept = fs.readFileSync(key, 'utf8');
    fs.symlinkSync(key, path.join(d, 'to-key.csr'));
    const linked = cli(['csr', '--user', 'li', '--key-out', key, '--csr-out', path.join(d, 'to-key.csr'), '--force']);
    expect(linked.code).toBe(2);
    expect(linked.err).toMatch(
      /--csr-out: .*to-key\.csr and --key-out .*k\.key are the same file \(through a link or another spelling\); fix:/,
    );
    expect(fs.readFileSync(key, 'utf8')).toBe(kept);
  });
});

test('main(): an fs error no command worded still reads as path + fix, exit 2, no raw errno or stack', () => {
  const d = dir();
  fs.writeFileSync(path.join(d, 'ok.yaml'), NS);
  fs.symlinkSync(path.join(d, 'gone.yaml'), path.join(d, 'dangling.yaml'));
  const r = cli(['matrix', '--ports', '80/TCP', d]);
  expect(r.code).toBe(2);
  expect(r.err).toMatch(/dangling\.yaml/);
  expect(r.err).toMatch(/fix: \S/);
  expect(r.err).not.toMatch(/\b(ENOENT|ELOOP|EACCES): |\n\s+at /);
});

describe('credentials', () => {
  test('generateClientCredentials checks the CSR target before writing the key: a refusal writes nothing', () => {
    const d = dir();
    fs.writeFileSync(path.join(d, 'u.csr'), 'old csr');
    expect(() =>
      generateClientCredentials({ user: 'u', keyFile: path.join(d, 'u.key'), csrFile: path.join(d, 'u.csr') }),
    ).toThrow(/^\[generateClientCredentials\] csrFile: .*u\.csr exists already; fix: .*overwrite: true/);
    expect(fs.existsSync(path.join(d, 'u.key'))).toBe(false);
  });

  test('generateClientCredentials removes a new key when the CSR cannot be written', () => {
    const d = dir();
    const realOpen = fs.openSync;
    jest.spyOn(fs, 'openSync').mockImplementation(((p: fs.PathLike, flags: any, mode?: any) => {
      if (String(p).includes('.u.csr.')) throw errno('ENOSPC', 'open');
      return realOpen(p, flags, mode);
    }) as typeof fs.openSync);
    expect(() =>
      generateClientCredentials({ user: 'u', keyFile: path.join(d, 'u.key'), csrFile: path.join(d, 'u.csr') }),
    ).toThrow(/csrFile: cannot write .*u\.csr: no space left on the device \(ENOSPC\)/);
    jest.restoreAllMocks();
    expect(fs.readdirSync(d)).toEqual([]);
  });

  test('writeKubeconfig never writes onto a file it references, even relative to its own folder (as kubectl resolves it)', () => {
    const d = dir();
    fs.writeFileSync(path.join(d, 'wang.key'), 'key');
    const options = {
      clusterName: 'k',
      server: 'https://k:6443',
      user: { name: 'wang', clientCertificateFile: 'wang.crt', clientKeyFile: 'wang.key' },
    };
    expect(() => writeKubeconfig(path.join(d, 'wang.key'), options, { overwrite: true })).toThrow(
      /^\[writeKubeconfig\] path: .*wang\.key is the same file as user\.clientKeyFile \(.*wang\.key.*\); writing it would destroy/,
    );
    expect(fs.readFileSync(path.join(d, 'wang.key'), 'utf8')).toBe('key');
  });

  test('writeKubeconfig writes 0600 from the first byte and refuses a symbolic link even with overwrite', () => {
    const d = dir();
    const options = { clusterName: 'k', server: 'https://k:6443', user: { name: 'wang', token: 'abc' } };
    writeKubeconfig(path.join(d, 'a.conf'), options);
    expect(fs.statSync(path.join(d, 'a.conf')).mode & 0o777).toBe(0o600);
    fs.symlinkSync(path.join(d, 'a.conf'), path.join(d, 'b.conf'));
    expect(() => writeKubeconfig(path.join(d, 'b.conf'), options, { overwrite: true })).toThrow(
      /\[writeKubeconfig\] path: .*b\.conf is a symbolic link/,
    );
  });
});

describe('describeFsError', () => {
  test.each([
    ['ENOENT', 'read', /^cannot read \/x\/y: no such file or folder \(ENOENT\); fix: /],
    [
      'ENOENT',
      'write',
      /^cannot write \/x\/y: its folder \/x does not exist \(ENOENT\); fix: create the folder first \(mkdir -p \/x\)/,
    ],
    ['EACCES', 'read', /permission denied \(EACCES\); fix: fix the permissions of \/x\/y/],
    ['EACCES', 'list', /run as a user who may list it/],
    ['EISDIR', 'read', /it is a folder, where a file is expected/],
    ['ENOTDIR', 'list', /it is not a folder \(ENOTDIR\)/],
    ['ELOOP', 'read', /link loop/],
    ['ENOSPC', 'write', /no space left/],
    ['EROFS', 'write', /read-only/],
    ['EEXIST', 'create', /exists already \(EEXIST\)/],
    ['EWHATEVER', 'read', /the file system refused \(EWHATEVER\); fix:/],
  ])('%s while %s', (code, action, message) => {
    const text = describeFsError(errno(code, 'open'), '/x/y', action);
    expect(text).toMatch(message);
    expect(text).not.toMatch(/\bE[A-Z]+:/);
  });

  test('a dangling symbolic link read reads as one, not as a missing file', () => {
    const d = dir();
    fs.symlinkSync(path.join(d, 'gone.yaml'), path.join(d, 'link.yaml'));
    let err: unknown;
    try {
      fs.readFileSync(path.join(d, 'link.yaml'));
    } catch (e) {
      err = e;
    }
    expect(isFsError(err)).toBe(true);
    expect(describeFsError(err, path.join(d, 'link.yaml'), 'read')).toMatch(
      /it is a symbolic link to .*gone\.yaml, which does not exist \(ENOENT\); fix: repair or remove the link/,
    );
  });

  test('an error without an errno keeps its message, minus any raw errno prefix', () => {
    expect(describeFsError(new Error('EBADF: bad'), '/f', 'read')).toBe(
      'cannot read /f: the file system refused: bad; fix: check the path and its permissions, or pick another path',
    );
    expect(isFsError(new Error('x'))).toBe(false);
  });

  test('actionOfSyscall', () => {
    expect(['scandir', 'lstat', 'open', 'rename', undefined].map(actionOfSyscall)).toEqual([
      'list',
      'inspect',
      'read',
      'write',
      'read',
    ]);
  });
});

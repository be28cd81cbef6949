// Bad inputs where files are written (issue 11, item 5): `matrix --output`, `csr --key-out/--csr-out`,
// generateClientCredentials and writeKubeconfig. Each row builds its own files in a fresh temporary folder; disk-full,
// permission and read-only faults are mocked (the suite runs as root, where permissions never refuse).
import fs = require('fs');
import * as path from 'path';
import { generateClientCredentials } from '../../../lib/access/credentials/client-credentials';
import { KubeconfigOptions, writeKubeconfig } from '../../../lib/access/credentials/kubeconfig';
import { cli, fileFixtures, withFsFault } from '../file-fixtures';
import { BadInput, Outcome } from '../harness';

const fixtures = fileFixtures('bad-files-');
const fx = fixtures.fx;

/** Removes every folder the rows made (called by the runner after the table). */
export const cleanupFileFixtures = fixtures.cleanup;

/**
 * Runs `fn` while `fs[method]` fails with `code` for the temporary files of safe writes (names
 * `.<target>.<pid>...tmp`).
 */
function withFault<T>(method: 'openSync' | 'writeSync' | 'fsyncSync', code: string, fn: () => T): T {
  return withFsFault(method, code, (args) => method !== 'openSync' || /\.tmp$/.test(String(args[0])), fn);
}

/** `matrix --ports 80/TCP --output OUT [...extra] INPUTS...` */
function matrix(out: string, inputs: string[], ...extra: string[]): { code: number; stderr: string } {
  return cli(['matrix', '--ports', '80/TCP', '--output', out, ...extra, ...inputs]);
}

/** `csr --user li --key-out KEY --csr-out CSR [...extra]` */
function csr(key: string, csrOut: string, ...extra: string[]): { code: number; stderr: string } {
  return cli(['csr', '--user', 'li', '--key-out', key, '--csr-out', csrOut, ...extra]);
}

function credentials(options: Record<string, unknown>): unknown {
  return generateClientCredentials({ user: 'li', ...options } as any);
}

const TOKEN_USER: KubeconfigOptions = {
  clusterName: 'k',
  server: 'https://kubeapi.example.org:6443',
  user: { name: 'wang', token: 'abc' },
};

function certUser(key: string, extra: Partial<KubeconfigOptions> = {}): KubeconfigOptions {
  return { ...TOKEN_USER, ...extra, user: { name: 'wang', clientCertificateFile: 'wang.crt', clientKeyFile: key } };
}

const MATRIX: BadInput[] = [
  {
    name: 'matrix --output names its own input (c.yaml c.yaml)',
    outcome: Outcome.CLI,
    field: '--output',
    mentions: /same file as an input file/,
    run: () => {
      const f = fx();
      const c = f.file('c.yaml');
      return matrix(c, [c]);
    },
  },
  {
    name: 'matrix --output names its own input, with --force',
    outcome: Outcome.CLI,
    field: '--output',
    mentions: /writing it would destroy an input file/,
    run: () => {
      const f = fx();
      const c = f.file('c.yaml');
      return matrix(c, [c], '--force');
    },
  },
  {
    name: 'matrix --output is the input spelt another way (sub/../c.yaml)',
    outcome: Outcome.CLI,
    field: '--output',
    mentions: /through a link or another spelling/,
    run: () => {
      const f = fx();
      const c = f.file('c.yaml');
      fs.mkdirSync(f.p('sub'));
      return matrix(`${f.dir}/sub/../c.yaml`, [c], '--force');
    },
  },
  {
    name: 'matrix --output is a hard link to the input',
    outcome: Outcome.CLI,
    field: '--output',
    mentions: /same file as an input file/,
    run: () => {
      const f = fx();
      const c = f.file('c.yaml');
      return matrix(f.hard(c, 'm.yaml'), [c], '--force');
    },
  },
  {
    name: 'matrix --output is the input reached through a linked folder',
    outcome: Outcome.CLI,
    field: '--output',
    mentions: /same file as an input file/,
    run: () => {
      const f = fx();
      const c = f.file('c.yaml');
      f.link(f.dir, 'alias');
      return matrix(path.join(f.p('alias'), 'c.yaml'), [c], '--force');
    },
  },
  {
    name: 'matrix --output is a symbolic link to the input',
    outcome: Outcome.CLI,
    field: '--output',
    mentions: /symbolic link/,
    run: () => {
      const f = fx();
      const c = f.file('c.yaml');
      return matrix(f.link(c, 'm.yaml'), [c], '--force');
    },
  },
  {
    name: 'matrix --output is a symbolic link to another file',
    outcome: Outcome.CLI,
    field: '--output',
    mentions: /a write would land in the link's target/,
    run: () => {
      const f = fx();
      const c = f.file('c.yaml');
      return matrix(f.link(f.file('victim', 'keep'), 'm.txt'), [c], '--force');
    },
  },
  {
    name: 'matrix --output is a dangling symbolic link',
    outcome: Outcome.CLI,
    field: '--output',
    mentions: /symbolic link \(to .*nowhere\)/,
    run: () => {
      const f = fx();
      const c = f.file('c.yaml');
      return matrix(f.link(f.p('nowhere'), 'm.txt'), [c]);
    },
  },
  {
    name: 'matrix --output exists, no --force',
    outcome: Outcome.CLI,
    field: '--output',
    mentions: /exists already; fix: pick another path, or pass --force/,
    run: () => {
      const f = fx();
      const c = f.file('c.yaml');
      return matrix(f.file('m.txt', 'old'), [c]);
    },
  },
  {
    name: 'matrix --output is a folder',
    outcome: Outcome.CLI,
    field: '--output',
    mentions: /it is a folder \(EISDIR\)/,
    run: () => {
      const f = fx();
      const c = f.file('c.yaml');
      fs.mkdirSync(f.p('out'));
      return matrix(f.p('out'), [c], '--force');
    },
  },
  {
    name: 'matrix --output in a folder that does not exist',
    outcome: Outcome.CLI,
    field: '--output',
    mentions: /does not exist \(ENOENT\); fix: create the folder first/,
    run: () => {
      const f = fx();
      const c = f.file('c.yaml');
      return matrix(path.join(f.p('reports'), 'm.html'), [c]);
    },
  },
  {
    name: 'matrix --output under a regular file',
    outcome: Outcome.CLI,
    field: '--output',
    mentions: /not a folder \(ENOTDIR\)/,
    run: () => {
      const f = fx();
      const c = f.file('c.yaml');
      return matrix(path.join(c, 'm.html'), [c]);
    },
  },
  {
    name: 'matrix --output through a symbolic link loop',
    outcome: Outcome.CLI,
    field: '--output',
    mentions: /link loop\) \(ELOOP\)/,
    run: () => {
      const f = fx();
      const c = f.file('c.yaml');
      return matrix(path.join(f.loop('loop-a', 'loop-b'), 'm.html'), [c]);
    },
  },
  {
    name: 'matrix --output is a manifest inside the input folder',
    outcome: Outcome.CLI,
    field: '--output',
    mentions: /same file as an input file/,
    run: () => {
      const f = fx();
      const c = f.file('c.yaml');
      return matrix(c, [f.dir], '--force');
    },
  },
  {
    name: 'matrix --output /dev/null',
    outcome: Outcome.CLI,
    field: '--output',
    mentions: /not a regular file/,
    run: () => {
      const f = fx();
      return matrix('/dev/null', [f.file('c.yaml')], '--force');
    },
  },
  {
    name: 'matrix --output on a full disk',
    outcome: Outcome.CLI,
    field: '--output',
    mentions: /no space left on the device \(ENOSPC\)/,
    run: () => {
      const f = fx();
      const c = f.file('c.yaml');
      return withFault('writeSync', 'ENOSPC', () => matrix(f.p('m.txt'), [c]));
    },
  },
  {
    name: 'matrix --output in a folder it may not write',
    outcome: Outcome.CLI,
    field: '--output',
    mentions: /permission denied \(EACCES\)/,
    run: () => {
      const f = fx();
      const c = f.file('c.yaml');
      return withFault('openSync', 'EACCES', () => matrix(f.p('m.txt'), [c]));
    },
  },
  {
    name: 'matrix --froce (a misspelt --force)',
    outcome: Outcome.CLI,
    field: '--froce',
    mentions: /did you mean --force\?/,
    run: () => {
      const f = fx();
      const c = f.file('c.yaml');
      return matrix(f.file('m.txt', 'old'), [c], '--froce');
    },
  },
  {
    name: 'matrix --force=yes',
    outcome: Outcome.CLI,
    field: '--force',
    mentions: /takes no value/,
    run: () => {
      const f = fx();
      const c = f.file('c.yaml');
      return matrix(f.p('m.txt'), [c], '--force=yes');
    },
  },
  {
    name: 'matrix --output= (empty)',
    outcome: Outcome.CLI,
    field: '--output',
    mentions: /needs a value/,
    run: () => {
      const f = fx();
      return cli(['matrix', '--ports', '80/TCP', '--output=', f.file('c.yaml')]);
    },
  },
  {
    name: 'matrix --output on a read-only file system',
    outcome: Outcome.CLI,
    field: '--output',
    mentions: /read-only \(EROFS\)/,
    run: () => {
      const f = fx();
      const c = f.file('c.yaml');
      return withFault('openSync', 'EROFS', () => matrix(f.p('m.txt'), [c]));
    },
  },
];

const CSR: BadInput[] = [
  {
    name: 'csr --key-out exists, no --force',
    outcome: Outcome.CLI,
    field: '--key-out',
    mentions: /orphan any certificate.*fix: .*pass --force/,
    run: () => {
      const f = fx();
      return csr(f.file('li.key', 'old key'), f.p('li.csr'));
    },
  },
  {
    name: 'csr --csr-out exists, no --force',
    outcome: Outcome.CLI,
    field: '--csr-out',
    mentions: /exists already/,
    run: () => {
      const f = fx();
      return csr(f.p('li.key'), f.file('li.csr', 'old csr'));
    },
  },
  {
    name: 'csr --key-out is a symbolic link, with --force',
    outcome: Outcome.CLI,
    field: '--key-out',
    mentions: /symbolic link/,
    run: () => {
      const f = fx();
      return csr(f.link(f.file('elsewhere', 'x'), 'li.key'), f.p('li.csr'), '--force');
    },
  },
  {
    name: 'csr --key-out is a dangling symbolic link',
    outcome: Outcome.CLI,
    field: '--key-out',
    mentions: /symbolic link/,
    run: () => {
      const f = fx();
      return csr(f.link('/tmp/planted-by-someone', 'li.key'), f.p('li.csr'));
    },
  },
  {
    name: 'csr --csr-out is a symbolic link to the key',
    outcome: Outcome.CLI,
    field: '--csr-out',
    mentions: /are the same file/,
    run: () => {
      const f = fx();
      const key = f.file('li.key', 'key');
      return csr(key, f.link(key, 'li.csr'), '--force');
    },
  },
  {
    name: 'csr --csr-out is a hard link to the key',
    outcome: Outcome.CLI,
    field: '--csr-out',
    mentions: /are the same file/,
    run: () => {
      const f = fx();
      const key = f.file('li.key', 'key');
      return csr(key, f.hard(key, 'li.csr'), '--force');
    },
  },
  {
    name: 'csr --key-out and --csr-out name one file',
    outcome: Outcome.CLI,
    field: '--csr-out',
    mentions: /are the same file; fix: write --csr-out and --key-out to different files/,
    run: () => {
      const f = fx();
      return csr(f.p('li.pem'), f.p('li.pem'));
    },
  },
  {
    name: 'csr --key-out and --csr-out name one file spelt two ways',
    outcome: Outcome.CLI,
    field: '--csr-out',
    mentions: /are the same file/,
    run: () => {
      const f = fx();
      return csr(f.p('li.pem'), `${f.dir}/./li.pem`);
    },
  },
  {
    name: 'csr --key-out in a folder that does not exist',
    outcome: Outcome.CLI,
    field: '--key-out',
    mentions: /mkdir -p/,
    run: () => {
      const f = fx();
      return csr(path.join(f.p('keys'), 'li.key'), f.p('li.csr'));
    },
  },
  {
    name: 'csr --key-out is a folder',
    outcome: Outcome.CLI,
    field: '--key-out',
    mentions: /it is a folder/,
    run: () => {
      const f = fx();
      return csr(f.dir, f.p('li.csr'), '--force');
    },
  },
  {
    name: 'csr --csr-out under a regular file',
    outcome: Outcome.CLI,
    field: '--csr-out',
    mentions: /ENOTDIR/,
    run: () => {
      const f = fx();
      return csr(f.p('li.key'), path.join(f.file('plain'), 'li.csr'));
    },
  },
  {
    name: 'csr --key-out through a symbolic link loop',
    outcome: Outcome.CLI,
    field: '--key-out',
    mentions: /ELOOP/,
    run: () => {
      const f = fx();
      return csr(path.join(f.loop('loop-a', 'loop-b'), 'li.key'), f.p('li.csr'));
    },
  },
  {
    name: 'csr --key-out on a full disk',
    outcome: Outcome.CLI,
    field: '--key-out',
    mentions: /ENOSPC/,
    run: () => {
      const f = fx();
      return withFault('writeSync', 'ENOSPC', () => csr(f.p('li.key'), f.p('li.csr')));
    },
  },
  {
    name: 'csr --key-out in a folder it may not write',
    outcome: Outcome.CLI,
    field: '--key-out',
    mentions: /EACCES/,
    run: () => {
      const f = fx();
      return withFault('openSync', 'EACCES', () => csr(f.p('li.key'), f.p('li.csr')));
    },
  },
  {
    name: 'csr --csr-out /dev/null',
    outcome: Outcome.CLI,
    field: '--csr-out',
    mentions: /not a regular file/,
    run: () => {
      const f = fx();
      return csr(f.p('li.key'), '/dev/null', '--force');
    },
  },
];

const G = 'generateClientCredentials';

const CREDENTIALS: BadInput[] = [
  {
    name: 'keyFile exists',
    outcome: Outcome.CALL,
    where: G,
    field: 'keyFile',
    mentions: /orphan any certificate.*pass overwrite: true/,
    run: () => {
      const f = fx();
      return credentials({ keyFile: f.file('li.key', 'old') });
    },
  },
  {
    name: 'keyFile is a symbolic link, with overwrite',
    outcome: Outcome.CALL,
    where: G,
    field: 'keyFile',
    mentions: /symbolic link/,
    run: () => {
      const f = fx();
      return credentials({ keyFile: f.link(f.file('target', 'x'), 'li.key'), overwrite: true });
    },
  },
  {
    name: 'csrFile is a symbolic link to keyFile',
    outcome: Outcome.CALL,
    where: G,
    field: 'csrFile',
    mentions: /same file/,
    run: () => {
      const f = fx();
      const key = f.file('li.key', 'k');
      return credentials({ keyFile: key, csrFile: f.link(key, 'li.csr'), overwrite: true });
    },
  },
  {
    name: 'csrFile is a hard link to keyFile',
    outcome: Outcome.CALL,
    where: G,
    field: 'csrFile',
    mentions: /same file/,
    run: () => {
      const f = fx();
      const key = f.file('li.key', 'k');
      return credentials({ keyFile: key, csrFile: f.hard(key, 'li.csr'), overwrite: true });
    },
  },
  {
    name: 'csrFile equals keyFile',
    outcome: Outcome.CALL,
    where: G,
    field: 'csrFile',
    mentions: /same file; fix:/,
    run: () => {
      const f = fx();
      return credentials({ keyFile: f.p('li.pem'), csrFile: f.p('li.pem') });
    },
  },
  {
    name: 'keyFile in a folder that does not exist',
    outcome: Outcome.CALL,
    where: G,
    field: 'keyFile',
    mentions: /ENOENT.*mkdir -p/,
    run: () => {
      const f = fx();
      return credentials({ keyFile: path.join(f.p('keys'), 'li.key') });
    },
  },
  {
    name: 'keyFile is a folder',
    outcome: Outcome.CALL,
    where: G,
    field: 'keyFile',
    mentions: /EISDIR/,
    run: () => {
      const f = fx();
      return credentials({ keyFile: f.dir, overwrite: true });
    },
  },
  {
    name: 'keyFile missing (plain JS)',
    outcome: Outcome.CALL,
    where: G,
    field: 'keyFile',
    mentions: /got undefined/,
    run: () => credentials({}),
  },
  {
    name: 'keyFile a number',
    outcome: Outcome.CALL,
    where: G,
    field: 'keyFile',
    mentions: /got 42/,
    run: () => credentials({ keyFile: 42 }),
  },
  {
    name: 'overwrite the string "yes" (from YAML)',
    outcome: Outcome.CALL,
    where: G,
    field: 'overwrite',
    mentions: /the string "yes"/,
    run: () => {
      const f = fx();
      return credentials({ keyFile: f.file('li.key', 'old'), overwrite: 'yes' });
    },
  },
  {
    name: 'csrFile an empty string',
    outcome: Outcome.CALL,
    where: G,
    field: 'csrFile',
    mentions: /an empty string/,
    run: () => {
      const f = fx();
      return credentials({ keyFile: f.p('li.key'), csrFile: '' });
    },
  },
  {
    name: 'csrFile exists',
    outcome: Outcome.CALL,
    where: G,
    field: 'csrFile',
    mentions: /exists already/,
    run: () => {
      const f = fx();
      return credentials({ keyFile: f.p('li.key'), csrFile: f.file('li.csr', 'old') });
    },
  },
  {
    name: 'keyFile under a regular file',
    outcome: Outcome.CALL,
    where: G,
    field: 'keyFile',
    mentions: /ENOTDIR/,
    run: () => {
      const f = fx();
      return credentials({ keyFile: path.join(f.file('plain'), 'li.key') });
    },
  },
  {
    name: 'options null',
    outcome: Outcome.CALL,
    where: G,
    field: 'options',
    mentions: /got null/,
    run: () => generateClientCredentials(null as any),
  },
  {
    name: 'keyFile with a NUL byte',
    outcome: Outcome.CALL,
    where: G,
    field: 'keyFile',
    mentions: /without NUL bytes/,
    run: () => {
      const f = fx();
      return credentials({ keyFile: `${f.p('li')}\0.key` });
    },
  },
  {
    name: 'keyFile through a symbolic link loop',
    outcome: Outcome.CALL,
    where: G,
    field: 'keyFile',
    mentions: /ELOOP/,
    run: () => {
      const f = fx();
      return credentials({ keyFile: path.join(f.loop('loop-a', 'loop-b'), 'li.key') });
    },
  },
  {
    name: 'keyFile on a full disk',
    outcome: Outcome.CALL,
    where: G,
    field: 'keyFile',
    mentions: /ENOSPC/,
    run: () => {
      const f = fx();
      return withFault('fsyncSync', 'ENOSPC', () => credentials({ keyFile: f.p('li.key') }));
    },
  },
];

const K = 'writeKubeconfig';

const KUBECONFIG: BadInput[] = [
  {
    name: 'path exists (it may hold other clusters)',
    outcome: Outcome.CALL,
    where: K,
    field: 'path',
    mentions: /kubectl config view --flatten.*overwrite: true/,
    run: () => {
      const f = fx();
      return writeKubeconfig(f.file('config', 'other clusters'), TOKEN_USER);
    },
  },
  {
    name: 'path is a symbolic link, with overwrite',
    outcome: Outcome.CALL,
    where: K,
    field: 'path',
    mentions: /symbolic link/,
    run: () => {
      const f = fx();
      return writeKubeconfig(f.link(f.file('real', 'x'), 'config'), TOKEN_USER, { overwrite: true });
    },
  },
  {
    name: 'path is a dangling symbolic link',
    outcome: Outcome.CALL,
    where: K,
    field: 'path',
    mentions: /symbolic link/,
    run: () => {
      const f = fx();
      return writeKubeconfig(f.link(f.p('gone'), 'config'), TOKEN_USER);
    },
  },
  {
    name: 'path is the client key file, with overwrite',
    outcome: Outcome.CALL,
    where: K,
    field: 'path',
    mentions: /same file as user\.clientKeyFile/,
    run: () => {
      const f = fx();
      const key = f.file('wang.key', 'key');
      return writeKubeconfig(key, certUser(key), { overwrite: true });
    },
  },
  {
    name: 'path is the CA file',
    outcome: Outcome.CALL,
    where: K,
    field: 'path',
    mentions: /same file as certificateAuthorityFile/,
    run: () => {
      const f = fx();
      const ca = f.file('ca.crt', 'ca');
      return writeKubeconfig(ca, { ...TOKEN_USER, certificateAuthorityFile: ca }, { overwrite: true });
    },
  },
  {
    name: 'path is a hard link to the key file',
    outcome: Outcome.CALL,
    where: K,
    field: 'path',
    mentions: /user\.clientKeyFile/,
    run: () => {
      const f = fx();
      const key = f.file('wang.key', 'key');
      return writeKubeconfig(f.hard(key, 'config'), certUser(key), { overwrite: true });
    },
  },
  {
    name: 'path is the relative key file as kubectl resolves it',
    outcome: Outcome.CALL,
    where: K,
    field: 'path',
    mentions: /user\.clientKeyFile/,
    run: () => {
      const f = fx();
      f.file('wang.key', 'key');
      return writeKubeconfig(f.p('wang.key'), certUser('wang.key'), { overwrite: true });
    },
  },
  {
    name: 'path is the token file',
    outcome: Outcome.CALL,
    where: K,
    field: 'path',
    mentions: /user\.tokenFile/,
    run: () => {
      const f = fx();
      const t = f.file('token', 'abc');
      return writeKubeconfig(t, { ...TOKEN_USER, user: { name: 'wang', tokenFile: t } }, { overwrite: true });
    },
  },
  {
    name: 'path in a folder that does not exist',
    outcome: Outcome.CALL,
    where: K,
    field: 'path',
    mentions: /mkdir -p/,
    run: () => {
      const f = fx();
      return writeKubeconfig(path.join(f.p('.kube'), 'config'), TOKEN_USER);
    },
  },
  {
    name: 'path is a folder',
    outcome: Outcome.CALL,
    where: K,
    field: 'path',
    mentions: /EISDIR/,
    run: () => {
      const f = fx();
      return writeKubeconfig(f.dir, TOKEN_USER, { overwrite: true });
    },
  },
  {
    name: 'path missing (plain JS)',
    outcome: Outcome.CALL,
    where: K,
    field: 'path',
    mentions: /got undefined/,
    run: () => writeKubeconfig(undefined as any, TOKEN_USER),
  },
  {
    name: 'overwrite the string "true"',
    outcome: Outcome.CALL,
    where: K,
    field: 'writeOptions.overwrite',
    mentions: /the string "true"/,
    run: () => {
      const f = fx();
      return writeKubeconfig(f.file('config', 'old'), TOKEN_USER, { overwrite: 'true' as any });
    },
  },
  {
    name: 'writeOptions null',
    outcome: Outcome.CALL,
    where: K,
    field: 'writeOptions',
    mentions: /got null/,
    run: () => {
      const f = fx();
      return writeKubeconfig(f.p('config'), TOKEN_USER, null as any);
    },
  },
  {
    name: 'path in a folder it may not write',
    outcome: Outcome.CALL,
    where: K,
    field: 'path',
    mentions: /EACCES/,
    run: () => {
      const f = fx();
      return withFault('openSync', 'EACCES', () => writeKubeconfig(f.p('config'), TOKEN_USER));
    },
  },
  {
    name: 'path on a read-only file system',
    outcome: Outcome.CALL,
    where: K,
    field: 'path',
    mentions: /EROFS/,
    run: () => {
      const f = fx();
      return withFault('openSync', 'EROFS', () => writeKubeconfig(f.p('config'), TOKEN_USER));
    },
  },
];

export const ROWS: BadInput[] = [...MATRIX, ...CSR, ...CREDENTIALS, ...KUBECONFIG];

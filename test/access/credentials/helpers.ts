// Shared by the credentials tests: a fresh temporary folder per test file, and openssl (when the machine has it) as
// the independent X.509 implementation the library's output is checked against.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A temporary folder, removed after the test file. */
export function tempDir(): { path: (name: string) => string } {
  const dir = mkdtempSync(join(tmpdir(), 'cdk8s-calico-cred-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  return { path: (name: string) => join(dir, name) };
}

/** True when `openssl` runs here. */
export const HAS_OPENSSL = spawnSync('openssl', ['version']).status === 0;

/** Runs openssl and returns stdout + stderr (openssl prints verification results on stderr); throws on failure. */
export function openssl(...args: string[]): string {
  const r = spawnSync('openssl', args, { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`openssl ${args.join(' ')} failed: ${r.stderr}`);
  return `${r.stdout}${r.stderr}`;
}

/**
 * A throwaway CA (docs/scenarios.md#004's /etc/kubernetes/pki/ca.crt stand-in): returns the paths of its cert and key.
 */
export function makeCa(path: (name: string) => string, name = 'ca'): { crt: string; key: string } {
  const crt = path(`${name}.crt`);
  const key = path(`${name}.key`);
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:P-256',
      '-nodes',
      '-keyout',
      key,
      '-out',
      crt,
      '-subj',
      `/CN=${name}`,
      '-days',
      '2',
    ],
    { stdio: 'pipe' },
  );
  return { crt, key };
}

/**
 * Signs a CSR file with the CA as docs/scenarios.md#004 does (`openssl x509 -req -CA ...`); `days` may be negative
 * (expired).
 */
export function signCsr(ca: { crt: string; key: string }, csrFile: string, crtFile: string, days = 1): string {
  openssl(
    'x509',
    '-req',
    '-in',
    csrFile,
    '-CA',
    ca.crt,
    '-CAkey',
    ca.key,
    '-set_serial',
    '7',
    '-days',
    String(days),
    '-out',
    crtFile,
  );
  return crtFile;
}

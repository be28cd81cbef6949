// `cdk8s-calico csr`: runCsr with parsed arguments, as main() will call it once the command is registered.
import { readFileSync, statSync } from 'node:fs';
import { parseCsr } from '../../../lib/access/credentials/csr-parse';
import { parseArgs, UsageError } from '../../../lib/cli/args';
import { CSR_ARGS, runCsr } from '../../../lib/cli/credentials-command';
import { tempDir } from './helpers';

const tmp = tempDir();

function run(argv: string[]): { code: number; out: string } {
  let out = '';
  const code = runCsr(parseArgs(argv, CSR_ARGS), (s) => {
    out += s;
  });
  return { code, out };
}

test('writes the key (0600) and the CSR for CN=wang, O=dev, O=ops, and says what to do next', () => {
  const key = tmp.path('wang.key');
  const csr = tmp.path('wang.csr');
  const r = run([
    '--user',
    'wang',
    '--groups',
    'dev,ops',
    '--key-out',
    key,
    '--csr-out',
    csr,
    '--algorithm',
    'rsa-2048',
  ]);
  expect(r.code).toBe(0);
  expect(statSync(key).mode & 0o777).toBe(0o600);
  expect(parseCsr(readFileSync(csr, 'utf8'), 't')).toMatchObject({
    commonName: 'wang',
    organizations: ['dev', 'ops'],
    publicKey: 'rsa-2048',
    signatureValid: true,
  });
  expect(r.out).toContain(`wrote ${key}: private key (rsa-2048), mode 0600`);
  expect(r.out).toContain(`wrote ${csr}: certificate signing request for CN=wang, O=dev, O=ops`);
  expect(r.out).toContain(
    `ClusterUser.fromCsrFile(chart, id, { name: "wang", groups: ["dev","ops"], csrFile: ${JSON.stringify(csr)} })`,
  );
});

test('an existing key is kept unless --overwrite', () => {
  const key = tmp.path('li.key');
  const args = ['--user', 'li', '--key-out', key, '--csr-out', tmp.path('li.csr')];
  run(args);
  const before = readFileSync(key, 'utf8');
  expect(() => run(args)).toThrow(/exists already.*fix: .*--force/);
  expect(readFileSync(key, 'utf8')).toBe(before);
  expect(run([...args, '--overwrite']).code).toBe(0);
  expect(readFileSync(key, 'utf8')).not.toBe(before);
});

test.each([
  [['--groups', 'dev', '--key-out', 'k', '--csr-out', 'c'], /--user is required/],
  [['--user', 'u', '--csr-out', 'c'], /--key-out is required/],
  [
    ['--user', 'u', '--key-out', 'k', '--csr-out', 'c', '--algorithm', 'dsa'],
    /--algorithm must be one of ecdsa-p256, rsa-2048, rsa-4096/,
  ],
  [['--user', 'u', '--key-out', 'k', '--csr-out', 'c', '--groups', 'a,,b'], /empty group/],
  [['--user', 'u', '--key-out', 'k', '--csr-out', 'c', 'extra'], /takes no file arguments/],
])('usage error %j', (argv, message) => {
  let error: unknown;
  try {
    run(argv);
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(UsageError);
  expect((error as Error).message).toMatch(message);
});

test('system:masters is refused before any file is written', () => {
  const key = tmp.path('admin.key');
  expect(() =>
    run(['--user', 'admin', '--groups', 'system:masters', '--key-out', key, '--csr-out', tmp.path('admin.csr')]),
  ).toThrow(/system:masters/);
  expect(() => statSync(key)).toThrow(/ENOENT/);
});

// generateClientCredentials and parseCsr: real keys in a temporary folder, each CSR checked by the library and, where
// the machine has it, by openssl (`req -verify`), docs/scenarios.md#004's own tool (chapter 1.1).
import { createPrivateKey, createPublicKey } from 'node:crypto';
import { chmodSync, existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { ClientKeyAlgorithm, generateClientCredentials } from '../../../lib/access/credentials/client-credentials';
import { parseCsr } from '../../../lib/access/credentials/csr-parse';
import { pemBlocks, toPem } from '../../../lib/access/credentials/pem';
import { HAS_OPENSSL, openssl, tempDir } from './helpers';

const tmp = tempDir();
const withOpenssl = HAS_OPENSSL ? test : test.skip;

describe.each([
  [ClientKeyAlgorithm.ECDSA_P256, 'ecdsa-with-SHA256', 'ec'],
  [ClientKeyAlgorithm.RSA_2048, 'sha256WithRSAEncryption', 'rsa'],
  [ClientKeyAlgorithm.RSA_4096, 'sha256WithRSAEncryption', 'rsa'],
] as const)('generateClientCredentials, %s', (algorithm, signature, keyType) => {
  const keyFile = tmp.path(`wang-${algorithm}.key`);
  const csrFile = tmp.path(`wang-${algorithm}.csr`);
  const csr = generateClientCredentials({ user: 'wang', groups: ['dev', 'ops'], keyFile, csrFile, algorithm });

  test('the key file is PEM PKCS#8, of the algorithm, readable by its owner only (0600)', () => {
    expect(statSync(keyFile).mode & 0o777).toBe(0o600);
    const pem = readFileSync(keyFile, 'utf8');
    expect(pemBlocks(pem).map((b) => b.label)).toEqual(['PRIVATE KEY']);
    const key = createPrivateKey(pem);
    expect(key.asymmetricKeyType).toBe(keyType);
    if (keyType === 'rsa') expect(key.asymmetricKeyDetails?.modulusLength).toBe(Number(algorithm.slice(4)));
    else expect(key.asymmetricKeyDetails?.namedCurve).toBe('prime256v1');
  });

  test('the CSR returned is the one written, and holds no key', () => {
    expect(readFileSync(csrFile, 'utf8')).toBe(csr);
    expect(csr).not.toMatch(/PRIVATE KEY/);
  });

  test('parseCsr reads CN=wang, O=dev, O=ops, the algorithm, and a valid signature', () => {
    expect(parseCsr(csr, 'test')).toEqual({
      commonName: 'wang',
      organizations: ['dev', 'ops'],
      publicKey: algorithm,
      signatureAlgorithm: signature,
      signatureValid: true,
    });
  });

  withOpenssl('openssl verifies the signature and reads the same subject', () => {
    const out = openssl('req', '-in', csrFile, '-noout', '-subject', '-verify');
    expect(out).toMatch(/subject=O = dev, O = ops, CN = wang/);
    expect(out).toMatch(/verify OK|self-signature ok/i);
  });

  withOpenssl("the public key in the CSR is the key file's", () => {
    const fromCsr = openssl('req', '-in', csrFile, '-noout', '-pubkey');
    const fromKey = createPublicKey(createPrivateKey(readFileSync(keyFile))).export({ type: 'spki', format: 'pem' });
    expect(fromCsr.trim()).toBe(String(fromKey).trim());
  });
});

describe('generateClientCredentials refuses', () => {
  test('to replace an existing key, leaving it untouched', () => {
    const keyFile = tmp.path('keep.key');
    generateClientCredentials({ user: 'li', keyFile });
    const before = readFileSync(keyFile, 'utf8');
    expect(() => generateClientCredentials({ user: 'li', keyFile })).toThrow(
      /keep\.key exists already.*fix: .*overwrite: true/,
    );
    expect(readFileSync(keyFile, 'utf8')).toBe(before);
  });

  test('overwrite: true replaces the key and tightens a loose mode back to 0600', () => {
    const keyFile = tmp.path('replace.key');
    writeFileSync(keyFile, 'old');
    chmodSync(keyFile, 0o644);
    const csr = generateClientCredentials({ user: 'li', keyFile, overwrite: true });
    expect(statSync(keyFile).mode & 0o777).toBe(0o600);
    expect(readFileSync(keyFile, 'utf8')).toMatch(/^-----BEGIN PRIVATE KEY-----/);
    expect(parseCsr(csr, 't').commonName).toBe('li');
  });

  test('the CSR and the key in the same file', () => {
    const f = tmp.path('same.pem');
    expect(() => generateClientCredentials({ user: 'li', keyFile: f, csrFile: f })).toThrow(/same file; fix:/);
    expect(existsSync(f)).toBe(false);
  });

  test.each([
    [
      { user: 'wang', groups: ['system:masters'] },
      /groups\[0\]: contains "system:masters".*fix: .*AccessRole\.clusterAdmin/,
    ],
    [{ user: 'system:admin' }, /user: "system:admin" starts with "system:".*fix:/],
    [{ user: 'wang', groups: ['system:nodes'] }, /"system:nodes", a group reserved for Kubernetes.*fix:/],
    [{ user: '' }, /user: has an empty user name; fix:/],
    [{ user: ' wang' }, /leading or trailing spaces; fix:/],
    [{ user: 'x'.repeat(65) }, /longer than 64 characters.*fix:/],
    [{ user: 'wang', groups: ['dev', 'dev'] }, /lists "dev" twice; fix:/],
    [{ user: 'wang', groups: ['a\nb'] }, /control characters; fix:/],
  ])('a bad subject %j', (subject, message) => {
    const keyFile = tmp.path(`bad-${Math.random()}.key`);
    expect(() => generateClientCredentials({ ...subject, keyFile })).toThrow(message);
    expect(existsSync(keyFile)).toBe(false);
  });

  test('an unknown algorithm', () => {
    expect(() =>
      generateClientCredentials({ user: 'li', keyFile: tmp.path('alg.key'), algorithm: 'dsa' as any }),
    ).toThrow(/\[generateClientCredentials\] algorithm: expected one of .*got the string "dsa"; fix:/);
  });
});

describe('parseCsr', () => {
  const csr = generateClientCredentials({ user: 'wang', groups: ['dev'], keyFile: tmp.path('p.key') });

  withOpenssl('reads the handbook\'s openssl CSR (genrsa + req -subj "/CN=test/O=ops")', () => {
    const key = tmp.path('hb.key');
    const req = tmp.path('hb.csr');
    openssl('genrsa', '-out', key, '2048');
    openssl('req', '-new', '-key', key, '-out', req, '-subj', '/CN=test/O=ops');
    expect(parseCsr(readFileSync(req, 'utf8'), 't')).toEqual({
      commonName: 'test',
      organizations: ['ops'],
      publicKey: 'rsa-2048',
      signatureAlgorithm: 'sha256WithRSAEncryption',
      signatureValid: true,
    });
  });

  withOpenssl('reads CN as Go does: with two CNs the last one is the user', () => {
    const req = tmp.path('two-cn.csr');
    openssl(
      'req',
      '-new',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:P-256',
      '-nodes',
      '-keyout',
      tmp.path('two-cn.key'),
      '-out',
      req,
      '-subj',
      '/CN=first/O=a/CN=second/O=b',
    );
    const info = parseCsr(readFileSync(req, 'utf8'), 't');
    expect(info.commonName).toBe('second');
    expect(info.organizations).toEqual(['a', 'b']);
  });

  test('a CSR whose subject was edited after signing does not verify', () => {
    const der = pemBlocks(csr)[0].der;
    const at = der.indexOf(Buffer.from('wang'));
    expect(at).toBeGreaterThan(0);
    const edited = Buffer.from(der);
    edited.write('wanh', at);
    const info = parseCsr(toPem('CERTIFICATE REQUEST', edited), 't');
    expect(info.commonName).toBe('wanh');
    expect(info.signatureValid).toBe(false);
  });

  test('a private key passed as the CSR is refused loudly, naming the leak', () => {
    const key = readFileSync(tmp.path('p.key'), 'utf8');
    expect(() => parseCsr(key, 'ClusterUser wang: csr')).toThrow(
      /ClusterUser wang: csr: holds a PEM "PRIVATE KEY" block, a private key.*fix: .*leaked/,
    );
    expect(() => parseCsr(csr + key, 'x')).toThrow(/PRIVATE KEY/);
    expect(() => parseCsr('-----BEGIN RSA PRIVATE KEY-----\nAAAA\n-----END RSA PRIVATE KEY-----\n', 'x')).toThrow(
      /"RSA PRIVATE KEY" block, a private key/,
    );
  });

  test.each([
    ['not PEM', 'hello', /not a PEM certificate signing request.*fix:/],
    [
      'the base64 of the PEM (spec.request)',
      Buffer.from(csr).toString('base64'),
      /not a PEM certificate signing request.*fix:/,
    ],
    [
      'the old NEW CERTIFICATE REQUEST label',
      csr.replace(/CERTIFICATE REQUEST/g, 'NEW CERTIFICATE REQUEST'),
      /found "NEW CERTIFICATE REQUEST".*fix:/,
    ],
    ['two CSRs', csr + csr, /exactly one PEM block.*found "CERTIFICATE REQUEST", "CERTIFICATE REQUEST"/],
    [
      'a body that is not base64',
      '-----BEGIN CERTIFICATE REQUEST-----\n!!!\n-----END CERTIFICATE REQUEST-----\n',
      /not base64; fix:/,
    ],
    [
      'DER that is not PKCS#10',
      toPem('CERTIFICATE REQUEST', Buffer.from([0x30, 0x03, 0x02, 0x01, 0x00])),
      /not a PKCS#10 request.*fix:/,
    ],
  ])('refuses %s', (_what, text, message) => {
    expect(() => parseCsr(text, 'x')).toThrow(message);
  });
});

// renderKubeconfig and writeKubeconfig: docs/scenarios.md#004's kubeconfig (chapter 1.3: set-cluster, set-credentials,
// set-context) for a certificate user and a token user, round-tripped through the `yaml` package; certificates are
// issued by a throwaway CA with openssl, as docs/scenarios.md#004 does.
import { chmodSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { parse } from 'yaml';
import {
  generateClientCredentials,
  KubeconfigOptions,
  renderKubeconfig,
  writeKubeconfig,
} from '../../../lib/access/credentials';
import { HAS_OPENSSL, makeCa, signCsr, tempDir } from './helpers';

const tmp = tempDir();
const withOpenssl = HAS_OPENSSL ? describe : describe.skip;

const tokenUser: KubeconfigOptions = {
  clusterName: 'myk8s',
  server: 'https://10.0.0.101:6443',
  certificateAuthorityFile: '/etc/kubernetes/pki/ca.crt',
  user: { name: 'wang', token: 'a1b2c3.0123456789abcdef' },
  namespace: 'dev',
};

describe("a token user (the handbook's mykube.conf)", () => {
  test("the exact YAML, in kubectl's key order", () => {
    expect(renderKubeconfig(tokenUser)).toBe(
      [
        'apiVersion: v1',
        'clusters:',
        '  - cluster:',
        '      certificate-authority: /etc/kubernetes/pki/ca.crt',
        '      server: https://10.0.0.101:6443',
        '    name: myk8s',
        'contexts:',
        '  - context:',
        '      cluster: myk8s',
        '      namespace: dev',
        '      user: wang',
        '    name: wang@myk8s',
        'current-context: wang@myk8s',
        'kind: Config',
        'preferences: {}',
        'users:',
        '  - name: wang',
        '    user:',
        '      token: a1b2c3.0123456789abcdef',
        '',
      ].join('\n'),
    );
  });

  test('round-trips through the yaml package into a Config whose current context names the cluster and user', () => {
    const cfg = parse(renderKubeconfig(tokenUser));
    const ctx = cfg.contexts.find((c: any) => c.name === cfg['current-context']).context;
    expect(cfg.clusters.find((c: any) => c.name === ctx.cluster).cluster.server).toBe('https://10.0.0.101:6443');
    expect(cfg.users.find((u: any) => u.name === ctx.user).user).toEqual({ token: 'a1b2c3.0123456789abcdef' });
  });

  test('deterministic, and contextName and tokenFile are honoured', () => {
    expect(renderKubeconfig(tokenUser)).toBe(renderKubeconfig({ ...tokenUser }));
    const cfg = parse(
      renderKubeconfig({
        ...tokenUser,
        contextName: 'dev',
        namespace: undefined,
        user: { name: 'sa', tokenFile: '/var/run/token' },
      }),
    );
    expect(cfg['current-context']).toBe('dev');
    expect(cfg.contexts).toEqual([{ context: { cluster: 'myk8s', user: 'sa' }, name: 'dev' }]);
    expect(cfg.users).toEqual([{ name: 'sa', user: { tokenFile: '/var/run/token' } }]);
  });
});

withOpenssl('a certificate user', () => {
  const ca = makeCa(tmp.path);
  const keyFile = tmp.path('wang.key');
  const csrFile = tmp.path('wang.csr');
  generateClientCredentials({ user: 'wang', groups: ['dev'], keyFile, csrFile });
  const crtFile = signCsr(ca, csrFile, tmp.path('wang.crt'));
  const caPem = readFileSync(ca.crt, 'utf8');
  const crtPem = readFileSync(crtFile, 'utf8');
  const options: KubeconfigOptions = {
    clusterName: 'kubernetes',
    server: 'https://kubeapi.wang.org:6443',
    certificateAuthorityData: caPem,
    user: { name: 'wang', clientCertificateData: crtPem, clientKeyFile: keyFile },
  };

  test('CA and certificate are embedded as base64 of their PEM; the key is referenced, never embedded', () => {
    const cfg = parse(renderKubeconfig(options));
    expect(Buffer.from(cfg.clusters[0].cluster['certificate-authority-data'], 'base64').toString()).toBe(caPem);
    expect(cfg.users[0].user).toEqual({
      'client-certificate-data': Buffer.from(crtPem).toString('base64'),
      'client-key': keyFile,
    });
    expect(renderKubeconfig(options)).not.toMatch(/PRIVATE KEY|client-key-data/);
    expect(cfg['current-context']).toBe('wang@kubernetes');
  });

  test('data already in base64 (copied from admin.conf) is accepted as is', () => {
    const b64 = Buffer.from(caPem).toString('base64');
    expect(
      parse(renderKubeconfig({ ...options, certificateAuthorityData: b64 })).clusters[0].cluster[
        'certificate-authority-data'
      ],
    ).toBe(b64);
  });

  test('file references: client-certificate and client-key', () => {
    const cfg = parse(
      renderKubeconfig({ ...options, user: { name: 'wang', clientCertificateFile: crtFile, clientKeyFile: keyFile } }),
    );
    expect(cfg.users[0].user).toEqual({ 'client-certificate': crtFile, 'client-key': keyFile });
  });

  test('writeKubeconfig writes mode 0600 and returns what it wrote', () => {
    const path = tmp.path('wang.conf');
    const yaml = writeKubeconfig(path, options);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(readFileSync(path, 'utf8')).toBe(yaml);
    expect(yaml).toBe(renderKubeconfig(options));
  });

  test('writeKubeconfig refuses to replace a file unless overwrite, then tightens its mode', () => {
    const path = tmp.path('existing.conf');
    writeFileSync(path, 'other clusters');
    chmodSync(path, 0o644);
    expect(() => writeKubeconfig(path, options)).toThrow(/exists already \(it may hold other clusters\); fix:/);
    expect(readFileSync(path, 'utf8')).toBe('other clusters');
    writeKubeconfig(path, options, { overwrite: true });
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(parse(readFileSync(path, 'utf8')).kind).toBe('Config');
  });

  test('writeKubeconfig refuses a certificate issued for another key (the 401 nobody can explain)', () => {
    const otherKey = tmp.path('other.key');
    generateClientCredentials({ user: 'wang', groups: ['dev'], keyFile: otherKey });
    expect(() =>
      writeKubeconfig(tmp.path('mismatch.conf'), { ...options, user: { ...options.user, clientKeyFile: otherKey } }),
    ).toThrow(/not issued for the key in .*other\.key.*fix:/);
    expect(() =>
      writeKubeconfig(tmp.path('mismatch2.conf'), {
        ...options,
        user: { name: 'wang', clientCertificateFile: crtFile, clientKeyFile: otherKey },
      }),
    ).toThrow(/not issued for the key/);
  });

  test('writeKubeconfig refuses an expired certificate', () => {
    const expired = signCsr(ca, csrFile, tmp.path('expired.crt'), -1);
    expect(() =>
      writeKubeconfig(tmp.path('expired.conf'), {
        ...options,
        user: { name: 'wang', clientCertificateFile: expired, clientKeyFile: keyFile },
      }),
    ).toThrow(/the client certificate expired on .*fix:/);
  });

  test('the CSR passed instead of the certificate: says so, and where the certificate is', () => {
    expect(() =>
      renderKubeconfig({ ...options, user: { ...options.user, clientCertificateData: readFileSync(csrFile, 'utf8') } }),
    ).toThrow(
      /user\.clientCertificateData is not a PEM certificate \(it is the CSR, not the certificate issued for it\); fix: .*status\.certificate/,
    );
  });

  test('the private key passed as certificate or CA data: refused as a leak', () => {
    const key = readFileSync(keyFile, 'utf8');
    expect(() => renderKubeconfig({ ...options, user: { ...options.user, clientCertificateData: key } })).toThrow(
      /user\.clientCertificateData: holds a PEM "PRIVATE KEY" block, a private key.*fix:/,
    );
    expect(() => renderKubeconfig({ ...options, certificateAuthorityData: crtPem + key })).toThrow(
      /certificateAuthorityData: holds a PEM "PRIVATE KEY"/,
    );
    expect(() =>
      renderKubeconfig({ ...options, certificateAuthorityData: Buffer.from(key).toString('base64') }),
    ).toThrow(/a private key/);
  });
});

describe('renderKubeconfig refuses', () => {
  test.each([
    ['an http server', { server: 'http://10.0.0.101:6443' }, /server "http:\/\/10\.0\.0\.101:6443" is not https.*fix:/],
    ['a server that is not a URL', { server: 'kubeapi:6443' }, /is not https|is not a URL/],
    ['credentials in the URL', { server: 'https://admin:pw@k:6443' }, /carries credentials in the URL; fix:/],
    ['a query in the URL', { server: 'https://k:6443/?insecure=1' }, /query or fragment; fix:/],
    [
      'CA data and file',
      { certificateAuthorityData: 'x', certificateAuthorityFile: '/ca' },
      /certificateAuthorityData and certificateAuthorityFile given; fix: give at most one of certificateAuthorityData, certificateAuthorityFile/,
    ],
    [
      'CA data that is not a certificate',
      { certificateAuthorityFile: undefined, certificateAuthorityData: 'hello' },
      /certificateAuthorityData is not a PEM certificate; fix:/,
    ],
    [
      'a bad namespace',
      { namespace: 'Dev' },
      /\[renderKubeconfig\] namespace: expected a namespace name.*got the string "Dev"; fix:/,
    ],
    ['an empty cluster name', { clusterName: '' }, /clusterName is empty; fix:/],
    [
      'no credentials',
      { user: { name: 'wang' } },
      /none given; fix: give exactly one of user\.clientCertificateData, user\.clientCertificateFile, user\.token, user\.tokenFile/,
    ],
    [
      'a token and a certificate',
      { user: { name: 'wang', token: 't', clientCertificateFile: '/c', clientKeyFile: '/k' } },
      /user\.clientCertificateFile and user\.token given/,
    ],
    [
      'a certificate without its key',
      { user: { name: 'wang', clientCertificateFile: '/c' } },
      /has a certificate but no clientKeyFile; fix:/,
    ],
    [
      'a key with a token',
      { user: { name: 'wang', token: 't', clientKeyFile: '/k' } },
      /clientKeyFile is set for a token user; fix:/,
    ],
    [
      'a token with a newline',
      { user: { name: 'wang', token: 'abc\n' } },
      /user\.token is empty or has whitespace.*fix:/,
    ],
    ['an empty user name', { user: { name: '', token: 't' } }, /user\.name is empty; fix:/],
  ])('%s', (_what, override, message) => {
    expect(() => renderKubeconfig({ ...tokenUser, ...override } as KubeconfigOptions)).toThrow(message);
  });
});

// ClusterUser: the CertificateSigningRequest it emits (field by field, decoded back, and against the API server's rules
// for the kube-apiserver-client signer), the checks of the request, and the grants.
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { Chart, Testing } from 'cdk8s';
import { parse } from 'yaml';
import { AccessRole } from '../../lib/access/access-role';
import { ClusterUser, DEFAULT_CSR_EXPIRATION_SECONDS } from '../../lib/access/cluster-user';
import { generateClientCredentials } from '../../lib/access/credentials/client-credentials';
import { parseCsr } from '../../lib/access/credentials/csr-parse';
import { pemBlocks, toPem } from '../../lib/access/credentials/pem';
import { writeKubeconfig } from '../../lib/access/credentials/kubeconfig';
import { HAS_OPENSSL, makeCa, openssl, signCsr, tempDir } from './credentials/helpers';

const tmp = tempDir();
const wangCsrFile = tmp.path('wang.csr');
const wangCsr = generateClientCredentials({
  user: 'wang',
  groups: ['dev', 'ops'],
  keyFile: tmp.path('wang.key'),
  csrFile: wangCsrFile,
});
const otherCsr = generateClientCredentials({ user: 'wang', groups: ['dev', 'ops'], keyFile: tmp.path('wang2.key') });

function chart(ns?: string): Chart {
  return new Chart(Testing.app(), 'test', { namespace: ns });
}

/**
 * The API server's check of usages for this signer, ported from kubernetes/kubernetes
 * pkg/controller/certificates/signer/signer.go `validAPIServerClientUsages`: `client auth` required, only
 * `digital signature` and `key encipherment` besides; plus the create validation's duplicate check
 * (pkg/apis/certificates/validation/validation.go).
 */
function apiServerClientUsagesError(usages: string[]): string | undefined {
  if (new Set(usages).size !== usages.length) return 'duplicate usage';
  for (const u of usages)
    if (!['digital signature', 'key encipherment', 'client auth'].includes(u))
      return `invalid usage for client certificate: ${u}`;
  return usages.includes('client auth') ? undefined : 'missing required usage for client certificate: client auth';
}

describe('the CertificateSigningRequest', () => {
  const c = chart('dev');
  const user = new ClusterUser(c, 'Wang', { name: 'wang', groups: ['ops', 'dev'], csr: wangCsr });
  const docs = Testing.synth(c);

  test('one cluster-scoped object, every field as Kubernetes expects, the name carrying the request fingerprint', () => {
    const digest = createHash('sha256').update(pemBlocks(wangCsr)[0].der).digest('hex').slice(0, 8);
    expect(docs).toEqual([
      {
        apiVersion: 'certificates.k8s.io/v1',
        kind: 'CertificateSigningRequest',
        metadata: { name: `wang-${digest}` },
        spec: {
          expirationSeconds: 31536000,
          request: Buffer.from(wangCsr).toString('base64'),
          signerName: 'kubernetes.io/kube-apiserver-client',
          usages: ['client auth'],
        },
      },
    ]);
    expect(user.csrName).toBe(`wang-${digest}`);
    expect(DEFAULT_CSR_EXPIRATION_SECONDS).toBe(365 * 24 * 3600);
  });

  test('spec.request decodes to the PEM CSR for CN=wang, O=dev, O=ops', () => {
    const pem = Buffer.from(docs[0].spec.request, 'base64').toString('utf8');
    expect(pem).toBe(readFileSync(wangCsrFile, 'utf8'));
    expect(parseCsr(pem, 't')).toMatchObject({
      commonName: 'wang',
      organizations: ['dev', 'ops'],
      signatureValid: true,
    });
  });

  test("the usages pass the API server's rules for the kube-apiserver-client signer (and the port of them can fail)", () => {
    expect(apiServerClientUsagesError(docs[0].spec.usages)).toBeUndefined();
    expect(apiServerClientUsagesError(['server auth'])).toMatch(/invalid usage/);
    expect(apiServerClientUsagesError(['digital signature'])).toMatch(/missing required usage/);
  });

  test('the public properties', () => {
    expect(user.name).toBe('wang');
    expect(user.groups).toEqual(['dev', 'ops']);
    expect(user.publicKey).toBe('ecdsa-p256');
    expect(user.signerName).toBe('kubernetes.io/kube-apiserver-client');
    expect(user.expirationSeconds).toBe(31536000);
  });

  test('spec.request holds the CSR block alone: text around it and CRLF line ends are dropped', () => {
    const c2 = chart();
    new ClusterUser(c2, 'Wang', {
      name: 'wang',
      groups: ['dev', 'ops'],
      csr: `Certificate Request:\n  (openssl -text output)\n${wangCsr.replace(/\n/g, '\r\n')}`,
    });
    expect(Buffer.from(Testing.synth(c2)[0].spec.request, 'base64').toString()).toBe(wangCsr);
  });

  test('the default name is stable for one request and new for a new key (a CSR spec cannot be updated)', () => {
    const again = new ClusterUser(chart(), 'Wang', { name: 'wang', groups: ['dev', 'ops'], csr: wangCsr });
    const rekeyed = new ClusterUser(chart(), 'Wang', { name: 'wang', groups: ['dev', 'ops'], csr: otherCsr });
    expect(again.csrName).toBe(user.csrName);
    expect(rekeyed.csrName).not.toBe(user.csrName);
    expect(rekeyed.csrName).toMatch(/^wang-[0-9a-f]{8}$/);
  });

  test('options: expirationSeconds, a custom signer, csrName', () => {
    const c2 = chart();
    new ClusterUser(c2, 'Wang', {
      name: 'wang',
      groups: ['dev', 'ops'],
      csr: wangCsr,
      expirationSeconds: 86400,
      signerName: 'example.com/users',
      csrName: 'wang-2026',
    });
    const [doc] = Testing.synth(c2);
    expect(doc.metadata).toEqual({ name: 'wang-2026' });
    expect(doc.spec).toMatchObject({ expirationSeconds: 86400, signerName: 'example.com/users' });
  });

  test('a user name that is not a DNS name gets a readable object name', () => {
    const csr = generateClientCredentials({ user: 'Wang.Li@Example.com', keyFile: tmp.path('wl.key') });
    expect(new ClusterUser(chart(), 'U', { name: 'Wang.Li@Example.com', csr }).csrName).toMatch(
      /^wang-li-example-com-[0-9a-f]{8}$/,
    );
    const han = generateClientCredentials({ user: '王', keyFile: tmp.path('han.key') });
    expect(new ClusterUser(chart(), 'H', { name: '王', csr: han }).csrName).toMatch(/^user-[0-9a-f]{8}$/);
  });
});

describe('ClusterUser.fromCsrFile', () => {
  test('reads the request from the file', () => {
    const c = chart();
    const u = ClusterUser.fromCsrFile(c, 'Wang', { name: 'wang', groups: ['dev', 'ops'], csrFile: wangCsrFile });
    expect(Buffer.from(Testing.synth(c)[0].spec.request, 'base64').toString()).toBe(wangCsr);
    expect(u.name).toBe('wang');
  });

  test('a missing file: an error naming the user, the file and how to create it', () => {
    expect(() => ClusterUser.fromCsrFile(chart(), 'X', { name: 'wang', csrFile: tmp.path('nope.csr') })).toThrow(
      /\[test\/X\] csrFile: cannot read .*nope\.csr: no such file or folder \(ENOENT\); fix: .*generateClientCredentials/,
    );
  });

  test('the key file passed by mistake is refused as a key leak', () => {
    expect(() =>
      ClusterUser.fromCsrFile(chart(), 'X', { name: 'wang', groups: ['dev', 'ops'], csrFile: tmp.path('wang.key') }),
    ).toThrow(/\[test\/X\] csr: holds a PEM "PRIVATE KEY" block, a private key.*fix:/);
  });
});

describe('ClusterUser refuses', () => {
  const bad = (props: Partial<ConstructorParameters<typeof ClusterUser>[2]>) => () =>
    new ClusterUser(chart(), 'U', { name: 'wang', groups: ['dev', 'ops'], csr: wangCsr, ...props });

  test('a CN that is not the name, saying who the certificate would authenticate', () => {
    expect(bad({ name: 'li' })).toThrow(
      /\[test\/U\] csr: its subject CN is "wang", but name is "li".*authenticate "wang"; fix:/,
    );
  });

  test('groups that are not the O values (missing, extra), in any order accepted otherwise', () => {
    expect(bad({ groups: ['dev'] })).toThrow(/its subject O \(groups\) is \[dev, ops\], but groups is \[dev\]; fix:/);
    expect(bad({ groups: ['dev', 'ops', 'qa'] })).toThrow(/but groups is \[dev, ops, qa\]/);
    expect(bad({ groups: ['ops', 'dev'] })).not.toThrow();
  });

  test('a private key as csr, loudly', () => {
    expect(bad({ csr: readFileSync(tmp.path('wang.key'), 'utf8') })).toThrow(
      /a private key; it must never go into a manifest/,
    );
  });

  test('a CSR that is not PEM, with a fix', () => {
    expect(bad({ csr: Buffer.from(wangCsr).toString('base64') })).toThrow(
      /\[test\/U\] csr: not a PEM certificate signing request.*fix:/,
    );
  });

  test('a request whose signature does not verify', () => {
    const der = Buffer.from(pemBlocks(wangCsr)[0].der);
    der[der.length - 5] ^= 0xff; // inside the signature
    expect(bad({ csr: toPem('CERTIFICATE REQUEST', der) })).toThrow(/signature does not verify.*fix: regenerate/);
  });

  test("system:masters in groups, the handbook's admin shortcut", () => {
    expect(bad({ groups: ['system:masters'] })).toThrow(
      /groups\[0\]: contains "system:masters".*cannot be revoked.*fix: .*AccessRole\.clusterAdmin/,
    );
  });

  test.each([
    [599, /expirationSeconds: expected a whole number of seconds between 600 .*got 599/],
    [3600.5, /expirationSeconds: .*got 3600\.5/],
    [2 ** 31, /expirationSeconds: .*got 2147483648/],
  ])('expirationSeconds %p', (expirationSeconds, message) => {
    expect(bad({ expirationSeconds })).toThrow(message);
    expect(bad({ expirationSeconds })).toThrow(/fix:/);
  });

  test('the minimum, 600 seconds, is accepted', () => {
    expect(bad({ expirationSeconds: 600 })).not.toThrow();
  });

  test.each([
    ['kubernetes.io/kubelet-serving', /does not issue certificates to users; fix:/],
    ['kubernetes.io/kube-apiserver-client-kubelet', /does not issue certificates to users/],
    ['kubernetes.io/legacy-unknown', /does not issue certificates to users/],
    [
      'users',
      /not of the form example\.com\/signer-name \(Invalid value: "users": must be a fully qualified .*\); fix:/,
    ],
    ['example/users', /not of the form/],
    ['example.com/Users', /not of the form/],
    ['example.com/a/b', /not of the form/],
  ])('signerName %s', (signerName, message) => {
    expect(bad({ signerName })).toThrow(message);
  });

  test('an invalid csrName', () => {
    expect(bad({ csrName: 'Wang_CSR' })).toThrow(
      /\[test\/U\] csrName: expected a CertificateSigningRequest name.*got the string "Wang_CSR"; fix:/,
    );
  });
});

describe('grants', () => {
  test('grant binds the user, grantViaGroup one of its groups, each through a RoleBinding in the namespace', () => {
    const c = chart();
    const role = AccessRole.podsViewer(c, 'PodsViewer');
    const user = new ClusterUser(c, 'Wang', { name: 'wang', groups: ['dev', 'ops'], csr: wangCsr });
    user.grant(role, 'dev');
    user.grantViaGroup(role, 'ops', 'staging');
    const bindings = Testing.synth(c)
      .filter((d) => d.kind === 'RoleBinding')
      .map((d) => ({ ns: d.metadata.namespace, role: d.roleRef.name, subjects: d.subjects }));
    expect(bindings).toEqual([
      {
        ns: 'dev',
        role: 'pods-viewer',
        subjects: [{ apiGroup: 'rbac.authorization.k8s.io', kind: 'User', name: 'wang' }],
      },
      {
        ns: 'staging',
        role: 'pods-viewer',
        subjects: [{ apiGroup: 'rbac.authorization.k8s.io', kind: 'Group', name: 'ops' }],
      },
    ]);
  });

  test('subject() and groupSubjects()', () => {
    const user = new ClusterUser(chart(), 'Wang', { name: 'wang', groups: ['ops', 'dev'], csr: wangCsr });
    expect(user.subject().toJson()).toEqual({ apiGroup: 'rbac.authorization.k8s.io', kind: 'User', name: 'wang' });
    expect(user.groupSubjects().map((s) => s.toJson())).toEqual([
      { apiGroup: 'rbac.authorization.k8s.io', kind: 'Group', name: 'dev' },
      { apiGroup: 'rbac.authorization.k8s.io', kind: 'Group', name: 'ops' },
    ]);
  });

  test('grantViaGroup refuses a group the user is not in', () => {
    const c = chart();
    const role = AccessRole.podsViewer(c, 'PodsViewer');
    const user = new ClusterUser(c, 'Wang', { name: 'wang', groups: ['dev', 'ops'], csr: wangCsr });
    expect(() => user.grantViaGroup(role, 'qa', 'dev')).toThrow(
      /"qa" is not one of the user's groups \[dev, ops\]; fix:/,
    );
  });
});

(HAS_OPENSSL ? describe : describe.skip)("the handbook's chapter 1, end to end", () => {
  test('key and CSR, the CSR object, signed by the cluster CA, a kubeconfig whose certificate says CN=wang, O=dev', () => {
    // 1. one-off: key (0600) + CSR; 2. the manifest; 3. the signer (here openssl with a throwaway CA, as
    // docs/scenarios.md#004 does by hand) issues the certificate from spec.request; 4. the kubeconfig.
    const keyFile = tmp.path('e2e.key');
    const csr = generateClientCredentials({ user: 'wang', groups: ['dev'], keyFile });
    const c = chart('dev');
    new ClusterUser(c, 'Wang', { name: 'wang', groups: ['dev'], csr, expirationSeconds: 86400 });
    const [doc] = Testing.synth(c);
    const requestFile = tmp.path('e2e-from-manifest.csr');
    writeFileSync(requestFile, Buffer.from(doc.spec.request, 'base64'));
    const ca = makeCa(tmp.path, 'e2e-ca');
    const crt = readFileSync(signCsr(ca, requestFile, tmp.path('e2e.crt')), 'utf8');
    const yaml = writeKubeconfig(tmp.path('e2e.conf'), {
      clusterName: 'kubernetes',
      server: 'https://kubeapi.wang.org:6443',
      certificateAuthorityData: readFileSync(ca.crt, 'utf8'),
      user: { name: 'wang', clientCertificateData: crt, clientKeyFile: keyFile },
    });
    const cfg = parse(yaml);
    const embedded = tmp.path('e2e-embedded.crt');
    writeFileSync(embedded, Buffer.from(cfg.users[0].user['client-certificate-data'], 'base64'));
    expect(openssl('x509', '-in', embedded, '-noout', '-subject')).toMatch(/subject=O = dev, CN = wang/);
    expect(openssl('verify', '-CAfile', ca.crt, embedded)).toMatch(/: OK/);
    expect(yaml).not.toMatch(/PRIVATE KEY/);
  });
});

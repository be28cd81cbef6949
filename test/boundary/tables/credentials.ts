// Mistakes with ClusterUser and the credentials functions' arguments (generateClientCredentials, renderKubeconfig,
// writeKubeconfig, parseCsr, the static token file readers): refused with the construct path or the function's name,
// the field and a fix, before any file is written.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Chart, Testing } from 'cdk8s';
import {
  AccessRole,
  ClusterUser,
  generateClientCredentials,
  parseCsr,
  parseStaticTokenFile,
  readStaticTokenFile,
  renderKubeconfig,
  writeKubeconfig,
} from '../../../lib/access';
import { BadInput, call } from '../harness';

const dir = mkdtempSync(join(tmpdir(), 'boundary-credentials-'));
const file = (name: string) => join(dir, name);
const csr = generateClientCredentials({ user: 'wang', groups: ['dev'], keyFile: file('wang.key') });
writeFileSync(file('wang.csr'), csr);
const x = (v: unknown): any => v;
const chart = () => new Chart(Testing.app(), 'c');

/** ClusterUser `c/U` with `props` over working defaults. */
const user = (props: Record<string, unknown>) => () =>
  new ClusterUser(chart(), 'U', x({ name: 'wang', groups: ['dev'], csr, ...props }));
const onUser = (f: (u: ClusterUser) => unknown) => () => {
  const c = chart();
  return f(new ClusterUser(c, 'U', { name: 'wang', groups: ['dev'], csr }));
};
/** generateClientCredentials with `options` over a fresh key file. */
let n = 0;
const gen = (options: Record<string, unknown>) => () =>
  generateClientCredentials(x({ user: 'li', keyFile: file(`k${n++}.key`), ...options }));
const tokenUser = { clusterName: 'myk8s', server: 'https://k:6443', user: { name: 'wang', token: 't0k3n' } };
const render = (options: Record<string, unknown>) => () => renderKubeconfig(x({ ...tokenUser, ...options }));

export const ROWS: BadInput[] = [
  // ---- ClusterUser
  call('ClusterUser name missing (was a TypeError)', user({ name: undefined }), 'c/U', 'name', 'got undefined'),
  call('ClusterUser name empty', user({ name: '' }), 'c/U', 'name', 'empty user name'),
  call('ClusterUser name padded', user({ name: ' wang' }), 'c/U', 'name', 'leading or trailing spaces'),
  call('ClusterUser name system:admin', user({ name: 'system:admin' }), 'c/U', 'name', 'system:'),
  call('ClusterUser name of 65 characters', user({ name: 'w'.repeat(65) }), 'c/U', 'name', '64 characters'),
  call('ClusterUser name a number', user({ name: 7 }), 'c/U', 'name', 'got 7'),
  call(
    'ClusterUser groups one string (never split)',
    user({ groups: 'dev' }),
    'c/U',
    'groups',
    'wrap it in a list: ["dev"]',
  ),
  call(
    'ClusterUser groups system:masters',
    user({ groups: ['system:masters'] }),
    'c/U',
    'groups[0]',
    'AccessRole.clusterAdmin',
  ),
  call('ClusterUser groups twice the same', user({ groups: ['dev', 'dev'] }), 'c/U', 'groups[1]', 'twice'),
  call('ClusterUser groups a number', user({ groups: [1] }), 'c/U', 'groups[0]', 'got 1'),
  call('ClusterUser groups not those of the CSR', user({ groups: ['ops'] }), 'c/U', 'csr', 'regenerate the CSR'),
  call('ClusterUser CN not the name', user({ name: 'li' }), 'c/U', 'csr', 'would authenticate "wang"'),
  call('ClusterUser csr missing', user({ csr: undefined }), 'c/U', 'csr', 'got undefined'),
  call('ClusterUser csr a Buffer', user({ csr: Buffer.from(csr) }), 'c/U', 'csr', 'a Buffer'),
  call(
    'ClusterUser csr base64 of the PEM',
    user({ csr: Buffer.from(csr).toString('base64') }),
    'c/U',
    'csr',
    'not a PEM certificate signing request',
  ),
  call(
    'ClusterUser csr the private key',
    () =>
      new ClusterUser(chart(), 'U', {
        name: 'wang',
        groups: ['dev'],
        csr: require('node:fs').readFileSync(file('wang.key'), 'utf8'),
      }),
    'c/U',
    'csr',
    'a private key',
  ),
  call('ClusterUser expirationSeconds 599', user({ expirationSeconds: 599 }), 'c/U', 'expirationSeconds', 'got 599'),
  call(
    'ClusterUser expirationSeconds "3600"',
    user({ expirationSeconds: '3600' }),
    'c/U',
    'expirationSeconds',
    'the string "3600"',
  ),
  call('ClusterUser expirationSeconds NaN', user({ expirationSeconds: NaN }), 'c/U', 'expirationSeconds', 'NaN'),
  call(
    'ClusterUser expirationSeconds 2^31',
    user({ expirationSeconds: 2 ** 31 }),
    'c/U',
    'expirationSeconds',
    '2147483648',
  ),
  call(
    'ClusterUser signerName kubelet-serving',
    user({ signerName: 'kubernetes.io/kubelet-serving' }),
    'c/U',
    'signerName',
    'does not issue certificates to users',
  ),
  call(
    'ClusterUser signerName without a domain',
    user({ signerName: 'users' }),
    'c/U',
    'signerName',
    'example.com/signer-name',
  ),
  call('ClusterUser signerName a number', user({ signerName: 42 }), 'c/U', 'signerName', 'got 42'),
  call('ClusterUser csrName Wang_CSR', user({ csrName: 'Wang_CSR' }), 'c/U', 'csrName', 'did you mean "wang-csr"'),
  call('ClusterUser props misspelt group', user({ group: ['dev'] }), 'c/U', 'group', 'did you mean "groups"'),
  call(
    'ClusterUser props misspelt expirySeconds',
    user({ expirySeconds: 3600 }),
    'c/U',
    'expirySeconds',
    'unknown property',
  ),
  call('ClusterUser props null', () => new ClusterUser(chart(), 'U', x(null)), 'c/U', 'props', 'got null'),
  call(
    'ClusterUser scope a string',
    () => new ClusterUser(x('c'), 'U', { name: 'wang', groups: ['dev'], csr }),
    'ClusterUser U',
    'scope',
    'new ClusterUser(chart',
  ),
  call(
    'ClusterUser.fromCsrFile a missing file',
    () => ClusterUser.fromCsrFile(chart(), 'U', { name: 'wang', csrFile: file('nope.csr') }),
    'c/U',
    'csrFile',
    'no such file',
  ),
  call(
    'ClusterUser.fromCsrFile a folder',
    () => ClusterUser.fromCsrFile(chart(), 'U', { name: 'wang', csrFile: dir }),
    'c/U',
    'csrFile',
    'folder',
  ),
  call(
    'ClusterUser.fromCsrFile csrFile missing',
    () => ClusterUser.fromCsrFile(chart(), 'U', x({ name: 'wang' })),
    'c/U',
    'csrFile',
    'got undefined',
  ),
  call(
    'ClusterUser.fromCsrFile misspelt csrfile',
    () => ClusterUser.fromCsrFile(chart(), 'U', x({ name: 'wang', csrfile: file('wang.csr') })),
    'c/U',
    'csrfile',
    'did you mean "csrFile"',
  ),
  call(
    'ClusterUser grant a role name',
    onUser((u) => u.grant(x('pods-viewer'), 'dev')),
    'c/U',
    'grant.role',
    'an AccessRole',
  ),
  call(
    'ClusterUser grant namespace Dev',
    onUser((u) => u.grant(AccessRole.podsViewer(u, 'R'), 'Dev')),
    'c/U',
    'grant.namespace',
    'did you mean "dev"',
  ),
  call(
    'ClusterUser grantViaGroup a group it is not in',
    onUser((u) => u.grantViaGroup(AccessRole.podsViewer(u, 'R'), 'qa', 'dev')),
    'c/U',
    'grantViaGroup.groupName',
    "not one of the user's groups",
  ),
  call(
    'ClusterUser grantViaGroup groupName a list',
    onUser((u) => u.grantViaGroup(AccessRole.podsViewer(u, 'R'), x(['dev']), 'dev')),
    'c/U',
    'grantViaGroup.groupName',
    'an array',
  ),
  call(
    'ClusterUser grantViaGroup options a string',
    onUser((u) => u.grantViaGroup(AccessRole.podsViewer(u, 'R'), 'dev', 'dev', x('binding'))),
    'c/U',
    'grantViaGroup.options',
    'the string "binding"',
  ),

  // ---- generateClientCredentials
  call(
    'generateClientCredentials options missing',
    () => generateClientCredentials(x(undefined)),
    'generateClientCredentials',
    'options',
    'got undefined',
  ),
  call(
    'generateClientCredentials user missing',
    gen({ user: undefined }),
    'generateClientCredentials',
    'user',
    'got undefined',
  ),
  call(
    'generateClientCredentials user system:admin',
    gen({ user: 'system:admin' }),
    'generateClientCredentials',
    'user',
    'system:',
  ),
  call(
    'generateClientCredentials groups one string',
    gen({ groups: 'dev' }),
    'generateClientCredentials',
    'groups',
    'wrap it in a list',
  ),
  call(
    'generateClientCredentials groups system:masters',
    gen({ groups: ['system:masters'] }),
    'generateClientCredentials',
    'groups[0]',
    'AccessRole.clusterAdmin',
  ),
  call(
    'generateClientCredentials algorithm RSA-2048 (case slip)',
    gen({ algorithm: 'RSA-2048' }),
    'generateClientCredentials',
    'algorithm',
    'did you mean ClientKeyAlgorithm.RSA_2048',
  ),
  call(
    'generateClientCredentials algorithm dsa',
    gen({ algorithm: 'dsa' }),
    'generateClientCredentials',
    'algorithm',
    'ClientKeyAlgorithm.ECDSA_P256',
  ),
  call(
    'generateClientCredentials misspelt csrfile (no CSR written silently)',
    gen({ csrfile: file('x.csr') }),
    'generateClientCredentials',
    'options.csrfile',
    'did you mean "csrFile"',
  ),
  call(
    'generateClientCredentials keyFile missing',
    gen({ keyFile: undefined }),
    'generateClientCredentials',
    'keyFile',
    'got undefined',
  ),
  call(
    'generateClientCredentials overwrite "true"',
    gen({ overwrite: 'true' }),
    'generateClientCredentials',
    'overwrite',
    'not a string',
  ),

  // ---- renderKubeconfig, writeKubeconfig
  call(
    'renderKubeconfig options missing',
    () => renderKubeconfig(x(undefined)),
    'renderKubeconfig',
    'options',
    'got undefined',
  ),
  call('renderKubeconfig clusterName a number', render({ clusterName: 5 }), 'renderKubeconfig', 'clusterName', 'got 5'),
  call('renderKubeconfig server missing', render({ server: undefined }), 'renderKubeconfig', 'server', 'got undefined'),
  call(
    'renderKubeconfig user missing (was a TypeError)',
    render({ user: undefined }),
    'renderKubeconfig',
    'user',
    'got undefined',
  ),
  call(
    'renderKubeconfig user a name string',
    render({ user: 'wang' }),
    'renderKubeconfig',
    'user',
    'the string "wang"',
  ),
  call(
    'renderKubeconfig user misspelt clientCertificatefile',
    render({ user: { name: 'wang', clientCertificatefile: 'w.crt', clientKeyFile: 'w.key' } }),
    'renderKubeconfig',
    'user.clientCertificatefile',
    'did you mean "clientCertificateFile"',
  ),
  call(
    'renderKubeconfig user.name missing',
    render({ user: { token: 't' } }),
    'renderKubeconfig',
    'user.name',
    'got undefined',
  ),
  call(
    'renderKubeconfig user.token a number',
    render({ user: { name: 'wang', token: 123 } }),
    'renderKubeconfig',
    'user.token',
    'got 123',
  ),
  call(
    'renderKubeconfig namespace Dev',
    render({ namespace: 'Dev' }),
    'renderKubeconfig',
    'namespace',
    'did you mean "dev"',
  ),
  call(
    'renderKubeconfig misspelt contextname',
    render({ contextname: 'w' }),
    'renderKubeconfig',
    'options.contextname',
    'did you mean "contextName"',
  ),
  call(
    'writeKubeconfig misspelt clustername',
    () => writeKubeconfig(file('a.kubeconfig'), x({ ...tokenUser, clustername: 'x' })),
    'writeKubeconfig',
    'options.clustername',
    'did you mean "clusterName"',
  ),
  call(
    'writeKubeconfig user.tokenFile an array',
    () => writeKubeconfig(file('b.kubeconfig'), x({ ...tokenUser, user: { name: 'w', tokenFile: ['t'] } })),
    'writeKubeconfig',
    'user.tokenFile',
    'an array',
  ),

  // ---- parseCsr and the static token file
  call('parseCsr undefined', () => parseCsr(x(undefined)), 'parseCsr', 'text', 'got undefined'),
  call('parseCsr a Buffer', () => parseCsr(x(Buffer.from(csr))), 'parseCsr', 'text', 'a Buffer'),
  call('parseCsr where a number', () => parseCsr(csr, x(5)), 'parseCsr', 'where', 'got 5'),
  call(
    'parseStaticTokenFile text null',
    () => parseStaticTokenFile(x(null), 'tokens.csv'),
    'parseStaticTokenFile',
    'text',
    'got null',
  ),
  call(
    'parseStaticTokenFile source missing',
    () => parseStaticTokenFile('t,u,1\n', x(undefined)),
    'parseStaticTokenFile',
    'source',
    'got undefined',
  ),
  call('readStaticTokenFile path a number', () => readStaticTokenFile(x(3)), 'readStaticTokenFile', 'path', 'got 3'),
];

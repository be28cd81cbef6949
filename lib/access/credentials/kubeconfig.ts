import { createPrivateKey, KeyObject, X509Certificate } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, isAbsolute, join } from 'node:path';
import { stringify } from 'yaml';
import { guardObject, guardOptionalBoolean, guardString } from '../../model/primitives/guard';
import { checkWriteTarget, NamedFile, SafeWriteOptions } from '../../model/io/safe-write';
import { isDns1123Label } from '../../model/primitives/kube-names';
import { guardKubeconfigOptions } from './argument-guards';
import { assertNoPrivateKey, pemBlocks } from './pem';
import { writeSecret } from './secret-file';

/**
 * The credentials of a kubeconfig user: either a client certificate (data or file) with its key file, or a bearer
 * token (inline or file). Exactly one kind.
 */
export interface KubeconfigUser {
  /** The entry's name in `users` (`kubectl config set-credentials wang` in docs/scenarios.md#004). */
  readonly name: string;
  /**
   * The issued client certificate, PEM (or the base64 of the PEM, as in another kubeconfig): embedded as
   * `client-certificate-data`. Not the CSR: the certificate is in the approved CSR's `status.certificate`.
   * @default none; then clientCertificateFile, or a token
   */
  readonly clientCertificateData?: string;
  /**
   * Path of the issued client certificate (`client-certificate`); a relative path is read relative to the
   * kubeconfig file by kubectl.
   * @default none; then clientCertificateData, or a token
   */
  readonly clientCertificateFile?: string;
  /**
   * Path of the private key (`client-key`), required with a certificate. The key is referenced, never embedded, so
   * the kubeconfig can be shown or copied without handing the key over.
   * @default none (token users)
   */
  readonly clientKeyFile?: string;
  /**
   * A bearer token (ServiceAccount, OIDC, or a legacy static token).
   * @default none; then tokenFile, or a certificate
   */
  readonly token?: string;
  /**
   * Path of a file holding the bearer token (`tokenFile`), re-read by client-go, so rotation needs no kubeconfig edit.
   * @default none; then token, or a certificate
   */
  readonly tokenFile?: string;
}

/** Options of {@link renderKubeconfig}. */
export interface KubeconfigOptions {
  /** The cluster entry's name (`set-cluster myk8s`). */
  readonly clusterName: string;
  /** The API server URL; must be https (`https://kubeapi.wang.org:6443`). */
  readonly server: string;
  /**
   * The cluster CA certificate(s), PEM or base64 of PEM, embedded as `certificate-authority-data` (what
   * `--embed-certs=true` does). There is no insecure-skip-tls-verify option: without a CA, the system roots are used.
   * @default none; then certificateAuthorityFile, or the system roots
   */
  readonly certificateAuthorityData?: string;
  /**
   * Path of the cluster CA file (`certificate-authority`).
   * @default none; then certificateAuthorityData, or the system roots
   */
  readonly certificateAuthorityFile?: string;
  /** The user and its credentials. */
  readonly user: KubeconfigUser;
  /**
   * Default namespace of the context.
   * @default none (kubectl uses `default`)
   */
  readonly namespace?: string;
  /**
   * Name of the context, also the `current-context`.
   * @default `<user>@<cluster>`, as kubeadm and docs/scenarios.md#004 (`wang@myk8s`)
   */
  readonly contextName?: string;
}

/** Options of {@link writeKubeconfig}. */
export interface WriteKubeconfigOptions {
  /**
   * Replace an existing file. Off by default: an existing kubeconfig (`~/.kube/config`) usually holds other clusters.
   * Never allows writing through a symbolic link, or onto a file the kubeconfig references.
   * @default false
   */
  readonly overwrite?: boolean;
}

/**
 * Renders a kubeconfig with one cluster, one user and one context, the current one (what `kubectl config
 * set-cluster`, `set-credentials` and `set-context` build), as YAML in kubectl's key order. Deterministic and pure:
 * files are referenced, not read. Refuses http servers, a private key passed as certificate or CA data, a CSR passed
 * as the certificate, and users with no or two kinds of credentials.
 */
export function renderKubeconfig(options: KubeconfigOptions): string {
  guardKubeconfigOptions(options, 'renderKubeconfig');
  const where = `kubeconfig ${options.clusterName}`;
  const clusterName = nonEmpty(options.clusterName, 'kubeconfig', 'clusterName');
  const userName = nonEmpty(options.user.name, where, 'user.name');
  const contextName =
    options.contextName === undefined
      ? `${userName}@${clusterName}`
      : nonEmpty(options.contextName, where, 'contextName');
  // Upstream: a namespace name is a DNS-1123 label (k8s.io/apimachinery IsDNS1123Label, ValidateNamespaceName).
  if (options.namespace !== undefined && !isDns1123Label(options.namespace)) {
    throw new Error(
      `${where}: namespace "${options.namespace}" is not a namespace name; fix: use lowercase letters, digits and '-'`,
    );
  }
  const cluster: Record<string, unknown> = {};
  const ca = onlyOne(where, options, ['certificateAuthorityData', 'certificateAuthorityFile'], false);
  if (ca === 'certificateAuthorityData')
    cluster['certificate-authority-data'] = certificatesData(
      options.certificateAuthorityData!,
      where,
      'certificateAuthorityData',
    );
  if (ca === 'certificateAuthorityFile')
    cluster['certificate-authority'] = nonEmpty(options.certificateAuthorityFile!, where, 'certificateAuthorityFile');
  cluster.server = checkServer(options.server, where);
  const context: Record<string, unknown> = { cluster: clusterName };
  if (options.namespace !== undefined) context.namespace = options.namespace;
  context.user = userName;
  return stringify(
    {
      'apiVersion': 'v1',
      'clusters': [{ cluster, name: clusterName }],
      'contexts': [{ context, name: contextName }],
      'current-context': contextName,
      'kind': 'Config',
      'preferences': {},
      'users': [{ name: userName, user: renderUser(options.user, where) }],
    },
    { lineWidth: 0 },
  );
}

/**
 * Writes {@link renderKubeconfig}'s output to `path` with mode 0600 from its first byte, refusing to replace an
 * existing file unless `overwrite`, to write through a symbolic link (even with `overwrite`), and to write onto a file
 * the kubeconfig references (the key, the certificate, the CA or the token file). Where the certificate and the key
 * file can be read here, it also checks that they belong together and that the certificate has not expired: the
 * mistakes that otherwise surface as a bare `401 Unauthorized`.
 */
export function writeKubeconfig(
  path: string,
  options: KubeconfigOptions,
  writeOptions: WriteKubeconfigOptions = {},
): string {
  const api = 'writeKubeconfig';
  guardString(path, api, 'path', {
    expected: 'a file path',
    fix: 'name the kubeconfig file to write, such as wang.kubeconfig',
  });
  guardObject(writeOptions, api, 'writeOptions', { expected: 'an options object { overwrite }' });
  const overwrite = guardOptionalBoolean(writeOptions.overwrite, api, 'writeOptions.overwrite') === true;
  guardKubeconfigOptions(options, api);
  const yaml = renderKubeconfig(options);
  const where = `writeKubeconfig(${path})`;
  const target: Omit<SafeWriteOptions, 'mode'> = {
    where: api,
    field: 'path',
    overwrite,
    overwriteHint: 'pass overwrite: true',
    others: referencedFiles(path, options),
    keepReason: 'it may hold other clusters',
    elsewhereHint: 'pick another path and merge with `KUBECONFIG=a:b kubectl config view --flatten`',
  };
  checkWriteTarget(path, target);
  checkCertificateAndKey(options.user, where);
  writeSecret(path, yaml, target);
  return yaml;
}

/**
 * The files a kubeconfig names, each as read from here and as kubectl reads it: relative to the kubeconfig's folder
 * (client-go clientcmd's ResolveLocalPaths). Writing the kubeconfig onto one of them would destroy it.
 */
function referencedFiles(kubeconfig: string, options: KubeconfigOptions): NamedFile[] {
  const fields: Array<[string, string | undefined]> = [
    ['user.clientKeyFile', options.user.clientKeyFile],
    ['user.clientCertificateFile', options.user.clientCertificateFile],
    ['user.tokenFile', options.user.tokenFile],
    ['certificateAuthorityFile', options.certificateAuthorityFile],
  ];
  const out: NamedFile[] = [];
  for (const [field, file] of fields) {
    if (typeof file !== 'string' || file === '') continue;
    out.push({ path: file, field });
    if (!isAbsolute(file)) out.push({ path: join(dirname(kubeconfig), file), field });
  }
  return out;
}

function renderUser(user: KubeconfigUser, where: string): Record<string, string> {
  const fields = ['clientCertificateData', 'clientCertificateFile', 'token', 'tokenFile'] as const;
  const kind = onlyOne(where, user, fields, true, 'user.');
  const out: Record<string, string> = {};
  if (kind === 'token' || kind === 'tokenFile') {
    if (user.clientKeyFile !== undefined)
      throw new Error(`${where}: user.clientKeyFile is set for a token user; fix: drop it, or give the certificate`);
    if (kind === 'token') out.token = checkToken(user.token!, where);
    else out.tokenFile = nonEmpty(user.tokenFile!, where, 'user.tokenFile');
    return out;
  }
  if (user.clientKeyFile === undefined) {
    throw new Error(
      `${where}: user ${user.name} has a certificate but no clientKeyFile; fix: pass the key file written by generateClientCredentials`,
    );
  }
  if (kind === 'clientCertificateData')
    out['client-certificate-data'] = certificatesData(user.clientCertificateData!, where, 'user.clientCertificateData');
  else out['client-certificate'] = nonEmpty(user.clientCertificateFile!, where, 'user.clientCertificateFile');
  out['client-key'] = nonEmpty(user.clientKeyFile, where, 'user.clientKeyFile');
  return out;
}

/** The one field of `names` that is set (`required`: exactly one, else at most one). */
function onlyOne<T extends object>(
  where: string,
  obj: T,
  names: ReadonlyArray<keyof T & string>,
  required: boolean,
  prefix = '',
): string | undefined {
  const set = names.filter((n) => obj[n] !== undefined);
  if (set.length > 1 || (required && set.length === 0)) {
    throw new Error(
      `${where}: ${set.length === 0 ? 'none' : set.map((n) => prefix + n).join(' and ')} given; ` +
        `fix: give ${required ? 'exactly one' : 'at most one'} of ${names.map((n) => prefix + n).join(', ')}`,
    );
  }
  return set[0];
}

function nonEmpty(value: string, where: string, field: string): string {
  if (typeof value !== 'string' || value.trim() === '')
    throw new Error(`${where}: ${field} is empty; fix: give a value`);
  return value;
}

function checkServer(server: string, where: string): string {
  let url: URL;
  try {
    url = new URL(server);
  } catch {
    throw new Error(
      `${where}: server "${server}" is not a URL; fix: give the API server URL, such as https://kubeapi.example.org:6443`,
    );
  }
  if (url.protocol !== 'https:') {
    throw new Error(
      `${where}: server "${server}" is not https; credentials would cross the network in clear; fix: use the https URL of the API server`,
    );
  }
  if (url.username || url.password)
    throw new Error(`${where}: server "${server}" carries credentials in the URL; fix: remove them`);
  if (url.search || url.hash) throw new Error(`${where}: server "${server}" has a query or fragment; fix: remove it`);
  return server;
}

function checkToken(token: string, where: string): string {
  if (token.length === 0 || /\s/.test(token)) {
    throw new Error(
      `${where}: user.token is empty or has whitespace (a newline from a file?); fix: pass the bare token`,
    );
  }
  return token;
}

/**
 * PEM CERTIFICATE blocks only (or their base64), returned as the base64 of the PEM, as kubeconfig `*-data` fields hold.
 */
function certificatesData(value: string, where: string, field: string): string {
  const pem = value.includes('-----BEGIN') ? value : (decodeBase64Pem(value) ?? '');
  assertNoPrivateKey(
    pem,
    `${where}: ${field}`,
    'reference the key with user.clientKeyFile; a key is never embedded here',
  );
  const blocks = pemBlocks(pem);
  if (blocks.length === 0 || blocks.some((b) => b.label !== 'CERTIFICATE')) {
    const csr = blocks.some((b) => b.label === 'CERTIFICATE REQUEST');
    throw new Error(
      `${where}: ${field} is not a PEM certificate${csr ? ' (it is the CSR, not the certificate issued for it)' : ''}; fix: ` +
        (csr
          ? "after approval, take the certificate from the CSR object: kubectl get csr NAME -o jsonpath='{.status.certificate}' | base64 -d"
          : 'pass the PEM text (-----BEGIN CERTIFICATE-----) or its base64'),
    );
  }
  for (const b of blocks) {
    try {
      new X509Certificate(b.der);
    } catch (e) {
      throw new Error(
        `${where}: ${field} has a CERTIFICATE block that is not an X.509 certificate (${(e as Error).message}); fix: pass the certificate unchanged`,
        { cause: e },
      );
    }
  }
  return Buffer.from(pem, 'utf8').toString('base64');
}

function decodeBase64Pem(value: string): string | undefined {
  const compact = value.replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(compact)) return undefined;
  const text = Buffer.from(compact, 'base64').toString('utf8');
  return text.includes('-----BEGIN') ? text : undefined;
}

/** The certificate's public key must be the key file's, and the certificate must still be valid. */
function checkCertificateAndKey(user: KubeconfigUser, where: string): void {
  if (!user.clientKeyFile || !existsSync(user.clientKeyFile)) return;
  const certPem =
    user.clientCertificateData !== undefined
      ? Buffer.from(
          certificatesData(user.clientCertificateData, where, 'user.clientCertificateData'),
          'base64',
        ).toString('utf8')
      : user.clientCertificateFile !== undefined && existsSync(user.clientCertificateFile)
        ? readFileSync(user.clientCertificateFile, 'utf8')
        : undefined;
  if (certPem === undefined) return;
  let cert: X509Certificate;
  let key: KeyObject;
  try {
    cert = new X509Certificate(certPem);
  } catch (e) {
    throw new Error(
      `${where}: the client certificate is not an X.509 certificate (${(e as Error).message}); fix: use the certificate issued for the CSR`,
      { cause: e },
    );
  }
  try {
    key = createPrivateKey(readFileSync(user.clientKeyFile));
  } catch (e) {
    throw new Error(
      `${where}: ${user.clientKeyFile} is not an unencrypted private key (${(e as Error).message}); fix: pass the key written by generateClientCredentials`,
      { cause: e },
    );
  }
  if (!cert.checkPrivateKey(key)) {
    throw new Error(
      `${where}: the client certificate was not issued for the key in ${user.clientKeyFile} (the API server would answer 401); ` +
        "fix: use the key generated with this certificate's CSR",
    );
  }
  if (Date.parse(cert.validTo) < Date.now()) {
    throw new Error(
      `${where}: the client certificate expired on ${cert.validTo}; fix: generate a new CSR, have it approved, and use the new certificate`,
    );
  }
}

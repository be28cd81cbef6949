import {
  guardEnum,
  guardKnownKeys,
  guardObject,
  guardOptionalString,
  guardString,
  rejectInput,
} from '../../model/primitives/guard';
import { guardDnsLabel } from '../../model/primitives/kube-name-guards';
import { ClientKeyAlgorithm } from './client-key-algorithm';

// Runtime shapes of the credentials functions' arguments (plain JavaScript and YAML-driven callers). The
// file-writing checks stay with the writers; these only make sure every argument is what the function reads (empty
// strings pass here: the functions themselves refuse them with their own wording).

const CREDENTIALS_KEYS = ['user', 'groups', 'keyFile', 'csrFile', 'algorithm', 'overwrite'];
const KUBECONFIG_KEYS = [
  'clusterName',
  'server',
  'certificateAuthorityData',
  'certificateAuthorityFile',
  'user',
  'namespace',
  'contextName',
];
const USER_KEYS = ['name', 'clientCertificateData', 'clientCertificateFile', 'clientKeyFile', 'token', 'tokenFile'];

/**
 * Options of generateClientCredentials: no misspelt key (a `csrfile` would silently write no CSR), a known algorithm.
 */
export function guardCredentialsOptions(options: object, where: string): void {
  guardKnownKeys(options, CREDENTIALS_KEYS, where, 'options');
  const algorithm = (options as { algorithm?: unknown }).algorithm;
  if (algorithm !== undefined)
    guardEnum(algorithm, ClientKeyAlgorithm, where, 'algorithm', { enumName: 'ClientKeyAlgorithm' });
}

/**
 * Options of renderKubeconfig and writeKubeconfig: an object with the known keys, strings where strings are read,
 * a user object, a namespace that is a namespace name (upstream: pkg/apis/core/validation.ValidateNamespaceName).
 */
export function guardKubeconfigOptions(options: unknown, where: string): void {
  const o = guardObject(options, where, 'options', {
    expected: 'an options object { clusterName, server, user, ... }',
  });
  guardKnownKeys(o, KUBECONFIG_KEYS, where, 'options');
  guardString(o.clusterName, where, 'clusterName', {
    allowEmpty: true,
    expected: 'a cluster entry name such as myk8s',
  });
  guardString(o.server, where, 'server', { allowEmpty: true, expected: 'the https URL of the API server' });
  for (const key of ['certificateAuthorityData', 'certificateAuthorityFile', 'contextName'])
    guardOptionalString(o[key], where, key, { allowEmpty: true });
  if (o.namespace !== undefined) guardDnsLabel(o.namespace, where, 'namespace', 'namespace name');
  if (o.user === undefined || o.user === null || typeof o.user !== 'object' || Array.isArray(o.user)) {
    rejectInput(
      where,
      'user',
      'a user object { name, token | tokenFile | clientCertificateData | clientCertificateFile, clientKeyFile? }',
      o.user,
      "pass user: { name: 'wang', clientCertificateFile: 'wang.crt', clientKeyFile: 'wang.key' }",
    );
  }
  const user = o.user as Record<string, unknown>;
  guardKnownKeys(user, USER_KEYS, where, 'user');
  guardString(user.name, where, 'user.name', { allowEmpty: true, expected: 'a user entry name' });
  for (const key of USER_KEYS.slice(1)) guardOptionalString(user[key], where, `user.${key}`, { allowEmpty: true });
}

import { generateKeyPairSync, KeyObject } from 'node:crypto';
import { rmSync } from 'node:fs';
import { guardObject, guardOptionalBoolean, guardOptionalString, guardString } from '../../model/primitives/guard';
import { checkDistinctOutputs, checkWriteTarget, NamedFile, safeWriteFile } from '../../model/io/safe-write';
import { guardCredentialsOptions } from './argument-guards';
import { buildCsr } from './csr-build';
import { writeSecret } from './secret-file';
import { checkSubject } from './subject-rules';
import { ClientKeyAlgorithm } from './client-key-algorithm';

export { ClientKeyAlgorithm };

/** Options of {@link generateClientCredentials}. */
export interface ClientCredentialsOptions {
  /** The user name: the CN of the request, the name Kubernetes authenticates. */
  readonly user: string;
  /**
   * The groups: the O values of the request.
   * @default [] (the user gets only `system:authenticated`)
   */
  readonly groups?: string[];
  /** Where the private key is written (PEM PKCS#8, file mode 0600). Never put it in a manifest or a repository. */
  readonly keyFile: string;
  /**
   * Where the CSR is written (PEM, readable: it holds no secret).
   * @default the CSR is only returned
   */
  readonly csrFile?: string;
  /**
   * The key algorithm.
   * @default ClientKeyAlgorithm.ECDSA_P256
   */
  readonly algorithm?: ClientKeyAlgorithm;
  /**
   * Replace an existing key file (and CSR file). A key is never replaced silently: a certificate issued for the old
   * key stops working with the new one. A symbolic link is never written through, even with `overwrite`.
   * @default false
   */
  readonly overwrite?: boolean;
}

/**
 * A one-off step, outside synth (docs/scenarios.md#004: `openssl genrsa` + `openssl req -new -subj "/CN=wang/O=dev"`):
 * generates a private key, writes it to `keyFile` with mode 0600 from its first byte (refusing to replace an existing
 * key unless `overwrite`), and returns the PEM certificate signing request for `CN=<user>, O=<groups>`, also written to
 * `csrFile` when given (also kept unless `overwrite`). Neither file is ever written through a symbolic link, and the
 * two can never be one file. Pass the CSR to {@link ClusterUser}; the key stays in the local file and never enters a
 * manifest. Synchronous (Node's crypto signs, @peculiar/asn1-csr encodes).
 */
export function generateClientCredentials(options: ClientCredentialsOptions): string {
  return createClientCredentials(options, LIBRARY_NAMING);
}

/** How {@link createClientCredentials} names its files and the overwrite switch in errors: the API's or the CLI's. */
export interface CredentialsNaming {
  /** `[where]` of file errors; empty in the CLI. */
  readonly where: string;
  readonly keyField: string;
  readonly csrField: string;
  /** `pass overwrite: true` or `pass --force`. */
  readonly overwriteHint: string;
}

const LIBRARY_NAMING: CredentialsNaming = {
  where: 'generateClientCredentials',
  keyField: 'keyFile',
  csrField: 'csrFile',
  overwriteHint: 'pass overwrite: true',
};

const KEY_KEEP_REASON = 'a new key would orphan any certificate issued for it';

/**
 * {@link generateClientCredentials} with the file errors worded for the caller (the `csr` command names its options).
 * Both targets are checked before the key is generated, so a refusal writes nothing; a new key is removed again when
 * the CSR cannot be written.
 */
export function createClientCredentials(options: ClientCredentialsOptions, naming: CredentialsNaming): string {
  guardObject(options, 'generateClientCredentials', 'options', {
    expected: 'an options object { user, keyFile, ... }',
  });
  guardCredentialsOptions(options, naming.where || 'csr');
  const where = `generateClientCredentials(${JSON.stringify(options.user)})`;
  const groups = options.groups ?? [];
  checkSubject(options.user, groups, naming.where, { user: 'user', groups: 'groups' });
  const keyFile = guardString(options.keyFile, naming.where, naming.keyField, {
    expected: 'a file path',
    fix: 'name the local file the private key goes to',
  });
  const csrFile = guardOptionalString(options.csrFile, naming.where, naming.csrField, {
    expected: 'a file path',
    fix: 'name the CSR file, or leave it out',
  });
  const overwrite = guardOptionalBoolean(options.overwrite, naming.where, 'overwrite') === true;
  const common = { where: naming.where, overwrite, overwriteHint: naming.overwriteHint };
  const key: NamedFile = { path: keyFile, field: naming.keyField };
  if (csrFile !== undefined) checkDistinctOutputs([key, { path: csrFile, field: naming.csrField }], naming.where);
  const keyTarget = checkWriteTarget(keyFile, {
    ...common,
    field: naming.keyField,
    keepReason: KEY_KEEP_REASON,
    mode: 0o600,
  });
  const csrOptions = { ...common, field: naming.csrField, mode: 0o644, others: [key] };
  if (csrFile !== undefined) checkWriteTarget(csrFile, csrOptions);
  const privateKey = generateKey(options.algorithm ?? ClientKeyAlgorithm.ECDSA_P256, where);
  const csr = buildCsr({ commonName: options.user, organizations: groups }, privateKey);
  const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }) as string;
  writeSecret(keyFile, pem, { ...common, field: naming.keyField, keepReason: KEY_KEEP_REASON });
  if (csrFile !== undefined) {
    try {
      // A CSR is public (client-go's certutil.WriteCert writes certificates 0644).
      safeWriteFile(csrFile, csr, csrOptions);
    } catch (err) {
      // A key without its CSR is of no use; a new one is removed so that the retry needs no overwrite.
      if (!keyTarget.exists) rmSync(keyFile, { force: true });
      throw err;
    }
  }
  return csr;
}

function generateKey(algorithm: ClientKeyAlgorithm, where: string): KeyObject {
  switch (algorithm) {
    case ClientKeyAlgorithm.ECDSA_P256:
      return generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey;
    case ClientKeyAlgorithm.RSA_2048:
      return generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
    case ClientKeyAlgorithm.RSA_4096:
      return generateKeyPairSync('rsa', { modulusLength: 4096 }).privateKey;
    default:
      throw new Error(
        `${where}: algorithm "${algorithm}" is not supported; fix: use 'ecdsa-p256', 'rsa-2048' or 'rsa-4096'`,
      );
  }
}

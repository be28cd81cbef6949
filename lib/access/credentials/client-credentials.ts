import { generateKeyPairSync, KeyObject } from 'node:crypto';
import { existsSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { buildCsr } from './csr-build';
import { writeSecret } from './secret-file';
import { checkSubject } from './subject-rules';

/** Key algorithms of {@link generateClientCredentials}. */
export enum ClientKeyAlgorithm {
  /** ECDSA on NIST P-256, signed with SHA-256: small and fast, accepted by every Kubernetes signer. */
  ECDSA_P256 = 'ecdsa-p256',
  /** RSA, 2048-bit modulus. */
  RSA_2048 = 'rsa-2048',
  /** RSA, 4096-bit modulus: the handbook's `openssl genrsa 4096`. */
  RSA_4096 = 'rsa-4096',
}

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
   * Replace an existing key file. A key is never replaced silently: a certificate issued for the old key stops
   * working with the new one.
   * @default false
   */
  readonly overwrite?: boolean;
}

/**
 * A one-off step, outside synth (the handbook's `openssl genrsa` + `openssl req -new -subj "/CN=wang/O=dev"`):
 * generates a private key, writes it to `keyFile` with mode 0600 (refusing to replace an existing key unless
 * `overwrite`), and returns the PEM certificate signing request for `CN=<user>, O=<groups>`, also written to
 * `csrFile` when given. Pass the CSR to {@link ClusterUser}; the key stays in the local file and never enters a
 * manifest. Synchronous (Node's crypto signs, @peculiar/asn1-csr encodes).
 */
export function generateClientCredentials(options: ClientCredentialsOptions): string {
  const where = `generateClientCredentials(${JSON.stringify(options.user)})`;
  const groups = options.groups ?? [];
  checkSubject(options.user, groups, where, { user: 'user', groups: 'groups' });
  if (!options.keyFile) throw new Error(`${where}: keyFile is empty; fix: name the local file the private key goes to`);
  if (options.csrFile && resolve(options.csrFile) === resolve(options.keyFile)) {
    throw new Error(`${where}: csrFile and keyFile are the same file; fix: write the CSR and the key to different files`);
  }
  if (!options.overwrite && existsSync(options.keyFile)) {
    throw new Error(`${where}: keyFile ${options.keyFile} exists already; a new key would orphan any certificate issued for it; `
      + 'fix: pick another keyFile, or pass overwrite: true to replace it');
  }
  const privateKey = generateKey(options.algorithm ?? ClientKeyAlgorithm.ECDSA_P256, where);
  const csr = buildCsr({ commonName: options.user, organizations: groups }, privateKey);
  writeSecret(options.keyFile, privateKey.export({ type: 'pkcs8', format: 'pem' }) as string, options.overwrite === true);
  if (options.csrFile) writeFileSync(options.csrFile, csr, { mode: 0o644 });
  return csr;
}

function generateKey(algorithm: ClientKeyAlgorithm, where: string): KeyObject {
  switch (algorithm) {
    case ClientKeyAlgorithm.ECDSA_P256: return generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey;
    case ClientKeyAlgorithm.RSA_2048: return generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
    case ClientKeyAlgorithm.RSA_4096: return generateKeyPairSync('rsa', { modulusLength: 4096 }).privateKey;
    default: throw new Error(`${where}: algorithm "${algorithm}" is not supported; fix: use 'ecdsa-p256', 'rsa-2048' or 'rsa-4096'`);
  }
}

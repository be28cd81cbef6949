import { createPublicKey, KeyObject, verify } from 'node:crypto';
import { CertificationRequest } from '@peculiar/asn1-csr';
import { AsnConvert } from '@peculiar/asn1-schema';
import { AttributeValue, Name } from '@peculiar/asn1-x509';
import { guardString } from '../../model/primitives/guard';
import { assertNoPrivateKey, pemBlocks } from './pem';

/** What a PKCS#10 certificate signing request says, read the way Kubernetes reads it. */
export interface CsrInfo {
  /** The subject's CommonName: the Kubernetes user name (the last CN when there are several, as Go's `pkix.Name`). */
  readonly commonName: string;
  /** The subject's Organization values, in order: the Kubernetes groups. */
  readonly organizations: string[];
  /** The public key: `ecdsa-p256`, `ecdsa-p384`, `rsa-2048`, `rsa-4096`, `ed25519`, ... */
  readonly publicKey: string;
  /** The signature algorithm, such as `ecdsa-with-SHA256` or `sha256WithRSAEncryption`. */
  readonly signatureAlgorithm: string;
  /** Whether the signature verifies with the request's own public key (the API server refuses the CSR otherwise). */
  readonly signatureValid: boolean;
}

/** Signature algorithm OIDs (RFC 5758, RFC 8017, RFC 8410) and the hash Node's `crypto.verify` needs. */
const SIGNATURE_ALGORITHMS: { readonly [oid: string]: { readonly name: string; readonly hash: string | null } } = {
  '1.2.840.10045.4.1': { name: 'ecdsa-with-SHA1', hash: 'sha1' },
  '1.2.840.10045.4.3.2': { name: 'ecdsa-with-SHA256', hash: 'sha256' },
  '1.2.840.10045.4.3.3': { name: 'ecdsa-with-SHA384', hash: 'sha384' },
  '1.2.840.10045.4.3.4': { name: 'ecdsa-with-SHA512', hash: 'sha512' },
  '1.2.840.113549.1.1.5': { name: 'sha1WithRSAEncryption', hash: 'sha1' },
  '1.2.840.113549.1.1.11': { name: 'sha256WithRSAEncryption', hash: 'sha256' },
  '1.2.840.113549.1.1.12': { name: 'sha384WithRSAEncryption', hash: 'sha384' },
  '1.2.840.113549.1.1.13': { name: 'sha512WithRSAEncryption', hash: 'sha512' },
  '1.3.101.112': { name: 'Ed25519', hash: null },
};

const OID_COMMON_NAME = '2.5.4.3';
const OID_ORGANIZATION = '2.5.4.10';
const CURVES: { readonly [name: string]: string } = { 'prime256v1': 'p256', 'secp384r1': 'p384', 'secp521r1': 'p521' };

/**
 * Parses a PEM certificate signing request as the API server does (`certificates.ParseCSR`: the first PEM block
 * must be `CERTIFICATE REQUEST`, then `CheckSignature`), synchronously. `where` names the caller in errors.
 * Throws when the text holds a private key (loudly: that is a key leak), no PEM, another PEM type, or DER that is
 * not PKCS#10. A bad signature is reported in `signatureValid`, not thrown.
 */
export function parseCsr(text: string, where: string = '[parseCsr] text'): CsrInfo {
  guardString(where, 'parseCsr', 'where', { expected: 'a label for errors, such as "[my-tool] csr"' });
  // `where` is `[path] field` (ClusterUser) or a plain label: the guard's message needs the two parts.
  const label = /^\[([^\]]*)\]\s*(.*)$/.exec(where);
  guardString(text, label ? label[1] : where, label?.[2] || 'text', {
    allowEmpty: true,
    expected: 'the PEM text of a certificate signing request',
  });
  assertNoPrivateKey(
    text,
    where,
    'pass the CSR (the file written by generateClientCredentials or `openssl req -new`), never the key',
  );
  let blocks;
  try {
    blocks = pemBlocks(text);
  } catch (e) {
    throw new Error(`${where}: ${(e as Error).message}; fix: pass the CSR file's content unchanged`, { cause: e });
  }
  if (blocks.length === 0) {
    throw new Error(
      `${where}: not a PEM certificate signing request (no "-----BEGIN CERTIFICATE REQUEST-----" block); ` +
        'fix: pass the PEM text of the CSR, not its base64 or DER (generateClientCredentials or `openssl req -new` write PEM)',
    );
  }
  if (blocks.length > 1 || blocks[0].label !== 'CERTIFICATE REQUEST') {
    throw new Error(
      `${where}: expected exactly one PEM block "CERTIFICATE REQUEST", found ${blocks.map((b) => `"${b.label}"`).join(', ')} ` +
        '(Kubernetes reads only that label); fix: pass the CSR alone',
    );
  }
  let csr: CertificationRequest;
  try {
    csr = AsnConvert.parse(blocks[0].der, CertificationRequest);
  } catch (e) {
    throw new Error(
      `${where}: the CERTIFICATE REQUEST block is not a PKCS#10 request (${(e as Error).message}); fix: regenerate the CSR`,
      { cause: e },
    );
  }
  const subject = subjectOf(csr.certificationRequestInfo.subject);
  const key = publicKeyOf(csr, where);
  const alg = SIGNATURE_ALGORITHMS[csr.signatureAlgorithm.algorithm];
  if (!alg) {
    throw new Error(
      `${where}: signature algorithm ${csr.signatureAlgorithm.algorithm} is not supported here; ` +
        'fix: sign the CSR with ECDSA, RSA PKCS#1 v1.5 or Ed25519 (generateClientCredentials does)',
    );
  }
  return {
    commonName: subject.commonName,
    organizations: subject.organizations,
    publicKey: describeKey(key),
    signatureAlgorithm: alg.name,
    signatureValid: signatureValid(csr, key, alg.hash),
  };
}

/** CN and O as Go's `pkix.Name.FillFromRDNSequence` reads them: string values only, last CN wins, every O kept. */
function subjectOf(name: Name): { commonName: string; organizations: string[] } {
  let commonName = '';
  const organizations: string[] = [];
  for (const rdn of name) {
    for (const atv of rdn) {
      const value = stringValue(atv.value);
      if (value === undefined) continue;
      if (atv.type === OID_COMMON_NAME) commonName = value;
      else if (atv.type === OID_ORGANIZATION) organizations.push(value);
    }
  }
  return { commonName, organizations };
}

function stringValue(v: AttributeValue): string | undefined {
  return v.utf8String ?? v.printableString ?? v.ia5String ?? v.teletexString ?? v.bmpString ?? v.universalString;
}

function publicKeyOf(csr: CertificationRequest, where: string): KeyObject {
  const spki = Buffer.from(AsnConvert.serialize(csr.certificationRequestInfo.subjectPKInfo));
  try {
    return createPublicKey({ key: spki, format: 'der', type: 'spki' });
  } catch (e) {
    throw new Error(
      `${where}: the CSR's public key cannot be read (${(e as Error).message}); fix: regenerate the CSR`,
      { cause: e },
    );
  }
}

/** `ecdsa-p256`, `rsa-2048`, `ed25519`: the names generateClientCredentials takes. */
export function describeKey(key: KeyObject): string {
  const d = key.asymmetricKeyDetails ?? {};
  switch (key.asymmetricKeyType) {
    case 'ec':
      return `ecdsa-${CURVES[d.namedCurve ?? ''] ?? d.namedCurve}`;
    case 'rsa':
      return `rsa-${d.modulusLength}`;
    default:
      return String(key.asymmetricKeyType);
  }
}

function signatureValid(csr: CertificationRequest, key: KeyObject, hash: string | null): boolean {
  const tbs = csr.certificationRequestInfoRaw;
  if (!tbs) return false;
  try {
    return verify(hash, Buffer.from(tbs), { key, dsaEncoding: 'der' }, Buffer.from(csr.signature));
  } catch {
    return false; // wrong key type for the algorithm, malformed signature
  }
}

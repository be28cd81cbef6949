/**
 * certificates.k8s.io/v1 CertificateSigningRequest as kube-apiserver validates it on create:
 * pkg/apis/certificates/validation `validateCertificateSigningRequest` (request is a PEM CERTIFICATE REQUEST,
 * usages required, known and unique, expirationSeconds at least 600) and `ValidateSignerName` (domain/path).
 * The request's signature is not checked here (parseCSR's ASN.1 work belongs to lib/access/credentials).
 */
import type { FieldIssue } from '../schema/schema-errors';
import { signerNameErrors } from '../../model/primitives/signer-name';
import { arrayAt, duplicate, integerAt, invalid, notSupported, objectAt, required, stringAt, tooLong } from './issues';

/** `allValidUsages`. */
export const CSR_USAGES = [
  'signing',
  'digital signature',
  'content commitment',
  'key encipherment',
  'key agreement',
  'data encipherment',
  'cert sign',
  'crl sign',
  'encipher only',
  'decipher only',
  'any',
  'server auth',
  'client auth',
  'code signing',
  'email protection',
  's/mime',
  'ipsec end system',
  'ipsec tunnel',
  'ipsec user',
  'timestamping',
  'ocsp signing',
  'microsoft sgc',
  'netscape sgc',
];
const SIGNER_FIX = 'use a signer like "kubernetes.io/kube-apiserver-client" or "example.com/my-signer"';

/** `validateCertificateSigningRequest`. */
export function validateCertificateSigningRequest(doc: Record<string, unknown>): FieldIssue[] {
  const spec = objectAt(doc.spec);
  if (!spec) return [];
  const out: FieldIssue[] = [];
  const request = stringAt(spec.request);
  if (request !== undefined) {
    const pem = Buffer.from(request, 'base64').toString('latin1');
    if (!/-----BEGIN CERTIFICATE REQUEST-----[\s\S]+-----END CERTIFICATE REQUEST-----/.test(pem)) {
      out.push(
        invalid(
          'spec.request',
          request.length > 40 ? `${request.slice(0, 40)}…` : request,
          'PEM block type must be CERTIFICATE REQUEST',
          'set request to the base64 of a PEM "CERTIFICATE REQUEST" (e.g. `base64 -w0 user.csr`)',
        ),
      );
    }
  }
  const usages = arrayAt(spec.usages);
  if (usages.length === 0)
    out.push(required('spec.usages', 'usages must be provided', 'list the key usages, e.g. ["client auth"]'));
  const seen = new Set<unknown>();
  usages.forEach((u, i) => {
    if (typeof u !== 'string') return;
    if (!CSR_USAGES.includes(u))
      out.push(
        notSupported(
          `spec.usages[${i}]`,
          u,
          CSR_USAGES,
          'use a usage like "client auth", "digital signature", "key encipherment"',
        ),
      );
    else if (seen.has(u)) out.push(duplicate(`spec.usages[${i}]`, u, 'list each usage once'));
    seen.add(u);
  });
  const signer = spec.signerName;
  if (signer === undefined || signer === null || signer === '') {
    out.push(required('spec.signerName', '', SIGNER_FIX));
  } else if (typeof signer === 'string') {
    out.push(...validateSignerName(signer, 'spec.signerName'));
  }
  const expiration = integerAt(spec.expirationSeconds);
  if (expiration !== undefined && expiration < 600) {
    out.push(
      invalid(
        'spec.expirationSeconds',
        expiration,
        'may not specify a duration less than 600 seconds (10 minutes)',
        'use 600 or more seconds, or leave it out',
      ),
    );
  }
  return out;
}

/** `ValidateSignerName`, from the ground floor (lib/model/primitives/signer-name.ts), as field issues. */
export function validateSignerName(signer: string, path: string): FieldIssue[] {
  return signerNameErrors(signer).map((e) => {
    if (e.kind === 'required') return required(path, '', SIGNER_FIX);
    if (e.kind === 'too-long') return tooLong(path, e.max, SIGNER_FIX);
    return invalid(path, e.value, e.detail, SIGNER_FIX);
  });
}

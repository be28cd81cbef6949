import { createPublicKey, KeyObject, sign } from 'node:crypto';
import { Attributes, CertificationRequest, CertificationRequestInfo } from '@peculiar/asn1-csr';
import { AsnConvert } from '@peculiar/asn1-schema';
import {
  AlgorithmIdentifier,
  AttributeTypeAndValue,
  AttributeValue,
  Name,
  RelativeDistinguishedName,
  SubjectPublicKeyInfo,
} from '@peculiar/asn1-x509';
import { toPem } from './pem';

const OID_COMMON_NAME = '2.5.4.3';
const OID_ORGANIZATION = '2.5.4.10';
const ECDSA_WITH_SHA256 = '1.2.840.10045.4.3.2';
const SHA256_WITH_RSA = '1.2.840.113549.1.1.11';
/** DER NULL: RSA signature algorithms carry explicit NULL parameters (RFC 4055 §5). */
const DER_NULL = new Uint8Array([0x05, 0x00]).buffer;

/** The subject of a client certificate request, as Kubernetes reads it. */
export interface CsrSubject {
  /** CN: the user name. */
  readonly commonName: string;
  /** O: the groups, one RDN each (as `openssl req -subj "/O=a/O=b/CN=u"`). */
  readonly organizations: readonly string[];
}

/**
 * Builds and signs a PKCS#10 request (RFC 2986) for `subject` with `privateKey` (ECDSA P-256 with SHA-256, or RSA
 * with sha256WithRSAEncryption), synchronously, and returns it as PEM `CERTIFICATE REQUEST`. Values are UTF8String
 * (as `openssl req -utf8` and Go do); O comes before CN, the order of kubeadm's admin certificate.
 */
export function buildCsr(subject: CsrSubject, privateKey: KeyObject): string {
  const spkiDer = createPublicKey(privateKey).export({ type: 'spki', format: 'der' });
  const info = new CertificationRequestInfo({
    version: 0,
    subject: subjectName(subject),
    subjectPKInfo: AsnConvert.parse(spkiDer, SubjectPublicKeyInfo),
    attributes: new Attributes(),
  });
  const tbs = Buffer.from(AsnConvert.serialize(info));
  const rsa = privateKey.asymmetricKeyType === 'rsa';
  if (!rsa && privateKey.asymmetricKeyType !== 'ec')
    throw new Error(`buildCsr: key type ${privateKey.asymmetricKeyType} is not supported; fix: use ECDSA or RSA`);
  const signature = sign('sha256', tbs, { key: privateKey, dsaEncoding: 'der' });
  const request = new CertificationRequest({
    certificationRequestInfo: info,
    signatureAlgorithm: new AlgorithmIdentifier(
      rsa ? { algorithm: SHA256_WITH_RSA, parameters: DER_NULL } : { algorithm: ECDSA_WITH_SHA256 },
    ),
    signature: new Uint8Array(signature).buffer,
  });
  return toPem('CERTIFICATE REQUEST', new Uint8Array(AsnConvert.serialize(request)));
}

function subjectName(subject: CsrSubject): Name {
  const rdn = (type: string, value: string) =>
    new RelativeDistinguishedName([
      new AttributeTypeAndValue({ type, value: new AttributeValue({ utf8String: value }) }),
    ]);
  return new Name([
    ...subject.organizations.map((o) => rdn(OID_ORGANIZATION, o)),
    rdn(OID_COMMON_NAME, subject.commonName),
  ]);
}

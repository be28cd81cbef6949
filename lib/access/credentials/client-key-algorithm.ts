/** Key algorithms of {@link generateClientCredentials}. */
export enum ClientKeyAlgorithm {
  /** ECDSA on NIST P-256, signed with SHA-256: small and fast, accepted by every Kubernetes signer. */
  ECDSA_P256 = 'ecdsa-p256',
  /** RSA, 2048-bit modulus. */
  RSA_2048 = 'rsa-2048',
  /** RSA, 4096-bit modulus: `openssl genrsa 4096` in docs/scenarios.md#004. */
  RSA_4096 = 'rsa-4096',
}

// The public part of the credentials helpers (the PEM, CSV and CSR-building internals stay private).
export { ClientKeyAlgorithm, generateClientCredentials } from './client-credentials';
export type { ClientCredentialsOptions } from './client-credentials';
export { parseCsr } from './csr-parse';
export type { CsrInfo } from './csr-parse';
export { renderKubeconfig, writeKubeconfig } from './kubeconfig';
export type { KubeconfigOptions, KubeconfigUser, WriteKubeconfigOptions } from './kubeconfig';
export { KUBE_APISERVER_CLIENT_SIGNER } from './signer-name';
export { parseStaticTokenFile, readStaticTokenFile, STATIC_TOKEN_WARNING_CODE } from './static-token-file';
export type { StaticTokenFileContents, StaticTokenUser } from './static-token-file';

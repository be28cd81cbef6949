import { boundaryError, guardString } from '../../model/primitives/guard';
import { isKubernetesSignerName, signerNameErrors, describeSignerNameError } from '../../model/primitives/signer-name';

/** The signer of certificates for users of the API server, the default of {@link ClusterUser}. */
export const KUBE_APISERVER_CLIENT_SIGNER = 'kubernetes.io/kube-apiserver-client';

/**
 * Checks a CSR signerName for a user certificate. Syntax and messages as the API server's `ValidateSignerName`
 * (k8s.io/kubernetes pkg/apis/certificates/validation, lib/model/primitives/signer-name.ts); then, of the signers
 * reserved by Kubernetes (`IsKubernetesSignerName`), only `kubernetes.io/kube-apiserver-client` issues user
 * certificates: `kubelet-serving` and `kube-apiserver-client-kubelet` are for nodes, `legacy-unknown` is refused by
 * the v1 API.
 */
export function checkUserSignerName(signerName: string, where: string, field = 'signerName'): void {
  guardString(signerName, where, field, { expected: 'a signer name such as example.com/users' });
  const fix = `fix: use ${KUBE_APISERVER_CLIENT_SIGNER} (the default) or your own signer such as example.com/users`;
  const errors = signerNameErrors(signerName);
  if (errors.length > 0) {
    const why = errors.map(describeSignerNameError).join('; ');
    throw boundaryError(where, field, `"${signerName}" is not of the form example.com/signer-name (${why}); ${fix}`);
  }
  if (isKubernetesSignerName(signerName) && signerName !== KUBE_APISERVER_CLIENT_SIGNER) {
    throw boundaryError(where, field, `"${signerName}" does not issue certificates to users; ${fix}`);
  }
}

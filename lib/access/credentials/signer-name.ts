import { boundaryError, guardString } from '../../model/primitives/guard';
import { DNS1123_SUBDOMAIN_MAX, isDns1123Label, isDns1123Subdomain } from '../../model/primitives/kube-names';

/** The signer of certificates for users of the API server, the default of {@link ClusterUser}. */
export const KUBE_APISERVER_CLIENT_SIGNER = 'kubernetes.io/kube-apiserver-client';

/**
 * Checks a CSR signerName for a user certificate. Syntax as the API server's `ValidateSignerName`
 * (pkg/apis/core/validation: `<domain with two or more labels>/<dot-separated subdomains>`, at most 571 characters);
 * then, of the signers reserved by Kubernetes, only `kubernetes.io/kube-apiserver-client` issues user certificates:
 * `kubelet-serving` and `kube-apiserver-client-kubelet` are for nodes, `legacy-unknown` is refused by the v1 API.
 */
export function checkUserSignerName(signerName: string, where: string, field = 'signerName'): void {
  guardString(signerName, where, field, { expected: 'a signer name such as example.com/users' });
  const fix = `fix: use ${KUBE_APISERVER_CLIENT_SIGNER} (the default) or your own signer such as example.com/users`;
  const parts = signerName.split('/');
  const [domain, path] = parts;
  const domainLabels = (domain ?? '').split('.');
  const syntaxOk =
    parts.length === 2 &&
    signerName.length <= 571 &&
    domain.length <= DNS1123_SUBDOMAIN_MAX &&
    domainLabels.length >= 2 &&
    domainLabels.every(isDns1123Label) &&
    path.split('.').every(isDns1123Subdomain);
  if (!syntaxOk)
    throw boundaryError(where, field, `"${signerName}" is not of the form example.com/signer-name; ${fix}`);
  const reserved = domain === 'kubernetes.io' || domain.endsWith('.kubernetes.io');
  if (reserved && signerName !== KUBE_APISERVER_CLIENT_SIGNER) {
    throw boundaryError(where, field, `"${signerName}" does not issue certificates to users; ${fix}`);
  }
}

/**
 * CertificateSigningRequest signer names, as kube-apiserver checks them: `ValidateSignerName` and
 * `IsKubernetesSignerName` (k8s.io/kubernetes pkg/apis/certificates/validation). `<domain>/<path>`: the domain
 * dot-separated DNS-1123 labels, at least two, at most 253 characters; the path dot-separated DNS-1123 subdomains;
 * at most 571 characters in all (`<fqdn>/<namespace>.<name>`). One home for the CSR validator
 * (lib/validation/kubernetes/certificates.ts) and the ClusterUser construct (lib/access/credentials/signer-name.ts).
 */
import { dns1123LabelErrors, dns1123SubdomainErrors } from './kube-name-errors';
import { DNS1123_LABEL_MAX, DNS1123_SUBDOMAIN_MAX } from './kube-names';

/** The longest signer name: a subdomain, `/`, a label, `.` and a subdomain (upstream `maxSignerNameLength`, 571). */
export const SIGNER_NAME_MAX = DNS1123_SUBDOMAIN_MAX + 1 + (DNS1123_SUBDOMAIN_MAX + DNS1123_LABEL_MAX + 1);

/** One of upstream's errors: `field.Required`, `field.Invalid` (with the value it names) or `field.TooLong`. */
export type SignerNameError =
  | { readonly kind: 'required' }
  | { readonly kind: 'invalid'; readonly value: string; readonly detail: string }
  | { readonly kind: 'too-long'; readonly max: number };

/** Upstream `ValidateSignerName`: its errors, in its order, with its messages. */
export function signerNameErrors(signerName: string): SignerNameError[] {
  if (signerName.length === 0) return [{ kind: 'required' }];
  const segments = signerName.split('/');
  if (segments.length !== 2) {
    const detail = "must be a fully qualified domain and path of the form 'example.com/signer-name'";
    return [{ kind: 'invalid', value: signerName, detail }];
  }
  const [domain, path] = segments;
  const out: SignerNameError[] = [];
  if (domain.length > DNS1123_SUBDOMAIN_MAX) out.push({ kind: 'too-long', max: DNS1123_SUBDOMAIN_MAX });
  const domainLabels = domain.split('.');
  // Upstream stops at the first bad label: later ones would repeat the same messages.
  out.push(...firstLabelErrors(domain, domainLabels, dns1123LabelErrors));
  if (domainLabels.length < 2) {
    out.push({
      kind: 'invalid',
      value: domain,
      detail: 'should be a domain with at least two segments separated by dots',
    });
  }
  out.push(...firstLabelErrors(path, path.split('.'), dns1123SubdomainErrors));
  if (signerName.length > SIGNER_NAME_MAX) out.push({ kind: 'too-long', max: SIGNER_NAME_MAX });
  return out;
}

function firstLabelErrors(
  segment: string,
  labels: readonly string[],
  check: (label: string) => string[],
): SignerNameError[] {
  for (const label of labels) {
    const errs = check(label);
    if (errs.length > 0) {
      return errs.map((e) => ({
        kind: 'invalid',
        value: segment,
        detail: `validating label ${JSON.stringify(label)}: ${e}`,
      }));
    }
  }
  return [];
}

/** Upstream `IsKubernetesSignerName`: the domain is `kubernetes.io` or ends in `.kubernetes.io`. */
export function isKubernetesSignerName(signerName: string): boolean {
  const host = signerName.split('/')[0];
  return host === 'kubernetes.io' || host.endsWith('.kubernetes.io');
}

/** One error in words: `Invalid value: "x": detail`, as kube-apiserver prints it (apimachinery `field.Error`). */
export function describeSignerNameError(e: SignerNameError): string {
  if (e.kind === 'required') return 'Required value';
  if (e.kind === 'too-long') return `Too long: may not be more than ${e.max} bytes`;
  return `Invalid value: ${JSON.stringify(e.value)}: ${e.detail}`;
}

/**
 * The labels Calico gives endpoints for policy selectors to match (libcalico-go `apiv3.LabelNamespace`,
 * `apiv3.LabelServiceAccount`, and the `pcns.`/`pcsa.` prefixes of `conversion.NamespaceLabelPrefix` /
 * `conversion.ServiceAccountLabelPrefix`, libcalico-go/lib/backend/k8s/conversion/constants.go).
 */

/** The endpoint's namespace (`projectcalico.org/namespace`). */
export const LABEL_NAMESPACE = 'projectcalico.org/namespace';
/** The pod's service account (`projectcalico.org/serviceaccount`). */
export const LABEL_SERVICE_ACCOUNT = 'projectcalico.org/serviceaccount';
/** Prefix of the namespace's labels copied onto its endpoints. */
export const NAMESPACE_LABEL_PREFIX = 'pcns.';
/** Prefix of the service account's labels copied onto its pods. */
export const SERVICE_ACCOUNT_LABEL_PREFIX = 'pcsa.';

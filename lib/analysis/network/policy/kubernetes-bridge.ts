/**
 * Converts Kubernetes NetworkPolicies with the converter in lib/model/policy/kubernetes, strictly (input the API server
 * refuses is an error, never converted the lossy way Calico would), mapping its errors to ManifestError.
 */
import { ManifestError, ObjectRef } from '../model/errors';
import { KubernetesConversionError, kubernetesNetworkPolicyToCalico } from '../../../model/policy/kubernetes';

/** The Calico v3 NetworkPolicy Calico derives from a networking.k8s.io/v1 NetworkPolicy. */
export function convertKubernetesPolicy(doc: unknown, ref: ObjectRef): Record<string, unknown> {
  try {
    return kubernetesNetworkPolicyToCalico(doc, { strict: true }).policy as unknown as Record<string, unknown>;
  } catch (e) {
    if (e instanceof ManifestError) throw e;
    if (e instanceof KubernetesConversionError) throw new ManifestError(ref, e.field || undefined, e.problem, e.fix);
    throw e;
  }
}

/** Converts Kubernetes NetworkPolicies with the converter in `../kubernetes`, mapping its errors to ManifestError. */
import { ManifestError, ObjectRef } from '../errors';
import { kubernetesNetworkPolicyToCalico } from '../kubernetes';

/** The Calico v3 NetworkPolicy Calico derives from a networking.k8s.io/v1 NetworkPolicy. */
export function convertKubernetesPolicy(doc: unknown, ref: ObjectRef): Record<string, unknown> {
  try {
    return kubernetesNetworkPolicyToCalico(doc).policy as unknown as Record<string, unknown>;
  } catch (e) {
    if (e instanceof ManifestError) throw e;
    const msg = e instanceof Error ? e.message : String(e);
    throw new ManifestError(ref, undefined, msg);
  }
}

/**
 * CNP label selectors → Calico selector text. The rendering is the Kubernetes NetworkPolicy converter's
 * (libcalico-go `k8sSelectorToCalico`, ../kubernetes/label-selector.ts); this file adds what a CNP needs on top:
 * `NamespacedPod` holds both selectors by value, so an absent one converts as `{}` (`all()` for namespaces, the
 * orchestrator term alone for pods), and findings the CRD does not catch are reported.
 */
import { childOf, FieldLocation, formatAt, indexOf } from '../kubernetes/errors';
import { isJsonObject, isUnset, optionalObject } from '../kubernetes/json-fields';
import { kubernetesLabelSelectorToCalico } from '../kubernetes/label-selector';

/** The selectors of a subject or peer, as Calico fields. */
export interface ClusterSelectorFields {
  /** The pod selector (`''` for a namespaces subject/peer inside a rule). */
  readonly selector: string;
  readonly namespaceSelector: string;
}

/** `In`/`NotIn` with no values: Calico renders `key in { '' }` (the CRD does not check values). */
function reportEmptyValues(sel: unknown, at: FieldLocation, problems: string[]): void {
  if (!isJsonObject(sel) || !Array.isArray(sel.matchExpressions)) return;
  sel.matchExpressions.forEach((e, i) => {
    if (!isJsonObject(e) || (e.operator !== 'In' && e.operator !== 'NotIn')) return;
    if (Array.isArray(e.values) && e.values.length > 0) return;
    problems.push(
      formatAt(
        indexOf(childOf(at, 'matchExpressions'), i),
        `operator ${e.operator} with no values: Calico matches the label against the empty string ('')`,
      ),
    );
  });
}

/** A `namespaces` selector (a `*metav1.LabelSelector`, set). */
export function namespaceSelectorOf(sel: unknown, at: FieldLocation, problems: string[]): string {
  reportEmptyValues(sel, at, problems);
  return kubernetesLabelSelectorToCalico(isUnset(sel) ? {} : sel, { kind: 'namespace', at, problems });
}

/** A pod selector (always ANDed with `projectcalico.org/orchestrator == 'k8s'`). */
export function podSelectorOf(sel: unknown, at: FieldLocation, problems: string[]): string {
  reportEmptyValues(sel, at, problems);
  return kubernetesLabelSelectorToCalico(isUnset(sel) ? {} : sel, { kind: 'pod', at, problems });
}

/** A `pods` (`NamespacedPod`) subject or peer: both selectors, each `{}` when absent. */
export function namespacedPodOf(v: unknown, at: FieldLocation, problems: string[]): ClusterSelectorFields {
  const pods = optionalObject(v, at) ?? {};
  return {
    namespaceSelector: namespaceSelectorOf(pods.namespaceSelector, childOf(at, 'namespaceSelector'), problems),
    selector: podSelectorOf(pods.podSelector, childOf(at, 'podSelector'), problems),
  };
}

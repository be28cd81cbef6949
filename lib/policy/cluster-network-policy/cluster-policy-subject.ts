import { guardLabels } from '../../model/primitives/kube-name-guards';
import { guardImplements, rejectInput, withField } from '../../model/primitives/guard';
import { LabelSelector } from './label-selector';
import {
  allNamespacesSelection,
  namespaceNamedSelection,
  namespacesSelection,
  PodSelection,
  podsSelection,
} from './pod-selection';

/**
 * Something a ClusterNetworkPolicy can apply to: a {@link ClusterPolicySubject}, or a construct that stands for pods
 * (a `SecureNamespace` is the subject "every pod of this namespace").
 */
export interface IClusterPolicySubject {
  /** The subject as `spec.subject`. */
  toClusterPolicySubject(): ClusterPolicySubject;
}

/**
 * The pods a ClusterNetworkPolicy applies to (`spec.subject`: exactly one of `namespaces` or `pods`). Host-network
 * pods are never selected (kubernetes-sigs/network-policy-api `ClusterNetworkPolicySubject`).
 */
export class ClusterPolicySubject implements IClusterPolicySubject {
  /** Every pod of every namespace (`namespaces: {}`). */
  public static allNamespaces(): ClusterPolicySubject {
    return ClusterPolicySubject.of(allNamespacesSelection());
  }

  /** Every pod of the namespaces carrying these labels. */
  public static namespaces(labels: { [key: string]: string }): ClusterPolicySubject {
    guardLabels(labels, 'ClusterPolicySubject.namespaces', 'labels');
    return ClusterPolicySubject.namespacesMatching(LabelSelector.matchLabels(labels));
  }

  /** Every pod of the namespaces the selector matches. */
  public static namespacesMatching(selector: LabelSelector): ClusterPolicySubject {
    return ClusterPolicySubject.of(namespacesSelection(selector, 'ClusterPolicySubject.namespacesMatching'));
  }

  /** Every pod of the namespace with this name (by its `kubernetes.io/metadata.name` label). */
  public static namespaceNamed(name: string): ClusterPolicySubject {
    return ClusterPolicySubject.of(namespaceNamedSelection(name, 'ClusterPolicySubject.namespaceNamed'));
  }

  /**
   * The pods carrying `podLabels` in the namespaces carrying `namespaceLabels` (both must match).
   * @param podLabels pod labels; `{}` selects every pod
   * @param namespaceLabels namespace labels; omitted or `{}` means every namespace
   */
  public static pods(
    podLabels: { [key: string]: string },
    namespaceLabels?: { [key: string]: string },
  ): ClusterPolicySubject {
    const where = 'ClusterPolicySubject.pods';
    guardLabels(podLabels, where, 'podLabels');
    if (namespaceLabels !== undefined) guardLabels(namespaceLabels, where, 'namespaceLabels');
    return ClusterPolicySubject.podsMatching(
      LabelSelector.matchLabels(podLabels),
      LabelSelector.matchLabels(namespaceLabels ?? {}),
    );
  }

  /**
   * The pods `podSelector` matches in the namespaces `namespaceSelector` matches.
   * @param podSelector the pods; `LabelSelector.all()` selects every pod
   * @param namespaceSelector the namespaces; omitted means every namespace
   */
  public static podsMatching(podSelector: LabelSelector, namespaceSelector?: LabelSelector): ClusterPolicySubject {
    return ClusterPolicySubject.of(podsSelection(podSelector, namespaceSelector, 'ClusterPolicySubject.podsMatching'));
  }

  private static of(s: PodSelection): ClusterPolicySubject {
    return new ClusterPolicySubject(s.json, s.description);
  }

  private constructor(
    private readonly json: Record<string, unknown>,
    /** A readable description (`namespace shop`, `all namespaces`). */
    public readonly description: string,
  ) {}

  /** Itself. */
  public toClusterPolicySubject(): ClusterPolicySubject {
    return this;
  }

  /** The subject as `spec.subject`. */
  public toJson(): Record<string, unknown> {
    return JSON.parse(JSON.stringify(this.json));
  }
}

const SUBJECT_EXPECTED =
  'a ClusterPolicySubject (ClusterPolicySubject.namespaces({...}), .allNamespaces(), .pods({...})) or a ' +
  'SecureNamespace';

/** A subject argument: anything with `toClusterPolicySubject()`, resolved to its ClusterPolicySubject. @internal */
export function resolveClusterPolicySubject(v: unknown, where: string, field: string): ClusterPolicySubject {
  if (v instanceof ClusterPolicySubject) return v;
  const subject = guardImplements<IClusterPolicySubject>(v, ['toClusterPolicySubject'], where, field, SUBJECT_EXPECTED);
  const resolved = withField(where, field, () => subject.toClusterPolicySubject());
  if (!(resolved instanceof ClusterPolicySubject)) {
    rejectInput(where, field, SUBJECT_EXPECTED, v, 'return a ClusterPolicySubject from toClusterPolicySubject()');
  }
  return resolved;
}

/**
 * One requirement of a Kubernetes label selector against a label set, as k8s.io/apimachinery
 * pkg/labels/selector.go `Requirement.Matches` decides it for the four operators of `metav1.LabelSelector`
 * (pkg/apis/meta/v1 `LabelSelectorOperator`): `In` needs the key with one of the values, `NotIn` passes a missing key,
 * `Exists` / `DoesNotExist` look at the key only. Used by the kube-apiserver workload checks and the RBAC engine's
 * aggregation rules; each reads and reports malformed selectors its own way.
 */

/**
 * Whether `labels` meet the requirement `key operator values`; `undefined` for an operator that is not one of the
 * four.
 */
export function labelRequirementMatches(
  labels: Readonly<Record<string, unknown>>,
  key: string,
  operator: unknown,
  values: readonly unknown[],
): boolean | undefined {
  const has = Object.prototype.hasOwnProperty.call(labels, key);
  switch (operator) {
    case 'In':
      return has && values.includes(labels[key]);
    case 'NotIn':
      return !has || !values.includes(labels[key]);
    case 'Exists':
      return has;
    case 'DoesNotExist':
      return !has;
    default:
      return undefined;
  }
}

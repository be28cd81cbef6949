/**
 * A Kubernetes LabelSelector of a ClusterNetworkPolicy as Calico reads it (libcalico-go
 * lib/backend/k8s/conversion/conversion.go `k8sSelectorToCalico`), as requirements the cluster network policy lint can
 * compare without endpoints: `matchLabels` as `In [value]`, expressions in order, an unknown operator dropped (Calico
 * widens the selector; cnp.fails-closed reports it from the converter), `In`/`NotIn` without values as `{''}`.
 *
 * Two questions are answered from the requirements alone, conservatively (a `false` may be a "cannot tell"):
 * - {@link selectsAllOf}: every label set one selector admits, the other admits too (implication);
 * - {@link provablyDisjoint}: no label set is admitted by both.
 */
import { KubernetesConversionError } from '../model/policy/kubernetes/errors';
import { LabelRequirement, readLabelSelector } from '../model/policy/kubernetes/label-selector';

export type { LabelOperator, LabelRequirement } from '../model/policy/kubernetes/label-selector';

/**
 * The requirements of `sel` as Calico enforces them (the converter's reading: model/policy/kubernetes/label-selector.ts
 * `readLabelSelector`), `matchLabels` as `In [value]`; `[]` (everything) for an unset or empty selector, `undefined`
 * when it is not shaped like a LabelSelector (validation reports it; the lint then judges nothing about it).
 */
export function labelRequirements(sel: unknown): LabelRequirement[] | undefined {
  let read;
  try {
    read = readLabelSelector(sel);
  } catch (e) {
    if (e instanceof KubernetesConversionError) return undefined;
    throw e;
  }
  if (read === undefined) return [];
  const labels = read.labels.map(([key, value]): LabelRequirement => ({ key, op: 'In', values: [value] }));
  return [...labels, ...read.expressions];
}

/** True when every label set `narrow` admits also meets `wide` (same key only). */
function requirementImplies(narrow: LabelRequirement, wide: LabelRequirement): boolean {
  if (narrow.key !== wide.key) return false;
  switch (wide.op) {
    case 'Exists':
      return narrow.op === 'In' || narrow.op === 'Exists';
    case 'DoesNotExist':
      return narrow.op === 'DoesNotExist';
    case 'In':
      return narrow.op === 'In' && narrow.values.every((v) => wide.values.includes(v));
    case 'NotIn':
      // NotIn admits a missing label too (Kubernetes and Calico `not in` alike).
      return (
        narrow.op === 'DoesNotExist' ||
        (narrow.op === 'In' && narrow.values.every((v) => !wide.values.includes(v))) ||
        (narrow.op === 'NotIn' && wide.values.every((v) => narrow.values.includes(v)))
      );
  }
}

/**
 * True when `wide` provably admits every label set `narrow` admits: each requirement of `wide` follows from one of
 * `narrow` (an empty `wide` admits everything).
 */
export function selectsAllOf(wide: readonly LabelRequirement[], narrow: readonly LabelRequirement[]): boolean {
  return wide.every((w) => narrow.some((n) => requirementImplies(n, w)));
}

/** True when no label set meets both requirements. */
function requirementsClash(a: LabelRequirement, b: LabelRequirement): boolean {
  if (a.key !== b.key) return false;
  const pair = (x: LabelRequirement, y: LabelRequirement): boolean => {
    if (x.op === 'In' && y.op === 'In') return !x.values.some((v) => y.values.includes(v));
    if (x.op === 'In' && y.op === 'NotIn') return x.values.every((v) => y.values.includes(v));
    if (x.op === 'In' && y.op === 'DoesNotExist') return true;
    return x.op === 'Exists' && y.op === 'DoesNotExist';
  };
  return pair(a, b) || pair(b, a);
}

/** True when no label set is admitted by both selectors (some requirement of one contradicts one of the other). */
export function provablyDisjoint(a: readonly LabelRequirement[], b: readonly LabelRequirement[]): boolean {
  return a.some((x) => b.some((y) => requirementsClash(x, y)));
}

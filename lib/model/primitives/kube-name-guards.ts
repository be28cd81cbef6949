import {
  isDns1123Label,
  isDns1123Subdomain,
  isQualifiedName,
  isValidLabelValue,
  qualifiedNameErrors,
} from './kube-names';
import { nameIsDnsLabel, nameIsDnsSubdomain, suggestName } from './kube-name-errors';
import { guardObject, guardString, rejectInput } from './guard';

/**
 * Guards for Kubernetes names and labels at the public boundary, on top of lib/model/primitives/guard.ts: a
 * name the API server would refuse is refused where it is given, with the construct path and prop, never emitted.
 */

/**
 * A DNS-1123 label (namespace names, Service names): at most 63 lowercase letters, digits and '-'.
 * Upstream: k8s.io/apimachinery/pkg/util/validation.IsDNS1123Label (ValidateNamespaceName).
 */
export function guardDnsLabel(v: unknown, where: string, field: string, what = 'name'): string {
  const s = guardString(v, where, field, { expected: `a ${what} (a DNS-1123 label)` });
  if (!isDns1123Label(s)) {
    rejectInput(
      where,
      field,
      `a ${what}: a DNS-1123 label`,
      s,
      `use at most 63 lowercase letters, digits and '-', starting and ending with a letter or digit${suggest(s, false)}`,
    );
  }
  return s;
}

/**
 * A DNS-1123 subdomain (most object names: ServiceAccount, NetworkPolicy, ConfigMap, CertificateSigningRequest): at
 * most 253 characters, dot-separated labels. Upstream: k8s.io/apimachinery/pkg/util/validation.IsDNS1123Subdomain
 * (apimachinery validation.NameIsDNSSubdomain).
 */
export function guardDnsSubdomain(v: unknown, where: string, field: string, what = 'name'): string {
  const s = guardString(v, where, field, { expected: `a ${what} (a DNS-1123 subdomain)` });
  if (!isDns1123Subdomain(s)) {
    rejectInput(
      where,
      field,
      `a ${what}: a DNS-1123 subdomain`,
      s,
      `use at most 253 lowercase letters, digits, '-' and '.'${suggest(s, true)}`,
    );
  }
  return s;
}

/** A ` (did you mean ...)` tail from the suggestion kube-apiserver validation prints too, when there is one. */
function suggest(s: string, dots: boolean): string {
  const fixed = suggestName(s, dots ? nameIsDnsSubdomain : nameIsDnsLabel);
  return fixed ? ` (did you mean "${fixed}"?)` : '';
}

/**
 * A labels map (metadata labels, `matchLabels`): keys qualified names, values valid label values.
 * Upstream: k8s.io/apimachinery/pkg/apis/meta/v1/validation.ValidateLabels (IsQualifiedName, IsValidLabelValue).
 */
export function guardLabels(v: unknown, where: string, field: string): Record<string, string> {
  const obj = guardObject(v, where, field, { expected: 'an object of label keys to string values' });
  for (const [key, value] of Object.entries(obj)) {
    if (!isQualifiedName(key)) {
      rejectInput(
        where,
        `${field}["${key}"]`,
        'a label key such as "app" or "example.com/app"',
        key,
        `fix the key: ${qualifiedNameErrors(key).join('; ') || 'invalid'}`,
      );
    }
    if (typeof value !== 'string') {
      rejectInput(where, `${field}["${key}"]`, 'a string label value', value, `quote the value: "${String(value)}"`);
    }
    if (!isValidLabelValue(value)) {
      rejectInput(
        where,
        `${field}["${key}"]`,
        "a label value (at most 63 letters, digits, '-', '_' and '.', alphanumeric at both ends)",
        value,
        'shorten or clean the value, or move it to an annotation',
      );
    }
  }
  return obj as Record<string, string>;
}

/** An optional labels map: undefined passes through. */
export function guardOptionalLabels(v: unknown, where: string, field: string): Record<string, string> | undefined {
  return v === undefined ? undefined : guardLabels(v, where, field);
}

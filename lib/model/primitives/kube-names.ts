/**
 * Kubernetes name syntax, once: the predicates and limits of k8s.io/apimachinery/pkg/util/validation
 * (https://github.com/kubernetes/apimachinery/blob/master/pkg/util/validation/validation.go). Callers word their
 * own messages (validators in lib/validation, construct guards in lib/model/primitives/kube-name-guards.ts); the syntax
 * is here.
 */

/** Upstream `dns1123LabelFmt`. */
export const DNS1123_LABEL_FMT = '[a-z0-9]([-a-z0-9]*[a-z0-9])?';
/** Upstream `dns1123SubdomainFmt`. */
export const DNS1123_SUBDOMAIN_FMT = `${DNS1123_LABEL_FMT}(\\.${DNS1123_LABEL_FMT})*`;
/** Upstream `dns1035LabelFmt`. */
export const DNS1035_LABEL_FMT = '[a-z]([-a-z0-9]*[a-z0-9])?';

const DNS1123_LABEL = new RegExp(`^${DNS1123_LABEL_FMT}$`);
const DNS1123_SUBDOMAIN = new RegExp(`^${DNS1123_SUBDOMAIN_FMT}$`);
const DNS1035_LABEL = new RegExp(`^${DNS1035_LABEL_FMT}$`);
/** Upstream `qualifiedNameFmt` (`qnameCharFmt` / `qnameExtCharFmt`). */
const QUALIFIED_NAME_PART = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
/** Upstream `labelValueFmt`: empty, or a qualified name part. */
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;

/** Upstream `DNS1123SubdomainMaxLength`: most object names. */
export const DNS1123_SUBDOMAIN_MAX = 253;
/** Upstream `DNS1123LabelMaxLength` (also `DNS1035LabelMaxLength`, `qualifiedNameMaxLength`, `LabelValueMaxLength`). */
export const DNS1123_LABEL_MAX = 63;
/** Upstream `LabelValueMaxLength`. */
export const LABEL_VALUE_MAX = 63;
/** Upstream `TotalAnnotationSizeLimitB` (k8s.io/apimachinery/pkg/api/validation `ValidateAnnotations`). */
export const ANNOTATIONS_MAX_BYTES = 256 * 1024;

/** Upstream `IsDNS1123Label`: at most 63 characters of `[a-z0-9]([-a-z0-9]*[a-z0-9])?` (namespaces, Services). */
export function isDns1123Label(s: unknown): boolean {
  return typeof s === 'string' && s.length <= DNS1123_LABEL_MAX && DNS1123_LABEL.test(s);
}

/** Upstream `IsDNS1123Subdomain`: at most 253 characters, dot-separated DNS-1123 labels (most object names). */
export function isDns1123Subdomain(s: unknown): boolean {
  return typeof s === 'string' && s.length <= DNS1123_SUBDOMAIN_MAX && DNS1123_SUBDOMAIN.test(s);
}

/** Upstream `IsDNS1035Label` (RFC 1035 label): a DNS-1123 label that starts with a letter (Service names). */
export function isDns1035Label(s: unknown): boolean {
  return typeof s === 'string' && s.length <= DNS1123_LABEL_MAX && DNS1035_LABEL.test(s);
}

/** Whether `s` matches the DNS-1123 label pattern, whatever its length (upstream checks length and pattern apart). */
export function matchesDns1123LabelPattern(s: string): boolean {
  return DNS1123_LABEL.test(s);
}

/** Whether `s` matches the DNS-1123 subdomain pattern, whatever its length. */
export function matchesDns1123SubdomainPattern(s: string): boolean {
  return DNS1123_SUBDOMAIN.test(s);
}

/** Plain `name` or short `prefix/name` that is certainly valid; anything else takes the full check. */
const SHORT_LABEL = '[a-z0-9](?:[-a-z0-9]{0,61}[a-z0-9])?';
const SIMPLE_QUALIFIED_NAME = new RegExp(
  `^(?:${SHORT_LABEL}(?:\\.${SHORT_LABEL})*\\/)?[A-Za-z0-9](?:[-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$`,
);
const NO_ERRORS: string[] = [];

/**
 * Problems with a Kubernetes qualified name (label/annotation key), worded like upstream `IsQualifiedName` (without
 * the regex example its name-part message appends). Empty when valid.
 */
export function qualifiedNameErrors(s: string): string[] {
  // Fast path for the common case (`app`, `kubernetes.io/metadata.name`): one regex, no allocation.
  if (s.length <= 63 && SIMPLE_QUALIFIED_NAME.test(s)) return NO_ERRORS;
  const errs: string[] = [];
  const parts = s.split('/');
  let name: string;
  if (parts.length === 1) {
    name = parts[0];
  } else if (parts.length === 2) {
    const prefix = parts[0];
    name = parts[1];
    if (prefix.length === 0) {
      errs.push('prefix part must be non-empty');
    } else if (!isDns1123Subdomain(prefix)) {
      errs.push(
        `prefix part ${
          prefix.length > DNS1123_SUBDOMAIN_MAX
            ? 'must be no more than 253 characters'
            : 'must be a lowercase DNS-1123 subdomain'
        }`,
      );
    }
  } else {
    return [
      "a qualified name must consist of alphanumeric characters, '-', '_' or '.', with an optional DNS " +
        "subdomain prefix and '/' (e.g. 'example.com/MyName')",
    ];
  }
  if (name.length === 0) {
    errs.push('name part must be non-empty');
  } else {
    if (name.length > DNS1123_LABEL_MAX) errs.push('name part must be no more than 63 characters');
    if (!QUALIFIED_NAME_PART.test(name)) {
      errs.push(
        "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an " +
          'alphanumeric character',
      );
    }
  }
  return errs;
}

/** Upstream `IsQualifiedName`: `[prefix/]name`, name ≤63 chars alphanumeric at both ends, prefix a DNS subdomain. */
export function isQualifiedName(s: unknown): boolean {
  return typeof s === 'string' && qualifiedNameErrors(s).length === 0;
}

/** Upstream `IsValidLabelValue`: empty, or ≤63 characters, alphanumeric at both ends, `-_.` inside. */
export function isValidLabelValue(s: unknown): boolean {
  return typeof s === 'string' && s.length <= LABEL_VALUE_MAX && LABEL_VALUE.test(s);
}

/** Upstream `IsValidPortName` length limit (IANA_SVC_NAME, RFC 6335). */
export const PORT_NAME_MAX = 15;

/**
 * Reasons a string is not a valid port name, one per upstream `IsValidPortName` check (empty when valid). The
 * charset message is this library's wording; lib/model/primitives/kube-name-errors.ts rewords it as upstream does.
 */
export function portNameErrors(s: unknown): string[] {
  if (typeof s !== 'string') return ['must be a string'];
  const errs: string[] = [];
  if (s.length < 1 || s.length > PORT_NAME_MAX) errs.push('must be no more than 15 characters');
  if (!/^[-a-z0-9]+$/.test(s)) errs.push("must contain only lowercase alphanumeric characters or '-'");
  if (!/[a-z]/.test(s)) errs.push('must contain at least one letter (a-z)');
  if (s.includes('--')) errs.push('must not contain consecutive hyphens');
  if (/^-|-$/.test(s)) errs.push('must not begin or end with a hyphen');
  return errs;
}

/**
 * Upstream `IsValidPortName` (IANA_SVC_NAME): 1–15 characters, lowercase letters, digits and '-', at least one
 * letter, no leading, trailing or doubled '-'.
 */
export function isValidPortName(s: unknown): boolean {
  return portNameErrors(s).length === 0;
}

/** Upstream `IsValidPortName`'s charset message, word for word. */
const UPSTREAM_PORT_NAME_CHARSET_MSG = 'must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)';

/** Upstream `IsValidPortName`, with upstream's messages word for word and in upstream's order (empty when valid). */
export function ianaSvcNameErrors(s: string): string[] {
  return portNameErrors(s).map((m) => (m.startsWith('must contain only') ? UPSTREAM_PORT_NAME_CHARSET_MSG : m));
}

/**
 * Resource names, namespaces, labels and annotations (semantics §7.7; upstream `validateObjectMeta`,
 * `validateObjectMetaLabels`, `validateObjectMetaAnnotations`, `validateTier` and the policy name regexes, plus
 * k8s.io/apimachinery `IsQualifiedName` / `IsValidLabelValue`). Pure helpers are exported for eager checks.
 */
import { Findings, RuleFinding, child, isAbsent, isObject, q } from './util';

const LABEL_FMT = '[a-z0-9]([-a-z0-9]*[a-z0-9])?';
const SUBDOMAIN_FMT = `${LABEL_FMT}(\\.${LABEL_FMT})*`;
const DNS1123_LABEL = new RegExp(`^${LABEL_FMT}$`);
const DNS1123_SUBDOMAIN = new RegExp(`^${SUBDOMAIN_FMT}$`);
const GNP_NAME = new RegExp(`^(${LABEL_FMT}\\.)?${LABEL_FMT}$`);
const NP_NAME = new RegExp(`^((${LABEL_FMT})(\\.${LABEL_FMT})?|((?:knp|ossg)\\.default\\.(${SUBDOMAIN_FMT})))$`);
const QUALIFIED_NAME_PART = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;

/** Maximum length of a DNS-1123 subdomain (and of most resource names). */
export const DNS1123_SUBDOMAIN_MAX = 253;
/** Maximum length of a DNS-1123 label (and of tier names and label values). */
export const DNS1123_LABEL_MAX = 63;
/** Maximum total size of an object's annotations (keys + values), in bytes. */
export const ANNOTATIONS_MAX_BYTES = 256 * 1024;

/** Label key that kube-controllers puts on the host endpoints it owns. */
export const CREATED_BY_LABEL = 'projectcalico.org/created-by';
/** Label key holding a policy's tier. */
export const TIER_LABEL = 'projectcalico.org/tier';

/** DNS-1123 subdomain of at most 253 characters: `[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.…)*`. */
export function isDns1123Subdomain(s: unknown): boolean {
  return typeof s === 'string' && s.length <= DNS1123_SUBDOMAIN_MAX && DNS1123_SUBDOMAIN.test(s);
}

/** DNS-1123 label of at most 63 characters (no dots). */
export function isDns1123Label(s: unknown): boolean {
  return typeof s === 'string' && s.length <= DNS1123_LABEL_MAX && DNS1123_LABEL.test(s);
}

/** (Staged)GlobalNetworkPolicy name: `^(L\.)?L$`, at most 253 characters. */
export function isGlobalNetworkPolicyName(s: unknown): boolean {
  return typeof s === 'string' && s.length <= DNS1123_SUBDOMAIN_MAX && GNP_NAME.test(s);
}

/** (Staged)NetworkPolicy name: `L`, `L.L`, or `knp.default.<subdomain>` / `ossg.default.<subdomain>`. */
export function isNetworkPolicyName(s: unknown): boolean {
  return typeof s === 'string' && s.length <= DNS1123_SUBDOMAIN_MAX && NP_NAME.test(s);
}

/** Tier name: DNS-1123 label of at most 63 characters. */
export function isTierName(s: unknown): boolean {
  return isDns1123Label(s);
}

/** Plain `name` or short `prefix/name` that is certainly valid; anything else takes the full check. */
const SIMPLE_QUALIFIED_NAME = /^(?:[a-z0-9](?:[-a-z0-9]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[-a-z0-9]{0,61}[a-z0-9])?)*\/)?[A-Za-z0-9](?:[-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$/;
const NO_ERRORS: string[] = [];

/**
 * Problems with a Kubernetes qualified name (label/annotation key), worded like apimachinery's
 * `IsQualifiedName`. Empty when valid.
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
      errs.push(`prefix part ${prefix.length > DNS1123_SUBDOMAIN_MAX ? 'must be no more than 253 characters' : 'must be a lowercase DNS-1123 subdomain'}`);
    }
  } else {
    return ["a qualified name must consist of alphanumeric characters, '-', '_' or '.', with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')"];
  }
  if (name.length === 0) {
    errs.push('name part must be non-empty');
  } else {
    if (name.length > DNS1123_LABEL_MAX) errs.push('name part must be no more than 63 characters');
    if (!QUALIFIED_NAME_PART.test(name)) {
      errs.push("name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character");
    }
  }
  return errs;
}

/** Kubernetes qualified name: `[prefix/]name`, name ≤63 chars alphanumeric at both ends, prefix a DNS subdomain. */
export function isQualifiedName(s: unknown): boolean {
  return typeof s === 'string' && qualifiedNameErrors(s).length === 0;
}

/** Kubernetes label value: empty, or ≤63 characters, alphanumeric at both ends, `-_.` inside. */
export function isValidLabelValue(s: unknown): boolean {
  return typeof s === 'string' && s.length <= DNS1123_LABEL_MAX && LABEL_VALUE.test(s);
}

/** Checks a labels map (keys qualified names, values valid label values). */
export function checkLabels(labels: unknown, path = 'metadata.labels'): RuleFinding[] {
  const f = new Findings();
  checkLabelsInto(labels, path, f);
  return f.list;
}

/** @internal */
export function checkLabelsInto(labels: unknown, path: string, f: Findings): void {
  if (isAbsent(labels)) return;
  if (!isObject(labels)) {
    f.type(path, 'an object of string values', labels);
    return;
  }
  for (const [k, v] of Object.entries(labels)) {
    const kp = child(path, k);
    for (const e of qualifiedNameErrors(k)) {
      f.add(kp, 'calico.meta.label-key', `label key ${q(k)} is invalid: ${e}`, 'use a key like "app" or "example.com/app"');
    }
    if (typeof v !== 'string') {
      f.type(kp, 'a string', v);
    } else if (!isValidLabelValue(v)) {
      f.add(kp, 'calico.meta.label-value',
        `label value ${q(v)} is invalid: ${v.length > DNS1123_LABEL_MAX ? 'must be no more than 63 characters' : "must be empty or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character"}`,
        'shorten the value or move it to an annotation');
    }
  }
}

/** Checks an annotations map (keys qualified names after lowercasing; total size ≤256 KiB). */
export function checkAnnotations(annotations: unknown, path = 'metadata.annotations'): RuleFinding[] {
  const f = new Findings();
  checkAnnotationsInto(annotations, path, f);
  return f.list;
}

/** @internal */
export function checkAnnotationsInto(annotations: unknown, path: string, f: Findings): void {
  if (isAbsent(annotations)) return;
  if (!isObject(annotations)) {
    f.type(path, 'an object of string values', annotations);
    return;
  }
  let total = 0;
  for (const [k, v] of Object.entries(annotations)) {
    const kp = child(path, k);
    for (const e of qualifiedNameErrors(k.toLowerCase())) {
      f.add(kp, 'calico.meta.annotation-key', `annotation key ${q(k)} is invalid: ${e}`, 'use a key like "example.com/note"');
    }
    if (typeof v !== 'string') {
      f.type(kp, 'a string', v);
      continue;
    }
    total += Buffer.byteLength(k, 'utf8') + Buffer.byteLength(v, 'utf8');
  }
  if (total > ANNOTATIONS_MAX_BYTES) {
    f.add(path, 'calico.meta.annotations-too-large',
      `total size of annotations is too large by ${total - ANNOTATIONS_MAX_BYTES} bytes (limit 262144)`,
      'move large data out of annotations (e.g. into a ConfigMap)');
  }
}

/** Kinds of `projectcalico.org/v3` that are namespaced; every other v3 kind is cluster-scoped. */
export const NAMESPACED_KINDS: ReadonlySet<string> = new Set([
  'NetworkPolicy', 'NetworkSet', 'StagedNetworkPolicy', 'StagedKubernetesNetworkPolicy',
]);

/**
 * Checks `metadata`: name presence and format for the kind, namespace scope, labels and annotations.
 * Returns the metadata object (or an empty object) for further checks.
 */
export function checkMetadataInto(doc: Record<string, unknown>, kind: string, f: Findings): Record<string, unknown> {
  const metaRaw = doc.metadata;
  let meta: Record<string, unknown> = {};
  if (isObject(metaRaw)) {
    meta = metaRaw;
  } else if (!isAbsent(metaRaw)) {
    f.type('metadata', 'an object', metaRaw);
  }

  // ---- name
  const name = meta.name;
  if (isAbsent(name) || name === '') {
    f.add('metadata.name', 'calico.meta.name-required', `${kind} has no metadata.name`, 'set metadata.name');
  } else if (typeof name !== 'string') {
    f.type('metadata.name', 'a string', name);
  } else {
    checkNameInto(name, kind, f);
  }

  // ---- namespace scope
  const ns = meta.namespace;
  if (NAMESPACED_KINDS.has(kind)) {
    if (isAbsent(ns) || ns === '') {
      f.add('metadata.namespace', 'calico.meta.namespace-required',
        `${kind} is namespaced but has no metadata.namespace`, 'set metadata.namespace (e.g. create the construct inside a Chart with a namespace)');
    } else if (typeof ns !== 'string') {
      f.type('metadata.namespace', 'a string', ns);
    } else if (!isDns1123Label(ns)) {
      f.add('metadata.namespace', 'calico.meta.namespace-invalid',
        `namespace ${q(ns)} is not a valid DNS-1123 label (lowercase alphanumerics and '-', at most 63 characters)`, 'use a valid namespace name');
    }
  } else if (!isAbsent(ns) && ns !== '') {
    f.add('metadata.namespace', 'calico.meta.namespace-forbidden',
      `${kind} is cluster-scoped and must not set metadata.namespace (${q(ns)})`, 'remove metadata.namespace (create the construct in a Chart without a namespace)');
  }

  checkLabelsInto(meta.labels, 'metadata.labels', f);
  checkAnnotationsInto(meta.annotations, 'metadata.annotations', f);
  return meta;
}

/** @internal Name rules per kind. */
export function checkNameInto(name: string, kind: string, f: Findings): void {
  const p = 'metadata.name';
  if (name.length > DNS1123_SUBDOMAIN_MAX) {
    f.add(p, 'calico.name.too-long', `name is too long by ${name.length - DNS1123_SUBDOMAIN_MAX} bytes (max 253)`, 'use a shorter name');
  }
  switch (kind) {
    case 'GlobalNetworkPolicy':
    case 'StagedGlobalNetworkPolicy':
      if (!GNP_NAME.test(name)) {
        f.add(p, 'calico.name.gnp-dots',
          `${kind} name ${q(name)} is invalid: it must be a lowercase DNS label with at most one dot (regex: ^(${LABEL_FMT}\\.)?${LABEL_FMT}$)`,
          'use lowercase alphanumerics and "-", with at most one "."');
      }
      return;
    case 'NetworkPolicy':
    case 'StagedNetworkPolicy':
      if (!NP_NAME.test(name)) {
        f.add(p, 'calico.name.np-format',
          `${kind} name ${q(name)} is invalid: it must be "label" or "label.label" (lowercase alphanumerics and "-"); "knp.default." and "ossg.default." prefixes are reserved for converted policies`,
          'use lowercase alphanumerics and "-", with at most one "."');
      }
      return;
    case 'Tier':
      if (!isDns1123Label(name)) {
        f.add(p, 'calico.name.tier',
          `tier name ${q(name)} is invalid: it must be a DNS-1123 label of at most 63 characters, without dots (regex: ${LABEL_FMT})`,
          'use lowercase alphanumerics and "-" only');
      }
      return;
    default:
      if (!DNS1123_SUBDOMAIN.test(name)) {
        f.add(p, 'calico.name.invalid',
          `name ${q(name)} is invalid: it must consist of lower case alphanumeric characters, '-' or '.' (regex: ${SUBDOMAIN_FMT})`,
          'use a lowercase DNS-1123 subdomain');
      }
      if (kind === 'KubeControllersConfiguration' && name !== 'default') {
        f.add(p, 'calico.name.kcc-default',
          `KubeControllersConfiguration ${q(name)} is ignored: kube-controllers only reads the object named "default"`,
          'name it "default"');
      }
  }
}

/**
 * Resource names, namespaces, labels and annotations as Calico's validator reports them (libcalico-go
 * lib/validator/v3/validator.go `validateObjectMeta`, `validateObjectMetaLabels`, `validateObjectMetaAnnotations`,
 * `validateTier` and the policy name regexes). The syntax itself (k8s.io/apimachinery `IsQualifiedName`,
 * `IsValidLabelValue`, DNS-1123) lives in lib/model/primitives; only the findings and their wording live here.
 */
import { Findings, RuleFinding, child, isAbsent, isObject, q } from './util';
import {
  ANNOTATIONS_MAX_BYTES,
  DNS1123_LABEL_FMT as LABEL_FMT,
  DNS1123_LABEL_MAX,
  DNS1123_SUBDOMAIN_FMT as SUBDOMAIN_FMT,
  DNS1123_SUBDOMAIN_MAX,
  isDns1123Label,
  isValidLabelValue,
  matchesDns1123SubdomainPattern,
  qualifiedNameErrors,
} from '../../model/primitives/kube-names';
import {
  GLOBAL_NETWORK_POLICY_NAME_FMT,
  matchesGlobalNetworkPolicyNamePattern,
  matchesNetworkPolicyNamePattern,
} from '../../model/primitives/calico-names';
import { NAMESPACED_KINDS } from '../../model/primitives/calico-constants';

// The syntax has one home, lib/model/primitives; these re-exports keep the old import paths working.
export {
  ANNOTATIONS_MAX_BYTES,
  DNS1123_LABEL_MAX,
  DNS1123_SUBDOMAIN_MAX,
  isDns1123Label,
  isDns1123Subdomain,
  isQualifiedName,
  isValidLabelValue,
  qualifiedNameErrors,
} from '../../model/primitives/kube-names';
export { isGlobalNetworkPolicyName, isNetworkPolicyName, isTierName } from '../../model/primitives/calico-names';
export { CREATED_BY_LABEL, NAMESPACED_KINDS, TIER_LABEL } from '../../model/primitives/calico-constants';

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
      f.add(
        kp,
        'calico.meta.label-key',
        `label key ${q(k)} is invalid: ${e}`,
        'use a key like "app" or "example.com/app"',
      );
    }
    if (typeof v !== 'string') {
      f.type(kp, 'a string', v);
    } else if (!isValidLabelValue(v)) {
      f.add(
        kp,
        'calico.meta.label-value',
        `label value ${q(v)} is invalid: ${v.length > DNS1123_LABEL_MAX ? 'must be no more than 63 characters' : "must be empty or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character"}`,
        'shorten the value or move it to an annotation',
      );
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
      f.add(
        kp,
        'calico.meta.annotation-key',
        `annotation key ${q(k)} is invalid: ${e}`,
        'use a key like "example.com/note"',
      );
    }
    if (typeof v !== 'string') {
      f.type(kp, 'a string', v);
      continue;
    }
    total += Buffer.byteLength(k, 'utf8') + Buffer.byteLength(v, 'utf8');
  }
  if (total > ANNOTATIONS_MAX_BYTES) {
    f.add(
      path,
      'calico.meta.annotations-too-large',
      `total size of annotations is too large by ${total - ANNOTATIONS_MAX_BYTES} bytes (limit 262144)`,
      'move large data out of annotations (e.g. into a ConfigMap)',
    );
  }
}

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
      f.add(
        'metadata.namespace',
        'calico.meta.namespace-required',
        `${kind} is namespaced but has no metadata.namespace`,
        'set metadata.namespace (e.g. create the construct inside a Chart with a namespace)',
      );
    } else if (typeof ns !== 'string') {
      f.type('metadata.namespace', 'a string', ns);
    } else if (!isDns1123Label(ns)) {
      f.add(
        'metadata.namespace',
        'calico.meta.namespace-invalid',
        `namespace ${q(ns)} is not a valid DNS-1123 label (lowercase alphanumerics and '-', at most 63 characters)`,
        'use a valid namespace name',
      );
    }
  } else if (!isAbsent(ns) && ns !== '') {
    f.add(
      'metadata.namespace',
      'calico.meta.namespace-forbidden',
      `${kind} is cluster-scoped and must not set metadata.namespace (${q(ns)})`,
      'remove metadata.namespace (create the construct in a Chart without a namespace)',
    );
  }

  checkLabelsInto(meta.labels, 'metadata.labels', f);
  checkAnnotationsInto(meta.annotations, 'metadata.annotations', f);
  return meta;
}

/** @internal Name rules per kind. */
export function checkNameInto(name: string, kind: string, f: Findings): void {
  const p = 'metadata.name';
  if (name.length > DNS1123_SUBDOMAIN_MAX) {
    f.add(
      p,
      'calico.name.too-long',
      `name is too long by ${name.length - DNS1123_SUBDOMAIN_MAX} bytes (max 253)`,
      'use a shorter name',
    );
  }
  switch (kind) {
    case 'GlobalNetworkPolicy':
    case 'StagedGlobalNetworkPolicy':
      if (!matchesGlobalNetworkPolicyNamePattern(name)) {
        f.add(
          p,
          'calico.name.gnp-dots',
          `${kind} name ${q(name)} is invalid: it must be a lowercase DNS label with at most one dot (regex: ^${GLOBAL_NETWORK_POLICY_NAME_FMT}$)`,
          'use lowercase alphanumerics and "-", with at most one "."',
        );
      }
      return;
    case 'NetworkPolicy':
    case 'StagedNetworkPolicy':
      if (!matchesNetworkPolicyNamePattern(name)) {
        f.add(
          p,
          'calico.name.np-format',
          `${kind} name ${q(name)} is invalid: it must be "label" or "label.label" (lowercase alphanumerics and "-"); "knp.default." and "ossg.default." prefixes are reserved for converted policies`,
          'use lowercase alphanumerics and "-", with at most one "."',
        );
      }
      return;
    case 'Tier':
      if (!isDns1123Label(name)) {
        f.add(
          p,
          'calico.name.tier',
          `tier name ${q(name)} is invalid: it must be a DNS-1123 label of at most 63 characters, without dots (regex: ${LABEL_FMT})`,
          'use lowercase alphanumerics and "-" only',
        );
      }
      return;
    default:
      if (!matchesDns1123SubdomainPattern(name)) {
        f.add(
          p,
          'calico.name.invalid',
          `name ${q(name)} is invalid: it must consist of lower case alphanumeric characters, '-' or '.' (regex: ${SUBDOMAIN_FMT})`,
          'use a lowercase DNS-1123 subdomain',
        );
      }
      if (kind === 'KubeControllersConfiguration' && name !== 'default') {
        f.add(
          p,
          'calico.name.kcc-default',
          `KubeControllersConfiguration ${q(name)} is ignored: kube-controllers only reads the object named "default"`,
          'name it "default"',
        );
      }
  }
}

/**
 * A `policy.networking.k8s.io/v1alpha2` ClusterNetworkPolicy as kube-apiserver checks a custom resource on create
 * (apiextensions-apiserver pkg/registry/customresource), then what Calico 3.32.1 cannot enforce as written:
 *
 * 1. the vendored CRD of the chosen channel: structural schema after null pruning and defaults, unknown fields
 *    reported as strict field validation reports them, and the CEL rules (`isCIDR(self)`, `self.start < self.end`;
 *    the experimental channel adds one per egress rule);
 * 2. `status` is dropped on create (the CRD has a status subresource: customresource strategy `PrepareForCreate`,
 *    "create cannot set status"), so only its unknown fields, found while decoding, are reported;
 * 3. ObjectMeta as for every custom resource: `ValidateObjectMetaAccessor` with `NameIsDNSSubdomain` (customresource
 *    validator.go); `metadata.namespace` is cleared, not refused, on a cluster-scoped object (k8s.io/apiserver
 *    pkg/registry/rest/create.go `BeforeCreate` -> `EnsureObjectNamespaceMatchesRequestNamespace`, "cluster-scoped,
 *    clear namespace"), so it is ignored here too;
 * 4. the rules and selectors Calico's conversion fails or changes (calico-support.ts), as errors.
 */
import { nameIsDnsSubdomain } from '../../model/primitives/kube-name-errors';
import { KindRules, validateObjectMeta } from '../kubernetes/object-meta';
import { CEL_RULE } from '../schema/cel-rules';
import { clusterNetworkPolicySchema } from '../schema/network-policy-api-crds';
import type { FieldIssue } from '../schema/schema-errors';
import { calicoConversionIssues } from './calico-support';
import { ClusterNetworkPolicyChannel } from './channel';

/** Custom resources' names: DNS-1123 subdomains (customresource validator.go `validation.NameIsDNSSubdomain`). */
const CUSTOM_RESOURCE_META: KindRules = {
  name: nameIsDnsSubdomain,
  nameFnName: 'DNS-1123 subdomain',
  namespaced: false,
};

/** How {@link clusterNetworkPolicyIssues} runs. */
export interface ClusterNetworkPolicyCheck {
  /** The CRD channel to validate against. */
  readonly channel: ClusterNetworkPolicyChannel;
  /** The metadata was built and checked by a construct: skip the ObjectMeta checks. */
  readonly metadataChecked: boolean;
}

/**
 * Every problem of one `policy.networking.k8s.io/v1alpha2` ClusterNetworkPolicy, in no particular order.
 * @param doc the object as written (not modified)
 * @param check the channel, and whether the metadata was checked already
 */
export function clusterNetworkPolicyIssues(
  doc: Record<string, unknown>,
  check: ClusterNetworkPolicyCheck,
): FieldIssue[] {
  const schema = clusterNetworkPolicySchema(check.channel);
  const issues = schema
    .validate(doc, check.metadataChecked)
    .filter(keptOnCreate)
    .map((i) => withFix(i, check.channel));
  if (!check.metadataChecked) {
    const meta = doc.metadata;
    if (meta !== null && typeof meta === 'object' && !Array.isArray(meta)) {
      const cleared = { ...doc, metadata: { ...(meta as Record<string, unknown>), namespace: undefined } };
      issues.push(...validateObjectMeta(cleared, CUSTOM_RESOURCE_META));
    }
  }
  issues.push(
    ...calicoConversionIssues(
      doc,
      issues.map((i) => i.path),
    ),
  );
  return issues;
}

/** `status` is dropped on create; only its unknown fields (found by strict decoding, before that) are reported. */
function keptOnCreate(issue: FieldIssue): boolean {
  return !/^status(?:$|[.[])/.test(issue.path) || issue.rule === 'schema.unknown-field';
}

/** The exactly-one-of objects of the CRD (minProperties 1, maxProperties 1) and their fields. */
const ONE_OF: ReadonlyArray<readonly [RegExp, string]> = [
  [/^spec\.subject$/, 'namespaces or pods'],
  [/^spec\.ingress\[\d+\]\.from\[\d+\]$/, 'namespaces or pods'],
  [/^spec\.egress\[\d+\]\.to\[\d+\]$/, 'namespaces, pods or networks'],
  [/\.protocols\[\d+\]$/, 'tcp, udp, sctp or destinationNamedPort (one entry per protocol)'],
  [/\.destinationPort$/, 'number or range'],
];

/** A fix in the CRD's terms where the derived one (problem-fix.ts) would be vague. */
function withFix(issue: FieldIssue, channel: ClusterNetworkPolicyChannel): FieldIssue {
  const { path, rule, message } = issue;
  const leaf = /\.(nodes|domainNames)$/.exec(path);
  if (rule === 'schema.unknown-field' && leaf && /^spec\.egress\[\d+\]\.to\[\d+\]\./.test(path)) {
    return {
      ...issue,
      message:
        `${message}: ${leaf[1]} peers exist only in the experimental channel of the ClusterNetworkPolicy CRD; Calico ` +
        `3.32.1 installs the ${channel} channel, so the API server rejects this object, and Calico could not ` +
        `convert the peer anyway (the rule would fail closed); fix: list the ${leaf[1] === 'nodes' ? "nodes' " : 'destination '}` +
        'addresses in a networks peer instead',
    };
  }
  if (rule === 'schema.unknown-field' && /^spec\.ingress\[\d+\]\.from\[\d+\]\.networks$/.test(path)) {
    return {
      ...issue,
      message: `${message}: networks peers are egress-only; fix: select the sources by namespaces or pods (ClusterNetworkPolicy v1alpha2 has no ingress CIDR peer)`,
    };
  }
  if (rule === 'schema.max-properties' || rule === 'schema.min-properties') {
    const oneOf = ONE_OF.find(([re]) => re.test(path));
    const fields =
      oneOf && channel === ClusterNetworkPolicyChannel.EXPERIMENTAL && oneOf[1].includes('networks')
        ? 'namespaces, pods, networks, nodes or domainNames'
        : oneOf?.[1];
    if (fields) return { ...issue, message: `${message}; fix: set exactly one of ${fields} in ${path}` };
    if (/\.(tcp|udp|sctp)$/.test(path)) {
      return { ...issue, message: `${message}; fix: give ${path} a destinationPort (number or range)` };
    }
  }
  if (rule === CEL_RULE && /\.networks\[\d+\]$/.test(path)) {
    return {
      ...issue,
      message:
        `${message}; fix: write an IPv4 or IPv6 CIDR with its prefix length, e.g. 10.0.0.0/8 or 10.1.2.3/32 ` +
        '(no leading zeros in IPv4 octets, no IPv4-mapped IPv6)',
    };
  }
  if ((rule === 'schema.minimum' || rule === 'schema.maximum') && path === 'spec.priority') {
    return { ...issue, message: `${message}; fix: use a priority from 0 to 1000 (the lower, the earlier in its tier)` };
  }
  if (rule === CEL_RULE && /\.destinationPort\.range$/.test(path)) {
    return { ...issue, message: `${message}; fix: make start smaller than end (for a single port, use number)` };
  }
  return issue;
}

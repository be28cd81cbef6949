/**
 * `metadata` of built-in objects as kube-apiserver checks it on create: k8s.io/apimachinery/pkg/api/validation
 * `ValidateObjectMeta` (name and generateName through the kind's name function, namespace, labels, annotations),
 * plus the generic registry's `rest.BeforeCreate` check that every name is a valid URL path segment
 * (`path.ValidatePathSegmentName`). Offline, a namespaced object without a namespace is fine (it lands in the
 * context's namespace); a given namespace must be a DNS label; on a cluster-scoped kind it is cleared, as on create.
 */
import type { FieldIssue } from '../schema/schema-errors';
import {
  NameFn,
  nameIsDns1035Label,
  nameIsDnsLabel,
  nameIsDnsSubdomain,
  nameIsPathSegment,
  pathSegmentNameErrors,
  suggestName,
} from '../../model/primitives/kube-name-errors';
import { invalid, objectAt, stringAt } from './issues';
import { validateAnnotations, validateLabels } from './labels';

/** How kube-apiserver names and scopes a built-in kind. */
export interface KindRules {
  /** The kind's `ValidateXName` function. */
  readonly name: NameFn;
  /** Upstream function name, for messages. */
  readonly nameFnName: string;
  /** Namespaced (true), cluster-scoped (false). */
  readonly namespaced: boolean;
}

const subdomain = (namespaced: boolean): KindRules => ({
  name: nameIsDnsSubdomain,
  nameFnName: 'DNS-1123 subdomain',
  namespaced,
});
const label = (namespaced: boolean): KindRules => ({ name: nameIsDnsLabel, nameFnName: 'DNS-1123 label', namespaced });
const pathSegment = (namespaced: boolean): KindRules => ({
  name: nameIsPathSegment,
  nameFnName: 'path segment',
  namespaced,
});

/**
 * Name function and scope per `group/kind` (core group: empty). Each entry follows the `ValidateObjectMeta` call of
 * the kind's upstream `ValidateX` function (pkg/apis/<group>/validation).
 */
const KINDS: ReadonlyMap<string, KindRules> = new Map([
  // pkg/apis/core/validation: ValidatePodName, ValidateServiceAccountName, ValidateSecretName, ValidateConfigMapName,
  // ValidateEndpointsName, ValidateReplicationControllerName, ValidatePersistentVolumeName... are NameIsDNSSubdomain.
  ['/Pod', subdomain(true)],
  // ValidateServiceName = NameIsDNS1035Label (RelaxedServiceNameValidation, alpha since 1.34 and off by default,
  // would allow a DNS-1123 label).
  ['/Service', { name: nameIsDns1035Label, nameFnName: 'DNS-1035 label', namespaced: true }],
  ['/Namespace', label(false)], // ValidateNamespaceName = NameIsDNSLabel
  ['/ServiceAccount', subdomain(true)],
  ['/Secret', subdomain(true)],
  ['/ConfigMap', subdomain(true)],
  ['/Endpoints', subdomain(true)],
  ['/ReplicationController', subdomain(true)],
  ['/PodTemplate', subdomain(true)],
  ['/PersistentVolumeClaim', subdomain(true)],
  ['/LimitRange', subdomain(true)],
  ['/ResourceQuota', subdomain(true)],
  ['/Node', subdomain(false)], // ValidateNodeName
  ['/PersistentVolume', subdomain(false)],
  // pkg/apis/apps/validation: ValidateDeploymentName, ValidateDaemonSetName, ValidateReplicaSetName are subdomains;
  // ValidateStatefulSetName is NameIsDNSLabel (its pods are named <name>-<ordinal>).
  ['apps/Deployment', subdomain(true)],
  ['apps/DaemonSet', subdomain(true)],
  ['apps/ReplicaSet', subdomain(true)],
  ['apps/StatefulSet', label(true)],
  // pkg/apis/batch/validation: ValidateJob / ValidateCronJob use ValidateReplicationControllerName (subdomain).
  ['batch/Job', subdomain(true)],
  ['batch/CronJob', subdomain(true)],
  // pkg/apis/networking/validation: ValidateNetworkPolicyName, ValidateIngressName.
  ['networking.k8s.io/NetworkPolicy', subdomain(true)],
  ['networking.k8s.io/Ingress', subdomain(true)],
  ['networking.k8s.io/IngressClass', subdomain(false)],
  // pkg/apis/rbac/validation: ValidateRBACName = path.IsValidPathSegmentName.
  ['rbac.authorization.k8s.io/Role', pathSegment(true)],
  ['rbac.authorization.k8s.io/RoleBinding', pathSegment(true)],
  ['rbac.authorization.k8s.io/ClusterRole', pathSegment(false)],
  ['rbac.authorization.k8s.io/ClusterRoleBinding', pathSegment(false)],
  // pkg/apis/certificates/validation: ValidateCertificateRequestName accepts any name ("We don't care what you call
  // your certificate requests"); only the path-segment check of BeforeCreate applies.
  ['certificates.k8s.io/CertificateSigningRequest', pathSegment(false)],
  ['policy/PodDisruptionBudget', subdomain(true)],
  ['storage.k8s.io/StorageClass', subdomain(false)],
  ['scheduling.k8s.io/PriorityClass', subdomain(false)],
  ['apiextensions.k8s.io/CustomResourceDefinition', subdomain(false)],
]);

/** `group/kind` of an object's apiVersion and kind (`apps/v1` + `Deployment` is `apps/Deployment`). */
export function groupKind(apiVersion: string, kind: string): string {
  const slash = apiVersion.indexOf('/');
  return `${slash < 0 ? '' : apiVersion.slice(0, slash)}/${kind}`;
}

/** The naming and scope rules of a built-in kind, or `undefined` when this module does not know the kind. */
export function kindRules(apiVersion: string, kind: string): KindRules | undefined {
  return KINDS.get(groupKind(apiVersion, kind));
}

/**
 * `ValidateObjectMeta` for a built-in object. Kinds this module does not know get the checks every kind gets
 * (path-segment name, labels, annotations) but no name-syntax or scope check.
 * @param doc the object
 * @param rules the kind's rules, from {@link kindRules}
 */
export function validateObjectMeta(doc: Record<string, unknown>, rules: KindRules | undefined): FieldIssue[] {
  const meta = objectAt(doc.metadata);
  if (!meta) return [];
  const out: FieldIssue[] = [];
  const kind = String(doc.kind);
  const nameFn = rules?.name ?? nameIsPathSegment;
  const fixFor = (field: string): string =>
    rules?.name === nameIsPathSegment || !rules
      ? `rename ${field} without '/' or '%' (and not "." or "..")`
      : `rename ${field} to a valid ${rules.nameFnName} (lowercase alphanumerics and '-'${rules.name === nameIsDnsSubdomain ? ", '.'" : ''}` +
        `${rules.name === nameIsDns1035Label ? ', starting with a letter' : ''})`;

  const name = stringAt(meta.name);
  if (name) {
    const errors = nameFn(name, false);
    if (errors.length > 0) {
      // The suggestion is worked out only for a bad name (most names are valid: it was most of this check's time).
      const suggestion = rules && rules.name !== nameIsPathSegment ? suggestName(name, rules.name) : undefined;
      const fix = `${fixFor(`the ${kind}`)}${suggestion ? `: did you mean ${JSON.stringify(suggestion)}?` : ''}`;
      for (const m of errors) out.push(invalid('metadata.name', name, m, fix));
    }
    // rest.BeforeCreate: every name must also be a valid path segment.
    if (nameFn !== nameIsPathSegment) {
      for (const m of pathSegmentNameErrors(name)) out.push(invalid('metadata.name', name, m, fixFor(`the ${kind}`)));
    }
  }
  const generateName = stringAt(meta.generateName);
  if (generateName) {
    for (const m of nameFn(generateName, true))
      out.push(invalid('metadata.generateName', generateName, m, fixFor('the generateName prefix')));
  }
  // kind-specific length limits (ValidateCronJob: the Job names it creates append 11 characters to a DNS-1035 label).
  if (doc.kind === 'CronJob' && name && name.length > 52) {
    out.push(
      invalid(
        'metadata.name',
        name,
        'must be no more than 52 characters',
        'shorten the CronJob name to at most 52 characters',
      ),
    );
  }

  const namespace = stringAt(meta.namespace);
  // A cluster-scoped object's namespace is cleared on create, not refused (k8s.io/apiserver pkg/registry/rest/
  // create.go `BeforeCreate` -> `EnsureObjectNamespaceMatchesRequestNamespace`, "cluster-scoped, clear namespace"):
  // lint.namespace-on-cluster-scoped says it is ignored.
  if (rules?.namespaced && namespace) {
    for (const m of nameIsDnsLabel(namespace, false)) {
      out.push(invalid('metadata.namespace', namespace, m, 'use a valid namespace name (a DNS-1123 label)'));
    }
  }
  out.push(...validateLabels(meta.labels, 'metadata.labels'));
  out.push(...validateAnnotations(meta.annotations, 'metadata.annotations'));
  return out;
}

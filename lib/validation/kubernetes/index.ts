/**
 * kube-apiserver's object validation of the built-in kinds the library emits or reads: what the
 * OpenAPI schemas (`k8s.schema`) cannot say, such as name syntax per kind, label syntax, Service port and clusterIP
 * rules, NetworkPolicy endPort and ipBlock, RBAC rules and bindings, Secret and ConfigMap keys, CSR fields. Each
 * check follows, and names in a comment, the upstream function (k8s.io/apimachinery/pkg/api/validation,
 * k8s.io/kubernetes/pkg/apis/<group>/validation). Problems use rule id `k8s.validation` (`k8s.duplicate` for the
 * same object twice across documents).
 */
import type { FieldIssue } from '../schema/schema-errors';
import { validateCertificateSigningRequest } from './certificates';
import { validateConfigMap, validateSecret } from './config';
import { objectAt, stringAt } from './issues';
import { kindRules, validateObjectMeta } from './object-meta';
import { validateNetworkPolicy } from './network-policy';
import { validateBinding, validateRole } from './rbac';
import { validateService } from './service';
import { validateWorkload } from './workloads';

export { K8S_DUPLICATE_RULE, K8S_VALIDATION_RULE } from './issues';
export { checkKubernetesDuplicates } from './duplicates';

/**
 * Validates one built-in object as kube-apiserver would on create (after its defaulting), beyond its OpenAPI
 * schema. Fields of the wrong JSON type are left to the schema check. Never throws on malformed input.
 * @param obj a parsed object whose apiVersion and kind name a Kubernetes built-in kind
 * @param reported problems already found on the object (its OpenAPI schema check): a field reported there is not
 *   reported again (the schema's enums and required fields overlap these checks)
 * @default reported - none
 * @returns the problems (path, `Invalid value: ...; fix: ...`, rule `k8s.validation`); empty when valid
 */
export function checkKubernetesObject(obj: unknown, reported: readonly FieldIssue[] = []): FieldIssue[] {
  const doc = objectAt(obj);
  const apiVersion = stringAt(doc?.apiVersion);
  const kind = stringAt(doc?.kind);
  if (!doc || !apiVersion || !kind) return [];
  const slash = apiVersion.indexOf('/');
  const group = slash < 0 ? '' : apiVersion.slice(0, slash);
  const rules = kindRules(apiVersion, kind);
  const out = validateObjectMeta(doc, rules);
  out.push(...validateKind(doc, group, kind));
  if (reported.length === 0) return out;
  const seen = new Set(reported.map((i) => i.path));
  return out.filter((i) => !seen.has(i.path));
}

function validateKind(doc: Record<string, unknown>, group: string, kind: string): FieldIssue[] {
  switch (`${group}/${kind}`) {
    case '/Service':
      return validateService(doc);
    case '/Secret':
      return validateSecret(doc);
    case '/ConfigMap':
      return validateConfigMap(doc);
    case 'networking.k8s.io/NetworkPolicy':
      return validateNetworkPolicy(doc);
    case 'rbac.authorization.k8s.io/Role':
      return validateRole(doc, true);
    case 'rbac.authorization.k8s.io/ClusterRole':
      return validateRole(doc, false);
    case 'rbac.authorization.k8s.io/RoleBinding':
      return validateBinding(doc, true);
    case 'rbac.authorization.k8s.io/ClusterRoleBinding':
      return validateBinding(doc, false);
    case 'certificates.k8s.io/CertificateSigningRequest':
      return validateCertificateSigningRequest(doc);
    default:
      return validateWorkload(doc, group, kind);
  }
}

/**
 * rbac.authorization.k8s.io/v1 Role, ClusterRole, RoleBinding and ClusterRoleBinding as kube-apiserver validates
 * them: pkg/apis/rbac/validation `ValidateRole`, `ValidateClusterRole` (aggregationRule), `ValidatePolicyRule`,
 * `ValidateRoleBinding`, `ValidateClusterRoleBinding`, `ValidateRoleBindingSubject`. Empty `apiGroup`s of roleRef and
 * of User/Group subjects are defaulted to rbac.authorization.k8s.io by the v1 API (SetDefaults_*), so they pass.
 */
import type { FieldIssue } from '../schema/schema-errors';
import { nameIsDnsSubdomain, pathSegmentNameErrors } from '../../model/primitives/kube-name-errors';
import { arrayAt, invalid, isSet, notSupported, objectAt, required, stringAt } from './issues';
import { validateLabelSelector } from './labels';

const RBAC_GROUP = 'rbac.authorization.k8s.io';

/** `ValidateRole` / `ValidateClusterRole` (rules and aggregationRule). */
export function validateRole(doc: Record<string, unknown>, namespaced: boolean): FieldIssue[] {
  const out: FieldIssue[] = [];
  arrayAt(doc.rules).forEach((r, i) => out.push(...validatePolicyRule(r, namespaced, `rules[${i}]`)));
  if (!namespaced && doc.aggregationRule !== undefined && doc.aggregationRule !== null) {
    const agg = objectAt(doc.aggregationRule);
    const selectors = arrayAt(agg?.clusterRoleSelectors);
    if (agg && selectors.length === 0) {
      out.push(
        required(
          'aggregationRule.clusterRoleSelectors',
          'at least one clusterRoleSelector required if aggregationRule is non-nil',
          'add a selector like {matchLabels: {"example.com/aggregate-to-admin": "true"}}, or remove aggregationRule',
        ),
      );
    }
    selectors.forEach((s, i) => out.push(...validateLabelSelector(s, `aggregationRule.clusterRoleSelectors[${i}]`)));
  }
  return out;
}

/** `ValidatePolicyRule`. */
function validatePolicyRule(value: unknown, namespaced: boolean, path: string): FieldIssue[] {
  const rule = objectAt(value);
  if (!rule) return [];
  const out: FieldIssue[] = [];
  if (rule.verbs === undefined || rule.verbs === null || (Array.isArray(rule.verbs) && rule.verbs.length === 0)) {
    out.push(
      required(
        `${path}.verbs`,
        'verbs must contain at least one value',
        'list the verbs the rule allows, e.g. ["get", "list", "watch"]',
      ),
    );
  }
  const urls = arrayAt(rule.nonResourceURLs);
  if (urls.length > 0) {
    if (namespaced) {
      out.push(
        invalid(
          `${path}.nonResourceURLs`,
          urls,
          'namespaced rules cannot apply to non-resource URLs',
          'move the rule to a ClusterRole',
        ),
      );
    }
    if (isSet(rule.apiGroups) || isSet(rule.resources) || isSet(rule.resourceNames)) {
      out.push(
        invalid(
          `${path}.nonResourceURLs`,
          urls,
          'rules cannot apply to both regular resources and non-resource URLs',
          'split it into one rule for resources and one for nonResourceURLs',
        ),
      );
    }
    return out;
  }
  if (!isSet(rule.apiGroups)) {
    out.push(
      required(
        `${path}.apiGroups`,
        'resource rules must supply at least one api group',
        'add apiGroups, e.g. [""] for the core group',
      ),
    );
  }
  if (!isSet(rule.resources)) {
    out.push(
      required(`${path}.resources`, 'resource rules must supply at least one resource', 'add resources, e.g. ["pods"]'),
    );
  }
  return out;
}

/** `ValidateRoleBinding` (`namespaced`) / `ValidateClusterRoleBinding`. */
export function validateBinding(doc: Record<string, unknown>, namespaced: boolean): FieldIssue[] {
  const out: FieldIssue[] = [];
  const ref = objectAt(doc.roleRef);
  if (ref) {
    const apiGroup = ref.apiGroup;
    if (typeof apiGroup === 'string' && apiGroup !== '' && apiGroup !== RBAC_GROUP)
      out.push(notSupported('roleRef.apiGroup', apiGroup, [RBAC_GROUP]));
    const kinds = namespaced ? ['Role', 'ClusterRole'] : ['ClusterRole'];
    if (typeof ref.kind === 'string' && !kinds.includes(ref.kind)) {
      out.push(
        notSupported(
          'roleRef.kind',
          ref.kind,
          kinds,
          namespaced ? undefined : 'a ClusterRoleBinding can only grant a ClusterRole: use a RoleBinding for a Role',
        ),
      );
    }
    const name = stringAt(ref.name);
    if (name === '') out.push(required('roleRef.name', '', 'set the name of the role to bind'));
    else if (name !== undefined) {
      for (const m of pathSegmentNameErrors(name))
        out.push(invalid('roleRef.name', name, m, 'use the name of an existing role'));
    }
  }
  arrayAt(doc.subjects).forEach((s, i) => out.push(...validateSubject(s, namespaced, `subjects[${i}]`)));
  return out;
}

/** `ValidateRoleBindingSubject`. */
function validateSubject(value: unknown, namespaced: boolean, path: string): FieldIssue[] {
  const subject = objectAt(value);
  if (!subject) return [];
  const out: FieldIssue[] = [];
  const name = stringAt(subject.name);
  if (!name) out.push(required(`${path}.name`, '', 'name the user, group or service account'));
  const apiGroup = stringAt(subject.apiGroup) ?? '';
  switch (subject.kind) {
    case 'ServiceAccount':
      if (name) {
        for (const m of nameIsDnsSubdomain(name, false))
          out.push(invalid(`${path}.name`, name, m, "use the ServiceAccount's name (a lowercase DNS-1123 subdomain)"));
      }
      if (apiGroup)
        out.push(
          notSupported(`${path}.apiGroup`, apiGroup, [''], 'remove apiGroup: ServiceAccount is in the core group'),
        );
      if (!namespaced && !stringAt(subject.namespace)) {
        out.push(
          required(
            `${path}.namespace`,
            '',
            'set the namespace of the ServiceAccount (a ClusterRoleBinding has no namespace of its own)',
          ),
        );
      }
      break;
    case 'User':
    case 'Group':
      if (apiGroup && apiGroup !== RBAC_GROUP) out.push(notSupported(`${path}.apiGroup`, apiGroup, [RBAC_GROUP]));
      break;
    default:
      if (typeof subject.kind === 'string' || subject.kind === undefined) {
        out.push(notSupported(`${path}.kind`, subject.kind ?? '', ['ServiceAccount', 'User', 'Group']));
      }
  }
  return out;
}

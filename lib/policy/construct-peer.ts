/**
 * How constructs that Calico selects render as rule peers (IPeer.toEntityRule): pure functions over their labels,
 * selectors and namespaces, so each construct only says which one it is.
 *
 * Upstream semantics (libcalico-go lib/backend/syncersv1/updateprocessors/rules.go, `GetEntityRuleSelector`):
 * a rule selector of a namespaced policy is scoped to the policy's namespace unless the rule sets a
 * namespaceSelector; `global()` there becomes `!has(projectcalico.org/namespace)`, the non-namespaced endpoints
 * (host endpoints and global network sets); and every namespaced endpoint inherits its namespace's profile labels,
 * `projectcalico.org/name` among them (libcalico-go lib/backend/k8s/conversion `NamespaceToProfile`), so
 * `projectcalico.org/name == "dev"` selects the namespace by name from any policy.
 */
import { boundaryError } from '../model/primitives/guard';
import { Selector } from '../selector';
import { EntityRule } from './entity-rule';

/** Namespace profile label carrying the namespace's own name (libcalico-go `apiv3.LabelName`). */
const NAMESPACE_NAME_PROFILE_LABEL = 'projectcalico.org/name';

/** A selector requiring every one of `labels` (sorted by key, so the rendering is stable). */
export function allLabelsSelector(labels: Readonly<Record<string, string>>): Selector {
  return Selector.allOf(
    ...Object.keys(labels)
      .sort()
      .map((k) => Selector.eq(k, labels[k])),
  );
}

/** The namespaceSelector picking the namespace named `namespace`, from namespaced and global policies alike. */
export function namespaceNamedSelector(namespace: string): Selector {
  return Selector.eq(NAMESPACE_NAME_PROFILE_LABEL, namespace);
}

/** Labels a construct is selected by: refused when empty, since an empty selector would pick every endpoint. */
function selectableLabels(
  labels: Readonly<Record<string, string>>,
  where: string,
  what: string,
): Record<string, string> {
  if (Object.keys(labels).length === 0) {
    // The rule that takes the peer rehomes the error to its own path: the detail names the construct.
    throw boundaryError(
      where,
      'labels',
      `${what} ${where} has no labels, so it cannot be selected as a rule peer ` +
        '(Calico selects it by its labels, and an empty selector matches every endpoint); ' +
        "fix: give it labels, such as labels: { role: 'admin-nets' }",
    );
  }
  return { ...labels };
}

/**
 * A non-namespaced construct (GlobalNetworkSet, HostEndpoint) as a peer: its labels, among non-namespaced
 * endpoints only (`namespaceSelector: global()`), so pods with the same labels never match.
 */
export function globalLabelsRule(labels: Readonly<Record<string, string>>, where: string, what: string): EntityRule {
  const selector = allLabelsSelector(selectableLabels(labels, where, what));
  return { selector: selector.toString(), namespaceSelector: Selector.global().toString() };
}

/** A namespaced construct (NetworkSet) as a peer: its labels, in its own namespace. */
export function namespacedLabelsRule(
  namespace: string,
  labels: Readonly<Record<string, string>>,
  where: string,
  what: string,
): EntityRule {
  const selector = allLabelsSelector(selectableLabels(labels, where, what));
  return { selector: selector.toString(), namespaceSelector: namespaceNamedSelector(namespace).toString() };
}

/** Host endpoints whose labels match `selector` (a node pool), among non-namespaced endpoints only. */
export function hostEndpointsRule(selector: Selector): EntityRule {
  return { selector: selector.toString(), namespaceSelector: Selector.global().toString() };
}

/** Every endpoint of one namespace (pods and network sets): a namespaceSelector on its name. */
export function namespaceRule(namespace: string): EntityRule {
  return { namespaceSelector: namespaceNamedSelector(namespace).toString() };
}

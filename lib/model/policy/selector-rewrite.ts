/**
 * Builds the selectors Calico hands to Felix, exactly as libcalico-go's update processors do
 * (`updateprocessors/rules.go`, `selectors.go`, `(global)networkpolicyprocessor.go`): namespace and
 * service-account selectors get their label keys prefixed with `pcns.` / `pcsa.`, `all()` and `global()`
 * in an EntityRule namespaceSelector become `has(projectcalico.org/namespace)` /
 * `!has(projectcalico.org/namespace)`, and namespaced policies scope their selectors to their namespace.
 */
import { compareNode, hasNode, setNode, type SelectorNode } from '../../selector/ast';
import { mapLeaves } from '../../selector/transform';
import { parseSelector } from '../../selector/parser';
import { render } from '../../selector/render';
import {
  LABEL_NAMESPACE,
  LABEL_SERVICE_ACCOUNT,
  NAMESPACE_LABEL_PREFIX,
  SERVICE_ACCOUNT_LABEL_PREFIX,
} from './selector-labels';

/** Returns `node` with every label key prefixed (upstream `parser.PrefixVisitor`); any depth (no recursion). */
export function prefixKeys(node: SelectorNode, prefix: string): SelectorNode {
  return mapLeaves(node, (leaf) => {
    switch (leaf.kind) {
      case 'all':
      case 'global':
        return leaf;
      case 'has':
        return hasNode(prefix + leaf.key);
      case 'in':
      case 'notIn':
        return setNode(leaf.kind, prefix + leaf.key, leaf.values);
      default:
        return compareNode(leaf.kind, prefix + leaf.key, leaf.value);
    }
  });
}

/** Upstream `parseSelectorAttachPrefix`: parse, prefix every key, render canonically. */
export function attachPrefix(selector: string, prefix: string): string {
  return render(prefixKeys(parseSelector(selector), prefix));
}

/** Upstream `prefixAndAppendSelector`. */
export function prefixAndAppend(current: string, added: string | undefined, prefix: string): string {
  if (!added) return current;
  const p = attachPrefix(added, prefix);
  if (p === '') return current;
  return current ? `(${current}) && ${p}` : p;
}

/** The rewritten EntityRule namespaceSelector (prefixed, `all()`/`global()` replaced). */
export function entityNamespaceSelector(namespaceSelector: string): string {
  return attachPrefix(namespaceSelector, NAMESPACE_LABEL_PREFIX)
    .split('all()')
    .join(`has(${LABEL_NAMESPACE})`)
    .split('global()')
    .join(`!has(${LABEL_NAMESPACE})`);
}

/** Upstream `parseServiceAccounts`: `pcsa.`-prefixed selector ANDed with the names. */
export function serviceAccountSelector(names: readonly string[], selector: string | undefined): string {
  const updated = selector ? attachPrefix(selector, SERVICE_ACCOUNT_LABEL_PREFIX) : '';
  if (names.length === 0) return updated;
  const namesSel = render(setNode('in', LABEL_SERVICE_ACCOUNT, names));
  return updated ? `(${updated}) && (${namesSel})` : namesSel;
}

/** The inputs of {@link entityRuleSelector}. */
export interface EntityRuleSelectorInput {
  readonly selector?: string;
  readonly notSelector?: string;
  readonly namespaceSelector?: string;
  readonly serviceAccounts?: { readonly names: readonly string[]; readonly selector?: string };
}

/**
 * Upstream `GetEntityRuleSelector`/`getEndpointSelector`: the single selector for the endpoints an
 * EntityRule matches, or `''` for "no selector". `policyNamespace` is `''` for global policies.
 */
export function entityRuleSelector(er: EntityRuleSelectorInput, policyNamespace: string): string {
  const saSelector = er.serviceAccounts
    ? serviceAccountSelector(er.serviceAccounts.names, er.serviceAccounts.selector)
    : '';
  let nsSelector = '';
  if (er.namespaceSelector) nsSelector = entityNamespaceSelector(er.namespaceSelector);
  else if (policyNamespace) nsSelector = `${LABEL_NAMESPACE} == '${policyNamespace}'`;
  const parts = [saSelector, er.selector ?? ''].filter((s) => s !== '');
  let selector = parts.length === 0 ? '' : parts.length === 1 ? parts[0] : `(${parts.join(') && (')})`;
  if (nsSelector && (selector || er.notSelector || er.namespaceSelector)) {
    selector = selector ? `(${nsSelector}) && (${selector})` : nsSelector;
  }
  return selector;
}

/** Upstream GNP processor: the effective policy selector with `namespaceSelector`/`serviceAccountSelector`. */
export function globalPolicySelector(selector: string, namespaceSelector?: string, saSelector?: string): string {
  let s = selector;
  if (namespaceSelector) {
    s = prefixAndAppend(s, namespaceSelector, NAMESPACE_LABEL_PREFIX).split('all()').join(`has(${LABEL_NAMESPACE})`);
  }
  if (saSelector) {
    s = prefixAndAppend(s, saSelector, SERVICE_ACCOUNT_LABEL_PREFIX)
      .split('all()')
      .join(`has(${LABEL_SERVICE_ACCOUNT})`);
  }
  return s;
}

/** Upstream NP processor: the policy selector scoped to its namespace, plus `serviceAccountSelector`. */
export function namespacedPolicySelector(selector: string, namespace: string, saSelector?: string): string {
  const nsSel = `${LABEL_NAMESPACE} == '${namespace}'`;
  const s = selector === '' ? nsSel : `(${selector}) && ${nsSel}`;
  return prefixAndAppend(s, saSelector, SERVICE_ACCOUNT_LABEL_PREFIX);
}

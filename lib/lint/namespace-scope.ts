import { globalPolicySelector } from '../model/policy/selector-rewrite';
import { Selector } from '../selector';
import { LintContext } from './lint-context';
import { PolicyView } from './policy-view';

/**
 * True when `p` may apply to pods of namespace `ns` whatever their labels: a namespaced policy of that namespace, or
 * a GlobalNetworkPolicy without namespaceSelector or whose namespaceSelector admits the namespace's labels.
 */
export function mayApplyToNamespace(p: PolicyView, ns: string, c: LintContext): boolean {
  if (!p.global) return p.namespace === ns;
  const nsSel = p.doc.spec?.namespaceSelector;
  if (typeof nsSel !== 'string' || nsSel.trim() === '') return true;
  try {
    return Selector.parse(globalPolicySelector('', nsSel)).matches(c.barePodLabels(ns));
  } catch {
    return false; // a bad selector is reported by validateManifests
  }
}

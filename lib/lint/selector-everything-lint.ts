/**
 * `lint.selector-matches-everything`, defined narrowly to stay quiet on ordinary policies: an enforced
 * GlobalNetworkPolicy (not preDNAT/doNotTrack, which apply to hosts only and never drop by default)
 * - whose selector, as Felix sees it, is `all()` (empty or `all()`, no namespaceSelector, no
 *   serviceAccountSelector), so it selects every pod of every namespace, kube-system and calico-system included,
 *   and every host endpoint, automatic `"*"` ones included;
 * - and that can drop in one of its directions: a Deny rule before any unconditional Allow/Pass, or no
 *   unconditional Allow/Pass in a tier whose default action is Deny (its end-of-tier drop then applies to every
 *   endpoint, host-local traffic of nodes included).
 * A namespaced policy selecting all pods of its namespace is the usual default deny and is not flagged.
 */
import { LintContext } from './lint-context';
import { LintFinding } from './lint-finding';
import { lintFinding } from './make-finding';
import { hasDirection, isHostOnly, rulesOf } from './policy-view';
import { directionDrops } from './rule-shape';
import { guardLintDocs } from './lint-input';

const RULE = 'lint.selector-matches-everything';

/** GlobalNetworkPolicies that select every endpoint, hosts included, and drop traffic. */
export function lintSelectorsMatchingEverything(docs: readonly unknown[]): LintFinding[] {
  guardLintDocs(docs, 'lintSelectorsMatchingEverything');
  const c = LintContext.of(docs);
  const out: LintFinding[] = [];
  for (const p of c.policies) {
    if (!p.global || p.staged || isHostOnly(p) || !p.effective?.isAll()) continue;
    const dropping = (['ingress', 'egress'] as const).filter(
      (d) => hasDirection(p, d) && directionDrops(rulesOf(p, d), c.tierDefaultAction(p.tier)),
    );
    if (dropping.length === 0) continue;
    out.push(
      lintFinding(
        p.doc,
        'spec.selector',
        RULE,
        `the selector selects every endpoint: all pods in every namespace (kube-system and calico-system included) and every host endpoint, and for ${dropping.join(' and ')} it drops what it does not allow (tier ${p.tier}): node traffic (kubelet, API server, SSH beyond the failsafe ports) and system pods such as DNS are cut off unless another policy allows them first`,
        "narrow spec.selector to the pods meant, e.g. has(projectcalico.org/namespace) && projectcalico.org/namespace not in {'kube-system', 'calico-system'}, and police host endpoints with their own policy",
      ),
    );
  }
  return out;
}

/**
 * `lint.donottrack-wildcard-hep`: a doNotTrack GlobalNetworkPolicy whose selected host endpoints (explicit or
 * automatic, from the manifests) all have `interfaceName: "*"`. Felix does not support doNotTrack policy on
 * all-interfaces host endpoints: it logs a warning and ignores it (`felix/dataplane/linux/endpoint_mgr.go`), so the
 * policy does nothing. Automatic host endpoints are `"*"` ones.
 */
import { LintContext } from './lint-context';
import { LintFinding } from './lint-finding';
import { lintFinding, listSome } from './make-finding';
import { guardLintDocs } from './lint-input';

const RULE = 'lint.donottrack-wildcard-hep';

/** doNotTrack policies that only select `"*"` host endpoints. */
export function lintDoNotTrackOnWildcard(docs: readonly unknown[]): LintFinding[] {
  guardLintDocs(docs, 'lintDoNotTrackOnWildcard');
  const c = LintContext.of(docs);
  const out: LintFinding[] = [];
  for (const p of c.policies) {
    if (!p.doNotTrack || p.staged || !p.effective) continue;
    const selected = c.hostEndpointIndex().filter(p.effective);
    if (selected.length === 0 || !selected.every((h) => h.interfaceName === '*')) continue;
    out.push(
      lintFinding(
        p.doc,
        'spec.doNotTrack',
        RULE,
        `the policy selects only all-interfaces ("*") host endpoints (${listSome(selected.map((h) => h.name))}), where Felix ignores doNotTrack policy, so it has no effect`,
        'select per-interface host endpoints (interfaceName: eth0, ...) for untracked rules, or drop doNotTrack and use a normal or preDNAT policy',
      ),
    );
  }
  return out;
}

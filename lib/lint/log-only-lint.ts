/**
 * `lint.log-only-policy`: an enforced Calico policy whose rules in one of its directions are all `Log`, selecting
 * endpoints that no other policy of its tier governs in that direction. Log never decides, but the policy makes its
 * tier active for those endpoints, so their traffic, allowed by their profile until then, is dropped at the end of
 * the tier (Calico issue 3801; the "log all denied traffic" GlobalNetworkPolicy of docs/scenarios.md#004).
 *
 * For endpoints another policy of the tier already governs (one with a rule other than Log, or none: a default
 * deny) the Log policy changes no verdict, whatever its order. So the policy is left alone when
 * - its effective selector implies the union of the governing policies' selectors (an OR of them, possibly ANDed
 *   with a narrowing term: what the DenyLogging construct emits), or
 * - the manifests carry the cluster state for it (see `endpoint-scope.ts`) and every endpoint it selects there is
 *   governed.
 * Not flagged either: staged policies (never enforced), preDNAT/doNotTrack policies and tiers whose default action
 * is Pass (no end-of-tier drop there).
 */
import { render } from '../selector/render';
import { parseSelector } from '../selector/parser';
import type { SelectorNode } from '../selector/ast';
import { endpointScope } from './endpoint-scope';
import { LintContext } from './lint-context';
import { LintFinding } from './lint-finding';
import { lintFinding, listSome } from './make-finding';
import { hasDirection, isHostOnly, PolicyView, rulesOf } from './policy-view';
import { guardLintDocs } from './lint-input';

const RULE = 'lint.log-only-policy';

function logOnly(p: PolicyView, dir: 'ingress' | 'egress'): boolean {
  const rules = rulesOf(p, dir);
  return hasDirection(p, dir) && rules.length > 0 && rules.every((r) => r?.action === 'Log');
}

/** The other enforcing policies of `p`'s tier that make it active in `dir` with something other than Log. */
function governing(p: PolicyView, dir: 'ingress' | 'egress', c: LintContext): PolicyView[] {
  return c.policies.filter(
    (q) =>
      q !== p &&
      !q.staged &&
      !isHostOnly(q) &&
      q.tier === p.tier &&
      hasDirection(q, dir) &&
      !logOnly(q, dir) &&
      q.effective,
  );
}

/**
 * True when `node` implies one of the selectors in `canon` (syntactically: equal, an AND with such a term, an OR of
 * such).
 */
function implies(node: SelectorNode, canon: ReadonlySet<string>): boolean {
  if (canon.has(render(node))) return true;
  if (node.kind === 'or') return node.operands.every((o) => implies(o, canon));
  if (node.kind === 'and') return node.operands.some((o) => implies(o, canon));
  return false;
}

function coveredBySelector(p: PolicyView, gov: readonly PolicyView[]): boolean {
  try {
    return implies(parseSelector(p.effectiveText), new Set(gov.map((g) => g.effective!.toString())));
  } catch {
    return false;
  }
}

/** `undefined` when the policy is harmless in `dir`, else what to say about the endpoints it exposes. */
function exposed(p: PolicyView, dir: 'ingress' | 'egress', c: LintContext): string | undefined {
  const gov = governing(p, dir, c);
  if (coveredBySelector(p, gov)) return undefined;
  const scope = endpointScope(p, c);
  if (!scope) return `for the endpoints it selects that no other policy of tier ${p.tier} governs for ${dir}`;
  const open = scope.index.filter(p.effective!).filter((e) => !gov.some((g) => g.effective!.matches(e.labels)));
  return open.length === 0
    ? undefined
    : `for ${open.length} endpoint(s) no other policy of tier ${p.tier} governs for ${dir} (${listSome(open.map((e) => e.id))})`;
}

/**
 * Policies that only log in a direction and so, through the end-of-tier drop, deny it for endpoints nothing else
 * governs.
 */
export function lintLogOnlyPolicies(docs: readonly unknown[]): LintFinding[] {
  guardLintDocs(docs, 'lintLogOnlyPolicies');
  const c = LintContext.of(docs);
  const out: LintFinding[] = [];
  for (const p of c.policies) {
    if (p.origin !== 'calico' || p.staged || isHostOnly(p) || !p.effective || c.tierDefaultAction(p.tier) === 'Pass')
      continue;
    for (const dir of ['ingress', 'egress'] as const) {
      if (!logOnly(p, dir)) continue;
      const where = exposed(p, dir, c);
      if (where === undefined) continue;
      out.push(
        lintFinding(
          p.doc,
          `spec.${dir}`,
          RULE,
          `every ${dir} rule is Log, which logs and goes on without deciding; yet ${where} the policy activates the tier, so their ${dir} traffic is dropped at the end of the tier`,
          `end spec.${dir} with the action you mean (Allow to log and let traffic through, Deny to log and drop), select only endpoints the tier already governs (DenyLogging does), or move the policy to a tier with defaultAction: Pass`,
        ),
      );
    }
  }
  return out;
}

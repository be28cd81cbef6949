/**
 * Lint findings that validation also reports, as errors, on the same field: commands that run both (`check`, the
 * cdk8s plugin) report each such thing once, from validation, its home. `lint` alone keeps them.
 */
import type { ValidationProblem } from '../validation/problem';
import type { LintFinding } from './lint-finding';

/**
 * Lint rules whose every finding validation reports too: `cnp.fails-closed` names the ClusterNetworkPolicy rules
 * Calico fails closed, which validation's `cnp.calico.*` rules refuse (lib/validation/cluster-network-policy).
 */
export const VALIDATION_COVERED_LINT_RULES: ReadonlySet<string> = new Set(['cnp.fails-closed']);

function fieldKey(p: ValidationProblem): string {
  return `${p.kind}\u0000${p.namespace ?? ''}\u0000${p.name}\u0000${p.path}`;
}

/** `lint` without the findings of {@link VALIDATION_COVERED_LINT_RULES} that a validation problem already names. */
export function withoutValidatedFindings<T extends LintFinding>(
  lint: readonly T[],
  problems: readonly ValidationProblem[],
): T[] {
  const reported = new Set(problems.map(fieldKey));
  return lint.filter((f) => !VALIDATION_COVERED_LINT_RULES.has(f.rule) || !reported.has(fieldKey(f)));
}

/**
 * The Pod Security rule set of the lint (`psa.<check>`), in a file of its own so that the CLI can name it among the
 * rule sets its reader's worker runs (lib/cli/lint-read.ts) without the package exporting it.
 */
import { podSecurityProblems } from '../analysis/pod-security';
import { LintFinding } from './lint-finding';

/** Pods their namespace's enforce level would reject (`psa.<check>`). */
export function podSecurityRuleSet(docs: any[]): LintFinding[] {
  return podSecurityProblems(docs);
}

import { guardArray, guardString } from '../model/primitives/guard';
import { LintFinding } from './lint-finding';
import { LintRuleSet } from './lint-registry';
import { lintManifestsWith } from './lint-run';
import type { LintModelSummary } from './model-summary';
import { isKnownLintRule, LintSeverity } from './lint-rules';

/** A lint finding with the severity of its rule. */
export interface SeverityLintFinding extends LintFinding {
  /** From the rule catalogue (`LINT_RULES`); `warning` for a rule id the catalogue does not know. */
  readonly severity: LintSeverity;
}

/** Options of {@link lintManifests}. */
export interface LintOptions {
  /**
   * Rule ids to skip; a prefix rule such as `psa.` skips its whole family.
   * @default - none
   */
  readonly disable?: readonly string[];
  /**
   * Report only findings at least this bad.
   * @default 'info' (everything)
   */
  readonly minSeverity?: LintSeverity;
  /**
   * The rule sets to run.
   * @default LINT_RULE_SETS
   */
  readonly ruleSets?: readonly LintRuleSet[];
}

/** Unknown ids among `ids` (neither a catalogued rule nor a prefix family). */
export function unknownLintRules(ids: readonly string[]): string[] {
  return guardArray(
    ids,
    'unknownLintRules',
    'ids',
    (v, f) => guardString(v, 'unknownLintRules', f, { expected: 'a rule id' }),
    { of: 'rule ids' },
  ).filter((id) => !isKnownLintRule(id));
}

/**
 * Runs every lint rule set over the manifests and returns the findings with their severity, worst first, then in
 * document order (the position of the object a finding names), then in the order the rule sets produced them.
 * Identical findings from two rule sets are reported once. Each finding carries `document`: the index in `docs` of
 * the document holding the object it names (its first one), so a caller can point at the file and line.
 *
 * @param docs plain Kubernetes objects (e.g. parsed YAML or `Testing.synth` output); `List`s are expanded
 * @throws Error naming the option and the fix when `options` is malformed
 */
export function lintManifests(docs: readonly unknown[], options: LintOptions = {}): SeverityLintFinding[] {
  return lintManifestsWith(docs, options, {});
}

/**
 * {@link lintManifests}, with the model summary of the documents given from elsewhere (the CLI computes it on a
 * worker thread from the same files; see `lib/cli/read-once.ts`).
 * @deprecated internal helper that the package root exported by accident; it will leave the public API (no replacement)
 * @param summary called when a rule first needs the model's endpoints; `undefined` from it means "compute it here"
 */
export function lintManifestsSeeded(
  docs: readonly unknown[],
  options: LintOptions = {},
  summary?: () => LintModelSummary | undefined,
): SeverityLintFinding[] {
  return lintManifestsWith(docs, options, { summary });
}

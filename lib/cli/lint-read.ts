/**
 * The lint of what the one read of the files kept (read-once.ts): the rules over the projections, seeded with the
 * model summary made while reading, and the file and line of each finding.
 */
import { lintManifests } from '../lint/lint-manifests';
import { LINT_RULE_SETS, LintRuleSet } from '../lint/lint-registry';
import { lintManifestsWith, ruleSetsToRun } from '../lint/lint-run';
import { lintNodeAccess } from '../nodes/node-access-proof';
import { rbacRiskFindings } from '../analysis/access';
import { lintExplicitHostEndpoints } from '../lint/explicit-host-endpoints-lint';
import { failsafeLintFindings } from '../lint/failsafe-lint';
import { podSecurityRuleSet } from '../lint/pod-security-rule-set';
import { FiledLintFinding, withFiles } from './filed-lint-finding';
import { manifestDocuments } from './manifest-files';
import { readOnce, ReadOnce } from './read-once';

/**
 * The rule sets the reader's worker runs (read-once.ts `lintOnWorker`) while this thread merges and runs the others:
 * the lockout proof, the costliest, which shares no fact with the others (it builds its own model), and rule sets
 * that read no model summary, enough to end both threads at about the same time (bench/large-input.ts, 300,000
 * documents: this thread's merge and other rules take about as long as the proof there).
 */
const WORKER_RULE_SETS: readonly LintRuleSet[] = [
  lintNodeAccess,
  podSecurityRuleSet,
  lintExplicitHostEndpoints,
  failsafeLintFindings,
  rbacRiskFindings,
];

/** `lintOnWorker` for a lint with `disable`: the indexes in LINT_RULE_SETS of the worker's rule sets that run. */
export function workerRuleSets(disable: readonly string[]): number[] {
  const run = new Set(ruleSetsToRun(WORKER_RULE_SETS, disable));
  return LINT_RULE_SETS.flatMap((rs, i) => (run.has(rs) ? [i] : []));
}

/**
 * The lint findings of what {@link readOnce} read, with the file of each: over the projections with the streamed
 * model summary, or, when that summary is not proven exact (lib/lint/lint-stream.ts), over the documents read again
 * whole.
 */
export function lintRead(files: readonly string[], read: ReadOnce, disable: readonly string[]): FiledLintFinding[] {
  const summary = read.lint?.summary;
  if (read.lint && summary) {
    // What the worker found for its rule sets, when it has something (read.workerLint() waits for it).
    const elsewhere = new Map(workerRuleSets(disable).map((i) => [LINT_RULE_SETS[i], () => read.workerLint()?.get(i)]));
    const findings = lintManifestsWith(read.lint.docs, { disable }, { summary: () => summary, elsewhere });
    return findings.length === 0 ? [] : withFiles(findings, read.sourced());
  }
  read.release(); // the documents are linted whole below: the worker's findings over the projections are not used
  const docs = [...manifestDocuments(files)];
  return withFiles(
    lintManifests(
      docs.map((d) => d.doc),
      { disable },
    ),
    docs,
  );
}

/** Lint findings with files, and the number of documents read. */
export interface LintedFiles {
  readonly findings: FiledLintFinding[];
  readonly objects: number;
}

/** Reads and lints `files` as `lint` does, with the file of each finding. */
export function lintFiles(files: readonly string[], disable: readonly string[]): LintedFiles {
  const read = readOnce(files, { lintOnWorker: workerRuleSets(disable) });
  return { findings: lintRead(files, read, disable), objects: read.objects };
}

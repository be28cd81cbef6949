import { markdownCell } from '../model/primitives/markdown';
import { formatProblem, splitFix, ValidationProblem } from '../validation/problem';
import { isAtLeast } from '../lint/lint-rules';
import { SeverityLintFinding } from '../lint/lint-manifests';
import { ArgSpec, formatOption, ParsedArgs, UsageError } from './args';
import {
  countsText,
  disableOption,
  failOnOption,
  LINT_FORMATS,
  lintFinding,
  lintFindingsTable,
  locateFindings,
  objectLabel,
} from './lint-command';
import { lintRead, workerRuleSets } from './lint-read';
import { readOnce } from './read-once';
import { withoutValidatedFindings } from '../lint/validated-findings';
import { expandManifestPaths } from './manifest-files';
import { sourcePrefix } from './output/finding';
import { SourceLocator } from './output/locate';
import { isCiFormat, JSON_SCHEMA_VERSION, renderCi } from './output/render';
import { locateProblems, NO_FILES, problemFinding, validateOptions } from './validate-command';

/** `check`: validateManifests plus lint (`--fail-on`, `--disable` as for `lint`). */
export const CHECK_ARGS: ArgSpec = {
  values: ['crds', 'format', 'fail-on', 'disable', 'cnp-channel'],
  flags: ['no-kubernetes'],
};

/** Runs `check`; returns the exit code (0 clean, 1 validation problems or lint findings at or above `--fail-on`). */
export function runCheck(args: ParsedArgs, write: (s: string) => void): number {
  const format = formatOption(args, LINT_FORMATS, 'text');
  const failOn = failOnOption(args);
  const disable = disableOption(args);
  if (args.positionals.length === 0) throw new UsageError(NO_FILES);
  const validate = validateOptions(args); // a usage error before any file is read
  const files = expandManifestPaths(args.positionals);
  // One read of each document (in two threads on a large input): each is validated, and the lint keeps what its
  // rules read of it (lib/lint/lint-projection.ts) and the endpoints of its model (read-once.ts).
  const read = readOnce(files, { validate, lintOnWorker: workerRuleSets(disable) });
  const { objects } = read;
  const locator = new SourceLocator();
  const problems: ValidationProblem[] = locateProblems(read.problems, locator).map(({ file: _file, ...p }) => p);
  // A lint finding validation already reports on the same field is shown once, as the validation problem.
  const filedLint = locateFindings(withoutValidatedFindings(lintRead(files, read, disable), read.problems), locator);
  const lint: SeverityLintFinding[] = filedLint.map(({ file: _file, ...f }) => f);
  const summary = `${objects} object(s) in ${files.length} file(s): ${problems.length} problem(s), ${lint.length} lint finding(s) (${countsText(lint)})`;
  if (format === 'json') {
    const out = { schemaVersion: JSON_SCHEMA_VERSION, command: 'check', files: files.length, objects, problems, lint };
    write(JSON.stringify(out, null, 2) + '\n');
  } else if (isCiFormat(format)) {
    // Validation problems are errors, so they fail whatever --fail-on says.
    const findings = [...problems.map(problemFinding), ...filedLint.map(lintFinding)];
    write(
      renderCi(format, findings, { command: 'check', files, fails: (f) => isAtLeast(f.severity, failOn) }, summary),
    );
  } else if (format === 'md') {
    write(
      [`# cdk8s-calico check`, '', summary, '', ...problemsTable(problems), ...lintFindingsTable(filedLint)].join('\n'),
    );
  } else {
    for (const p of problems)
      write(
        `${sourcePrefix(p.source)}error: ${p.kind}/${p.namespace ? `${p.namespace}/` : ''}${p.name}: ${formatProblem(p)} [${p.rule}]\n`,
      );
    for (const f of lint)
      write(
        `${sourcePrefix(f.source)}lint: ${f.kind}/${f.namespace ? `${f.namespace}/` : ''}${f.name}: ${f.path ? `${f.path}: ` : ''}${f.message} [${f.rule}] (${f.severity})\n`,
      );
    write(`${summary}\n`);
  }
  return problems.length > 0 || lint.some((f) => isAtLeast(f.severity, failOn)) ? 1 : 0;
}

/** Validation problems as a Markdown table (no lines when there is none), followed by a blank line. */
function problemsTable(problems: readonly ValidationProblem[]): string[] {
  if (problems.length === 0) return [];
  const out = ['| Object | Field | Problem | Fix | Rule |', '| --- | --- | --- | --- | --- |'];
  for (const p of problems) {
    const { problem, fix } = splitFix(p.message);
    out.push(
      `| ${[objectLabel(p), p.path ? `\`${p.path}\`` : '', problem, fix, `\`${p.rule}\``].map(markdownCell).join(' | ')} |`,
    );
  }
  return [...out, ''];
}

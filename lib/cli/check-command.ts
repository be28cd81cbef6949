import { markdownCell } from '../core/markdown';
import { formatProblem, splitFix, ValidationProblem } from '../validation/problem';
import { isAtLeast } from '../lint/lint-rules';
import { SeverityLintFinding } from '../lint/lint-manifests';
import { ArgSpec, formatOption, ParsedArgs, UsageError } from './args';
import { countsText, disableOption, failOnOption, lintFindingsTable, objectLabel } from './lint-command';
import { lintSourced, startSummaryWorker } from './lint-worker';
import { expandManifestPaths, manifestDocuments, SourcedDoc } from './manifest-files';
import { validateOptions, validateSourced } from './validate-command';

/** `check`: validateManifests plus lint (`--fail-on`, `--disable` as for `lint`). */
export const CHECK_ARGS: ArgSpec = { values: ['crds', 'format', 'fail-on', 'disable'], flags: ['no-kubernetes'] };

/** Runs `check`; returns the exit code (0 clean, 1 validation problems or lint findings at or above `--fail-on`). */
export function runCheck(args: ParsedArgs, write: (s: string) => void): number {
  const format = formatOption(args, ['text', 'json', 'md'] as const, 'text');
  const failOn = failOnOption(args);
  const disable = disableOption(args);
  if (args.positionals.length === 0) throw new UsageError('no files given');
  const files = expandManifestPaths(args.positionals);
  // One read of each document: validation streams, and the documents are kept for lint, which needs every object at
  // once (its model of all policies and endpoints). On a large input a worker thread builds the model summary lint
  // needs meanwhile (see lint-worker.ts).
  const modelSummary = startSummaryWorker(files);
  const docs: SourcedDoc[] = [];
  let validated: ReturnType<typeof validateSourced>;
  try {
    validated = validateSourced(manifestDocuments(files), validateOptions(args), (d) => docs.push(d));
  } catch (e) {
    modelSummary?.cancel();
    throw e;
  }
  const { problems: filed, objects } = validated;
  const problems: ValidationProblem[] = filed.map(({ file: _file, ...p }) => p);
  const filedLint = lintSourced(docs, disable, modelSummary);
  const lint: SeverityLintFinding[] = filedLint.map(({ file: _file, ...f }) => f);
  const summary = `${objects} object(s) in ${files.length} file(s): ${problems.length} problem(s), ${lint.length} lint finding(s) (${countsText(lint)})`;
  if (format === 'json') {
    write(JSON.stringify({ files: files.length, objects, problems, lint }, null, 2) + '\n');
  } else if (format === 'md') {
    write([`# cdk8s-calico check`, '', summary, '', ...problemsTable(problems), ...lintFindingsTable(filedLint)].join('\n'));
  } else {
    for (const p of problems) write(`error: ${p.kind}/${p.namespace ? `${p.namespace}/` : ''}${p.name}: ${formatProblem(p)} [${p.rule}]\n`);
    for (const f of lint) write(`lint: ${f.kind}/${f.namespace ? `${f.namespace}/` : ''}${f.name}: ${f.path ? `${f.path}: ` : ''}${f.message} [${f.rule}] (${f.severity})\n`);
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
    out.push(`| ${[objectLabel(p), p.path ? `\`${p.path}\`` : '', problem, fix, `\`${p.rule}\``].map(markdownCell).join(' | ')} |`);
  }
  return [...out, ''];
}

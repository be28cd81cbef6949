import { isAtLeast, isLintSeverity, LINT_SEVERITIES, LintSeverity } from '../lint/lint-rules';
import { SeverityLintFinding, unknownLintRules } from '../lint/lint-manifests';
import { splitFix } from '../validation/problem';
import { ArgSpec, formatOption, ParsedArgs, UsageError } from './args';
import { expandManifestPaths } from './manifest-files';
import { CliFinding, sourcePrefix } from './output/finding';
import { SourceLocator } from './output/locate';
import { CI_FORMATS, isCiFormat, JSON_SCHEMA_VERSION, renderCi } from './output/render';
import { NO_FILES } from './validate-command';
import { lintFiles } from './lint-read';
import { FiledLintFinding } from './filed-lint-finding';

export { withFiles } from './filed-lint-finding';
export type { FiledLintFinding } from './filed-lint-finding';
import { markdownCell } from '../model/primitives/markdown';

/** `lint [--format text|json|md] [--fail-on error|warning|info] [--disable rule,rule] FILES...` */
export const LINT_ARGS: ArgSpec = { values: ['format', 'fail-on', 'disable'], flags: [] };

/** Reads `--fail-on` (default `warning`). */
export function failOnOption(args: ParsedArgs): LintSeverity {
  const v = args.values['fail-on'] ?? 'warning';
  if (!isLintSeverity(v)) {
    throw new UsageError(
      `--fail-on must be one of ${LINT_SEVERITIES.join(', ')}, got "${v}"; fix: write --fail-on ${LINT_SEVERITIES.join('|')}`,
    );
  }
  return v;
}

/** Reads `--disable a,b` and checks every id against the rule catalogue. */
export function disableOption(args: ParsedArgs): string[] {
  const ids = (args.values.disable ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
  const unknown = unknownLintRules(ids);
  if (unknown.length > 0) {
    throw new UsageError(
      `--disable: unknown rule id(s) ${unknown.join(', ')}; fix: name rule ids or prefixes as the findings print them (lint., psa.)`,
    );
  }
  return ids;
}

/** The findings with their `source` (file, line, column of the field's node), the reader's place dropped. */
export function locateFindings(
  findings: readonly FiledLintFinding[],
  locator = new SourceLocator(),
): LocatedLintFinding[] {
  return findings.map(({ offset, item, ...f }) =>
    offset === undefined || !f.file
      ? f
      : { ...f, source: locator.locate({ file: f.file, offset, item: item ?? -1 }, f.path) },
  );
}

/** A lint finding as printed: file and source, no reader internals. */
export type LocatedLintFinding = Omit<FiledLintFinding, 'offset' | 'item'>;

/** A lint finding as the CI formats print it. */
export function lintFinding(f: LocatedLintFinding): CliFinding {
  const { rule, severity, message, kind, name, namespace, path, source } = f;
  return { rule, severity, message, kind, name, namespace, path, source };
}

/** `Kind/ns/name` or `Kind/name`. */
export function objectLabel(f: { kind: string; name: string; namespace?: string }): string {
  return `${f.kind}/${f.namespace ? `${f.namespace}/` : ''}${f.name}`;
}

function counts(findings: readonly SeverityLintFinding[]): Record<LintSeverity, number> {
  const c: Record<LintSeverity, number> = { error: 0, warning: 0, info: 0 };
  for (const f of findings) c[f.severity]++;
  return c;
}

/** `2 error(s), 1 warning(s), 0 info`. */
export function countsText(findings: readonly SeverityLintFinding[]): string {
  const c = counts(findings);
  return `${c.error} error(s), ${c.warning} warning(s), ${c.info} info`;
}

function renderText(findings: readonly LocatedLintFinding[], objects: number, files: number): string {
  const lines = findings.map(
    (f) =>
      `${sourcePrefix(f.source) || (f.file ? `${f.file}: ` : '')}${f.severity} ${objectLabel(f)}: ${f.path ? `${f.path}: ` : ''}${f.message} [${f.rule}]`,
  );
  lines.push(`${objects} object(s) in ${files} file(s): ${findings.length} finding(s) (${countsText(findings)})`);
  return lines.join('\n') + '\n';
}

/** The findings as a Markdown table (no lines when there is none), followed by a blank line. */
export function lintFindingsTable(findings: readonly FiledLintFinding[]): string[] {
  if (findings.length === 0) return [];
  const out = [
    '| Severity | Rule | Object | Field | File | Finding | Fix |',
    '| --- | --- | --- | --- | --- | --- | --- |',
  ];
  for (const f of findings) {
    const { problem, fix } = splitFix(f.message);
    out.push(
      `| ${[f.severity, `\`${f.rule}\``, objectLabel(f), f.path ? `\`${f.path}\`` : '', f.file, problem, fix].map(markdownCell).join(' | ')} |`,
    );
  }
  return [...out, ''];
}

function renderMarkdown(findings: readonly FiledLintFinding[], objects: number, files: number): string {
  const out = [
    '# cdk8s-calico lint',
    '',
    `${objects} object(s) in ${files} file(s): ${findings.length} finding(s) (${countsText(findings)})`,
    '',
  ];
  return [...out, ...lintFindingsTable(findings)].join('\n');
}

/** The formats of `lint` and `check`. */
export const LINT_FORMATS = ['text', 'json', 'md', ...CI_FORMATS] as const;

/** Runs `lint`; returns 0 when no finding is at or above `--fail-on`, 1 otherwise (usage and input errors throw). */
export function runLint(args: ParsedArgs, write: (s: string) => void): number {
  const format = formatOption(args, LINT_FORMATS, 'text');
  const failOn = failOnOption(args);
  const disable = disableOption(args);
  if (args.positionals.length === 0) throw new UsageError(NO_FILES);
  const files = expandManifestPaths(args.positionals);
  const linted = lintFiles(files, disable);
  const { objects } = linted;
  const findings = locateFindings(linted.findings);
  const failed = findings.some((f) => isAtLeast(f.severity, failOn));
  if (format === 'json') {
    const out = {
      schemaVersion: JSON_SCHEMA_VERSION,
      command: 'lint',
      files: files.length,
      objects,
      failOn,
      failed,
      counts: counts(findings),
      findings,
    };
    write(JSON.stringify(out, null, 2) + '\n');
  } else if (isCiFormat(format)) {
    const summary = `${objects} object(s) in ${files.length} file(s): ${findings.length} finding(s) (${countsText(findings)})`;
    write(
      renderCi(
        format,
        findings.map(lintFinding),
        { command: 'lint', files, fails: (f) => isAtLeast(f.severity, failOn) },
        summary,
      ),
    );
  } else {
    write((format === 'md' ? renderMarkdown : renderText)(findings, objects, files.length));
  }
  return failed ? 1 : 0;
}

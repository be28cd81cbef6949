import { isAtLeast, isLintSeverity, LINT_SEVERITIES, LintSeverity } from '../lint/lint-rules';
import { SeverityLintFinding, unknownLintRules } from '../lint/lint-manifests';
import { objectIdentity, splitFix } from '../validation/problem';
import { ArgSpec, formatOption, ParsedArgs, UsageError } from './args';
import { expandManifestPaths, SourcedDoc } from './manifest-files';
import { lintFiles } from './lint-worker';
import { markdownCell } from '../core/markdown';

/** `lint [--format text|json|md] [--fail-on error|warning|info] [--disable rule,rule] FILES...` */
export const LINT_ARGS: ArgSpec = { values: ['format', 'fail-on', 'disable'], flags: [] };

/** A finding with the file of the object it names. */
export interface FiledLintFinding extends SeverityLintFinding {
  /** The first file that defines the object (`''` when no file does). */
  readonly file: string;
}

/** Reads `--fail-on` (default `warning`). */
export function failOnOption(args: ParsedArgs): LintSeverity {
  const v = args.values['fail-on'] ?? 'warning';
  if (!isLintSeverity(v)) throw new UsageError(`--fail-on must be one of ${LINT_SEVERITIES.join(', ')}, got "${v}"`);
  return v;
}

/** Reads `--disable a,b` and checks every id against the rule catalogue. */
export function disableOption(args: ParsedArgs): string[] {
  const ids = (args.values.disable ?? '').split(',').map((s) => s.trim()).filter((s) => s !== '');
  const unknown = unknownLintRules(ids);
  if (unknown.length > 0) throw new UsageError(`--disable: unknown rule id(s) ${unknown.join(', ')}`);
  return ids;
}

/** Adds to each finding the file its object came from (the first file defining it). */
export function withFiles(findings: readonly SeverityLintFinding[], docs: readonly SourcedDoc[]): FiledLintFinding[] {
  if (findings.length === 0) return []; // no map of every object for nothing to place
  const fileOf = new Map<string, string>();
  const key = (id: { kind: string; name: string; namespace?: string }) => `${id.kind}/${id.namespace ?? ''}/${id.name}`;
  for (const { file, doc } of docs) {
    const items: unknown[] = doc && typeof doc === 'object' && Array.isArray(doc.items) && /List$/.test(String(doc.kind)) ? doc.items : [doc];
    for (const item of items) if (!fileOf.has(key(objectIdentity(item)))) fileOf.set(key(objectIdentity(item)), file);
  }
  return findings.map((f) => ({ ...f, file: fileOf.get(key(f)) ?? '' }));
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

function renderText(findings: readonly FiledLintFinding[], objects: number, files: number): string {
  const lines = findings.map((f) => `${f.file ? `${f.file}: ` : ''}${f.severity} ${objectLabel(f)}: ${f.path ? `${f.path}: ` : ''}${f.message} [${f.rule}]`);
  lines.push(`${objects} object(s) in ${files} file(s): ${findings.length} finding(s) (${countsText(findings)})`);
  return lines.join('\n') + '\n';
}

/** The findings as a Markdown table (no lines when there is none), followed by a blank line. */
export function lintFindingsTable(findings: readonly FiledLintFinding[]): string[] {
  if (findings.length === 0) return [];
  const out = ['| Severity | Rule | Object | Field | File | Finding | Fix |', '| --- | --- | --- | --- | --- | --- | --- |'];
  for (const f of findings) {
    const { problem, fix } = splitFix(f.message);
    out.push(`| ${[f.severity, `\`${f.rule}\``, objectLabel(f), f.path ? `\`${f.path}\`` : '', f.file, problem, fix].map(markdownCell).join(' | ')} |`);
  }
  return [...out, ''];
}

function renderMarkdown(findings: readonly FiledLintFinding[], objects: number, files: number): string {
  const out = ['# cdk8s-calico lint', '', `${objects} object(s) in ${files} file(s): ${findings.length} finding(s) (${countsText(findings)})`, ''];
  return [...out, ...lintFindingsTable(findings)].join('\n');
}

/** Runs `lint`; returns 0 when no finding is at or above `--fail-on`, 1 otherwise (usage and input errors throw). */
export function runLint(args: ParsedArgs, write: (s: string) => void): number {
  const format = formatOption(args, ['text', 'json', 'md'] as const, 'text');
  const failOn = failOnOption(args);
  const disable = disableOption(args);
  if (args.positionals.length === 0) throw new UsageError('no files given');
  const files = expandManifestPaths(args.positionals);
  const { findings, objects } = lintFiles(files, disable);
  const failed = findings.some((f) => isAtLeast(f.severity, failOn));
  if (format === 'json') {
    write(JSON.stringify({ files: files.length, objects, failOn, failed, counts: counts(findings), findings }, null, 2) + '\n');
  } else {
    write((format === 'md' ? renderMarkdown : renderText)(findings, objects, files.length));
  }
  return failed ? 1 : 0;
}

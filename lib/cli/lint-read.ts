/**
 * The lint of what the one read of the files kept (read-once.ts): the rules over the projections, seeded with the
 * model summary made while reading, and the file and line of each finding.
 */
import { lintManifests, lintManifestsSeeded } from '../lint/lint-manifests';
import { FiledLintFinding, withFiles } from './filed-lint-finding';
import { manifestDocuments } from './manifest-files';
import { readOnce, ReadOnce } from './read-once';

/**
 * The lint findings of what {@link readOnce} read, with the file of each: over the projections with the streamed
 * model summary, or, when that summary is not proven exact (lib/lint/lint-stream.ts), over the documents read again
 * whole.
 */
export function lintRead(files: readonly string[], read: ReadOnce, disable: readonly string[]): FiledLintFinding[] {
  const summary = read.lint?.summary;
  if (read.lint && summary) {
    const findings = lintManifestsSeeded(read.lint.docs, { disable }, () => summary);
    return findings.length === 0 ? [] : withFiles(findings, read.sourced());
  }
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
  const read = readOnce(files);
  return { findings: lintRead(files, read, disable), objects: read.objects };
}

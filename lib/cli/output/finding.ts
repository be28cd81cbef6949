/**
 * What the CI formats (SARIF, JUnit XML, GitHub Actions annotations) and the text lines print of a finding, whatever
 * the command: a validation problem, a lint finding or a Pod Security violation, with its place in the input.
 */
import * as path from 'path';
import { ProblemSource } from '../../validation/problem';
import { displayName } from '../manifest-files';

/** How serious a finding is (lint's severities; validation problems are errors). */
export type FindingSeverity = 'error' | 'warning' | 'info';

/** One finding, as the output formats print it. */
export interface CliFinding {
  /** Stable rule id (`calico.rule.ports-need-protocol`, `lint.dns-egress-blocked`, `psa.runAsNonRoot`). */
  readonly rule: string;
  readonly severity: FindingSeverity;
  /** `problem; fix: ...`. */
  readonly message: string;
  readonly kind: string;
  readonly name: string;
  /** @default - cluster-scoped or not set */
  readonly namespace?: string;
  /** Field path in the object (empty: the whole object). */
  readonly path: string;
  /** File, line and column of the field's YAML node. @default - not known (line 1 of no file) */
  readonly source?: ProblemSource;
}

/** What every format may say besides the findings. */
export interface OutputContext {
  /** The command (`validate`, `lint`, ...). */
  readonly command: string;
  /** The files read, in order (JUnit gives each a test suite, so clean files show as passed). */
  readonly files: readonly string[];
  /** True for the findings that make the exit code 1 (the others are reported, not failed). */
  readonly fails: (f: CliFinding) => boolean;
}

/** `Kind/ns/name` or `Kind/name`. */
export function objectRef(f: { kind: string; name: string; namespace?: string }): string {
  return `${f.kind}/${f.namespace ? `${f.namespace}/` : ''}${f.name}`;
}

/**
 * A file as CI tools match it against the checkout: an absolute path inside the working folder becomes relative to it
 * (GitHub annotations and code scanning place findings by paths relative to the repository root); others stay.
 */
export function ciPath(file: string, cwd = process.cwd()): string {
  if (!path.isAbsolute(file)) return file;
  const rel = path.relative(cwd, file);
  return rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel : file;
}

/** `file:line:column` of a source (`<stdin>` for standard input); empty when there is none. */
export function sourceLabel(source: ProblemSource | undefined): string {
  return source ? `${displayName(source.file)}:${source.line}:${source.column}` : '';
}

/** `file:line:column: ` before a text line, or nothing when the place is not known. */
export function sourcePrefix(source: ProblemSource | undefined): string {
  return source ? `${sourceLabel(source)}: ` : '';
}

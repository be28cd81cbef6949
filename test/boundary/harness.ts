// The bad-input suite's harness (issue 11, "Proof"). Each area keeps a table of mistakes in tables/<area>.ts; a
// runner test per area runs its table with runBadInputs, and count.test.ts adds up every table per outcome.
import { ValidationProblem } from '../../lib/validation';

/** How a mistake must be answered. */
export enum Outcome {
  /** The call itself throws the library's error. */
  CALL = 'call',
  /** Construction succeeds but `app.synth()` / `Testing.synth()` fails with the construct path. */
  SYNTH = 'synth',
  /** The CLI exits 2 with a message on stderr. */
  CLI = 'cli',
  /** `validateManifests` (or an engine's validation) reports a problem at the field. */
  PROBLEM = 'problem',
}

/** One mistake and how it must be answered. */
export interface BadInput {
  /** What the mistake is, readable in the test name. */
  readonly name: string;
  readonly outcome: Outcome;
  /**
   * Makes the mistake. CALL and SYNTH: throws (SYNTH: by synthesizing). CLI: returns `{ code, stderr }`. PROBLEM:
   * returns the problems.
   */
  readonly run: () => unknown;
  /** The construct path or API name the message must start with (`[where]`); PROBLEM: the problem's path. */
  readonly where?: string;
  /** The field the message must name (a substring, or a pattern). */
  readonly field: string | RegExp;
  /** Also required in the message (e.g. the bad value or the hint). @default - nothing more */
  readonly mentions?: string | RegExp;
}

const JS_FAULTS = [TypeError, RangeError, ReferenceError, SyntaxError];

function contains(text: string, needle: string | RegExp): boolean {
  return typeof needle === 'string' ? text.includes(needle) : needle.test(text);
}

/** Checks one row; throws a readable assertion error when the outcome is not as the row says. */
export function assertBadInput(row: BadInput): void {
  if (row.outcome === Outcome.CALL || row.outcome === Outcome.SYNTH) {
    let thrown: unknown;
    try {
      row.run();
    } catch (e) {
      thrown = e;
    }
    if (thrown === undefined) throw new Error(`expected an error, but the call succeeded`);
    if (!(thrown instanceof Error)) throw new Error(`expected an Error, got ${String(thrown)}`);
    const fault = JS_FAULTS.find((c) => thrown instanceof c && !/^\[/.test((thrown as Error).message));
    if (fault) throw new Error(`expected the library's error, got a ${fault.name}: ${thrown.message}`);
    const message = thrown.message;
    if (row.where !== undefined && !message.includes(`[${row.where}]`))
      throw new Error(`message does not name [${row.where}]: ${message}`);
    if (!contains(message, row.field))
      throw new Error(`message does not name the field ${String(row.field)}: ${message}`);
    if (!/fix: \S/.test(message)) throw new Error(`message has no fix: ${message}`);
    if (row.mentions !== undefined && !contains(message, row.mentions))
      throw new Error(`message does not mention ${String(row.mentions)}: ${message}`);
    return;
  }
  if (row.outcome === Outcome.CLI) {
    const result = row.run() as { code: number; stderr: string };
    if (result.code !== 2) throw new Error(`expected exit 2, got ${result.code}; stderr: ${result.stderr}`);
    if (/\n\s+at .*:\d+:\d+/.test(result.stderr)) throw new Error(`stderr holds a stack trace: ${result.stderr}`);
    if (/\b(ENOENT|EACCES|EISDIR|ELOOP|ENOSPC|ENOTDIR|EEXIST)\b:/.test(result.stderr))
      throw new Error(`stderr holds a raw errno: ${result.stderr}`);
    if (!contains(result.stderr, row.field))
      throw new Error(`stderr does not name ${String(row.field)}: ${result.stderr}`);
    if (!/fix: \S/.test(result.stderr)) throw new Error(`stderr has no fix: ${result.stderr}`);
    if (row.mentions !== undefined && !contains(result.stderr, row.mentions))
      throw new Error(`stderr does not mention ${String(row.mentions)}: ${result.stderr}`);
    return;
  }
  const problems = row.run() as ValidationProblem[];
  if (!Array.isArray(problems) || problems.length === 0) throw new Error('expected problems, got none');
  const hit = problems.find(
    (p) => (row.where === undefined || p.path === row.where) && contains(`${p.path}: ${p.message}`, row.field),
  );
  if (!hit)
    throw new Error(
      `no problem at ${row.where ?? '(any path)'} naming ${String(row.field)}: ${JSON.stringify(problems)}`,
    );
  if (!/fix: \S/.test(hit.message)) throw new Error(`problem has no fix: ${hit.path}: ${hit.message}`);
  if (row.mentions !== undefined && !contains(hit.message, row.mentions))
    throw new Error(`problem does not mention ${String(row.mentions)}: ${hit.message}`);
}

/** A row whose mistake must throw at the call. */
export const call = (
  name: string,
  run: () => unknown,
  where: string,
  field: string | RegExp,
  mentions?: string | RegExp,
): BadInput => ({ name, outcome: Outcome.CALL, run, where, field, mentions });

/** A row whose mistake must fail synthesis (`run` synthesizes). */
export const synth = (
  name: string,
  run: () => unknown,
  where: string,
  field: string | RegExp,
  mentions?: string | RegExp,
): BadInput => ({ name, outcome: Outcome.SYNTH, run, where, field, mentions });

/** Runs a table: one jest test per row. Names must be unique within a table. */
export function runBadInputs(title: string, rows: readonly BadInput[]): void {
  describe(title, () => {
    test.each(rows.map((r) => [`${r.outcome}: ${r.name}`, r] as const))('%s', (_name, row) => {
      assertBadInput(row);
    });
  });
}

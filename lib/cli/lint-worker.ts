/**
 * Lint work on a second thread, for large inputs (issue 11, item 7). Two jobs:
 * - `summary`: read the files and build the lint's summary of the engine model (workloads, host endpoints; see
 *   lib/lint/model-summary.ts) while the calling thread reads the same files and runs the rules that do not need it;
 * - `lint`: read and lint the files (`check`: validation streams on the calling thread meanwhile), so `check` takes
 *   about as long as the slower of the two instead of their sum, and holds no document after validating it.
 *
 * The CLI is synchronous, so the calling thread waits with `Atomics.wait` and takes the worker's one message with
 * `receiveMessageOnPort` (Node's way to read a port synchronously). Small inputs, and runs from the TypeScript
 * sources (tests), stay on the calling thread: a thread costs more than it saves there. Whatever the worker fails
 * at is done on the calling thread instead, so the answer never depends on the worker.
 */
import * as fs from 'fs';
import { isMainThread, MessageChannel, MessagePort, receiveMessageOnPort, Worker, workerData } from 'worker_threads';
import { LintContext } from '../lint/lint-context';
import { lintManifestsSeeded } from '../lint/lint-manifests';
import type { LintModelSummary } from '../lint/model-summary';
import { FiledLintFinding, withFiles } from './lint-command';
import { manifestDocuments, SourcedDoc } from './manifest-files';

/** Inputs below this many bytes stay on the calling thread. */
const WORKER_MIN_BYTES = 4 << 20;
const TASK = 'cdk8s-calico-lint-worker';

type JobKind = 'lint' | 'summary';

interface Job {
  readonly task: typeof TASK;
  readonly kind: JobKind;
  readonly files: readonly string[];
  readonly disable: readonly string[];
  readonly port: MessagePort;
  readonly done: Int32Array;
}

/** A worker's answer: `value`, or why it failed. */
interface Outcome<T> {
  readonly value?: T;
  readonly error?: string;
}

/** Work running on a worker thread. */
export interface Pending<T> {
  /** Blocks until the worker is done; its answer, or `undefined` when it failed. */
  wait(): T | undefined;
  /** Stops the worker (its answer is not wanted). */
  cancel(): void;
}

/** Lint findings with files, and the number of documents read. */
export interface LintedFiles {
  readonly findings: FiledLintFinding[];
  readonly objects: number;
}

/**
 * Reads and lints `files` as `lint` does, with the file of each finding. On a large input the model summary is
 * built on a worker thread meanwhile.
 */
export function lintFiles(files: readonly string[], disable: readonly string[]): LintedFiles {
  const summary = startWorker<LintModelSummary>('summary', files, []);
  let docs: SourcedDoc[];
  try {
    docs = [...manifestDocuments(files)];
  } catch (e) {
    summary?.cancel();
    throw e;
  }
  const findings = lintManifestsSeeded(docs.map((d) => d.doc), { disable }, summary ? () => summary.wait() : undefined);
  summary?.cancel();
  return { findings: withFiles(findings, docs), objects: docs.length };
}

/** Starts {@link lintFiles} on a worker thread; `undefined` when the input is small or threads cannot be used here. */
export function startLintWorker(files: readonly string[], disable: readonly string[]): Pending<LintedFiles> | undefined {
  return startWorker<LintedFiles>('lint', files, disable);
}

function totalBytes(files: readonly string[]): number {
  let n = 0;
  for (const f of files) {
    try {
      n += fs.statSync(f).size;
    } catch {
      return 0; // the calling thread reports the unreadable file
    }
  }
  return n;
}

function startWorker<T>(kind: JobKind, files: readonly string[], disable: readonly string[]): Pending<T> | undefined {
  if (!__filename.endsWith('.js') || totalBytes(files) < WORKER_MIN_BYTES) return undefined;
  const { port1, port2 } = new MessageChannel();
  const done = new Int32Array(new SharedArrayBuffer(4));
  let worker: Worker;
  try {
    const job: Job = { task: TASK, kind, files, disable, port: port2, done };
    worker = new Worker(__filename, { workerData: job, transferList: [port2] });
  } catch {
    port1.close();
    return undefined;
  }
  worker.unref();
  worker.on('error', () => undefined); // a failure shows as no answer: the caller does the work itself
  let closed = false;
  const close = () => {
    if (closed) return;
    closed = true;
    port1.close();
    void worker.terminate();
  };
  return {
    wait(): T | undefined {
      if (closed) return undefined;
      while (Atomics.load(done, 0) === 0) Atomics.wait(done, 0, 0, 1000);
      const msg = receiveMessageOnPort(port1)?.message as Outcome<T> | undefined;
      close();
      return msg?.value;
    },
    cancel: close,
  };
}

function work(job: Job): unknown {
  if (job.kind === 'lint') return lintFiles(job.files, job.disable);
  const docs: unknown[] = [];
  for (const d of manifestDocuments(job.files)) docs.push(d.doc);
  return LintContext.summaryOf(docs);
}

/** The worker's side: do the job, post the outcome, then wake the waiting thread (also when the job failed). */
function runJob(job: Job): void {
  try {
    let outcome: Outcome<unknown>;
    try {
      outcome = { value: work(job) };
    } catch (e) {
      outcome = { error: e instanceof Error ? e.message : String(e) };
    }
    try {
      job.port.postMessage(outcome);
    } catch (e) {
      job.port.postMessage({ error: e instanceof Error ? e.message : String(e) });
    }
  } finally {
    Atomics.store(job.done, 0, 1);
    Atomics.notify(job.done, 0);
    job.port.close();
  }
}

if (!isMainThread && (workerData as Job | undefined)?.task === TASK) runJob(workerData as Job);

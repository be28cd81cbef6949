/**
 * The lint's model summary (workloads and host endpoints with their labels; lib/lint/model-summary.ts) built on a
 * second thread for large inputs (issue 11, item 7): the worker reads the same files and builds the engine model
 * while the calling thread reads them, validates them (`check`) and runs the rules that do not need the model, which
 * lintManifests runs first. On 2 cores `lint` and `check` then take about the longer of the two threads.
 *
 * The CLI is synchronous, so the calling thread waits with `Atomics.wait` and takes the worker's one message with
 * `receiveMessageOnPort` (Node's way to read a port synchronously). Small inputs, and runs from the TypeScript
 * sources (tests), stay on the calling thread: a thread costs more than it saves there. Whatever the worker fails
 * at is done on the calling thread instead, so the findings never depend on the worker.
 */
import { isMainThread, MessageChannel, MessagePort, receiveMessageOnPort, Worker, workerData } from 'worker_threads';
import { LintContext } from '../lint/lint-context';
import { lintManifestsSeeded } from '../lint/lint-manifests';
import type { LintModelSummary } from '../lint/model-summary';
import { FiledLintFinding, withFiles } from './lint-command';
import { manifestDocuments, SourcedDoc } from './manifest-files';
import { inputBytes, newWorkerSignal, reportWorkerProgress, signalWorkerDone, waitForWorker } from './worker-thread';

/** Inputs below this many bytes stay on the calling thread. */
const WORKER_MIN_BYTES = 4 << 20;
const TASK = 'cdk8s-calico-lint-worker';
/** Young generation of a worker (V8's `--max-semi-space-size=64`: three semi-spaces). */
const YOUNG_GENERATION_MB = 192;

interface Job {
  readonly task: typeof TASK;
  readonly files: readonly string[];
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
  const summary = startSummaryWorker(files);
  let docs: SourcedDoc[];
  try {
    docs = [...manifestDocuments(files)];
  } catch (e) {
    summary?.cancel();
    throw e;
  }
  return { findings: lintSourced(docs, disable, summary), objects: docs.length };
}

/** Lints documents read from files (with the file of each finding), using the worker's summary when there is one. */
export function lintSourced(docs: readonly SourcedDoc[], disable: readonly string[], summary: Pending<LintModelSummary> | undefined): FiledLintFinding[] {
  try {
    return withFiles(lintManifestsSeeded(docs.map((d) => d.doc), { disable }, summary ? () => summary.wait() : undefined), docs);
  } finally {
    summary?.cancel();
  }
}

/**
 * Starts building the model summary of `files` on a worker thread; `undefined` when the input is small or threads
 * cannot be used here.
 */
export function startSummaryWorker(files: readonly string[]): Pending<LintModelSummary> | undefined {
  if (!__filename.endsWith('.js') || inputBytes(files) < WORKER_MIN_BYTES) return undefined;
  const { port1, port2 } = new MessageChannel();
  const done = newWorkerSignal();
  let worker: Worker;
  try {
    const job: Job = { task: TASK, files, port: port2, done };
    // A larger young generation than the default: parsing makes many short-lived strings (fewer scavenges).
    worker = new Worker(__filename, { workerData: job, transferList: [port2], resourceLimits: { maxYoungGenerationSizeMb: YOUNG_GENERATION_MB } });
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
    wait(): LintModelSummary | undefined {
      if (closed) return undefined;
      const finished = waitForWorker(done);
      const msg = finished ? (receiveMessageOnPort(port1)?.message as Outcome<LintModelSummary> | undefined) : undefined;
      close();
      return msg?.value;
    },
    cancel: close,
  };
}

function work(job: Job): LintModelSummary {
  // Documents one at a time (half the memory, and far less garbage collection); a set the engine refuses whole is
  // read again and held, so the engine's per-object fallback can run (LintContext.summaryOf).
  const streamed = LintContext.streamedSummary((function* () {
    for (const d of manifestDocuments(job.files)) {
      reportWorkerProgress(job.done);
      yield d.doc;
    }
  })());
  if (streamed) return streamed;
  const docs: unknown[] = [];
  for (const d of manifestDocuments(job.files)) {
    reportWorkerProgress(job.done);
    docs.push(d.doc);
  }
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
    signalWorkerDone(job.done);
    job.port.close();
  }
}

if (!isMainThread && (workerData as Job | undefined)?.task === TASK) runJob(workerData as Job);

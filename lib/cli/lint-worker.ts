/**
 * Lint on a second thread, for `check` on large inputs (issue 11, item 7): validation streams its documents on the
 * main thread while a worker reads the same files and lints them, so `check` takes about as long as the slower of
 * the two instead of their sum, and the main thread holds no document after validating it.
 *
 * The CLI is synchronous, so the main thread waits for the worker with `Atomics.wait` and takes its one message with
 * `receiveMessageOnPort` (Node's documented way to read a port synchronously). Small inputs, and runs from the
 * TypeScript sources (tests), lint on the calling thread: a thread costs more than it saves there.
 */
import * as fs from 'fs';
import { isMainThread, MessageChannel, MessagePort, receiveMessageOnPort, Worker, workerData } from 'worker_threads';
import { lintManifests } from '../lint/lint-manifests';
import { FiledLintFinding, withFiles } from './lint-command';
import { manifestDocuments, SourcedDoc } from './manifest-files';

/** Inputs below this many bytes are linted on the calling thread. */
const WORKER_MIN_BYTES = 4 << 20;
const TASK = 'cdk8s-calico-lint';

/** What the worker sends back: the findings (with files) and the number of documents it read, or why it failed. */
export interface LintOutcome {
  readonly findings?: FiledLintFinding[];
  readonly objects?: number;
  readonly error?: string;
}

interface Job {
  readonly task: typeof TASK;
  readonly files: readonly string[];
  readonly disable: readonly string[];
  readonly port: MessagePort;
  readonly done: Int32Array;
}

/** Reads and lints `files` (as `lint` does), with the file of each finding. */
export function lintFiles(files: readonly string[], disable: readonly string[]): { findings: FiledLintFinding[]; objects: number } {
  const docs: SourcedDoc[] = [...manifestDocuments(files)];
  return { findings: withFiles(lintManifests(docs.map((d) => d.doc), { disable }), docs), objects: docs.length };
}

/** A lint running on a worker thread. */
export interface PendingLint {
  /** Blocks until the worker is done; its outcome (`error` set when it failed). */
  wait(): LintOutcome;
  /** Stops the worker (when the main thread failed and its answer is not wanted). */
  cancel(): void;
}

function totalBytes(files: readonly string[]): number {
  let n = 0;
  for (const f of files) {
    try {
      n += fs.statSync(f).size;
    } catch {
      return 0; // the main thread reports the unreadable file
    }
  }
  return n;
}

/**
 * Starts linting `files` on a worker thread; `undefined` when the input is small or threads cannot be used here.
 * @param minBytes inputs smaller than this are left to the caller's thread
 * @default minBytes 4 MiB
 */
export function startLintWorker(files: readonly string[], disable: readonly string[], minBytes = WORKER_MIN_BYTES): PendingLint | undefined {
  if (!__filename.endsWith('.js') || totalBytes(files) < minBytes) return undefined;
  const { port1, port2 } = new MessageChannel();
  const done = new Int32Array(new SharedArrayBuffer(4));
  let worker: Worker;
  try {
    const job: Job = { task: TASK, files, disable, port: port2, done };
    worker = new Worker(__filename, { workerData: job, transferList: [port2] });
  } catch {
    port1.close();
    return undefined;
  }
  worker.unref();
  worker.on('error', () => undefined); // reported through the port (or the wait below sees no message)
  return {
    wait(): LintOutcome {
      while (Atomics.load(done, 0) === 0) Atomics.wait(done, 0, 0, 1000);
      const msg = receiveMessageOnPort(port1)?.message as LintOutcome | undefined;
      port1.close();
      void worker.terminate();
      return msg ?? { error: 'the lint worker sent no answer' };
    },
    cancel(): void {
      port1.close();
      void worker.terminate();
    },
  };
}

/** The worker's side: lint, post the outcome, then wake the waiting main thread. */
function runJob(job: Job): void {
  let outcome: LintOutcome;
  try {
    outcome = lintFiles(job.files, job.disable);
  } catch (e) {
    outcome = { error: e instanceof Error ? e.message : String(e) };
  }
  try {
    job.port.postMessage(outcome);
  } catch (e) {
    job.port.postMessage({ error: e instanceof Error ? e.message : String(e) });
  }
  Atomics.store(job.done, 0, 1);
  Atomics.notify(job.done, 0);
  job.port.close();
}

if (!isMainThread && (workerData as Job | undefined)?.task === TASK) runJob(workerData as Job);

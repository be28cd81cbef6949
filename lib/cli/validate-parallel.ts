/**
 * `validate` of large inputs in two threads (300,000 documents in at most 5 s on two cores). Each
 * file's documents are split in two consecutive shares on their `---` lines; this thread reads and validates the
 * first share of every file while a worker thread (`validate-worker.ts`) does the second, both with the same
 * per-object checks. The shares are then put back in document order and the cross-object rules run here on all of
 * them, so the output is exactly that of the one-thread path, {@link validateSourced}, errors included: when reading
 * fails (a file that does not parse), the error is the one the one-thread path meets first.
 *
 * The CLI is synchronous: this thread waits for the worker with `Atomics.wait` and takes its result with
 * `receiveMessageOnPort` (Node's worker_threads API), and falls back to doing the second share itself if the worker
 * fails or stalls.
 */
import * as fs from 'fs';
import * as path from 'path';
import { MessageChannel, receiveMessageOnPort, Worker } from 'worker_threads';
import { DocumentPart } from '../model/documents/yaml-file';
import { DocumentValidator, ValidateManifestsOptions } from '../validation/validate-manifests';
import { InputError } from './args';
import { idleCores } from './idle-cores';
import { manifestDocuments, manifestFileDocuments, newReadCursor } from './manifest-files';
import {
  Collected,
  collectDocument,
  FiledProblem,
  finishCollected,
  newCollected,
  validateSourced,
} from './validate-collect';
import { inputBytes, newWorkerSignal, waitForWorker, WORKER_STALL_SECONDS } from './worker-thread';

/** Inputs smaller than this are validated in one thread: a second thread costs about 0.4 s to start (modules, CRDs). */
export const PARALLEL_MIN_BYTES = 8 << 20;

/**
 * The share of the documents this thread takes: a little more than half, since the worker starts later (it loads
 * its modules and the CRDs first) while this thread merges and runs the cross-object rules after.
 */
const MAIN_SHARE = 0.52;

/** How much of a core must be idle, besides this thread's, for the worker to pay off. */
const MIN_IDLE_CORES = 0.6;

/** Seconds without progress after which the worker is given up and its share validated here. */
const STALL_SECONDS = WORKER_STALL_SECONDS;

/** The error that stopped a share: the index of the file it stopped in, and what `validateSourced` would throw. */
export interface PartError {
  readonly file: number;
  readonly message: string;
  /** An {@link InputError} (exit 2 with its message as is). */
  readonly input: boolean;
  /** The `code`, `syscall` and `path` of a file-system error, which the CLI words itself. */
  readonly fs?: { code?: string; syscall?: string; path?: string };
}

/** One share's outcome: per file (by index, up to the one it stopped in), what was collected; and the error, if any. */
export interface PartResult {
  readonly files: Collected[];
  readonly error?: PartError;
}

/**
 * Validates the files, in two threads when they are large enough and a second core is idle, else in this one (the
 * output is the same either way).
 * @returns as {@link validateSourced}: the problems in document order, then the cross-object ones, and the count
 * @throws as {@link validateSourced}
 */
export function validateFiles(
  files: readonly string[],
  options: ValidateManifestsOptions,
): { problems: FiledProblem[]; objects: number } {
  new DocumentValidator(options); // the options are checked before any file is read, as validateSourced does
  const script = workerScript();
  // The cores are sampled last: only a large input waits for it (idle-cores.ts).
  if (!script || inputBytes(files) < PARALLEL_MIN_BYTES || idleCores() < MIN_IDLE_CORES)
    return validateSourced(manifestDocuments(files), options);
  const worker = startWorker(script, files, options, { from: MAIN_SHARE, to: 1 });
  const first = validatePart(files, options, { from: 0, to: MAIN_SHARE });
  const second = worker.result() ?? validatePart(files, options, { from: MAIN_SHARE, to: 1 });
  return finishCollected(mergeParts([first, second], files.length));
}

/**
 * Validates one share of the documents of every file, in file order; stops at the first error.
 * @param progress called every 1024 documents (the worker's sign of life)
 */
export function validatePart(
  files: readonly string[],
  options: ValidateManifestsOptions,
  part: DocumentPart,
  progress?: () => void,
): PartResult {
  const validator = new DocumentValidator(options);
  const out: Collected[] = [];
  const at = newReadCursor();
  for (let f = 0; f < files.length; f++) {
    const collected = newCollected();
    out.push(collected);
    try {
      for (const doc of manifestFileDocuments(files[f], part, at)) {
        collectDocument(doc, files[f], validator, collected, at);
        if ((collected.objects & 1023) === 0) progress?.();
      }
    } catch (e) {
      return { files: out, error: partError(f, e) };
    }
  }
  return { files: out };
}

/**
 * The shares put back in document order (per file, share 0 then share 1 ...).
 * @throws the error the one-thread path would meet first: the one in the lowest file, then the lowest share
 */
export function mergeParts(parts: readonly PartResult[], fileCount: number): Collected {
  let error: PartError | undefined;
  for (const p of parts) if (p.error && (!error || p.error.file < error.file)) error = p.error;
  if (error) throw rebuildError(error);
  const inOrder: Collected[] = [];
  for (let f = 0; f < fileCount; f++) {
    for (const p of parts) {
      const c = p.files[f];
      if (c) inOrder.push(c);
    }
  }
  return concatCollected(inOrder);
}

/** What consecutive shares of the input collected, as one (in the order given). */
export function concatCollected(shares: readonly Collected[]): Collected {
  const all = newCollected();
  for (const c of shares) {
    // Each share counts its documents from 0: shifted to their index in the whole input.
    for (const x of c.problems)
      all.problems.push(x.document === undefined ? x : { ...x, document: x.document + all.objects });
    for (const x of c.skeletons) all.skeletons.push(x);
    for (const x of c.skeletonFiles) all.skeletonFiles.push(x);
    all.objects += c.objects;
  }
  return all;
}

/** A {@link PartResult} as the worker posts it: without the file of each skeleton (one file per entry of `files`). */
export interface PackedPart {
  readonly files: ReadonlyArray<{
    readonly problems: FiledProblem[];
    readonly objects: number;
    readonly skeletons: unknown[];
    readonly skeletonCount: number;
  }>;
  readonly error?: PartError;
}

/** Packs a share for posting: the file of each skeleton, the same for the whole file, is not repeated 100,000 times. */
export function packPart(part: PartResult): PackedPart {
  const files = part.files.map((c) => ({
    problems: c.problems,
    objects: c.objects,
    skeletons: c.skeletons,
    skeletonCount: c.skeletonFiles.length,
  }));
  return part.error ? { files, error: part.error } : { files };
}

/** The share {@link packPart} packed. */
export function unpackPart(packed: PackedPart, files: readonly string[]): PartResult {
  const out = packed.files.map((c, f): Collected => ({
    problems: c.problems,
    objects: c.objects,
    skeletons: c.skeletons,
    skeletonFiles: new Array<string>(c.skeletonCount).fill(files[f]),
  }));
  return packed.error ? { files: out, error: packed.error } : { files: out };
}

/** The {@link PartError} of `e`, met in the file with index `file`. */
export function partError(file: number, e: unknown): PartError {
  const err = e as Error & { code?: string; syscall?: string; path?: string };
  const fsInfo = typeof err?.code === 'string' ? { code: err.code, syscall: err.syscall, path: err.path } : undefined;
  return {
    file,
    message: err instanceof Error ? err.message : String(e),
    input: e instanceof InputError,
    ...(fsInfo ? { fs: fsInfo } : {}),
  };
}

/** The error a {@link PartError} stands for, as the one-thread path throws it. */
export function rebuildError(e: PartError): Error {
  const err = e.input ? new InputError(e.message) : new Error(e.message);
  if (e.fs) Object.assign(err, e.fs);
  return err;
}

/** The compiled worker script next to this module; none when running from TypeScript sources (tests). */
function workerScript(): string | undefined {
  if (!__filename.endsWith('.js')) return undefined;
  const file = path.join(__dirname, 'validate-worker.js');
  return fs.existsSync(file) ? file : undefined;
}

/** Data the worker receives. @internal */
export interface WorkerInput {
  readonly files: readonly string[];
  readonly options: ValidateManifestsOptions;
  readonly part: DocumentPart;
  /** [0]: 1 once the result is posted; [1]: progress count. */
  readonly signal: Int32Array;
  readonly port: import('worker_threads').MessagePort;
}

function startWorker(
  script: string,
  files: readonly string[],
  options: ValidateManifestsOptions,
  part: DocumentPart,
): { result(): PartResult | undefined } {
  const signal = newWorkerSignal();
  const { port1, port2 } = new MessageChannel();
  let worker: Worker;
  try {
    const input: WorkerInput = { files, options, part, signal, port: port2 };
    worker = new Worker(script, { workerData: input, transferList: [port2] });
  } catch {
    return { result: () => undefined };
  }
  worker.unref();
  return {
    result(): PartResult | undefined {
      waitForWorker(signal, STALL_SECONDS);
      const message = Atomics.load(signal, 0) === 1 ? receiveMessageOnPort(port1)?.message : undefined;
      port1.close();
      void worker.terminate();
      return message && Array.isArray(message.files) ? unpackPart(message as PackedPart, files) : undefined;
    },
  };
}

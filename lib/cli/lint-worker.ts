/**
 * One read of the files for `lint` and `check` (300,000 documents in at most 5 s on two cores,
 * memory bounded). Each document is parsed once and then dropped: `check` validates it (the per-object checks of
 * `validate`, and what the cross-object rules read of it), and the lint keeps its projection and reads it into the
 * model's cluster state (lib/lint/lint-stream.ts). On a large input each file's documents are split in two
 * consecutive shares on their `---` lines, as `validate` splits them (validate-parallel.ts): this thread reads the
 * first share of every file while a worker thread reads the second; the shares are merged back in document order,
 * so the output is that of one thread reading everything, errors included.
 *
 * The CLI is synchronous: this thread waits for the worker with `Atomics.wait` and takes its one message with
 * `receiveMessageOnPort` (Node's way to read a port synchronously). Whatever the worker fails at is read here
 * instead, so the output never depends on the worker. When the lint's model summary cannot be proven exact from
 * the read (lint-stream.ts), the lint reads the documents again and lints them whole.
 */
import { isMainThread, MessageChannel, MessagePort, receiveMessageOnPort, Worker, workerData } from 'worker_threads';
import { DocumentPart } from '../model/documents/yaml-file';
import { lintManifests, lintManifestsSeeded } from '../lint/lint-manifests';
import { LintSegment, mergeLintSegments, PackedLintSegment, StreamedLint } from '../lint/lint-stream';
import { DocumentValidator, ValidateManifestsOptions } from '../validation/validate-manifests';
import { FiledLintFinding, withFiles } from './filed-lint-finding';
import { manifestDocuments, manifestFileDocuments, newReadCursor, SourcedDoc } from './manifest-files';
import { Collected, collectDocument, FiledProblem, finishCollected, newCollected } from './validate-collect';
import { idleCores } from './idle-cores';
import {
  mergeParts,
  PackedPart,
  packPart,
  PARALLEL_MIN_BYTES,
  PartError,
  partError,
  PartResult,
  unpackPart,
} from './validate-parallel';
import { inputBytes, newWorkerSignal, reportWorkerProgress, signalWorkerDone, waitForWorker } from './worker-thread';

const TASK = 'cdk8s-calico-manifest-read';
/**
 * The share of the documents this thread reads: about half; the worker starts later (it loads its modules first), and
 * this thread merges and runs the rules after.
 */
const MAIN_SHARE = 0.52;
/** How much of a core must be idle, besides this thread's, for the worker to pay off (as validate-parallel.ts). */
const MIN_IDLE_CORES = 0.6;
/**
 * Young generation of a worker (V8's `--max-semi-space-size=64`: three semi-spaces): parsing makes short-lived strings.
 */
const YOUNG_GENERATION_MB = 192;

/** What to do with each document besides the lint. */
export interface ReadOptions {
  /**
   * Validate each document (`check`) with these options.
   * @default - no validation (`lint`)
   */
  readonly validate?: ValidateManifestsOptions;
}

/** One file's share: validation, lint segment and the place of each document in the file. */
interface FileShare {
  readonly collected: Collected;
  readonly lint: PackedLintSegment;
  readonly offsets: number[];
  readonly items: number[];
}

interface Share {
  readonly files: FileShare[];
  readonly error?: PartError;
}

/** A {@link Share} as the worker posts it (validation packed as validate-parallel.ts packs it). */
interface PackedShare {
  readonly validation: PackedPart;
  readonly files: ReadonlyArray<Omit<FileShare, 'collected'>>;
}

/** Everything the one read of the files gives. */
export interface ReadOnce {
  /** The validation problems, the cross-object ones last (none without `validate`). */
  readonly problems: FiledProblem[];
  /** Documents read. */
  readonly objects: number;
  /** The lint's projections and model summary. */
  readonly lint: StreamedLint;
  /** The file and place of each document, with its projection (made on demand: findings name few documents). */
  sourced(): SourcedDoc[];
}

/**
 * Reads a share of every file, in file order; stops at the first error.
 * @param progress called every 1024 documents (the worker's sign of life)
 */
function readShare(files: readonly string[], options: ReadOptions, part?: DocumentPart, progress?: () => void): Share {
  const validator = options.validate ? new DocumentValidator(options.validate) : undefined;
  const out: FileShare[] = [];
  for (let f = 0; f < files.length; f++) {
    const collected = newCollected();
    const lint = new LintSegment();
    const offsets: number[] = [];
    const items: number[] = [];
    const at = newReadCursor();
    try {
      for (const doc of manifestFileDocuments(files[f], part, at)) {
        if (validator) collectDocument(doc, files[f], validator, collected, at);
        else collected.objects++;
        lint.add(doc);
        offsets.push(at.offset);
        items.push(at.item);
        if ((collected.objects & 1023) === 0) progress?.();
      }
    } catch (e) {
      out.push({ collected, lint: lint.pack(), offsets, items });
      return { files: out, error: partError(f, e) };
    }
    out.push({ collected, lint: lint.pack(), offsets, items });
  }
  return { files: out };
}

function asPartResult(s: Share): PartResult {
  const files = s.files.map((f) => f.collected);
  return s.error ? { files, error: s.error } : { files };
}

/**
 * Reads every document of `files` once, in two threads when the input is large and a second core is idle.
 * @throws as reading them one by one would (the first error in document order)
 */
export function readOnce(files: readonly string[], options: ReadOptions = {}): ReadOnce {
  if (options.validate) new DocumentValidator(options.validate); // bad options fail before any file is read
  const parallel =
    __filename.endsWith('.js') && inputBytes(files) >= PARALLEL_MIN_BYTES && idleCores() >= MIN_IDLE_CORES;
  if (!parallel) return merge(files, options, [readShare(files, options)]);
  const worker = startWorker(files, options, { from: MAIN_SHARE, to: 1 });
  const first = readShare(files, options, { from: 0, to: MAIN_SHARE });
  const second = worker.result() ?? readShare(files, options, { from: MAIN_SHARE, to: 1 });
  return merge(files, options, [first, second]);
}

function merge(files: readonly string[], options: ReadOptions, shares: readonly Share[]): ReadOnce {
  const collected = mergeParts(shares.map(asPartResult), files.length); // throws the first error
  const segments: PackedLintSegment[] = [];
  const places: Array<{ file: string; offsets: number[]; items: number[] }> = [];
  for (let f = 0; f < files.length; f++) {
    for (const s of shares) {
      const share = s.files[f];
      if (!share) continue;
      segments.push(share.lint);
      places.push({ file: files[f], offsets: share.offsets, items: share.items });
    }
  }
  const lint = mergeLintSegments(segments);
  const problems = options.validate ? finishCollected(collected).problems : [];
  return {
    problems,
    objects: collected.objects,
    lint,
    sourced(): SourcedDoc[] {
      const out: SourcedDoc[] = [];
      for (const p of places) {
        p.offsets.forEach((offset, i) =>
          out.push({ file: p.file, doc: lint.docs[out.length], offset, item: p.items[i] }),
        );
      }
      return out;
    },
  };
}

/**
 * The lint findings of what {@link readOnce} read, with the file of each: over the projections with the streamed
 * model summary, or, when that summary is not proven exact, over the documents read again whole.
 */
export function lintRead(files: readonly string[], read: ReadOnce, disable: readonly string[]): FiledLintFinding[] {
  const summary = read.lint.summary;
  if (summary) {
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

interface Job {
  readonly task: typeof TASK;
  readonly files: readonly string[];
  readonly options: ReadOptions;
  readonly part: DocumentPart;
  readonly port: MessagePort;
  readonly done: Int32Array;
}

function startWorker(
  files: readonly string[],
  options: ReadOptions,
  part: DocumentPart,
): { result(): Share | undefined } {
  const { port1, port2 } = new MessageChannel();
  const done = newWorkerSignal();
  let worker: Worker;
  try {
    const job: Job = { task: TASK, files, options, part, port: port2, done };
    const resourceLimits = { maxYoungGenerationSizeMb: YOUNG_GENERATION_MB };
    worker = new Worker(__filename, { workerData: job, transferList: [port2], resourceLimits });
  } catch {
    port1.close();
    return { result: () => undefined };
  }
  worker.unref();
  worker.on('error', () => undefined); // a failure shows as no answer: this thread then reads the share itself
  return {
    result(): Share | undefined {
      const finished = waitForWorker(done);
      const msg = finished ? (receiveMessageOnPort(port1)?.message as PackedShare | undefined) : undefined;
      port1.close();
      void worker.terminate();
      if (!msg || !msg.validation || !Array.isArray(msg.files)) return undefined;
      const validation = unpackPart(msg.validation, files);
      const shares = msg.files.map((f, i) => ({ ...f, collected: validation.files[i] }));
      return validation.error ? { files: shares, error: validation.error } : { files: shares };
    },
  };
}

/** The worker's side: read the share, post it, then wake the waiting thread (also when it failed: no message). */
function runJob(job: Job): void {
  try {
    const share = readShare(job.files, job.options, job.part, () => reportWorkerProgress(job.done));
    const packed: PackedShare = {
      validation: packPart(asPartResult(share)),
      files: share.files.map(({ lint, offsets, items }) => ({ lint, offsets, items })),
    };
    job.port.postMessage(packed);
  } catch {
    // no message: the calling thread reads the share itself
  } finally {
    signalWorkerDone(job.done);
    job.port.close();
  }
}

if (!isMainThread && (workerData as Job | undefined)?.task === TASK) runJob(workerData as Job);

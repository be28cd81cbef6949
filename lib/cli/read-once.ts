/**
 * The one read of the files for `validate`, `check` and `lint` (300,000 documents in a few seconds on two cores,
 * memory bounded). Each document is parsed once and then dropped: `validate` and `check` validate it (the per-object
 * checks, and what the cross-object rules read of it), and `lint` and `check` keep its projection and read it into
 * the model's cluster state (lib/lint/lint-stream.ts).
 *
 * On a large input the files are cut into blocks of about a megabyte (on their `---` lines:
 * lib/model/documents/yaml-file.ts `DocumentPart`), and this thread and a worker thread each take the next block as
 * soon as they are free (one shared counter): neither waits for the other for more than a block at the end, however
 * busy the machine and whichever starts later. The blocks are merged back in document order, so the output is that
 * of one thread reading everything, errors included.
 *
 * With `lintOnWorker` (lint and check) the worker then runs the lockout proof, the costliest lint rule set, over
 * every projection while this thread merges the blocks and runs the other rule sets: this thread posts it the
 * projections of each block it reads (JSON text), and takes its findings at the end (lib/cli/lint-read.ts); a worker
 * that gives none leaves the rule set to this thread.
 *
 * The CLI is synchronous: this thread waits for the worker with `Atomics.wait` and takes its messages with
 * `receiveMessageOnPort` (Node's way to read a port synchronously). Whatever the worker fails at is read here
 * instead, so the output never depends on the worker (a worker costs about 0.4 s to start: modules, CRDs; so an
 * input smaller than {@link PARALLEL_MIN_BYTES} is read in this thread alone).
 */
import { isMainThread, MessageChannel, MessagePort, receiveMessageOnPort, Worker, workerData } from 'worker_threads';
import { DocumentPart } from '../model/documents/yaml-file';
import { LintSegment, mergeLintSegments, PackedLintSegment, StreamedLint } from '../lint/lint-stream';
import type { LintFinding } from '../lint/lint-finding';
import { LINT_RULE_SETS } from '../lint/lint-registry';
import { DocumentValidator, ValidateManifestsOptions } from '../validation/validate-manifests';
import { InputError } from './args';
import { newReadCursor, OpenedManifest, openedManifestDocuments, openManifest, SourcedDoc } from './manifest-files';
import {
  Collected,
  collectDocument,
  concatCollected,
  FiledProblem,
  finishCollected,
  newCollected,
} from './validate-collect';
import { CoreWatch, IDLE_SAMPLE_MS } from './idle-cores';
import { inputBytes, newWorkerSignal, reportWorkerProgress, signalWorkerDone, waitForWorker } from './worker-thread';

const TASK = 'cdk8s-calico-manifest-read';
/** Inputs smaller than this are read in one thread: a second thread costs about 0.4 s to start (modules, CRDs). */
export const PARALLEL_MIN_BYTES = 8 << 20;
/** How much of a file one block holds: the most one thread may wait for the other at the end is one block's read. */
const BLOCK_BYTES = 1 << 20;
/** How much of a core must be idle, besides this thread's, for the worker to pay off (idle-cores.ts). */
const MIN_IDLE_CORES = 0.6;
/**
 * Young generation of a worker (V8's `--max-semi-space-size=64`: three semi-spaces): parsing makes short-lived strings.
 */
const YOUNG_GENERATION_MB = 192;

/** What to do with each document. */
export interface ReadOptions {
  /**
   * Validate each document (`validate`, `check`) with these options.
   * @default - no validation (`lint`)
   */
  readonly validate?: ValidateManifestsOptions;
  /**
   * Keep each document's projection and read it into the lint's cluster state (`lint`, `check`).
   * @default true
   */
  readonly lint?: boolean;
  /**
   * Lint rule sets (indexes into LINT_RULE_SETS) for the worker to run over every document's projection once it has
   * read its blocks, while this thread merges the blocks and runs the other rule sets. This thread posts the
   * projections of each block it reads to the worker (as JSON text when they allow it: lint-stream.ts `postable`).
   * See {@link ReadOnce.workerLint}.
   * @default - none
   */
  readonly lintOnWorker?: readonly number[];
}

/** The error that stopped a read: the index of the file it stopped in, and what reading in one thread throws. */
export interface PartError {
  readonly file: number;
  readonly message: string;
  /** An {@link InputError} (exit 2 with its message as is). */
  readonly input: boolean;
  /** The `code`, `syscall` and `path` of a file-system error, which the CLI words itself. */
  readonly fs?: { code?: string; syscall?: string; path?: string };
}

/**
 * How {@link readOnce} cuts and packs the input, for tests: a small input read in one thread as a large one is read
 * in two (the worker itself runs only from the compiled package).
 */
export interface ReadTuning {
  /**
   * Cut the files in blocks of about this many bytes, also when one thread reads them.
   * @default - blocks of a megabyte when two threads read, else whole files
   */
  readonly blockBytes?: number;
  /**
   * Pack each block as the worker posts it (the projections as JSON text when they allow it), clone it as a message
   * is cloned, and unpack it.
   * @default false
   */
  readonly asPosted?: boolean;
  /**
   * Blocks to forget once read, as if a worker had taken them and died or stalled: they are read again here.
   * @default - none
   */
  readonly lose?: (block: number) => boolean;
  /**
   * Run `lintOnWorker` as the worker runs it, in this thread: over the projections of the even blocks as read and of
   * the odd ones as posted (cloned as a message is), its findings cloned as a message is.
   * @default false
   */
  readonly lintHere?: boolean;
}

/** A block: one file's documents, or a share of them. */
interface Block {
  /** The index of the file. */
  readonly file: number;
  /** The share of its documents; the whole file when undefined. */
  readonly part?: DocumentPart;
}

/** What reading one block gave: validation, lint segment, the place of each document, and the error that stopped it. */
interface BlockRead {
  readonly collected: Collected;
  /** Without `lint` in the options: none. */
  readonly lint?: PackedLintSegment;
  readonly offsets: number[];
  readonly items: number[];
  readonly error?: PartError;
  /** The lint segment itself, kept by the thread that read it (never posted). */
  readonly segment?: LintSegment;
}

/** A {@link BlockRead} as the worker posts it: the file of each skeleton (all the block's file) is not repeated. */
interface PackedBlockRead extends Omit<BlockRead, 'collected' | 'segment'> {
  readonly problems: FiledProblem[];
  readonly objects: number;
  readonly skeletons: unknown[];
  /** How many skeletons `skeletons` holds (packed flat: validate-collect.ts pushSkeleton). */
  readonly skeletonCount: number;
}

/** Everything the one read of the files gives. */
export interface ReadOnce {
  /** The validation problems, the cross-object ones last (none without `validate`). */
  readonly problems: FiledProblem[];
  /** Documents read. */
  readonly objects: number;
  /** The lint's projections and model summary (none without `lint` in the options). */
  readonly lint?: StreamedLint;
  /** The file and place of each document, with its projection if any (made on demand: findings name few documents). */
  sourced(): SourcedDoc[];
  /**
   * The findings of each rule set of `lintOnWorker` (by its index in LINT_RULE_SETS) over the projections of every
   * document, as the worker found them; `undefined` when there are none (no worker, or it failed or stalled): the
   * caller then runs those rule sets itself. Waits for the worker; the first call decides.
   */
  workerLint(): ReadonlyMap<number, LintFinding[]> | undefined;
  /** Stops the worker when its lint is not wanted after all (the caller lints the documents themselves). */
  release(): void;
}

/**
 * The blocks of the files, in document order: a whole file each when one thread reads, else blocks of about
 * {@link BLOCK_BYTES} (a JSON file is one block: it parses in one piece).
 */
function blocksOf(files: readonly string[], sizes: readonly number[] | undefined, blockBytes = BLOCK_BYTES): Block[] {
  const out: Block[] = [];
  files.forEach((file, f) => {
    const n = sizes && !file.endsWith('.json') ? Math.max(1, Math.round(sizes[f] / blockBytes)) : 1;
    if (n === 1) out.push({ file: f });
    // The same expression for one block's end and the next one's start: the blocks meet exactly.
    else for (let k = 0; k < n; k++) out.push({ file: f, part: { from: k / n, to: (k + 1) / n } });
  });
  return out;
}

/** Hands out blocks' indexes in order; `close` stops it (an error stopped the read: later blocks cannot matter). */
interface BlockSource {
  take(): number;
  close(): void;
  /** Called now and then while a block is read (every 256 documents). */
  poll?(): void;
}

/** The blocks' indexes in order, handed to this thread and the worker alike (a counter both see). */
class BlockCounter implements BlockSource {
  readonly buffer: Int32Array;

  constructor(
    readonly count: number,
    shared?: Int32Array,
  ) {
    this.buffer = shared ?? new Int32Array(new SharedArrayBuffer(4));
  }

  /** The next block's index, or -1 when every block is taken. */
  take(): number {
    const i = Atomics.add(this.buffer, 0, 1);
    return i < this.count ? i : -1;
  }

  close(): void {
    Atomics.store(this.buffer, 0, this.count);
  }
}

/**
 * The counter's blocks, and the worker started once this thread has read for {@link IDLE_SAMPLE_MS} and the cores
 * watched meanwhile show one idle for it (idle-cores.ts): a large input is read at once instead of after a sample,
 * and a late worker only takes fewer blocks.
 */
function workerJoinsWhenIdle(counter: BlockCounter, start: () => void): BlockSource {
  const watch = new CoreWatch();
  let decided = false;
  const poll = (): void => {
    if (decided || watch.elapsedMs < IDLE_SAMPLE_MS) return;
    decided = true;
    if (watch.idleBesidesThisThread() >= MIN_IDLE_CORES) start();
  };
  return {
    take(): number {
      poll();
      return counter.take();
    },
    close: () => counter.close(),
    poll,
  };
}

/** The given blocks' indexes, in the order given. */
function blockList(list: readonly number[]): BlockSource {
  let k = 0;
  return { take: () => (k < list.length ? list[k++] : -1), close: () => (k = list.length) };
}

/**
 * The opened file of each block in turn: a file's text is read once for its blocks in a row (blocks come in order),
 * and the previous file's text is let go before the next one is read.
 * @param opened called after each file is opened
 */
function fileOpener(files: readonly string[], opened?: () => void): (file: number) => OpenedManifest {
  let current: { file: number; text: OpenedManifest } | undefined;
  return (file) => {
    if (current?.file !== file) {
      current = undefined;
      current = { file, text: openManifest(files[file]) };
      opened?.();
    }
    return current.text;
  };
}

/**
 * Reads the blocks `source` hands out until it has none, or until one fails (the read stops there, as reading the
 * files one document after the other would, and closes the source).
 * @param post the blocks go to another thread: their projections are packed for posting (lint-stream.ts `pack`)
 * @param progress called every 1024 documents (the worker's sign of life)
 */
function readBlocks(
  files: readonly string[],
  blocks: readonly Block[],
  source: BlockSource,
  options: ReadOptions,
  post: boolean,
  progress?: () => void,
  share?: (block: number, segment: LintSegment) => void,
): Map<number, BlockRead> {
  const validator = options.validate ? new DocumentValidator(options.validate) : undefined;
  const linted = options.lint !== false;
  const out = new Map<number, BlockRead>();
  const open = fileOpener(files, () => source.poll?.()); // reading a large file's text takes about as long as the sample
  const at = newReadCursor();
  for (let b = source.take(); b >= 0; b = source.take()) {
    const { file, part } = blocks[b];
    const collected = newCollected();
    const lint = linted ? new LintSegment() : undefined;
    const offsets: number[] = [];
    const items: number[] = [];
    try {
      for (const doc of openedManifestDocuments(open(file), part, at)) {
        if (validator) collectDocument(doc, files[file], validator, collected, at);
        else collected.objects++;
        lint?.add(doc);
        offsets.push(at.offset);
        items.push(at.item);
        if ((collected.objects & 255) === 0) {
          source.poll?.();
          if ((collected.objects & 1023) === 0) progress?.();
        }
      }
    } catch (e) {
      source.close();
      out.set(b, { collected, lint: lint?.pack(), offsets, items, error: partError(file, e) });
      return out;
    }
    out.set(b, { collected, lint: lint?.pack(post), offsets, items, segment: lint });
    if (lint) share?.(b, lint);
  }
  return out;
}

/**
 * The projections of one block as the reading thread posts them to the worker (`postable`), read back: JSON text
 * parsed, anything else as structured clone gave it.
 */
function postedProjections(posted: string | readonly unknown[]): readonly unknown[] {
  return typeof posted === 'string' ? (JSON.parse(posted) as unknown[]) : posted;
}

/**
 * The rule sets `ruleSets` (indexes into LINT_RULE_SETS) over the projections of every block, in order: those the
 * worker read (`own`) and those the other thread posted (`posted`). Rule sets are pure functions of the documents, so
 * this is what the thread that merges would find over the same projections.
 */
function lintBlocks(
  blockCount: number,
  own: ReadonlyMap<number, readonly unknown[]>,
  posted: ReadonlyMap<number, readonly unknown[]>,
  ruleSets: readonly number[],
): LintFinding[][] {
  const docs: unknown[] = [];
  for (let b = 0; b < blockCount; b++) for (const d of own.get(b) ?? posted.get(b)!) docs.push(d);
  return ruleSets.map((i) => LINT_RULE_SETS[i](docs));
}

/**
 * This thread's side of the projections it posts to the worker for `lintOnWorker`: each block as it is read, those
 * read before the worker started when it starts; `end` says no more will come (also after an error).
 */
class ProjectionMail {
  readonly channel = new MessageChannel();
  /** `[blocks posted, ended]`: the worker waits on it. */
  readonly signal = new Int32Array(new SharedArrayBuffer(8));
  private pending: Array<[number, LintSegment]> | undefined = [];

  /** Posts the block, or keeps it until the worker starts. */
  share(block: number, segment: LintSegment): void {
    if (this.pending) this.pending.push([block, segment]);
    else this.post(block, segment);
  }

  /** The worker has started: posts what was kept. */
  open(): void {
    const kept = this.pending ?? [];
    this.pending = undefined;
    for (const [b, seg] of kept) this.post(b, seg);
  }

  end(): void {
    Atomics.store(this.signal, 1, 1);
    Atomics.notify(this.signal, 0);
  }

  /** Once the worker's lint is taken or given up (closing earlier could drop what it has not received yet). */
  close(): void {
    this.channel.port1.close();
  }

  private post(block: number, segment: LintSegment): void {
    this.channel.port1.postMessage([block, segment.postable()]);
    Atomics.add(this.signal, 0, 1);
    Atomics.notify(this.signal, 0);
  }
}

/**
 * The worker's side of {@link ProjectionMail}: the projections of every block in `wanted`, waiting for the other
 * thread to post them; `undefined` when it ends without posting them all (its read stopped at an error).
 */
function receiveProjections(
  port: MessagePort,
  signal: Int32Array,
  wanted: ReadonlySet<number>,
): Map<number, readonly unknown[]> | undefined {
  const out = new Map<number, readonly unknown[]>();
  for (;;) {
    const posted = Atomics.load(signal, 0);
    const ended = Atomics.load(signal, 1) === 1;
    for (let m = receiveMessageOnPort(port); m; m = receiveMessageOnPort(port)) {
      const [b, projections] = m.message as [number, string | unknown[]];
      if (wanted.has(b)) out.set(b, postedProjections(projections));
    }
    if (out.size === wanted.size) return out;
    if (ended) return undefined;
    Atomics.wait(signal, 0, posted, 1000);
  }
}

/**
 * Reads every document of `files` once, in two threads when the input is large and a second core is idle.
 * @throws as reading them one by one would (the first error in document order)
 */
export function readOnce(files: readonly string[], options: ReadOptions = {}, tuning: ReadTuning = {}): ReadOnce {
  if (options.validate) new DocumentValidator(options.validate); // bad options fail before any file is read
  const large = __filename.endsWith('.js') && inputBytes(files) >= PARALLEL_MIN_BYTES;
  const cut = large || tuning.blockBytes !== undefined;
  const blocks = blocksOf(files, cut ? files.map((f) => inputBytes([f])) : undefined, tuning.blockBytes);
  const counter = new BlockCounter(blocks.length);
  // The worker, once started (set while this thread reads its first blocks).
  const joined: { worker?: ReturnType<typeof startWorker> } = {};
  // This thread's projections for the worker's lint (posted only once the worker runs).
  const mail = options.lintOnWorker?.length && options.lint !== false && large ? new ProjectionMail() : undefined;
  const source =
    large && blocks.length > 1
      ? workerJoinsWhenIdle(counter, () => {
          joined.worker = startWorker(files, blocks, counter, options, mail);
          mail?.open();
        })
      : counter;
  const share = mail && ((b: number, seg: LintSegment): void => mail.share(b, seg));
  const read = readBlocks(files, blocks, source, options, tuning.asPosted === true, undefined, share);
  mail?.end();
  if (tuning.asPosted)
    for (const [b, r] of read) read.set(b, unpackBlock(structuredClone(packBlock(r)), files[blocks[b].file]));
  for (const [b, r] of joined.worker?.result() ?? []) read.set(b, r);
  if (tuning.lose) for (const b of [...read.keys()]) if (tuning.lose(b)) read.delete(b);
  // Blocks the worker took but gave nothing back for (it failed or stalled): read here, up to the first error.
  const failed = Math.min(blocks.length, ...[...read].filter(([, r]) => r.error).map(([b]) => b));
  const missing = blocks.map((_, b) => b).filter((b) => b < failed && !read.has(b));
  for (const [b, r] of readBlocks(files, blocks, blockList(missing), options, false)) read.set(b, r);
  const merged = merge(files, blocks, read, options);
  let workerLint = (): LintFinding[][] | undefined => {
    const found = joined.worker?.lint();
    mail?.close();
    return found;
  };
  const release = (): void => {
    joined.worker?.release();
    mail?.close();
  };
  if (tuning.lintHere && options.lintOnWorker) {
    const [even, odd] = [new Map<number, readonly unknown[]>(), new Map<number, readonly unknown[]>()];
    for (const [b, r] of read) {
      if (b % 2 === 0) even.set(b, r.segment?.projections ?? []);
      else odd.set(b, postedProjections(structuredClone(r.segment?.postable() ?? [])));
    }
    workerLint = () => structuredClone(lintBlocks(blocks.length, even, odd, options.lintOnWorker!));
  }
  const byRuleSet = (): Map<number, LintFinding[]> | undefined => {
    const found = workerLint();
    return found && new Map(options.lintOnWorker!.map((i, k) => [i, found[k]]));
  };
  return { ...merged, workerLint: once(byRuleSet), release };
}

/** `f`, called at most once (later calls give the first answer). */
function once<T>(f: () => T): () => T {
  let done: { value: T } | undefined;
  return () => (done ??= { value: f() }).value;
}

function merge(
  files: readonly string[],
  blocks: readonly Block[],
  read: ReadonlyMap<number, BlockRead>,
  options: ReadOptions,
): Omit<ReadOnce, 'workerLint' | 'release'> {
  const inOrder: BlockRead[] = [];
  for (let b = 0; b < blocks.length; b++) {
    const r = read.get(b)!;
    if (r.error) throw rebuildError(r.error); // the first error in document order
    inOrder.push(r);
  }
  const collected = concatCollected(inOrder.map((r) => r.collected));
  const lint = options.lint !== false ? mergeLintSegments(inOrder.map((r) => r.lint!)) : undefined;
  const problems = options.validate ? finishCollected(collected).problems : [];
  return {
    problems,
    objects: collected.objects,
    lint,
    sourced(): SourcedDoc[] {
      const out: SourcedDoc[] = [];
      inOrder.forEach((r, b) => {
        const file = files[blocks[b].file];
        r.offsets.forEach((offset, i) => out.push({ file, doc: lint?.docs[out.length], offset, item: r.items[i] }));
      });
      return out;
    },
  };
}

/** The {@link PartError} of `e`, met in the file with index `file`. */
function partError(file: number, e: unknown): PartError {
  const err = e as Error & { code?: string; syscall?: string; path?: string };
  const fsInfo = typeof err?.code === 'string' ? { code: err.code, syscall: err.syscall, path: err.path } : undefined;
  return {
    file,
    message: err instanceof Error ? err.message : String(e),
    input: e instanceof InputError,
    ...(fsInfo ? { fs: fsInfo } : {}),
  };
}

/** The error a {@link PartError} stands for, as reading in one thread throws it. */
function rebuildError(e: PartError): Error {
  const err = e.input ? new InputError(e.message) : new Error(e.message);
  if (e.fs) Object.assign(err, e.fs);
  return err;
}

interface Job {
  readonly task: typeof TASK;
  readonly files: readonly string[];
  readonly blocks: readonly Block[];
  readonly counter: Int32Array;
  readonly options: ReadOptions;
  readonly port: MessagePort;
  /** Set when the worker's blocks are posted (or it failed to read them). */
  readonly done: Int32Array;
  /** Set when its lint (`options.lintOnWorker`) is posted, or it has none to give. */
  readonly lintDone: Int32Array;
  /** The other thread's projections (ProjectionMail), with `options.lintOnWorker`. */
  readonly mail?: { readonly port: MessagePort; readonly signal: Int32Array };
}

/** The worker's messages, in this order: its blocks, then its lint findings. */
type WorkerMessage = { blocks: Array<[number, PackedBlockRead]> } | { lint: LintFinding[][] };

/** The message `key` of the worker read from `port` (none: the worker failed before posting it). */
function messageOf<K extends 'blocks' | 'lint'>(
  port: MessagePort,
  key: K,
): Extract<WorkerMessage, Record<K, unknown>> | undefined {
  const msg = receiveMessageOnPort(port)?.message as Record<string, unknown> | undefined;
  return msg !== null && typeof msg === 'object' && Array.isArray(msg[key]) ? (msg as never) : undefined;
}

function startWorker(
  files: readonly string[],
  blocks: readonly Block[],
  counter: BlockCounter,
  options: ReadOptions,
  mail?: ProjectionMail,
): { result(): Map<number, BlockRead> | undefined; lint(): LintFinding[][] | undefined; release(): void } {
  const { port1, port2 } = new MessageChannel();
  const done = newWorkerSignal();
  const lintDone = newWorkerSignal();
  let worker: Worker;
  try {
    const mailed = mail && { port: mail.channel.port2, signal: mail.signal };
    const job: Job = {
      task: TASK,
      files,
      blocks,
      counter: counter.buffer,
      options,
      port: port2,
      done,
      lintDone,
      mail: mailed,
    };
    const resourceLimits = { maxYoungGenerationSizeMb: YOUNG_GENERATION_MB };
    const transferList = mailed ? [port2, mailed.port] : [port2];
    worker = new Worker(__filename, { workerData: job, transferList, resourceLimits });
  } catch {
    port1.close();
    return { result: () => undefined, lint: () => undefined, release: () => undefined };
  }
  worker.unref();
  worker.on('error', () => undefined); // a failure shows as no answer: this thread then reads its blocks itself
  let open = true;
  const release = (): void => {
    if (!open) return;
    open = false;
    port1.close();
    void worker.terminate();
  };
  return {
    result(): Map<number, BlockRead> | undefined {
      const finished = waitForWorker(done);
      const msg = finished ? messageOf(port1, 'blocks') : undefined;
      if (!msg || !options.lintOnWorker?.length) release();
      if (!msg) return undefined;
      const out = new Map<number, BlockRead>();
      for (const [b, packed] of msg.blocks) out.set(b, unpackBlock(packed, files[blocks[b].file]));
      return out;
    },
    lint(): LintFinding[][] | undefined {
      if (!open) return undefined;
      const msg = waitForWorker(lintDone) ? messageOf(port1, 'lint') : undefined;
      release();
      return msg?.lint;
    },
    release,
  };
}

function packBlock(r: BlockRead): PackedBlockRead {
  // The projections stay with the thread that read them: they are posted as `lint` (JSON text when they allow it).
  const { collected, segment: _kept, ...rest } = r;
  const { problems, objects, skeletons, skeletonFiles } = collected;
  return { ...rest, problems, objects, skeletons, skeletonCount: skeletonFiles.length };
}

function unpackBlock(p: PackedBlockRead, file: string): BlockRead {
  const { problems, objects, skeletons, skeletonCount, ...rest } = p;
  const skeletonFiles = new Array<string>(skeletonCount).fill(file);
  return { ...rest, collected: { problems, objects, skeletons, skeletonFiles } };
}

/**
 * The worker's side: read blocks, post them, then wake the waiting thread (also when it failed: no message); then
 * the rule sets of `options.lintOnWorker` over every projection (lintBlocks), posted, and the thread woken again.
 */
function runJob(job: Job): void {
  let read: Map<number, BlockRead> | undefined;
  try {
    const counter = new BlockCounter(job.blocks.length, job.counter);
    read = readBlocks(job.files, job.blocks, counter, job.options, true, () => reportWorkerProgress(job.done));
    const blocksMessage: WorkerMessage = { blocks: [...read].map(([b, r]) => [b, packBlock(r)]) };
    job.port.postMessage(blocksMessage);
  } catch {
    read = undefined; // no message: the calling thread reads the blocks itself
  } finally {
    signalWorkerDone(job.done);
  }
  const ruleSets = job.options.lintOnWorker ?? [];
  // A block that failed stops the read: the calling thread throws its error and lints nothing.
  if (read && ruleSets.length > 0 && ![...read.values()].some((r) => r.error)) {
    try {
      const own = new Map<number, readonly unknown[]>();
      for (const [b, r] of read) own.set(b, r.segment?.projections ?? []);
      const wanted = new Set(job.blocks.map((_, b) => b).filter((b) => !own.has(b)));
      const posted = job.mail && receiveProjections(job.mail.port, job.mail.signal, wanted);
      if (posted) {
        const lintMessage: WorkerMessage = { lint: lintBlocks(job.blocks.length, own, posted, ruleSets) };
        job.port.postMessage(lintMessage);
      }
    } catch {
      // no message: the calling thread runs the rule sets itself
    }
  }
  signalWorkerDone(job.lintDone);
  job.port.close();
}

if (!isMainThread && (workerData as Job | undefined)?.task === TASK) runJob(workerData as Job);

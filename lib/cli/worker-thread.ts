import * as fs from 'fs';

/**
 * How the synchronous CLI uses a worker thread (read-once.ts). It waits for it: the worker sets
 * `signal[0]` to 1 when it is done and counts its progress in `signal[1]`. A worker that dies (out of memory) or hangs
 * cannot say so while this thread blocks, so a worker whose progress stands still for `stallSeconds` is given up; the
 * caller then does the work itself, so the output never depends on the worker.
 */
export const WORKER_STALL_SECONDS = 60;

/** A fresh signal: `[done, progress]`. */
export function newWorkerSignal(): Int32Array {
  return new Int32Array(new SharedArrayBuffer(8));
}

/** Blocks until the worker is done (true) or has made no progress for `stallSeconds` (false). */
export function waitForWorker(signal: Int32Array, stallSeconds = WORKER_STALL_SECONDS): boolean {
  let seen = -1;
  let idle = 0;
  while (Atomics.load(signal, 0) === 0) {
    if (Atomics.wait(signal, 0, 0, 1000) !== 'timed-out') continue;
    const progress = Atomics.load(signal, 1);
    idle = progress === seen ? idle + 1 : 0;
    seen = progress;
    if (idle >= stallSeconds) return false;
  }
  return true;
}

/** The worker's side: one more unit of progress. */
export function reportWorkerProgress(signal: Int32Array): void {
  Atomics.add(signal, 1, 1);
}

/** The worker's side: done (also when it failed; its message says which). */
export function signalWorkerDone(signal: Int32Array): void {
  Atomics.store(signal, 0, 1);
  Atomics.notify(signal, 0);
}

/** The total size of the input files, to decide whether a worker pays off; 0 when one cannot be read (the calling
 * thread then reports it). */
export function inputBytes(files: readonly string[]): number {
  let n = 0;
  for (const f of files) {
    if (f === '-') return 0; // standard input is read once, by the calling thread
    try {
      n += fs.statSync(f).size;
    } catch {
      return 0;
    }
  }
  return n;
}

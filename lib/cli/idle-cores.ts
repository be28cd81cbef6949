/**
 * Whether a second thread can run beside this one now: the CLI splits a large input in two threads
 * only when a core is idle for it. Measured on a shared 2-core machine (bench/large-input.ts), a worker costs about
 * a third more CPU in all (its start, its own modules and CRDs, the merge) and saves wall time only when it gets a
 * core of its own: `validate` of 300,000 documents took 5.0 s in two threads against 6.0 s in one with the second
 * core free, and longer in two than in one when the other core was busy.
 *
 * The cores' idle time is sampled over a short window (`os.cpus()` times, which Linux reads from /proc/stat, macOS
 * and Windows from their own counters) rather than read from the one-minute load average: the load average still
 * counts, for a minute, the build step that just ended on a CI runner (a busy box then reads as busy although it is
 * idle), and it is 0 on Windows whatever runs.
 */
import * as os from 'os';

/** The CPU times of each core, as `os.cpus()` gives them (milliseconds since boot). */
export interface CoreTimes {
  readonly times: {
    readonly user: number;
    readonly nice: number;
    readonly sys: number;
    readonly idle: number;
    readonly irq: number;
  };
}

/** How long the cores are watched: long enough for the kernel's 10 ms ticks to count, short beside a large input. */
export const IDLE_SAMPLE_MS = 100;

/**
 * The number of cores that were idle between two `os.cpus()` snapshots (fractional: 1.5 is one core and half of
 * another), or `undefined` when no time passed in the counters (then nothing is known).
 */
export function idleCoresBetween(before: readonly CoreTimes[], after: readonly CoreTimes[]): number | undefined {
  if (before.length !== after.length || after.length === 0) return undefined;
  let idle = 0;
  let total = 0;
  for (let i = 0; i < after.length; i++) {
    const a = before[i].times;
    const b = after[i].times;
    const busy = b.user - a.user + (b.nice - a.nice) + (b.sys - a.sys) + (b.irq - a.irq);
    const rest = b.idle - a.idle;
    idle += rest;
    total += busy + rest;
  }
  return total > 0 ? (idle / total) * after.length : undefined;
}

/**
 * Watches the cores while this thread works: {@link CoreWatch.idleBesidesThisThread} then tells how many were idle
 * besides the one this thread kept busy, without the thread waiting for the sample (a large input starts being read
 * at once, and the worker thread joins once the sample says a core is free for it). What this process used
 * meanwhile (its own thread, V8's garbage collector and compiler threads) does not count as busy: those threads
 * yield to a worker of the same process, other programs do not.
 */
export class CoreWatch {
  private readonly before = os.cpus();
  private readonly start = process.hrtime.bigint();
  private readonly ownBefore = process.cpuUsage();

  /** Milliseconds watched so far. */
  get elapsedMs(): number {
    return Number(process.hrtime.bigint() - this.start) / 1e6;
  }

  /**
   * The cores idle since the watch started besides this thread's, counting the time other processes used as busy
   * and this process's own as idle; from the one-minute load average when the counters say nothing.
   */
  idleBesidesThisThread(): number {
    const cores = typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
    const sampled = idleCoresBetween(this.before, os.cpus());
    const elapsedUs = this.elapsedMs * 1000;
    const own = process.cpuUsage(this.ownBefore);
    // This process's share of the machine over the window, in cores (all its threads).
    const ownCores = elapsedUs > 0 ? (own.user + own.system) / elapsedUs : 1;
    if (sampled !== undefined) {
      const othersBusy = Math.max(0, cores - sampled - ownCores);
      return Math.max(0, Math.min(cores - 1, cores - 1 - othersBusy));
    }
    return cores - 1 - Math.max(0, os.loadavg()[0] - ownCores);
  }
}

/** Blocks this thread for `ms` (the CLI is synchronous; no CPU is used while it waits). */
function sleep(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/**
 * Cores idle now besides the one this thread runs on: the idle cores sampled over {@link IDLE_SAMPLE_MS} (this
 * thread sleeps meanwhile, so its own core counts as idle and is taken off), or from the one-minute load average when
 * the counters say nothing (no `os.cpus()` times, as on some containers).
 * @param sampleMs how long to watch
 * @default sampleMs IDLE_SAMPLE_MS
 */
export function idleCores(sampleMs: number = IDLE_SAMPLE_MS): number {
  const cores = typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
  const before = os.cpus();
  sleep(sampleMs);
  const sampled = idleCoresBetween(before, os.cpus());
  if (sampled !== undefined) return Math.min(sampled, cores) - 1;
  return cores - 1 - os.loadavg()[0];
}

// Timing for the benchmarks: wall and CPU time of one call. CPU time is what the load of a shared machine does not
// inflate (for one thread), so benchmarks report both.

/** Wall and CPU milliseconds of `f`, and its value. */
export function time<T>(f: () => T): { ms: number; cpuMs: number; value: T } {
  const start = process.hrtime.bigint();
  const cpu = process.cpuUsage();
  const value = f();
  const used = process.cpuUsage(cpu);
  return { ms: Number(process.hrtime.bigint() - start) / 1e6, cpuMs: (used.user + used.system) / 1000, value };
}

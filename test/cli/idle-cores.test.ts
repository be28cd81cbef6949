import { CoreTimes, CoreWatch, idleCores, idleCoresBetween } from '../../lib/cli/idle-cores';

/** A core's counters (ms): busy time split over user and sys, the rest idle. */
function core(user: number, sys: number, idle: number): CoreTimes {
  return { times: { user, nice: 0, sys, idle, irq: 0 } };
}

describe('idleCoresBetween (whether a second thread gets a core of its own)', () => {
  test('two idle cores read as two', () => {
    expect(idleCoresBetween([core(0, 0, 0), core(0, 0, 0)], [core(0, 0, 100), core(0, 0, 100)])).toBe(2);
  });

  test('one core busy with another process reads as one idle core', () => {
    const before = [core(500, 100, 1000), core(0, 0, 1000)];
    const after = [core(580, 120, 1000), core(0, 0, 1100)];
    expect(idleCoresBetween(before, after)).toBe(1);
  });

  test('both cores half busy read as one idle core; a quarter idle each as half a core', () => {
    expect(idleCoresBetween([core(0, 0, 0), core(0, 0, 0)], [core(50, 0, 50), core(0, 50, 50)])).toBe(1);
    expect(idleCoresBetween([core(0, 0, 0), core(0, 0, 0)], [core(75, 0, 25), core(70, 5, 25)])).toBe(0.5);
  });

  test('counts only what happened between the snapshots, not since boot', () => {
    // Idle since boot, fully busy during the window.
    expect(idleCoresBetween([core(0, 0, 90000)], [core(100, 0, 90000)])).toBe(0);
  });

  test('nothing known when no time passed in the counters, or the core lists differ', () => {
    expect(idleCoresBetween([core(1, 1, 1)], [core(1, 1, 1)])).toBeUndefined();
    expect(idleCoresBetween([core(0, 0, 0)], [core(0, 0, 10), core(0, 0, 10)])).toBeUndefined();
    expect(idleCoresBetween([], [])).toBeUndefined();
  });
});

describe('idleCores', () => {
  test('is a number of cores below the machine count (this thread is taken off)', () => {
    const os = jest.requireActual<typeof import('os')>('os');
    const n = idleCores(20);
    expect(Number.isFinite(n)).toBe(true);
    expect(n).toBeLessThanOrEqual(os.cpus().length - 1);
    expect(n).toBeGreaterThanOrEqual(-1 - os.loadavg()[0]);
  });
});

describe('CoreWatch', () => {
  test('while this thread works, counts the idle cores besides it: at most the other cores, from os.cpus() deltas', () => {
    const os = jest.requireActual<typeof import('os')>('os');
    const watch = new CoreWatch();
    let x = 0;
    while (watch.elapsedMs < 30) x += Math.sqrt(x + 1); // busy, as the reader is while it is watched
    expect(x).toBeGreaterThan(0);
    const n = watch.idleBesidesThisThread();
    expect(Number.isFinite(n)).toBe(true);
    expect(n).toBeLessThanOrEqual(os.cpus().length - 1);
    // From the counters at least 0; from the load average (counters that do not move) as low as the load says.
    expect(n).toBeGreaterThanOrEqual(Math.min(0, os.cpus().length - os.loadavg()[0]));
  });
});

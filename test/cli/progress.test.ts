import { ProgressBar, ProgressStream } from '../../lib/cli/output/progress';
import { formatProgress } from '../../lib/cli/output/progress-format';

/** A fake terminal (or pipe) that records every write, and a clock the test moves by hand. */
function fakes(isTTY: boolean, columns = 80) {
  const writes: string[] = [];
  const stream: ProgressStream = { isTTY, columns, write: (s: string) => writes.push(s) };
  const clock = { t: 0 };
  return { writes, stream, clock, now: () => clock.t };
}

describe('formatProgress', () => {
  test('shows the phase, a bar and a whole percent', () => {
    expect(formatProgress('matrix', 3, 8)).toBe('matrix   [#########---------------]  37%');
    expect(formatProgress('diff', 8, 8)).toBe('diff     [########################] 100%');
    expect(formatProgress('matrix', 0, 8)).toContain('   0%');
  });
  test('a phase without counts shows its name only', () => {
    expect(formatProgress('reading')).toBe('reading  ...');
    expect(formatProgress('building', 0, 0)).toBe('building ...');
  });
  test('never wider than the terminal (a wrapped line cannot be erased)', () => {
    expect(formatProgress('matrix', 1, 2, 20).length).toBe(19);
  });
});

describe('ProgressBar', () => {
  test('draws nothing when the stream is not a terminal', () => {
    const f = fakes(false);
    const bar = new ProgressBar(f.stream, { now: f.now });
    bar.phase('matrix');
    f.clock.t = 5000;
    bar.update(1, 2);
    bar.finish();
    expect(f.writes).toEqual([]);
  });

  test('draws nothing when disabled (--no-progress), even on a terminal', () => {
    const f = fakes(true);
    const bar = new ProgressBar(f.stream, { now: f.now, enabled: false });
    f.clock.t = 5000;
    bar.update(1, 2);
    bar.finish();
    expect(f.writes).toEqual([]);
  });

  test('nothing before one second: a quick run leaves no trace', () => {
    const f = fakes(true);
    const bar = new ProgressBar(f.stream, { now: f.now });
    bar.phase('reading');
    f.clock.t = 999;
    bar.update(5, 10);
    bar.finish();
    expect(f.writes).toEqual([]);
  });

  test('after one second it draws, throttled to one redraw per 100 ms, and finish erases the line', () => {
    const f = fakes(true);
    const bar = new ProgressBar(f.stream, { now: f.now });
    bar.phase('matrix');
    for (let i = 0; i <= 100; i++) {
      f.clock.t = 1000 + i * 10; // an update every 10 ms for one second
      bar.update(i, 100);
    }
    const draws = f.writes.filter((w) => w.includes('%'));
    expect(draws.length).toBeGreaterThanOrEqual(10);
    expect(draws.length).toBeLessThanOrEqual(11);
    expect(draws[0]).toBe('\r\x1b[Kmatrix   [------------------------]   0%');
    expect(draws[1]).toContain('  10%');
    bar.finish();
    expect(f.writes[f.writes.length - 1]).toBe('\r\x1b[K');
  });

  test('a new phase relabels the bar at once once it is up', () => {
    const f = fakes(true);
    const bar = new ProgressBar(f.stream, { now: f.now });
    bar.phase('reading');
    f.clock.t = 1500;
    bar.phase('building');
    f.clock.t = 1510;
    bar.phase('matrix');
    expect(f.writes).toEqual(['\r\x1b[Kbuilding ...', '\r\x1b[Kmatrix   ...']);
  });

  test('finish without a drawn bar writes nothing', () => {
    const f = fakes(true);
    const bar = new ProgressBar(f.stream, { now: f.now });
    bar.finish();
    expect(f.writes).toEqual([]);
  });
});

import { formatProgress } from './progress-format';

/** Where the bar is drawn: `process.stderr` or a fake in tests. */
export interface ProgressStream {
  /** Only a terminal gets a bar (a file or pipe would keep every redraw). */
  readonly isTTY?: boolean;
  /** Terminal width. */
  readonly columns?: number;
  write(text: string): unknown;
}

/** Options of {@link ProgressBar}. */
export interface ProgressBarOptions {
  /**
   * False draws nothing (`--no-progress`).
   * @default true
   */
  readonly enabled?: boolean;
  /**
   * Milliseconds clock.
   * @default Date.now
   */
  readonly now?: () => number;
  /**
   * Nothing is drawn before the run has lasted this long: quick runs print nothing.
   * @default 1000
   */
  readonly delayMs?: number;
  /**
   * Minimum time between two redraws (100 ms: at most 10 a second).
   * @default 100
   */
  readonly intervalMs?: number;
}

/** Erase the current line: carriage return, then ANSI EL (erase to end of line). */
const CLEAR_LINE = '\r\x1b[K';

/**
 * A one-line progress bar on a terminal: silent when the stream is not a TTY, for the first second, and when disabled;
 * redraws throttled; {@link ProgressBar.finish} erases it so the terminal shows only the command's own output.
 */
export class ProgressBar {
  private readonly active: boolean;
  private readonly now: () => number;
  private readonly startedAt: number;
  private readonly delayMs: number;
  private readonly intervalMs: number;
  private phaseName = '';
  private lastDrawAt = -Infinity;
  private lastText = '';
  private drawn = false;

  constructor(
    private readonly stream: ProgressStream,
    options: ProgressBarOptions = {},
  ) {
    this.active = (options.enabled ?? true) && stream.isTTY === true;
    this.now = options.now ?? Date.now;
    this.startedAt = this.now();
    this.delayMs = options.delayMs ?? 1000;
    this.intervalMs = options.intervalMs ?? 100;
  }

  /** Starts a phase (`reading`, `building`, `matrix`, `diff`); its percent is unknown until {@link update}. */
  phase(name: string): void {
    this.phaseName = name;
    this.draw(formatProgress(name, undefined, undefined, this.columns()), true);
  }

  /** `done` of `total` units of the current phase; a callback for the engine's `onProgress`. */
  update(done: number, total: number): void {
    this.draw(formatProgress(this.phaseName, done, total, this.columns()), false);
  }

  /** Erases the bar if one was drawn. Call it before writing the command's output, and on errors. */
  finish(): void {
    if (this.drawn) this.stream.write(CLEAR_LINE);
    this.drawn = false;
  }

  private columns(): number {
    return this.stream.columns && this.stream.columns > 0 ? this.stream.columns : 80;
  }

  private draw(text: string, phaseChange: boolean): void {
    if (!this.active) return;
    const t = this.now();
    if (t - this.startedAt < this.delayMs) return;
    // A phase change may redraw early only once the bar is up, so the label is never stale; updates are throttled.
    if (text === this.lastText || (t - this.lastDrawAt < this.intervalMs && !(phaseChange && this.drawn))) return;
    this.stream.write(CLEAR_LINE + text);
    this.lastDrawAt = t;
    this.lastText = text;
    this.drawn = true;
  }
}

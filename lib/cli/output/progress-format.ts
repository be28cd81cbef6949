/**
 * The text of the progress line `matrix`, `diff` and other long runs draw on a terminal's standard error. Pure: the
 * writer (progress.ts) decides when and where to draw it.
 */

/** Width of the bar between the brackets. */
const BAR_WIDTH = 24;

/**
 * One progress line: the phase, then, when the total is known, a bar and a whole percent; otherwise the phase alone
 * with an ellipsis (reading and building report no counts). `columns` caps the width so the line never wraps (a
 * wrapped line cannot be cleared with one carriage return).
 */
export function formatProgress(phase: string, done?: number, total?: number, columns = 80): string {
  const label = phase.padEnd(8);
  let line: string;
  if (total === undefined || done === undefined || !(total > 0)) {
    line = `${label} ...`;
  } else {
    const fraction = Math.min(1, Math.max(0, done / total));
    const filled = Math.floor(fraction * BAR_WIDTH);
    const percent = String(Math.floor(fraction * 100)).padStart(3);
    line = `${label} [${'#'.repeat(filled)}${'-'.repeat(BAR_WIDTH - filled)}] ${percent}%`;
  }
  return line.length >= columns ? line.slice(0, Math.max(0, columns - 1)) : line;
}

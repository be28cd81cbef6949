/** Errors raised by the selector module. */
import { boundaryError, guardErrorDetail } from '../model/primitives/guard';

const MAX_SELECTOR_IN_MESSAGE = 200;
const MAX_FOUND_IN_MESSAGE = 40;

/**
 * Thrown by `Selector.parse` for any text Calico's selector parser rejects.
 *
 * The message reads `[Selector.parse] text: invalid selector "<text>": <reason> at offset <n> (<what was found>); fix:
 * <hint>`, the library's format for bad input, and carries its parts so that a construct re-homes it under its path and
 * prop.
 *
 * TypeScript only: jsii has no Error subclasses, so the class stays outside the jsii assembly (other languages see
 * the message of the error `Selector.parse` throws).
 * @jsii ignore
 */
export class SelectorSyntaxError extends Error {
  /** The full selector text that failed to parse. */
  readonly selector: string;
  /** Zero-based offset (UTF-16 code units) in {@link selector} where the problem was detected. */
  readonly offset: number;
  /** Short description of the problem, close to upstream's error text (e.g. `unexpected token`). */
  readonly reason: string;
  /** How to fix the selector. */
  readonly hint: string;

  /**
   * @param selector the text being parsed
   * @param offset where the problem was detected
   * @param end end (exclusive) of the offending text, used to show what was found
   * @param reason short description of the problem
   * @param hint how to fix it
   */
  constructor(selector: string, offset: number, end: number, reason: string, hint: string) {
    const detail = `invalid selector ${quoteSelector(selector)}: ${reason} at offset ${offset} (${describeFound(selector, offset, end)}); fix: ${hint}`;
    const parts = boundaryError('Selector.parse', 'text', detail);
    super(parts.message);
    // Same structure as the guard module's errors, so withField() can re-home it (`[Test/Pool] selector: ...`).
    Object.defineProperty(this, Symbol.for('cdk8s-calico.guard-detail'), {
      value: guardErrorDetail(parts),
      enumerable: false,
    });
    this.name = 'SelectorSyntaxError';
    this.selector = selector;
    this.offset = offset;
    this.reason = reason;
    this.hint = hint;
  }
}

function quoteSelector(text: string): string {
  const shown = text.length > MAX_SELECTOR_IN_MESSAGE ? `${text.slice(0, MAX_SELECTOR_IN_MESSAGE)}…` : text;
  return JSON.stringify(shown);
}

/** `'<text>'` for the offending slice (control characters escaped), or `end of input`. */
export function describeFound(text: string, start: number, end: number): string {
  if (start >= text.length) return 'end of input';
  const stop = Math.min(Math.max(end, start + 1), text.length, start + MAX_FOUND_IN_MESSAGE);
  const more = stop < Math.max(end, start + 1) ? '…' : '';
  return `'${escapeControl(text.slice(start, stop))}${more}'`;
}

/** Escapes control and other invisible characters so that messages stay on one line. */
export function escapeControl(s: string): string {
  return s.replace(/[\u0000-\u001f\u007f-\u009f\u00a0\u2028\u2029\ufeff]/g, (c) => {
    switch (c) {
      case '\n':
        return '\\n';
      case '\r':
        return '\\r';
      case '\t':
        return '\\t';
      default:
        return `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;
    }
  });
}

/**
 * Best-effort check that a pattern compiles as a Go (RE2) regular expression, using the JavaScript engine after
 * mapping RE2-only syntax to equivalents and rejecting constructs RE2 does not support (look-around,
 * back-references, repeat counts over 1000).
 */

/** Reason the pattern is not a valid Go regexp, or undefined if it is (best effort). */
export function goRegexError(pattern: string): string | undefined {
  if (/\(\?<?[=!]/.test(pattern)) return 'look-around assertions are not supported by Go regexp (RE2)';
  if (/(^|[^\\])(\\\\)*\\[1-9]/.test(pattern)) return 'back-references are not supported by Go regexp (RE2)';
  for (const m of pattern.matchAll(/\{(\d+)(?:,(\d*))?\}/g)) {
    if (Number(m[1]) > 1000 || (m[2] !== undefined && m[2] !== '' && Number(m[2]) > 1000)) {
      return 'repeat count must be at most 1000 in Go regexp';
    }
  }
  const js = pattern
    // \Q...\E literal text
    .replace(/\\Q([\s\S]*?)(\\E|$)/g, (_m, lit: string) => lit.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    // named groups (?P<name>...) → (?<name>...)
    .replace(/\(\?P</g, '(?<')
    // flag groups (?i) / (?i:...) / (?-s:...)
    .replace(/\(\?[imsU-]+\)/g, '')
    .replace(/\(\?[imsU-]+:/g, '(?:')
    // \A, \z anchors
    .replace(/\\A/g, '^')
    .replace(/\\z/g, '$')
    // ASCII classes [[:alpha:]] and Unicode classes \pL / \p{Greek}
    .replace(/\[:\^?[a-z]+:\]/g, 'a')
    .replace(/\\[pP](\{[A-Za-z_]+\}|[A-Za-z])/g, 'a');
  // JS treats a lone "{" literally where RE2 does too; nothing to map.
  try {
    new RegExp(js);
  } catch (e) {
    return e instanceof Error ? e.message.replace(/^Invalid regular expression: /, '') : String(e);
  }
  return undefined;
}

/** True if the pattern compiles as a Go (RE2) regexp (best effort). */
export function isGoRegex(pattern: unknown): boolean {
  return typeof pattern === 'string' && goRegexError(pattern) === undefined;
}

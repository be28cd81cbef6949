/**
 * String ordering that matches Go's `<` on strings (UTF-8 byte order, i.e. Unicode code-point
 * order), which upstream uses to sort set members. JavaScript's default order compares UTF-16 code
 * units and differs for characters above U+FFFF versus U+E000–U+FFFF.
 */

/** Maps a UTF-16 code unit so that code-unit order equals code-point order. */
function rank(unit: number): number {
  if (unit >= 0xe000) return unit - 0x800;
  if (unit >= 0xd800) return unit + 0x2000;
  return unit;
}

/** Compares two strings in Unicode code-point order (Go string order). */
export function compareCodePoints(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x !== y) return rank(x) - rank(y);
  }
  return a.length - b.length;
}

/** Returns the values sorted in Go string order with duplicates removed (upstream `ConvertToStringSetInPlace`). */
export function sortedUnique(values: readonly string[]): string[] {
  const sorted = [...values].sort(compareCodePoints);
  const out: string[] = [];
  for (const v of sorted) {
    if (out.length === 0 || out[out.length - 1] !== v) out.push(v);
  }
  return out;
}

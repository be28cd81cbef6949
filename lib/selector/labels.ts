/**
 * Label-key and value rules of Calico's selector language (libcalico-go `selector/tokenizer`).
 *
 * A label key is 1–512 characters from `[A-Za-z0-9_./-]` (upstream `identifierChar` and
 * `MaxLabelLength`). A value is any string that can be written as a quoted literal: Calico strings
 * have no escape sequences, so a value may contain `'` or `"` but not both.
 */

/** Maximum length of a label key accepted by Calico's selector tokenizer (`MaxLabelLength`). */
export const MAX_LABEL_KEY_LENGTH = 512;

/** True when the UTF-16 code unit may appear in a label key: `A-Z a-z 0-9 _ . / -`. */
export function isLabelKeyChar(code: number): boolean {
  return (
    (code >= 0x61 && code <= 0x7a) || // a-z
    (code >= 0x41 && code <= 0x5a) || // A-Z
    (code >= 0x30 && code <= 0x39) || // 0-9
    code === 0x5f || // _
    code === 0x2e || // .
    code === 0x2f || // /
    code === 0x2d // -
  );
}

/** Index just past the run of label-key characters that starts at `from`. */
export function scanLabelKey(text: string, from: number): number {
  let i = from;
  while (i < text.length && isLabelKeyChar(text.charCodeAt(i))) i++;
  return i;
}

/** Why `key` is not a valid selector label key, or `undefined` when it is valid. */
export function labelKeyProblem(key: string): string | undefined {
  if (key.length === 0) return 'it is empty';
  const end = scanLabelKey(key, 0);
  if (end < key.length) {
    return `it contains ${JSON.stringify(key[end])} at index ${end}`;
  }
  if (key.length > MAX_LABEL_KEY_LENGTH) {
    return `it is ${key.length} characters long (the limit is ${MAX_LABEL_KEY_LENGTH})`;
  }
  return undefined;
}

/** Why `value` cannot be written as a selector string literal, or `undefined` when it can. */
export function valueProblem(value: string): string | undefined {
  if (value.includes('"') && value.includes("'")) {
    return 'it contains both \' and " and selector strings have no escape sequences';
  }
  return undefined;
}

/**
 * Renders a value as Calico's `String()` does: double-quoted unless it contains `"`, in which case
 * single-quoted. The value must satisfy {@link valueProblem}.
 */
export function quoteValue(value: string): string {
  return value.includes('"') ? `'${value}'` : `"${value}"`;
}

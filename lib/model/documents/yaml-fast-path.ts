/**
 * A fast path for the plain block YAML that manifests are made of (block mappings and sequences, one-line scalars and
 * one-line flow collections), about ten times faster than the `yaml` package's parseAllDocuments and without its
 * document model. It answers exactly what `yaml` answers with `{ version: '1.1' }`: plain scalars are resolved by
 * the `yaml` package's own YAML 1.1 schema tags (the test-then-resolve of its `findScalarTagByTest`), so `yes`,
 * `0777`, `1:20` and `2001-12-14` mean what they meant before. Anything else (anchors, aliases, tags, block and
 * multi-line scalars, escapes, merge keys, complex keys, duplicate keys, tabs, odd indentation, errors) makes it
 * decline, and the caller parses that document with the `yaml` package, which also words every error.
 */
import { Document, isScalar } from 'yaml';

/** Thrown (and caught by the caller) when a document is outside the subset this parser answers exactly. */
export class Decline extends Error {}

interface ScalarTag {
  readonly default?: boolean | 'key';
  readonly test?: RegExp;
  resolve(value: string, onError: (msg: string) => void, options: unknown): unknown;
}

// The YAML 1.1 schema of the `yaml` package, taken from a document so it is the very schema parseAllDocuments uses.
const DOC = new Document(null, { version: '1.1' });
const TAGS = (DOC.schema.tags as unknown as ScalarTag[]).filter((t) => t.default === true && t.test);
const OPTIONS = (DOC as unknown as { options: unknown }).options;
const STR_TAG = 'tag:yaml.org,2002:str';

const decline = (): never => {
  throw new Decline();
};

// First chars of every plain scalar a YAML 1.1 tag other than str matches (null, bool, int, float, timestamp: see
// the tests of the `yaml` package's yaml-1.1 schema); any other first char is a string, without trying the tags.
const MAY_RESOLVE = new Set('~NnYyTtFfOoEe-+.0123456789');
// A plain scalar from e/E that the EXP float tag (`^[-+]?(?:[0-9][0-9_]*)?(?:\.[0-9_]*)?[eE][-+]?[0-9]+$`) matches.
const EXPONENT_ONLY = /^[eE][-+]?[0-9]+$/;
// The words the null and bool tags match (`^(?:~|[Nn]ull|NULL)?$`, `^(?:Y|y|[Yy]es|YES|[Tt]rue|TRUE|[Oo]n|ON)$`,
// `^(?:N|n|[Nn]o|NO|[Ff]alse|FALSE|[Oo]ff|OFF)$`).
const NULL_BOOL_WORDS = new Set([
  'null',
  'Null',
  'NULL',
  'Y',
  'y',
  'yes',
  'Yes',
  'YES',
  'true',
  'True',
  'TRUE',
  'on',
  'On',
  'ON',
  'N',
  'n',
  'no',
  'No',
  'NO',
  'false',
  'False',
  'FALSE',
  'off',
  'Off',
  'OFF',
]);
const DECIMAL = /^(?:0|[1-9][0-9]{0,14})$/;

/** A plain scalar as the `yaml` package resolves it (`compose-scalar.js` findScalarTagByTest, then `tag.resolve`). */
function resolvePlain(text: string): unknown {
  if (text.length > 0 && !MAY_RESOLVE.has(text[0])) return text;
  // From a letter, the 1.1 tags match only the null and bool words and, from e/E, an exponent (`e3`, the EXP float):
  // other words (`name`, `node-1`, `TCP`) are strings without the tag loop.
  const c = text.charCodeAt(0);
  if (c >= 65 && c !== 126 /* ~ */ && (c === 69 || c === 101 ? !EXPONENT_ONLY.test(text) : !NULL_BOOL_WORDS.has(text)))
    return text;
  // A plain decimal the int tag takes (`^[-+]?[0-9][0-9_]*$`, no earlier tag matches it), within exact integers.
  if (DECIMAL.test(text)) return Number(text);
  // No 1.1 tag allows a `/` or more than one `.`: CIDRs and IP addresses are strings.
  const dot = text.indexOf('.');
  if (text.includes('/') || (dot >= 0 && text.indexOf('.', dot + 1) >= 0)) return text;
  for (const tag of TAGS) {
    if (!tag.test!.test(text)) continue;
    if ((tag as unknown as { tag: string }).tag === STR_TAG) return text;
    let failed = false;
    let value = tag.resolve(text, () => (failed = true), OPTIONS);
    // Some tags resolve to a Scalar node (`yes`, `~`, `.5`); composeScalar keeps it, and toJSON reads its value.
    if (isScalar(value)) value = value.value;
    // Dates (timestamps) and other objects: leave them to the `yaml` package's toJSON.
    if (failed || (value !== null && typeof value === 'object') || typeof value === 'bigint') decline();
    return value;
  }
  return text;
}

/**
 * A mapping key as the `yaml` package's `toJS` names it: a plain key that resolves to a number or a boolean becomes
 * `String(value)` (its `stringifyKey`), so `.: {}` in a kubectl export's managedFields is `NaN` under YAML 1.1, as
 * the slow path reads it; other non-strings (null, timestamps) decline, and so do `<<` (a merge) and `__proto__`.
 */
function plainKey(text: string): string {
  if (text === '' || text === '<<' || text === '__proto__') decline();
  const value = resolvePlain(text);
  if (value === text) return text;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return decline();
}

// Chars that may not start a plain scalar here (YAML 1.2 c-indicator, with `?` and `:`); `-` is checked apart.
const INDICATOR = /^[,[\]{}#&*!|>'"%@`?:]/;
const INDICATOR_CODES = new Uint8Array(128);
for (const ch of ',[]{}#&*!|>\'"%@`?:') INDICATOR_CODES[ch.charCodeAt(0)] = 1;

/** True when a plain scalar cannot start `text`: an indicator, or `-` followed by a space or nothing. */
function startsBadly(text: string): boolean {
  const c = text.charCodeAt(0);
  if (c < 128 && INDICATOR_CODES[c] === 1) return true;
  return c === 45 && (text.length === 1 || text.charCodeAt(1) === 32);
}
// A document this parser cannot take at all: tabs, CR, BOM, control chars, YAML 1.1 line breaks.
const UNSUPPORTED = /[\t\r\ufeff\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029]/;

interface Line {
  indent: number;
  text: string;
}

/** Parses one document's text (no `---` or directive lines); `null` for a document of comments only. */
export function parseFastDocument(src: string): unknown {
  if (UNSUPPORTED.test(src)) decline();
  // The lines with content, found with indexOf rather than split: one string per line instead of two.
  const lines: Line[] = [];
  const n = src.length;
  for (let pos = 0; pos < n;) {
    let eol = src.indexOf('\n', pos);
    if (eol < 0) eol = n;
    let start = pos;
    while (start < eol && src.charCodeAt(start) === 32) start++;
    if (start < eol && src.charCodeAt(start) !== 35 /* # */) {
      let end = eol;
      while (src.charCodeAt(end - 1) === 32) end--; // trailing spaces (a content char is at `start`)
      lines.push({ indent: start - pos, text: src.slice(start, end) });
    }
    pos = eol + 1;
  }
  if (lines.length === 0) return null;
  if (lines.length === 1 && (lines[0].text[0] === '{' || lines[0].text[0] === '[')) {
    // A one-line flow document, such as minified JSON (`kubectl get -o json | jq -c`).
    const f = new Flow(stripComment(lines[0].text));
    const value = f.node();
    if (f.j !== f.length) decline();
    return value;
  }
  const p = new Parser(lines);
  const value = p.block(lines[0].indent);
  if (p.i !== lines.length) decline();
  if (value === null || typeof value !== 'object') decline(); // a document that is a bare scalar
  return value;
}

class Parser {
  i = 0;
  constructor(private readonly lines: Line[]) {}

  /** A block node whose first line is the current one, at exactly `indent`. */
  block(indent: number): unknown {
    const line = this.lines[this.i];
    if (line.indent !== indent) decline();
    return isSeqEntry(line.text) ? this.seq(indent) : this.map(indent);
  }

  /** What follows `key:` or `-` with nothing after it on the line: a nested block, or null. */
  private nested(indent: number, seqAllowedAtIndent: boolean): unknown {
    const next = this.lines[this.i];
    if (next === undefined) return null;
    if (next.indent > indent) return this.block(next.indent);
    if (seqAllowedAtIndent && next.indent === indent && isSeqEntry(next.text)) return this.seq(indent);
    return null;
  }

  /** After an inline value: a more indented line would continue a multi-line scalar (declined). */
  private endOfEntry(indent: number): void {
    const next = this.lines[this.i];
    if (next !== undefined && next.indent > indent) decline();
  }

  private map(indent: number): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    while (this.i < this.lines.length) {
      const line = this.lines[this.i];
      if (line.indent < indent) break;
      if (line.indent > indent || isSeqEntry(line.text)) decline();
      const { key, rest } = splitKey(line.text);
      if (Object.prototype.hasOwnProperty.call(out, key)) decline(); // the `yaml` package words the error
      this.i++;
      if (rest === '') {
        out[key] = this.nested(indent, true);
      } else {
        out[key] = inlineValue(rest);
        this.endOfEntry(indent);
      }
    }
    return out;
  }

  private seq(indent: number): unknown[] {
    const out: unknown[] = [];
    while (this.i < this.lines.length) {
      const line = this.lines[this.i];
      // A line at `indent` that is no entry ends a sequence that is a mapping's value (`key:` then `- a` lines).
      if (line.indent < indent || (line.indent === indent && !isSeqEntry(line.text))) break;
      if (line.indent > indent) decline();
      let col = 1;
      while (line.text.charCodeAt(col) === 32) col++;
      const rest = stripComment(line.text.slice(col));
      if (rest === '') {
        this.i++;
        out.push(this.nested(indent, false));
      } else if (isSeqEntry(rest)) {
        decline(); // `- - a`
      } else if (isMapEntry(rest)) {
        // `- key: value`: a mapping whose entries are at the column of its first key.
        this.lines[this.i] = { indent: indent + col, text: rest };
        out.push(this.map(indent + col));
      } else {
        this.i++;
        out.push(inlineValue(rest));
        this.endOfEntry(indent);
      }
    }
    return out;
  }
}

/**
 * `text` without its trailing spaces. YAML's white space is the space and the tab (tabs are declined before), so a
 * no-break or ideographic space before them is content: String#trimEnd would drop it, and `a: x\u00a0 ` would read
 * as `x`, not as the `yaml` package's `x\u00a0`.
 */
function trimSpacesEnd(text: string): string {
  let end = text.length;
  while (end > 0 && text.charCodeAt(end - 1) === 32) end--;
  return end === text.length ? text : text.slice(0, end);
}

/** `text` without its leading spaces (see {@link trimSpacesEnd}). */
function trimSpacesStart(text: string): string {
  let start = 0;
  while (text.charCodeAt(start) === 32) start++;
  return start === 0 ? text : text.slice(start);
}

function isSeqEntry(text: string): boolean {
  return text.charCodeAt(0) === 45 /* - */ && (text.length === 1 || text.charCodeAt(1) === 32);
}

/** Drops a trailing ` # comment` from text outside quotes (the caller declines quotes it cannot see through). */
function stripComment(text: string): string {
  const c = text.charCodeAt(0);
  if (c === 35) return '';
  // A comment starts after a leading quoted scalar (`"a # b" # comment`); `quotedEnd` is -1 when it does not close.
  const from = c === 34 || c === 39 ? Math.max(0, quotedEnd(text, 0)) : 0;
  const hash = text.indexOf(' #', from);
  return hash < 0 ? text : trimSpacesEnd(text.slice(0, hash));
}

function isMapEntry(text: string): boolean {
  const c = text.charCodeAt(0);
  if (c === 34 || c === 39) {
    const end = quotedEnd(text, 0);
    return end > 0 && text.charCodeAt(end) === 58; /* : */
  }
  if (c === 91 || c === 123) return false; // flow collection
  return keyColon(text) >= 0;
}

/** Index of the `:` that ends a plain key (followed by a space or the end), or -1. */
function keyColon(text: string): number {
  for (let j = text.indexOf(':'); j >= 0; j = text.indexOf(':', j + 1)) {
    if (j + 1 === text.length || text.charCodeAt(j + 1) === 32) return j;
  }
  return -1;
}

/** Index just after the closing quote of the quoted scalar opening at `start` (on this line), or -1. */
function quotedEnd(text: string, start: number): number {
  const q = text[start];
  for (let j = start + 1; j < text.length; j++) {
    if (q === '"' && text[j] === '\\') {
      j++; // an escaped char, `\"` included
      continue;
    }
    if (text[j] !== q) continue;
    if (q === "'" && text[j + 1] === "'") {
      j++;
      continue;
    }
    return j + 1;
  }
  return -1;
}

/**
 * The value of a one-line quoted scalar. Double-quoted escapes that JSON shares with YAML (`\"`, `\\`, `\/`, `\b`,
 * `\f`, `\n`, `\r`, `\t`, `\uXXXX`) mean the same in both, so JSON.parse reads them; YAML-only escapes (`\x41`, `\e`,
 * `\N`, ...) make JSON.parse throw, and the document goes to the `yaml` package.
 */
function unquote(text: string): string {
  const inner = text.slice(1, -1);
  if (text[0] === "'") return inner.replace(/''/g, "'");
  if (!inner.includes('\\')) return inner;
  try {
    return JSON.parse(text) as string;
  } catch {
    return decline();
  }
}

function splitKey(text: string): { key: string; rest: string } {
  const c = text.charCodeAt(0);
  let key: string;
  let after: number;
  if (c === 34 || c === 39) {
    const end = quotedEnd(text, 0);
    if (end < 0 || text.charCodeAt(end) !== 58) decline();
    key = unquote(text.slice(0, end));
    if (key === '__proto__') decline();
    after = end + 1;
  } else {
    const colon = keyColon(text);
    if (colon < 0 || startsBadly(text)) decline();
    const raw = text.slice(0, colon);
    if (raw.charCodeAt(raw.length - 1) === 32 || raw.includes(' #')) decline();
    key = plainKey(raw);
    after = colon + 1;
  }
  if (after < text.length && text.charCodeAt(after) !== 32) decline();
  return { key, rest: stripComment(trimSpacesStart(text.slice(after))) };
}

/** A value on the rest of a line: a quoted or plain scalar, or a one-line flow collection. */
function inlineValue(text: string): unknown {
  const c = text.charCodeAt(0);
  if (c === 34 || c === 39) {
    const end = quotedEnd(text, 0);
    if (end !== text.length) decline(); // unclosed (multi-line), or something after the closing quote
    return unquote(text);
  }
  if (c === 91 || c === 123) {
    const f = new Flow(text);
    const value = f.node();
    if (f.j !== text.length) decline();
    return value;
  }
  if (startsBadly(text) || keyColon(text) >= 0) decline();
  return resolvePlain(text);
}

/** A flow collection on one line (`[a, "b", {c: d}]`). */
class Flow {
  j = 0;
  constructor(private readonly s: string) {}

  get length(): number {
    return this.s.length;
  }

  private spaces(): void {
    while (this.s.charCodeAt(this.j) === 32) this.j++;
  }

  node(): unknown {
    this.spaces();
    const c = this.s[this.j];
    if (c === '[' || c === '{') {
      const v = c === '[' ? this.seq() : this.map();
      this.spaces();
      return v;
    }
    if (c === '"' || c === "'") {
      const end = quotedEnd(this.s, this.j);
      if (end < 0) decline();
      const v = unquote(this.s.slice(this.j, end));
      this.j = end;
      this.spaces();
      return v;
    }
    return resolvePlain(this.plain());
  }

  /** A plain scalar in flow context: up to `,`, `]` or `}`; anything subtler declines. */
  private plain(): string {
    const start = this.j;
    while (this.j < this.s.length && !',]}'.includes(this.s[this.j])) this.j++;
    const text = trimSpacesEnd(this.s.slice(start, this.j));
    if (text === '' || INDICATOR.test(text) || /^[-?:](\s|$)/.test(text) || /[[{#]|:(\s|$)/.test(text)) decline();
    return text;
  }

  private seq(): unknown[] {
    const out: unknown[] = [];
    this.j++;
    this.spaces();
    if (this.s[this.j] === ']') {
      this.j++;
      return out;
    }
    for (;;) {
      out.push(this.node());
      const c = this.s[this.j++];
      if (c === ']') return out;
      if (c !== ',') decline();
      this.spaces();
      if (this.s[this.j] === ']') decline(); // trailing comma
    }
  }

  private map(): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    this.j++;
    this.spaces();
    if (this.s[this.j] === '}') {
      this.j++;
      return out;
    }
    for (;;) {
      const key = this.key();
      if (Object.prototype.hasOwnProperty.call(out, key)) decline();
      out[key] = this.node();
      const c = this.s[this.j++];
      if (c === '}') return out;
      if (c !== ',') decline();
      this.spaces();
      if (this.s[this.j] === '}') decline();
    }
  }

  /** `key: ` (a space after the colon required here), quoted or plain. */
  private key(): string {
    let key: string;
    const c = this.s[this.j];
    if (c === '"' || c === "'") {
      const end = quotedEnd(this.s, this.j);
      if (end < 0) decline();
      key = unquote(this.s.slice(this.j, end));
      if (key === '__proto__') decline();
      this.j = end;
    } else {
      const start = this.j;
      while (this.j < this.s.length && !':,[]{}#'.includes(this.s[this.j])) this.j++;
      key = plainKey(this.s.slice(start, this.j));
      if (key !== key.trim() || INDICATOR.test(key) || /^[-?](\s|$)/.test(key)) decline();
    }
    // `key: value`; after a quoted key the value may follow the colon at once (`{"a":1}`, YAML 1.2 §7.4 JSON-like
    // keys).
    if (this.s[this.j] !== ':' || (this.s[this.j + 1] !== ' ' && !(c === '"' || c === "'"))) decline();
    this.j += 1;
    return key;
  }
}

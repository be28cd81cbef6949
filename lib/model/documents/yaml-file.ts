import * as fs from 'fs';
import { parseAllDocuments } from 'yaml';
import { Decline, parseFastDocument } from './yaml-fast-path';

/**
 * Parses every document of a YAML (or JSON) text with YAML 1.1 rules, as cdk8s writes them. Empty documents are
 * dropped. (cdk8s' own `Yaml.load` reads each file through a child process: about 100 ms a file.)
 * @throws Error with the parser's first message when the text is not valid YAML
 */
export function parseYamlDocuments(text: string): any[] {
  return [...yamlDocuments(text)];
}

// A document start marker: `---` alone on its line, or followed by a space, a tab or a comment (YAML 1.2 §9.1.2).
const MARKER = /^---(?=[ \t]|$)/gm;
// Directives and document end markers change how the following documents read: such streams are read whole.
const STREAM_SYNTAX = /^(?:%|\.\.\.(?:[ \t]|$))/m;

/**
 * A share of a text's documents, for reading a file in several threads at once: the documents from the fraction
 * `from` of their count up to (not including) the fraction `to`, e.g. `{ from: 0, to: 0.5 }` for the first half.
 */
export interface DocumentPart {
  /** Where the share starts, 0 to 1. */
  readonly from: number;
  /** Where it ends, 0 to 1. */
  readonly to: number;
}

/**
 * Where the document a generator has just yielded starts: filled by {@link yamlDocuments} before each document, so a
 * caller that wants to point at a document later (the CLI's file:line:column) keeps one number per document and
 * nothing else. Reading the offset costs nothing; the line and column are worked out only for documents that need them.
 */
export interface DocumentCursor {
  /** Offset in the text of the document's chunk: its `---` line, or its first line. */
  offset: number;
}

/**
 * The documents of a YAML text one by one, so a caller may drop each once done with it. Documents are split on
 * their `---` lines (in YAML no document can hold such a line, so each reads alone just as inside the stream) and
 * read by the fast path ({@link parseFastDocument}); a document outside its subset is read by the `yaml` package,
 * with the line numbers of its errors counted from the start of the text. Empty documents are skipped.
 * @param part only this share of the documents (split on the `---` lines; a stream with directives or `...` markers
 *   is one share, read by the share from 0); all documents by default
 * @throws Error with the parser's first message (line and column in the whole text) when a document is not valid YAML
 */
export function yamlDocuments(text: string, part?: DocumentPart, at?: DocumentCursor): Generator<any> {
  return yamlTextDocuments(prepareYamlText(text), part, at);
}

/**
 * A YAML text with where its documents start found once, so it can be read share by share (many small shares, taken
 * by two threads as each becomes free) without scanning the whole text for each share.
 */
export interface PreparedYamlText {
  readonly text: string;
  /** The offsets of the documents' chunks; undefined for a stream with directives or `...` markers (read whole). */
  readonly starts?: readonly number[];
  /**
   * How far lines are counted (an offset, and the lines before it), kept across shares: a thread reads its shares in
   * document order, so the lines before each are counted once, not from the start of the text for every share.
   */
  readonly counted: { at: number; lines: number };
}

/** Finds where the documents of `text` start (one scan of the text). */
export function prepareYamlText(text: string): PreparedYamlText {
  const counted = { at: 0, lines: 0 };
  if (STREAM_SYNTAX.test(text)) return { text, counted };
  const starts: number[] = [];
  for (MARKER.lastIndex = 0; MARKER.exec(text) !== null;) starts.push(MARKER.lastIndex - 3);
  if (starts[0] !== 0) starts.unshift(0);
  return { text, starts, counted };
}

/** {@link yamlDocuments} of a prepared text. */
export function* yamlTextDocuments(
  prepared: PreparedYamlText,
  part?: DocumentPart,
  at?: DocumentCursor,
): Generator<any> {
  const { text, starts } = prepared;
  if (!starts) {
    // One share holds the whole stream; the others are empty (and do not scan the text again).
    if (part && part.from > 0) return;
    assertYamlNesting(text);
    yield* viaYamlPackage(text, 0, 0, at);
    return;
  }
  // Per chunk a plain function, not a nested generator: 300,000 generator objects cost more than the parse.
  // Lines before a chunk are counted only when a chunk goes to the `yaml` package or is checked for nesting (their
  // errors need them), from where the last count stopped (shares come in document order; else from the start).
  const counted = prepared.counted;
  const lineOf = (pos: number): number => {
    if (pos < counted.at) {
      counted.at = 0;
      counted.lines = 0;
    }
    counted.lines += countLines(text.slice(counted.at, pos));
    counted.at = pos;
    return counted.lines;
  };
  const first = part ? Math.floor(starts.length * part.from) : 0;
  const last = part && part.to < 1 ? Math.floor(starts.length * part.to) : starts.length;
  for (let k = first; k < last; k++) {
    const start = starts[k];
    const end = k + 1 < starts.length ? starts[k + 1] : text.length;
    const chunk = text.slice(start, end);
    if (chunk.length > MAX_YAML_NESTING) assertYamlNesting(chunk, lineOf(start));
    const fast = fastChunk(chunk);
    if (fast === DECLINED) {
      yield* viaYamlPackage(chunk, lineOf(start), start, at);
    } else if (fast !== null) {
      if (at) at.offset = start;
      yield fast;
    }
  }
}

/** The document of a chunk by the fast path: its value, null when empty, or DECLINED. */
function fastChunk(chunk: string): unknown {
  if (!chunk.startsWith('---')) return tryFast(chunk);
  const eol = chunk.indexOf('\n');
  // Space and tab only: a no-break space there is content, which the `yaml` package reads (String#trim would drop it).
  const head = (eol < 0 ? chunk : chunk.slice(0, eol)).slice(3).replace(/^[ \t]+|[ \t]+$/g, '');
  // `--- {a: 1}` or `--- !tag` have content on the marker line: the `yaml` package reads those.
  return head === '' || head.startsWith('#') ? tryFast(eol < 0 ? '' : chunk.slice(eol + 1)) : DECLINED;
}

const DECLINED = Symbol('declined');

/**
 * The deepest nesting read. Both parsers recurse per level, and a stack overflow that lands inside V8's regexp
 * compiler aborts the whole process ("RegExpCompiler Allocation failed") instead of throwing, so deeper input is
 * refused before either parser sees it. No manifest nests more than a few dozen levels; go-yaml, which kubectl uses,
 * refuses 10,000 (gopkg.in/yaml.v3 decode.go, "exceeded max depth").
 */
export const MAX_YAML_NESTING = 1000;

/**
 * Throws when `text` nests flow collections (`[`, `{`) or compact sequences (`- - -`) deeper than
 * {@link MAX_YAML_NESTING}. Quoted scalars and comments inside flow collections are skipped; in block context a
 * bracket counts only where a flow collection can start (after `:`, `-`, `?`, `,` or at the start of a line).
 * @param firstLine the line of the text's start in the whole file, for the message
 */
export function assertYamlNesting(text: string, firstLine = 0): void {
  // A text shorter than the limit cannot nest deeper than it: almost every manifest returns here at once.
  if (text.length <= MAX_YAML_NESTING) return;
  let flow = 0; // open flow collections (they span lines)
  let compact = 0; // `- ` entries opened at the start of the current line (`- - - a`)
  let atLineStart = true; // only `- ` and white space seen on this line so far
  let prev = '\n';
  let line = firstLine + 1;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '\n') {
      line++;
      compact = 0;
      atLineStart = true;
      prev = c;
      continue;
    }
    if (c === ' ' || c === '\t' || c === '\r') continue;
    if (c === '#' && /\s/.test(text[i - 1] ?? '\n')) {
      while (i + 1 < text.length && text[i + 1] !== '\n') i++;
      continue;
    }
    if (flow > 0 && (c === '"' || c === "'")) {
      i = skipQuoted(text, i);
    } else if (c === '-' && flow === 0 && atLineStart && /[ \t]/.test(text[i + 1] ?? '')) {
      compact++;
    } else if ((c === '[' || c === '{') && (flow > 0 || atLineStart || prev === ':' || prev === '-' || prev === '?')) {
      flow++;
    } else if ((c === ']' || c === '}') && flow > 0) {
      flow--;
    }
    if (flow + compact > MAX_YAML_NESTING)
      throw new Error(`nested more than ${MAX_YAML_NESTING} levels deep at line ${line}`);
    if (c !== '-') atLineStart = false;
    prev = c;
  }
}

/** The index of the closing quote of the quoted scalar starting at `i` (or the text's end). */
function skipQuoted(text: string, i: number): number {
  const quote = text[i];
  for (let j = i + 1; j < text.length; j++) {
    if (quote === '"' && text[j] === '\\') j++;
    else if (text[j] === quote) {
      if (quote === "'" && text[j + 1] === "'") j++;
      else return j;
    }
  }
  return text.length;
}

function tryFast(body: string): unknown {
  try {
    return parseFastDocument(body);
  } catch (e) {
    // Too deep for this parser's recursion: the `yaml` package decides (and words the error if it fails too).
    if (e instanceof Decline || e instanceof RangeError) return DECLINED;
    throw e;
  }
}

function* viaYamlPackage(
  text: string,
  firstLine: number,
  base: number,
  at: DocumentCursor | undefined,
): Generator<any> {
  for (const doc of parseAllDocuments(text, { version: '1.1' })) {
    if (doc.errors.length > 0) throw new Error(shiftLines(doc.errors[0].message, firstLine));
    const value = doc.toJSON();
    if (value === null || value === undefined) continue;
    if (at) at.offset = base + documentStart(doc);
    yield value;
  }
}

/** Where a document of the `yaml` package starts in its text: its `---` marker, else its content. */
function documentStart(doc: {
  range: [number, number, number];
  contents: { range?: [number, number, number] } | null;
}): number {
  return doc.contents?.range?.[0] ?? doc.range[0];
}

/** `... at line 3, column 1:` of a document read alone, as the line of the whole text. */
function shiftLines(message: string, offset: number): string {
  return offset === 0
    ? message
    : message.replace(/ at line (\d+), column (\d+)/, (_m, l, c) => ` at line ${Number(l) + offset}, column ${c}`);
}

function countLines(s: string): number {
  let n = 0;
  for (let j = s.indexOf('\n'); j >= 0; j = s.indexOf('\n', j + 1)) n++;
  return n;
}

/** Reads a YAML or JSON file into its documents (a JSON array becomes its elements). */
export function readYamlFile(file: string): any[] {
  const text = fs.readFileSync(file, 'utf8');
  if (file.endsWith('.json')) {
    const parsed = JSON.parse(text);
    return Array.isArray(parsed) ? parsed : [parsed];
  }
  return parseYamlDocuments(text);
}

import fs = require('fs');
import * as path from 'path';
import { describeFsError } from '../model/io/fs-errors';
import {
  assertYamlNesting,
  DocumentCursor,
  DocumentPart,
  PreparedYamlText,
  prepareYamlText,
  yamlTextDocuments,
} from '../model/documents/yaml-file';
import { InputError, STDIN, UsageError } from './args';

/**
 * Where a document is in the input: enough to find it again, cheaply kept for every document; its line and column
 * are worked out later, and only for documents with findings (output/locate.ts).
 */
export interface DocumentPlace {
  /** The file as named or found (`-` for standard input). */
  readonly file: string;
  /** Offset in the file's text of the document's chunk (its `---` line or first line); 0 in a JSON file. */
  readonly offset: number;
  /** Index in a JSON file's top-level array; -1 when the file is not an array (and in YAML). */
  readonly item: number;
}

/** One parsed document and the file it came from. */
export interface SourcedDoc {
  readonly file: string;
  readonly doc: any;
  /** Offset of the document's chunk in the file's text (see {@link DocumentPlace}). @default 0 */
  readonly offset?: number;
  /** Index in a JSON file's top-level array, -1 otherwise. @default -1 */
  readonly item?: number;
}

/** What the reader sets before each document it yields: the place of that document in its file. */
export interface ReadCursor extends DocumentCursor {
  /** Index in a JSON file's top-level array, -1 otherwise. */
  item: number;
}

/** A fresh {@link ReadCursor}. */
export function newReadCursor(): ReadCursor {
  return { offset: 0, item: -1 };
}

/**
 * Entries a folder walk skips: dot files and dot folders (`.git`, `.cache`, editors' `.#x.yaml`), and what cdk8s
 * writes beside the manifests that is no Kubernetes object: `construct-metadata.json` (cdk8s App
 * writeConstructMetadata, for validation plugins) and a Helm chart's `Chart.yaml` (cdk8s-cli synth --format helm,
 * createHelmScaffolding). Named on the command line, any of them is read.
 */
export function skippedInWalk(entry: string): boolean {
  return entry.startsWith('.') || entry === 'construct-metadata.json' || entry === 'Chart.yaml';
}

/** How a file is named in messages and findings: `<stdin>` for standard input. */
export function displayName(file: string): string {
  return file === STDIN ? '<stdin>' : file;
}

const MANIFEST = /\.(ya?ml|json)$/;
/** V8's longest string (`buffer.constants.MAX_STRING_LENGTH` on 64-bit Node 20): a bigger file cannot be read whole. */
const MAX_TEXT_BYTES = 0x1fffffe8;

/**
 * Expands folders to their `*.yaml`/`*.yml`/`*.json` files (recursively, following symbolic links), sorted, so output
 * order is stable; a file named on the command line is read whatever its extension.
 *
 * Every file is read once, by its real path: a file named twice, or reached both through a folder and directly or
 * through a symbolic link, is listed the first time only (reading it twice would report each of its objects as a
 * duplicate of itself), and a folder link back to a folder being walked is not walked again. This is silent, as
 * `tsc` and `eslint` are with overlapping globs: nothing is wrong with the manifests.
 *
 * @throws InputError (`cannot read <path>: <what>; fix: ...`, exit 2) for a path that is missing, a dangling or looping
 * link, an
 *   unreadable folder, a path through a file (ENOTDIR), or a folder that holds no manifest file at all
 */
export function expandManifestPaths(paths: readonly string[]): string[] {
  const out: string[] = [];
  const seenFiles = new Set<string>();
  const walking = new Set<string>();
  let stdin = false;
  for (const p of paths) {
    if (typeof p !== 'string' || p === '')
      throw new InputError(`cannot read "": the path is empty; fix: name a file or a folder of manifests`);
    if (p === STDIN) {
      if (stdin)
        throw new UsageError(
          '- (standard input) is named twice; fix: name - once (standard input can be read only once)',
        );
      stdin = true;
      out.push(STDIN);
      continue;
    }
    const before = out.length;
    visit(p, true, out, seenFiles, walking);
    if (out.length === before && isFolder(p) && !folderHasManifests(p)) {
      throw new InputError(
        `cannot read ${p}: the folder holds no .yaml, .yml or .json file (none in its sub-folders either); fix: name the folder cdk8s synth writes (dist/ by default), or the files themselves`,
      );
    }
  }
  return out;
}

function visit(p: string, named: boolean, out: string[], seenFiles: Set<string>, walking: Set<string>): void {
  const st = statOrThrow(p);
  const real = realOrThrow(p);
  if (st.isDirectory()) {
    if (walking.has(real)) return; // a link back to a folder being walked: walked once
    walking.add(real);
    let entries: string[];
    try {
      entries = fs.readdirSync(p).sort();
    } catch (e) {
      throw new InputError(describeFsError(e, p, 'list'));
    }
    for (const e of entries) {
      const full = path.join(p, e);
      // Manifests and folders are read; anything else (README.md, a socket) is skipped unread. A manifest-named
      // dangling or looping link is an error (visit says which): the user expects that file read.
      if (skippedInWalk(e)) continue;
      if (MANIFEST.test(e) || isFolder(full)) visit(full, false, out, seenFiles, walking);
    }
    walking.delete(real);
    return;
  }
  if (!named && !st.isFile()) return;
  if (seenFiles.has(real)) return;
  seenFiles.add(real);
  out.push(p);
}

function statOrThrow(p: string): fs.Stats {
  try {
    return fs.statSync(p);
  } catch (e) {
    throw new InputError(describeFsError(e, p, 'read'));
  }
}

function realOrThrow(p: string): string {
  try {
    return fs.realpathSync(p);
  } catch (e) {
    throw new InputError(describeFsError(e, p, 'read'));
  }
}

function isFolder(p: string): boolean {
  try {
    return fs.statSync(p).isDirectory();
  } catch {
    return false;
  }
}

function folderHasManifests(p: string): boolean {
  return expandQuietly(p).length > 0;
}

function expandQuietly(p: string): string[] {
  try {
    const out: string[] = [];
    visit(p, true, out, new Set(), new Set());
    return out;
  } catch {
    return [];
  }
}

let stdinText: string | undefined;

/**
 * Standard input's bytes, read once (a second read would find it empty): the reader and, for the line and column of
 * findings, the locator both get the same text.
 */
function stdinBytes(): Buffer {
  try {
    return fs.readFileSync(0);
  } catch (e) {
    // EAGAIN: a terminal or non-blocking pipe with nothing to read yet; EOF and closed inputs read as empty.
    throw new InputError(
      `cannot read standard input: ${(e as Error).message.split('\n')[0]}; ` +
        'fix: pipe the manifests in (kubectl get -o yaml ... | cdk8s-calico validate -)',
    );
  }
}

/** Forgets the standard input read so far (for tests that feed several inputs). @internal */
export function resetStdinForTests(text?: string): void {
  stdinText = text;
}

/** The text of a manifest file, checked to be UTF-8 (a UTF-8 byte order mark is dropped); `-` is standard input. */
export function readManifestText(file: string): string {
  if (file === STDIN) {
    if (stdinText === undefined) stdinText = decodeManifest(stdinBytes(), displayName(file));
    return stdinText;
  }
  return decodeManifest(readBytes(file), file);
}

function readBytes(file: string): Buffer {
  try {
    const size = fs.statSync(file).size;
    if (size > MAX_TEXT_BYTES) {
      throw new InputError(
        `cannot read ${file}: ${(size / 1048576).toFixed(0)} MB is too large to read at once (at most ${MAX_TEXT_BYTES >> 20} MB); fix: split it into several files (one per chart, as cdk8s synth writes them)`,
      );
    }
    return fs.readFileSync(file);
  } catch (e) {
    if (e instanceof InputError) throw e;
    throw new InputError(describeFsError(e, file, 'read'));
  }
}

function decodeManifest(bytes: Buffer, file: string): string {
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    throw new InputError(
      `cannot read ${file}: it is UTF-16 text, not UTF-8; fix: save it as UTF-8 (iconv -f UTF-16 -t UTF-8 ${file})`,
    );
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    const { line, column, byte } = firstInvalidUtf8(bytes);
    throw new InputError(
      `cannot read ${file}: line ${line}, column ${column}: byte 0x${byte.toString(16).padStart(2, '0')} is not UTF-8 text (Kubernetes manifests are UTF-8); ` +
        `fix: save the file as UTF-8 (iconv -f LATIN1 -t UTF-8 ${file}), or remove the binary content`,
    );
  }
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** Where the first byte that is not valid UTF-8 sits (1-based line and column in characters). */
function firstInvalidUtf8(b: Uint8Array): { line: number; column: number; byte: number } {
  let line = 1;
  let column = 1;
  for (let i = 0; i < b.length;) {
    const c = b[i];
    const len = c < 0x80 ? 1 : c >= 0xc2 && c <= 0xdf ? 2 : c >= 0xe0 && c <= 0xef ? 3 : c >= 0xf0 && c <= 0xf4 ? 4 : 0;
    let ok = len > 0 && i + len <= b.length;
    for (let k = 1; ok && k < len; k++) ok = (b[i + k] & 0xc0) === 0x80;
    // Overlongs and surrogates (RFC 3629 §4): E0 needs A0-BF next, ED 80-9F, F0 90-BF, F4 80-8F.
    if (ok && len >= 3) {
      const n = b[i + 1];
      ok =
        !(c === 0xe0 && n < 0xa0) &&
        !(c === 0xed && n > 0x9f) &&
        !(c === 0xf0 && n < 0x90) &&
        !(c === 0xf4 && n > 0x8f);
    }
    if (!ok) return { line, column, byte: c };
    if (c === 0x0a) {
      line++;
      column = 1;
    } else {
      column++;
    }
    i += len;
  }
  return { line, column, byte: 0 };
}

/**
 * The documents of one file, one at a time (nulls from empty documents dropped; a JSON array gives its elements).
 * @param part only this share of the documents (`yamlDocuments`; a JSON file is one share); all by default
 * @throws InputError naming the file, the line and the fix when it cannot be read or parsed
 */
export function* manifestFileDocuments(file: string, part?: DocumentPart, at?: ReadCursor): Generator<any> {
  yield* openedManifestDocuments(openManifest(file), part, at);
}

/** A manifest file read once, to be read share by share ({@link openedManifestDocuments}). */
export interface OpenedManifest {
  readonly file: string;
  /** Its text when it is JSON (one share). */
  readonly json?: string;
  /** Its text when it is YAML, with where its documents start. */
  readonly yaml?: PreparedYamlText;
}

/**
 * Reads a manifest file's text once.
 * @throws InputError naming the file and the fix when it cannot be read
 */
export function openManifest(file: string): OpenedManifest {
  const text = readManifestText(file);
  const json = file.endsWith('.json') || (file === STDIN && looksLikeJson(text));
  return json ? { file, json: text } : { file, yaml: prepareYamlText(text) };
}

/**
 * {@link manifestFileDocuments} of an opened file.
 * @throws InputError naming the file, the line and the fix when it cannot be parsed
 */
export function* openedManifestDocuments(opened: OpenedManifest, part?: DocumentPart, at?: ReadCursor): Generator<any> {
  const name = displayName(opened.file);
  const text = opened.json;
  if (text !== undefined) {
    if (part && part.from > 0) return;
    let parsed: unknown;
    try {
      // JSON is flow YAML: the same nesting limit keeps the recursive checks after parsing within the stack.
      assertYamlNesting(text);
      parsed = JSON.parse(text);
    } catch (e) {
      if (/^nested more than/.test((e as Error).message)) throw new InputError(parseError(name, e));
      throw new InputError(
        `cannot parse ${name}: not valid JSON: ${jsonWhere(text, (e as Error).message)}; fix: correct the JSON there (jq . ${name} shows it too)`,
      );
    }
    if (!Array.isArray(parsed)) {
      if (at) setCursor(at, 0, -1);
      yield parsed;
      return;
    }
    for (let i = 0; i < parsed.length; i++) {
      if (at) setCursor(at, 0, i);
      yield parsed[i];
    }
    return;
  }
  if (at) at.item = -1;
  const docs = yamlTextDocuments(opened.yaml!, part, at);
  for (;;) {
    let next: IteratorResult<any>;
    try {
      next = docs.next();
    } catch (e) {
      throw new InputError(parseError(name, e));
    }
    if (next.done) return;
    yield next.value;
  }
}

/** JSON.parse's `... at position N` with the line and column added. */
function jsonWhere(text: string, message: string): string {
  const m = /at position (\d+)/.exec(message);
  if (!m) return message;
  const before = text.slice(0, Number(m[1]));
  const line = before.split('\n').length;
  return `${message.replace(/ in JSON at position \d+.*$| at position \d+.*$/, '')} at line ${line}, column ${before.length - before.lastIndexOf('\n')}`;
}

function parseError(file: string, e: unknown): string {
  if (
    e instanceof RangeError ||
    /Maximum call stack size exceeded|^nested more than \d+ levels/.test(String((e as Error)?.message))
  ) {
    // The parsers recurse per nesting level: thousands of levels of `[[[...` exhaust the stack.
    return `cannot parse ${file}: nested too deeply to parse (${(e as Error).message.split('\n')[0].replace(/:$/, '')}); fix: flatten the YAML (no manifest nests more than a few dozen levels)`;
  }
  const first = (e as Error).message.split('\n')[0].replace(/:$/, '');
  return `cannot parse ${file}: not valid YAML: ${first}; fix: correct the YAML there (cdk8s writes valid YAML: re-run cdk8s synth if the file was edited by hand)`;
}

/** Reads every document of a YAML or JSON file (nulls from empty documents dropped). */
export function readManifestFile(file: string): any[] {
  return [...manifestFileDocuments(file)];
}

function setCursor(at: ReadCursor, offset: number, item: number): void {
  at.offset = offset;
  at.item = item;
}

/** Standard input is JSON when it reads as JSON (`kubectl get -o json`); anything else is YAML. */
function looksLikeJson(text: string): boolean {
  const first = /\S/.exec(text)?.[0];
  if (first !== '{' && first !== '[') return false;
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

/**
 * Every document under the given files and folders, one at a time (a file is read when its turn comes), with its
 * place in its file.
 */
export function* manifestDocuments(files: readonly string[]): Generator<SourcedDoc> {
  const at = newReadCursor();
  for (const file of files) {
    for (const doc of manifestFileDocuments(file, undefined, at)) yield { file, doc, offset: at.offset, item: at.item };
  }
}

/** Reads all documents under the given files and folders. */
export function readManifests(paths: readonly string[]): { files: string[]; docs: SourcedDoc[] } {
  const files = expandManifestPaths(paths);
  return { files, docs: [...manifestDocuments(files)] };
}

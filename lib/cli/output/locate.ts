/**
 * The file, line and column of a finding, worked out only for documents that have findings: the reader keeps one
 * offset per document ({@link DocumentPlace}); here that document's text alone is parsed again with the `yaml`
 * package's document model (which keeps each node's range) and the finding's field path is walked to its node. On
 * 300,000 documents with a handful of findings this costs a handful of small parses.
 */
import { isMap, isPair, isScalar, isSeq, LineCounter, Node, parseAllDocuments, parseDocument } from 'yaml';
import { ProblemSource } from '../../validation/problem';
import { DocumentPlace, readManifestText } from '../manifest-files';

/** A path segment: a key (from `a.b` or `[key]`) or an index (`[0]`). */
interface Segment {
  readonly text: string;
  /**
   * From a dotted run: may join the next dotted segments into one key with dots
   * (`metadata.labels.app.kubernetes.io/name`).
   */
  readonly dotted: boolean;
}

/**
 * Splits a field path in the style of Kubernetes' `field.Path` (lib/validation/schema/field-path.ts): dotted names,
 * `[0]` indexes and `[key]` for keys that are not identifiers.
 */
export function pathSegments(path: string): Segment[] {
  const out: Segment[] = [];
  let i = 0;
  while (i < path.length) {
    if (path[i] === '.') {
      i++;
    } else if (path[i] === '[') {
      const end = path.indexOf(']', i);
      const stop = end < 0 ? path.length : end;
      out.push({ text: path.slice(i + 1, stop), dotted: false });
      i = stop + 1;
    } else {
      let j = i;
      while (j < path.length && path[j] !== '.' && path[j] !== '[') j++;
      out.push({ text: path.slice(i, j), dotted: true });
      i = j;
    }
  }
  return out;
}

/**
 * The node a field path names in a parsed document, or the deepest node on the way that exists (a missing field is
 * reported where its parent is; nothing resolved gives the document's root). Map entries point at their key.
 * @returns the offset in the document's text where that node starts
 */
export function nodeOffset(root: Node | null | undefined, path: string): number | undefined {
  let node: unknown = root;
  let at = (root as Node | null | undefined)?.range?.[0];
  const segs = pathSegments(path);
  for (let i = 0; i < segs.length && node;) {
    if (isSeq(node) && /^\d+$/.test(segs[i].text)) {
      const item = node.items[Number(segs[i].text)] as Node | undefined;
      if (!item) break;
      node = item;
      at = item.range?.[0] ?? at;
      i++;
    } else if (isMap(node)) {
      // The longest run of dotted segments that is one key (`app.kubernetes.io/name`), else the segment alone.
      let found: { pair: unknown; used: number } | undefined;
      let key = '';
      for (let j = i; j < segs.length && (j === i || (segs[j].dotted && segs[j - 1].dotted)); j++) {
        key = j === i ? segs[i].text : `${key}.${segs[j].text}`;
        const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === key);
        if (pair) found = { pair, used: j - i + 1 };
      }
      if (!found || !isPair(found.pair)) break;
      const k = found.pair.key as Node;
      at = k.range?.[0] ?? at;
      node = found.pair.value;
      i += found.used;
    } else {
      break;
    }
  }
  return at;
}

/** The next `---` line after `from`, or the end of the text. */
function chunkEnd(text: string, from: number): number {
  const re = /^---(?=[ \t\r]|$)/gm;
  re.lastIndex = from;
  for (let m = re.exec(text); m !== null; m = re.exec(text)) if (m.index > from) return m.index;
  return text.length;
}

/**
 * Line starts of a text, for offset to line and column by binary search. They are found only as far as an offset
 * asked for (a 60 MB input has 2.6 million lines; findings in its first documents need few of them).
 */
class Lines {
  private readonly starts: number[] = [0];
  /** Where the search for the next line start goes on; -1 once the whole text is done. */
  private next = 0;
  constructor(private readonly text: string) {}

  /** 1-based line and column (in UTF-16 code units, as editors and SARIF's default `utf16CodeUnits` count). */
  at(offset: number): { line: number; column: number } {
    while (this.next >= 0 && this.starts[this.starts.length - 1] <= offset) {
      const j = this.text.indexOf('\n', this.next);
      if (j < 0) this.next = -1;
      else {
        this.starts.push(j + 1);
        this.next = j + 1;
      }
    }
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - this.starts[lo] + 1 };
  }
}

/**
 * Turns document places and field paths into file, line and column. Each file is read once (from the reader's cache
 * for standard input) and each document parsed once, however many findings it has.
 */
export class SourceLocator {
  private readonly texts = new Map<string, { text: string; lines: Lines }>();
  private readonly roots = new Map<string, { root: Node | null; base: number }>();

  /**
   * @param maxParsed documents parsed again for field-level places (about half a millisecond each: 2,000 cost about
   *   1 s); past them (an input where most of 300,000 documents have findings) a finding points at its document's
   *   first line, which costs no parse
   */
  constructor(private readonly maxParsed = 2_000) {}

  /** The place of a finding: the node of `path` in the document at `place` (see {@link nodeOffset}). */
  locate(place: DocumentPlace, path: string): ProblemSource {
    const file = this.file(place.file);
    if (!file) return { file: place.file, line: 1, column: 1 };
    const doc = this.document(place, file.text);
    const offset = doc.root ? nodeOffset(doc.root, path) : undefined;
    const at = file.lines.at(doc.base + (offset ?? 0));
    return { file: place.file, ...at };
  }

  private file(name: string): { text: string; lines: Lines } | undefined {
    let f = this.texts.get(name);
    if (!f) {
      let text: string;
      try {
        text = readManifestText(name);
      } catch {
        return undefined; // read before, so only a file changed meanwhile gets here: the finding keeps line 1
      }
      f = { text, lines: new Lines(text) };
      this.texts.set(name, f);
    }
    return f;
  }

  /** The document's root node and the offset its text starts at in the file. */
  private document(place: DocumentPlace, text: string): { root: Node | null; base: number } {
    const key = `${place.file}\0${place.offset}\0${place.item}`;
    let doc = this.roots.get(key);
    if (doc) return doc;
    if (this.roots.size >= this.maxParsed)
      return { root: null, base: place.item >= 0 ? 0 : contentStart(text, place.offset) };
    try {
      if (place.item >= 0 || isJsonFile(place.file, text)) {
        // A JSON file (JSON is YAML 1.2 flow syntax): the whole file, then the item of its top-level array.
        const root = parseDocument(text, { keepSourceTokens: false }).contents as Node | null;
        doc = {
          root: place.item >= 0 && isSeq(root) ? ((root.items[place.item] as Node | null) ?? root) : root,
          base: 0,
        };
      } else {
        // The document's chunk alone, from the start of its line (the reader's offset may be mid-line for a
        // document the `yaml` package read) to the next `---` line.
        const base = text.lastIndexOf('\n', place.offset - 1) + 1;
        const chunk = text.slice(base, chunkEnd(text, place.offset));
        const parsed = parseAllDocuments(chunk, { version: '1.1', lineCounter: new LineCounter() });
        const first = (Array.isArray(parsed) ? parsed : []).find((d) => d.contents !== null);
        doc = { root: (first?.contents as Node | null) ?? null, base };
      }
    } catch {
      doc = { root: null, base: place.item >= 0 ? 0 : contentStart(text, place.offset) };
    }
    this.roots.set(key, doc);
    return doc;
  }
}

/** The first line of a chunk after its `---` marker line (the document's first line), or the chunk's start. */
function contentStart(text: string, offset: number): number {
  if (!text.startsWith('---', offset)) return offset;
  const eol = text.indexOf('\n', offset);
  return eol < 0 ? offset : eol + 1;
}

function isJsonFile(file: string, text: string): boolean {
  return (
    file.endsWith('.json') ||
    (file === '-' &&
      /^\s*[[{]/.test(text) &&
      (() => {
        try {
          JSON.parse(text);
          return true;
        } catch {
          return false;
        }
      })())
  );
}

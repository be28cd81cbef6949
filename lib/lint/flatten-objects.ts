/**
 * The objects of a set of documents, `List`s expanded, as `flattenDocs` (lib/analysis/model/ingest.ts) expands them,
 * without the position string it makes for each (`document[3].items[0]`): the lint reads 300,000 documents (issue 11,
 * item 7) and never reads those positions. test/lint/flatten-objects.test.ts compares the two.
 */

/** True for what flattenDocs expands as a `List` (a string kind ending in `List`, and `items`). */
export function isListDoc(d: unknown): d is { kind: string; items: unknown[] } {
  return typeof d === 'object' && d !== null && !Array.isArray(d) && typeof (d as any).kind === 'string'
    && /List$/.test((d as any).kind) && Array.isArray((d as any).items);
}

function visit(d: unknown, out: unknown[]): void {
  if (d === null || d === undefined) return;
  if (isListDoc(d)) {
    for (const item of d.items) visit(item, out);
    return;
  }
  out.push(d);
}

/** `flattenDocs(docs).map((x) => x.doc)`: every document, List items in their place, null and undefined skipped. */
export function flattenObjects(docs: readonly unknown[]): unknown[] {
  const out: unknown[] = [];
  for (let i = 0; i < docs.length; i++) visit(docs[i], out);
  return out;
}

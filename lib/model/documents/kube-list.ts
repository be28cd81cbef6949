/**
 * Kubernetes `List` objects (`kubectl get ... -o yaml` prints `kind: List`, `PodList`, ... with `items`): one
 * definition of what is expanded and how, for the engine's ingest (with each object's position, for its messages) and
 * the lint (without: it reads 300,000 documents and never reads positions).
 */

/** True for a `List`: an object whose string kind ends in `List` and whose `items` is an array. */
export function isKubeList(d: unknown): d is { kind: string; items: unknown[] } {
  if (typeof d !== 'object' || d === null || Array.isArray(d)) return false;
  const kind = (d as { kind?: unknown }).kind;
  // endsWith, not /List$/: the same test (a JS `$` without the m flag is the end of the text), without a regexp
  // run per object of every rule set's pass over 300,000 documents.
  return typeof kind === 'string' && kind.endsWith('List') && Array.isArray((d as { items?: unknown }).items);
}

/**
 * Calls `each` for every object of `docs`, the items of `List`s (recursively) in their place, null and undefined
 * skipped. With `positions`, `where` is the object's position (`document[2].items[0]`); else it is undefined, and no
 * string is built. `document` is the index in `docs` of the document holding the object.
 */
export function forEachKubeObject(
  docs: readonly unknown[],
  each: (doc: unknown, where: string | undefined, document: number) => void,
  positions = false,
): void {
  let document = 0;
  const visit = (d: unknown, where: string | undefined): void => {
    if (d === null || d === undefined) return;
    if (!isKubeList(d)) {
      each(d, where, document);
      return;
    }
    const items = d.items;
    for (let i = 0; i < items.length; i++) visit(items[i], where === undefined ? undefined : `${where}.items[${i}]`);
  };
  for (; document < docs.length; document++) visit(docs[document], positions ? `document[${document}]` : undefined);
}

/** Every object of `docs`, `List`s expanded in place, null and undefined skipped (no positions). */
export function kubeObjects(docs: readonly unknown[]): unknown[] {
  const out: unknown[] = [];
  forEachKubeObject(docs, (d) => out.push(d));
  return out;
}

/**
 * Kubernetes `List` objects (`kubectl get ... -o yaml` prints `kind: List`, `PodList`, ... with `items`): one
 * definition of what is expanded and how, for the engine's ingest (with each object's position, for its messages) and
 * the lint (without: it reads 300,000 documents and never reads positions).
 */

/** True for a `List`: an object whose string kind ends in `List` and whose `items` is an array. */
export function isKubeList(d: unknown): d is { kind: string; items: unknown[] } {
  return typeof d === 'object' && d !== null && !Array.isArray(d) && typeof (d as any).kind === 'string'
    && /List$/.test((d as any).kind) && Array.isArray((d as any).items);
}

/**
 * Calls `each` for every object of `docs`, the items of `List`s (recursively) in their place, null and undefined
 * skipped. With `positions`, `where` is the object's position (`document[2].items[0]`); else it is undefined, and no
 * string is built.
 */
export function forEachKubeObject(docs: readonly unknown[], each: (doc: unknown, where: string | undefined) => void, positions = false): void {
  const visit = (d: unknown, where: string | undefined): void => {
    if (d === null || d === undefined) return;
    if (!isKubeList(d)) {
      each(d, where);
      return;
    }
    const items = d.items;
    for (let i = 0; i < items.length; i++) visit(items[i], where === undefined ? undefined : `${where}.items[${i}]`);
  };
  for (let i = 0; i < docs.length; i++) visit(docs[i], positions ? `document[${i}]` : undefined);
}

/** Every object of `docs`, `List`s expanded in place, null and undefined skipped (no positions). */
export function kubeObjects(docs: readonly unknown[]): unknown[] {
  const out: unknown[] = [];
  forEachKubeObject(docs, (d) => out.push(d));
  return out;
}

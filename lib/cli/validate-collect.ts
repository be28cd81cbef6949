/**
 * Validating documents as they stream past: each document's problems, plus the small skeleton the
 * cross-object rules read, so memory never holds every document. Used by `validate`, `check` and the worker thread.
 */
import { isKubeList } from '../model/documents/kube-list';
import { objectIdentity, ValidationProblem } from '../validation/problem';
import { checkCalicoCrossObjectRules } from '../validation/rules';
import { DocumentValidator, ValidateManifestsOptions } from '../validation/validate-manifests';
import { SourcedDoc } from './manifest-files';

/** A validation problem with the file of the object it names. */
export interface FiledProblem extends ValidationProblem {
  readonly file: string;
  /** Offset of the object's document in the file (see DocumentPlace). @default - not known (cross-object problems) */
  readonly offset?: number;
  /** Index in a JSON file's top-level array, -1 otherwise. @default -1 */
  readonly item?: number;
}

/**
 * Validates documents as they are read, one at a time, so memory holds the problems and, for the cross-object rules
 * (the same object twice, overlapping IP pools), only each object's identity and an IPPool's spec, never every
 * document. `keep` receives each document after its check (e.g. to lint them afterwards); by default none is kept.
 * @returns the problems in document order, then the cross-object ones (reported on the later file), and the count
 */
export function validateSourced(
  docs: Iterable<SourcedDoc>,
  options: ValidateManifestsOptions,
  keep?: (d: SourcedDoc) => void,
): { problems: FiledProblem[]; objects: number } {
  const collected = newCollected();
  const validator = new DocumentValidator(options);
  for (const sourced of docs) {
    collectDocument(sourced.doc, sourced.file, validator, collected, sourced);
    keep?.(sourced);
  }
  return finishCollected(collected);
}

/**
 * What validating documents leaves for the end: their problems, and what the cross-object rules read of each object
 * (its skeleton, packed flat by {@link pushSkeleton}: hundreds of thousands of small objects kept to the end cost
 * the garbage collector more than their checks) with the file of each.
 */
export interface Collected {
  readonly problems: FiledProblem[];
  readonly skeletons: unknown[];
  readonly skeletonFiles: string[];
  objects: number;
}

/** What consecutive shares of the input collected, as one (in the order given). */
export function concatCollected(shares: readonly Collected[]): Collected {
  const all = newCollected();
  for (const c of shares) {
    // Each share counts its documents from 0: shifted to their index in the whole input.
    for (const x of c.problems)
      all.problems.push(x.document === undefined ? x : { ...x, document: x.document + all.objects });
    for (const x of c.skeletons) all.skeletons.push(x);
    for (const x of c.skeletonFiles) all.skeletonFiles.push(x);
    all.objects += c.objects;
  }
  return all;
}

/** An empty {@link Collected}. */
export function newCollected(): Collected {
  return { problems: [], skeletons: [], skeletonFiles: [], objects: 0 };
}

/**
 * Validates one document of `file` into `into`. Its problems carry the document's index in `into` and, when given,
 * its place in the file (for the line and column the CLI prints).
 */
export function collectDocument(
  doc: unknown,
  file: string,
  validator: DocumentValidator,
  into: Collected,
  place?: { offset?: number; item?: number },
): void {
  const document = into.objects++;
  const problems = validator.validate(doc);
  if (problems.length > 0) {
    const at = place?.offset === undefined ? {} : { offset: place.offset, item: place.item ?? -1 };
    for (const p of problems) into.problems.push({ ...p, file, document, ...at });
  }
  for (const obj of listItems(doc)) {
    pushSkeleton(obj, into.skeletons);
    into.skeletonFiles.push(file);
  }
}

/** Adds the cross-object problems to the collected ones. */
export function finishCollected(c: Collected): { problems: FiledProblem[]; objects: number } {
  const { problems, skeletonFiles } = c;
  const skeletons = unpackSkeletons(c.skeletons);
  const cross = checkCalicoCrossObjectRules(skeletons);
  if (cross.length > 0) {
    // A cross-object problem lands in the last file defining its object; keys are made only for those objects.
    const wanted = new Set(cross.map(identityKey));
    const fileOf = new Map<string, string>();
    skeletons.forEach((s, i) => {
      const key = identityKey(objectIdentity(s));
      if (wanted.has(key)) fileOf.set(key, skeletonFiles[i]);
    });
    for (const p of cross) problems.push({ ...p, file: fileOf.get(identityKey(p)) ?? '' });
  }
  return { problems, objects: c.objects };
}

/**
 * A document, or the items of a `List` (any kind ending in `List` with `items`, nested), as validateManifests reads
 * them.
 */
export function listItems(doc: unknown): unknown[] {
  return isKubeList(doc) ? doc.items.flatMap(listItems) : [doc];
}

const COMPACT = 0;
const WHOLE = 1;

/**
 * Appends what checkCalicoCrossObjectRules (and the built-in duplicate check under it) read of a document to `flat`:
 * apiVersion, kind, metadata name and namespace, and an IPPool's spec (its CIDR); anything else would only hold
 * memory. The usual object (string apiVersion and kind, a plain metadata with a string or no name and namespace, not
 * an IPPool) is `0, apiVersion, kind, name, namespace`; any other `1, skeleton`.
 */
export function pushSkeleton(doc: unknown, flat: unknown[]): void {
  if (doc === null || typeof doc !== 'object' || Array.isArray(doc)) {
    flat.push(WHOLE, doc);
    return;
  }
  const d = doc as Record<string, any>;
  const m = d.metadata;
  const plainMeta = m !== null && typeof m === 'object' && !Array.isArray(m);
  if (
    plainMeta &&
    typeof d.apiVersion === 'string' &&
    typeof d.kind === 'string' &&
    d.kind !== 'IPPool' &&
    (typeof m.name === 'string' || m.name === undefined) &&
    (typeof m.namespace === 'string' || m.namespace === undefined)
  ) {
    flat.push(COMPACT, d.apiVersion, d.kind, m.name, m.namespace);
    return;
  }
  const meta = plainMeta ? { name: m.name, namespace: m.namespace } : m;
  flat.push(
    WHOLE,
    d.kind === 'IPPool'
      ? { apiVersion: d.apiVersion, kind: d.kind, metadata: meta, spec: d.spec }
      : { apiVersion: d.apiVersion, kind: d.kind, metadata: meta },
  );
}

/** The skeletons {@link pushSkeleton} packed, as objects. */
export function unpackSkeletons(flat: readonly unknown[]): unknown[] {
  const out: unknown[] = [];
  for (let i = 0; i < flat.length;) {
    if (flat[i] === COMPACT) {
      out.push({ apiVersion: flat[i + 1], kind: flat[i + 2], metadata: { name: flat[i + 3], namespace: flat[i + 4] } });
      i += 5;
    } else {
      out.push(flat[i + 1]);
      i += 2;
    }
  }
  return out;
}

/** `kind/namespace/name`: the key a cross-object problem and its object share. */
export function identityKey(id: { kind: string; name: string; namespace?: string }): string {
  return `${id.kind}/${id.namespace ?? ''}/${id.name}`;
}

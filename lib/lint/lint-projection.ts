/**
 * What the lint keeps of one document when it reads documents one at a time: a compact copy of the fields the rules
 * read. A `List` keeps its shape, its items projected, so the lint of the projections meets the same objects at the
 * same positions as the lint of the documents.
 *
 * Who reads what (keep this list in step when a rule starts reading a new field; the equivalence test in
 * test/lint/lint-stream.test.ts compares the two paths on a corpus that carries every field dropped here):
 * - every object: its metadata but `managedFields` (identity for findings and their order, the created-by label,
 *   acknowledged risks, Pod Security annotations); nothing in lib/ reads `metadata.managedFields`, which is often the
 *   bulk of a `kubectl get -o yaml` export;
 * - Pods: everything but their status, of which the engine reads `phase`, `podIP` and `podIPs` alone
 *   (lib/analysis/network/ingest/ingest.ts; Pod Security and the RBAC risks read no status);
 * - every other kind the engine reads (lint.node-access-blocked and lint.dns-egress-blocked run it over the
 *   manifests: policies, tiers, endpoints, network sets, nodes, services, configuration, flannel's ConfigMap),
 *   Pod Security (workload controllers, namespaces), RBAC and ClusterNetworkPolicies (the cnp.* rules): whole;
 * - the skeleton kinds below (secrets and endpoint lists, often the bulk of an export): metadata only.
 *
 * The copy is what keeps memory low, more than the fields dropped: the reader's objects hold strings sliced from the
 * file's text (so the text stays alive) and repeat the same short strings in every document; the copy flattens each
 * string once and shares equal ones (bench/large-input.ts, 300,000 documents: the heap kept after the read went from
 * about 350 MB to about 190 MB, and every major GC while the rules run walks it).
 */
import { isKubeList } from '../model/documents/kube-list';

/** `apiVersion/kind` of the objects no lint rule reads beyond their metadata. */
const SKELETON_KINDS: ReadonlySet<string> = new Set([
  'v1/Secret',
  'v1/Endpoints',
  'discovery.k8s.io/v1/EndpointSlice',
  'v1/Event',
]);
/** {@link SKELETON_KINDS} by kind (no `apiVersion/kind` string made per document: 300,000 of them are read). */
const SKELETON_BY_KIND: ReadonlyMap<string, ReadonlySet<unknown>> = (() => {
  const m = new Map<string, Set<unknown>>();
  for (const key of SKELETON_KINDS) {
    const slash = key.lastIndexOf('/');
    const kind = key.slice(slash + 1);
    if (!m.has(kind)) m.set(kind, new Set());
    m.get(kind)!.add(key.slice(0, slash));
  }
  return m;
})();

/** Strings longer than this are copied flat but not shared (names, labels and values are shorter). */
const SHARED_STRING_MAX = 64;

/** The fields of a Pod's status the engine reads (ingest.ts podInfo). */
const POD_STATUS_FIELDS = ['phase', 'podIP', 'podIPs'] as const;

function isPlainObject(v: unknown): v is Record<string, any> {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return false;
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

/**
 * Compact copies of plain data: fresh objects and arrays, each string flat (not a slice of the file's text) and
 * equal short strings shared. One per segment, so its table of strings goes with the segment.
 */
export class LintCompactor {
  /** The short strings seen, each once (names, label keys and values, kinds, actions repeat across documents). */
  private readonly strings = new Map<string, string>();
  /**
   * False once a projection holds what JSON cannot carry as it is (NaN, Infinity, -0, an object that is not plain
   * data): until then the projections may be posted between threads as JSON text, which both
   * sides write and read about twice as fast as the structured clone of the objects (read-once.ts).
   */
  jsonSafe = true;

  /** The projection of one document (see the module comment); anything that is not an object is kept as is. */
  project(doc: unknown): unknown {
    if (!isPlainObject(doc)) {
      if (typeof doc === 'object' && doc !== null)
        this.jsonSafe = false; // kept as is, not copied
      else this.note(doc);
      return doc;
    }
    if (isKubeList(doc)) {
      const out: Record<string, any> = {};
      for (const k of Object.keys(doc))
        this.set(
          out,
          k,
          k === 'items' ? doc.items.map((d: unknown) => this.project(d)) : this.copy((doc as Record<string, any>)[k]),
        );
      return out;
    }
    // As `${apiVersion}/${kind}` in SKELETON_KINDS: both are strings there (a non-string one never matched either).
    const versions = typeof doc.kind === 'string' ? SKELETON_BY_KIND.get(doc.kind) : undefined;
    if (versions && typeof doc.apiVersion === 'string' && versions.has(doc.apiVersion)) {
      const out: Record<string, any> = { apiVersion: doc.apiVersion, kind: doc.kind };
      if (doc.metadata !== undefined) out.metadata = this.metadata(doc.metadata);
      return out;
    }
    const out: Record<string, any> = {};
    for (const k of Object.keys(doc)) {
      const v = doc[k];
      if (k === 'metadata') out.metadata = this.metadata(v);
      else if (k === 'status' && doc.kind === 'Pod' && doc.apiVersion === 'v1' && isPlainObject(v)) {
        const status: Record<string, any> = {};
        for (const f of POD_STATUS_FIELDS) if (f in v) status[f] = this.copy(v[f]);
        out.status = status;
      } else this.set(out, k, this.copy(v));
    }
    return out;
  }

  /** Metadata without `managedFields` (a malformed metadata is copied as it is: the rules report or skip it). */
  private metadata(md: unknown): unknown {
    return isPlainObject(md) ? this.copyObject(md, 'managedFields') : this.copy(md);
  }

  private copyObject(o: Record<string, any>, skip: string): Record<string, any> {
    const out: Record<string, any> = {};
    for (const k of Object.keys(o)) if (k !== skip) this.set(out, k, this.copy(o[k]));
    return out;
  }

  /** `out[k] = v`; a `__proto__` key stays an own key, as the parsers make it (an assignment sets the prototype). */
  private set(out: Record<string, any>, k: string, v: unknown): void {
    if (k === '__proto__')
      Object.defineProperty(out, k, { value: v, enumerable: true, writable: true, configurable: true });
    else out[k] = v;
  }

  /** Notes a value JSON would change (NaN and Infinity become null, -0 becomes 0). */
  private note(v: unknown): void {
    if (typeof v === 'number' && (!Number.isFinite(v) || (v === 0 && 1 / v < 0))) this.jsonSafe = false;
  }

  /** A compact copy of plain data; other objects (none come from YAML or JSON) are kept as they are. */
  copy(v: unknown): unknown {
    if (typeof v === 'string') return this.string(v);
    if (v === null || typeof v !== 'object') {
      this.note(v);
      return v;
    }
    if (Array.isArray(v)) {
      const out = new Array(v.length);
      for (let i = 0; i < v.length; i++) out[i] = this.copy(v[i]);
      return out;
    }
    if (!isPlainObject(v)) {
      this.jsonSafe = false;
      return v;
    }
    const out: Record<string, any> = {};
    for (const k of Object.keys(v)) this.set(out, k, this.copy((v as Record<string, any>)[k]));
    return out;
  }

  private string(s: string): string {
    // V8 keeps a slice of 13 characters and more as a view of its parent string (SlicedString::kMinLength): ' ' + s,
    // sliced, is a flat copy, so the file's text is not kept alive by the values read from it.
    if (s.length > SHARED_STRING_MAX) return (' ' + s).slice(1);
    let shared = this.strings.get(s);
    if (shared === undefined) {
      shared = s.length < 13 ? s : (' ' + s).slice(1);
      this.strings.set(shared, shared);
    }
    return shared;
  }
}

/** The projection of one document (see the module comment); anything that is not an object is kept as is. */
export function lintProjection(doc: unknown): unknown {
  return new LintCompactor().project(doc);
}

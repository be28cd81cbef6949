/**
 * The lint of documents read one at a time (300,000 documents in a few seconds, memory bounded by
 * what the lint needs, not by the documents). Each document is read once, as it is parsed:
 * - its projection (lint-projection.ts) is kept: a compact copy of the fields the rules read, skeletons of the kinds
 *   they read no further than metadata; the document itself is dropped at once;
 * - the projection of an object of the kinds the summary comes from (model-summary.ts: workloads, host endpoints,
 *   service account and namespace labels) or that may clash with them (addresses of nodes and services) is read into
 *   the engine's cluster state (ingestObject). Other kinds never change the summary: the plain lint drops an object
 *   of theirs that the engine refuses (LintContext's per-object fallback) and one it accepts adds no endpoint; so
 *   policies, network sets, tiers and the like are not read here (building the model throws for nothing but a policy
 *   that does not compile).
 * Segments (a share of one file, read on any thread) are packed, posted and merged in document order; the summary of
 * the merged state is then exactly `LintContext.summaryOf` of all documents, and lintManifests over the projections,
 * seeded with it, finds exactly what it finds over the documents.
 *
 * When that cannot be proven the merge gives no summary and the caller lints the documents themselves: an object
 * of those kinds the engine refuses, one address claimed in two segments, or kube-dns pods with addresses
 * (lint.dns-egress-blocked then asks the engine, which needs every document).
 */
import { formatRef } from '../analysis/network/model/errors';
import { buildModel } from '../analysis/network/build/build';
import { ClusterState, ingestObject, IpOwner, newClusterState } from '../analysis/network/ingest/ingest';
import { isKubeList, kubeObjects } from '../model/documents/kube-list';
import { LintCompactor } from './lint-projection';
import { LintModelSummary, summarizeModel } from './model-summary';

/** What a segment posts: plain data only (structured-clone safe). */
export interface PackedLintSegment {
  /** The projections of the segment's documents, in order (or {@link docsJson}). */
  readonly docs?: unknown[];
  /**
   * The projections as JSON text, when `pack(true)` found them JSON-safe (lint-projection.ts `jsonSafe`): a thread
   * writes and reads JSON text about twice as fast as the structured clone of the same objects.
   */
  readonly docsJson?: string;
  /**
   * The segment's cluster state without its single settings (auto host endpoints, ...: some hold parsed selectors),
   * or `undefined` when an object in it was refused.
   */
  readonly state?: Record<string, unknown>;
  /** The last object that set each single setting of the state, read again on merge. */
  readonly setters?: Map<string, unknown>;
}

/** `v1` kinds the summary reads, or whose addresses may clash with those of its endpoints (ingest's claimIp). */
const CORE_KINDS: ReadonlySet<unknown> = new Set(['Pod', 'Node', 'Service', 'Namespace', 'ServiceAccount']);
/** Calico kinds the summary reads (explicit and automatic host endpoints). */
const CALICO_KINDS: ReadonlySet<unknown> = new Set(['HostEndpoint', 'KubeControllersConfiguration']);

/** True for the objects this module reads into the cluster state (as ingest routes them: by apiVersion, then kind). */
function endpointKind(o: Record<string, any>): boolean {
  if (o.apiVersion === 'v1') return CORE_KINDS.has(o.kind);
  return typeof o.apiVersion === 'string' && o.apiVersion.startsWith('projectcalico.org/') && CALICO_KINDS.has(o.kind);
}

/** A Map of any realm (a posted one, or one structuredClone made, is not an `instanceof Map` of every realm). */
function isMap(v: unknown): v is Map<unknown, unknown> {
  return Object.prototype.toString.call(v) === '[object Map]';
}

function isCollection(v: unknown): v is Map<unknown, unknown> | unknown[] {
  return isMap(v) || Array.isArray(v);
}

/** Reads the documents of one segment. */
export class LintSegment {
  private readonly docs: unknown[] = [];
  private readonly compactor = new LintCompactor();
  private state: ClusterState | undefined = newClusterState();
  private readonly setters = new Map<string, unknown>();

  /** The projections read so far, in order (the thread that read them may lint them too: lib/cli/read-once.ts). */
  get projections(): readonly unknown[] {
    return this.docs;
  }

  /** Reads one document (a `List` is read item by item, as ingest and the rules read it). */
  add(doc: unknown): void {
    // The projection is read, not the document: it holds every field ingest reads (lint-projection.ts), and what the
    // state keeps of it (labels, names) then holds no string sliced from the file's text.
    const projected = this.compactor.project(doc);
    this.docs.push(projected);
    if (!this.state) return;
    // A List's items one by one (as flattenDocs expands them); any other document on its own, without an array.
    if (!isKubeList(projected)) this.read(projected);
    else for (const o of kubeObjects([projected])) if (!this.read(o)) return;
  }

  /** Reads one object into the state when it is of the kinds above; false once the state is refused. */
  private read(o: unknown): boolean {
    // Non-objects are not the engine's (LintContext drops them before building its model); see the module comment.
    if (o === null || typeof o !== 'object' || Array.isArray(o) || !endpointKind(o as Record<string, any>)) return true;
    try {
      this.ingest(o);
      return true;
    } catch {
      this.state = undefined; // refused: the caller lints the documents themselves
      return false;
    }
  }

  private ingest(o: object): void {
    const s = this.state! as unknown as Record<string, unknown>;
    const before = Object.values(s);
    ingestObject(s as unknown as ClusterState, o, 'document');
    // A single setting this object set (collections keep their identity; a new key comes last, in insertion order).
    const keys = Object.keys(s);
    for (let i = 0; i < keys.length; i++) {
      const v = s[keys[i]];
      if ((i >= before.length || before[i] !== v) && !isCollection(v)) this.setters.set(keys[i], o);
    }
  }

  /**
   * The projections as another thread is sent them: JSON text when that keeps them as they are (about twice as fast
   * as the structured clone of the objects both ways), else the objects.
   */
  postable(): string | readonly unknown[] {
    return this.compactor.jsonSafe ? JSON.stringify(this.docs) : this.docs;
  }

  /**
   * The segment as plain data.
   * @param toPost the segment goes to another thread: its projections as JSON text when that keeps them as they are
   */
  pack(toPost = false): PackedLintSegment {
    const posted = toPost ? this.postable() : this.docs;
    const docs = typeof posted === 'string' ? { docsJson: posted } : { docs: this.docs };
    const s = this.state;
    if (!s) return docs;
    const state: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(s)) if (isCollection(v)) state[k] = v;
    return { ...docs, state, setters: this.setters };
  }
}

/** Merged segments: the projections of every document in order, and the model summary when it is proven exact. */
export interface StreamedLint {
  readonly docs: unknown[];
  readonly summary?: LintModelSummary;
}

/** The segments, in document order, as one. */
export function mergeLintSegments(segments: readonly PackedLintSegment[]): StreamedLint {
  const docs: unknown[] = [];
  for (const seg of segments) for (const d of segmentDocs(seg)) docs.push(d);
  const state = mergeStates(segments);
  if (!state) return { docs };
  try {
    const summary = summarizeModel(buildModel(state, { keepPolicies: false }));
    return summary.dnsPods ? { docs } : { docs, summary };
  } catch {
    return { docs };
  }
}

function segmentDocs(seg: PackedLintSegment): unknown[] {
  return seg.docsJson !== undefined ? (JSON.parse(seg.docsJson) as unknown[]) : (seg.docs ?? []);
}

/** The cluster state the segments' documents give read in one go; `undefined` when that one would be refused. */
function mergeStates(segments: readonly PackedLintSegment[]): ClusterState | undefined {
  const out = newClusterState() as unknown as Record<string, unknown>;
  const owners = out.ipOwners as Map<string, IpOwner>;
  const setters = new Map<string, unknown>();
  for (const { state, setters: set } of segments) {
    if (!state) return undefined;
    for (const [ip, owner] of state.ipOwners as Map<string, IpOwner>) {
      const first = owners.get(ip);
      if (!first) owners.set(ip, owner);
      // As ingest's claimIp: one object may name its address in two fields; anything else is refused.
      else if (formatRef(first.ref) !== formatRef(owner.ref) || first.field === owner.field) return undefined;
    }
    for (const [k, v] of Object.entries(state)) {
      if (k === 'ipOwners') continue;
      const into = (out[k] ??= isMap(v) ? new Map() : []);
      if (isMap(v)) for (const [mk, mv] of v) (into as Map<unknown, unknown>).set(mk, mv);
      else for (const x of v as unknown[]) (into as unknown[]).push(x);
    }
    for (const [k, doc] of set ?? []) setters.set(k, doc);
  }
  // Single settings: the last object that set each, read again (the later one wins, as in one read).
  for (const [k, doc] of setters) {
    const read = newClusterState() as unknown as Record<string, unknown>;
    ingestObject(read as unknown as ClusterState, doc, 'document');
    out[k] = read[k];
  }
  return out as unknown as ClusterState;
}

/** Lints documents one at a time in one segment (the in-thread form of the above). */
export function streamLintDocuments(docs: Iterable<unknown>): StreamedLint {
  const seg = new LintSegment();
  for (const d of docs) seg.add(d);
  return mergeLintSegments([seg.pack()]);
}

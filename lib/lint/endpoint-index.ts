/**
 * Endpoints indexed by label, so "does this selector select any of them" does not try every endpoint for every
 * policy (lint over 100,000 pods and 10,000 policies would be 10^9 matches). A selector's tree gives the endpoints
 * it may select: `k == "v"` and `k in {...}` those with that value, `has(k)` and the string operators those with
 * the label, `&&` the smallest of its operands' sets, `||` their union; `!`, `!=`, `not in`, `all()` and `global()`
 * may select any. Candidates are then matched in full (Calico's evaluation), so the answer is exactly the scan's.
 */
import { Selector } from '../selector';
import type { SelectorNode } from '../selector/ast';
import { selectorTree } from '../selector/selector-tree';

/** Anything with labels. */
export interface Labelled {
  readonly labels: Readonly<Record<string, string>>;
}

const hasOwn = Object.prototype.hasOwnProperty;

/** The endpoints with one label key: all of them, and those by (string) value, in list order. */
interface KeyLists<E> {
  readonly all: readonly E[];
  readonly byValue: ReadonlyMap<string, readonly E[]>;
}

const NONE: readonly never[] = [];

/**
 * An immutable list of endpoints with label indexes and memoised answers. Each label key's lists are built the first
 * time a selector names the key: selectors name few keys (`app`, `projectcalico.org/namespace`, `rack`) while
 * endpoints carry many (every workload has its namespace's and service account's labels), so indexing every key of
 * every endpoint up front cost more than all the queries (bench/large-input.ts: 135,000 endpoints).
 */
export class EndpointIndex<E extends Labelled> {
  private readonly byKey = new Map<string, KeyLists<E>>();
  private readonly someMemo = new Map<string, boolean>();
  private readonly filterMemo = new Map<string, readonly E[]>();
  /** The same answers by Selector object: the lint's selectors are parsed once per text and asked many times. */
  private readonly someBySelector = new WeakMap<Selector, boolean>();

  /** Indexes whose endpoints, in order, are this one's: its label lists are theirs joined, no label read again. */
  private parts?: readonly EndpointIndex<E>[];

  constructor(readonly endpoints: readonly E[]) {}

  /**
   * The index of the endpoints of `parts` one list after the other (`[...a.endpoints, ...b.endpoints]`), built from
   * their label indexes: each label list is the parts' lists joined, already in the joined order.
   */
  static concat<E extends Labelled>(parts: readonly EndpointIndex<E>[]): EndpointIndex<E> {
    const all: E[] = [];
    for (const p of parts) for (let i = 0; i < p.endpoints.length; i++) all.push(p.endpoints[i]);
    const out = new EndpointIndex<E>(all);
    out.parts = parts;
    return out;
  }

  /** True when `sel` selects at least one endpoint (same answer as `endpoints.some(e => sel.matches(e.labels))`). */
  some(sel: Selector): boolean {
    let hit = this.someBySelector.get(sel);
    if (hit !== undefined) return hit;
    const key = sel.toString();
    hit = this.someMemo.get(key);
    if (hit === undefined) {
      hit = false;
      for (const list of this.candidates(sel)) {
        if (list.some((e) => sel.matches(e.labels))) {
          hit = true;
          break;
        }
      }
      this.someMemo.set(key, hit);
    }
    this.someBySelector.set(sel, hit);
    return hit;
  }

  /** The endpoints `sel` selects, in list order (same as `endpoints.filter(...)`). */
  filter(sel: Selector): readonly E[] {
    const key = sel.toString();
    let hit = this.filterMemo.get(key);
    if (hit === undefined) {
      const lists = this.candidates(sel);
      if (lists.length === 1) {
        hit = lists[0].filter((e) => sel.matches(e.labels)); // one list: in list order, no endpoint twice
      } else {
        const found = new Set<E>();
        for (const list of lists) for (const e of list) if (sel.matches(e.labels)) found.add(e);
        // Candidate lists are in list order each, but a union is not: restore the order.
        hit = this.endpoints.filter((e) => found.has(e));
      }
      this.filterMemo.set(key, hit);
    }
    return hit;
  }

  /** Lists whose union holds every endpoint `sel` may select. */
  private candidates(sel: Selector): ReadonlyArray<readonly E[]> {
    return this.narrow(selectorTree(sel), 0) ?? [this.endpoints];
  }

  /** `undefined`: any endpoint may match. Depth-bounded: a deeply nested tree just scans. */
  private narrow(node: SelectorNode, depth: number): ReadonlyArray<readonly E[]> | undefined {
    if (depth > 50) return undefined;
    switch (node.kind) {
      case 'eq':
        return [this.withKey(node.key).byValue.get(node.value) ?? NONE];
      case 'in': {
        const byValue = this.withKey(node.key).byValue;
        return node.values.map((v) => byValue.get(v) ?? NONE);
      }
      case 'has':
      case 'contains':
      case 'startsWith':
      case 'endsWith':
        return [this.withKey(node.key).all];
      case 'and': {
        let best: ReadonlyArray<readonly E[]> | undefined;
        let size = Infinity;
        for (const o of node.operands) {
          const c = this.narrow(o, depth + 1);
          if (c === undefined) continue;
          const n = c.reduce((s, l) => s + l.length, 0);
          if (n < size) {
            best = c;
            size = n;
          }
        }
        return best;
      }
      case 'or': {
        const out: Array<readonly E[]> = [];
        for (const o of node.operands) {
          const c = this.narrow(o, depth + 1);
          if (c === undefined) return undefined;
          out.push(...c);
        }
        return out;
      }
      default:
        return undefined;
    }
  }

  /** The lists of label key `k`, built on first use. */
  private withKey(k: string): KeyLists<E> {
    let lists = this.byKey.get(k);
    if (!lists) this.byKey.set(k, (lists = this.parts ? this.joinKey(this.parts, k) : scanKey(this.endpoints, k)));
    return lists;
  }

  /** The lists of `k` of `parts` joined in order (see {@link concat}); a list one part alone has is shared. */
  private joinKey(parts: readonly EndpointIndex<E>[], k: string): KeyLists<E> {
    let all: readonly E[] = NONE;
    const byValue = new Map<string, readonly E[]>();
    for (const part of parts) {
      const lists = part.withKey(k);
      if (lists.all.length > 0) all = all.length === 0 ? lists.all : all.concat(lists.all);
      for (const [v, list] of lists.byValue) {
        const have = byValue.get(v);
        byValue.set(v, have ? have.concat(list) : list);
      }
    }
    return { all, byValue };
  }
}

/** The endpoints carrying label `k` (an own key, whatever its value) and, for string values, by value. */
function scanKey<E extends Labelled>(endpoints: readonly E[], k: string): KeyLists<E> {
  const all: E[] = [];
  const byValue = new Map<string, E[]>();
  for (let i = 0; i < endpoints.length; i++) {
    const e = endpoints[i];
    const labels = e.labels;
    if (!hasOwn.call(labels, k)) continue;
    all.push(e);
    const v = labels[k];
    if (typeof v !== 'string') continue;
    const list = byValue.get(v);
    if (list) list.push(e);
    else byValue.set(v, [e]);
  }
  return { all, byValue };
}

/**
 * Endpoints indexed by label, so "does this selector select any of them" does not try every endpoint for every
 * policy (lint over 100,000 pods and 10,000 policies would be 10^9 matches). A selector's tree gives the endpoints
 * it may select: `k == "v"` and `k in {...}` those with that value, `has(k)` and the string operators those with
 * the label, `&&` the smallest of its operands' sets, `||` their union; `!`, `!=`, `not in`, `all()` and `global()`
 * may select any. Candidates are then matched in full (Calico's evaluation), so the answer is exactly the scan's.
 */
import { Selector } from '../selector';
import type { SelectorNode } from '../selector/ast';
import { parseSelector } from '../selector/parser';

/** Anything with labels. */
export interface Labelled {
  readonly labels: Readonly<Record<string, string>>;
}

const hasOwn = Object.prototype.hasOwnProperty;

/** An immutable list of endpoints with label indexes (built on first query) and memoised answers. */
export class EndpointIndex<E extends Labelled> {
  private withKey?: Map<string, E[]>;
  private withValue?: Map<string, Map<string, E[]>>;
  private readonly someMemo = new Map<string, boolean>();
  private readonly filterMemo = new Map<string, readonly E[]>();

  /** Indexes whose endpoints, in order, are this one's: its label lists are theirs joined, no label read again. */
  private parts?: readonly EndpointIndex<E>[];

  constructor(readonly endpoints: readonly E[]) {}

  /**
   * The index of the endpoints of `parts` one list after the other (`[...a.endpoints, ...b.endpoints]`), built from
   * their label indexes: each label list is the parts' lists joined, already in the joined order.
   */
  static concat<E extends Labelled>(parts: readonly EndpointIndex<E>[]): EndpointIndex<E> {
    const all: E[] = [];
    for (const p of parts) for (const e of p.endpoints) all.push(e);
    const out = new EndpointIndex<E>(all);
    out.parts = parts;
    return out;
  }

  /** True when `sel` selects at least one endpoint (same answer as `endpoints.some(e => sel.matches(e.labels))`). */
  some(sel: Selector): boolean {
    const key = sel.toString();
    let hit = this.someMemo.get(key);
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
    return hit;
  }

  /** The endpoints `sel` selects, in list order (same as `endpoints.filter(...)`). */
  filter(sel: Selector): readonly E[] {
    const key = sel.toString();
    let hit = this.filterMemo.get(key);
    if (hit === undefined) {
      const lists = this.candidates(sel);
      const found = new Set<E>();
      for (const list of lists) for (const e of list) if (sel.matches(e.labels)) found.add(e);
      // Candidate lists are in list order each, but a union is not: restore the order when several were merged.
      hit = lists.length === 1 ? [...found] : this.endpoints.filter((e) => found.has(e));
      this.filterMemo.set(key, hit);
    }
    return hit;
  }

  /** Lists whose union holds every endpoint `sel` may select. */
  private candidates(sel: Selector): ReadonlyArray<readonly E[]> {
    let node: SelectorNode;
    try {
      node = parseSelector(sel.toString());
    } catch {
      return [this.endpoints];
    }
    return this.narrow(node, 0) ?? [this.endpoints];
  }

  /** `undefined`: any endpoint may match. Depth-bounded: a deeply nested tree just scans. */
  private narrow(node: SelectorNode, depth: number): ReadonlyArray<readonly E[]> | undefined {
    if (depth > 50) return undefined;
    switch (node.kind) {
      case 'eq':
        return [this.valueIndex().get(node.key)?.get(node.value) ?? []];
      case 'in':
        return node.values.map((v) => this.valueIndex().get(node.key)?.get(v) ?? []);
      case 'has':
      case 'contains':
      case 'startsWith':
      case 'endsWith':
        return [this.keyIndex().get(node.key) ?? []];
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

  private keyIndex(): Map<string, E[]> {
    if (!this.withKey) this.build();
    return this.withKey!;
  }

  private valueIndex(): Map<string, Map<string, E[]>> {
    if (!this.withValue) this.build();
    return this.withValue!;
  }

  private build(): void {
    if (this.parts) {
      this.join(this.parts);
      return;
    }
    const withKey = new Map<string, E[]>();
    const withValue = new Map<string, Map<string, E[]>>();
    for (const e of this.endpoints) {
      for (const k in e.labels) {
        if (!hasOwn.call(e.labels, k)) continue;
        const v = e.labels[k];
        let keyed = withKey.get(k);
        if (!keyed) withKey.set(k, (keyed = []));
        keyed.push(e);
        if (typeof v !== 'string') continue;
        let values = withValue.get(k);
        if (!values) withValue.set(k, (values = new Map()));
        let list = values.get(v);
        if (!list) values.set(v, (list = []));
        list.push(e);
      }
    }
    this.withKey = withKey;
    this.withValue = withValue;
  }

  /** The label lists of `parts` joined in order (see {@link concat}). */
  private join(parts: readonly EndpointIndex<E>[]): void {
    const withKey = new Map<string, E[]>();
    const withValue = new Map<string, Map<string, E[]>>();
    // Lists are never changed once built, so a list only one part has is shared, and joined lists are new arrays.
    const append = (into: Map<string, E[]>, k: string, list: E[]): void => {
      const have = into.get(k);
      into.set(k, have ? have.concat(list) : list);
    };
    for (const part of parts) {
      for (const [k, list] of part.keyIndex()) append(withKey, k, list);
      for (const [k, values] of part.valueIndex()) {
        let into = withValue.get(k);
        if (!into) withValue.set(k, (into = new Map()));
        for (const [v, list] of values) append(into, v, list);
      }
    }
    this.withKey = withKey;
    this.withValue = withValue;
  }
}

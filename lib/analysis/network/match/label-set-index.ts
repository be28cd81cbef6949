/**
 * Selectors evaluated over every distinct label set at once: an inverted index of the label sets (label key → value →
 * the sets that carry it) turns each selector node into a bitset operation, with the semantics of the selector
 * language's `evaluate` (lib/selector/evaluate.ts, after upstream `Evaluate`: an absent label makes `!=` and
 * `not in` true and every other comparison false). A 10,000-endpoint matrix asks thousands of selectors about
 * thousands of label sets; this costs a few word operations per selector node instead of one evaluation per set.
 */
import type { SelectorNode } from '../../../selector/ast';
import { evaluate, Labels } from '../../../selector/evaluate';

/** Nesting evaluated through the index; deeper subtrees are evaluated label set by label set. */
const DEPTH_LIMIT = 100;

/** An inverted index over label sets. */
export class LabelSetIndex {
  private readonly words: number;
  private readonly byKey = new Map<string, Map<string, Uint32Array>>();
  private readonly hasKey = new Map<string, Uint32Array>();
  private readonly all: Uint32Array;

  constructor(private readonly sets: readonly Labels[]) {
    this.words = (sets.length + 31) >>> 5;
    this.all = new Uint32Array(this.words);
    for (let s = 0; s < sets.length; s++) {
      this.all[s >>> 5] |= 1 << (s & 31);
      const labels = sets[s];
      for (const key of Object.keys(labels)) {
        const value = labels[key];
        if (typeof value !== 'string') continue; // `evaluate` sees no label there either
        let values = this.byKey.get(key);
        if (!values) {
          this.byKey.set(key, (values = new Map()));
          this.hasKey.set(key, new Uint32Array(this.words));
        }
        let set = values.get(value);
        if (!set) values.set(value, (set = new Uint32Array(this.words)));
        set[s >>> 5] |= 1 << (s & 31);
        this.hasKey.get(key)![s >>> 5] |= 1 << (s & 31);
      }
    }
  }

  /** The label sets `node` matches, as a bitset (bit `s` for label set `s`). */
  matching(node: SelectorNode): Uint32Array {
    return this.at(node, 0);
  }

  private empty(): Uint32Array {
    return new Uint32Array(this.words);
  }

  private not(x: Uint32Array): Uint32Array {
    const out = this.empty();
    for (let k = 0; k < this.words; k++) out[k] = this.all[k] & ~x[k];
    return out;
  }

  /** Label sets whose value of `key` satisfies `test`. */
  private values(key: string, test: (v: string) => boolean): Uint32Array {
    const out = this.empty();
    for (const [v, set] of this.byKey.get(key) ?? []) {
      if (!test(v)) continue;
      for (let k = 0; k < this.words; k++) out[k] |= set[k];
    }
    return out;
  }

  private eq(key: string, value: string): Uint32Array {
    return this.byKey.get(key)?.get(value)?.slice() ?? this.empty();
  }

  private at(node: SelectorNode, depth: number): Uint32Array {
    if (depth >= DEPTH_LIMIT) return this.oneByOne(node);
    switch (node.kind) {
      case 'all':
      case 'global':
        return this.all.slice();
      case 'has':
        return this.hasKey.get(node.key)?.slice() ?? this.empty();
      case 'eq':
        return this.eq(node.key, node.value);
      case 'ne':
        return this.not(this.eq(node.key, node.value));
      case 'contains':
        return this.values(node.key, (v) => v.includes(node.value));
      case 'startsWith':
        return this.values(node.key, (v) => v.startsWith(node.value));
      case 'endsWith':
        return this.values(node.key, (v) => v.endsWith(node.value));
      case 'in':
        return this.values(node.key, (v) => node.lookup.has(v));
      case 'notIn':
        return this.not(this.values(node.key, (v) => node.lookup.has(v)));
      case 'not':
        return this.not(this.at(node.operand, depth + 1));
      case 'and': {
        const out = this.at(node.operands[0], depth + 1);
        for (let i = 1; i < node.operands.length; i++) {
          const b = this.at(node.operands[i], depth + 1);
          for (let k = 0; k < this.words; k++) out[k] &= b[k];
        }
        return out;
      }
      case 'or': {
        const out = this.at(node.operands[0], depth + 1);
        for (let i = 1; i < node.operands.length; i++) {
          const b = this.at(node.operands[i], depth + 1);
          for (let k = 0; k < this.words; k++) out[k] |= b[k];
        }
        return out;
      }
    }
  }

  /** `evaluate` on each label set (deeply nested subtrees). */
  private oneByOne(node: SelectorNode): Uint32Array {
    const out = this.empty();
    for (let s = 0; s < this.sets.length; s++) if (evaluate(node, this.sets[s])) out[s >>> 5] |= 1 << (s & 31);
    return out;
  }
}

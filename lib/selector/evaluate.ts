/**
 * Evaluation of a selector tree against a label map, with upstream semantics: an absent label makes
 * `!=` and `not in` true and every other comparison false. Allocation-free.
 */
import type { SelectorNode } from './ast';

const hasOwn = Object.prototype.hasOwnProperty;

/** Labels to match against: own enumerable string properties only (inherited keys are ignored). */
export type Labels = Readonly<Record<string, string>>;

/** The label's value, or `undefined` when the map has no own property `key`. */
function lookup(labels: Labels, key: string): string | undefined {
  const v = labels[key];
  if (v === undefined || !hasOwn.call(labels, key)) return undefined;
  return v;
}

/** Evaluates `node` against `labels` exactly as upstream `Evaluate` does. */
export function evaluate(node: SelectorNode, labels: Labels): boolean {
  switch (node.kind) {
    case 'all':
    case 'global':
      return true;
    case 'has':
      return lookup(labels, node.key) !== undefined;
    case 'eq': {
      const v = lookup(labels, node.key);
      return v !== undefined && v === node.value;
    }
    case 'ne': {
      const v = lookup(labels, node.key);
      return v === undefined || v !== node.value;
    }
    case 'contains': {
      const v = lookup(labels, node.key);
      return v !== undefined && v.includes(node.value);
    }
    case 'startsWith': {
      const v = lookup(labels, node.key);
      return v !== undefined && v.startsWith(node.value);
    }
    case 'endsWith': {
      const v = lookup(labels, node.key);
      return v !== undefined && v.endsWith(node.value);
    }
    case 'in': {
      const v = lookup(labels, node.key);
      return v !== undefined && node.lookup.has(v);
    }
    case 'notIn': {
      const v = lookup(labels, node.key);
      return v === undefined || !node.lookup.has(v);
    }
    case 'not':
      return !evaluate(node.operand, labels);
    case 'and': {
      const ops = node.operands;
      for (let i = 0; i < ops.length; i++) if (!evaluate(ops[i], labels)) return false;
      return true;
    }
    case 'or': {
      const ops = node.operands;
      for (let i = 0; i < ops.length; i++) if (evaluate(ops[i], labels)) return true;
      return false;
    }
  }
}

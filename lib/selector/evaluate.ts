/**
 * Evaluation of a selector tree against a label map, with upstream semantics: an absent label makes
 * `!=` and `not in` true and every other comparison false. Allocation-free up to a nesting of 200.
 */
import type { GroupNode, NotNode, SelectorNode } from './ast';

const hasOwn = Object.prototype.hasOwnProperty;

/** Labels to match against: own enumerable string properties only (inherited keys are ignored). */
export type Labels = Readonly<Record<string, string>>;

/** The label's value, or `undefined` when the map has no own property `key`. */
function lookup(labels: Labels, key: string): string | undefined {
  const v = labels[key];
  if (v === undefined || !hasOwn.call(labels, key)) return undefined;
  return v;
}

/**
 * Nesting handled by plain recursion; deeper subtrees (a selector may nest without limit, as upstream's does) are
 * evaluated with an explicit stack so that no input can exhaust the call stack.
 */
const RECURSION_LIMIT = 200;

/** Evaluates `node` against `labels` exactly as upstream `Evaluate` does. */
export function evaluate(node: SelectorNode, labels: Labels): boolean {
  return evaluateAt(node, labels, 0);
}

function evaluateAt(node: SelectorNode, labels: Labels, depth: number): boolean {
  if (depth >= RECURSION_LIMIT) return evaluateDeep(node, labels);
  switch (node.kind) {
    case 'not':
      return !evaluateAt(node.operand, labels, depth + 1);
    case 'and': {
      const ops = node.operands;
      for (let i = 0; i < ops.length; i++) if (!evaluateAt(ops[i], labels, depth + 1)) return false;
      return true;
    }
    case 'or': {
      const ops = node.operands;
      for (let i = 0; i < ops.length; i++) if (evaluateAt(ops[i], labels, depth + 1)) return true;
      return false;
    }
    default:
      return evaluateLeaf(node, labels);
  }
}

type LeafNode = Exclude<SelectorNode, NotNode | GroupNode>;

function evaluateLeaf(node: LeafNode, labels: Labels): boolean {
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
  }
}

/** Post-order evaluation with an explicit stack, short-circuiting AND/OR like the recursive form. */
function evaluateDeep(root: SelectorNode, labels: Labels): boolean {
  const stack: Array<{ readonly node: NotNode | GroupNode; next: number }> = [];
  let node = root;
  for (;;) {
    while (node.kind === 'not' || node.kind === 'and' || node.kind === 'or') {
      stack.push({ node, next: 1 });
      node = node.kind === 'not' ? node.operand : node.operands[0];
    }
    let result = evaluateLeaf(node as LeafNode, labels); // the descent above stops at a leaf
    for (;;) {
      const top = stack[stack.length - 1];
      if (top === undefined) return result;
      const parent = top.node;
      if (parent.kind === 'not') {
        result = !result;
        stack.pop();
        continue;
      }
      const decided = parent.kind === 'and' ? !result : result;
      if (decided || top.next >= parent.operands.length) {
        stack.pop();
        continue;
      }
      node = parent.operands[top.next++];
      break;
    }
  }
}

/** Structural queries over a selector tree. */
import type { SelectorNode } from './ast';

/** Adds every label key referenced by `node` to `into`. */
export function collectLabelKeys(node: SelectorNode, into: Set<string>): void {
  switch (node.kind) {
    case 'all':
    case 'global':
      return;
    case 'not':
      collectLabelKeys(node.operand, into);
      return;
    case 'and':
    case 'or':
      for (const op of node.operands) collectLabelKeys(op, into);
      return;
    default:
      into.add(node.key);
  }
}

/** True when a `global()` node appears anywhere in the tree. */
export function containsGlobal(node: SelectorNode): boolean {
  switch (node.kind) {
    case 'global':
      return true;
    case 'not':
      return containsGlobal(node.operand);
    case 'and':
    case 'or':
      return node.operands.some(containsGlobal);
    default:
      return false;
  }
}

/** Height of the tree (a leaf has depth 1). */
export function treeDepth(node: SelectorNode): number {
  switch (node.kind) {
    case 'not':
      return 1 + treeDepth(node.operand);
    case 'and':
    case 'or': {
      let max = 0;
      for (const op of node.operands) max = Math.max(max, treeDepth(op));
      return 1 + max;
    }
    default:
      return 1;
  }
}

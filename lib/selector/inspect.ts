/**
 * Structural queries over a selector tree. Each walks the tree with an explicit stack: selectors nest without limit
 * (as upstream's do), so no query may depend on the call stack.
 */
import type { SelectorNode } from './ast';

/** The direct operands of a node (none for a leaf). */
function childrenOf(node: SelectorNode): readonly SelectorNode[] {
  switch (node.kind) {
    case 'not':
      return [node.operand];
    case 'and':
    case 'or':
      return node.operands;
    default:
      return [];
  }
}

/** Adds every label key referenced by `node` to `into`. */
export function collectLabelKeys(node: SelectorNode, into: Set<string>): void {
  const pending = [node];
  while (pending.length > 0) {
    const n = pending.pop()!;
    if ('key' in n) into.add(n.key);
    else for (const c of childrenOf(n)) pending.push(c);
  }
}

/** True when a `global()` node appears anywhere in the tree. */
export function containsGlobal(node: SelectorNode): boolean {
  const pending = [node];
  while (pending.length > 0) {
    const n = pending.pop()!;
    if (n.kind === 'global') return true;
    for (const c of childrenOf(n)) pending.push(c);
  }
  return false;
}

/** Height of the tree (a leaf has depth 1). */
export function treeDepth(node: SelectorNode): number {
  let max = 0;
  const pending: Array<{ readonly node: SelectorNode; readonly depth: number }> = [{ node, depth: 1 }];
  while (pending.length > 0) {
    const { node: n, depth } = pending.pop()!;
    if (depth > max) max = depth;
    for (const c of childrenOf(n)) pending.push({ node: c, depth: depth + 1 });
  }
  return max;
}

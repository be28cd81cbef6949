/**
 * Tree rewriting without recursion: selectors nest without limit (as upstream's do), so a rewrite such as upstream's
 * `parser.PrefixVisitor` must not depend on the call stack.
 */
import { groupNode, notNode, type GroupNode, type NotNode, type SelectorNode } from './ast';

/** A node that is neither a group nor a negation. */
export type SelectorLeaf = Exclude<SelectorNode, NotNode | GroupNode>;

/**
 * Returns a copy of `node` with every leaf replaced by `fn(leaf)`; `!` and AND/OR groups keep their shape. Works
 * through an explicit stack, post-order, so trees of any depth are rewritten.
 */
export function mapLeaves(node: SelectorNode, fn: (leaf: SelectorLeaf) => SelectorNode): SelectorNode {
  type Frame = { readonly node: NotNode | GroupNode; readonly done: SelectorNode[] };
  const stack: Frame[] = [];
  let current = node;
  for (;;) {
    while (current.kind === 'not' || current.kind === 'and' || current.kind === 'or') {
      stack.push({ node: current, done: [] });
      current = current.kind === 'not' ? current.operand : current.operands[0];
    }
    let result = fn(current as SelectorLeaf); // the descent above stops at a leaf
    for (;;) {
      const top = stack[stack.length - 1];
      if (top === undefined) return result;
      top.done.push(result);
      const parent = top.node;
      const total = parent.kind === 'not' ? 1 : parent.operands.length;
      if (top.done.length < total) {
        current = (parent as GroupNode).operands[top.done.length];
        break;
      }
      stack.pop();
      result = parent.kind === 'not' ? notNode(top.done[0]) : groupNode(parent.kind, top.done);
    }
  }
}

/**
 * Canonical rendering, byte-for-byte as upstream `Selector.String()` (`collectFragments`):
 * every AND/OR group parenthesised (also at top level), `!` written directly before its operand,
 * strings double-quoted unless they contain `"`, set members sorted and de-duplicated.
 */
import type { SelectorNode } from './ast';
import { quoteValue } from './labels';

const COMPARE_SPELLING = {
  eq: ' == ',
  ne: ' != ',
  contains: ' contains ',
  startsWith: ' starts with ',
  endsWith: ' ends with ',
} as const;

/**
 * Renders `node` in Calico's canonical form. Works through an explicit stack of pending nodes and text, so a tree
 * of any depth renders without recursion.
 */
export function render(node: SelectorNode): string {
  const out: string[] = [];
  const pending: Array<SelectorNode | string> = [node];
  while (pending.length > 0) {
    const item = pending.pop()!;
    if (typeof item === 'string') out.push(item);
    else emit(item, out, pending);
  }
  return out.join('');
}

/** Writes a node's own text and schedules its operands (pushed in reverse, so they pop in order). */
function emit(node: SelectorNode, out: string[], pending: Array<SelectorNode | string>): void {
  switch (node.kind) {
    case 'all':
      out.push('all()');
      return;
    case 'global':
      out.push('global()');
      return;
    case 'has':
      out.push('has(', node.key, ')');
      return;
    case 'eq':
    case 'ne':
    case 'contains':
    case 'startsWith':
    case 'endsWith':
      out.push(node.key, COMPARE_SPELLING[node.kind], quoteValue(node.value));
      return;
    case 'in':
    case 'notIn':
      out.push(node.key, node.kind === 'in' ? ' in {' : ' not in {');
      node.values.forEach((v, i) => out.push(i === 0 ? '' : ', ', quoteValue(v)));
      out.push('}');
      return;
    case 'not':
      out.push('!');
      pending.push(node.operand);
      return;
    case 'and':
    case 'or': {
      const sep = node.kind === 'and' ? ' && ' : ' || ';
      out.push('(');
      pending.push(')');
      for (let i = node.operands.length - 1; i >= 0; i--) {
        pending.push(node.operands[i]);
        if (i > 0) pending.push(sep);
      }
      return;
    }
  }
}

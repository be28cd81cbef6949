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

/** Renders `node` in Calico's canonical form. */
export function render(node: SelectorNode): string {
  const out: string[] = [];
  collect(node, out);
  return out.join('');
}

function collect(node: SelectorNode, out: string[]): void {
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
      collect(node.operand, out);
      return;
    case 'and':
    case 'or': {
      const sep = node.kind === 'and' ? ' && ' : ' || ';
      out.push('(');
      node.operands.forEach((op, i) => {
        if (i > 0) out.push(sep);
        collect(op, out);
      });
      out.push(')');
      return;
    }
  }
}

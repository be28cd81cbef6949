import { objectIdentity } from '../validation/problem';
import { LintFinding } from './lint-finding';

/** A finding on `doc`: its identity, the field, the rule id, and `problem; fix: fix`. */
export function lintFinding(doc: unknown, path: string, rule: string, problem: string, fix: string): LintFinding {
  return { ...objectIdentity(doc), path, rule, message: `${problem}; fix: ${fix}` };
}

/** `a, b, c and 2 more`: short lists in messages, sorted so output is deterministic. */
export function listSome(items: Iterable<string>, max = 3): string {
  const distinct = new Set(items);
  const first = smallest(distinct, max);
  if (distinct.size <= max) return first.join(', ');
  return `${first.join(', ')} and ${distinct.size - max} more`;
}

/**
 * The `max` smallest of `items` in the order of the default sort, found without sorting them all: a message names three
 * of 45,000 node names (bench/large-input.ts). (The default sort orders strings by UTF-16 code units, as `<` does.)
 */
function smallest(items: ReadonlySet<string>, max: number): string[] {
  const out: string[] = [];
  for (const s of items) {
    if (out.length === max && !(s < out[max - 1])) continue;
    let i = out.length === max ? max - 1 : out.length;
    while (i > 0 && s < out[i - 1]) {
      out[i] = out[i - 1];
      i--;
    }
    out[i] = s;
  }
  return out;
}

import { objectIdentity } from '../validation/problem';
import { LintFinding } from './lint-finding';

/** A finding on `doc`: its identity, the field, the rule id, and `problem; fix: fix`. */
export function lintFinding(doc: unknown, path: string, rule: string, problem: string, fix: string): LintFinding {
  return { ...objectIdentity(doc), path, rule, message: `${problem}; fix: ${fix}` };
}

/** `a, b, c and 2 more`: short lists in messages, sorted so output is deterministic. */
export function listSome(items: readonly string[], max = 3): string {
  const sorted = [...new Set(items)].sort();
  if (sorted.length <= max) return sorted.join(', ');
  return `${sorted.slice(0, max).join(', ')} and ${sorted.length - max} more`;
}

/**
 * Selector fields: parse with the library's selector parser (libcalico-go semantics) and classify global() use.
 * Never throws: a parse failure becomes a `calico.selector.syntax` finding.
 */
import { Selector, SelectorSyntaxError } from '../../selector';
import { Findings, isAbsent } from './util';

/**
 * Parses the selector at `path` if present. Absent → undefined. Wrong type → `calico.field.type`.
 * Syntax error → `calico.selector.syntax` and undefined.
 */
export function parseSelectorInto(v: unknown, path: string, f: Findings): Selector | undefined {
  if (isAbsent(v)) return undefined;
  if (typeof v !== 'string') {
    f.type(path, 'a selector string', v);
    return undefined;
  }
  try {
    return Selector.parse(v);
  } catch (e) {
    if (e instanceof SelectorSyntaxError) {
      f.add(
        path,
        'calico.selector.syntax',
        syntaxProblem(e),
        e.hint || 'fix the selector syntax (e.g. app == "web" && has(role))',
      );
    } else {
      f.add(
        path,
        'calico.selector.syntax',
        `invalid selector ${JSON.stringify(v)}: ${e instanceof Error ? e.message : String(e)}`,
        'fix the selector syntax (e.g. app == "web" && has(role))',
      );
    }
    return undefined;
  }
}

/**
 * The problem part of a parse error, without the `[Selector.parse] text: ` prefix and the `; fix: <hint>` suffix
 * (the finding adds its own path and fix).
 */
function syntaxProblem(e: SelectorSyntaxError): string {
  let text = e.message.replace(/^\[Selector\.parse\] text: /, '');
  for (const tail of [`; fix: ${e.hint}`, `; hint: ${e.hint}`]) {
    if (text.endsWith(tail)) text = text.slice(0, -tail.length);
  }
  return text;
}

/** True if the parsed selector uses global() anywhere. */
export function usesGlobal(sel: Selector | undefined): boolean {
  if (!sel) return false;
  try {
    return sel.usesGlobal();
  } catch {
    return false;
  }
}

/**
 * True if the selector is exactly global(), whitespace aside (upstream tokenizes and accepts only the global()
 * token, so a parenthesised "(global())" is rejected too).
 */
export function isGlobalOnly(sel: Selector | undefined, text: string): boolean {
  if (!sel) return false;
  try {
    return sel.isGlobalOnly() && text.replace(/[ \t]/g, '') === 'global()';
  } catch {
    return false;
  }
}

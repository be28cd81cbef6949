import { flattenDocs } from '../analysis/model/ingest';
import { objectIdentity } from '../validation/problem';
import { LintFinding } from './lint-finding';
import { LINT_RULE_SETS, LintRuleSet } from './lint-registry';
import { isAtLeast, isKnownLintRule, isLintSeverity, LINT_SEVERITIES, lintRuleInfo, LintSeverity, severityRank } from './lint-rules';

/** A lint finding with the severity of its rule. */
export interface SeverityLintFinding extends LintFinding {
  /** From the rule catalogue (`LINT_RULES`); `warning` for a rule id the catalogue does not know. */
  readonly severity: LintSeverity;
}

/** Options of {@link lintManifests}. */
export interface LintOptions {
  /**
   * Rule ids to skip; a prefix rule such as `psa.` skips its whole family.
   * @default - none
   */
  readonly disable?: readonly string[];
  /**
   * Report only findings at least this bad.
   * @default 'info' (everything)
   */
  readonly minSeverity?: LintSeverity;
  /**
   * The rule sets to run.
   * @default LINT_RULE_SETS
   */
  readonly ruleSets?: readonly LintRuleSet[];
}

/** Unknown ids among `ids` (neither a catalogued rule nor a prefix family). */
export function unknownLintRules(ids: readonly string[]): string[] {
  return ids.filter((id) => !isKnownLintRule(id));
}

function checkOptions(options: LintOptions): void {
  if (options.minSeverity !== undefined && !isLintSeverity(options.minSeverity)) {
    throw new Error(`lintManifests: options.minSeverity ${JSON.stringify(options.minSeverity)} is not a severity; fix: use one of ${LINT_SEVERITIES.join(', ')}`);
  }
  if (options.disable !== undefined && !Array.isArray(options.disable)) {
    throw new Error('lintManifests: options.disable must be a list of rule ids; fix: pass e.g. [\'lint.staged-policy\']');
  }
  const unknown = unknownLintRules(options.disable ?? []);
  if (unknown.length > 0) {
    throw new Error(`lintManifests: options.disable names unknown rule(s) ${unknown.map((u) => JSON.stringify(u)).join(', ')}; fix: use ids of LINT_RULES or a prefix such as psa.`);
  }
}

function isDisabled(rule: string, disable: readonly string[]): boolean {
  return disable.some((d) => rule === d || (d.endsWith('.') && rule.startsWith(d)));
}

/**
 * Runs every lint rule set over the manifests and returns the findings with their severity, worst first, then in
 * document order (the position of the object a finding names), then in the order the rule sets produced them.
 * Identical findings from two rule sets are reported once.
 *
 * @param docs plain Kubernetes objects (e.g. parsed YAML or `Testing.synth` output); `List`s are expanded
 * @throws Error naming the option and the fix when `options` is malformed
 */
export function lintManifests(docs: readonly unknown[], options: LintOptions = {}): SeverityLintFinding[] {
  if (!Array.isArray(docs)) throw new Error(`lintManifests: docs must be a list of objects, got ${docs === null ? 'null' : typeof docs}; fix: pass the parsed documents as an array`);
  checkOptions(options);
  // A fresh array per run: rule sets cache shared facts per array, and the caller's array may change between runs.
  const run: any[] = [...docs];
  const position = new Map<string, number>();
  flattenDocs(run).forEach(({ doc }, i) => {
    const key = identityKey(objectIdentity(doc));
    if (!position.has(key)) position.set(key, i);
  });
  const disable = options.disable ?? [];
  const min = options.minSeverity ?? 'info';
  const seen = new Set<string>();
  const out: Array<{ f: SeverityLintFinding; seq: number; pos: number }> = [];
  for (const ruleSet of options.ruleSets ?? LINT_RULE_SETS) {
    for (const f of ruleSet(run)) {
      if (isDisabled(f.rule, disable)) continue;
      const severity = lintRuleInfo(f.rule)?.severity ?? 'warning';
      if (!isAtLeast(severity, min)) continue;
      const key = JSON.stringify([f.rule, f.kind, f.namespace ?? '', f.name, f.path, f.message]);
      if (seen.has(key)) continue;
      seen.add(key);
      out.push({ f: { ...f, severity }, seq: out.length, pos: position.get(identityKey(f)) ?? Number.MAX_SAFE_INTEGER });
    }
  }
  out.sort((a, b) => severityRank(a.f.severity) - severityRank(b.f.severity) || a.pos - b.pos || a.seq - b.seq);
  return out.map((o) => o.f);
}

function identityKey(id: { kind: string; name: string; namespace?: string }): string {
  return `${id.kind}/${id.namespace ?? ''}/${id.name}`;
}

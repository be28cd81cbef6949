import {
  boundaryError,
  guardArray,
  guardKnownKeys,
  guardOptionalArray,
  guardOptionalEnum,
  guardProps,
  guardString,
  rejectInput,
} from '../model/primitives/guard';
import { forEachKubeObject } from '../model/documents/kube-list';
import { objectIdentity } from '../validation/problem';
import { LintFinding } from './lint-finding';
import { LintContext } from './lint-context';
import { LINT_RULE_SETS, LintRuleSet, MODEL_FREE_RULE_SETS, RULE_SET_RULES } from './lint-registry';
import type { LintModelSummary } from './model-summary';
import { isAtLeast, isKnownLintRule, LINT_SEVERITIES, lintRuleInfo, LintSeverity, severityRank } from './lint-rules';

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
  return guardArray(
    ids,
    'unknownLintRules',
    'ids',
    (v, f) => guardString(v, 'unknownLintRules', f, { expected: 'a rule id' }),
    { of: 'rule ids' },
  ).filter((id) => !isKnownLintRule(id));
}

const API = 'lintManifests';
const OPTION_KEYS = ['disable', 'minSeverity', 'ruleSets'];

function checkOptions(options: unknown): LintOptions {
  const o = guardProps(options as LintOptions | undefined, API, 'options');
  guardKnownKeys(o, OPTION_KEYS, API, 'options');
  guardOptionalEnum(o.minSeverity, LINT_SEVERITIES, API, 'options.minSeverity');
  const disable =
    guardOptionalArray(
      o.disable,
      API,
      'options.disable',
      (v, f) => guardString(v, API, f, { expected: 'a rule id such as lint.staged-policy' }),
      { of: 'rule ids' },
    ) ?? [];
  const unknown = disable.filter((id) => !isKnownLintRule(id));
  if (unknown.length > 0) {
    throw boundaryError(
      API,
      `options.disable[${disable.indexOf(unknown[0])}]`,
      `names unknown rule(s) ${unknown.map((u) => JSON.stringify(u)).join(', ')}; fix: use ids of LINT_RULES or a prefix such as psa.`,
    );
  }
  guardOptionalArray(
    o.ruleSets,
    API,
    'options.ruleSets',
    (v, f) => {
      if (typeof v !== 'function')
        rejectInput(
          API,
          f,
          'a rule set (a function of the documents, e.g. one of LINT_RULE_SETS)',
          v,
          'pass functions from LINT_RULE_SETS',
        );
      return v;
    },
    { of: 'rule sets' },
  );
  return o;
}

function isDisabled(rule: string, disable: readonly string[]): boolean {
  return disable.some((d) => rule === d || (d.endsWith('.') && rule.startsWith(d)));
}

/**
 * Runs every lint rule set over the manifests and returns the findings with their severity, worst first, then in
 * document order (the position of the object a finding names), then in the order the rule sets produced them.
 * Identical findings from two rule sets are reported once. Each finding carries `document`: the index in `docs` of
 * the document holding the object it names (its first one), so a caller can point at the file and line.
 *
 * @param docs plain Kubernetes objects (e.g. parsed YAML or `Testing.synth` output); `List`s are expanded
 * @throws Error naming the option and the fix when `options` is malformed
 */
export function lintManifests(docs: readonly unknown[], options: LintOptions = {}): SeverityLintFinding[] {
  return lintManifestsSeeded(docs, options);
}

/**
 * {@link lintManifests}, with the model summary of the documents given from elsewhere (the CLI computes it on a
 * worker thread from the same files; see `lib/cli/read-once.ts`).
 * @deprecated internal helper that the package root exported by accident; it will leave the public API (no replacement)
 * @param summary called when a rule first needs the model's endpoints; `undefined` from it means "compute it here"
 */
export function lintManifestsSeeded(
  docs: readonly unknown[],
  options: LintOptions = {},
  summary?: () => LintModelSummary | undefined,
): SeverityLintFinding[] {
  if (!Array.isArray(docs))
    rejectInput(API, 'docs', 'an array of objects', docs, 'pass the parsed documents as an array');
  options = checkOptions(options);
  // A fresh array per run: rule sets cache shared facts per array, and the caller's array may change between runs.
  const run: any[] = [...docs];
  if (summary) LintContext.seed(run, summary);
  const disable = options.disable ?? [];
  const min = options.minSeverity ?? 'info';
  const seen = new Set<string>();
  const kept: SeverityLintFinding[] = [];
  const ruleSets = (options.ruleSets ?? LINT_RULE_SETS).filter(
    (rs) => !RULE_SET_RULES.get(rs)?.every((rule) => isDisabled(rule, disable)),
  );
  for (const found of runRuleSets(ruleSets, run)) {
    for (const f of found) {
      if (isDisabled(f.rule, disable)) continue;
      const severity = lintRuleInfo(f.rule)?.severity ?? 'warning';
      if (!isAtLeast(severity, min)) continue;
      const key = JSON.stringify([f.rule, f.kind, f.namespace ?? '', f.name, f.path, f.message]);
      if (seen.has(key)) continue;
      seen.add(key);
      kept.push({ ...f, severity });
    }
  }
  const where = firstPlaces(run, new Set(kept.map(identityKey)), new Set(kept.map((f) => f.name)));
  const out = kept.map((f, seq) => {
    const at = where.get(identityKey(f));
    const document = f.document ?? at?.document;
    return { f: document === undefined ? f : { ...f, document }, seq, pos: at?.pos ?? Number.MAX_SAFE_INTEGER };
  });
  out.sort((a, b) => severityRank(a.f.severity) - severityRank(b.f.severity) || a.pos - b.pos || a.seq - b.seq);
  return out.map((o) => o.f);
}

/**
 * Every rule set's findings, in the order of `ruleSets`. Rule sets are pure functions of the documents, so they may
 * run in any order: those that never read the model's endpoints run first, which gives a model summary computed on
 * another thread time to arrive before the first rule that waits for it.
 */
function runRuleSets(ruleSets: readonly LintRuleSet[], run: any[]): LintFinding[][] {
  const results: LintFinding[][] = new Array(ruleSets.length);
  ruleSets.forEach((rs, i) => {
    if (MODEL_FREE_RULE_SETS.has(rs)) results[i] = rs(run);
  });
  ruleSets.forEach((rs, i) => {
    if (!MODEL_FREE_RULE_SETS.has(rs)) results[i] = rs(run);
  });
  return results;
}

/**
 * Where each wanted object (`names`: their names) first appears: its position among the (List-expanded, as flattenDocs
 * expands) objects, for the order of findings, and the index of the input document holding it (`document`, which the
 * CLI turns into file:line). Only objects with a wanted name get an identity key: 300,000 keys for a few findings cost
 * more than the rules.
 */
function firstPlaces(
  run: readonly unknown[],
  wanted: ReadonlySet<string>,
  names: ReadonlySet<string>,
): Map<string, { pos: number; document: number }> {
  const places = new Map<string, { pos: number; document: number }>();
  if (wanted.size === 0) return places;
  let pos = 0;
  forEachKubeObject(run, (d: any, _where, document) => {
    // objectIdentity's name, read cheaply first.
    const m = d.metadata;
    const name = m !== null && typeof m === 'object' && typeof m.name === 'string' && m.name ? m.name : '<unnamed>';
    if (names.has(name)) {
      const key = identityKey(objectIdentity(d));
      if (wanted.has(key) && !places.has(key)) places.set(key, { pos, document });
    }
    pos++;
  });
  return places;
}

function identityKey(id: { kind: string; name: string; namespace?: string }): string {
  return `${id.kind}/${id.namespace ?? ''}/${id.name}`;
}

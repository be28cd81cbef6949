/**
 * The lint run behind `lintManifests` (lint-manifests.ts, the public face): options checked, rule sets run, findings
 * filtered, deduplicated and placed. Internal: the CLI calls it with work done on another thread
 * (lib/cli/read-once.ts).
 */
import {
  boundaryError,
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
import type { LintOptions, SeverityLintFinding } from './lint-manifests';
import type { LintModelSummary } from './model-summary';
import { isAtLeast, isKnownLintRule, LINT_SEVERITIES, lintRuleInfo, severityRank } from './lint-rules';

/** What a lint run is given from elsewhere (the CLI's reader and its worker thread). */
export interface LintSeed {
  /** The model summary of the documents, called when a rule first needs it; `undefined` from it: computed here. */
  readonly summary?: () => LintModelSummary | undefined;
  /**
   * Rule sets another thread runs over the same documents: each maps to its findings there, or `undefined` when that
   * thread gave none (it was not started, failed or stalled), and the rule set then runs here.
   */
  readonly elsewhere?: ReadonlyMap<LintRuleSet, () => LintFinding[] | undefined>;
}

/**
 * The rule sets of `ruleSets` a run with `disable` runs: those with an entry in RULE_SET_RULES are skipped when
 * `disable` covers each of their rules.
 */
export function ruleSetsToRun(ruleSets: readonly LintRuleSet[], disable: readonly string[]): LintRuleSet[] {
  return ruleSets.filter((rs) => !RULE_SET_RULES.get(rs)?.every((rule) => isDisabled(rule, disable)));
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

/** True when `rule` is among `disable`, or in a family (a prefix ending in `.`) among it. */
function isDisabled(rule: string, disable: readonly string[]): boolean {
  return disable.some((d) => rule === d || (d.endsWith('.') && rule.startsWith(d)));
}

/**
 * {@link lintManifests} with what was computed elsewhere: the model summary, and the findings of rule sets another
 * thread ran over the same documents (see {@link LintSeed}).
 */
export function lintManifestsWith(
  docs: readonly unknown[],
  options: LintOptions,
  seed: LintSeed,
): SeverityLintFinding[] {
  if (!Array.isArray(docs))
    rejectInput(API, 'docs', 'an array of objects', docs, 'pass the parsed documents as an array');
  options = checkOptions(options);
  // A fresh array per run: rule sets cache shared facts per array, and the caller's array may change between runs.
  const run: any[] = [...docs];
  if (seed.summary) LintContext.seed(run, seed.summary);
  const disable = options.disable ?? [];
  const min = options.minSeverity ?? 'info';
  const seen = new Set<string>();
  const kept: SeverityLintFinding[] = [];
  const ruleSets = ruleSetsToRun(options.ruleSets ?? LINT_RULE_SETS, disable);
  for (const found of runRuleSets(ruleSets, run, seed.elsewhere)) {
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
 * another thread time to arrive before the first rule that waits for it; those run `elsewhere` are taken last, which
 * gives that thread the most time (one that gives nothing back is run here).
 */
function runRuleSets(
  ruleSets: readonly LintRuleSet[],
  run: any[],
  elsewhere: LintSeed['elsewhere'] = new Map(),
): LintFinding[][] {
  const results: LintFinding[][] = new Array(ruleSets.length);
  const here = (rs: LintRuleSet): boolean => !elsewhere.has(rs);
  ruleSets.forEach((rs, i) => {
    if (here(rs) && MODEL_FREE_RULE_SETS.has(rs)) results[i] = rs(run);
  });
  ruleSets.forEach((rs, i) => {
    if (here(rs) && !MODEL_FREE_RULE_SETS.has(rs)) results[i] = rs(run);
  });
  ruleSets.forEach((rs, i) => {
    if (!here(rs)) results[i] = elsewhere.get(rs)!() ?? rs(run);
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

import { evaluateAppPodSecurity, WorkloadPodSecurity } from '../analysis/pod-security/app-pod-security';
import { isPodSecurityLevel, tryParsePodSecurityVersion } from '../analysis/pod-security/levels';
import { namespacePodSecurityPolicy } from '../analysis/pod-security/namespace-policy';
import { ArgSpec, formatOption, ParsedArgs, UsageError } from './args';
import { readManifests, SourcedDoc } from './manifest-files';
import { forEachKubeObject } from '../model/documents/kube-list';
import { markdownCell } from '../model/primitives/markdown';
import { objectIdentity, ProblemSource } from '../validation/problem';
import { POD_SECURITY_RULE_PREFIX } from '../analysis/pod-security/app-pod-security';
import { CliFinding, sourcePrefix } from './output/finding';
import { SourceLocator } from './output/locate';
import { CI_FORMATS, isCiFormat, JSON_SCHEMA_VERSION, renderCi } from './output/render';
import { NO_FILES } from './validate-command';

/** `psa [--level restricted|baseline|privileged] [--version latest|v1.N] [--format text|json|md] FILES...` */
export const PSA_ARGS: ArgSpec = { values: ['level', 'version', 'format'], flags: [] };

/** A namespace label the API server would not accept, as the CLI reports it. */
interface LabelNote {
  readonly namespace: string;
  readonly label: string;
  readonly value: string;
  readonly message: string;
}

/** Every bad enforce label of the Namespace objects in `docs` (kubectl `List`s included). */
function labelNotes(docs: readonly any[]): LabelNote[] {
  const out: LabelNote[] = [];
  forEachKubeObject(docs, (d: any) => {
    if (d.kind === 'Namespace' && typeof d.metadata?.name === 'string') {
      for (const e of namespacePodSecurityPolicy(d.metadata.labels).labelErrors) {
        if (e.mode === 'enforce')
          out.push({ namespace: d.metadata.name, label: e.label, value: e.value, message: e.message });
      }
    }
  });
  return out;
}

const ref = (w: WorkloadPodSecurity) => `${w.kind} ${w.namespace}/${w.name}`;

/** The place of each violation (by workload and violation index), from the first document defining its workload. */
type Places = (w: WorkloadPodSecurity, i: number) => ProblemSource | undefined;

/** Finds the document of each violating workload (only those) and the node of each violation's field. */
function placesOf(all: readonly WorkloadPodSecurity[], docs: readonly SourcedDoc[]): Places {
  const failing = all.filter((w) => !w.result.allowed);
  if (failing.length === 0) return () => undefined;
  const wanted = new Set(failing.map((w) => `${w.kind}/${w.namespace}/${w.name}`));
  const docOf = new Map<string, SourcedDoc>();
  forEachKubeObject(
    docs.map((d) => d.doc),
    (item, _where, document) => {
      const id = objectIdentity(item);
      // A workload without a namespace is evaluated in `default` (app-pod-security.ts).
      const key = `${id.kind}/${id.namespace ?? 'default'}/${id.name}`;
      if (wanted.has(key) && !docOf.has(key)) docOf.set(key, docs[document]);
    },
  );
  const locator = new SourceLocator();
  const cache = new Map<string, ProblemSource | undefined>();
  return (w, i) => {
    const key = `${w.kind}/${w.namespace}/${w.name}`;
    const d = docOf.get(key);
    if (!d) return undefined;
    const field = w.result.violations[i].fieldPath;
    const k = `${key}\0${field}`;
    if (!cache.has(k)) cache.set(k, locator.locate({ file: d.file, offset: d.offset ?? 0, item: d.item ?? -1 }, field));
    return cache.get(k);
  };
}

/** Every violation as the CI formats print it (an error each: it fails the run). */
function psaFindings(all: readonly WorkloadPodSecurity[], places: Places): CliFinding[] {
  return all.flatMap((w) =>
    w.result.violations.map((v, i): CliFinding => ({
      rule: POD_SECURITY_RULE_PREFIX + v.check,
      severity: 'error',
      message: `${v.message} (${w.policy}); fix: ${v.fix}`,
      kind: w.kind,
      name: w.name,
      namespace: w.namespace,
      path: v.fieldPath,
      source: places(w, i),
    })),
  );
}

function renderText(all: readonly WorkloadPodSecurity[], notes: readonly LabelNote[], places: Places): string {
  const lines: string[] = notes.map((n) => `note: Namespace ${n.namespace}: ${n.label}: ${n.message}`);
  for (const w of all) {
    lines.push(`${ref(w)} (${w.policy}): ${w.result.allowed ? 'ok' : `${w.result.violations.length} violation(s)`}`);
    w.result.violations.forEach((v, i) => {
      lines.push(`  ${sourcePrefix(places(w, i))}${v.check} at ${v.fieldPath}: ${v.message}; fix: ${v.fix}`);
    });
  }
  lines.push(summary(all));
  return lines.join('\n') + '\n';
}

function summary(all: readonly WorkloadPodSecurity[]): string {
  const failing = all.filter((w) => !w.result.allowed);
  const count = failing.reduce((n, w) => n + w.result.violations.length, 0);
  return `${all.length} workload(s) checked, ${failing.length} violate Pod Security (${count} violation(s))`;
}

function renderMarkdown(all: readonly WorkloadPodSecurity[], notes: readonly LabelNote[]): string {
  const lines = ['| workload | policy | check | field | problem |', '| --- | --- | --- | --- | --- |'];
  for (const w of all) {
    if (w.result.allowed) lines.push(`| \`${ref(w)}\` | ${w.policy} | ✅ | | |`);
    for (const v of w.result.violations) {
      lines.push(
        `| \`${ref(w)}\` | ${w.policy} | \`${v.check}\` | \`${v.fieldPath}\` | ${markdownCell(v.message)}; fix: ${markdownCell(v.fix)} |`,
      );
    }
  }
  const head = notes.map((n) => `> Namespace \`${n.namespace}\`: \`${n.label}\`: ${markdownCell(n.message)}`);
  return [...head, ...(head.length ? [''] : []), ...lines, '', summary(all)].join('\n') + '\n';
}

function renderJson(all: readonly WorkloadPodSecurity[], notes: readonly LabelNote[], places: Places): string {
  const workloads = all.map((w) => ({
    kind: w.kind,
    name: w.name,
    namespace: w.namespace,
    policy: w.policy,
    evaluatedVersion: w.result.evaluatedVersion,
    allowed: w.result.allowed,
    violations: w.result.violations.map((v, i) => {
      const source = places(w, i);
      return source ? { ...v, source } : v;
    }),
  }));
  const failing = all.filter((w) => !w.result.allowed);
  const totals = {
    workloads: all.length,
    violating: failing.length,
    violations: failing.reduce((n, w) => n + w.result.violations.length, 0),
  };
  return (
    JSON.stringify(
      { schemaVersion: JSON_SCHEMA_VERSION, command: 'psa', workloads, labelErrors: notes, totals },
      null,
      2,
    ) + '\n'
  );
}

/**
 * Checks every pod template in the files against Pod Security: with `--level` every workload against that level
 * (and `--version`), else each against its namespace's `pod-security.kubernetes.io/enforce` label from the Namespace
 * objects in the same files (none: privileged). Exit 0 no violation, 1 violations; usage and input errors are thrown
 * (exit 2 in main).
 */
export function runPsa(args: ParsedArgs, write: (s: string) => void): number {
  if (args.positionals.length === 0) throw new UsageError(NO_FILES);
  const format = formatOption(args, ['text', 'json', 'md', ...CI_FORMATS] as const, 'text');
  const { level, version } = args.values;
  if (level !== undefined && !isPodSecurityLevel(level)) {
    throw new UsageError(
      `--level must be one of privileged, baseline, restricted, got "${level}"; ` +
        'fix: write --level restricted|baseline|privileged',
    );
  }
  if (version !== undefined && level === undefined) {
    throw new UsageError(
      "--version needs --level (without --level each namespace's own version label applies); " +
        'fix: add --level, or drop --version',
    );
  }
  if (version !== undefined && !tryParsePodSecurityVersion(version)) {
    throw new UsageError(`--version must be "latest" or "v1.N", got "${version}"; fix: write --version v1.30`);
  }
  const read = readManifests(args.positionals);
  const docs = read.docs.map((d) => d.doc);
  const all = evaluateAppPodSecurity(docs, level === undefined ? {} : { level, version });
  const notes = level === undefined ? labelNotes(docs) : [];
  // Markdown keeps its table; every other format places each violation in its file.
  const places = format === 'md' ? () => undefined : placesOf(all, read.docs);
  if (isCiFormat(format)) {
    write(
      renderCi(
        format,
        psaFindings(all, places),
        { command: 'psa', files: read.files, fails: () => true },
        summary(all),
      ),
    );
  } else {
    write({ text: renderText, json: renderJson, md: renderMarkdown }[format](all, notes, places));
  }
  return all.some((w) => !w.result.allowed) ? 1 : 0;
}

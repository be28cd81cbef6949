import { evaluateAppPodSecurity, WorkloadPodSecurity } from '../analysis/pod-security/app-pod-security';
import { isPodSecurityLevel, tryParsePodSecurityVersion } from '../analysis/pod-security/levels';
import { namespacePodSecurityPolicy } from '../analysis/pod-security/namespace-policy';
import { ArgSpec, formatOption, ParsedArgs, UsageError } from './args';
import { readManifests } from './manifest-files';
import { markdownCell } from '../core/markdown';

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
  const visit = (d: any): void => {
    if (d && typeof d.kind === 'string' && d.kind.endsWith('List') && Array.isArray(d.items)) {
      d.items.forEach(visit);
    } else if (d?.kind === 'Namespace' && typeof d.metadata?.name === 'string') {
      for (const e of namespacePodSecurityPolicy(d.metadata.labels).labelErrors) {
        if (e.mode === 'enforce') out.push({ namespace: d.metadata.name, label: e.label, value: e.value, message: e.message });
      }
    }
  };
  docs.forEach(visit);
  return out;
}

const ref = (w: WorkloadPodSecurity) => `${w.kind} ${w.namespace}/${w.name}`;

function renderText(all: readonly WorkloadPodSecurity[], notes: readonly LabelNote[]): string {
  const lines: string[] = notes.map((n) => `note: Namespace ${n.namespace}: ${n.label}: ${n.message}`);
  for (const w of all) {
    lines.push(`${ref(w)} (${w.policy}): ${w.result.allowed ? 'ok' : `${w.result.violations.length} violation(s)`}`);
    for (const v of w.result.violations) lines.push(`  ${v.check} at ${v.fieldPath}: ${v.message}; fix: ${v.fix}`);
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
      lines.push(`| \`${ref(w)}\` | ${w.policy} | \`${v.check}\` | \`${v.fieldPath}\` | ${markdownCell(v.message)}; fix: ${markdownCell(v.fix)} |`);
    }
  }
  const head = notes.map((n) => `> Namespace \`${n.namespace}\`: \`${n.label}\`: ${markdownCell(n.message)}`);
  return [...head, ...(head.length ? [''] : []), ...lines, '', summary(all)].join('\n') + '\n';
}

function renderJson(all: readonly WorkloadPodSecurity[], notes: readonly LabelNote[]): string {
  const workloads = all.map((w) => ({
    kind: w.kind, name: w.name, namespace: w.namespace, policy: w.policy, evaluatedVersion: w.result.evaluatedVersion,
    allowed: w.result.allowed, violations: w.result.violations,
  }));
  const failing = all.filter((w) => !w.result.allowed);
  const totals = { workloads: all.length, violating: failing.length, violations: failing.reduce((n, w) => n + w.result.violations.length, 0) };
  return JSON.stringify({ workloads, labelErrors: notes, totals }, null, 2) + '\n';
}

/**
 * Checks every pod template in the files against Pod Security: with `--level` every workload against that level
 * (and `--version`), else each against its namespace's `pod-security.kubernetes.io/enforce` label from the Namespace
 * objects in the same files (none: privileged). Exit 0 no violation, 1 violations; usage and input errors are thrown
 * (exit 2 in main).
 */
export function runPsa(args: ParsedArgs, write: (s: string) => void): number {
  if (args.positionals.length === 0) throw new UsageError('psa needs at least one file or folder');
  const format = formatOption(args, ['text', 'json', 'md'] as const, 'text');
  const { level, version } = args.values;
  if (level !== undefined && !isPodSecurityLevel(level)) throw new UsageError(`--level must be one of privileged, baseline, restricted, got "${level}"`);
  if (version !== undefined && level === undefined) throw new UsageError('--version needs --level (without --level each namespace\'s own version label applies)');
  if (version !== undefined && !tryParsePodSecurityVersion(version)) throw new UsageError(`--version must be "latest" or "v1.N", got "${version}"`);
  const docs = readManifests(args.positionals).docs.map((d) => d.doc);
  const all = evaluateAppPodSecurity(docs, level === undefined ? {} : { level, version });
  const notes = level === undefined ? labelNotes(docs) : [];
  write({ text: renderText, json: renderJson, md: renderMarkdown }[format](all, notes));
  return all.some((w) => !w.result.allowed) ? 1 : 0;
}

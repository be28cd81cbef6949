import { AccessDecision, AccessModel, AccessQuery, KubernetesVersion, WhoCanResult } from '../analysis/access';
import { ArgSpec, formatOption, ParsedArgs, UsageError } from './args';
import { readManifests } from './manifest-files';
import { JSON_SCHEMA_VERSION } from './output/render';
import { NO_FILES } from './validate-command';
import { markdownCell } from '../model/primitives/markdown';

/** `--no-bootstrap` (the files hold the cluster's own bootstrap roles) and `--kubernetes-version 1.27|1.35`. */
function loadModel(args: ParsedArgs): AccessModel {
  const paths = args.positionals;
  if (paths.length === 0) throw new UsageError(NO_FILES);
  const version = args.values['kubernetes-version'];
  const versions = Object.values(KubernetesVersion) as string[];
  if (version !== undefined && !versions.includes(version)) {
    throw new UsageError(
      `--kubernetes-version must be one of ${versions.join(', ')}, got "${version}"; fix: pick the version whose bootstrap RBAC policy the cluster has`,
    );
  }
  return AccessModel.fromManifests(
    readManifests(paths).docs.map((d) => d.doc),
    {
      bootstrapPolicy: !args.flags.has('no-bootstrap'),
      kubernetesVersion: version as KubernetesVersion | undefined,
    },
  );
}

/** `--as-group a,b` (the argument parser keeps one value per option, so lists are comma-separated). */
function list(value: string | undefined): string[] {
  return (value ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

function target(
  args: ParsedArgs,
  command: string,
): Pick<AccessQuery, 'verb' | 'resource' | 'nonResourceURL' | 'subresource' | 'name' | 'namespace'> {
  const v = args.values;
  if (!v.verb) throw new UsageError(`${command} needs --verb, e.g. --verb list; fix: add --verb VERB`);
  if (!v.resource === !v['non-resource-url']) {
    throw new UsageError(
      `${command} needs exactly one of --resource (pods, pods/log, deployments.apps) and --non-resource-url (/healthz); fix: give one of them`,
    );
  }
  return {
    verb: v.verb,
    resource: v.resource,
    nonResourceURL: v['non-resource-url'],
    subresource: v.subresource,
    name: v.name,
    namespace: v.namespace,
  };
}

/**
 * `can-i --verb list --resource pods [--subresource log] [--name x] [--namespace dev] --as wang [--as-group a,b]
 * [--as-sa dev/workload] [--non-resource-url /healthz] [--format text|json|md] FILES...`
 */
export const CAN_I_ARGS: ArgSpec = {
  values: [
    'verb',
    'resource',
    'subresource',
    'name',
    'namespace',
    'as',
    'as-group',
    'as-sa',
    'non-resource-url',
    'format',
    'kubernetes-version',
  ],
  flags: ['no-bootstrap'],
};

/** Prints whether RBAC allows the request and why; exit 0 allowed, 1 denied (usage errors throw: exit 2). */
export function runCanI(args: ParsedArgs, write: (s: string) => void): number {
  const format = formatOption(args, ['text', 'json', 'md'] as const, 'text');
  const groups = list(args.values['as-group']);
  const user = args.values.as;
  const serviceAccount = args.values['as-sa'];
  if (user === undefined && serviceAccount === undefined && groups.length === 0) {
    throw new UsageError(
      'can-i needs an identity: --as USER, --as-sa NAMESPACE/NAME or --as-group GROUP[,GROUP]; fix: add one of them',
    );
  }
  const query: AccessQuery = { user, groups, serviceAccount, ...target(args, 'can-i') };
  const decision = loadModel(args).canI(query);
  write(
    format === 'json'
      ? `${JSON.stringify({ schemaVersion: JSON_SCHEMA_VERSION, command: 'can-i', query, ...plain(decision) }, null, 2)}\n`
      : format === 'md'
        ? canIMarkdown(decision)
        : canIText(decision),
  );
  return decision.allowed ? 0 : 1;
}

/** The decision's fields (its explanation is computed on read, so spreading the object would miss it). */
function plain(d: AccessDecision): object {
  return {
    allowed: d.allowed,
    reason: d.reason,
    grant: d.grant,
    user: d.user,
    request: d.request,
    question: d.question,
    errors: d.errors,
    notes: d.notes,
  };
}

function canIText(d: AccessDecision): string {
  const lines = [d.allowed ? 'yes' : 'no', `reason: ${d.reason}`];
  for (const e of d.errors) lines.push(`error: ${e}`);
  if (d.allowed) for (const n of d.notes) lines.push(`note: ${n}`);
  return `${lines.join('\n')}\n`;
}

function canIMarkdown(d: AccessDecision): string {
  const rows = [
    '| question | answer |',
    '| --- | --- |',
    `| ${markdownCell(`${d.user.name || '(no user)'} (groups ${d.user.groups.join(', ')})`)} may ${markdownCell(d.question)} | ${d.allowed ? '✅ yes' : '❌ no'} |`,
    `| reason | ${markdownCell(d.reason)} |`,
    ...d.errors.map((e) => `| error | ${markdownCell(e)} |`),
  ];
  return `${rows.join('\n')}\n`;
}

/**
 * `who-can --verb get --resource secrets [--subresource x] [--name x] [--namespace dev] [--format text|json|md]
 * FILES...`
 */
export const WHO_CAN_ARGS: ArgSpec = {
  values: ['verb', 'resource', 'subresource', 'name', 'namespace', 'non-resource-url', 'format', 'kubernetes-version'],
  flags: ['no-bootstrap'],
};

/** Lists the subjects RBAC lets do it; exit 0 when some binding grants it, 1 when none does. */
export function runWhoCan(args: ParsedArgs, write: (s: string) => void): number {
  const format = formatOption(args, ['text', 'json', 'md'] as const, 'text');
  const t = target(args, 'who-can');
  const model = loadModel(args);
  const result = model.whoCan(t.verb, (t.resource ?? t.nonResourceURL)!, {
    namespace: t.namespace,
    name: t.name,
    subresource: t.subresource,
  });
  write(
    format === 'json'
      ? `${JSON.stringify({ schemaVersion: JSON_SCHEMA_VERSION, command: 'who-can', ...result }, null, 2)}\n`
      : format === 'md'
        ? whoCanMarkdown(result)
        : whoCanText(result),
  );
  return result.subjects.length > 0 ? 0 : 1;
}

function subjectLabel(s: { kind: string; name: string; namespace?: string }): string {
  return s.namespace ? `${s.kind} ${s.namespace}/${s.name}` : `${s.kind} ${s.name}`;
}

function whoCanText(r: WhoCanResult): string {
  const lines = [`who can ${r.question}: ${r.subjects.length} subject(s) from bindings`];
  for (const s of r.subjects) {
    lines.push(`  ${subjectLabel(s)}`);
    for (const g of s.grants) lines.push(`    via ${g.description}`);
  }
  for (const s of r.alwaysAllowed) lines.push(`  ${subjectLabel(s)} (always: bypasses RBAC)`);
  for (const e of r.errors) lines.push(`error: ${e}`);
  for (const n of r.notes) lines.push(`note: ${n}`);
  return `${lines.join('\n')}\n`;
}

function whoCanMarkdown(r: WhoCanResult): string {
  const rows = [`**who can ${markdownCell(r.question)}**`, '', '| subject | via |', '| --- | --- |'];
  for (const s of r.subjects)
    rows.push(
      `| ${markdownCell(subjectLabel(s))} | ${s.grants.map((g) => markdownCell(g.description)).join('<br>')} |`,
    );
  for (const s of r.alwaysAllowed) rows.push(`| ${markdownCell(subjectLabel(s))} | always (bypasses RBAC) |`);
  return `${rows.join('\n')}\n`;
}

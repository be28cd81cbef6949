import { formatProblem } from '../validation/problem';
import { validateManifests } from '../validation/validate-manifests';
import { lintNetworkManifests } from '../lint';
import { ArgSpec, formatOption, ParsedArgs, UsageError } from './args';
import { readManifests } from './manifest-files';

/** `check`: validateManifests plus lint. */
export const CHECK_ARGS: ArgSpec = { values: ['crds', 'format'], flags: ['no-kubernetes'] };

/** Runs `check`; returns the exit code (0 clean, 1 problems). */
export function runCheck(args: ParsedArgs, write: (s: string) => void): number {
  const format = formatOption(args, ['text', 'json'] as const, 'text');
  if (args.positionals.length === 0) throw new UsageError('no files given');
  const { files, docs } = readManifests(args.positionals);
  const problems = validateManifests(docs.map((d) => d.doc), { crds: args.values.crds, kubernetes: !args.flags.has('no-kubernetes') });
  const lint = lintNetworkManifests(docs.map((d) => d.doc));
  if (format === 'json') {
    write(JSON.stringify({ files: files.length, objects: docs.length, problems, lint }, null, 2) + '\n');
  } else {
    for (const p of problems) write(`error: ${p.kind}/${p.namespace ? `${p.namespace}/` : ''}${p.name}: ${formatProblem(p)} [${p.rule}]\n`);
    for (const f of lint) write(`lint: ${f.kind}/${f.namespace ? `${f.namespace}/` : ''}${f.name}: ${f.path ? `${f.path}: ` : ''}${f.message} [${f.rule}]\n`);
    write(`${docs.length} object(s) in ${files.length} file(s): ${problems.length} problem(s), ${lint.length} lint finding(s)\n`);
  }
  return problems.length + lint.length > 0 ? 1 : 0;
}

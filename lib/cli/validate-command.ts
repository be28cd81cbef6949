import { formatProblem, objectIdentity } from '../validation/problem';
import { checkCalicoCrossObjectRules } from '../validation/rules';
import { validateManifests } from '../validation/validate-manifests';
import { ArgSpec, formatOption, ParsedArgs, UsageError } from './args';
import { readManifests } from './manifest-files';

/** `validate`: schema, CEL, Calico rules and Kubernetes schemas. */
export const VALIDATE_ARGS: ArgSpec = { values: ['crds', 'format'], flags: ['no-kubernetes'] };

/** Runs `validate`; returns the exit code (0 clean, 1 problems). */
export function runValidate(args: ParsedArgs, write: (s: string) => void): number {
  const format = formatOption(args, ['text', 'json'] as const, 'text');
  if (args.positionals.length === 0) throw new UsageError('no files given');
  const { files, docs } = readManifests(args.positionals);
  const problems = [];
  for (const { file, doc } of docs) {
    for (const p of validateManifests([doc], { crds: args.values.crds, kubernetes: !args.flags.has('no-kubernetes') })) problems.push({ ...p, file });
  }
  // Objects are validated one by one (so each problem keeps its file); the rules that need several objects at once
  // (the same object twice, overlapping IP pools) run over all of them, reported on the later file.
  const fileOf = new Map(docs.map(({ file, doc }) => [identityKey(objectIdentity(doc)), file]));
  for (const p of checkCalicoCrossObjectRules(docs.map((d) => d.doc))) problems.push({ ...p, file: fileOf.get(identityKey(p)) ?? '' });
  if (format === 'json') {
    write(JSON.stringify({ files: files.length, objects: docs.length, problems }, null, 2) + '\n');
  } else {
    for (const p of problems) {
      write(`${p.file}: ${p.kind}/${p.namespace ? `${p.namespace}/` : ''}${p.name}: ${formatProblem(p)} [${p.rule}]\n`);
    }
    write(`${docs.length} object(s) in ${files.length} file(s): ${problems.length} problem(s)\n`);
  }
  return problems.length > 0 ? 1 : 0;
}

function identityKey(id: { kind: string; name: string; namespace?: string }): string {
  return `${id.kind}/${id.namespace ?? ''}/${id.name}`;
}

import { formatProblem, objectIdentity, ProblemSource, ValidationProblem } from '../validation/problem';
import { ClusterNetworkPolicyChannel } from '../validation/cluster-network-policy/channel';
import { ValidateManifestsOptions } from '../validation/validate-manifests';
import { ArgSpec, formatOption, ParsedArgs, UsageError } from './args';
import { DocumentPlace, expandManifestPaths, manifestFileDocuments, newReadCursor } from './manifest-files';
import { CliFinding, objectRef, sourcePrefix } from './output/finding';
import { SourceLocator } from './output/locate';
import { CI_FORMATS, isCiFormat, JSON_SCHEMA_VERSION, renderCi } from './output/render';
import { readOnce } from './read-once';
import { FiledProblem, identityKey, listItems } from './validate-collect';

export {
  collectDocument,
  finishCollected,
  newCollected,
  pushSkeleton,
  unpackSkeletons,
  validateSourced,
} from './validate-collect';
export type { Collected, FiledProblem } from './validate-collect';

/** `validate`: schema, CEL, Calico rules and Kubernetes schemas. */
export const VALIDATE_ARGS: ArgSpec = { values: ['crds', 'format', 'cnp-channel'], flags: ['no-kubernetes'] };

/** The formats of `validate`. */
export const VALIDATE_FORMATS = ['text', 'json', ...CI_FORMATS] as const;

/** Reads `--crds`, `--no-kubernetes` and `--cnp-channel` (standard or experimental). */
export function validateOptions(args: ParsedArgs): ValidateManifestsOptions {
  const channel = args.values['cnp-channel'];
  const channels = Object.values(ClusterNetworkPolicyChannel) as string[];
  if (channel !== undefined && !channels.includes(channel)) {
    throw new UsageError(
      `--cnp-channel: expected ${channels.join(' or ')}, got ${JSON.stringify(channel)}; fix: write --cnp-channel ` +
        `${channels.find((c) => c === channel.toLowerCase()) ?? 'experimental'}`,
    );
  }
  return {
    crds: args.values.crds,
    kubernetes: !args.flags.has('no-kubernetes'),
    ...(channel !== undefined ? { clusterNetworkPolicyChannel: channel as ClusterNetworkPolicyChannel } : {}),
  };
}

/**
 * Validates the files as `validate` does: each document read once (in two threads when the input is large:
 * read-once.ts), then the cross-object rules.
 * @returns the problems in document order, the cross-object ones last, and the number of objects
 * @throws InputError naming the file and the fix when one cannot be read or parsed (the first in document order)
 */
export function validateFiles(
  files: readonly string[],
  options: ValidateManifestsOptions,
): { problems: FiledProblem[]; objects: number } {
  const { problems, objects } = readOnce(files, { validate: options, lint: false });
  return { problems, objects };
}

/** Runs `validate`; returns the exit code (0 clean, 1 problems). */
export function runValidate(args: ParsedArgs, write: (s: string) => void): number {
  const format = formatOption(args, VALIDATE_FORMATS, 'text');
  if (args.positionals.length === 0) throw new UsageError(NO_FILES);
  const options = validateOptions(args); // a usage error before any file is read
  const files = expandManifestPaths(args.positionals);
  const { problems: filed, objects } = validateFiles(files, options);
  const problems = locateProblems(filed);
  const summary = `${objects} object(s) in ${files.length} file(s): ${problems.length} problem(s)`;
  if (format === 'json') {
    const out = { schemaVersion: JSON_SCHEMA_VERSION, command: 'validate', files: files.length, objects, problems };
    write(JSON.stringify(out, null, 2) + '\n');
  } else if (isCiFormat(format)) {
    write(renderCi(format, problems.map(problemFinding), { command: 'validate', files, fails: () => true }, summary));
  } else {
    const lines = problems.map(
      (p) => `${sourcePrefix(p.source) || `${p.file}: `}${objectRef(p)}: ${formatProblem(p)} [${p.rule}]\n`,
    );
    // One write per 1000 lines: a write per problem costs more than the check on large inputs.
    for (let i = 0; i < lines.length; i += 1000) write(lines.slice(i, i + 1000).join(''));
    write(`${summary}\n`);
  }
  return problems.length > 0 ? 1 : 0;
}

/** The usage error of a command given no file. */
export const NO_FILES =
  'no files given; fix: name manifest files or folders (cdk8s synth writes dist/), or - to read standard input';

/** A validation problem as the output formats print it: an error. */
export function problemFinding(p: ValidationProblem): CliFinding {
  const { rule, message, kind, name, namespace, path, source } = p;
  return { rule, severity: 'error', message, kind, name, namespace, path, source };
}

/** A located problem as printed: the file kept, the reader's internal place dropped. */
export type LocatedProblem = ValidationProblem & { readonly file: string };

/**
 * The problems with their `source` (file, line, column of the field's node). Cross-object problems, which name no
 * document, are placed on the last document of their file defining the object.
 */
export function locateProblems(problems: readonly FiledProblem[], locator = new SourceLocator()): LocatedProblem[] {
  const crossFiles = new Set(problems.filter((p) => p.offset === undefined && p.file).map((p) => p.file));
  const byIdentity = crossFiles.size > 0 ? identityPlaces(crossFiles) : new Map<string, DocumentPlace>();
  return problems.map(({ offset, item, ...p }) => {
    const place =
      offset !== undefined
        ? { file: p.file, offset, item: item ?? -1 }
        : byIdentity.get(`${p.file}\0${identityKey(p)}`);
    const source: ProblemSource | undefined = place ? locator.locate(place, p.path) : undefined;
    return source ? { ...p, source } : p;
  });
}

/** The place of the last document of each file defining each object (a List's items at the List). */
function identityPlaces(files: ReadonlySet<string>): Map<string, DocumentPlace> {
  const out = new Map<string, DocumentPlace>();
  for (const file of files) {
    const at = newReadCursor();
    for (const doc of manifestFileDocuments(file, undefined, at)) {
      for (const obj of listItems(doc))
        out.set(`${file}\0${identityKey(objectIdentity(obj))}`, { file, offset: at.offset, item: at.item });
    }
  }
  return out;
}

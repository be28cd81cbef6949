import { describeStep, QueryableModel, TrafficQuery, TrafficVerdict } from '../analysis/network/report/contract';
import { diffModels, renderDiffText } from '../analysis/network/report/diff';
import { computeMatrix } from '../analysis/network/report/matrix';
import { overlayClusterState } from '../analysis/network/build/cluster-overlay';
import { parsePortList, parsePortProtocol } from '../analysis/network/report/port-spec';
import {
  renderMatrixHtml,
  renderMatrixJson,
  renderMatrixMarkdown,
  renderMatrixText,
} from '../analysis/network/report/render-matrix';
import { checkWriteTarget, SafeWriteOptions, safeWriteFile } from '../model/io/safe-write';
import { appsFromPodManifests } from '../analysis/network/report/endpoint-groups';
import { ArgSpec, FORCE_FLAG, forceRequested, formatOption, ParsedArgs, UsageError } from './args';
import { readManifests } from './manifest-files';
import { ProgressBar, ProgressStream } from './output/progress';

/** `--no-progress`: no progress bar on standard error (it is drawn only on a terminal, for runs over a second). */
export const NO_PROGRESS_FLAG = 'no-progress';

/** Runs `run` with a progress bar on `stderr` (unless `--no-progress`), finished however `run` ends. */
function withProgressBar(args: ParsedArgs, stderr: ProgressStream, run: (bar: ProgressBar) => number): number {
  const bar = new ProgressBar(stderr, { enabled: !args.flags.has(NO_PROGRESS_FLAG) });
  try {
    return run(bar);
  } finally {
    bar.finish();
  }
}

/** `--endpoints a,b`: the ids listed, blanks dropped; undefined when the option is not given. */
function endpointsOption(args: ParsedArgs): string[] | undefined {
  return args.values.endpoints
    ?.split(',')
    .map((e) => e.trim())
    .filter((e) => e.length > 0);
}

/** Quotes a path for a POSIX shell when it needs it (the HTML page shows a command to copy). */
function shellWord(s: string): string {
  return /^[A-Za-z0-9._/:=@+-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}

/** Builds a queryable model from manifests (the engine's `NetworkModel.fromManifests`). */
export type CliModelFactory = (
  docs: any[],
) => QueryableModel & { evaluate(q: TrafficQuery, o?: { staged?: boolean }): TrafficVerdict };

type CliModel = QueryableModel & { evaluate(q: TrafficQuery, o?: { staged?: boolean }): TrafficVerdict };

function loadModel(paths: readonly string[], factory: CliModelFactory): CliModel {
  return loadModelAndFiles(paths, factory).model;
}

function loadModelAndFiles(
  paths: readonly string[],
  factory: CliModelFactory,
  bar?: ProgressBar,
): { model: CliModel; files: string[]; docs: unknown[] } {
  if (paths.length === 0)
    throw new UsageError('no files given; fix: name manifest files or folders, or - to read standard input');
  bar?.phase('reading');
  const read = readManifests(paths);
  const docs = read.docs.map((d) => d.doc);
  bar?.phase('building');
  return { model: factory(docs), files: read.files, docs };
}

/** `--output FILE`: kept unless `--force`, never a symbolic link, never one of the input files (safeWriteFile). */
function outputOptions(args: ParsedArgs, inputs: readonly string[]): (SafeWriteOptions & { file: string }) | undefined {
  const file = args.values.output;
  if (file === undefined) return undefined;
  const others = inputs.map((f) => ({ path: f, field: 'an input file' }));
  return { file, where: '', field: '--output', overwrite: forceRequested(args), overwriteHint: 'pass --force', others };
}

/** `explain --from A --to B --port 443/TCP FILES...` */
export const EXPLAIN_ARGS: ArgSpec = { values: ['from', 'to', 'port', 'format'], flags: ['staged'] };

/** Prints the verdict and trace of one flow; exit 0 when allowed, 1 when denied. */
export function runExplain(args: ParsedArgs, write: (s: string) => void, factory: CliModelFactory): number {
  const { from, to, port } = args.values;
  if (!from || !to) throw new UsageError('explain needs --from and --to');
  const format = formatOption(args, ['text', 'json'] as const, 'text');
  const pp = port ? parsePortProtocol(port) : undefined;
  const query: TrafficQuery = { from, to, port: pp?.port, protocol: pp?.protocol ?? 'TCP' };
  const verdict = loadModel(args.positionals, factory).evaluate(query, { staged: args.flags.has('staged') });
  if (format === 'json') {
    write(JSON.stringify({ query, ...verdict }, null, 2) + '\n');
  } else {
    write(`${from} -> ${to}${pp ? ` ${pp.port}/${pp.protocol}` : ''}: ${verdict.allowed ? 'ALLOWED' : 'DENIED'}\n`);
    write(`reason: ${verdict.reason}\n`);
    verdict.steps.forEach((s, i) => write(`  ${i + 1}. ${describeStep(s)}\n`));
  }
  return verdict.allowed ? 0 : 1;
}

/**
 * `matrix --ports 80/TCP,53/UDP [--endpoints a,b] [--format text|json|md|html] [--output FILE [--force]]
 * [--no-progress] FILES...`
 */
export const MATRIX_ARGS: ArgSpec = {
  values: ['ports', 'endpoints', 'format', 'output'],
  flags: [FORCE_FLAG, NO_PROGRESS_FLAG],
};

/**
 * Prints (or writes) the connectivity matrix; exit 0. A progress bar goes to `stderr` when it is a terminal and the
 * run lasts over a second (never to standard output, so `--format json` stays clean).
 */
export function runMatrix(
  args: ParsedArgs,
  write: (s: string) => void,
  factory: CliModelFactory,
  stderr: ProgressStream = process.stderr,
): number {
  if (!args.values.ports) throw new UsageError('matrix needs --ports, e.g. --ports 80/TCP,53/UDP');
  return withProgressBar(args, stderr, (bar) => matrixWithProgress(args, write, factory, bar));
}

function matrixWithProgress(
  args: ParsedArgs,
  write: (s: string) => void,
  factory: CliModelFactory,
  bar: ProgressBar,
): number {
  const format = formatOption(args, ['text', 'json', 'md', 'html'] as const, 'text');
  const { model, files, docs } = loadModelAndFiles(args.positionals, factory, bar);
  const output = outputOptions(args, files);
  // Checked before the matrix is computed: a refusal costs nothing.
  if (output) checkWriteTarget(output.file, output);
  const endpoints = endpointsOption(args);
  bar.phase('matrix');
  const onProgress = (done: number, total: number) => bar.update(done, total);
  const matrix = computeMatrix(model, { ports: parsePortList(args.values.ports!), endpoints, onProgress });
  const explainCommand = ['cdk8s-calico explain', ...args.positionals.map(shellWord)].join(' ');
  const render = {
    text: renderMatrixText,
    json: renderMatrixJson,
    md: renderMatrixMarkdown,
    html: (m: typeof matrix) => renderMatrixHtml(m, undefined, { apps: appsFromPodManifests(docs), explainCommand }),
  }[format];
  bar.phase('writing');
  const out = render(matrix);
  bar.finish();
  if (output) {
    safeWriteFile(output.file, out, output);
    write(`wrote ${output.file} (${matrix.endpoints.length} endpoints x ${matrix.ports.length} port(s))\n`);
  } else {
    write(out);
  }
  return 0;
}

/** `diff OLD NEW --ports 80/TCP [--cluster FILE_OR_DIR]... [--no-progress]` */
export const DIFF_ARGS: ArgSpec = {
  values: ['ports', 'endpoints', 'format'],
  flags: [NO_PROGRESS_FLAG],
  lists: ['cluster'],
};

/**
 * Prints every flow whose verdict changes between two manifest sets; exit 0 when none, 1 when some. `--cluster`
 * (repeatable) names shared cluster state (node, pod, namespace dumps) read under both sides, so OLD and NEW need not
 * copy it; an object of a side replaces the cluster's object of the same kind, namespace and name
 * (`overlayClusterState`). A progress bar goes to `stderr` as for {@link runMatrix}.
 */
export function runDiff(
  args: ParsedArgs,
  write: (s: string) => void,
  factory: CliModelFactory,
  stderr: ProgressStream = process.stderr,
): number {
  if (args.positionals.length !== 2) {
    throw new UsageError(
      'diff needs exactly two paths: OLD NEW; fix: write diff OLD NEW --ports 80/TCP (shared cluster dumps go in --cluster FILE)',
    );
  }
  if (!args.values.ports) throw new UsageError('diff needs --ports, e.g. --ports 80/TCP');
  return withProgressBar(args, stderr, (bar) => diffWithProgress(args, write, factory, bar));
}

function diffWithProgress(
  args: ParsedArgs,
  write: (s: string) => void,
  factory: CliModelFactory,
  bar: ProgressBar,
): number {
  const format = formatOption(args, ['text', 'json'] as const, 'text');
  const clusterPaths = args.lists?.cluster ?? [];
  bar.phase('reading');
  const cluster = clusterPaths.length > 0 ? readManifests(clusterPaths).docs.map((d) => d.doc) : [];
  const side = (path: string): CliModel => {
    bar.phase('reading');
    const docs = readManifests([path]).docs.map((d) => d.doc);
    bar.phase('building');
    return factory(cluster.length > 0 ? overlayClusterState(cluster, docs) : docs);
  };
  const before = side(args.positionals[0]);
  const after = side(args.positionals[1]);
  const endpoints = endpointsOption(args);
  bar.phase('diff');
  const onProgress = (done: number, total: number) => bar.update(done, total);
  const changes = diffModels(before, after, { ports: parsePortList(args.values.ports!), endpoints, onProgress });
  bar.finish();
  write(format === 'json' ? JSON.stringify({ changes }, null, 2) + '\n' : renderDiffText(changes));
  return changes.length > 0 ? 1 : 0;
}

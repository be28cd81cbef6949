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
import { ArgSpec, FORCE_FLAG, forceRequested, formatOption, ParsedArgs, UsageError } from './args';
import { readManifests } from './manifest-files';

/** Builds a queryable model from manifests (the engine's `NetworkModel.fromManifests`). */
export type CliModelFactory = (
  docs: any[],
) => QueryableModel & { evaluate(q: TrafficQuery, o?: { staged?: boolean }): TrafficVerdict };

type CliModel = QueryableModel & { evaluate(q: TrafficQuery, o?: { staged?: boolean }): TrafficVerdict };

function loadModel(paths: readonly string[], factory: CliModelFactory): CliModel {
  return loadModelAndFiles(paths, factory).model;
}

function loadModelAndFiles(paths: readonly string[], factory: CliModelFactory): { model: CliModel; files: string[] } {
  if (paths.length === 0)
    throw new UsageError('no files given; fix: name manifest files or folders, or - to read standard input');
  const { files, docs } = readManifests(paths);
  return { model: factory(docs.map((d) => d.doc)), files };
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

/** `matrix --ports 80/TCP,53/UDP [--endpoints a,b] [--format text|json|md|html] [--output FILE [--force]] FILES...` */
export const MATRIX_ARGS: ArgSpec = { values: ['ports', 'endpoints', 'format', 'output'], flags: [FORCE_FLAG] };

/** Prints (or writes) the connectivity matrix; exit 0. */
export function runMatrix(args: ParsedArgs, write: (s: string) => void, factory: CliModelFactory): number {
  if (!args.values.ports) throw new UsageError('matrix needs --ports, e.g. --ports 80/TCP,53/UDP');
  const format = formatOption(args, ['text', 'json', 'md', 'html'] as const, 'text');
  const { model, files } = loadModelAndFiles(args.positionals, factory);
  const output = outputOptions(args, files);
  // Checked before the matrix is computed: a refusal costs nothing.
  if (output) checkWriteTarget(output.file, output);
  const endpoints = args.values.endpoints
    ?.split(',')
    .map((e) => e.trim())
    .filter((e) => e.length > 0);
  const matrix = computeMatrix(model, { ports: parsePortList(args.values.ports), endpoints });
  const render = {
    text: renderMatrixText,
    json: renderMatrixJson,
    md: renderMatrixMarkdown,
    html: (m: typeof matrix) => renderMatrixHtml(m),
  }[format];
  const out = render(matrix);
  if (output) {
    safeWriteFile(output.file, out, output);
    write(`wrote ${output.file} (${matrix.endpoints.length} endpoints x ${matrix.ports.length} port(s))\n`);
  } else {
    write(out);
  }
  return 0;
}

/** `diff OLD NEW --ports 80/TCP [--cluster FILE_OR_DIR]...` */
export const DIFF_ARGS: ArgSpec = { values: ['ports', 'endpoints', 'format'], flags: [], lists: ['cluster'] };

/**
 * Prints every flow whose verdict changes between two manifest sets; exit 0 when none, 1 when some. `--cluster`
 * (repeatable) names shared cluster state (node, pod, namespace dumps) read under both sides, so OLD and NEW need not
 * copy it; an object of a side replaces the cluster's object of the same kind, namespace and name
 * (`overlayClusterState`).
 */
export function runDiff(args: ParsedArgs, write: (s: string) => void, factory: CliModelFactory): number {
  if (args.positionals.length !== 2) {
    throw new UsageError(
      'diff needs exactly two paths: OLD NEW; fix: write diff OLD NEW --ports 80/TCP (shared cluster dumps go in --cluster FILE)',
    );
  }
  if (!args.values.ports) throw new UsageError('diff needs --ports, e.g. --ports 80/TCP');
  const format = formatOption(args, ['text', 'json'] as const, 'text');
  const clusterPaths = args.lists?.cluster ?? [];
  const cluster = clusterPaths.length > 0 ? readManifests(clusterPaths).docs.map((d) => d.doc) : [];
  const side = (path: string): CliModel => {
    const docs = readManifests([path]).docs.map((d) => d.doc);
    return factory(cluster.length > 0 ? overlayClusterState(cluster, docs) : docs);
  };
  const before = side(args.positionals[0]);
  const after = side(args.positionals[1]);
  const endpoints = args.values.endpoints
    ?.split(',')
    .map((e) => e.trim())
    .filter((e) => e.length > 0);
  const changes = diffModels(before, after, { ports: parsePortList(args.values.ports), endpoints });
  write(format === 'json' ? JSON.stringify({ changes }, null, 2) + '\n' : renderDiffText(changes));
  return changes.length > 0 ? 1 : 0;
}

import * as fs from 'fs';
import * as path from 'path';
import { Yaml } from 'cdk8s';
import { formatProblem, ValidationProblem } from '../validation/problem';
import { validateManifests } from '../validation/validate-manifests';

/** Options of `cdk8s-calico validate`. */
export interface ValidateCommandOptions {
  /** Files or folders to read. */
  readonly files: string[];
  /**
   * Folder of the projectcalico.org/v3 CRDs.
   * @default - $CALICO_CRDS_DIR, else ../shared/calico-crds/v3 next to the package
   */
  readonly crds?: string;
  /** Output format. */
  readonly format: 'text' | 'json';
  /** Whether to check Kubernetes built-in kinds too. */
  readonly kubernetes: boolean;
}

/** Expands directories to their `*.yaml`/`*.yml`/`*.json` files, sorted, so output order is stable. */
export function expandManifestPaths(paths: string[]): string[] {
  const out: string[] = [];
  for (const p of paths) {
    const stat = fs.statSync(p);
    if (stat.isDirectory()) {
      const entries = fs.readdirSync(p).sort();
      out.push(...expandManifestPaths(entries.map((e) => path.join(p, e)).filter((e) => fs.statSync(e).isDirectory() || /\.(ya?ml|json)$/.test(e))));
    } else {
      out.push(p);
    }
  }
  return out;
}

/** Reads every document of a YAML or JSON file. */
export function readManifestFile(file: string): any[] {
  if (file.endsWith('.json')) {
    const parsed = JSON.parse(fs.readFileSync(file, 'utf8'));
    return Array.isArray(parsed) ? parsed : [parsed];
  }
  return Yaml.load(file).filter((d: unknown) => d !== null && d !== undefined);
}

/** Runs the validation and returns the process exit code: 0 clean, 1 problems found. */
export function runValidate(opts: ValidateCommandOptions, write: (s: string) => void): number {
  const files = expandManifestPaths(opts.files);
  const problems: Array<ValidationProblem & { file: string }> = [];
  let count = 0;
  for (const file of files) {
    const docs = readManifestFile(file);
    count += docs.length;
    for (const p of validateManifests(docs, { crds: opts.crds, kubernetes: opts.kubernetes })) problems.push({ ...p, file });
  }
  if (opts.format === 'json') {
    write(JSON.stringify({ files: files.length, objects: count, problems }, null, 2) + '\n');
  } else {
    for (const p of problems) {
      write(`${p.file}: ${p.kind}/${p.namespace ? `${p.namespace}/` : ''}${p.name}: ${formatProblem(p)} [${p.rule}]\n`);
    }
    write(`${count} object(s) in ${files.length} file(s): ${problems.length} problem(s)\n`);
  }
  return problems.length > 0 ? 1 : 0;
}

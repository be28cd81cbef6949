import * as fs from 'fs';
import * as path from 'path';
import { readYamlFile } from '../core/yaml-file';
import { InputError } from './args';

/** One parsed document and the file it came from. */
export interface SourcedDoc {
  readonly file: string;
  readonly doc: any;
}

/** Expands folders to their `*.yaml`/`*.yml`/`*.json` files, sorted, so output order is stable. */
export function expandManifestPaths(paths: readonly string[]): string[] {
  const out: string[] = [];
  for (const p of paths) {
    if (!fs.existsSync(p)) throw new InputError(`no such file or folder: ${p}`);
    if (fs.statSync(p).isDirectory()) {
      const entries = fs.readdirSync(p).sort().map((e) => path.join(p, e));
      out.push(...expandManifestPaths(entries.filter((e) => fs.statSync(e).isDirectory() || /\.(ya?ml|json)$/.test(e))));
    } else {
      out.push(p);
    }
  }
  return out;
}

/** Reads every document of a YAML or JSON file (nulls from empty documents dropped). */
export function readManifestFile(file: string): any[] {
  try {
    return readYamlFile(file);
  } catch (e) {
    throw new InputError(`cannot parse ${file}: ${(e as Error).message.split('\n')[0]}`);
  }
}

/** Reads all documents under the given files and folders. */
export function readManifests(paths: readonly string[]): { files: string[]; docs: SourcedDoc[] } {
  const files = expandManifestPaths(paths);
  const docs: SourcedDoc[] = [];
  for (const file of files) for (const doc of readManifestFile(file)) docs.push({ file, doc });
  return { files, docs };
}

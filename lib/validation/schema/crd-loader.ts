import * as fs from 'fs';
import * as path from 'path';
import { forEachKubeObject } from '../../model/documents/kube-list';
import { readYamlFile } from '../../model/documents/yaml-file';
import { sha256Hex } from './vendored-crd-snapshot';
import { VENDORED_CRDS } from './vendored-crds.generated';

/** The API group of Calico's user-facing API (`projectcalico.org/v3`). */
export const CALICO_GROUP = 'projectcalico.org';

/** The only Calico API version this library emits and accepts. */
export const CALICO_VERSION = 'v3';

/** Environment variable that overrides where the `projectcalico.org/v3` CRDs are read from. */
export const CALICO_CRDS_DIR_ENV = 'CALICO_CRDS_DIR';

const PACKAGE_NAME = 'cdk8s-calico';
/** The Calico 3.32.1 CRDs vendored in the package (crds/README.md: provenance, license, refresh script). */
const DEFAULT_RELATIVE_DIR = path.join('crds', 'calico', 'v3');

const dirCache = new Map<string, readonly any[]>();

/**
 * Where the `projectcalico.org/v3` CRDs are by default: the directory named by the environment variable
 * `CALICO_CRDS_DIR` when it is set, else the vendored `crds/calico/v3` of the package root (the nearest folder
 * above this module whose `package.json` is named `cdk8s-calico`) when that directory exists.
 *
 * @returns the absolute directory, or `undefined` when neither is set or found
 */
export function resolveCrdsDir(): string | undefined {
  const fromEnv = process.env[CALICO_CRDS_DIR_ENV];
  if (fromEnv && fromEnv.trim()) {
    return path.resolve(fromEnv.trim());
  }
  const root = findPackageRoot(__dirname);
  if (!root) {
    return undefined;
  }
  const dir = path.resolve(root, DEFAULT_RELATIVE_DIR);
  return isDirectory(dir) ? dir : undefined;
}

/**
 * A file or folder vendored in the package (under the package root, the nearest folder above this module whose
 * `package.json` is named `cdk8s-calico`), e.g. `crds/network-policy-api/standard`.
 * @param relative path below the package root
 * @returns the absolute path when it exists, else `undefined`
 */
export function resolveVendoredPath(relative: string): string | undefined {
  const root = findPackageRoot(__dirname);
  const full = root ? path.resolve(root, relative) : undefined;
  return full && fs.existsSync(full) ? full : undefined;
}

/**
 * Loads the Calico (`projectcalico.org`) CustomResourceDefinitions.
 *
 * @param dirOrDocs a directory of CRD YAML (or JSON) files, or already-parsed documents (CRDs of other groups and
 * other kinds are dropped; `List` documents are expanded). Defaults to {@link resolveCrdsDir}.
 * @returns the CRD objects, in file-name order. Loading a directory is cached per absolute path and the result is
 * frozen: treat it as read-only.
 * @throws Error when no directory is given and none is found, or the directory cannot be read
 */
export function loadCalicoCrds(dirOrDocs?: string | any[]): any[] {
  if (Array.isArray(dirOrDocs)) {
    return selectCalicoCrds(dirOrDocs);
  }
  const dir = dirOrDocs ?? resolveCrdsDir();
  if (!dir) {
    throw new Error(
      'cannot find the projectcalico.org/v3 CRDs: pass `crds` (a directory or parsed CRDs), set the environment ' +
        `variable ${CALICO_CRDS_DIR_ENV}, or place them in ${DEFAULT_RELATIVE_DIR} relative to the ${PACKAGE_NAME} package root`,
    );
  }
  const abs = path.resolve(dir);
  const cached = dirCache.get(abs);
  if (cached) {
    return cached as any[];
  }
  if (!isDirectory(abs)) {
    throw new Error(`CRD directory ${abs} does not exist or is not a directory`);
  }
  const files = fs
    .readdirSync(abs)
    .filter((f) => /\.(ya?ml|json)$/i.test(f))
    .sort();
  const docs: any[] = [];
  for (const file of files) {
    const full = path.join(abs, file);
    try {
      docs.push(...readCrdFile(full));
    } catch (e) {
      throw new Error(`cannot parse CRD file ${full}: ${(e as Error).message}`, { cause: e });
    }
  }
  const crds = deepFreeze(selectCalicoCrds(docs));
  dirCache.set(abs, crds);
  return crds;
}

/**
 * A lazily parsed CRD directory: which file holds which kind, found with a cheap scan of the text, and the parsed
 * CRDs of a kind on first request. Parsing all 22 Calico CRDs takes about 150 ms; most runs need two or three.
 */
export interface LazyCrdDirectory {
  /** Absolute directory. */
  readonly dir: string;
  /** The projectcalico.org CRDs defining `kind`, parsed on first request. */
  crdsFor(kind: string): readonly any[];
  /** Every kind in the directory (parses any file whose kind the scan could not tell). */
  kinds(): string[];
}

const lazyCache = new Map<string, LazyCrdDirectory>();
const NAMES_KIND =
  /\n([ \t]*)names:[ \t]*\r?\n(?:\1[ \t]+.*\r?\n)*?\1[ \t]+kind:[ \t]*["']?([A-Za-z0-9]+)["']?[ \t]*\r?\n/;

/**
 * Indexes a CRD directory without parsing it (cached per absolute path); see {@link LazyCrdDirectory}.
 * @throws Error when the directory does not exist
 */
export function lazyCrdDirectory(dir: string): LazyCrdDirectory {
  const abs = path.resolve(dir);
  const cached = lazyCache.get(abs);
  if (cached) {
    return cached;
  }
  if (!isDirectory(abs)) {
    throw new Error(`CRD directory ${abs} does not exist or is not a directory`);
  }
  const byKind = new Map<string, string[]>();
  const unknown: string[] = [];
  const texts = new Map<string, string>();
  for (const file of fs
    .readdirSync(abs)
    .filter((f) => /\.(ya?ml|json)$/i.test(f))
    .sort()) {
    const full = path.join(abs, file);
    const text = fs.readFileSync(full, 'utf8');
    texts.set(full, text);
    const m = /\n---/.test(text) ? null : NAMES_KIND.exec(text);
    if (m) {
      byKind.set(m[2], [...(byKind.get(m[2]) ?? []), full]);
    } else {
      unknown.push(full);
    }
  }
  const parsed = new Map<string, readonly any[]>();
  const parse = (file: string): readonly any[] => {
    let crds = parsed.get(file);
    if (!crds) {
      try {
        crds = deepFreeze(selectCalicoCrds(snapshotOf(file, texts.get(file)) ?? readYamlFile(file)));
      } catch (e) {
        throw new Error(`cannot parse CRD file ${file}: ${(e as Error).message}`, { cause: e });
      }
      parsed.set(file, crds);
    }
    return crds;
  };
  const kindOf = (crd: any): unknown => crd?.spec?.names?.kind;
  const lazy: LazyCrdDirectory = {
    dir: abs,
    crdsFor(kind: string): readonly any[] {
      const files = [...(byKind.get(kind) ?? []), ...unknown];
      return files.flatMap((f) => parse(f).filter((c) => kindOf(c) === kind));
    },
    kinds(): string[] {
      const all = new Set<string>();
      for (const f of [...[...byKind.values()].flat(), ...unknown]) {
        for (const c of parse(f)) {
          if (typeof kindOf(c) === 'string') {
            all.add(kindOf(c) as string);
          }
        }
      }
      return [...all].sort();
    },
  };
  lazyCache.set(abs, lazy);
  return lazy;
}

/**
 * The parsed documents of a CRD file from the snapshot of the vendored CRDs (vendored-crd-snapshot.ts) when the
 * snapshot was made from exactly this text; `undefined` otherwise (the file is then parsed).
 */
function snapshotOf(file: string, text: string | undefined): any[] | undefined {
  const name = path.basename(file);
  const entry = text !== undefined && Object.hasOwn(VENDORED_CRDS, name) ? VENDORED_CRDS[name] : undefined;
  return entry && entry.sha256 === sha256Hex(text!) ? JSON.parse(entry.json) : undefined;
}

/** A CRD file's documents: from the snapshot when it matches the file's text, else parsed. */
function readCrdFile(file: string): any[] {
  return snapshotOf(file, fs.readFileSync(file, 'utf8')) ?? readYamlFile(file);
}

function selectCalicoCrds(docs: readonly any[]): any[] {
  const out: any[] = [];
  forEachKubeObject(docs, (doc: any) => {
    if (typeof doc === 'object' && doc.kind === 'CustomResourceDefinition' && doc.spec?.group === CALICO_GROUP) {
      out.push(doc);
    }
  });
  return out;
}

function findPackageRoot(start: string): string | undefined {
  let dir = start;
  for (;;) {
    const pkg = path.join(dir, 'package.json');
    if (fs.existsSync(pkg)) {
      try {
        if (JSON.parse(fs.readFileSync(pkg, 'utf8')).name === PACKAGE_NAME) {
          return dir;
        }
      } catch {
        // not a readable package.json: keep walking up
      }
    }
    const parent = path.dirname(dir);
    if (parent === dir) {
      return undefined;
    }
    dir = parent;
  }
}

function isDirectory(p: string): boolean {
  try {
    return fs.statSync(p).isDirectory();
  } catch {
    return false;
  }
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value as object)) {
      deepFreeze(v);
    }
  }
  return value;
}

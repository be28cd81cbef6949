/**
 * Loads the ajv "standalone" validators that the npm package `kubernetes-models` ships for the Kubernetes OpenAPI
 * schemas (`kubernetes-models/_schemas/*.js`, `@kubernetes-models/apimachinery/_schemas/*.js`).
 *
 * Those files are ES modules only (no `require` export condition), which neither CommonJS consumers of this library
 * nor jest can load synchronously. They are generated code of a fixed, simple shape (`import{validate as
 * validateN}from"./X.js"`, `import{formats}from"@kubernetes-models/validate"`, `export const validate=validateN;`
 * and plain functions), so this module links them itself: it rewrites those import/export statements, evaluates the
 * module body once, and resolves imports to sibling schema files. `@kubernetes-models/validate`'s `formats` is
 * provided here from `ajv-formats` (plus Kubernetes' `quantity` and `cidr`), so its ESM-only dependencies are
 * never loaded.
 */
import * as fs from 'fs';
import * as path from 'path';
import { isIP } from 'net';
import { fullFormats } from 'ajv-formats/dist/formats';

/** An ajv-generated validation function. */
export interface GeneratedValidator {
  (data: unknown, ctx?: { instancePath?: string }): boolean;
  /** ajv errors of the last call, or null. */
  errors?: Array<{ instancePath: string; schemaPath: string; keyword: string; params: Record<string, any>; message?: string }> | null;
}

const moduleCache = new Map<string, Record<string, unknown>>();
let packageRootCache: string | null | undefined;

/**
 * The directory of the installed `kubernetes-models` package, found by walking up from this module (and from the
 * working directory) through `node_modules` folders.
 * @returns the directory, or `undefined` when the package is not installed
 */
export function kubernetesModelsRoot(): string | undefined {
  if (packageRootCache === undefined) {
    packageRootCache = findPackage('kubernetes-models', [__dirname, process.cwd()]) ?? null;
  }
  return packageRootCache ?? undefined;
}

/**
 * Loads the `validate` export of one generated schema module.
 * @param file absolute path of a `_schemas/*.js` file
 * @throws Error when the file cannot be read or linked
 */
export function loadGeneratedValidator(file: string): GeneratedValidator {
  const exports = loadModule(path.resolve(file));
  const validate = exports.validate;
  if (typeof validate !== 'function') {
    throw new Error(`${file} does not export a validate function`);
  }
  return validate as GeneratedValidator;
}

const IMPORT = /import\{([^}]*)\}from"([^"]+)";?/g;
const EXPORT = /export const ([A-Za-z_$][\w$]*)=([A-Za-z_$][\w$]*);?/g;

function loadModule(file: string): Record<string, unknown> {
  const cached = moduleCache.get(file);
  if (cached) {
    return cached;
  }
  const source = fs.readFileSync(file, 'utf8');
  const exportLines: string[] = [];
  const importLines: string[] = [];
  let body = source.replace(EXPORT, (_m, name: string, local: string) => {
    // The exported values are hoisted function declarations: publish them before any import runs, so that import
    // cycles see them.
    exportLines.push(`__exports[${JSON.stringify(name)}]=${local};`);
    return '';
  });
  body = body.replace(IMPORT, (_m, names: string, spec: string) => {
    for (const binding of names.split(',')) {
      const [imported, local] = binding.split(/\s+as\s+/).map((s) => s.trim());
      importLines.push(`var ${local ?? imported}=__import(${JSON.stringify(spec)})[${JSON.stringify(imported)}];`);
    }
    return '';
  });
  const exports: Record<string, unknown> = {};
  moduleCache.set(file, exports);
  try {
    // eslint-disable-next-line @typescript-eslint/no-implied-eval
    const link = new Function('__exports', '__import', `"use strict";${exportLines.join('')}${importLines.join('')}${body}`);
    link(exports, (spec: string) => resolveImport(spec, file));
  } catch (e) {
    moduleCache.delete(file);
    throw new Error(`cannot load generated validator ${file}: ${(e as Error).message}`);
  }
  return exports;
}

function resolveImport(spec: string, from: string): Record<string, unknown> {
  if (spec === '@kubernetes-models/validate') {
    return { formats: kubernetesFormats };
  }
  if (spec.startsWith('./') || spec.startsWith('../')) {
    return loadModule(withJs(path.resolve(path.dirname(from), spec)));
  }
  const m = /^(@[^/]+\/[^/]+|[^@/][^/]*)\/(_schemas\/[A-Za-z0-9_]+)$/.exec(spec);
  if (m) {
    const pkg = findPackage(m[1], [path.dirname(from)]);
    if (pkg) {
      return loadModule(withJs(path.join(pkg, m[2])));
    }
  }
  throw new Error(`unsupported import "${spec}" in ${from}`);
}

function withJs(p: string): string {
  return p.endsWith('.js') ? p : `${p}.js`;
}

function findPackage(name: string, starts: readonly string[]): string | undefined {
  for (const start of starts) {
    let dir = start;
    for (;;) {
      const candidate = path.join(dir, 'node_modules', name);
      if (fs.existsSync(path.join(candidate, 'package.json'))) {
        return candidate;
      }
      const parent = path.dirname(dir);
      if (parent === dir) {
        break;
      }
      dir = parent;
    }
  }
  return undefined;
}

interface FormatValidator {
  /** The check; also usable as a RegExp (`validate.test(x)`), which is how generated code calls regex formats. */
  readonly validate: ((value: unknown) => boolean) & { test(value: unknown): boolean };
}

function formatValidator(check: (value: unknown) => boolean): FormatValidator {
  return { validate: Object.assign((v: unknown) => check(v), { test: (v: unknown) => check(v) }) };
}

function toFormatValidator(f: unknown): FormatValidator {
  if (typeof f === 'function') {
    return formatValidator((v) => typeof v !== 'string' || (f as (s: string) => boolean)(v));
  }
  if (f instanceof RegExp) {
    return formatValidator((v) => typeof v !== 'string' || f.test(v));
  }
  if (f && typeof f === 'object' && 'validate' in f) {
    const inner = (f as { validate: unknown }).validate;
    if ((f as { type?: string }).type === 'number') {
      return formatValidator((v) => typeof v !== 'number' || (inner as (n: number) => boolean)(v));
    }
    return toFormatValidator(inner);
  }
  return formatValidator(() => true);
}

/** Kubernetes quantity (k8s.io/apimachinery/pkg/api/resource), as a string. */
const QUANTITY = /^[+-]?(?:\d+|\d+\.\d+|\d+\.|\.\d+)(?:[KMGTPE]i|[YZEPTGMkhdcmunpfazy]|da|[eE][+-]?(?:\d+|\d+\.\d+|\d+\.|\.\d+))?$/;
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** Returns whether `s` is an IPv4 or IPv6 CIDR as Go's `net.ParseCIDR` accepts it (host bits may be set). */
export function isCidrString(s: string): boolean {
  const slash = s.indexOf('/');
  if (slash < 0) {
    return false;
  }
  const ip = s.slice(0, slash);
  const bits = s.slice(slash + 1);
  const family = isIP(ip);
  if (!family || !/^\d{1,3}$/.test(bits) || (ip.includes('%'))) {
    return false;
  }
  return Number(bits) <= (family === 4 ? 32 : 128);
}

const baseFormats: Record<string, FormatValidator> = {};
for (const [name, f] of Object.entries(fullFormats)) {
  baseFormats[name] = toFormatValidator(f);
}
baseFormats.byte = formatValidator((v) => typeof v !== 'string' || BASE64.test(v));
baseFormats.quantity = formatValidator((v) => typeof v !== 'string' || QUANTITY.test(v));
baseFormats.cidr = formatValidator((v) => typeof v !== 'string' || isCidrString(v));
const acceptAll: FormatValidator = formatValidator(() => true);

/** `formats` as `@kubernetes-models/validate` exports it: unknown formats are accepted. */
const kubernetesFormats: Record<string, FormatValidator> = new Proxy(baseFormats, {
  get: (target, key) => (typeof key === 'string' && key in target ? target[key] : acceptAll),
});

/**
 * Loads the ajv "standalone" validators that the npm package `kubernetes-models` (4.x, CommonJS) ships for the
 * Kubernetes OpenAPI schemas (`kubernetes-models/_schemas/*.js`). They are not in the package's `exports` map, so
 * they are required by absolute path from the installed package folder.
 */
import * as fs from 'fs';
import * as path from 'path';
import { parseCidr } from '../../model/primitives/cidr';

/** An ajv-generated validation function. */
export interface GeneratedValidator {
  (data: unknown, ctx?: { instancePath?: string }): boolean;
  /** ajv errors of the last call, or null. */
  errors?: Array<{
    instancePath: string;
    schemaPath: string;
    keyword: string;
    params: Record<string, any>;
    message?: string;
  }> | null;
}

let packageRootCache: string | null | undefined;

/**
 * The directory of the installed `kubernetes-models` package.
 * @returns the directory, or `undefined` when the package is not installed
 */
export function kubernetesModelsRoot(): string | undefined {
  if (packageRootCache === undefined) {
    try {
      packageRootCache = path.dirname(require.resolve('kubernetes-models/package.json'));
    } catch {
      packageRootCache = null;
    }
  }
  return packageRootCache ?? undefined;
}

/**
 * Loads the `validate` export of one generated schema module.
 * @param file absolute path of a `_schemas/*.js` file
 * @throws Error when the file cannot be loaded
 */
export function loadGeneratedValidator(file: string): GeneratedValidator {
  if (!fs.existsSync(file)) {
    throw new Error(`cannot load generated validator ${file}: no such file`);
  }
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const validate = require(path.resolve(file)).validate;
  if (typeof validate !== 'function') {
    throw new Error(`${file} does not export a validate function`);
  }
  return validate as GeneratedValidator;
}

/**
 * Returns whether `s` is an IPv4 or IPv6 CIDR as Go's `net.ParseCIDR` accepts it (host bits may be set), the check
 * behind kube-openapi strfmt's `cidr` format. Delegates to the library's one CIDR parser (model/primitives/cidr).
 */
export function isCidrString(s: string): boolean {
  return parseCidr(s) !== undefined;
}

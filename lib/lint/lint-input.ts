import { rejectInput } from '../model/primitives/guard';

/**
 * The documents every public lint function reads: an array. Anything else (a YAML string, one object,
 * null) would otherwise be linted as no documents at all and report nothing, a silent pass.
 */
export function guardLintDocs(docs: unknown, api: string): void {
  if (!Array.isArray(docs)) {
    rejectInput(
      api,
      'docs',
      'an array of objects (the parsed manifest documents)',
      docs,
      'pass the parsed documents as an array',
    );
  }
}

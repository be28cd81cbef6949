import { closest } from '../model/primitives/guard';

/**
 * The fix for a problem whose message has none. Schema and CEL messages are worded as kube-apiserver words them
 * (`Unsupported value: "always": supported values: ...`) and name no fix; every problem the library reports ends in
 * `; fix: ...`, so one is derived here from the rule and the wording, in one place for
 * `validateManifests`, the CLI and synth.
 *
 * @param message the problem's message
 * @param rule its rule id
 * @param path its field path (`spec.ipipMode`)
 * @param kind the object's kind, for the wording
 * @param schemaRoot the kind's structural schema, when known: an unknown field gets "did you mean" from it
 */
export function withDerivedFix(
  message: string,
  rule: string,
  path: string,
  kind: string,
  schemaRoot?: unknown,
): string {
  if (/; fix: \S/.test(message)) return message;
  return `${message}; fix: ${derivedFix(message, rule, path, kind, schemaRoot)}`;
}

function derivedFix(message: string, rule: string, path: string, kind: string, schemaRoot: unknown): string {
  const name = path || 'the object';
  const schema = kind === 'object' ? 'its schema' : `the ${kind} schema`;
  if (/^unknown field/.test(message)) {
    const near = schemaRoot ? nearFieldName(schemaRoot, path) : undefined;
    return near
      ? `did you mean "${near}"? (remove ${name} or rename it)`
      : `remove ${name}: ${schema} does not define it`;
  }
  if (/^Unsupported value/.test(message)) return `set ${name} to one of the supported values (case-sensitive)`;
  if (/^Required value/.test(message)) return path === 'metadata.name' ? 'set metadata.name' : `set ${name}`;
  if (/must be of type/.test(message)) return `give ${name} a value of the type ${schema} requires`;
  if (/^Duplicate value/.test(message)) return `remove the duplicate from ${name}`;
  if (/^Too many|must have at most/.test(message)) return `shorten ${name}`;
  if (/^Too long|may not be longer/.test(message)) return `shorten ${name}`;
  if (rule === 'cel') return `change ${name} so that the ${kind} CRD's validation rule holds`;
  return `change ${name} to a value ${schema} accepts`;
}

/** The declared sibling field closest to the unknown field at `path` ("did you mean"). */
function nearFieldName(root: unknown, path: string): string | undefined {
  const segments = path.split(/\.|(?=\[)/).filter((s) => s !== '');
  const leaf = segments.pop();
  let node: any = root;
  for (const s of segments) {
    if (!node) return undefined;
    node = s.startsWith('[') ? (node.items ?? node.additionalProperties) : node.properties?.[s];
  }
  const known = node?.properties ? Object.keys(node.properties) : [];
  return leaf && known.length > 0 ? closest(leaf, known) : undefined;
}

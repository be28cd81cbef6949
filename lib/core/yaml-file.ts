import * as fs from 'fs';
import { parseAllDocuments } from 'yaml';

/**
 * Parses every document of a YAML (or JSON) text with YAML 1.1 rules, as cdk8s writes them. Empty documents are
 * dropped. (cdk8s' own `Yaml.load` reads each file through a child process: about 100 ms a file.)
 * @throws Error with the parser's first message when the text is not valid YAML
 */
export function parseYamlDocuments(text: string): any[] {
  const out: any[] = [];
  for (const doc of parseAllDocuments(text, { version: '1.1' })) {
    if (doc.errors.length > 0) throw new Error(doc.errors[0].message);
    const value = doc.toJSON();
    if (value !== null && value !== undefined) out.push(value);
  }
  return out;
}

/** Reads a YAML or JSON file into its documents (a JSON array becomes its elements). */
export function readYamlFile(file: string): any[] {
  const text = fs.readFileSync(file, 'utf8');
  if (file.endsWith('.json')) {
    const parsed = JSON.parse(text);
    return Array.isArray(parsed) ? parsed : [parsed];
  }
  return parseYamlDocuments(text);
}

/**
 * SARIF 2.1.0 (OASIS Static Analysis Results Interchange Format), the log GitHub code scanning and other CI
 * dashboards read (`github/codeql-action/upload-sarif`). One run; every rule that fired is described once in
 * `tool.driver.rules` and referenced by `ruleId` and `ruleIndex`; every result has the physical location of its YAML
 * node (file, line, column) and the Kubernetes object as a logical location. Checked against the OASIS schema in
 * test/cli/output-formats.test.ts.
 */
import * as path from 'path';
import { pathToFileURL } from 'url';
import { displayName } from '../manifest-files';
import { ciPath, CliFinding, FindingSeverity, objectRef, OutputContext } from './finding';

/** SARIF's `level` for a severity (§3.27.10: error, warning, note). */
function level(s: FindingSeverity): 'error' | 'warning' | 'note' {
  return s === 'info' ? 'note' : s;
}

/**
 * An `artifactLocation.uri`: a relative path (or an absolute one inside the working folder, made relative) as a
 * relative reference with `/` separators, which GitHub resolves against the checkout; any other absolute path as a
 * `file:` URL; each segment percent-encoded (§3.4.3, RFC 3986).
 */
export function artifactUri(file: string): string {
  const shown = ciPath(file);
  if (path.isAbsolute(shown)) return pathToFileURL(shown).href;
  return displayName(shown)
    .split(/[\\/]/)
    .map((seg) => encodeURIComponent(seg))
    .join('/');
}

/** The SARIF log of a command's findings, as pretty-printed JSON. */
export function renderSarif(findings: readonly CliFinding[], ctx: OutputContext, version: string): string {
  const rules: string[] = [];
  const ruleIndex = new Map<string, number>();
  for (const f of findings) {
    if (!ruleIndex.has(f.rule)) {
      ruleIndex.set(f.rule, rules.length);
      rules.push(f.rule);
    }
  }
  const severityOf = new Map<string, FindingSeverity>();
  for (const f of findings) if (!severityOf.has(f.rule)) severityOf.set(f.rule, f.severity);
  const results = findings.map((f) => ({
    ruleId: f.rule,
    ruleIndex: ruleIndex.get(f.rule)!,
    level: level(f.severity),
    message: { text: `${objectRef(f)}: ${f.path ? `${f.path}: ` : ''}${f.message}` },
    locations: [
      {
        ...(f.source
          ? {
              physicalLocation: {
                artifactLocation: { uri: artifactUri(f.source.file) },
                region: { startLine: f.source.line, startColumn: f.source.column },
              },
            }
          : {}),
        logicalLocations: [{ fullyQualifiedName: `${objectRef(f)}${f.path ? `:${f.path}` : ''}`, kind: 'object' }],
      },
    ],
    properties: {
      kind: f.kind,
      name: f.name,
      ...(f.namespace ? { namespace: f.namespace } : {}),
      path: f.path,
      severity: f.severity,
    },
  }));
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'cdk8s-calico',
            version,
            semanticVersion: version,
            rules: rules.map((id) => ({
              id,
              shortDescription: { text: id },
              defaultConfiguration: { level: level(severityOf.get(id)!) },
            })),
          },
        },
        invocations: [{ executionSuccessful: true, commandLine: `cdk8s-calico ${ctx.command}` }],
        columnKind: 'utf16CodeUnits',
        results,
      },
    ],
  };
  return JSON.stringify(log, null, 2) + '\n';
}

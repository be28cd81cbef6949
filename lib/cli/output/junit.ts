/**
 * JUnit XML, as CI systems read test reports (Jenkins, GitLab `artifacts:reports:junit`, Azure Pipelines): one test
 * suite per input file, one test case per finding (a `<failure>` when it fails the run), and one passing case for a
 * file without findings, so a clean run shows its files as passed. The layout follows ESLint's junit formatter.
 */
import { displayName } from '../manifest-files';
import { CliFinding, objectRef, OutputContext, sourceLabel } from './finding';

/** Text for an XML attribute or element: the five predefined entities, and no character XML 1.0 forbids. */
export function xmlEscape(s: string): string {
  return s
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

/** The report: `<testsuites>` with a suite per file (findings without a file in a suite named after the command). */
export function renderJunit(findings: readonly CliFinding[], ctx: OutputContext): string {
  const byFile = new Map<string, CliFinding[]>();
  for (const f of ctx.files) byFile.set(f, []);
  for (const f of findings) {
    const file = f.source?.file ?? '';
    if (!byFile.has(file)) byFile.set(file, []);
    byFile.get(file)!.push(f);
  }
  const suites: string[] = [];
  let tests = 0;
  let failures = 0;
  for (const [file, list] of byFile) {
    const name = file ? displayName(file) : `cdk8s-calico ${ctx.command}`;
    const cases = list.map((f) => testCase(f, name, ctx.fails(f)));
    const failed = list.filter((f) => ctx.fails(f)).length;
    if (cases.length === 0)
      cases.push(
        `    <testcase classname="${xmlEscape(name)}" name="cdk8s-calico ${xmlEscape(ctx.command)}" time="0"/>`,
      );
    tests += cases.length;
    failures += failed;
    const head = `  <testsuite name="${xmlEscape(name)}" tests="${cases.length}" failures="${failed}" errors="0" skipped="0" time="0">`;
    suites.push(`${head}\n${cases.join('\n')}\n  </testsuite>`);
  }
  const head = `<testsuites name="${xmlEscape(`cdk8s-calico ${ctx.command}`)}" tests="${tests}" failures="${failures}" errors="0" time="0">`;
  return `<?xml version="1.0" encoding="UTF-8"?>\n${head}\n${suites.join('\n')}\n</testsuites>\n`;
}

function testCase(f: CliFinding, suite: string, fails: boolean): string {
  const name = `${f.rule} ${objectRef(f)}${f.path ? ` ${f.path}` : ''}`;
  const where = sourceLabel(f.source);
  const detail = `${where ? `${where}: ` : ''}${f.severity} ${objectRef(f)}: ${f.path ? `${f.path}: ` : ''}${f.message} [${f.rule}]`;
  const head = `    <testcase classname="${xmlEscape(suite)}" name="${xmlEscape(name)}" time="0"`;
  const body = fails
    ? `<failure type="${xmlEscape(f.severity)}" message="${xmlEscape(f.message)}">${xmlEscape(detail)}</failure>`
    : `<system-out>${xmlEscape(detail)}</system-out>`;
  return `${head}>\n      ${body}\n    </testcase>`;
}

/**
 * GitHub Actions workflow commands (`::error file=...,line=...,col=...,title=...::message`), which the runner turns
 * into annotations on the pull request's files. Escaping as @actions/core's `escapeData` and `escapeProperty`
 * (actions/toolkit packages/core/src/command.ts): `%`, CR and LF in both, and `:` and `,` in properties.
 */
import { displayName } from '../manifest-files';
import { ciPath, CliFinding, objectRef, OutputContext } from './finding';

/** A message of a workflow command. */
export function escapeData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** A property of a workflow command (`file=`, `title=`). */
export function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/** error, warning or notice: GitHub's three annotation levels. */
function command(f: CliFinding): string {
  return f.severity === 'error' ? 'error' : f.severity === 'warning' ? 'warning' : 'notice';
}

/** One annotation line per finding, then a plain summary line (the runner prints it as is). */
export function renderGithub(findings: readonly CliFinding[], ctx: OutputContext, summary: string): string {
  const lines = findings.map((f) => {
    const props = f.source
      ? [
          `file=${escapeProperty(displayName(ciPath(f.source.file)))}`,
          `line=${f.source.line}`,
          `col=${f.source.column}`,
        ]
      : [];
    props.push(`title=${escapeProperty(`${f.rule} (${ctx.command})`)}`);
    const text = `${objectRef(f)}: ${f.path ? `${f.path}: ` : ''}${f.message}`;
    return `::${command(f)} ${props.join(',')}::${escapeData(text)}`;
  });
  lines.push(summary);
  return lines.join('\n') + '\n';
}

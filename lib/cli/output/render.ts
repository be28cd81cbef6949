/**
 * The CI formats every finding-reporting command shares (validate, check, lint, psa): `--format sarif|junit|github`.
 * The text, json and md formats stay each command's own.
 */
import { packageVersion } from '../version';
import { CliFinding, OutputContext } from './finding';
import { renderGithub } from './github';
import { renderJunit } from './junit';
import { renderSarif } from './sarif';

/** The CI formats. */
export const CI_FORMATS = ['sarif', 'junit', 'github'] as const;

/** One of {@link CI_FORMATS}. */
export type CiFormat = (typeof CI_FORMATS)[number];

/** True for a CI format. */
export function isCiFormat(f: string): f is CiFormat {
  return (CI_FORMATS as readonly string[]).includes(f);
}

/** The findings in a CI format; `summary` is the command's closing line (GitHub prints it after the annotations). */
export function renderCi(
  format: CiFormat,
  findings: readonly CliFinding[],
  ctx: OutputContext,
  summary: string,
): string {
  if (format === 'sarif') return renderSarif(findings, ctx, packageVersion());
  if (format === 'junit') return renderJunit(findings, ctx);
  return renderGithub(findings, ctx, summary);
}

/** The version of the JSON output (`schemaVersion`), described by schemas/cli-output.v1.json. */
export const JSON_SCHEMA_VERSION = 1;

import * as fs from 'fs';
import { parseAllDocuments } from 'yaml';
import {
  boundaryError,
  guardKnownKeys,
  guardOptionalArray,
  guardOptionalBoolean,
  guardOptionalEnum,
  guardOptionalString,
  guardProps,
  guardString,
} from '../model/primitives/guard';
import { unknownLintRules } from '../lint/lint-manifests';
import { LINT_SEVERITIES, LintSeverity } from '../lint/lint-rules';
import { ClusterNetworkPolicyChannel } from '../validation/cluster-network-policy/channel';
import { ManifestFile, PluginChecks, pluginFindings } from './plugin-findings';
import { IPluginContext } from './validation-contract';

/** Properties of {@link CalicoValidation}: the `properties:` of its entry in cdk8s.yaml `validations:`. */
export interface CalicoValidationProps {
  /**
   * A folder of projectcalico.org/v3 CRD YAML files (another Calico version), relative to the app folder.
   * @default - env CALICO_CRDS_DIR, else the Calico CRDs vendored in the package
   */
  readonly crds?: string;
  /**
   * Check Kubernetes built-in kinds against the Kubernetes OpenAPI schemas and kube-apiserver's object validation.
   * @default true
   */
  readonly kubernetes?: boolean;
  /**
   * Run the lint rules (the CLI's `lint`).
   * @default true
   */
  readonly lint?: boolean;
  /**
   * Run the node lockout proof over the manifests (as `cdk8s-calico check` does).
   * @default true
   */
  readonly lockout?: boolean;
  /**
   * The lint severity that fails the synth: `error`, `warning` or `info` (the CLI's `--fail-on`). Validation
   * problems and lockout findings always fail it.
   * @default 'warning'
   */
  readonly failOn?: string;
  /**
   * Lint rule ids to skip; a prefix such as `psa.` skips its family (the CLI's `--disable`).
   * @default - none
   */
  readonly disable?: string[];
  /**
   * The ClusterNetworkPolicy CRD channel objects are validated against: `standard` (what Calico 3.32.1 installs) or
   * `experimental` (the CLI's `--cnp-channel`).
   * @default 'standard'
   */
  readonly clusterNetworkPolicyChannel?: string;
}

const WHERE = 'CalicoValidation';
const KEYS = ['crds', 'kubernetes', 'lint', 'lockout', 'failOn', 'disable', 'clusterNetworkPolicyChannel'];

/** The properties' runtime shape: they come from cdk8s.yaml, so every mistake names the property and the fix. */
function resolveChecks(props: unknown): PluginChecks {
  const p = guardProps(props as CalicoValidationProps | undefined, WHERE, 'properties');
  guardKnownKeys(p, KEYS, WHERE, 'properties');
  const ruleId = (v: unknown, f: string) =>
    guardString(v, WHERE, f, { expected: 'a lint rule id such as lint.staged-policy' });
  const disable = guardOptionalArray(p.disable, WHERE, 'properties.disable', ruleId, { of: 'rule ids' }) ?? [];
  const unknown = unknownLintRules(disable);
  if (unknown.length > 0) {
    throw boundaryError(
      WHERE,
      `properties.disable[${disable.indexOf(unknown[0])}]`,
      `names unknown lint rule ${JSON.stringify(unknown[0])}; fix: use an id of LINT_RULES or a prefix such as psa.`,
    );
  }
  return {
    crds: guardOptionalString(p.crds, WHERE, 'properties.crds', { expected: 'a folder of CRD YAML files' }),
    kubernetes: guardOptionalBoolean(p.kubernetes, WHERE, 'properties.kubernetes') ?? true,
    lint: guardOptionalBoolean(p.lint, WHERE, 'properties.lint') ?? true,
    lockout: guardOptionalBoolean(p.lockout, WHERE, 'properties.lockout') ?? true,
    failOn: guardOptionalEnum(p.failOn, LINT_SEVERITIES, WHERE, 'properties.failOn') ?? ('warning' as LintSeverity),
    disable,
    clusterNetworkPolicyChannel: guardOptionalEnum(
      p.clusterNetworkPolicyChannel,
      ClusterNetworkPolicyChannel,
      WHERE,
      'properties.clusterNetworkPolicyChannel',
    ),
  };
}

/**
 * A cdk8s validation plugin: during a plain `cdk8s synth`, runs the library's validation (Calico CRD schemas, CEL
 * and Calico's own rules, Kubernetes built-in kinds), its lint and the manifest-level node lockout proof over the
 * manifests the app wrote, JSON patches (`ApiObject.addJsonPatch`) included, and reports each problem through cdk8s's
 * own validation report, where cdk8s-cli names the construct path of the object (from the construct metadata it has
 * the app record while validations are configured). Any problem fails the synth (exit code 2).
 *
 * In cdk8s.yaml (cdk8s-cli's plugin loader requires `package` to be a local path or an npm name with an exact
 * `version`; it `require`s the package's main module and takes `class` from it):
 *
 *     validations:
 *       - package: ./node_modules/cdk8s-calico
 *         version: 0.1.0
 *         class: CalicoValidation
 *         properties: { failOn: error }
 *
 * The plugin contract: cdk8s-cli `src/plugins/validation.ts` (`Validation.validate(context)`).
 */
export class CalicoValidation {
  private readonly checks: PluginChecks;

  /** cdk8s-cli calls it with the entry's `properties` (`{}` when there are none). */
  public constructor(props: CalicoValidationProps = {}) {
    this.checks = resolveChecks(props);
  }

  /** Validates `context.manifests` and submits the report. */
  public async validate(context: IPluginContext): Promise<void> {
    const report = context.report;
    let files: ManifestFile[];
    try {
      files = context.manifests.map((path) => ({ path, docs: readManifest(path) }));
    } catch (e) {
      report.addViolation({
        ruleName: 'schema.document',
        recommendation: e instanceof Error ? e.message : String(e),
        fix: 'check what the app wrote to its output folder',
        violatingResources: [],
      });
      report.submit('failure');
      return;
    }
    const found = pluginFindings(files, this.checks);
    for (const v of found.violations) report.addViolation(v);
    report.submit(found.failed ? 'failure' : 'success', {
      'Objects': String(found.counts.objects),
      'Validation problems': String(found.counts.problems),
      'Lockout findings': this.checks.lockout ? String(found.counts.lockout) : 'off',
      'Lint findings': this.checks.lint ? `${found.counts.lint} (fail on ${this.checks.failOn})` : 'off',
    });
  }
}

/** The documents of one manifest file; a YAML error names the file. */
function readManifest(path: string): unknown[] {
  const parsed = parseAllDocuments(fs.readFileSync(path, 'utf8'));
  const docs = Array.isArray(parsed) ? parsed : [parsed];
  return docs.flatMap((d) => {
    if (d.errors.length > 0) throw new Error(`${path}: ${d.errors[0].message}`);
    const js = d.toJS();
    return js === null || js === undefined ? [] : [js];
  });
}

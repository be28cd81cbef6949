import { lintManifests, SeverityLintFinding } from '../lint/lint-manifests';
import { isAtLeast, LintSeverity } from '../lint/lint-rules';
import { splitFix, ValidationProblem } from '../validation/problem';
import { ClusterNetworkPolicyChannel } from '../validation/cluster-network-policy/channel';
import { validateManifests } from '../validation/validate-manifests';
import { withoutValidatedFindings } from '../lint/validated-findings';
import { LOCKOUT_RULES, manifestLockoutFindings } from './manifest-lockout';
import { PluginViolation } from './validation-contract';

/** One synthesized manifest file and its documents, in file order. @internal */
export interface ManifestFile {
  readonly path: string;
  readonly docs: readonly unknown[];
}

/** What the plugin runs, resolved from its properties. @internal */
export interface PluginChecks {
  readonly crds?: string;
  readonly clusterNetworkPolicyChannel?: ClusterNetworkPolicyChannel;
  readonly kubernetes: boolean;
  readonly lint: boolean;
  readonly lockout: boolean;
  readonly failOn: LintSeverity;
  readonly disable: readonly string[];
}

/** The report's content: its violations, whether it fails, and summary counts. @internal */
export interface PluginFindings {
  readonly violations: PluginViolation[];
  readonly failed: boolean;
  readonly counts: {
    readonly objects: number;
    readonly problems: number;
    readonly lint: number;
    readonly lockout: number;
  };
}

/**
 * Runs the library's checks over every manifest of the app at once (the cross-object rules, lint and the lockout
 * proof need all objects), and turns each problem into a violation of cdk8s's report. A validation problem or a
 * lockout finding always fails; a lint finding fails at `failOn` or worse (the CLI's `--fail-on`, default warning).
 * @internal
 */
export function pluginFindings(files: readonly ManifestFile[], checks: PluginChecks): PluginFindings {
  const docs: unknown[] = [];
  const fileOf: string[] = [];
  for (const f of files) {
    for (const d of f.docs) {
      docs.push(d);
      fileOf.push(f.path);
    }
  }
  const problems = validateManifests(docs, {
    crds: checks.crds,
    kubernetes: checks.kubernetes,
    clusterNetworkPolicyChannel: checks.clusterNetworkPolicyChannel,
  });
  // Lint runs the lockout proof too; its findings are reported once, as lockout findings, which always fail.
  // A lint finding validation already reports on the same field is reported once, as the validation problem.
  const lint: SeverityLintFinding[] = checks.lint
    ? withoutValidatedFindings(lintManifests(docs, { disable: checks.disable }), problems).filter(
        (f) => !LOCKOUT_RULES.has(f.rule),
      )
    : [];
  const lockout = checks.lockout ? manifestLockoutFindings(docs) : [];
  const where = (p: ValidationProblem) =>
    (p.document !== undefined ? fileOf[p.document] : undefined) ??
    fileOfIdentity(docs, fileOf, p) ??
    files[0]?.path ??
    '';
  const violations = [
    ...problems.map((p) => violation(p, p.rule, where(p))),
    ...lockout.map((p) => violation(p, p.rule, where(p))),
    ...lint.map((f) => violation(f, `${f.rule} (${f.severity})`, where(f))),
  ];
  const failed = problems.length > 0 || lockout.length > 0 || lint.some((f) => isAtLeast(f.severity, checks.failOn));
  return {
    violations,
    failed,
    counts: { objects: docs.length, problems: problems.length, lint: lint.length, lockout: lockout.length },
  };
}

/** One violation per problem: the object by name (cdk8s-cli maps it to its construct path), the field as location. */
function violation(p: ValidationProblem, ruleName: string, manifestPath: string): PluginViolation {
  const { problem, fix } = splitFix(p.message);
  const object = `${p.kind} ${p.namespace ? `${p.namespace}/` : ''}${p.name}`;
  return {
    ruleName,
    recommendation: `${object}: ${p.path ? `${p.path}: ` : ''}${problem}`,
    fix: fix || 'see the rule in the cdk8s-calico README',
    violatingResources: [{ resourceName: p.name, locations: [p.path || '(the whole object)'], manifestPath }],
  };
}

/**
 * The file of the first document with the problem's kind, name and namespace (for findings without a document index).
 */
function fileOfIdentity(docs: readonly unknown[], fileOf: readonly string[], p: ValidationProblem): string | undefined {
  const i = docs.findIndex(
    (d: any) =>
      d?.kind === p.kind && d?.metadata?.name === p.name && (d?.metadata?.namespace ?? undefined) === p.namespace,
  );
  return i < 0 ? undefined : fileOf[i];
}

import type { LintFinding } from '../lint/lint-finding';
import { lintNodeAccess, NODE_ACCESS_LINT_RULES } from '../nodes/node-access-proof';

/**
 * The rule ids of the lockout proof, which lint also runs: the plugin reports them once, as lockout findings. @internal
 */
export const LOCKOUT_RULES: ReadonlySet<string> = new Set(Object.keys(NODE_ACCESS_LINT_RULES));

/**
 * The manifest-level node lockout proof (lib/nodes/node-access-proof.ts, the lockout guard of SecuredNodePool over
 * any YAML) on the app's synthesized objects: the one place the plugin calls it, so `cdk8s synth` proves what
 * `cdk8s-calico check` proves. Each finding names the policy that blocks the flow. @internal
 */
export function manifestLockoutFindings(docs: readonly unknown[]): LintFinding[] {
  return lintNodeAccess([...docs]);
}

// Jest matcher `toPassPodSecurity(level, { version })`: `expect.extend(podSecurityMatchers)`, then
// `expect(chart).toPassPodSecurity('restricted')` or `expect(deployment.toJson()).toPassPodSecurity('baseline')`.
import { App, Chart } from 'cdk8s';
import { manifestsOf } from '../views/manifests-of';
import { MatcherResult } from '../views/matchers';
import { evaluateAppPodSecurity, WorkloadPodSecurity } from './app-pod-security';
import { checkPodSecurity, PodSecurityCheckOptions, POD_TEMPLATE_KINDS } from './check-pod-security';

/** A single workload object (not an array, Chart or App). */
function isSingleObject(subject: unknown): boolean {
  return subject !== null && typeof subject === 'object' && !Array.isArray(subject) && !(subject instanceof App) && !Chart.isChart(subject);
}

function verdicts(subject: unknown, level: string, options: PodSecurityCheckOptions): WorkloadPodSecurity[] {
  if (isSingleObject(subject)) {
    const o = subject as { kind?: unknown; metadata?: { name?: unknown; namespace?: unknown } };
    const result = checkPodSecurity(subject, level, options);
    return [{ kind: String(o.kind ?? 'PodTemplateSpec'), name: String(o.metadata?.name ?? '<unnamed>'), namespace: String(o.metadata?.namespace ?? 'default'), policy: `${result.level}:${result.version}`, result }];
  }
  const all = evaluateAppPodSecurity(manifestsOf(subject), { level, version: options.version });
  if (all.length === 0) {
    throw new Error(`toPassPodSecurity: no pod template found (looked for ${POD_TEMPLATE_KINDS.join(', ')}); fix: expect a chart, app or manifests that contain workloads`);
  }
  return all;
}

function describe(w: WorkloadPodSecurity): string {
  const head = `  ${w.kind} ${w.namespace}/${w.name}: ${w.result.allowed ? 'allowed' : `${w.result.violations.length} violation(s)`}`;
  return [head, ...w.result.violations.map((v) => `    ${v.check} at ${v.fieldPath}: ${v.message}; fix: ${v.fix}`)].join('\n');
}

/**
 * Jest matchers over Pod Security: `expect.extend(podSecurityMatchers)`. The subject is a workload object (Pod,
 * Deployment, ..., PodTemplateSpec), an array of manifests, a cdk8s `Chart` or an `App`; every pod template in it is
 * checked against the level (not against namespace labels). A failure lists every violation with its field path.
 */
export const podSecurityMatchers = {
  /** Passes when every pod template in the subject is allowed at `level` (and `options.version`, default `latest`). */
  toPassPodSecurity(subject: unknown, level: string, options: PodSecurityCheckOptions = {}): MatcherResult {
    const all = verdicts(subject, level, options);
    const failing = all.filter((w) => !w.result.allowed);
    const policy = all[0].policy;
    const pass = failing.length === 0;
    return {
      pass,
      message: () => (pass
        ? `expected a violation of Pod Security "${policy}", but all ${all.length} pod template(s) are allowed:\n${all.map(describe).join('\n')}`
        : `expected every pod template to pass Pod Security "${policy}", but ${failing.length} of ${all.length} violate it:\n${failing.map(describe).join('\n')}`),
    };
  },
};

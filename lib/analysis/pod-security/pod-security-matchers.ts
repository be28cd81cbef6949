// Jest matcher `toPassPodSecurity(level, { version })`: `expect.extend(podSecurityMatchers)`, then
// `expect(chart).toPassPodSecurity('restricted')` or `expect(deployment.toJson()).toPassPodSecurity('baseline')`.
import { App, Chart } from 'cdk8s';
import { guardArray, guardEnum, guardKnownKeys, guardObject } from '../../model/primitives/guard';
import { manifestsOf, MatcherResult } from '../../model/documents/manifests-of';
import { evaluateAppPodSecurity, WorkloadPodSecurity } from './app-pod-security';
import { checkPodSecurity, PodSecurityCheckOptions, POD_TEMPLATE_KINDS } from './check-pod-security';
import { obj } from './checks/pod-view';
import { PodSecurityMode } from './namespace-policy';

/**
 * Options of `toBeAdmittedByPodSecurity` / `toBeRejectedByPodSecurity`: the cluster the manifests are applied to, as
 * the traffic matchers take it.
 */
export interface PodSecurityAdmissionMatcherOptions {
  /**
   * Objects already in the cluster; their Namespace objects give the `pod-security.kubernetes.io/*` labels of
   * namespaces the received manifests do not define (`kubectl get namespaces -o json` items). A Namespace in the
   * received manifests replaces the cluster's (applying it would). Workloads in the cluster state are not checked.
   * @default [] (a namespace defined nowhere is privileged, as Pod Security Admission treats a namespace without
   * labels)
   */
  readonly cluster?: any[];
  /**
   * Which label decides: `enforce` (the API server rejects the pod), `warn` (kubectl prints a warning) or `audit`.
   * @default 'enforce'
   */
  readonly mode?: PodSecurityMode;
}

/** A single workload object (not an array, Chart or App). */
function isSingleObject(subject: unknown): boolean {
  return (
    subject !== null &&
    typeof subject === 'object' &&
    !Array.isArray(subject) &&
    !(subject instanceof App) &&
    !Chart.isChart(subject)
  );
}

function verdicts(subject: unknown, level: string, options: PodSecurityCheckOptions): WorkloadPodSecurity[] {
  if (isSingleObject(subject)) {
    const o = subject as { kind?: unknown; metadata?: { name?: unknown; namespace?: unknown } };
    const result = checkPodSecurity(subject, level, options);
    return [
      {
        kind: String(o.kind ?? 'PodTemplateSpec'),
        name: String(o.metadata?.name ?? '<unnamed>'),
        namespace: String(o.metadata?.namespace ?? 'default'),
        policy: `${result.level}:${result.version}`,
        result,
      },
    ];
  }
  const all = evaluateAppPodSecurity(manifestsOf(subject), { level, version: options.version });
  if (all.length === 0) {
    throw new Error(
      `toPassPodSecurity: no pod template found (looked for ${POD_TEMPLATE_KINDS.join(', ')}); fix: expect a chart, app or manifests that contain workloads`,
    );
  }
  return all;
}

function describe(w: WorkloadPodSecurity): string {
  const head = `  ${w.kind} ${w.namespace}/${w.name}: ${w.result.allowed ? 'allowed' : `${w.result.violations.length} violation(s)`}`;
  return [
    head,
    ...w.result.violations.map((v) => `    ${v.check} at ${v.fieldPath}: ${v.message}; fix: ${v.fix}`),
  ].join('\n');
}

/** Every workload of the subject, each against the labels of its namespace (from the subject, else the cluster). */
function admission(
  subject: unknown,
  options: PodSecurityAdmissionMatcherOptions | undefined,
  where: string,
): WorkloadPodSecurity[] {
  const o =
    options === undefined
      ? {}
      : guardObject(options, where, 'options', { expected: 'an options object { cluster?, mode? }' });
  guardKnownKeys(o, ['cluster', 'mode'], where, 'options');
  const cluster =
    o.cluster === undefined
      ? []
      : guardArray(o.cluster, where, 'options.cluster', (d) => d, { of: 'Kubernetes objects' });
  const mode =
    o.mode === undefined ? 'enforce' : guardEnum(o.mode, ['enforce', 'warn', 'audit'], where, 'options.mode');
  const docs = isSingleObject(subject) ? [subject] : manifestsOf(subject);
  // Only the cluster's Namespaces count (its workloads are not the subject's), and before the subject's own.
  const namespaces = flattenItems(cluster).filter((d) => obj(d).kind === 'Namespace');
  const all = evaluateAppPodSecurity([...namespaces, ...docs], { mode: mode as PodSecurityMode });
  if (all.length === 0) {
    throw new Error(
      `${where}: no pod template found (looked for ${POD_TEMPLATE_KINDS.join(', ')}); ` +
        'fix: expect a chart, app, manifests or a workload',
    );
  }
  return all;
}

function flattenItems(docs: readonly unknown[]): unknown[] {
  return docs.flatMap((d) => {
    const o = obj(d);
    return typeof o.kind === 'string' && o.kind.endsWith('List') && Array.isArray(o.items)
      ? flattenItems(o.items)
      : [d];
  });
}

/** Passes when every workload is admitted (`expectAdmitted`) or every one is rejected. */
function admissionCheck(
  subject: unknown,
  options: PodSecurityAdmissionMatcherOptions | undefined,
  expectAdmitted: boolean,
): MatcherResult {
  const where = expectAdmitted ? 'toBeAdmittedByPodSecurity' : 'toBeRejectedByPodSecurity';
  const all = admission(subject, options, where);
  const wrong = all.filter((w) => w.result.allowed !== expectAdmitted);
  const pass = wrong.length === 0;
  const mode = options?.mode ?? 'enforce';
  const want = expectAdmitted ? 'admitted' : 'rejected';
  const verdict = (w: WorkloadPodSecurity): string => `${describe(w)} (namespace ${w.namespace}, ${mode} ${w.policy})`;
  return {
    pass,
    message: () =>
      pass
        ? `expected some pod template not to be ${want} by Pod Security (${mode} labels), but all ${all.length} are:\n` +
          all.map(verdict).join('\n')
        : `expected every pod template to be ${want} by Pod Security (${mode} labels), but ${wrong.length} of ${all.length} are not:\n` +
          wrong.map(verdict).join('\n'),
  };
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
      message: () =>
        pass
          ? `expected a violation of Pod Security "${policy}", but all ${all.length} pod template(s) are allowed:\n${all.map(describe).join('\n')}`
          : `expected every pod template to pass Pod Security "${policy}", but ${failing.length} of ${all.length} violate it:\n${failing.map(describe).join('\n')}`,
    };
  },
  /**
   * Passes when the API server would admit every pod template in the subject: each is checked against the
   * `pod-security.kubernetes.io/<mode>` labels of its namespace, from the subject's Namespace objects or
   * `options.cluster`'s (`expect(chart).toBeAdmittedByPodSecurity({ cluster })`).
   */
  toBeAdmittedByPodSecurity(subject: unknown, options?: PodSecurityAdmissionMatcherOptions): MatcherResult {
    return admissionCheck(subject, options, true);
  },
  /** Passes when the API server would reject every pod template in the subject (the same evaluation as above). */
  toBeRejectedByPodSecurity(subject: unknown, options?: PodSecurityAdmissionMatcherOptions): MatcherResult {
    return admissionCheck(subject, options, false);
  },
};

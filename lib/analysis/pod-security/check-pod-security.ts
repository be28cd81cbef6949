// checkPodSecurity: evaluates the pod template of a Pod, a PodTemplateSpec or any workload against a Pod Security
// level and version, offline, with upstream's check IDs.
import { boundaryError, guardKnownKeys, guardObject } from '../../model/primitives/guard';
import { objectIdentity } from '../../validation/problem';
import { CheckFinding } from './checks/check';
import { upstreamWording } from './checks/details';
import { podShapeErrors } from './checks/pod-shape';
import { activeChecks } from './checks/registry';
import { obj, podView } from './checks/pod-view';
import { formatPolicyMinor, parsePodSecurityLevel, parsePodSecurityVersion, PodSecurityLevelName } from './levels';

/** Options of {@link checkPodSecurity}. */
export interface PodSecurityCheckOptions {
  /**
   * Policy version: `latest` or `v1.N` (as in the `pod-security.kubernetes.io/enforce-version` label). Versions newer
   * than the newest policy change evaluate as it, as upstream does.
   * @default 'latest'
   */
  readonly version?: string;
}

/** One field that violates the level. */
export interface PodSecurityViolation {
  /** Upstream's check ID: `privileged`, `hostNamespaces`, `runAsNonRoot`, `seccompProfile_restricted`, ... */
  readonly check: string;
  /** Upstream's short reason for the check: `privileged`, `host namespaces`, `runAsNonRoot != true`, ... */
  readonly reason: string;
  /** What is wrong: `container "app" must set securityContext.allowPrivilegeEscalation=false`. */
  readonly message: string;
  /** How to fix it. */
  readonly fix: string;
  /**
   * Path of the offending field in the object checked: `spec.template.spec.containers[0].securityContext.privileged`.
   */
  readonly fieldPath: string;
}

/** One failed check as kube-apiserver words it (upstream's CheckResult). */
export interface PodSecurityDenial {
  /** Upstream's check ID. */
  readonly check: string;
  /** Upstream's ForbiddenReason: `allowPrivilegeEscalation != false`, `forbidden AppArmor profiles`, ... */
  readonly reason: string;
  /**
   * Upstream's ForbiddenDetail, containers grouped: `containers "a", "b" must set
   * securityContext.allowPrivilegeEscalation=false`.
   */
  readonly detail: string;
}

/** The verdict of {@link checkPodSecurity}. */
export interface PodSecurityResult {
  /** True when no check is violated. */
  readonly allowed: boolean;
  /** The level checked. */
  readonly level: PodSecurityLevelName;
  /** The version asked for: `latest` or `v1.N`. */
  readonly version: string;
  /** The policy version the checks ran at: `v1.37` for `latest`. */
  readonly evaluatedVersion: string;
  /** Every violation, one per offending field, in upstream's check order then field order. */
  readonly violations: readonly PodSecurityViolation[];
  /** One entry per failed check, in upstream's order (baseline checks by ID, then restricted checks by ID). */
  readonly denials: readonly PodSecurityDenial[];
}

/** Where a kind keeps its pod template (`[]`: the object is the pod). */
const TEMPLATE_PATHS: { readonly [kind: string]: readonly string[] } = {
  Pod: [],
  PodTemplate: ['template'],
  Deployment: ['spec', 'template'],
  StatefulSet: ['spec', 'template'],
  DaemonSet: ['spec', 'template'],
  ReplicaSet: ['spec', 'template'],
  ReplicationController: ['spec', 'template'],
  Job: ['spec', 'template'],
  CronJob: ['spec', 'jobTemplate', 'spec', 'template'],
};

/**
 * True for a kind of {@link TEMPLATE_PATHS}: its own keys only (`kind in` also took `constructor`, `toString` and
 * `__proto__`, Object.prototype's members, and then failed on them with a TypeError).
 */
function isTemplateKind(kind: unknown): kind is string {
  return typeof kind === 'string' && Object.hasOwn(TEMPLATE_PATHS, kind);
}

/** The kinds whose pod template is checked, sorted. */
export const POD_TEMPLATE_KINDS: readonly string[] = Object.keys(TEMPLATE_PATHS).sort();

/** A pod template found in an object. */
export interface PodTemplateRef {
  /** The template's (or pod's) `metadata`. */
  readonly metadata: unknown;
  /** The template's (or pod's) `spec`. */
  readonly spec: unknown;
  /**
   * Path of the template in the object, with a trailing dot (`spec.template.`), or empty for a pod or bare template.
   */
  readonly prefix: string;
}

/**
 * False when no object of this `kind` has a pod template ({@link podTemplateOf} returns `undefined` for it whatever
 * else it holds): callers that group objects by kind skip whole kinds with it.
 */
export function mayHavePodTemplate(kind: unknown): boolean {
  return kind === undefined || isTemplateKind(kind);
}

/**
 * The pod template of a Pod (itself), a PodTemplateSpec (no `kind`, has `spec`), a PodTemplate (`.template`), a
 * Deployment, StatefulSet, DaemonSet, ReplicaSet, ReplicationController or Job (`.spec.template`) or a CronJob
 * (`.spec.jobTemplate.spec.template`); undefined for anything else or when the template has no `spec` object.
 */
export function podTemplateOf(subject: unknown): PodTemplateRef | undefined {
  const o = obj(subject);
  const kind = o.kind;
  let path: readonly string[];
  if (kind === undefined) {
    path = [];
  } else if (isTemplateKind(kind)) {
    path = TEMPLATE_PATHS[kind];
  } else {
    return undefined;
  }
  let t = o;
  for (const key of path) t = obj(t[key]);
  if (t.spec === null || typeof t.spec !== 'object' || Array.isArray(t.spec)) return undefined;
  return { metadata: t.metadata, spec: t.spec, prefix: path.length === 0 ? '' : `${path.join('.')}.` };
}

/**
 * Evaluates a pod template against a Pod Security level, like the Pod Security Admission controller would, offline.
 * `subject` is a Pod, a PodTemplateSpec or a workload (see {@link podTemplateOf}); field paths in the result are
 * relative to it.
 * @param level `privileged`, `baseline` or `restricted` (the `PodSecurityLevel` enum values work)
 * A field of the wrong JSON type (`privileged: "true"`, `capabilities.add: "NET_ADMIN"`, `hostNetwork: 1`, containers
 * not a list) is an error, as the API server refuses such an object; it is never read as absent:
 * `[Deployment shop/web] spec.template.spec.containers[0].securityContext.privileged: expected a boolean, got the
 * string "true"; fix: write privileged: true (a boolean, not a string); ...`.
 * @throws Error when the level or version is invalid, when `subject` has no pod template, or when a field the checks
 * read has the wrong type
 */
export function checkPodSecurity(
  subject: unknown,
  level: string,
  options: PodSecurityCheckOptions = {},
): PodSecurityResult {
  const lvl = parsePodSecurityLevel(level, 'checkPodSecurity');
  const opts = guardObject(options, 'checkPodSecurity', 'options', { expected: 'an options object { version? }' });
  guardKnownKeys(opts, ['version'], 'checkPodSecurity', 'options');
  const version = parsePodSecurityVersion(options.version ?? 'latest', 'checkPodSecurity', 'options.version');
  const template = podTemplateOf(subject);
  if (!template) {
    const id = objectIdentity(subject);
    const path = isTemplateKind(id.kind) ? [...TEMPLATE_PATHS[id.kind], 'spec'].join('.') : 'subject';
    throw boundaryError(
      'checkPodSecurity',
      path,
      `${id.kind}/${id.name} has no pod template; fix: pass a Pod, a PodTemplateSpec or a workload ` +
        `(${POD_TEMPLATE_KINDS.join(', ')}) with its template spec`,
    );
  }
  const shape = podShapeErrors(template.metadata, template.spec)[0];
  if (shape)
    throw boundaryError(
      subjectWhere(subject),
      template.prefix + shape.fieldPath,
      `${shape.problem}; fix: ${shape.fix}`,
    );
  const pod = podView(template.metadata, template.spec);
  const violations: PodSecurityViolation[] = [];
  const denials: PodSecurityDenial[] = [];
  for (const { check, evaluate } of activeChecks(lvl, version.minor)) {
    const findings: readonly CheckFinding[] = evaluate(pod);
    if (findings.length === 0) continue;
    const wording = upstreamWording(check.id, check.reason, findings);
    denials.push({ check: check.id, reason: wording.reason, detail: wording.detail });
    for (const f of findings) {
      violations.push({
        check: check.id,
        reason: wording.reason,
        message: f.message,
        fix: f.fix,
        fieldPath: template.prefix + f.fieldPath,
      });
    }
  }
  return {
    allowed: violations.length === 0,
    level: lvl,
    version: version.label,
    evaluatedVersion: formatPolicyMinor(version.minor),
    violations,
    denials,
  };
}

/** `Kind namespace/name` of the object checked, or the API name for a bare template. */
export function subjectWhere(subject: unknown): string {
  const id = objectIdentity(subject);
  if (id.kind === '<unknown>') return 'checkPodSecurity';
  return `${id.kind} ${id.namespace ? `${id.namespace}/` : ''}${id.name}`;
}

/**
 * Upstream's one-line summary, worded as kube-apiserver prints it (admission's `AggregateCheckResults` and
 * `ForbiddenDetail`: checks in upstream order, containers grouped):
 * `violates PodSecurity "restricted:latest": allowPrivilegeEscalation != false (containers "a", "b" must set
 * securityContext.allowPrivilegeEscalation=false), ...`; `allowed by PodSecurity "restricted:latest"` when nothing is
 * violated. The API server's denial of a pod reads `pods "x" is forbidden: ` followed by this text.
 */
export function describePodSecurityResult(result: PodSecurityResult): string {
  const policy = `"${result.level}:${result.version}"`;
  if (result.allowed) return `allowed by PodSecurity ${policy}`;
  const parts = result.denials.map((d) => (d.detail ? `${d.reason} (${d.detail})` : d.reason));
  return `violates PodSecurity ${policy}: ${parts.join(', ')}`;
}
